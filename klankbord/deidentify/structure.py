"""Detectors that generalise by structure rather than by listed words.

- hashtags naming a place, a party or a movement (a geographic name inside, or a coined CamelCase name);
- social-media handles without an @ (underscores, dots between name parts, a name run into a year);
- party names built from a head or tail word and any geographic name in the reference data, plus regional
  parties;
- organisations by a list of large employers, banks, brands and regional media, by more head and tail words,
  and any run of capitalised words that contains a geographic name ("Veilig Raadswerk Overijssel");
- street names by structure: "Laan van …" and its kin, a street word after a locative ("aan de Lindehof",
  "op de Biezenkamp"), compass suffixes ("Rondweg-Oost"), dialect spellings ("Molenstroat").

Each leaves ordinary words alone: "de gemeente", "het college", "de burgemeester", a lower-case hashtag that is
an ordinary word, a capitalised word at the start of a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from . import lexicons as lx
from . import vocabulary as vc
from .phrases import PhraseIndex
from .phrases import alternation as _alternation
from .project import CAP, at_sentence_start
from .spans import Kind, Span

_CONNECTOR = r"(?:van|voor|de|der|den|het|'t|in|op|aan|en|tegen)"
# A capitalised word that starts a name (letters, digits, apostrophes, hyphens; at least two characters).
_NAMEWORD = r"[A-ZÀ-ÖØ-Þ][\wÀ-ÿ'’-]*[\wÀ-ÿ]"


@cache
def _geo() -> str:
    return _alternation(vc.geo_names())


# Cheap necessary conditions searched before an expression that implies them: most texts have no digit after a
# letter, no '_', no '#', no letter right after a dot.
_DIGIT = re.compile(r"\d")
_DOT_BEFORE_WORD = re.compile(r"\.[a-z0-9]")

# --- hashtags -----------------------------------------------------------------------------------------------

_HASHTAG = re.compile(r"(?<![\w#&])#(?P<body>[^\W_][\w]{1,60})")
_CAMEL = re.compile(r"[a-zà-ÿ0-9][A-ZÀ-Þ]")
_PARTY_KEYS = ("leefbaar", "belang", "lokaal", "partij", "trotsop", "hartvoor", "sterk")


def _hashtag_kind(body: str) -> Kind | None:
    key = vc.fold_key(body)
    if key in vc.geo_keys():
        return Kind.MUNICIPALITY
    if any(word in key for word in _PARTY_KEYS) and (_CAMEL.search(body) or _has_geo(key)):
        return Kind.PARTY
    if _CAMEL.search(body) or _has_geo(key):
        return Kind.ORGANISATION
    return None


def _has_geo(key: str) -> bool:
    """A geographic name of five letters or more inside a folded hashtag ('geenazcinemmen' has 'emmen')."""
    return any(len(name) >= 5 and name in key for name in vc.geo_keys())


def detect_hashtags(text: str) -> Iterator[Span]:
    """A hashtag is an identifier when it names a place or coins a name; '#inspraak' and '#azc' are kept."""
    if "#" not in text:
        return
    for match in _HASHTAG.finditer(text):
        kind = _hashtag_kind(match.group("body"))
        if kind is not None:
            yield Span(match.start(), match.end(), kind, "structure")


# --- handles without an @ -------------------------------------------------------------------------------------

_UNDERSCORED = re.compile(r"(?<![\w@.])[A-Za-z0-9]+(?:_+[A-Za-z0-9]+)+_*(?![\w@])")
_HANDLE_CUE = re.compile(
    r"(?i:insta(?:gram)?|tiktok|twitter|x|account|profiel|gebruikersnaam|handle|kanaal|vlogger|youtuber|"
    r"volg|volgt|volgen)\W{0,3}(?:van\s+|is\s+|heet\s+|als\s+)?$"
)
_DOTTED = re.compile(r"(?<![\w@.])[a-z0-9]+(?:\.[a-z0-9]+)+(?![\w@]|\.\w)")
_NAME_WITH_YEAR = re.compile(r"(?<![\w@.])[a-z]{3,}[0-9]{2,4}(?![\w@])")


def detect_bare_handles(text: str) -> Iterator[Span]:
    """Handles written without '@': anything with an underscore; a dotted or digit-tailed name after a cue."""
    if "_" in text:
        for match in _UNDERSCORED.finditer(text):
            yield Span(match.start(), match.end(), Kind.HANDLE, "structure")
    for regex, hint in ((_DOTTED, _DOT_BEFORE_WORD), (_NAME_WITH_YEAR, _DIGIT)):
        if not hint.search(text):
            continue
        for match in regex.finditer(text):
            if _HANDLE_CUE.search(text[max(0, match.start() - 30) : match.start()]):
                yield Span(match.start(), match.end(), Kind.HANDLE, "structure")


# --- parties --------------------------------------------------------------------------------------------------


_PARTY_HEAD_BEFORE = re.compile(
    rf"(?<![\w-])(?:{_alternation(vc.PARTY_HEADS_BEFORE_PLACE)})[ ](?:(?:de|het|'t)[ ])?$"
)
_PARTY_TAIL_AFTER = re.compile(rf"[ ](?:{_alternation(vc.PARTY_TAILS_AFTER_PLACE)})(?![\w-])")
_REGIONAL_PARTY = PhraseIndex(vc.REGIONAL_PARTIES)


def detect_geo_parties(text: str) -> Iterator[Span]:
    """'Samen Dalfsen', 'Forza Roermond', 'Westland Verstandig', 'Partij voor Zeeland': head or tail + place."""
    for start, end in _REGIONAL_PARTY.finditer(text):
        yield Span(start, end, Kind.PARTY, "structure")
    for start, end in geo_index().findall(text):
        head = _PARTY_HEAD_BEFORE.search(text, max(0, start - 40), start)
        tail = _PARTY_TAIL_AFTER.match(text, end)
        if head or tail:
            yield Span(head.start() if head else start, tail.end() if tail else end, Kind.PARTY, "structure")


# --- organisations --------------------------------------------------------------------------------------------

_EMPLOYERS = PhraseIndex(
    vc.EMPLOYERS + vc.REGIONAL_MEDIA + ("abn amro", "Abn amro", "Abn Amro", "albert heijn", "Albert heijn")
)
_MORE_HEADS = re.compile(
    rf"(?<![\w-])(?:{_alternation(vc.MORE_ORGANISATION_HEADS)})[ ](?:(?:de|het|'t|De|Het|'T)[ ])?{_NAMEWORD}"
    rf"(?:[ ](?:{_CONNECTOR}[ ])?{_NAMEWORD}){{0,3}}(?:[ ]['’]\d{{2}})?(?![\w-])"
)
_MORE_TAILS = re.compile(
    rf"(?<![\w-]){_NAMEWORD}(?:[ ]{_NAMEWORD}){{0,2}}[ ](?:{_alternation(vc.MORE_ORGANISATION_TAILS)})(?![\w-])"
)


_RUN_WORD = rf"(?:{_NAMEWORD})"
# Before a place only articles join a name ("Stichting De Kernen Altena"); "X in Emmen" and "X van Emmen" say
# where something is, not what it is called. After a place more words do ("Nederland in Verzet").
_RUN_BEFORE = re.compile(rf"(?<![\w-])(?:{_RUN_WORD}[ ](?:(?:de|het|'t|der)[ ])?){{1,3}}$")
_RUN_AFTER = re.compile(
    rf"(?:[ ](?:(?:van|voor|de|der|den|het|'t|in|tegen)[ ]){{0,2}}{_RUN_WORD}){{1,3}}(?![\w-])"
)
# Capitalised words that start a sentence or a clause, never a name: dropped from the front of a run.
_NOT_NAME_STARTS = frozenset(
    {"In", "Op", "Bij", "Uit", "Naar", "Voor", "Van", "Met", "Heel", "Ook", "Dat", "Die", "Deze", "Dit", "Wie",
     "Wat", "Waar", "Als", "En", "Maar", "Want", "Toen", "Nu", "Hier", "Daar", "Ik", "We", "Wij", "Zij", "Ze",
     "Hij", "Het", "De", "Een", "Ons", "Onze", "Mijn", "Zijn", "Haar", "Hun", "Jullie", "Sinds", "Tijdens", "Na"}
)  # fmt: skip


@cache
def _run_anchors() -> PhraseIndex:
    return PhraseIndex(vc.geo_names() + vc.NAME_ANCHORS)


def _geo_runs(text: str) -> Iterator[tuple[int, int]]:
    """Runs of capitalised words (with 'van', 'de', ... between) around a geographic name."""
    resume = 0
    for start, end in _run_anchors().finditer(text):
        if start < resume or not text[start].isupper():
            continue
        before = _RUN_BEFORE.search(text, max(resume, start - 80), start)
        after = _RUN_AFTER.match(text, end)
        if before or after:
            resume = after.end() if after else end
            yield (before.start() if before else start), resume


def _ordinary(word: str) -> bool:
    return word.lower() in lx.ALLOWLIST


def detect_named_organisations(text: str) -> Iterator[Span]:
    for start, end in _EMPLOYERS.finditer(text):
        yield Span(start, end, Kind.ORGANISATION, "structure")
    for regex in (_MORE_HEADS, _MORE_TAILS):
        for match in regex.finditer(text):
            yield Span(match.start(), match.end(), Kind.ORGANISATION, "structure")
    for run_start, run_end in _geo_runs(text):
        start = run_start
        words = text[run_start:run_end].split()
        # A run starts at a sentence start with an ordinary capitalised word: drop that word, keep the name.
        while words and words[0] in _NOT_NAME_STARTS:
            start += len(words[0]) + 1
            words.pop(0)
        while words and (_ordinary(words[0]) or (start == run_start and at_sentence_start(text, start))):
            if len(words) < 3:
                break
            start += len(words[0]) + 1
            words.pop(0)
        if len(words) >= 2 and not all(_ordinary(word) for word in words[:-1]):
            yield Span(start, run_end, Kind.ORGANISATION, "structure")


# --- streets --------------------------------------------------------------------------------------------------

_HOUSE_NUMBER = r"(?:[ ]\d{1,5}(?:[ ]?[a-zA-Z](?!\w)|-\d{1,4})?)?"
_STREET_HEADS = r"(?:Laan|Hof|Plein|Weg|Kade|Singel|Dreef|Park|Burg|Erf|Baan|Pad|Straat|Gracht|Dijk|Wal)"
_OF_STREET = re.compile(
    # not the end of a surname ("Van der Laan van Westerwolde" is a person and a place)
    rf"(?<![\w-])(?<!der )(?<!den )(?<!van )(?<!ter ){_STREET_HEADS}"
    rf"[ ](?:van|der|de|den|het|'t|ter|ten|op|aan)(?:[ ](?:de|der|den|het|'t))?"
    rf"[ ]{_NAMEWORD}(?:[ -]{_NAMEWORD}){{0,3}}{_HOUSE_NUMBER}(?![\w-])"
)
_DIALECT_SUFFIXES = ("stroat", "straot", "stroate", "stroot", "hove", "hoeve", "esch", "horst")
_ANY_SUFFIX = _alternation(tuple(lx.STREET_SUFFIXES) + _DIALECT_SUFFIXES)
_COMPASS = r"(?:-(?:Oost|West|Noord|Zuid|Midden))"
_LOCATIVE_STREET = re.compile(
    rf"(?i:\b(?:aan|op|in|bij|langs|naar|over|via|van)[ ](?:de|het|'t))[ ]"
    rf"(?P<street>(?:{CAP}[ ]){{0,2}}[A-ZÀ-Þ][\wÀ-ÿ'’]*(?:{_ANY_SUFFIX}){_COMPASS}?{_HOUSE_NUMBER})(?![\w-])"
)
_SUFFIXED_STREET = re.compile(
    rf"(?<![\w-])(?:{CAP}[ ]){{0,2}}[A-ZÀ-Þ][\wÀ-ÿ'’]*(?:{_ANY_SUFFIX})(?P<tail>{_COMPASS}|[ ]\d{{1,5}}[a-zA-Z]?)"
    rf"(?![\w-])"
)
_SEPARATE_WORD_STREET = re.compile(
    rf"(?<![\w-])(?!(?:De|Het|Een|Die|Deze|Onze|Mijn|Zijn|Haar)\b){CAP}[ ](?:Ring|Hof|Dreef|Baan|Pad|Park|Erf|Wal)"
    rf"{_HOUSE_NUMBER}(?![\w-])"
)
_DIALECT_STREET = re.compile(r"(?<![\w-])[A-ZÀ-Þ][\wÀ-ÿ'’]*(?:stroat|straot|stroot|stroate)(?![\w-])")
_NOT_STREET_AFTER_LOCATIVE = frozenset(
    {"Achterhoek", "Markt", "Park", "Tuin", "Berg", "Kamp", "Haven", "Dam"}
)


def detect_structural_streets(text: str) -> Iterator[Span]:
    regexes = [_OF_STREET, _SEPARATE_WORD_STREET]
    if "stro" in text or "strao" in text:  # in every suffix _DIALECT_STREET ends with
        regexes.append(_DIALECT_STREET)
    for regex in regexes:
        for match in regex.finditer(text):
            yield Span(match.start(), match.end(), Kind.ADDRESS, "structure")
    for match in _LOCATIVE_STREET.finditer(text):
        street = match.group("street")
        if street.split()[0] not in _NOT_STREET_AFTER_LOCATIVE and street not in lx.NOT_STREETS:
            yield Span(match.start("street"), match.end("street"), Kind.ADDRESS, "structure")
    for match in _SUFFIXED_STREET.finditer(text):
        yield Span(match.start(), match.end(), Kind.ADDRESS, "structure")


# --- places written in lower case, regions, compass parts ---------------------------------------------------

# Municipality names that are also Dutch words in lower case ("houten" = wooden, "leiden" = to lead).
_LOWER_CASE_WORDS = frozenset(
    {"houten", "bergen", "putten", "duiven", "huizen", "kampen", "leiden", "losser", "waterland", "sluis", "delft",
     "hoorn", "laren", "voorst", "buren", "stein", "beek", "goes", "best", "loon", "echt", "weert", "oss", "ede",
     "epe", "urk", "boxmeer", "midden", "land", "westland", "gouda", "zwijndrecht"}
)  # fmt: skip


@cache
def _lower_case_places() -> PhraseIndex:
    return PhraseIndex({name.lower() for name in vc.geo_names() if len(name) >= 5} - _LOWER_CASE_WORDS)


@cache
def _regions() -> PhraseIndex:
    return PhraseIndex(vc.region_names())


@cache
def geo_index() -> PhraseIndex:
    return PhraseIndex(vc.geo_names())


_COMPASS_PART = re.compile(r"-(?:Noord|Oost|Zuid|West|Centrum|Midden)(?![\w-])")


def detect_regions_and_lower_case_places(text: str) -> Iterator[Span]:
    """Regions from the reference data ('Oost-Brabant'), a place's part ('Apeldoorn-Zuid'), 'sliedrecht'."""
    for start, end in _regions().finditer(text):
        yield Span(start, end, Kind.PROVINCE, "structure")
    for start, end in _geo_with_hyphen(text):
        part = _COMPASS_PART.match(text, end)
        if part:
            yield Span(start, part.end(), Kind.PLACE, "structure")
    for start, end in _lower_case_places().finditer(text):
        yield Span(start, end, Kind.MUNICIPALITY, "structure")


def _geo_with_hyphen(text: str) -> Iterator[tuple[int, int]]:
    """Geographic names directly followed by a hyphen ('Apeldoorn-Zuid')."""
    for match in re.finditer(r"(?<![\w-])[A-ZÀ-Þ'][\w'’]*(?=-)", text):
        end = geo_index().longest_at(text, match.start(), before_hyphen=True)
        if end > 0:
            yield match.start(), end


# --- reference numbers and ages without a unit ------------------------------------------------------------

_CODE = re.compile(r"(?<![\w/-])(?=[\w/-]*\d)[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)+(?![\w/-])")
_CODE_CUE = re.compile(r"(?i:nummer|nr\.?|kenmerk|referentie|zaak|dossier|melding|voorstel)\W{0,3}$")
_BARE_AGE = re.compile(
    r"(?i:\b(?:ik ben|ben ik|hij is|zij is|ze is|was|werd|wordt))[ ](?P<age>[1-9]\d)(?=[ ,.!]|$)"
    r"(?![ ](?:keer|uur|minuten|dagen|weken|maanden|jaar|euro|procent|%))"
)


def detect_codes_and_bare_ages(text: str) -> Iterator[Span]:
    """Case and registration numbers with dashes or slashes ('RvB-2025-0931'); 'ik ben 53' as an age."""
    if not _DIGIT.search(text):
        return
    for match in _CODE.finditer(text):
        digits = sum(char.isdigit() for char in match.group())
        if digits >= 5 or (
            digits >= 3 and _CODE_CUE.search(text[max(0, match.start() - 20) : match.start()])
        ):
            yield Span(match.start(), match.end(), Kind.NUMBER, "structure")
    for match in _BARE_AGE.finditer(text):
        yield Span(match.start("age"), match.end("age"), Kind.AGE, "structure")


STRUCTURE_DETECTORS = (
    detect_regions_and_lower_case_places,
    detect_codes_and_bare_ages,
    detect_hashtags,
    detect_bare_handles,
    detect_geo_parties,
    detect_named_organisations,
    detect_structural_streets,
)
