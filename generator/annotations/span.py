"""The passage to highlight for an aligned window (:mod:`.align`): the counterpart, first word to last.

Before a window is scored, two things settle which words it holds:

* :func:`trim_to_sentence`: it stays in the sentences the quote's words are
  in. A quote within one sentence is not pieced together from two sentences
  (a sibling's "ferry will resume on" and the next one's "Monday"), unless
  the sentence was split (at most :data:`SPLIT_GAP` words at the break); and
  a word at its edge that only replaces a quote word (no credit) and stands
  in another sentence is not part of it ("said Orla Finch" -> "July 7 --
  Orla Finch": the dateline's "7" is not "said");
* :func:`with_moved_words`: the quote's words that an edit moved past the
  window's last aligned word (or before its first) are part of it when they
  are still in the same clause ("will close for repairs to its roof" ->
  "will shut while its roof is repaired"; "should not drink tap water in
  the eastern district" -> "in the eastern district should not drink the
  tap water"). An order-keeping alignment cannot pair both "repairs" and
  "roof" once they swapped places, so the words are looked for after it:
  no clause break on the way (a comma only when it closes a clause the
  window opened), at most :data:`MOVED_PAST` other content words in all.
  They count towards the window's coverage and similarity.

:func:`counterpart` then turns the window into a folded character span: from
its first word to its last, widened to whole words, with the quote's own
edge punctuation; and

* a quote's first or last words that the new text moved past an inserted
  clause are found again in the same sentence (:func:`_block`);
* a quote's first or last words replaced by others are found between the
  window and the note's context, when its prefix's last or its suffix's
  first :data:`CONTEXT_WORDS` words follow within as many words ("voted 9
  to 4 in favour after a" -> "voted 9 to 4 against after a"); a function
  word in place of one is not the quote's;
* a quote that was whole sentences gets the whole sentences it is now part
  of, when its words are at least :data:`WHOLE_SHARE` of them (not when a
  sentence was merged into another as a phrase). A quote of part of a
  sentence gets its words, not the words now put before or after them.

:func:`cut_clause` tells a quote with a clause cut off (see :mod:`.drift`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from .align import Token, Window, credit, measure, tokens

#: a sentence ends at . ! ? (and closing quotes) before a space, or at a dash before a capital
#: (folded text: "PORTVILLE, Jan. 5 -- The" is "Jan. 5-The")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*(?=\s|$)|-(?=[\"']?[A-Z])")
_CLOSING = "\"')]"
#: what ends a clause between two words: a moved word is looked for only up to it
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"]|\.\s")
#: a moved word may be reached past this many content words that are not the quote's
#: (function words are passed over: "its roof is repaired")
MOVED_PAST = 1

#: a quote of whole sentences gets the whole sentences its words are now in when they make up at least
#: this share of them ("was arrested" -> "was arrested on suspicion of murder"), not when the sentence
#: was merged into another as a phrase ("The ship was carrying timber." -> "A ship carrying timber ran
#: aground off ...")
WHOLE_SHARE = 0.5
#: a quote's edge words replaced by others are found between the window and this many words of the
#: note's context (its prefix's last, its suffix's first), when those follow within as many words
CONTEXT_WORDS = 3
#: a window runs across a sentence end the quote does not have only where the sentence was split:
#: at most this many words between the quote's words on either side ("on Saturday. She thanked")
SPLIT_GAP = 2

Spaced = Callable[[int], bool]


def trim_to_sentence(window: Window, quote: list[Token], quote_text: str, para: list[Token], folded: str,
                     spaced: Spaced) -> Window:
    """``window`` kept to the sentences the quote's words are in: without a run of words from another
    sentence joined to it across more than SPLIT_GAP words (the quote's words picked from two sibling
    sentences), unless the quote itself runs over a sentence end; and without the words at its edges
    that only replace a quote word (no credit) in another sentence than the nearest word that lines
    up ("said Orla Finch" -> "July 7 -- Orla Finch")."""
    pairs = list(window.pairs)
    body = quote_text.rstrip().rstrip(_CLOSING).rstrip(".!?")
    if not any(m.group()[0] != "-" for m in _SENTENCE_END.finditer(body)):  # the quote is within a sentence
        ends = [m.end() for m in _SENTENCE_END.finditer(folded) if m.group()[0] != "-" or spaced(m.start())]
        runs, run = [], [pairs[0]]
        for before, after in zip(pairs, pairs[1:]):
            apart = after[1] - before[1] - 1 > SPLIT_GAP
            if apart and any(para[before[1]].end <= e <= para[after[1]].start for e in ends):
                runs.append(run)
                run = []
            run.append(after)
        runs.append(run)
        pairs = max(runs, key=lambda r: sum(credit(quote[i], para[j]) for i, j in r))
    credited = [n for n, (i, j) in enumerate(pairs) if credit(quote[i], para[j]) > 0]
    if not credited:
        return window
    a, b = credited[0], credited[-1]
    start, end = _sentence_bounds(folded, para[pairs[a][1]].start, para[pairs[b][1]].end, spaced)
    while a > 0 and para[pairs[a - 1][1]].start >= start:
        a -= 1
    while b < len(pairs) - 1 and para[pairs[b + 1][1]].end <= end:
        b += 1
    kept = _within_clauses(pairs[a:b + 1], quote, quote_text, para, folded)
    if len(kept) == len(window.pairs):
        return window
    (qa, ta), (qb, tb) = kept[0], kept[-1]
    coverage, similarity = measure(quote, para, kept, ta, tb)
    return Window(ta, tb, coverage, similarity, qa, len(quote) - 1 - qb, kept[0], kept[-1], tuple(kept))


def _within_clauses(pairs: list[tuple[int, int]], quote: list[Token], quote_text: str, para: list[Token],
                    folded: str) -> list[tuple[int, int]]:
    """``pairs`` without the edge words that only replace a quote word (no credit) past a clause break
    the quote does not have there ("on Monday morning" -> "on Monday, officials said")."""
    credited = [n for n, (i, j) in enumerate(pairs) if credit(quote[i], para[j]) > 0]
    if not credited:
        return pairs

    def broken(n: int, m: int) -> bool:  # a clause break between pairs n < m in the text, not in the quote
        (qn, tn), (qm, tm) = pairs[n], pairs[m]
        in_text = _CLAUSE_BREAK.search(folded, para[tn].end, para[tm].start)
        return bool(in_text) and not _CLAUSE_BREAK.search(quote_text, quote[qn].end, quote[qm].start)

    a, b = credited[0], credited[-1]
    first = next((n for n in range(a, 0, -1) if broken(n - 1, n)), 0)
    last = next((n for n in range(b, len(pairs) - 1) if broken(n, n + 1)), len(pairs) - 1)
    return pairs[first:last + 1]


def with_moved_words(window: Window, quote: list[Token], para: list[Token], folded: str,
                     spaced: Spaced) -> Window:
    """``window`` widened over the quote's content words it does not hold that the text now has
    just after its last word or before its first, in the same clause: no clause break on the way,
    at most MOVED_PAST other content words in all; their coverage and similarity counted."""
    found = {i for i, j in window.pairs if credit(quote[i], para[j]) > 0}
    missing = [i for i, q in enumerate(quote) if q.weight == 1 and i not in found]
    if not missing:
        return window
    sent_start, sent_end = _sentence_bounds(folded, para[window.first].start, para[window.last].end, spaced)
    commas = sum(folded.count(",", para[k].end, para[k + 1].start) for k in range(window.first, window.last))
    moved = []
    for start, step in ((window.last, 1), (window.first, -1)):
        moved += _reach(quote, para, folded, spaced, missing, found, start, step, (sent_start, sent_end),
                        commas % 2 == 1)
        found |= {i for i, _ in moved}
    if not moved:
        return window
    pairs = window.pairs + tuple(moved)
    first = min(window.first, *(j for _, j in moved))
    last = max(window.last, *(j for _, j in moved))
    coverage, similarity = measure(quote, para, pairs, first, last)
    return replace(window, first=first, last=last, coverage=coverage, similarity=similarity, pairs=pairs)


def _reach(quote: list[Token], para: list[Token], folded: str, spaced: Spaced, missing: list[int],
           taken: set[int], at: int, step: int, sentence: tuple[int, int], open_clause: bool
           ) -> list[tuple[int, int]]:
    """The (quote token, paragraph token) pairs of missing quote words found going ``step`` from
    paragraph token ``at`` within the folded ``sentence``; each found word is taken out of ``missing``.
    A function word of the quote that no pair holds (``taken``: those that do) is taken too, when it
    is next to a moved word in both texts ("in the eastern district"). A comma is passed only when it
    closes a clause the window opened (``open_clause``: "Orla Finch, who runs the board, said")."""
    found: list[tuple[int, int]] = []
    spare = [i for i, q in enumerate(quote) if q.weight < 1 and i not in taken]
    others, beside = 0, None  # content words passed that are not the quote's; quote index of the word just found
    previous, j = at, at + step
    while 0 <= j < len(para) and sentence[0] <= para[j].start and para[j].end <= sentence[1]:
        left, right = (para[previous], para[j]) if step > 0 else (para[j], para[previous])
        gap = folded[left.end:right.start]
        if open_clause and gap.strip() == ",":
            open_clause = False
        elif _CLAUSE_BREAK.search(gap) or ("-" in gap and spaced(left.end + gap.index("-"))):
            break
        token = para[j]
        k = next((i for i in missing if credit(quote[i], token) > 0), None)
        f = None if beside is None else next((i for i in spare if i == beside + step and quote[i].norm == token.norm),
                                             None)
        if k is not None:
            found.append((k, j))
            missing.remove(k)
            beside = k
        elif f is not None:
            found.append((f, j))
            spare.remove(f)
            beside = f
        elif token.weight == 1:
            others, beside = others + 1, None
            if others > MOVED_PAST:
                break
        else:
            beside = None
        previous, j = j, j + step
    return found


def _content(words: list[Token]) -> int:
    """How many words may stand in for ``words``: as many as it has, if one is a content word."""
    return len(words) if any(t.weight == 1 for t in words) else 0


def _replaced(para: list[Token], context: list[Token], edge: int, step: int, most: int, bound: int) -> int:
    """The new edge when the quote's words past ``edge`` (``most`` of them) were replaced: the
    words up to where the context now starts (going ``step``), if it starts within ``most``
    words of the edge, in the same sentence (``bound``: its last or first token), word for word."""
    if len(context) < 2:  # one word could be anywhere
        return edge
    for gap in range(1, most + 1):
        at = edge + step * (gap + 1)  # the context's first word past the replaced ones
        run = [at + step * x for x in range(len(context))]
        if step > 0 and run[-1] > bound or step < 0 and run[-1] < bound:
            break
        ordered = context if step > 0 else context[::-1]
        if all(para[k].norm == c.norm for k, c in zip(run, ordered)):
            words = [para[edge + step * x] for x in range(1, gap + 1)]
            # a function word in place of one ("It was paid" -> "crowns and was paid") is not the quote's
            return edge + step * gap if any(t.weight == 1 for t in words) else edge
    return edge


def _replaced_bare(para: list[Token], folded: str, edge: int, replaced: list[Token], bound: int) -> int:
    """The new last word when the quote's last words (``replaced``) were replaced and the note has
    no suffix to find the end by: as many content words as they held, right after the edge, in the
    same clause, stopping at the first function word ("in favour" -> "against", not "against after")."""
    want = sum(1 for t in replaced if t.weight == 1)
    while want and edge + 1 <= bound:
        nxt = para[edge + 1]
        if nxt.weight != 1 or _CLAUSE_BREAK.search(folded, para[edge].end, nxt.start):
            break
        edge, want = edge + 1, want - 1
    return edge


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
                window: Window, spaced: Spaced, context: tuple[str, str] = ("", "")) -> tuple[int, int]:
    """The folded [start, end) to highlight for ``window`` (see the module's notes).
    ``spaced(i)``: whether folded character i had a space before it in the original text;
    ``context``: the note's folded prefix and suffix ("" if none)."""
    first, last = window.first, window.last
    sent_start, sent_end = _sentence_bounds(folded, para[first].start, para[last].end, spaced)
    lo = next((k for k, t in enumerate(para) if t.start >= sent_start), first)
    hi = max((k + 1 for k, t in enumerate(para) if t.end <= sent_end), default=last + 1)
    if window.head:  # the quote's first words, pushed out of the window by an insertion
        at = _block(quote[:window.head], para, lo, first)
        if at is not None:
            first = at
        elif first == window.first_pair[1]:  # or replaced by words that now follow the prefix
            first = _replaced(para, tokens(context[0])[-CONTEXT_WORDS:], first, -1, _content(quote[:window.head]), lo)
    if window.tail:
        at = _block(quote[len(quote) - window.tail:], para, last + 1, hi)
        if at is not None:
            last = at + window.tail - 1
        elif last == window.last_pair[1] and context[1]:  # "voted 9 to 4 in favour after" -> "... against after"
            last = _replaced(para, tokens(context[1])[:CONTEXT_WORDS], last, 1, _content(quote[-window.tail:]), hi - 1)
        elif last == window.last_pair[1]:  # no suffix: "voted 9 to 4 in favour" -> "voted 9 to 4 against"
            last = _replaced_bare(para, folded, last, quote[-window.tail:], hi - 1)
    start, end = para[first].start, para[last].end
    starts, ends = whole_sentences(quote_text)
    if starts and ends:  # whole sentences: the counterpart is the whole sentences they are now part of,
        sentences = _sentence_bounds(folded, start, end, spaced)  # when they are most of it
        if _weight_between(para, start, end) >= WHOLE_SHARE * _weight_between(para, *sentences):
            return sentences
    return _edge_punctuation(folded, quote_text, start, end)


def _weight_between(para: list[Token], start: int, end: int) -> float:
    return sum(t.weight for t in para if start <= t.start and t.end <= end)


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
