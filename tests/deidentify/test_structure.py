"""The structural detectors: what each must find, and what each must keep. No deduce here, so these are fast."""

from __future__ import annotations

import pytest

from klankbord.deidentify import find_spans
from klankbord.deidentify.phrases import PhraseIndex
from klankbord.deidentify.spans import Kind
from klankbord.deidentify.structure import (
    detect_bare_handles,
    detect_codes_and_bare_ages,
    detect_geo_parties,
    detect_hashtags,
    detect_named_organisations,
    detect_regions_and_lower_case_places,
    detect_structural_streets,
)
from klankbord.deidentify.vocabulary import geo_names, region_names


def found(detector, text: str) -> list[str]:
    return [text[span.start : span.end] for span in detector(text)]


def redacted(text: str) -> list[str]:
    """What the project's own detectors (everything but deduce) take out of ``text``."""
    return [text[span.start : span.end] for span in find_spans(text, use_deduce=False)]


KEEP = [
    "De gemeente heeft het college gevraagd om met de burgemeester te praten.",
    "Het college en de raad bespraken de veiligheid van de wethouder.",
    "Buren hadden niets gezien, maar de overburen wel.",
    "In de raadzaal was het onrustig; de griffier belde de politie.",
    "Ik ben raadslid en word op straat nageroepen.",
    "Op de markt en in het park werd ik aangesproken.",
    "Na de vergadering liep ik naar de weg achter het gemeentehuis.",
    "Het presidium bespreekt het protocol #veiligheid #inspraak #azc",
    "Samen met de fractie hebben we besloten door te gaan.",
    "Sterk verhaal, maar het ging om de wethouder zelf.",
]


@pytest.mark.parametrize("text", KEEP)
def test_ordinary_domain_sentences_keep_every_word(text) -> None:
    assert redacted(text) == []


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("Heel #Emmen weet het", "#Emmen", Kind.MUNICIPALITY),
        ("toen in #houten", "#houten", Kind.MUNICIPALITY),
        ("Trots! #TrotsOpTynaarlo", "#TrotsOpTynaarlo", Kind.PARTY),
        ("#WindparkZeewolde is een schande", "#WindparkZeewolde", Kind.ORGANISATION),
        ("#geenazcinemmen", "#geenazcinemmen", Kind.ORGANISATION),
    ],
)
def test_hashtags_naming_a_place_party_or_movement_are_found(text, expected, kind) -> None:
    spans = list(detect_hashtags(text))
    assert [text[span.start : span.end] for span in spans] == [expected]
    assert spans[0].kind == kind


@pytest.mark.parametrize("text", ["#inspraak", "#azc", "#raadsvergadering", "#bedreiging", "C# en #1"])
def test_ordinary_hashtags_are_kept(text) -> None:
    assert found(detect_hashtags, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("de tweet van boze_burger_1978 is gemeld", "boze_burger_1978"),
        ("volg patrick__den_hartog niet", "patrick__den_hartog"),
        ("check zijn insta gert.vd.meulen daar", "gert.vd.meulen"),
        ("op tiktok: henk1980 post het", "henk1980"),
    ],
)
def test_handles_without_an_at_sign_are_found(text, expected) -> None:
    assert found(detect_bare_handles, text) == [expected]


@pytest.mark.parametrize(
    "text",
    ["om 19.30 uur", "zie art. 3.2 van de wet", "in 2025 en 2026", "jan.", "covid19 was erg", "d.w.z. nu"],
)
def test_dotted_words_and_numbers_without_a_cue_are_not_handles(text) -> None:
    assert found(detect_bare_handles, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("raadslid voor Samen Dalfsen", "Samen Dalfsen"),
        ("Forza Roermond blijft stil", "Forza Roermond"),
        ("van Wakker Emmen gaat weg", "Wakker Emmen"),
        ("de fractie Westland Verstandig", "Westland Verstandig"),
        ("Hoeksche Waard Lokaal vraagt", "Hoeksche Waard Lokaal"),
        ("namens Partij voor Zeeland", "Partij voor Zeeland"),
        ("Gemeente Belangen Tubbergen", "Gemeente Belangen Tubbergen"),
        ("lid van de FNP", "FNP"),
        ("Provinciaal Belang Fryslân vraagt", "Provinciaal Belang Fryslân"),
    ],
)
def test_party_names_built_from_a_place_are_found(text, expected) -> None:
    assert expected in found(detect_geo_parties, text)


@pytest.mark.parametrize(
    "text",
    [
        "Samen met Emmen",
        "Beter voor iedereen",
        "Sterk, zei de burgemeester",
        "Echt waar",
        "de partij in Emmen",
    ],
)
def test_party_words_without_a_place_after_them_are_kept(text) -> None:
    assert found(detect_geo_parties, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hij werkt bij ASML", "ASML"),
        ("ik werk bij de Abn amro", "Abn amro"),
        ("bij de AH op de hoek", "AH"),
        ("in de Gelderlander", "Gelderlander"),
        ("de voetbalclub VV Achilles '12 begon", "VV Achilles '12"),
        ("namens Veilig Raadswerk Overijssel nodig ik", "Veilig Raadswerk Overijssel"),
        ("leden van Nederland in Verzet", "Nederland in Verzet"),
        ("het Stedelijk Gymnasium", "Stedelijk Gymnasium"),
    ],
)
def test_organisations_are_found_by_list_head_word_or_a_place_inside(text, expected) -> None:
    assert expected in found(detect_named_organisations, text)


@pytest.mark.parametrize(
    "text",
    [
        "In Zeeland speelt onrust",
        "Mevrouw El Amrani van D66 in Utrecht",
        "Overijssel en Gelderland",
        "De gemeente Emmen",
        "Het college van Ede",
        "plus een actie",
    ],
)
def test_a_place_after_an_ordinary_word_is_not_an_organisation(text) -> None:
    assert found(detect_named_organisations, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kom naar de Laan van Nieuw Oost-Indië vrijdag", "Laan van Nieuw Oost-Indië"),
        ("aan de Laan van de Helende Meesters 402 in", "Laan van de Helende Meesters 402"),
        ("Wie woont er in de Lindehof?", "Lindehof"),
        ("op de Biezenkamp", "Biezenkamp"),
        ("bij de Julianaring", "Julianaring"),
        ("Zandhoeve 22, ik bel", "Zandhoeve 22"),
        ("de Nieuwe Ring bij de rotonde", "Nieuwe Ring"),
        ("bij de Molenstroat", "Molenstroat"),
        ("over de Rondweg-Oost", "Rondweg-Oost"),
    ],
)
def test_streets_are_found_by_structure(text, expected) -> None:
    assert expected in found(detect_structural_streets, text)


@pytest.mark.parametrize(
    "text",
    [
        "Van der Laan van Westerwolde",
        "op de markt",
        "in de Achterhoek",
        "De Ring is druk",
        "Na de weg terug",
        "Het dorpsplein en de kerkweg",
    ],
)
def test_surnames_generic_words_and_regions_are_not_streets(text) -> None:
    assert found(detect_structural_streets, text) == []


def test_regions_parts_of_places_and_lower_case_municipalities_are_found() -> None:
    text = "de politie Oost-Brabant, in Apeldoorn-Zuid en in sliedrecht"
    assert found(detect_regions_and_lower_case_places, text) == [
        "Oost-Brabant",
        "Apeldoorn-Zuid",
        "sliedrecht",
    ]


@pytest.mark.parametrize(
    "text", ["van houten stoelen", "dat zal leiden tot", "het beste", "de buren", "goes"]
)
def test_municipalities_that_are_words_in_lower_case_are_kept(text) -> None:
    assert found(detect_regions_and_lower_case_places, text) == []


def test_reference_numbers_and_ages_without_a_unit() -> None:
    text = "Ons kenmerk RvB-2025-0931, melding 2026-04417. Ik ben 53 en woon hier, ik was 3 keer daar."
    assert found(detect_codes_and_bare_ages, text) == ["RvB-2025-0931", "2026-04417", "53"]


def test_the_geographic_vocabulary_covers_every_municipality_and_region() -> None:
    names = set(geo_names())
    assert {"Dalfsen", "Súdwest-Fryslân", "Hoeksche Waard", "Twente", "Oost-Brabant", "IJmond"} <= names
    assert {"Noord", "Nederland", "Overig Groningen"}.isdisjoint(names)
    assert "Zeeland" in region_names() and "West-Brabant" in region_names()


def test_the_phrase_index_finds_the_longest_phrase_at_word_boundaries() -> None:
    index = PhraseIndex(["Bergen", "Bergen op Zoom", "AH"])
    text = "Bergen op Zoom, Bergenaar, Bergen en AH."
    assert [text[a:b] for a, b in index.finditer(text)] == ["Bergen op Zoom", "Bergen", "AH"]
