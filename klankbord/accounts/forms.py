"""The profile form, and allauth's forms on the accessible base with our own Dutch labels (ACCOUNT_FORMS,
MFA_FORMS), so that every field renders through the one field template without rewording in templates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_base_forms
from allauth.mfa.totp import forms as totp_forms
from allauth.mfa.webauthn import forms as webauthn_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from klankbord.core.forms import AccessibleForm

from .constants import Language
from .services import DISPLAY_NAME_MAX

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ProfileForm(AccessibleForm):
    display_name = forms.CharField(
        label=_("Naam"),
        required=False,
        max_length=DISPLAY_NAME_MAX,
        help_text=_("Zo ziet uw vertrouwenspersoon of regioambassadeur u staan. Mag leeg blijven."),
        error_messages={"max_length": _("Een naam mag hoogstens %(limit_value)d tekens lang zijn.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Taal"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        help_text=_("De taal van de website en van de e-mails die u van ons krijgt."),
        error_messages={
            "required": _("Kies een taal."),
            "invalid_choice": _("Kies Nederlands of English als taal."),
        },
    )

    def clean_display_name(self) -> str:
        value = " ".join(self.cleaned_data["display_name"].split())
        if any(not character.isprintable() for character in value):
            raise forms.ValidationError(_("Een naam mag geen onzichtbare of besturingstekens bevatten."))
        return value


class _AllauthForm(AccessibleForm):
    """An allauth form on the accessible base, with the labels reworded in our own Dutch.

    Subclasses list the base first (``class X(_AllauthForm, allauth.X)``) so allauth builds its fields before
    they are relabelled and tied to their help texts.
    """

    labels: ClassVar[Mapping[str, StrOrPromise]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in self.labels.items():
            if name in self.fields:
                self.fields[name].label = label


_EMAIL = _("E-mailadres")
_PASSWORD = _("Wachtwoord")
_PASSWORD_AGAIN = _("Wachtwoord (nogmaals)")
_NEW_PASSWORD = {"password1": _("Nieuw wachtwoord"), "password2": _("Nieuw wachtwoord (nogmaals)")}
_APP_OR_RECOVERY_CODE = {"code": _("Code uit de app of herstelcode")}
_KEY_NAME = {"name": _("Naam van de sleutel")}


class LoginForm(_AllauthForm, account_forms.LoginForm):
    labels = {"login": _EMAIL, "password": _PASSWORD, "remember": _("Ingelogd blijven")}


class SignupForm(_AllauthForm, account_forms.SignupForm):
    labels = {"email": _EMAIL, "password1": _PASSWORD, "password2": _PASSWORD_AGAIN}


class AddEmailForm(_AllauthForm, account_forms.AddEmailForm):
    labels = {"email": _("Nieuw e-mailadres")}


class ChangePasswordForm(_AllauthForm, account_forms.ChangePasswordForm):
    labels = {"oldpassword": _("Huidig wachtwoord"), **_NEW_PASSWORD}


class SetPasswordForm(_AllauthForm, account_forms.SetPasswordForm):
    labels = {"password1": _PASSWORD, "password2": _PASSWORD_AGAIN}


class ResetPasswordForm(_AllauthForm, account_forms.ResetPasswordForm):
    labels = {"email": _EMAIL}


class ResetPasswordKeyForm(_AllauthForm, account_forms.ResetPasswordKeyForm):
    labels = _NEW_PASSWORD


class ReauthenticateForm(_AllauthForm, account_forms.ReauthenticateForm):
    labels = {"password": _PASSWORD}


class MFAAuthenticateForm(_AllauthForm, mfa_base_forms.AuthenticateForm):
    labels = _APP_OR_RECOVERY_CODE


class MFAReauthenticateForm(_AllauthForm, mfa_base_forms.ReauthenticateForm):
    labels = _APP_OR_RECOVERY_CODE


class ActivateTOTPForm(_AllauthForm, totp_forms.ActivateTOTPForm):
    labels = {"code": _("Code uit de app")}


class AddWebAuthnForm(_AllauthForm, webauthn_forms.AddWebAuthnForm):
    labels = {**_KEY_NAME, "passwordless": _("Inloggen zonder wachtwoord")}


class EditWebAuthnForm(_AllauthForm, webauthn_forms.EditWebAuthnForm):
    labels = _KEY_NAME
