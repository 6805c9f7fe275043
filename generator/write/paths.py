"""Where generated pages live under ``content/`` and where they land in the site.

The site is built with ``use_directory_urls: false`` (mkdocs.yml): the page
``content/<path>.md`` becomes ``site/<path>.html``, so a link written as a
relative URL to that file works from ``file://`` and at any hosted base path.
The generator writes final URLs itself (MkDocs does not rewrite the links of
generated pages), always relative to the linking page.
"""

from __future__ import annotations

import os
import posixpath
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..diagnostics import InputError
from ..records import Article

#: Folders under content/ the generator owns (git-ignored, listed in .gitignore).
OWNED_DIRS: tuple[str, ...] = ("articles", "archive", "entities", "timeline", "figures", "_generated")
#: Folders of whole pages (``_generated/`` holds snippets included into hand-written pages).
PAGE_DIRS: tuple[str, ...] = OWNED_DIRS[:-1]
#: Name of the per-folder list of files the generator wrote.
MANIFEST = ".newsarchive-manifest"
#: Where the build publishes raw source files (see generator/mkdocs_plugin.py).
RAW_SITE_DIR = "raw"
#: Where raw source files live in the repository.
RAW_REPO_DIR = "site-data/raw"
#: The front-matter key and value that mark a page whose body is HTML the
#: generator rendered (generator/mkdocs_plugin.py hands such a body to the theme as it is).
MARKUP_KEY, HTML_MARKUP = "markup", "html"
#: Front-matter keys of generated pages that no template reads: the MkDocs plugin leaves them
#: out of ``page.meta`` (at 10,000 articles they were over a quarter of the MkDocs phase's memory).
#: They stay in the files, as data, and in articles.jsonl.
DATA_ONLY_KEYS = frozenset({"key_figures", "quotes", "events"})

_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


def article_path(article: Article) -> str:
    """The article page's path under content/: ``articles/<id>.md``."""
    aid = article.id
    if not aid or not aid[0].isascii() or not aid[0].isalnum() or not _ID_CHARS.issuperset(aid):
        raise InputError(article.source.path, f"article id {aid!r} is not usable as a file name",
                         fix="rename the raw file to letters, digits, '-', '_' and '.'")
    return f"articles/{aid}.md"


def raw_site_path(source_path: str) -> str:
    """Where the build publishes a raw file: ``site-data/raw/a/b.txt`` -> ``raw/a/b.txt``.

    Every raw file is published with a ``.txt`` suffix, so a saved ``.html``
    page is shown as text and never served (or indexed) as HTML.
    """
    p = PurePosixPath(source_path)
    try:
        rel = p.relative_to(RAW_REPO_DIR)
    except ValueError:
        rel = PurePosixPath(p.name)
    name = str(rel) if rel.suffix == ".txt" else f"{rel}.txt"
    return f"{RAW_SITE_DIR}/{name}"


def raw_url(source_path: str) -> str:
    """:func:`raw_site_path`, percent-encoded for an href."""
    return quote(raw_site_path(source_path))


@lru_cache(maxsize=4096)
def site_path(content_path: str) -> str:
    """The built file of a page: ``entities/x/index.md`` -> ``entities/x/index.html``."""
    return content_path[:-3] + ".html" if content_path.endswith(".md") else content_path


@lru_cache(maxsize=4096)
def to_root(content_path: str) -> str:
    """The relative URL prefix from a page to the site's root: ``""``, ``"../"``, ``"../../"``."""
    return "../" * content_path.count("/")


def href(from_page: str, to_page: str, fragment: str = "") -> str:
    """The relative URL from one page (path under content/) to another page or
    site file (``x.md`` or any file name), with an optional ``#fragment``."""
    target = site_path(to_page)
    here = posixpath.dirname(from_page)
    rel = posixpath.relpath(target, here or ".") if here else target
    return rel + (f"#{fragment}" if fragment else "")


def hand_written_files(content: Path) -> set[str]:
    """The built files of content/ besides the generated pages, as paths from the site's
    root: hand-written pages (``x.md`` -> ``x.html``) and any other file there."""
    found: set[str] = set()
    for dirpath, dirs, names in os.walk(content):
        base = Path(dirpath).relative_to(content).as_posix()
        if base == ".":
            dirs[:] = [d for d in dirs if d not in OWNED_DIRS]
        for name in names:
            found.add(site_path(name if base == "." else f"{base}/{name}"))
    return found


def published_raw_files(raw_root: Path) -> list[Path]:
    """The raw files the site publishes as they were received (under ``raw/``): every
    file under ``raw_root`` but hidden ones and symbolic links, sorted."""
    if not raw_root.is_dir():
        return []
    return sorted(p for p in raw_root.rglob("*") if p.is_file() and not p.is_symlink() and not p.name.startswith("."))
