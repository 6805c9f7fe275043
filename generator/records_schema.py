"""The types of the records a sidecar may give (``key_figures``, ``people``,
``quotes``, ``events``, ``dateline`` ...): one :class:`FieldType` per field
of each record of ``generator/records.py``.

A sidecar's value is checked against its field's type when the sidecar is
read, so ``check`` and ``build`` refuse the same values, each with one line
naming the file, the line, the key and what the value must be. Paragraph
numbers are checked against the article later (``generator/validate.py``):
the number of paragraphs is known only once the raw file is read.
"""

from __future__ import annotations

import math
import re
from dataclasses import MISSING, dataclass, fields
from datetime import date
from typing import Any, Callable

from . import limits
from .records import Dateline, Event, Figure, Mention, Quote

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # as registry ids
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH = re.compile(r"^\d{4}-\d{2}$")


def short_repr(value: Any, size: int = 60) -> str:
    """``repr(value)`` on one line, clipped to about ``size`` characters."""
    text = repr(value)
    return text if len(text) <= size else text[: size - 1] + "…"


def preview(value: Any) -> str:
    return limits.preview(value) if isinstance(value, str) else short_repr(value)


@dataclass(slots=True, frozen=True)
class FieldType:
    expected: str  # what the value must be, as the error says it: "a number", "text"
    test: Callable[[Any], bool]
    limit: int | None = None  # characters of each text in the value
    prepare: Callable[[Any], Any] = lambda value: value  # YAML's value to the record's (list -> tuple)

    def texts(self, value: Any) -> tuple[str, ...]:
        """The texts of a value to hold to :attr:`limit`."""
        if isinstance(value, str):
            return (value,)
        return tuple(v for v in value if isinstance(v, str)) if isinstance(value, tuple) else ()


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (_is_int(value) or isinstance(value, float)) and math.isfinite(value)


def _is_iso(pattern: re.Pattern, value: Any) -> bool:
    if not (isinstance(value, str) and pattern.match(value)):
        return False
    try:
        date.fromisoformat(value if pattern is DAY else value + "-01")
    except ValueError:
        return False
    return True


def _as_iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _as_tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


TEXT = FieldType("text", _is_text)
SHORT = FieldType(f"text of at most {limits.SHORT_TEXT:,} characters", _is_text, limits.SHORT_TEXT)
NAME = FieldType("a name", _is_text, limits.NAME)
OPTIONAL_NAME = FieldType("a name, or null", lambda v: v is None or _is_text(v), limits.NAME)
OPTIONAL_SHORT = FieldType("text, or null", lambda v: v is None or _is_text(v), limits.SHORT_TEXT)
NUMBER = FieldType("a number", _is_number)
PARAGRAPH = FieldType("a paragraph number (1 for the first)", lambda v: _is_int(v) and v >= 1)
PARAGRAPHS = FieldType("a list of paragraph numbers", lambda v: isinstance(v, tuple) and all(
    _is_int(n) and n >= 1 for n in v), prepare=_as_tuple)
NAMES = FieldType("a list of names", lambda v: isinstance(v, tuple) and all(_is_text(n) for n in v),
                  limits.NAME, prepare=_as_tuple)
ENTITY_ID = FieldType("a registry id (lower-case letters, digits and hyphens), or empty",
                      lambda v: isinstance(v, str) and (v == "" or (len(v) <= limits.ENTITY_ID
                                                                     and bool(SLUG.match(v)))))
DAY_DATE = FieldType("a date, YYYY-MM-DD", lambda v: _is_iso(DAY, v), prepare=_as_iso)
EVENT_DATE = FieldType("a date, YYYY-MM-DD or YYYY-MM", lambda v: _is_iso(DAY, v) or _is_iso(MONTH, v),
                       prepare=_as_iso)
QUOTE_KIND = FieldType("'direct' or 'reported'", lambda v: v in ("direct", "reported"))
BOOLEAN = FieldType("true or false", lambda v: isinstance(v, bool))

FIELD_TYPES: dict[type, dict[str, FieldType]] = {
    Figure: {"text": SHORT, "value": NUMBER, "unit": FieldType("text", lambda v: isinstance(v, str),
                                                              limits.SHORT_TEXT),
             "counts": SHORT, "paragraph": PARAGRAPH, "qualifier": OPTIONAL_SHORT},
    Mention: {"name": NAME, "forms": NAMES, "paragraphs": PARAGRAPHS, "id": ENTITY_ID, "reviewed": BOOLEAN},
    Quote: {"text": TEXT, "speaker": OPTIONAL_NAME, "paragraph": PARAGRAPH, "kind": QUOTE_KIND},
    Event: {"date": EVENT_DATE, "expression": SHORT, "text": TEXT, "paragraph": PARAGRAPH},
    Dateline: {"place": NAME, "date": DAY_DATE, "text": SHORT},
}
#: fields a sidecar's record may leave out: those with a default in generator/records.py
OPTIONAL: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in fields(cls) if f.default is not MISSING) for cls in FIELD_TYPES}
assert all(set(FIELD_TYPES[cls]) == {f.name for f in fields(cls)} for cls in FIELD_TYPES), "a field has no type"
