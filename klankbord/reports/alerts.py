"""The banner for acute reports: on every counsellor's pages until a counsellor claims the report."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klankbord.core.dashboard import Alert

from .constants import InboxTab
from .selectors import unclaimed_acute_reports


def acute_report_alerts(user: Any) -> list[Alert]:
    """One alert while acute reports wait for someone to claim them; it links to the report when there is one."""
    waiting = unclaimed_acute_reports().aggregate(count=Count("pk"), first=Min("pk"))  # one query per page
    count = waiting["count"]
    if not count:
        return []
    text = ngettext(
        "Een melding van acuut gevaar is nog door niemand opgepakt.",
        "%(count)d meldingen van acuut gevaar zijn nog door niemand opgepakt.",
        count,
    ) % {"count": count}
    if count == 1:
        return [Alert(text, reverse("reports:case", kwargs={"pk": waiting["first"]}), _("Open de melding"))]
    return [
        Alert(
            text, f"{reverse('reports:inbox')}?tab={InboxTab.URGENT.value}", _("Bekijk de urgente meldingen")
        )
    ]
