"""Every page that shows a confidential object writes exactly one read audit entry, and none for an outsider.

The URL resolver is walked: every route of ours with a parameter that answers GET must either have a scenario
here (who may see it, who may not) or be in ``NOT_CASE_PAGES`` with the reason it shows no confidential object.
A new case page therefore fails this test until it audits its reads (through its access selector) and is
listed; a page that stops auditing fails it too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import models
from django.http import Http404
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from klankbord.audit.models import AuditEntry

if TYPE_CHECKING:
    from tests.factories.audit import CaseWorld

pytestmark = pytest.mark.django_db

MISSING_PK = 987_654_321


@dataclass(frozen=True)
class Scenario:
    """How to open one case page: its object and URL kwargs, a user who may see it and an outsider."""

    target: Callable[[CaseWorld], models.Model]
    kwargs: Callable[[CaseWorld], dict[str, int]]
    allowed: Callable[[CaseWorld], Any]
    outsider: Callable[[CaseWorld], Any]


def _report_kwargs(key: str) -> Callable[[CaseWorld], dict[str, int]]:
    return lambda world: {key: world.supported.pk}


SCENARIOS: dict[str, Scenario] = {
    "reports:case": Scenario(
        target=lambda w: w.supported,
        kwargs=_report_kwargs("pk"),
        allowed=lambda w: w.counsellor,
        outsider=lambda w: w.other_ambassador,
    ),
    "reports:correct": Scenario(
        target=lambda w: w.supported,
        kwargs=_report_kwargs("pk"),
        allowed=lambda w: w.counsellor,
        outsider=lambda w: w.other_ambassador,
    ),
    "reports:portal_detail": Scenario(
        target=lambda w: w.supported,
        kwargs=_report_kwargs("pk"),
        allowed=lambda w: w.reporter,
        outsider=lambda w: w.other_member,
    ),
    "reports:portal_export_json": Scenario(
        target=lambda w: w.supported,
        kwargs=_report_kwargs("pk"),
        allowed=lambda w: w.reporter,
        outsider=lambda w: w.other_member,
    ),
    "reports:portal_export_pdf": Scenario(
        target=lambda w: w.supported,
        kwargs=_report_kwargs("pk"),
        allowed=lambda w: w.reporter,
        outsider=lambda w: w.other_member,
    ),
    "messaging:download": Scenario(
        target=lambda w: w.attachment,
        kwargs=lambda w: {"pk": w.attachment.pk},
        allowed=lambda w: w.counsellor,
        outsider=lambda w: w.other_member,
    ),
    "matching:match": Scenario(
        target=lambda w: w.supported,
        kwargs=_report_kwargs("pk"),
        allowed=lambda w: w.counsellor,
        outsider=lambda w: w.other_ambassador,
    ),
    "support:request": Scenario(
        target=lambda w: w.waiting,
        kwargs=lambda w: {"report_pk": w.waiting.pk},
        allowed=lambda w: w.requested_ambassador,
        outsider=lambda w: w.other_ambassador,
    ),
    "support:case": Scenario(
        target=lambda w: w.supported,
        kwargs=_report_kwargs("report_pk"),
        allowed=lambda w: w.ambassador,
        outsider=lambda w: w.other_ambassador,
    ),
    "support:checkin": Scenario(
        target=lambda w: w.kept_checkin.report,
        kwargs=lambda w: {"report_pk": w.kept_checkin.report_id, "pk": w.kept_checkin.pk},
        allowed=lambda w: w.ambassador,
        outsider=lambda w: w.other_ambassador,
    ),
    "recruitment:application": Scenario(
        target=lambda w: w.application,
        kwargs=lambda w: {"pk": w.application.pk},
        allowed=lambda w: w.coordinator,
        outsider=lambda w: w.conflicted_scorer,
    ),
    "recruitment:cv": Scenario(
        target=lambda w: w.application,
        kwargs=lambda w: {"pk": w.application.pk},
        allowed=lambda w: w.coordinator,
        outsider=lambda w: w.conflicted_scorer,
    ),
}

# Routes with a parameter that answer GET but show no confidential object of their own, each with the reason.
_APPLICATION_FORM = "a form about an application with only the applicant's name; its detail page is the read"
_REGIONS = "region scheme reference data (a confirmation page of the administrator)"
NOT_CASE_PAGES: dict[str, str] = {
    "core:role_home": "a role's start page: figures and references of one's own work (the inbox panel audits its "
    "listing like the inbox), never a case's content; the slug names a role, not an object",
    "accounts:user": "the administrator's page of a staff account: name, roles, status; no case data",
    "accounts:invitation": "the invited person's own page to set a password: no case data",
    "signals:export_json": "disclosure-controlled aggregates, like the CSV export: no personal data",
    "ambassadors:detail": "the coordinator's page of a volunteer's own profile: staff data, not case data",
    "ambassadors:edit": "the coordinator's form for a volunteer's profile: staff data, not case data",
    "support:resource_edit": "the directory of help (public organisations), not personal data",
    "support:evaluation": "the member's own evaluation form: the report's link only; the portal page is the read",
    "vacancies:detail": "a public vacancy",
    "vacancies:apply": "the public application form of a vacancy",
    "vacancies:thanks": "the public thank-you page of a vacancy",
    "recruitment:region": "coverage figures of a region: no personal data",
    "recruitment:score": _APPLICATION_FORM,
    "recruitment:conflict": _APPLICATION_FORM,
    "recruitment:interview_new": _APPLICATION_FORM,
    "recruitment:decide": _APPLICATION_FORM,
    "recruitment:onboarding": _APPLICATION_FORM,
    "recruitment:interview_outcome": _APPLICATION_FORM,
    "recruitment:interview_ics": "a calendar file of an interview: time, place and the applicant's name",
    "network:invitation": "an ambassador's own invitation to a gathering",
    "network:invitation_ics": "a calendar file of a gathering",
    "network:gathering": "a gathering and who was invited: network data, no case data",
    "network:pack": "the reading pack of a gathering: de-identified experiences only",
    "network:invitation_pack": "the same reading pack, for an invited ambassador: de-identified experiences only",
    "network:gathering_edit": "the form to change a gathering: network data, no case data",
    "signals:export_csv": "disclosure-controlled aggregates, never a single signal",
    "geo:scheme": "region scheme reference data",
    "geo:scheme_activate": _REGIONS,
    "geo:scheme_delete": _REGIONS,
    "geo:region_rename": _REGIONS,
    "geo:region_delete": _REGIONS,
}


# --- discovery ----------------------------------------------------------------------------------------------


def _walk(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace or "") if part)
            yield from _walk(entry, inner)
        else:
            yield namespace, entry


def _answers_get(entry: URLPattern, user: Any) -> bool:
    """Call the view directly as a superuser (past every gate) on a missing object: only 405 means POST-only."""
    request = RequestFactory().get("/")
    request.user, request.session = user, SessionStore()
    converters = getattr(entry.pattern, "converters", {})
    kwargs = {name: str(MISSING_PK) for name in converters} | entry.default_args
    try:
        return entry.callback(request, **kwargs).status_code != 405
    except Http404:
        return True


def parametrised_get_routes(user: Any) -> set[str]:
    """``namespace:name`` of every route of ours with a URL parameter whose view answers GET."""
    found = set()
    for namespace, entry in _walk(get_resolver()):
        ours = entry.callback.__module__.startswith("klankbord.")
        if ours and getattr(entry.pattern, "converters", None) and _answers_get(entry, user):
            found.add(f"{namespace}:{entry.name}")
    return found


def test_every_parametrised_page_is_either_a_checked_case_page_or_a_justified_exclusion(
    make_user: Any,
) -> None:
    superuser = make_user(None, mfa=True, is_superuser=True, is_staff=True)
    discovered = parametrised_get_routes(superuser)
    assert set(SCENARIOS) <= discovered, "a scenario names a page that no longer exists or refuses GET"
    assert set(NOT_CASE_PAGES) <= discovered, "an exclusion names a page that no longer exists or refuses GET"
    unchecked = discovered - set(SCENARIOS) - set(NOT_CASE_PAGES)
    assert not unchecked, (
        f"add a scenario (and read auditing) or a justified exclusion for: {sorted(unchecked)}"
    )


# --- the reads ----------------------------------------------------------------------------------------------


def _reads(user: Any, target: models.Model) -> list[str]:
    """The read entries (viewed, exported) by ``user`` of ``target``."""
    entries = AuditEntry.objects.filter(
        actor_id=user.pk, object_type=target._meta.label_lower, object_id=str(target.pk)
    )
    return [action for action in entries.values_list("action", flat=True) if _is_read(action)]


def _is_read(action: str) -> bool:
    return action.endswith("viewed") or action.endswith(".exported")


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_a_case_page_audits_one_read_for_an_allowed_user_and_answers_an_outsider_with_404_and_no_read(
    name: str, case_world: CaseWorld, client_for: Any
) -> None:
    scenario = SCENARIOS[name]
    user, outsider, target = (
        scenario.allowed(case_world),
        scenario.outsider(case_world),
        scenario.target(case_world),
    )
    kwargs = scenario.kwargs(case_world)
    before = _reads(user, target)
    assert client_for(user).get(reverse(name, kwargs=kwargs)).status_code == 200
    assert len(_reads(user, target)) == len(before) + 1
    assert client_for(outsider).get(reverse(name, kwargs=kwargs)).status_code == 404
    assert _reads(outsider, target) == []
