"""The project's own lexicons: municipalities, provinces, parties, street suffixes, organisation cues.

Municipality names come from the reference file ``klankbord/geo/data/gemeenten.csv`` (no database needed, so
de-identification also works in a management command or a test without migrations).
"""

from __future__ import annotations

import csv
import unicodedata
from functools import cache
from pathlib import Path

GEMEENTEN_CSV = Path(__file__).resolve().parents[1] / "geo" / "data" / "gemeenten.csv"

# Names that are also ordinary Dutch words when capitalised at the start of a sentence ("Buren klaagden",
# "Best is om..."): matched only inside a sentence.
AMBIGUOUS_AT_SENTENCE_START = frozenset(
    {
        "Best", "Beek", "Bergen", "Buren", "Delft", "Echt", "Duiven", "Goes", "Hoorn", "Huizen", "Kampen", "Laren",
        "Loon", "Putten", "Sluis", "Stein", "Voorst", "Weert",
    }
)  # fmt: skip

# Parts of hyphenated municipality names that are not names on their own.
_GENERIC_PARTS = frozenset({"Midden", "Noord", "Zuid", "Oost", "West", "Neder", "Ouder", "Land", "Hof"})

# Usual spellings that differ from the official CBS names.
MUNICIPALITY_ALIASES = (
    "Den Haag", "Den Bosch", "Hengelo", "Bergen", "Laren", "Rijswijk", "Middelburg", "Beek", "Stein",
    "Nuenen", "Súdwest Fryslân", "Sudwest-Fryslan", "Noardeast Fryslân",
)  # fmt: skip

# Adjectives and inhabitants' names that do not follow "name + se/er".
IRREGULAR_DEMONYMS = (
    "Haagse", "Hagenaar", "Hagenaars", "Hagenezen", "Leidse", "Leidenaar", "Leidenaren", "Nijmeegse",
    "Nijmegenaar", "Groninger", "Groningse", "Groningers", "Bossche", "Bosschenaar", "Bosschenaren",
    "Delftse", "Delftenaar", "Goudse", "Zwolse", "Zwollenaar", "Bredase", "Bredanaar", "Tilburgse",
    "Tilburger", "Tilburgers", "Eindhovense", "Eindhovenaar", "Amsterdamse", "Amsterdammer",
    "Amsterdammers", "Rotterdamse", "Rotterdammer", "Rotterdammers", "Utrechtse", "Utrechter",
    "Maastrichtse", "Maastrichtenaar", "Almeerse", "Almeerder", "Arnhemse", "Arnhemmer", "Haarlemse",
    "Haarlemmer", "Haarlemmers", "Amersfoortse", "Amersfoorter", "Enschedese", "Enschedeër", "Emmense",
    "Emmenaar", "Assense", "Asser", "Dordtse", "Dordtenaar", "Alkmaarse", "Alkmaarder", "Apeldoornse",
    "Apeldoorner", "Deventense", "Deventenaar", "Venlose", "Venlonaar", "Heerlense", "Heerlenaar",
    "Zaanse", "Zaankanter", "Hilversumse", "Hilversummer", "Goese", "Gouwenaar", "Bergse",
)  # fmt: skip

PROVINCES = (
    "Drenthe", "Flevoland", "Fryslân", "Friesland", "Gelderland", "Groningen", "Limburg", "Noord-Brabant",
    "Brabant", "Noord-Holland", "Zuid-Holland", "Overijssel", "Utrecht", "Zeeland", "Twente", "Achterhoek",
    "Veluwe", "Betuwe", "Drentse", "Friese", "Brabantse", "Limburgse", "Zeeuwse", "Gelderse", "Overijsselse",
    "Twentse", "Noord-Hollandse", "Zuid-Hollandse", "Flevolandse",
)  # fmt: skip

# National parties (2026) with their full names and common short forms. Case-sensitive unless listed in
# ``PARTY_ACRONYMS_ANY_CASE``.
NATIONAL_PARTIES = (
    "VVD", "Volkspartij voor Vrijheid en Democratie", "D66", "Democraten 66", "PVV", "Partij voor de Vrijheid",
    "CDA", "Christen-Democratisch Appèl", "Christen Democratisch Appel", "GroenLinks-PvdA", "GroenLinks/PvdA",
    "GL-PvdA", "GL/PvdA", "GLPvdA", "GL", "GroenLinks", "Groen Links", "PvdA", "Partij van de Arbeid", "SP",
    "Socialistische Partij", "BBB", "BoerBurgerBeweging", "Boer Burger Beweging", "NSC", "Nieuw Sociaal Contract",
    "PvdD", "Partij voor de Dieren", "ChristenUnie", "Christen Unie", "CU", "SGP", "Staatkundig Gereformeerde Partij",
    "Volt", "JA21", "JA 21", "FvD", "FVD", "Forum voor Democratie", "DENK", "50PLUS", "50Plus", "BVNL",
    "Belang van Nederland", "BIJ1", "Bij1", "Piratenpartij", "Libertaire Partij",
)  # fmt: skip

PARTY_ACRONYMS_ANY_CASE = (
    "vvd",
    "pvv",
    "cda",
    "d66",
    "pvda",
    "bbb",
    "nsc",
    "sgp",
    "ja21",
    "fvd",
    "bvnl",
    "pvdd",
)

# Local parties: a fixed word followed by zero or more capitalised words ("Leefbaar Zeist", "Lokaal Belang").
LOCAL_PARTY_HEADS_STANDALONE = (
    "Gemeentebelangen", "Gemeentebelang", "Dorpsbelangen", "Dorpsbelang", "Lokaal Belang", "Stadspartij",
    "Dorpspartij", "Burgerbelangen", "Inwonersbelangen", "Algemeen Belang", "Stadsbelang", "Kernbelangen",
    "Plaatselijk Belang", "Gemeentelijke Volkspartij", "Lokale Partij", "Progressief Akkoord",
)  # fmt: skip
LOCAL_PARTY_HEADS_NEED_NAME = (
    "Leefbaar", "Lokaal", "Onafhankelijk", "Onafhankelijke", "Lijst", "Sterk", "Samen voor", "Hart voor",
    "Beter voor", "Trots op", "Echt voor", "Wij zijn", "Progressief", "Partij", "Gewoon", "Groen",
)  # fmt: skip
LOCAL_PARTY_TAILS = ("Lokaal", "Lokaal Belang", "Belang", "Centraal", "Anders", "Nu", "Transparant", "Actief")

# A street name is a capitalised word ending in one of these ("Kerkstraat", "Van Goghlaan", "Oude Gracht").
STREET_SUFFIXES = (
    "straat", "straatweg", "weg", "laan", "plein", "pleintje", "gracht", "dijk", "kade", "singel", "steeg",
    "dreef", "pad", "hof", "park", "markt", "veld", "erf", "baan", "wal", "brink", "ring", "haven", "kanaal",
    "allee", "boulevard", "plantsoen", "gang", "wetering", "vaart", "dam", "hoek", "akker", "kamp", "berg",
    "hout", "tuin", "rade", "zoom", "oord", "weide", "wei", "donk", "heuvel", "burgwal", "dwarsstraat",
)  # fmt: skip
# Suffixes so common in ordinary words that a street needs a house number to be recognised by them.
WEAK_STREET_SUFFIXES = frozenset(
    {"hof", "park", "markt", "veld", "erf", "baan", "wal", "ring", "haven", "gang", "dam", "hoek", "akker",
     "kamp", "berg", "hout", "tuin", "rade", "zoom", "oord", "weide", "wei", "donk", "heuvel", "pad", "brink"}
)  # fmt: skip
# Capitalised words that end like a street but are not streets.
NOT_STREETS = frozenset(
    {"Onderweg", "Halverwege", "Binnenhof", "Straat", "Weg", "Laan", "Plein", "Kade", "Dijk", "Gracht",
     "Singel", "Steeg", "Dreef", "Markt", "Park", "Windpark", "Zonnepark", "Waterweg", "Snelweg",
     "Rijksweg", "Provinciale", "Zijweg", "Omweg", "Tussenweg", "Uitweg", "Parkeerplaats", "Speeltuin",
     "Schoolplein", "Kerkplein", "Dorpsplein", "Marktplein", "Stadhuisplein", "Raadhuisplein"}
)  # fmt: skip

# Words that introduce an organisation's own name ("Stichting De Linde", "Windpark Krammer").
ORGANISATION_HEADS = (
    "Stichting", "Vereniging", "Coöperatie", "Cooperatie", "Bouwbedrijf", "Aannemersbedrijf", "Woningcorporatie",
    "Woonstichting", "Woningstichting", "Woonbedrijf", "Voetbalvereniging", "Sportvereniging", "Windpark",
    "Zonnepark", "Energiecoöperatie", "Dorpshuis", "Buurthuis", "Wijkcentrum", "Sporthal", "Zwembad",
    "Bibliotheek", "Basisschool", "Camping", "Hotel", "Café", "Restaurant", "Garage", "Bakkerij", "Supermarkt",
    "Actiegroep", "Actiecomité", "Comité", "Belangengroep", "Bewonersvereniging", "Buurtvereniging",
    "Werkgroep", "Facebookgroep", "Whatsappgroep", "WhatsApp-groep", "Burgerinitiatief", "Bedrijf", "Firma",
    "Transportbedrijf", "Installatiebedrijf", "Makelaardij", "Advocatenkantoor", "Kerk", "Moskee", "Parochie",
    "Scouting", "Muziekvereniging", "Harmonie", "Fanfare", "Ijsclub", "IJsclub", "Zorgcentrum", "Verpleeghuis",
    "Ziekenhuis", "Huisartsenpraktijk", "Tandartspraktijk", "Kinderopvang", "Sportschool", "Kapsalon",
    "Manege", "Boerderij", "Melkveebedrijf", "Tuincentrum", "Autobedrijf", "Hoveniersbedrijf",
)  # fmt: skip
ORGANISATION_TAILS = (
    "B.V.",
    "BV",
    "N.V.",
    "NV",
    "V.O.F.",
    "VOF",
    "vof",
    "Holding",
    "Groep",
    "& Zn.",
    "& Zonen",
)

# Titles, roles and family words that are followed by a person's name ("wethouder Bakker", "mevrouw De Jong").
PERSON_CUES = (
    "wethouder", "burgemeester", "raadslid", "gemeenteraadslid", "fractievoorzitter", "fractiegenoot",
    "griffier", "gedeputeerde", "commissaris", "statenlid", "kamerlid", "minister", "staatssecretaris",
    "mevrouw", "mevr.", "mw.", "meneer", "mijnheer", "dhr.", "heer", "collega", "buurman", "buurvrouw",
    "oom", "tante", "zoon", "dochter", "partner", "echtgenoot", "echtgenote", "man", "vrouw", "vriend",
    "vriendin", "agent", "wijkagent", "rechercheur", "journalist", "verslaggever", "ambtenaar", "directeur",
    "voorzitter", "secretaris", "penningmeester", "dominee", "pastoor", "imam", "advocaat", "notaris",
    "ondernemer", "boer", "eigenaar", "bewoner", "inwoner", "meester", "juf", "dokter", "huisarts",
    "genaamd", "heet", "heette",
)  # fmt: skip
TUSSENVOEGSELS = (
    "van der", "van den", "van de", "van 't", "van het", "in 't", "in de", "op de", "op den", "uit de",
    "uit den", "van", "de", "der", "den", "ter", "ten", "te", "'t", "le", "la", "du", "von", "el", "al",
)  # fmt: skip

# Words never to redact when deduce tags them on their own: the domain's ordinary vocabulary.
ALLOWLIST = frozenset(
    {"raad", "raadslid", "raadsleden", "wethouder", "burgemeester", "griffie", "griffier", "college",
     "gemeente", "gemeenteraad", "fractie", "politie", "coa", "azc", "facebook", "instagram", "tiktok",
     "twitter", "whatsapp", "linkedin", "youtube", "telegram", "x", "slachtofferhulp", "ambassadeur",
     "vertrouwenspersoon", "nvr", "ot", "riec", "om", "ind", "boa", "boa's", "agent", "wijkagent", "raadzaal",
     "stadhuis", "gemeentehuis", "raadhuis", "provincie", "rijk", "kabinet", "tweede", "kamer", "mei",
     "juni", "april", "maart", "augustus", "raadsvergadering", "commissie", "presidium", "weerbaar",
     "bestuur", "ondermijning", "spreidingswet", "windmolens", "zonnepark", "windpark"}
)  # fmt: skip


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _strip_qualifier(name: str) -> str:
    """'Bergen (NH.)' -> 'Bergen'."""
    return name.split(" (")[0].strip()


@cache
def municipality_names() -> tuple[str, ...]:
    """Every official name, its usual spellings and the parts of hyphenated names, longest first."""
    with GEMEENTEN_CSV.open(encoding="utf-8") as handle:
        official = [row["gemeente_name"] for row in csv.DictReader(handle)]
    names: set[str] = set(MUNICIPALITY_ALIASES)
    for raw in official:
        name = _strip_qualifier(raw)
        names.update({name, _fold(name)})
        for part in name.replace(",", " ").split("-"):
            part = part.strip()
            if len(part) >= 4 and part not in _GENERIC_PARTS and " " not in part:
                names.add(part)
        if name.startswith("'s-"):
            names.add(name.replace("'s-", "s-", 1))
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


@cache
def municipality_demonym_stems() -> tuple[str, ...]:
    """Single-word names long enough to take a suffix safely ('Amersfoort' -> 'Amersfoortse')."""
    return tuple(
        name
        for name in municipality_names()
        if " " not in name and "'" not in name and len(name) >= 4 and name not in AMBIGUOUS_AT_SENTENCE_START
    )
