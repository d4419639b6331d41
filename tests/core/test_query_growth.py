"""Every key page makes as many queries with three times the data: no query per row (issue 17).

A world of scale data (``klankbord scale-data``) is measured, then grown to three times its size with more of
the same (``--append``) and measured again, showing the same objects; each page is opened once to warm caches,
then its queries are counted.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import User
from klankbord.matching.constants import AssignmentStatus
from klankbord.matching.models import Assignment
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from tests.factories.scale import persona_client, persona_email, scale_world, scale_world_grow

pytestmark = pytest.mark.django_db

SMALL = 0.01  # 30 reports, 100 signals, 3,000 audit entries; three times that below
PAGES: list[tuple[RoleSlug, str]] = [
    (RoleSlug.COUNSELLOR, "/"),
    (RoleSlug.COUNSELLOR, "/meldingen/"),
    (RoleSlug.COUNSELLOR, "/meldingen/?tab=open"),
    (RoleSlug.COUNSELLOR, "/meldingen/?tab=closed"),
    (RoleSlug.COUNSELLOR, "/meldingen/{counsellor_case}/"),
    (RoleSlug.COUNSELLOR, "/koppeling/melding/{matching}/"),
    (RoleSlug.AMBASSADOR, "/"),
    (RoleSlug.AMBASSADOR, "/begeleiding/"),
    (RoleSlug.AMBASSADOR, "/begeleiding/zaak/{ambassador_case}/"),
    (RoleSlug.COORDINATOR, "/overzicht/"),
    (RoleSlug.COORDINATOR, "/ambassadeurs/"),
    (RoleSlug.COORDINATOR, "/werving/"),
    (RoleSlug.COORDINATOR, "/signalen/inzicht/"),
    (RoleSlug.COORDINATOR, "/signalen/export/category.csv"),
    (RoleSlug.COORDINATOR, "/netwerk/bijeenkomsten/"),
    (RoleSlug.COORDINATOR, "/netwerk/tijdsbesteding/"),
    (RoleSlug.COORDINATOR, "/netwerk/belasting/"),
    (RoleSlug.COORDINATOR, "/werving/sollicitaties/"),
    (RoleSlug.COORDINATOR, "/werving/sollicitaties/overzicht/"),
]


def _objects() -> dict[str, int]:
    """The first object of each kind the pages show (by primary key: the same choice at every size)."""
    persona = User.objects.get(email=persona_email(RoleSlug.AMBASSADOR))
    case = Assignment.objects.filter(ambassador__user=persona, status=AssignmentStatus.ACCEPTED).order_by(
        "pk"
    )
    return {
        "counsellor_case": Report.objects.filter(status=ReportStatus.IN_SUPPORT).order_by("pk")[0].pk,
        "matching": Report.objects.filter(status=ReportStatus.MATCHING).order_by("pk")[0].pk,
        "ambassador_case": case[0].report_id,
    }


def _query_counts(objects: dict[str, int]) -> dict[str, int]:
    counts = {}
    clients: dict[RoleSlug, Client] = {}
    for role, template in PAGES:
        if role not in clients:  # one login per persona: a TOTP code is accepted once
            clients[role] = persona_client(role)
        client = clients[role]
        path = template.format(**objects)
        assert client.get(path).status_code == 200, path
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        counts[f"{role.value} {template}"] = len(queries)
    return counts


def test_every_key_page_makes_as_many_queries_with_three_times_the_data() -> None:
    with scale_world(SMALL):
        objects = _objects()
        small = _query_counts(objects)
        scale_world_grow(SMALL * 2)
        cache.clear()  # the personas log in again: their codes of a minute ago count as used
        large = _query_counts(objects)
    grew = {page: (small[page], large[page]) for page in small if small[page] != large[page]}
    assert grew == {}, f"queries per page grew with the data (small, 3x): {grew}"
