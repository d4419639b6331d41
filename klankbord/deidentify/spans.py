"""Spans found in a text, their kinds (each with its placeholder) and how overlapping spans are merged."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a span is. The value is the placeholder text between brackets."""

    PERSON = "PERSOON"
    MUNICIPALITY = "GEMEENTE"
    PLACE = "PLAATS"
    PROVINCE = "PROVINCIE"
    ADDRESS = "ADRES"
    POSTCODE = "POSTCODE"
    PHONE = "TELEFOON"
    EMAIL = "E-MAIL"
    URL = "URL"
    HANDLE = "HANDLE"
    PLATE = "KENTEKEN"
    IBAN = "IBAN"
    BSN = "BSN"
    DATE = "DATUM"
    PARTY = "PARTIJ"
    ORGANISATION = "ORGANISATIE"
    AGE = "LEEFTIJD"
    NUMBER = "NUMMER"

    @property
    def placeholder(self) -> str:
        return f"[{self.value}]"


# Kinds that point at one person or one place directly; the rest are quasi-identifiers.
DIRECT_KINDS = frozenset(
    {
        Kind.PERSON, Kind.MUNICIPALITY, Kind.ADDRESS, Kind.POSTCODE, Kind.PHONE, Kind.EMAIL, Kind.URL,
        Kind.HANDLE, Kind.PLATE, Kind.IBAN, Kind.BSN, Kind.PARTY,
    }
)  # fmt: skip

# When spans of different kinds overlap, the merged span takes the kind that ranks first here.
_RANK = {kind: rank for rank, kind in enumerate(
    [Kind.EMAIL, Kind.URL, Kind.HANDLE, Kind.IBAN, Kind.BSN, Kind.PHONE, Kind.PARTY, Kind.PLATE,
     Kind.POSTCODE, Kind.ADDRESS, Kind.MUNICIPALITY, Kind.PROVINCE, Kind.ORGANISATION, Kind.PERSON, Kind.PLACE,
     Kind.DATE, Kind.AGE, Kind.NUMBER]
)}  # fmt: skip

PLACEHOLDER_RE = re.compile(r"\[(?:" + "|".join(re.escape(kind.value) for kind in Kind) + r")\]")


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: Kind
    source: str = "pattern"

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def _touching(text: str, left: Span, right: Span) -> bool:
    """Overlapping, or the same kind separated only by spaces ('[PERSOON] [PERSOON]' becomes one)."""
    if left.overlaps(right) or right.start <= left.end:
        return True
    return left.kind == right.kind and not text[left.end : right.start].strip()


def merge(text: str, spans: Iterable[Span]) -> list[Span]:
    """Union of overlapping spans: recall first, a partly covered name would still leak."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and _touching(text, merged[-1], span):
            last = merged[-1]
            kind = min(last.kind, span.kind, key=_RANK.__getitem__)
            merged[-1] = Span(last.start, max(last.end, span.end), kind, last.source)
        else:
            merged.append(span)
    return merged


def redact(text: str, spans: list[Span]) -> str:
    """``text`` with every (merged, non-overlapping) span replaced by its placeholder."""
    parts: list[str] = []
    position = 0
    for span in spans:
        parts.append(text[position : span.start])
        parts.append(span.kind.placeholder)
        position = span.end
    parts.append(text[position:])
    return "".join(parts)
