"""From cases: a closed case whose member consented to purpose (c) contributes one record without text."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from klankbord.audit.models import AuditEntry
from klankbord.consent.models import ConsentRecord
from klankbord.geo.models import Municipality
from klankbord.reports.models import Report
from klankbord.signals.models import CaseContribution, Signal
from klankbord.signals.services import signal_record_from_case, signals_sweep_closed_cases


@pytest.fixture
def make_report(db):
    counter = {"n": 0}

    def make(*, status: str = "closed", consent: str | None = "granted", **fields) -> Report:
        counter["n"] += 1
        defaults = {
            "reference": f"KB-T{counter['n']:04d}",
            "source_channel": "online",
            "first_response_due": timezone.localdate(),
            "status": status,
            "municipality": Municipality.objects.get(name="Amersfoort"),
            "categories": ["verbal_aggression", "threat"],
            "incident_channels": ["online", "at_home"],
            "perpetrator_type": "resident",
            "occurred_on": date(2026, 3, 17),
            "police_report": "made",
            "narrative": "Jan Bakker uit Amersfoort stuurde dreigberichten.",
        }
        defaults.update(fields)
        report = Report.objects.create(**defaults)
        if consent:
            ConsentRecord.objects.create(
                report=report, purpose="anonymous_signals", decision=consent, method="online"
            )
        return report

    return make


def test_a_closed_case_with_consent_contributes_a_record_without_text(make_report) -> None:
    signal = signal_record_from_case(report=make_report())
    assert signal is not None
    assert signal.source == "case" and signal.text == "" and signal.feedback_text == ""
    assert signal.region.name == "Utrecht" and signal.month == date(2026, 3, 1)
    assert signal.category == "threat"  # the most serious of the case's categories
    assert signal.channel == "online" and signal.severity == "high" and signal.police_involved


def test_without_consent_nothing_is_recorded(make_report) -> None:
    assert signal_record_from_case(report=make_report(consent=None)) is None
    assert not Signal.objects.exists()


def test_a_withdrawn_consent_counts_as_no_consent(make_report) -> None:
    report = make_report()
    ConsentRecord.objects.create(
        report=report, purpose="anonymous_signals", decision="withdrawn", method="online"
    )
    assert signal_record_from_case(report=report) is None


def test_an_open_case_contributes_nothing_yet(make_report) -> None:
    assert signal_record_from_case(report=make_report(status="in_support")) is None


def test_a_case_contributes_only_once(make_report) -> None:
    report = make_report()
    assert signal_record_from_case(report=report) is not None
    assert signal_record_from_case(report=report) is None
    assert Signal.objects.count() == 1 and CaseContribution.objects.count() == 1


def test_the_record_cannot_be_traced_back_to_the_case(make_report) -> None:
    report = make_report()
    signal = signal_record_from_case(report=report)
    entry = AuditEntry.objects.get(action="signals.case.contributed")
    assert str(signal.pk) not in str(entry.data)
    assert not hasattr(CaseContribution, "signal")


def test_the_sweep_is_idempotent_and_skips_cases_without_consent(make_report) -> None:
    make_report()
    make_report()
    make_report(consent=None)
    make_report(status="intake")
    assert signals_sweep_closed_cases() == 2
    assert signals_sweep_closed_cases() == 0
    call_command("signals", "sweep-cases")
    assert Signal.objects.filter(source="case").count() == 2
