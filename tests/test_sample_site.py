"""End to end on the sample archive: the seed article read from its raw file,
its notes, built with `newsarchive build --strict` (real MkDocs, Material and
Pagefind) in a scratch copy of the repository; plus hostile TEST FIXTURE notes
whose bodies must not reach the built pages as markup, and the seed's
generated Markdown as a golden file.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Report
from generator.pipeline import generate
from generator.site import build_site

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"
HOSTILE = yaml.safe_load((ROOT / "tests/fixtures/annotations/hostile/bodies.yml").read_text(encoding="utf-8"))
GOLDEN = ROOT / "tests/golden/seed-article.md"


def scratch_copy(target: Path) -> Path:
    """The repository's site sources, without anything generated."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "site-data", target / "site-data")
    (target / "content").mkdir()
    for page in (ROOT / "content").glob("*.md"):
        shutil.copy(page, target / "content" / page.name)
    return target


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        h.update(p.relative_to(folder).as_posix().encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


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


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    repo = scratch_copy(tmp_path_factory.mktemp("sample"))
    (repo / f"site-data/annotations/{SEED_ID}/zz-hostile-fixture.yml").write_text(hostile_notes(), encoding="utf-8")
    before = digest(repo / "site-data")
    report = Report()
    result = build_site(repo, report, strict=True, quiet=True)
    return repo, report, result, before


def page(repo: Path, *parts: str) -> str:
    return (repo / "site" / Path(*parts) / "index.html").read_text(encoding="utf-8")


def test_strict_build_is_clean(sample):
    repo, report, result, _ = sample
    assert [d.format() for d in report.diagnostics] == []
    assert result.built and result.pages_indexed >= 1


def test_build_leaves_site_data_byte_for_byte(sample):
    repo, _, _, before = sample
    assert digest(repo / "site-data") == before


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
    figures = re.search(r'<div class="admonition abstract na-key-figures">.*?</div>', html, re.S).group(0)
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
        assert f'<aside class="na-note' in html and f'id="note-{note_id}"' in html
        assert f'<mark id="note-{note_id}-text"' in html
    assert 'data-pagefind-filter="note_kind">Fact check<' in html
    assert "Notes that no longer match the text" not in html


def test_hostile_note_bodies_reach_no_page_as_markup(sample):
    repo = sample[0]
    html = page(repo, "articles", SEED_ID)
    assert len(re.findall(r'<aside [^>]*id="note-hostile-\d+"', html)) == len(HOSTILE)  # none dropped
    for path in (repo / "site").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*>\s*alert|<script>x</script>", text), path
        assert not re.search(r"""\son\w+\s*=""", re.sub(r"<script.*?</script>", "", text, flags=re.S)), path
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*(javascript|vbscript|data|file):""", text, re.I), path
        assert "<b>author</b>" not in text


def test_notes_exported_as_web_annotation_jsonld(sample):
    data = json.loads((sample[0] / "site/annotations.jsonld").read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 2 + len(HOSTILE)
    item = next(i for i in data["first"]["items"] if i["id"].endswith("#note-who-china-joint-mission"))
    selector = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
    assert selector["exact"].startswith("China has rolled out perhaps the most ambitious")
    assert item["target"]["source"].endswith(f"articles/{SEED_ID}/")


def test_pagefind_index_has_the_filters(sample):
    filters = b"".join(gzip.decompress(p.read_bytes()) for p in (sample[0] / "site/pagefind/filter").iterdir())
    for name, value in (("agency", "Xinhua"), ("year", "2020"), ("person", "Xi Jinping"),
                        ("organisation", "World Health Organization"), ("place", "Geneva"),
                        ("note_kind", "Fact check")):
        assert name.encode() in filters and value.encode() in filters, (name, value)


def test_generating_twice_gives_identical_files(tmp_path):
    repo = scratch_copy(tmp_path)
    generate(repo, Report())
    first = digest(repo / "content")
    for generated in ("articles", "archive"):
        shutil.rmtree(repo / "content" / generated)
    generate(repo, Report())
    assert digest(repo / "content") == first


def test_seed_markdown_matches_the_golden_file(tmp_path):
    repo = scratch_copy(tmp_path)
    generate(repo, Report())
    text = (repo / "content/articles" / f"{SEED_ID}.md").read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), "regenerate on purpose with UPDATE_GOLDEN=1"
