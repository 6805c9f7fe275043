"""Saved HTML pages, read through trafilatura.

trafilatura finds the main text and the metadata (title, date, author, site
name) and leaves out navigation, asides, footers and comments. This reader
then:

* takes the body's paragraphs, block quotes and list items, one paragraph
  each, as the text; headings inside the body (the headline repeated,
  sub-heads) are not paragraphs; tables are left out;
* takes ``published`` from the page's own full timestamp where it has one
  (``article:published_time``, ``datePublished``, ``<time datetime>``) and
  it falls on trafilatura's date, else trafilatura's date alone
  (``2024-03-02``): the offset is the page's, never guessed;
* gives ``byline`` = trafilatura's author, ``publisher`` = the site name,
  ``agency`` = the agency a dateline names ("QINGDAO, March 2 (Xinhua) --");
* gives ``url``, the original article's address, from the page's canonical
  link, else its ``og:url``, else trafilatura's URL: only an absolute
  http(s) URL is kept (``generator.urls.http_url``);
* keeps text literal: entities are decoded to the characters they stand
  for, nothing is re-cased or re-punctuated, and no markup is kept.

``line_of`` gives the source line of the element each field came from.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

import lxml.html
import trafilatura

from ..diagnostics import InputError
from ..records import RawArticle
from ..urls import http_url
from .common import byline_names, dateline_agency, find_any_dateline, normalise_space

TIMESTAMP_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate']/@content",
    "//meta[@name='publishdate']/@content",
    "//time[@datetime]/@datetime",
)
URL_XPATHS = (
    "//link[@rel='canonical']/@href",
    "//meta[@property='og:url']/@content",
)
PARAGRAPH_TAGS = {"p", "quote"}
LINE_TAGS = ("h1", "h2", "h3", "title", "p", "li", "blockquote", "div", "span", "td", "meta", "time")


def _iso(value: str) -> str | None:
    value = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.hour == moment.minute == moment.second == 0 and "T" not in value:
        return None  # a date alone says nothing trafilatura's date does not
    return moment.isoformat()


def _json_ld_dates(tree: lxml.html.HtmlElement) -> list[tuple[str, int | None]]:
    found = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                before = (script.text or "").split('"datePublished"', 1)[0]
                found.append((item["datePublished"], (script.sourceline or 1) + before.count("\n")))
    return found


class HtmlReader:
    name = "html"

    def sniff(self, text: str) -> float:
        head = text.lstrip()[:4000].lower()
        if head.startswith(("<!doctype html", "<html")):
            return 0.9
        if re.search(r"<(?:html|body|head)\b", head):
            return 0.7
        return 0.0

    def read(self, path: str, text: str, sha256: str) -> RawArticle:
        article = RawArticle(path=path, sha256=sha256, reader=self.name, title=None, published=None)
        try:
            tree = lxml.html.document_fromstring(text)
        except (lxml.etree.ParserError, ValueError) as exc:
            raise InputError(path, f"the HTML cannot be parsed ({exc})", line=1,
                             fix="save the page again as complete HTML") from None
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                          include_tables=False, include_images=False)
        if doc is None or doc.body is None:
            raise InputError(path, "no article text found in the page", line=1,
                             fix="save the article's own page, or copy its text into a .txt file")
        lines = self._source_lines(tree)
        if doc.title:
            article.title = normalise_space(doc.title)
            article.line_of["title"] = lines.get(article.title, 1)
        article.publisher = normalise_space(doc.sitename) if doc.sitename else None
        article.byline = byline_names(doc.author) if doc.author else None
        self._published(article, tree, doc.date, text)
        self._url(article, tree, doc.url)
        body = self._paragraphs(doc.body, article.title)
        article.paragraphs = tuple(body)
        for index, para in enumerate(body, start=1):
            if para in lines:
                article.line_of[f"p{index}"] = lines[para]
        if article.paragraphs:
            article.agency = dateline_agency(article.paragraphs[0])
            if article.published:
                article.dateline = find_any_dateline(article.paragraphs[0], article.published)
        return article

    @staticmethod
    def _paragraphs(body: lxml.html.HtmlElement, title: str | None) -> list[str]:
        found: list[str] = []
        for node in body:
            if node.tag in PARAGRAPH_TAGS:
                texts = ["".join(node.itertext())]
            elif node.tag == "list":
                texts = ["".join(item.itertext()) for item in node if item.tag == "item"]
            else:  # head (headings), table, graphic, ...
                continue
            for raw in texts:
                para = normalise_space(raw)
                if para and para != title:
                    found.append(para)
        return found

    @staticmethod
    def _source_lines(tree: lxml.html.HtmlElement) -> dict[str, int]:
        """Normalised text of each element -> the line it starts on (first occurrence)."""
        lines: dict[str, int] = {}
        head_tags = ("meta", "title")  # the page's own text first, then its metadata
        for tags in ([t for t in LINE_TAGS if t not in head_tags], head_tags):
            for node in tree.iter(*tags):
                key = normalise_space(node.get("content") if node.tag == "meta" and node.get("content")
                                      else node.text_content())
                if key and node.sourceline and key not in lines:
                    lines[key] = node.sourceline
        return lines

    @staticmethod
    def _url(article: RawArticle, tree: lxml.html.HtmlElement, found: str | None) -> None:
        for xpath in URL_XPATHS:
            for value in tree.xpath(xpath):
                url = http_url(str(value))
                if url:
                    article.url = url
                    article.line_of["url"] = value.getparent().sourceline or 1
                    return
        article.url = http_url(found)

    @staticmethod
    def _published(article: RawArticle, tree: lxml.html.HtmlElement, day: str | None, text: str) -> None:
        candidates: list[tuple[str, int | None]] = []
        for xpath in TIMESTAMP_XPATHS:
            for value in tree.xpath(xpath):
                candidates.append((str(value), value.getparent().sourceline))
        candidates.extend(_json_ld_dates(tree))
        for value, line in candidates:
            stamp = _iso(value)
            if stamp and (day is None or stamp.startswith(day)):
                article.published = stamp
                article.line_of["published"] = line or 1
                return
        if day:
            article.published = day
            article.line_of["published"] = next(
                (number for number, line in enumerate(text.split("\n"), start=1) if day in line), 1)
