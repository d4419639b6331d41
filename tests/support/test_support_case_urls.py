"""An ambassador cannot open, or learn the existence of, a case not assigned to them, through any case URL.

The URL patterns are discovered from the resolver: every pattern of the case apps whose route takes an id
(``pk``, ``report_pk``, ``report_id``, ``case_id``). For each, an ambassador with a case of their own gets the
same answer for someone else's case as for an id that does not exist, and never a page.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from klankbord.matching.models import Assignment
from tests.factories.support import consented_report

pytestmark = pytest.mark.django_db

CASE_APPS = {"reports", "messaging", "matching", "support", "consent"}
ID_KWARGS = {"pk", "report_pk", "report_id", "case_id"}
MISSING_ID = 987654


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[tuple[str, str, Any]]:
    found = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            found += _walk(entry.url_patterns, prefix + str(entry.pattern), entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            found.append((namespace, prefix + str(entry.pattern), entry.callback))
    return found


def case_routes() -> list[tuple[str, str, Any]]:
    routes = []
    for namespace, route, callback in _walk(get_resolver().url_patterns):
        if namespace in CASE_APPS and ID_KWARGS & set(_kwargs(route)):
            routes.append((f"{namespace}:{route}", route, callback))
    return routes


def _refused_by_role(callback: Any, user: Any) -> bool:
    """A staff (non-case) gate refuses this user by role before any object is looked up: the same 403 for any
    id, which tells nothing about a case. Case gates answer such a user with a 404 instead."""
    needed = getattr(callback, "klankbord_gate_permissions", ())
    is_staff_gate = getattr(callback, "klankbord_gate", "") == "staff"
    return is_staff_gate and bool(needed) and not user.has_perms(needed)


def _kwargs(route: str) -> list[str]:
    import re

    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def _url(route: str, value: int) -> str:
    import re

    return "/" + re.sub(r"<(?:\w+:)?\w+>", str(value), route)


def test_the_walk_finds_the_case_urls_of_every_case_app() -> None:
    names = {name.split(":")[0] for name, _route, _callback in case_routes()}
    assert {"reports", "messaging", "matching", "support", "consent"} <= names
    assert len(case_routes()) >= 20


def _call(client: Any, url: str) -> Any:
    response = client.get(url)
    return client.post(url) if response.status_code == 405 else response


def test_an_ambassador_gets_a_404_for_every_case_url_of_a_case_not_theirs(
    accepted: Assignment, ambassador: Any, client_for: Any
) -> None:
    other = consented_report()  # consented, matched to nobody: exists, but not theirs
    client = client_for(ambassador)
    assert client.get(f"/begeleiding/zaak/{accepted.report_id}/").status_code == 200  # their own case opens
    wrong = []
    for name, route, callback in case_routes():
        foreign, missing = _call(client, _url(route, other.pk)), _call(client, _url(route, MISSING_ID))
        expected = 403 if _refused_by_role(callback, ambassador) else 404
        if (foreign.status_code, missing.status_code) != (expected, expected):
            wrong.append(
                f"{name}: {foreign.status_code} (missing id: {missing.status_code}, expected {expected})"
            )
    assert not wrong, "\n".join(wrong)


def test_the_pages_an_ambassador_may_use_answer_404_not_403_for_a_foreign_case(
    accepted: Assignment, ambassador: Any
) -> None:
    """Guards the allowance above: the support and case pages an ambassador uses are never refused by role."""
    open_to_ambassador = [name for name, _route, cb in case_routes() if not _refused_by_role(cb, ambassador)]
    for name in ["support:begeleiding/zaak/<int:report_pk>/", "reports:meldingen/<int:pk>/"]:
        assert name in open_to_ambassador
