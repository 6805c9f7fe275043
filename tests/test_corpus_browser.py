"""The injection corpus (tests/corpus.py) through a real build, every built
page visited in Chromium over http and from disk, the search page searched
with every filter open and each filter value ticked, the header box
searched (issue 11, item 6):

* 0 dialogs, 0 calls of ``na_injected`` (script the corpus would run);
* 0 injected elements: no script, iframe, object, embed, frame, base or
  meta refresh from the text, no on* attribute, no javascript:/data:/
  vbscript: URL, no element with the corpus's id or class, no stylesheet
  or script from another site;
* 0 requests leaving the site, 0 navigations away, 0 page errors;
* 0 tracebacks: the build and ``check`` end with one-line errors only, the same;
* 0 hangs: the build ends (its extraction is linear: test_hostile_time.py).
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from browser import new_page, serve, type_query
from corpus import ALL, CSV, ENTITIES, corpus, one_line, site_pages  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

MARKER = "window.__na_injected = []; window.na_injected = function (x) { window.__na_injected.push(String(x)); };"

#: in the page: everything the corpus could have made, as one list of problems
SCAN = r"""(site) => {
  const problems = [];
  const urlAttrs = ["href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data",
                    "background", "ping", "cite", "lowsrc", "dynsrc"];
  // the site's own pages: here, or at its published address (canonical links, feeds)
  const local = (u) => { try { const x = new URL(u, document.baseURI);
                               return x.protocol === "file:" || x.hostname === "127.0.0.1"
                                 || (site !== "" && x.href.startsWith(site)); } catch (e) { return false; } };
  for (const e of document.querySelectorAll("*")) {
    const tag = e.localName;
    if (["iframe", "object", "embed", "frame", "frameset", "applet", "base", "portal"].includes(tag)) problems.push(tag);
    if (tag === "meta" && /refresh/i.test(e.getAttribute("http-equiv") || "")) problems.push("meta refresh");
    if (e.id === "na-injected" || e.classList.contains("na-injected")) problems.push("payload id/class on " + tag);
    for (const a of e.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith("on")) problems.push(tag + " " + name);
      if (urlAttrs.includes(name)) {
        const v = a.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
        if (/^(javascript|data|vbscript):/.test(v)) problems.push(tag + " " + name + "=" + a.value.slice(0, 40));
      }
      if (name === "style" && /url\(|expression\(|javascript:/i.test(a.value)) problems.push(tag + " style");
    }
    if (tag === "script") {
      const type = (e.getAttribute("type") || "").toLowerCase();
      const runs = !type || /javascript|ecmascript|module/.test(type);
      if (e.src && !local(e.src)) problems.push("script from " + e.src);
      if (runs && !e.src && /na_injected|alert\(|evil\.example/.test(e.textContent)) problems.push("inline script");
      if (!runs && type.includes("json")) { try { JSON.parse(e.textContent); } catch (x) { problems.push("broken json"); } }
    }
    if (tag === "link" && e.href && !local(e.href)) problems.push("link to " + e.href);
    if (tag === "style" && /evil\.example|na_injected/.test(e.textContent)) problems.push("style from the text");
    if (tag === "form" && e.action && !local(e.action)) problems.push("form to " + e.action);
    if (tag === "img" && /na-missing/.test(e.getAttribute("src") || "")) problems.push("img from the text");
  }
  if (window.__na_injected.length) problems.push("na_injected: " + window.__na_injected.join(", "));
  return problems;
}"""


class Visit:
    """One browser page reused for many addresses, collecting what went wrong on each."""

    def __init__(self, chromium, site_url: str, width: int = 1280):
        self.site_url = site_url
        self.page, self.recorder = new_page(chromium, width=width)
        self.page.add_init_script(MARKER)
        self.dialogs: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
        self.problems: list[str] = []

    def check(self, where: str) -> None:
        found = self.page.evaluate(SCAN, self.site_url)
        found += self.dialogs + self.recorder.errors + self.recorder.external()
        self.problems += [f"{where}: {p}" for p in found]
        self.dialogs.clear()
        self.recorder.errors.clear()
        self.recorder.requests.clear()

    def visit(self, url: str, where: str) -> None:
        """Load ``url`` and check it. (A handler an injected element would run is found as the
        element or attribute itself, so the check need not wait for images to fail.)"""
        self.page.goto(url, wait_until="load")
        if self.page.url.split("#")[0].split("?")[0] != url.split("#")[0].split("?")[0]:
            self.problems.append(f"{where}: navigated to {self.page.url}")
        self.check(where)

    def close(self) -> None:
        self.page.context.close()


@pytest.fixture(scope="module")
def http_base(corpus):
    with serve(corpus.site) as base:
        yield base


def base_url(corpus, http_base, where: str) -> str:
    """The site's root address (pages are files: the same names over http and from disk)."""
    return http_base if where == "http" else corpus.site.as_uri() + "/"


def test_the_build_and_check_end_with_the_same_one_line_errors(corpus):
    """No traceback: every problem is one line naming a file; check says exactly what the build says."""
    for diagnostic in corpus.report.diagnostics:
        text = diagnostic.format()
        assert "\n" not in text and "Traceback" not in text and re.match(r"^[\w./ -]+(:\d+)?: (error|warning): ",
                                                                        text), text
    refused = sorted(d.format() for d in corpus.report.errors)
    assert refused == sorted(d.format() for d in corpus.check.errors)
    assert any("is not an http(s) URL" in e for e in refused)  # the note's javascript: source
    built = {p.split("/")[1].removesuffix(".html") for p in site_pages(corpus.site) if p.startswith("articles/")}
    assert set(corpus.articles) <= built  # every corpus article was built, none refused


@pytest.mark.parametrize("where", ["http", "disk"])
def test_every_page_is_inert(chromium, corpus, http_base, where):
    base = base_url(corpus, http_base, where)
    # 404.html is what a web server sends for a missing address: its links start at the server's root
    pages = [p for p in site_pages(corpus.site) if where == "http" or p != "404.html"]
    assert len(pages) > 60, len(pages)
    visit = Visit(chromium, corpus.site_url)
    try:
        for rel in pages:
            visit.visit(base + rel, rel)
    finally:
        visit.close()
    assert visit.problems == []


def wait_state(page, name: str) -> None:
    """Until the search page shows the results of a search with filter ``name`` set."""
    page.wait_for_function("""n => (document.querySelector('[data-na-search=page]').getAttribute('data-na-search-state')
        || '').split('&').some(p => p.startsWith(n + '='))""", arg=name, timeout=15000)
    page.wait_for_timeout(100)


def search_page_problems(chromium, corpus, base: str) -> tuple[list[str], dict]:
    visit = Visit(chromium, corpus.site_url)
    page = visit.page
    try:
        visit.visit(base + "search.html?q=fixture", "search")
        page.wait_for_selector("[data-na-search=page][data-na-search-filters-ready]", timeout=15000)
        page.wait_for_function("document.querySelector('[data-na-search=page]').getAttribute('data-na-search-query')"
                               " === 'fixture'", timeout=15000)
        closed = page.eval_on_selector_all(".na-search-facet", "gs => gs.filter(g => !g.open).length")
        assert closed == 0  # every filter open
        shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.na-search-facet')].map(g =>
            [g.getAttribute('data-na-search-facet'),
             [...g.querySelectorAll('input')].map(i => [i.value, i.parentNode.querySelector('.na-search-facet__value').textContent])]))""")
        visit.check("search, every filter open")
        for name in shown:  # every value of each filter ticked (any of them), with the query, then alone
            page.locator(f"[data-na-search=page] input[name={name}]").evaluate_all(
                "boxes => { boxes.forEach(b => { b.checked = true; }); boxes[0].dispatchEvent(new Event('change')); }")
            wait_state(page, name)
            type_query(page, "[data-na-search=page] [data-na-search-input]", " ")
            wait_state(page, name)
            visit.check(f"search, every {name} ticked")
            page.click("[data-na-search=page] .na-search-facets__clear")
            type_query(page, "[data-na-search=page] [data-na-search-input]", "fixture")
        type_query(page, "[data-na-search=page] [data-na-search-input]", "onerror")
        page.wait_for_function("document.querySelector('[data-na-search=page]').getAttribute('data-na-search-query')"
                               " === 'onerror'", timeout=15000)
        visit.check("search, a query of the corpus's words")
        teasers = page.eval_on_selector_all("[data-na-search=page] .md-search-result__teaser",
                                            "ts => ts.map(t => t.textContent)")
        assert any("<img src=na-missing.png" in t or "<script>na_injected" in t for t in teasers), teasers  # as text
        return visit.problems, shown
    finally:
        visit.close()


@pytest.mark.parametrize("where", ["http", "disk"])
def test_search_page_with_every_filter_open(chromium, corpus, http_base, where):
    problems, shown = search_page_problems(chromium, corpus, base_url(corpus, http_base, where))
    assert problems == []
    # filter values are the archive's text, shown as text: the payload names, character for character
    agencies = [label for _value, label in shown["agency"]]
    assert "TEST FIXTURE <img src=na-missing.png onerror=na_injected('sidecar agency')>" in agencies
    organisations = [label for _value, label in shown["organisation"]]
    assert ENTITIES[0][1] in organisations and ENTITIES[3][1] in organisations
    assert ENTITIES[2][1] in [label for _value, label in shown["place"]]


@pytest.mark.parametrize("where", ["http", "disk"])
def test_header_box_with_its_filters(chromium, corpus, http_base, where):
    visit = Visit(chromium, corpus.site_url)
    page = visit.page
    try:
        visit.visit(base_url(corpus, http_base, where) + "about.html", "about")
        type_query(page, "[data-na-search=header] [data-na-search-input]", "fixture")
        page.wait_for_function("document.querySelector('[data-na-search=header]').getAttribute('data-na-search-query')"
                               " === 'fixture'", timeout=15000)
        page.click("[data-na-search=header] [data-na-search-filters-toggle]")  # the filters load when asked for
        page.wait_for_selector("[data-na-search=header][data-na-search-filters-ready] select.na-search-filter",
                               timeout=15000)
        for select in page.locator("[data-na-search=header] select.na-search-filter").all():
            options = select.locator("option").all()
            for option in options[1:3]:
                select.select_option(option.get_attribute("value"))
                page.wait_for_timeout(50)
            select.select_option("")
        page.wait_for_timeout(300)
        visit.check("header box")
        labels = page.eval_on_selector_all("[data-na-search=header] select[name=agency] option",
                                           "os => os.map(o => o.textContent)")
        assert any(label.startswith("TEST FIXTURE <img src=na-missing.png") for label in labels)
    finally:
        visit.close()
    assert visit.problems == []


def test_headlines_show_literally(corpus):
    """The article pages' <h1> holds each headline as text (the browser tests check it cannot run)."""
    from html import unescape

    for article_id, headline in corpus.articles.items():
        html = (corpus.site / "articles" / f"{article_id}.html").read_text(encoding="utf-8")
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
        assert unescape(re.sub(r"<[^>]+>", "", h1)).strip().startswith(one_line(headline)[:60]), article_id


def test_exports_are_inert(corpus):
    rows = list(csv.reader(io.StringIO((corpus.site / "figures.csv").read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    assert len([r for r in body if "sidecar" in r[0]]) == len(CSV)
    for row in body:
        for column, cell in zip(header, row):
            if column not in ("paragraph", "value"):
                assert not cell.lstrip().startswith(("=", "+", "-", "@", "\uff1d")), (column, cell)
                assert not cell.startswith(("\t", "\r", "\n")), (column, cell)


def test_the_corpus_reaches_every_channel(corpus):
    """The corpus is where it should be: in headlines, bodies, bylines, editors, agencies (raw and
    sidecar), sidecar records, notes and the registry (else the browser tests would prove little)."""
    assert len(ALL) > 120
    site = corpus.site
    editor_pages = list((site / "archive" / "editor").glob("*/index.html"))
    agency_pages = list((site / "archive" / "agency").glob("*/index.html"))
    assert len(editor_pages) >= 20 and len(agency_pages) >= 8
    entity_pages = [site / "entities" / e / "index.html" for e, _name, _kind in ENTITIES]
    assert all(p.is_file() for p in entity_pages)
    article = (site / "articles" / "2020-05-04-test-fixture-corpus-markdown.html").read_text(encoding="utf-8")
    assert article.count('class="na-note ') >= 25


class _Markup(HTMLParser):
    """Whatever in an HTML fragment could run or load: tags, on* attributes, unsafe URLs."""

    BAD_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "base", "meta", "link", "style",
                "form", "img", "svg", "math", "video", "audio", "source", "input", "button", "textarea", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BAD_TAGS:
            self.problems.append(tag)
        for name, value in attrs:
            url = "".join((value or "").split()).lower()
            if name.startswith("on") or (name in ("href", "src", "action", "formaction", "xlink:href")
                                         and url.startswith(("javascript:", "data:", "vbscript:"))):
                self.problems.append(f"{tag} {name}={value}")


def markup_problems(fragment: str) -> list[str]:
    parser = _Markup()
    parser.feed(fragment)
    parser.close()
    return parser.problems


def test_feeds_are_inert(corpus):
    """Atom and JSON feeds (a feed reader renders their HTML): well-formed, HTML content inert,
    every link an http(s) address."""
    feeds = sorted((corpus.site / "feeds").rglob("*"))
    assert any(p.suffix == ".xml" for p in feeds) and any(p.suffix == ".json" for p in feeds)
    atom = "{http://www.w3.org/2005/Atom}"
    problems, html_seen = [], 0
    for path in (p for p in feeds if p.is_file()):
        rel = path.relative_to(corpus.site).as_posix()
        if path.suffix == ".xml":
            root = ElementTree.parse(path).getroot()  # well-formed, or this raises
            for element in root.iter():
                if element.tag in (atom + "content", atom + "summary") and element.get("type") == "html":
                    html_seen += 1
                    problems += [f"{rel}: {p}" for p in markup_problems(element.text or "")]
                if element.tag == atom + "link" and not (element.get("href") or "").startswith(("http://", "https://")):
                    problems.append(f"{rel}: link {element.get('href')}")
        elif path.suffix == ".json":
            for item in json.loads(path.read_text(encoding="utf-8")).get("items", []):
                if "content_html" in item:
                    html_seen += 1
                    problems += [f"{rel}: {p}" for p in markup_problems(item["content_html"])]
                for key in ("url", "external_url"):
                    if key in item and not str(item[key]).startswith(("http://", "https://", "../")):
                        problems.append(f"{rel}: {key} {item[key]}")
    assert html_seen > 20  # the corpus's notes are in the notes feeds, as HTML
    assert problems == []
