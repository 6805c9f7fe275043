"""Maintainer corrections: ``<name>.meta.yml`` beside the raw file.

Any extracted field can be corrected; the sidecar's values win. Fields the
reader finds (title, published, url, …) are applied before extraction, so a
sidecar can supply a date the source lacks; derived fields (key figures,
entities, quotes, events) replace what extraction found. Two more keys are
about the archive's copy, not corrections: ``archived`` (the date the article
entered the archive, shown in "Cite this article") and ``corrected_on`` (the
date of the sidecar's corrections: the page's ``dateModified``). ``url`` (the
original article's address) must be an absolute http(s) URL. An unknown key
is an error naming the key and the closest valid one.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import limits
from .diagnostics import InputError, unknown_key_message
from .records import Article, Dateline, Event, Figure, Mention, Quote, RawArticle, byline_names
from .records_schema import FIELD_TYPES, OPTIONAL, preview
from .urls import http_url
from .yamlio import load_yaml_file

RAW_FIELDS = ("title", "published", "agency", "publisher", "dateline", "editors", "byline", "paragraphs", "url")
DERIVED_FIELDS = ("key_figures", "people", "organisations", "places", "quotes", "events", "word_count")
#: about the archive's copy, not corrections of the article (not listed in ``corrected``)
META_FIELDS = ("archived", "corrected_on")
CORRECTABLE = RAW_FIELDS + DERIVED_FIELDS
FIELDS = CORRECTABLE + META_FIELDS
RECORDS = {"key_figures": Figure, "people": Mention, "organisations": Mention, "places": Mention,
           "quotes": Quote, "events": Event}


@dataclasses.dataclass(slots=True, frozen=True)
class Sidecar:
    path: str
    values: dict[str, Any]
    lines: dict[tuple, int] = dataclasses.field(default_factory=dict)  # key path -> line

    @property
    def keys(self) -> tuple[str, ...]:
        """The fields it corrects (``archived`` and ``corrected_on`` are not corrections)."""
        return tuple(k for k in CORRECTABLE if k in self.values)

    def line(self, *key: str | int) -> int | None:
        """The line of a key path (``("key_figures", 0, "value")``), or of the nearest enclosing one."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return None


def sidecar_path(raw: Path) -> Path:
    return raw.with_name(raw.name.rsplit(".", 1)[0] + ".meta.yml")


def load_sidecar(path: Path, rel: str) -> Sidecar | None:
    if not path.exists():
        return None
    data, lines = load_yaml_file(path, rel)
    if data is None:
        return Sidecar(rel, {})
    if not isinstance(data, dict):
        raise InputError(rel, "a sidecar must be a mapping of field: value", line=1,
                         fix="write e.g. 'title: The corrected headline'")
    sidecar = Sidecar(rel, {}, lines)
    for key, value in data.items():
        if key not in FIELDS:
            message, fix = unknown_key_message(str(key), FIELDS)
            raise InputError(rel, message, line=lines.get((key,)), fix=fix)
        sidecar.values[key] = _coerce(key, value, sidecar)
    return sidecar


def _coerce(key: str, value: Any, sidecar: Sidecar) -> Any:
    rel, line = sidecar.path, sidecar.line(key)

    def bad(expected: str) -> InputError:
        return InputError(rel, f"{key}: {value!r} is not {expected}", line=line, fix=f"write {key} as {expected}")

    if key == "published":
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, str):
            try:
                datetime.fromisoformat(value)
            except ValueError:
                raise bad("an ISO 8601 date and time, e.g. 2020-05-17T15:51:00+08:00") from None
            return value
        raise bad("an ISO 8601 date and time, e.g. 2020-05-17T15:51:00+08:00")
    if key in META_FIELDS:
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        raise bad("an ISO date, e.g. 2026-11-29")
    if key == "url":
        if value is None:
            return None
        url = http_url(value)
        if url is None:
            raise bad("an absolute http:// or https:// address, e.g. https://example.org/news/story.html")
        return url
    if key == "byline":  # one name as text, or a list of names
        if value is None or isinstance(value, str):
            names = byline_names(value.strip() if value else None)
        elif isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            names = byline_names([v.strip() for v in value])
        else:
            raise bad("a name or a list of names")
        for index, name in enumerate(names or ()):
            what = "byline" if isinstance(value, str) else f"byline[{index + 1}]"
            limits.check_length(name, limits.NAME, rel, what, line=sidecar.line(key, index) if what != "byline"
                                else line, fix="shorten the byline" if what == "byline" else "one name per item")
        return names
    if key in ("title", "agency", "publisher"):
        if value is None:
            return value
        if isinstance(value, str):
            limit = limits.HEADLINE if key == "title" else limits.NAME
            limits.check_length(value, limit, rel, key, line=line, fix=f"shorten the {key}")
            return value
        raise bad("text")
    if key in ("editors", "paragraphs"):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            for index, item in enumerate(value):
                where = sidecar.line(key, index)
                if not item.strip():
                    raise InputError(rel, f"{key}[{index + 1}] is empty", line=where, fix="remove it")
                if key == "editors":
                    limits.check_length(item, limits.NAME, rel, f"editors[{index + 1}]", line=where,
                                        fix="one name per item")
            return tuple(value)
        raise bad("a list of text")
    if key == "word_count":
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        raise bad("a whole number")
    if key == "dateline":
        return None if value is None else _record(Dateline, value, sidecar, (key,))
    if isinstance(value, list):
        return tuple(_record(RECORDS[key], item, sidecar, (key, index)) for index, item in enumerate(value))
    raise bad("a list")


def _record(cls: type, value: Any, sidecar: Sidecar, key: tuple) -> Any:
    """One record of a derived field, every value checked against its type (records_schema)."""
    names = [f.name for f in dataclasses.fields(cls)]
    where = key[0] + "".join(f"[{k + 1}]" for k in key[1:])  # "key_figures[2]"
    rel, line = sidecar.path, sidecar.line(*key)
    if not isinstance(value, dict):
        raise InputError(rel, f"{where}: each item must be a mapping", line=line,
                         fix="keys: " + ", ".join(names))
    for item_key in value:
        if item_key not in names:
            message, fix = unknown_key_message(str(item_key), names)
            raise InputError(rel, f"{where}: {message}", line=sidecar.line(*key, item_key), fix=fix)
    missing = [n for n in names if n not in value and n not in OPTIONAL.get(cls, ())]
    if missing:
        raise InputError(rel, f"{where}: an item is missing {', '.join(map(repr, missing))}", line=line,
                         fix="keys: " + ", ".join(names))
    converted = {}
    for name, item in value.items():
        kind = FIELD_TYPES[cls][name]
        item = kind.prepare(item)
        line = sidecar.line(*key, name)
        if not kind.test(item):
            raise InputError(rel, f"{where}.{name}: {preview(item)} is not {kind.expected}", line=line,
                             fix=f"write {name} as {kind.expected}")
        for text in kind.texts(item) if kind.limit else ():
            limits.check_length(text, kind.limit, rel, f"{where}.{name}", line=line, fix=f"shorten the {name}")
        converted[name] = item
    return cls(**converted)


def apply_raw(raw: RawArticle, sidecar: Sidecar | None) -> RawArticle:
    if sidecar:
        for key in RAW_FIELDS:
            if key in sidecar.values:
                setattr(raw, key, sidecar.values[key])
    return raw


def apply_derived(article: Article, sidecar: Sidecar | None) -> Article:
    if not sidecar or not sidecar.values:
        return article
    changes = {k: sidecar.values[k] for k in DERIVED_FIELDS + META_FIELDS if k in sidecar.values}
    return dataclasses.replace(article, corrected=sidecar.keys, **changes)
