"""Lexicon and context detectors for what matters in this domain and what deduce (made for medical text) misses:
municipalities and their adjectives, provinces, national and local parties, organisations, streets without a
house number, names after a title or role ("wethouder Bakker"), and later mentions of a name found once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from . import lexicons as lx
from .phrases import PhraseIndex
from .phrases import alternation as _alternation
from .spans import Kind, Span

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
CAP = rf"[{_UPPER}][{_LOWER}{_UPPER}'’-]*[{_LOWER}{_UPPER}]"  # a capitalised word of two letters or more
_TV = "|".join(re.escape(tv) for tv in lx.TUSSENVOEGSELS)
_TV_CAPITALISED = "|".join(re.escape(tv[0].upper() + tv[1:]) for tv in lx.TUSSENVOEGSELS if tv[0].isalpha())
_INITIALS = rf"(?:[{_UPPER}]\.\s?){{1,4}}"
# After a title the surname's particle is capitalised ("wethouder Van Dam"), after initials it is not.
NAME = (
    rf"(?:{_INITIALS}(?:(?:{_TV})\s+)?|(?:{_TV_CAPITALISED})\s+)?{CAP}(?:[ ]{CAP})?(?:[ ](?:{_TV})[ ]{CAP})?"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|[\"'“‘(]\s*)$")


def at_sentence_start(text: str, position: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, position - 4) : position]))


@cache
def _municipality_index() -> PhraseIndex:
    return PhraseIndex(lx.municipality_names(), hyphen_joins=False)


_DEMONYM_SUFFIXES = ("se", "er", "ers", "enaar", "enaren", "naar", "naren")
_CAPITALISED_TOKEN = re.compile(rf"(?<!\w)[{_UPPER}][\w-]*[{_LOWER}](?!\w)")


@cache
def _demonym_forms() -> frozenset[str]:
    """Every municipality's name with each inhabitant's or adjective's ending, and the irregular forms."""
    stems = lx.municipality_demonym_stems()
    return frozenset(stem + suffix for stem in stems for suffix in _DEMONYM_SUFFIXES) | set(
        lx.IRREGULAR_DEMONYMS
    )


def _is_demonym(word: str) -> bool:
    """'Amersfoortse', 'Zwollenaren', 'Haagse': a municipality's name with an inhabitant's or adjective's ending."""
    return word in _demonym_forms()


def _demonyms(text: str) -> Iterator[Span]:
    for match in _CAPITALISED_TOKEN.finditer(text):
        token = match.group()
        # The last part of a hyphenated word counts on its own ('Noord-Amersfoortse' -> 'Amersfoortse').
        offset = 0
        for part in token.split("-"):
            if part and _is_demonym(part):
                yield Span(
                    match.start() + offset, match.start() + offset + len(part), Kind.MUNICIPALITY, "lexicon"
                )
            offset += len(part) + 1


_PROVINCE = re.compile(rf"(?<!\w)(?:{_alternation(lx.PROVINCES)})(?!\w)")
_ACRONYMS_ANY_CASE = _alternation(lx.PARTY_ACRONYMS_ANY_CASE, ignore_case=True)
_PARTY = re.compile(rf"(?<!\w)(?:{_alternation(lx.NATIONAL_PARTIES)}|(?i:{_ACRONYMS_ANY_CASE}))(?!\w)")
_LOCAL_PARTY = re.compile(
    rf"(?<!\w)(?:(?:{_alternation(lx.LOCAL_PARTY_HEADS_STANDALONE)})(?:[ ]{CAP}){{0,3}}"
    rf"|(?:{_alternation(lx.LOCAL_PARTY_HEADS_NEED_NAME)})[ ](?:(?:de|het|'t)[ ])?{CAP}(?:[ ]{CAP}){{0,2}}"
    rf"|{CAP}(?:[ ]{CAP})?[ ](?:{_alternation(lx.LOCAL_PARTY_TAILS)}))(?!\w)"
)
_ORGANISATION = re.compile(
    rf"(?<!\w)(?:(?i:{_alternation(lx.ORGANISATION_HEADS, ignore_case=True)})[ ](?:(?:de|het|'t|De|Het)[ ])?{CAP}"
    rf"(?:[ ](?:(?:van|de|der|den|op|aan|het|en)[ ])?{CAP}){{0,3}}(?:[ ](?:{_alternation(lx.ORGANISATION_TAILS)}))?"
    rf"|{CAP}(?:[ ]{CAP}){{0,3}}[ ](?:{_alternation(lx.ORGANISATION_TAILS)}))(?!\w)"
)
_STREET_WORD = rf"{CAP}?(?:{_alternation(lx.STREET_SUFFIXES)})"
_HOUSE_NUMBER = r"[ ]\d{1,5}(?:[ ]?[a-zA-Z](?![\w])|-\d{1,4}|[ ]?bis)?"
_STREET_PREFIX = rf"(?:{CAP}\.?[ ](?:(?:{_TV})[ ])?){{0,3}}"
_STREET = re.compile(rf"(?<![\w-]){_STREET_PREFIX}(?P<word>{_STREET_WORD})(?P<number>{_HOUSE_NUMBER})?(?!\w)")
_SEPARATE_STREET = re.compile(
    rf"(?<!\w){CAP}[ ](?:Gracht|Weg|Laan|Dijk|Kade|Singel|Straat|Plein|Markt|Haven|Steeg)"
    rf"(?:{_HOUSE_NUMBER})?(?!\w)"
)
_CUES = _alternation(lx.PERSON_CUES, ignore_case=True)
_PERSON_CUE = re.compile(rf"(?<!\w)(?i:{_CUES})[ ]+(?P<name>{NAME})(?!\w)")


def _regex_spans(regex: re.Pattern[str], text: str, kind: Kind) -> Iterator[Span]:
    for match in regex.finditer(text):
        yield Span(match.start(), match.end(), kind, "lexicon")


def detect_municipalities(text: str) -> Iterator[Span]:
    for start, end in _municipality_index().finditer(text):
        if text[start:end] in lx.AMBIGUOUS_AT_SENTENCE_START and at_sentence_start(text, start):
            continue
        yield Span(start, end, Kind.MUNICIPALITY, "lexicon")
    yield from _demonyms(text)


def detect_provinces(text: str) -> Iterator[Span]:
    return _regex_spans(_PROVINCE, text, Kind.PROVINCE)


def detect_parties(text: str) -> Iterator[Span]:
    yield from _regex_spans(_PARTY, text, Kind.PARTY)
    yield from _regex_spans(_LOCAL_PARTY, text, Kind.PARTY)


@lru_cache(maxsize=2)
def _listed_party_index(names: tuple[str, ...]) -> PhraseIndex:
    return PhraseIndex(names)


def _listed_party_names() -> tuple[str, ...]:
    """The names on geo's party list (the local parties the association entered), or none without a database
    (de-identification also runs where there is none, e.g. its own tests; the lexicons above still apply)."""
    from django.db import DatabaseError

    from klankbord.geo.selectors import party_names_for_deidentification

    try:
        return party_names_for_deidentification()
    except (DatabaseError, RuntimeError):  # no table yet, no connection, or database access not allowed
        return ()


def detect_listed_parties(text: str) -> Iterator[Span]:
    """Every party on the party list, however local: many are named in ways no shape gives away ("Swollwacht")."""
    names = _listed_party_names()
    if names:
        for start, end in _listed_party_index(names).finditer(text):
            yield Span(start, end, Kind.PARTY, "lexicon")


def detect_organisations(text: str) -> Iterator[Span]:
    return _regex_spans(_ORGANISATION, text, Kind.ORGANISATION)


def _street_word_ok(word: str, has_number: bool) -> bool:
    if word in lx.NOT_STREETS and not has_number:
        return False
    suffix = next((s for s in sorted(lx.STREET_SUFFIXES, key=len, reverse=True) if word.endswith(s)), "")
    return has_number or (suffix not in lx.WEAK_STREET_SUFFIXES and len(word) > len(suffix) + 2)


def detect_streets(text: str) -> Iterator[Span]:
    for match in _STREET.finditer(text):
        if _street_word_ok(match.group("word"), bool(match.group("number"))):
            yield Span(match.start(), match.end(), Kind.ADDRESS, "lexicon")
    yield from _regex_spans(_SEPARATE_STREET, text, Kind.ADDRESS)


def detect_cued_persons(text: str) -> Iterator[Span]:
    for match in _PERSON_CUE.finditer(text):
        name = match.group("name")
        if name.split()[0] in lx.ALLOWLIST or name.lower() in lx.ALLOWLIST:
            continue
        yield Span(match.start("name"), match.end("name"), Kind.PERSON, "lexicon")


PROJECT_DETECTORS = (
    detect_municipalities,
    detect_provinces,
    detect_parties,
    detect_listed_parties,
    detect_organisations,
    detect_streets,
    detect_cued_persons,
)


def propagate_names(text: str, spans: list[Span]) -> Iterator[Span]:
    """Every other mention of a surname or first name already found as a person ('Bakker' after 'Jan Bakker')."""
    words: set[str] = set()
    for span in spans:
        if span.kind == Kind.PERSON:
            words.update(
                word
                for word in re.findall(CAP, text[span.start : span.end])
                if len(word) >= 3
                and word.lower() not in lx.ALLOWLIST
                and word.lower() not in lx.TUSSENVOEGSELS
            )
    if not words:
        return
    for match in re.finditer(rf"(?<!\w)(?:{_alternation(words)})(?!\w)", text):
        yield Span(match.start(), match.end(), Kind.PERSON, "propagated")
