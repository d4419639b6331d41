"""Demo data for recruitment: open vacancies in thin regions and eight fictitious applicants in every stage.

Idempotent: vacancies are only opened where none is open, and applicants are recognised by their e-mail address.
"""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.utils import timezone
from pypdf import PdfWriter

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.demo import demo_user
from klankbord.core.demo import DEMO_DOMAIN, DemoContext
from klankbord.geo.models import Municipality, Region

from . import selectors, services
from .models import Application, Interview, Vacancy
from .uploads import CheckedCV

VACANCIES = 3
# (name, stage, background kind, consent to keep)
APPLICANTS: list[tuple[str, str, str, bool]] = [
    ("Fatima el Idrissi", "received", "former_council_member", True),
    ("Joost Verbeek", "received", "council_member", False),
    ("Marleen Hoekstra", "scored", "clerk", False),
    ("Rob Timmermans", "interview", "former_council_member", True),
    ("Gerda Smit", "held", "alderman", False),
    ("Kees van Leeuwen", "accepted", "former_council_member", False),
    ("Aylin Kaya", "reserve", "council_member", True),
    ("Wim de Graaf", "rejected", "other", False),
]
SCORES = [
    {"neutral": 4, "integrity": 5, "experience": 4, "resilience": 3, "empathy": 5},
    {"neutral": 3, "integrity": 4, "experience": 5, "resilience": 4, "empathy": 4},
]


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _open_vacancies(coordinator: Any) -> list[Vacancy]:
    rows = sorted(selectors.coverage_overview(), key=lambda row: (-row.shortfall, row.region_name))
    open_now = list(Vacancy.objects.filter(status="open").select_related("region"))
    for row in rows:
        if len(open_now) >= VACANCIES:
            break
        if row.open_vacancy_pk is None and row.has_gap:
            region = Region.objects.get(pk=row.region_pk)
            open_now.append(
                services.vacancy_open(actor=coordinator, region=region, positions=row.suggested_positions)
            )
    return open_now


def _apply(vacancy: Vacancy, name: str, kind: str, consent: bool, email: str) -> Application:
    municipality = Municipality.objects.filter(memberships__region=vacancy.region).order_by("name").first()
    data = services.ApplicantData(
        name=name,
        email=email,
        phone="06 00000000",
        home_municipality=municipality,  # type: ignore[arg-type]
        background_kind=kind,
        background="Fictief demoprofiel: jaren actief in de gemeenteraad en commissies.",
        motivation="Fictieve motivatie: ik wil raadsleden bijstaan die onder druk komen te staan.",
        consent_keep=consent,
        years_council_member=8,
    )
    return services.application_submit(vacancy=vacancy, data=data, cv=CheckedCV("cv.pdf", "pdf", _pdf()))


def _interview(coordinator: Any, application: Application, *, held: bool, panel: list[Any]) -> None:
    start = (timezone.now() + timedelta(days=10)).replace(minute=0, second=0, microsecond=0)
    plan = services.InterviewPlan(
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        mode="in_person",
        location="Bureau van de vereniging",
        panel=tuple(panel),
    )
    interview = services.interview_schedule(actor=coordinator, application=application, plan=plan)
    if held:  # demo only: move the planned moment into the past before recording the outcome
        past = start - timedelta(days=20)
        Interview.objects.filter(pk=interview.pk).update(starts_at=past, ends_at=past + timedelta(hours=1))
        interview.refresh_from_db()
        services.interview_record_outcome(
            actor=coordinator,
            interview=interview,
            notes="Fictief verslag: rustig, luisterend, goede voorbeelden.",
        )


def _advance(application: Application, stage: str, coordinator: Any, members: list[Any]) -> None:
    if stage == "received":
        return
    for member, values in zip(members, SCORES, strict=False):
        services.score_submit(actor=member, application=application, values=values, recommendation="yes")
    if stage == "scored":
        return
    scored = members[: len(SCORES)]
    _interview(coordinator, application, held=stage != "interview", panel=scored)
    if stage in {"accepted", "reserve", "rejected"}:
        services.application_decision_propose(actor=coordinator, application=application, decision=stage)
        services.application_decision_confirm(actor=coordinator, application=application)
    if stage == "accepted":  # halfway through onboarding: the VOG is in, the rest still to do
        checklist = services.Checklist(
            vog_issued_on=timezone.localdate() - timedelta(days=20),
            pledge_signed_on=None,
            training_followed=False,
            regions=[application.vacancy.region],
            capacity=2,
        )
        services.onboarding_update(actor=coordinator, onboarding=application.onboarding, checklist=checklist)


def seed(context: DemoContext) -> None:
    coordinator = context.users.get(RoleSlug.COORDINATOR.value)
    committee = context.users.get(RoleSlug.SELECTION_COMMITTEE.value)
    if coordinator is None or committee is None:
        context.write("    werving: overgeslagen (geen demo-accounts)")
        return
    second = demo_user(
        context,
        email=f"selectiecommissie2@{DEMO_DOMAIN}",
        name="Karin Ouwerkerk",
        role=RoleSlug.SELECTION_COMMITTEE,
        mfa=True,
    )
    vacancies = _open_vacancies(coordinator)
    if not vacancies:
        context.write("    werving: geen regio met een tekort")
        return
    known = {application.email for application in Application.objects.all()}
    created = 0
    for number, (name, stage, kind, consent) in enumerate(APPLICANTS):
        email = f"kandidaat{number + 1}@{DEMO_DOMAIN}"
        if email in known:
            continue
        application = _apply(vacancies[number % len(vacancies)], name, kind, consent, email)
        _advance(application, stage, coordinator, [committee, second])
        created += 1
    context.write(f"    werving: {len(vacancies)} open vacatures, {created} nieuwe fictieve sollicitaties")
