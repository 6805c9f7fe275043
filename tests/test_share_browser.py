"""Found, followed, cited: in a real headless Chromium, on the site built from
the repository's mkdocs.yml (site_url https://example.org/, the placeholder),
the seed and the TEST FIXTURE search articles (tests/browser.py ``search_site``).

* the seed's head tags, read by the browser, field by field;
* the feeds the head links to, fetched and parsed;
* no request leaves the machine (http and file://);
* the palette toggle (system -> light -> dark -> system) and axe-core's
  color-contrast rule in both palettes on the article, the search page with
  its filters, the header search's dropdown and the key-figures page;
* "Cite this article": the copy buttons put the citation on the clipboard;
* "Suggest a note": GitHub's new-file URL with the note skeleton, the
  selected passage and today's date;
* print: the page's URL and archived date, link addresses, endnotes that
  start on their heading's page.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from lxml import etree

from browser import axe_violations, new_page, search_site, serve, type_query  # noqa: F401 (fixtures)
from conftest import SEED_ID

pytestmark = pytest.mark.browser

SITE_URL = "https://example.org/"
SEED_PAGE = f"articles/{SEED_ID}/"
TITLE = "What China has done to boost int'l cooperation against COVID-19"
DESCRIPTION = ("Across the globe, the COVID-19 pandemic is causing significant loss of life, disrupting "
               "livelihoods, and threatening the development and prosperity of the world.")
APA = (f"Xinhua. (2020, May 17). {TITLE}. People's Daily Online. Archived November 29, 2026, in newsarchive: "
       f"{SITE_URL}{SEED_PAGE}")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def http_base(search_site):
    with serve(search_site) as base:
        yield base


def head_of(page) -> dict:
    return page.evaluate("""() => {
        const meta = {};
        for (const m of document.head.querySelectorAll('meta[property], meta[name]')) {
            const key = m.getAttribute('property') || m.getAttribute('name');
            (meta[key] = meta[key] || []).push(m.getAttribute('content'));
        }
        const ld = [...document.head.querySelectorAll('script[type="application/ld+json"]')].map(s => s.textContent);
        const canonical = document.head.querySelector('link[rel=canonical]');
        return {meta, ld, canonical: canonical && canonical.getAttribute('href'), title: document.title};
    }""")


def test_the_seed_article_head_field_by_field(chromium, http_base):
    page, recorder = new_page(chromium)
    page.goto(http_base + SEED_PAGE)
    head = head_of(page)
    meta = head["meta"]
    assert head["title"] == f"{TITLE} - newsarchive"
    assert head["canonical"] == SITE_URL + SEED_PAGE
    assert meta["description"] == [DESCRIPTION] and len(DESCRIPTION) <= 170
    assert meta["og:type"] == ["article"] and meta["og:title"] == [TITLE]
    assert meta["og:description"] == [DESCRIPTION] and meta["og:url"] == [SITE_URL + SEED_PAGE]
    assert meta["og:site_name"] == ["newsarchive"]
    assert meta["article:published_time"] == ["2020-05-17T15:51:00+08:00"]
    assert meta["article:section"] == ["Xinhua"]
    assert {"Xi Jinping", "World Health Organization", "Geneva", "Tedros Adhanom Ghebreyesus"} <= \
        set(meta["article:tag"])
    assert "article:modified_time" not in meta  # the seed's sidecar corrects nothing
    assert meta["twitter:card"] == ["summary"] and meta["twitter:title"] == [TITLE]
    assert meta["twitter:description"] == [DESCRIPTION]
    assert len(head["ld"]) == 1
    data = json.loads(head["ld"][0])
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == TITLE and data["description"] == DESCRIPTION
    assert data["datePublished"] == "2020-05-17T15:51:00+08:00"
    assert "dateModified" not in data and "isBasedOn" not in data  # not corrected; no original URL known
    assert data["author"] == {"@type": "Organization", "name": "Xinhua"}  # no byline: the agency
    assert data["publisher"] == {"@type": "Organization", "name": "People's Daily Online"}
    assert data["sourceOrganization"] == {"@type": "Organization", "name": "Xinhua"}
    assert data["locationCreated"] == {"@type": "Place", "name": "BEIJING"}
    assert data["url"] == SITE_URL + SEED_PAGE
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": SITE_URL + SEED_PAGE}
    about = {item["name"]: item for item in data["about"]}
    assert about["Xi Jinping"] == {"@type": "Person", "name": "Xi Jinping", "url": f"{SITE_URL}entities/xi-jinping/",
                                   "sameAs": "https://www.wikidata.org/wiki/Q15031"}
    assert about["World Health Organization"]["@type"] == "Organization"
    assert about["Geneva"]["@type"] == "Place"
    assert not recorder.errors, recorder.errors


def test_feeds_are_linked_from_the_head_and_valid(chromium, http_base):
    page, recorder = new_page(chromium)
    page.goto(http_base + SEED_PAGE)
    page.wait_for_function("document.querySelectorAll('link[rel=alternate][data-na-feed]').length > 0")
    links = page.eval_on_selector_all("link[rel=alternate]", "els => els.map(e => [e.type, e.title, e.href])")
    hrefs = {href for _type, _title, href in links}
    for name in ("articles", "agency/xinhua"):
        assert f"{SITE_URL}feeds/{name}.xml" in hrefs and f"{SITE_URL}feeds/{name}.json" in hrefs, name
    for name in ("notes", "fact-checks"):  # (their JSON Feeds are listed on the Data page)
        assert f"{SITE_URL}feeds/{name}.xml" in hrefs, name
    for kind, title, href in links:
        assert kind in ("application/atom+xml", "application/feed+json") and title
        local = http_base + href.removeprefix(SITE_URL)  # the placeholder address, served here
        body = page.request.get(local).body()
        if kind == "application/atom+xml":
            root = etree.fromstring(body)
            assert root.tag == f"{ATOM}feed" and root.findtext(f"{ATOM}title") and root.findtext(f"{ATOM}id")
            assert root.find(f"{ATOM}link[@rel='self']").get("href") == href
        else:
            feed = json.loads(body)
            assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["feed_url"] == href
    notes = json.loads(page.request.get(http_base + "feeds/notes.json").body())
    assert f"{SITE_URL}{SEED_PAGE}#note-africa-case-figures" in [i["url"] for i in notes["items"]]
    entity, _ = new_page(chromium)
    entity.goto(http_base + "entities/xi-jinping/")
    entity.wait_for_timeout(50)
    assert f"{SITE_URL}feeds/entities/xi-jinping.xml" in entity.eval_on_selector_all(
        "link[rel=alternate]", "els => els.map(e => e.href)")
    shared = head_of(entity)  # an entity page is shared with the registry's description of it
    assert shared["meta"]["description"] == shared["meta"]["og:description"] == \
        ["President of the People's Republic of China."]
    assert shared["meta"]["og:type"] == ["website"] and shared["meta"]["og:url"] == [f"{SITE_URL}entities/xi-jinping/"]
    assert not recorder.external() and not recorder.errors, (recorder.external(), recorder.errors)


@pytest.mark.parametrize("where", ["http", "file"])
def test_no_external_requests(chromium, http_base, search_site, where):
    base = http_base if where == "http" else search_site.as_uri() + "/"
    for path in ("", SEED_PAGE, "entities/xi-jinping/", "archive/agency/xinhua/"):
        page, recorder = new_page(chromium)
        page.goto(base + path + ("index.html" if where == "file" else ""))
        page.wait_for_timeout(300)
        assert page.locator("a.md-source").first.get_attribute("href") == "https://github.com/example/newsarchive"
        assert recorder.external() == [], (path, recorder.external())
        assert recorder.errors == [], (path, recorder.errors)
        page.context.close()


def test_palette_toggle_follows_the_system_then_light_then_dark(chromium, http_base):
    context = chromium.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(http_base + SEED_PAGE)
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    toggle = "form[data-md-component=palette] label:not([hidden])"
    assert scheme() == "slate"  # first visit: follows the system (dark here)
    assert page.get_attribute(toggle, "title") == "Switch to light mode"
    page.click(toggle)
    assert scheme() == "default" and page.get_attribute(toggle, "title") == "Switch to dark mode"
    page.click(toggle)
    assert scheme() == "slate" and page.get_attribute(toggle, "title") == "Switch to the system's preference"
    page.goto(http_base + "about/")  # the choice is kept from page to page
    assert scheme() == "slate"
    page.click(toggle)
    page.emulate_media(color_scheme="light")
    page.reload()
    assert scheme() == "default"  # back to following the system, which is light now
    context.close()


def open_for_axe(page, base: str, what: str) -> None:
    if what == "dropdown":
        page.goto(base + SEED_PAGE)
        type_query(page, "[data-na-search=header] [data-na-search-input]", "Marrowby")
        page.wait_for_function("document.querySelector('[data-na-search=header]')"
                               ".getAttribute('data-na-search-query') === 'Marrowby'", timeout=15000)
        page.wait_for_selector("[data-na-search=header] .md-search-result__item")
    elif what == "search":
        page.goto(base + "search/?q=lighthouse")
        page.wait_for_selector(".md-search-result__item, .pagefind-ui__result", timeout=15000)
        page.wait_for_timeout(300)
    else:
        page.goto(base + what)
        page.wait_for_timeout(200)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_contrast_violation_in_either_palette(chromium, http_base, scheme):
    context = chromium.new_context(color_scheme=scheme, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    expected = {"light": "default", "dark": "slate"}[scheme]
    found = {}
    for what in (SEED_PAGE, "dropdown", "search", "figures/", "entities/xi-jinping/"):
        open_for_axe(page, http_base, what)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        if what == SEED_PAGE:  # sidenotes, highlights, verdict labels, the key-figures box, the cite box
            for selector in (".na-note", "mark.na-mark", ".na-note__verdict", ".na-key-figures", ".na-cite"):
                assert page.locator(selector).count(), selector
        found[what] = axe_violations(page)
    assert found == {what: [] for what in found}, found
    context.close()


def test_cite_box_copies_apa_and_bibtex(chromium, http_base):
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(http_base + SEED_PAGE)
    box = page.locator("#cite")
    assert box.locator(".na-cite__url").inner_text() == SITE_URL + SEED_PAGE
    assert box.locator(".na-cite__archived").inner_text() == "November 29, 2026"
    assert box.locator(".na-cite__apa").inner_text() == APA
    assert box.locator(".na-cite__apa i").inner_text() == "People's Daily Online"
    button = box.locator("button[data-na-copy=cite-apa]")
    assert button.inner_text() == "Copy APA"
    button.click()
    page.wait_for_function("document.querySelector('.na-cite__status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == APA == page.evaluate("window.__naLastCopied")
    assert box.locator("button[data-na-copy-text]").count() == 0  # copied from the text shown, not a copy of it
    assert button.inner_text() == "Copied" and box.locator(".na-cite__status").inner_text() == "APA citation copied"
    box.get_by_role("button", name="Copy BibTeX").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('@misc'))")
    bibtex = page.evaluate("navigator.clipboard.readText()")
    assert bibtex == box.locator(".na-cite__bibtex code").inner_text()
    assert bibtex.startswith("@misc{xinhua2020china,\n  author = {{Xinhua}},\n")
    assert f"  url = {{{SITE_URL}{SEED_PAGE}}},\n  urldate = {{2026-11-29}}," in bibtex
    assert page.locator(".na-meta a[href='#cite']").count() == 1
    assert box.locator(".md-clipboard").count() == 0  # Material's own code-copy button is not added twice
    context.close()


def test_suggest_a_note_opens_githubs_new_file_page_with_the_skeleton(chromium, http_base):
    page, recorder = new_page(chromium)
    opened = []
    page.route("https://github.com/**", lambda route: (opened.append(route.request.url),
                                                        route.fulfill(body="stub", content_type="text/plain")))
    page.goto(http_base + SEED_PAGE)
    link = page.locator(".na-meta a.na-suggest")
    assert link.inner_text() == "Suggest a note"
    static = urlsplit(link.get_attribute("href"))
    assert static.path == f"/example/newsarchive/new/main/site-data/annotations/{SEED_ID}"
    value = parse_qs(static.query)["value"][0]
    assert parse_qs(static.query)["filename"] == ["my-note.yml"]
    assert 'quote: ""' in value and "added: YYYY-MM-DD" in value and f"({SEED_ID})" in value
    passage = "75,498 cumulative COVID-19 cases"
    page.evaluate("""passage => {
        const p = document.getElementById('p13');
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent.indexOf(passage);
            if (at >= 0) {
                const range = document.createRange();
                range.setStart(node, at); range.setEnd(node, at + passage.length);
                getSelection().removeAllRanges(); getSelection().addRange(range); return;
            }
        }
        throw new Error('passage not found');
    }""", passage)
    link.click()
    page.wait_for_url("https://github.com/**")
    url = urlsplit(opened[0])
    assert url.path == static.path and parse_qs(url.query)["filename"] == ["my-note.yml"]
    note = yaml.safe_load(parse_qs(url.query)["value"][0])
    assert note["quote"] == passage and note["added"] == date.today() and note["kind"] == "context"
    assert note["id"] == "75498-cumulative-covid-19-cases"  # made from the passage, as annotate does
    assert [u for u in recorder.requests if not u.startswith(("http://127.0.0.1", "https://github.com/"))] == []


def test_print_shows_addresses_and_keeps_the_notes_heading_with_its_notes(chromium, http_base):
    from pypdf import PdfReader

    page, _recorder = new_page(chromium)
    page.goto(http_base + SEED_PAGE)
    page.wait_for_selector(".na-endnotes", state="attached")  # print-only: hidden on screen
    pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]
    text = "\n".join(pages)
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", f"{SITE_URL}{SEED_PAGE}·archivedNovember29,2026") in re.sub(r"\s+", "", pages[0])
    assert re.sub(r"\s+", "", f"<{SITE_URL}raw/{SEED_ID}.txt>") in flat  # "raw text as archived"
    assert re.sub(r"\s+", "", f"<{SITE_URL}{SEED_PAGE}#note-who-china-joint-mission>") in flat  # a Permalink
    heading = [i for i, t in enumerate(pages) if re.search(r"(?m)^\s*Notes\s*$", t)]
    assert len(heading) == 1, [t[-300:] for t in pages]
    after = pages[heading[0]].split("Notes", 1)[1] if pages[heading[0]].count("Notes") == 1 else \
        re.split(r"(?m)^\s*Notes\s*$", pages[heading[0]], maxsplit=1)[1]
    assert "CONTEXT" in after.upper() and len(after.strip()) > 80, after  # the first note follows on that page
