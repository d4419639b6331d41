"""Reports as a test's starting state: already past intake, optionally with the member's consent to matching."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from klankbord.reports.constants import ReportStatus, SourceChannel
from klankbord.reports.models import Report
from tests.factories.consent import grant
from tests.factories.geo import municipality


def _consent_to_matching(report: Report, create: bool, extracted: bool | None, **kwargs: Any) -> None:
    """Consent to be connected with an ambassador unless ``consent=False``."""
    if create and extracted is not False:
        grant(report)


class ReportFactory(factory.django.DjangoModelFactory[Report]):
    class Meta:
        model = Report
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"T-{n + 1:06d}")
    source_channel = SourceChannel.ONLINE
    first_response_due = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=2))
    municipality = factory.LazyFunction(lambda: municipality("Utrecht"))
    status = ReportStatus.MATCHING
    consent = factory.PostGeneration(_consent_to_matching)


def make_report(
    home: str = "Utrecht", *, consent: bool = True, status: str = ReportStatus.MATCHING, **fields: Any
) -> Report:
    """A report in ``home`` (none for ``""``), in matching and with consent unless told otherwise."""
    return ReportFactory.create(
        municipality=municipality(home) if home else None, consent=consent, status=status, **fields
    )
