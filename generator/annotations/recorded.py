"""The context a build found around a note that has none, kept for the note's next drift.

A note written before ``annotate`` recorded ``prefix``/``suffix`` has only its
quote. Each build keeps, in its cache (``.cache/newsarchive/contexts/``), the
words around each such note's quote where it found the quote exactly: the
``prefix``/``suffix`` ``annotate`` would write (:func:`records`).

**The page never depends on these records.** The same inputs give the same
page whether the cache is there or not (a fresh clone, CI, ``--no-cache``),
so a drifted note is placed from what its file says. The records are a
second opinion, used where the cache is there:

* :func:`second_opinion`: when a note without context drifts, the build and
  ``check`` anchor it again with the recorded context; where that puts it
  elsewhere (or finds it where the quote alone did not), a warning names
  the place and says that ``newsarchive check --fix`` writes the context in;
* ``check --fix`` (:mod:`.mend`) anchors such a note with its record and
  writes quote, prefix and suffix into the note file: from then on the
  context is an input, and every build uses it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable, Sequence

from ..cache import Cache, digest
from ..diagnostics import Report
from ..records import Article
from .anchor import anchor
from .folding import Document, fold, short, snippet
from .model import EXACT, Anchored, Note
from .skeleton import selector_context

#: cache kind; one entry per article: {note id: {"quote": ..., "prefix": ..., "suffix": ...}}
CACHE_KIND = "contexts"


def bare(note: Note) -> bool:
    return not note.prefix and not note.suffix


def context_around(paragraphs: Sequence[str], paragraph: int, start: int, end: int,
                   doc: Document | None = None) -> tuple[str, str]:
    """The prefix/suffix ``annotate`` would write for original [start, end) of paragraph (1-based)."""
    doc = doc or Document(paragraphs)
    quote = fold(paragraphs[paragraph - 1][start:end])[0].strip()
    hits, _ = doc.find(quote)
    para = doc.paras[paragraph - 1]
    target = next((h for h in hits if h[0] == paragraph - 1 and para.span(h[1], h[2]) == (start, end)),
                  (paragraph - 1, 0, 0))
    found = selector_context(doc, paragraphs, hits or [target], target, start, end)
    return found or ("", "")


def records(anchored: Iterable[Anchored], paragraphs: Sequence[str], previous: dict[str, Any] | None,
            disputed: Iterable[str] = ()) -> dict[str, Any]:
    """``previous`` updated with the context of every bare note found exactly this time, except
    the ``disputed`` ones (whose earlier context points elsewhere: kept until the note is mended)."""
    result = dict(previous or {})
    keep = set(disputed)
    doc = None
    for item in anchored:
        if item.status != EXACT or not bare(item.note) or item.note.id in keep:
            continue
        doc = doc or Document(paragraphs)
        prefix, suffix = context_around(paragraphs, item.paragraph, item.start, item.end, doc)
        result[item.note.id] = {"quote": item.note.quote, "prefix": prefix, "suffix": suffix}
    return dict(sorted(result.items()))


def with_record(note: Note, recorded: dict[str, Any] | None) -> Note | None:
    """The bare note with the context recorded for it (for the same quote), or None."""
    entry = (recorded or {}).get(note.id)
    if not bare(note) or not isinstance(entry, dict) or entry.get("quote") != note.quote:
        return None
    prefix, suffix = entry.get("prefix"), entry.get("suffix")
    if not (isinstance(prefix, str) and isinstance(suffix, str)) or not (prefix or suffix):
        return None
    return replace(note, prefix=prefix or None, suffix=suffix or None)


def second_opinion(anchored: Sequence[Anchored], paragraphs: Sequence[str],
                   recorded: dict[str, Any] | None, report: Report) -> set[str]:
    """Warn where a bare note's recorded context places it elsewhere than its quote alone does
    (or places it where the quote alone does not); the ids of those notes."""
    informed = {item.note.id: n for item in anchored if (n := with_record(item.note, recorded)) is not None}
    if not informed:
        return set()
    second = {a.note.id: a for a in anchor(list(informed.values()), paragraphs)[0]}
    disputed = set()
    for item in anchored:
        other = second.get(item.note.id)
        if other is None or (other.paragraph, other.start, other.end) == (item.paragraph, item.start, item.end):
            continue
        disputed.add(item.note.id)
        note, context = item.note, informed[item.note.id]
        here = f"paragraph {item.paragraph}" if item.paragraph else "'Notes that no longer match the text'"
        there = (f"paragraph {other.paragraph} ({snippet(paragraphs[other.paragraph - 1], other.start, other.end)!r})"
                 if other.paragraph else "no passage")
        report.warning(note.file, f"note {note.id!r}: the words around its quote when a build last found it "
                       f"(prefix {short(context.prefix or '', 40)!r}, suffix {short(context.suffix or '', 40)!r}, "
                       f"kept in the build cache) point to {there}, not to {here} where the quote alone puts it",
                       line=note.line,
                       fix="if that is the passage, run `newsarchive check --fix` to write the quote and its "
                           "context into the note")
    return disputed


def keep_contexts(articles: Iterable[Article], anchored: dict[str, list[Anchored]], cache: Cache,
                  report: Report) -> None:
    """The build's part: for each article with notes that have no context, the second opinion
    from the contexts kept last time, then those contexts brought up to date in ``cache``."""
    for article in articles:
        placed = anchored.get(article.id)
        if not placed or not any(bare(item.note) for item in placed):
            continue
        key = digest(article.id)
        previous = cache.get(CACHE_KIND, key)
        previous = previous if isinstance(previous, dict) else None
        disputed = second_opinion(placed, article.paragraphs, previous, report)
        updated = records(placed, article.paragraphs, previous, disputed)
        if updated != (previous or {}):
            cache.put(CACHE_KIND, key, updated)
