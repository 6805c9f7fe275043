"""Wire copy in TREC/LDC SGML, as in the AQUAINT and DUC corpora.

The shape::

    <DOC>
    <DOCNO> XIE20000817.0001 </DOCNO>          <- source prefix: XIE/XIN Xinhua, APW/AP AP, NYT New York Times
    <DOCTYPE> NEWS STORY </DOCTYPE>            <- anything else (ADVIS, ...) is not an article
    <DATE_TIME> 2000-08-17 06:45 </DATE_TIME>  <- or 09/11/1998 06:45:00 (APW), or <DATE>
    <HEADER> ... BC-WARMUP-LUNCH-NYT &LR; ... </HEADER>
    <BODY>
    <SLUG> BC-WARMUP-LUNCH-NYT </SLUG>
    <HEADLINE> ... </HEADLINE>                 <- or <HEAD>
    <TEXT>
    <P> MOSCOW, August 17 (Xinhua) -- ... </P>
    </TEXT>
    <TRAILER> NYT-06-01-98 0001EDT &QL; </TRAILER>
    </BODY>
    </DOC>

Choices:

* **One story per file.** A file holding several ``<DOC>`` elements is an
  InputError naming the line of the second one ("split it, one <DOC> per
  file"): the archive's ids, sources and checksums are per file.
  :func:`split_docs` gives each ``<DOC>`` with its line, for a splitter.
* **Time zones.** The corpora give ``DATE_TIME`` without a zone and LDC does
  not document one for Xinhua or AP, so ``published`` is a full ISO time with
  no offset (``2000-08-17T06:45:00``). The one exception is the New York
  Times News Service, whose trailer states the zone ("NYT-06-01-98
  0001EDT"): when the trailer's time is the ``DATE_TIME``'s, the offset is
  the trailer's (EDT ``-04:00``, EST ``-05:00``).
* **Dates** this reader does not know (``<DATE>January 1, 1989, Sunday</DATE>``)
  leave ``published`` unset: the extract stage then asks for ``published:`` in
  the ``.meta.yml`` sidecar, which is applied after the reader.
* **Agency and publisher** come from the DOCNO prefix (XIE/XIN: Xinhua,
  Xinhua News Agency; APW/AP: AP, Associated Press; NYT: New York Times,
  New York Times News Service), else the agency from the dateline. A story
  the NYT News Service carries for another paper or service names it in a
  copyright line ("c. 1999 Cox News Service", "c.1999 The Boston Globe"):
  that is the agency, the NYT News Service stays the publisher; without such
  a line, the slug's suffix (``-COX``, ``-BOS``, ``-HOU``) names it.
* **Wire markup is stripped**: the NYT codes ``&QL; &HT; &UR; &LR;`` (and any
  other ``&Code;`` that is not ``&AMP; &LT; &GT;``), slugs (``BC-...-NYT``),
  copyright lines ("c.1998 N.Y. Times News Service"), editors' notes in
  parentheses ("(STORY CAN END HERE. OPTIONAL 2 GRAFS FOLLOW)", "(BEGIN
  OPTIONAL TRIM)"), AP "Eds:" notes and end marks ("(END)", "ENDS").
  TeX-style quotes become typographic: ````...''`` -> “...”, ```...'`` -> ‘...’.
* **Bylines**: "By NAME, Associated Press Writer", "BY NAME", "By NAME AP
  Sports Writer", "By A and B", in the HEADLINE, the BYLINE element, between
  the headline and the text (NYT), in the text before its first ``<P>`` or
  as its first paragraph, give ``byline: [Name, ...]`` in title case.
* **Headlines**: a HEADLINE that holds only wire codes (``&HT; &HT;``) takes
  the first line after it that is not a byline, a copyright or a desk code.
* **News digests** (Xinhua summaries): the item separators ("- - - -"), each
  item's slug ("(Topic-Subtopic 1st Ld Writethru)") and the transmission
  lines ("19/11/98 21:36 GMT") are dropped; the items stay apart, one
  paragraph or more each, and the first item's dateline is the digest's.
* **Not articles** (:class:`NotAnArticle`, one line naming why): a DOCTYPE
  other than NEWS STORY, a news advisory, an "EDITORS:" note, a budget, the
  first part of a multi-part story (ends "(MORE)") and its continuations
  (headline ends "(2)", "(3)", ...).
"""

from __future__ import annotations

import re
from datetime import datetime

from ..diagnostics import InputError, NotAnArticle
from ..records import RawArticle
from .common import byline_names, dateline_agency, find_any_dateline, iso_minutes, normalise_space, set_body

SOURCES = {  # DOCNO prefix -> (agency, publisher)
    "XIE": ("Xinhua", "Xinhua News Agency"),
    "XIN": ("Xinhua", "Xinhua News Agency"),
    "APW": ("AP", "Associated Press"),
    "AP": ("AP", "Associated Press"),
    "NYT": ("New York Times", "New York Times News Service"),
}
ZONES = {"EDT": "-04:00", "EST": "-05:00"}
ARTICLE_DOCTYPES = {"NEWS STORY", "NEWS", "STORY"}

DOC_OPEN = re.compile(r"<DOC(?:\s[^>]*)?>", re.I)
WIRE_CODE = re.compile(r"&(?!(?:AMP|LT|GT);)[A-Za-z][A-Za-z0-9]*;", re.I)
TAG = re.compile(r"<[^>]*>")
NOTE = re.compile(r"^\(\s*(?:STORY CAN END HERE|OPTIONAL|BEGIN OPTIONAL|END OPTIONAL|ATTN|EDS?\b|"
                  r"EDITORS? NOTE|NYT|FOR USE|RELEASE|UPDATES|CORRECTS)[^()]*\)\.?$", re.I)
AP_EDS = re.compile(r"^Eds?:\s")
SLUG_LINE = re.compile(r"^BC-[\w&'-]+(?:\s.*)?$")
COPYRIGHT = re.compile(r"^(?:c\.|\(c\)|©)\s?\d{4}\b.*$", re.I)
END_MARK = re.compile(r"^\(?(?:END|ENDS|ENDITEM|END ITEM)\)?\.?$|^NYT-\d\d-\d\d-\d\d\s+\d{4}\w{3}$", re.I)
MORE = re.compile(r"\(\s*MORE\s*\)\s*$", re.I)
CONTINUATION = re.compile(r"\(\s*(?P<part>[2-9]|1\d)\s*\)\s*$")
BYLINE = re.compile(r"^[Bb][Yy]\s+(?P<name>[A-Z][^,=()]{1,120}?)(?:\s*[,=]?\s*(?:(?:The\s+)?Associated Press"
                    r"(?:\s+[\w ]*Writers?)?|AP\s+[\w ]*Writers?))?\s*=?$")
AGENCY_LINE = re.compile(r"^(?:(?:The\s+)?Associated Press|AP)\s+[\w ]*Writers?=?$")
#: "c. 1999 Cox News Service": the paper or service a NYT News Service story comes from
SYNDICATION = re.compile(r"^(?:c\.|\(c\)|©)\s?\d{4}\s+(?P<who>[^()]{2,80}?)\.?$", re.I)
NYT_ITSELF = re.compile(r"\b(?:N\.?\s?Y\.?|New York)\s+Times\b", re.I)
#: slug suffixes of papers the NYT News Service carries, when no copyright line names them
SLUG_SOURCES = {"COX": "Cox News Service", "BOS": "Boston Globe", "HOU": "Houston Chronicle"}
#: a desk code in parentheses between the headline and the text: "(tk)", "(rk)"
DESK_CODE = re.compile(r"^\(\w{1,4}\)$")
# news digests (Xinhua summaries): items apart by "- - - -", each ending in a slug
# "(Topic-Subtopic 1st Ld Writethru)", then a transmission line "19/11/98 21:36 GMT"
SEPARATOR = re.compile(r"^(?:-\s*){3,}$")
ITEM_SLUG = re.compile(r"\s*\((?:[A-Z][A-Za-z]*-)+[A-Z][A-Za-z]*(?:\s+\d+(?:st|nd|rd|th)\s+Ld)?(?:\s+Writethru)?\)$")
TRANSMISSION = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:GMT|UTC))?$")
ADVISORY = re.compile(r"\bNEWS ADVISORY\b|^ADVISORY\b|^EDITORS:|\b(?:NEWS SERVICE|NYT|NYTNS|AP|APW)"
                      r"(?:\s+\w+)?\s+BUDGET\b", re.I)
# slugs of budgets: BC-NYT-BUDGET, BC-NYTNS-BUDGET, BC-APW-BUDGET, BC-AM-BUDGET-NYT
BUDGET_SLUG = re.compile(r"\b(?:NYT|NYTNS|APW?|AM|PM|A\.M\.|P\.M\.|WKND|WEEKEND|SPORTS|XINHUA)-BUDGET\b", re.I)
TRAILER_TIME = re.compile(r"(?P<hhmm>\d{4})(?P<zone>[A-Z]{3})\b")


def line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def split_docs(text: str) -> list[tuple[int, str]]:
    """Each ``<DOC>...</DOC>`` in the file, with the line it starts on."""
    starts = [m.start() for m in DOC_OPEN.finditer(text)]
    return [(line_at(text, s), text[s: (starts[i + 1] if i + 1 < len(starts) else len(text))])
            for i, s in enumerate(starts)]


def clean(text: str) -> str:
    """Wire codes out, TeX quotes made typographic, entities decoded, spaces collapsed."""
    text = WIRE_CODE.sub(" ", re.sub(r"\s*\n\s*", " ", text))
    text = text.replace("``", "\u201c").replace("''", "\u201d").replace("`", "\u2018")
    text = re.sub(r"(?<=\u2018)([^'\u2018]*?)'", "\\1\u2019", text)
    text = re.sub(r"&AMP;", "&", text, flags=re.I)
    text = re.sub(r"&LT;", "<", text, flags=re.I)
    text = re.sub(r"&GT;", ">", text, flags=re.I)
    return normalise_space(text)


class Element:
    """One SGML element's content and the line its content starts on."""

    __slots__ = ("text", "line", "start")

    def __init__(self, text: str, line: int, start: int):
        self.text, self.line, self.start = text, line, start


def element(doc: str, names: tuple[str, ...], base: int) -> Element | None:
    for name in names:
        match = re.search(rf"<{name}(?:\s[^>]*)?>(.*?)</{name}\s*>", doc, re.S | re.I)
        if match:
            content = match.group(1)
            lead = len(content) - len(content.lstrip())
            return Element(content, base + line_at(doc, match.start(1) + lead) - 1, match.start(1))
    return None


def attribute(doc: str, name: str) -> str | None:
    match = re.match(rf"<DOC\b[^>]*\b{name}\s*=\s*\"([^\"]*)\"", doc, re.I)
    return match.group(1) if match else None


def raw_paragraphs(text_el: Element, doc: str, base: int) -> list[tuple[int, str]]:
    """(line, raw text) of each paragraph in <TEXT>: <P> elements, else blank-line/indent blocks."""
    found: list[tuple[int, str]] = []
    if re.search(r"<P\b", text_el.text, re.I):
        for match in re.finditer(r"<P\b[^>]*>(.*?)(?=</P\s*>|<P\b|$)", text_el.text, re.S | re.I):
            content = match.group(1)
            if not content.strip():
                continue
            lead = len(content) - len(content.lstrip())
            found.append((base + line_at(doc, text_el.start + match.start(1) + lead) - 1, content))
        return found
    first = text_el.line - (text_el.text[: len(text_el.text) - len(text_el.text.lstrip())].count("\n"))
    start: int | None = None
    parts: list[str] = []
    for number, line in enumerate(text_el.text.split("\n"), start=first):
        new_para = not line.strip() or line.startswith(("\t", "   ")) or line.lstrip().startswith("&HT;")
        if new_para and start is not None:
            found.append((start, " ".join(parts)))
            start, parts = None, []
        if line.strip():
            if start is None:
                start = number
            parts.append(line)
    if start is not None:
        found.append((start, " ".join(parts)))
    return found


def front_lines(doc: str, base: int, headline: Element | None, text_el: Element | None) -> list[tuple[int, str]]:
    """(line, cleaned text) of the lines between the headline and the first paragraph: after
    </HEADLINE> and before <TEXT>, and inside <TEXT> before its first <P> (NYT copy prints the
    byline and the syndicating source there)."""
    spans: list[tuple[int, int]] = []
    if headline is not None and text_el is not None:
        close = doc.find(">", headline.start + len(headline.text)) + 1  # after </HEADLINE>
        opening = doc.rfind("<", 0, text_el.start)
        if 0 < close <= opening:
            spans.append((close, opening))
    if text_el is not None and re.search(r"<P\b", text_el.text, re.I):
        first_p = re.search(r"<P\b", text_el.text, re.I).start()
        spans.append((text_el.start, text_el.start + first_p))
    found: list[tuple[int, str]] = []
    for start, stop in spans:
        offset = start
        for piece in doc[start:stop].split("\n"):
            line = clean(TAG.sub(" ", piece))
            if line:
                found.append((base + line_at(doc, offset) - 1, line))
            offset += len(piece) + 1
    return found


def _headline_like(line: str) -> bool:
    """A short line with no sentence end and no dateline: a headline printed as the first line."""
    return len(line) <= 160 and not line.rstrip().endswith((".", "\u201d", '"', ":")) and " _ " not in line \
        and " -- " not in line


def parse_time(value: str) -> datetime | None:
    value = normalise_space(value)
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%Y%m%d %H:%M",
                "%Y-%m-%d", "%m/%d/%Y", "%y%m%d"):
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


class TrecReader:
    name = "trec"

    def sniff(self, text: str) -> float:
        head = text.lstrip()[:4000]
        score = 0.0
        if DOC_OPEN.match(head):
            score += 0.5
        if re.search(r"<DOCNO>", head, re.I):
            score += 0.3
        if re.search(r"<(?:TEXT|HEADLINE|DATE_TIME)>", head, re.I):
            score += 0.2
        return min(score, 1.0)

    def read(self, path: str, text: str, sha256: str) -> RawArticle:
        docs = split_docs(text)
        if not docs:
            raise InputError(path, "no <DOC> element found", line=1,
                             fix="wrap the story in <DOC>...</DOC> or choose another --reader")
        if len(docs) > 1:
            raise InputError(path, f"the file holds {len(docs)} <DOC> stories; the archive keeps one per file",
                             line=docs[1][0], fix="split it into one file per <DOC>...</DOC>")
        base, doc = docs[0]
        article = RawArticle(path=path, sha256=sha256, reader=self.name, title=None, published=None)
        docno = element(doc, ("DOCNO",), base)
        number = normalise_space(docno.text) if docno else (attribute(doc, "id") or "")
        prefix = re.match(r"[A-Z]+", number.upper())
        known = SOURCES.get(prefix.group(0)) if prefix else None
        if known is None and prefix and "_" in number:  # AQUAINT-2 ids: XIN_ENG_20000817.0001
            known = SOURCES.get(number.split("_", 1)[0].upper())
        if known:
            article.agency, article.publisher = known
        self._check_doctype(doc, base, path)
        self._published(article, doc, base, path)
        slug = element(doc, ("SLUG",), base)
        headline = element(doc, ("HEADLINE", "HEAD"), base)
        if headline:
            self._headline(article, headline)
        if slug and (BUDGET_SLUG.search(clean(slug.text)) or "ADVISORY" in clean(slug.text).upper()):
            raise NotAnArticle(path, f"a wire budget or advisory (slug {clean(slug.text)!r})", line=slug.line)
        if article.title and ADVISORY.search(article.title):
            raise NotAnArticle(path, f"a wire advisory or budget (headline {article.title!r})",
                               line=article.line_of["title"])
        if article.title and CONTINUATION.search(article.title):
            part = CONTINUATION.search(article.title).group("part")
            raise NotAnArticle(path, f"part {part} of a multi-part wire story (headline ends '({part})')",
                               line=article.line_of["title"],
                               fix="join the parts into one <DOC> in one file, or leave them out")
        byline_el = element(doc, ("BYLINE",), base)
        if byline_el:
            self._byline(article, clean(byline_el.text), byline_el.line)
        text_el = element(doc, ("TEXT",), base)
        for lineno, line in front_lines(doc, base, headline, text_el):
            self._front_line(article, line, lineno)
        body = self._body(article, raw_paragraphs(text_el, doc, base) if text_el else [], path)
        if article.title is None and body and _headline_like(body[0][1]):
            lineno, line = body.pop(0)  # the headline printed as the text's first line
            article.title, article.line_of["title"] = line, lineno
        set_body(article, body)
        if article.publisher == SOURCES["NYT"][1] and article.agency == SOURCES["NYT"][0] and slug:
            suffix = clean(slug.text).rsplit("-", 1)[-1].upper()
            if "agency" not in article.line_of:  # no copyright line named the source
                article.agency = SLUG_SOURCES.get(suffix, article.agency)
        if article.paragraphs:
            if article.published:
                article.dateline = find_any_dateline(article.paragraphs[0], article.published, underscore=True)
            if article.agency is None:
                article.agency = dateline_agency(article.paragraphs[0])
        self._zone(article, doc)
        return article

    def _check_doctype(self, doc: str, base: int, path: str) -> None:
        doctype = element(doc, ("DOCTYPE",), base)
        value = normalise_space(doctype.text).upper() if doctype else (attribute(doc, "type") or "").upper()
        if value and value not in ARTICLE_DOCTYPES:
            kind = "advisory" if value.startswith("ADVIS") else value.lower()
            raise NotAnArticle(path, f"a wire {kind} (DOCTYPE {value})",
                               line=doctype.line if doctype else base)

    def _published(self, article: RawArticle, doc: str, base: int, path: str) -> None:
        stamp = element(doc, ("DATE_TIME", "DATE"), base)
        if stamp is None:
            return
        moment = parse_time(stamp.text)
        if moment is None:
            # e.g. "January 1, 1989, Sunday, Home Edition": left unset, so the extract stage asks
            # for 'published:' in the sidecar (a sidecar cannot correct a reader's error)
            return
        article.published = iso_minutes(moment, None)
        article.line_of["published"] = stamp.line

    def _headline(self, article: RawArticle, headline: Element) -> None:
        lines = [(headline.line + i, clean(line)) for i, line in enumerate(headline.text.strip().split("\n"))]
        kept: list[tuple[int, str]] = []
        for lineno, line in lines:
            if not line:
                continue
            match = BYLINE.match(line)
            if match and (kept or match.group("name").isupper()):
                self._byline(article, line, lineno)
            elif AGENCY_LINE.match(line) or DESK_CODE.match(line):
                continue
            elif SYNDICATION.match(line):
                self._syndication(article, line, lineno)
            else:
                kept.append((lineno, line))
        if kept:
            article.title = " ".join(line for _, line in kept)
            article.line_of["title"] = kept[0][0]

    def _front_line(self, article: RawArticle, line: str, lineno: int) -> None:
        """A line between the headline and the text's first paragraph: byline, source, or the
        headline itself when the HEADLINE element held only wire codes."""
        if not line or DESK_CODE.match(line) or NOTE.match(line) or AGENCY_LINE.match(line) \
                or SLUG_LINE.match(line) or END_MARK.match(line):
            return
        if BYLINE.match(line) and len(line) < 130:
            self._byline(article, line, lineno)
        elif SYNDICATION.match(line):
            self._syndication(article, line, lineno)
        elif article.title is None:
            article.title, article.line_of["title"] = line, lineno

    def _syndication(self, article: RawArticle, line: str, lineno: int) -> None:
        """'c. 1999 Cox News Service': the agency of a story the NYT News Service carries."""
        match = SYNDICATION.match(line)
        if not match or article.publisher != SOURCES["NYT"][1]:
            return
        who = normalise_space(match.group("who"))
        if who[:4].lower() == "the ":
            who = who[4:]
        article.line_of["agency"] = lineno
        article.agency = SOURCES["NYT"][0] if NYT_ITSELF.search(who) else who

    def _byline(self, article: RawArticle, line: str, lineno: int) -> None:
        match = BYLINE.match(line)
        if match and article.byline is None:
            article.byline = byline_names(match.group("name"))
            article.line_of["byline"] = lineno

    def _body(self, article: RawArticle, found: list[tuple[int, str]], path: str) -> list[tuple[int, str]]:
        body: list[tuple[int, str]] = []
        for lineno, raw in found:
            para = clean(TAG.sub(" ", raw))
            if COPYRIGHT.match(para) and not body:
                self._syndication(article, para, lineno)
            if not para or NOTE.match(para) or SLUG_LINE.match(para) or COPYRIGHT.match(para) \
                    or END_MARK.match(para) or AGENCY_LINE.match(para) or (AP_EDS.match(para) and not body) \
                    or SEPARATOR.match(para) or TRANSMISSION.match(para):
                continue
            para = ITEM_SLUG.sub("", para)
            if not body and BYLINE.match(para) and len(para) < 130:
                self._byline(article, para, lineno)
                continue
            if not body and para.startswith("EDITORS:"):
                raise NotAnArticle(path, "a note to editors (starts 'EDITORS:')", line=lineno)
            body.append((lineno, para))
        if body and MORE.search(body[-1][1]):
            raise NotAnArticle(path, "part 1 of a multi-part wire story (ends '(MORE)')", line=body[-1][0],
                               fix="join the parts into one <DOC> in one file, or leave them out")
        return body

    def _zone(self, article: RawArticle, doc: str) -> None:
        """The NYT trailer's zone, when the trailer's time is the DATE_TIME's."""
        trailer = element(doc, ("TRAILER",), 0)
        if not (trailer and article.published and article.publisher == SOURCES["NYT"][1]):
            return
        match = TRAILER_TIME.search(clean(trailer.text))
        if match and match.group("zone") in ZONES and \
                article.published[11:16].replace(":", "") == match.group("hhmm"):
            article.published += ZONES[match.group("zone")]
