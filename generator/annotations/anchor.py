"""Anchoring: each note to the passage of plain paragraph text it quotes.

Matching is on *folded* text (:func:`fold`): curly and straight quotes are the
same, every dash (hyphen, en, em, minus, ``--``) is one ``-`` with no space
around it, any run of whitespace (NBSP, thin space, newline, ...) is one
space, ``…`` is ``...`` and zero-width characters are ignored. Offsets map
back to the original text, so anchors are ``(paragraph, start, end)`` on the
plain paragraph text, before entity links are added as spans.

Rules (documented for contributors in the messages themselves):

* A quote must lie within one paragraph; one that runs across paragraphs is an
  error naming them.
* Found once (or once where ``prefix``/``suffix`` fit): ``exact``.
* Found more than once and ``prefix``/``suffix`` do not decide: an error
  listing every occurrence (paragraph and context).
* Found, but the ``prefix``/``suffix`` no longer fit: anchored where they fit
  best, status ``fuzzy``, with a warning.
* Not found: fuzzy matching (rapidfuzz ``partial_ratio_alignment``, score >=
  :data:`FUZZY_THRESHOLD`) over every paragraph; exactly one candidate
  paragraph anchors the note as ``fuzzy`` with a warning showing the old and
  the new text; otherwise the note is an ``orphan``: kept, reported as a
  warning, shown at the end of the article. A note is never dropped.

Notes whose anchoring is an error are kept as orphans too, so a build that
goes on despite errors still shows them.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, Iterable, NamedTuple, Sequence

from rapidfuzz import fuzz

from ..diagnostics import Report
from .html import render_marker_html
from .model import EXACT, FUZZY, ORPHAN, Anchored, Note

FUZZY_THRESHOLD = 85.0
#: quotes shorter than this (folded) are never matched fuzzily: too many near-misses
FUZZY_MIN_CHARS = 12
#: a best fuzzy candidate must beat the runner-up by this much to be "one"
CONTEXT_MARGIN = 5.0

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


class _Folded:
    """One paragraph, folded, with the way back to original offsets."""

    __slots__ = ("text", "folded", "origin")

    def __init__(self, text: str):
        self.text = text
        self.folded, self.origin = fold(text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) for folded [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


class MarkSpan(NamedTuple):
    """A span for ``writer.render_inline`` (same fields as ``writer.Span``)."""

    start: int
    end: int
    kind: str
    attrs: dict[str, Any]


def _occurrences(needle: str, haystack: str) -> list[int]:
    found = []
    at = haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _context(paragraph: str, start: int, end: int, width: int = 30) -> str:
    """``…before [passage] after…`` for messages."""
    before = paragraph[max(0, start - width):start]
    after = paragraph[end:end + width]
    lead = "…" if start > width else ""
    tail = "…" if end + width < len(paragraph) else ""
    return " ".join(f"{lead}{before}[{paragraph[start:end]}]{after}{tail}".split())


#: length of the quote prefix the document index is keyed on
GRAM = 8


class _Document:
    def __init__(self, paragraphs: Sequence[str], quotes: Iterable[str] = ()):
        self.paras = [_Folded(p) for p in paragraphs]
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
            candidates = _occurrences(gram, self.joined)
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

    def paragraph_at(self, joined_offset: int) -> int:
        return bisect_right(self.starts, joined_offset) - 1


def _fits(doc: _Document, pi: int, a: int, b: int, prefix: str, suffix: str) -> bool:
    if prefix and not doc.before(pi, a, len(prefix) + 1).rstrip().endswith(prefix):
        return False
    if suffix and not doc.after(pi, b, len(suffix) + 1).lstrip().startswith(suffix):
        return False
    return True


def _context_score(doc: _Document, pi: int, a: int, b: int, prefix: str, suffix: str) -> float:
    scores = []
    if prefix:
        scores.append(fuzz.ratio(prefix, doc.before(pi, a, len(prefix) + 1).strip()[-len(prefix):]))
    if suffix:
        scores.append(fuzz.ratio(suffix, doc.after(pi, b, len(suffix) + 1).strip()[:len(suffix)]))
    return min(scores) if scores else 0.0


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words and trim spaces."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _place(note: Note, doc: _Document, report: Report) -> tuple[str, int | None, int | None, int | None, float | None]:
    """(status, paragraph index, start, end, score) with original offsets."""
    quote = _folded_quote(note)
    if not quote:
        report.error(note.file, f"note {note.id!r}: the quote {note.quote!r} has no visible characters",
                     line=note.line, fix="copy the passage again from the article")
        return ORPHAN, None, None, None, None
    prefix = fold(note.prefix)[0].strip() if note.prefix else ""
    suffix = fold(note.suffix)[0].strip() if note.suffix else ""
    hits, spanning = doc.find(quote)
    if hits:
        fitting = [h for h in hits if _fits(doc, *h, prefix, suffix)]
        if len(fitting) == 1:
            pi, a, b = fitting[0]
            return (EXACT, pi, *doc.paras[pi].span(a, b), None)
        if fitting:  # several fit: prefix/suffix missing or not enough
            _ambiguous(note, doc, fitting, report)
            return ORPHAN, None, None, None, None
        # the quote is there but its prefix/suffix are not: the text around it drifted
        scored = sorted(((_context_score(doc, *h, prefix, suffix), h) for h in hits), reverse=True)
        best, (pi, a, b) = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if len(hits) == 1 or (best >= FUZZY_THRESHOLD and best - runner_up >= CONTEXT_MARGIN):
            start, end = doc.paras[pi].span(a, b)
            report.warning(note.file, f"note {note.id!r}: the prefix/suffix no longer match the text around "
                           f"the quote; anchored in paragraph {pi + 1}: "
                           f"{_context(doc.paras[pi].text, start, end)!r}", line=note.line,
                           fix="update 'prefix'/'suffix' to the words now around the passage")
            return FUZZY, pi, start, end, best
        _ambiguous(note, doc, hits, report)
        return ORPHAN, None, None, None, None
    if spanning != -1:
        first = doc.paragraph_at(spanning) + 1
        last = doc.paragraph_at(spanning + len(quote) - 1) + 1
        report.error(note.file, f"note {note.id!r}: the quote runs across paragraphs {first}-{last}; "
                     "a note must quote a passage within one paragraph", line=note.line,
                     fix=f"quote only the part in paragraph {first} or {last}, or write one note per paragraph")
        return ORPHAN, None, None, None, None
    return _fuzzy(note, quote, doc, report)


#: occurrences listed in an "occurs N times" error; the rest are counted
MAX_LISTED = 5


def _folded_quote(note: Note) -> str:
    return fold(note.quote)[0].strip()


def _ambiguous(note: Note, doc: _Document, hits: list[tuple[int, int, int]], report: Report) -> None:
    places = []
    for pi, a, b in hits[:MAX_LISTED]:
        start, end = doc.paras[pi].span(a, b)
        places.append(f"paragraph {pi + 1} ({_context(doc.paras[pi].text, start, end, 25)})")
    if len(hits) > MAX_LISTED:
        places.append(f"and {len(hits) - MAX_LISTED} more")
    decide = "the prefix/suffix given match several of them" if (note.prefix or note.suffix) else \
        "nothing says which one"
    report.error(note.file, f"note {note.id!r}: the quote {_short(note.quote, 40)!r} occurs {len(hits)} times "
                 f"and {decide}: " + "; ".join(places), line=note.line,
                 fix="add 'prefix:' (the words just before) or 'suffix:' (the words just after) the one you "
                     "mean; `newsarchive annotate` prints a ready one")


def _fuzzy(note: Note, quote: str, doc: _Document, report: Report):
    candidates = []
    if len(quote) >= FUZZY_MIN_CHARS:
        for pi, p in enumerate(doc.paras):
            found = fuzz.partial_ratio_alignment(quote, p.folded, score_cutoff=FUZZY_THRESHOLD)
            if found is not None and found.dest_end > found.dest_start:
                candidates.append((found.score, pi, found.dest_start, found.dest_end))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    if len(candidates) == 1:
        score, pi, a, b = candidates[0]
        para = doc.paras[pi]
        start, end = _word_bounds(para.text, *para.span(a, b))
        report.warning(note.file, f"note {note.id!r}: the quoted text changed; anchored by fuzzy match "
                       f"(score {score:.0f}) in paragraph {pi + 1}: old {_short(note.quote, 200)!r} -> "
                       f"new {_short(para.text[start:end], 200)!r}", line=note.line,
                       fix="update 'quote' to the new text if the note still applies")
        return FUZZY, pi, start, end, score
    if candidates:
        where = ", ".join(str(c[1] + 1) for c in candidates)
        detail = f"it is close to passages in paragraphs {where}, so it cannot be placed"
    else:
        detail = "no passage of the article is close to it"
    report.warning(note.file, f"note {note.id!r}: the quote {_short(note.quote, 80)!r} is not in the article "
                   f"and {detail}; the note is kept under 'Notes that no longer match the text'",
                   line=note.line,
                   fix="copy the passage again from the article (`newsarchive annotate` finds the closest one)")
    return ORPHAN, None, None, None, None


def anchor(notes: Iterable[Note], paragraphs: Sequence[str]) -> tuple[list[Anchored], Report]:
    """Place ``notes`` (one article's) on its ``paragraphs`` (plain text).

    Returns every note, numbered: anchored ones in reading order (paragraph,
    start, then file order), then orphans in file order; and a Report of
    warnings (drift, orphans) and errors (ambiguous, across paragraphs).
    """
    report = Report()
    notes = list(notes)
    doc = _Document(paragraphs, {_folded_quote(note) for note in notes})
    placed: list[tuple[tuple, Anchored]] = []
    orphans: list[Anchored] = []
    for order, note in enumerate(notes):
        status, pi, start, end, score = _place(note, doc, report)
        if status == ORPHAN:
            orphans.append(Anchored(note, ORPHAN, None, None, None, None, score=None))
            continue
        item = Anchored(note, status, pi + 1, start, end, paragraphs[pi][start:end], score=score)
        placed.append(((pi, start, -end, order), item))
    ordered = [item for _, item in sorted(placed, key=lambda pair: pair[0])] + orphans
    numbered = [Anchored(a.note, a.status, a.paragraph, a.start, a.end, a.text, number, a.score)
                for number, a in enumerate(ordered, start=1)]
    return numbered, report


def mark_spans(anchored: Iterable[Anchored]) -> dict[int, list[MarkSpan]]:
    """``<mark>`` spans per paragraph (1-based) for ``writer.render_inline``.

    attrs: ``id`` "note-<id>-text", ``classes`` (na-mark, na-mark--<kind>,
    na-for-<id>, and na-mark--fuzzy for drifted anchors), ``note_id``,
    ``number``, ``marker`` (the number as text) and ``marker_href``
    ("#note-<id>") for the writer's marker, and ``marker_html``: the
    ``<button>`` marker of :func:`render_marker_html` to place right after the
    mark (outside any link).
    """
    spans: dict[int, list[MarkSpan]] = {}
    for item in anchored:
        if item.is_orphan or item.paragraph is None:
            continue
        note = item.note
        classes = ["na-mark", f"na-mark--{note.kind}", f"na-for-{note.id}"]
        if item.status == FUZZY:
            classes.append("na-mark--fuzzy")
        attrs = {
            "id": f"note-{note.id}-text",
            "classes": classes,
            "note_id": note.id,
            "number": item.number,
            "marker": str(item.number),
            "marker_href": f"#note-{note.id}",
            "marker_html": render_marker_html(item),
        }
        spans.setdefault(item.paragraph, []).append(MarkSpan(item.start, item.end, "mark", attrs))
    for group in spans.values():
        group.sort(key=lambda s: (s.start, -s.end, s.attrs["number"]))
    return dict(sorted(spans.items()))
