"""Helpers shared by readers: line blocks, whitespace, datelines."""

from __future__ import annotations

import re
from datetime import date, datetime

import dateparser

from ..records import Dateline

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


def blocks(lines: list[str]) -> list[tuple[int, str]]:
    """Each non-blank line with its 1-based line number.

    The seed's paragraphs are single lines separated by one or two blank lines,
    so a "block" here is one line; readers that need wrapped paragraphs join
    them themselves.
    """
    return [(i, line) for i, line in enumerate(lines, start=1) if line.strip()]


def resolve_day(expression: str, base: datetime) -> date | None:
    """'May 17' or 'Friday' resolved against ``base`` (the publication time)."""
    parsed = dateparser.parse(
        expression,
        languages=["en"],
        settings={"RELATIVE_BASE": base.replace(tzinfo=None), "PREFER_DATES_FROM": "past",
                  "REQUIRE_PARTS": ["day"]},
    )
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
