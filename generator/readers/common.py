"""Helpers shared by readers: line blocks, whitespace, datelines."""

from __future__ import annotations

import re
from datetime import date, datetime


from ..dates import resolve
from ..records import Dateline, RawArticle

_SPACES = re.compile(r"[ \t\xa0\u2000-\u200a\u202f\u205f\u3000]+")

# "BEIJING, May 17 (Xinhua) --", "TAIPEI, Taiwan (AP) --", "MOSCOW, August 17 (Xinhua) -"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\-]+?(?:,\s+[A-Z][A-Za-z. ]+?)?)"
    r"(?:,\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s+\((?P<agency>[^()]+)\)\s+(?:--|-|—|_)\s*"
)


def normalise_space(text: str, keep_nbsp: bool = False) -> str:
    """Collapse runs of spaces (including no-break spaces) into one space."""
    if keep_nbsp:
        return re.sub(r"[ \t]+", " ", text).strip()
    return _SPACES.sub(" ", text).strip()


def set_body(article: RawArticle, body: list[tuple[int, str]]) -> None:
    """The article's paragraphs from ``(line number, text)`` pairs, recording each line (``p1``, ``p2`` ...)."""
    article.paragraphs = tuple(text for _, text in body)
    for index, (lineno, _) in enumerate(body, start=1):
        article.line_of[f"p{index}"] = lineno


def blocks(lines: list[str]) -> list[tuple[int, str]]:
    """Each non-blank line with its 1-based line number.

    The seed's paragraphs are single lines separated by one or two blank lines,
    so a "block" here is one line; readers that need wrapped paragraphs join
    them themselves.
    """
    return [(i, line) for i, line in enumerate(lines, start=1) if line.strip()]


def resolve_day(expression: str, base: datetime) -> date | None:
    """'May 17' or 'Friday' resolved against ``base`` (the publication time)."""
    parsed = resolve(expression, base.replace(tzinfo=None))
    return parsed.date() if parsed else None


def find_dateline(first_paragraph: str, published: str) -> Dateline | None:
    match = DATELINE.match(first_paragraph)
    if not match:
        return None
    base = datetime.fromisoformat(published)
    day = base.date()
    if match.group("date"):
        resolved = resolve_day(match.group("date"), base)
        if resolved:
            day = resolved
    text = first_paragraph[: match.end()].rstrip(" -—_").rstrip()
    return Dateline(place=match.group("place").strip(), date=day.isoformat(), text=text)


# --- helpers for the readers added beside the People's Daily one -------------------------

# "BEIJING -- ..." (China Daily's style: no date, no agency) and "ETHETE, Wyo. _ ..." (NYT wire)
_BARE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*(?:,\s+[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)?)"
    r"\s+(?:--|—)\s*(?=\S)"
)
_UNDERSCORE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*(?:,\s+[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)?)"
    r"\s+_\s+(?=\S)"
)


def paragraphs(lines: list[str], first_line: int = 1) -> list[tuple[int, str]]:
    """Paragraphs separated by blank lines, wrapped lines joined with one space.

    Each paragraph comes with the 1-based line number of its first line
    (``first_line`` is the number of ``lines[0]`` in the raw file).
    """
    found: list[tuple[int, str]] = []
    start: int | None = None
    parts: list[str] = []
    for number, line in enumerate(lines, start=first_line):
        if line.strip():
            if start is None:
                start = number
            parts.append(line.strip())
        elif start is not None:
            found.append((start, normalise_space(" ".join(parts))))
            start, parts = None, []
    if start is not None:
        found.append((start, normalise_space(" ".join(parts))))
    return found


def dateline_agency(first_paragraph: str) -> str | None:
    """The agency named in a dateline: 'BEIJING, May 17 (Xinhua) --' -> 'Xinhua'."""
    match = DATELINE.match(first_paragraph)
    return normalise_space(match.group("agency")) if match else None


def find_any_dateline(first_paragraph: str, published: str, *, bare: bool = False,
                      underscore: bool = False) -> Dateline | None:
    """:func:`find_dateline`, then (if asked) the agency-less styles.

    ``bare``: "BEIJING -- text" (China Daily). ``underscore``: "ETHETE, Wyo. _ text"
    (New York Times News Service). Neither carries a date: the dateline's date is
    the publication date.
    """
    found = find_dateline(first_paragraph, published)
    if found:
        return found
    patterns = ([_BARE_DATELINE] if bare else []) + ([_UNDERSCORE_DATELINE] if underscore else [])
    for pattern in patterns:
        match = pattern.match(first_paragraph)
        if match:
            day = datetime.fromisoformat(published).date().isoformat()
            text = first_paragraph[: match.end()].rstrip(" -—_").rstrip()
            return Dateline(place=match.group("place").strip(), date=day, text=text)
    return None


def parse_moment(value: str, formats: tuple[str, ...]) -> datetime | None:
    """``value`` parsed by the first of ``formats`` that fits, or None when none
    does (an impossible date or time such as "2025-02-30 06:55" or "99:99"):
    the reader then leaves ``published`` unset and the extract stage asks for
    ``published:`` in the sidecar, which is applied after the reader."""
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def iso_minutes(moment: datetime, offset: str | None) -> str:
    """``2020-08-17T22:11:14+08:00``; no offset when the source implies none."""
    return moment.isoformat() + (offset or "")


# --- bylines -------------------------------------------------------------------------------

_BYLINE_SPLIT = re.compile(r"\s*/\s*|\s*;\s*|\s*,\s*(?:and\s+)?|\s+and\s+|\s+&\s+")
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w .'-]*$")
_NAME_PART = re.compile(r"[^\W\d_]+", re.UNICODE)


def title_case_name(name: str) -> str:
    """A name printed in capitals, in title case: 'DANIEL O'CONNELL' -> "Daniel O'Connell",
    'RUTH MCADAMS' -> 'Ruth McAdams'. A name in mixed case is kept as printed."""
    if not name.isupper():
        return name

    def part(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        if word.startswith("mc") and len(word) > 2:
            return "Mc" + word[2:].capitalize()
        return word.capitalize()

    return _NAME_PART.sub(part, name)


def byline_names(text: str | None) -> tuple[str, ...] | None:
    """The writers a byline names, each in title case: 'ZHOU WENTING/LI NA in Shanghai' ->
    ('Zhou Wenting', 'Li Na'); 'By A and B' -> ('A', 'B'). None when it names nobody."""
    if not text:
        return None
    text = normalise_space(text)
    if text[:3].lower() == "by ":
        text = text[3:]
    names = []
    for name in _BYLINE_SPLIT.split(text):
        name = _IN_PLACE.sub("", name).strip(" ,;")
        if name:
            names.append(title_case_name(name))
    return tuple(names) or None
