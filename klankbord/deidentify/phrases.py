"""Finding any of a thousand fixed phrases in a text quickly.

A regular expression with an alternation of a thousand names tries every name at every word start, which made
the geographic detectors the slowest part of the pipeline. ``PhraseIndex`` buckets the phrases by their first
three characters and tries only the few in a word's bucket, longest first, with the same boundaries as
``(?<![\\w-])(?:a|b|...)(?![\\w-])``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

_WORD_START = re.compile(r"(?<![\w-])[\w'’]")
_WORD_START_AFTER_HYPHEN = re.compile(r"(?<!\w)[\w'’]")
# Only words that start with a capital or an apostrophe ("'s-Hertogenbosch"): most words of a text are not.
_CAPITAL_START = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ'’]")
_CAPITAL_START_AFTER_HYPHEN = re.compile(r"(?<!\w)[A-ZÀ-ÖØ-Þ'’]")
_KEY = 3


class PhraseIndex:
    def __init__(self, phrases: Iterable[str], *, hyphen_joins: bool = True) -> None:
        self._joiners = "_-" if hyphen_joins else "_"
        phrases = [phrase for phrase in set(phrases) if phrase]
        capitalised = all(phrase[0].isupper() or phrase[0] in "'’" for phrase in phrases)
        if capitalised:
            self._starts = _CAPITAL_START if hyphen_joins else _CAPITAL_START_AFTER_HYPHEN
        else:
            self._starts = _WORD_START if hyphen_joins else _WORD_START_AFTER_HYPHEN
        buckets: dict[str, list[str]] = defaultdict(list)
        for phrase in phrases:
            if phrase:
                buckets[phrase[:_KEY]].append(phrase)
        self._buckets = {key: sorted(group, key=len, reverse=True) for key, group in buckets.items()}
        self._sizes = sorted({len(key) for key in self._buckets}, reverse=True)

    def longest_at(self, text: str, position: int, *, before_hyphen: bool = False) -> int:
        """End of the longest phrase starting at ``position`` and ending at a word boundary (or, with
        ``before_hyphen``, right before a hyphen), or -1."""
        for size in self._sizes:  # a shorter phrase sits in a shorter bucket
            for phrase in self._buckets.get(text[position : position + size], ()):
                end = position + len(phrase)
                if not text.startswith(phrase, position):
                    continue
                if (
                    text[end : end + 1] == "-"
                    if before_hyphen
                    else end == len(text) or not self._joins(text[end])
                ):
                    return end
        return -1

    def findall(self, text: str) -> tuple[tuple[int, int], ...]:
        """``finditer`` as a tuple, remembered for the last few texts (several detectors ask the same)."""
        return _findall(self, text)

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of non-overlapping phrases, left to right, each the longest at its start."""
        resume = 0
        only_full_keys = self._sizes == [_KEY]
        for match in self._starts.finditer(text):
            start = match.start()
            if start < resume or (only_full_keys and text[start : start + _KEY] not in self._buckets):
                continue  # the common case, decided without a call
            end = self.longest_at(text, start)
            if end > 0:
                yield start, end
                resume = end

    def _joins(self, char: str) -> bool:
        return char.isalnum() or char in self._joiners


@lru_cache(maxsize=8)
def _findall(index: PhraseIndex, text: str) -> tuple[tuple[int, int], ...]:
    return tuple(index.finditer(text))
