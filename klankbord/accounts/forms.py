from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Language
from .services import DISPLAY_NAME_MAX


class ProfileForm(forms.Form):
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
