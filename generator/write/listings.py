"""Listing pages: the timeline, key figures, agencies and editors, and their shared pieces.

Pure functions over the :class:`~generator.crosslink.CrossIndex`. Long
listings continue on ``page-2.md``, ``page-3.md``, ... beside their
``index.md``; none of these pages is in the MkDocs nav. Paths (under content/)::

    timeline/index.md                      years
    timeline/<year>/index.md, page-N.md    that year's events
    figures/index.md, page-N.md            every key figure, filterable
    archive/agency/index.md, <slug>/index.md, <slug>/page-N.md
    archive/editor/index.md, <slug>/index.md, <slug>/page-N.md
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Sequence

from markupsafe import Markup
from slugify import slugify

from ..crosslink.config import PagesConfig
from ..crosslink.index import CrossIndex
from ..crosslink.slugs import slug_map
from ..display import MONTHS, day, event_day, published_sort_key
from ..records import Article, Event
from .article import HTML_PAGE, pager
from .frontmatter import page
from .html import text
from .render import render

_BROWSE = (("Entities", "entities/index.html"), ("Timeline", "timeline/index.html"),
           ("Key figures", "figures/index.html"), ("Agencies", "archive/agency/index.html"),
           ("Editors and bylines", "archive/editor/index.html"), ("By month", "archive/index.html"))


def page_name(number: int) -> str:
    return "index.md" if number == 1 else f"page-{number}.md"


def paginate(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    """Items in pages of ``size``; always at least one (maybe empty) page."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [items[:0]]


def browse(prefix: str) -> Markup:
    """The line of links between the cross-link index pages; ``prefix`` leads to the site's root."""
    links = " · ".join(f'<a href="{prefix}{href}">{label}</a>' for label, href in _BROWSE)
    return Markup(f'<p class="na-browse">{links}</p>')


def article_href(article_id: str, paragraph: int | None = None, prefix: str = "../../") -> str:
    return f"{prefix}articles/{article_id}.html" + (f"#p{paragraph}" if paragraph else "")


def clip(sentence: str, limit: int) -> str:
    """``sentence`` cut at a word boundary to at most ``limit`` characters, with "…" when cut."""
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


# The long lists (an entity's articles, a year's events, every key figure) are
# built here as HTML, a row at a time: the same escaping as the templates'
# (html.text: clean, then markupsafe), about three times faster than a Jinja
# loop over each row's values. Generated values (dates, hrefs of ids,
# counts) need no escaping; everything from an article or the registry is text().

@lru_cache(maxsize=1 << 16)
def headline(title: str) -> Markup:
    """An article's headline as link text (it comes back on page after page: escaped once)."""
    return text(title) or Markup("¶")


def article_row(date: str, href: str, title: str, sentence: str = "") -> str:
    row = f'<li>{date}: <a href="{href}">{headline(title)}</a>'
    return row + (f"<br>\n{text(sentence)}</li>" if sentence else "</li>")


def event_row(event: Event, article: Article) -> str:
    return (f"<li><strong>{text(event_day(event.date))}</strong> ({text(event.expression)}): {text(event.text)}"
            f'<br>\n<a href="{article_href(article.id, event.paragraph)}">{headline(article.title)}</a>, '
            f"{day(article.published)}</li>")


def rows(items: Sequence[str]) -> Markup:
    return Markup("\n".join(items))


def event_key(article: Article, event: Event) -> tuple:
    return (event.date, published_sort_key(article.published), article.id, event.paragraph, event.expression)


# --------------------------------------------------------------------------
# timeline
# --------------------------------------------------------------------------

def timeline_pages(index: CrossIndex, config: PagesConfig) -> dict[str, str]:
    by_year: dict[str, list[tuple[Article, Event]]] = {}
    for article in index.articles:
        for event in article.events:
            year = event.date[:4]
            if len(year) == 4 and year.isdigit():
                by_year.setdefault(year, []).append((article, event))
    pages: dict[str, str] = {}
    years = []
    for year in sorted(by_year, reverse=True):
        events = sorted(by_year[year], key=lambda ae: event_key(*ae))
        chunks = paginate(events, config.timeline_page_size)
        for number, chunk in enumerate(chunks, start=1):
            months: list[dict[str, Any]] = []
            for article, event in chunk:
                month = event.date[5:7]
                name = MONTHS[int(month) - 1] if month.isdigit() and 1 <= int(month) <= 12 else "Date unknown"
                if not months or months[-1]["name"] != name:
                    months.append({"name": name, "slug": slugify(name), "events": []})
                months[-1]["events"].append(event_row(event, article))
            for month in months:
                month["events"] = rows(month["events"])
            title = year if number == 1 else f"{year} (page {number})"
            body = render("timeline.html.j2", year=year, pager=pager(len(chunks), number, page_name, 2),
                          months=months)
            pages[f"timeline/{year}/{page_name(number)}"] = page({**HTML_PAGE, "title": f"Timeline: {title}"}, body)
        years.append({"year": year, "count": len(events)})
    body = render("timeline-index.html.j2", years=years, browse=browse("../"))
    pages["timeline/index.md"] = page({**HTML_PAGE, "title": "Timeline"}, body)
    return pages


# --------------------------------------------------------------------------
# key figures
# --------------------------------------------------------------------------

def figure_pages(index: CrossIndex, config: PagesConfig) -> dict[str, str]:
    """Every key figure, grouped under its article, newest article first. A
    figure links its paragraph and names its entities as text; each page links
    every entity it names once, in a legend the filter (figures-filter.js)
    reads its choices from. An article's figures stay on one page."""
    entities = index.entities
    groups: list[dict[str, Any]] = []
    for article in index.articles:
        if not article.key_figures:
            continue
        lines, ids = [], []
        for figure in article.key_figures:
            about = index.figure_entities(article.id, figure.paragraph)
            counts = figure.counts if figure.counts and figure.counts not in figure.text else ""
            lines.append(
                f'<li data-entities="{" ".join(about)}" data-unit="{slugify(figure.unit) or "none"}"><strong>'
                f'<a href="{article_href(article.id, figure.paragraph, "../")}">{text(figure.text) or "¶"}</a>'
                f"</strong>{f' ({text(counts)})' if counts else ''}"
                f"{'. About: ' + str(text(', '.join(entities[e].name for e in about))) if about else ''}</li>")
            ids.append(about)
        groups.append({"html": f'<li>{day(article.published)}: <a href="{article_href(article.id, prefix="../")}">'
                               f'{headline(article.title)}</a><ul>\n' + "\n".join(lines) + "\n</ul>\n</li>",
                       "rows": ids})
    total = sum(len(g["rows"]) for g in groups)
    pages: dict[str, str] = {}
    chunks = _chunk_groups(groups, config.figures_page_size)
    for number, chunk in enumerate(chunks, start=1):
        named = sorted({e for g in chunk for about in g["rows"] for e in about},
                       key=lambda e: (entities[e].name.casefold(), e))
        legend = [{"id": e, "name": entities[e].name} for e in named]
        body = render("figures.html.j2", groups=rows([g["html"] for g in chunk]), legend=legend,
                      pager=pager(len(chunks), number, page_name, 2), total=total, browse=browse("../"))
        title = "Key figures" if number == 1 else f"Key figures (page {number})"
        pages[f"figures/{page_name(number)}"] = page({**HTML_PAGE, "title": title}, body)
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

def people_pages(index: CrossIndex, config: PagesConfig, folder: str, title: str, noun: str,
                 roles_of: Callable[[Article], list[tuple[str, str]]]) -> dict[str, str]:
    """archive/<folder>/index.md and one paginated listing per name."""
    listed: dict[str, list[tuple[Article, str]]] = {}
    for article in index.articles:  # newest first
        for name, role in roles_of(article):
            listed.setdefault(name, []).append((article, role))
    slugs = slug_map(list(listed))
    words = PEOPLE_WORDS[folder]
    pages: dict[str, str] = {}
    names = []
    for name in sorted(listed, key=lambda n: (n.casefold(), n)):
        slug = slugs[name]
        chunks = paginate(listed[name], config.page_size)
        for number, chunk in enumerate(chunks, start=1):
            body = render("people.html.j2", name=name, pager=pager(len(chunks), number, page_name, 2),
                          count=len(listed[name]), what=words["what"], all=words["all"],
                          articles=[{"date": day(a.published), "title": a.title,
                                     "href": article_href(a.id, prefix="../../../"), "role": role}
                                    for a, role in chunk])
            page_title = name if number == 1 else f"{name} (page {number})"
            pages[f"archive/{folder}/{slug}/{page_name(number)}"] = page(
                {**HTML_PAGE, "title": f"{noun}: {page_title}"}, body)
        names.append({"slug": slug, "name": name, "count": len(listed[name])})
    body = render("people-index.html.j2", title=title, names=names, empty=words["empty"], browse=browse("../../"))
    pages[f"archive/{folder}/index.md"] = page({**HTML_PAGE, "title": title}, body)
    return pages


PEOPLE_WORDS = {
    "agency": {"what": "", "all": "All agencies", "empty": "No agencies named yet."},
    "editor": {"what": " edited or written", "all": "All editors and bylines",
               "empty": "No editors or bylines named yet."},
}


def agencies(article: Article) -> list[tuple[str, str]]:
    return [(article.agency, "agency")] if article.agency else []


def editors(article: Article) -> list[tuple[str, str]]:
    found = [(e, "editor") for e in article.editors]
    for name in article.byline or ():
        if name not in article.editors:
            found.append((name, "byline"))
    return found
