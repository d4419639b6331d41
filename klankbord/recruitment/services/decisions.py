"""The decision on an application, with the templated mail to the applicant (Dutch or English)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.accounts.types import User
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_send

from ..constants import ApplicationStatus, Decision, InterviewStatus
from ..models import Application, Onboarding
from ..permissions import can_decide
from .procedure import end_procedure, status_change

DECISION_STATUS = {
    Decision.ACCEPTED: ApplicationStatus.ACCEPTED,
    Decision.RESERVE: ApplicationStatus.RESERVE,
    Decision.REJECTED: ApplicationStatus.REJECTED,
}


def _check_accept(application: Application) -> None:
    if not application.interviews.filter(status=InterviewStatus.HELD).exists():
        raise DomainError(
            _("Aannemen kan pas na een gehouden selectiegesprek met een vastgelegd verslag."),
            code="no_interview",
        )


@transaction.atomic
def application_decide(*, actor: User, application: Application, decision: str) -> Application:
    """Accept (onboarding starts), put on reserve or reject (the procedure ends); mail the applicant."""
    if not can_decide(actor):
        raise PermissionDenied
    if decision not in Decision.values:
        raise DomainError(_("Kies aannemen, reserve of afwijzen."), code="decision")
    application = Application.objects.select_for_update().get(pk=application.pk)
    if decision == Decision.ACCEPTED:
        _check_accept(application)
    status_change(application, DECISION_STATUS[Decision(decision)])
    application.decision, application.decided_at, application.decided_by = decision, timezone.now(), actor
    if decision == Decision.ACCEPTED:
        Onboarding.objects.get_or_create(application=application)
    else:
        end_procedure(application)
    application.save(
        update_fields=["status", "decision", "decided_at", "decided_by", "procedure_ended_at", "retain_until"]
    )
    audit_log(
        actor=actor, action="recruitment.application.decided", target=application, data={"decision": decision}
    )
    mail_send(
        to=application.email, template=f"recruitment_decision_{decision}", language=application.language
    )
    return application
