"""People's Daily Online (English) pages saved as plain text.

The seed's shape::

    Apple News Facebook Twitter ... Sunday, May 17, 2020      <- social links + page date
    <headline>
    (Xinhua)\xa0\xa0\xa0\xa015:51, May 17, 2020                <- source (or "By NAME (SOURCE)") + Beijing time
    BEIJING, May 17 (Xinhua) -- <first paragraph>
    <paragraphs, separated by blank lines>
    (For the latest China news, Please follow People's Daily ...)(Web editor: Zhao Tong, Bianji)
    Add your comment / Related reading / We Recommend / Most Read / Key Words   <- page chrome

People's Daily times are Beijing time (UTC+08:00).
"""

from __future__ import annotations

import re

from ..records import RawArticle
from .common import blocks, byline_names, find_dateline, normalise_space, parse_moment, set_body

PUBLISHER = "People's Daily Online"
OFFSET = "+08:00"

# "(Xinhua)    15:51, May 17, 2020" or "By Li Hongmei (People's Daily Online)    10:44, March 30, 2020"
SOURCE_LINE = re.compile(
    r"^(?:By\s+(?P<byline>[^()]+?)\s*)?\((?P<source>[^()]+)\)[\s\xa0]*"
    r"(?P<time>\d{1,2}:\d{2}),\s*(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},\s*\d{4})\s*$"
)
# "Apple News Facebook Twitter ... Sunday, May 17, 2020": any words, then the page date. (Each word
# is one \S+: listing "Apple News" as an alternative let a line of them backtrack exponentially.)
SOCIAL_LINE = re.compile(
    r"^(?:\S+\s+)*"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+[A-Z][a-z]+\s+\d{1,2},\s+\d{4}\s*$"
)
EDITOR = re.compile(r"\(Web editor:\s*(?P<names>[^()]*)\)")
FOLLOW = re.compile(r"\(For the latest China news,[^()]*\)")
CHROME_LINES = {"Add your comment", "Related reading", "We Recommend", "Most Read", "Key Words"}
CHROME_PREFIXES = tuple(CHROME_LINES)


class PeoplesDailyReader:
    name = "peoplesdaily"

    def sniff(self, text: str) -> float:
        score = 0.0
        if "(Web editor:" in text:
            score += 0.4
        if "People's Daily" in text:
            score += 0.2
        head = text[:2000].splitlines()
        if any(SOURCE_LINE.match(normalise_space(line, keep_nbsp=True)) for line in head[:12]):
            score += 0.3
        if any(line.strip() in CHROME_LINES for line in text.splitlines()[-30:]):
            score += 0.1
        return min(score, 1.0)

    def read(self, path: str, text: str, sha256: str) -> RawArticle:
        lines = text.split("\n")
        found = blocks(lines)  # (first line number, text) of each non-blank line group
        article = RawArticle(path=path, sha256=sha256, reader=self.name, title=None, published=None,
                             publisher=PUBLISHER)
        body: list[tuple[int, str]] = []
        state = "head"
        for lineno, block in found:
            stripped = block.strip()
            if state == "head":
                if SOCIAL_LINE.match(normalise_space(stripped)):
                    continue
                match = SOURCE_LINE.match(stripped)
                if match:
                    self._source_line(article, match, lineno)
                    state = "body"
                    continue
                if article.title is None:
                    article.title = normalise_space(stripped)
                    article.line_of["title"] = lineno
                    continue
                # no source line after the headline: the rest is body
                state = "body"
            if state == "body":
                editors = EDITOR.search(stripped)
                if editors:
                    names = normalise_space(editors.group("names"))
                    article.editors = tuple(n.strip() for n in names.split(",") if n.strip())
                    article.line_of["editors"] = lineno
                if editors or FOLLOW.search(stripped):
                    state = "chrome"
                    continue
                if stripped.startswith(CHROME_PREFIXES) and len(stripped) < 40:
                    state = "chrome"
                    continue
                body.append((lineno, stripped))
        set_body(article, body)
        if article.paragraphs and article.published:
            article.dateline = find_dateline(article.paragraphs[0], article.published)
        return article

    def _source_line(self, article: RawArticle, match: re.Match[str], lineno: int) -> None:
        source = normalise_space(match.group("source"))
        if source != PUBLISHER and "People's Daily" not in source:
            article.agency = source
        else:
            article.agency = "People's Daily"
        if match.group("byline"):
            article.byline = byline_names(match.group("byline"))
        day = normalise_space(match.group("date")).replace(".", "")
        moment = parse_moment(f"{day} {match.group('time')}", ("%B %d, %Y %H:%M", "%b %d, %Y %H:%M"))
        if moment is None:  # an impossible date or time: left to the sidecar
            return
        article.published = moment.isoformat() + OFFSET
        article.line_of["published"] = lineno
