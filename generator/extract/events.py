"""Dated happenings: date expressions in the text, resolved against publication.

"Jan. 22" -> 2020-01-22 and "on Friday" -> 2020-05-15 for an article of
Sunday 2020-05-17 (dateparser, preferring the past); "in late February" ->
2020-02 (month precision); "On the same day" -> the date of the previous
event. "As of mid-May" describes a state, not a happening, and is skipped.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..dates import resolve as _parse
from ..records import Event
from .text import sentences

MONTHS = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
          r"Aug(?:ust|\.)?|Sep(?:tember|t?\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

DAY = re.compile(rf"\b(?P<expr>{MONTHS} \d{{1,2}}(?:, \d{{4}})?)(?!\d)")
MONTH = re.compile(r"\b[Ii]n (?P<expr>(?:(?:early|mid|late)[- ])?(?:January|February|March|April|May|June|"
                   r"July|August|September|October|November|December)(?: \d{4})?)\b")
WEEKDAY = re.compile(rf"\b[Oo]n (?P<expr>{WEEKDAYS})\b")
RELATIVE = re.compile(r"\b(?P<expr>yesterday|today)\b")
SAME_DAY = re.compile(r"\b[Oo]n (?P<expr>the same day)\b")
AS_OF = re.compile(r"\b[Aa]s of\Z")
#: an event's text is its sentence; of a longer sentence, this much around the date (every event
#: of a 100 KB sentence holding the whole of it made the front matter and timeline quadratic)
MAX_EVENT_TEXT = 500
#: any of the expressions above: a paragraph without one has no event (and is not split into sentences)
ANY = re.compile("|".join(f"(?:{p.pattern})" for p in (DAY, MONTH, WEEKDAY, RELATIVE, SAME_DAY)).replace("?P<expr>", ""))


def _around(text: str, at: int) -> str:
    """``text``, or of a long text the words around offset ``at`` (an exact substring)."""
    if len(text) <= MAX_EVENT_TEXT:
        return text
    start = max(0, min(at - MAX_EVENT_TEXT // 3, len(text) - MAX_EVENT_TEXT))
    stop = start + MAX_EVENT_TEXT
    if start > 0:
        space = text.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    if stop < len(text):
        space = text.rfind(" ", max(at, start), stop)
        stop = space if space > start else stop
    return text[start:stop].strip()


def _after_as_of(text: str, pos: int) -> bool:
    r"""Whether ``text[:pos]`` ends with "as of" and spaces (``\b[Aa]s of\s+$``),
    looking only at its end."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i < pos and AS_OF.search(text, max(0, i - 6), i) is not None


def date_spans(text: str) -> list[tuple[int, int]]:
    """Where date expressions are, so their numbers are not taken for figures."""
    return [m.span("expr") for pattern in (DAY, MONTH) for m in pattern.finditer(text)]


def events(paragraphs: tuple[str, ...], published: str, skip: dict[int, int]) -> tuple[Event, ...]:
    """Events in order of the text. ``skip`` maps paragraph -> offset before which to ignore (datelines)."""
    base = datetime.fromisoformat(published)
    found: list[Event] = []
    previous: str | None = None
    for number, text in enumerate(paragraphs, start=1):
        if not ANY.search(text):
            continue
        for sentence in sentences(text):
            local: list[tuple[int, str, str]] = []  # (offset, expression, iso date)
            for pattern, precision in ((DAY, "day"), (MONTH, "month"), (WEEKDAY, "day"), (RELATIVE, "day")):
                for match in pattern.finditer(sentence.text):
                    offset = sentence.start + match.start("expr")
                    if offset < skip.get(number, 0):
                        continue
                    if _after_as_of(sentence.text, match.start()):
                        continue
                    expression = match.group("expr")
                    core = re.sub(r"^(?:early|mid|late)[- ]", "", expression)
                    parsed = _parse(core, base)
                    if parsed is None:
                        continue
                    iso = parsed.date().isoformat() if precision == "day" else parsed.strftime("%Y-%m")
                    local.append((offset, expression, iso))
            for match in SAME_DAY.finditer(sentence.text):
                if previous:
                    local.append((sentence.start + match.start("expr"), match.group("expr"), previous))
            text = sentence.text
            cut = skip.get(number, 0) - sentence.start
            if cut > 0:  # the first sentence begins with the dateline: not part of what happened
                text = text[cut:].lstrip(" -—")
            shift = sentence.start + len(sentence.text) - len(text)  # paragraph offset of text[0]
            for offset, expression, iso in sorted(local):
                found.append(Event(date=iso, expression=expression, text=_around(text, offset - shift),
                                   paragraph=number))
                previous = iso
    return tuple(found)
