"""The case workflow as one explicit transition table (a ``core.workflow.Workflow``), enforced by
``report_transition``.

Each transition names who may take it:
- ``counsellor``: a user with ``reports.change_report`` (the counsellor handles the case);
- ``reporter``: the member themselves (their account, or their receipt-code session);
- ``ambassador``: reserved for the matching issue (accept/decline a request, support and aftercare steps).
History is appended (``ReportStatusChange``), never edited, and audited in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.core.workflow import UNKNOWN_STATE, Transition, Workflow, register

from .constants import FINAL_STATUSES, OPEN_STATUSES, ReportStatus
from .models import Report, ReportStatusChange

S = ReportStatus
COUNSELLOR = "counsellor"
REPORTER = "reporter"
AMBASSADOR = "ambassador"
SYSTEM = "system"
ACTOR_KINDS = frozenset({COUNSELLOR, REPORTER, AMBASSADOR, SYSTEM})

_t = Transition.to

_FORWARD: list[Transition] = [
    _t(S.RECEIVED, S.INTAKE, COUNSELLOR),
    _t(S.INTAKE, S.WAITING_FOR_CONSENT, COUNSELLOR),
    _t(S.INTAKE, S.MATCHING, COUNSELLOR),
    _t(S.WAITING_FOR_CONSENT, S.INTAKE, COUNSELLOR),
    _t(S.WAITING_FOR_CONSENT, S.MATCHING, COUNSELLOR, SYSTEM),
    _t(S.MATCHING, S.WAITING_FOR_CONSENT, COUNSELLOR, SYSTEM),
    _t(S.MATCHING, S.AMBASSADOR_REQUESTED, COUNSELLOR),
    _t(S.AMBASSADOR_REQUESTED, S.IN_SUPPORT, AMBASSADOR, COUNSELLOR),
    _t(S.AMBASSADOR_REQUESTED, S.MATCHING, AMBASSADOR, COUNSELLOR, SYSTEM),
    _t(S.IN_SUPPORT, S.PROFESSIONAL_HELP, AMBASSADOR, COUNSELLOR),
    _t(S.IN_SUPPORT, S.AFTERCARE, AMBASSADOR, COUNSELLOR),
    _t(S.IN_SUPPORT, S.MATCHING, COUNSELLOR, needs_reason=True),  # handover to another ambassador
    _t(S.PROFESSIONAL_HELP, S.IN_SUPPORT, AMBASSADOR, COUNSELLOR),
    _t(S.PROFESSIONAL_HELP, S.AFTERCARE, AMBASSADOR, COUNSELLOR),
    _t(S.AFTERCARE, S.IN_SUPPORT, AMBASSADOR, COUNSELLOR),
    _t(S.CLOSED, S.INTAKE, COUNSELLOR, needs_reason=True),  # reopened
    _t(S.WITHDRAWN, S.INTAKE, COUNSELLOR, needs_reason=True),  # the member came back
]
# The member withdrew their consent to an ambassador: the request or the support ends and the case waits until the
# member consents again and a counsellor makes a new, explicit match (matching's consent-withdrawal hook).
_CONSENT_ENDED = [
    _t(source, S.WAITING_FOR_CONSENT, SYSTEM)
    for source in (S.AMBASSADOR_REQUESTED, S.IN_SUPPORT, S.PROFESSIONAL_HELP, S.AFTERCARE)
]
# Closing: the counsellor may close any open case (e.g. advice given, or after aftercare), with a reason.
_CLOSE = [_t(source, S.CLOSED, COUNSELLOR, needs_reason=True) for source in OPEN_STATUSES]
# The member keeps control: they may withdraw from any open state; a counsellor may record it on their behalf.
_WITHDRAW = [_t(source, S.WITHDRAWN, REPORTER, COUNSELLOR) for source in OPEN_STATUSES]

# The action of each row is its target status: a report moves "to" a status.
REPORT_WORKFLOW = register(
    Workflow(
        name="reports.report",
        states=ReportStatus,
        initial=S.RECEIVED,
        transitions=tuple(_FORWARD + _CONSENT_ENDED + _CLOSE + _WITHDRAW),
        refusal=_("Een melding met status '%(from)s' kan niet naar '%(to)s'."),
    )
)
TRANSITIONS = REPORT_WORKFLOW.table  # (from status, to status) -> transition


def allowed_targets(status: str, actor_kind: str) -> list[str]:
    """Statuses reachable from ``status`` for this kind of actor, in the order of ``ReportStatus``."""
    return REPORT_WORKFLOW.targets(status, actor_kind)


def _check(report: Report, to_status: str, actor_kind: str, reason: str) -> Transition:
    if to_status not in ReportStatus.values:
        raise DomainError(_("Onbekende status."), code=UNKNOWN_STATE)
    return REPORT_WORKFLOW.check(report.status, to_status, by=actor_kind, reason=reason)


def report_transition(
    *, actor: Any, report: Report, to_status: str, reason: str = "", actor_kind: str = COUNSELLOR
) -> ReportStatusChange:
    """Move ``report`` to ``to_status`` if the table allows it for ``actor_kind``; append history and audit.

    The row is locked first so that two simultaneous transitions cannot both start from the same status.
    ``actor`` is None only for a reporter acting through a receipt code or for the system.
    """
    if actor_kind not in ACTOR_KINDS:
        raise ValueError(f"unknown actor kind {actor_kind!r}")
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        _check(locked, to_status, actor_kind, reason)
        now = timezone.now()
        change = ReportStatusChange.objects.create(
            report=locked,
            from_status=locked.status,
            to_status=to_status,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            actor_kind=actor_kind,
            reason=reason.strip(),
            at=now,
        )
        Report.objects.filter(pk=locked.pk).update(status=to_status, status_changed_at=now)
        audit_log(
            actor=actor,
            action="reports.report.transitioned",
            target=locked,
            data={"from": change.from_status, "to": to_status, "by": actor_kind},
            actor_label=None if getattr(actor, "is_authenticated", False) else f"{actor_kind}:anonymous",
        )
        if to_status in FINAL_STATUSES:
            locked.status = to_status
            for hook in _FINAL_HOOKS:
                hook(report=locked, actor=actor)
    report.status, report.status_changed_at = to_status, now
    return change


FinalHook = Callable[..., object]
_FINAL_HOOKS: list[FinalHook] = []


def on_report_final(hook: FinalHook) -> FinalHook:
    """Register ``hook(*, report, actor)``, run inside the transaction that closes or withdraws a report.

    Apps that build on reports (matching, support, signals) register here from ``AppConfig.ready`` so that
    every path to a final status (the case page, the portal's withdrawal, the support page) ends assignments,
    cancels check-ins and records statistics the same way. Registration is explicit and listed in
    docs/architecture.md; the hooks run in registration order.
    """
    if hook not in _FINAL_HOOKS:
        _FINAL_HOOKS.append(hook)
    return hook
