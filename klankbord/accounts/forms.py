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

from .constants import MFA_RESET_REASON_MAX, Language
from .models import Role
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


# --- user administration (klankbord.accounts.views.users) ------------------------------------------------------


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def _roles_field() -> RoleChoiceField:
    return RoleChoiceField(
        queryset=Role.objects.order_by("slug"),
        required=False,
        label=_("Rollen"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Een rol met toegang tot dossiers (vertrouwenspersoon, regioambassadeur) geldt pas als een tweede "
            "beheerder of de coördinator de toekenning bevestigt."
        ),
    )


class UserSearchForm(AccessibleForm):
    q = forms.CharField(label=_("Zoeken op naam of e-mailadres"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Rol"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("active", _("Actief")),
            ("invited", _("Uitgenodigd")),
            ("suspended", _("Opgeschort")),
            ("ended", _("Beëindigd")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .selectors import all_roles

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Alle")), *[(role.slug, str(role)) for role in all_roles()]]  # type: ignore[attr-defined]


class InviteForm(AccessibleForm):
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    display_name = forms.CharField(label=_("Naam"), max_length=DISPLAY_NAME_MAX, required=False)
    preferred_language = forms.ChoiceField(label=_("Taal"), choices=Language.choices, initial=Language.DUTCH)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"] = _roles_field()


class UserRolesForm(AccessibleForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"] = _roles_field()


class MFAResetForm(AccessibleForm):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=MFA_RESET_REASON_MAX,
        help_text=_("Bijvoorbeeld: telefoon kwijt, gemeld op 3 maart. De reden komt in de auditlog."),
    )


class InvitationAcceptForm(AccessibleForm):
    """The invitation page in one step: a password (twice, as anywhere) and the authenticator app's code.

    The TOTP secret is allauth's (kept in the session between showing the QR code and checking the code), and
    the code is checked with allauth's own TOTP validation.
    """

    password1 = forms.CharField(label=_("Wachtwoord"), widget=forms.PasswordInput(render_value=False))
    password2 = forms.CharField(
        label=_("Wachtwoord nogmaals"), widget=forms.PasswordInput(render_value=False)
    )
    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        from allauth.mfa.totp.internal import auth as totp_auth

        super().__init__(*args, **kwargs)
        self.user = user
        self.secret = totp_auth.get_totp_secret(regenerate=not self.is_bound)
        self.fields["password1"].widget.attrs["autocomplete"] = "new-password"
        self.fields["password2"].widget.attrs["autocomplete"] = "new-password"

    def clean_password1(self) -> str:
        from allauth.account.adapter import get_adapter

        password: str = self.cleaned_data["password1"]
        return str(get_adapter().clean_password(password, user=self.user))

    def clean_code(self) -> str:
        from allauth.mfa.totp.internal import auth as totp_auth

        code: str = self.cleaned_data["code"].strip().replace(" ", "")
        if not totp_auth.validate_totp_code(self.secret, code):
            raise forms.ValidationError(_("Deze code klopt niet. Controleer de code en probeer het opnieuw."))
        return code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password1") and cleaned.get("password2") != cleaned.get("password1"):
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        return cleaned


class AuditFilterForm(AccessibleForm):
    person = forms.TypedChoiceField(label=_("Persoon"), required=False, coerce=int, empty_value=None)
    object_type = forms.CharField(label=_("Soort object"), required=False, max_length=100)
    object_id = forms.CharField(label=_("Object-id"), required=False, max_length=64)
    action = forms.ChoiceField(label=_("Handeling"), required=False)
    start = forms.DateField(label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self, *args: Any, people: list[tuple[int, str]], actions: list[tuple[str, str]], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("Iedereen")), *people]  # type: ignore[attr-defined]
        self.fields["action"].choices = [("", _("Alle handelingen")), *actions]  # type: ignore[attr-defined]
