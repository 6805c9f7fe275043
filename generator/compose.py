"""Article pages with what the later stages add: entity links, note highlights and
sidenotes, related coverage, and extra front matter (note count, related ids).

Each page is rendered only when its inputs changed: its cache key covers the
article's own key (raw bytes, sidecar, registry, code), its notes, and the
titles and dates of its related articles.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, Iterator

from .annotations import mark_spans, render_orphans_html, render_paragraph_notes
from .annotations.model import KIND_LABELS, ORPHAN, Anchored
from .cache import Cache, digest
from .crosslink import entity_link_spans
from .extract.entities import Matcher
from .records import Article
from .writer import PageParts, article_path, published_display, render_article

if TYPE_CHECKING:
    from .pipeline import Archive


def related_links(archive: "Archive", article: Article, by_id: dict[str, Article]) -> list[dict[str, str]]:
    return [{"id": other, "title": by_id[other].title, "href": f"{other}.md",
             "date": published_display(by_id[other].published).split(",")[0]}
            for other, _score in archive.related.get(article.id, [])]


def notes_front_matter(notes: list[Anchored]) -> dict[str, Any]:
    return {
        "count": len(notes),
        "kinds": sorted({KIND_LABELS[n.note.kind] for n in notes}),
        "orphans": sum(n.status == ORPHAN for n in notes),
        "first": f"note-{min(notes, key=lambda n: n.number).note.id}" if notes else None,
        "updated": max(n.note.added for n in notes) if notes else None,  # the newest note's date (sitemap)
    }


def page_key(archive: "Archive", article: Article, related: list[dict[str, str]]) -> str:
    notes = [[n.status, n.paragraph, n.start, n.end, n.number, asdict(n.note)]
             for n in archive.notes.get(article.id, [])]
    return digest(archive.keys.get(article.id, ""), json.dumps(notes, sort_keys=True, default=str),
                  json.dumps(related, sort_keys=True))


def render_one(archive: "Archive", article: Article, related: list[dict[str, str]], matcher: Matcher) -> str:
    notes = archive.notes.get(article.id, [])
    spans: dict[int, list] = {}
    for source in (entity_link_spans(article, archive.registry, matcher), mark_spans(notes)):
        for paragraph, found in source.items():
            spans.setdefault(paragraph, []).extend(found)
    parts = PageParts(spans=spans, after=render_paragraph_notes(notes), tail=render_orphans_html(notes),
                      related=related)
    extras = {"notes": notes_front_matter(notes), "related": [r["id"] for r in related]}
    return render_article(article, extras, parts)


#: below this many pages to render, worker processes cost more than they save
PARALLEL_MIN = 200


def article_pages(archive: "Archive", cache: Cache, jobs: int | None = None) -> tuple[dict[str, str], int]:
    """Every article page, keyed by path under content/, and how many were rendered afresh.

    Pages whose key is in the cache are reused; the rest are rendered, in
    ``jobs`` forked worker processes (default: one per core) when there are
    at least PARALLEL_MIN of them. Workers inherit the archive from the fork
    and send back only page text, so the result is the same either way."""
    by_id = {a.id: a for a in archive.articles}
    pages: dict[str, str] = {}  # in article order; pages still to render are filled in below
    todo: list[tuple[int, list[dict[str, str]], str]] = []  # (article index, related, page key)
    for number, article in enumerate(archive.articles):
        related = related_links(archive, article, by_id)
        key = page_key(archive, article, related)
        text = cache.get("pages", key)
        pages[article_path(article)] = text if isinstance(text, str) else ""
        if not isinstance(text, str):
            todo.append((number, related, key))
    for (number, _related, key), text in zip(todo, _render_many(archive, todo, jobs)):
        cache.put("pages", key, text)
        pages[article_path(archive.articles[number])] = text
    return pages, len(todo)


_FORKED: dict[str, Any] = {}  # the archive a forked worker renders from


def _render_many(archive: "Archive", todo: list[tuple[int, list[dict[str, str]], str]],
                 jobs: int | None) -> Iterator[str]:
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(todo) < PARALLEL_MIN or "fork" not in multiprocessing.get_all_start_methods():
        matcher = Matcher(archive.registry) if todo else None
        for number, related, _key in todo:
            yield render_one(archive, archive.articles[number], related, matcher)
        return
    _FORKED["archive"] = archive
    gc.freeze()  # the workers' garbage collector leaves the inherited objects alone: their pages stay shared
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(jobs, mp_context=context) as pool:
            yield from pool.map(_render_forked, [(n, r) for n, r, _k in todo], chunksize=32)
    finally:
        _FORKED.clear()
        gc.unfreeze()


def _render_forked(job: tuple[int, list[dict[str, str]]]) -> str:
    archive = _FORKED["archive"]
    if "matcher" not in _FORKED:
        _FORKED["matcher"] = Matcher(archive.registry)
    number, related = job
    return render_one(archive, archive.articles[number], related, _FORKED["matcher"])
