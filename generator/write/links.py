"""The generator checks its own links, as MkDocs' validation checks a Markdown page's.

MkDocs never parses a generated page's body (generator/mkdocs_plugin.py hands
it over as HTML), so it cannot see a broken link there. :func:`check_links`
reads every ``href`` of every generated body, resolves it against the page's
own URL and reports a warning when it leads to no file of the site, or to an
``#anchor`` the target page does not have. ``newsarchive build --strict``
fails on those warnings, as on MkDocs' own.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import Iterable, Mapping
from urllib.parse import unquote

from ..diagnostics import Diagnostic
from .paths import site_path
from .toc import anchor_ids

_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')
_EXTERNAL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
#: a generated snippet's links are relative to the page that includes it
SNIPPET_BASE = {"_generated/latest.md": "index.md"}


def body_of(text: str) -> str:
    """A page's text without its front matter."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end >= 0:
            return text[end + 5:]
    return text


def check_links(pages: Mapping[str, str | bytes], known: Iterable[str]) -> list[Diagnostic]:
    """Warnings for the broken links of ``pages`` (path under content/ -> page text).

    ``known``: every other file of the built site, as paths from its root
    (hand-written pages as ``x.html``, raw files, data exports)."""
    bodies = {}
    for path, text in pages.items():
        body = body_of(text.decode("utf-8") if isinstance(text, bytes) else text)
        bodies[SNIPPET_BASE.get(path, path)] = (path, body)
    files = set(known)
    by_site = {site_path(page): page for page in bodies}
    files.update(by_site)
    anchors: dict[str, set[str]] = {}

    def ids_of(page: str) -> set[str]:
        if page not in anchors:
            anchors[page] = anchor_ids(bodies[page][1])
        return anchors[page]

    problems: list[Diagnostic] = []
    resolved: dict[tuple[str, str], str] = {}
    for base, (path, body) in sorted(bodies.items()):
        here = posixpath.dirname(site_path(base))
        seen: set[str] = set()
        for href in _HREF.findall(body):
            if href in seen:
                continue
            seen.add(href)
            if _EXTERNAL.match(href):
                continue
            raw = html.unescape(href) if "&" in href else href
            target, _, fragment = raw.partition("#")
            target = unquote(target.partition("?")[0])
            if not target:
                where = site_path(base)
            else:
                if target.startswith("/"):
                    problems.append(_broken(path, href, "is an absolute path, which breaks from disk "
                                            "and under a base path", "link relative to the page"))
                    continue
                key = (here, target)
                where = resolved.get(key)
                if where is None:
                    where = resolved[key] = posixpath.normpath(posixpath.join(here, target))
                if where not in files:
                    problems.append(_broken(path, href, "leads to no page or file of the site",
                                            "link an existing page (paths end in .html)"))
                    continue
            if fragment and where in by_site and unquote(fragment) not in ids_of(by_site[where]):
                problems.append(_broken(path, href, f"leads to {where}, which has no anchor #{fragment}",
                                        "link an anchor the page has"))
    return problems


def _broken(path: str, href: str, what: str, fix: str) -> Diagnostic:
    return Diagnostic("warning", f"content/{path}", None, f"link {href!r} {what}", fix)
