import pytest

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import Role


@pytest.mark.django_db
def test_every_role_exists_after_migrate() -> None:
    assert set(Role.objects.values_list("slug", flat=True)) == set(RoleSlug.values)


def test_home_page_is_dutch_and_reachable(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/")
    assert response.status_code == 200
    assert "Bel 112" in response.content.decode()
