"""Fixtures for recruitment: sample CV files (built here, nothing downloaded), vacancies and applications."""

from __future__ import annotations

from typing import Any

import pytest

from klankbord.geo.models import Municipality, Region
from klankbord.geo.selectors import active_scheme
from klankbord.recruitment import services
from klankbord.recruitment.models import Application, Vacancy
from klankbord.recruitment.uploads import CheckedCV
from tests.factories.files import pdf_bytes
from tests.factories.recruitment import MakeApplication


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def region(db: None) -> Region:
    """A region of the active scheme with a handful of municipalities."""
    return Region.objects.filter(scheme=active_scheme()).order_by("name").first()  # type: ignore[return-value]


@pytest.fixture
def municipality(region: Region) -> Municipality:
    return Municipality.objects.filter(memberships__region=region).order_by("name").first()  # type: ignore[return-value]


@pytest.fixture
def vacancy(region: Region) -> Vacancy:
    return Vacancy.objects.create(region=region, positions=2)


@pytest.fixture
def make_application(vacancy: Vacancy, municipality: Municipality) -> MakeApplication:
    counter = {"n": 0}

    def make(**overrides: Any) -> Application:
        counter["n"] += 1
        fields: dict[str, Any] = {
            "name": f"Kandidaat {counter['n']}",
            "email": f"kandidaat{counter['n']}@example.test",
            "phone": "06 12345678",
            "home_municipality": municipality,
            "background_kind": "council_member",
            "background": "Acht jaar raadslid.",
            "motivation": "Ik wil collega’s steunen.",
            "consent_keep": False,
            "years_council_member": 8,
        }
        target_vacancy = overrides.pop("vacancy", vacancy)
        fields.update(overrides)
        cv = CheckedCV(filename="cv.pdf", kind="pdf", content=pdf_bytes())
        return services.application_submit(
            vacancy=target_vacancy, data=services.ApplicantData(**fields), cv=cv
        )

    return make


@pytest.fixture
def application(make_application: MakeApplication) -> Application:
    return make_application()
