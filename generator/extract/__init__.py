"""The extract stage: RawArticle -> Article, the same for every reader."""

from __future__ import annotations

from ..diagnostics import InputError
from ..records import Article, RawArticle, Source
from ..registry import Entity
from . import entities as entity_mod
from ..readers.common import DATELINE
from .detect import dateline_entity, detect, inside_larger_names
from .gazetteer import place_name
from .entities import Hit
from .events import date_spans, events
from .figures import figures
from .quotes import quotes
from .text import word_count


def article_id(raw_path: str) -> str:
    """The canonical name of the raw file, without its extension."""
    name = raw_path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def require_fields(raw: RawArticle) -> None:
    """What every article needs before extraction: a headline, a date, a body."""
    if not raw.title:
        raise InputError(raw.path, "no headline found", line=1,
                         fix=f"add 'title: ...' to {sidecar_name(raw.path)}")
    if not raw.published:
        raise InputError(raw.path, "no publication date found", line=raw.line_of.get("title"),
                         fix=f"add 'published: 2020-05-17T15:51:00+08:00' to {sidecar_name(raw.path)}")
    if not raw.paragraphs:
        raise InputError(raw.path, "no body paragraphs found", fix="check the file holds the article text")


def extract(raw: RawArticle, matcher: entity_mod.Matcher) -> Article:
    """Everything the archive knows about one article. Requires title and published."""
    require_fields(raw)
    paragraphs = raw.paragraphs
    dates = {number: date_spans(text) for number, text in enumerate(paragraphs, start=1)}
    registered = matcher.hits(paragraphs)
    if registered:  # "Asia" is not mentioned in "Southeast Asia": detection finds that place
        inside = set(map(id, inside_larger_names(paragraphs, registered, dates)))
        registered = [h for h in registered if id(h) not in inside]
    masked: dict[int, list[tuple[int, int]]] = {number: list(spans) for number, spans in dates.items()}
    for hit in registered:
        masked[hit.paragraph].append((hit.start, hit.end))
    skip = {1: len(raw.dateline.text)} if raw.dateline else {}
    if raw.dateline:
        masked.setdefault(1, []).append((0, len(raw.dateline.text)))
    else:  # a dateline the reader could not date ("WUHAN, June 5 (Xinhua) --"): its agency is no mention
        credit = DATELINE.match(paragraphs[0])
        if credit:
            masked.setdefault(1, []).append(credit.span("agency"))
    taken = matcher.ids
    hits = sorted(registered + detect(paragraphs, masked, taken), key=lambda h: (h.paragraph, h.start))
    for hit in hits:
        if not hit.entity.reviewed:
            masked[hit.paragraph].append((hit.start, hit.end))
    dateline: list[tuple[Entity, str]] = []
    if raw.dateline:
        place = raw.dateline.place
        first, _, region = (part.strip() for part in place.partition(","))
        found = matcher.lookup(place) or matcher.lookup(first) or dateline_entity(place, taken)
        dateline.append((_same_as_text(found, hits), place))
        if region and (matcher.lookup(region) or place_name(region)):  # "REYKJAVIK, Iceland"
            dateline.append((_same_as_text(matcher.lookup(region) or dateline_entity(region, taken), hits), region))
    return Article(
        id=article_id(raw.path),
        title=raw.title,
        published=raw.published,
        agency=raw.agency,
        publisher=raw.publisher,
        dateline=raw.dateline,
        editors=raw.editors,
        byline=raw.byline,
        url=raw.url,
        paragraphs=paragraphs,
        key_figures=figures(paragraphs, masked),
        people=entity_mod.mentions(hits, "person", dateline),
        organisations=entity_mod.mentions(hits, "organisation", dateline),
        places=entity_mod.mentions(hits, "place", dateline),
        quotes=quotes(paragraphs, hits),
        events=events(paragraphs, raw.published, skip),
        source=Source(raw.path, raw.sha256),
        word_count=word_count(paragraphs),
        reader=raw.reader,
    )


def _same_as_text(dateline: Entity, hits: list[Hit]) -> Entity:
    """A detected dateline place is the entity of the same name the text mentions, if any."""
    if dateline.reviewed:
        return dateline
    return next((h.entity for h in hits if h.entity.id == dateline.id), dateline)


def sidecar_name(raw_path: str) -> str:
    stem = raw_path.rsplit(".", 1)[0] if "." in raw_path.rsplit("/", 1)[-1] else raw_path
    return stem + ".meta.yml"
