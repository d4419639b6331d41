from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from klankbord.core.forms import AccessibleForm

from .constants import ON_BEHALF_METHODS, Purpose, ShareableField

ACTIONS = [("grant", _("Toestemming geven")), ("withdraw", _("Toestemming intrekken"))]


class ConsentChangeForm(AccessibleForm):
    purpose = forms.ChoiceField(
        choices=Purpose.choices, error_messages={"invalid_choice": _("Onbekend doel van toestemming.")}
    )
    action = forms.ChoiceField(choices=ACTIONS, error_messages={"invalid_choice": _("Onbekende handeling.")})
    share_fields = forms.MultipleChoiceField(
        label=_("Gegevens die de ambassadeur mag zien"),
        choices=ShareableField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Deze gegevens kunnen niet worden gedeeld.")},
    )


class OnBehalfConsentForm(ConsentChangeForm):
    method = forms.ChoiceField(
        label=_("Hoe gaf de melder dit door?"),
        choices=[(m.value, m.label) for m in ON_BEHALF_METHODS],
        error_messages={
            "required": _("Leg vast hoe de melder dit doorgaf."),
            "invalid_choice": _("Kies uit de lijst."),
        },
    )
