"""The generator checks its own links, as MkDocs' validation checks a Markdown page's.

MkDocs never parses a generated page's body (generator/mkdocs_plugin.py hands
it over as HTML), so it cannot see a broken link there. :func:`check_links`
reads every ``href`` of every generated body, resolves it against the page's
own URL and reports a warning when it leads to no file of the site, or to an
``#anchor`` the target page does not have. ``newsarchive build --strict``
fails on those warnings, as on MkDocs' own.

It reads the UTF-8 bytes as they are written (an href is ASCII: the
generator percent-encodes it), at C speed; only the hrefs are decoded.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import Callable, Iterable, Mapping
from urllib.parse import unquote

from ..diagnostics import Diagnostic
from .owned import Keep
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


def check_links(pages: Mapping[str, str | bytes | Keep], known: Iterable[str],
                read: Callable[[str], bytes] | None = None) -> list[Diagnostic]:
    """Warnings for the broken links of ``pages`` (path under content/ -> page
    text, or :class:`Keep` for a page on disk, which ``read(path)`` reads).

    ``known``: every other file of the built site, as paths from its root
    (hand-written pages as ``x.html``, raw files, data exports)."""
    bodies: dict[str, tuple[str, bytes | Keep]] = {}
    for path, page in pages.items():
        if isinstance(page, Keep) and read is None:
            raise ValueError(f"{path}: a kept page needs read()")
        bodies[SNIPPET_BASE.get(path, path)] = (path, page.encode("utf-8") if isinstance(page, str) else page)

    def data_of(page: str) -> bytes:
        path, data = bodies[page]
        return read(path) if isinstance(data, Keep) else data  # a kept page is read when needed, not kept
    files = set(known)
    by_site = {site_path(page): page for page in bodies}
    files.update(by_site)
    anchors: dict[str, set[str]] = {}

    def ids_of(page: str) -> set[str]:
        found = anchors.get(page)
        if found is None:
            data = data_of(page)
            found = anchors[page] = {i.decode("utf-8") for i in _ID.findall(data, body_start(data))}
        return found

    problems: list[Diagnostic] = []
    resolved: dict[str, str] = {}  # "dir\0target" -> the file it names
    for base, (path, _page) in sorted(bodies.items()):
        here = posixpath.dirname(site_path(base))
        data = data_of(base)
        for raw in dict.fromkeys(_HREF.findall(data, body_start(data))):  # each href once, in order
            href = raw.decode("utf-8")
            if _EXTERNAL.match(href):
                continue
            if "&" in href:
                href_text = html.unescape(href)
            else:
                href_text = href
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
            if fragment and where in by_site and unquote(fragment) not in ids_of(by_site[where]):
                problems.append(_broken(path, href, f"leads to {where}, which has no anchor #{fragment}",
                                        "link an anchor the page has"))
    return problems


def _broken(path: str, href: str, what: str, fix: str) -> Diagnostic:
    return Diagnostic("warning", f"content/{path}", None, f"link {href!r} {what}", fix)
