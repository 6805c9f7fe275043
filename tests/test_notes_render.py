"""Notes reach the page as safe HTML: hostile bodies, escaping, sidenote markup."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.annotations import Anchored, Note, NoteSource, render_body, safe_url
from generator.annotations.html import (
    render_marker_html,
    render_note_html,
    render_orphans_html,
    render_paragraph_notes,
)

FIXTURES = Path(__file__).parent / "fixtures" / "annotations"
HOSTILE = yaml.safe_load((FIXTURES / "hostile" / "bodies.yml").read_text(encoding="utf-8"))
BODY_TAGS = {"p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "br", "hr"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag


def tags_of(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def assert_safe(html: str, allowed_tags: set[str]) -> None:
    for tag, attrs in tags_of(html):
        assert tag in allowed_tags, f"tag <{tag}> in {html!r}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name} in {html!r}"
            assert name not in ("src", "style", "srcdoc", "formaction"), f"{name} in {html!r}"
            if name == "href":
                probe = "".join(value.split()).lower()
                assert probe.startswith(("http://", "https://", "mailto:", "#", "/", "../")) or ":" not in probe, value
                assert safe_url(value)


def test_hostile_corpus_is_not_empty():
    assert len(HOSTILE) >= 25


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_body_renders_without_injected_markup(body):
    html = render_body(body)
    assert_safe(html, BODY_TAGS)
    for bad in ("<script", "<img", "<svg", "<iframe", "<style", "<div", "<!--"):
        assert bad not in html.lower()


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java%09script:alert(1)", "vbscript:x", "data:text/html,x", "file:///etc/passwd", "\x01javascript:x",
])
def test_unsafe_urls_are_refused(url):
    assert not safe_url(url)


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "http://x.org", "mailto:a@example.org",
                                 "../other/", "#p3", "/articles/x/", "page.html"])
def test_safe_urls_are_accepted(url):
    assert safe_url(url)


def test_body_markdown_renders_links_with_rel_and_no_headings():
    html = render_body("# Not a heading\n\nSee [WHO](https://www.who.int) and <https://example.org>.")
    assert html == ('<p># Not a heading</p> <p>See <a href="https://www.who.int" rel="nofollow noopener">WHO</a>'
                    ' and <a href="https://example.org" rel="nofollow noopener">https://example.org</a>.</p>')


def test_body_html_is_one_line_keeping_code_newlines():
    html = render_body("Code:\n\n    a\n\n    b\n")
    assert "\n" not in html
    assert "<pre><code>a&#10;&#10;b&#10;</code></pre>" in html


def _note(**changes) -> Note:
    values = dict(id="n1", article="fixture-article", quote="the harbour bridge", prefix=None, suffix=None,
                  kind="fact-check", verdict="false", body="b", body_html="<p>b</p>", sources=(),
                  author="A", added="2026-11-29", file="x.yml", line=1)
    values.update(changes)
    return Note(**values)


def test_note_aside_structure():
    note = _note(sources=(NoteSource("https://example.org/s", "A source"),))
    html = render_note_html(Anchored(note, "exact", 2, 0, 18, "the harbour bridge", number=3))
    assert html.startswith('<aside class="na-note na-note--fact-check" id="note-n1" role="note" '
                           'aria-label="Note 3" data-note="n1" data-kind="fact-check" tabindex="-1">')
    assert '<span class="na-note__kind">Fact check</span>' in html  # the note_kind filter: once a page, article.html
    assert '<span class="na-note__verdict na-note__verdict--false">Verdict: False</span>' in html
    assert '<a href="https://example.org/s" rel="nofollow noopener">A source</a>' in html
    assert '<time datetime="2026-11-29">29 November 2026</time>' in html
    assert '<a class="na-note__permalink" href="#note-n1">Permalink</a>' in html
    assert "\n" not in html


def test_contributed_strings_are_escaped():
    hostile = '<script>alert(1)</script>" onmouseover="x'
    note = _note(author=hostile, quote=hostile, sources=(NoteSource('https://e.org/?a="><script>', hostile),))
    html = render_note_html(Anchored(note, "orphan", None, None, None, None, number=1))
    assert_safe(html, BODY_TAGS | {"aside", "span", "div", "ul", "time", "q"})
    assert "<script" not in html
    assert 'href="https://e.org/?a=&quot;&gt;&lt;script&gt;"' in html


def test_marker_button():
    item = Anchored(_note(kind="context", verdict=None), "exact", 1, 0, 5, "x", number=4)
    assert render_marker_html(item) == (
        '<button type="button" class="na-note-marker" aria-expanded="false" aria-controls="note-n1" '
        'id="note-n1-ref" data-note="n1" aria-label="Note 4 (Context)">4</button>')


def test_paragraph_notes_and_orphans_section():
    a = Anchored(_note(id="a"), "exact", 2, 0, 3, "x", number=1)
    b = Anchored(_note(id="b"), "fuzzy", 2, 5, 9, "y", number=2)
    c = Anchored(_note(id="c", quote="gone text"), "orphan", None, None, None, None, number=3)
    by_paragraph = render_paragraph_notes([c, b, a])
    assert list(by_paragraph) == [2]
    assert [line[:40] for line in by_paragraph[2].split("\n")] == [
        render_note_html(a)[:40], render_note_html(b)[:40]]
    section = render_orphans_html([a, b, c])
    lines = section.split("\n")
    assert lines[0] == ('<section class="na-orphans" id="notes-that-no-longer-match" '
                        'aria-labelledby="notes-that-no-longer-match-title">')
    assert lines[1] == '<h2 id="notes-that-no-longer-match-title">Notes that no longer match the text</h2>'
    assert 'class="na-note na-note--fact-check na-note--orphan" id="note-c"' in section
    assert '<p class="na-note__quote">On the passage <q>gone text</q></p>' in section
    assert "id=\"note-a\"" not in section and lines[-1] == "</section>"
    assert render_orphans_html([a, b]) == ""
