"""Note bodies: contributed Markdown to HTML that is safe to put on a page.

``render_body(text)`` uses markdown-it-py's CommonMark preset with raw HTML
off (tags come out as text), no linkify, no images and no headings (a note is
a few paragraphs, lists, quotes, code, emphasis and links). A link survives
only if its URL is http, https, mailto or relative; any other scheme
(``javascript:``, ``vbscript:``, ``data:``, ``file:``, ...) leaves the text as
plain text. Schemes are checked after entity decoding and with whitespace and
control characters removed, as a browser would read them. Links get
``rel="nofollow noopener"``.

With :class:`.sitelinks.SiteLinks` (``site_url`` set), :func:`render_note_body`
also writes a link to a page of the archive itself, given by its full hosted
address, relative to the page the note appears on (see :mod:`.sitelinks`),
and returns the addresses under site_url that name no page the build makes
(kept as written).

The HTML is one line: newlines inside ``<pre>`` become ``&#10;``, other
newlines spaces, so it can sit in a raw HTML block of a Markdown page without
a blank line ending the block.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from markdown_it import MarkdownIt

from .sitelinks import SiteLinks, relative_href, site_target

MAX_BODY_CHARS = 5000
ALLOWED_SCHEMES = ("http", "https", "mailto")
LINK_REL = "nofollow noopener"

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# What browsers strip from URLs before reading the scheme.
_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\ufeff]")


def safe_url(url: str) -> bool:
    """True for http(s), mailto and relative URLs (no scheme), else False."""
    for probe in (url, unquote(url)):  # markdown-it hands over the percent-encoded URL
        match = _SCHEME.match(_IGNORED.sub("", probe).lower())
        if match is not None and match.group(1) not in ALLOWED_SCHEMES:
            return False
    return True


class _SafeMarkdownIt(MarkdownIt):
    def validateLink(self, url: str) -> bool:  # noqa: N802 (markdown-it API name)
        return safe_url(url)


def _make() -> MarkdownIt:
    md = _SafeMarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image", "heading", "lheading", "html_block", "html_inline"])

    def link_open(renderer, tokens, idx, options, env):
        token = tokens[idx]
        links = env.get("links") if isinstance(env, dict) else None
        href = token.attrGet("href")
        if links is not None and isinstance(href, str):
            target = site_target(href, links)
            if target is not None and target.exists:
                rewritten = relative_href(target, env["page"])
                if safe_url(rewritten):  # always: relative_href gives a relative path
                    token.attrSet("href", rewritten)
            elif target is not None:
                env["missing"].append(href)
        token.attrSet("rel", LINK_REL)
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


_MD = _make()
_PRE = re.compile(r"<pre\b.*?</pre>", re.S)


def _one_line(html: str) -> str:
    parts: list[str] = []
    last = 0
    for match in _PRE.finditer(html):
        parts.append(html[last:match.start()].replace("\n", " "))
        parts.append(match.group().replace("\n", "&#10;"))
        last = match.end()
    parts.append(html[last:].replace("\n", " "))
    return "".join(parts).strip()


def render_body(text: str) -> str:
    """Safe one-line HTML for a note body (the caller enforces MAX_BODY_CHARS)."""
    return _one_line(_MD.render(text))


def render_note_body(text: str, links: SiteLinks | None, page: str) -> tuple[str, tuple[str, ...]]:
    """:func:`render_body`, with links to the archive's own pages made relative to
    ``page`` (the note's page, from the site's root, e.g. ``articles/x.html``); and
    the addresses under site_url that name no page the build makes, as written."""
    if links is None or not links.site_url:
        return render_body(text), ()
    env = {"links": links, "page": page, "missing": []}
    return _one_line(_MD.render(text, env)), tuple(dict.fromkeys(env["missing"]))
