"""The write stage: records in, page files out, nothing else on disk but the
folders the generator owns.

Every page body is rendered here, once, as HTML (Jinja2 with autoescape); the
file stays a ``.md`` with YAML front matter (plain data) and ``markup: html``,
which tells the MkDocs plugin to hand the body to the theme as it is.

- :mod:`.html`: untrusted text, links and highlights as escaped HTML;
- :mod:`.render`, :mod:`.frontmatter`: the templates and the front matter;
- :mod:`.article`, :mod:`.compose`: article pages (cached, in parallel), the month archive, the latest list;
- :mod:`.entities`, :mod:`.listings`, :mod:`.crosslink_pages`: entity, timeline, key-figure, agency and editor pages;
- :mod:`.paths`: where pages live and their relative URLs (``use_directory_urls: false``);
- :mod:`.toc`: a body's headings, for MkDocs' table of contents;
- :mod:`.links`: the generator's check of its own links;
- :mod:`.owned`: writing only the files the generator owns.

The names below are loaded from their module on first use, so importing one
light module (``generator.write.paths``, as the MkDocs plugin and a rebuild
with nothing to do do) does not load Jinja2 and the templates.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "LATEST_COUNT": "article", "NO_PARTS": "article", "PageParts": "article", "render_archive": "article",
    "render_article": "article", "render_latest": "article", "render_pages": "article",
    "crosslink_jobs": "crosslink_pages", "render_crosslink_pages": "crosslink_pages",
    "Span": "html", "link": "html", "render_inline": "html", "text": "html",
    "PageLinks": "links", "check_links": "links", "check_pages": "links", "page_links": "links",
    "Keep": "owned", "Staged": "owned", "WriteStats": "owned", "clean_owned": "owned", "read_manifest": "owned", "write_owned": "owned",
    "MANIFEST": "paths", "MARKUP_KEY": "paths", "OWNED_DIRS": "paths", "PAGE_DIRS": "paths", "RAW_REPO_DIR": "paths",
    "RAW_SITE_DIR": "paths", "article_path": "paths", "raw_site_path": "paths", "site_path": "paths",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
