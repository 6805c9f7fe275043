"""Plain text: the headline on the first line, paragraphs after it, no date.

The shape::

    <headline>
                                  <- blank line(s)
    <paragraph, possibly wrapped over several lines>
                                  <- blank line between paragraphs
    <paragraph>

Paragraphs are separated by blank lines; a paragraph's wrapped lines are
joined with one space. The file carries no date: ``published`` comes from the
sidecar ``<name>.meta.yml`` (``published: 2020-05-17T15:51:00+08:00``), and the
extract stage says so when it is missing. A dateline needs that date to be
resolved, so this reader gives none (a sidecar may give ``dateline:``); it does
give the agency a dateline names ("BEIJING, May 17 (Xinhua) --" -> Xinhua).

This is the fallback format: it sniffs at exactly the minimum confidence, so
any other reader that recognises a file wins.
"""

from __future__ import annotations

from ..records import RawArticle
from .common import dateline_agency, normalise_space, paragraphs, set_body

#: the fallback's score: ``MIN_CONFIDENCE`` in ``generator/readers/__init__.py``
FALLBACK = 0.3
MAX_HEADLINE = 200


class PlainTextReader:
    name = "plaintext"

    def sniff(self, text: str) -> float:
        lines = [line for line in text.split("\n") if line.strip()]
        if len(lines) < 2 or lines[0].lstrip().startswith("<") or len(lines[0].strip()) > MAX_HEADLINE:
            return 0.0
        return FALLBACK

    def read(self, path: str, text: str, sha256: str) -> RawArticle:
        article = RawArticle(path=path, sha256=sha256, reader=self.name, title=None, published=None)
        lines = text.split("\n")
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None:
            return article
        article.title = normalise_space(lines[first])
        article.line_of["title"] = first + 1
        body = paragraphs(lines[first + 1:], first_line=first + 2)
        set_body(article, body)
        if article.paragraphs:
            article.agency = dateline_agency(article.paragraphs[0])
        return article
