"""Forms for filing a signal: step 1 (everything, raw text) and step 2 (confirm the de-identified text)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.core.forms import AccessibleForm
from klankbord.geo.selectors import regions_by_name
from klankbord.reports.constants import INCIDENT_CHANNEL_STAFF_LABELS, staff_choices

from .constants import (
    FEEDBACK_TEXT_MAX_LENGTH,
    FREE_TEXT_MAX_LENGTH,
    Category,
    Helped,
    IncidentChannel,
    Missing,
    PerpetratorType,
    Severity,
    Theme,
)
from .selectors import add_months
from .services import SignalInput

if TYPE_CHECKING:
    from klankbord.geo.models import Region

MONTHS_BACK = 24
_MONTH_NAMES = [
    _("januari"), _("februari"), _("maart"), _("april"), _("mei"), _("juni"), _("juli"), _("augustus"),
    _("september"), _("oktober"), _("november"), _("december"),
]  # fmt: skip


def month_choices(today: date | None = None) -> list[tuple[str, str]]:
    current = (today or timezone.localdate()).replace(day=1)
    months = [add_months(current, -offset) for offset in range(MONTHS_BACK)]
    return [(f"{m:%Y-%m}", f"{_MONTH_NAMES[m.month - 1]} {m.year}") for m in months]


class SignalForm(AccessibleForm):
    region: forms.ModelChoiceField[Region] = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=None,  # the regions of the active scheme, set per form
        empty_label=_("Kies een regio"),
        help_text=_("Alleen de regio, nooit de gemeente: zo blijft het raadslid onherkenbaar."),
        error_messages={"required": _("Kies de regio."), "invalid_choice": _("Kies een regio uit de lijst.")},
    )
    month = forms.ChoiceField(
        label=_("Maand"),
        error_messages={"required": _("Kies de maand."), "invalid_choice": _("Kies een maand.")},
    )
    category = forms.ChoiceField(
        label=_("Soort voorval"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort voorval.")},
    )
    channel = forms.ChoiceField(
        label=_("Kanaal"),
        choices=staff_choices(IncidentChannel, INCIDENT_CHANNEL_STAFF_LABELS),  # an ambassador fills this in
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe het gebeurde.")},
    )
    perpetrator_type = forms.ChoiceField(
        label=_("Soort pleger"),
        choices=PerpetratorType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie het deed (of 'Onbekend').")},
    )
    themes = forms.MultipleChoiceField(
        label=_("Onderwerpen"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    severity = forms.ChoiceField(
        label=_("Ernst"),
        choices=Severity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de ernst.")},
    )
    police_involved = forms.BooleanField(label=_("De politie is erbij betrokken"), required=False)
    helped = forms.MultipleChoiceField(
        label=_("Wat hielp het raadslid?"),
        choices=Helped.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    missing = forms.MultipleChoiceField(
        label=_("Wat ontbrak?"), choices=Missing.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    feedback_text = forms.CharField(
        label=_("Toelichting op het proces (kort)"),
        required=False,
        max_length=FEEDBACK_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Noem geen namen, plaatsen of partijen. Wat u schrijft, wordt vóór opslag geanonimiseerd."
        ),
        error_messages={"max_length": _("Houd de toelichting korter dan %(limit_value)d tekens.")},
    )
    text = forms.CharField(
        label=_("Wat is er aan de hand?"),
        required=False,
        max_length=FREE_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Beschrijf het patroon, niet de persoon. Namen, plaatsen, partijen, adressen, nummers en data worden "
            "automatisch vervangen; u ziet het resultaat voordat het wordt opgeslagen."
        ),
        error_messages={"max_length": _("Houd de tekst korter dan %(limit_value)d tekens.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_by_name()  # type: ignore[attr-defined]
        self.fields["month"].choices = month_choices()  # type: ignore[attr-defined]

    def to_input(self) -> SignalInput:
        data = self.cleaned_data
        year, month = (int(part) for part in data["month"].split("-"))
        return SignalInput(
            region=data["region"],
            month=date(year, month, 1),
            category=data["category"],
            channel=data["channel"],
            perpetrator_type=data["perpetrator_type"],
            severity=data["severity"],
            police_involved=bool(data["police_involved"]),
            themes=list(data["themes"]),
            helped=list(data["helped"]),
            missing=list(data["missing"]),
            feedback_text=data["feedback_text"],
            text=data["text"],
        )


class PreviewForm(AccessibleForm):
    """Only the two texts, for the htmx preview."""

    feedback_text = forms.CharField(required=False, max_length=FEEDBACK_TEXT_MAX_LENGTH)
    text = forms.CharField(required=False, max_length=FREE_TEXT_MAX_LENGTH)
