"""The shipped evaluation set is well formed: spans match the text, kinds are known, dev and test are disjoint."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest

from klankbord.deidentify.evaluation import EVALUATION_SET, SPLITS, expected_spans, load_cases
from klankbord.deidentify.spans import Kind

KINDS = {kind.value for kind in Kind}


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return load_cases(EVALUATION_SET)


def test_the_set_has_at_least_300_sentences_in_varied_styles(cases) -> None:
    styles = Counter(case["style"] for case in cases)
    assert len(cases) >= 300
    assert {"social", "letter", "minutes", "phone", "whatsapp", "dialect", "typo"} <= set(styles)


def test_every_span_lies_inside_its_text_has_a_known_kind_and_no_blank_edges(cases) -> None:
    for case in cases:
        spans = expected_spans(case)  # raises on an empty span or blank edges
        assert all(kind in KINDS for _start, _end, kind, _surface in spans), case["id"]
        assert all(end <= len(case["text"]) for _start, end, _kind, _surface in spans), case["id"]


def test_spans_of_one_case_do_not_overlap(cases) -> None:
    for case in cases:
        ordered = sorted(case["spans"])
        assert all(left[1] <= right[0] for left, right in pairwise(ordered)), case["id"]


def test_ids_are_unique_and_every_case_belongs_to_exactly_one_split(cases) -> None:
    ids = [case["id"] for case in cases]
    assert len(ids) == len(set(ids))
    assert {case["split"] for case in cases} == set(SPLITS)
    dev = {case["text"] for case in cases if case["split"] == "dev"}
    test = {case["text"] for case in cases if case["split"] == "test"}
    assert not dev & test


def test_a_split_loads_only_its_own_cases() -> None:
    assert {case["split"] for case in load_cases(split="test")} == {"test"}
    assert len(load_cases(split="dev")) + len(load_cases(split="test")) == len(load_cases())
