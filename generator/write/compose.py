"""Article pages with what the later stages add: entity links, note highlights and
sidenotes, related coverage, and extra front matter (note count, related ids).

Each page is rendered only when its inputs changed: its key covers the
article's own key (raw bytes, sidecar, registry, code), its notes, and the
titles and dates of its related articles. The last run's key and SHA-256 of
every page are kept (cache ``pages/last``); a page whose key is the same and
whose file still holds those bytes is not rendered, read or written again
(:class:`~.owned.Keep`).
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from typing import Any, Callable, Sequence

from ..annotations import mark_spans, render_orphans_html, render_paragraph_notes
from ..annotations.model import KIND_LABELS, ORPHAN, Anchored
from ..archive import Archive
from ..cache import Cache, digest
from ..crosslink.mentions import entity_link_spans, link_spans
from ..display import day
from ..extract.entities import Matcher
from ..records import Article
from ..statindex import StatIndex, sha256
from .article import PageParts, render_article
from .owned import Keep
from .paths import article_path


def related_links(archive: Archive, article: Article, by_id: dict[str, Article]) -> list[dict[str, str]]:
    return [{"id": other, "title": by_id[other].title, "href": f"{other}.html", "date": day(by_id[other].published)}
            for other, _score in archive.related.get(article.id, [])]


def notes_front_matter(notes: list[Anchored]) -> dict[str, Any]:
    return {
        "count": len(notes),
        "kinds": sorted({KIND_LABELS[n.note.kind] for n in notes}),
        "orphans": sum(n.status == ORPHAN for n in notes),
        "first": f"note-{min(notes, key=lambda n: n.number).note.id}" if notes else None,
    }


def page_key(archive: Archive, article: Article, related: list[dict[str, str]]) -> str:
    notes = [[n.status, n.paragraph, n.start, n.end, n.number, asdict(n.note)]
             for n in archive.notes.get(article.id, [])]
    return digest(archive.keys.get(article.id, ""), json.dumps(notes, sort_keys=True, default=str),
                  json.dumps(related, sort_keys=True))


def render_one(archive: Archive, article: Article, related: list[dict[str, str]], matcher: Matcher) -> str:
    notes = archive.notes.get(article.id, [])
    found = archive.index.found.get(article.id) if archive.index is not None else None
    links = link_spans(found) if found is not None else entity_link_spans(article, archive.registry, matcher)
    spans: dict[int, list] = {}
    for source in (links, mark_spans(notes)):
        for paragraph, more in source.items():
            spans.setdefault(paragraph, []).extend(more)
    parts = PageParts(spans=spans, after=render_paragraph_notes(notes), tail=render_orphans_html(notes),
                      related=related)
    extras = {"notes": notes_front_matter(notes), "related": [r["id"] for r in related]}
    return render_article(article, extras, parts)


#: below this many pages to render, worker processes cost more than they save
PARALLEL_MIN = 200


def article_pages(archive: Archive, cache: Cache, jobs: int | None = None, hashes: StatIndex | None = None,
                  extra: Sequence[Callable[[], dict[str, str]]] = ()
                  ) -> tuple[dict[str, bytes | Keep], dict[str, str], int]:
    """Every article page, keyed by path under content/ (UTF-8 bytes, or :class:`Keep`
    for a page already on disk), the SHA-256 of each, and how many were rendered;
    with the pages of the ``extra`` jobs (the cross-link pages, see
    :func:`~.crosslink_pages.crosslink_jobs`), rendered beside them.

    A page is kept when its key is the last run's and ``hashes`` (file hashes
    trusted from stat) says its file still holds the bytes written then;
    without ``hashes`` every page is rendered. The rest are rendered, in
    ``jobs`` forked worker processes (default: one per core) when the archive
    has at least PARALLEL_MIN articles. Workers inherit the archive from the
    fork and send back only page bytes, so the result is the same either way."""
    by_id = {a.id: a for a in archive.articles}
    last = cache.get("pages", "last") if hashes is not None else None
    last = last if isinstance(last, dict) else {}
    content = archive.paths.content
    pages: dict[str, bytes | Keep] = {}  # in article order; pages still to render are filled in below
    keys: dict[str, str] = {}
    todo: list[tuple[int, list[dict[str, str]]]] = []  # (article index, related)
    for number, article in enumerate(archive.articles):
        path = article_path(article)
        related = related_links(archive, article, by_id)
        key = keys[path] = page_key(archive, article, related)
        entry = last.get(path)
        if (isinstance(entry, list) and len(entry) == 2 and entry[0] == key and hashes is not None
                and hashes.sha(content / path) == entry[1]):
            pages[path] = Keep(entry[1])
        else:
            pages[path] = b""
            todo.append((number, related))
    shas = {path: page.sha for path, page in pages.items() if isinstance(page, Keep)}
    rendered, more = _render_all(archive, todo, list(extra), jobs)
    for (number, _related), (data, sha) in zip(todo, rendered):
        path = article_path(archive.articles[number])
        pages[path], shas[path] = data, sha
    cache.put("pages", "last", {path: [keys[path], shas[path]] for path in pages})
    for path, (data, sha) in more.items():
        pages[path], shas[path] = data, sha
    return pages, shas, len(todo)


Rendered = tuple[bytes, str]
_FORKED: dict[str, Any] = {}  # what a forked worker renders from: the archive, the extra jobs


def _render_all(archive: Archive, todo: list[tuple[int, list[dict[str, str]]]], extra: list,
                jobs: int | None) -> tuple[list[Rendered], dict[str, Rendered]]:
    jobs = jobs or os.cpu_count() or 1
    big = len(todo) >= PARALLEL_MIN or (extra and len(archive.articles) >= PARALLEL_MIN)
    if jobs < 2 or not big or "fork" not in multiprocessing.get_all_start_methods():
        matcher = Matcher(archive.registry) if todo else None
        more = {path: _encoded(text) for job in extra for path, text in job().items()}
        return [_encoded(render_one(archive, archive.articles[n], related, matcher)) for n, related in todo], more
    _FORKED.update(archive=archive, extra=extra)
    gc.freeze()  # the workers' garbage collector leaves the inherited objects alone: their pages stay shared
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(jobs, mp_context=context) as pool:
            futures = [pool.submit(_run_extra, i) for i in range(len(extra))]  # the big jobs first
            rendered = list(pool.map(_render_forked, todo, chunksize=32))
            more: dict[str, Rendered] = {}
            for future in futures:
                more.update(future.result())
    finally:
        _FORKED.clear()
        gc.unfreeze()
    return rendered, more


def _run_extra(number: int) -> dict[str, Rendered]:
    return {path: _encoded(text) for path, text in _FORKED["extra"][number]().items()}


def _render_forked(job: tuple[int, list[dict[str, str]]]) -> tuple[bytes, str]:
    archive = _FORKED["archive"]
    if "matcher" not in _FORKED:
        _FORKED["matcher"] = Matcher(archive.registry)
    number, related = job
    return _encoded(render_one(archive, archive.articles[number], related, _FORKED["matcher"]))


def _encoded(page: str) -> tuple[bytes, str]:
    """A page as UTF-8 (half the memory of a str holding non-Latin-1 text) and its SHA-256."""
    data = page.encode("utf-8")
    return data, sha256(data)
