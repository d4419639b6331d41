"""What reports contributes to the role homes (``core.homes``): the counsellor's inbox and talk requests, the
coordinator's open cases per phase and response times; and where a member with reports lands after login.

Each provider runs a fixed number of queries, however many reports there are.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from klankbord.core.charts import bars

from .constants import FIRST_RESPONSE_WORKING_DAYS, InboxTab, ReportStatus
from .selectors import (
    first_response_figures,
    inbox_reports,
    inbox_tab_counts,
    open_reports_per_status,
    reporter_has_reports,
    talk_requests_open,
)
from .services import reports_listed

INBOX_ROWS = 8
RESPONSE_WINDOW_DAYS = 90


def counsellor_inbox(user: Any) -> dict[str, Any]:
    """Acute and overdue reports on top (the inbox's order), with the counts of each inbox list."""
    today = timezone.localdate()
    counts = inbox_tab_counts(user=user, today=today)
    inbox = reverse("reports:inbox")
    tabs = [
        {"label": tab.label, "count": counts[tab.value], "url": f"{inbox}?tab={tab.value}"}
        for tab in (InboxTab.URGENT, InboxTab.OVERDUE, InboxTab.NEW, InboxTab.MINE)
    ]
    reports = list(inbox_reports(user=user, tab=InboxTab.OPEN, today=today)[:INBOX_ROWS])
    # A list that shows case data is a read, on the home as in the inbox.
    reports_listed(actor=user, object_type="reports.report", ids=[r.pk for r in reports], context="home")
    return {"tabs": tabs, "reports": reports, "today": today, "now": timezone.now(), "open": counts["open"]}


def counsellor_talk_requests(user: Any) -> dict[str, Any]:
    requests = list(talk_requests_open().order_by("created_at")[:5])
    reports_listed(
        actor=user, object_type="reports.talkrequest", ids=[t.pk for t in requests], context="home"
    )
    return {"requests": requests, "count": talk_requests_open().count()}


def coordinator_cases_by_phase(user: Any) -> dict[str, Any]:
    counts = open_reports_per_status()
    chart = bars(
        (status.label, counts.get(status.value, 0), "") for status in ReportStatus if status.value in counts
    )
    return {"chart": chart, "total": sum(counts.values())}


def coordinator_response_times(user: Any) -> dict[str, Any]:
    figures = first_response_figures(since=timezone.now() - timedelta(days=RESPONSE_WINDOW_DAYS))
    share = round(100 * figures["in_time"] / figures["responded"]) if figures["responded"] else None
    return {
        **figures,
        "share": share,
        "late": figures["responded"] - figures["in_time"],
        "days": RESPONSE_WINDOW_DAYS,
        "target_days": FIRST_RESPONSE_WORKING_DAYS,
    }


def member_landing(user: Any) -> str | None:
    """A council member with reports lands on their reports; without, on the public home."""
    return reverse("reports:mine") if reporter_has_reports(user=user) else None
