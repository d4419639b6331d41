"""Forms of support. Every field has a Dutch label; bad input gives a clear message and keeps what was typed."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.ambassadors.constants import MINUTES_MAX
from klankbord.core.forms import AccessibleForm, AccessibleModelForm

from .constants import (
    EVALUATION_QUESTIONS,
    NOTE_MAX_LENGTH,
    SCORE_MAX,
    SCORE_MIN,
    CheckInOutcome,
    ContactForm,
    EscalationTarget,
    ReferralOutcome,
    Topic,
)
from .models import ReferralResource

MINIMAL_NOTE_HELP = _(
    "Houd het kort en feitelijk: alleen wat nodig is om goed te kunnen begeleiden. Geen meningen en geen "
    "gegevens van anderen. Het raadslid kan deze notities opvragen."
)
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _note(label: Any, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=MINIMAL_NOTE_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX_LENGTH,
        required=required,
        error_messages={"required": _("Vul een korte weergave in.")},
    )


class ContactMomentForm(AccessibleForm):
    date = forms.DateField(
        label=_("Datum"), widget=_DATE, error_messages={"invalid": _("Vul een geldige datum in.")}
    )
    form = forms.ChoiceField(label=_("Vorm"), choices=ContactForm.choices, widget=forms.RadioSelect)
    duration_minutes = forms.IntegerField(
        label=_("Duur in minuten"),
        min_value=1,
        max_value=MINUTES_MAX,  # the minutes are booked as one time entry
        help_text=_("Deze minuten tellen vanzelf mee in uw tijdsbesteding."),
        error_messages={"required": _("Vul de duur in minuten in."), "invalid": _("Vul een heel getal in.")},
    )
    topics = forms.MultipleChoiceField(
        label=_("Onderwerpen"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    note = _note(_("Korte notitie"))
    next_appointment = forms.DateTimeField(
        label=_("Volgende afspraak"),
        widget=_DATETIME,
        required=False,
        error_messages={"invalid": _("Vul een geldige datum en tijd in.")},
    )

    def clean_date(self) -> Any:
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Een contactmoment kan niet in de toekomst liggen."))
        return value


class ReferralForm(AccessibleForm):
    resource = forms.ModelChoiceField(
        label=_("Hulpaanbod"),
        queryset=ReferralResource.objects.none(),
        error_messages={"required": _("Kies een hulpaanbod."), "invalid_choice": _("Kies een hulpaanbod.")},
    )

    def __init__(self, *args: Any, resources: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["resource"]).queryset = resources


class ReferralOutcomeForm(AccessibleForm):
    outcome = forms.ChoiceField(label=_("Nieuwe stand"), choices=ReferralOutcome.choices)


class EscalationForm(AccessibleForm):
    target = forms.ChoiceField(
        label=_("Naar wie"), choices=EscalationTarget.choices, widget=forms.RadioSelect, initial="counsellor"
    )
    reason = forms.CharField(
        label=_("Waar heeft u hulp bij nodig?"),
        help_text=_("Kort; de vertrouwenspersoon belt of mailt u terug."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX_LENGTH,
        error_messages={"required": _("Schrijf kort waar u hulp bij nodig heeft.")},
    )


class StepForm(AccessibleForm):
    to_status = forms.ChoiceField(label=_("Nieuwe fase"), choices=())

    def __init__(self, *args: Any, targets: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["to_status"]).choices = targets


class CheckInForm(AccessibleForm):
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=CheckInOutcome.choices, widget=forms.RadioSelect)
    note = _note(_("Korte notitie"))


class ReflectionForm(AccessibleForm):
    held_on = forms.DateField(
        label=_("Gehouden op"), widget=_DATE, error_messages={"invalid": _("Vul een geldige datum in.")}
    )
    note = _note(_("Wat ging goed, wat kan beter?"), required=True)


class CloseForm(AccessibleForm):
    reason = forms.CharField(
        label=_("Reden van afsluiten"),
        help_text=_("Kort en feitelijk; de melder kan dit inzien."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": _("Geef een reden om de zaak af te sluiten.")},
    )
    aftercare_continues = forms.BooleanField(
        label=_("De nazorg gaat door na het afsluiten"),
        help_text=_(
            "Vink aan als de geplande nazorgmomenten blijven staan (alleen met toestemming van de melder). "
            "Zonder vinkje vervallen ze."
        ),
        required=False,
    )


class DeclineForm(AccessibleForm):
    reason = forms.CharField(
        label=_("Reden (alleen voor de vertrouwenspersoon)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={
            "required": _(
                "Schrijf kort waarom u dit verzoek niet kunt aannemen; alleen de vertrouwenspersoon leest het."
            )
        },
    )


SCORE_CHOICES = [(str(n), str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]


class EvaluationForm(AccessibleForm):
    helped = forms.CharField(
        label=_("Wat hielp u?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )
    missing = forms.CharField(
        label=_("Wat miste u?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scores = {
            key: forms.TypedChoiceField(
                label=label,
                help_text=_("1 = helemaal niet mee eens, 5 = helemaal mee eens"),
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies een cijfer van 1 tot en met 5.")},
            )
            for key, label in EVALUATION_QUESTIONS
        }
        self.fields = {**scores, **self.fields}

    def scores(self) -> dict[str, int]:
        return {key: self.cleaned_data[key] for key, _label in EVALUATION_QUESTIONS}


class ResourceForm(AccessibleModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = ReferralResource
        fields = ["name", "kind", "region", "description", "phone", "email", "website", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
