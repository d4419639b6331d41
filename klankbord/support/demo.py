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
