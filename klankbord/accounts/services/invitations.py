"""Invitations by e-mail: the administrator invites, the person sets a password and a second factor at once.

The link carries a random token; only its SHA-256 is stored. It works once and expires after
``INVITATION_DAYS``. Accepting proves the address (the link went to it), sets the password, activates TOTP with
the secret shown on the invitation page (allauth's own TOTP and recovery codes) and audits it all in one
transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_send

from ..constants import INVITATION_DAYS, Language
from ..invitation_tokens import invitation_token_hash
from ..models import Invitation, Role, User
from ..types import Actor
from ._common import forget_cached_access
from .users import user_create

TOKEN_BYTES = 32


def _new_invitation(*, actor: Actor, user: User) -> tuple[Invitation, str]:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = timezone.now()
    invitation = Invitation.objects.create(
        user=user,
        token_hash=invitation_token_hash(token),
        created_by=actor if isinstance(actor, User) else None,
        created_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    return invitation, token


def _mail_invitation(user: User, token: str) -> None:
    mail_send(
        to=user.email,
        template="accounts_invitation",
        context={"path": reverse("accounts:invitation", kwargs={"token": token}), "days": INVITATION_DAYS},
        language=user.preferred_language,
    )


@transaction.atomic
def invitation_create(
    *,
    actor: Actor,
    email: str,
    display_name: str = "",
    preferred_language: str = Language.DUTCH,
    roles: Iterable[Role] = (),
) -> Invitation:
    """Create the account (no password, address not yet proven, roles as for ``user_create``) and mail the
    invitation link."""
    user = user_create(
        actor=actor,
        email=email,
        display_name=display_name,
        preferred_language=preferred_language,
        roles=roles,
    )
    invitation, token = _new_invitation(actor=actor, user=user)
    audit_log(actor=actor, action="accounts.user.invited", target=user, data={"invitation": invitation.pk})
    _mail_invitation(user, token)
    return invitation


@transaction.atomic
def invitation_resend(*, actor: Actor, user: User) -> Invitation:
    """A new link for someone who has not accepted yet; earlier links stop working."""
    if user.has_usable_password() or user.ended_at is not None:
        raise DomainError(_("Deze persoon heeft de uitnodiging al aanvaard."), code="already_accepted")
    Invitation.objects.filter(user=user, used_at__isnull=True).update(expires_at=timezone.now())
    invitation, token = _new_invitation(actor=actor, user=user)
    audit_log(actor=actor, action="accounts.user.invited", target=user, data={"invitation": invitation.pk})
    _mail_invitation(user, token)
    return invitation


def _refused() -> DomainError:
    return DomainError(_("Deze uitnodiging is ongeldig, al gebruikt of verlopen."), code="invalid_invitation")


@transaction.atomic
def invitation_accept(*, token: str, password: str, totp_secret: str) -> tuple[User, list[str]]:
    """Set the password and the authenticator app of the invited person (the form checked the password's
    strength and the app's code against ``totp_secret``). Returns the user and their new recovery codes."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=invitation_token_hash(token))
    ).first()
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= timezone.now():
        raise _refused()
    user = invitation.user
    if not user.is_active or user.ended_at is not None or user.has_usable_password():
        raise _refused()
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True, primary=True)
    Authenticator.objects.filter(user=user).delete()  # nothing yet; never two TOTP rows
    TOTP.activate(user, totp_secret)
    codes = RecoveryCodes.activate(user).get_unused_codes()
    forget_cached_access(user)
    audit_log(
        actor=user,
        action="accounts.invitation.accepted",
        target=user,
        data={"invitation": invitation.pk, "factors": ["recovery_codes", "totp"]},
    )
    return user, codes
