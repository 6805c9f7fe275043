"""Cross-link pages: entities, timeline, key figures, agencies and editors.

Pure functions: archive in, ``{path under content/: Markdown}`` out. Every
piece of article or registry text goes through the writer's
:func:`~generator.writer.render_inline`, so it reaches the page literally.
Long listings continue on ``page-2.md``, ``page-3.md``, ... beside their
``index.md``; none of these pages is in the MkDocs nav.

Paths (under content/)::

    entities/index.md                      kinds, letters, most mentioned
    entities/_by-letter/<kind>-<letter>.md one kind, one initial
    entities/<id>/index.md, page-N.md      one entity
    timeline/index.md                      years
    timeline/<year>/index.md, page-N.md    that year's events
    figures/index.md, page-N.md            every key figure, filterable
    archive/agency/index.md, <slug>/index.md, <slug>/page-N.md
    archive/editor/index.md, <slug>/index.md, <slug>/page-N.md
"""

from __future__ import annotations

import hashlib
from collections import Counter
from functools import lru_cache
from typing import Any, Callable, Sequence

import yaml
from slugify import slugify

from ..records import Article, Event
from ..writer import _env as TEMPLATES, published_display, published_sort_key, render_inline, render_link
from .config import CrosslinkConfig, PagesConfig
from .index import CrossIndex, build_index

KIND_TITLES = {"person": "People", "organisation": "Organisations", "place": "Places"}
KIND_LABELS = {"person": "Person", "organisation": "Organisation", "place": "Place"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")
LETTER_DIR = "_by-letter"  # "_" is not allowed in entity ids, so it never clashes with entities/<id>/

_env = TEMPLATES  # the writer's Jinja2 environment: every value is escaped before it reaches a template


# --------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------

def text(value: str | None, *, line_start: bool = False) -> str:
    return render_inline(value, line_start=line_start) if value else ""


def link(label: str, href: str, title: str | None = None) -> str:
    """``[label](href)`` with the label escaped; an empty label gets a pilcrow."""
    return render_link(label or "¶", href, title)


@lru_cache(maxsize=None)
def day(published: str) -> str:
    return published_display(published).split(",")[0]


def event_day(date: str) -> str:
    """``2020-01-22`` -> ``22 January 2020``; ``2020-02`` -> ``February 2020``."""
    parts = date.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return date


def page_name(number: int) -> str:
    return "index.md" if number == 1 else f"page-{number}.md"


def paginate(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    """Items in pages of ``size``; always at least one (maybe empty) page."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [items[:0]]


def pager(count: int, current: int) -> str:
    """'Page 2 of 9: « Previous · 1 … 2 3 4 … 9 · Next »', linking pages in one folder."""
    if count <= 1:
        return ""
    shown = sorted({1, count, *range(max(1, current - 2), min(count, current + 2) + 1)})
    parts: list[str] = []
    last = 0
    for number in shown:
        if number > last + 1:
            parts.append("…")
        parts.append(f"**{number}**" if number == current else f"[{number}]({page_name(number)})")
        last = number
    prev = f"[« Previous]({page_name(current - 1)}) · " if current > 1 else ""
    nxt = f" · [Next »]({page_name(current + 1)})" if current < count else ""
    return f"Page {current} of {count}: {prev}{' '.join(parts)}{nxt}"


def front(data: dict[str, Any], body: str) -> str:
    head = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=4096)
    return f"---\n{head}---\n\n{body.rstrip()}\n"


def render(template: str, **context: Any) -> str:
    return _env.get_template(template).render(**context)


#: characters of a name's slug before its hash suffix: a slug names a folder, and slugify can
#: make a name longer ("中国" -> "zhong-guo"); file names stop at 255 bytes
MAX_SLUG = 80


def name_slug(name: str) -> str:
    """A name's URL slug: slugify's, cut to :data:`MAX_SLUG` characters with a
    short hash of the name added when it is longer (or has no letters at all)."""
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    slug = slugify(name)
    if not slug:
        return "x-" + digest
    if len(slug) <= MAX_SLUG:
        return slug
    return slugify(name, max_length=MAX_SLUG, word_boundary=True) + "-" + digest


def slug_map(names: Sequence[str]) -> dict[str, str]:
    """A distinct URL slug for each name (deterministic: clashes numbered in name order)."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names), key=lambda n: (n.casefold(), n)):
        base = name_slug(name)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        result[name] = slug
    return result


def _event_key(article: Article, event: Event) -> tuple:
    return (event.date, published_sort_key(article.published), article.id, event.paragraph, event.expression)


def _browse(prefix: str) -> str:
    """The line of links between the cross-link index pages; ``prefix`` leads to content/."""
    items = [("Entities", "entities/index.md"), ("Timeline", "timeline/index.md"),
             ("Key figures", "figures/index.md"), ("Agencies", "archive/agency/index.md"),
             ("Editors and bylines", "archive/editor/index.md"), ("By month", "archive/index.md")]
    return " · ".join(f"[{label}]({prefix}{href})" for label, href in items)


# --------------------------------------------------------------------------
# entity pages
# --------------------------------------------------------------------------

def _entity_pages(index: CrossIndex, config: PagesConfig) -> dict[str, str]:
    pages: dict[str, str] = {}
    entities = index.entities
    cooc: dict[str, Counter[str]] = {}
    for found in index.found.values():
        ids = list(found)
        for eid in ids:
            cooc.setdefault(eid, Counter()).update(ids)  # Counter.update counts in C
    for eid, counts in cooc.items():
        del counts[eid]  # an entity is not "mentioned with" itself
    found_in = _quotes_figures_events(index, entities)
    for eid, article_ids in sorted(index.entity_articles.items()):
        entity = entities[eid]
        articles = [index.by_id[a] for a in article_ids]
        together = sorted(cooc.get(eid, {}).items(), key=lambda kv: (-kv[1], entities[kv[0]].name, kv[0]))
        header = {
            "name": text(entity.name, line_start=True),
            "kind": KIND_LABELS[entity.kind],
            "kind_title": KIND_TITLES[entity.kind],
            "description": text(entity.description),
            "aliases": ", ".join(text(a) for a in entity.aliases),
            "wikidata": entity.wikidata,
            "reviewed": entity.reviewed,
            "count": len(articles),
            "first": day(articles[-1].published),
            "last": day(articles[0].published),
            "cooccurring": [{"link": link(entities[o].name, f"../{o}/index.md"), "count": c}
                            for o, c in together[:config.cooccurring]],
            "browse": _browse("../../"),
        }
        highlights = _entity_highlights(found_in.get(eid, EMPTY_FOUND), config.highlights)
        chunks = paginate(articles, config.page_size)
        for number, chunk in enumerate(chunks, start=1):
            body = render("entity.md.j2", entity=header, page=number, pager=pager(len(chunks), number),
                          articles=[_entity_article(index, eid, a, config.context) for a in chunk],
                          **(highlights if number == 1 else NO_HIGHLIGHTS))
            title = entity.name if number == 1 else f"{entity.name} (page {number})"
            meta = {"title": title}
            if number == 1:  # the entity's own page is a search result (overrides/entity.html)
                meta.update(template="entity.html", entity={"kind": entity.kind, "name": entity.name})
                if not entity.reviewed:  # searched by its name and forms only (overrides/entity.html)
                    meta["entity"].update(reviewed=False, aliases=list(entity.aliases))
            pages[f"entities/{eid}/{page_name(number)}"] = front(meta, body)
    return pages


HIGHLIGHT_KINDS = ("quotes", "figures", "events")
NO_HIGHLIGHTS: dict[str, Any] = {**{kind: [] for kind in HIGHLIGHT_KINDS}, "totals": {}}


def _article_href(article_id: str, paragraph: int | None = None, prefix: str = "../../") -> str:
    return f"{prefix}articles/{article_id}.md" + (f"#p{paragraph}" if paragraph else "")


def clip(sentence: str, limit: int) -> str:
    """``sentence`` cut at a word boundary to at most ``limit`` characters, with "…" when cut."""
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def _entity_article(index: CrossIndex, eid: str, article: Article, context: int) -> dict[str, str]:
    """One line per article: its date, its headline linked to the paragraph that
    first names the entity, and that sentence (clipped) as context."""
    paragraph, sentence = index.found[article.id][eid].first_sentence(article)
    return {"date": day(article.published), "link": link(article.title, _article_href(article.id, paragraph)),
            "sentence": text(clip(sentence, context)) if context else ""}


EMPTY_FOUND: dict[str, list] = {kind: [] for kind in HIGHLIGHT_KINDS}


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
        found.setdefault(eid, {k: [] for k in HIGHLIGHT_KINDS})[kind].append(pair)

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


def _entity_highlights(found: dict[str, list], limit: int) -> dict[str, Any]:
    """The latest ``limit`` quotes by, key figures about and dated events involving
    an entity, from all its articles: they go on its first page only, each with
    its total, so an entity page stays small however often the entity is in the
    news. The timeline and key-figures pages list every one."""
    quotes, figures, events = found["quotes"], found["figures"], found["events"]
    latest_events = sorted(events, key=lambda ae: _event_key(*ae))[max(0, len(events) - limit):] if limit else []
    return {
        "quotes": [{"text": text(q.text), "kind": q.kind, "date": day(a.published),
                    "link": link(a.title, _article_href(a.id, q.paragraph))} for a, q in quotes[:limit]],
        "figures": [{"text": text(f.text), "counts": text(f.counts), "date": day(a.published),
                     "link": link(a.title, _article_href(a.id, f.paragraph))} for a, f in figures[:limit]],
        "events": [{"date": event_day(e.date), "expression": text(e.expression), "text": text(e.text),
                    "link": link(a.title, _article_href(a.id, e.paragraph))} for a, e in latest_events],
        "totals": {"quotes": len(quotes), "figures": len(figures), "events": len(events)},
    }


def _letter(name: str) -> str:
    first = slugify(name)[:1]
    return first if first.isalpha() else "0-9"


def _entity_indexes(index: CrossIndex) -> dict[str, str]:
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
            body = render("entity-letter.md.j2", title=f"{title}: {letter.upper()}",
                          entities=[{"link": link(e.name, f"../{e.id}/index.md"), "count": counts[e.id],
                                     "description": text(e.description)} for e in group])
            pages[f"entities/{LETTER_DIR}/{kind}-{letter}.md"] = front({"title": f"{title}: {letter.upper()}"},
                                                                        body)
        top = sorted(members, key=lambda e: (-counts[e.id], e.name.casefold(), e.id))[:10]
        kinds.append({"title": title, "count": len(members),
                      "letters": [{"label": letter.upper(), "href": f"{LETTER_DIR}/{kind}-{letter}.md",
                                   "count": len(group)} for letter, group in sorted(letters.items())],
                      "top": [{"link": link(e.name, f"{e.id}/index.md"), "count": counts[e.id]} for e in top]})
    body = render("entity-index.md.j2", kinds=kinds, browse=_browse("../"))
    pages["entities/index.md"] = front({"title": "People, organisations and places"}, body)
    return pages


# --------------------------------------------------------------------------
# timeline
# --------------------------------------------------------------------------

def _timeline_pages(index: CrossIndex, config: PagesConfig) -> dict[str, str]:
    by_year: dict[str, list[tuple[Article, Event]]] = {}
    for article in index.articles:
        for event in article.events:
            year = event.date[:4]
            if len(year) == 4 and year.isdigit():
                by_year.setdefault(year, []).append((article, event))
    pages: dict[str, str] = {}
    years = []
    for year in sorted(by_year, reverse=True):
        events = sorted(by_year[year], key=lambda ae: _event_key(*ae))
        chunks = paginate(events, config.timeline_page_size)
        for number, chunk in enumerate(chunks, start=1):
            months: list[dict[str, Any]] = []
            for article, event in chunk:
                month = _MONTHS[int(event.date[5:7]) - 1] if len(event.date) >= 7 else "Date unknown"
                if not months or months[-1]["name"] != month:
                    months.append({"name": month, "events": []})
                months[-1]["events"].append({
                    "date": event_day(event.date), "expression": text(event.expression),
                    "text": text(event.text), "link": link(article.title, _article_href(article.id, event.paragraph)),
                    "published": day(article.published)})
            title = year if number == 1 else f"{year} (page {number})"
            body = render("timeline.md.j2", year=year, page=number, pager=pager(len(chunks), number), months=months)
            pages[f"timeline/{year}/{page_name(number)}"] = front({"title": f"Timeline: {title}"}, body)
        years.append({"year": year, "count": len(events), "href": f"{year}/index.md"})
    body = render("timeline-index.md.j2", years=years, browse=_browse("../"))
    pages["timeline/index.md"] = front({"title": "Timeline"}, body)
    return pages


# --------------------------------------------------------------------------
# key figures
# --------------------------------------------------------------------------

def _figure_pages(index: CrossIndex, config: PagesConfig) -> dict[str, str]:
    """Every key figure, grouped under its article, newest article first. A
    figure links its paragraph and names its entities as text; each page links
    every entity it names once, in a legend the filter (figures-filter.js)
    reads its choices from. An article's figures stay on one page."""
    entities = index.entities
    groups: list[dict[str, Any]] = []
    for article in index.articles:
        if not article.key_figures:
            continue
        rows = []
        for figure in article.key_figures:
            about = index.figure_entities(article.id, figure.paragraph)
            rows.append({
                "link": link(figure.text, _article_href(article.id, figure.paragraph, "../")),
                "counts": text(figure.counts) if figure.counts and figure.counts not in figure.text else "",
                "unit": text(figure.unit), "unit_slug": slugify(figure.unit) or "none",
                "entity_ids": " ".join(about),
                "about": ", ".join(text(entities[e].name) for e in about),
                "ids": about,
            })
        groups.append({"date": day(article.published), "link": link(article.title, _article_href(article.id,
                                                                                                   prefix="../")),
                       "rows": rows})
    total = sum(len(g["rows"]) for g in groups)
    pages: dict[str, str] = {}
    chunks = _chunk_groups(groups, config.figures_page_size)
    for number, chunk in enumerate(chunks, start=1):
        named = sorted({e for g in chunk for r in g["rows"] for e in r["ids"]},
                       key=lambda e: (entities[e].name.casefold(), e))
        legend = [{"id": e, "link": link(entities[e].name, f"../entities/{e}/index.md")} for e in named]
        body = render("figures.md.j2", groups=chunk, legend=legend, page=number,
                      pager=pager(len(chunks), number), total=total, browse=_browse("../"))
        title = "Key figures" if number == 1 else f"Key figures (page {number})"
        pages[f"figures/{page_name(number)}"] = front({"title": title}, body)
    return pages


def _chunk_groups(groups: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    """Whole groups in pages of about ``size`` rows (a page ends after the group
    that reaches ``size``); always at least one (maybe empty) page."""
    chunks: list[list[dict[str, Any]]] = [[]]
    rows = 0
    for group in groups:
        if rows >= size:
            chunks.append([])
            rows = 0
        chunks[-1].append(group)
        rows += len(group["rows"])
    return chunks


# --------------------------------------------------------------------------
# agencies and editors
# --------------------------------------------------------------------------

def _people_pages(index: CrossIndex, config: PagesConfig, folder: str, title: str, noun: str,
                  roles_of: Callable[[Article], list[tuple[str, str]]], template: str) -> dict[str, str]:
    """archive/<folder>/index.md and one paginated listing per name."""
    listed: dict[str, list[tuple[Article, str]]] = {}
    for article in index.articles:  # newest first
        for name, role in roles_of(article):
            listed.setdefault(name, []).append((article, role))
    slugs = slug_map(list(listed))
    pages: dict[str, str] = {}
    names = []
    for name in sorted(listed, key=lambda n: (n.casefold(), n)):
        slug = slugs[name]
        chunks = paginate(listed[name], config.page_size)
        for number, chunk in enumerate(chunks, start=1):
            body = render(template, name=text(name, line_start=True), page=number,
                          pager=pager(len(chunks), number), count=len(listed[name]),
                          articles=[{"date": day(a.published),
                                     "link": link(a.title, _article_href(a.id, prefix="../../../")),
                                     "role": role} for a, role in chunk])
            page_title = name if number == 1 else f"{name} (page {number})"
            pages[f"archive/{folder}/{slug}/{page_name(number)}"] = front({"title": f"{noun}: {page_title}"}, body)
        names.append({"link": link(name, f"{slug}/index.md"), "count": len(listed[name])})
    body = render(template.replace(".md.j2", "-index.md.j2"), title=title, names=names, browse=_browse("../../"))
    pages[f"archive/{folder}/index.md"] = front({"title": title}, body)
    return pages


def _agencies(article: Article) -> list[tuple[str, str]]:
    return [(article.agency, "agency")] if article.agency else []


def _editors(article: Article) -> list[tuple[str, str]]:
    found = [(e, "editor") for e in article.editors]
    for name in article.byline or ():
        if name not in article.editors:
            found.append((name, "byline"))
    return found


# --------------------------------------------------------------------------
# everything
# --------------------------------------------------------------------------

def render_crosslink_pages(archive, config: CrosslinkConfig | PagesConfig | None = None,
                           index: CrossIndex | None = None) -> dict[str, str]:
    """Every cross-link page, ``{path under content/: Markdown with front matter}``,
    sorted by path. ``index``: a :func:`build_index` already built for the archive."""
    pages_config = config.pages if isinstance(config, CrosslinkConfig) else (config or PagesConfig())
    index = index or build_index(archive.registry, archive.articles)
    pages: dict[str, str] = {}
    pages.update(_entity_pages(index, pages_config))
    pages.update(_entity_indexes(index))
    pages.update(_timeline_pages(index, pages_config))
    pages.update(_figure_pages(index, pages_config))
    pages.update(_people_pages(index, pages_config, "agency", "Articles by agency", "Agency",
                               _agencies, "agency.md.j2"))
    pages.update(_people_pages(index, pages_config, "editor", "Articles by editor and byline",
                               "Editor", _editors, "editor.md.j2"))
    return dict(sorted(pages.items()))
