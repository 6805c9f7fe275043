"""Sentences and spans within a paragraph."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "st",
    "no", "vs", "inc", "corp", "ltd", "co", "jr", "sr", "u.s", "u.n", "u.k", "e.g", "i.e",
    "a.m", "p.m", "wyo", "calif", "mass", "conn", "wash", "ariz", "fla", "ill", "mich",
}
_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


@dataclass(slots=True, frozen=True)
class Sentence:
    start: int  # offset in the paragraph
    end: int
    text: str


@lru_cache(maxsize=4096)
def sentences(paragraph: str) -> tuple[Sentence, ...]:
    """Split a paragraph into sentences, keeping offsets (cached: every stage asks).

    Linear in the paragraph: at each candidate boundary only the word just
    before it is looked at (a boundary skipped after "Jan." or "U.S." used
    to search the whole sentence so far again)."""
    result: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        stop = match.start()
        word = _word_before(paragraph, start, stop)
        if word and (word.lower() in ABBREVIATIONS or len(word) == 1):
            continue
        if paragraph[stop] == "." and _initials_before(paragraph, start, stop):
            continue  # "U.S." in the middle of a sentence
        end = match.end()
        text = paragraph[start:end].rstrip()
        result.append(Sentence(start, start + len(text), text))
        start = end
    if start < len(paragraph):
        text = paragraph[start:].rstrip()
        result.append(Sentence(start, start + len(text), text))
    return tuple(result)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches


def _word_before(text: str, start: int, stop: int) -> str:
    r"""The run of word characters and dots that ends at ``stop`` (not before ``start``):
    what ``re.search(r"([\w.]+)$", text[start:stop])`` found."""
    i = stop
    while i > start and (text[i - 1] == "." or _is_word_char(text[i - 1])):
        i -= 1
    return text[i:stop]


def _initials_before(text: str, start: int, stop: int) -> bool:
    r"""Whether ``text[start:stop]`` ends with a word "X.Y" of capitals (``\b[A-Z]\.[A-Z]$``)."""
    i = stop - 3
    return (i >= start and "A" <= text[i] <= "Z" and text[i + 1] == "." and "A" <= text[i + 2] <= "Z"
            and (i == start or not _is_word_char(text[i - 1])))


def word_count(paragraphs: tuple[str, ...] | list[str]) -> int:
    """Words as a reader counts them: whitespace-separated tokens in the body."""
    return sum(len(p.split()) for p in paragraphs)
