"""Onboarding an accepted applicant: the checklist, then the ambassador account and profile.

The account has no password: the welcome mail holds a link into allauth's set-password (reset) flow, so only
the new ambassador ever knows it. The ambassador role requires MFA, so the mandatory-MFA middleware sends them
to enrolment at their first login. The application's data is carried into the ambassador profile.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import Role
from klankbord.accounts.services import user_assign_role, user_create
from klankbord.accounts.types import Actor, User
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_send
from klankbord.geo.models import Region

from ..constants import ApplicationStatus, Competence
from ..models import Application, Onboarding, Score
from ..permissions import can_onboard
from . import profile
from .procedure import end_procedure, status_change

MAX_CAPACITY = 10


@dataclass(frozen=True)
class Checklist:
    vog_received: bool
    pledge_signed: bool
    training_followed: bool
    regions: list[Region]
    capacity: int


def _stamp(current: datetime | None, ticked: bool, now: datetime) -> datetime | None:
    if not ticked:
        return None
    return current or now


@transaction.atomic
def onboarding_update(*, actor: Actor, onboarding: Onboarding, checklist: Checklist) -> Onboarding:
    """Tick (or untick) the checklist items; a ticked item keeps the moment it was first ticked."""
    if not can_onboard(actor):
        raise PermissionDenied
    if onboarding.account_id is not None:
        raise DomainError(_("Het account is al aangemaakt; de checklist is afgerond."), code="done")
    if not 1 <= checklist.capacity <= MAX_CAPACITY:
        raise DomainError(
            _("Kies een capaciteit van 1 tot en met %(max)d.") % {"max": MAX_CAPACITY}, code="capacity"
        )
    if any(not region.scheme.is_active for region in checklist.regions):
        raise DomainError(_("Kies regio’s van de actieve regio-indeling."), code="scheme")
    now = timezone.now()
    onboarding.vog_received_at = _stamp(onboarding.vog_received_at, checklist.vog_received, now)
    onboarding.pledge_signed_at = _stamp(onboarding.pledge_signed_at, checklist.pledge_signed, now)
    onboarding.training_followed_at = _stamp(
        onboarding.training_followed_at, checklist.training_followed, now
    )
    onboarding.capacity = checklist.capacity
    onboarding.save()
    onboarding.regions.set(checklist.regions)
    audit_log(
        actor=actor,
        action="recruitment.onboarding.updated",
        target=onboarding,
        data={
            "vog": checklist.vog_received,
            "pledge": checklist.pledge_signed,
            "training": checklist.training_followed,
            "regions": sorted(region.pk for region in checklist.regions),
            "capacity": checklist.capacity,
        },
    )
    return onboarding


def mean_competence_scores(application: Application) -> dict[str, int]:
    """The committee's mean per competence, rounded to the 1-5 scale (empty without scores)."""
    scores = list(Score.objects.filter(application=application))
    if not scores:
        return {}
    return {c.value: round(statistics.fmean(getattr(s, c.value) for s in scores)) for c in Competence}


def set_password_path(user: User) -> str:
    """A site-relative link into allauth's password-reset-from-key view (valid PASSWORD_RESET_TIMEOUT)."""
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    return path.replace("UID-KEY", key)


def _check_ready(onboarding: Onboarding, regions: Iterable[Region]) -> None:
    if not onboarding.checklist_complete or not list(regions):
        raise DomainError(
            _("Vink eerst alle punten van de checklist af en kies minstens één regio."), code="incomplete"
        )


def _account_for(actor: Actor, application: Application) -> tuple[User, bool]:
    """(user, created): a new passwordless ambassador account, or the ambassador role on an existing one."""
    role = Role.objects.get(slug=RoleSlug.AMBASSADOR)
    existing = User.objects.filter(email__iexact=application.email.strip()).first()
    if existing is not None:
        user_assign_role(actor=actor, user=existing, role=role)
        return existing, False
    user = user_create(
        actor=actor,
        email=application.email,
        display_name=application.name,
        preferred_language=application.language,
        roles=[role],
        email_verified=True,
    )
    return user, True


@transaction.atomic
def onboarding_complete(*, actor: Actor, application: Application) -> User:
    """Create the ambassador account and profile from the application, and mail the set-password link."""
    if not can_onboard(actor):
        raise PermissionDenied
    application = Application.objects.select_for_update().get(pk=application.pk)
    onboarding = Onboarding.objects.select_for_update().get(application=application)
    regions = list(onboarding.regions.all())
    _check_ready(onboarding, regions)
    status_change(application, ApplicationStatus.ONBOARDED)
    user, created = _account_for(actor, application)
    profile.ambassador_profile_create(
        actor=actor,
        user=user,
        application=application,
        regions=regions,
        capacity=onboarding.capacity,
        scores=mean_competence_scores(application),
    )
    onboarding.account, onboarding.account_created_at = user, timezone.now()
    onboarding.save(update_fields=["account", "account_created_at"])
    end_procedure(application)
    application.save(update_fields=["status", "procedure_ended_at", "retain_until"])
    audit_log(
        actor=actor,
        action="recruitment.onboarding.completed",
        target=application,
        data={"user": user.pk, "new_account": created},
    )
    if created:
        mail_send(
            to=user.email,
            template="recruitment_welcome",
            context={"path": set_password_path(user)},
            language=application.language,
        )
    else:
        mail_send(to=user.email, template="recruitment_role_added", language=application.language)
    return user
