"""The token page /api/tokens/: who may open it, creating (secret shown once), revoking, query count."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klankbord.accounts.constants import RoleSlug
from klankbord.api.models import PersonalAccessToken

pytestmark = pytest.mark.django_db
URL = "/api/tokens/"


def test_the_token_page_is_at_its_named_url() -> None:
    assert reverse("api:tokens") == URL


@pytest.mark.parametrize("persona", ["coordinator", "counsellor", "administrator"])
def test_staff_with_the_api_permission_can_open_the_token_page(persona, request, client_for) -> None:
    response = client_for(request.getfixturevalue(persona)).get(URL)
    assert response.status_code == 200
    assert "Nieuw token" in response.content.decode()


@pytest.mark.parametrize("persona", ["ambassador", "selection_member"])
def test_staff_with_mfa_but_without_the_api_permission_get_403(persona, request, client_for) -> None:
    response = client_for(request.getfixturevalue(persona)).get(URL)
    assert response.status_code == 403
    assert "Nieuw token" not in response.content.decode()


@pytest.mark.parametrize("persona", ["council_member", "outsider"])
def test_users_without_mfa_or_the_api_permission_never_see_the_page(persona, request, client_for) -> None:
    response = client_for(request.getfixturevalue(persona)).get(URL)
    # The gate refuses (403) or first sends them to MFA enrolment; either way no token page.
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert reverse("mfa_activate_totp") in response["Location"]
    assert "Nieuw token" not in response.content.decode()


def test_a_counsellor_without_mfa_is_sent_to_mfa_enrolment(make_user, client_for) -> None:
    response = client_for(make_user(RoleSlug.COUNSELLOR, mfa=False)).get(URL)
    assert response.status_code == 302
    assert reverse("mfa_activate_totp") in response["Location"]


def test_anonymous_visitors_are_sent_to_the_login_page(client_for, db) -> None:
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def _post_create(client, **overrides):
    data = {"name": "maandrapportage", "scopes": ["profile:read", "reference:read"], "expires_in_days": "30"}
    return client.post(URL, {**data, **overrides})


def test_creating_a_token_shows_the_secret_once(coordinator, client_for) -> None:
    client = client_for(coordinator)

    response = _post_create(client)

    page = response.content.decode()
    secrets = re.findall(r"kbt_[A-Za-z0-9_-]{43}", page)
    assert response.status_code == 200 and len(set(secrets)) == 1
    assert response["Cache-Control"] == "no-store"
    token = PersonalAccessToken.objects.get(user=coordinator)
    assert token.scopes == ["profile:read", "reference:read"] and token.name == "maandrapportage"
    assert secrets[0] not in client.get(URL).content.decode()


def test_a_token_created_on_the_page_works_on_the_api(coordinator, client_for, api_get) -> None:
    page = _post_create(client_for(coordinator)).content.decode()
    secret = re.search(r"kbt_[A-Za-z0-9_-]{43}", page).group(0)  # type: ignore[union-attr]
    assert api_get("/api/v1/me", secret).json()["email"] == coordinator.email


def test_bad_input_shows_dutch_errors_and_keeps_what_was_typed(coordinator, client_for) -> None:
    response = _post_create(client_for(coordinator), name="mijn script", scopes=[], expires_in_days="1000")

    page = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in page
    assert "Kies ten minste één scope." in page
    assert "Kies een van de geldigheidsduren uit de lijst." in page
    assert 'value="mijn script"' in page
    assert not PersonalAccessToken.objects.exists()


def test_a_scope_that_does_not_exist_is_refused(coordinator, client_for) -> None:
    response = _post_create(client_for(coordinator), scopes=["cases:write"])
    assert "U kunt alleen scopes kiezen waarvoor u toestemming heeft." in response.content.decode()
    assert not PersonalAccessToken.objects.exists()


def test_an_empty_post_shows_errors_instead_of_failing(coordinator, client_for) -> None:
    response = client_for(coordinator).post(URL, {})
    assert response.status_code == 200
    assert "Geef het token een naam" in response.content.decode()


def test_an_ambassador_cannot_create_a_token_by_posting(ambassador, client_for) -> None:
    assert _post_create(client_for(ambassador)).status_code == 403
    assert not PersonalAccessToken.objects.exists()


def test_the_page_lists_only_ones_own_tokens(coordinator, counsellor, make_token, client_for) -> None:
    make_token(coordinator, name="van de coordinator")
    make_token(counsellor, name="van de vertrouwenspersoon")

    page = client_for(coordinator).get(URL).content.decode()

    assert "van de coordinator" in page and "van de vertrouwenspersoon" not in page


def test_the_owner_can_revoke_a_token(coordinator, make_token, client_for) -> None:
    token, _secret = make_token(coordinator)

    response = client_for(coordinator).post(reverse("api:token_revoke", args=[token.pk]))

    assert response.status_code == 302 and response["Location"] == URL
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_revoking_a_token_of_someone_else_is_not_found(
    coordinator, counsellor, make_token, client_for
) -> None:
    token, _secret = make_token(counsellor)

    response = client_for(coordinator).post(reverse("api:token_revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_a_post(coordinator, make_token, client_for) -> None:
    token, _secret = make_token(coordinator)
    assert client_for(coordinator).get(reverse("api:token_revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_ambassador_cannot_revoke_tokens(ambassador, coordinator, make_token, client_for) -> None:
    token, _secret = make_token(coordinator)
    assert client_for(ambassador).post(reverse("api:token_revoke", args=[token.pk])).status_code == 403


def _queries_for_token_page(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_the_token_list_costs_the_same_queries_for_one_or_many_tokens(
    coordinator, make_token, client_for, django_assert_max_num_queries
) -> None:
    client = client_for(coordinator)
    make_token(coordinator, name="eerste")
    with_one = _queries_for_token_page(client)
    for n in range(9):
        make_token(coordinator, name=f"token {n}", scopes=["profile:read", "reference:read"])

    with django_assert_max_num_queries(with_one):
        response = client.get(URL)

    assert response.content.decode().count("token-row") == 10


def test_a_user_manager_sees_tokens_in_the_admin_without_their_hash(
    administrator, coordinator, make_token, client_for
):
    token, secret = make_token(coordinator, name="rapportage")

    page = client_for(administrator).get(reverse("admin:api_personalaccesstoken_changelist")).content.decode()

    assert "rapportage" in page and token.token_hash not in page and secret not in page


def test_a_user_manager_can_revoke_a_token_from_the_admin(administrator, coordinator, make_token, client_for):
    token, _secret = make_token(coordinator)

    client_for(administrator).post(
        reverse("admin:api_personalaccesstoken_changelist"),
        {"action": "revoke_selected", "_selected_action": [token.pk]},
    )

    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_token_admin_cannot_add_or_change_tokens(administrator, coordinator, make_token, client_for):
    token, _secret = make_token(coordinator)
    client = client_for(administrator)
    assert client.get(reverse("admin:api_personalaccesstoken_add")).status_code == 403
    response = client.post(
        reverse("admin:api_personalaccesstoken_change", args=[token.pk]), {"name": "anders"}
    )
    token.refresh_from_db()
    assert token.name == "script" and response.status_code in {302, 403}
