"""A home per role: the dispatcher after login, switching between homes, the panels and their query counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.types import User
from klankbord.audit.models import AuditEntry
from klankbord.matching.constants import AssignmentStatus
from klankbord.reports.constants import ReportStatus
from tests.factories.accounts import add_role
from tests.factories.ambassadors import make_ambassador
from tests.factories.matching import assign
from tests.factories.network import GatheringFactory, InvitationFactory
from tests.factories.recruitment import ApplicationFactory
from tests.factories.reports import make_report

pytestmark = pytest.mark.django_db

ClientFor = Callable[[User | None], Client]


@pytest.mark.parametrize(
    ("persona", "home"),
    [
        ("counsellor", "vertrouwenspersoon"),
        ("ambassador", "ambassadeur"),
        ("coordinator", "coordinator"),
        ("selection_member", "selectiecommissie"),
        ("administrator", "beheer"),
    ],
)
def test_after_login_each_role_lands_on_its_own_home(
    request: pytest.FixtureRequest, client_for: ClientFor, persona: str, home: str
) -> None:
    client = client_for(request.getfixturevalue(persona))
    response = client.get(reverse("core:start"))
    assert response["Location"] == reverse("core:role_home", kwargs={"slug": home})
    assert client.get(response["Location"]).status_code == 200


def test_login_redirects_to_the_dispatcher(settings) -> None:  # type: ignore[no-untyped-def]
    assert reverse(settings.LOGIN_REDIRECT_URL) == reverse("core:start")


def test_a_member_without_reports_lands_on_the_public_home_with_its_report_button(
    client_for: ClientFor, council_member: User
) -> None:
    client = client_for(council_member)
    response = client.get(reverse("core:start"))
    assert response["Location"] == reverse("core:home")
    page = client.get(response["Location"]).content.decode()
    assert "Melding doen" in page


def test_a_member_with_a_report_lands_on_their_reports(client_for: ClientFor, council_member: User) -> None:
    make_report(reporter=council_member)
    assert client_for(council_member).get(reverse("core:start"))["Location"] == reverse("reports:mine")


def test_someone_with_two_roles_gets_the_most_specific_home_and_can_switch(
    client_for: ClientFor, counsellor: User
) -> None:
    add_role(counsellor, RoleSlug.COORDINATOR)
    client = client_for(counsellor)
    counsellor_home = reverse("core:role_home", kwargs={"slug": "vertrouwenspersoon"})
    coordinator_home = reverse("core:role_home", kwargs={"slug": "coordinator"})
    assert client.get(reverse("core:start"))["Location"] == counsellor_home
    page = client.get(counsellor_home).content.decode()
    assert f'href="{coordinator_home}"' in page  # the switch
    client.get(coordinator_home)
    assert client.get(reverse("core:start"))["Location"] == coordinator_home  # the choice is remembered


def test_a_home_of_another_role_is_refused(client_for: ClientFor, counsellor: User) -> None:
    client = client_for(counsellor)
    assert client.get(reverse("core:role_home", kwargs={"slug": "coordinator"})).status_code == 403
    assert client.get(reverse("core:role_home", kwargs={"slug": "onbekend"})).status_code == 404
    assert client_for(None).get(reverse("core:role_home", kwargs={"slug": "beheer"})).status_code == 302


def test_the_counsellors_home_puts_acute_and_overdue_reports_first(
    client_for: ClientFor, counsellor: User
) -> None:
    make_report(reference="T-CALM", status=ReportStatus.INTAKE)
    make_report(
        reference="T-LATE",
        status=ReportStatus.INTAKE,
        first_response_due=timezone.localdate() - timedelta(days=3),
    )
    make_report(reference="T-ACUTE", status=ReportStatus.RECEIVED, urgent=True)
    page = client_for(counsellor).get(reverse("core:role_home", kwargs={"slug": "vertrouwenspersoon"}))
    text = page.content.decode()
    assert text.index("T-ACUTE") < text.index("T-LATE") < text.index("T-CALM")
    listed = AuditEntry.objects.filter(action="reports.report.listed", actor_id=counsellor.pk).last()
    assert listed is not None and listed.data["context"] == "home" and len(listed.data["ids"]) == 3
    for title in ("Sparverzoeken", "Escalaties", "Opnieuw te koppelen"):
        assert title in text


def test_the_ambassadors_home_shows_requests_with_deadlines_cases_gatherings_and_load(
    client_for: ClientFor, ambassador: User
) -> None:
    profile = make_ambassador(user=ambassador)
    requested = assign(profile, status=AssignmentStatus.REQUESTED)
    requested.due_at = timezone.now() + timedelta(hours=30)
    requested.save()
    assign(profile)
    InvitationFactory.create(ambassador=profile, gathering=GatheringFactory.create(title="Terugkomdag noord"))
    page = client_for(ambassador).get(reverse("core:role_home", kwargs={"slug": "ambassadeur"}))
    text = page.content.decode()
    assert requested.report.reference in text and "antwoord uiterlijk" in text
    assert "volgende stap" in text
    assert "Terugkomdag noord" in text
    assert "open zaken van uw capaciteit" in text


def test_the_coordinators_home_shows_figures_each_linking_to_its_page(
    client_for: ClientFor, coordinator: User
) -> None:
    make_report(status=ReportStatus.MATCHING)
    make_report(status=ReportStatus.IN_SUPPORT)
    ApplicationFactory.create()
    GatheringFactory.create(title="Intervisie zuid")
    text = (
        client_for(coordinator)
        .get(reverse("core:role_home", kwargs={"slug": "coordinator"}))
        .content.decode()
    )
    assert "Ambassadeur zoeken" in text and "In begeleiding" in text  # open cases by phase
    assert '<svg class="bar' in text  # a server-rendered bar chart
    assert "Intervisie zuid" in text
    for url_name in (
        "recruitment:coverage",
        "recruitment:applications",
        "network:gatherings",
        "signals:warnings",
    ):
        assert f'href="{reverse(url_name)}' in text


def test_the_administrators_home_links_to_users_roles_keys_and_audit(
    client_for: ClientFor, administrator: User
) -> None:
    text = (
        client_for(administrator).get(reverse("core:role_home", kwargs={"slug": "beheer"})).content.decode()
    )
    for url_name in (
        "accounts:users",  # the in-app user administration (issue 14), not the Django admin
        "admin:accounts_role_changelist",
        "admin:api_personalaccesstoken_changelist",
        "accounts:audit",  # the readable audit viewer
        "outbox:list",  # failed and waiting mail
    ):
        assert f'href="{reverse(url_name)}' in text


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm caches (permissions, session)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _grow_counsellor_data(n: int) -> None:
    for i in range(n):
        make_report(status=ReportStatus.INTAKE, urgent=i % 2 == 0)


def _grow_ambassador_data(n: int, user: User) -> None:
    ambassador = make_ambassador(user=user) if not hasattr(user, "ambassador") else user.ambassador
    for _ in range(n):
        assign(ambassador, status=AssignmentStatus.REQUESTED)
        assign(ambassador)
        InvitationFactory.create(ambassador=ambassador)


def _grow_coordinator_data(n: int) -> None:
    for _ in range(n):
        make_report(status=ReportStatus.MATCHING)
        make_ambassador()
        ApplicationFactory.create()
        GatheringFactory.create()


@pytest.mark.parametrize(
    "persona", ["counsellor", "ambassador", "coordinator", "selection_member", "administrator"]
)
def test_each_home_runs_the_same_number_of_queries_however_much_data_there_is(
    request: pytest.FixtureRequest, client_for: ClientFor, persona: str
) -> None:
    user = request.getfixturevalue(persona)
    client = client_for(user)
    url = client.get(reverse("core:start"))["Location"]

    def grow(n: int) -> None:
        if persona == "counsellor":
            _grow_counsellor_data(n)
        elif persona == "ambassador":
            _grow_ambassador_data(n, user)
        elif persona in ("coordinator", "selection_member"):
            _grow_coordinator_data(n)

    grow(1)
    small = _queries(client, url)
    grow(8)
    assert _queries(client, url) == small


def test_the_brand_stylesheet_is_served_to_a_user_who_still_has_to_enrol_mfa(make_user, client_for) -> None:  # type: ignore[no-untyped-def]
    """Every page loads it, the MFA enrolment page too: a redirect there would break the enrolment's next."""
    user = make_user(RoleSlug.COUNSELLOR, mfa=False)
    response = client_for(user).get(reverse("core:brand_css"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/css")
    assert "--colour-brand: #0b4f6c" in response.content.decode()
