"""What a page says about itself in its ``<head>``: description, OpenGraph,
Twitter card and schema.org ``NewsArticle`` JSON-LD. Pure functions over an
article's front matter (``page.meta``), its URL and the site's settings; the
MkDocs plugin hands them to the templates (``overrides/partials/na-head.html``).

* :func:`description`: the first paragraph (without its dateline), cut at a
  word so that it is at most :data:`DESCRIPTION_CHARS` characters; the
  generator writes it into the front matter as ``description``.
* :func:`meta_tags`: ``(attribute, name, content)`` triples; the template
  escapes each value.
* :func:`article_jsonld` and :func:`script_json`: the JSON-LD and its text
  for a ``<script>`` element, with ``<``, ``>``, ``&`` (and U+2028/9) written
  as ``\\uXXXX`` so no headline can close the element or open a comment.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from .urls import http_url

DESCRIPTION_CHARS = 160
#: a text up to this many characters longer than the limit is kept whole ("near 160")
DESCRIPTION_SLACK = 10
#: a first paragraph shorter than this is joined with the next one
SHORT_PARAGRAPH = 60
WIKIDATA = "https://www.wikidata.org/wiki/"
ENTITY_TYPES = {"people": "Person", "organisations": "Organization", "places": "Place"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")
_DATELINE_DASH = re.compile(r"^\s*(?:--|-|—|–|_)\s*")


@dataclass(slots=True, frozen=True)
class Site:
    """The site settings a head needs (``site_name``, ``site_url``, ``site_description``)."""

    name: str
    url: str = ""  # site_url with a trailing slash, or "" when not set
    description: str = ""


@dataclass(slots=True, frozen=True)
class EntityRef:
    """A registered entity: its page's absolute URL (or None) and Wikidata id."""

    url: str | None
    wikidata: str | None


def plain(text: object) -> str:
    """One line of text: control characters dropped, runs of white space made one space."""
    return _SPACE.sub(" ", _CONTROL.sub("", str(text or ""))).strip()


def names(value: object) -> list[str]:
    """A byline as a list of names: front matter has a list (``[A, B]``), older data one string."""
    if isinstance(value, str):
        return [plain(value)] if plain(value) else []
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value if plain(v)]
    return []


def cut(text: str, limit: int = DESCRIPTION_CHARS, slack: int = 0) -> str:
    """``text`` if it fits in ``limit`` (+ ``slack``) characters, else cut at the last
    word that fits in ``limit`` with an ellipsis (a single over-long word is cut
    where it must be)."""
    text = plain(text)
    if len(text) <= limit + slack:
        return text
    room = text[:limit - 1]
    space = room.rfind(" ")
    if space >= limit // 2:
        room = room[:space]
    return room.rstrip(" ,;:–—-") + "…"


def description(paragraphs: Sequence[str], dateline: str | None = None, limit: int = DESCRIPTION_CHARS) -> str:
    """The page's summary: its first paragraph without the printed dateline
    ("BEIJING, May 17 (Xinhua) -- "), joined with the next ones while it is
    shorter than :data:`SHORT_PARAGRAPH`, cut at a word near ``limit``."""
    texts = [plain(p) for p in paragraphs if plain(p)]
    if not texts:
        return ""
    first = texts[0]
    if dateline and first.startswith(plain(dateline)):
        first = _DATELINE_DASH.sub("", first[len(plain(dateline)):], count=1)
    summary = first
    for more in texts[1:]:
        if len(summary) >= SHORT_PARAGRAPH:
            break
        summary = f"{summary} {more}".strip()
    return cut(summary or texts[0], limit, DESCRIPTION_SLACK)


def absolute(site: Site, path: str | None) -> str | None:
    """``path`` (relative to the site root) made absolute with site_url; None without site_url."""
    if path is None or not site.url:
        return None
    return site.url.rstrip("/") + "/" + path.lstrip("/")


def _entities(meta: Mapping[str, Any]) -> Iterable[tuple[str, Mapping[str, Any]]]:
    for key, kind in ENTITY_TYPES.items():
        for mention in meta.get(key) or ():
            if isinstance(mention, Mapping) and mention.get("name"):
                yield kind, mention


def entity_names(meta: Mapping[str, Any]) -> list[str]:
    """Names of the entities an article mentions (people, organisations, places)."""
    return [plain(m["name"]) for _, m in _entities(meta)]


def _organisation(name: object) -> dict[str, str]:
    return {"@type": "Organization", "name": plain(name)}


def article_jsonld(meta: Mapping[str, Any], page_url: str | None, site: Site,
                   entities: Mapping[str, EntityRef] | None = None) -> dict[str, Any]:
    """schema.org ``NewsArticle`` for one article page."""
    entities = entities or {}
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle",
                            "headline": plain(meta.get("title"))}
    summary = plain(meta.get("description"))
    if summary:
        data["description"] = summary
    data["datePublished"] = plain(meta.get("published"))
    if meta.get("corrected_on"):
        data["dateModified"] = plain(meta["corrected_on"])
    writers = names(meta.get("byline"))
    if writers:
        people = [{"@type": "Person", "name": name} for name in writers]
        data["author"] = people[0] if len(people) == 1 else people
    elif meta.get("agency"):
        data["author"] = _organisation(meta["agency"])
    if meta.get("publisher"):
        data["publisher"] = _organisation(meta["publisher"])
    if meta.get("agency"):
        data["sourceOrganization"] = _organisation(meta["agency"])
    dateline = meta.get("dateline")
    if isinstance(dateline, Mapping) and dateline.get("place"):
        data["locationCreated"] = {"@type": "Place", "name": plain(dateline["place"])}
    original = http_url(meta.get("url"))
    if original:
        data["isBasedOn"] = original
    if page_url:
        data["url"] = page_url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": page_url}
    if isinstance(meta.get("word_count"), int):
        data["wordCount"] = meta["word_count"]
    about = []
    for kind, mention in _entities(meta):
        item: dict[str, Any] = {"@type": kind, "name": plain(mention["name"])}
        ref = entities.get(str(mention.get("id") or ""))
        if ref and ref.url:
            item["url"] = ref.url
        if ref and ref.wikidata:
            item["sameAs"] = WIKIDATA + ref.wikidata
        about.append(item)
    if about:
        data["about"] = about
    if site.url:
        data["isPartOf"] = {"@type": "WebSite", "name": plain(site.name), "url": site.url}
    return data


def script_json(data: Any) -> str:
    """JSON for inside ``<script type="application/ld+json">``: nothing in it can
    end the element (``</script>``), open a comment (``<!--``) or an entity."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def meta_tags(meta: Mapping[str, Any] | None, page_url: str | None, site: Site,
              title: str, is_article: bool) -> list[tuple[str, str, str]]:
    """OpenGraph and Twitter card tags, ``(attribute, name, content)``, unescaped."""
    meta = meta or {}
    summary = plain(meta.get("description") or site.description)
    tags = [("property", "og:type", "article" if is_article else "website"),
            ("property", "og:title", plain(title)),
            ("property", "og:site_name", plain(site.name))]
    if summary:
        tags.append(("property", "og:description", summary))
    if page_url:
        tags.append(("property", "og:url", page_url))
    if is_article:
        tags.append(("property", "article:published_time", plain(meta.get("published"))))
        if meta.get("corrected_on"):
            tags.append(("property", "article:modified_time", plain(meta["corrected_on"])))
        if meta.get("agency"):
            tags.append(("property", "article:section", plain(meta["agency"])))
        for name in entity_names(meta):
            tags.append(("property", "article:tag", name))
    tags += [("name", "twitter:card", "summary"), ("name", "twitter:title", plain(title))]
    if summary:
        tags.append(("name", "twitter:description", summary))
    return tags
