"""Anchoring: each note to the passage of plain paragraph text it quotes.

Matching is on folded text (see :mod:`.folding`: quote, dash and space styles
do not matter). Offsets map back to the original text, so anchors are
``(paragraph, start, end)`` on the plain paragraph text, before entity links
are added as spans.

Rules (documented for contributors in the messages themselves):

* A quote must lie within one paragraph; one that runs across paragraphs is an
  error naming them.
* Found once (or once where ``prefix``/``suffix`` fit): ``exact``.
* Found more than once and ``prefix``/``suffix`` do not decide: an error
  listing every occurrence (paragraph and context).
* Otherwise, the text drifted: the candidates are the quote's exact
  occurrences (whose context no longer fits) and the passages the word
  alignment finds (:mod:`.drift`), each scored with the quote and its
  prefix/suffix as the Hypothesis client scores them. The best anchors the
  note as ``fuzzy``, with a warning showing the old and the new text, unless
  the runner-up is within :data:`.drift.MARGIN` of it (the warning shows
  both) or nothing qualifies: then the note is an ``orphan``, kept, reported
  as a warning and shown at the end of the article. A note is never dropped.

Notes whose anchoring is an error are kept as orphans too, so a build that
goes on despite errors still shows them.
"""

from __future__ import annotations

from typing import Any, Iterable, NamedTuple, Sequence

from ..diagnostics import Report
from .drift import COMPLEMENT_BELOW, MARGIN, MIN_SCORE, Candidate, complement, rank
from .folding import Document, fits, fold, short as _short, snippet as _context, word_bounds
from .html import render_marker_html
from .model import EXACT, FUZZY, ORPHAN, Anchored, Note

__all__ = ["anchor", "fold", "mark_spans", "MarkSpan"]


class MarkSpan(NamedTuple):
    """A span for ``writer.render_inline`` (same fields as ``writer.Span``)."""

    start: int
    end: int
    kind: str
    attrs: dict[str, Any]


Placed = tuple[str, int | None, int | None, int | None, float | None]


def _place(note: Note, doc: Document, report: Report) -> Placed:
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
        fitting = [h for h in hits if fits(doc, *h, prefix, suffix)]
        if len(fitting) == 1:
            pi, a, b = fitting[0]
            return (EXACT, pi, *doc.paras[pi].span(a, b), None)
        if fitting:  # several fit: prefix/suffix missing or not enough
            _ambiguous(note, doc, fitting, report)
            return ORPHAN, None, None, None, None
    elif spanning != -1:
        first = doc.paragraph_at(spanning) + 1
        last = doc.paragraph_at(spanning + len(quote) - 1) + 1
        report.error(note.file, f"note {note.id!r}: the quote runs across paragraphs {first}-{last}; "
                     "a note must quote a passage within one paragraph", line=note.line,
                     fix=f"quote only the part in paragraph {first} or {last}, or write one note per paragraph")
        return ORPHAN, None, None, None, None
    # the text drifted: the quote's own occurrences (their context changed) against the closest passages
    weak = rank(doc, hits, quote, prefix, suffix, floor=COMPLEMENT_BELOW)
    found = [c for c in weak if c.exact or c.score >= MIN_SCORE]
    if not found:
        return _orphan(note, report)
    best = found[0]
    rivals = [c for c in found[1:] if best.score - c.score < MARGIN]
    other = None if rivals else complement(doc, quote, best, [c for c in weak if c is not best])
    if other is not None:
        return _tie(note, doc, best, other, report)
    if rivals:
        if best.exact and all(c.exact for c in rivals):
            _ambiguous(note, doc, [(c.paragraph, c.start, c.end) for c in [best, *rivals]], report)
            return ORPHAN, None, None, None, None
        return _tie(note, doc, best, rivals[0], report)
    pi = best.paragraph
    para = doc.paras[pi]
    start, end = word_bounds(para.text, *para.span(best.start, best.end))
    if best.exact:
        report.warning(note.file, f"note {note.id!r}: the prefix/suffix no longer match the text around "
                       f"the quote; anchored in paragraph {pi + 1}: "
                       f"{_context(para.text, start, end)!r}", line=note.line,
                       fix="update 'prefix'/'suffix' to the words now around the passage "
                           "(`newsarchive check --fix` does it)")
    else:
        report.warning(note.file, f"note {note.id!r}: the quoted text changed; anchored on the closest passage, "
                       f"in paragraph {pi + 1} (words {100 * best.similarity:.0f}% alike, score "
                       f"{100 * best.score:.0f}/100): old {_short(note.quote, 200)!r} -> "
                       f"new {_short(para.text[start:end], 200)!r}", line=note.line,
                       fix="update 'quote' to the new text if the note still applies "
                           "(`newsarchive check --fix` does it)")
    return FUZZY, pi, start, end, 100 * best.score


def _where(doc: Document, c: Candidate) -> str:
    para = doc.paras[c.paragraph]
    start, end = word_bounds(para.text, *para.span(c.start, c.end))
    return f"paragraph {c.paragraph + 1} ({_context(para.text, start, end, 25)!r}, score {100 * c.score:.0f})"


def _tie(note: Note, doc: Document, best: Candidate, other: Candidate, report: Report) -> Placed:
    report.warning(note.file, f"note {note.id!r}: the quote {_short(note.quote, 80)!r} is not in the article as "
                   f"written, and two passages are about as close to it: {_where(doc, best)} and "
                   f"{_where(doc, other)}; the note is kept under 'Notes that no longer match the text'",
                   line=note.line,
                   fix="copy the passage you mean into 'quote', with 'prefix'/'suffix' (the words around it)")
    return ORPHAN, None, None, None, None


def _orphan(note: Note, report: Report) -> Placed:
    report.warning(note.file, f"note {note.id!r}: the quote {_short(note.quote, 80)!r} is not in the article "
                   "and no passage of the article is close to it; the note is kept under 'Notes that no "
                   "longer match the text'", line=note.line,
                   fix="copy the passage again from the article (`newsarchive annotate` finds the closest one)")
    return ORPHAN, None, None, None, None


#: occurrences listed in an "occurs N times" error; the rest are counted
MAX_LISTED = 5


def _folded_quote(note: Note) -> str:
    return fold(note.quote)[0].strip()


def _ambiguous(note: Note, doc: Document, hits: list[tuple[int, int, int]], report: Report) -> None:
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


def anchor(notes: Iterable[Note], paragraphs: Sequence[str]) -> tuple[list[Anchored], Report]:
    """Place ``notes`` (one article's) on its ``paragraphs`` (plain text).

    Returns every note, numbered: anchored ones in reading order (paragraph,
    start, then file order), then orphans in file order; and a Report of
    warnings (drift, orphans) and errors (ambiguous, across paragraphs).
    """
    report = Report()
    notes = list(notes)
    doc = Document(paragraphs, {_folded_quote(note) for note in notes})
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
