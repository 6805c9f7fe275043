"""Typed records handed from one pipeline stage to the next.

One slotted dataclass per record. ``to_data()`` gives the plain mapping that
goes into YAML front matter (keys in schema order, no Python objects), and is
the single place where the front-matter schema is defined in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def byline_names(value: Any) -> tuple[str, ...] | None:
    """A byline as stored: None, or a tuple of names (text is one name, a list several)."""
    if value is None or value == "" or value == [] or value == ():
        return None
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@dataclass(slots=True, frozen=True)
class Source:
    path: str  # repository-relative, POSIX separators
    sha256: str

    def to_data(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256}


@dataclass(slots=True, frozen=True)
class Dateline:
    place: str  # as printed, e.g. "BEIJING"
    date: str  # ISO date resolved against the publication date, e.g. "2020-05-17"
    text: str  # as printed, e.g. "BEIJING, May 17 (Xinhua)"

    def to_data(self) -> dict[str, Any]:
        return {"place": self.place, "date": self.date, "text": self.text}


@dataclass(slots=True, frozen=True)
class Figure:
    """A number with news value: ``75,498 cumulative COVID-19 cases``."""

    text: str  # as printed: "more than 150 countries and international organizations"
    value: int | float
    unit: str  # head noun, or ISO currency code: "cases", "USD"
    counts: str  # what it counts: "cumulative COVID-19 cases"
    paragraph: int  # 1-based, matches the page anchor #pN
    qualifier: str | None = None  # "more than", "over", "some", ...

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "counts": self.counts,
            "paragraph": self.paragraph,
        }
        if self.qualifier:
            data["qualifier"] = self.qualifier
        return data


@dataclass(slots=True, frozen=True)
class Mention:
    """An entity mentioned in one article: canonical name and surface forms seen."""

    name: str
    forms: tuple[str, ...]
    paragraphs: tuple[int, ...]  # where it is mentioned, 1-based
    id: str = ""  # registry slug; for a detected entity, the slug of its normalised name
    reviewed: bool = True  # False: detected in the text, not in the registry

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "forms": list(self.forms)}
        if self.id:
            data["id"] = self.id
        if not self.reviewed:
            data["reviewed"] = False
        data["paragraphs"] = list(self.paragraphs)
        return data


@dataclass(slots=True, frozen=True)
class Quote:
    text: str  # the quoted or reported words, exactly as printed
    speaker: str | None  # canonical name where the text attributes it
    paragraph: int
    kind: str = "direct"  # "direct" (in quotation marks) or "reported"

    def to_data(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "kind": self.kind,
            "paragraph": self.paragraph,
        }


@dataclass(slots=True, frozen=True)
class Event:
    """A dated happening in the text, its date resolved against publication."""

    date: str  # ISO: "2020-01-22", or "2020-02" when only the month is known
    expression: str  # as printed: "Jan. 22", "on Friday", "in late February"
    text: str  # the sentence it happens in
    paragraph: int

    def to_data(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "expression": self.expression,
            "text": self.text,
            "paragraph": self.paragraph,
        }


@dataclass(slots=True)
class RawArticle:
    """What a reader finds in one raw file, before extraction."""

    path: str  # repository-relative path of the raw file
    sha256: str
    reader: str
    title: str | None
    published: str | None  # ISO 8601 with offset where the source implies one
    agency: str | None = None
    publisher: str | None = None
    dateline: Dateline | None = None
    editors: tuple[str, ...] = ()
    byline: tuple[str, ...] | None = None  # the writers' names, title-cased when printed in capitals
    paragraphs: tuple[str, ...] = ()
    url: str | None = None  # the original article's address (http/https), where the source gives it
    line_of: dict[str, int] = field(default_factory=dict)  # field -> line in the raw file


@dataclass(slots=True)
class Article:
    """One article with everything extracted: becomes one page."""

    id: str  # canonical name of the raw file without extension
    title: str
    published: str
    agency: str | None
    publisher: str | None
    dateline: Dateline | None
    editors: tuple[str, ...]
    byline: tuple[str, ...] | None  # None: no byline; never empty
    paragraphs: tuple[str, ...]
    key_figures: tuple[Figure, ...]
    people: tuple[Mention, ...]
    organisations: tuple[Mention, ...]
    places: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    source: Source
    word_count: int
    reader: str
    corrected: tuple[str, ...] = ()  # fields overridden by the sidecar
    url: str | None = None  # the original article's address (http/https), when known
    archived: str | None = None  # ISO date the article entered the archive (sidecar ``archived``)
    corrected_on: str | None = None  # ISO date of the sidecar's corrections (sidecar ``corrected_on``)

    @property
    def year(self) -> str:
        return self.published[:4]

    @property
    def month(self) -> str:
        return self.published[5:7]

    @classmethod
    def from_data(cls, data: dict[str, Any], paragraphs: tuple[str, ...] | list[str]) -> "Article":
        """The inverse of :meth:`to_data` (front matter plus the body's paragraphs)."""
        def mentions(items: list[dict[str, Any]]) -> tuple[Mention, ...]:
            return tuple(Mention(m["name"], tuple(m["forms"]), tuple(m["paragraphs"]), m.get("id", ""),
                                 m.get("reviewed", True)) for m in items)

        dateline = data.get("dateline")
        return cls(
            id=data["id"], title=data["title"], published=data["published"], agency=data["agency"],
            publisher=data["publisher"], dateline=Dateline(**dateline) if dateline else None,
            editors=tuple(data["editors"]), byline=byline_names(data["byline"]), paragraphs=tuple(paragraphs),
            key_figures=tuple(Figure(**f) for f in data["key_figures"]),
            people=mentions(data["people"]), organisations=mentions(data["organisations"]),
            places=mentions(data["places"]), quotes=tuple(Quote(**q) for q in data["quotes"]),
            events=tuple(Event(**e) for e in data["events"]), source=Source(**data["source"]),
            word_count=data["word_count"], reader=data["reader"], corrected=tuple(data.get("corrected", ())),
            url=data.get("url"), archived=data.get("archived"), corrected_on=data.get("corrected_on"),
        )

    def to_data(self) -> dict[str, Any]:
        """Front matter, in schema order (see README, "Front-matter schema")."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "agency": self.agency,
            "publisher": self.publisher,
            "dateline": self.dateline.to_data() if self.dateline else None,
            "editors": list(self.editors),
            "byline": list(self.byline) if self.byline else None,
        }
        if self.url:
            data["url"] = self.url
        data.update({
            "key_figures": [f.to_data() for f in self.key_figures],
            "people": [m.to_data() for m in self.people],
            "organisations": [m.to_data() for m in self.organisations],
            "places": [m.to_data() for m in self.places],
            "quotes": [q.to_data() for q in self.quotes],
            "events": [e.to_data() for e in self.events],
            "source": self.source.to_data(),
            "word_count": self.word_count,
            "reader": self.reader,
        })
        if self.corrected:
            data["corrected"] = list(self.corrected)
        if self.corrected_on:
            data["corrected_on"] = self.corrected_on
        if self.archived:
            data["archived"] = self.archived
        return data
