"""Scale data of the signals app: anonymised signals spread over the regions and months of the span.

Category, channel and perpetrator follow the reports' proportions (the Monitor); feedback lists hold zero to
three choices each. Filed signals carry a short (already de-identified) text, encrypted per row.
"""

from __future__ import annotations

from collections.abc import Iterator

from klankbord.core.scale import ScaleContext, weighted
from klankbord.reports.demo import CATEGORY_WEIGHTS, CHANNEL_WEIGHTS, PERPETRATOR_WEIGHTS

from .constants import Helped, Missing, Severity, SignalSource, Theme
from .models import Signal

SEVERITY_WEIGHTS = {Severity.LOW: 45, Severity.MEDIUM: 40, Severity.HIGH: 15}
TEXTS = [
    "Na een raadsdebat over [onderwerp] veel berichten van [persoon] op sociale media.",
    "Bedreiging bij de supermarkt door [persoon]; melding gedaan bij de politie.",
    "Flyers met het adres van [persoon] verspreid in de wijk.",
]


def _signals(context: ScaleContext) -> Iterator[Signal]:
    rng, regions = context.rng, context.shared["geo.regions"]
    region_weights = {pk: 1 + (index * 7) % 11 for index, pk in enumerate(regions)}  # uneven, like the map
    for _index in range(context.count("signals")):
        filed = rng.random() < 0.6
        moment = context.moment(rng.random())
        yield Signal(
            source=SignalSource.FILED if filed else SignalSource.CASE,
            month=moment.date().replace(day=1),
            region_id=weighted(rng, region_weights),
            category=weighted(rng, CATEGORY_WEIGHTS),
            channel=weighted(rng, CHANNEL_WEIGHTS),
            perpetrator_type=weighted(rng, PERPETRATOR_WEIGHTS),
            themes=rng.sample(list(Theme.values), k=rng.randint(1, 2)),
            severity=weighted(rng, SEVERITY_WEIGHTS),
            police_involved=rng.random() < 0.1,
            helped=rng.sample(list(Helped.values), k=rng.randint(0, 3)),
            missing=rng.sample(list(Missing.values), k=rng.randint(0, 3)),
            feedback_text=rng.choice(TEXTS) if filed and rng.random() < 0.3 else "",
            text=rng.choice(TEXTS) if filed else "",
            created_on=moment.date(),
        )


def generate(context: ScaleContext) -> None:
    for batch in context.batches("signals", _signals(context), context.count("signals")):
        Signal.objects.bulk_create(batch)
