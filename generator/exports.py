"""Data exports published beside the built site (see docs-snippets/data.md).

``exports(archive, related)`` returns ``{file name: bytes}``, byte-identical
for the same inputs:

* ``entities.json``: the registry, each entity with the articles that mention it;
* ``figures.csv``: every key figure with its article, paragraph and entities;
* ``articles.jsonl``: every article's front matter (schema keys) plus its URL
  and related articles, one JSON object per line, sorted by id (the front
  matter's ``url``, the original's address, is ``original_url`` there).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .crosslink.index import CrossIndex, build_index
from .crosslink.related import Related

#: columns of figures.csv, in order
FIGURE_COLUMNS = ("article", "published", "paragraph", "text", "value", "unit", "counts", "qualifier",
                  "entities", "url")
#: what makes a spreadsheet read a cell as a formula (OWASP, CSV Injection), with the full-width
#: forms some spreadsheets accept as well
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def article_url(article_id: str) -> str:
    """The article page's URL relative to the site root (``use_directory_urls: false``)."""
    return f"articles/{article_id}.html"


def entity_url(entity_id: str) -> str:
    return f"entities/{entity_id}/index.html"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def _cell(value: str | None) -> str:
    """A text cell a spreadsheet will not run as a formula (OWASP's advice: a
    cell starting with = + - @ tab or a line break, also after spaces, gets a
    leading apostrophe: "=1+1" -> "'=1+1"). Every text cell of figures.csv
    goes through here, whatever its column; the csv module quotes the cell
    when it holds a comma, a quotation mark or a line break."""
    text = value or ""
    return "'" + text if text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START) else text


def entities_json(index: CrossIndex) -> bytes:
    items = []
    for entity in sorted(index.registry.entities, key=lambda e: e.id):
        mentioned = index.entity_articles.get(entity.id, [])
        articles = [index.by_id[a] for a in mentioned]
        items.append({
            "id": entity.id, "name": entity.name, "kind": entity.kind, "aliases": list(entity.aliases),
            "description": entity.description, "wikidata": entity.wikidata, "reviewed": entity.reviewed,
            "url": entity_url(entity.id) if mentioned else None,
            "article_count": len(mentioned),
            "first_mention": articles[-1].published if articles else None,
            "last_mention": articles[0].published if articles else None,
            "articles": sorted(mentioned),
        })
    return (json.dumps({"entities": items}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def figures_csv(index: CrossIndex) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIGURE_COLUMNS)
    for article in sorted(index.articles, key=lambda a: a.id):
        for figure in article.key_figures:
            writer.writerow([
                _cell(article.id), _cell(article.published), figure.paragraph, _cell(figure.text), figure.value,
                _cell(figure.unit), _cell(figure.counts), _cell(figure.qualifier),
                _cell(" ".join(index.figure_entities(article.id, figure.paragraph))),
                _cell(f"{article_url(article.id)}#p{figure.paragraph}"),
            ])  # paragraph and value are numbers (the sidecar's types are checked when it is read)
    return out.getvalue().encode("utf-8")


def articles_jsonl(index: CrossIndex, related: Related) -> bytes:
    lines = []
    for article in sorted(index.articles, key=lambda a: a.id):
        data = article.to_data()
        original = data.pop("url", None)  # the front matter's url (the original's address): original_url here
        data["url"] = article_url(article.id)
        if original:
            data["original_url"] = original
        data["related"] = [{"id": other, "score": score} for other, score in related.get(article.id, [])]
        lines.append(_json(data))
    return ("\n".join(lines) + "\n" if lines else "").encode("utf-8")


def exports(archive, related: Related, index: CrossIndex | None = None) -> dict[str, bytes]:
    """``{file name: bytes}`` for the site root. ``index``: reuse a built :class:`CrossIndex`."""
    index = index or build_index(archive.registry, archive.articles)
    return {
        "articles.jsonl": articles_jsonl(index, related),
        "entities.json": entities_json(index),
        "figures.csv": figures_csv(index),
    }
