"""DomainError: one refusal type with a code, that forms and ValidationError handlers understand."""

from __future__ import annotations

import copy

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from klankbord.core.errors import DomainError


def test_a_domain_error_is_a_validation_error_with_its_code() -> None:
    with pytest.raises(ValidationError) as info:
        raise DomainError("Dit sparverzoek is al afgehandeld.", code="already_handled")
    assert isinstance(info.value, DomainError)
    assert info.value.code == "already_handled"


def test_the_message_is_kept_as_the_user_reads_it() -> None:
    error = DomainError("De maand mag niet in de toekomst liggen.", code="future_month")
    assert str(error) == "De maand mag niet in de toekomst liggen."
    assert error.messages == ["De maand mag niet in de toekomst liggen."]


def test_a_lazy_message_with_params_is_rendered_in_full() -> None:
    error = DomainError(
        gettext_lazy("Vul tussen 1 en %(max)d minuten in."), code="minutes", params={"max": 720}
    )
    assert str(error) == "Vul tussen 1 en 720 minuten in."


def test_a_code_is_required() -> None:
    with pytest.raises(TypeError):
        DomainError("Geen code.")


@pytest.mark.parametrize("code", ["", "Report closed", "report-closed", "ReportClosed", "_closed", "closed_"])
def test_a_code_is_short_snake_case(code: str) -> None:
    with pytest.raises(ValueError, match="snake_case"):
        DomainError("Fout.", code=code)


def test_a_form_shows_a_domain_error_as_a_non_field_error() -> None:
    form = forms.Form(data={})
    assert form.is_valid()
    form.add_error(None, DomainError("Deze bijeenkomst is al begonnen.", code="past"))
    assert form.non_field_errors() == ["Deze bijeenkomst is al begonnen."]
    assert form.has_error(forms.forms.NON_FIELD_ERRORS, code="past")


def test_a_domain_error_survives_copying_with_its_code_and_message() -> None:
    error = DomainError("Vul tussen 1 en %(max)d minuten in.", code="minutes", params={"max": 720})
    for clone in (copy.copy(error), copy.deepcopy(error)):
        assert isinstance(clone, DomainError)
        assert (clone.code, str(clone)) == ("minutes", "Vul tussen 1 en 720 minuten in.")
