"""A static link walker over a built site, as a reader opening it from disk sees it.

Every page (``*.html``) is parsed with html.parser; every internal reference on it
(``a href``, ``link href``, ``script src``, ``img src``, ``source srcset``, ``iframe src``,
``form action``) is resolved the way a browser resolves it from ``file://``, and
fails when it names a folder (the browser shows a folder listing), a file that is
not there, an address outside the site folder (a ``/``-rooted link is the disk's
root from disk), or a ``#anchor`` missing from the target page. Links to the
hosted site's own address (``site_url``) used for navigation fail too: from disk
they leave the copy the reader holds. ``canonical``, ``og:url`` and the like are
metadata, not navigation, and are allowed to be absolute.

``walk(site)`` gives the problems; ``summary(problems)`` counts them by kind.
Used by tests/test_offline_links.py and, to measure, by hand:
``python tests/linkwalk.py site``.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# rel values of <link> that a browser fetches or a reader follows from the page
_FETCHED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload",
                 "modulepreload", "prefetch", "prev", "next", "alternate", "search", "license", "help"}
# rel values that name the hosted address on purpose (metadata for search engines, shares)
_METADATA_RELS = {"canonical"}
_REGIONS = (("md-header", "header"), ("md-tabs", "header"), ("md-nav", "nav"), ("md-footer", "footer"),
            ("md-sidebar", "nav"), ("na-pagination", "pagination"), ("na-pager", "pagination"),
            ("na-month-nav", "month-nav"),
            ("na-note", "notes"), ("na-sidenote", "notes"), ("na-related", "related"),
            ("na-source", "raw-source"), ("na-meta-raw", "raw-source"), ("na-meta", "article-meta"),
            ("na-cite", "cite"))


@dataclass(frozen=True, slots=True)
class Link:
    page: str          # the page holding the link, relative to the site folder
    url: str           # the address as written
    kind: str          # what it is: "a:nav", "a:content", "link:stylesheet", "script", "img", ...
    target: str        # the file it resolves to, relative to the site folder ("" outside it)
    fragment: str


@dataclass(frozen=True, slots=True)
class Problem:
    link: Link
    reason: str        # "folder", "missing", "outside", "root-absolute", "site-url", "anchor"

    def format(self) -> str:
        return f"{self.link.page}: {self.link.kind} {self.link.url!r} -> {self.reason}"


class _Page(HTMLParser):
    """The references and the ids of one page, each reference with the region it sits in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []     # (kind, url)
        self.ids: set[str] = set()
        self.base: str | None = None
        self._stack: list[tuple[str, str | None]] = []   # (tag, region it opened)

    def _region(self) -> str:
        for _, region in reversed(self._stack):
            if region:
                return region
        return "content"

    _VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
             "track", "wbr"}

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        classes = a.get("class", "").split()
        region = next((name for cls, name in _REGIONS
                       if any(c == cls or c.startswith(cls + "__") for c in classes)), None)
        if tag == "nav" and region is None and self._region() == "content":
            region = "nav"
        if tag not in self._VOID:
            self._stack.append((tag, region))
        here = region or self._region()
        if tag == "base" and a.get("href"):
            self.base = a["href"]
        elif tag == "a" and "href" in a:
            self.refs.append((f"a:{here}", a["href"]))
        elif tag == "link" and a.get("href"):
            rels = set(a.get("rel", "").lower().split())
            if rels & _METADATA_RELS:
                return
            rel = sorted(rels & _FETCHED_RELS)
            self.refs.append((f"link:{rel[0] if rel else a.get('rel', '?')}", a["href"]))
        elif tag in ("script", "img", "iframe", "audio", "video", "source", "track", "embed") and a.get("src"):
            self.refs.append((tag, a["src"]))
        elif tag == "form" and a.get("action"):
            self.refs.append(("form", a["action"]))
        if tag in ("img", "source") and a.get("srcset"):
            for item in a["srcset"].split(","):
                if item.strip():
                    self.refs.append((f"{tag}:srcset", item.split()[0]))

    def handle_endtag(self, tag):
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                return


@lru_cache(maxsize=None)
def _parse(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def page_ids(path: Path) -> set[str]:
    return _parse(path).ids


def resolve(site: Path, page: Path, url: str, site_url: str | None = None) -> tuple[str, str, str | None]:
    """``(target, fragment, reason)``: the file ``url`` on ``page`` names (relative to
    ``site``, "" when it is not one), its fragment, and why it fails from disk (None: it works)."""
    parts = urlsplit(url.strip())
    fragment = unquote(parts.fragment)
    if site_url and url.startswith(site_url.rstrip("/") + "/") or site_url and url == site_url.rstrip("/"):
        return "", fragment, "site-url"
    if parts.scheme or parts.netloc:
        return "", fragment, None          # external (http:, mailto:, data: ... are checked elsewhere)
    if parts.path.startswith("/"):
        return "", fragment, "root-absolute"
    if not parts.path:
        return page.relative_to(site).as_posix(), fragment, None
    target = (page.parent / unquote(parts.path)).resolve()
    try:
        rel = target.relative_to(site.resolve()).as_posix()
    except ValueError:
        return "", fragment, "outside"
    if target.is_dir():
        return rel, fragment, "folder"
    if not target.is_file():
        return rel, fragment, "missing"
    return rel, fragment, None


def page_links(site: Path, page: Path) -> list[Link]:
    parsed = _parse(page)
    out = []
    for kind, url in parsed.refs:
        target, fragment, _ = resolve(site, page, url)
        out.append(Link(page.relative_to(site).as_posix(), url, kind, target, fragment))
    return out


def walk(site: Path, site_url: str | None = None, anchors: bool = True) -> list[Problem]:
    """Every failing internal reference of every page under ``site``."""
    site = site.resolve()
    problems: list[Problem] = []
    for page in sorted(site.rglob("*.html")):
        parsed = _parse(page)
        if parsed.base is not None:
            problems.append(Problem(Link(page.relative_to(site).as_posix(), parsed.base, "base", "", ""),
                                    "base-element"))
        for kind, url in parsed.refs:
            target, fragment, reason = resolve(site, page, url, site_url)
            link = Link(page.relative_to(site).as_posix(), url, kind, target, fragment)
            if reason == "site-url" and (kind == "a:cite" or kind.startswith("link:")
                                         and kind not in ("link:prev", "link:next")):
                reason = None  # a citation's stable URL, a feed's hosted address: the hosted site on purpose
            if reason:
                problems.append(Problem(link, reason))
            elif anchors and fragment and target.endswith(".html") and kind.startswith("a:"):
                if fragment not in page_ids(site / target):
                    problems.append(Problem(link, "anchor"))
    return problems


def summary(problems: list[Problem]) -> Counter:
    return Counter(f"{p.reason} {p.link.kind}" for p in problems)


def count_links(site: Path) -> Counter:
    """Every internal reference by kind (the walk's coverage)."""
    site = site.resolve()
    out: Counter = Counter()
    for page in site.rglob("*.html"):
        for kind, url in _parse(page).refs:
            parts = urlsplit(url)
            if not parts.scheme and not parts.netloc:
                out[kind] += 1
    return out


if __name__ == "__main__":  # pragma: no cover - a measuring aid
    folder = Path(sys.argv[1])
    url = sys.argv[2] if len(sys.argv) > 2 else None
    found = walk(folder, url)
    pages = len(list(folder.rglob("*.html")))
    print(f"{pages} pages, {sum(count_links(folder).values())} internal references, {len(found)} failing")
    for key, n in sorted(summary(found).items()):
        print(f"{n:6d}  {key}")
    if "-v" in sys.argv:
        for p in found:
            print(p.format())
