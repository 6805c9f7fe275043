""""Cite this article": APA-style text and a BibTeX entry for one article page.

Pure functions over the page's front matter (``page.meta``), its stable URL
and the site's name; the MkDocs plugin hands them to ``overrides/article.html``.

APA style (7th edition, news article on a website; the agency is the group
author when there is no byline, the title comes first when there is neither)::

    Xinhua. (2020, May 17). What China has done to boost int'l cooperation
    against COVID-19. People's Daily Online. Archived November 29, 2026, in
    newsarchive: https://example.org/newsarchive/articles/<id>/

with "Originally published at <url>." before "Archived" when the original
address is known. BibTeX: one ``@misc`` entry (read by BibTeX and biblatex)
with ``url``, ``urldate`` (the date archived) and the original address in
``note``; every text field has TeX's special characters escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Mapping

from slugify import slugify

from .head import names, plain
from .urls import http_url

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
BIB_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_TEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
        "$": r"\$", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
_TEX_CHARS = re.compile(r"[\\{}%&#$_^~]")
_STOP = {"a", "an", "the", "of", "on", "in", "to", "and", "for", "what", "how", "why"}


@dataclass(slots=True, frozen=True)
class Citation:
    url: str  # the page's stable URL (absolute with site_url, else relative to the site root)
    archived: str | None  # "November 29, 2026", or None when not recorded
    original: str | None  # the original article's address, when known
    apa: str  # plain text
    apa_parts: tuple[str, str, str]  # (before the italic container, the container, after it)
    bibtex: str


def _day(iso: object) -> date | None:
    try:
        return datetime.fromisoformat(str(iso).replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(str(iso)[:10])
        except ValueError:
            return None


def _and(items: list[str], last: str) -> str:
    """``A``, ``A & B``, ``A, B, & C`` (APA's list of authors)."""
    if len(items) <= 2:
        return last.join(items)
    return ", ".join(items[:-1]) + "," + last + items[-1]


def long_date(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _sentence(text: str) -> str:
    """``text`` ending in one full stop (none added after ?, ! or .)."""
    return text if text.endswith((".", "?", "!")) else text + "."


def tex(text: str) -> str:
    """Text with TeX's special characters escaped, for a BibTeX field in braces."""
    return _TEX_CHARS.sub(lambda m: _TEX[m.group(0)], plain(text))


def bibtex_key(meta: Mapping[str, Any]) -> str:
    """``xinhua2020china``: first author word, year, first significant title word (ASCII)."""
    writers = names(meta.get("byline"))
    who = slugify(writers[0].split()[-1] if writers else plain(meta.get("agency") or meta.get("publisher") or "anon"))
    words = [w for w in slugify(plain(meta.get("title"))).split("-") if w and w not in _STOP]
    day = _day(meta.get("published"))
    return f"{who.split('-')[0] or 'anon'}{day.year if day else ''}{words[0] if words else 'article'}"


def citation(meta: Mapping[str, Any], url: str, site_name: str) -> Citation:
    """The citations of the article whose front matter is ``meta``, at ``url``."""
    title = plain(meta.get("title"))
    writers = names(meta.get("byline"))
    author = _and(writers, " & ") if writers else plain(meta.get("agency") or "")
    published = _day(meta.get("published"))
    archived_day = _day(meta.get("archived")) if meta.get("archived") else None
    archived = long_date(archived_day) if archived_day else None
    original = http_url(meta.get("url"))
    container = plain(meta.get("publisher") or "")
    when = f"({published.year}, {MONTHS[published.month - 1]} {published.day})" if published else "(n.d.)"
    before = f"{_sentence(author)} {when}. {_sentence(title)}" if author else f"{_sentence(title)} {when}."
    after = ""
    if original:
        after += f" Originally published at {original}."
    after += (f" Archived {archived}, in {plain(site_name)}: {url}" if archived
              else f" Archived in {plain(site_name)}: {url}")
    apa = f"{before} {_sentence(container)}{after}" if container else f"{before}{after}"
    # a person's name as BibTeX reads it ("First Last"), an organisation in braces (kept whole)
    bib_author = " and ".join(tex(w) for w in writers) if writers else ("{" + tex(author) + "}" if author else "")
    fields = [("author", bib_author), ("title", "{" + tex(title) + "}")]
    if container:
        fields.append(("howpublished", tex(container)))
    if published:
        fields += [("year", str(published.year)), ("month", BIB_MONTHS[published.month - 1]),
                   ("date", published.isoformat())]
    fields.append(("url", url))
    if archived_day:
        fields.append(("urldate", archived_day.isoformat()))
    note = f"Archived in {tex(site_name)}" + (f" on {archived_day.isoformat()}" if archived_day else "")
    if original:
        note += f"; originally published at \\url{{{original}}}"
    fields.append(("note", note))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    bibtex = f"@misc{{{bibtex_key(meta)},\n{body}\n}}\n"
    stop = "" if not container or container.endswith((".", "?", "!")) else "."
    return Citation(url=url, archived=archived, original=original, apa=apa,
                    apa_parts=(before + " " if container else before, container, stop + after), bibtex=bibtex)
