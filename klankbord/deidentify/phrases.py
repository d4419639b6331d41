"""Finding any of a thousand fixed phrases in a text quickly.

A regular expression with an alternation of a thousand names tries every name at every word start, which made
the geographic detectors the slowest part of the pipeline. ``PhraseIndex`` buckets the phrases by their first
three characters and tries only the few in a word's bucket, longest first, with the same boundaries as
``(?<![\\w-])(?:a|b|...)(?![\\w-])``.

A text is scanned for word starts once, not once per index: the starts and their three-character keys are
remembered for the last few texts (``_keyed_starts``), and every index (municipalities, regions, employers,
parties, ...) only filters that list by its own bucket keys, in one comprehension.
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

# A character trie: each key is a character, and the key "" marks the end of a word.
_Trie = dict[str, "_Trie"]


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
        # Keys of phrases shorter than three characters ("EY"): a word's key is checked against them cut short.
        self._short_keys = frozenset(key for key in self._buckets if len(key) < _KEY)

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
        for start in self._candidates(text):
            if start < resume:
                continue
            end = self.longest_at(text, start)
            if end > 0:
                yield start, end
                resume = end

    def _candidates(self, text: str) -> list[int]:
        """Word starts of ``text`` whose first characters open one of this index's buckets."""
        buckets = self._buckets
        starts = _keyed_starts(self._starts, text)
        if not self._short_keys:
            return [start for start, key in starts if key in buckets]
        shorts = self._short_keys
        return [start for start, key in starts if key in buckets or key[:2] in shorts or key[:1] in shorts]

    def _joins(self, char: str) -> bool:
        return char.isalnum() or char in self._joiners


@lru_cache(maxsize=16)
def _keyed_starts(starts: re.Pattern[str], text: str) -> tuple[tuple[int, str], ...]:
    """(position, first three characters) of every word start ``starts`` finds in ``text``."""
    positions = [match.start() for match in starts.finditer(text)]
    return tuple([(start, text[start : start + _KEY]) for start in positions])


@lru_cache(maxsize=8)
def _findall(index: PhraseIndex, text: str) -> tuple[tuple[int, int], ...]:
    return tuple(index.finditer(text))


def alternation(words: Iterable[str], *, ignore_case: bool = False) -> str:
    """A regular expression matching any of ``words``, written as a trie ('ab(?:c|d)?' for ab, abc, abd).

    ``re`` tries the branches of a flat alternation one by one at every position, so a list of a hundred words
    costs a hundred comparisons at each word start; the trie costs one per character. It matches what the flat
    alternation sorted longest first matches: two words can both match at one position only when one is a
    prefix of the other, and the trie tries the longer first, backtracking to the shorter. For use inside
    ``(?i:...)`` pass ``ignore_case``: the words are lower-cased first, so no two branches match the same text.
    """
    trie: _Trie = {}
    for word in {word.lower() if ignore_case else word for word in words if word}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: _Trie) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"{body}?" if len(branches) > 1 else f"(?:{body})?"
