"""Forms of recruitment. Each validates with a Dutch message and keeps everything typed on an error."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.accounts.selectors import users_with_permission
from klankbord.core.forms import AccessibleForm
from klankbord.geo.selectors import municipality_choices, municipality_or_none, regions_by_name

from .constants import (
    COMPETENCE_GUIDANCE,
    CV_MAX_BYTES,
    BackgroundKind,
    Competence,
    Decision,
    InterviewMode,
    Recommendation,
)
from .permissions import SCORE_APPLICATIONS
from .uploads import CheckedCV, cv_check

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from klankbord.accounts.models import User
    from klankbord.geo.models import Municipality, Region

REQUIRED = {"required": _("Dit veld is verplicht.")}
SCORE_CHOICES = [(value, str(value)) for value in range(1, 6)]


def _years_field(label: StrOrPromise) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=60,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "short"}),
        error_messages={
            "invalid": _("Vul een heel aantal jaren in."),
            "min_value": _("Vul 0 of meer in."),
            "max_value": _("Vul hoogstens 60 in."),
        },
    )


YEARS_FIELDS = ("years_council_member", "years_alderman", "years_mayor", "years_clerk")


class ApplicationForm(AccessibleForm):
    name = forms.CharField(
        label=_("Naam"),
        max_length=120,
        error_messages=REQUIRED,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages={**REQUIRED, "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer (niet verplicht)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    home_municipality = forms.TypedChoiceField(
        label=_("Woongemeente"),
        coerce=int,
        error_messages={**REQUIRED, "invalid_choice": _("Kies een gemeente uit de lijst.")},
        help_text=_("Zo weten we voor welke regio u zich beschikbaar stelt."),
    )
    background_kind = forms.ChoiceField(
        label=_("Uw rol in het lokaal bestuur"),
        choices=BackgroundKind.choices,
        widget=forms.RadioSelect,
        error_messages={**REQUIRED, "invalid_choice": _("Kies een van de mogelijkheden.")},
    )
    background = forms.CharField(
        label=_("Uw ervaring in het lokaal bestuur"),
        max_length=4000,
        error_messages=REQUIRED,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Bijvoorbeeld in welke gemeente(n), hoe lang en in welke rol."),
    )
    years_council_member = _years_field(_("Jaren als raadslid"))
    years_alderman = _years_field(_("Jaren als wethouder"))
    years_mayor = _years_field(_("Jaren als burgemeester"))
    years_clerk = _years_field(_("Jaren als griffier"))
    motivation = forms.CharField(
        label=_("Motivatie"),
        max_length=6000,
        error_messages=REQUIRED,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Waarom wilt u regioambassadeur worden, en wat brengt u mee?"),
    )
    cv = forms.FileField(
        label=_("Cv"),
        required=False,
        help_text=_("PDF, Word (DOCX) of OpenDocument (ODT), hoogstens 10 MB. Zonder macro’s."),
        widget=forms.FileInput(
            attrs={"accept": ".pdf,.docx,.odt,application/pdf,application/vnd.oasis.opendocument.text"}
        ),
    )
    cv_token = forms.CharField(required=False, widget=forms.HiddenInput)
    consent_keep = forms.BooleanField(
        label=_(
            "Bewaar mijn gegevens een jaar, zodat de vereniging mij kan benaderen voor een latere vacature."
        ),
        required=False,
        help_text=_(
            "Zonder dit vinkje verwijderen we uw gegevens en cv vier weken na afloop van de procedure."
        ),
    )

    def __init__(self, *args: Any, pending_name: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["home_municipality"]).choices = [
            ("", _("Kies uw gemeente")),
            *municipality_choices(),
        ]
        self.pending_name = pending_name
        self.checked_cv: CheckedCV | None = None

    def clean_cv(self) -> Any:
        upload = self.cleaned_data.get("cv")
        if not upload:
            return None
        if upload.size > CV_MAX_BYTES:
            raise ValidationError(_("Het bestand is groter dan 10 MB. Maak het kleiner of stuur een PDF."))
        self.checked_cv = cv_check(
            filename=upload.name or "",
            content=upload.read(CV_MAX_BYTES + 1),
            declared_type=upload.content_type or "",
        )
        return upload

    def require_cv(self) -> None:
        """No new file and no kept one: the CV is required."""
        self.add_error("cv", ValidationError(_("Kies uw cv (PDF, DOCX of ODT).")))

    def clean_home_municipality(self) -> Municipality:
        municipality = municipality_or_none(pk=self.cleaned_data["home_municipality"])
        if municipality is None:
            raise ValidationError(_("Kies een gemeente uit de lijst."))
        return municipality

    def clean_name(self) -> str:
        value = " ".join(self.cleaned_data["name"].split())
        if not value or any(not character.isprintable() for character in value):
            raise ValidationError(_("Vul uw naam in, zonder onzichtbare tekens."))
        return value


class TargetForm(AccessibleForm):
    target = forms.IntegerField(
        label=_("Eigen doel"),
        min_value=0,
        max_value=50,
        required=False,
        help_text=_("Leeg laten om het afgeleide doel te gebruiken."),
        error_messages={
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Kies 0 of meer."),
            "max_value": _("Kies hoogstens 50."),
        },
    )


class TimeGuidanceForm(AccessibleForm):
    hours_per_month = forms.DecimalField(
        label=_("Uur per maand"),
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("0.1"),
        error_messages={
            **REQUIRED,
            "invalid": _("Vul een aantal uren in, zoals 4,5."),
            "min_value": _("Kies meer dan 0 uur."),
        },
    )


class VacancyOpenForm(AccessibleForm):
    positions = forms.IntegerField(
        label=_("Aantal plaatsen"),
        min_value=1,
        max_value=50,
        error_messages={
            **REQUIRED,
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Kies 1 of meer."),
            "max_value": _("Kies hoogstens 50."),
        },
    )
    closes_on = forms.DateField(
        label=_("Reageren kan tot en met (niet verplicht)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )


def _score_field(competence: Competence) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=competence.label,
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=COMPETENCE_GUIDANCE[competence],
        error_messages={**REQUIRED, "invalid_choice": _("Kies een score van 1 tot en met 5.")},
    )


class ScoreForm(AccessibleForm):
    neutral = _score_field(Competence.NEUTRAL)
    integrity = _score_field(Competence.INTEGRITY)
    experience = _score_field(Competence.EXPERIENCE)
    resilience = _score_field(Competence.RESILIENCE)
    empathy = _score_field(Competence.EMPATHY)
    recommendation = forms.ChoiceField(
        label=_("Advies"),
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={**REQUIRED, "invalid_choice": _("Kies een advies.")},
    )
    remarks = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def values(self) -> dict[str, int]:
        return {competence.value: self.cleaned_data[competence.value] for competence in Competence}


class ConflictForm(AccessibleForm):
    confirm = forms.BooleanField(
        label=_("Ik heb een belangenconflict en beoordeel deze kandidaat niet."),
        error_messages={"required": _("Vink aan dat u een belangenconflict meldt.")},
    )
    reason = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InterviewForm(AccessibleForm):
    day = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**REQUIRED, "invalid": _("Vul een geldige datum in.")},
    )
    start = forms.TimeField(
        label=_("Begintijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={**REQUIRED, "invalid": _("Vul een tijd in, zoals 14:00.")},
    )
    end = forms.TimeField(
        label=_("Eindtijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={**REQUIRED, "invalid": _("Vul een tijd in, zoals 15:00.")},
    )
    mode = forms.ChoiceField(
        label=_("Vorm"), choices=InterviewMode.choices, widget=forms.RadioSelect, error_messages=REQUIRED
    )
    location = forms.CharField(
        label=_("Adres (bij een gesprek op locatie)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    video_url = forms.URLField(
        label=_("Videolink (bij een videogesprek)"),
        max_length=300,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een volledige link in die begint met https://.")},
    )

    panel: forms.ModelMultipleChoiceField[User] = forms.ModelMultipleChoiceField(
        label=_("Gesprekspanel"),
        queryset=None,  # the committee members without a conflict for this applicant, set per form
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Elk panellid krijgt de uitnodiging met het agenda-bestand en beoordeelt de kandidaat voordat er een "
            "besluit kan vallen."
        ),
        error_messages={"invalid_choice": _("Kies panelleden uit de lijst.")},
    )

    def __init__(self, *args: Any, panel_candidates: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        panel = cast("forms.ModelMultipleChoiceField[User]", self.fields["panel"])
        panel.queryset = (
            panel_candidates if panel_candidates is not None else users_with_permission(SCORE_APPLICATIONS)
        )

    def moments(self) -> tuple[datetime, datetime]:
        day = self.cleaned_data["day"]
        return _aware(day, self.cleaned_data["start"]), _aware(day, self.cleaned_data["end"])


def _aware(day: Any, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment), timezone.get_default_timezone())


class OutcomeForm(AccessibleForm):
    notes = forms.CharField(
        label=_("Verslag van het gesprek"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages=REQUIRED,
        help_text=_(
            "Feitelijk en kort: de indruk per competentie en afspraken. Het verslag wordt versleuteld."
        ),
    )


class DecisionForm(AccessibleForm):
    decision = forms.ChoiceField(
        label=_("Voorgesteld besluit"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={**REQUIRED, "invalid_choice": _("Kies aannemen, reserve of afwijzen.")},
        help_text=_("Eerst een voorstel: de kandidaat krijgt pas een e-mail als het besluit is bevestigd."),
    )


class DecisionWithdrawForm(AccessibleForm):
    reason = forms.CharField(
        label=_("Waarom trekt u het voorstel in?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Schrijf kort waarom het voorstel wordt ingetrokken.")},
    )


def _past_date_field(label: StrOrPromise, help_text: StrOrPromise) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )


class OnboardingForm(AccessibleForm):
    vog_issued_on = _past_date_field(
        _("Verklaring omtrent het gedrag (VOG): datum van afgifte"),
        _(
            "De datum op de VOG. Bij het inwerken mag die hoogstens drie maanden oud zijn; de vernieuwingsdatum volgt."
        ),
    )
    pledge_signed_on = _past_date_field(
        _("Geheimhoudingsverklaring: datum van ondertekening"),
        _("Laat leeg zolang de getekende verklaring niet binnen is."),
    )
    training_followed = forms.BooleanField(label=_("Training gevolgd"), required=False)
    regions: forms.ModelMultipleChoiceField[Region] = forms.ModelMultipleChoiceField(
        label=_("Regio’s waarvoor de ambassadeur beschikbaar is"),
        queryset=None,  # the regions of the active scheme, set per form
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies regio’s uit de lijst.")},
    )
    capacity = forms.IntegerField(
        label=_("Capaciteit: lopende trajecten tegelijk"),
        min_value=1,
        max_value=10,
        error_messages={
            **REQUIRED,
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Kies 1 of meer."),
            "max_value": _("Kies hoogstens 10."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["regions"]).queryset = regions_by_name()
