"""The feeds (generator/feeds.py), generated from a scratch archive (the
seed, the TEST FIXTURE search articles, the TEST FIXTURE hostile article and
its notes): Atom parsed and checked for the elements RFC 4287 requires, JSON
Feed validated against a schema of JSON Feed 1.1, URLs absolute with
site_url and relative (resolving to the right page) without, no clock,
hostile text escaped, notes linking to their permalinks with kind and verdict."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest
from lxml import etree

from generator.diagnostics import Report
from generator.generate import generate, site_files_dir
from generator.pipeline import Options

from conftest import ROOT, SEED_ID

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = json.loads((ROOT / "tests/fixtures/feeds/jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
HOSTILE = ROOT / "tests/fixtures/hostile"
HOSTILE_ID = "2020-05-17-test-fixture-hostile-text"
SITE_URL = "https://archive.example.org/"


def scratch(target: Path, site_url: str | None) -> Path:
    shutil.copytree(ROOT / "site-data", target / "site-data")
    (target / "content").mkdir()
    for path in sorted((ROOT / "tests/fixtures/search/raw").glob("*.txt")):
        shutil.copy(path, target / "site-data" / "raw" / path.name)
    shutil.copy(HOSTILE / "raw" / f"{HOSTILE_ID}.txt", target / "site-data" / "raw")
    (target / "site-data" / "annotations" / HOSTILE_ID).mkdir()
    shutil.copy(HOSTILE / "notes.yml", target / "site-data" / "annotations" / HOSTILE_ID / "notes.yml")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^site_url:.*$", f"site_url: {site_url}" if site_url else "", config)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def feeds_of(root: Path) -> dict[str, bytes]:
    _archive, report = generate(root, Report(), Options(cache=False))
    assert not report.errors, [d.format() for d in report.errors]
    folder = site_files_dir(root) / "feeds"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def absolute(tmp_path_factory) -> dict[str, bytes]:
    return feeds_of(scratch(tmp_path_factory.mktemp("feeds-abs"), SITE_URL))


@pytest.fixture(scope="module")
def relative(tmp_path_factory) -> dict[str, bytes]:
    return feeds_of(scratch(tmp_path_factory.mktemp("feeds-rel"), None))


def atom_entries(data: bytes) -> tuple[etree._Element, list[etree._Element]]:
    root = etree.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    return root, root.findall(f"{ATOM}entry")


def test_every_feed_is_there(absolute):
    for name in ("articles", "notes", "fact-checks", "agency/xinhua", "entities/xi-jinping",
                 "entities/world-health-organization"):
        assert f"{name}.xml" in absolute and f"{name}.json" in absolute, name
    assert len([n for n in absolute if n.startswith("entities/")]) > 20


def test_atom_has_the_required_elements_and_absolute_urls(absolute):
    for name, data in absolute.items():
        if not name.endswith(".xml"):
            continue
        root, entries = atom_entries(data)
        for tag in ("id", "title", "updated", "author"):
            assert root.find(f"{ATOM}{tag}") is not None, (name, tag)
        self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
        assert self_link == f"{SITE_URL}feeds/{name}", name
        updated = [e.findtext(f"{ATOM}updated") for e in entries]
        # no clock: the feed's date is its newest entry's (or the epoch for an empty feed)
        assert root.findtext(f"{ATOM}updated") == (max(updated) if updated else "1970-01-01T00:00:00+00:00"), name
        for entry in entries:
            for tag in ("id", "title", "updated", "published"):
                assert entry.findtext(f"{ATOM}{tag}"), (name, tag)
            link = entry.find(f"{ATOM}link").get("href")
            assert link.startswith(f"{SITE_URL}articles/"), (name, link)
            assert entry.findtext(f"{ATOM}id").startswith(SITE_URL)


def test_json_feeds_are_valid_json_feed_1_1(absolute):
    checker = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    for name, data in absolute.items():
        if name.endswith(".json"):
            feed = json.loads(data)
            checker.validate(feed)
            assert feed["feed_url"] == f"{SITE_URL}feeds/{name}"
            assert all(i["url"].startswith(f"{SITE_URL}articles/") for i in feed["items"])
            for item in feed["items"]:
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})", item["date_published"])
    bad = {"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id": "1"}]}
    with pytest.raises(jsonschema.ValidationError):  # the schema can fail: an item without content
        checker.validate(bad)


def test_article_feed_entries(absolute):
    feed = json.loads(absolute["articles.json"])
    seed = next(i for i in feed["items"] if SEED_ID in i["url"])
    assert seed["title"] == "What China has done to boost int'l cooperation against COVID-19"
    assert seed["id"] == seed["url"] == f"{SITE_URL}articles/{SEED_ID}.html"
    assert seed["date_published"] == "2020-05-17T15:51:00+08:00"
    assert seed["content_text"].startswith("Across the globe, the COVID-19 pandemic")
    assert seed["authors"] == [{"name": "Xinhua"}] and "Xi Jinping" in seed["tags"]
    dates = [i["date_published"] for i in feed["items"]]
    assert len(dates) == 5 and dates == sorted(dates, reverse=True)  # every article of the scratch archive
    xinhua = json.loads(absolute["agency/xinhua.json"])
    assert f"{SITE_URL}articles/{SEED_ID}.html" in [i["url"] for i in xinhua["items"]]
    assert xinhua["home_page_url"] == f"{SITE_URL}archive/agency/xinhua/index.html"
    xi = json.loads(absolute["entities/xi-jinping.json"])
    assert [i["url"] for i in xi["items"]] == [f"{SITE_URL}articles/{SEED_ID}.html"]


def test_notes_feeds_link_to_permalinks_with_kind_and_verdict(absolute):
    feed = json.loads(absolute["notes.json"])
    ids = {i["_newsarchive"]["note"]: i for i in feed["items"]}
    africa = ids["africa-case-figures"]
    assert africa["url"] == f"{SITE_URL}articles/{SEED_ID}.html#note-africa-case-figures"
    assert africa["title"].startswith("Fact check: Unverified — “75,498 cumulative COVID-19 cases")
    assert "<strong>Fact check</strong> · verdict: <strong>Unverified</strong>" in africa["content_html"]
    assert africa["tags"] == ["Fact check", "Unverified"] and africa["date_published"] == "2026-11-29T00:00:00Z"
    assert africa["_newsarchive"] == {"kind": "fact-check", "verdict": "unverified", "article": SEED_ID,
                                      "note": "africa-case-figures"}
    checks = json.loads(absolute["fact-checks.json"])
    assert {i["_newsarchive"]["kind"] for i in checks["items"]} == {"fact-check"}
    assert "africa-case-figures" in {i["_newsarchive"]["note"] for i in checks["items"]}
    _root, entries = atom_entries(absolute["notes.xml"])
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert f"{SITE_URL}articles/{SEED_ID}.html#note-africa-case-figures" in links
    terms = {c.get("term") for e in entries for c in e.findall(f"{ATOM}category")}
    assert {"Fact check", "Unverified", "Context"} <= terms


def test_hostile_text_is_escaped(absolute):
    for name in ("articles.xml", "notes.xml"):  # (a JSON Feed title is plain text: it may say "<script>")
        text = absolute[name].decode("utf-8")
        assert "<script" not in text and "<iframe" not in text, name
    _root, entries = atom_entries(absolute["notes.xml"])
    for entry in entries:  # the HTML a feed reader shows: tags from notes are text in it
        html = entry.findtext(f"{ATOM}content")
        assert "<script" not in html and "<iframe" not in html and "<img" not in html
        assert not re.search(r"""(href|src)=["']?\s*(javascript|data):""", html), html
    _root, entries = atom_entries(absolute["articles.xml"])
    hostile = next(e for e in entries if HOSTILE_ID in e.find(f"{ATOM}link").get("href"))
    assert '</title><script>alert("t")</script>' in hostile.findtext(f"{ATOM}title")  # shown as text
    notes = json.loads(absolute["notes.json"])
    html = " ".join(i["content_html"] for i in notes["items"] if i["_newsarchive"]["article"] == HOSTILE_ID)
    assert "<script" not in html and "&lt;script&gt;" in html and 'href="javascript:' not in html
    assert 'href="data:' not in html


def test_without_site_url_links_are_relative_to_the_feed(relative):
    _root, entries = atom_entries(relative["agency/xinhua.xml"])
    feed_url = "https://anywhere.example/sub/feeds/agency/xinhua.xml"  # wherever the site is served
    entry = next(e for e in entries if SEED_ID in e.find(f"{ATOM}link").get("href"))
    link = entry.find(f"{ATOM}link").get("href")
    assert link == f"../../articles/{SEED_ID}.html" and urljoin(feed_url, link) == \
        f"https://anywhere.example/sub/articles/{SEED_ID}.html"
    assert entry.findtext(f"{ATOM}id") == f"urn:newsarchive:article:{SEED_ID}"
    feed = json.loads(relative["notes.json"])
    assert feed["feed_url"] == "notes.json" and feed["home_page_url"] == "../index.html"
    assert all(i["url"].startswith(f"../articles/") for i in feed["items"])


def test_feeds_are_deterministic_and_have_no_build_date(absolute, tmp_path):
    again = feeds_of(scratch(tmp_path, SITE_URL))
    assert again == absolute
    today = date.today().isoformat()
    assert not any(today in data.decode("utf-8") for data in absolute.values())


def test_page_urls_follow_use_directory_urls(tmp_path):
    from generator.settings import SiteSettings, site_settings

    on, off = SiteSettings(), SiteSettings(use_directory_urls=False)
    assert [on.page_url(p) for p in ("index.md", "articles/x.md", "entities/y/index.md")] == \
        ["", "articles/x/", "entities/y/"]
    assert [off.page_url(p) for p in ("index.md", "articles/x.md", "entities/y/index.md")] == \
        ["index.html", "articles/x.html", "entities/y/index.html"]
    (tmp_path / "mkdocs.yml").write_text("site_name: n\nsite_url: https://a.example/x\nuse_directory_urls: false\n"
                                         "docs_dir: !relative $config_dir/content\n", encoding="utf-8")
    assert site_settings(tmp_path) == SiteSettings("n", "https://a.example/x/", "", False)
    (tmp_path / "mkdocs.yml").write_text("site_url: javascript:alert(1)\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"mkdocs.yml: error: site_url 'javascript:alert\(1\)' is not an http"):
        site_settings(tmp_path)


def test_feeds_link_html_pages_without_directory_urls(tmp_path):
    root = scratch(tmp_path, SITE_URL)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("use_directory_urls: true",
                                                                       "use_directory_urls: false")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    feeds = feeds_of(root)
    feed = json.loads(feeds["notes.json"])
    assert f"{SITE_URL}articles/{SEED_ID}.html#note-africa-case-figures" in [i["url"] for i in feed["items"]]
    assert json.loads(feeds["agency/xinhua.json"])["home_page_url"] == f"{SITE_URL}archive/agency/xinhua/index.html"


@pytest.mark.parametrize("site_url", [SITE_URL, ""])
def test_a_notes_links_in_a_feed_lead_where_they_lead_on_the_page(site_url):
    """A note body links relative to its article's page; a feed reader resolves a
    link against the feed's address, so the feed rebases them (TEST FIXTURE hrefs)."""
    from generator.feeds import Urls, rebase_links
    from generator.settings import SiteSettings

    urls = Urls(SiteSettings("n", site_url, "", False))
    body = ('<p><a href="other.html" rel="nofollow noopener">a</a> <a href="../entities/x/index.html#p1&amp;q">b</a> '
            '<a href="#note-two">c</a> <a href="https://example.net/x?a=1&amp;b=2">d</a> '
            '<a href="mailto:a@example.net">e</a></p>')
    out = rebase_links(body, "articles/one.html", urls, "feeds/notes")
    hrefs = re.findall(r'href="([^"]*)"', out)
    if site_url:
        assert hrefs[:3] == [f"{SITE_URL}articles/other.html", f"{SITE_URL}entities/x/index.html#p1&amp;q",
                             f"{SITE_URL}articles/one.html#note-two"]
    else:
        feed = "https://anywhere.example/sub/feeds/notes.xml"
        assert [urljoin(feed, h.replace("&amp;", "&")) for h in hrefs[:3]] == [
            "https://anywhere.example/sub/articles/other.html",
            "https://anywhere.example/sub/entities/x/index.html#p1&q",
            "https://anywhere.example/sub/articles/one.html#note-two"]
    assert hrefs[3:] == ["https://example.net/x?a=1&amp;b=2", "mailto:a@example.net"]  # as they were
    assert 'rel="nofollow noopener"' in out


def test_the_built_notes_feed_links_a_notes_links_to_pages_of_the_site(offline_site):
    """The TEST FIXTURE notes of tests/fixtures/offline/ link other pages: in feeds/notes.json
    (site_url https://example.org/) each is the page's address, and that page exists."""
    feed = json.loads((offline_site / "feeds" / "notes.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if i["_newsarchive"]["note"] == "fixture-coast-visit")
    hrefs = re.findall(r'href="([^"]*)"', item["content_html"])
    inside = [h for h in hrefs if h.startswith("https://example.org/")]
    assert "https://example.org/articles/2021-03-01-test-fixture-vellan-opens-clinic.html" in inside
    assert "https://example.org/entities/alda-brenner/index.html" in inside
    assert "https://example.org/articles/2021-03-03-test-fixture-brenner-visits-ostmark.html#note-fixture-season" \
        in inside
    for href in inside:
        assert (offline_site / href.removeprefix("https://example.org/").split("#")[0]).is_file(), href
    assert all(h.startswith(("https://", "mailto:")) for h in hrefs), hrefs
