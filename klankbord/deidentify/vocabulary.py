"""Vocabularies the structural detectors build on: every geographic name in the reference data, party words,
and a list of large Dutch employers, banks, brands and regional media.

The geographic names come from ``klankbord/geo/data/gemeenten.csv``: municipalities, provinces, safety
regions, police units, RIEC and COROP regions. Party and organisation detectors combine them with head and
tail words ("Leefbaar" + any of them, any of them + "Lokaal"), so a party or an association named after a
place is found without listing it. Employers and brands are listed because nothing in their shape says what
they are ("ASML", "Achmea"); the list holds organisations large enough that working there is worth hiding in
a small municipality, and leaves out names that are also ordinary Dutch words.
"""

from __future__ import annotations

import csv
import re
from functools import cache

from . import lexicons as lx

_REGION_COLUMNS = (
    "province_name",
    "veiligheidsregio_name",
    "politie_eenheid_name",
    "riec_region",
    "corop_name",
)
# Words in region names that say what kind of region it is, not which one ("Overig Groningen").
_REGION_NOISE = re.compile(r"^(?:Overig|Agglomeratie|Groot-|Kop van)\s*|\s+en omgeving$")
_GENERIC = frozenset({"Noord", "Zuid", "Oost", "West", "Midden", "Nederland", "Het", "Land", "Hof", "Kop"})

# Nederland and the compass regions: no identifier on their own, but a capitalised phrase that contains them
# is the name of something ("Nederland in Verzet", "Partij voor het Noorden").
NAME_ANCHORS = ("Nederland", "Noorden", "Zuiden", "Oosten", "Westen", "Randstad", "Waddeneilanden")


@cache
def region_names() -> tuple[str, ...]:
    """Provinces and every region in the reference data, with their usual spellings and their parts."""
    with lx.GEMEENTEN_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names: set[str] = set(lx.PROVINCES)
    for row in rows:
        for column in _REGION_COLUMNS:
            value = _REGION_NOISE.sub("", row[column].strip())
            if not value or re.fullmatch(r"[A-Z]{2}\d+", value):
                continue
            for name in re.split(r"\s+-\s+|/|\s+en\s+", value):
                names.add(name.strip())
    return tuple(
        sorted((name for name in names if name and name not in _GENERIC), key=lambda n: (-len(n), n))
    )


@cache
def geo_names() -> tuple[str, ...]:
    """Every municipality and region name, longest first."""
    return tuple(sorted(set(lx.municipality_names()) | set(region_names()), key=lambda n: (-len(n), n)))


@cache
def geo_keys() -> frozenset[str]:
    """Geographic names folded for hashtags: lower case, no spaces, hyphens or apostrophes."""
    return frozenset(fold_key(name) for name in geo_names() if len(fold_key(name)) >= 4)


def fold_key(name: str) -> str:
    return re.sub(r"[\s'’-]", "", lx._fold(name)).lower()


# Words that start a party's name when a place follows ("Samen Dalfsen", "Forza Roermond", "Wakker Emmen").
PARTY_HEADS_BEFORE_PLACE = (
    "Samen", "Forza", "Wakker", "Pro", "PRO", "Mooi", "Ons", "Open", "Vooruit", "Nieuw", "Liberaal", "Sociaal",
    "Jong", "Echt", "Gewoon", "Beter", "Sterk", "Lokaal Sterk", "Lokaal Liberaal", "Lokaal Alert",
    "Inwonersbelang", "Inwonersbelangen", "Burgerbelang", "Gemeente Belangen", "GemeenteBelangen",
    "Gemientebelang", "Gemientebelangen", "Plaatselijke Belangen", "Plaatselijk Belang", "Provinciaal Belang",
    "Stadspartij Leefbaar", "Progressief", "Groen", "Fractie Lokaal Alert", "Kies", "Positief", "Wij", "Wij zijn",
    "Lijst", "Trots op", "Hart voor", "Samen voor", "Beter voor", "Echt voor", "Partij voor", "Partij voor het",
    "Lokale Partij", "Ouderenpartij", "Christelijk", "Liberalen", "Democraten", "Stadsbelang", "Dorpsbelang",
    "Dorpsbelangen", "Gemeentebelang", "Gemeentebelangen", "Lokaal Belang", "Leefbaar", "Lokaal",
    "Onafhankelijk", "Onafhankelijke", "Stadspartij", "Dorpspartij", "Burgerbelangen", "Algemeen Belang",
    "Kernbelangen",
)  # fmt: skip
# Words that end a party's name after a place ("Hoeksche Waard Lokaal", "Westland Verstandig").
PARTY_TAILS_AFTER_PLACE = (
    "Lokaal", "Lokaal Belang", "Belang", "Belangen", "Centraal", "Anders", "Nu", "Vooruit", "Verstandig", "Actief",
    "Transparant", "Sterk", "Liberaal", "Positief", "Progressief", "Open", "Samen", "2000", "Plus", "Foarút",
    "Voorop", "Voorwaarts", "Groen", "Sociaal", "Lokaal Liberaal", "Democratisch", "Onafhankelijk",
)  # fmt: skip
# Provincial and regional parties whose names carry no place or no head word.
REGIONAL_PARTIES = (
    "FNP", "Fryske Nasjonale Partij", "Code Oranje", "Partij voor het Noorden", "Groninger Belang",
    "Ouderen Appèl", "OPA", "Water Natuurlijk", "Lokaal Brabant", "Lokaal Limburg", "Partij voor Zeeland",
    "Drents Belang", "Sterk Lokaal", "Onafhankelijke Senaatsfractie", "OSF", "Hart voor Den Haag",
    "Leefbaar Nederland", "Trots op Nederland", "Ouderenpartij Nederland",
)  # fmt: skip

# Large Dutch employers, banks, insurers, energy and transport companies, retailers and brands.
EMPLOYERS = (
    "ING", "Rabobank", "ABN AMRO", "ABN Amro", "ABN", "SNS", "ASN Bank", "Triodos", "Volksbank", "Knab", "bunq",
    "RegioBank", "Achmea", "Aegon", "Nationale-Nederlanden", "Zilveren Kruis", "Menzis", "VGZ", "Interpolis",
    "Centraal Beheer", "Philips", "Shell", "Unilever", "Heineken", "ASML", "NXP", "KLM", "NS", "ProRail",
    "PostNL", "KPN", "Vodafone", "VodafoneZiggo", "Ziggo", "Odido", "T-Mobile", "Albert Heijn", "AH", "Jumbo",
    "Lidl", "Aldi", "Hoogvliet", "Vomar", "Coop", "Spar", "HEMA", "Hema", "Kruidvat", "Etos", "Gamma", "Praxis",
    "Karwei", "Intratuin", "Blokker", "Bol.com", "bol.com", "Coolblue", "Picnic", "Thuisbezorgd", "Ahold",
    "Ahold Delhaize", "DSM", "AkzoNobel", "Tata Steel", "Eneco", "Vattenfall", "Essent", "Greenchoice",
    "Stedin", "Liander", "Enexis", "TenneT", "Tennet", "Gasunie", "Arriva", "Connexxion", "Qbuzz", "Keolis",
    "Transdev", "DAF", "VDL", "Stork", "Boskalis", "Van Oord", "BAM", "Heijmans", "Dura Vermeer", "Ballast Nedam",
    "Randstad", "Tempo-Team", "Adecco", "Start People", "Rijkswaterstaat", "Schiphol", "FrieslandCampina",
    "Friesland Campina", "Vion", "Agrifirm", "Cosun", "Suiker Unie", "Avebe", "Royal HaskoningDHV", "Arcadis",
    "Deloitte", "KPMG", "PwC", "Accenture", "Capgemini", "AFAS", "Nedap", "Thales", "Damen", "Fokker", "Vitens",
    "Evides", "Waternet", "Dunea", "Brabant Water", "Ikea", "IKEA", "Action", "Woonzorg Nederland", "Trigion",
    "Securitas", "G4S", "Woonpartners", "Ymere", "Vestia", "Eigen Haard", "Havensteder", "Woonbron", "Staedion",
    "Mitros", "Lefier", "Elkien", "Trudo", "Woonstad", "Woonstad Rotterdam",
)  # fmt: skip
# Regional newspapers and broadcasters: naming one names the region.
REGIONAL_MEDIA = (
    "Brabants Dagblad", "Eindhovens Dagblad", "BN DeStem", "PZC", "De Gelderlander", "Gelderlander", "De Stentor",
    "Stentor", "Tubantia", "Dagblad van het Noorden", "Nieuwsblad van het Noorden", "Leeuwarder Courant",
    "Friesch Dagblad", "Noordhollands Dagblad", "Haarlems Dagblad", "Leidsch Dagblad", "Het Parool",
    "De Limburger", "Dagblad De Limburger", "Omroep Brabant", "Omroep Gelderland", "Omroep Zeeland",
    "Omroep West", "Omroep Flevoland", "Omrop Fryslân", "RTV Noord", "RTV Drenthe", "RTV Oost", "RTV Utrecht",
    "RTV Rijnmond", "Rijnmond", "NH Nieuws", "L1", "Streekomroep",
)  # fmt: skip
# Words that start an organisation's own name (beyond ``lexicons.ORGANISATION_HEADS``).
MORE_ORGANISATION_HEADS = (
    "Omroep", "Omrop", "RTV", "Dagblad", "Bedrijventerrein", "Industrieterrein", "Sportpark", "Sportclub",
    "VV", "SV", "Eetcafé", "Cafetaria", "Snackbar", "Herberg", "Grand Café", "Wijkapp", "Buurtapp",
    "Veiligheidsregio", "Ondernemersvereniging", "Dorpsraad", "Wijkraad", "Wijkbelang", "Buurtpreventie",
    "Vertrouwenspunt", "Stop", "Cultureel Centrum", "Scholengemeenschap", "Kindcentrum", "Tankstation",
    "Slagerij", "Drukkerij", "Kwekerij", "Loonbedrijf", "Uitzendbureau", "Notariskantoor", "Apotheek",
)  # fmt: skip
# Words that end an organisation's name after a capitalised word ("Stedelijk Gymnasium", "Van Dijk Bouw").
MORE_ORGANISATION_TAILS = (
    "Gymnasium", "Lyceum", "College", "Dagblad", "Courant", "Bouw", "Transport", "Zorg", "Groep", "Installaties",
    "Makelaardij", "Accountants", "Advocaten", "Verzet", "Veilig",
)  # fmt: skip
