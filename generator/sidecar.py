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

from .diagnostics import InputError, unknown_key_message
from .records import Article, Dateline, Event, Figure, Mention, Quote, RawArticle, byline_names
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

    @property
    def keys(self) -> tuple[str, ...]:
        """The fields it corrects (``archived`` and ``corrected_on`` are not corrections)."""
        return tuple(k for k in CORRECTABLE if k in self.values)


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
    values: dict[str, Any] = {}
    for key, value in data.items():
        line = lines.get((key,))
        if key not in FIELDS:
            message, fix = unknown_key_message(str(key), FIELDS)
            raise InputError(rel, message, line=line, fix=fix)
        values[key] = _coerce(key, value, rel, line)
    return Sidecar(rel, values)


def _coerce(key: str, value: Any, rel: str, line: int | None) -> Any:
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
            return byline_names(value.strip() if value else None)
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return byline_names([v.strip() for v in value])
        raise bad("a name or a list of names")
    if key in ("title", "agency", "publisher"):
        if value is None or isinstance(value, str):
            return value
        raise bad("text")
    if key in ("editors", "paragraphs"):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        raise bad("a list of text")
    if key == "word_count":
        if isinstance(value, int) and value >= 0:
            return value
        raise bad("a whole number")
    if key == "dateline":
        return None if value is None else _record(Dateline, value, key, rel, line)
    if isinstance(value, list):
        return tuple(_record(RECORDS[key], item, key, rel, line) for item in value)
    raise bad("a list")


def _record(cls: type, value: Any, key: str, rel: str, line: int | None) -> Any:
    names = [f.name for f in dataclasses.fields(cls)]
    if not isinstance(value, dict):
        raise InputError(rel, f"{key}: each item must be a mapping", line=line,
                         fix="keys: " + ", ".join(names))
    for item_key in value:
        if item_key not in names:
            message, fix = unknown_key_message(str(item_key), names)
            raise InputError(rel, f"{key}: {message}", line=line, fix=fix)
    converted = {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}
    converted = {k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in converted.items()}
    try:
        return cls(**converted)
    except TypeError as exc:
        missing = str(exc).split("missing", 1)[-1].strip()
        raise InputError(rel, f"{key}: an item is missing {missing}", line=line,
                         fix="keys: " + ", ".join(names)) from None


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
