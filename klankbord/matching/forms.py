"""Forms of the matching page: the member's extra wishes (not stored) and the counsellor's choice."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klankbord.ambassadors.constants import Language
from klankbord.core.forms import AccessibleForm
from klankbord.geo.forms import party_choice_field, party_form_choices, party_form_value, party_other_field
from klankbord.geo.selectors import party_index
from klankbord.reports.constants import GenderPreference

from . import engine


class WishesForm(AccessibleForm):
    """Wishes on top of those recorded on the report. Nothing here is stored: it only filters this page."""

    gender = forms.ChoiceField(
        label=_("Voorkeur voor gender"), choices=GenderPreference.choices, required=False
    )
    gender_required = forms.BooleanField(
        label=_("Alleen ambassadeurs met dit gender"),
        required=False,
        help_text=_("Zonder vinkje telt de voorkeur alleen mee in de volgorde."),
    )
    language = forms.ChoiceField(
        label=_("Voorkeurstaal"), choices=[("", _("Geen voorkeur")), *Language.choices], required=False
    )
    excluded_party = party_choice_field(
        _("Geen ambassadeur van deze partij"),
        help_text=_("Alleen invullen als het raadslid dat vraagt. Wordt niet opgeslagen."),
    )
    excluded_party_other = party_other_field()

    def __init__(self, *args: Any, municipality_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        party_form_choices(self, "excluded_party", municipality_id=municipality_id)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        data["excluded_party_value"] = party_form_value(self, "excluded_party")
        return data

    def wishes(self, base: engine.Wishes) -> engine.Wishes:
        """``base`` (from the report) with this form's choices applied; ``base`` itself when the form is invalid."""
        if not self.is_bound or not self.is_valid():
            return base
        data = self.cleaned_data
        return engine.Wishes(
            gender=data["gender"],
            gender_required=bool(data["gender"] and data["gender_required"]),
            excluded_municipality_ids=base.excluded_municipality_ids,
            excluded_party=party_index().key(data["excluded_party_value"]),
            language=data["language"],
        )


class ConfirmForm(AccessibleForm):
    ambassador = forms.TypedChoiceField(
        label=_("Kies een ambassadeur"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een ambassadeur."),
            "invalid_choice": _("Kies een van de voorstellen."),
        },
    )
    reason = forms.CharField(label=_("Reden van de overdracht"), max_length=500, required=False)

    def __init__(
        self, *args: Any, choices: Sequence[tuple[int, str]] = (), handover: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.choice_field("ambassador").choices = list(choices)
        self.handover = handover
        if not handover:
            del self.fields["reason"]

    def clean_reason(self) -> str:
        reason = (self.cleaned_data.get("reason") or "").strip()
        if self.handover and not reason:
            raise forms.ValidationError(_("Geef een reden voor de overdracht."))
        return reason
