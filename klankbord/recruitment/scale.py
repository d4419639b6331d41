"""Scale data of the recruitment app: vacancies in a third of the regions, applications and blind scores.

Each vacancy year brings applicants; every application has the selection committee's scores (the overview's
input), all texts and contact details encrypted per row.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from klankbord.core.scale import ScaleContext

from .constants import ApplicationStatus, BackgroundKind, Recommendation, VacancyStatus
from .models import Application, Score, Vacancy

MOTIVATIONS = [
    "Ik heb zelf ervaren hoe eenzaam je kunt zijn na bedreigingen en wil collega's daarin bijstaan.",
    "Als oud-raadslid ken ik de lokale verhoudingen en kan ik luisteren zonder te oordelen.",
]


def _vacancies(context: ScaleContext) -> list[Vacancy]:
    regions = context.shared["geo.regions"][::3]
    return [Vacancy(region_id=pk, status=VacancyStatus.OPEN, opened_at=context.moment(0.5)) for pk in regions]


def _applications(context: ScaleContext, vacancies: list[Vacancy]) -> Iterator[Application]:
    rng, municipalities = context.rng, context.shared["geo.municipalities"]
    for index in range(context.count("applications")):
        yield Application(
            vacancy_id=vacancies[index % len(vacancies)].pk,
            status=rng.choice([ApplicationStatus.RECEIVED] * 3 + [ApplicationStatus.INTERVIEW]),
            name=f"Kandidaat {index}",
            email=f"kandidaat{index}@demo.klankbord.example",
            phone=f"06{rng.randint(10_000_000, 99_999_999)}",
            home_municipality_id=rng.choice(municipalities),
            background_kind=rng.choice(list(BackgroundKind.values)),
            background="Twaalf jaar raadslid, waarvan vier als fractievoorzitter.",
            years_council_member=rng.randint(0, 16),
            motivation=rng.choice(MOTIVATIONS),
            submitted_at=context.moment(rng.random()),
        )


def _scores(context: ScaleContext, applications: list[Application]) -> Iterator[Score]:
    rng = context.rng
    for application in applications:
        for member_id in context.shared["accounts.selection_committee"][:3]:
            yield Score(
                application_id=application.pk,
                member_id=member_id,
                **{
                    c: rng.randint(2, 5)
                    for c in ("neutral", "integrity", "experience", "resilience", "empathy")
                },
                recommendation=rng.choice(list(Recommendation.values)),
                remarks="Sterke motivatie; ervaring met moeilijke debatten.",
                submitted_at=application.submitted_at + timedelta(days=5),
            )


def generate(context: ScaleContext) -> None:
    vacancies = list(Vacancy.objects.filter(status=VacancyStatus.OPEN)) or Vacancy.objects.bulk_create(
        _vacancies(context)
    )
    applications: list[Application] = []
    total = context.count("applications")
    for batch in context.batches("applications", _applications(context, vacancies), total):
        applications.extend(Application.objects.bulk_create(batch))
    for scores in context.batches("scores", _scores(context, applications), total * 3):
        Score.objects.bulk_create(scores)
