"""Lists that scale: pagination, whitelisted sorting, search and period filters kept in the URL, and a flat
query count with 500 rows on every list that uses ``core.lists``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from klankbord.accounts.types import User
from klankbord.core.lists import ListSpec, Sort, list_query, paginate
from klankbord.reports.constants import ReportStatus
from tests.factories.ambassadors import AmbassadorFactory
from tests.factories.network import GatheringFactory
from tests.factories.recruitment import ApplicationFactory
from tests.factories.reports import ReportFactory, make_report
from tests.factories.signals import EarlyWarningFactory

ClientFor = Callable[[User | None], Client]
SPEC = ListSpec(sorts=(Sort("a", "A", ("a",)), Sort("b", "B", ("-b", "c"))), default_sort="a", keep=("tab",))


def test_an_unknown_sort_falls_back_to_the_default_and_descending_flips_every_field() -> None:
    request = RequestFactory().get("/x/", {"sort": "password"})
    assert list_query(request, SPEC).order_by == ("a",)
    request = RequestFactory().get("/x/", {"sort": "-b"})
    assert list_query(request, SPEC).order_by == ("b", "-c")


def test_page_and_sort_links_keep_the_search_the_period_and_the_tab() -> None:
    request = RequestFactory().get("/x/", {"q": "Utrecht", "van": "2026-01-01", "tab": "open", "pagina": "2"})
    query = list_query(request, SPEC)
    listing = paginate(request, list(range(100)), SPEC, query)
    assert listing.page.number == 2 and listing.rows[0] == 25
    for url in (listing.next_url, listing.previous_url, listing.columns["b"]["url"]):
        assert "q=Utrecht" in url and "van=2026-01-01" in url and "tab=open" in url
    assert "pagina" not in listing.columns["b"]["url"]  # a new sort starts at page 1
    assert [item.get("number") for item in listing.pages if not item.get("gap")] == [1, 2, 3, 4]


def test_a_page_past_the_end_shows_the_last_page() -> None:
    request = RequestFactory().get("/x/", {"pagina": "999"})
    listing = paginate(request, list(range(60)), SPEC, list_query(request, SPEC))
    assert listing.page.number == 3


def _queries(client: Client, url: str) -> tuple[int, str]:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def _reports(n: int) -> None:
    ReportFactory.create_batch(n, consent=False, status=ReportStatus.INTAKE)


def _ambassadors(n: int) -> None:
    AmbassadorFactory.create_batch(n)


def _applications(n: int) -> None:
    ApplicationFactory.create_batch(n)


def _gatherings(n: int) -> None:
    GatheringFactory.create_batch(n)


def _warnings(n: int) -> None:
    EarlyWarningFactory.create_batch(n)


LISTS = [
    ("counsellor", "reports:inbox", "?tab=open", _reports),
    ("coordinator", "ambassadors:list", "", _ambassadors),
    ("coordinator", "recruitment:applications", "", _applications),
    ("coordinator", "network:gatherings", "", _gatherings),
    ("coordinator", "signals:warnings", "", _warnings),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "url_name", "params", "grow"), LISTS, ids=[row[1] for row in LISTS])
def test_every_list_is_paginated_with_500_rows_in_a_flat_number_of_queries(
    request: pytest.FixtureRequest,
    client_for: ClientFor,
    persona: str,
    url_name: str,
    params: str,
    grow: Callable[[int], None],
) -> None:
    client = client_for(request.getfixturevalue(persona))
    url = reverse(url_name) + params
    grow(30)
    few, _page = _queries(client, url)
    grow(470)
    many, page = _queries(client, url)
    assert many == few
    assert 'aria-label="Pagina&#x27;s' in page or "aria-label=\"Pagina's" in page
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>1</a>' in page
    assert "van 500" in page
    last = client.get(url + ("&" if params else "?") + "pagina=20").content.decode()
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>20</a>' in last


@pytest.mark.django_db
def test_the_inbox_searches_by_reference_municipality_region_status_and_period(
    client_for: ClientFor, counsellor: User
) -> None:
    make_report("Utrecht", reference="T-FIND-1", status=ReportStatus.INTAKE)
    make_report("Groningen", reference="T-OTHER-2", status=ReportStatus.MATCHING)
    old = make_report("Zeist", reference="T-OLD-3", status=ReportStatus.INTAKE)
    old.received_at = timezone.now() - timedelta(days=400)
    old.save()
    client = client_for(counsellor)
    inbox = reverse("reports:inbox")

    def found(**params: str) -> set[str]:
        page = client.get(inbox, {"tab": "open", **params}).content.decode()
        return {ref for ref in ("T-FIND-1", "T-OTHER-2", "T-OLD-3") if ref in page}

    assert found(q="find") == {"T-FIND-1"}
    assert found(q="Groningen") == {"T-OTHER-2"}
    assert found(q="Ambassadeur zoeken") == {"T-OTHER-2"}  # status, by its label
    assert "T-FIND-1" in found(q="Utrecht") and "T-OLD-3" in found(q="Utrecht")  # region (province) Utrecht
    since = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert found(van=since) == {"T-FIND-1", "T-OTHER-2"}
    page = client.get(inbox, {"tab": "open", "q": "find", "sort": "-received"}).content.decode()
    assert "q=find" in page and "tab=open" in page  # filters kept in the URLs
