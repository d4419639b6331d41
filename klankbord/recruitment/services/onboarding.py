"""Onboarding an accepted applicant: the checklist, then the ambassador account and profile.

The account has no password: the welcome mail holds a link into allauth's set-password (reset) flow, so only
the new ambassador ever knows it. The ambassador role requires MFA, so the mandatory-MFA middleware sends them
to enrolment at their first login. The application's data is carried into the ambassador profile.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import Role
from klankbord.accounts.selectors import users_with_permission
from klankbord.accounts.services import user_assign_role, user_create
from klankbord.accounts.types import Actor, User
from klankbord.ambassadors.selectors import ambassadors_with_vog_due
from klankbord.ambassadors.services import ambassador_vog_reminded
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_send, mail_user
from klankbord.geo.models import Region

from .. import selectors
from ..constants import VOG_MAX_AGE, VOG_REMIND_DAYS, VOG_RENEW_AFTER_YEARS, ApplicationStatus, Competence
from ..models import Application, Onboarding, Score
from ..permissions import ONBOARD_AMBASSADORS, can_onboard
from . import profile
from .procedure import end_procedure, status_change
from .vacancies import vacancy_close_when_filled

MAX_CAPACITY = 10


@dataclass(frozen=True)
class Checklist:
    """What the coordinator records: the VOG's date of issue, the day the pledge was signed, the training."""

    vog_issued_on: date | None
    pledge_signed_on: date | None
    training_followed: bool
    regions: list[Region]
    capacity: int


def _stamp(current: datetime | None, ticked: bool, now: datetime) -> datetime | None:
    if not ticked:
        return None
    return current or now


def vog_valid_until(issued_on: date) -> date:
    """The day by which a VOG must be renewed: ``VOG_RENEW_AFTER_YEARS`` after its issue (29 Feb -> 28 Feb)."""
    try:
        return issued_on.replace(year=issued_on.year + VOG_RENEW_AFTER_YEARS)
    except ValueError:
        return issued_on.replace(year=issued_on.year + VOG_RENEW_AFTER_YEARS, day=28)


def _check_dates(checklist: Checklist, today: date) -> None:
    issued, signed = checklist.vog_issued_on, checklist.pledge_signed_on
    if (issued and issued > today) or (signed and signed > today):
        raise DomainError(_("Een datum op de checklist kan niet in de toekomst liggen."), code="future")
    if issued and issued < today - VOG_MAX_AGE:
        raise DomainError(
            _("De VOG is ouder dan drie maanden; vraag de kandidaat om een nieuwe."), code="vog_too_old"
        )


def _record_vog(onboarding: Onboarding, issued_on: date | None, actor: Actor, now: datetime) -> None:
    if issued_on == onboarding.vog_issued_on:
        return
    onboarding.vog_issued_on = issued_on
    onboarding.vog_valid_until = vog_valid_until(issued_on) if issued_on else None
    onboarding.vog_received_at = now if issued_on else None
    onboarding.vog_checked_by = actor if issued_on and isinstance(actor, User) else None


def _record_pledge(onboarding: Onboarding, signed_on: date | None, actor: Actor, now: datetime) -> None:
    if signed_on == onboarding.pledge_signed_on:
        return
    onboarding.pledge_signed_on = signed_on
    onboarding.pledge_signed_at = now if signed_on else None
    onboarding.pledge_checked_by = actor if signed_on and isinstance(actor, User) else None


@transaction.atomic
def onboarding_update(*, actor: Actor, onboarding: Onboarding, checklist: Checklist) -> Onboarding:
    """Record the checklist: the VOG's issue date (its renewal date follows), the day the pledge was signed, the
    training; each with who checked it and when. An unchanged date keeps who checked it first."""
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
    _check_dates(checklist, timezone.localdate(now))
    _record_vog(onboarding, checklist.vog_issued_on, actor, now)
    _record_pledge(onboarding, checklist.pledge_signed_on, actor, now)
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
            "vog_issued_on": checklist.vog_issued_on.isoformat() if checklist.vog_issued_on else None,
            "pledge_signed_on": checklist.pledge_signed_on.isoformat()
            if checklist.pledge_signed_on
            else None,
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


def _close_if_filled(actor: Actor, application: Application) -> None:
    vacancy = application.vacancy
    onboarded = vacancy.applications.filter(status=ApplicationStatus.ONBOARDED).count()
    shortfall = selectors.coverage_row(region_pk=vacancy.region_id).shortfall
    vacancy_close_when_filled(actor=actor, vacancy=vacancy, shortfall=shortfall, onboarded=onboarded)


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
        vog=(onboarding.vog_issued_on, onboarding.vog_valid_until),
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
    _close_if_filled(actor, application)
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


@dataclass(frozen=True)
class VogReminders:
    ambassadors: int
    mails: int


@transaction.atomic
def vog_reminders_send(*, today: date | None = None, within_days: int = VOG_REMIND_DAYS) -> VogReminders:
    """Once per VOG: tell the ambassador, and those who onboard ambassadors, that it must be renewed soon."""
    today = today or timezone.localdate()
    due = list(ambassadors_with_vog_due(today=today, within_days=within_days))
    staff = list(users_with_permission(ONBOARD_AMBASSADORS))
    mails = 0
    for ambassador in due:
        user, valid_until = ambassador.user, ambassador.vog_valid_until or today
        if user.is_active and user.email:
            language = getattr(user, "preferred_language", "nl") or "nl"
            with translation.override(language):
                context = {"valid_until": formats.date_format(valid_until, "j F Y")}
            mail_send(
                to=user.email,
                template="recruitment_vog_renewal",
                context=context,
                language=language,
                recipient_name=(user.display_name or "")[:100],
            )
            mails += 1
        for member in staff:
            path = reverse("ambassadors:detail", kwargs={"pk": ambassador.pk})
            mail_user(user=member, template="generic_notice", path=path)
            mails += 1
        ambassador_vog_reminded(ambassador=ambassador, on=today)
    return VogReminders(ambassadors=len(due), mails=mails)
