"""Headings of a generated page, read back from its HTML body, as MkDocs' table of contents.

The generator writes every heading with one macro (``heading`` in
``generator/templates/_macros.html.j2``): ``<hN id="ID">TITLE<a class="headerlink" ...>¶</a></hN>``;
the orphan-notes section writes ``<h2 id="ID">TITLE</h2>``. :func:`headings`
finds them; :func:`toc_tokens` nests them the way Python-Markdown's ``toc``
extension does, in the shape ``mkdocs.structure.toc.get_toc`` takes, so
Material's table of contents and its "Skip to content" link work on pages
that never went through Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r'<h([1-6]) id="([^"<>]+)"[^>]*>(.*?)</h\1>', re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<[^>]*>")
_ID = re.compile(r'\sid="([^"<>]+)"')


@dataclass(slots=True, frozen=True)
class Heading:
    level: int
    id: str
    title: str  # HTML (escaped text, no tags), as MkDocs' AnchorLink.title


def headings(body: str) -> list[Heading]:
    """The headings of a generated body, in order."""
    return [Heading(int(level), hid, _TAG.sub("", _HEADERLINK.sub("", inner)).strip())
            for level, hid, inner in _HEADING.findall(body)]


def toc_tokens(found: list[Heading]) -> list[dict]:
    """Headings nested by level: ``[{"level", "id", "name", "children"}]``."""
    tokens: list[dict] = []
    stack: list[dict] = []
    for h in found:
        token = {"level": h.level, "id": h.id, "name": h.title, "children": []}
        while stack and stack[-1]["level"] >= h.level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return tokens


def anchor_ids(body: str) -> set[str]:
    """Every ``id`` in a generated body: what a link's ``#fragment`` may point to."""
    return set(_ID.findall(body))
