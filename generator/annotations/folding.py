"""The text notes are anchored on: folded paragraphs and where a quote occurs in them.

Matching is on *folded* text (:func:`fold`): curly and straight quotes are the
same, every dash (hyphen, en, em, minus, ``--``) is one ``-`` with no space
around it, any run of whitespace (NBSP, thin space, newline, ...) is one
space, ``…`` is ``...`` and zero-width characters are ignored. Offsets map
back to the original text (:meth:`Folded.span`).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Sequence

from .align import Token, tokens

_SINGLE = "\u2018\u2019\u201a\u201b\u2032\u2035\u0060\u00b4"
_DOUBLE = "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_ZERO_WIDTH = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_FOLD = {**{c: "'" for c in _SINGLE}, **{c: '"' for c in _DOUBLE}, "\u2026": "..."}


def fold(text: str) -> tuple[str, list[int]]:
    """Typography-insensitive form of ``text`` and, for each of its characters,
    the index of the character of ``text`` it comes from."""
    out: list[str] = []
    origin: list[int] = []
    space_at: int | None = None
    for index, char in enumerate(text):
        if char in _ZERO_WIDTH:
            continue
        if char.isspace():
            if space_at is None:
                space_at = index
            continue
        if char in _DASHES:
            space_at = None  # no space before a dash
            if out and out[-1] == "-":
                continue
            out.append("-")
            origin.append(index)
            continue
        if space_at is not None and out and out[-1] != "-":  # no space after a dash
            out.append(" ")
            origin.append(space_at)
        space_at = None
        for piece in _FOLD.get(char, char):
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


class Folded:
    """One paragraph, folded, with the way back to original offsets."""

    __slots__ = ("text", "folded", "origin")

    def __init__(self, text: str):
        self.text = text
        self.folded, self.origin = fold(text)

    def spaced(self, at: int) -> bool:
        """Whether folded character ``at`` follows a space in the original text."""
        origin = self.origin[at]
        return origin > 0 and self.text[origin - 1].isspace()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) for folded [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


def occurrences(needle: str, haystack: str) -> list[int]:
    found = []
    at = haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def snippet(paragraph: str, start: int, end: int, width: int = 30) -> str:
    """``…before [passage] after…`` for messages."""
    before = paragraph[max(0, start - width):start]
    after = paragraph[end:end + width]
    lead = "…" if start > width else ""
    tail = "…" if end + width < len(paragraph) else ""
    return " ".join(f"{lead}{before}[{paragraph[start:end]}]{after}{tail}".split())


#: length of the quote prefix the document index is keyed on
GRAM = 8


class Document:
    """An article's paragraphs, folded; where quotes occur; their words, on demand."""

    def __init__(self, paragraphs: Sequence[str], quotes: Iterable[str] = ()):
        self.paras = [Folded(p) for p in paragraphs]
        self._tokens: list[list[Token]] | None = None
        self._postings: dict[str, list[int]] | None = None
        self._keys: dict[int, set[str]] = {}
        self.joined = " ".join(p.folded for p in self.paras)
        self.starts: list[int] = []
        at = 0
        for p in self.paras:
            self.starts.append(at)
            at += len(p.folded) + 1
        self._index_quotes(quotes)

    def _index_quotes(self, quotes: Iterable[str]) -> None:
        """Where each quote's first GRAM characters occur in the joined text.

        One pass over the text per distinct prefix length (GRAM, or a shorter
        quote's length), whatever the number of notes: finding every note's
        quote is then linear in text + notes + occurrences, not text x notes.
        """
        by_length: dict[int, set[str]] = {}
        for quote in quotes:
            if quote:
                by_length.setdefault(min(len(quote), GRAM), set()).add(quote[:GRAM])
        self.positions: dict[str, list[int]] = {}
        self.indexed: set[str] = set().union(*by_length.values())
        joined = self.joined
        for length, grams in sorted(by_length.items()):
            positions = self.positions
            for i in range(len(joined) - length + 1):
                gram = joined[i:i + length]
                if gram in grams:
                    positions.setdefault(gram, []).append(i)

    def find(self, quote: str) -> tuple[list[tuple[int, int, int]], int]:
        """Every occurrence of ``quote`` within one paragraph, as (paragraph,
        start, end) in folded offsets; and the joined offset of the first
        occurrence that runs across paragraphs (-1 if none)."""
        gram = quote[:GRAM]
        if gram in self.indexed:
            candidates = self.positions.get(gram, [])
        else:  # a quote the document was not built for
            candidates = occurrences(gram, self.joined)
        hits: list[tuple[int, int, int]] = []
        spanning = -1
        for at in candidates:
            if not self.joined.startswith(quote, at):
                continue
            pi = self.paragraph_at(at)
            a = at - self.starts[pi]
            if a + len(quote) <= len(self.paras[pi].folded):
                hits.append((pi, a, a + len(quote)))
            elif spanning == -1:
                spanning = at
        return hits, spanning

    def before(self, pi: int, at: int, n: int) -> str:
        """Up to n folded characters before folded offset ``at`` of paragraph pi."""
        pos = self.starts[pi] + at
        return self.joined[max(0, pos - n):pos]

    def after(self, pi: int, at: int, n: int) -> str:
        pos = self.starts[pi] + at
        return self.joined[pos:pos + n]

    def tokens(self, pi: int) -> list[Token]:
        """Paragraph pi's word tokens (see :mod:`.align`); all are cut the first time."""
        if self._tokens is None:
            self._tokens = [tokens(p.folded) for p in self.paras]
        return self._tokens[pi]

    def postings(self) -> dict[str, list[int]]:
        """Content word (and its first two letters, for typos) -> the paragraphs holding it."""
        if self._postings is None:
            self._postings = {}
            for pi in range(len(self.paras)):
                for key in {k for t in self.tokens(pi) if t.weight == 1 for k in word_keys(t.norm)}:
                    self._postings.setdefault(key, []).append(pi)
        return self._postings

    def keys(self, pi: int) -> set[str]:
        """Paragraph pi's :func:`word_keys`, for telling whether it holds a word or a typo of it."""
        if pi not in self._keys:
            self._keys[pi] = {k for t in self.tokens(pi) for k in word_keys(t.norm)}
        return self._keys[pi]

    def paragraph_at(self, joined_offset: int) -> int:
        return bisect_right(self.starts, joined_offset) - 1


def fits(doc: Document, pi: int, a: int, b: int, prefix: str, suffix: str) -> bool:
    if prefix and not doc.before(pi, a, len(prefix) + 1).rstrip().endswith(prefix):
        return False
    if suffix and not doc.after(pi, b, len(suffix) + 1).lstrip().startswith(suffix):
        return False
    return True


def _wordy(char: str) -> bool:
    return char.isalnum() or char in "-'\u2019\u2010\u2011"


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words (a hyphenated word is one) and trim spaces."""
    while start > 0 and _wordy(text[start - 1]) and _wordy(text[start]):
        start -= 1
    while end < len(text) and _wordy(text[end - 1]) and _wordy(text[end]):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def word_keys(norm: str) -> tuple[str, ...]:
    """Index keys of a word: itself and, for words a typo may change, its first two letters."""
    return (norm, norm[:2] + "\0") if len(norm) >= 3 else (norm,)
