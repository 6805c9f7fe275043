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
"""

from .article import LATEST_COUNT, NO_PARTS, PageParts, render_archive, render_article, render_latest, render_pages
from .crosslink_pages import render_crosslink_pages
from .html import Span, link, render_inline, text
from .links import check_links
from .owned import WriteStats, clean_owned, read_manifest, write_owned
from .paths import MANIFEST, MARKUP_KEY, OWNED_DIRS, PAGE_DIRS, RAW_REPO_DIR, RAW_SITE_DIR, article_path, raw_site_path, site_path

__all__ = [
    "LATEST_COUNT", "MANIFEST", "MARKUP_KEY", "NO_PARTS", "OWNED_DIRS", "PAGE_DIRS", "PageParts", "RAW_REPO_DIR",
    "RAW_SITE_DIR", "Span", "WriteStats", "article_path", "check_links", "clean_owned", "link", "raw_site_path",
    "read_manifest", "render_archive", "render_article", "render_crosslink_pages", "render_inline", "render_latest",
    "render_pages", "site_path", "text", "write_owned",
]
