"""Demo ambassadors: about 30 fictitious people on real municipalities, spread unevenly over the provinces.

Zeeland and Flevoland have nobody, Drenthe only a paused ambassador and Groningen one on leave: the demo shows
matching falling back to neighbouring regions and the coverage gaps recruitment works from. Idempotent.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.demo import demo_user
from klankbord.accounts.models import User
from klankbord.core.demo import DEMO_DOMAIN, DemoContext
from klankbord.geo.models import Municipality
from klankbord.geo.selectors import party_index

from .constants import AmbassadorStatus
from .models import Ambassador, AmbassadorConflict, LeavePeriod

# name, home municipality, gender, (council member, alderman, mayor, clerk years), languages, capacity, party
PEOPLE: list[tuple[str, str, str, tuple[int, int, int, int], list[str], int, str]] = [
    ("Anneke Dijkstra", "Leeuwarden", "woman", (12, 4, 0, 0), ["nl", "fy"], 3, ""),
    ("Sjoerd Hoekstra", "Smallingerland", "man", (8, 0, 0, 0), ["nl", "fy"], 2, "CDA"),
    ("Gerrit Bakker", "Groningen", "man", (16, 0, 0, 0), ["nl", "en"], 3, ""),
    ("Wilma Oosting", "Assen", "woman", (6, 6, 0, 0), ["nl"], 2, ""),
    ("Erik ten Brink", "Enschede", "man", (10, 0, 0, 0), ["nl", "de"], 3, "VVD"),
    ("Fatma Yilmaz", "Deventer", "woman", (8, 0, 0, 0), ["nl", "tr"], 2, ""),
    ("Jan-Willem Postma", "Zwolle", "man", (4, 8, 0, 0), ["nl"], 3, ""),
    ("Marloes Gerritsen", "Nijmegen", "woman", (9, 0, 0, 0), ["nl", "en"], 4, "GroenLinks-PvdA"),
    ("Hendrik van Ginkel", "Ede", "man", (14, 0, 0, 0), ["nl"], 3, "ChristenUnie"),
    ("Ria Wolters", "Apeldoorn", "woman", (0, 0, 0, 11), ["nl"], 2, ""),
    ("Bas Verbeek", "Arnhem", "man", (6, 0, 0, 0), ["nl", "en"], 2, ""),
    ("Ingrid Kuijpers", "Amersfoort", "woman", (12, 0, 0, 0), ["nl"], 3, ""),
    ("Mohamed El Amrani", "Utrecht", "man", (8, 0, 0, 0), ["nl", "ar", "ber"], 3, "D66"),
    ("Petra de Jong", "Zeist", "woman", (0, 0, 9, 0), ["nl", "en"], 2, ""),
    ("Kees Brouwer", "Haarlem", "man", (13, 0, 0, 0), ["nl"], 3, ""),
    ("Saskia Vermeulen", "Alkmaar", "woman", (5, 4, 0, 0), ["nl"], 3, "VVD"),
    ("Dennis Koster", "Hoorn", "man", (9, 0, 0, 0), ["nl"], 2, ""),
    ("Naima Haddou", "Zaanstad", "woman", (6, 0, 0, 0), ["nl", "ar"], 3, ""),
    ("Roel Schouten", "Leiden", "man", (11, 0, 0, 0), ["nl", "en"], 3, ""),
    ("Esther van Leeuwen", "Dordrecht", "woman", (0, 0, 0, 8), ["nl"], 3, ""),
    ("Ronald Pinas", "Rotterdam", "man", (7, 0, 0, 0), ["nl", "srn", "en"], 4, ""),
    ("Yvonne Martina", "Delft", "woman", (6, 0, 0, 0), ["nl", "pap"], 2, ""),
    ("Theo van der Linden", "Gouda", "man", (18, 6, 0, 0), ["nl"], 2, "SGP"),
    ("Marieke Verschuren", "Tilburg", "woman", (10, 0, 0, 0), ["nl"], 3, ""),
    ("Joris van den Heuvel", "'s-Hertogenbosch", "man", (8, 4, 0, 0), ["nl", "en"], 3, ""),
    ("Anouk Smulders", "Eindhoven", "woman", (5, 0, 0, 0), ["nl", "en", "fr"], 2, ""),
    ("Frank Timmermans", "Breda", "man", (12, 0, 0, 0), ["nl"], 3, "CDA"),
    ("Lotte Janssen", "Maastricht", "woman", (7, 0, 0, 0), ["nl", "fr", "de"], 3, ""),
    ("Wim Peeters", "Venlo", "man", (0, 0, 6, 0), ["nl", "de"], 2, ""),
]
PAUSED = {"Wilma Oosting", "Kees Brouwer"}
ON_LEAVE = {"Gerrit Bakker": (0, 21), "Saskia Vermeulen": (10, 14)}
CONFLICTS = {"Theo van der Linden": "Krimpenerwaard", "Marloes Gerritsen": "Berg en Dal"}
DEMO_AMBASSADOR_HOME = "Heerenveen"


def _email(name: str) -> str:
    local = "".join(c for c in name.lower().replace(" ", ".") if c.isalnum() or c in ".-")
    return f"ambassadeur.{local}@{DEMO_DOMAIN}"


def _profile(context: DemoContext, user: User, row: tuple, started: date) -> tuple[Ambassador, bool]:
    name, home, gender, years, languages, capacity, party = row
    scores = {
        f"score_{c}": context.rng.randint(3, 5)
        for c in ("neutral", "integrity", "local_government", "resilience", "empathy")
    }
    return Ambassador.objects.get_or_create(
        user=user,
        defaults={
            "home_municipality": Municipality.objects.get(name=home),
            "gender": gender,
            "years_council_member": years[0],
            "years_alderman": years[1],
            "years_mayor": years[2],
            "years_clerk": years[3],
            "languages": languages,
            "capacity": capacity,
            "party": party_index().value(party),  # the party on the list (geo's demo step seeded it)
            "party_consent_at": timezone.now() if party else None,
            "status": AmbassadorStatus.PAUSED if name in PAUSED else AmbassadorStatus.ACTIVE,
            "availability_note": context.rng.choice(
                ["Doordeweeks na 18 uur", "Overdag, behalve dinsdag", "Avonden en weekenden", "Flexibel"]
            ),
            "started_on": started,
            "assessed_on": started - timedelta(days=30),
            **scores,
        },
    )


def _extras(ambassador: Ambassador, name: str) -> None:
    today = timezone.localdate()
    if name in ON_LEAVE:
        start, length = ON_LEAVE[name]
        LeavePeriod.objects.create(
            ambassador=ambassador,
            starts_on=today + timedelta(days=start),
            ends_on=today + timedelta(days=start + length),
        )
    if name in CONFLICTS:
        AmbassadorConflict.objects.create(
            ambassador=ambassador,
            kind="municipality",
            municipality=Municipality.objects.get(name=CONFLICTS[name]),
        )


def seed(context: DemoContext) -> None:
    created = 0
    for index, row in enumerate(PEOPLE):
        name = row[0]
        user = demo_user(context, email=_email(name), name=name, role=RoleSlug.AMBASSADOR, mfa=False)
        started = date(2020, 6, 1) + timedelta(days=70 * index)
        ambassador, is_new = _profile(context, user, row, started)
        if is_new:
            _extras(ambassador, name)
            created += 1
    demo = context.users.get(RoleSlug.AMBASSADOR.value)
    if demo is not None:
        row = ("", DEMO_AMBASSADOR_HOME, "man", (10, 0, 0, 0), ["nl", "fy"], 3, "")
        _ambassador, is_new = _profile(context, demo, row, date(2021, 3, 1))
        created += int(is_new)
    context.write(f"    {created} ambassadeursprofielen (van {len(PEOPLE) + 1})")
