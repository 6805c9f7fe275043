"""Shards (generator/shards.py): planning by year, one shard's scratch root,
and, end to end, two shards built by real MkDocs + Pagefind, assembled, and
searched together in real Chromium through Pagefind's mergeIndex.

The archive is the seed (2020) plus one TEST FIXTURE article dated 2019
(tests/fixtures/shards/, see its README): two year shards.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.diagnostics import InputError, Report
from generator.shards import ASSEMBLED_MARKER, assemble, make_shard_root, plan_shards
from generator.writer import OWNED_DIRS

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "shards" / "raw"
FIXTURE_ID = "2019-11-08-test-fixture-brakkenvik-harbour-joins-regional-cooperation-on-vaccine-shipments"
SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"


def make_source(where: Path) -> Path:
    """A whole archive root: the repository's site config and pages, the seed's
    site-data/ (raw, notes, registry) plus the 2019 fixture article."""
    where.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", where / "overrides")
    (where / "content").mkdir()
    for page in (ROOT / "content").glob("*.md"):
        shutil.copy2(page, where / "content" / page.name)
    shutil.copytree(ROOT / "site-data", where / "site-data")
    shutil.copy2(FIXTURE / f"{FIXTURE_ID}.txt", where / "site-data" / "raw" / f"{FIXTURE_ID}.txt")
    return where


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return make_source(tmp_path / "source")


# ------------------------------------------------------------------ planning

def test_plan_splits_the_archive_by_year(source):
    shards = plan_shards(source)
    assert [s.name for s in shards] == ["2019", "2020"]
    assert shards[0].raw == (f"{FIXTURE_ID}.txt",)
    assert shards[1].raw == (f"{SEED_ID}.txt",)
    assert shards[0].article_ids == (FIXTURE_ID,)


def test_plan_by_decade_groups_years(source):
    assert [(s.name, len(s.raw)) for s in plan_shards(source, by="decade")] == [("2010s", 1), ("2020s", 1)]


def test_a_name_without_a_date_is_placed_by_the_articles_own_date(source):
    raw = source / "site-data" / "raw"
    (raw / f"{FIXTURE_ID}.txt").rename(raw / "brakkenvik.txt")
    shards = plan_shards(source)
    assert [(s.name, s.raw) for s in shards] == [("2019", ("brakkenvik.txt",)), ("2020", (f"{SEED_ID}.txt",))]


def test_unknown_grouping_is_refused(source):
    with pytest.raises(ValueError, match="by='month'.*year, decade"):
        plan_shards(source, by="month")


# ------------------------------------------------------------------ one shard's root

def test_shard_root_holds_only_its_articles_and_their_notes(source, tmp_path):
    before = digest(source / "site-data")
    shards = {s.name: s for s in plan_shards(source)}
    r2019 = make_shard_root(source, shards["2019"], tmp_path / "shards", base_url="https://archive.example.org/")
    r2020 = make_shard_root(source, shards["2020"], tmp_path / "shards", base_url="https://archive.example.org/")
    assert r2019 == (tmp_path / "shards" / "2019").resolve()
    assert sorted(p.name for p in (r2019 / "site-data" / "raw").iterdir()) == [f"{FIXTURE_ID}.txt"]
    assert sorted(p.name for p in (r2020 / "site-data" / "raw").iterdir()) == [f"{SEED_ID}.meta.yml", f"{SEED_ID}.txt"]
    # the seed's notes go with the seed; the 2019 shard has none (they would be "notes on an unknown article")
    assert not any((r2019 / "site-data" / "annotations").iterdir())
    assert digest(r2020 / "site-data" / "annotations") == digest(source / "site-data" / "annotations")
    # the whole registry in each
    for shard_root in (r2019, r2020):
        assert (shard_root / "site-data" / "entities.yml").read_bytes() == \
            (source / "site-data" / "entities.yml").read_bytes()
    config = (r2019 / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_url: "https://archive.example.org/2019/"' in config
    assert 'site_name: "newsarchive 2019"' in config
    # everything else of mkdocs.yml is unchanged
    original = (source / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert [line for line in config.splitlines() if not line.startswith(("site_url:", "site_name:"))] == \
        [line for line in original if not line.startswith(("site_url:", "site_name:"))]
    # hand-written pages, never the generator's folders
    assert sorted(p.name for p in (r2019 / "content").iterdir()) == \
        sorted(p.name for p in (source / "content").iterdir() if p.name not in OWNED_DIRS)
    assert digest(source / "site-data") == before  # the source is only read


def test_notes_on_no_article_go_to_every_shard_so_the_build_reports_them(source, tmp_path):
    from generator.checks import check_archive
    from generator.pipeline import Paths

    stray = "2018-01-01-no-such-article.yml"
    (source / "site-data" / "annotations" / stray).write_text(
        "- quote: nothing\n  kind: context\n  body: TEST FIXTURE note on no article.\n", encoding="utf-8")
    for shard in plan_shards(source):
        shard_root = make_shard_root(source, shard, tmp_path / "shards")
        assert (shard_root / "site-data" / "annotations" / stray).is_file()
        report, _summary = check_archive(Paths(shard_root))
        assert any("no article '2018-01-01-no-such-article'" in d.message for d in report.errors), \
            [d.format() for d in report.diagnostics]


def test_shard_root_refuses_a_folder_it_did_not_make(source, tmp_path):
    out = tmp_path / "shards"
    (out / "2019").mkdir(parents=True)
    (out / "2019" / "precious.txt").write_text("not ours")
    shard = plan_shards(source)[0]
    with pytest.raises(InputError, match="not empty and was not made"):
        make_shard_root(source, shard, out)
    assert (out / "2019" / "precious.txt").read_text() == "not ours"
    # a folder it made itself is rebuilt
    make_shard_root(source, shard, tmp_path / "again")
    make_shard_root(source, shard, tmp_path / "again")


def test_base_url_must_be_absolute(source, tmp_path):
    with pytest.raises(ValueError, match="absolute http"):
        make_shard_root(source, plan_shards(source)[0], tmp_path / "shards", base_url="/archive/")


def test_assemble_refuses_a_site_without_search(tmp_path):
    (tmp_path / "2019").mkdir()
    (tmp_path / "2019" / "index.html").write_text("<p>no search</p>")
    with pytest.raises(InputError, match="no pagefind/pagefind.js"):
        assemble([tmp_path / "2019"], tmp_path / "out")
    with pytest.raises(ValueError, match="not a usable shard name"):
        assemble({"../x": tmp_path / "2019"}, tmp_path / "out")


# ------------------------------------------------------------------ end to end

@pytest.fixture(scope="module")
def assembled(tmp_path_factory) -> Path:
    """Both shards built (generate + MkDocs + Pagefind, each on its own root, as
    two CI jobs would) and assembled under ``<tmp>/public/``."""
    from generator.site import build_site

    tmp = tmp_path_factory.mktemp("shards")
    source = make_source(tmp / "source")
    sites = {}
    for shard in plan_shards(source):
        shard_root = make_shard_root(source, shard, tmp / "shards", base_url="https://archive.example.org/public/")
        report = Report()
        result = build_site(shard_root, report, quiet=True)
        assert result.built, [d.format() for d in report.diagnostics]
        assert not report.errors, [d.format() for d in report.errors]
        assert result.pages_indexed and result.pages_indexed >= 1
        sites[shard.name] = result.site_dir
    return assemble(sites, tmp / "public")


@pytest.mark.e2e
def test_assembled_folder_holds_each_shard_and_the_joining_pages(assembled):
    assert (assembled / ASSEMBLED_MARKER).is_file()
    for name, article in (("2019", FIXTURE_ID), ("2020", SEED_ID)):
        assert (assembled / name / "pagefind" / "pagefind.js").is_file()
        assert (assembled / name / "articles" / article / "index.html").is_file()
    # the other shard's article is not in this shard
    assert not (assembled / "2019" / "articles" / SEED_ID).exists()
    index = (assembled / "index.html").read_text(encoding="utf-8")
    assert '<a href="2019/">2019</a>' in index and '<a href="2020/">2020</a>' in index
    search = (assembled / "search.html").read_text(encoding="utf-8")
    assert '["2019", "2020"]' in search and "mergeIndex" in search


@pytest.fixture(scope="module")
def served(assembled):
    """The folder holding public/ served over http on 127.0.0.1 (Pagefind needs http)."""
    handler = functools.partial(_QuietHandler, directory=str(assembled.parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/public/"
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium  # the session's Chromium (conftest.py)


def search(page, base: str, query: str, shard: str = "") -> list[str]:
    """Open the merged search page, type ``query``; the result links' paths."""
    page.goto(base + "search.html")
    if shard:
        page.select_option("#shard", shard)
    page.click("#q")
    page.keyboard.type(query, delay=20)
    page.wait_for_function("document.getElementById('status').textContent.includes('result')", timeout=20000)
    status = page.text_content("#status")
    hrefs = page.eval_on_selector_all("#results li a", "els => els.map(a => a.href)")
    total = int(status.split()[0])  # "32 results in 2 shards, the first 20 shown"
    assert len(hrefs) == min(total, 20), (status, hrefs)
    return [urlsplit(h).path for h in hrefs]


@pytest.mark.e2e
@pytest.mark.browser
def test_one_query_finds_articles_of_both_shards(browser, served):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    found = search(page, served, "cooperation")
    assert f"/public/2019/articles/{FIXTURE_ID}/" in found, found
    assert f"/public/2020/articles/{SEED_ID}/" in found, found
    # the results are labelled with their shard (Pagefind's mergeFilter)
    labels = page.eval_on_selector_all("#results li .shard", "els => els.map(e => e.textContent)")
    assert {"2019", "2020"} <= set(labels), labels
    # a word only the 2019 article has: only 2019 results
    only = search(page, served, "Brakkenvik")
    assert only and all(p.startswith("/public/2019/") for p in only), only
    # the shard filter keeps one shard
    in_2020 = search(page, served, "cooperation", shard="2020")
    assert in_2020 and all(p.startswith("/public/2020/") for p in in_2020), in_2020
    # a result's link opens the article inside its shard
    page.goto(served.rsplit("/public/", 1)[0] + f"/public/2019/articles/{FIXTURE_ID}/")
    assert "Brakkenvik" in page.text_content("h1")
    assert not errors, errors
    page.close()
