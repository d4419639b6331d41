"""The committee's writes: an independent score per member, and declaring a conflict of interest."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from klankbord.accounts.types import User
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError

from ..constants import Competence, Recommendation
from ..models import Application, CommitteeConflict, Interview, Score
from ..permissions import is_scorer
from ..workflow import IN_SELECTION


def _check_can_judge(actor: User, application: Application) -> None:
    if not is_scorer(actor):
        raise PermissionDenied
    if CommitteeConflict.objects.filter(application=application, member=actor).exists():
        raise PermissionDenied
    if application.status not in IN_SELECTION:
        raise DomainError(_("Deze sollicitatie wordt niet meer beoordeeld."), code="not_in_selection")


def _check_values(values: dict[str, int], recommendation: str) -> None:
    if set(values) != set(Competence.values) or not all(
        isinstance(value, int) and 1 <= value <= 5 for value in values.values()
    ):
        raise DomainError(_("Geef elke competentie een score van 1 tot en met 5."), code="scores")
    if recommendation not in Recommendation.values:
        raise DomainError(_("Kies een advies."), code="recommendation")


def score_submit(
    *, actor: User, application: Application, values: dict[str, int], recommendation: str, remarks: str = ""
) -> Score:
    """Record the member's score once. It cannot be changed afterwards: that keeps the scoring independent."""
    _check_can_judge(actor, application)
    _check_values(values, recommendation)
    try:
        with transaction.atomic():
            score = Score.objects.create(
                application=application,
                member=actor,
                recommendation=recommendation,
                remarks=remarks,
                **values,
            )
            audit_log(
                actor=actor,
                action="recruitment.score.submitted",
                target=application,
                data={"score": score.pk},
            )
    except IntegrityError as error:
        raise DomainError(_("U heeft deze kandidaat al beoordeeld."), code="already_scored") from error
    return score


@transaction.atomic
def conflict_declare(*, actor: User, application: Application, reason: str = "") -> CommitteeConflict:
    """The member steps aside for this applicant. A score they already gave is withdrawn with it."""
    if not is_scorer(actor):
        raise PermissionDenied
    on_panel = Interview.objects.filter(application=application, panel=actor).exists()
    if on_panel and not reason.strip():
        raise DomainError(
            _(
                "U zat in het gesprekspanel: geef een reden, zodat het besluit zonder uw beoordeling kan "
                "worden genomen."
            ),
            code="reason",
        )
    conflict, created = CommitteeConflict.objects.get_or_create(
        application=application, member=actor, defaults={"reason": reason}
    )
    if created:
        withdrawn, _rows = Score.objects.filter(application=application, member=actor).delete()
        audit_log(
            actor=actor,
            action="recruitment.conflict.declared",
            target=application,
            data={"score_withdrawn": bool(withdrawn)},
        )
    return conflict
