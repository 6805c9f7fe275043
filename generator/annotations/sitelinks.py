"""Links in a note body to the archive's own pages: made relative, so they work offline.

A contributor may link a page of the archive by its full hosted address,
``https://<site_url>/entities/who/`` or ``https://<site_url>/articles/<id>.html#p3``.
Left as written, such a link leaves a copy opened from disk (``file://``) or a
mirror at another base path. With ``site_url`` set, :func:`site_target` reads
such an address (same host, http or https, the same port, a path under
site_url's path) as a path from the site's root, the built file it names
(the site is built with ``use_directory_urls: false``: ``entities/who/`` ->
``entities/who/index.html``, ``about/`` -> ``about.html``, ``/`` ->
``index.html``), and :func:`relative_href` writes it relative to the article
page the note appears on, percent-encoded, with its query and ``#fragment``.

Only a target the build produces is rewritten (:class:`SiteLinks` ``pages``,
see :func:`site_pages`); any other is kept as written and reported by the
caller (``annotations.load``), with the note file and the line of its
``body:``. A rewritten link is always a relative path (never a scheme, a
``//host`` or a ``/root`` path). Links to other hosts are not touched.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import quote, unquote, urlsplit

#: folders of listing pages the generator makes from the extracted articles (timeline,
#: entity pages, month archives, figures): ``newsarchive check`` does not extract, so any
#: ``.html`` page under them counts as produced (the build's own link check still checks
#: the rewritten link against the pages it wrote)
LISTING_DIRS = ("archive", "entities", "timeline", "figures")
MISSING_FIX = "no such page in the archive: link to an existing page or remove the link"
_SAFE_PATH = "/-._~!$&'()*+,;=@"  # kept as they are in a path; everything else is percent-encoded
_DRIVE = re.compile(r"^[^/]*:")


@dataclass(slots=True, frozen=True)
class SiteLinks:
    """What the rewrite needs: ``site_url`` (ending in "/", or "" when not set: no
    rewrite) and the site's files, as paths from its root (``articles/x.html``,
    ``about.html``, ``raw/x.txt``)."""

    site_url: str = ""
    pages: frozenset[str] = frozenset()

    def produced(self, path: str) -> bool:
        """True when the build makes the file ``path`` (from the site's root)."""
        if path in self.pages:
            return True
        top = path.partition("/")[0]
        return top in LISTING_DIRS and path.endswith(".html") and "/" in path


@dataclass(slots=True, frozen=True)
class Target:
    """A link to the archive itself: the built file it names (``exists`` False: no
    page the build makes; ``path`` is then the first file it could name), its query
    and fragment (as written, percent-encoded)."""

    path: str
    query: str
    fragment: str
    exists: bool


def _base(site_url: str) -> tuple[str, int | None, str] | None:
    parts = urlsplit(site_url)
    if not parts.hostname:
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return parts.hostname.lower(), port, path


def _default_port(scheme: str, port: int | None) -> int | None:
    return None if port == {"http": 80, "https": 443}.get(scheme) else port


def site_path_of(url: str, site_url: str) -> tuple[str, str, str] | None:
    """``(path from the site's root, query, fragment)`` of ``url`` when it is an
    address under ``site_url`` (http or https, same host and port; the path
    decoded and normalised), else None. ``https://example.org/entities/who/?a#b``
    under ``https://example.org/`` -> ``("entities/who/", "a", "b")``."""
    base = _base(site_url) if site_url else None
    if base is None:
        return None
    host, port, prefix = base
    try:
        parts = urlsplit(url.strip())
        url_port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or parts.username is not None or parts.password is not None:
        return None
    if (parts.hostname or "").lower() != host:
        return None
    if _default_port(scheme, url_port) != _default_port(urlsplit(site_url).scheme.lower(), port):
        return None
    raw = unquote(parts.path) or "/"
    if "\\" in raw or "\x00" in raw:
        return None
    trailing = raw.endswith("/") or raw.endswith("/.") or raw.endswith("/..")
    clean = posixpath.normpath(raw)
    clean = "/" if clean in (".", "//") else clean
    if clean.startswith("//"):
        clean = "/" + clean.lstrip("/")
    if trailing and not clean.endswith("/"):
        clean += "/"
    if clean + ("" if clean.endswith("/") else "/") == prefix:
        clean = prefix  # the base itself, with or without its trailing slash
    if not clean.startswith(prefix):
        return None
    return clean[len(prefix):], parts.query, parts.fragment


def candidates(path: str) -> tuple[str, ...]:
    """The built files a path from the site's root may name, in order:
    ``""`` -> ``index.html``; ``x/`` -> ``x/index.html``, ``x.html``;
    ``x`` (no suffix) -> ``x.html``, ``x/index.html``; any other -> itself."""
    if not path:
        return ("index.html",)
    if path.endswith("/"):
        return (f"{path}index.html", f"{path[:-1]}.html")
    name = path.rpartition("/")[2]
    if "." not in name:
        return (f"{path}.html", f"{path}/index.html")
    return (path,)


def site_target(url: str, links: SiteLinks) -> Target | None:
    """The :class:`Target` of a link to the archive itself, or None for any other link."""
    found = site_path_of(url, links.site_url)
    if found is None:
        return None
    path, query, fragment = found
    for option in candidates(path):
        if links.produced(option):
            return Target(option, query, fragment, True)
    return Target(candidates(path)[0], query, fragment, False)


def relative_href(target: Target, page: str) -> str:
    """``target`` relative to ``page`` (its built file, from the site's root, e.g.
    ``articles/x.html``), percent-encoded: ``../entities/who/index.html#p3``."""
    here = posixpath.dirname(page)
    rel = posixpath.relpath(target.path, here or ".")
    href = quote(rel, safe=_SAFE_PATH)
    if _DRIVE.match(href) or href.startswith("/"):  # never read as a scheme or a root path
        href = "./" + href
    if target.query:
        href += "?" + target.query
    if target.fragment:
        href += "#" + target.fragment
    return href


def site_pages(article_ids: Iterable[str], other_files: Iterable[str]) -> frozenset[str]:
    """The site's files the rewrite may lead to: each article's page and ``other_files``
    (hand-written pages as ``x.html``, raw source files as ``raw/...``, from the site's root)."""
    return frozenset((*(f"articles/{aid}.html" for aid in article_ids), *other_files))


__all__ = ["MISSING_FIX", "SiteLinks", "Target", "candidates", "relative_href", "site_pages", "site_path_of",
           "site_target"]
