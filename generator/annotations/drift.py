"""Candidates for a note whose quote is no longer in the text as written, scored with its context.

The scoring is the Hypothesis client's (``match-quote``): a candidate's score
is ``(50 * quote + 20 * prefix + 20 * suffix) / 90``, each part a similarity
from 0 to 1; the quote part is the word alignment's (:mod:`.align`), the
prefix and suffix parts compare the note's ``prefix``/``suffix`` with the
text now just before and after the candidate. A note without a prefix (or
suffix) counts 0.5 for it: context that is not known neither confirms nor
rules out a place, so a bare quote must be closer to be anchored.

What can never win (the rules that keep a note off a wrong passage):

* a window covering less than :data:`MIN_COVERAGE` of the quote's weight,
  however alike otherwise: a passage merely contained in the quote (a
  heading that repeats some of its words) does not count;
* a window less alike than :data:`MIN_SIMILARITY`, or scoring under
  :data:`MIN_SCORE`;
* a short paragraph (under :data:`SHORT_WORDS` words) or a heading (at most
  :data:`HEADING_WORDS` words, no closing punctuation), unless the quote is
  that whole paragraph with small changes (a corrected heading);
* a quote of fewer than two words or :data:`MIN_CHARS` characters.

The caller makes a note an orphan when the best two candidates are within
:data:`MARGIN` of each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .align import Token, Window, align, counterpart, tokens
from .folding import Document, word_keys

MIN_COVERAGE = 0.7
MIN_SIMILARITY = 0.5
MIN_SCORE = 0.64
MARGIN = 0.05
UNKNOWN_CONTEXT = 0.5
SHORT_WORDS = 6
HEADING_WORDS = 15
MIN_CHARS = 8
#: a paragraph is aligned only if it holds this share of the quote's content words
PREFILTER = 0.3
QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT = 50, 20, 20
_CLOSED = re.compile(r"[.!?:;\"')\]]$")


@dataclass(slots=True, frozen=True)
class Candidate:
    """A place the note could go: paragraph index and folded [start, end)."""

    paragraph: int
    start: int
    end: int
    score: float  # 0-1, quote and context together
    similarity: float  # the quote part alone
    exact: bool  # the quote itself, word for word (its context drifted)

    def overlaps(self, other: "Candidate") -> bool:
        return self.paragraph == other.paragraph and self.start < other.end and other.start < self.end


def context_similarity(doc: Document, pi: int, a: int, b: int, prefix: str, suffix: str) -> tuple[float, float]:
    """How alike ``prefix``/``suffix`` are to the text now just before and after folded [a, b)."""
    def alike(expected: str, found: str) -> float:
        if not expected:
            return UNKNOWN_CONTEXT
        return fuzz.ratio(expected, found) / 100.0

    before = doc.before(pi, a, len(prefix) + 1).strip()[-len(prefix):] if prefix else ""
    after = doc.after(pi, b, len(suffix) + 1).strip()[:len(suffix)] if suffix else ""
    return alike(prefix, before), alike(suffix, after)


def combined(similarity: float, prefix_score: float, suffix_score: float) -> float:
    total = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT
    return (QUOTE_WEIGHT * similarity + PREFIX_WEIGHT * prefix_score + SUFFIX_WEIGHT * suffix_score) / total


def exact_candidate(doc: Document, hit: tuple[int, int, int], prefix: str, suffix: str) -> Candidate:
    pi, a, b = hit
    return Candidate(pi, a, b, combined(1.0, *context_similarity(doc, pi, a, b, prefix, suffix)), 1.0, True)


def _short_paragraph(para: list[Token], folded: str) -> bool:
    return len(para) < SHORT_WORDS or (len(para) <= HEADING_WORDS and not _CLOSED.search(folded.rstrip()))


def _paragraphs_sharing(doc: Document, quote: list[Token]) -> list[int]:
    content = {t.norm: t for t in quote if t.weight == 1}
    if not content:
        return []
    found: dict[int, float] = {}
    postings = doc.postings()
    for norm in content:
        for pi in {pi for key in word_keys(norm) for pi in postings.get(key, ())}:
            found[pi] = found.get(pi, 0.0) + 1.0
    need = PREFILTER * len(content)
    return sorted(pi for pi, weight in found.items() if weight >= need)


def candidates(doc: Document, quote_text: str, prefix: str, suffix: str) -> list[Candidate]:
    """Every eligible place for the (folded) quote, best first."""
    quote = tokens(quote_text)
    if len(quote) < 2 or len(quote_text) < MIN_CHARS:
        return []
    found = []
    for pi in _paragraphs_sharing(doc, quote):
        para, folded = doc.tokens(pi), doc.paras[pi].folded
        for window in align(quote, para, alternatives=1):
            if not _eligible(window, para, folded):
                continue
            a, b = counterpart(folded, para, quote_text, quote, window)
            score = combined(window.similarity, *context_similarity(doc, pi, a, b, prefix, suffix))
            if score >= MIN_SCORE:
                found.append(Candidate(pi, a, b, score, window.similarity, False))
    found.sort(key=lambda c: (-c.score, c.paragraph, c.start))
    return found


def _eligible(window: Window, para: list[Token], folded: str) -> bool:
    if window.coverage < MIN_COVERAGE or window.similarity < MIN_SIMILARITY:
        return False
    if _short_paragraph(para, folded):  # only the whole paragraph, nearly unchanged (a corrected heading)
        return window.first == 0 and window.last == len(para) - 1 and window.similarity >= 0.9
    return True
