"""Reading the generator's pages in tests: front matter as data, the HTML body
through a real HTML parser (lxml, as a browser builds its tree), links,
sections under a heading, and what a reader sees."""

from __future__ import annotations

import re

import lxml.html
import yaml


def split(page: str) -> tuple[dict, str]:
    """(front matter as data, body) of a generated page."""
    assert page.startswith("---\n"), page[:80]
    head, _, body = page[4:].partition("\n---\n")
    return yaml.safe_load(head), body.lstrip("\n")


def front(page: str) -> dict:
    return split(page)[0]


def body(page: str) -> str:
    return split(page)[1] if page.startswith("---\n") else page


def tree(page_or_html: str):
    """The body parsed as a browser parses it (a <div> holding it)."""
    return lxml.html.fragment_fromstring(body(page_or_html), create_parent="div")


def seen(element) -> str:
    """The text a reader sees in an element, whitespace runs as one space."""
    return " ".join(element.text_content().split())


def links(page_or_element) -> list[str]:
    """The hrefs of a page, an HTML fragment or a parsed element, in order."""
    root = page_or_element if not isinstance(page_or_element, str) else tree(page_or_element)
    return [a.get("href") for a in root.iter("a") if a.get("href") is not None]


def section(page_or_html: str, title: str) -> str:
    """The HTML from the <h2> whose text is ``title`` to the next <h2> (or the end)."""
    html = body(page_or_html)
    m = re.search(r'<h2 id="[^"]*"[^>]*>' + re.escape(title) + "<", html)
    assert m, f"no section {title!r}"
    rest = html[m.end():]
    end = rest.find("<h2 ")
    return rest if end < 0 else rest[:end]


def items(page_or_element) -> list[str]:
    """What a reader sees in each <li> (nested lists: the outer item's own text included)."""
    root = page_or_element if not isinstance(page_or_element, str) else tree(page_or_element)
    return [seen(li) for li in root.iter("li")]


def article_links(html: str, paragraph_links: bool = True) -> list[str]:
    """Article ids linked from HTML, in order; without ``paragraph_links``, only
    links to the top of an article (entity listings also link the paragraph)."""
    pattern = r'href="(?:\.\./)+articles/([^"#]+)\.html(?:#p\d+)?"' if paragraph_links else \
        r'href="(?:\.\./)+articles/([^"#]+)\.html"'
    return re.findall(pattern, html)
