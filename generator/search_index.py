"""The offline search index: search that works when the site is opened from disk.

Pagefind loads its modules, worker and index with ``fetch``, which browsers
refuse for ``file://`` pages. This index is loaded with ``<script>`` tags
instead (JSONP style: every file calls the global ``newsarchiveSearch``), and
split so that a query loads only what it needs:

``site/search-offline/``

- ``meta.js``: counts, the shard and chunk lists (so the browser never asks
  for a missing file), the term rules.
- ``terms/<key>.js``: one shard per two-character term prefix (``co.js``
  holds ``covid``, ``cooperation``...): term -> postings, a flat list
  ``[doc delta, weight, doc delta, weight, ...]``. The weight is the BM25 term
  frequency part, times 100, rounded; the browser multiplies it by the term's
  idf. Words count as Pagefind counts them: a heading's words by its level's
  weight (h1 7, h2 6, ... h6 2), others 1, and an element's
  ``data-pagefind-weight`` replaces that for its text (entity pages weigh
  their name and aliases 0.01, so an article that matches ranks above them). Terms are lower case, without
  accents, plurals made singular (:func:`stem`).
- ``docs/<n>.js``: document metadata in chunks of :data:`CHUNK` documents:
  ``[url, title, type, date, teaser]``. Document numbers follow the date sort
  key, newest first, then the undated pages (``meta.dated`` counts the dated
  ones), so "newest first" is document order and "oldest first" is the dated
  ones reversed, then the undated: no page drops out of a date sort.
- ``text/<n>.js``: the documents' indexed text, whitespace collapsed, in
  chunks of :data:`TEXT_CHUNK` documents (a page's text weighs more than its
  metadata), loaded only for a query's shown results, so that their excerpt
  is the passage that matches (as Pagefind's fragments give it), not the teaser.
- ``filters.js``: the search filters (Pagefind's ``data-pagefind-filter``
  values): for each filter name, its values with the number of documents,
  most documents first; ``filters/<n>.js``: the documents of each value of
  the n-th name (doc deltas, as postings), loaded when a value is chosen.

The source is the built HTML: the pages :data:`INDEXED` names (the article
pages and each entity's first page, the only ones with ``data-pagefind-body``;
Pagefind is given the same files, see ``pagefind_glob``), the text of that
element outside ``data-pagefind-ignore``, its ``data-pagefind-meta`` and
``data-pagefind-sort`` values (the ``newest`` key; :data:`UNDATED` is no date). Page length counts as Pagefind's
``pageLength: 0.3`` does (:data:`B`; overrides/assets/javascripts/search-engines.js
sets the same for Pagefind), and the title meta adds nothing beyond the
heading's own weight (``metaWeights: {title: 0}`` there). The output is
deterministic: same pages, same bytes.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

OUT_DIR = "search-offline"
CALLBACK = "newsarchiveSearch"
FORMAT = 3  # 2: filters; 3: text/<n>.js
PREFIX = 2  # term shards by the first PREFIX characters
CHUNK = 32  # documents per metadata chunk
TEXT_CHUNK = 8  # documents per text chunk (ten results load about ten of them: ~4 KB of text a page)
TEASER = 220  # characters of the first paragraph kept as the result excerpt
MIN_TERM, MAX_TERM = 2, 40
K1, B = 1.2, 0.3
#: Pagefind's default weights of heading words; other text weighs 1
HEADING_WEIGHTS = {"h1": 7.0, "h2": 6.0, "h3": 5.0, "h4": 4.0, "h5": 3.0, "h6": 2.0}
#: what is indexed, as globs relative to the site (the only pages with data-pagefind-body)
INDEXED = ("articles/*.html", "entities/*/index.html")
#: the ``newest`` sort key of a page without a date (overrides/article.html,
#: entity.html): last when sorting newest first; ``oldest`` has 9999-99-99, last oldest first
UNDATED = "0000-00-00"

_WORD = re.compile(r"[^\W_]+")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SKIP = frozenset(("script", "style", "template", "noscript"))


def normalise(text: str) -> str:
    """Lower case, accents removed (NFKD without combining marks): what the browser does too."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def stem(word: str) -> str:
    """Plural to singular, Harman's "S" stemmer (``ministers`` -> ``minister``,
    ``studies`` -> ``study``); search-text.js applies the same rule to queries."""
    if len(word) > 3 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """Index terms of ``text``: runs of letters and digits, 2 to 40 characters, stemmed."""
    return [stem(t) for t in _WORD.findall(normalise(text)) if MIN_TERM <= len(t) <= MAX_TERM]


def shard_key(term: str) -> str:
    """File name (without .js) of the shard holding ``term``: its first
    :data:`PREFIX` characters, each a-z/0-9 as is, anything else as ``_<hex>``."""
    return "".join(c if ("a" <= c <= "z" or "0" <= c <= "9") else f"_{ord(c):x}" for c in term[:PREFIX])


@dataclass(slots=True)
class Page:
    url: str  # site-relative (articles/<id>.html, entities/<id>/index.html)
    title: str = ""
    type: str = ""
    date: str = ""
    sort: str = ""
    teaser: str = ""
    text: list[tuple[str, float]] = field(default_factory=list)  # (text, weight of its words)
    filters: dict[str, set[str]] = field(default_factory=dict)  # filter name -> its values on this page


class _PageParser(HTMLParser):
    """Collects the text inside ``data-pagefind-body`` (minus ``data-pagefind-ignore``
    subtrees), the Pagefind meta and sort values, the first paragraph and the h1."""

    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[str] = []  # open elements inside the body
        self.weights: list[float] = []  # the word weight inside each open element
        self.body_depth: int | None = None
        self.ignore_depth: int | None = None
        self.skip_depth: int | None = None
        self.h1_depth: int | None = None
        self.para_depth: int | None = None  # collecting the teaser paragraph
        self.para: list[str] = []
        self.first_p: str | None = None
        self.p1: str | None = None
        self.para_is_p1 = False
        self.h1: list[str] = []
        self.found = False  # saw the data-pagefind-body element
        self.filter_text: list[tuple[str, int, list[str]]] = []  # data-pagefind-filter="name": the element's text

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self._values(a)
        if self.body_depth is None:
            if "data-pagefind-body" in a and tag not in _VOID:
                self.body_depth, self.found = 0, True
                self.stack = [tag]
                self.weights = [_weight(a, tag, 1.0)]
            return
        if tag in _VOID:
            return
        self.stack.append(tag)
        self.weights.append(_weight(a, tag, self.weights[-1]))
        depth = len(self.stack)
        for name in _bare_filters(a.get("data-pagefind-filter")):
            self.filter_text.append((name, depth, []))
        if self.ignore_depth is None and "data-pagefind-ignore" in a:
            self.ignore_depth = depth
        if self.skip_depth is None and tag in _SKIP:
            self.skip_depth = depth
        if tag == "h1" and self.h1_depth is None and not self.h1:
            self.h1_depth = depth
        if tag == "p" and self.para_depth is None and self.p1 is None:
            self.para_depth, self.para, self.para_is_p1 = depth, [], a.get("id") == "p1"

    def handle_startendtag(self, tag, attrs):
        self._values(dict(attrs))

    def handle_endtag(self, tag):
        if self.body_depth is None or tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            depth = len(self.stack)
            for name in ("ignore_depth", "skip_depth", "h1_depth"):
                if getattr(self, name) == depth:
                    setattr(self, name, None)
            while self.filter_text and self.filter_text[-1][1] == depth:
                name, _depth, parts = self.filter_text.pop()
                self._filter(name, "".join(parts))
            if self.para_depth == depth:
                text = " ".join("".join(self.para).split())
                if self.para_is_p1:
                    self.p1 = text
                elif self.first_p is None and text:
                    self.first_p = text
                self.para_depth = None
            self.weights.pop()
            if self.stack.pop() == tag:
                break
        if not self.stack:
            self.body_depth = None
            self.page.text.append((" ", 1.0))

    def handle_data(self, data):
        for _name, _depth, parts in self.filter_text:
            parts.append(data)
        if self.body_depth is None or self.ignore_depth is not None or self.skip_depth is not None:
            return
        if self.h1_depth is not None:
            self.h1.append(data)
        self.page.text.append((data, self.weights[-1]))
        if self.para_depth is not None:
            self.para.append(data)

    def _values(self, a: dict) -> None:
        for key, value in _pairs(a.get("data-pagefind-meta"), a):
            self._meta(key, value.strip())
        for name, value in _pairs(a.get("data-pagefind-filter"), a):
            self._filter(name, value)
        for key, value in _pairs(a.get("data-pagefind-sort"), a):
            if key in ("newest", "date") and value.strip() != UNDATED:
                self.page.sort = value.strip()

    def _filter(self, name: str, value: str) -> None:
        value = " ".join(value.split())
        if name and value:
            self.page.filters.setdefault(name, set()).add(value)

    def _meta(self, key: str, value: str) -> None:
        if key in ("title", "type", "date") and not getattr(self.page, key):
            setattr(self.page, key, " ".join(value.split()))

    def finish(self) -> Page:
        page = self.page
        heading = " ".join("".join(self.h1).split())
        page.title = page.title or heading
        teaser = self.p1 if self.p1 is not None else (self.first_p or "")
        if len(teaser) > TEASER:
            cut = teaser.rfind(" ", 0, TEASER)
            teaser = teaser[: cut if cut > TEASER // 2 else TEASER].rstrip(" ,;:") + " …"
        page.teaser = teaser
        return page


def _weight(attrs: dict, tag: str, inherited: float) -> float:
    """The weight of an element's words: its data-pagefind-weight, else its heading level's, else its parent's."""
    given = attrs.get("data-pagefind-weight")
    if given is not None:
        try:
            return min(10.0, max(0.0, float(given)))
        except ValueError:
            return inherited
    return HEADING_WEIGHTS.get(tag, inherited)


def _pairs(spec: str | None, attributes: dict) -> list[tuple[str, str]]:
    """The (key, value) pairs of a ``data-pagefind-meta`` or ``-filter`` value:
    ``title[content]`` takes the element's ``content`` attribute, ``type:article`` is literal."""
    found = []
    for part in (spec or "").split(","):
        part = part.strip()
        m = re.fullmatch(r"([\w-]+)\[([\w-]+)\]", part)
        if m:
            found.append((m.group(1), attributes.get(m.group(2)) or ""))
        elif ":" in part:
            key, _, value = part.partition(":")
            found.append((key.strip(), value))
    return found


def _bare_filters(spec: str | None) -> list[str]:
    """The names in ``data-pagefind-filter`` that take the element's text (``note_kind``, not ``year[content]``)."""
    return [p.strip() for p in (spec or "").split(",") if p.strip() and "[" not in p and ":" not in p]


def read_page(path: Path, url: str) -> Page | None:
    """The searchable content of one built page, or None when it has no ``data-pagefind-body``."""
    html = path.read_text(encoding="utf-8", errors="replace")
    at = html.find("data-pagefind-body")
    if at < 0:
        return None
    parser = _PageParser(Page(url=url))
    # Material's chrome before the body holds no meta values: parse from the body's tag.
    head_meta = html[:at]
    start = head_meta.rfind("<")
    parser.feed(html[start:])
    parser.close()
    return parser.finish() if parser.found else None


def collect_pages(site_dir: Path) -> list[Page]:
    """Every page of :data:`INDEXED` with ``data-pagefind-body``, newest first
    (pages without a date last, by URL)."""
    site_dir = Path(site_dir)
    pages = []
    for path in sorted({p for pattern in INDEXED for p in site_dir.glob(pattern)}):
        rel = path.relative_to(site_dir).as_posix()
        page = read_page(path, rel)
        if page is not None:
            pages.append(page)
    dated = sorted(sorted((p for p in pages if p.sort), key=lambda p: p.url),
                   key=lambda p: p.sort, reverse=True)  # stable: the same date keeps URL order
    return dated + sorted((p for p in pages if not p.sort), key=lambda p: p.url)


@dataclass(slots=True, frozen=True)
class OfflineIndex:
    out_dir: Path
    docs: int
    terms: int
    shards: int
    bytes: int


def _js(payload: dict) -> bytes:
    text = json.dumps(payload, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    return f"{CALLBACK}({text});\n".encode("ascii")


def _runs(pieces: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Adjacent text nodes of one weight, joined by spaces."""
    runs: list[tuple[list[str], float]] = []
    for text, weight in pieces:
        if runs and runs[-1][1] == weight:
            runs[-1][0].append(text)
        else:
            runs.append(([text], weight))
    return [(" ".join(texts), weight) for texts, weight in runs]


def pagefind_glob() -> str:
    """:data:`INDEXED` as Pagefind's ``--glob``."""
    return "{" + ",".join(INDEXED) + "}"


def build_index(pages: list[Page]) -> dict[str, bytes]:
    """The index files (path relative to ``search-offline/`` -> bytes)."""
    counts: list[Counter] = []
    lengths: list[int] = []
    for page in pages:
        tf: Counter = Counter()
        length = 0
        for text, weight in _runs(page.text):
            found = terms(text)
            length += len(found)
            for term in found:
                tf[term] += weight
        counts.append(tf)
        lengths.append(length)
    avgdl = max(1.0, sum(lengths) / len(lengths)) if lengths else 1.0
    postings: dict[str, list[int]] = defaultdict(list)
    last: dict[str, int] = {}
    for doc, tf in enumerate(counts):
        norm = K1 * (1 - B + B * lengths[doc] / avgdl)
        for term in sorted(tf):
            weight = max(1, round(100 * tf[term] * (K1 + 1) / (tf[term] + norm)))
            postings[term] += [doc - last.get(term, 0), weight]
            last[term] = doc
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for term in sorted(postings):
        shards[shard_key(term)][term] = postings[term]
    files = {f"terms/{key}.js": _js({"kind": "terms", "key": key, "terms": shard}) for key, shard in shards.items()}
    chunks = 0
    for n, start in enumerate(range(0, len(pages), CHUNK)):
        rows = [[p.url, p.title, p.type, p.date, p.teaser] for p in pages[start:start + CHUNK]]
        files[f"docs/{n}.js"] = _js({"kind": "docs", "chunk": n, "docs": rows})
        chunks = n + 1
    # the indexed text, for an excerpt around the match (loaded for a query's shown results only)
    for n, start in enumerate(range(0, len(pages), TEXT_CHUNK)):
        texts = [" ".join(" ".join(text for text, _weight in p.text).split()) for p in pages[start:start + TEXT_CHUNK]]
        files[f"text/{n}.js"] = _js({"kind": "text", "chunk": n, "texts": texts})
    names = filter_files(pages, files)
    files["meta.js"] = _js({
        "kind": "meta", "format": FORMAT, "docs": len(pages), "chunk": CHUNK, "chunks": chunks,
        "text_chunk": TEXT_CHUNK,
        "prefix": PREFIX, "min_term": MIN_TERM, "max_term": MAX_TERM, "shards": sorted(shards),
        "filters": names, "dated": sum(1 for p in pages if p.sort),
    })
    return dict(sorted(files.items()))


def filter_files(pages: list[Page], files: dict[str, bytes]) -> list[str]:
    """Add ``filters.js`` and ``filters/<n>.js`` to ``files``; the filter names, in file order."""
    docs: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for doc, page in enumerate(pages):
        for name, values in page.filters.items():
            for value in values:
                docs[name][value].append(doc)
    names = sorted(docs)
    counts = {name: [[value, len(docs[name][value])]
                     for value in sorted(docs[name], key=lambda v: (-len(docs[name][v]), v))] for name in names}
    files["filters.js"] = _js({"kind": "filters", "filters": counts})
    for n, name in enumerate(names):
        postings = {value: [d - (found[i - 1] if i else 0) for i, d in enumerate(found)]
                    for value, found in sorted(docs[name].items())}
        files[f"filters/{n}.js"] = _js({"kind": "filter", "name": name, "docs": postings})
    return names


def write_offline_index(site_dir: Path) -> OfflineIndex:
    """(Re)write ``site_dir/search-offline/`` from the built pages."""
    site_dir = Path(site_dir)
    out = site_dir / OUT_DIR
    pages = collect_pages(site_dir)
    files = build_index(pages)
    if out.exists():
        shutil.rmtree(out)
    for rel, data in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    shards = sum(rel.startswith("terms/") for rel in files)
    n_terms = sum(len(json.loads(data[len(CALLBACK) + 1:-3])["terms"]) for rel, data in files.items()
                  if rel.startswith("terms/"))
    return OfflineIndex(out, docs=len(pages), terms=n_terms, shards=shards,
                        bytes=sum(len(d) for d in files.values()))


def idf(df: int, n: int) -> float:
    """The idf the browser applies (kept here as the reference for tests)."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))
