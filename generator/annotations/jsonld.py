"""Every note as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/).

:func:`export_jsonld` returns one ``AnnotationCollection`` with its single
``AnnotationPage`` embedded (``first``). Each note is an ``Annotation``:

* ``id``: the note's permalink, ``<article URL>#note-<id>``;
* ``motivation``: from its kind (:data:`MOTIVATIONS`);
* ``body``: a ``TextualBody`` with the Markdown (``format: text/markdown``),
  a second ``TextualBody`` with the verdict for fact-checks (purpose
  ``assessing``), and one ``SpecificResource`` (purpose ``linking``) per source;
* ``target``: the article URL with a ``TextQuoteSelector`` (the article text
  the note anchors to, with up to :data:`CONTEXT_CHARS` characters before and
  after) and, for anchored notes, a ``FragmentSelector`` for the paragraph
  (``pN``, the page's paragraph anchor) refined by a ``TextPositionSelector``
  of offsets in that paragraph's text. Orphans only have the quote selector,
  with the quote, prefix and suffix as the contributor wrote them;
* ``creator`` (``name``) and ``created`` (the ``added`` date, midnight UTC).

The output is deterministic: articles by id, notes by number.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Sequence

from ..records import Article
from .model import Anchored

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = {
    "context": "commenting",
    "fact-check": "assessing",
    "correction": "editing",
    "source": "linking",
    "definition": "describing",
}
CONTEXT_CHARS = 32
COLLECTION_PATH = "annotations.jsonld"


def default_page_path(article: Article) -> str:
    """The article page's path on the site (content/articles/<id>.md is built as articles/<id>.html)."""
    return f"articles/{article.id}.html"


def _join(base: str, path: str) -> str:
    return f"{base.rstrip('/')}/{path}" if base else path


def _selectors(item: Anchored, paragraphs: Sequence[str]) -> list[dict[str, Any]]:
    note = item.note
    if item.is_orphan or item.paragraph is None:
        quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": note.quote}
        if note.prefix:
            quote["prefix"] = note.prefix
        if note.suffix:
            quote["suffix"] = note.suffix
        return [quote]
    text = paragraphs[item.paragraph - 1]
    quote = {"type": "TextQuoteSelector", "exact": text[item.start:item.end]}
    before = text[max(0, item.start - CONTEXT_CHARS):item.start]
    after = text[item.end:item.end + CONTEXT_CHARS]
    if before:
        quote["prefix"] = before
    if after:
        quote["suffix"] = after
    fragment = {
        "type": "FragmentSelector",
        "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
        "value": f"p{item.paragraph}",
        "refinedBy": {"type": "TextPositionSelector", "start": item.start, "end": item.end},
    }
    return [quote, fragment]


def annotation(item: Anchored, article: Article, page_url: str) -> dict[str, Any]:
    """One note as a Web Annotation."""
    note = item.note
    motivation = MOTIVATIONS[note.kind]
    body: list[dict[str, Any]] = [{
        "type": "TextualBody",
        "value": note.body,
        "format": "text/markdown",
        "purpose": motivation if motivation != "linking" else "commenting",
    }]
    if note.verdict:
        body.append({"type": "TextualBody", "value": note.verdict, "purpose": "assessing"})
    for source in note.sources:
        body.append({
            "type": "SpecificResource",
            "purpose": "linking",
            "source": {"id": source.url, "type": "Text", "format": "text/html", "label": source.title},
        })
    return {
        "id": f"{page_url}#note-{note.id}",
        "type": "Annotation",
        "motivation": motivation,
        "created": f"{note.added}T00:00:00Z",
        "creator": {"name": note.author},
        "body": body,
        "target": {"source": page_url, "selector": _selectors(item, article.paragraphs)},
    }


def export_jsonld(anchored_by_article: Mapping[str, Iterable[Anchored]],
                  articles: Mapping[str, Article] | Iterable[Article], base: str = "",
                  page_path: Callable[[Article], str] = default_page_path,
                  collection_path: str = COLLECTION_PATH) -> dict[str, Any]:
    """All notes of the archive as one AnnotationCollection (a JSON-able dict).

    ``base``: the site URL (``site_url``, e.g. ``https://example.org/news/``),
    or "" for URLs relative to the site root. ``page_path(article)`` gives an
    article page's path under it.
    """
    by_id = dict(articles) if isinstance(articles, Mapping) else {a.id: a for a in articles}
    items = []
    for article_id in sorted(anchored_by_article):
        article = by_id[article_id]
        url = _join(base, page_path(article))
        for item in sorted(anchored_by_article[article_id], key=lambda i: i.number):
            items.append(annotation(item, article, url))
    collection_id = _join(base, collection_path)
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "Notes on the articles of the newsarchive",
        "total": len(items),
        "first": {
            "id": f"{collection_id}#page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
