"""Demo directory of help: national entries and a few regional ones. Idempotent (keyed on name and region).

Cases in support or aftercare come from the reports and matching demo data through the real services; this
seeder adds only the directory (fictitious regional entries, real national organisations' names).
"""

from __future__ import annotations

from typing import Any

from klankbord.geo.models import Region

from .constants import ReferralKind
from .models import ReferralResource

K = ReferralKind
NATIONAL = [
    ("Slachtofferhulp Nederland", K.VICTIM_SUPPORT, "Gratis hulp na een misdrijf of bedreiging."),
    (
        "Ondersteuningsteam Weerbaar Bestuur",
        K.OT_WEERBAAR_BESTUUR,
        "Steun voor bestuurders die bedreigd worden.",
    ),
    ("Juridisch advies voor raadsleden", K.LEGAL, "Eerste juridische vragen, via de vereniging."),
    (
        "Aangifte via burgemeester of griffier",
        K.POLICE_REPORT,
        "Hulp bij aangifte, ook op het adres van het werk.",
    ),
    ("Woningscan door de politie", K.HOME_SECURITY, "Advies over beveiliging van uw woning."),
    ("Bureau van de vereniging", K.ASSOCIATION, "Vertrouwenspersonen en de coördinator van het netwerk."),
]


def seed(context: Any) -> None:
    for name, kind, description in NATIONAL:
        ReferralResource.objects.get_or_create(
            name=name, region=None, defaults={"kind": kind, "description": description}
        )
    for region in Region.objects.order_by("pk")[:3]:
        ReferralResource.objects.get_or_create(
            name=f"Psychosociale hulp {region.name}",
            region=region,
            defaults={"kind": K.PSYCHOSOCIAL, "description": "Regionaal aanbod (voorbeeld)."},
        )
    cases = _match_demo_cases(context)
    context.write(f"    begeleiding: {cases} lopende koppelingen")


def _match_demo_cases(context: Any) -> int:
    """Connect some waiting reports to an ambassador (through the real matching and request flow), so the demo
    shows cases in support and in aftercare; the demo ambassador account gets one case and one open request."""
    from klankbord.ambassadors.selectors import ambassador_for_user
    from klankbord.consent.constants import Purpose
    from klankbord.consent.selectors import consent_allows
    from klankbord.matching.constants import AssignmentStatus
    from klankbord.matching.models import Assignment
    from klankbord.matching.selectors import match_report
    from klankbord.matching.services import assignment_accept, assignment_confirm
    from klankbord.reports.constants import ReportStatus
    from klankbord.reports.models import Report
    from klankbord.reports.workflow import AMBASSADOR

    from .services import support_transition

    if Assignment.objects.exists():
        return Assignment.objects.exclude(status=AssignmentStatus.ENDED).count()
    counsellor = context.users.get("counsellor")
    if counsellor is None:
        return 0
    demo_ambassador = ambassador_for_user(context.users.get("ambassador"))
    demo_cases, matched = 0, 0
    for report in Report.objects.filter(status=ReportStatus.MATCHING).order_by("received_at")[:20]:
        if not consent_allows(report=report, purpose=Purpose.CONNECT_AMBASSADOR):
            continue  # nothing is shared without consent: this member waits for a conversation first
        _context, result = match_report(report=report)
        if result is None or not result.suggestions:
            continue
        eligible = {suggestion.candidate.id for suggestion in result.suggestions}
        for_demo = demo_ambassador is not None and demo_cases < 2 and demo_ambassador.pk in eligible
        target = (
            demo_ambassador if for_demo and demo_ambassador else _profile(result.suggestions[0].candidate)
        )
        assignment = assignment_confirm(actor=counsellor, report_id=report.pk, ambassador=target)
        matched, demo_cases = matched + 1, demo_cases + int(for_demo)
        if for_demo and demo_cases == 2:
            continue  # stays a request, so the demo ambassador sees the request page
        accepted = assignment_accept(actor=assignment.ambassador.user, assignment_id=assignment.pk)
        if matched % 3 == 0:
            support_transition(
                actor=accepted.ambassador.user,
                report=accepted.report,
                to_status=ReportStatus.AFTERCARE,
                actor_kind=AMBASSADOR,
            )
    return Assignment.objects.exclude(status=AssignmentStatus.ENDED).count()


def _profile(candidate_or_profile: Any) -> Any:
    from klankbord.ambassadors.models import Ambassador

    if isinstance(candidate_or_profile, Ambassador):
        return candidate_or_profile
    return Ambassador.objects.get(pk=candidate_or_profile.id)
