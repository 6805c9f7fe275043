"""End to end on the sample archive: the seed article read from its raw file,
its notes, built with `newsarchive build --strict` (real MkDocs, Material and
Pagefind) in a scratch copy of the repository; plus hostile TEST FIXTURE notes
whose bodies must not reach the built pages as markup, and the seed's
generated page as a golden file.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Report
from generator.generate import generate
from generator.site import build_site

from conftest import copy_site, tree_digest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"
HOSTILE = yaml.safe_load((ROOT / "tests/fixtures/annotations/hostile/bodies.yml").read_text(encoding="utf-8"))
GOLDEN = ROOT / "tests/golden/seed-article.md"


def hostile_notes() -> str:
    """TEST FIXTURE notes on the seed whose bodies try to inject markup."""
    notes = [{
        "id": f"hostile-{i}",
        "quote": "an unprecedented but effective move in modern Chinese history",
        "kind": "context",
        "body": body,
        "author": "TEST FIXTURE <b>author</b>",
        "added": "2026-11-29",
        "sources": [{"url": "https://example.org/fixture", "title": "TEST FIXTURE <script>x</script>"}],
    } for i, body in enumerate(HOSTILE, start=1)]
    return "# TEST FIXTURE - hostile note bodies, not real notes\n" + yaml.safe_dump(notes, allow_unicode=True)


def build_copy(target: Path, hostile: bool):
    repo = copy_site(target)
    if hostile:
        (repo / f"site-data/annotations/{SEED_ID}/zz-hostile-fixture.yml").write_text(hostile_notes(),
                                                                                      encoding="utf-8")
    before = tree_digest(repo / "site-data")
    report = Report()
    result = build_site(repo, report, strict=True, quiet=True)
    return repo, report, result, before


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample archive exactly as committed."""
    return build_copy(tmp_path_factory.mktemp("sample"), hostile=False)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The sample archive plus TEST FIXTURE notes with hostile bodies."""
    return build_copy(tmp_path_factory.mktemp("hostile"), hostile=True)


def page(repo: Path, *parts: str) -> str:
    """A built page: ``("articles", id)`` is articles/<id>.html, a folder its index.html."""
    path = Path("articles", f"{parts[1]}.html") if parts[0] == "articles" else Path(*parts, "index.html")
    return (repo / "site" / path).read_text(encoding="utf-8")


def test_strict_build_is_clean(sample):
    repo, report, result, _ = sample
    assert [d.format() for d in report.diagnostics] == []
    assert result.built and result.pages_indexed >= 1


def test_build_leaves_site_data_byte_for_byte(sample):
    repo, _, _, before = sample
    assert tree_digest(repo / "site-data") == before


def test_seed_page_headline_metadata_and_figures(sample):
    repo = sample[0]
    html = page(repo, "articles", SEED_ID)
    assert re.search(r"<h1 [^>]*>What China has done to boost int&#39;l cooperation against COVID-19<a", html) or \
        re.search(r"<h1 [^>]*>What China has done to boost int'l cooperation against COVID-19<a", html)
    panel = re.search(r'<aside class="na-meta".*?</aside>', html, re.S).group(0)
    for expected in ('<time datetime="2020-05-17T15:51:00+08:00">17 May 2020, 15:51 UTC+08:00</time>',
                     '<dd class="na-meta-agency">Xinhua</dd>',
                     "<dd class=\"na-meta-publisher\">People&#39;s Daily Online</dd>",
                     '<dd class="na-meta-dateline">BEIJING, May 17 (Xinhua)</dd>',
                     '<dd class="na-meta-editors">Zhao Tong, Bianji</dd>',
                     "874 words"):
        assert expected in panel, expected
    assert re.search(r'<dd class="na-meta-notes"><a href="#note-[^"]+">\d+ notes</a>', panel)
    figures = re.search(r'<div class="admonition abstract na-key-figures"[^>]*>.*?</div>', html, re.S).group(0)
    assert figures.count("<li>") == 12
    assert '<a href="#p13">75,498 cumulative COVID-19 cases</a>' in figures
    assert '<a href="#p14">50 million U.S. dollars</a>' in figures


def test_seed_page_has_every_paragraph_and_no_chrome(sample):
    html = page(sample[0], "articles", SEED_ID)
    assert all(f'<p id="p{n}">' in html for n in range(1, 23)) and '<p id="p23">' not in html
    for chrome in ("Add your comment", "Related reading", "We Recommend", "Most Read", "Key Words",
                   "For the latest China news", "Apple News Facebook"):
        assert chrome not in html, chrome


def test_sample_notes_are_beside_their_passages(sample):
    html = page(sample[0], "articles", SEED_ID)
    for note_id in ("who-china-joint-mission", "africa-case-figures"):
        assert '<aside class="na-note' in html and f'id="note-{note_id}"' in html
        assert f'<mark id="note-{note_id}-text"' in html
    assert 'data-pagefind-filter="note_kind">Fact check<' in html
    assert "Notes that no longer match the text" not in html


def test_hostile_notes_build_strictly(hostile):
    assert [d.format() for d in hostile[1].diagnostics] == []


def test_hostile_note_bodies_reach_no_page_as_markup(hostile):
    repo = hostile[0]
    html = page(repo, "articles", SEED_ID)
    assert len(re.findall(r'<aside [^>]*id="note-hostile-\d+"', html)) == len(HOSTILE)  # none dropped
    for path in (repo / "site/articles").rglob("*.html"):
        tags = Tags()
        tags.feed(path.read_text(encoding="utf-8"))
        assert not [a for a in tags.attributes if a[0].startswith("on")], path
        assert not [a for a in tags.attributes if a[0] in ("href", "src", "action", "formaction")
                    and re.match(r"\s*(javascript|vbscript|data|file):", a[1] or "", re.I)], path
        assert not [s for s in tags.scripts if "alert" in s or s.strip() == "x"], path
        assert "b" not in tags.inside_notes, path  # "TEST FIXTURE <b>author</b>" stays text


class Tags(HTMLParser):
    """Every attribute of every tag, inline script text, and tags inside notes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str | None]] = []
        self.scripts: list[str] = []
        self.inside_notes: set[str] = set()
        self._script = False
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        self.attributes.extend(attrs)
        self._script = tag == "script"
        if self._depth:
            self.inside_notes.add(tag)
        if tag == "aside" and "na-note" in (dict(attrs).get("class") or ""):
            self._depth = 1
        elif self._depth and tag not in ("br", "img", "hr", "input", "meta", "link"):
            self._depth += 1

    def handle_endtag(self, tag):
        self._script = False
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._script:
            self.scripts.append(data)


def test_notes_exported_as_web_annotation_jsonld(hostile):
    data = json.loads((hostile[0] / "site/annotations.jsonld").read_text(encoding="utf-8"))
    from generator.annotations import load_notes

    sample_notes, _ = load_notes(ROOT / "site-data/annotations", {SEED_ID}, ROOT)
    assert data["type"] == "AnnotationCollection"
    assert data["total"] == len(sample_notes[SEED_ID]) + len(HOSTILE) == 3 + len(HOSTILE)
    item = next(i for i in data["first"]["items"] if i["id"].endswith("#note-who-china-joint-mission"))
    selector = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
    assert selector["exact"].startswith("China has rolled out perhaps the most ambitious")
    assert item["target"]["source"].endswith(f"articles/{SEED_ID}.html")


def test_pagefind_index_has_the_filters(sample):
    filters = b"".join(gzip.decompress(p.read_bytes()) for p in (sample[0] / "site/pagefind/filter").iterdir())
    for name, value in (("agency", "Xinhua"), ("year", "2020"), ("person", "Xi Jinping"),
                        ("organisation", "World Health Organization"), ("place", "Geneva"),
                        ("note_kind", "Fact check")):
        assert name.encode() in filters and value.encode() in filters, (name, value)


def test_generating_twice_gives_identical_files(tmp_path):
    repo = copy_site(tmp_path)
    generate(repo, Report())
    first = tree_digest(repo / "content")
    for generated in ("articles", "archive"):
        shutil.rmtree(repo / "content" / generated)
    generate(repo, Report())
    assert tree_digest(repo / "content") == first


def test_seed_page_matches_the_golden_file(tmp_path):
    repo = copy_site(tmp_path)
    generate(repo, Report())
    text = (repo / "content/articles" / f"{SEED_ID}.md").read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), "regenerate on purpose with UPDATE_GOLDEN=1"


# --- in a real Chromium -----------------------------------------------------------------------




def open_seed(chromium, sample, width: int):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    url = (sample[0] / "site/articles" / f"{SEED_ID}.html").as_uri()
    tab.goto(url)
    tab.wait_for_timeout(300)
    return tab, errors


def box(tab, selector):
    return tab.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect();"
                                          " return {top: r.top, left: r.left, right: r.right, bottom: r.bottom}; }")


@pytest.mark.browser
def test_wide_screen_note_sits_in_the_margin_beside_its_passage(chromium, sample):
    tab, errors = open_seed(chromium, sample, 1400)
    note, passage = box(tab, "#note-who-china-joint-mission"), box(tab, "#note-who-china-joint-mission-text")
    column = box(tab, "#p6")
    assert note["left"] >= column["right"], (note, column)  # in the margin, right of the text
    assert abs(note["top"] - passage["top"]) < 60, (note, passage)  # level with its passage
    tops = tab.eval_on_selector_all("aside.na-note:not(.na-note--orphan)", "els => els.map(e => "
                                    "[e.getBoundingClientRect().top, e.getBoundingClientRect().bottom])")
    tops.sort()
    assert all(a[1] <= b[0] + 0.5 for a, b in zip(tops, tops[1:])), tops  # no two notes overlap
    assert errors == []


@pytest.mark.browser
def test_narrow_screen_marker_opens_the_note_by_click_and_keyboard(chromium, sample):
    tab, errors = open_seed(chromium, sample, 400)
    note = "#note-africa-case-figures"
    marker = tab.locator(f"[aria-controls='{note[1:]}']").first
    assert not tab.is_visible(note)
    marker.click()
    assert tab.is_visible(note) and marker.get_attribute("aria-expanded") == "true"
    tab.keyboard.press("Escape")
    assert not tab.is_visible(note) and marker.get_attribute("aria-expanded") == "false"
    marker.focus()
    tab.keyboard.press("Enter")
    assert tab.is_visible(note)
    tab.keyboard.press("Escape")
    marker.focus()
    tab.keyboard.press("Space")
    assert tab.is_visible(note)
    assert errors == []


def test_seed_people_organisations_and_places_have_pages_linked_from_the_text(sample):
    site = sample[0] / "site"
    html = page(sample[0], "articles", SEED_ID)
    body = html.split('<p id="p1">', 1)[1]
    for entity in ("xi-jinping", "world-health-organization", "geneva", "tedros-adhanom-ghebreyesus", "hubei"):
        assert f'href="../entities/{entity}/index.html"' in body, entity
        assert (site / "entities" / entity / "index.html").exists(), entity
    headline = html.split('<h1 id="title">', 1)[1].split("</h1>", 1)[0]  # (the head's JSON-LD names them)
    assert "entities/china" not in headline


def test_page_titles_survive_the_plugin_dropping_rendered_markdown(sample):
    """The plugin empties page.markdown after rendering (memory); titles still
    come from front matter or the first heading, never the file name."""
    repo = sample[0]
    assert "<title>What China has done to boost int&#39;l cooperation against COVID-19 - newsarchive</title>" in \
        page(repo, "articles", SEED_ID)
    assert "<title>World Health Organization - newsarchive</title>" in \
        page(repo, "entities", "world-health-organization")
    assert "<title>Archive - newsarchive</title>" in page(repo, "archive")


def test_the_plugin_drops_markdown_once_rendered():
    from types import SimpleNamespace

    from generator.mkdocs_plugin import NewsArchivePlugin

    page_ = SimpleNamespace(markdown="# Heading\n\ntext")
    assert NewsArchivePlugin().on_page_content("<h1>Heading</h1>", page=page_, config={}, files=None) == \
        "<h1>Heading</h1>"
    assert page_.markdown == ""


def test_every_link_of_every_page_opens_a_file_from_disk(sample, tmp_path):
    """From file:// (site/ and the unzipped pack) a link must lead to a file, never a
    folder (a folder listing), nothing, the disk's root or a missing anchor: every
    internal href and src of every built page, generated or hand-written, nav,
    theme and the 404 page included (tests/linkwalk.py)."""
    import linkwalk
    from offline_site import unzip_pack

    site = sample[0] / "site"
    for folder in (site, unzip_pack(site, tmp_path)):
        assert [p.format() for p in linkwalk.walk(folder, "https://example.org/")] == []
        pages = list(folder.rglob("*.html"))
        kinds = linkwalk.count_links(folder)
        assert len(pages) > 30 and sum(kinds.values()) > 1000
        assert kinds["a:notes"] and kinds["a:raw-source"] and kinds["a:nav"] and kinds["link:stylesheet"]


def test_a_broken_link_in_a_generated_page_fails_the_strict_build(tmp_path):
    """MkDocs does not read a generated body, so the generator checks its links:
    without the hand-written data page, the key-figures page's link to it is
    reported, and --strict keeps the previous site."""
    repo = copy_site(tmp_path)
    (repo / "content/data.md").unlink()
    report = Report()
    result = build_site(repo, report, strict=True, quiet=True, search=False)
    assert not result.built and not (repo / "site").exists()
    generated = [d.format() for d in report.warnings if d.file.startswith(("content/figures", "content/articles",
                                                                            "content/entities"))]
    assert generated == ["content/figures/index.md: warning: link '../data.html' leads to no page or file of the "
                         "site (link an existing page (paths end in .html))"]  # (and MkDocs: index.md's, the nav's)
    assert build_site(repo, Report(), strict=False, quiet=True, search=False).built  # a warning, not an error
