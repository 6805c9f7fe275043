"""Unit tests of what a page says about itself: the description, the
JSON-LD and its escaping, OpenGraph tags, the original URL (sidecar, saved
HTML), citations and the "Suggest a note" link. Every article here is a
TEST FIXTURE; the seed's own values are checked on the built site
(tests/test_share_browser.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from generator.annotations.skeleton import blank_skeleton
from generator.pagedata import Chrome, PageView, lastmod
from generator.cite import citation, tex
from generator.diagnostics import InputError
from generator.head import Site, article_jsonld, cut, description, meta_tags, script_json
from generator.readers.html import HtmlReader
from generator.sidecar import load_sidecar
from generator.urls import http_url

SITE = Site("newsarchive", "https://archive.example.org/", "An archive")
META = {
    "id": "2020-01-02-test-fixture", "title": "TEST FIXTURE: a </script><!-- headline & more",
    "published": "2020-01-02T10:00:00+08:00", "agency": "TEST FIXTURE Agency", "publisher": "Fixture Daily",
    "dateline": {"place": "TESTVILLE", "date": "2020-01-02", "text": "TESTVILLE, Jan. 2 (TEST FIXTURE)"},
    "byline": None, "url": "https://fixture.example.com/story.html", "corrected": ["title"],
    "corrected_on": "2026-12-01", "archived": "2026-11-30", "word_count": 9, "template": "article.html",
    "description": "TEST FIXTURE - not real news.",
    "people": [{"name": "Ed One", "forms": ["Ed One"], "id": "ed-one", "paragraphs": [1]}],
    "organisations": [], "places": [{"name": "Testville", "forms": ["Testville"], "paragraphs": [1]}],
}


def test_description_is_the_first_paragraph_without_its_dateline_cut_at_a_word():
    long = "TESTVILLE, Jan. 2 (TEST FIXTURE) -- " + " ".join(["word"] * 60)
    text = description([long, "Second."], "TESTVILLE, Jan. 2 (TEST FIXTURE)")
    assert text.startswith("word word") and text.endswith("…")
    assert len(text) <= 160 and not text[:-1].endswith(" ")
    assert description(["Short lead.", "TEST FIXTURE second paragraph."]) == \
        "Short lead. TEST FIXTURE second paragraph."  # a short first paragraph is joined with the next
    # a text just over 160 is kept whole ("near 160"), one far over is cut
    assert len(description(["x" * 150 + " a b c d e f g h"])) == 166
    assert len(description(["x" * 150 + " a b c d e f g h i j k l"])) <= 160
    assert cut("a " * 200).endswith("…")
    assert description(["Line\nbreak\x00 and\ttabs"]) == "Line break and tabs"


def test_json_ld_is_inert_in_a_script_element_and_round_trips():
    data = article_jsonld(META, "https://archive.example.org/articles/x/", SITE)
    text = script_json(data)
    for bad in ("</script", "<!--", "<", ">", "&"):
        assert bad not in text
    assert "\\u003c/script\\u003e\\u003c!--" in text
    assert json.loads(text) == data
    assert json.loads(script_json({"t": "a\u2028b"})) == {"t": "a\u2028b"} and "\u2028" not in script_json("\u2028")


def test_json_ld_fields():
    refs = {"ed-one": __import__("generator.head", fromlist=["EntityRef"]).EntityRef(
        "https://archive.example.org/entities/ed-one/", "Q42")}
    data = article_jsonld(META, "https://archive.example.org/articles/x/", SITE, refs)
    assert data["@type"] == "NewsArticle" and data["headline"] == META["title"]
    assert data["datePublished"] == "2020-01-02T10:00:00+08:00"
    assert data["dateModified"] == "2026-12-01"
    assert data["author"] == {"@type": "Organization", "name": "TEST FIXTURE Agency"}  # no byline: the agency
    assert data["publisher"] == {"@type": "Organization", "name": "Fixture Daily"}
    assert data["sourceOrganization"] == {"@type": "Organization", "name": "TEST FIXTURE Agency"}
    assert data["locationCreated"] == {"@type": "Place", "name": "TESTVILLE"}
    assert data["isBasedOn"] == "https://fixture.example.com/story.html"
    assert data["url"] == data["mainEntityOfPage"]["@id"] == "https://archive.example.org/articles/x/"
    assert data["about"] == [
        {"@type": "Person", "name": "Ed One", "url": "https://archive.example.org/entities/ed-one/",
         "sameAs": "https://www.wikidata.org/wiki/Q42"},
        {"@type": "Place", "name": "Testville"}]
    bare = article_jsonld({**META, "byline": "Jo Writer", "url": "javascript:alert(1)", "corrected_on": None},
                          None, Site("n"))
    assert bare["author"] == {"@type": "Person", "name": "Jo Writer"}
    two = article_jsonld({**META, "byline": ["Jo Writer", "Al Other"]}, None, Site("n"))
    assert two["author"] == [{"@type": "Person", "name": "Jo Writer"}, {"@type": "Person", "name": "Al Other"}]
    assert "isBasedOn" not in bare and "dateModified" not in bare and "url" not in bare


def test_open_graph_and_twitter_tags():
    tags = meta_tags(META, "https://archive.example.org/articles/x/", SITE, META["title"], True)
    found: dict[str, list[str]] = {}
    for _attr, name, content in tags:
        found.setdefault(name, []).append(content)
    assert found["og:type"] == ["article"] and found["og:title"] == [META["title"]]
    assert found["og:url"] == ["https://archive.example.org/articles/x/"]
    assert found["og:description"] == found["twitter:description"] == ["TEST FIXTURE - not real news."]
    assert found["article:published_time"] == ["2020-01-02T10:00:00+08:00"]
    assert found["article:modified_time"] == ["2026-12-01"]
    assert found["article:section"] == ["TEST FIXTURE Agency"]
    assert found["article:tag"] == ["Ed One", "Testville"]
    assert found["twitter:card"] == ["summary"]
    home = dict((n, c) for _a, n, c in meta_tags({}, None, SITE, "newsarchive", False))
    assert home["og:type"] == "website" and "og:url" not in home and home["og:description"] == "An archive"


@pytest.mark.parametrize("url, ok", [
    ("https://example.com/a?b=1#c", True), ("http://example.com", True), (" https://example.com/ ", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), ("data:text/html,x", False),
    ("/relative/path", False), ("//example.com/x", False), ("https://exa mple.com/", False),
    ("https://example.com/\"onclick", False), ("ftp://example.com/", False), ("https://", False), (42, False),
])
def test_http_url(url, ok):
    assert (http_url(url) is not None) is ok


def test_sidecar_url_archived_and_corrected_on(tmp_path):
    side = tmp_path / "x.meta.yml"
    side.write_text("title: TEST FIXTURE corrected\nurl: https://fixture.example.com/a\n"
                    "archived: 2026-11-30\ncorrected_on: 2026-12-01\n", encoding="utf-8")
    sidecar = load_sidecar(side, "site-data/raw/x.meta.yml")
    assert sidecar.values["url"] == "https://fixture.example.com/a"
    assert sidecar.values["archived"] == "2026-11-30" and sidecar.values["corrected_on"] == "2026-12-01"
    assert sidecar.keys == ("title", "url")  # archived and corrected_on are not corrections
    side.write_text("title: x\nurl: javascript:alert(1)\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_sidecar(side, "site-data/raw/x.meta.yml")
    assert str(err.value).startswith("site-data/raw/x.meta.yml:2: error: url: 'javascript:alert(1)' is not")
    assert "\n" not in str(err.value)
    side.write_text("archived: last tuesday\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x.meta.yml:1: error: archived: .* an ISO date"):
        load_sidecar(side, "site-data/raw/x.meta.yml")


SAVED_PAGE = """<!DOCTYPE html><html><head><title>TEST FIXTURE: a saved page</title>
<link rel="canonical" href="{canonical}">
<meta property="og:url" content="https://fixture.example.com/og-url.html">
<meta property="article:published_time" content="2024-03-02T10:15:00+08:00">
</head><body><article><h1>TEST FIXTURE: a saved page</h1>
<p>TESTVILLE, March 2 (Xinhua) -- TEST FIXTURE - not real news. A paragraph long enough to be the body.</p>
<p>TEST FIXTURE - a second paragraph of invented text, so that the page has an article body.</p>
</article></body></html>"""


def test_saved_html_gives_the_original_url_from_canonical_else_og_url():
    reader = HtmlReader()
    page = SAVED_PAGE.format(canonical="https://fixture.example.com/canonical.html")
    raw = reader.read("site-data/raw/x.html", page, "0" * 64)
    assert raw.url == "https://fixture.example.com/canonical.html" and raw.line_of["url"] == 2
    raw = reader.read("site-data/raw/x.html", SAVED_PAGE.format(canonical="javascript:alert(1)"), "0" * 64)
    assert raw.url == "https://fixture.example.com/og-url.html"


def test_citation_apa_and_bibtex():
    cite = citation(META, "https://archive.example.org/articles/x/", "newsarchive")
    assert cite.apa == ("TEST FIXTURE Agency. (2020, January 2). TEST FIXTURE: a </script><!-- headline & more. "
                        "Fixture Daily. Originally published at https://fixture.example.com/story.html. "
                        "Archived November 30, 2026, in newsarchive: https://archive.example.org/articles/x/")
    assert "".join(cite.apa_parts) == cite.apa and cite.apa_parts[1] == "Fixture Daily"
    assert cite.archived == "November 30, 2026" and cite.original == "https://fixture.example.com/story.html"
    lines = cite.bibtex.splitlines()
    assert lines[0] == "@misc{test2020test," and lines[-1] == "}"
    assert "  author = {{TEST FIXTURE Agency}}," in lines
    assert "  title = {{TEST FIXTURE: a </script><!-- headline \\& more}}," in lines
    assert "  url = {https://archive.example.org/articles/x/}," in lines and "  urldate = {2026-11-30}," in lines
    assert "  year = {2020}," in lines and "  month = {jan}," in lines
    assert tex("{a}%_#$^~\\&") == r"\{a\}\%\_\#\$\^{}\~{}\textbackslash{}\&"
    both = citation({**META, "byline": ["Jo Writer", "Al Other"]}, "articles/x/", "n")
    assert both.apa.startswith("Jo Writer & Al Other. (2020, January 2).")
    assert "  author = {Jo Writer and Al Other}," in both.bibtex.splitlines()
    assert both.bibtex.startswith("@misc{writer2020test,")  # the first author's surname
    nobody = citation({"title": "TEST FIXTURE: why?", "published": "2020-01-02"}, "articles/y/", "n")
    assert nobody.apa == "TEST FIXTURE: why? (2020, January 2). Archived in n: articles/y/"  # no "?."


def test_suggest_note_url_opens_a_prefilled_new_file_on_github():
    page = PageView("articles/2020-01-02-test-fixture.md", "articles/2020-01-02-test-fixture/", None,
                    "t", META)
    chrome = Chrome(SITE, "https://github.com/example/newsarchive/", "edit/trunk/content/")
    url = urlsplit(chrome.suggest_note_url(page))
    assert (url.scheme, url.netloc) == ("https", "github.com")
    assert url.path == "/example/newsarchive/new/trunk/site-data/annotations/2020-01-02-test-fixture"
    query = parse_qs(url.query)
    assert query["filename"] == ["my-note.yml"]
    assert query["value"] == [blank_skeleton("2020-01-02-test-fixture", META["title"])]
    assert "quote: \"\"" in query["value"][0] and "added: YYYY-MM-DD" in query["value"][0]
    assert Chrome(SITE, "https://gitlab.example.com/x/y").suggest_note_url(page) is None
    assert Chrome(SITE, None).suggest_note_url(page) is None
    assert unquote(chrome.suggest_note_url(page)).count("\n") == blank_skeleton("a", "b").count("\n")


def test_lastmod_is_the_latest_of_published_corrected_and_noted():
    assert lastmod({"published": "2020-01-02T10:00:00+08:00"}) == "2020-01-02"
    assert lastmod({"published": "2020-01-02", "corrected_on": "2026-12-01",
                    "notes": {"updated": "2026-11-29"}}) == "2026-12-01"
    assert lastmod({"published": "2020-01-02", "notes": {"updated": "2027-01-01"}}) == "2027-01-01"
    assert lastmod({"published": "garbage"}) is None


def test_blank_skeleton_is_a_valid_note_once_filled(tmp_path):
    from generator.annotations import load_notes

    text = blank_skeleton("2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19", "T")
    filled = (text.replace('quote: ""', 'quote: "75,498 cumulative COVID-19 cases"')
              .replace('id: ""', "id: 75498-cumulative-covid-19-cases")
              .replace('body: ""', 'body: "TEST FIXTURE note."').replace('author: ""', 'author: "TEST FIXTURE"')
              .replace("added: YYYY-MM-DD", f"added: {date(2026, 12, 1).isoformat()}"))
    folder = tmp_path / "annotations" / "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"
    folder.mkdir(parents=True)
    (folder / "my-note.yml").write_text(filled, encoding="utf-8")
    notes, report = load_notes(tmp_path / "annotations", {folder.name}, tmp_path)
    assert not report.errors, [d.format() for d in report.errors]
    assert notes[folder.name][0].quote == "75,498 cumulative COVID-19 cases"
    assert notes[folder.name][0].id == "75498-cumulative-covid-19-cases"
    (folder / "my-note.yml").write_text(text, encoding="utf-8")  # unfilled: the check says what to fix
    _notes, report = load_notes(tmp_path / "annotations", {folder.name}, tmp_path)
    assert report.errors and all(d.file.endswith("my-note.yml") for d in report.errors)
