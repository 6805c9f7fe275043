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
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

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
from .links import PageLinks, page_links
from .owned import Keep, Staged
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
        "updated": max(n.note.added for n in notes) if notes else None,  # the newest note's date (sitemap)
    }


def page_key(archive: Archive, article: Article, related: list[dict[str, str]]) -> str:
    notes = [[n.status, n.paragraph, n.start, n.end, n.number, asdict(n.note)]
             for n in archive.notes.get(article.id, [])]
    return digest(archive.keys.get(article.id, ""), json.dumps(notes, sort_keys=True, default=str),
                  json.dumps(related, sort_keys=True))


def render_one(archive: Archive, article: Article, related: list[dict[str, str]], matcher: Matcher | None) -> str:
    """One article's page, from the archive (its notes; its entities' places in the index when built)."""
    found = archive.index.found.get(article.id) if archive.index is not None else None
    return render_page(article, archive.notes.get(article.id, []), related, found, archive.registry, matcher)


def render_page(article: Article, notes: list[Anchored], related: list[dict[str, str]], found: dict | None,
                registry, matcher: Matcher | None) -> str:
    """One article's page. ``found``: where its entities are (``CrossIndex.found[id]``);
    None: found again with ``matcher`` (built for ``registry`` when None)."""
    links = link_spans(found) if found is not None else entity_link_spans(article, registry, matcher)
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

Page = bytes | Keep | Staged


def article_pages(archive: Archive, cache: Cache, jobs: int | None = 1, hashes: StatIndex | None = None,
                  extra: Sequence[Callable[[], dict[str, str]]] = (), staging: Path | None = None
                  ) -> tuple[dict[str, Page], dict[str, str], dict[str, PageLinks], int]:
    """Every article page, keyed by path under content/, with the pages of the
    ``extra`` jobs (the cross-link pages, :func:`~.crosslink_pages.crosslink_jobs`);
    the SHA-256 of each, the links of each page rendered
    (:class:`~.links.PageLinks`), and how many article pages were rendered.

    A page is UTF-8 bytes; or :class:`Keep` when its key is the last run's
    and ``hashes`` (file hashes trusted from stat) says its file still holds
    the bytes written then (without ``hashes`` every page is rendered); or,
    with ``staging`` (a folder outside content/), :class:`Staged`: written
    there as soon as it is rendered, so the pages are not all held in memory.

    ``jobs``: rendering processes. One (the default) renders here. More fork
    worker processes once the archive has PARALLEL_MIN articles: faster on
    idle cores, but each worker touches, and so copies, much of the archive
    it inherits (about 250 MB each at 10,000 articles). The pages are the
    same either way."""
    by_id = {a.id: a for a in archive.articles}
    last = cache.get("pages", "last") if hashes is not None else None
    last = last if isinstance(last, dict) else {}
    content = archive.paths.content
    pages: dict[str, Page] = {}  # in article order; pages still to render are filled in below
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
    links: dict[str, PageLinks] = {}
    stage = str(staging) if staging is not None else None
    for path, (page, sha, page_links_) in _render_all(archive, todo, list(extra), jobs, stage):
        pages[path], shas[path], links[path] = page, sha, page_links_
    cache.put("pages", "last", {path: [keys[path], shas[path]] for path in keys})
    return pages, shas, links, len(todo)


Rendered = tuple[Page, str, PageLinks]
_FORKED: dict[str, Any] = {}  # what a forked worker renders from: the archive, the extra jobs, its matcher


def _render_all(archive: Archive, todo: list[tuple[int, list[dict[str, str]]]], extra: list, jobs: int | None,
                stage: str | None) -> Iterator[tuple[str, Rendered]]:
    """(path, rendered) of every extra job's page and every article page of ``todo``."""
    jobs = jobs or os.cpu_count() or 1
    big = len(todo) >= PARALLEL_MIN or (extra and len(archive.articles) >= PARALLEL_MIN)
    _FORKED.update(archive=archive, extra=extra, stage=stage)
    try:
        if jobs < 2 or not big or "fork" not in multiprocessing.get_all_start_methods():
            for number in range(len(extra)):
                yield from _run_extra(number).items()
            for number, related in todo:
                yield _render_article(number, related)
            return
        gc.freeze()  # the workers' garbage collector leaves the inherited objects alone
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(jobs, mp_context=context) as pool:
                futures = [pool.submit(_run_extra, i) for i in range(len(extra))]  # the big jobs first
                yield from pool.map(_render_forked, todo, chunksize=32)
                for future in futures:
                    yield from future.result().items()
        finally:
            gc.unfreeze()
    finally:
        _FORKED.clear()


def _run_extra(number: int) -> dict[str, Rendered]:
    return {path: _finish(path, text, _FORKED["stage"]) for path, text in _FORKED["extra"][number]().items()}


def _render_forked(job: tuple[int, list[dict[str, str]]]) -> tuple[str, Rendered]:
    return _render_article(*job)


def _render_article(number: int, related: list[dict[str, str]]) -> tuple[str, Rendered]:
    archive = _FORKED["archive"]
    article = archive.articles[number]
    if archive.index is None and "matcher" not in _FORKED:  # no index (the cross-link pages were reused)
        _FORKED["matcher"] = Matcher(archive.registry)
    path = article_path(article)
    return path, _finish(path, render_one(archive, article, related, _FORKED.get("matcher")), _FORKED["stage"])
def _finish(path: str, page: str, stage: str | None) -> Rendered:
    """A rendered page as UTF-8 (half the memory of a str holding non-Latin-1 text),
    or staged on disk; its SHA-256 and its links."""
    data = page.encode("utf-8")
    sha = sha256(data)
    found = page_links(data)
    if stage is None:
        return data, sha, found
    target = os.path.join(stage, path)
    try:
        handle = open(target, "wb")
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle = open(target, "wb")
    with handle:
        handle.write(data)
    return Staged(target, sha), sha, found
