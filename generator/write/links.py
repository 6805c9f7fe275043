"""The generator checks its own links, as MkDocs' validation checks a Markdown page's.

MkDocs never parses a generated page's body (generator/mkdocs_plugin.py hands
it over as HTML), so it cannot see a broken link there. :func:`check_links`
reads every ``href`` of every generated body, resolves it against the page's
own URL and reports a warning when it leads to no file of the site, or to an
``#anchor`` the target page does not have. ``newsarchive build --strict``
fails on those warnings, as on MkDocs' own.

What it needs of a page (:class:`PageLinks`: its hrefs and ids) is read
from the UTF-8 bytes as they are written (an href is ASCII: the generator
percent-encodes it), at C speed, when the page is rendered; a page that did
not change keeps its links in the build cache, so it is not read again.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from typing import Iterable, Mapping
from urllib.parse import unquote

from ..diagnostics import Diagnostic
from .paths import site_path

_HREF = re.compile(rb'href="([^"]*)"')  # text never holds it: a quote in text is &#34;
_ID = re.compile(rb' id="([^"<>]+)"')
_EXTERNAL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
#: a generated snippet's links are relative to the page that includes it
SNIPPET_BASE = {"_generated/latest.md": "index.md"}


def body_start(data: bytes) -> int:
    """Where a page's body starts, after its front matter (the page is not copied)."""
    if data.startswith(b"---\n"):
        end = data.find(b"\n---\n", 3)
        if end >= 0:
            return end + 5
    return 0


@dataclass(slots=True, frozen=True)
class PageLinks:
    """What the link check needs of one page: its hrefs (each once, in order) and its ids."""

    hrefs: tuple[str, ...]
    ids: frozenset[str]

    def to_data(self) -> list:
        return [list(self.hrefs), sorted(self.ids)]

    @classmethod
    def from_data(cls, data: list) -> "PageLinks":
        return cls(tuple(data[0]), frozenset(data[1]))


def page_links(page: str | bytes) -> PageLinks:
    """The hrefs and ids of a page's body (its front matter skipped), read from its UTF-8 bytes."""
    data = page.encode("utf-8") if isinstance(page, str) else page
    start = body_start(data)
    return PageLinks(tuple(h.decode("utf-8") for h in dict.fromkeys(_HREF.findall(data, start))),
                     frozenset(i.decode("utf-8") for i in _ID.findall(data, start)))


def check_pages(pages: Mapping[str, str | bytes], known: Iterable[str]) -> list[Diagnostic]:
    """:func:`check_links` of pages held in memory (path under content/ -> page text)."""
    return check_links({path: page_links(page) for path, page in pages.items()}, known)


def check_links(pages: Mapping[str, PageLinks], known: Iterable[str]) -> list[Diagnostic]:
    """Warnings for the broken links of ``pages`` (path under content/ -> its links).

    ``known``: every other file of the built site, as paths from its root
    (hand-written pages as ``x.html``, raw files, data exports)."""
    bases = {SNIPPET_BASE.get(path, path): path for path in pages}
    files = set(known)
    by_site = {site_path(base): path for base, path in bases.items()}
    files.update(by_site)
    problems: list[Diagnostic] = []
    resolved: dict[str, str] = {}  # "dir\0target" -> the file it names
    for base, path in sorted(bases.items()):
        here = posixpath.dirname(site_path(base))
        for href in pages[path].hrefs:
            if _EXTERNAL.match(href):
                continue
            href_text = html.unescape(href) if "&" in href else href
            target, _, fragment = href_text.partition("#")
            if "?" in target:
                target = target.partition("?")[0]
            if "%" in target:
                target = unquote(target)
            if not target:
                where = site_path(base)
            else:
                if target.startswith("/"):
                    problems.append(_broken(path, href, "is an absolute path, which breaks from disk "
                                            "and under a base path", "link relative to the page"))
                    continue
                key = f"{here}\0{target}"
                where = resolved.get(key)
                if where is None:
                    where = resolved[key] = posixpath.normpath(posixpath.join(here, target))
                if where not in files:
                    problems.append(_broken(path, href, "leads to no page or file of the site",
                                            "link an existing page (paths end in .html)"))
                    continue
            if fragment and where in by_site and unquote(fragment) not in pages[by_site[where]].ids:
                problems.append(_broken(path, href, f"leads to {where}, which has no anchor #{fragment}",
                                        "link an anchor the page has"))
    return problems


def _broken(path: str, href: str, what: str, fix: str) -> Diagnostic:
    return Diagnostic("warning", f"content/{path}", None, f"link {href!r} {what}", fix)
