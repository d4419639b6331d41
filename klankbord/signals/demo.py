"""Demo signals: a realistic volume over the last 24 months, with a planted spike in one region last month.

Volume follows the domain notes: a few hundred signals a year across the network, mostly verbal aggression
and threats, mostly online, mostly by residents; the asylum and energy themes recur. The spike (about three
times the usual monthly count in the largest region) is there so the early-warning page has something to
show; the seeder runs the check itself. Idempotent: nothing is added when filed demo signals exist.
"""

from __future__ import annotations

from datetime import date

from klankbord.core.demo import DemoContext
from klankbord.geo.models import Region

from .constants import (
    Category,
    Helped,
    IncidentChannel,
    Missing,
    PerpetratorType,
    Severity,
    SignalSource,
    Theme,
)
from .models import Signal
from .selectors import add_months, last_complete_month

MONTHS = 24
PER_MONTH = (22, 38)
SPIKE_EXTRA = 24
CATEGORY_WEIGHTS = {
    Category.VERBAL_AGGRESSION: 40,
    Category.THREAT: 24,
    Category.ONLINE_HATE: 14,
    Category.PROPERTY_DAMAGE: 6,
    Category.INTEGRITY: 5,
    Category.UNDERMINING: 5,
    Category.PHYSICAL_VIOLENCE: 3,
    Category.OTHER: 3,
}
CHANNEL_WEIGHTS = {
    IncidentChannel.ONLINE: 55,
    IncidentChannel.IN_PUBLIC: 18,
    IncidentChannel.LETTER_MAIL_PHONE: 14,
    IncidentChannel.AT_HOME: 8,
    IncidentChannel.FAMILY: 5,
}
PERPETRATOR_WEIGHTS = {
    PerpetratorType.RESIDENT: 55,
    PerpetratorType.UNKNOWN: 25,
    PerpetratorType.FELLOW_COUNCIL_MEMBER: 8,
    PerpetratorType.EXECUTIVE: 4,
    PerpetratorType.CIVIL_SERVANT: 3,
    PerpetratorType.ORGANISED_CRIME: 5,
}
THEME_WEIGHTS = {
    Theme.ASYLUM: 30,
    Theme.ENERGY: 22,
    Theme.HOUSING: 18,
    Theme.CLOSURES: 8,
    Theme.TRAFFIC: 7,
    Theme.OTHER: 15,
}
TEXTS = (
    "",
    "",
    "Na het debat over [ONDERWERP] kreeg het raadslid via sociale media tientallen scheldberichten.",
    "Het raadslid werd in de supermarkt aangesproken en voelde zich klemgezet; de partner was erbij.",
    "Er werden eieren tegen de ramen gegooid na een interview in de lokale krant.",
    "Het raadslid wist niet dat er een ambassadeur bestond; de griffie had het niet doorgegeven.",
)


def _pick(context: DemoContext, weights: dict) -> str:
    return str(context.rng.choices(list(weights), weights=list(weights.values()))[0])


def _signal(context: DemoContext, region: Region, month: date) -> Signal:
    rng = context.rng
    category = _pick(context, CATEGORY_WEIGHTS)
    severe = category in (Category.THREAT, Category.PHYSICAL_VIOLENCE, Category.UNDERMINING)
    signal = Signal(
        source=SignalSource.FILED,
        month=month,
        region=region,
        category=category,
        channel=_pick(context, CHANNEL_WEIGHTS),
        perpetrator_type=_pick(context, PERPETRATOR_WEIGHTS),
        themes=sorted({_pick(context, THEME_WEIGHTS) for _ in range(rng.choice((1, 1, 2)))}),
        severity=Severity.HIGH if severe else rng.choice((Severity.LOW, Severity.MEDIUM)),
        police_involved=severe and rng.random() < 0.3,
        helped=sorted(rng.sample(Helped.values, rng.randint(0, 2))),
        missing=sorted(rng.sample(Missing.values, rng.randint(0, 2))),
    )
    return _with_text(
        signal, rng.choice(TEXTS).replace("[ONDERWERP]", "de komst van een azc"), rng.random() < 0.3
    )


def _with_text(signal: Signal, text: str, from_case: bool) -> Signal:
    """Records from cases carry no text at all."""
    if from_case:
        signal.source = SignalSource.CASE
        signal.helped, signal.missing = [], []
    else:
        signal.text = text
    return signal


def seed(context: DemoContext) -> None:
    if Signal.objects.filter(source=SignalSource.FILED).exists():
        context.write("    signalen: al aanwezig")
        return
    regions = list(Region.objects.filter(scheme__is_active=True).order_by("name"))
    if not regions:
        context.write("    signalen: geen actieve regio-indeling, overgeslagen")
        return
    sizes = [region.memberships.count() for region in regions]
    last = last_complete_month()
    spike_region = regions[sizes.index(max(sizes))]
    signals = []
    for offset in range(MONTHS - 1, -1, -1):
        month = add_months(last, -offset)
        count = context.rng.randint(*PER_MONTH)
        for region in context.rng.choices(regions, weights=sizes, k=count):
            signals.append(_signal(context, region, month))
    signals.extend(_signal(context, spike_region, last) for _ in range(SPIKE_EXTRA))
    Signal.objects.bulk_create(signals)
    from .services import signals_sweep_closed_cases, warnings_check

    from_cases = signals_sweep_closed_cases()  # closed demo cases whose member consented to purpose (c)
    warned = warnings_check(month=last)
    context.write(
        f"    {len(signals)} signalen over {MONTHS} maanden; piek in {spike_region.name};"
        f" {from_cases} uit afgesloten meldingen; {len(warned)} waarschuwing(en)"
    )
