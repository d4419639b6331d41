"""The /regio/ pages: who may see and change what, what they show, and bad input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from klankbord.accounts.constants import RoleSlug
from klankbord.geo.models import Region, RegionMembership, RegionScheme
from klankbord.geo.selectors import active_scheme, region_of
from klankbord.geo.services import region_create, scheme_create_custom

pytestmark = pytest.mark.django_db
ClientFor = Callable[[Any], Client]


@pytest.fixture
def admin_client(client_for: ClientFor, administrator: Any) -> Client:
    return client_for(administrator)


@pytest.fixture
def coordinator_client(client_for: ClientFor, coordinator: Any) -> Client:
    return client_for(coordinator)


# --- Reading -------------------------------------------------------------------------------------------------


def test_the_administrator_sees_schemes_the_active_one_and_its_region_counts(admin_client: Client) -> None:
    response = admin_client.get("/regio/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Actieve indeling: Provincies" in body
    assert "Noord-Brabant</th><td>56</td>" in body
    assert "Veiligheidsregio&#x27;s" in body
    assert 'action="/regio/nieuw/"' in body
    assert 'href="/regio/veiligheidsregios/activeren/"' in body


def test_the_coordinator_may_look_but_gets_no_controls(coordinator_client: Client) -> None:
    body = coordinator_client.get("/regio/").content.decode()
    assert "Actieve indeling: Provincies" in body
    assert "/regio/nieuw/" not in body
    assert "activeren" not in body


@pytest.mark.parametrize("persona", ["counsellor", "ambassador", "selection_member"])
def test_staff_roles_without_the_permission_are_refused(
    persona: str, request: Any, client_for: ClientFor
) -> None:
    response = client_for(request.getfixturevalue(persona)).get("/regio/")
    assert response.status_code == 403
    assert "Actieve indeling" not in response.content.decode()


@pytest.mark.parametrize("persona", ["council_member", "outsider"])
def test_users_without_permission_or_mfa_never_reach_the_page(
    persona: str, request: Any, client_for: ClientFor
) -> None:
    response = client_for(request.getfixturevalue(persona)).get("/regio/")
    # Refused outright, or first sent to MFA enrolment (the gate's order is the accounts app's choice).
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("mfa_activate_totp"))
    else:
        assert response.status_code == 403
    assert "Actieve indeling" not in response.content.decode()


def test_a_user_with_mfa_but_no_role_is_refused(client_for: ClientFor, make_user: Any) -> None:
    assert client_for(make_user(None, mfa=True)).get("/regio/").status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page(client_for: ClientFor) -> None:
    response = client_for(None).get("/regio/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_administrator_without_mfa_is_sent_to_mfa_enrolment(client_for: ClientFor, make_user: Any) -> None:
    response = client_for(make_user(RoleSlug.ADMINISTRATOR, mfa=False)).get("/regio/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_the_regions_page_query_count_stays_flat_as_schemes_grow(
    admin_client: Client, django_assert_max_num_queries: Any, provinces: RegionScheme
) -> None:
    with django_assert_max_num_queries(14):
        admin_client.get("/regio/")
    for number in range(8):
        scheme = scheme_create_custom(actor=None, name=f"Indeling {number}", copy_from=provinces)
        region_create(actor=None, scheme=scheme, name="Extra")
    with django_assert_max_num_queries(14):
        assert admin_client.get("/regio/").status_code == 200


def test_a_scheme_page_lists_every_region_with_its_municipalities_and_borders(
    coordinator_client: Client,
) -> None:
    body = coordinator_client.get("/regio/provincies/").content.decode()
    assert "Limburg" in body and "<li>Maastricht</li>" in body
    assert "Grenst aan: Gelderland, Noord-Brabant" in body
    assert "Gemeente verplaatsen" not in body


def test_the_scheme_page_query_count_stays_flat(
    admin_client: Client, custom_scheme: RegionScheme, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(16):
        admin_client.get(f"/regio/{custom_scheme.slug}/")
    for number in range(10):
        region_create(actor=None, scheme=custom_scheme, name=f"Extra {number}")
    with django_assert_max_num_queries(16):
        assert admin_client.get(f"/regio/{custom_scheme.slug}/").status_code == 200


def test_a_builtin_scheme_shows_no_edit_controls_even_to_the_administrator(admin_client: Client) -> None:
    body = admin_client.get("/regio/riec-regios/").content.decode()
    assert "ingebouwde indeling" in body
    assert "Gemeente verplaatsen" not in body and "Regio toevoegen" not in body


def test_a_custom_scheme_shows_edit_controls_to_the_administrator(
    admin_client: Client, custom_scheme: RegionScheme
) -> None:
    body = admin_client.get(f"/regio/{custom_scheme.slug}/").content.decode()
    assert "Gemeente verplaatsen" in body and "Regio toevoegen" in body
    assert 'hx-post="/regio/netwerkregios/verplaatsen/"' in body


def test_an_unknown_scheme_is_404(admin_client: Client) -> None:
    assert admin_client.get("/regio/bestaat-niet/").status_code == 404


# --- Activating ----------------------------------------------------------------------------------------------


def test_activation_asks_for_confirmation_then_switches(admin_client: Client) -> None:
    confirm = admin_client.get("/regio/riec-regios/activeren/")
    assert confirm.status_code == 200 and "Ja, activeren" in confirm.content.decode()
    assert active_scheme().slug == "provincies"
    response = admin_client.post("/regio/riec-regios/activeren/")
    assert response.status_code == 302
    assert active_scheme().slug == "riec-regios"


def test_the_coordinator_cannot_activate_a_scheme(coordinator_client: Client) -> None:
    assert coordinator_client.post("/regio/riec-regios/activeren/").status_code == 403
    assert active_scheme().slug == "provincies"


def test_activating_an_incomplete_scheme_is_refused_with_a_message(
    admin_client: Client, custom_scheme: RegionScheme
) -> None:
    RegionMembership.objects.filter(scheme=custom_scheme, municipality__name="Ede").delete()
    response = admin_client.post(f"/regio/{custom_scheme.slug}/activeren/")
    assert response.status_code == 400
    assert "niet volledig (Ede)" in response.content.decode()
    assert active_scheme().slug == "provincies"


# --- Creating and editing a custom scheme --------------------------------------------------------------------


def test_the_administrator_creates_a_custom_scheme_by_copying(admin_client: Client) -> None:
    corop = RegionScheme.objects.get(slug="corop-gebieden")
    response = admin_client.post(
        "/regio/nieuw/", {"scheme-name": "Mijn regio's", "scheme-copy_from": corop.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == "/regio/mijn-regios/"
    assert RegionScheme.objects.get(slug="mijn-regios").regions.count() == 40


def test_a_duplicate_scheme_name_is_refused_and_the_typed_name_is_kept(
    admin_client: Client, provinces: RegionScheme
) -> None:
    response = admin_client.post(
        "/regio/nieuw/", {"scheme-name": "provincies", "scheme-copy_from": provinces.pk}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "error-summary" in body and "Er is al een indeling met deze naam." in body
    assert 'value="provincies"' in body


def test_a_scheme_form_with_nonsense_input_gets_clear_errors(admin_client: Client) -> None:
    response = admin_client.post("/regio/nieuw/", {"scheme-name": "", "scheme-copy_from": "abc"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Vul een naam in." in body and "Kies een bestaande indeling." in body
    assert 'aria-invalid="true"' in body and "id_scheme-name_error" in body


def test_the_coordinator_cannot_create_a_scheme(coordinator_client: Client, provinces: RegionScheme) -> None:
    response = coordinator_client.post(
        "/regio/nieuw/", {"scheme-name": "X", "scheme-copy_from": provinces.pk}
    )
    assert response.status_code == 403
    assert not RegionScheme.objects.filter(name="X").exists()


def test_adding_a_region(admin_client: Client, custom_scheme: RegionScheme) -> None:
    response = admin_client.post(f"/regio/{custom_scheme.slug}/regio-toevoegen/", {"region-name": "Randstad"})
    assert response.status_code == 302
    assert custom_scheme.regions.filter(name="Randstad").exists()


def test_adding_a_region_with_a_taken_name_shows_the_error(
    admin_client: Client, custom_scheme: RegionScheme
) -> None:
    response = admin_client.post(f"/regio/{custom_scheme.slug}/regio-toevoegen/", {"region-name": "Limburg"})
    assert response.status_code == 400
    assert "al een regio met deze naam" in response.content.decode()


def test_no_region_can_be_added_to_a_builtin_scheme(admin_client: Client) -> None:
    response = admin_client.post("/regio/provincies/regio-toevoegen/", {"region-name": "Randstad"})
    assert response.status_code == 403
    assert Region.objects.filter(scheme__slug="provincies").count() == 12


def test_moving_a_municipality_without_javascript_redirects_back(
    admin_client: Client, custom_scheme: RegionScheme, municipality: Any
) -> None:
    ede = municipality("Ede")
    utrecht = custom_scheme.regions.get(code="PV26")
    response = admin_client.post(
        f"/regio/{custom_scheme.slug}/verplaatsen/", {"move-municipality": ede.pk, "move-region": utrecht.pk}
    )
    assert response.status_code == 302
    assert region_of(ede, custom_scheme) == utrecht


def test_moving_a_municipality_with_htmx_returns_the_updated_partial(
    admin_client: Client, custom_scheme: RegionScheme, municipality: Any
) -> None:
    ede = municipality("Ede")
    utrecht = custom_scheme.regions.get(code="PV26")
    response = admin_client.post(
        f"/regio/{custom_scheme.slug}/verplaatsen/",
        {"move-municipality": ede.pk, "move-region": utrecht.pk},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="scheme-regions"' not in body  # only the inside, swapped into the page's container
    assert "Ede hoort nu bij Utrecht." in body and "<html" not in body
    assert "27 gemeenten" in body  # Utrecht had 26


@pytest.mark.parametrize(
    "data",
    [
        {"move-municipality": "abc", "move-region": "1"},
        {"move-municipality": "999999", "move-region": "1"},
        {"move-municipality": "", "move-region": ""},
    ],
)
def test_moving_with_nonsense_input_is_a_clear_400(
    admin_client: Client, custom_scheme: RegionScheme, data: dict
) -> None:
    response = admin_client.post(f"/regio/{custom_scheme.slug}/verplaatsen/", data)
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_an_htmx_move_with_errors_returns_the_partial_with_the_error_summary(
    admin_client: Client, custom_scheme: RegionScheme
) -> None:
    response = admin_client.post(
        f"/regio/{custom_scheme.slug}/verplaatsen/", {"move-municipality": ""}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200  # htmx swaps only 2xx responses
    assert "error-summary" in body and "Kies een gemeente." in body and "<html" not in body


def test_a_region_of_another_scheme_is_not_a_valid_target(
    admin_client: Client, custom_scheme: RegionScheme, provinces: RegionScheme, municipality: Any
) -> None:
    foreign = provinces.regions.get(code="PV26")
    ede = municipality("Ede")
    response = admin_client.post(
        f"/regio/{custom_scheme.slug}/verplaatsen/", {"move-municipality": ede.pk, "move-region": foreign.pk}
    )
    assert response.status_code == 400
    assert "Kies een regio uit de lijst." in response.content.decode()
    assert region_of(ede, custom_scheme).code == "PV25"


def test_the_coordinator_cannot_move_a_municipality(
    coordinator_client: Client, custom_scheme: RegionScheme, municipality: Any
) -> None:
    utrecht = custom_scheme.regions.get(code="PV26")
    data = {"move-municipality": municipality("Ede").pk, "move-region": utrecht.pk}
    assert coordinator_client.post(f"/regio/{custom_scheme.slug}/verplaatsen/", data).status_code == 403


def test_renaming_a_region(admin_client: Client, custom_scheme: RegionScheme) -> None:
    url = f"/regio/{custom_scheme.slug}/regio/PV26/hernoemen/"
    assert 'value="Utrecht"' in admin_client.get(url).content.decode()
    assert admin_client.post(url, {"region-name": "Sticht"}).status_code == 302
    assert custom_scheme.regions.get(code="PV26").name == "Sticht"


def test_renaming_a_region_to_nothing_keeps_the_form(
    admin_client: Client, custom_scheme: RegionScheme
) -> None:
    response = admin_client.post(f"/regio/{custom_scheme.slug}/regio/PV26/hernoemen/", {"region-name": "   "})
    assert response.status_code == 400
    assert "Vul een naam in." in response.content.decode()


def test_a_region_code_of_another_scheme_is_404(admin_client: Client, custom_scheme: RegionScheme) -> None:
    assert admin_client.get(f"/regio/{custom_scheme.slug}/regio/VR01/hernoemen/").status_code == 404


def test_deleting_an_empty_region_after_confirmation(
    admin_client: Client, custom_scheme: RegionScheme
) -> None:
    region_create(actor=None, scheme=custom_scheme, name="Leeg")
    url = f"/regio/{custom_scheme.slug}/regio/leeg/verwijderen/"
    assert "Ja, verwijderen" in admin_client.get(url).content.decode()
    assert admin_client.post(url).status_code == 302
    assert not custom_scheme.regions.filter(code="leeg").exists()


def test_deleting_a_region_with_municipalities_is_refused(
    admin_client: Client, custom_scheme: RegionScheme
) -> None:
    url = f"/regio/{custom_scheme.slug}/regio/PV26/verwijderen/"
    assert "bevat nog 26 gemeenten" in admin_client.get(url).content.decode()
    response = admin_client.post(url)
    assert response.status_code == 400
    assert custom_scheme.regions.filter(code="PV26").exists()


def test_deleting_a_custom_scheme(admin_client: Client, custom_scheme: RegionScheme) -> None:
    url = f"/regio/{custom_scheme.slug}/verwijderen/"
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url).status_code == 302
    assert not RegionScheme.objects.filter(pk=custom_scheme.pk).exists()


def test_a_builtin_scheme_cannot_be_deleted_through_the_page(admin_client: Client) -> None:
    assert admin_client.post("/regio/corop-gebieden/verwijderen/").status_code == 403
    assert RegionScheme.objects.filter(slug="corop-gebieden").exists()


def test_writes_need_post(admin_client: Client, custom_scheme: RegionScheme) -> None:
    assert admin_client.get(f"/regio/{custom_scheme.slug}/verplaatsen/").status_code == 405
    assert admin_client.get(f"/regio/{custom_scheme.slug}/regio-toevoegen/").status_code == 405
