"""The aggregates API (router only; the API app mounts it) and the demo data."""

from __future__ import annotations

import pytest
from ninja.testing import TestClient

from klankbord.core.demo import DemoContext
from klankbord.signals.api import router
from klankbord.signals.models import EarlyWarning, Signal
from klankbord.signals.selectors import last_complete_month, window_end


@pytest.fixture
def api() -> TestClient:
    return TestClient(router)


def test_the_coordinator_gets_protected_aggregates(api, coordinator, make_signals, regions) -> None:
    make_signals(3, month=window_end("quarter"), region=regions[0])
    make_signals(20, month=window_end("quarter"), region=regions[1])
    response = api.get("/aggregates/region", user=coordinator)
    assert response.status_code == 200
    data = response.json()
    assert data["k"] == 5 and data["granularity"] == "quarter"
    published = [v for row in data["rows"] for v in row["values"] if v is not None] + [
        v for v in data["totals"] if v is not None
    ]
    assert not any(0 < v < 5 for v in published)
    assert None in data["rows"][0]["values"]


def test_the_api_refuses_users_without_the_permission(api, ambassador) -> None:
    assert api.get("/aggregates/region", user=ambassador).status_code == 403
    assert api.get("/feedback", user=ambassador).status_code == 403


def test_an_unknown_dimension_is_not_found(api, coordinator) -> None:
    assert api.get("/aggregates/gemeente", user=coordinator).status_code == 404


def test_feedback_counts_below_k_are_null(api, coordinator, make_signals, regions) -> None:
    make_signals(2, month=window_end("quarter"), helped=["listening"])
    make_signals(7, month=window_end("quarter"), helped=["speed"])
    lines = {line["label"]: line["count"] for line in api.get("/feedback", user=coordinator).json()["helped"]}
    assert lines["Een luisterend oor"] is None and lines["Snelle eerste reactie"] == 7


def test_the_demo_seeds_two_years_with_a_spike_that_the_early_warning_catches(regions) -> None:
    from klankbord.signals import demo

    lines: list[str] = []
    demo.seed(DemoContext(write=lines.append))
    count = Signal.objects.count()
    assert 24 * 20 <= count <= 24 * 40 + demo.SPIKE_EXTRA
    assert all(s.text == "" for s in Signal.objects.filter(source="case"))
    assert Signal.objects.filter(source="case").exists()
    warning = EarlyWarning.objects.get(dimension="region", month=last_complete_month())
    assert warning.observed >= demo.SPIKE_EXTRA
    demo.seed(DemoContext(write=lines.append))
    assert Signal.objects.count() == count  # idempotent
