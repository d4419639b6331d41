from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klankbord.core.forms import AccessibleForm

from .constants import PARTY_OTHER, PARTY_TEXT_MAX_LENGTH
from .models import Municipality, Region, RegionScheme
from .selectors import municipality_choices, party_choice_of, party_choices, party_value


class SchemeCreateForm(AccessibleForm):
    name = forms.CharField(
        label=_("Naam van de nieuwe indeling"),
        max_length=80,
        error_messages={"required": _("Vul een naam in.")},
        help_text=_("Bijvoorbeeld: Netwerkregio's 2026. U kunt de indeling daarna aanpassen."),
    )
    copy_from = forms.ModelChoiceField(
        label=_("Begin met een kopie van"),
        queryset=RegionScheme.objects.order_by("name"),
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een bestaande indeling.")},
        help_text=_(
            "De nieuwe indeling begint als volledige kopie, zodat elke gemeente meteen een regio heeft."
        ),
    )


class RegionNameForm(AccessibleForm):
    name = forms.CharField(
        label=_("Naam van de regio"),
        max_length=80,
        error_messages={"required": _("Vul een naam in.")},
    )


class MunicipalityMoveForm(AccessibleForm):
    municipality = forms.TypedChoiceField(
        label=_("Gemeente"),
        coerce=int,
        error_messages={
            "required": _("Kies een gemeente."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    region = forms.ModelChoiceField(
        label=_("Naar regio"),
        queryset=Region.objects.none(),
        error_messages={
            "required": _("Kies een regio."),
            "invalid_choice": _("Kies een regio uit de lijst."),
        },
    )

    def __init__(self, *args: Any, scheme: RegionScheme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field = self.fields["municipality"]
        assert isinstance(choice_field, forms.TypedChoiceField)
        choice_field.choices = [("", _("Kies een gemeente")), *municipality_choices()]
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ModelChoiceField)
        region_field.queryset = Region.objects.filter(scheme=scheme).order_by("name")
        region_field.empty_label = _("Kies een regio")

    def clean_municipality(self) -> Municipality:
        try:
            return Municipality.objects.get(pk=self.cleaned_data["municipality"])
        except Municipality.DoesNotExist as error:
            raise forms.ValidationError(
                _("Kies een gemeente uit de lijst."), code="invalid_choice"
            ) from error


# --- a party from the list ---------------------------------------------------------------------------------------
# A form asks for a party with two fields: ``<name>`` (a select from ``selectors.party_choices``) and
# ``<name>_other`` (free text for "Anders / niet vermeld"). ``party_form_value`` turns them into the party value
# that is stored (``selectors.party_value``).


def party_choice_field(label: Any, *, help_text: Any = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        help_text=help_text,
        error_messages={"invalid_choice": _("Kies een partij uit de lijst, of ‘Anders’.")},
    )


def party_other_field(label: Any = None) -> forms.CharField:
    return forms.CharField(
        label=label or _("Anders, namelijk"),
        max_length=PARTY_TEXT_MAX_LENGTH,
        required=False,
        help_text=_("Alleen als de partij niet in de lijst staat."),
        error_messages={"max_length": _("Een partijnaam is hoogstens 100 tekens lang.")},
    )


def party_form_choices(
    form: forms.BaseForm, name: str, *, municipality_id: int | None = None, everywhere: bool = False
) -> None:
    """Offer the parties of ``municipality_id`` (or all of them) in the form's ``name`` select."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = party_choices(municipality_id=municipality_id, everywhere=everywhere)


def party_form_value(form: forms.BaseForm, name: str) -> str:
    """The party value of the form's two party fields ('' for none); call from ``clean``. "Anders" without a
    name is an error on the text field."""
    data = form.cleaned_data
    choice, other = data.get(name) or "", (data.get(f"{name}_other") or "").strip()
    if choice == PARTY_OTHER and not other:
        form.add_error(f"{name}_other", _("Vul de naam van de partij in, of kies er een uit de lijst."))
        return ""
    if choice and choice != PARTY_OTHER:
        return party_value(choice=choice)
    return party_value(choice="", other=other)  # typed text without choosing "Anders" counts as "Anders"


def party_form_initial(value: str | None, name: str) -> dict[str, str]:
    """Initial data that shows a stored party value in the form's two fields."""
    choice, other = party_choice_of(value)
    return {name: choice, f"{name}_other": other}
