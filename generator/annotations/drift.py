"""Candidates for a note whose quote is no longer in the text as written, scored with its context.

The scoring is the Hypothesis client's (``match-quote``): a candidate's score
is ``(50 * quote + 20 * prefix + 20 * suffix) / 90``, each part a similarity
from 0 to 1; the quote part is the word alignment's (:mod:`.align`), the
prefix and suffix parts compare the note's ``prefix``/``suffix`` with the
text now just before and after the candidate. A note without a prefix (or
suffix) counts 0.5 for it: context that is not known neither confirms nor
rules out a place, so a bare quote must be closer to be anchored.

What can never win (the rules that keep a note off a wrong passage):

* a window covering less than :data:`MIN_COVERAGE` of the quote's content
  words, however alike otherwise: a passage merely contained in the quote (a
  heading that repeats some of its words) does not count. The one exception
  is the quote itself with a clause cut off its start or end and nothing
  else changed, word for word up to a clause break of both texts (an
  attribution dropped: ``..., according to drivers at the checkpoint.``):
  it needs :data:`MIN_CUT_COVERAGE` (:func:`.span.cut_clause`);
* a window less alike than :data:`MIN_SIMILARITY`, or scoring under
  :data:`MIN_SCORE`;
* a short paragraph (under :data:`SHORT_WORDS` words) or a heading (at most
  :data:`HEADING_WORDS` words, no closing punctuation), unless the quote is
  that whole paragraph with small changes (a corrected heading);
* a quote of fewer than two words or :data:`MIN_CHARS` characters.

The caller makes a note an orphan when the best two candidates are within
:data:`MARGIN` of each other, or when another candidate scoring at most
:data:`COMPLEMENT_BELOW` under :data:`MIN_SCORE` holds every content word the
best lacks and the context does not favour the best (:func:`complement`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from .align import Token, Window, align, merge_compounds, tokens
from .folding import Document, word_keys
from .span import counterpart, cut_clause, trim_to_sentence, with_moved_words

MIN_COVERAGE = 0.7
#: ... or this share, when the window is the quote with one clause cut off, nothing else changed
MIN_CUT_COVERAGE = 0.5
MIN_SIMILARITY = 0.5
MIN_SCORE = 0.6
MARGIN = 0.05
#: a passage holding the words the best candidate lacks is a rival down to this much under MIN_SCORE
COMPLEMENT_BELOW = 0.1
UNKNOWN_CONTEXT = 0.5
#: context counts only when some candidate has a prefix or suffix at least this alike
INFORMATIVE = 0.5
SHORT_WORDS = 6
HEADING_WORDS = 15
MIN_CHARS = 8
#: a paragraph is aligned only if it holds this share of the quote's content words (or words with
#: their first two letters): below it, no window can cover MIN_COVERAGE, a replaced figure counting half
PREFILTER = 0.4
#: and only the paragraphs holding most of them: the work per drifted note is bounded
MAX_PARAGRAPHS = 10
#: and at most this many alignment cells (quote words x paragraph words) in all: a bound on the time
#: one drifted note takes (about a second), whatever its length and the article's
MAX_CELLS = 300_000
QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT = 50, 20, 20
_CLOSED = re.compile(r"[.!?:;\"')\]]$")


@dataclass(slots=True, frozen=True)
class Candidate:
    """A place the note could go: paragraph index and folded [start, end)."""

    paragraph: int
    start: int
    end: int
    similarity: float  # the quote part (0-1)
    prefix: float  # how alike the text before is to the prefix (0-1; UNKNOWN_CONTEXT if none)
    suffix: float
    exact: bool  # the quote itself, word for word (its context drifted)
    score: float = 0.0  # 0-1, quote and context together (set by :func:`rank`)

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


def rank(doc: Document, hits: list[tuple[int, int, int]], quote: str, prefix: str, suffix: str,
         floor: float = 0.0) -> list[Candidate]:
    """The quote's exact occurrences (``hits``, whose context no longer fits) and the passages
    closest to it, scored and best first; those under MIN_SCORE - ``floor`` left out.

    Context decides only where it is informative: when no candidate has a prefix or suffix at
    least INFORMATIVE alike (the passage moved, or everything around it was rewritten), every
    candidate is scored as if the note had none, rather than all being marked down alike."""
    found = []
    for pi, a, b in hits:
        found.append(Candidate(pi, a, b, 1.0, *context_similarity(doc, pi, a, b, prefix, suffix), True))
    found += [c for c in _windows(doc, quote, prefix, suffix) if not any(c.overlaps(e) for e in found)]
    given = [s for c in found for s, known in ((c.prefix, prefix), (c.suffix, suffix)) if known]
    informative = any(s >= INFORMATIVE for s in given)
    scored = []
    for c in found:
        p, s = (c.prefix, c.suffix) if informative else (UNKNOWN_CONTEXT, UNKNOWN_CONTEXT)
        score = combined(c.similarity, p, s)
        if c.exact or score >= MIN_SCORE - floor:
            scored.append(replace(c, score=score))
    scored.sort(key=lambda c: (-c.score, not c.exact, c.paragraph, c.start))
    return scored


def complement(doc: Document, quote: str, best: Candidate, others: list[Candidate]) -> Candidate | None:
    """Another passage that holds every content word of the quote the drifted ``best`` lacks, when
    the note's context does not favour ``best`` over it: two sentences each keep part of the quote
    ("Prices rose by 4% in March, the statistics office said." -> "Prices rose by 4% in March." and
    a sibling "Wages rose by 4% in April, the statistics office said."), and which one the note is
    about cannot be told. The caller makes the note an orphan naming both."""
    def content(c: Candidate) -> set[str]:
        return {t.norm for t in tokens(doc.paras[c.paragraph].folded[c.start:c.end]) if t.weight == 1}

    lacking = {t.norm for t in tokens(quote) if t.weight == 1} - content(best)
    if best.exact or not lacking:
        return None
    for other in others:
        if (not other.overlaps(best) and lacking <= content(other)
                and other.prefix + other.suffix >= best.prefix + best.suffix):
            return other
    return None


def _short_paragraph(para: list[Token], folded: str) -> bool:
    return len(para) < SHORT_WORDS or (len(para) <= HEADING_WORDS and not _CLOSED.search(folded.rstrip()))


def _paragraphs_sharing(doc: Document, quote: list[Token]) -> list[int]:
    """The paragraphs holding at least PREFILTER of the quote's content words (or typos of them),
    most first. A paragraph holding that many holds one of the n - k + 1 rarest exactly, so only
    those words' paragraphs are looked at: the work does not grow with the text for common words."""
    content = sorted({t.norm for t in quote if t.weight == 1})
    if not content:
        return []
    need = math.ceil(PREFILTER * len(content))
    postings = doc.postings()
    def holding(norm: str) -> set[int]:  # the word, or a typo of it (same first two letters)
        return {pi for key in word_keys(norm) for pi in postings.get(key, ())}

    rarest = sorted(content, key=lambda norm: (len(postings.get(norm, ())), norm))[:len(content) - need + 1]
    found = []
    for pi in sorted(set().union(*(holding(norm) for norm in rarest))):
        keys = doc.keys(pi)
        shared = sum(1 for norm in content if any(k in keys for k in word_keys(norm)))
        if shared >= need:
            found.append((-shared, pi))
    return [pi for _, pi in sorted(found)[:MAX_PARAGRAPHS]]  # most shared words first


def _windows(doc: Document, quote_text: str, prefix: str, suffix: str) -> list[Candidate]:
    """Every eligible window for the (folded) quote, unscored."""
    quote = tokens(quote_text)
    if len(quote) < 2 or len(quote_text) < MIN_CHARS:
        return []
    found = []
    budget = MAX_CELLS
    for pi in _paragraphs_sharing(doc, quote):
        paragraph = doc.paras[pi]
        folded = paragraph.folded
        whole = merge_compounds(doc.tokens(pi), quote)
        words = merge_compounds(quote, whole)
        para = _densest(whole, words, max(1, budget // len(words)))
        if len(para) < len(words) // 2:
            break  # the budget is spent (only a quote of hundreds of words on long paragraphs gets here)
        budget -= len(words) * len(para)
        kept: list[Window] = []
        for window in align(words, para, alternatives=1):
            window = with_moved_words(trim_to_sentence(window, words, quote_text, para, folded, paragraph.spaced),
                                      words, para, folded, paragraph.spaced)
            if any(window.first <= w.last and w.first <= window.last for w in kept):
                continue  # a runner-up that the moved words made the same passage as the best
            kept.append(window)
            if _eligible(window, para, whole, folded, words, quote_text):
                a, b = counterpart(folded, para, quote_text, words, window, paragraph.spaced, (prefix, suffix))
                found.append(Candidate(pi, a, b, window.similarity,
                                       *context_similarity(doc, pi, a, b, prefix, suffix), False))
    return found


def _densest(para: list[Token], quote: list[Token], length: int) -> list[Token]:
    """The ``length`` consecutive tokens of ``para`` holding most of the quote's words (all if it fits)."""
    if len(para) <= length:
        return para
    wanted = {t.norm for t in quote}
    hits = [1 if t.norm in wanted else 0 for t in para]
    best, at, current = -1, 0, sum(hits[:length])
    for start in range(len(para) - length + 1):
        if start:
            current += hits[start + length - 1] - hits[start - 1]
        if current > best:
            best, at = current, start
    return para[at:at + length]


def _eligible(window: Window, para: list[Token], whole: list[Token], folded: str, quote: list[Token],
              quote_text: str) -> bool:
    if window.similarity < MIN_SIMILARITY or window.coverage < MIN_CUT_COVERAGE:
        return False
    if window.coverage < MIN_COVERAGE and not cut_clause(window, quote, quote_text, para, folded):
        return False
    if _short_paragraph(whole, folded):  # only the whole paragraph, nearly unchanged (a corrected heading)
        return para is whole and window.first == 0 and window.last == len(para) - 1 and window.similarity >= 0.9
    return True
