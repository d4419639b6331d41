"""Consent ledger rows as a test's starting state (the code under test records consent via its services)."""

from __future__ import annotations

import factory

from klankbord.consent.constants import Decision, Method, Purpose
from klankbord.consent.models import ConsentRecord


class ConsentRecordFactory(factory.django.DjangoModelFactory[ConsentRecord]):
    class Meta:
        model = ConsentRecord

    report = factory.SubFactory("tests.factories.reports.ReportFactory", consent=False)
    purpose = Purpose.CONNECT_AMBASSADOR
    decision = Decision.GRANTED
    method = Method.ONLINE


def grant(
    report: object, purpose: str = Purpose.CONNECT_AMBASSADOR, decision: str = Decision.GRANTED
) -> None:
    ConsentRecordFactory.create(report=report, purpose=purpose, decision=decision)
