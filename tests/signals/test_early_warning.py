"""Early warning: catches a planted spike, stays quiet on flat Poisson noise, notifies without content."""

from __future__ import annotations

import math
import random
from datetime import date

import pytest
from django.core import mail

from klankbord.signals.early_warning import (
    CellTest,
    benjamini_hochberg,
    binomial_upper_tail,
    evaluate,
    p_value_band,
    rate_test_p_value,
)
from klankbord.signals.models import EarlyWarning
from klankbord.signals.selectors import add_months
from klankbord.signals.services import warnings_check

MONTH = date(2026, 9, 1)


def poisson(rng: random.Random, rate: float) -> int:
    """Knuth's method (fine for the small rates of signals)."""
    limit, k, p = math.exp(-rate), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _month_of_cells(
    rng: random.Random, rates: list[float], spike: dict[int, int] | None = None
) -> list[CellTest]:
    tests = []
    for i, rate in enumerate(rates):
        baseline = sum(poisson(rng, rate) for _ in range(12))
        observed = poisson(rng, rate) + (spike or {}).get(i, 0)
        tested = observed >= 5 and observed > baseline / 12
        p = rate_test_p_value(observed, baseline) if tested else 1.0
        tests.append(CellTest("region", str(i), f"r{i}", observed, baseline, 12, p))
    return tests


def test_the_binomial_tail_matches_a_direct_sum() -> None:
    direct = sum(math.comb(20, i) * 0.25**i * 0.75 ** (20 - i) for i in range(9, 21))
    assert binomial_upper_tail(9, 20, 0.25) == pytest.approx(direct, rel=1e-9)
    assert binomial_upper_tail(0, 5, 0.5) == 1.0


def test_a_month_like_its_baseline_is_not_significant() -> None:
    assert rate_test_p_value(6, 72) > 0.3  # six in a month after six a month for a year


def test_flat_poisson_noise_raises_almost_no_warnings() -> None:
    rng = random.Random(20260101)
    rates = [rng.uniform(2, 9) for _ in range(20)]  # 12 regions and 8 categories
    months_with_alarm = sum(bool(benjamini_hochberg(_month_of_cells(rng, rates), 0.05)) for _ in range(300))
    assert months_with_alarm / 300 <= 0.06  # BH at 5% under the global null: at most ~5% of months


def test_a_tripled_month_is_caught_nearly_always() -> None:
    rng = random.Random(7)
    rates = [rng.uniform(2, 9) for _ in range(20)]
    caught = 0
    for _ in range(200):
        cells = _month_of_cells(rng, rates, spike={3: int(2 * rates[3]) + 4})
        caught += any(f.test.key == "3" for f in benjamini_hochberg(cells, 0.05))
    assert caught / 200 >= 0.9


@pytest.fixture
def flat_history(regions, make_signals) -> None:
    rng = random.Random(42)
    for offset in range(12, -1, -1):
        month = add_months(MONTH, -offset)
        for region in regions[:4]:
            make_signals(poisson(rng, 4.0), month=month, region=region)


def test_a_planted_spike_in_one_region_is_caught(flat_history, regions, make_signals) -> None:
    make_signals(16, month=MONTH, region=regions[2], category="online_hate")
    findings = evaluate(month=MONTH)
    flagged = {(f.test.dimension, f.test.key) for f in findings}
    assert ("region", str(regions[2].pk)) in flagged
    assert all(f.test.observed >= 5 for f in findings)  # never a count below k


def test_flat_history_stays_quiet(flat_history) -> None:
    assert evaluate(month=MONTH) == []


def test_the_coordinator_is_mailed_once_without_any_content(
    flat_history, regions, make_signals, coordinator, ambassador, django_capture_on_commit_callbacks
) -> None:
    make_signals(16, month=MONTH, region=regions[2])
    with django_capture_on_commit_callbacks(execute=True):
        created = warnings_check(month=MONTH)
    assert created and EarlyWarning.objects.filter(notified=True).count() == len(created)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    body = mail.outbox[0].body
    assert "signaal-waarschuwing" in mail.outbox[0].subject.lower()
    assert regions[2].name not in body and "16" not in body
    with django_capture_on_commit_callbacks(execute=True):
        assert warnings_check(month=MONTH) == []  # idempotent: no second warning, no second mail
    assert len(mail.outbox) == 1


def test_p_values_are_shown_in_bands() -> None:
    assert p_value_band(0.0004) == "< 0,001"
    assert p_value_band(0.03) == "< 0,05"
    assert p_value_band(0.2) == "niet significant"


def test_the_scheduled_command_reports_what_it_found(db, capsys) -> None:
    from django.core.management import call_command

    call_command("signals", "check-warnings")
    assert "0 new warning(s)" in capsys.readouterr().out
