"""Writes about users, roles and second factors. Each runs in one transaction and writes its audit entry in it.

Audit data holds primitives only: field names, role codes, language codes; never a name or a secret.
"""

from __future__ import annotations

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils.translation import gettext as _

from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError

from ..constants import Language
from ..models import Role, User
from ..types import Actor
from ._common import forget_cached_access
from .grants import user_assign_role

DISPLAY_NAME_MAX = User._meta.get_field("display_name").max_length or 120


def _clean_display_name(display_name: str) -> str:
    cleaned = " ".join(display_name.split())
    if len(cleaned) > DISPLAY_NAME_MAX:
        raise DomainError(
            _("Een naam mag hoogstens %(max)d tekens lang zijn.") % {"max": DISPLAY_NAME_MAX},
            code="max_length",
        )
    return cleaned


def _check_language(preferred_language: str) -> None:
    if preferred_language not in Language.values:
        raise DomainError(_("Kies Nederlands of English als taal."), code="invalid_choice")


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    email: str,
    password: str | None = None,
    display_name: str = "",
    preferred_language: str = Language.DUTCH,
    roles: Iterable[Role] = (),
    email_verified: bool = False,
    is_staff: bool = False,
) -> User:
    """Create a user with a primary e-mail address and roles (a role that reads case data only as a pending
    grant: see ``grants``). ``email_verified``: the caller vouches for the
    address (the admin may: without a password the only way in is a reset link mailed to it).

    Without a password the account gets an unusable one: the person sets it through "wachtwoord vergeten",
    so nobody else ever knows it.
    """
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(_("Er bestaat al een account met dit e-mailadres."), code="email_taken")
    _check_language(preferred_language)
    user = User.objects.create_user(
        email,
        password,
        display_name=_clean_display_name(display_name),
        preferred_language=preferred_language,
        is_staff=is_staff,
    )
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=email_verified)
    roles = list(roles)
    audit_log(
        actor=actor,
        action="accounts.user.created",
        target=user,
        data={
            "roles": sorted(role.slug for role in roles),
            "email_verified": email_verified,
            "is_staff": is_staff,
        },
    )
    for role in roles:  # a role that reads case data waits for a second person (grants.user_assign_role)
        user_assign_role(actor=actor, user=user, role=role)
    return user


@transaction.atomic
def user_update_profile(*, user: User, display_name: str, preferred_language: str) -> list[str]:
    """The user's own profile: name and language. Returns the names of the fields that changed."""
    display_name = _clean_display_name(display_name)
    _check_language(preferred_language)
    changed = [
        field
        for field, value in (("display_name", display_name), ("preferred_language", preferred_language))
        if getattr(user, field) != value
    ]
    if not changed:
        return []
    user.display_name, user.preferred_language = display_name, preferred_language
    user.save(update_fields=changed)
    audit_log(
        actor=user,
        action="accounts.user.updated",
        target=user,
        data={"fields": changed, "preferred_language": preferred_language},
    )
    return changed


@transaction.atomic
def user_update_account(
    *,
    actor: Actor,
    user: User,
    display_name: str,
    preferred_language: str,
    is_active: bool,
    is_staff: bool,
) -> list[str]:
    """What an administrator may change about an account (roles have their own services)."""
    values = {
        "display_name": _clean_display_name(display_name),
        "preferred_language": preferred_language,
        "is_active": is_active,
        "is_staff": is_staff,
    }
    _check_language(preferred_language)
    current = User.objects.select_for_update().get(pk=user.pk)
    changed = [field for field, value in values.items() if getattr(current, field) != value]
    for field, value in values.items():
        setattr(user, field, value)
    if not changed:
        return []
    user.save(update_fields=changed)
    forget_cached_access(user)
    data: dict[str, object] = {"fields": changed}
    data.update({field: values[field] for field in ("is_active", "is_staff") if field in changed})
    audit_log(actor=actor, action="accounts.user.updated", target=user, data=data)
    return changed


@transaction.atomic
def role_update(*, actor: Actor, role: Role, description: str, requires_mfa: bool) -> list[str]:
    """Only a role's description and MFA requirement are editable; its permissions come from roles.py."""
    current = Role.objects.select_for_update().get(pk=role.pk)
    changed = [
        field
        for field, value in (("description", description), ("requires_mfa", requires_mfa))
        if getattr(current, field) != value
    ]
    role.description, role.requires_mfa = description, requires_mfa
    if not changed:
        return []
    role.save(update_fields=changed)
    audit_log(
        actor=actor,
        action="accounts.role.updated",
        target=role,
        data={"fields": changed, "requires_mfa": requires_mfa},
    )
    return changed


@transaction.atomic
def authenticator_delete(*, actor: Actor, authenticator: Authenticator) -> None:
    """Remove a second factor (e.g. a lost phone). Recovery codes without another factor go with it.

    A user whose role requires MFA is then sent to enrolment again at their next request.
    """
    user_id, kind = authenticator.user_id, authenticator.type
    authenticator.delete()
    remaining = Authenticator.objects.filter(user_id=user_id)
    if not remaining.exclude(type=Authenticator.Type.RECOVERY_CODES).exists():
        remaining.delete()
    audit_log(
        actor=actor,
        action="accounts.authenticator.deleted",
        object_type="accounts.user",
        object_id=user_id,
        data={"type": kind},
    )
