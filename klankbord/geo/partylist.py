"""The national political parties (2026) that the party list starts with, and the demo's municipal councils.

Reference data like the municipalities: the data migration and ``services.reference_data_load`` create each
national party that is missing (by code) and never change one the association edited in the admin. Local parties
are entered once in the admin, per municipality; the demo seeds a few (``DEMO_COUNCILS``).
"""

from __future__ import annotations

# code, name, abbreviation, other spellings (matched case- and spacing-insensitively)
NATIONAL_PARTIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("vvd", "VVD", "VVD", ("Volkspartij voor Vrijheid en Democratie",)),
    ("cda", "CDA", "CDA", ("Christen-Democratisch Appèl", "Christen Democratisch Appel")),
    ("d66", "D66", "D66", ("Democraten 66",)),
    (
        "groenlinks-pvda",
        "GroenLinks-PvdA",
        "GL-PvdA",
        ("GroenLinks/PvdA", "GL/PvdA", "GroenLinks", "PvdA", "Partij van de Arbeid"),
    ),
    ("sp", "SP", "SP", ("Socialistische Partij",)),
    ("christenunie", "ChristenUnie", "CU", ("Christen Unie",)),
    ("sgp", "SGP", "SGP", ("Staatkundig Gereformeerde Partij",)),
    ("pvv", "PVV", "PVV", ("Partij voor de Vrijheid",)),
    ("bbb", "BBB", "BBB", ("BoerBurgerBeweging", "Boer Burger Beweging")),
    ("ja21", "JA21", "JA21", ("JA 21",)),
    ("pvdd", "Partij voor de Dieren", "PvdD", ()),
    ("volt", "Volt", "Volt", ()),
    ("nsc", "Nieuw Sociaal Contract", "NSC", ()),
    ("denk", "DENK", "DENK", ()),
    ("fvd", "Forum voor Democratie", "FvD", ("FVD",)),
    ("50plus", "50PLUS", "50PLUS", ("50Plus",)),
)

# The national parties seated in every demo council, then per demo municipality the other national parties
# seated there and its local parties (fictitious where a real one would be named after a person).
DEMO_SEATED_EVERYWHERE = ("vvd", "cda", "d66", "groenlinks-pvda", "pvv", "bbb", "sp")
DEMO_COUNCILS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Utrecht": (("christenunie", "pvdd", "volt", "denk"), ("Student & Starter", "Stadsbelang Utrecht")),
    "Zeist": (("christenunie", "sgp"), ("Zeister Belang", "Leefbaar Zeist")),
    "Amersfoort": (("christenunie", "sgp", "pvdd", "volt"), ("Amersfoort2014",)),
    "Leeuwarden": (("christenunie", "pvdd"), ("FNP", "Leefbaar Leeuwarden")),
    "Smallingerland": (("christenunie", "ja21"), ("FNP", "Gemeentebelangen Smallingerland")),
    "Heerenveen": (("christenunie",), ("FNP", "Heerenveen Lokaal")),
    "Groningen": (("christenunie", "pvdd", "volt"), ("Stadspartij 100% voor Groningen", "Groninger Belang")),
    "Assen": (("christenunie",), ("Gemeentebelangen Assen", "Stadspartij PLOP")),
    "Enschede": (("christenunie", "pvdd"), ("Burgerbelangen Enschede",)),
    "Deventer": (("christenunie", "pvdd"), ("Gemeentebelangen Deventer",)),
    "Zwolle": (("christenunie", "sgp", "pvdd"), ("Swollwacht", "Zwolle Lokaal")),
    "Nijmegen": (("christenunie", "pvdd", "volt"), ("Stadspartij Nijmegen",)),
    "Ede": (("christenunie", "sgp"), ("Gemeentebelangen Ede",)),
    "Apeldoorn": (("christenunie", "sgp", "pvdd"), ("Lokaal Apeldoorn", "Gemeentebelangen Apeldoorn")),
    "Arnhem": (("pvdd", "volt"), ("Arnhemse Ouderen Partij", "Arnhem Centraal")),
    "Haarlem": (("christenunie", "pvdd", "volt"), ("Trots Haarlem", "Hart voor Haarlem")),
    "Alkmaar": (("christenunie", "pvdd"), ("Lokaal Alkmaar", "Leefbaar Alkmaar")),
    "Hoorn": (("christenunie",), ("Hoorn Lokaal", "Fractie Nieuw Hoorn")),
    "Zaanstad": (("pvdd", "denk"), ("ROSA", "Zaanse Onafhankelijke Partij")),
    "Leiden": (("christenunie", "pvdd", "volt"), ("Leiden Lokaal", "Sleutelstad Leiden")),
    "Dordrecht": (("christenunie", "sgp", "pvdd"), ("Beter voor Dordt", "Gemeentebelangen Dordrecht")),
    "Rotterdam": (("christenunie", "pvdd", "volt", "denk"), ("Leefbaar Rotterdam",)),
    "Delft": (("christenunie", "pvdd", "volt"), ("STIP", "Onafhankelijk Delft")),
    "Gouda": (("christenunie", "sgp"), ("Gouda Lokaal", "Gouwe Gemeentebelangen")),
    "Tilburg": (("pvdd", "volt"), ("LST", "Lokaal Tilburg")),
    "'s-Hertogenbosch": (("pvdd", "volt"), ("Rosmalens Belang", "Bosch Belang")),
    "Eindhoven": (("pvdd", "volt"), ("Lijst Pauw", "Eindhoven Lokaal")),
    "Breda": (("christenunie", "pvdd", "volt"), ("Breda Lokaal", "Leefbaar Breda")),
    "Maastricht": (("pvdd", "volt"), ("Senioren Partij Maastricht", "Maastricht Lokaal")),
    "Venlo": (("pvdd",), ("Venlokaal", "Gemeentebelangen Venlo")),
    "Krimpenerwaard": (("christenunie", "sgp"), ("Lokaal Belang Krimpenerwaard",)),
    "Berg en Dal": (("pvdd",), ("Gemeentebelangen Berg en Dal",)),
    "Bunnik": (("christenunie",), ("Lokaal Belang Bunnik",)),
}
