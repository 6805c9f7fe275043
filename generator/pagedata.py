"""What the templates ask of each page beyond its body: head tags and feed
links (every page), the citation and the "Suggest a note" link (articles),
and the page's ``lastmod`` for sitemap.xml. Pure of MkDocs: the plugin
(``generator.mkdocs_plugin``, ``on_env``) builds one :class:`Chrome` from the
built pages and hands it to the templates as ``newsarchive``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping
from urllib.parse import quote, urlsplit

from .annotations.skeleton import SUGGESTED_NAME, blank_skeleton
from .cite import Citation, citation
from .crosslink.pages import slug_map
from .feeds import FEED_DIR
from .head import EntityRef, Site, article_jsonld, meta_tags, plain, script_json
from .urls import http_url

ARTICLE_TEMPLATE = "article.html"
_ENTITY_PAGE = re.compile(r"^entities/([^/]+)/index\.md$")
_AGENCY_PAGE = re.compile(r"^archive/agency/([^/]+)/index\.md$")
_BRANCH = re.compile(r"^(?:edit|blob|tree)/([^/]+)/")


@dataclass(slots=True, frozen=True)
class PageView:
    """What :class:`Chrome` needs of a page."""

    src: str  # the Markdown file under docs_dir, POSIX: "articles/<id>.md"
    url: str  # relative to the site root (MkDocs' page.url)
    canonical: str | None  # absolute (page.canonical_url), None without site_url
    title: str
    meta: Mapping[str, Any]

    @property
    def is_article(self) -> bool:
        return self.meta.get("template") == ARTICLE_TEMPLATE and bool(self.meta.get("id"))


@dataclass(slots=True, frozen=True)
class FeedLink:
    title: str
    type: str  # MIME type
    path: str  # relative to the site root


def lastmod(meta: Mapping[str, Any]) -> str | None:
    """An article's last change as an ISO date: published, corrected or noted, whichever is latest."""
    dates = [str(meta.get("published") or "")[:10], str(meta.get("corrected_on") or "")[:10],
             str((meta.get("notes") or {}).get("updated") or "")[:10]]
    dates = [d for d in dates if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)]
    return max(dates) if dates else None


def _feed_pair(title: str, path: str) -> list[FeedLink]:
    return [FeedLink(f"{title} (Atom)", "application/atom+xml", f"{path}.xml"),
            FeedLink(f"{title} (JSON Feed)", "application/feed+json", f"{path}.json")]


class Chrome:
    def __init__(self, site: Site, repo_url: str | None = None, edit_uri: str | None = None,
                 entities: Mapping[str, EntityRef] | None = None, agency_slugs: Mapping[str, str] | None = None,
                 descriptions: Mapping[str, str] | None = None):
        self.site = site
        self.descriptions = dict(descriptions or {})  # entity id -> the registry's one-line description
        self.repo_url = (http_url(repo_url) or "").rstrip("/")
        found = _BRANCH.match(edit_uri or "")
        self.branch = found.group(1) if found else "main"
        self.entities = dict(entities or {})
        self.agency_slugs = dict(agency_slugs or {})

    @classmethod
    def from_pages(cls, site: Site, pages: Iterable[PageView], wikidata: Mapping[str, str | None],
                   repo_url: str | None = None, edit_uri: str | None = None,
                   descriptions: Mapping[str, str] | None = None) -> "Chrome":
        """``wikidata``: registry entity id -> its Wikidata id (or None); ``descriptions``:
        entity id -> its description (an entity page's summary)."""
        entities: dict[str, EntityRef] = {}
        agencies = set()
        for page in pages:
            found = _ENTITY_PAGE.match(page.src)
            if found:
                eid = found.group(1)
                entities[eid] = EntityRef(page.canonical, wikidata.get(eid))
            elif page.is_article and page.meta.get("agency"):
                agencies.add(str(page.meta["agency"]))
        for eid, qid in wikidata.items():
            entities.setdefault(eid, EntityRef(None, qid))
        return cls(site, repo_url, edit_uri, entities, slug_map(sorted(agencies)), descriptions)

    # -- head --------------------------------------------------------------
    def head(self, page: PageView) -> dict[str, Any]:
        """``tags`` ((attribute, name, content) for <meta>), ``jsonld`` (script text or
        None) and ``feeds`` (:class:`FeedLink`) for the page's <head>."""
        title = str(page.meta.get("title") or page.title or self.site.name)
        article = page.is_article
        meta = page.meta
        entity = _ENTITY_PAGE.match(page.src)
        if entity and not meta.get("description") and self.descriptions.get(entity.group(1)):
            meta = {**meta, "description": self.descriptions[entity.group(1)]}
        jsonld = script_json(article_jsonld(meta, page.canonical, self.site, self.entities)) if article else None
        return {"tags": meta_tags(meta, page.canonical, self.site, title, article), "jsonld": jsonld,
                "feeds": self.feeds(page), "description": plain(meta.get("description") or self.site.description)}

    def feeds(self, page: PageView) -> list[FeedLink]:
        # the site-wide feeds (JSON Feed for the articles; the notes' JSON feeds are listed on the Data page)
        links = _feed_pair(f"{self.site.name}: newest articles", f"{FEED_DIR}/articles")
        links += _feed_pair(f"{self.site.name}: newest notes", f"{FEED_DIR}/notes")[:1]
        links += _feed_pair(f"{self.site.name}: newest fact-checks", f"{FEED_DIR}/fact-checks")[:1]
        agency = page.meta.get("agency") if page.is_article else None
        entity = _ENTITY_PAGE.match(page.src)
        agency_page = _AGENCY_PAGE.match(page.src)
        if agency and str(agency) in self.agency_slugs:
            links += _feed_pair(f"Articles by {agency}", f"{FEED_DIR}/agency/{self.agency_slugs[str(agency)]}")
        elif agency_page:
            links += _feed_pair(f"{page.title}", f"{FEED_DIR}/agency/{agency_page.group(1)}")
        elif entity:
            name = (page.meta.get("entity") or {}).get("name") or page.title
            links += _feed_pair(f"Articles mentioning {name}", f"{FEED_DIR}/entities/{entity.group(1)}")
        return links

    # -- articles ----------------------------------------------------------
    def stable_url(self, page: PageView) -> str:
        return page.canonical or page.url

    def cite(self, page: PageView) -> Citation | None:
        return citation(page.meta, self.stable_url(page), self.site.name) if page.is_article else None

    def suggest_note_url(self, page: PageView) -> str | None:
        """GitHub's new-file page for ``site-data/annotations/<id>/``, prefilled with
        a note skeleton; None when the repository is not on GitHub or not set."""
        if not page.is_article or urlsplit(self.repo_url).hostname not in ("github.com", "www.github.com"):
            return None
        article_id = str(page.meta["id"])
        skeleton = blank_skeleton(article_id, str(page.meta.get("title") or ""))
        return (f"{self.repo_url}/new/{quote(self.branch, safe='')}/site-data/annotations/{quote(article_id)}"
                f"?filename={quote(SUGGESTED_NAME)}&value={quote(skeleton, safe='')}")
