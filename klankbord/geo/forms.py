from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klankbord.core.forms import AccessibleForm

from .models import Municipality, Region, RegionScheme
from .selectors import municipality_choices


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
