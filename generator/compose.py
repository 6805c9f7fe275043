"""Article pages with what the later stages add: entity links, note highlights and
sidenotes, related coverage, and extra front matter (note count, related ids).

Each page is rendered only when its inputs changed: its cache key covers the
article's own key (raw bytes, sidecar, registry, code), its notes, and the
titles and dates of its related articles.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

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


def article_pages(archive: "Archive", cache: Cache) -> tuple[dict[str, str], int]:
    """Every article page, keyed by path under content/, and how many were rendered afresh."""
    by_id = {a.id: a for a in archive.articles}
    matcher: Matcher | None = None
    pages: dict[str, str] = {}
    rendered = 0
    for article in archive.articles:
        related = related_links(archive, article, by_id)
        key = page_key(archive, article, related)
        text = cache.get("pages", key)
        if not isinstance(text, str):
            matcher = matcher or Matcher(archive.registry)
            text = render_one(archive, article, related, matcher)
            cache.put("pages", key, text)
            rendered += 1
        pages[article_path(article)] = text
    return pages, rendered
