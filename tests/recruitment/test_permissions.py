"""Allowed and denied, per persona, for every recruitment view. Staff pages need MFA and a permission."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from klankbord.accounts.constants import RoleSlug
from klankbord.recruitment import services
from klankbord.recruitment.models import Application
from tests.factories.recruitment import decide, hold

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "council_member",
    "counsellor",
    "ambassador",
    "coordinator",
    "selection_member",
    "administrator",
    "outsider",
]
COORDINATOR = {"coordinator"}
COMMITTEE = {"selection_member"}
BOTH = COORDINATOR | COMMITTEE

# url name -> (method, object kind, personas allowed)
STAFF_VIEWS: dict[str, tuple[str, str, set[str]]] = {
    "coverage": ("get", "", COORDINATOR),
    "region": ("get", "region", COORDINATOR),
    "vacancy_close": ("post", "vacancy", COORDINATOR),
    "time_guidance": ("post", "", COORDINATOR),
    "applications": ("get", "", BOTH),
    "overview": ("get", "", BOTH),
    "application": ("get", "application", BOTH),
    "cv": ("get", "application", BOTH),
    "score": ("get", "application", COMMITTEE),
    "conflict": ("get", "application", COMMITTEE),
    "withdraw": ("post", "application", COORDINATOR),
    "interview_new": ("get", "application", BOTH),
    "decide": ("get", "application", COORDINATOR),
    "onboarding": ("get", "accepted", COORDINATOR),
    "onboarding_complete": ("post", "accepted", COORDINATOR),
    "interview_outcome": ("get", "interview", BOTH),
    "interview_cancel": ("post", "interview", BOTH),
    "interview_ics": ("get", "interview", BOTH),
}
PUBLIC_VIEWS = {"list": "", "profile": "", "detail": "vacancy", "apply": "vacancy", "thanks": "vacancy"}


@pytest.fixture
def objects(make_application: Any, vacancy: Any, region: Any, coordinator: Any) -> dict[str, int]:
    application: Application = make_application()
    start = timezone.now() + timedelta(days=3)
    plan = services.InterviewPlan(
        starts_at=start, ends_at=start + timedelta(hours=1), mode="in_person", location="X"
    )
    accepted: Application = make_application()
    interview = services.interview_schedule(actor=coordinator, application=accepted, plan=plan)
    hold(coordinator, interview, "Goed.")
    decide(coordinator, accepted, "accepted")
    other = services.interview_schedule(actor=coordinator, application=application, plan=plan)
    return {
        "region": region.pk,
        "vacancy": vacancy.pk,
        "application": application.pk,
        "accepted": accepted.pk,
        "interview": other.pk,
    }


def client_as(persona: str, request: pytest.FixtureRequest) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


def url_for(namespace: str, name: str, kind: str, objects: dict[str, int]) -> str:
    return reverse(f"{namespace}:{name}", kwargs={"pk": objects[kind]} if kind else None)


def outcome(response: Any) -> str:
    if response.status_code in (200, 302) and "/accounts/" not in response.get("Location", ""):
        return "allowed"
    if response.status_code == 302 and reverse("account_login") in response["Location"]:
        return "login"
    if response.status_code == 302 and reverse("mfa_activate_totp") in response["Location"]:
        return "mfa"
    return "denied" if response.status_code == 403 else f"status {response.status_code}"


@pytest.mark.parametrize("name", sorted(STAFF_VIEWS))
def test_staff_views_allow_and_deny_per_persona(
    name: str, objects: dict[str, int], request: pytest.FixtureRequest
) -> None:
    """Allowed personas get the page; anonymous users the login; everyone else a 403 (or, without a second
    factor, MFA enrolment first: the gate may check either before the permission)."""
    method, kind, allowed = STAFF_VIEWS[name]
    url = url_for("recruitment", name, kind, objects)
    seen = {persona: outcome(getattr(client_as(persona, request), method)(url)) for persona in PERSONAS}
    expected = {
        persona: "allowed" if persona in allowed else "login" if persona == "anonymous" else "denied"
        for persona in PERSONAS
    }
    for persona in ("council_member", "outsider"):  # the personas without MFA
        if seen[persona] == "mfa":
            expected[persona] = "mfa"
    assert seen == expected


@pytest.mark.parametrize("name", sorted(PUBLIC_VIEWS))
def test_public_views_are_open_to_everyone(
    name: str, objects: dict[str, int], request: pytest.FixtureRequest
) -> None:
    url = url_for("vacancies", name, PUBLIC_VIEWS[name], objects)
    assert {
        persona: client_as(persona, request).get(url).status_code for persona in PERSONAS
    } == dict.fromkeys(PERSONAS, 200)


def test_every_staff_url_is_covered_and_gated_with_mfa() -> None:
    staff = [
        pattern
        for pattern in get_resolver("klankbord.recruitment.urls").url_patterns
        if isinstance(pattern, URLPattern)
    ]
    assert {pattern.name for pattern in staff} == set(STAFF_VIEWS)
    for pattern in staff:
        assert getattr(pattern.callback, "klankbord_gate_mfa", False), pattern.name


@pytest.mark.parametrize("role", [RoleSlug.COORDINATOR, RoleSlug.SELECTION_COMMITTEE])
def test_a_permitted_user_without_mfa_is_sent_to_enrolment_first(
    client_for: Any, make_user: Any, role: RoleSlug, objects: dict[str, int]
) -> None:
    user = make_user(role, mfa=False)
    response = client_for(user).get(reverse("recruitment:application", kwargs={"pk": objects["application"]}))
    assert response.status_code == 302 and reverse("mfa_activate_totp") in response["Location"]


def test_an_ambassador_without_the_permission_is_refused_even_with_mfa(
    client_for: Any, make_user: Any, objects: dict[str, int]
) -> None:
    user = make_user(RoleSlug.AMBASSADOR)
    assert client_for(user).get(reverse("recruitment:applications")).status_code == 403
