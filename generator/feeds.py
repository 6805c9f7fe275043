"""Feeds: Atom 1.0 (feedgen) and JSON Feed 1.1 of the newest articles and notes.

:func:`article_feeds` and :func:`note_feeds` return ``{path in the site: bytes}``:

* ``feeds/articles.xml`` / ``.json`` -- the newest articles of the archive;
* ``feeds/agency/<slug>.xml`` / ``.json`` -- per agency (the slug of its
  page ``archive/agency/<slug>/``);
* ``feeds/entities/<id>.xml`` / ``.json`` -- per entity with a page (the
  registry's, and those detection found);
* ``feeds/notes.xml`` / ``.json`` -- the newest notes ("follow the
  fact-checks": ``feeds/fact-checks.xml`` / ``.json`` holds only those),
  each entry linking to the note's permalink (``…#note-<id>``) and saying
  its kind and verdict.

How many entries: ``extra.newsarchive.feeds`` in mkdocs.yml (:class:`FeedsConfig`).

URLs: with ``site_url`` every link and id is absolute. Without it links are
relative to the feed's own address (``../articles/<id>/``, as Atom and feed
readers resolve them) and ids are ``urn:newsarchive:...`` names, stable
wherever the site is served.

Deterministic: no clock. A feed's ``updated`` is its newest entry's date
(``1970-01-01T00:00:00Z`` for an empty feed); a time without a stated zone
(wire copy) is given as UTC, a date alone as midnight UTC. Untrusted text is
escaped by feedgen (lxml) and json; characters XML cannot hold are dropped.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from feedgen.feed import FeedGenerator

from .annotations.markdown import safe_url
from .annotations.model import KIND_LABELS, VERDICT_LABELS, Anchored
from .crosslink.config import FeedsConfig
from .crosslink.slugs import slug_map
from .head import cut, description
from .records import Article
from .settings import SiteSettings
from .urls import http_url
from .display import published_sort_key

if TYPE_CHECKING:
    from .crosslink import CrossIndex

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
FEED_DIR = "feeds"
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: object) -> str:
    """``text`` without the characters XML 1.0 cannot hold (control characters, U+FFFE, ...)."""
    return _NOT_XML.sub("", str(text or ""))


def moment(iso: str) -> datetime:
    """An ISO date or time as an aware datetime: no zone stated -> UTC."""
    value = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def rfc3339(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


@dataclass(slots=True, frozen=True)
class Entry:
    """One feed entry, ready for either format."""

    id: str
    url: str
    title: str
    updated: datetime
    published: datetime
    author: str
    summary: str = ""
    html: str = ""  # content, already safe HTML (note bodies); else summary is the content
    tags: tuple[str, ...] = ()
    via: str | None = None  # the original article's address
    extension: dict[str, Any] | None = None  # JSON Feed "_newsarchive"


@dataclass(slots=True, frozen=True)
class Feed:
    path: str  # without extension, under the site root: "feeds/articles"
    title: str
    subtitle: str
    home: str  # the page the feed follows, relative to the site root
    entries: tuple[Entry, ...]


class Urls:
    """URLs as a feed at ``feed_path`` writes them (absolute with site_url, else relative to the feed)."""

    def __init__(self, settings: SiteSettings):
        self.settings = settings

    def link(self, target: str, feed_path: str) -> str:
        if self.settings.url:
            return self.settings.url + target
        rel = posixpath.relpath(target or ".", posixpath.dirname(feed_path) or ".")
        return rel + "/" if target.endswith("/") or target == "" else rel

    def ident(self, target: str, urn: str) -> str:
        return self.settings.url + target if self.settings.url else f"urn:newsarchive:{urn}"


def _article_entry(article: Article, urls: Urls, settings: SiteSettings, feed_path: str) -> Entry:
    page = settings.page_url(f"articles/{article.id}.md")
    stamp = moment(article.published)
    changed = moment(article.corrected_on) if article.corrected_on else stamp
    names = [m.name for group in (article.people, article.organisations, article.places) for m in group]
    return Entry(
        id=urls.ident(page, f"article:{article.id}"), url=urls.link(page, feed_path), title=article.title,
        updated=max(stamp, changed), published=stamp,
        author=", ".join(article.byline or ()) or article.agency or article.publisher or settings.name,
        summary=description(article.paragraphs, article.dateline.text if article.dateline else None),
        tags=tuple(names), via=http_url(article.url))


def _newest(articles: Iterable[Article], count: int) -> list[Article]:
    return sorted(articles, key=lambda a: (published_sort_key(a.published), a.id), reverse=True)[:count]


def article_feeds(articles: Sequence[Article], index: "CrossIndex",
                  settings: SiteSettings, config: FeedsConfig = FeedsConfig()) -> dict[str, bytes]:
    """The site-wide, per-agency and per-entity feeds of the newest articles."""
    urls = Urls(settings)
    feeds = [Feed(f"{FEED_DIR}/articles", f"{settings.name}: newest articles",
                  f"The newest articles in {settings.name}", settings.page_url("index.md"), ())]
    chosen = {feeds[0].path: _newest(articles, config.articles)}
    by_agency: dict[str, list[Article]] = {}
    for article in articles:
        if article.agency:
            by_agency.setdefault(article.agency, []).append(article)
    slugs = slug_map(list(by_agency))
    for name in sorted(by_agency, key=lambda n: slugs[n]):
        feed = Feed(f"{FEED_DIR}/agency/{slugs[name]}", f"{settings.name}: articles by {name}",
                    f"The newest articles from {name}", settings.page_url(f"archive/agency/{slugs[name]}/index.md"), ())
        feeds.append(feed)
        chosen[feed.path] = _newest(by_agency[name], config.per_page)
    entities = index.entities  # the registry's and those detection found (not reviewed)
    for eid in sorted(index.entity_articles):
        entity = entities[eid]
        feed = Feed(f"{FEED_DIR}/entities/{eid}", f"{settings.name}: articles mentioning {entity.name}",
                    f"The newest articles that mention {entity.name}",
                    settings.page_url(f"entities/{eid}/index.md"), ())
        feeds.append(feed)
        chosen[feed.path] = _newest((index.by_id[a] for a in index.entity_articles[eid]), config.per_page)
    out: dict[str, bytes] = {}
    made: dict[tuple[str, str], Entry] = {}  # an article's entry, once per feed folder (its links differ)
    for feed in feeds:
        folder = posixpath.dirname(feed.path)
        entries = []
        for article in chosen[feed.path]:
            key = (article.id, folder)
            if key not in made:
                made[key] = _article_entry(article, urls, settings, feed.path)
            entries.append(made[key])
        out.update(render(Feed(feed.path, feed.title, feed.subtitle, feed.home, tuple(entries)), urls))
    return out


def _note_entry(item: Anchored, article: Article, urls: Urls, settings: SiteSettings, feed_path: str) -> Entry:
    note = item.note
    page = settings.page_url(f"articles/{article.id}.md")
    kind = KIND_LABELS[note.kind]
    verdict = VERDICT_LABELS.get(note.verdict or "", "")
    label = f"{kind}: {verdict}" if verdict else kind
    title = f"{label} — “{cut(note.quote, 80)}” ({cut(article.title, 80)})"
    html = (f"<p><strong>{_h(kind)}</strong>" + (f" · verdict: <strong>{_h(verdict)}</strong>" if verdict else "")
            + f" · on <a href=\"{_h(urls.link(page, feed_path))}\">{_h(article.title)}</a></p>"
            + f"<blockquote><p>{_h(note.quote)}</p></blockquote>{rebase_links(note.body_html, page, urls, feed_path)}")
    if note.sources:
        html += "<p>Sources:</p><ul>" + "".join(
            f"<li><a href=\"{_h(s.url)}\">{_h(s.title)}</a></li>" for s in note.sources if safe_url(s.url)) + "</ul>"
    day = moment(note.added)
    return Entry(
        id=urls.ident(f"{page}#note-{note.id}", f"note:{article.id}:{note.id}"),
        url=urls.link(page, feed_path) + f"#note-{note.id}", title=title, updated=day, published=day,
        author=note.author, summary=cut(f"{label}. {note.body}", 300), html=html,
        tags=(kind,) + ((verdict,) if verdict else ()),
        extension={"kind": note.kind, "verdict": note.verdict, "article": article.id, "note": note.id})


_BODY_HREF = re.compile(r'href="([^"]*)"')
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def rebase_links(body_html: str, page: str, urls: Urls, feed_path: str) -> str:
    """A note body's links, written relative to its article's ``page``, as the feed
    at ``feed_path`` must give them (absolute with site_url, else relative to the feed):
    a feed reader resolves a relative link against the feed's address, not the page's."""
    import html as html_lib

    def one(match: re.Match) -> str:
        href = html_lib.unescape(match.group(1))
        if _SCHEME.match(href) or href.startswith("//"):
            return match.group(0)
        path, hash_, fragment = href.partition("#")
        target = page if not path else posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        return f'href="{_h(urls.link(target, feed_path) + hash_ + fragment)}"'

    return _BODY_HREF.sub(one, body_html)


def _h(text: object) -> str:
    from markupsafe import escape

    return str(escape(str(text)))


def note_feeds(notes: dict[str, list[Anchored]], articles: Sequence[Article], settings: SiteSettings,
               config: FeedsConfig = FeedsConfig()) -> dict[str, bytes]:
    """The feeds of the newest notes and of the newest fact-checks."""
    urls = Urls(settings)
    by_id = {a.id: a for a in articles}
    items = [(item, by_id[aid]) for aid in sorted(notes) if aid in by_id for item in notes[aid]]
    items.sort(key=lambda pair: (pair[0].note.added, pair[1].id, -pair[0].number), reverse=True)
    out: dict[str, bytes] = {}
    for path, title, subtitle, wanted in (
            (f"{FEED_DIR}/notes", f"{settings.name}: newest notes",
             "The newest notes on the articles: context, fact-checks, corrections, sources, definitions", None),
            (f"{FEED_DIR}/fact-checks", f"{settings.name}: newest fact-checks",
             "The newest fact-checks of the articles, with their verdicts", "fact-check")):
        chosen = [pair for pair in items if wanted is None or pair[0].note.kind == wanted][:config.notes]
        entries = tuple(_note_entry(item, article, urls, settings, path) for item, article in chosen)
        out.update(render(Feed(path, title, subtitle, settings.page_url("index.md"), entries), urls))
    return out


def render(feed: Feed, urls: Urls) -> dict[str, bytes]:
    """``{path.xml: Atom, path.json: JSON Feed}`` for one feed."""
    return {f"{feed.path}.xml": atom(feed, urls), f"{feed.path}.json": json_feed(feed, urls)}


def atom(feed: Feed, urls: Urls) -> bytes:
    self_url = urls.link(f"{feed.path}.xml", f"{feed.path}.xml")
    fg = FeedGenerator()
    fg.id(urls.ident(f"{feed.path}.xml", "feed:" + feed.path.removeprefix(FEED_DIR + "/")))
    fg.title(xml_text(feed.title))
    fg.subtitle(xml_text(feed.subtitle))
    fg.link(href=urls.link(feed.home, f"{feed.path}.xml"), rel="alternate", type="text/html")
    fg.link(href=self_url, rel="self", type="application/atom+xml")
    fg.author({"name": xml_text(urls.settings.name)})
    fg.language("en")
    fg.generator("newsarchive")
    fg.updated(max((e.updated for e in feed.entries), default=EPOCH))
    for e in feed.entries:
        fe = fg.add_entry(order="append")
        fe.id(e.id)
        fe.title(xml_text(e.title))
        fe.link(href=e.url, rel="alternate", type="text/html")
        if e.via:
            fe.link(href=e.via, rel="via", type="text/html")
        fe.updated(e.updated)
        fe.published(e.published)
        fe.author({"name": xml_text(e.author)})
        if e.summary:
            fe.summary(xml_text(e.summary))
        if e.html:
            fe.content(xml_text(e.html), type="html")
        for tag in e.tags:
            fe.category(term=xml_text(tag))
    return fg.atom_str(pretty=False) + b"\n"


def json_feed(feed: Feed, urls: Urls) -> bytes:
    data: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": urls.link(feed.home, f"{feed.path}.json"),
        "feed_url": urls.link(f"{feed.path}.json", f"{feed.path}.json"),
        "description": feed.subtitle,
        "language": "en",
        "authors": [{"name": urls.settings.name}],
        "items": [],
    }
    for e in feed.entries:
        item: dict[str, Any] = {"id": e.id, "url": e.url, "title": e.title}
        if e.via:
            item["external_url"] = e.via
        if e.html:
            item["content_html"] = e.html
            item["summary"] = e.summary
        else:
            item["content_text"] = e.summary
        item.update({"date_published": rfc3339(e.published), "date_modified": rfc3339(e.updated),
                     "authors": [{"name": e.author}]})
        if e.tags:
            item["tags"] = list(e.tags)
        if e.extension:
            item["_newsarchive"] = e.extension
        data["items"].append(item)
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
