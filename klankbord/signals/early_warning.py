"""Early warning: an unusual rise of signals in one region or one category, against its own baseline.

The test (documented in docs/adr/0022-signal-early-warning.md). For every region of the active scheme and
every category, let x be the count in the month under test and S the total of the 12 months before it.
Under the null hypothesis the month has the same Poisson rate as each baseline month, so conditional on
n = x + S, x ~ Binomial(n, 1/13): the exact conditional test for comparing two Poisson rates, which, unlike
a Poisson test against the baseline mean, accounts for the baseline itself being an estimate. The one-sided
p-value is P(X >= x). A cell is only tested when x >= the minimum count (at least k, so a warning never
publishes a count below k) and x exceeds the baseline mean. All region and category cells of the month
together are corrected with Benjamini-Hochberg at false discovery rate q (untested cells count as p = 1).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.utils.translation import gettext as _

from klankbord.geo.selectors import region_names_by_pk

from .constants import Category, Dimension
from .disclosure import threshold
from .models import Signal
from .selectors import add_months, last_complete_month

BASELINE_MONTHS = 12
FALSE_DISCOVERY_RATE = 0.05


@dataclass(frozen=True)
class CellTest:
    dimension: str
    key: str
    label: str
    observed: int
    baseline_total: int
    baseline_months: int
    p_value: float

    @property
    def baseline_mean(self) -> float:
        return self.baseline_total / self.baseline_months


@dataclass(frozen=True)
class Finding:
    test: CellTest
    threshold: float


def binomial_upper_tail(x: int, n: int, p: float) -> float:
    """P(X >= x) for X ~ Binomial(n, p), summed in log space (exact enough for n in the thousands)."""
    if x <= 0:
        return 1.0
    if x > n:
        return 0.0
    log_p, log_q = math.log(p), math.log1p(-p)
    terms = [
        math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_p + (n - i) * log_q
        for i in range(x, n + 1)
    ]
    top = max(terms)
    return min(1.0, math.exp(top) * sum(math.exp(t - top) for t in terms))


def rate_test_p_value(observed: int, baseline_total: int, baseline_months: int = BASELINE_MONTHS) -> float:
    """One-sided exact conditional test: is this month's rate higher than the baseline months' rate?"""
    return binomial_upper_tail(observed, observed + baseline_total, 1 / (baseline_months + 1))


def _counts(field: str, first: date, last: date) -> dict[tuple[str, date], int]:
    rows = (
        Signal.objects.filter(month__gte=first, month__lte=last)
        .values_list(field, "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(str(value), month): n for value, month, n in rows}


def _cells(month: date) -> list[tuple[str, str, str, int, int]]:
    """(dimension, key, label, observed, baseline total) for every region and category."""
    first = add_months(month, -BASELINE_MONTHS)
    regions = [(str(pk), name) for pk, name in region_names_by_pk().items()]
    categories = [(str(value), str(label)) for value, label in Category.choices]
    cells = []
    for dimension, field, keys in (
        (Dimension.REGION, "region_id", regions),
        (Dimension.CATEGORY, "category", categories),
    ):
        counts = _counts(field, first, month)
        baseline: Counter[str] = Counter()
        for (key, when), n in counts.items():
            if when < month:
                baseline[key] += n
        for key, label in keys:
            cells.append((str(dimension), key, label, counts.get((key, month), 0), baseline[key]))
    return cells


def evaluate(
    *, month: date | None = None, min_count: int | None = None, q: float = FALSE_DISCOVERY_RATE
) -> list[Finding]:
    """The cells of ``month`` (default: last complete month) with a significant rise, after BH correction."""
    month = month or last_complete_month()
    minimum = max(threshold(), min_count or 0)
    tests = []
    for dimension, key, label, observed, baseline_total in _cells(month):
        tested = observed >= minimum and observed > baseline_total / BASELINE_MONTHS
        p_value = rate_test_p_value(observed, baseline_total) if tested else 1.0
        tests.append(CellTest(dimension, key, label, observed, baseline_total, BASELINE_MONTHS, p_value))
    return benjamini_hochberg(tests, q)


def benjamini_hochberg(tests: list[CellTest], q: float) -> list[Finding]:
    """The rejected hypotheses: all tests up to the largest rank i with p_(i) <= i * q / m."""
    ordered = sorted(tests, key=lambda test: test.p_value)
    m = len(ordered)
    cutoff = 0
    for rank, test in enumerate(ordered, start=1):
        if test.p_value <= rank * q / m:
            cutoff = rank
    return [Finding(test, cutoff * q / m) for test in ordered[:cutoff]]


P_VALUE_BANDS = ((0.001, "< 0,001"), (0.01, "< 0,01"), (0.05, "< 0,05"))


def p_value_band(p_value: float) -> str:
    """Shown in bands: an exact p-value together with the observed count would give the baseline away."""
    for bound, label in P_VALUE_BANDS:
        if p_value < bound:
            return label
    return _("niet significant")
