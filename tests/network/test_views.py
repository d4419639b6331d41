"""Every network page: the persona allowed in gets it, the others are refused; lists stay flat in queries."""

from __future__ import annotations

import pytest
from django.utils import timezone

from klankbord.ambassadors.models import TimeEntry
from klankbord.network.models import DebriefRequest, Invitation
from klankbord.signals.selectors import last_complete_month
from tests.factories.ambassadors import make_ambassador
from tests.factories.matching import assign

COORDINATOR_PAGES = [
    "/netwerk/bijeenkomsten/",
    "/netwerk/bijeenkomsten/nieuw/",
    "/netwerk/belasting/",
    "/netwerk/tijdsbesteding/",
]
AMBASSADOR_PAGES = ["/netwerk/", "/netwerk/welzijn/"]


@pytest.mark.parametrize("url", COORDINATOR_PAGES)
def test_coordinator_pages_are_for_the_coordinator_only(
    url, client_for, coordinator, ambassador, counsellor, outsider
):
    assert client_for(coordinator).get(url).status_code == 200
    for user in (ambassador, counsellor):
        assert client_for(user).get(url).status_code == 403
    assert (
        "/accounts/2fa/" in client_for(outsider).get(url).url
    )  # no second factor: enrol first, never the page
    assert client_for(None).get(url).status_code == 302


@pytest.mark.parametrize("url", AMBASSADOR_PAGES)
def test_ambassador_pages_are_for_ambassadors_only(
    url, client_for, ambassador, profile, coordinator, council_member
):
    assert client_for(ambassador).get(url).status_code == 200
    assert client_for(coordinator).get(url).status_code == 403
    assert client_for(council_member).get(url).status_code == 302  # to MFA enrolment, never the page


def test_the_debrief_list_is_for_counsellors_and_read_only_for_the_coordinator(
    client_for, counsellor, coordinator, ambassador
):
    assert client_for(counsellor).get("/netwerk/nagesprekken/").context["can_handle"] is True
    response = client_for(coordinator).get("/netwerk/nagesprekken/")  # issue 12 item 10: it was a 403
    assert response.status_code == 200 and response.context["can_handle"] is False
    assert client_for(ambassador).get("/netwerk/nagesprekken/").status_code == 403


def test_an_invitation_is_only_visible_to_its_own_ambassador(
    client_for, invitation, ambassador, make_user, coordinator
):
    from klankbord.accounts.constants import RoleSlug

    assert client_for(ambassador).get(f"/netwerk/uitnodigingen/{invitation.pk}/").status_code == 200
    other = make_user(RoleSlug.AMBASSADOR)
    make_ambassador("Utrecht", user=other)
    assert client_for(other).get(f"/netwerk/uitnodigingen/{invitation.pk}/").status_code == 404
    assert client_for(coordinator).get(f"/netwerk/uitnodigingen/{invitation.pk}/").status_code == 403
    ics = client_for(ambassador).get(f"/netwerk/uitnodigingen/{invitation.pk}/agenda.ics")
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content


def test_a_bad_gathering_form_keeps_what_was_typed_and_says_what_is_wrong(client_for, coordinator):
    response = client_for(coordinator).post(
        "/netwerk/bijeenkomsten/nieuw/",
        {
            "kind": "return_day",
            "title": "Terugkomdag",
            "date": "2000-01-01",
            "start_time": "10:00",
            "end_time": "09:00",
            "capacity": "abc",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vul een heel getal in." in page and 'value="Terugkomdag"' in page


def test_a_gathering_is_planned_and_answered_through_the_pages(client_for, coordinator, ambassador, profile):
    day = (timezone.localdate() + timezone.timedelta(days=40)).isoformat()
    response = client_for(coordinator).post(
        "/netwerk/bijeenkomsten/nieuw/",
        {
            "kind": "return_day",
            "title": "Terugkomdag",
            "date": day,
            "start_time": "10:00",
            "end_time": "16:00",
            "capacity": "20",
            "place": "Utrecht",
        },
    )
    assert response.status_code == 302
    client_for(coordinator).post(response.url + "uitnodigen/")
    invitation = Invitation.objects.get(ambassador=profile)
    bad = client_for(ambassador).post(f"/netwerk/uitnodigingen/{invitation.pk}/", {"answer": "perhaps"})
    assert bad.status_code == 400
    client_for(ambassador).post(f"/netwerk/uitnodigingen/{invitation.pk}/", {"answer": "maybe"})
    invitation.refresh_from_db()
    assert invitation.response == "maybe"


def _network(n: int, make_gathering) -> None:
    gathering = make_gathering(days=-1)
    for _ in range(n):
        ambassador = make_ambassador("Zeist")
        Invitation.objects.create(gathering=gathering, ambassador=ambassador, attended=True)
        assign(ambassador)
        TimeEntry.objects.create(
            ambassador=ambassador, date=last_complete_month(), activity="contact", minutes=30
        )
        DebriefRequest.objects.create(ambassador=ambassador, reason="own_wish")


@pytest.mark.parametrize(
    "url",
    ["/netwerk/bijeenkomsten/", "/netwerk/belasting/", "/netwerk/tijdsbesteding/", "/netwerk/nagesprekken/"],
)
def test_lists_take_as_many_queries_for_many_ambassadors_as_for_a_few(
    url, client_for, coordinator, counsellor, make_gathering, django_assert_max_num_queries, settings
):
    settings.KLANKBORD_DISCLOSURE_K = 2  # so that the time page publishes figures with few ambassadors too
    user = counsellor if "nagesprekken" in url else coordinator
    client = client_for(user)
    _network(2, make_gathering)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _network(8, make_gathering)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_gathering_detail_stays_flat_too(
    client_for, coordinator, make_gathering, django_assert_max_num_queries
):
    gathering = make_gathering(days=-1)
    for _ in range(2):
        Invitation.objects.create(gathering=gathering, ambassador=make_ambassador("Zeist"))
    client = client_for(coordinator)
    client.get(f"/netwerk/bijeenkomsten/{gathering.pk}/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(f"/netwerk/bijeenkomsten/{gathering.pk}/")
    for _ in range(10):
        Invitation.objects.create(gathering=gathering, ambassador=make_ambassador("Zeist"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert b"Aanwezigheid registreren" in client.get(f"/netwerk/bijeenkomsten/{gathering.pk}/").content


def test_the_demo_is_idempotent(db):
    from klankbord.core.demo import DemoContext
    from klankbord.network import demo
    from klankbord.network.models import Gathering

    for _ in range(6):
        make_ambassador("Zeist")
    make_ambassador("Zwolle")
    demo.seed(DemoContext(write=lambda _line: None))
    counts = (Gathering.objects.count(), Invitation.objects.count())
    demo.seed(DemoContext(write=lambda _line: None))
    assert counts == (Gathering.objects.count(), Invitation.objects.count())
    assert counts[0] == 3 and Gathering.objects.filter(kind="return_day", starts_at__month=4).exists()
    assert Invitation.objects.filter(response="yes").exists()
