"""The decision on an application, in two steps: proposed, then confirmed; the mail leaves only on confirmation.

A decision rests on the committee's independent judgement, so it needs that judgement to be complete:
- accepting needs an interview that has taken place (its start has passed) and has a report;
- after an interview with a panel, every panel member must have scored the five competences or recused
  (declared a conflict of interest with a reason) before any decision is proposed or confirmed.
A proposal can be withdrawn (with a reason, audited) until it is confirmed; until then nothing has left the
association, so an accidental choice costs nothing. Confirming checks everything again, changes the status,
and writes the mail to the applicant in the same transaction.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from klankbord.accounts.types import User
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_send

from ..constants import ApplicationStatus, Decision, InterviewStatus
from ..models import Application, CommitteeConflict, Interview, Onboarding, Score
from ..permissions import can_decide
from ..workflow import transition_check
from .procedure import end_procedure, status_change

DECISION_STATUS = {
    Decision.ACCEPTED: ApplicationStatus.ACCEPTED,
    Decision.RESERVE: ApplicationStatus.RESERVE,
    Decision.REJECTED: ApplicationStatus.REJECTED,
}


def _held_interviews(application: Application) -> list[Interview]:
    interviews = application.interviews.filter(status=InterviewStatus.HELD, starts_at__lte=timezone.now())
    return list(interviews.prefetch_related("panel"))


def _check_accept(application: Application, held: list[Interview]) -> None:
    if not held:
        raise DomainError(
            _(
                "Aannemen kan pas na een gesprek dat heeft plaatsgevonden en waarvan het verslag is vastgelegd."
            ),
            code="no_interview",
        )


def panel_members_pending(application: Application) -> list[User]:
    """Panel members of the held interviews who have neither scored nor recused with a reason."""
    members = {
        member.pk: member for interview in _held_interviews(application) for member in interview.panel.all()
    }
    scored = set(
        Score.objects.filter(application=application, member_id__in=members).values_list(
            "member_id", flat=True
        )
    )
    recused = {
        conflict.member_id
        for conflict in CommitteeConflict.objects.filter(application=application, member_id__in=members)
        if conflict.reason.strip()
    }
    return [member for pk, member in sorted(members.items()) if pk not in scored | recused]


def _check_ready(application: Application, decision: str) -> None:
    if decision not in Decision.values:
        raise DomainError(_("Kies aannemen, reserve of afwijzen."), code="decision")
    if decision == Decision.ACCEPTED and not _held_interviews(application):
        raise DomainError(
            _(
                "Aannemen kan pas na een gesprek dat heeft plaatsgevonden en waarvan het verslag is vastgelegd."
            ),
            code="no_interview",
        )
    transition_check(application.status, DECISION_STATUS[Decision(decision)])
    pending = panel_members_pending(application)
    if pending:
        names = ", ".join(member.display_name or member.email for member in pending)
        raise DomainError(
            _("Nog niet alle panelleden hebben beoordeeld of zich teruggetrokken: %(names)s.")
            % {"names": names},
            code="panel_incomplete",
        )


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def application_decision_propose(*, actor: User, application: Application, decision: str) -> Application:
    """Step one: record the proposed decision. Nothing changes for the applicant yet and no mail leaves."""
    if not can_decide(actor):
        raise PermissionDenied
    application = _locked(application)
    if application.proposed_decision:
        raise DomainError(
            _("Er ligt al een voorgesteld besluit; bevestig of trek het eerst in."), code="proposed"
        )
    _check_ready(application, decision)
    application.proposed_decision, application.proposed_at, application.proposed_by = (
        decision,
        timezone.now(),
        actor,
    )
    application.save(update_fields=["proposed_decision", "proposed_at", "proposed_by"])
    audit_log(
        actor=actor,
        action="recruitment.application.decision_proposed",
        target=application,
        data={"decision": decision},
    )
    return application


@transaction.atomic
def application_decision_withdraw(*, actor: User, application: Application, reason: str) -> Application:
    """Take back a proposed decision before it is confirmed (an accidental choice), with a reason on record."""
    if not can_decide(actor):
        raise PermissionDenied
    application = _locked(application)
    if not application.proposed_decision:
        raise DomainError(_("Er is geen voorgesteld besluit om in te trekken."), code="not_proposed")
    if not reason.strip():
        raise DomainError(_("Schrijf kort waarom het voorstel wordt ingetrokken."), code="reason")
    decision = application.proposed_decision
    application.proposed_decision, application.proposed_at, application.proposed_by = "", None, None
    application.save(update_fields=["proposed_decision", "proposed_at", "proposed_by"])
    audit_log(
        actor=actor,
        action="recruitment.application.decision_withdrawn",
        target=application,
        data={"decision": decision, "reason_length": len(reason.strip())},
    )
    return application


def _mail_context(application: Application) -> dict[str, str | int]:
    if application.retain_until is None:
        return {}
    with translation.override(application.language):
        until = formats.date_format(timezone.localtime(application.retain_until), "j F Y")
    return {"kept": int(application.consent_keep), "retain_until": until}


@transaction.atomic
def application_decision_confirm(*, actor: User, application: Application) -> Application:
    """Step two: the second look. Checks again, then the status changes and the applicant's mail is written."""
    if not can_decide(actor):
        raise PermissionDenied
    application = _locked(application)
    decision = application.proposed_decision
    if not decision:
        raise DomainError(_("Er is geen voorgesteld besluit om te bevestigen."), code="not_proposed")
    _check_ready(application, decision)
    status_change(application, DECISION_STATUS[Decision(decision)])
    application.decision, application.decided_at, application.decided_by = decision, timezone.now(), actor
    application.proposed_decision = ""
    if decision == Decision.ACCEPTED:
        onboarding, created = Onboarding.objects.get_or_create(application=application)
        if created:  # the checklist starts with the vacancy's region ticked
            onboarding.regions.set([application.vacancy.region])
    else:
        end_procedure(application)
    application.save(
        update_fields=[
            "status",
            "decision",
            "decided_at",
            "decided_by",
            "proposed_decision",
            "procedure_ended_at",
            "retain_until",
        ]
    )
    audit_log(
        actor=actor,
        action="recruitment.application.decided",
        target=application,
        data={"decision": decision, "proposed_by": application.proposed_by_id},
    )
    mail_send(
        to=application.email,
        template=f"recruitment_decision_{decision}",
        context=_mail_context(application),
        language=application.language,
    )
    return application
