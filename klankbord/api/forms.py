from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from klankbord.core.forms import AccessibleForm

from .constants import TOKEN_DEFAULT_DAYS, TOKEN_EXPIRY_CHOICES
from .selectors import scopes_for_user


def _expiry_choices() -> list[tuple[int, Any]]:
    return [
        (days, ngettext_lazy("%(days)d dag", "%(days)d dagen", days) % {"days": days})
        for days in TOKEN_EXPIRY_CHOICES
    ]


def _scope_choices(user: Any) -> list[tuple[str, str]]:
    """Each scope the user may grant, its label followed by the scope itself as the API names it."""
    return [
        (scope, format_html("{} <code>{}</code>", label, scope))
        for scope, label in scopes_for_user(user=user)
    ]


class TokenCreateForm(AccessibleForm):
    name = forms.CharField(
        label=_("Naam"),
        max_length=100,
        help_text=_("Waarvoor gebruikt u dit token? Bijvoorbeeld ‘maandrapportage’."),
        error_messages={
            "required": _("Geef het token een naam, zodat u het later herkent."),
            "max_length": _("De naam mag hoogstens 100 tekens lang zijn."),
        },
    )
    scopes = forms.MultipleChoiceField(
        label=_("Wat mag het token?"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies alleen wat u nodig heeft."),
        error_messages={
            "required": _("Kies ten minste één scope."),
            "invalid_choice": _("U kunt alleen scopes kiezen waarvoor u toestemming heeft."),
        },
    )
    expires_in_days = forms.TypedChoiceField(
        label=_("Geldig gedurende"),
        coerce=int,
        initial=TOKEN_DEFAULT_DAYS,
        help_text=_("Daarna werkt het token niet meer. Hoogstens een jaar."),
        error_messages={"invalid_choice": _("Kies een van de geldigheidsduren uit de lijst.")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (("scopes", _scope_choices(user)), ("expires_in_days", _expiry_choices())):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
