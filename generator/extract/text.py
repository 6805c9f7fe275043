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
    """Split a paragraph into sentences, keeping offsets (cached: every stage asks)."""
    result: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        stop = match.start()
        word = re.search(r"([\w.]+)$", paragraph[start : stop])
        if word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        if paragraph[stop] == "." and re.search(r"\b[A-Z]\.[A-Z]$", paragraph[start:stop]):
            continue  # "U.S." in the middle of a sentence
        end = match.end()
        text = paragraph[start:end].rstrip()
        result.append(Sentence(start, start + len(text), text))
        start = end
    if start < len(paragraph):
        text = paragraph[start:].rstrip()
        result.append(Sentence(start, start + len(text), text))
    return tuple(result)


def word_count(paragraphs: tuple[str, ...] | list[str]) -> int:
    """Words as a reader counts them: whitespace-separated tokens in the body."""
    return sum(len(p.split()) for p in paragraphs)
