"""The passage to highlight for an aligned window (:mod:`.align`): the counterpart, first word to last.

:func:`counterpart` turns a window into a folded character span: from its
first aligned word to its last, widened to whole words, with the quote's own
edge punctuation. Around that:

* a quote's first or last words that the new text moved past an inserted
  clause are found again in the same sentence (:func:`_block`);
* a quote's words that an edit moved past the window's last aligned word
  (or before its first) are part of the counterpart when they are still in
  the same clause (:func:`with_moved_words`: "will close for repairs to its
  roof" -> "will shut while its roof is repaired"). An order-keeping
  alignment cannot pair both "repairs" and "roof" once they swapped places,
  so the words are looked for after it, and counted in the window's coverage
  and similarity;
* a quote that was a whole sentence gets the whole sentence it is now part of.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from .align import Token, Window, credit, measure

#: a sentence ends at . ! ? (and closing quotes) before a space, or at a dash before a capital
#: (folded text: "PORTVILLE, Jan. 5 -- The" is "Jan. 5-The")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*(?=\s|$)|-(?=[\"']?[A-Z])")
_CLOSING = "\"')]"
#: what ends a clause between two words: a moved word is looked for only up to it
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"]|\.\s")
#: a moved word may be reached past this many content words that are not the quote's
#: (function words are passed over: "its roof is repaired")
MOVED_PAST = 1

Spaced = Callable[[int], bool]


def with_moved_words(window: Window, quote: list[Token], para: list[Token], folded: str,
                     spaced: Spaced) -> Window:
    """``window`` widened over the quote's content words it does not hold that the text now has
    just after its last word or before its first, in the same clause (at most MOVED_PAST other
    content words in between, no clause break): their coverage and similarity counted."""
    found = {i for i, j in window.pairs if credit(quote[i], para[j]) > 0}
    missing = [i for i, q in enumerate(quote) if q.weight == 1 and i not in found]
    if not missing:
        return window
    sent_start, sent_end = _sentence_bounds(folded, para[window.first].start, para[window.last].end, spaced)
    moved = []
    for start, step in ((window.last, 1), (window.first, -1)):
        moved += _reach(quote, para, folded, spaced, missing, found, start, step, sent_start, sent_end)
        found |= {i for i, _ in moved}
    if not moved:
        return window
    pairs = window.pairs + tuple(moved)
    first = min(window.first, *(j for _, j in moved))
    last = max(window.last, *(j for _, j in moved))
    coverage, similarity = measure(quote, para, pairs, first, last)
    return replace(window, first=first, last=last, coverage=coverage, similarity=similarity, pairs=pairs)


def _reach(quote: list[Token], para: list[Token], folded: str, spaced: Spaced, missing: list[int],
           taken: set[int], at: int, step: int, sent_start: int, sent_end: int) -> list[tuple[int, int]]:
    """The (quote token, paragraph token) pairs of missing quote words found going ``step`` from
    paragraph token ``at``; each found word is taken out of ``missing``. A function word of the
    quote that no pair holds (``taken``: those that do) is taken too, right next to a moved word."""
    found: list[tuple[int, int]] = []
    spare = [i for i, q in enumerate(quote) if q.weight < 1 and i not in taken]
    others, adjacent = 0, False
    previous, j = at, at + step
    while 0 <= j < len(para) and sent_start <= para[j].start and para[j].end <= sent_end:
        left, right = (para[previous], para[j]) if step > 0 else (para[j], para[previous])
        gap = folded[left.end:right.start]
        if _CLAUSE_BREAK.search(gap) or ("-" in gap and spaced(left.end + gap.index("-"))):
            break
        token = para[j]
        k = next((i for i in missing if credit(quote[i], token) > 0), None)
        if k is not None:
            found.append((k, j))
            missing.remove(k)
            others, adjacent = 0, True
        elif adjacent and (f := next((i for i in spare if quote[i].norm == token.norm), None)) is not None:
            found.append((f, j))  # a function word of the quote right next to a moved word ("in the")
            spare.remove(f)
        elif token.weight == 1:
            others, adjacent = others + 1, False
            if others > MOVED_PAST:
                break
        else:
            adjacent = False
        previous, j = j, j + step
    return found


def _block(quote: list[Token], para: list[Token], lo: int, hi: int) -> int | None:
    """Where the run of quote tokens occurs, word for word, in para[lo:hi] (the last place), or None."""
    k = len(quote)
    for start in range(hi - k, lo - 1, -1):
        if all(para[start + x].norm == quote[x].norm for x in range(k)):
            return start
    return None


#: what closes a clause right after (or opens one right before) a word
_CLAUSE_EDGE = re.compile(r"\s*[,;:.!?()\[\]\"]|\s*$")


def cut_clause(window: Window, quote: list[Token], quote_text: str, para: list[Token], folded: str) -> bool:
    """Whether the window is the quote with a clause cut off its start or end, and nothing else
    changed: its words are the quote's up to a clause break of the quote, word for word and in
    order, and the text breaks there too ("... to cross, according to drivers." -> "... to cross.")."""
    pairs = window.pairs
    (qa, ta), (qb, tb) = pairs[0], pairs[-1]
    if (qa == 0) == (qb == len(quote) - 1):  # the cut is at one end, and only one
        return False
    if len(pairs) != qb - qa + 1 or len(pairs) != tb - ta + 1 or (ta, tb) != (window.first, window.last):
        return False  # a word inserted, deleted or moved
    if any(credit(quote[i], para[j]) <= 0 for i, j in pairs):
        return False  # a word replaced
    if qa == 0:  # the end was cut: the quote breaks after qb, the new text after tb
        return bool(_CLAUSE_EDGE.match(quote_text, quote[qb].end)) and \
            bool(_CLAUSE_EDGE.match(folded, para[tb].end))
    before_quote, before_text = quote_text[:quote[qa].start], folded[:para[ta].start]
    return bool(_CLAUSE_EDGE.match(before_quote[::-1])) and \
        bool(_CLAUSE_EDGE.match(before_text[::-1]) or _opens_sentence(folded, para[ta]))


def _opens_sentence(folded: str, token: Token) -> bool:
    return token.upper and (token.start == 0 or bool(_SENTENCE_END.search(folded[:token.start].rstrip()[-3:])))


def _sentence_bounds(text: str, start: int, end: int, spaced: Spaced) -> tuple[int, int]:
    """Start of the sentence holding ``start`` and end of the one holding ``end``; a dash ends a
    sentence only where the original text has a space before it (a dateline's "--")."""
    before = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start:
            break
        if m.group()[0] != "-" or spaced(m.start()):
            before = m.end()
    while before < len(text) and text[before].isspace():
        before += 1
    after = next((m for m in _SENTENCE_END.finditer(text, end) if m.group()[0] != "-" or spaced(m.start())), None)
    return before, after.end() if after else len(text)


def whole_sentences(quote: str) -> tuple[bool, bool]:
    """Whether the (folded) quote starts a sentence with a capital and ends one with . ! or ?"""
    body = quote.lstrip("\"'([")
    starts = bool(body) and body[0].isupper()
    ends = bool(_SENTENCE_END.search(quote.rstrip(), max(0, len(quote.rstrip()) - 4))) and \
        quote.rstrip().rstrip(_CLOSING)[-1:] in ".!?"
    return starts, ends


def counterpart(folded: str, para: list[Token], quote_text: str, quote: list[Token],
                window: Window, spaced: Spaced) -> tuple[int, int]:
    """The folded [start, end) to highlight for ``window`` (see the module's notes).
    ``spaced(i)``: whether folded character i had a space before it in the original text."""
    first, last = window.first, window.last
    sent_start, sent_end = _sentence_bounds(folded, para[first].start, para[last].end, spaced)
    lo = next((k for k, t in enumerate(para) if t.start >= sent_start), first)
    hi = max((k + 1 for k, t in enumerate(para) if t.end <= sent_end), default=last + 1)
    if window.head:  # the quote's first words, pushed out of the window by an insertion
        at = _block(quote[:window.head], para, lo, first)
        if at is not None:
            first = at
    if window.tail:
        at = _block(quote[len(quote) - window.tail:], para, last + 1, hi)
        if at is not None:
            last = at + window.tail - 1
    start, end = para[first].start, para[last].end
    starts, ends = whole_sentences(quote_text)
    if starts and ends:  # whole sentences: the counterpart is the whole sentences they are now part of
        return _sentence_bounds(folded, start, end, spaced)
    qa, ta = window.first_pair
    if starts and first == ta and qa == 0 and quote[0].upper and para[first].norm[0].isalpha() \
            and not para[first].upper:
        start = sent_start  # a sentence the quote began now begins earlier
    qb, tb = window.last_pair
    if ends and last == tb and qb == len(quote) - 1 and not _SENTENCE_END.match(folded, _skip_closing(folded, end)):
        end = sent_end  # ... or ends later
    return _edge_punctuation(folded, quote_text, start, end)


def _skip_closing(text: str, at: int) -> int:
    while at < len(text) and text[at] in _CLOSING:
        at += 1
    return at


def _edge_punctuation(folded: str, quote_text: str, start: int, end: int) -> tuple[int, int]:
    """Take the punctuation right at the edges when the quote has punctuation there."""
    q = quote_text.strip()
    lead = len(q) - len(q.lstrip("\"'(["))
    if lead:
        while start > 0 and folded[start - 1] in "\"'([" and lead:
            start, lead = start - 1, lead - 1
    trail = re.search(r"[^\w\s]+$", q)
    if trail:
        allowed = len(trail.group())
        while end < len(folded) and not folded[end].isspace() and not folded[end].isalnum() and allowed:
            end, allowed = end + 1, allowed - 1
    return start, end
