"""What the build refuses about one article before extracting it, checked
where it is read (``pipeline.read_raw``), so ``newsarchive check`` refuses
exactly what ``newsarchive build`` refuses.

* the article id (the raw file's name) must be usable as a page's file name;
* the fields a reader found must be within :mod:`generator.limits` (a
  sidecar's own values were checked when it was read, against its lines);
* the paragraphs a sidecar's records point to must be in the article.
"""

from __future__ import annotations

import re

from . import limits
from .diagnostics import InputError
from .records import RawArticle
from .sidecar import Sidecar

#: an article id: what content/articles/<id>.md and site/articles/<id>/ can be named
ARTICLE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
RENAME = "rename the raw file to letters, digits, '-', '_' and '.'"


def check_article_id(article_id: str, rel: str) -> None:
    if not ARTICLE_ID.match(article_id):
        raise InputError(rel, f"article id {article_id!r} is not usable as a file name", fix=RENAME)
    limits.check_length(article_id, limits.ARTICLE_ID, rel, "article id", line=None,
                        fix="rename the raw file to a shorter name")


def check_raw(raw: RawArticle, sidecar: Sidecar | None, article_id: str) -> None:
    """Raise the InputError for the first thing the build would refuse about ``raw``."""
    check_article_id(article_id, raw.path)
    given = sidecar.values if sidecar else {}
    side = sidecar.path if sidecar else raw.path.rsplit(".", 1)[0] + ".meta.yml"

    def found(key: str, value: str | None, limit: int, what: str | None = None, line_key: str | None = None) -> None:
        if value is None or key in given:
            return
        line = raw.line_of.get(line_key or key) or raw.line_of.get("published")
        limits.check_length(value, limit, raw.path, what or key, line=line,
                            fix=f"correct it in {side}, e.g. '{key}: ...'")

    found("title", raw.title, limits.HEADLINE)
    for key in ("agency", "publisher"):
        found(key, getattr(raw, key), limits.NAME)
    for number, name in enumerate(raw.byline or (), start=1):
        found("byline", name, limits.NAME, "byline" if len(raw.byline) == 1 else f"byline[{number}]")
    for number, editor in enumerate(raw.editors, start=1):
        found("editors", editor, limits.NAME, f"editors[{number}]")
    if raw.dateline is not None:
        found("dateline", raw.dateline.place, limits.NAME, "dateline place", "p1")
    if sidecar is not None:
        check_paragraph_numbers(sidecar, len(raw.paragraphs))


def check_paragraph_numbers(sidecar: Sidecar, count: int) -> None:
    """Every ``paragraph`` / ``paragraphs`` of a sidecar's records names one of the article's ``count``."""
    for key, value in sidecar.values.items():
        if not isinstance(value, tuple):
            continue
        for index, record in enumerate(value, start=1):
            numbers = getattr(record, "paragraphs", None) or (getattr(record, "paragraph", None),)
            name = "paragraphs" if hasattr(record, "paragraphs") else "paragraph"
            for number in numbers:
                if isinstance(number, int) and not 1 <= number <= count:
                    raise InputError(sidecar.path, f"{key}[{index}].{name}: {number} is not a paragraph of the "
                                     f"article (it has {count})", line=sidecar.line(key, index - 1, name),
                                     fix=f"use a number from 1 to {count}")
