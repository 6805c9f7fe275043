"""Note bodies that link the archive's own pages by their full hosted address:
made relative to the article page (offline, any base path); a link to no page
of the archive is a warning naming the note file and its body line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.annotations import load_notes, safe_url
from generator.annotations.markdown import render_note_body
from generator.annotations.sitelinks import (MISSING_FIX, SiteLinks, candidates, relative_href, site_path_of,
                                             site_target)
from generator.cli import main

SITE = "https://example.org/"
PAGES = frozenset({"index.html", "about.html", "search.html", "articles/a.html", "articles/b c.html",
                   "raw/a.txt"})
LINKS = SiteLinks(SITE, PAGES)
PAGE = "articles/a.html"
SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"


def href(url: str, links: SiteLinks = LINKS) -> str | None:
    target = site_target(url, links)
    return relative_href(target, PAGE) if target is not None and target.exists else None


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/entities/who/", "../entities/who/index.html"),  # a directory URL
    ("https://example.org/about/", "../about.html"),  # a hand-written page, MkDocs' directory style
    ("https://example.org/about", "../about.html"),
    ("https://example.org/about.html", "../about.html"),
    ("https://example.org/", "../index.html"),  # the root, with and without its slash
    ("https://example.org", "../index.html"),
    ("https://example.org/articles/b.html", None),  # no such article
    ("https://example.org/articles/a.html#p3", "a.html#p3"),  # the page itself, a paragraph
    ("https://example.org/search.html?q=who#top", "../search.html?q=who#top"),  # query and fragment kept
    ("https://example.org/articles/b%20c.html", "b%20c.html"),  # encoded paths stay encoded
    ("https://example.org/raw/a.txt", "../raw/a.txt"),  # a raw source file
    ("http://example.org/about/", "../about.html"),  # http and https are the same site
    ("HTTPS://Example.ORG:443/about/", "../about.html"),
    ("https://example.org/./x/../about.html", "../about.html"),
    ("https://example.net/about/", None),  # another host
    ("https://example.org.evil.test/about/", None),  # a look-alike host
    ("https://evil.test/example.org/about/", None),
    ("https://user@example.org/about/", None),
    ("https://example.org:8443/about/", None),  # another port
    ("mailto:x@example.org", None),
    ("about.html", None),  # already relative: not ours to touch
])
def test_the_rewrite_of_an_address_under_site_url(url, expected):
    assert href(url) == expected
    if expected is not None:
        assert safe_url(expected) and "://" not in expected and not expected.startswith("/")


@pytest.mark.parametrize("site_url", ["https://example.org/news/", "https://example.org/news"])
def test_a_base_path_with_or_without_its_slash(site_url):
    links = SiteLinks(site_url if site_url.endswith("/") else site_url + "/", PAGES)
    assert href("https://example.org/news/about/", links) == "../about.html"
    assert href("https://example.org/news", links) == "../index.html"
    assert href("https://example.org/news/", links) == "../index.html"
    assert href("http://example.org/news/articles/a.html#p2", links) == "a.html#p2"
    assert href("https://example.org/newsroom/about/", links) is None  # not under the base path
    assert href("https://example.org/about/", links) is None
    assert href("https://example.org/news/../about/", links) is None  # leaves the base path
    assert href("https://example.org/news/%2e%2e/about/", links) is None


def test_paths_and_candidates():
    assert site_path_of("https://example.org/entities/who/?a=1#b", SITE) == ("entities/who/", "a=1", "b")
    assert site_path_of("https://example.org/x", "") is None  # no site_url: nothing is ours
    assert candidates("") == ("index.html",)
    assert candidates("about/") == ("about/index.html", "about.html")
    assert candidates("about") == ("about.html", "about/index.html")
    assert candidates("raw/a.txt") == ("raw/a.txt",)


def test_a_missing_page_is_reported_and_kept_as_written():
    html, missing = render_note_body("See [gone](https://example.org/gone/) and [who](https://example.org/entities/who/)"
                                     " and [elsewhere](https://example.org.evil.test/gone/).", LINKS, PAGE)
    assert missing == ("https://example.org/gone/",)
    assert html == ('<p>See <a href="https://example.org/gone/" rel="nofollow noopener">gone</a> and '
                    '<a href="../entities/who/index.html" rel="nofollow noopener">who</a> and '
                    '<a href="https://example.org.evil.test/gone/" rel="nofollow noopener">elsewhere</a>.</p>')


def test_without_site_url_nothing_is_rewritten():
    body = "[who](https://example.org/entities/who/)"
    assert render_note_body(body, SiteLinks("", PAGES), PAGE) == render_note_body(body, None, PAGE)
    assert 'href="https://example.org/entities/who/"' in render_note_body(body, None, PAGE)[0]


def test_hostile_paths_under_site_url_stay_relative_and_escaped():
    links = SiteLinks(SITE, PAGES | {'x"><script>.html', "javascript:alert(1).html"})
    html, missing = render_note_body('[a](https://example.org/x%22%3E%3Cscript%3E.html) '
                                     '[b](https://example.org/javascript:alert(1).html)', links, PAGE)
    assert not missing
    assert 'href="../x%22%3E%3Cscript%3E.html"' in html and "<script>" not in html
    assert 'href="../javascript%3Aalert(1).html"' in html


NOTE = """\
# TEST FIXTURE note (not real news): links to pages of the archive by their hosted address.
id: fixture-site-links
quote: "75,498 cumulative COVID-19 cases in 53 African countries"
kind: context
body: |
  TEST FIXTURE. See [the about page](https://example.org/archive/about/) and
  [a page that is not there](https://example.org/archive/entities-gone/).
author: newsarchive test suite
added: 2026-12-02
"""


def scratch(archive: Path) -> Path:
    (archive / "mkdocs.yml").write_text("site_url: https://example.org/archive/\nuse_directory_urls: false\n",
                                        encoding="utf-8")
    (archive / "content" / "about.md").write_text("# About\n", encoding="utf-8")
    folder = archive / "site-data" / "annotations" / SEED_ID
    (folder / "fixture-site-links.yml").write_text(NOTE, encoding="utf-8")
    return folder / "fixture-site-links.yml"


WARNING = (f"site-data/annotations/{SEED_ID}/fixture-site-links.yml:5: warning: note 'fixture-site-links': "
           "the body links 'https://example.org/archive/entities-gone/', an address of this archive that is "
           f"no page of it ({MISSING_FIX})")


def test_check_warns_on_the_body_line_and_strict_fails(archive: Path):
    scratch(archive)
    runner = CliRunner()
    result = runner.invoke(main, ["--root", str(archive), "check"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert WARNING in result.stderr.splitlines(), result.stderr
    assert result.stderr.splitlines()[-1].endswith(": 0 errors, 1 warning")
    strict = runner.invoke(main, ["--root", str(archive), "check", "--strict"], catch_exceptions=False)
    assert strict.exit_code == 1
    assert WARNING in strict.stderr.splitlines()


def test_the_build_warns_too_and_renders_the_note(archive: Path):
    """The generator stage of ``build`` (generate: no MkDocs) gives the same warning;
    the note is on the page with its good link relative and the other as written."""
    from generator.diagnostics import Report
    from generator.generate import generate

    scratch(archive)
    _archive, report = generate(archive, Report())
    assert [d.format() for d in report.diagnostics if "fixture-site-links" in d.format()] == [WARNING]
    assert report.failed(strict=True) and not report.failed(strict=False)
    page = (archive / "content" / "articles" / f"{SEED_ID}.md").read_text(encoding="utf-8")
    assert 'id="note-fixture-site-links"' in page
    assert '<a href="../about.html" rel="nofollow noopener">the about page</a>' in page
    assert '<a href="https://example.org/archive/entities-gone/" rel="nofollow noopener">' in page


def test_load_notes_without_links_leaves_addresses_alone(archive: Path):
    scratch(archive)
    notes, report = load_notes(archive / "site-data" / "annotations", {SEED_ID}, archive, only=SEED_ID)
    note = next(n for n in notes[SEED_ID] if n.id == "fixture-site-links")
    assert 'href="https://example.org/archive/about/"' in note.body_html
    assert not [d for d in report.diagnostics if "no page of it" in d.message]
