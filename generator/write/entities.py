"""Entity pages: one per mentioned entity (paginated), the index by kind and the pages by initial.

Pure functions over the :class:`~generator.crosslink.CrossIndex`: ``{path
under content/: page text}`` out. Paths::

    entities/index.md                      kinds, letters, most mentioned
    entities/_by-letter/<kind>-<letter>.md one kind, one initial
    entities/<id>/index.md, page-N.md      one entity
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Sequence

from slugify import slugify

from ..crosslink.config import PagesConfig
from ..crosslink.index import CrossIndex
from ..display import day, event_day
from ..records import Article
from .article import HTML_PAGE, pager
from .frontmatter import page
from .listings import article_href, article_row, browse, clip, event_key, page_name, paginate, rows
from .render import render

KIND_TITLES = {"person": "People", "organisation": "Organisations", "place": "Places"}
KIND_LABELS = {"person": "Person", "organisation": "Organisation", "place": "Place"}
LETTER_DIR = "_by-letter"  # "_" is not allowed in entity ids, so it never clashes with entities/<id>/
HIGHLIGHT_KINDS = ("quotes", "figures", "events")
NO_HIGHLIGHTS: dict[str, Any] = {**{kind: [] for kind in HIGHLIGHT_KINDS}, "totals": {}}
EMPTY_FOUND: dict[str, list] = {kind: [] for kind in HIGHLIGHT_KINDS}


@dataclass(slots=True, frozen=True)
class Prepared:
    """What every entity page draws on, from one pass over the whole archive:
    the entities mentioned together, and each entity's quotes, figures and events."""

    cooccurring: dict[str, Counter]
    found_in: dict[str, dict[str, list]]


def prepare(index: CrossIndex) -> Prepared:
    cooc: dict[str, Counter[str]] = {}
    for found in index.found.values():
        ids = list(found)
        for eid in ids:
            cooc.setdefault(eid, Counter()).update(ids)  # Counter.update counts in C
    for eid, counts in cooc.items():
        del counts[eid]  # an entity is not "mentioned with" itself
    return Prepared(cooc, _quotes_figures_events(index, index.entities))


def entity_pages(index: CrossIndex, config: PagesConfig, prepared: Prepared | None = None,
                 only: Sequence[str] | None = None) -> dict[str, str]:
    """The pages of every mentioned entity (of ``only``, a part of them, when given)."""
    prepared = prepared or prepare(index)
    cooc, found_in = prepared.cooccurring, prepared.found_in
    pages: dict[str, str] = {}
    entities = index.entities
    for eid in (sorted(index.entity_articles) if only is None else only):
        article_ids = index.entity_articles[eid]
        entity = entities[eid]
        articles = [index.by_id[a] for a in article_ids]
        together = sorted(cooc.get(eid, {}).items(), key=lambda kv: (-kv[1], entities[kv[0]].name, kv[0]))
        header = {
            "name": entity.name,
            "kind": KIND_LABELS[entity.kind],
            "kind_title": KIND_TITLES[entity.kind],
            "description": entity.description or "",
            "aliases": list(entity.aliases),
            "wikidata": entity.wikidata,
            "reviewed": entity.reviewed,
            "count": len(articles),
            "first": day(articles[-1].published),
            "last": day(articles[0].published),
            "cooccurring": [{"id": o, "name": entities[o].name, "count": c} for o, c in together[:config.cooccurring]],
            "browse": browse("../../"),
        }
        highlights = _highlights(found_in.get(eid, EMPTY_FOUND), config.highlights)
        chunks = paginate(articles, config.page_size)
        for number, chunk in enumerate(chunks, start=1):
            body = render("entity.html.j2", entity=header, page=number, pager=pager(len(chunks), number, page_name, 2),
                          articles=rows([_entity_article(index, eid, a, config.context) for a in chunk]),
                          **(highlights if number == 1 else NO_HIGHLIGHTS))
            title = entity.name if number == 1 else f"{entity.name} (page {number})"
            meta = {**HTML_PAGE, "title": title}
            if number == 1:  # the entity's own page is a search result (overrides/entity.html)
                meta.update(template="entity.html", entity={"kind": entity.kind, "name": entity.name})
                if not entity.reviewed:  # detected, not in the registry
                    meta["entity"].update(reviewed=False, aliases=list(entity.aliases))
            pages[f"entities/{eid}/{page_name(number)}"] = page(meta, body)
    return pages


def _entity_article(index: CrossIndex, eid: str, article: Article, context: int) -> str:
    """One line per article: its date, its headline linked to the paragraph that
    first names the entity, and that sentence (clipped) as context."""
    paragraph, sentence = index.found[article.id][eid].first_sentence(article)
    return article_row(day(article.published), article_href(article.id, paragraph), article.title,
                       clip(sentence, context) if context else "")


def _quotes_figures_events(index: CrossIndex, entities: dict) -> dict[str, dict[str, list]]:
    """For each entity, in one pass over the archive (newest article first):
    the quotes it said, the key figures about it and the events involving it,
    as (article, item) pairs."""
    speakers: dict[str, list[str]] = {}
    for eid, entity in sorted(entities.items()):
        speakers.setdefault(entity.name, []).append(eid)
        if not entity.reviewed:  # an article may name it otherwise ("Maria van Kerkhove")
            for alias in entity.aliases:
                speakers.setdefault(alias, []).append(eid)
    found: dict[str, dict[str, list]] = {}

    def add(eid: str, kind: str, pair: tuple) -> None:
        if eid not in found:
            found[eid] = {k: [] for k in HIGHLIGHT_KINDS}
        found[eid][kind].append(pair)

    for article in index.articles:
        for quote in article.quotes:
            for eid in speakers.get(quote.speaker, ()):
                add(eid, "quotes", (article, quote))
        for figure in article.key_figures:
            for eid in index.figure_entities(article.id, figure.paragraph):
                add(eid, "figures", (article, figure))
        for event in article.events:
            for eid in index.event_entities(article, event):
                add(eid, "events", (article, event))
    return found


def _highlights(found: dict[str, list], limit: int) -> dict[str, Any]:
    """The latest ``limit`` quotes by, key figures about and dated events involving
    an entity, from all its articles: they go on its first page only, each with
    its total, so an entity page stays small however often the entity is in the
    news. The timeline and key-figures pages list every one."""
    quotes, figures, events = found["quotes"], found["figures"], found["events"]
    latest_events = sorted(events, key=lambda ae: event_key(*ae))[max(0, len(events) - limit):] if limit else []
    return {
        "quotes": [{"text": q.text, "kind": q.kind, "date": day(a.published), "title": a.title,
                    "href": article_href(a.id, q.paragraph)} for a, q in quotes[:limit]],
        "figures": [{"text": f.text, "counts": f.counts, "date": day(a.published), "title": a.title,
                     "href": article_href(a.id, f.paragraph)} for a, f in figures[:limit]],
        "events": [{"date": event_day(e.date), "expression": e.expression, "text": e.text, "title": a.title,
                    "href": article_href(a.id, e.paragraph)} for a, e in latest_events],
        "totals": {"quotes": len(quotes), "figures": len(figures), "events": len(events)},
    }


def _letter(name: str) -> str:
    first = slugify(name)[:1]
    return first if first.isalpha() else "0-9"


def entity_indexes(index: CrossIndex) -> dict[str, str]:
    pages: dict[str, str] = {}
    entities = index.entities
    counts = {eid: len(ids) for eid, ids in index.entity_articles.items()}
    kinds = []
    for kind, title in KIND_TITLES.items():
        members = sorted((entities[e] for e in counts if entities[e].kind == kind),
                         key=lambda e: (e.name.casefold(), e.id))
        letters: dict[str, list] = {}
        for entity in members:
            letters.setdefault(_letter(entity.name), []).append(entity)
        for letter, group in letters.items():
            heading = f"{title}: {letter.upper()}"
            body = render("entity-letter.html.j2", title=heading,
                          entities=[{"id": e.id, "name": e.name, "count": counts[e.id],
                                     "description": e.description or ""} for e in group])
            pages[f"entities/{LETTER_DIR}/{kind}-{letter}.md"] = page({**HTML_PAGE, "title": heading}, body)
        top = sorted(members, key=lambda e: (-counts[e.id], e.name.casefold(), e.id))[:10]
        kinds.append({"title": title, "slug": title.lower(), "count": len(members),
                      "letters": [{"label": letter.upper(), "href": f"{LETTER_DIR}/{kind}-{letter}.html",
                                   "count": len(group)} for letter, group in sorted(letters.items())],
                      "top": [{"id": e.id, "name": e.name, "count": counts[e.id]} for e in top]})
    body = render("entity-index.html.j2", kinds=kinds, browse=browse("../"))
    pages["entities/index.md"] = page({**HTML_PAGE, "title": "People, organisations and places"}, body)
    return pages
