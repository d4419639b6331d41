"""django-allauth adapters.

- Sign-up is open to council members only: every new account gets the council member role (audited).
- Every message a visitor can see is a Dutch msgid of our own (allauth's English ones are replaced here).
- Mail goes through ``klankbord.core.mail.mail_send`` with only a link in it, never account details.
- After login the language cookie follows the user's preferred language.
- MFA secrets are encrypted at rest with our key ring; a user whose role requires MFA cannot remove their last
  second factor.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from klankbord.audit.services import audit_log
from klankbord.core.mail import mail_send
from klankbord.crypto.keyring import keyring

from .constants import Language, RoleSlug
from .models import Role, User
from .security import record_locked_out, record_password_reset_requested
from .selectors import user_requires_mfa
from .services import user_assign_role

MFA_PURPOSE = "mfa:authenticator"
PREVIOUS_LOGIN_SESSION_KEY = "klankbord_previous_login"

# allauth mail -> (our mail template, the one context key that carries the link)
LINK_MAILS: dict[str, tuple[str, str]] = {
    "account/email/password_reset_key": ("accounts_password_reset", "password_reset_url"),
    "account/email/email_confirmation_signup": ("accounts_email_confirmation", "activate_url"),
    "account/email/email_confirmation": ("accounts_email_confirmation", "activate_url"),
    "account/email/account_already_exists": ("accounts_account_exists", "password_reset_url"),
    "account/email/unknown_account": ("accounts_unknown_account", "signup_url"),
}
# allauth security notification -> event code rendered by mail/accounts_security_notice.*
NOTICE_MAILS: dict[str, str] = {
    "account/email/password_changed": "password_changed",
    "account/email/password_set": "password_set",
    "account/email/password_reset": "password_reset",
    "account/email/email_changed": "email_changed",
    "account/email/email_confirm": "email_confirmed",
    "account/email/email_deleted": "email_deleted",
    "mfa/email/totp_activated": "totp_activated",
    "mfa/email/totp_deactivated": "totp_deactivated",
    "mfa/email/recovery_codes_generated": "recovery_codes_generated",
    "mfa/email/webauthn_added": "webauthn_added",
    "mfa/email/webauthn_removed": "webauthn_removed",
}

TOO_MANY_ATTEMPTS = _(
    "Te veel mislukte inlogpogingen. Om uw account te beschermen is inloggen tijdelijk geblokkeerd. "
    "Probeer het over een kwartier opnieuw, of stel uw wachtwoord opnieuw in."
)


def _site_path(url: str) -> str:
    """Only the path of allauth's absolute link: the mail puts our configured SITE_URL in front of it, so a
    forged Host header can never make a reset link point elsewhere."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _dutch_password_error(error: ValidationError) -> ValidationError:
    if error.code != "password_too_short":
        return error
    minimum = int((error.params or {}).get("min_length", 0))
    message = ngettext(
        "Dit wachtwoord is te kort: gebruik minstens %(min_length)d teken.",
        "Dit wachtwoord is te kort: gebruik minstens %(min_length)d tekens.",
        minimum,
    )
    return ValidationError(message % {"min_length": minimum}, code=error.code)


def _mail_language(email: str) -> str:
    user = User.objects.filter(email__iexact=email).only("preferred_language").first()
    if user is not None:
        return user.preferred_language
    current = translation.get_language() or Language.DUTCH
    return current if current in Language.values else Language.DUTCH


def _first_factor_right_after_login() -> bool:
    request = allauth_context.request
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or is_mfa_enabled(user):
        return False
    records = get_authentication_records(request, user)
    if not records:
        return False
    return time.time() - float(records[-1].get("at", 0)) < account_settings.REAUTHENTICATION_TIMEOUT


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("Dit account is niet actief."),
        "duplicate_email": _("Dit e-mailadres hoort al bij uw account."),
        "email_password_mismatch": _("Het e-mailadres of het wachtwoord klopt niet."),
        "email_taken": _("Er bestaat al een account met dit e-mailadres."),
        "enter_current_password": _("Vul uw huidige wachtwoord in."),
        "incorrect_code": _("Deze code klopt niet."),
        "incorrect_password": _("Dit wachtwoord klopt niet."),
        "invalid_or_expired_key": _("Deze link is ongeldig of verlopen."),
        "invalid_login": _("Inloggen is niet gelukt."),
        "invalid_password_reset": _("Deze link om uw wachtwoord opnieuw in te stellen is ongeldig."),
        "max_email_addresses": _("U kunt niet meer dan %d e-mailadressen toevoegen."),
        "too_many_login_attempts": TOO_MANY_ATTEMPTS,
        "unknown_email": _("Dit e-mailadres hoort bij geen enkel account."),
        "unverified_primary_email": _("Uw e-mailadres moet eerst bevestigd zijn."),
        "select_only_one": _("Kies er één."),
        "same_as_current": _("De nieuwe waarde moet anders zijn dan de huidige."),
        "rate_limited": _("U doet te veel verzoeken achter elkaar. Wacht even en probeer het dan opnieuw."),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return bool(settings.ACCOUNT_SIGNUP_OPEN)

    def clean_password(self, password: str, user: AbstractBaseUser | None = None) -> str:
        """Django 5.2 renamed the "too short" message and its Dutch catalogue has not caught up: say it ourselves."""
        try:
            return super().clean_password(password, user=user)
        except ValidationError as error:
            raise ValidationError([_dutch_password_error(item) for item in error.error_list]) from error

    def save_user(
        self, request: HttpRequest, user: AbstractBaseUser, form: BaseForm, commit: bool = True
    ) -> AbstractBaseUser:
        """A self-service sign-up is a council member. Other roles are only ever given by an administrator."""
        with transaction.atomic():
            saved = super().save_user(request, user, form, commit=commit)
            if commit:
                assert isinstance(saved, User)
                audit_log(actor=saved, action="accounts.user.signed_up", target=saved)
                role = Role.objects.get(slug=RoleSlug.COUNCIL_MEMBER)
                user_assign_role(actor=saved, user=saved, role=role)
        return saved

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """A first second factor enrolled right after logging in needs no second password prompt.

        allauth asks for the password again before any MFA change, even moments after the login that asked for
        it (the "password twice" of the enrolment that the MFA gate forces on staff). A user without any factor
        who logged in within the reauthentication timeout has just given that proof; every later change
        (another factor, removing one, new recovery codes) still asks again.
        """
        required = bool(super().is_reauthentication_required(app=app, **kwargs))
        return required and not (app == "allauth.mfa" and _first_factor_right_after_login())

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """allauth refuses a login after too many failures here; the refusal is a security event."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code == "too_many_login_attempts":
                record_locked_out(credentials=credentials)
            raise

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Only a link into Klankbord goes into the message; the template says nothing about the account."""
        language = _mail_language(email)
        if template_prefix == "account/email/password_reset_key":
            record_password_reset_requested(email=email)
        if template_prefix in LINK_MAILS:
            template, link_key = LINK_MAILS[template_prefix]
            path = _site_path(str(context[link_key]))
            mail_send(to=email, template=template, context={"path": path}, language=language)
        elif template_prefix in NOTICE_MAILS:
            mail_send(
                to=email,
                template="accounts_security_notice",
                context={"event": NOTICE_MAILS[template_prefix]},
                language=language,
            )
        else:  # a flow we do not use (login by code, phone): refuse rather than send an untranslated mail
            raise NotImplementedError(f"Klankbord has no mail template for {template_prefix!r}")

    def login(self, request: HttpRequest, user: AbstractBaseUser) -> None:
        """Remember the previous login for this session, so the profile can show it (a sign of misuse)."""
        previous = user.last_login
        super().login(request, user)
        request.session[PREVIOUS_LOGIN_SESSION_KEY] = previous.isoformat() if previous else None

    def post_login(self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> HttpResponse:
        response = super().post_login(request, user, **kwargs)
        language = getattr(user, "preferred_language", "")
        if language in Language.values:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
        return response


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": _("U kunt geen e-mailadres toevoegen aan een account met tweestapsverificatie."),
        "cannot_delete_authenticator": _(
            "Tweestapsverificatie is verplicht voor uw rol: u kunt deze manier niet uitzetten zolang het uw "
            "enige is."
        ),
        "cannot_generate_recovery_codes": _(
            "Herstelcodes kunt u pas aanmaken als tweestapsverificatie aan staat."
        ),
        "incorrect_code": _("Deze code klopt niet. Controleer de code en probeer het opnieuw."),
        "unverified_email": _("Bevestig eerst uw e-mailadres; daarna kunt u tweestapsverificatie aanzetten."),
    }

    def get_totp_issuer(self) -> str:
        return settings.MFA_TOTP_ISSUER or "Klankbord"

    def encrypt(self, text: str) -> str:
        return keyring().encrypt_text(text, purpose=MFA_PURPOSE)

    def decrypt(self, encrypted_text: str) -> str:
        return keyring().decrypt_text(encrypted_text, purpose=MFA_PURPOSE)

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Refuse to remove the last real second factor of someone whose role requires MFA."""
        if authenticator.type == Authenticator.Type.RECOVERY_CODES:
            return True
        others = (
            Authenticator.objects.filter(user_id=authenticator.user_id)
            .exclude(pk=authenticator.pk)
            .exclude(type=Authenticator.Type.RECOVERY_CODES)
        )
        return others.exists() or not user_requires_mfa(authenticator.user)
