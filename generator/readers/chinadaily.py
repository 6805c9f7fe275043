"""China Daily (English) web pages saved as plain text.

The shape::

    Home / China / Society                                     <- breadcrumb (optional, chrome)
    <headline>
    <sub-headline>                                             <- optional, not body
    By ZHOU WENTING/LI NA in Shanghai | China Daily | Updated: 2025-02-27 06:55
    <sub-headline>                                             <- or here, optional, not body
    Passengers board a train ... on Wednesday. [Photo/Xinhua]  <- photo caption, not body
    <paragraphs, one per line, blank lines between or not>
    Contact the writers at zhouwenting@chinadaily.com.cn       <- footer, stripped
    Related Stories / Copyright ... / Share                    <- page chrome

Choices:

* Times are Beijing time: ``published`` carries ``+08:00``.
* ``By A/B in Shanghai`` gives ``byline: [A, B]``: writers split on ``/`` and
  ``and``, each writer's ``in PLACE`` dropped, names printed in capitals (as
  China Daily prints them) put in title case: ``By ZHOU WENTING`` -> ``Zhou Wenting``.
* The source between the bars is the agency (``China Daily`` for the paper's
  own stories and for ``chinadaily.com.cn``, else as printed, e.g. ``Xinhua``);
  the publisher is always China Daily.
* Each non-blank line is one paragraph: these dumps never wrap lines.
* China Daily datelines have no date or agency ("BEIJING -- ..."): the
  dateline's date is the publication date.
"""

from __future__ import annotations

import re

from ..records import RawArticle
from .common import blocks, byline_names, find_any_dateline, iso_minutes, normalise_space, parse_moment, set_body

PUBLISHER = "China Daily"
OFFSET = "+08:00"

BYLINE_LINE = re.compile(
    r"^(?:By\s+(?P<byline>[^|]+?)\s*\|\s*)?(?P<source>[^|]+?)\s*\|\s*Updated:\s*"
    r"(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<time>\d{1,2}:\d{2})\s*$"
)
CAPTION = re.compile(r"\[(?:Photo|Video)(?:/[^\]]*|\s+by\s+[^\]]*|\s+provided\s+to\s+[^\]]*)?\]\s*$", re.I)
CONTACT = re.compile(r"^Contact the writers? (?:at|on)\b", re.I)
# "Home / China / Society": each part up to 31 characters, words one space apart (a part's
# trailing spaces were both part and separator, so "Home / A / A ... /" backtracked exponentially)
BREADCRUMB = re.compile(r"^(?:Home|China|World|Business|Opinion|Sports|Culture|Lifestyle|Travel)"
                        r"(?:\s*/\s*(?=[^/]{1,31}(?:/|$))[A-Z][\w&'-]*(?: [\w&'-]+)*)+\s*$")
CHROME_LINES = {"Share", "Print", "Mail", "Large", "Medium", "Small", "Go to Forum", "Related Stories",
                "Top News", "Most Popular", "Most Viewed", "Editor's Picks", "Trending", "Photos", "Video",
                "Specials", "Latest", "Back to top"}
# a line that ends the article: everything after it is page chrome
END_MARKERS = re.compile(r"^(?:Related Stories|Copyright \d{4}|Copyright 1995|Most Viewed|Editor's Picks"
                         r"|Top News|Go to Forum)\b")
SENTENCE_END = ('.', '?', '!', '"', '\u201d', "'", '\u2019', ')', ':')


def split_byline(text: str) -> tuple[str, ...] | None:
    """'ZHOU WENTING/LI NA in Shanghai' -> ('Zhou Wenting', 'Li Na')."""
    return byline_names(text)


def is_subheadline(line: str) -> bool:
    return len(line) <= 160 and not line.endswith(SENTENCE_END) and not CAPTION.search(line)


class ChinaDailyReader:
    name = "chinadaily"

    def sniff(self, text: str) -> float:
        head = text[:3000].splitlines()[:15]
        score = 0.0
        if any(BYLINE_LINE.match(normalise_space(line)) for line in head):
            score += 0.6
        if "China Daily" in text[:3000] or "chinadaily.com.cn" in text:
            score += 0.2
        if CAPTION.search(text):
            score += 0.1
        if any(CONTACT.match(line.strip()) for line in text.splitlines()[-40:]):
            score += 0.1
        return min(score, 1.0)

    def read(self, path: str, text: str, sha256: str) -> RawArticle:
        article = RawArticle(path=path, sha256=sha256, reader=self.name, title=None, published=None,
                             publisher=PUBLISHER)
        body: list[tuple[int, str]] = []
        state = "head"
        after_byline = False
        for lineno, block in blocks(text.split("\n")):
            line = normalise_space(block)
            if state == "head":
                if BREADCRUMB.match(line) or line in CHROME_LINES:
                    continue
                match = BYLINE_LINE.match(line)
                if match:
                    self._byline_line(article, match, lineno)
                    state, after_byline = "body", True
                    continue
                if article.title is None:
                    article.title = line
                    article.line_of["title"] = lineno
                    continue
                if is_subheadline(line):
                    continue  # sub-headline above the byline line
                state = "body"  # no byline line: the rest is body
            if state == "body":
                if CONTACT.match(line) or END_MARKERS.match(line):
                    state = "chrome"
                    continue
                if CAPTION.search(line) or line in CHROME_LINES:
                    continue
                if after_byline and not body and is_subheadline(line):
                    after_byline = False
                    continue  # sub-headline under the byline line
                after_byline = False
                body.append((lineno, line))
        set_body(article, body)
        if article.paragraphs and article.published:
            article.dateline = find_any_dateline(article.paragraphs[0], article.published, bare=True)
        return article

    def _byline_line(self, article: RawArticle, match: re.Match[str], lineno: int) -> None:
        source = normalise_space(match.group("source"))
        if source.startswith("By "):  # "By Xinhua | Updated: ...": an agency, not a writer
            source = source[3:].strip()
        article.agency = "China Daily" if source.lower() in ("china daily", "chinadaily.com.cn") else source
        if match.group("byline"):
            article.byline = split_byline(match.group("byline"))
            article.line_of["byline"] = lineno
        moment = parse_moment(f"{match.group('date')} {match.group('time')}", ("%Y-%m-%d %H:%M",))
        if moment is None:  # an impossible date or time: left to the sidecar
            return
        article.published = iso_minutes(moment, OFFSET)
        article.line_of["published"] = lineno
