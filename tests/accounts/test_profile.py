"""The profile page: name and language (audited), second factors, roles and last login."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import User
from klankbord.audit.models import AuditEntry
from tests.factories.accounts import login_through_allauth

URL = "/profiel/"
PERSONAS = ["council_member", "counsellor", "ambassador", "coordinator", "selection_member", "administrator"]


def test_the_profile_lives_at_profiel() -> None:
    assert reverse("accounts:profile") == URL


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_role_sees_its_own_profile(
    client_for,
    request,
    persona: str,
    assert_page_ok: Callable[[HttpResponse], str],  # type: ignore[no-untyped-def]
) -> None:
    user = request.getfixturevalue(persona)
    body = assert_page_ok(client_for(user).get(URL))
    assert "<h1>Mijn profiel</h1>" in body
    assert user.email in body
    assert str(user.groups.get().role) in body


def test_anonymous_visitors_are_sent_to_login(client: Client, db: None) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_a_counsellor_without_mfa_gets_enrolment_instead_of_the_profile(client_for, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user(RoleSlug.COUNSELLOR, mfa=False)
    assert client_for(user).get(URL)["Location"].startswith(reverse("mfa_activate_totp"))


def test_the_profile_shows_mfa_status_with_links_to_manage_it(client_for, counsellor: User) -> None:  # type: ignore[no-untyped-def]
    body = client_for(counsellor).get(URL).content.decode()
    assert "U logt in met uw wachtwoord en een code uit uw authenticator-app." in body
    assert "U heeft nog 10 herstelcodes." in body
    assert f'href="{reverse("mfa_index")}"' in body
    assert f'href="{reverse("account_change_password")}"' in body


def test_a_council_member_without_mfa_is_invited_to_switch_it_on(client_for, council_member: User) -> None:  # type: ignore[no-untyped-def]
    body = client_for(council_member).get(URL).content.decode()
    assert "Wij raden tweestapsverificatie aan" in body
    assert f'href="{reverse("mfa_activate_totp")}"' in body


def test_the_previous_login_is_shown_in_local_time(council_member: User) -> None:
    User.objects.filter(pk=council_member.pk).update(
        last_login=datetime(2026, 3, 2, 8, 15, tzinfo=ZoneInfo("UTC"))
    )
    council_member.refresh_from_db()
    client = Client()
    login_through_allauth(client, council_member)
    body = client.get(URL).content.decode()
    assert "Vorige keer ingelogd" in body
    assert "2 maart 2026, 09:15" in body


def test_a_first_login_has_no_previous_login(council_member: User) -> None:
    client = Client()
    login_through_allauth(client, council_member)
    body = client.get(URL).content.decode()
    assert "Ingelogd sinds" in body
    assert body.count("onbekend") == 1


def test_saving_name_and_language_is_audited_and_switches_the_language(
    client_for, council_member: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(council_member)
    response = client.post(URL, {"display_name": "  Anna   de Vries ", "preferred_language": "en"})
    assert response.status_code == 302 and response["Location"] == URL
    assert response.cookies["django_language"].value == "en"
    council_member.refresh_from_db()
    assert (council_member.display_name, council_member.preferred_language) == ("Anna de Vries", "en")
    entry = AuditEntry.objects.get(action="accounts.user.updated")
    assert entry.actor_id == council_member.pk and entry.object_id == str(council_member.pk)
    assert entry.data == {"fields": ["display_name", "preferred_language"], "preferred_language": "en"}
    assert "Anna" not in str(entry.data)
    assert '<html lang="en">' in client.get(URL).content.decode()


def test_saving_without_changes_writes_no_audit_entry(client_for, council_member: User) -> None:  # type: ignore[no-untyped-def]
    client_for(council_member).post(
        URL, {"display_name": council_member.display_name, "preferred_language": "nl"}
    )
    assert not AuditEntry.objects.filter(action="accounts.user.updated").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"display_name": "x" * 121, "preferred_language": "nl"},
            "Een naam mag hoogstens 120 tekens lang zijn.",
        ),
        ({"display_name": "Anna", "preferred_language": "fr"}, "Kies Nederlands of English als taal."),
        ({"display_name": "Anna"}, "Kies een taal."),
        ({"display_name": "An\u200bna", "preferred_language": "nl"}, "onzichtbare of besturingstekens"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_keeps_what_was_typed(
    client_for,
    council_member: User,
    data: dict[str, str],
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    response = client_for(council_member).post(URL, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in body and message in body
    assert 'aria-invalid="true"' in body
    if len(data["display_name"]) <= 120:
        assert f'value="{data["display_name"]}"' in body
    council_member.refresh_from_db()
    assert council_member.display_name.startswith("Test")
    assert not AuditEntry.objects.filter(action="accounts.user.updated").exists()


def test_the_profile_refuses_other_methods(client_for, council_member: User) -> None:  # type: ignore[no-untyped-def]
    assert client_for(council_member).delete(URL).status_code == 405


def test_the_profile_stays_within_a_fixed_number_of_queries(
    client_for,
    counsellor: User,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(counsellor)
    with django_assert_max_num_queries(15):
        assert client.get(URL).status_code == 200
