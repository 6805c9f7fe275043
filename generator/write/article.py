"""Article pages, the month archive and the home page's latest articles.

Pure functions: records in, page text out (YAML front matter, then the HTML
body). An article page's front matter is the article's schema keys
(``Article.to_data``), then the page keys, then what later stages add.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from markupsafe import Markup

from ..diagnostics import InputError
from ..display import day, month_name, published_display, published_sort_key
from ..head import description
from ..records import Article
from .frontmatter import page
from .html import Span, render_inline
from .paths import HTML_MARKUP, MARKUP_KEY, article_path, raw_url
from .render import render

#: How many articles the home page lists.
LATEST_COUNT = 10
#: articles on one page of a month's archive; more go on MM-page-2.md, MM-page-3.md, ...
MONTH_PAGE_SIZE = 100
#: the first front-matter key of every generated page
HTML_PAGE = {MARKUP_KEY: HTML_MARKUP}


def page_keys(article: Article) -> dict[str, Any]:
    """Front-matter keys for MkDocs/Material and the article template, after the schema keys."""
    return {
        MARKUP_KEY: HTML_MARKUP,
        "template": "article.html",
        "hide": ["toc"],
        "description": description(article.paragraphs, article.dateline.text if article.dateline else None),
        "display": {
            "published": published_display(article.published),
            "sort": published_sort_key(article.published),
            "year": article.year,
            "raw_url": raw_url(article.source.path),
        },
    }


@dataclass(slots=True, frozen=True)
class PageParts:
    """What later stages add to an article page (all optional).

    ``spans``: paragraph number -> spans over its plain text (entity links,
    note highlights). ``after``: paragraph number -> an HTML block the
    generator rendered and escaped itself (the paragraph's sidenotes), placed
    after the paragraph. ``tail``: such a block at the end of the article
    (notes that no longer match the text). ``related``: links to related
    articles, each ``{"title", "href", "date"}``.
    """

    spans: Mapping[int, Sequence[Span]] = field(default_factory=dict)
    after: Mapping[int, str] = field(default_factory=dict)
    tail: str = ""
    related: Sequence[Mapping[str, str]] = ()


NO_PARTS = PageParts()


def render_article(article: Article, extras: Mapping[str, Any] | None = None,
                   parts: PageParts = NO_PARTS) -> str:
    """The full page text of one article: YAML front matter + HTML body.

    ``extras``: more front-matter keys (later stages: notes, related, ...),
    added after the schema and page keys; they may not replace schema keys.
    ``parts``: links, highlights, sidenotes and related articles (see PageParts).
    """
    data = article.to_data()
    clash = set(extras or ()) & set(data)
    if clash:
        raise ValueError(f"extras may not replace schema keys: {', '.join(sorted(clash))}")
    data.update(page_keys(article))
    data.update(extras or {})
    spans, after = parts.spans, parts.after
    body = render(
        "article.html.j2",
        headline=render_inline(article.title),
        figures=article.key_figures,
        paragraphs=[{"html": render_inline(p, [Span(*s) for s in spans[n]] if n in spans else ()),
                     "after": Markup(after[n]) if n in after else ""}
                    for n, p in enumerate(article.paragraphs, start=1)],
        tail=Markup(parts.tail),
        related=parts.related,
    )
    return page(data, body)


def newest_first(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (published_sort_key(a.published), a.id), reverse=True)


def _listing(article: Article, href: str) -> dict[str, str]:
    return {"date": day(article.published), "href": href, "title": article.title, "agency": article.agency or ""}


def _month_page(month: str, number: int) -> str:
    return f"{month}.md" if number == 1 else f"{month}-page-{number}.md"


def pager(count: int, current: int, name, window: int | None = None) -> Markup:
    """'Page 2 of 9: « Previous · 1 … 2 3 4 … 9 · Next »' linking the pages of one
    folder; ``name(number)`` is a page's file (``.md``). ``window``: pages shown
    each side of the current one (None: all). '' for a single page."""
    if count <= 1:
        return Markup("")

    def url(number: int) -> str:
        return name(number)[:-3] + ".html"

    if window is None:
        shown = range(1, count + 1)
    else:
        shown = sorted({1, count, *range(max(1, current - window), min(count, current + window) + 1)})
    parts: list[str] = []
    last = 0
    for number in shown:
        if number > last + 1:
            parts.append("…")
        parts.append(f'<strong aria-current="page">{number}</strong>' if number == current
                     else f'<a href="{url(number)}">{number}</a>')
        last = number
    prev = f'<a href="{url(current - 1)}" rel="prev">« Previous</a> · ' if current > 1 else ""
    nxt = f' · <a href="{url(current + 1)}" rel="next">Next »</a>' if current < count else ""
    return Markup(f'<p class="na-pager">Page {current} of {count}: {prev}{" ".join(parts)}{nxt}</p>')


def render_archive(articles: Iterable[Article], page_size: int = MONTH_PAGE_SIZE) -> dict[str, str]:
    """``archive/index.md`` (years and months with counts) and one page per
    month ``archive/YYYY/MM.md`` listing its articles newest first, paginated
    (``MM-page-2.md`` ...) past ``page_size`` articles."""
    by_month: dict[tuple[str, str], list[Article]] = {}
    for a in articles:
        by_month.setdefault((a.year, a.month), []).append(a)
    pages: dict[str, str] = {}
    years: dict[str, list[dict[str, Any]]] = {}
    months = sorted(by_month, reverse=True)
    for position, (year, month) in enumerate(months):
        items = newest_first(by_month[(year, month)])
        name = f"{month_name(month)} {year}"
        chunks = [items[i:i + page_size] for i in range(0, len(items), page_size)]
        # the months either side that have articles, from this month's folder (archive/YYYY/)
        older, newer = (_month_link(months[j]) if 0 <= j < len(months) else None
                        for j in (position + 1, position - 1))
        for number, chunk in enumerate(chunks, start=1):
            body = render("archive-month.html.j2", name=name, older=older, newer=newer,
                          pager=pager(len(chunks), number, lambda n: _month_page(month, n)),
                          articles=[_listing(a, f"../../articles/{a.id}.html") for a in chunk])
            title = name if number == 1 else f"{name} (page {number})"
            pages[f"archive/{year}/{_month_page(month, number)}"] = page({**HTML_PAGE, "title": title}, body)
        years.setdefault(year, []).append({"name": month_name(month), "href": f"{year}/{month}.html",
                                           "count": len(items)})
    body = render("archive-index.html.j2",
                  years=[{"year": y, "count": sum(m["count"] for m in ms), "months": ms} for y, ms in years.items()])
    pages["archive/index.md"] = page({**HTML_PAGE, "title": "Archive"}, body)
    return pages


def _month_link(key: tuple[str, str]) -> dict[str, str]:
    year, month = key
    return {"name": f"{month_name(month)} {year}", "href": f"../{year}/{_month_page(month, 1)[:-3]}.html"}


def render_latest(articles: Iterable[Article], count: int = LATEST_COUNT) -> dict[str, str]:
    """``_generated/latest.md``: the newest articles as one HTML block, included
    by the hand-written home page (links are relative to the site's root)."""
    items = newest_first(articles)[:count]
    body = render("latest.html.j2", articles=[_listing(a, f"articles/{a.id}.html") for a in items])
    return {"_generated/latest.md": body.strip("\n") + "\n"}


def render_pages(archive: Any, extras: Mapping[str, Mapping[str, Any]] | None = None,
                 parts: Mapping[str, PageParts] | None = None) -> dict[str, str]:
    """Article pages, the month archive and the latest articles, keyed by path under content/.

    ``archive``: a sequence of articles, or anything with an ``articles``
    attribute (generator.archive.Archive). ``extras`` maps article id to
    extra front-matter keys, ``parts`` to its PageParts."""
    articles: Sequence[Article] = getattr(archive, "articles", archive)
    pages: dict[str, str] = {}
    for a in articles:
        path = article_path(a)
        if path in pages:
            raise InputError(a.source.path, f"two raw files give the same article id {a.id!r}",
                             fix="rename one of them")
        pages[path] = render_article(a, (extras or {}).get(a.id), (parts or {}).get(a.id, NO_PARTS))
    pages.update(render_archive(articles))
    pages.update(render_latest(articles))
    return dict(sorted(pages.items()))
