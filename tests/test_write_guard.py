"""The write guard of tests/conftest.py notices a write to another app's model, and lets the owner write."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType, FunctionType
from typing import Any

import pytest

from klankbord.reports.models import Report
from tests.factories.write_guard import CrossAppWriteError, check_write


def _as_if_in(module: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` planted in ``module``: the same code, with that module's name in its globals."""
    namespace = {"__name__": module, "sys": sys, "Report": Report}
    return FunctionType(function.__code__, namespace, function.__name__)


def _frame() -> FrameType:
    return sys._getframe(0)


def _write_another_apps_report() -> None:
    Report.objects.filter(pk=0).update(urgent=True)


def test_a_write_from_another_apps_code_fails() -> None:
    frame = _as_if_in("klankbord.matching.services", _frame)()
    with pytest.raises(
        CrossAppWriteError, match=r"klankbord\.matching\.services \(matching\) calls QuerySet\.update"
    ):
        check_write(Report, "QuerySet.update", frame)


def test_the_owning_app_may_write_its_models() -> None:
    check_write(Report, "QuerySet.update", _as_if_in("klankbord.reports.services.handling", _frame)())


@pytest.mark.parametrize("module", ["klankbord.support.demo", "klankbord.matching.migrations.0002_move"])
def test_seeding_and_migrations_are_exempt(module: str) -> None:
    check_write(Report, "Model.save", _as_if_in(module, _frame)())


@pytest.mark.django_db
def test_a_planted_cross_app_write_through_the_orm_fails_in_the_suite() -> None:
    with pytest.raises(CrossAppWriteError, match=r"klankbord\.matching\.planted"):
        _as_if_in("klankbord.matching.planted", _write_another_apps_report)()


@pytest.mark.django_db
def test_the_same_write_from_the_owning_app_passes() -> None:
    _as_if_in("klankbord.reports.planted", _write_another_apps_report)()


def test_a_write_that_a_framework_makes_on_its_own_behalf_is_not_judged() -> None:
    check_write(Report, "Model.save", _as_if_in("allauth.account.views", _frame)())
