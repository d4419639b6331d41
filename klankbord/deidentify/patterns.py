"""Regular-expression detectors for identifiers with a fixed shape, with checksums where the shape has one.

Each detector takes the text and returns spans. Validation errs towards redaction where a near-miss still
identifies someone (a mistyped IBAN is still someone's account), and towards keeping the text where a
checksum is the only thing that tells an identifier from an ordinary number (BSN).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .phrases import alternation
from .spans import Kind, Span

Detector = Callable[[str], Iterator[Span]]

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w-])")
_URL = re.compile(
    r"(?:(?:https?://|www\.)[^\s<>\"']+|(?<![@\w.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*"
    r"\.(?:nl|com|org|net|eu|be|info|io|nu|online|frl|amsterdam|ly|me|co|tv|app|gl)(?:/[^\s<>\"']*)?(?![\w-]))",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.IGNORECASE)
_NL_IBAN = re.compile(r"^NL\d{2}[A-Z]{4}\d{10}$", re.IGNORECASE)
_DIGIT_GROUPS = re.compile(r"(?<![\w.,-])\d(?:[ .-]?\d){7,17}(?![\w-])")
_BSN_CUE = re.compile(r"(?:bsn|burgerservicenummer|sofinummer)\W{0,3}$", re.IGNORECASE)
_POSTCODE = re.compile(r"\b[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}\b|\b[1-9]\d{3}(?!sa|sd|ss)[a-z]{2}\b")
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)31[\s.-]?(?:\(0\)[\s.-]?)?(?:\d[\s.-]?){8}\d"  # +31 6 1234 5678, 0031 70 123 4567
    r"|\(0\d{2}\)[\s.-]?(?:\d[\s.-]?){6}\d"  # (010) 123 45 67
    r"|\(0\d{3}\)[\s.-]?(?:\d[\s.-]?){5}\d"  # (0512) 12 34 56
    r"|0[89]0[0969][\s.-]?(?:\d[\s.-]?){3,6}\d"  # 0800-1234, 0900-123 45 67
    r"|0(?:\d[\s.-]?){8}\d"  # 06-12345678, 070 373 83 14
    r")(?!\d)"
)
_MONTHS = alternation(
    ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
     "november", "december", "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec")
)  # fmt: skip
_WEEKDAYS = alternation(
    ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
     "ma", "di", "wo", "do", "vr", "za", "zo")
)  # fmt: skip
_DATE = re.compile(
    r"\b(?:(?:" + _WEEKDAYS + r")\.?\s+)?(?:\d{1,2}(?:e|ste|de)?\s+(?:" + _MONTHS + r")\b\.?(?:\s+'?\d{2,4})?"
    r"|(?:" + _MONTHS + r")\s+(?:19|20)\d{2})\b"
    r"|\b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}\b"
    r"|\b(?:19|20)\d{2}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
_AGE = re.compile(r"\b\d{1,3}[- ]?(?:jaar|jarige|jarig)\b", re.IGNORECASE)
_LONG_NUMBER = re.compile(r"(?<![\w.,-])\d{6,}(?![\w-])")

# The fourteen Dutch licence-plate side codes (X letter, 9 digit), written with or without dashes.
_SIDECODES = (
    "XX-99-99", "99-99-XX", "99-XX-99", "XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9", "9-XXX-99",
    "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999", "999-XX-9",
)  # fmt: skip


def _sidecode_pattern(code: str, separator: str) -> str:
    groups = [
        "[A-Z]{%d}" % len(group) if group[0] == "X" else r"\d{%d}" % len(group)  # noqa: UP031
        for group in code.split("-")
    ]
    return separator.join(groups)


_PLATE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(_sidecode_pattern(code, "[- ]") for code in _SIDECODES)
    + "|"
    + "|".join(_sidecode_pattern(code, "") for code in _SIDECODES)
    + r")(?![\w-])"
)


def iban_valid(candidate: str) -> bool:
    """ISO 13616 mod-97 check."""
    compact = re.sub(r"\s", "", candidate).upper()
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return int(digits) % 97 == 1


def bsn_valid(candidate: str) -> bool:
    """The Dutch eleven test: 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11 (and not all zeros)."""
    digits = re.sub(r"\D", "", candidate)
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or int(digits) == 0:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


# Cheap necessary conditions, searched before a detector's own expression: most texts have no '@', no letter
# right after a dot, no capital next to a digit. Each is implied by every match of the expression it guards.
_DIGIT = re.compile(r"\d")  # the default: every other expression here matches a digit
_AT = re.compile("@")
_URL_HINT = re.compile(r"\.[A-Za-z]|://|(?i:www\.)")
_PLATE_HINT = re.compile(r"[A-Z][- ]?\d|\d[- ]?[A-Z]")


def _spans(
    regex: re.Pattern[str],
    text: str,
    kind: Kind,
    check: Callable[[str], bool] | None = None,
    hint: re.Pattern[str] | None = _DIGIT,
) -> Iterator[Span]:
    """Spans of ``regex`` in ``text`` (those that pass ``check``); none without a match of ``hint``."""
    if hint is not None and not hint.search(text):
        return
    for match in regex.finditer(text):
        if check is None or check(match.group()):
            yield Span(match.start(), match.end(), kind)


def _trim_url(text: str) -> Iterator[Span]:
    if not _URL_HINT.search(text):
        return
    for match in _URL.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in ".,;:!?)]'\"":
            end -= 1
        yield Span(match.start(), end, Kind.URL)


def _ibans(text: str) -> Iterator[Span]:
    if not _DIGIT.search(text):
        return
    for match in _IBAN.finditer(text):
        compact = re.sub(r"\s", "", match.group())
        if _NL_IBAN.match(compact) or iban_valid(compact):
            yield Span(match.start(), match.end(), Kind.IBAN)


def _bsns(text: str) -> Iterator[Span]:
    if not _DIGIT.search(text):
        return
    for match in _DIGIT_GROUPS.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        cued = bool(_BSN_CUE.search(text[max(0, match.start() - 30) : match.start()]))
        if len(digits) in (8, 9) and (bsn_valid(digits) or cued):
            yield Span(match.start(), match.end(), Kind.BSN)


def detect_email(text: str) -> Iterator[Span]:
    return _spans(_EMAIL, text, Kind.EMAIL, hint=_AT)


def detect_url(text: str) -> Iterator[Span]:
    return _trim_url(text)


def detect_handle(text: str) -> Iterator[Span]:
    return _spans(_HANDLE, text, Kind.HANDLE, hint=_AT)


def detect_phone(text: str) -> Iterator[Span]:
    return _spans(_PHONE, text, Kind.PHONE)


def detect_postcode(text: str) -> Iterator[Span]:
    return _spans(_POSTCODE, text, Kind.POSTCODE)


def detect_plate(text: str) -> Iterator[Span]:
    return _spans(_PLATE, text, Kind.PLATE, lambda value: any(char.isdigit() for char in value), _PLATE_HINT)


def detect_date(text: str) -> Iterator[Span]:
    return _spans(_DATE, text, Kind.DATE)


def detect_age(text: str) -> Iterator[Span]:
    return _spans(_AGE, text, Kind.AGE)


def detect_long_number(text: str) -> Iterator[Span]:
    """Any run of six or more digits left over: case numbers, policy numbers, registration numbers."""
    return _spans(_LONG_NUMBER, text, Kind.NUMBER)


PATTERN_DETECTORS: tuple[Detector, ...] = (
    detect_email,
    detect_url,
    detect_handle,
    _ibans,
    _bsns,
    detect_phone,
    detect_postcode,
    detect_plate,
    detect_date,
    detect_age,
    detect_long_number,
)
