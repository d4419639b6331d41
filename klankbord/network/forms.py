"""Forms of the network pages. Every message is Dutch; bound forms keep what was typed."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.core.forms import AccessibleForm
from klankbord.geo.selectors import regions_by_name

from .constants import (
    AGENDA_MAX_LENGTH,
    ANSWERS,
    CAPACITY_MAX,
    EXPERIENCE_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    DebriefReason,
    DebriefStatus,
    GatheringKind,
    Response,
)
from .services import GatheringInput

if TYPE_CHECKING:
    from klankbord.geo.models import Region


class GatheringForm(AccessibleForm):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=GatheringKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort bijeenkomst.")},
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=TITLE_MAX_LENGTH,
        error_messages={
            "required": _("Vul een titel in."),
            "max_length": _("Houd de titel korter dan %(limit_value)d tekens."),
        },
    )
    region: forms.ModelChoiceField[Region] = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=None,  # the regions of the active scheme, set per form
        required=False,
        empty_label=_("Landelijk (alle regio's)"),
        help_text=_("Verplicht bij intervisie: alleen de ambassadeurs van deze regio worden uitgenodigd."),
        error_messages={"invalid_choice": _("Kies een regio uit de lijst.")},
    )
    date = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Vul de datum in."), "invalid": _("Vul een geldige datum in.")},
    )
    start_time = forms.TimeField(
        label=_("Begintijd"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": _("Vul de begintijd in."), "invalid": _("Vul een tijd in als 10:00.")},
    )
    end_time = forms.TimeField(
        label=_("Eindtijd"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": _("Vul de eindtijd in."), "invalid": _("Vul een tijd in als 16:00.")},
    )
    place = forms.CharField(
        label=_("Plaats"),
        max_length=PLACE_MAX_LENGTH,
        required=False,
        help_text=_("Adres van de locatie. Vul een plaats, een link of allebei in."),
        error_messages={"max_length": _("Houd de plaats korter dan %(limit_value)d tekens.")},
    )
    online_url = forms.URLField(
        label=_("Link voor online deelname"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een volledige link in, beginnend met https://.")},
    )
    capacity = forms.IntegerField(
        label=_("Maximaal aantal deelnemers"),
        min_value=1,
        max_value=CAPACITY_MAX,
        error_messages={
            "required": _("Vul het maximaal aantal deelnemers in."),
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Minstens 1 deelnemer."),
            "max_value": _("Hoogstens %(limit_value)s deelnemers."),
        },
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=AGENDA_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Komt in de uitnodiging en het agenda-bestand. Geen namen van raadsleden of zaken."),
        error_messages={"max_length": _("Houd de agenda korter dan %(limit_value)d tekens.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_by_name()  # type: ignore[attr-defined]

    @classmethod
    def for_gathering(cls, gathering: Any, data: Any = None) -> GatheringForm:
        """The form filled with ``gathering``, for changing it; its kind and region are fixed once planned."""
        start, end = timezone.localtime(gathering.starts_at), timezone.localtime(gathering.ends_at)
        initial = {
            "kind": gathering.kind,
            "title": gathering.title,
            "region": gathering.region,
            "date": start.date(),
            "start_time": start.time().replace(second=0, microsecond=0),
            "end_time": end.time().replace(second=0, microsecond=0),
            "place": gathering.place,
            "online_url": gathering.online_url,
            "capacity": gathering.capacity,
            "agenda": gathering.agenda,
        }
        form = cls(data, initial=initial)
        form.fields["kind"].disabled = form.fields["region"].disabled = True
        return form

    def _moment(self, name: str) -> datetime:
        return timezone.make_aware(datetime.combine(self.cleaned_data["date"], self.cleaned_data[name]))

    def to_input(self) -> GatheringInput:
        data = self.cleaned_data
        return GatheringInput(
            kind=data["kind"],
            title=data["title"],
            region=data["region"],
            starts_at=self._moment("start_time"),
            ends_at=self._moment("end_time"),
            capacity=data["capacity"],
            place=data["place"],
            online_url=data["online_url"],
            agenda=data["agenda"],
        )


class AnswerForm(AccessibleForm):
    answer = forms.ChoiceField(
        label=_("Uw antwoord"),
        choices=[(a.value, a.label) for a in ANSWERS],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies ja, misschien of nee."),
            "invalid_choice": _("Kies ja, misschien of nee."),
        },
    )


class AttendanceForm(AccessibleForm):
    present = forms.TypedMultipleChoiceField(
        label=_("Aanwezig"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies alleen genodigden van deze bijeenkomst.")},
    )

    def __init__(self, *args: Any, invitations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(i.pk, i.ambassador.name) for i in invitations]  # type: ignore[attr-defined]


class ExperienceForm(AccessibleForm):
    text = forms.CharField(
        label=_("Uw ervaring"),
        max_length=EXPERIENCE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Wat wilt u op de terugkomdag bespreken? Beschrijf het patroon, niet de persoon. Namen, plaatsen, "
            "partijen, adressen, nummers en data worden vervangen; u ziet het resultaat voordat het wordt opgeslagen."
        ),
        error_messages={
            "required": _("Beschrijf uw ervaring."),
            "max_length": _("Houd de tekst korter dan %(limit_value)d tekens."),
        },
    )


class DebriefForm(AccessibleForm):
    reason = forms.ChoiceField(
        choices=DebriefReason.choices, error_messages={"required": _("Kies een aanleiding.")}
    )


class DebriefStatusForm(AccessibleForm):
    status = forms.ChoiceField(
        choices=[
            (DebriefStatus.PLANNED.value, DebriefStatus.PLANNED.label),
            (DebriefStatus.CLOSED.value, DebriefStatus.CLOSED.label),
        ],
        error_messages={"required": _("Kies een status.")},
    )


RESPONSE_LABELS = dict(Response.choices)
