"""Dates as pages show them and sort them (locale-free, pure).

``published_display("2020-05-17T15:51:00+08:00")`` -> ``17 May 2020, 15:51 UTC+08:00``;
``published_sort_key`` gives a string that sorts chronologically (UTC when the
zone is known); ``day`` the date part alone; ``event_day`` an event's ISO day
or month as words. Shared by every listing, the exports and the notes.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")


def _parse(published: str) -> datetime | None:
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None


@lru_cache(maxsize=65536)
def published_display(published: str) -> str:
    """``2020-05-17T15:51:00+08:00`` -> ``17 May 2020, 15:51 UTC+08:00``."""
    dt = _parse(published)
    if dt is None:
        return published
    text = f"{dt.day} {MONTHS[dt.month - 1]} {dt.year}"
    if len(published) <= 10:
        return text
    text += f", {dt:%H:%M}"
    offset = dt.utcoffset()
    if offset is None:
        return text + " (time zone not stated)"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return text + f" UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@lru_cache(maxsize=65536)
def published_sort_key(published: str) -> str:
    """A string that sorts chronologically: UTC ISO time when the zone is known."""
    dt = _parse(published)
    if dt is None:
        return published
    if dt.utcoffset() is not None:
        dt = dt.astimezone(timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ" if dt.tzinfo else "%Y-%m-%dT%H:%M:%S")


@lru_cache(maxsize=65536)
def day(published: str) -> str:
    """The date part of :func:`published_display`: ``17 May 2020``."""
    return published_display(published).split(",")[0]


@lru_cache(maxsize=65536)
def event_day(date: str) -> str:
    """``2020-01-22`` -> ``22 January 2020``; ``2020-02`` -> ``February 2020``; anything else as given."""
    parts = date.split("-")
    if len(parts) in (2, 3) and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        month = MONTHS[int(parts[1]) - 1]
        return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
    return date


def month_name(month: str) -> str:
    """``"05"`` -> ``"May"``."""
    return MONTHS[int(month) - 1]
