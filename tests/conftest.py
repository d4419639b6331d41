"""Shared fixtures: personas for every role, with or without MFA, fast hashing, and reports submitted online.

The data behind them comes from ``tests.factories``; a fixture here only wires it to pytest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import User
from klankbord.geo.models import Municipality
from klankbord.reports.models import Report
from klankbord.reports.services import ConsentInput, ReportInput, Submitted, report_submit_online
from tests.factories.accounts import UserFactory
from tests.factories.write_guard import guard_writes


@pytest.fixture(autouse=True, scope="session")
def _writes_stay_in_their_app() -> Iterator[None]:
    """Fail any test in which one app writes another app's models (tests/factories/write_guard.py)."""
    with guard_writes():
        yield


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts and ends in the default language (Dutch).

    A request through ChosenLanguageMiddleware (or the profile page) activates the chosen language for the thread
    and leaves it active; without this, a test that follows an English page in random order would see English.
    """
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # `audit verify` anchors the head in a file; a test that wants one names its own (tests/audit/test_chain.py).
    settings.AUDIT_ANCHOR_FILE = ""


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    from django.core.cache import cache

    from klankbord.geo.selectors import party_names_clear

    cache.clear()
    party_names_clear()  # a rolled-back test's parties must not reach the next one's de-identification


MakeUser = Callable[..., User]


@pytest.fixture
def make_user(db: None) -> MakeUser:
    """``make_user(role, mfa=True, email=None, **fields)``: a user of one persona (see ``UserFactory``)."""

    def make(
        role: RoleSlug | None = None, *, mfa: bool = True, email: str | None = None, **extra: Any
    ) -> User:
        if email is not None:
            extra["email"] = email
        return UserFactory.create(role=role, mfa=mfa, **extra)

    return make


@pytest.fixture
def council_member(make_user: MakeUser) -> User:
    return make_user(RoleSlug.COUNCIL_MEMBER, mfa=False)


@pytest.fixture
def counsellor(make_user: MakeUser) -> User:
    return make_user(RoleSlug.COUNSELLOR)


@pytest.fixture
def ambassador(make_user: MakeUser) -> User:
    return make_user(RoleSlug.AMBASSADOR)


@pytest.fixture
def coordinator(make_user: MakeUser) -> User:
    return make_user(RoleSlug.COORDINATOR)


@pytest.fixture
def selection_member(make_user: MakeUser) -> User:
    return make_user(RoleSlug.SELECTION_COMMITTEE)


@pytest.fixture
def administrator(make_user: MakeUser) -> User:
    return make_user(RoleSlug.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def outsider(make_user: MakeUser) -> User:
    return make_user(None, mfa=False)


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    """A test client logged in as ``user`` (or anonymous for ``None``)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def municipality(db: None) -> Municipality:
    found = Municipality.objects.order_by("name").first()
    if found is not None:
        return found
    return Municipality.objects.create(
        code="GM9999",
        name="Teststad",
        province_code="PV99",
        province_name="Testland",
        safety_region_code="VR99",
        safety_region_name="Test",
        police_unit_code="PE99",
        police_unit_name="Test",
        riec_region="Test",
        corop_code="CR99",
        corop_name="Test",
        latitude=52,
        longitude=5,
    )


SubmitReport = Callable[..., Submitted]


@pytest.fixture
def submit_report(municipality: Municipality) -> SubmitReport:
    """Submit a report through the real service (anonymous unless ``reporter`` is given)."""

    def submit(*, reporter: Any = None, consents: ConsentInput | None = None, **fields: Any) -> Submitted:
        data = ReportInput(
            narrative=fields.pop("narrative", "Ik werd bedreigd na de raadsvergadering."),
            municipality=fields.pop("municipality", municipality),
            **fields,
        )
        return report_submit_online(reporter=reporter, data=data, consents=consents or ConsentInput())

    return submit


@pytest.fixture
def report(submit_report: SubmitReport) -> Report:
    return submit_report().report


@pytest.fixture
def portal_for() -> Callable[[Submitted], Any]:
    """A test client that came back with the receipt code of ``submitted`` (no account)."""
    from django.test import Client

    def make(submitted: Submitted) -> Client:
        client = Client()
        response = client.post("/melden/terugkomen/", {"code": submitted.receipt_code})
        assert response.status_code == 302
        return client

    return make
