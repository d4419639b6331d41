"""De-identification: the measured figures on the test set, the fixed point, patterns, and no leaks."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from klankbord.deidentify import DeidentificationError, deidentify, is_deidentified
from klankbord.deidentify.evaluation import DIRECT, evaluate_file, expected_spans
from klankbord.deidentify.patterns import bsn_valid, iban_valid

CASES = Path(__file__).parent / "data" / "deid_cases.json"


@pytest.fixture(scope="module")
def scores(deduce_loaded):
    return evaluate_file(CASES)


def test_the_test_set_has_at_least_forty_sentences_whose_identifiers_all_occur() -> None:
    import json

    cases = json.loads(CASES.read_text(encoding="utf-8"))
    assert len(cases) >= 40
    for case in cases:
        expected_spans(case)  # raises when an annotated identifier is not in its sentence


def test_the_pipeline_finds_at_least_95_percent_of_direct_identifiers(scores) -> None:
    assert scores["pipeline"].recall(DIRECT) >= 0.95


def test_the_pipeline_clearly_beats_plain_deduce_on_direct_identifiers(scores) -> None:
    assert scores["pipeline"].recall(DIRECT) - scores["deduce"].recall(DIRECT) >= 0.2


def test_most_ordinary_words_survive(scores) -> None:
    assert scores["pipeline"].survival >= 0.9


@pytest.mark.parametrize("kind", ["PARTIJ", "HANDLE", "KENTEKEN"])
def test_plain_deduce_misses_what_matters_here_and_the_pipeline_does_not(scores, kind) -> None:
    assert scores["deduce"].found[kind] < scores["deduce"].expected[kind]
    assert scores["pipeline"].found[kind] == scores["pipeline"].expected[kind]


def test_the_output_is_a_fixed_point(deduce_loaded) -> None:
    once = deidentify("Wethouder Jan de Vries (VVD) uit Amersfoort, bel 06-12345678 of @jdv.").text
    assert is_deidentified(once)
    assert deidentify(once).text == once
    assert "[PERSOON]" in once and "[PARTIJ]" in once and "[GEMEENTE]" in once and "[HANDLE]" in once


def test_an_empty_text_stays_empty(deduce_loaded) -> None:
    result = deidentify("")
    assert result.text == "" and not result.changed


def test_the_raw_text_is_never_logged(deduce_loaded, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    deidentify("Mevrouw Zwanenburg-Oosterhuis van Leefbaar Zeist woont op de Kastanjelaan 4.")
    assert "Zwanenburg" not in caplog.text and "Kastanjelaan" not in caplog.text


def test_a_failure_refuses_without_carrying_the_text(monkeypatch) -> None:
    def broken(text: str):
        raise RuntimeError(f"could not parse {text}")

    monkeypatch.setattr("klankbord.deidentify.deduce_spans", broken)
    with pytest.raises(DeidentificationError) as info:
        deidentify("Geheime Naam woont hier")
    assert "Geheime" not in str(info.value) and info.value.__cause__ is None


def test_bsn_needs_the_eleven_test() -> None:
    assert bsn_valid("111222333") and bsn_valid("487574916")
    assert not bsn_valid("123456789") and not bsn_valid("000000000")


def test_iban_needs_mod_97() -> None:
    assert iban_valid("NL91ABNA0417164300") and iban_valid("NL91 ABNA 0417 1643 00")
    assert not iban_valid("NL92ABNA0417164300")


@pytest.mark.parametrize(
    "text",
    ["kenteken 12-ABC-3", "kenteken GH-123-K", "auto 7-TXR-42", "plaat XX-99-99 AB-12-CD", "bus 45JKL6"],
)
def test_licence_plates_in_every_side_code_shape_are_removed(deduce_loaded, text) -> None:
    assert "[KENTEKEN]" in deidentify(text).text


@pytest.mark.parametrize(
    "text",
    ["bel 06-12345678", "bel 0612345678", "bel +31 6 1234 5678", "bel (010) 123 45 67", "bel 070 373 83 14"],
)
def test_dutch_phone_numbers_are_removed(deduce_loaded, text) -> None:
    assert "[TELEFOON]" in deidentify(text).text


def test_ambiguous_place_names_are_kept_as_ordinary_words_at_the_start_of_a_sentence(deduce_loaded) -> None:
    assert deidentify("Buren klaagden over het lawaai.").text.startswith("Buren klaagden")
    assert "[GEMEENTE]" in deidentify("Het raadslid woont in Buren.").text
