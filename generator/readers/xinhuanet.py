"""Xinhuanet, the Xinhua News Agency's English site, pages saved as plain text.

The shape (often with Windows line endings; ``decode()`` normalises them, the
sha256 stays over the original bytes)::

    <headline>
    Source: Xinhua| 2020-08-17 22:11:14|Editor: huaxia         <- source, Beijing time, editor (optional)
    Video PlayerClose                                          <- page chrome
    SHANGHAI, Aug. 17 (Xinhua) -- <first paragraph>
    <paragraphs, one per line>
    Enditem
    [Editor: Li Yan]  or  Editor: huaxia                        <- footer: editors
    Related: ... / Copyright ... XINHUANET.com ...             <- page chrome

Choices: times are Beijing time (``+08:00``); the source is the agency
(``Xinhua``, or e.g. ``China Daily`` for a story Xinhuanet carries), the
publisher is Xinhuanet; editors from the source line and the footer, in
order, each once. Each non-blank line is one paragraph.
"""

from __future__ import annotations

import re

from ..records import RawArticle
from .common import blocks, find_any_dateline, iso_minutes, normalise_space, parse_moment, set_body

PUBLISHER = "Xinhuanet"
OFFSET = "+08:00"

SOURCE_LINE = re.compile(
    r"^Source:\s*(?P<source>[^|]+?)\s*\|\s*(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"(?:\s*\|\s*Editor:\s*(?P<editors>[^|]*))?\s*\|?\s*$"
)
EDITOR_LINE = re.compile(r"^\[?\s*(?:Responsible\s+)?Editors?\s*:\s*(?P<names>[^\]]+?)\s*\]?\s*$")
ENDITEM = re.compile(r"^(?:Enditem|End item)\.?$", re.I)
CHROME_LINES = {"Video PlayerClose", "Video Player Close", "Close", "Back to Top", "Photos", "Video",
                "Most viewed", "Most Popular", "Share", "Xinhuanet", "XINHUANET"}
END_MARKERS = re.compile(r"^(?:Related:|Related News|Copyright\b|Copyright ©|Back to Top Close)", re.I)


def names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"\s*[,;/]\s*|\s+and\s+", normalise_space(text)) if n.strip()]


class XinhuanetReader:
    name = "xinhuanet"

    def sniff(self, text: str) -> float:
        head = text[:3000].splitlines()[:15]
        score = 0.0
        if any(SOURCE_LINE.match(normalise_space(line)) for line in head):
            score += 0.6
        tail = [line.strip() for line in text.splitlines()[-30:]]
        if any(EDITOR_LINE.match(line) for line in tail):
            score += 0.2
        if "(Xinhua) --" in text[:5000]:
            score += 0.1
        if any(ENDITEM.match(line) for line in tail) or "xinhuanet" in text.lower():
            score += 0.1
        return min(score, 1.0)

    def read(self, path: str, text: str, sha256: str) -> RawArticle:
        article = RawArticle(path=path, sha256=sha256, reader=self.name, title=None, published=None,
                             publisher=PUBLISHER)
        editors: list[str] = []
        body: list[tuple[int, str]] = []
        state = "head"
        for lineno, block in blocks(text.split("\n")):
            line = normalise_space(block)
            if line in CHROME_LINES:
                continue
            editor = EDITOR_LINE.match(line)
            if editor and state != "head":
                editors.extend(names(editor.group("names")))
                article.line_of.setdefault("editors", lineno)
                state = "chrome"
                continue
            if state == "head":
                match = SOURCE_LINE.match(line)
                if match:
                    self._source_line(article, match, lineno, editors)
                    state = "body"
                    continue
                if article.title is None:
                    article.title = line
                    article.line_of["title"] = lineno
                    continue
                state = "body"  # no source line: the rest is body
            if state == "body":
                if ENDITEM.match(line) or END_MARKERS.match(line):
                    state = "chrome"
                    continue
                body.append((lineno, line))
        article.editors = tuple(dict.fromkeys(editors))
        set_body(article, body)
        if article.paragraphs and article.published:
            article.dateline = find_any_dateline(article.paragraphs[0], article.published)
        return article

    def _source_line(self, article: RawArticle, match: re.Match[str], lineno: int, editors: list[str]) -> None:
        article.agency = normalise_space(match.group("source"))
        clock = match.group("time") if match.group("time").count(":") == 2 else match.group("time") + ":00"
        moment = parse_moment(f"{match.group('date')} {clock}", ("%Y-%m-%d %H:%M:%S",))
        if moment is not None:  # an impossible date or time is left to the sidecar
            article.published = iso_minutes(moment, OFFSET)
            article.line_of["published"] = lineno
        if match.group("editors"):
            editors.extend(names(match.group("editors")))
            article.line_of["editors"] = lineno
