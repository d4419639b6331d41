"""Who may do what in support (documented in docs/authorization.md).

- An ambassador (``support.add_contactmoment``) sees a case only through an assignment of their own: the request
  page while it is requested, the support page once accepted; only the consented fields. Anything else: 404.
- A counsellor (``reports.view_report``) sees every case's support page and handles escalations.
- The coordinator keeps the directory of help (``support.manage_referral_resources``).
- The member fills in the closing evaluation from their portal.
"""

from __future__ import annotations

SUPPORT_CASES = "support.add_contactmoment"  # the ambassador's support work
VIEW_ESCALATIONS = "support.view_escalation"  # the counsellor
MANAGE_RESOURCES = "support.manage_referral_resources"  # the coordinator
VIEW_REPORT = "reports.view_report"
