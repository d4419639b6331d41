"""Object rules for reports (documented in docs/authorization.md).

- The reporter (their account, or a browser session opened with the receipt code) sees everything of their own
  report in the portal, can message, withdraw consents and the report, and export it.
- A counsellor (``reports.view_report``) sees every report on the case pages; changes need ``change_report``.
- The report's ambassador sees only the fields the member consented to share, and only while both the
  connect_ambassador and share consents hold. Consent is read from the ledger on every request.
- Anyone else gets a 404, never a 403, so that the existence of a report does not leak.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from klankbord.consent.selectors import ConsentState, consent_state

from .models import Report
from .receipts import portal_report_id


@dataclass(frozen=True)
class Viewer:
    """Who is looking: a (possibly anonymous) user and, for receipt-code visitors, the one report they opened."""

    user: Any
    portal_report_id: int | None = None

    @classmethod
    def from_request(cls, request: HttpRequest) -> Viewer:
        return cls(request.user, portal_report_id(request))

    @property
    def account(self) -> Any:
        return self.user if getattr(self.user, "is_authenticated", False) else None

    @property
    def audit_label(self) -> str | None:
        return None if self.account else "reporter:receipt"


def is_counsellor(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm("reports.view_report"))


def is_reporter(viewer: Viewer, report: Report) -> bool:
    if viewer.portal_report_id is not None and viewer.portal_report_id == report.pk:
        return True
    account = viewer.account
    return account is not None and report.reporter_id is not None and report.reporter_id == account.pk


def ambassador_fields(user: Any, report: Report, state: ConsentState | None = None) -> frozenset[str]:
    """The fields this user may see as the report's ambassador: empty unless assigned and consented."""
    if not getattr(user, "is_authenticated", False) or report.ambassador_id != user.pk:
        return frozenset()
    return (state or consent_state(report_id=report.pk)).shared_fields()
