"""Mandatory MFA: a user whose role requires it reaches no page (and never a case page) without it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import User
from klankbord.accounts.permissions import GATE_CASE, GATE_STAFF, MFA_NEXT_SESSION_KEY
from tests.factories.accounts import login_through_allauth, reauthenticate, user_totp_code

SAMPLE_VALUES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000001",
}
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def walk(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


def gated_views(kind: str) -> list[tuple[str, URLPattern]]:
    return [
        (route, entry)
        for route, entry in walk(get_resolver())
        if getattr(entry.callback, "klankbord_gate", None) == kind
    ]


def sample_path(route: str) -> str | None:
    """A concrete URL for a ``path()`` route; None for a regex route (those are called directly only)."""
    if route.startswith("^") or "(?P<" in route:
        return None
    return "/" + CONVERTER.sub(lambda match: SAMPLE_VALUES.get(match["converter"] or "str", "x"), route)


def sample_kwargs(entry: URLPattern) -> dict[str, Any]:
    converters = getattr(entry.pattern, "converters", {})
    return {
        name: SAMPLE_VALUES.get(type(converter).__name__.replace("Converter", "").lower(), "1")
        for name, converter in converters.items()
    } or {name: "1" for name in entry.pattern.regex.groupindex}


def is_mfa_enrolment(location: str) -> bool:
    return urlsplit(location).path == reverse("mfa_activate_totp")


@pytest.fixture
def counsellor_without_mfa(make_user) -> User:  # type: ignore[no-untyped-def]
    return make_user(RoleSlug.COUNSELLOR, mfa=False)


# --- the resolver walk: every case page, now and later -------------------------------------------------------


def call_gate_directly(entry: URLPattern, user: User) -> Any:
    """The view itself, without the middleware; POST when the view refuses GET (e.g. ``require_POST``)."""
    factory = RequestFactory()
    for method in ("get", "post"):
        request = getattr(factory, method)("/")
        request.user, request.session = user, SessionStore()
        response = entry.callback(request, **sample_kwargs(entry))
        if response.status_code != 405:
            return response
    return response


def fetch(client: Client, url: str) -> Any:
    response = client.get(url)
    return client.post(url) if response.status_code == 405 else response


@pytest.mark.urls("tests.accounts.case_urls")
def test_every_case_page_sends_a_counsellor_without_mfa_to_enrolment(counsellor_without_mfa: User) -> None:
    case_views = gated_views(GATE_CASE)
    assert len(case_views) >= 1, "the walk found no case page at all"
    client = Client()
    client.force_login(counsellor_without_mfa)
    for route, entry in case_views:
        direct = call_gate_directly(entry, counsellor_without_mfa)
        assert direct.status_code == 302 and is_mfa_enrolment(direct["Location"]), route
        url = sample_path(route)
        if url is not None:  # and through the whole stack
            response = fetch(client, url)
            assert response.status_code == 302 and is_mfa_enrolment(response["Location"]), route


@pytest.mark.urls("tests.accounts.case_urls")
def test_the_walk_also_sees_staff_pages_through_outer_decorators(db: None) -> None:
    routes = [route for route, _entry in gated_views(GATE_STAFF)]
    assert "test-staff/" in routes
    assert any(not route.startswith("test-") for route in routes)  # real pages, often under require_* too


@pytest.mark.urls("tests.accounts.case_urls")
def test_a_counsellor_with_mfa_opens_the_case_page(client_for, counsellor: User) -> None:  # type: ignore[no-untyped-def]
    response = client_for(counsellor).get("/test-dossier/7/")
    assert response.status_code == 200 and response.content == b"dossier 7"


@pytest.mark.urls("tests.accounts.case_urls")
@pytest.mark.parametrize("persona", ["coordinator", "selection_member", "administrator"])
def test_people_with_mfa_but_without_case_access_get_a_404(client_for, request, persona: str) -> None:  # type: ignore[no-untyped-def]
    user = request.getfixturevalue(persona)
    assert client_for(user).get("/test-dossier/7/").status_code == 404


@pytest.mark.urls("tests.accounts.case_urls")
@pytest.mark.parametrize("persona", ["council_member", "outsider"])
def test_people_without_mfa_are_sent_to_enrolment_before_any_permission_check(
    client_for, request, persona: str
) -> None:  # type: ignore[no-untyped-def]
    user = request.getfixturevalue(persona)
    response = client_for(user).get("/test-dossier/7/")
    assert response.status_code == 302 and is_mfa_enrolment(response["Location"])


@pytest.mark.urls("tests.accounts.case_urls")
def test_anonymous_visitors_go_to_login_from_a_case_page(client: Client, db: None) -> None:
    response = client.get("/test-dossier/7/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.urls("tests.accounts.case_urls")
def test_a_staff_page_without_mfa_requirement_still_checks_the_permission(client_for, make_user) -> None:  # type: ignore[no-untyped-def]
    no_mfa_role_user = make_user(RoleSlug.COUNCIL_MEMBER, mfa=False)
    assert client_for(no_mfa_role_user).get("/test-staff/").status_code == 403


# --- the middleware: every page --------------------------------------------------------------------------------


def test_a_counsellor_without_mfa_is_sent_to_enrolment_from_any_page(
    client_for, counsellor_without_mfa: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(counsellor_without_mfa)
    for url in (reverse("core:home"), reverse("core:dashboard"), reverse("accounts:profile")):
        response = client.get(url)
        assert response.status_code == 302 and is_mfa_enrolment(response["Location"]), url
        assert parse_qs(urlsplit(response["Location"]).query)["next"] == [url]


def test_staff_without_mfa_is_sent_to_enrolment_from_the_admin(client_for, make_user) -> None:  # type: ignore[no-untyped-def]
    staff = make_user(None, mfa=False, is_staff=True)
    response = client_for(staff).get("/beheer/")
    assert response.status_code == 302 and is_mfa_enrolment(response["Location"])


def test_a_council_member_without_mfa_is_not_forced_to_enrol(client_for, council_member: User) -> None:  # type: ignore[no-untyped-def]
    assert client_for(council_member).get(reverse("core:dashboard")).status_code == 200


def test_mfa_pages_logout_and_language_switch_stay_reachable(
    client_for, counsellor_without_mfa: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(counsellor_without_mfa)
    assert client.get(reverse("mfa_index")).status_code == 200
    activation = client.get(
        reverse("mfa_activate_totp")
    )  # asks for the password again: allauth, not the gate
    assert activation["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(activation["Location"]).status_code == 200
    switched = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert switched.status_code == 302 and switched.cookies["django_language"].value == "en"
    assert client.get(reverse("account_logout")).status_code == 200
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_an_open_redirect_path_is_never_remembered_as_next(client_for, counsellor_without_mfa: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(counsellor_without_mfa)
    response = client.get("/%2F%2Fevil.example/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert MFA_NEXT_SESSION_KEY not in client.session


def test_a_smuggled_next_parameter_stays_inside_the_encoded_next(
    client_for, counsellor_without_mfa: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(counsellor_without_mfa)
    response = client.get("/overzicht/?a=1&next=//evil.example")
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == ["/overzicht/?a=1&next=//evil.example"]


def test_continue_after_enrolment_goes_to_the_remembered_page(client_for, counsellor: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(counsellor)
    session = client.session
    session[MFA_NEXT_SESSION_KEY] = "/regio/"
    session.save()
    response = client.get(reverse("accounts:continue"))
    assert response["Location"] == "/regio/"
    assert client.get(reverse("accounts:continue"))["Location"] == reverse("core:start")  # used once


@pytest.mark.parametrize("tampered", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_continue_refuses_a_next_that_leaves_the_site(client_for, counsellor: User, tampered: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(counsellor)
    session = client.session
    session[MFA_NEXT_SESSION_KEY] = tampered
    session.save()
    assert client.get(reverse("accounts:continue"))["Location"] == reverse("core:start")


def test_continue_needs_a_login(client: Client, db: None) -> None:
    response = client.get(reverse("accounts:continue"))
    assert response["Location"].startswith(reverse("account_login"))


def test_login_refuses_an_offsite_next(client: Client, council_member: User) -> None:
    response = client.post(
        reverse("account_login") + "?next=https://evil.example/",
        {
            "login": council_member.email,
            "password": "correct horse battery staple",
            "next": "https://evil.example/",
        },
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


# --- the whole enrolment, as a new counsellor experiences it ---------------------------------------------------


def test_a_new_counsellor_enrols_and_lands_on_the_page_they_wanted(counsellor_without_mfa: User) -> None:
    client = Client()
    assert login_through_allauth(client, counsellor_without_mfa, with_code=False).status_code == 302
    wanted = client.get("/regio/")
    assert is_mfa_enrolment(wanted["Location"])
    reauthenticate(client)
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    counsellor_without_mfa.totp_secret = client.session[SECRET_SESSION_KEY]  # type: ignore[attr-defined]
    activated = client.post(reverse("mfa_activate_totp"), {"code": user_totp_code(counsellor_without_mfa)})
    assert activated["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=counsellor_without_mfa, type="totp").exists()
    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 200
    assert client.get(reverse("accounts:continue"))["Location"] == "/regio/"
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_wrong_code_does_not_activate_mfa_and_says_so_in_dutch(
    client_for, counsellor_without_mfa: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(counsellor_without_mfa)
    reauthenticate(client)
    client.get(reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
    assert not Authenticator.objects.filter(user=counsellor_without_mfa).exists()


def test_a_counsellor_cannot_switch_off_their_only_second_factor(client_for, counsellor: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(counsellor)
    reauthenticate(client)
    page = client.get(reverse("mfa_deactivate_totp"))
    assert "Tweestapsverificatie is verplicht voor uw rol" in page.content.decode()
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=counsellor, type="totp").exists()


def test_a_council_member_may_switch_off_mfa(client_for, make_user) -> None:  # type: ignore[no-untyped-def]
    member = make_user(RoleSlug.COUNCIL_MEMBER, mfa=True)
    client = client_for(member)
    reauthenticate(client)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=member).exists()  # recovery codes go with it
