"""Forms for ambassador profiles. They only parse and validate; the services write."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.core.forms import AccessibleForm
from klankbord.geo.forms import party_choice_field, party_form_choices, party_form_value, party_other_field
from klankbord.geo.selectors import active_scheme, municipality_choices, municipality_get, regions_by_name

from .constants import (
    CAPACITY_MAX,
    CAPACITY_MIN,
    MINUTES_MAX,
    SCORE_MAX,
    SCORE_MIN,
    SHORT_TEXT_MAX_LENGTH,
    YEARS_MAX,
    AmbassadorStatus,
    BackgroundRole,
    Competence,
    ConflictKind,
    Gender,
    Language,
    TimeActivity,
)
from .models import Ambassador
from .selectors import users_without_profile
from .services import LEAVE_MAX_DAYS, time_entry_date_check

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from klankbord.accounts.models import User
    from klankbord.geo.models import Region

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCORE_CHOICES = [("", _("Niet beoordeeld")), *((str(n), str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1))]


def municipality_field(
    label: StrOrPromise, *, required: bool = True, help_text: StrOrPromise = ""
) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        required=required,
        help_text=help_text,
        error_messages={
            "required": _("Kies een gemeente."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )


def _int(label: StrOrPromise, low: int, high: int, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages={
            "required": _("Vul een getal in."),
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Vul minstens %(limit_value)s in."),
            "max_value": _("Vul hoogstens %(limit_value)s in."),
        },
        **kwargs,
    )


class ProfileForm(AccessibleForm):
    """The coordinator's form for a profile (everything except the ambassador's own party consent)."""

    home_municipality = municipality_field(
        _("Woongemeente"), help_text=_("Bepaalt de eigen regio en de afstand.")
    )
    extra_regions: forms.ModelMultipleChoiceField[Region] = forms.ModelMultipleChoiceField(
        label=_("Extra regio's"),
        queryset=None,  # the regions of the active scheme, set per form
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De regio van de woongemeente hoort er altijd bij; kies hier alleen regio's daarbuiten."),
    )
    capacity = _int(_("Maximaal aantal open zaken"), CAPACITY_MIN, CAPACITY_MAX)
    gender = forms.ChoiceField(label=_("Gender (optioneel)"), choices=Gender.choices, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Talen"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    availability_note = forms.CharField(
        label=_("Beschikbaarheid"),
        max_length=SHORT_TEXT_MAX_LENGTH,
        required=False,
        help_text=_("Bijvoorbeeld: ‘doordeweeks na 18 uur en in het weekend’."),
    )
    started_on = forms.DateField(
        label=_("Ambassadeur sinds"),
        widget=DATE_INPUT,
        error_messages={"required": _("Vul een datum in."), "invalid": _("Vul een geldige datum in.")},
    )
    assessed_on = forms.DateField(
        label=_("Beoordeeld door de selectiecommissie op"),
        widget=DATE_INPUT,
        required=False,
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choice_field("home_municipality").choices = [
            ("", _("Kies een gemeente")),
            *municipality_choices(),
        ]
        cast(forms.ModelMultipleChoiceField, self.fields["extra_regions"]).queryset = regions_by_name(
            scheme=active_scheme()
        )
        for role in BackgroundRole:
            self.fields[f"years_{role.value}"] = _int(
                _("Jaren %(role)s") % {"role": str(role.label).lower()},
                0,
                YEARS_MAX,
                initial=0,
                required=False,
            )
        for competence in Competence:
            self.fields[f"score_{competence.value}"] = forms.TypedChoiceField(
                label=competence.label,
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )

    @staticmethod
    def initial_for(ambassador: Ambassador) -> dict[str, Any]:
        initial = {
            name: getattr(ambassador, name)
            for name in ("capacity", "gender", "languages", "availability_note", "started_on", "assessed_on")
        }
        initial["home_municipality"] = ambassador.home_municipality_id
        initial["extra_regions"] = list(ambassador.extra_regions.all())
        for role in BackgroundRole:
            initial[f"years_{role.value}"] = getattr(ambassador, f"years_{role.value}")
        for competence in Competence:
            initial[f"score_{competence.value}"] = getattr(ambassador, f"score_{competence.value}")
        return initial

    def profile_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in {"extra_regions", "user"}}
        data["home_municipality"] = municipality_get(pk=data["home_municipality"])
        for role in BackgroundRole:
            data[f"years_{role.value}"] = data.get(f"years_{role.value}") or 0
        return data


class ProfileCreateForm(ProfileForm):
    user: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Account"),
        queryset=None,  # accounts without a profile, set per form
        empty_label=_("Kies een account"),
        help_text=_("Alleen accounts met de rol regioambassadeur zonder profiel."),
        error_messages={
            "required": _("Kies een account."),
            "invalid_choice": _("Kies een account uit de lijst."),
        },
    )
    field_order = ["user"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["user"]).queryset = users_without_profile()


class OwnProfileForm(AccessibleForm):
    gender = forms.ChoiceField(
        label=_("Gender (optioneel)"),
        choices=Gender.choices,
        required=False,
        help_text=_("Sommige raadsleden hebben een voorkeur; u hoeft dit niet in te vullen."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Talen die u spreekt"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability_note = forms.CharField(
        label=_("Beschikbaarheid"),
        max_length=SHORT_TEXT_MAX_LENGTH,
        required=False,
        help_text=_("Wanneer bent u meestal bereikbaar? Bijvoorbeeld ‘doordeweeks na 18 uur’."),
    )


class PartyForm(AccessibleForm):
    consent = forms.BooleanField(
        label=_("Ik geef toestemming om mijn partij vast te leggen"),
        required=False,
        help_text=_(
            "Alleen gebruikt om u niet te koppelen aan een raadslid van dezelfde partij. "
            "Zonder vinkje wordt uw partij gewist."
        ),
    )
    party = party_choice_field(_("Partij"))
    party_other = party_other_field()

    def __init__(self, *args: Any, municipality_id: int | None = None, **kwargs: Any) -> None:
        """Offer the parties of ``municipality_id`` (the ambassador's home) first."""
        super().__init__(*args, **kwargs)
        party_form_choices(self, "party", municipality_id=municipality_id)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["party_value"] = party_form_value(self, "party")
        if self.errors:
            return data
        if data.get("consent") and not data["party_value"]:
            self.add_error("party", _("Vul uw partij in, of zet het vinkje uit."))
        if not data.get("consent") and data["party_value"]:
            self.add_error(
                "consent",
                _("Zonder toestemming slaan we uw partij niet op. Zet het vinkje aan of maak het veld leeg."),
            )
        return data


class LeaveForm(AccessibleForm):
    starts_on = forms.DateField(
        label=_("Van"),
        widget=DATE_INPUT,
        error_messages={"required": _("Vul een begindatum in."), "invalid": _("Vul een geldige datum in.")},
    )
    ends_on = forms.DateField(
        label=_("Tot en met"),
        widget=DATE_INPUT,
        error_messages={"required": _("Vul een einddatum in."), "invalid": _("Vul een geldige datum in.")},
    )
    note = forms.CharField(
        label=_("Toelichting (optioneel)"),
        max_length=SHORT_TEXT_MAX_LENGTH,
        required=False,
        help_text=_("Alleen voor uzelf en de coördinator; een reden is niet nodig."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends:
            if ends < starts:
                self.add_error("ends_on", _("De einddatum ligt voor de begindatum."))
            elif ends < timezone.localdate():
                self.add_error("ends_on", _("Deze periode ligt helemaal in het verleden."))
            elif (ends - starts).days >= LEAVE_MAX_DAYS:
                self.add_error("ends_on", _("Een verlofperiode duurt hoogstens een jaar; pauzeer anders."))
        return data


class ConflictForm(AccessibleForm):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=ConflictKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een soort belangenconflict.")},
    )
    municipality = municipality_field(
        _("Gemeente"),
        required=False,
        help_text=_("Bij soort ‘gemeente’: bijvoorbeeld waar een familielid in de raad zit."),
    )
    party = party_choice_field(_("Partij"), help_text=_("Bij soort ‘partij’: kies de partij uit de lijst."))
    party_other = party_other_field()
    name = forms.CharField(label=_("Naam van de persoon"), max_length=SHORT_TEXT_MAX_LENGTH, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choice_field("municipality").choices = [("", _("Kies een gemeente")), *municipality_choices()]
        party_form_choices(self, "party", everywhere=True)

    def clean(self) -> dict[str, Any]:
        """A party conflict is stored as the party's value on the list (``name`` carries it to the service)."""
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == ConflictKind.MUNICIPALITY and not data.get("municipality"):
            self.add_error("municipality", _("Kies de gemeente."))
        if kind == ConflictKind.PARTY:
            data["name"] = party_form_value(self, "party")
            if not data["name"] and not self.has_error("party_other"):
                self.add_error("party", _("Kies de partij."))
        if kind == ConflictKind.PERSON and not (data.get("name") or "").strip():
            self.add_error("name", _("Vul de naam in."))
        return data


class StatusForm(AccessibleForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=AmbassadorStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een status.")},
    )
    reason = forms.CharField(
        label=_("Toelichting (optioneel)"), max_length=SHORT_TEXT_MAX_LENGTH, required=False
    )

    def __init__(self, *args: Any, allowed: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.choice_field("status").choices = [c for c in AmbassadorStatus.choices if c[0] in allowed]


class TimeEntryForm(AccessibleForm):
    entry_date = forms.DateField(
        label=_("Datum"),
        widget=DATE_INPUT,
        error_messages={"required": _("Vul een datum in."), "invalid": _("Vul een geldige datum in.")},
    )
    activity = forms.ChoiceField(
        label=_("Activiteit"),
        choices=TimeActivity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een activiteit.")},
    )
    minutes = _int(_("Minuten"), 1, MINUTES_MAX, help_text=_("Bijvoorbeeld 90 voor anderhalf uur."))
    report = forms.TypedChoiceField(
        label=_("Melding (optioneel)"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Kies een melding uit de lijst.")},
    )

    def __init__(self, *args: Any, reports: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choice_field("report").choices = [("", _("Geen specifieke melding")), *reports]

    def clean_entry_date(self) -> date:
        value = self.cleaned_data["entry_date"]
        try:
            time_entry_date_check(value, timezone.localdate())
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return value
