"""Date expressions resolved against a base date (the publication time).

The forms news copy uses most ("Jan. 22", "May 17, 2020", "Friday", "March")
are resolved with date arithmetic, preferring the past; anything else goes to
dateparser, which is thorough but costs about 3 ms a call.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import dateparser

_MONTH_NUMBER = {name: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
     ("nov", "november"), ("dec", "december")), start=1) for name in names}
_WEEKDAY_NUMBER = {d: i for i, d in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_FAST = re.compile(r"^(?P<month>[A-Za-z]+)\.?(?: (?P<day>\d{1,2}))?(?:,? (?P<year>\d{4}))?$")


_RELATIVE_DAYS = {"today": 0, "yesterday": 1}


def _fast(expression: str, base: datetime) -> tuple[bool, datetime | None]:
    """The common forms, resolved with date arithmetic (dateparser costs ~3 ms
    a call): (True, the date) for a form known here, None as the date when
    no calendar has that day ("Feb. 30", "May 99"); (False, None) for a form
    left to dateparser."""
    lower = expression.lower()
    if lower in _WEEKDAY_NUMBER:
        return True, base - timedelta(days=(base.weekday() - _WEEKDAY_NUMBER[lower]) % 7)
    if lower in _RELATIVE_DAYS:
        return True, base - timedelta(days=_RELATIVE_DAYS[lower])
    match = _FAST.match(expression)
    if not match or match.group("month").lower() not in _MONTH_NUMBER:
        return False, None
    month = _MONTH_NUMBER[match.group("month").lower()]
    day = int(match.group("day") or 1)
    year = int(match.group("year") or base.year)
    try:
        resolved = base.replace(year=year, month=month, day=day)
    except ValueError:
        return True, None
    if not match.group("year") and resolved.date() > base.date():
        try:  # "Dec. 30" in a January article: last year
            resolved = resolved.replace(year=year - 1)
        except ValueError:  # "Feb. 29" in January of a leap year: last year had none
            return True, None
    return True, resolved


def resolve(expression: str, base: datetime) -> datetime | None:
    """``expression`` as a date on or before ``base`` (naive datetimes in, naive out).

    A month and day that no calendar has is None rather than dateparser's
    guess (it read "May 99" as 1999-05-17), and costs nothing (an article
    of thousands of such dates took seconds)."""
    known, fast = _fast(expression, base)
    if known:
        return fast
    return dateparser.parse(
        expression, languages=["en"],
        settings={"RELATIVE_BASE": base.replace(tzinfo=None), "PREFER_DATES_FROM": "past"},
    )


