"""Writes for signals: file a signal (text already de-identified and confirmed), record one from a closed case.

Raw free text never reaches this module: ``signal_file`` refuses any text that de-identification would still
change. Audit rows carry no text, and the record made from a case is audited against the case, not the
signal, so the statistical record cannot be traced back to the case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from klankbord.accounts.types import Actor
from klankbord.audit.services import audit_log
from klankbord.consent.constants import Purpose
from klankbord.consent.selectors import consent_allows, consent_states
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_send
from klankbord.deidentify import is_deidentified
from klankbord.geo.models import Region
from klankbord.reports.constants import Category, PoliceReport, ReportStatus
from klankbord.reports.models import Report

from .constants import CATEGORY_SEVERITY_ORDER, Severity, SignalSource
from .models import CaseContribution, EarlyWarning, Signal
from .selectors import last_complete_month


@dataclass
class SignalInput:
    region: Region
    month: date
    category: str
    channel: str
    perpetrator_type: str
    severity: str
    police_involved: bool = False
    themes: list[str] = field(default_factory=list)
    helped: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    feedback_text: str = ""
    text: str = ""


def first_of_month(day: date) -> date:
    return day.replace(day=1)


@sensitive_variables("data")
def signal_file(*, actor: Actor, data: SignalInput) -> Signal:
    """Store a signal filed by an ambassador or counsellor. Both texts must already be de-identified."""
    if not data.region.scheme.is_active:
        raise DomainError(_("Kies een regio van de huidige regio-indeling."), code="wrong_scheme")
    if data.month > first_of_month(timezone.localdate()):
        raise DomainError(_("De maand mag niet in de toekomst liggen."), code="future")
    if not (is_deidentified(data.text) and is_deidentified(data.feedback_text)):
        raise DomainError(
            _("De tekst bevat nog herleidbare gegevens. Bekijk het voorbeeld en bevestig opnieuw."),
            code="identifying",
        )
    with transaction.atomic():
        signal = Signal.objects.create(
            source=SignalSource.FILED,
            month=first_of_month(data.month),
            region=data.region,
            category=data.category,
            channel=data.channel,
            perpetrator_type=data.perpetrator_type,
            themes=sorted(set(data.themes)),
            severity=data.severity,
            police_involved=data.police_involved,
            helped=sorted(set(data.helped)),
            missing=sorted(set(data.missing)),
            feedback_text=data.feedback_text.strip(),
            text=data.text.strip(),
        )
        audit_log(actor=actor, action="signals.signal.filed", target=signal, data={"source": signal.source})
    return signal


def _most_serious(categories: list[str]) -> str:
    for category in CATEGORY_SEVERITY_ORDER:
        if category in categories:
            return category
    return Category.OTHER


def _severity(report: Report, category: str) -> str:
    if report.acute_danger or category in (Category.UNDERMINING, Category.PHYSICAL_VIOLENCE, Category.THREAT):
        return Severity.HIGH
    if category in (Category.PROPERTY_DAMAGE, Category.ONLINE_HATE, Category.INTEGRITY):
        return Severity.MEDIUM
    return Severity.LOW


def _region_of(report: Report) -> Region | None:
    if report.municipality_id is None:
        return None
    return Region.objects.filter(
        scheme__is_active=True, memberships__municipality_id=report.municipality_id
    ).first()


def _case_record(report: Report, region: Region) -> Signal:
    category = _most_serious(list(report.categories or []))
    happened = report.occurred_on or timezone.localdate(report.received_at)
    return Signal.objects.create(
        source=SignalSource.CASE,
        month=first_of_month(happened),
        region=region,
        category=category,
        channel=(report.incident_channels or [""])[0],
        perpetrator_type=report.perpetrator_type or "unknown",
        severity=_severity(report, category),
        police_involved=report.police_report == PoliceReport.MADE,
    )


def signal_record_from_case(*, report: Report) -> Signal | None:
    """The anonymised statistical record of a closed case whose member consented to purpose (c).

    Idempotent: a case contributes at most once (``CaseContribution``). Returns None when the case is not
    closed, the consent does not hold, the case has no municipality to place it in a region, or it already
    contributed. No free text is copied: only choice values, the region and the month.
    """
    fresh = Report.objects.filter(pk=report.pk, status=ReportStatus.CLOSED).first()  # not a stale copy
    if fresh is None:
        return None
    report = fresh
    if not consent_allows(report=report, purpose=Purpose.ANONYMOUS_SIGNALS):
        return None
    region = _region_of(report)
    if region is None:
        return None
    try:
        with transaction.atomic():
            CaseContribution.objects.create(report=report)
            signal = _case_record(report, region)
            audit_log(actor=None, action="signals.case.contributed", target=report, data={})
    except IntegrityError:  # contributed already (a sweep and the workflow hook raced)
        return None
    return signal


def signals_sweep_closed_cases() -> int:
    """Record every closed case with consent that has not contributed yet; returns how many were added."""
    contributed = CaseContribution.objects.values("report_id")
    candidates = list(
        Report.objects.filter(status=ReportStatus.CLOSED).exclude(pk__in=contributed).order_by("pk")
    )
    states = consent_states(report_ids=[report.pk for report in candidates])
    added = 0
    for report in candidates:
        if states[report.pk].allows(Purpose.ANONYMOUS_SIGNALS) and signal_record_from_case(report=report):
            added += 1
    return added


def coordinator_addresses() -> list[str]:
    """E-mail addresses of the active users who may see the aggregates (the coordinators)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    permission = Permission.objects.filter(
        content_type__app_label="signals", codename="view_aggregates"
    ).first()
    if permission is None:
        return []
    users = get_user_model().objects.filter(
        Q(groups__permissions=permission) | Q(user_permissions=permission) | Q(is_superuser=True),
        is_active=True,
    )
    return sorted(set(users.values_list("email", flat=True)))


def warnings_check(*, month: date | None = None) -> list[EarlyWarning]:
    """Run the early-warning test; store new warnings and mail the coordinators once (without any content)."""
    from .early_warning import evaluate

    created = []
    with transaction.atomic():
        for finding in evaluate(month=month):
            test = finding.test
            warning, new = EarlyWarning.objects.get_or_create(
                month=month or last_complete_month(),
                dimension=test.dimension,
                key=test.key,
                defaults={
                    "label": test.label[:120],
                    "observed": test.observed,
                    "baseline_total": test.baseline_total,
                    "baseline_months": test.baseline_months,
                    "p_value": test.p_value,
                    "threshold": finding.threshold,
                },
            )
            if new:
                created.append(warning)
                audit_log(
                    actor=None,
                    action="signals.warning.raised",
                    target=warning,
                    data={"dimension": test.dimension},
                )
        if created:
            EarlyWarning.objects.filter(pk__in=[w.pk for w in created]).update(notified=True)
            recipients = coordinator_addresses()
            if recipients:
                mail_send(
                    to=recipients, template="signal_warning", context={"path": "/signalen/waarschuwingen/"}
                )
    return created


def signal_record_after_close(*, report: Report, actor: Actor) -> None:
    """Workflow hook: once the closing transaction commits, a consenting case adds its statistical record."""
    if report.status == ReportStatus.CLOSED:
        report_pk = report.pk
        transaction.on_commit(lambda: signal_record_from_case(report=Report(pk=report_pk)))
