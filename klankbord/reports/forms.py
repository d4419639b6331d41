"""Forms of the intake: the triage question, the report itself (online and by a counsellor) and sparren."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.consent.constants import ON_BEHALF_METHODS, Method, ShareableField
from klankbord.core.forms import AccessibleForm, AccessibleModelForm
from klankbord.geo.forms import party_choice_field, party_form_choices, party_form_value, party_other_field
from klankbord.geo.selectors import municipalities_by_name
from klankbord.messaging.forms import AttachmentFormMixin

from .constants import (
    COUNSELLOR_SOURCE_CHANNELS,
    IMPACT_STAFF_LABELS,
    INCIDENT_CHANNEL_STAFF_LABELS,
    NARRATIVE_MAX_LENGTH,
    POLICE_REPORT_STAFF_LABELS,
    SHORT_TEXT_MAX_LENGTH,
    Category,
    ContactChannel,
    GenderPreference,
    Impact,
    IncidentChannel,
    MemberRole,
    PerpetratorType,
    PoliceReport,
    SourceChannel,
    staff_choices,
)
from .models import Report
from .services import CORRECTABLE_FIELDS, ConsentInput, ReportInput

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]
ONGOING_CHOICES = [
    ("ja", _("Ja, het gaat nog door")),
    ("nee", _("Nee, het is voorbij")),
    ("", _("Weet ik niet")),
]
_PHONE = re.compile(r"^[0-9+()\- ]{6,20}$")


class TriageForm(AccessibleForm):
    acute_danger = forms.ChoiceField(
        label=_("Bent u nu in acuut gevaar?"),
        choices=YES_NO,
        # Each answer asks the server for the matching guidance, shown next to the question.
        widget=forms.RadioSelect(
            attrs={
                "hx-get": reverse_lazy("reports:triage"),
                "hx-trigger": "change",
                "hx-target": "#triage-guidance",
                "hx-swap": "innerHTML",
            }
        ),
        error_messages={
            "required": _("Geef aan of u nu in acuut gevaar bent."),
            "invalid_choice": _("Geef aan of u nu in acuut gevaar bent."),
        },
    )


def _municipality_field(*, required: bool) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("In welke gemeente bent u actief?"),
        queryset=municipalities_by_name(),
        required=required,
        empty_label=_("Kies een gemeente"),
        error_messages={
            "required": _("Kies de gemeente waar u actief bent."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )


class ReportFieldsForm(AttachmentFormMixin):
    """Everything a report can say. Only the narrative (and online also the municipality) is required."""

    acute_danger = forms.ChoiceField(choices=YES_NO, widget=forms.HiddenInput, required=False)
    municipality = _municipality_field(required=False)
    member_role = forms.ChoiceField(
        label=_("Uw functie"), choices=MemberRole.choices, widget=forms.RadioSelect, required=False
    )
    narrative = forms.CharField(
        label=_("Wat is er gebeurd?"),
        help_text=_(
            "Vertel in uw eigen woorden wat er gebeurde. Een paar zinnen is genoeg; u kunt later meer vertellen."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=NARRATIVE_MAX_LENGTH,
        error_messages={"required": _("Beschrijf kort wat er is gebeurd.")},
    )
    categories = forms.MultipleChoiceField(
        label=_("Wat voor voorval was het? (meer antwoorden mogelijk)"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    incident_channels = forms.MultipleChoiceField(
        label=_("Hoe gebeurde het? (meer antwoorden mogelijk)"),
        choices=IncidentChannel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    perpetrator_type = forms.ChoiceField(
        label=_("Wie deed het?"), choices=PerpetratorType.choices, widget=forms.RadioSelect, required=False
    )
    occurred_on = forms.DateField(
        label=_("Wanneer gebeurde het? (datum)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 14-03-2026.")},
    )
    occurred_period = forms.CharField(
        label=_("Of omschrijf de periode"),
        help_text=_("Bijvoorbeeld: sinds de raadsvergadering van maart."),
        max_length=SHORT_TEXT_MAX_LENGTH,
        required=False,
    )
    ongoing = forms.ChoiceField(
        label=_("Gaat het nog door?"), choices=ONGOING_CHOICES, widget=forms.RadioSelect, required=False
    )
    police_report = forms.ChoiceField(
        label=_("Aangifte bij de politie"),
        choices=PoliceReport.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    impacts = forms.MultipleChoiceField(
        label=_("Welke gevolgen merkt u? (meer antwoorden mogelijk)"),
        choices=Impact.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    impact_notes = forms.CharField(
        label=_("Toelichting op de gevolgen (optioneel)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NARRATIVE_MAX_LENGTH,
        required=False,
    )
    preferred_contact_channel = forms.ChoiceField(
        label=_("Hoe wilt u dat wij contact opnemen?"),
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    preferred_contact_times = forms.CharField(
        label=_("Wanneer bent u het best bereikbaar?"), max_length=SHORT_TEXT_MAX_LENGTH, required=False
    )
    contact_name = forms.CharField(label=_("Naam (optioneel)"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("E-mailadres (optioneel)"),
        help_text=_("Dan sturen wij een seintje (zonder inhoud) als er een bericht voor u is."),
        max_length=254,
        required=False,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
    )
    contact_phone = forms.CharField(label=_("Telefoonnummer (optioneel)"), max_length=40, required=False)
    wish_gender = forms.ChoiceField(
        label=_("Voorkeur voor de ambassadeur"),
        choices=GenderPreference.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    wish_excluded_municipalities = forms.ModelMultipleChoiceField(
        label=_("De ambassadeur mag niet komen uit (optioneel)"),
        help_text=_("Uw eigen gemeente is altijd uitgesloten. Kies er meer met Ctrl (of Cmd) ingedrukt."),
        queryset=municipalities_by_name(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages={"invalid_choice": _("Kies gemeenten uit de lijst.")},
    )
    party_shared = forms.BooleanField(
        label=_("Ik wil mijn partij delen, zodat de ambassadeur niet van mijn eigen partij is"),
        help_text=_("Uw partij is een gevoelig gegeven. Wij bewaren het alleen als u dit aanvinkt."),
        required=False,
    )
    member_party = party_choice_field(_("Mijn partij"))
    member_party_other = party_other_field()
    wish_notes = forms.CharField(
        label=_("Andere wensen (optioneel)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT_MAX_LENGTH * 5,
        required=False,
    )
    consent_connect = forms.BooleanField(
        label=_("Breng mij in contact met een regioambassadeur"), required=False
    )
    consent_share_fields = forms.MultipleChoiceField(
        label=_("De ambassadeur mag deze gegevens zien"),
        help_text=_("Alleen als u contact met een ambassadeur wilt. U kunt dit later altijd intrekken."),
        choices=ShareableField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consent_signals = forms.BooleanField(
        label=_("Mijn melding mag geanonimiseerd meetellen in de signalen van de vereniging"), required=False
    )
    consent_aftercare = forms.BooleanField(
        label=_("Neem later contact met mij op voor nazorg"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        party_form_choices(self, "member_party", municipality_id=self._municipality_id())

    def _municipality_id(self) -> int | None:
        """The municipality the form is filled in for (posted, or initial), so its parties are offered."""
        raw = (
            self.data.get(self.add_prefix("municipality"))
            if self.is_bound
            else self.initial.get("municipality")
        )
        text = str(getattr(raw, "pk", raw) or "")
        return int(text) if text.isdigit() else None

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data.get("contact_phone", "").strip()
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(_("Vul een telefoonnummer in met alleen cijfers, spaties, + of -."))
        return phone

    def clean_occurred_on(self) -> Any:
        day = self.cleaned_data.get("occurred_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("De datum ligt in de toekomst."))
        return day

    # The headings of the form's sections (reports/includes/report_fields.html), in the member's voice.
    section_titles: dict[str, StrOrPromise] = {
        "you": _("Over u"),
        "consent": _("Uw toestemming"),
        "consent_intro": _(
            "Wij delen niets zonder uw toestemming. U kunt elke toestemming later intrekken; dat geldt dan meteen."
        ),
    }
    party_unticked_error: StrOrPromise = _("Vink aan dat u uw partij wilt delen, of laat dit veld leeg.")
    share_without_contact_error: StrOrPromise = _(
        "Gegevens delen kan alleen als u ook contact met een ambassadeur wilt."
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        cleaned["member_party_value"] = party_form_value(self, "member_party")
        if cleaned["member_party_value"] and not cleaned.get("party_shared"):
            self.add_error("member_party", self.party_unticked_error)
        if cleaned.get("consent_share_fields") and not cleaned.get("consent_connect"):
            self.add_error("consent_share_fields", self.share_without_contact_error)
        return cleaned

    def report_input(self) -> ReportInput:
        c = self.cleaned_data
        ongoing = {"ja": True, "nee": False}.get(c.get("ongoing") or "")
        return ReportInput(
            narrative=c["narrative"].strip(),
            municipality=c.get("municipality"),
            member_role=c.get("member_role") or "",
            acute_danger=c.get("acute_danger") == "ja",
            categories=list(c.get("categories") or []),
            incident_channels=list(c.get("incident_channels") or []),
            perpetrator_type=c.get("perpetrator_type") or "",
            occurred_on=c.get("occurred_on"),
            occurred_period=c.get("occurred_period", "").strip(),
            ongoing=ongoing,
            police_report=c.get("police_report") or "",
            impacts=list(c.get("impacts") or []),
            impact_notes=c.get("impact_notes", "").strip(),
            preferred_contact_channel=c.get("preferred_contact_channel") or "",
            preferred_contact_times=c.get("preferred_contact_times", "").strip(),
            contact_name=c.get("contact_name", "").strip(),
            contact_email=c.get("contact_email", "").strip(),
            contact_phone=c.get("contact_phone", ""),
            wish_gender=c.get("wish_gender") or "",
            wish_excluded_municipalities=list(c.get("wish_excluded_municipalities") or []),
            party_shared=bool(c.get("party_shared")),
            member_party=c.get("member_party_value", "") if c.get("party_shared") else "",
            wish_notes=c.get("wish_notes", "").strip(),
        )

    def consent_input(self) -> ConsentInput:
        c = self.cleaned_data
        return ConsentInput(
            connect_ambassador=bool(c.get("consent_connect")),
            share_fields=list(c.get("consent_share_fields") or []) if c.get("consent_connect") else [],
            anonymous_signals=bool(c.get("consent_signals")),
            aftercare_contact=bool(c.get("consent_aftercare")),
        )


class OnlineReportForm(ReportFieldsForm):
    """The member's own form: the municipality is needed to find help in the right region."""

    municipality = _municipality_field(required=True)


# How the report's fields read on the counsellor's registration form: to the counsellor, about the member.
_STAFF_LABELS: dict[str, StrOrPromise] = {
    "municipality": _("In welke gemeente is het raadslid actief?"),
    "member_role": _("Functie van het raadslid"),
    "impacts": _("Welke gevolgen merkt het raadslid? (meer antwoorden mogelijk)"),
    "preferred_contact_channel": _("Hoe wil het raadslid dat wij contact opnemen?"),
    "preferred_contact_times": _("Wanneer is het raadslid het best bereikbaar?"),
    "contact_name": _("Naam van het raadslid (optioneel)"),
    "party_shared": _("Het raadslid wil de partij delen, zodat de ambassadeur niet van dezelfde partij is"),
    "member_party": _("Partij van het raadslid"),
    "member_party_other": _("Andere partij, namelijk"),
    "consent_connect": _("Het raadslid wil in contact komen met een regioambassadeur"),
    "consent_signals": _("De melding mag geanonimiseerd meetellen in de signalen van de vereniging"),
    "consent_aftercare": _("Het raadslid wil later benaderd worden voor nazorg"),
}
_STAFF_HELP: dict[str, StrOrPromise] = {
    "narrative": _("Schrijf op wat het raadslid vertelde. Een paar zinnen is genoeg; later kan er meer bij."),
    "contact_email": _("Dan krijgt het raadslid een seintje (zonder inhoud) als er een bericht is."),
    "wish_excluded_municipalities": _(
        "De eigen gemeente van het raadslid is altijd uitgesloten. Kies er meer met Ctrl (of Cmd) ingedrukt."
    ),
    "party_shared": _("De partij is een gevoelig gegeven. Wij bewaren die alleen als dit is aangevinkt."),
    "consent_share_fields": _(
        "Alleen als het raadslid contact met een ambassadeur wil. Het raadslid kan dit later altijd intrekken."
    ),
}
_STAFF_CHOICES: dict[str, list[tuple[str, StrOrPromise]]] = {
    "incident_channels": staff_choices(IncidentChannel, INCIDENT_CHANNEL_STAFF_LABELS),
    "police_report": staff_choices(PoliceReport, POLICE_REPORT_STAFF_LABELS),
    "impacts": staff_choices(Impact, IMPACT_STAFF_LABELS),
}


def _speak_about_the_member(form: forms.BaseForm) -> None:
    """Give the form's report fields the staff wording (to the counsellor, about the member)."""
    for name, label in _STAFF_LABELS.items():
        if name in form.fields:
            form.fields[name].label = label
    for name, help_text in _STAFF_HELP.items():
        if name in form.fields:
            form.fields[name].help_text = help_text
    for name, choices in _STAFF_CHOICES.items():
        if name in form.fields:
            cast("forms.ChoiceField", form.fields[name]).choices = choices


class RegisterReportForm(ReportFieldsForm):
    """A counsellor registers what the member told them; consents given in that conversation are recorded.

    The fields are the member's, but the form speaks to the counsellor about the member (labels, help, choices
    and section headings); what is stored is the same."""

    section_titles = {
        "you": _("Over het raadslid"),
        "consent": _("Toestemming van het raadslid"),
        "consent_intro": _(
            "Leg alleen toestemming vast die het raadslid in het gesprek gaf. Elke toestemming kan later worden "
            "ingetrokken; dat geldt dan meteen."
        ),
    }
    party_unticked_error = _("Vink aan dat het raadslid de partij wil delen, of laat dit veld leeg.")
    share_without_contact_error = _(
        "Gegevens delen kan alleen als het raadslid ook contact met een ambassadeur wil."
    )

    source_channel = forms.ChoiceField(
        label=_("Hoe kwam de melding binnen?"),
        choices=[(c.value, c.label) for c in COUNSELLOR_SOURCE_CHANNELS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe de melding binnenkwam.")},
    )
    consent_method = forms.ChoiceField(
        label=_("Hoe gaf de melder toestemming?"),
        choices=[("", _("Geen toestemming gegeven"))] + [(m.value, m.label) for m in ON_BEHALF_METHODS],
        required=False,
    )
    urgent = forms.BooleanField(label=_("Urgent: er is acuut gevaar"), required=False)

    field_order = ["source_channel", "urgent", "municipality", "member_role", "narrative"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _speak_about_the_member(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        gave_consent = any(
            cleaned.get(name) for name in ("consent_connect", "consent_signals", "consent_aftercare")
        )
        if gave_consent and cleaned.get("consent_method") not in Method.values:
            self.add_error("consent_method", _("Leg vast hoe de melder toestemming gaf."))
        return cleaned

    def report_input(self) -> ReportInput:
        data = super().report_input()
        data.acute_danger = bool(self.cleaned_data.get("urgent"))
        return data


_REPORT_FIELDS = ReportFieldsForm.base_fields
_ONGOING_VALUES: dict[str, bool | None] = {"ja": True, "nee": False, "": None}


class ReportCorrectionForm(AccessibleModelForm):
    """A counsellor completes or corrects a report: the registration form's fields, in its staff wording.

    The form only validates; ``changes()`` hands the values to ``report_correct``, which compares them with the
    stored report, writes what changed and records it. Call it on an instance the form may not alter: the
    service reads the report again under a lock.
    """

    municipality = _REPORT_FIELDS["municipality"]
    narrative = _REPORT_FIELDS["narrative"]
    categories = _REPORT_FIELDS["categories"]
    incident_channels = _REPORT_FIELDS["incident_channels"]
    perpetrator_type = _REPORT_FIELDS["perpetrator_type"]
    occurred_on = _REPORT_FIELDS["occurred_on"]
    occurred_period = _REPORT_FIELDS["occurred_period"]
    ongoing = _REPORT_FIELDS["ongoing"]
    police_report = _REPORT_FIELDS["police_report"]
    impacts = _REPORT_FIELDS["impacts"]
    impact_notes = _REPORT_FIELDS["impact_notes"]

    class Meta:
        model = Report
        fields = list(CORRECTABLE_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _speak_about_the_member(self)
        self.fields["narrative"].help_text = _(
            "Vul aan of verbeter wat het raadslid vertelde. De melder ziet dat de melding is aangevuld."
        )
        self.initial["ongoing"] = {True: "ja", False: "nee"}.get(self.instance.ongoing, "")

    clean_occurred_on = ReportFieldsForm.clean_occurred_on

    def clean_ongoing(self) -> bool | None:
        return _ONGOING_VALUES.get(self.cleaned_data.get("ongoing") or "")

    def clean_narrative(self) -> str:
        return str(self.cleaned_data.get("narrative", "")).strip()

    def changes(self) -> dict[str, Any]:
        """The submitted value of every correctable field (the service keeps only the ones that differ)."""
        return {name: self.cleaned_data.get(name) for name in CORRECTABLE_FIELDS}


class TalkRequestForm(AccessibleForm):
    municipality = _municipality_field(required=False)
    name = forms.CharField(label=_("Naam (optioneel)"), max_length=200, required=False)
    reach_me = forms.CharField(
        label=_("Hoe kunnen wij u bereiken?"),
        help_text=_("Een telefoonnummer of e-mailadres."),
        max_length=200,
        error_messages={"required": _("Vul in hoe wij u kunnen bereiken.")},
    )
    when = forms.CharField(
        label=_("Wanneer komt het u uit? (optioneel)"),
        help_text=_("Bijvoorbeeld: doordeweeks na 19.00 uur."),
        max_length=200,
        required=False,
    )
    topic = forms.CharField(
        label=_("Waarover wilt u sparren? (optioneel)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=NARRATIVE_MAX_LENGTH // 4,
        required=False,
    )


class ReceiptCodeForm(AccessibleForm):
    code = forms.CharField(
        label=_("Uw ontvangstcode"),
        help_text=_("De 20 cijfers die u kreeg na uw melding. Spaties mogen."),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"required": _("Vul uw ontvangstcode in.")},
    )


class AssignForm(AccessibleForm):
    counsellor: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Toewijzen aan"),
        queryset=get_user_model().objects.none(),  # replaced per request by the active counsellors
        error_messages={
            "required": _("Kies een vertrouwenspersoon."),
            "invalid_choice": _("Kies uit de lijst."),
        },
    )

    def __init__(self, *args: Any, counsellors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["counsellor"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = counsellors


class TransitionForm(AccessibleForm):
    to_status = forms.ChoiceField(label=_("Nieuwe status"), choices=())
    reason = forms.CharField(
        label=_("Reden"),
        help_text=_("Kort en feitelijk; de melder kan dit inzien."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args: Any, targets: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = targets


class IntakeNoteForm(AccessibleForm):
    body = forms.CharField(
        label=_("Intakenotitie"),
        help_text=_(
            "Houd notities minimaal en feitelijk: de melder kan ze opvragen, en een vertrouwenspersoon heeft geen "
            "verschoningsrecht. Geen meningen, geen gegevens van derden die niet nodig zijn."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": _("Een lege notitie kan niet worden opgeslagen.")},
    )


SOURCE_LABELS = dict(SourceChannel.choices)
