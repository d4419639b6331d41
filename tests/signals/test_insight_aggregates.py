"""The insight page's aggregates are computed by the database: feedback counts and ambassadors per region."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klankbord.crypto.keyring import KeyRing
from klankbord.signals.selectors import (
    ambassadors_per_region,
    feedback_summary,
    published_granularity,
    window_end,
)
from tests.factories.ambassadors import make_ambassador

pytestmark = pytest.mark.django_db

LISTS = [
    (["listening", "speed"], ["police"]),
    (["listening"], ["police", "aftercare"]),
    (["aftercare"], []),
    ([], ["family"]),
]


def test_feedback_counts_are_counted_in_one_sql_aggregate_and_match_counting_the_lists(
    make_signals, settings
) -> None:
    settings.KLANKBORD_DISCLOSURE_K = 1
    month = window_end(published_granularity())
    for helped, missing in LISTS:
        make_signals(5, month=month, helped=helped, missing=missing)
    with CaptureQueriesContext(connection) as queries:
        summary = feedback_summary(months=12)
    feedback = [q["sql"] for q in queries if "signals_signal" in q["sql"]]
    assert len(feedback) == 1 and "COUNT(" in feedback[0]
    expected = Counter(option for helped, _missing in LISTS for option in helped)
    counted = {line.label: line.count for line in summary["helped"]}
    assert counted["Een luisterend oor"] == expected["listening"] * 5 == 10
    assert counted["Nazorg na afloop"] == 5
    missing = {line.label: line.count for line in summary["missing"]}
    assert missing["Steun bij politie of aangifte"] == 10
    assert missing["Langdurige nazorg"] == 5  # 'aftercare' in the other list is not counted here


def test_ambassadors_per_region_counts_without_loading_a_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    make_ambassador("Zeist", party="CDA", status_note="Tijdelijk minder beschikbaar")
    make_ambassador("Utrecht")
    make_ambassador("Leeuwarden", status="paused")
    decrypted: list[str] = []
    original = KeyRing.decrypt_text

    def recording(self: KeyRing, token: str, *, purpose: str) -> str:
        decrypted.append(purpose)
        return original(self, token, purpose=purpose)

    monkeypatch.setattr(KeyRing, "decrypt_text", recording)
    counts = ambassadors_per_region()
    assert counts is not None and sum(counts.values()) == 2  # Zeist and Utrecht are both in province Utrecht
    assert sorted(counts.values()) == [2]
    assert decrypted == []
