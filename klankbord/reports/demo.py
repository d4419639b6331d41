"""Demo reports: about a year of fictitious reports in real municipalities, in realistic proportions.

Volumes follow docs (domain notes): 30-200 reports a year reach the association; we make 96. Proportions follow
the Monitor Integriteit en Veiligheid: verbal aggression most, then threats and intimidation, mostly online,
physical violence rare; about one in seven with signs of criminal pressure. The newest reports wait in the
counsellors' inbox (some urgent, some past the two-working-day target); older ones are closed or withdrawn.
Matching and support of some reports happen in ``klankbord.support.demo`` once the ambassadors exist.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from klankbord.consent.constants import Method, ShareableField
from klankbord.core.demo import DemoContext
from klankbord.geo.models import Municipality
from klankbord.reports.constants import (
    Category,
    ContactChannel,
    Impact,
    IncidentChannel,
    MemberRole,
    PerpetratorType,
    PoliceReport,
    ReportStatus,
    SourceChannel,
)
from klankbord.reports.models import Report
from klankbord.reports.services import ConsentInput, ReportInput, report_register, report_submit_online
from klankbord.reports.workdays import first_response_due
from klankbord.reports.workflow import COUNSELLOR, report_transition

DEMO_REPORTS = 96

CATEGORY_WEIGHTS = {
    Category.VERBAL_AGGRESSION: 40,
    Category.THREAT: 24,
    Category.ONLINE_HATE: 12,
    Category.UNDERMINING: 8,
    Category.INTEGRITY: 6,
    Category.PROPERTY_DAMAGE: 5,
    Category.PHYSICAL_VIOLENCE: 3,
}
CHANNEL_WEIGHTS = {
    IncidentChannel.ONLINE: 60,
    IncidentChannel.IN_PUBLIC: 15,
    IncidentChannel.LETTER_MAIL_PHONE: 12,
    IncidentChannel.AT_HOME: 8,
    IncidentChannel.FAMILY: 5,
}
PERPETRATOR_WEIGHTS = {
    PerpetratorType.RESIDENT: 45,
    PerpetratorType.UNKNOWN: 30,
    PerpetratorType.FELLOW_COUNCIL_MEMBER: 9,
    PerpetratorType.EXECUTIVE: 5,
    PerpetratorType.CIVIL_SERVANT: 3,
    PerpetratorType.ORGANISED_CRIME: 8,
}
STORIES = [
    "Na de raadsvergadering over de opvang van asielzoekers kreeg ik tientallen berichten met scheldwoorden.",
    "Iemand sprak mij aan bij de supermarkt en zei dat hij wist waar mijn kinderen op school zitten.",
    "Op sociale media wordt mijn privéadres gedeeld onder een bericht over de windmolens.",
    "Een ondernemer bood mij iets aan als ik anders zou stemmen over zijn vergunning.",
    "Er zijn eieren tegen onze ramen gegooid na het debat over het woningbouwplan.",
    "Een collega-raadslid kleineert mij steeds in de fractievergadering en dreigt met uitlekken.",
    "Ik krijg anonieme brieven thuis sinds ik mij uitsprak over de sluiting van het zwembad.",
]


def _pick(context: DemoContext, weights: dict[Any, int]) -> Any:
    return context.rng.choices(list(weights), weights=list(weights.values()), k=1)[0]


def _input(context: DemoContext, municipality: Municipality, *, acute: bool) -> ReportInput:
    categories = {_pick(context, CATEGORY_WEIGHTS)}
    if context.rng.random() < 0.3:
        categories.add(_pick(context, CATEGORY_WEIGHTS))
    return ReportInput(
        narrative=context.rng.choice(STORIES),
        municipality=municipality,
        member_role=context.rng.choice(
            [MemberRole.COUNCIL_MEMBER] * 6 + [MemberRole.GROUP_CHAIR, MemberRole.OTHER]
        ),
        acute_danger=acute,
        categories=sorted(categories),
        incident_channels=[_pick(context, CHANNEL_WEIGHTS)],
        perpetrator_type=_pick(context, PERPETRATOR_WEIGHTS),
        ongoing=context.rng.random() < 0.4,
        police_report=context.rng.choice(list(PoliceReport.values)),
        impacts=context.rng.sample(list(Impact.values), k=context.rng.randint(1, 3)),
        preferred_contact_channel=context.rng.choice(list(ContactChannel.values)),
        contact_name="Demo-raadslid",
        contact_email=f"melder{context.rng.randint(100, 999)}@demo.klankbord.example",
    )


def _consents(context: DemoContext) -> ConsentInput:
    connect = context.rng.random() < 0.7
    return ConsentInput(
        connect_ambassador=connect,
        share_fields=[ShareableField.NARRATIVE, ShareableField.MUNICIPALITY] if connect else [],
        anonymous_signals=context.rng.random() < 0.8,
        aftercare_contact=context.rng.random() < 0.75,
    )


def _backdate(report: Report, days_ago: int) -> None:
    received = timezone.now() - timedelta(days=days_ago, hours=3)
    due = first_response_due(received)
    Report.objects.filter(pk=report.pk).update(received_at=received, first_response_due=due)


def _advance(report: Report, counsellor: Any, days_ago: int, context: DemoContext) -> None:
    """Older reports have been handled: most closed, a few withdrawn; recent ones wait in intake or matching."""
    if days_ago < 6:
        return
    report_transition(actor=counsellor, report=report, to_status=ReportStatus.INTAKE)
    if days_ago > 90:
        final = ReportStatus.WITHDRAWN if context.rng.random() < 0.1 else ReportStatus.CLOSED
        reason = "Demo: afgerond na begeleiding" if final == ReportStatus.CLOSED else "Demo: melder trok in"
        report_transition(
            actor=counsellor, report=report, to_status=final, reason=reason, actor_kind=COUNSELLOR
        )
    elif days_ago > 20:
        report_transition(actor=counsellor, report=report, to_status=ReportStatus.MATCHING)


def _one(context: DemoContext, index: int, municipalities: list[Municipality]) -> None:
    counsellor = context.users["counsellor"]
    days_ago = int(365 * (index / DEMO_REPORTS) ** 1.3)
    acute = context.rng.random() < 0.06
    data = _input(context, context.rng.choice(municipalities), acute=acute)
    if index % 4 == 0:
        submitted = report_register(
            counsellor=counsellor,
            data=data,
            source=SourceChannel.PHONE,
            consents=_consents(context),
            consent_method=Method.PHONE,
            issue_receipt=False,
        )
    else:
        reporter = context.users["council_member"] if index == 7 else None
        submitted = report_submit_online(reporter=reporter, data=data, consents=_consents(context))
    _backdate(submitted.report, days_ago)
    _advance(submitted.report, counsellor, days_ago, context)


def seed(context: DemoContext) -> None:
    if Report.objects.count() >= DEMO_REPORTS:
        context.write(f"    meldingen: al aanwezig ({Report.objects.count()})")
        return
    municipalities = list(Municipality.objects.order_by("code"))
    for index in range(Report.objects.count(), DEMO_REPORTS):
        _one(context, index, municipalities)
        context.progress("meldingen", index + 1, DEMO_REPORTS)
