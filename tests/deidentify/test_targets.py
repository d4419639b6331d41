"""The targets of issue 18 on the test part of the evaluation set (never used to tune), plain deduce beside.

One evaluation for the module: deduce is loaded once per process (``deduce_loaded``), scoring ~170 sentences
with both redactors takes a second or two after that.
"""

from __future__ import annotations

import pytest

from klankbord.deidentify import deidentify, is_deidentified
from klankbord.deidentify.evaluation import DIRECT, evaluate_cases, load_cases


@pytest.fixture(scope="module")
def test_part(deduce_loaded):
    return evaluate_cases(load_cases(split="test"))


def test_direct_identifiers_are_found_at_least_99_times_in_100(test_part) -> None:
    assert test_part["pipeline"].recall(DIRECT) >= 0.99


def test_all_identifiers_are_found_at_least_97_times_in_100(test_part) -> None:
    assert test_part["pipeline"].recall() >= 0.97


def test_at_least_95_percent_of_the_other_words_survive(test_part) -> None:
    assert test_part["pipeline"].survival >= 0.95


def test_the_pipeline_finds_what_plain_deduce_misses(test_part) -> None:
    pipeline, deduce = test_part["pipeline"], test_part["deduce"]
    for kind in ("HANDLE", "PARTIJ", "ORGANISATIE"):
        assert pipeline.found[kind] > deduce.found[kind]


def test_every_output_of_the_test_part_is_a_fixed_point(deduce_loaded) -> None:
    """deidentify runs deduce once; the confirm step's full run must still find nothing more."""
    for case in load_cases(split="test"):
        assert is_deidentified(deidentify(case["text"]).text), case["id"]
