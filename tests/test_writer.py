"""The write stage: escaping through a real Python-Markdown, spans, pages,
determinism, and the generator's ownership of its folders."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import frontmatter
import markdown
import pytest
from hypothesis import given, settings, strategies as st
from mkdocs.utils.meta import get_data

from generator.diagnostics import InputError
from generator.records import Article, Dateline, Figure, Mention, Source
from generator.writer import (
    MANIFEST,
    Span,
    clean_owned,
    published_display,
    published_sort_key,
    raw_site_path,
    render_archive,
    render_article,
    render_inline,
    render_latest,
    render_pages,
    write_owned,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def md() -> markdown.Markdown:
    """Python-Markdown with exactly the extensions mkdocs.yml gives MkDocs."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    configs = {
        name: {k: ([os.fspath(x) for x in v] if k == "base_path" else v) for k, v in opts.items()}
        for name, opts in config.mdx_configs.items()
    }
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=configs)


def convert(md: markdown.Markdown, text: str) -> str:
    md.reset()
    return md.convert(text)


_LINE_BREAKS = "\n\r\t\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029"


def shown(text: str, strip: bool = True) -> str:
    """What a reader should see: the text, line breaks as spaces, controls as U+FFFD
    (and, at the start or end of a block, no spaces: HTML would not show them)."""
    table = {c: " " for c in _LINE_BREAKS}
    table.update({chr(c): "\ufffd" for c in range(0x20) if chr(c) not in _LINE_BREAKS})
    table["\x7f"] = "\ufffd"
    out = text.translate(str.maketrans(table))
    return out.strip(" ") if strip else out


INJECTIONS = [
    "*emphasis* and **strong** and _under_ __dunder__",
    "[link](http://example.com) and ![img](x.png) and [ref][1]",
    "<script>alert(1)</script>",
    '<b>bold</b> <a href="javascript:alert(1)">x</a> <img src=x onerror=alert(1)>',
    "{{ jinja }} {% raw %} {# comment #}",
    "---",
    "***",
    "___",
    "- - -",
    "back\\slash \\* \\\\ \\",
    "&amp; &lt; &copy; &#124; & AT&T",
    "1. ordered",
    "1986. A year",
    "2) other",
    "> quote",
    ">> nested",
    "+ plus",
    "- minus",
    "# heading",
    "###### deep #",
    "| a | b |",
    "`code` and ``more``",
    "    indented code",
    "\tTabbed",
    '!!! note "Title"',
    "--8<-- \"about.md\"",
    ";--8<-- \"about.md\"",
    "[TOC]",
    '{: #x .evil onclick="alert(1)" }',
    "text {: #y }",
    "<http://example.com> <me@example.com>",
    "[^1] footnote and *[HTML]: abbreviation",
    "line one\n\nline two\n    line three\n# four",
    "trailing two spaces  ",
    "\x02wzxhzdk:0\x03 placeholder",
    "= = =\n===",
    "~~strike~~ ^^ins^^ ==mark== ++kbd++",
    "<!-- comment -->",
    "Jan. 22, COVID-19, 75,498 cases (WHO) -- \"quoted\" 'single' ...",
    "http://example.com/auto :smile: $x$",
    "   leading spaces then *star*",
    "*",
    "_",
    "=",
    "!",
    "1.",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_paragraph_text_reaches_the_page_literally(md, text):
    out = convert(md, render_inline(text) + "\n{: #p1 }")
    m = re.fullmatch(r'<p id="p1">(.*)</p>', out, re.S)
    assert m, out
    inner = m.group(1)
    assert "<" not in inner, out  # no element of any kind came out of the text
    assert html.unescape(inner) == shown(text)


@pytest.mark.parametrize("text", INJECTIONS)
def test_headline_text_reaches_the_page_literally(md, text):
    out = convert(md, "# " + render_inline(text))
    m = re.fullmatch(r'<h1 id="[^"]*">(.*)<a class="headerlink" [^>]*>&para;</a></h1>', out, re.S)
    assert m, out
    assert html.unescape(m.group(1)) == shown(text)


@pytest.mark.parametrize("text", INJECTIONS)
def test_link_text_reaches_the_page_literally(md, text):
    if not shown(text):
        pytest.skip("nothing to link")
    out = convert(md, "- " + render_inline(text, [Span(0, len(text), "link", {"href": "../x.md"})]))
    m = re.fullmatch(r'<ul>\n<li><a href="\.\./x\.md">(.*)</a></li>\n</ul>', out, re.S)
    assert m, out
    assert "<" not in m.group(1)
    assert html.unescape(m.group(1)) == shown(text, strip=False)


MARKDOWN_CHARS = "*_#[](){}<>&|`\\!-+.=:;'\"~^$%@ 0123456789aZ\n\t"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=MARKDOWN_CHARS, min_size=1, max_size=40))
def test_any_text_is_shown_literally(text):
    converter = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list", "md_in_html",
                                              "admonition", "pymdownx.snippets"])
    out = converter.convert(render_inline(text) + "\n{: #p1 }")
    if not shown(text):
        return
    m = re.fullmatch(r'<p id="p1">(.*)</p>', out, re.S)
    assert m, (text, out)
    assert "<" not in m.group(1)
    assert html.unescape(m.group(1)) == shown(text)


def test_escaped_markdown_is_readable_for_plain_prose():
    text = "Jan. 22, COVID-19, 75,498 cases (WHO) -- \"quoted\""
    assert render_inline(text) == text


# --------------------------------------------------------------------------
# Spans
# --------------------------------------------------------------------------

NOTE = {"id": "note-1", "classes": ["na-note"], "marker": "1", "marker_href": "#n1"}


def test_link_span_with_title(md):
    out = render_inline("see *WHO* here", [Span(4, 9, "link", {"href": "../who.md", "title": 'a "b" (c)'})])
    assert out == 'see [\\*WHO\\*](../who.md "a &quot;b&quot; &#40;c&#41;") here'
    m = re.fullmatch(r'<p>see <a href="\.\./who\.md" title="([^"]*)">\*WHO\*</a> here</p>', convert(md, out))
    assert m and html.unescape(m.group(1)) == 'a "b" (c)'


def test_mark_span_carries_id_classes_and_marker(md):
    out = convert(md, render_inline("abc def", [Span(4, 7, "mark", NOTE)]))
    assert out == ('<p>abc <mark id="note-1" class="na-note">def</mark>'
                   '<sup class="na-marker"><a href="#n1">1</a></sup></p>')


def test_mark_crossing_into_a_link_splits_the_mark(md):
    # link [0,6) "abcdef", mark [3,9) "defghi": the mark is split at the link's end
    out = render_inline("abcdefghij", [Span(0, 6, "link", {"href": "x.md"}), Span(3, 9, "mark", NOTE)])
    assert out == ('[abc<mark id="note-1" class="na-note">def</mark>](x.md)'
                   '<mark class="na-note na-continued">ghi</mark><sup class="na-marker"><a href="#n1">1</a></sup>j')
    assert convert(md, out) == (
        '<p><a href="x.md">abc<mark id="note-1" class="na-note">def</mark></a>'
        '<mark class="na-note na-continued">ghi</mark><sup class="na-marker"><a href="#n1">1</a></sup>j</p>')


def test_link_crossing_out_of_a_mark_splits_the_link(md):
    out = render_inline("abcdefghij", [Span(0, 6, "mark", NOTE), Span(3, 9, "link", {"href": "x.md"})])
    assert convert(md, out) == (
        '<p><mark id="note-1" class="na-note">abc<a href="x.md">def</a></mark>'
        '<sup class="na-marker"><a href="#n1">1</a></sup><a href="x.md">ghi</a>j</p>')


def test_nested_spans_do_not_split(md):
    out = render_inline("Xi Jinping said", [Span(0, 15, "mark", NOTE), Span(0, 10, "link", {"href": "xi.md"})])
    assert out.count("<mark") == 1 and out.count("](xi.md)") == 1
    assert convert(md, out).startswith('<p><mark id="note-1" class="na-note"><a href="xi.md">Xi Jinping</a> said')


def test_marker_of_a_mark_inside_a_link_goes_after_the_link(md):
    out = render_inline("Xi Jinping said", [Span(0, 10, "link", {"href": "xi.md"}), Span(3, 10, "mark", NOTE)])
    assert out == ('[Xi <mark id="note-1" class="na-note">Jinping</mark>](xi.md)'
                   '<sup class="na-marker"><a href="#n1">1</a></sup> said')
    out = render_inline("Xi Jinping said", [Span(0, 10, "link", {"href": "xi.md"}), Span(0, 2, "mark", NOTE)])
    assert out == ('[<mark id="note-1" class="na-note">Xi</mark> Jinping](xi.md)'
                   '<sup class="na-marker"><a href="#n1">1</a></sup> said')
    html_out = convert(md, out)
    assert html_out.count("<a ") == 2 and "</a></sup>" in html_out and not re.search(r"<a [^>]*>[^<]*<mark[^>]*>Xi</mark> Jinping<sup", html_out)


def test_span_text_is_escaped(md):
    out = convert(md, render_inline("<b>*x*</b>", [Span(0, 10, "mark", {"id": "m"})]))
    assert out == '<p><mark id="m">&lt;b&gt;*x*&lt;/b&gt;</mark></p>'


@pytest.mark.parametrize("span, message", [
    (Span(0, 3, "link", {"href": "javascript:alert(1)"}), "unsafe link"),
    (Span(0, 3, "link", {"href": "data:text/html,x"}), "unsafe link"),
    (Span(0, 3, "link", {"href": " JavaScript:alert(1)"}), "unsafe link"),
    (Span(0, 3, "link", {}), "non-empty href"),
    (Span(0, 3, "mark", {"id": 'x" onclick="y'}), "mark id"),
    (Span(0, 3, "mark", {"classes": ["ok", "a b"]}), "mark class"),
    (Span(0, 3, "mark", {"marker": "1", "marker_href": "javascript:x"}), "marker_href"),
    (Span(0, 9, "mark", {}), "outside the text"),
    (Span(2, 2, "mark", {}), "empty"),
    (Span(0, 3, "bold", {}), "unknown span kind"),
])
def test_bad_spans_are_refused(span, message):
    with pytest.raises(ValueError, match=message):
        render_inline("abcdef", [span])


def test_links_cannot_nest():
    with pytest.raises(ValueError, match="overlaps another link"):
        render_inline("abcdef", [Span(0, 4, "link", {"href": "a.md"}), Span(2, 6, "link", {"href": "b.md"})])


def test_href_is_percent_encoded():
    out = render_inline("abc", [Span(0, 3, "link", {"href": "../a b(c).md"})])
    assert out == "[abc](../a%20b%28c%29.md)"


# --------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------

def fixture_article(id: str = "2020-01-02-test-fixture", published: str = "2020-01-02T10:00:00+08:00",
                    title: str = "TEST FIXTURE: a headline", paragraphs: tuple[str, ...] | None = None) -> Article:
    return Article(
        id=id, title=title, published=published, agency="TEST FIXTURE Agency", publisher="Fixture Daily",
        dateline=Dateline("TESTVILLE", published[:10], "TESTVILLE, Jan. 2 (TEST FIXTURE)"),
        editors=("Ed One", "Ed Two"), byline=None,
        paragraphs=paragraphs or ("TEST FIXTURE - not real news.", "It counts 1,000 test cases."),
        key_figures=(Figure("1,000 test cases", 1000, "cases", "test cases", 2),),
        people=(Mention("Ed One", ("Ed One",), (1,)),), organisations=(), places=(), quotes=(), events=(),
        source=Source(f"site-data/raw/{id}.txt", "0" * 64), word_count=9, reader="fixture",
    )


def test_article_page_front_matter_is_the_schema_plus_page_keys():
    article = fixture_article(title="TEST FIXTURE\n---\ntitle: injected")
    text = render_article(article)
    post = frontmatter.loads(text)
    data = dict(post.metadata)
    for key in ("template", "hide", "description", "display"):
        data.pop(key)
    assert data == article.to_data()
    assert list(post.metadata)[: len(article.to_data())] == list(article.to_data())
    # MkDocs reads front matter with its own parser: same result
    _body, meta = get_data(text)
    assert meta["title"] == "TEST FIXTURE\n---\ntitle: injected"
    assert meta["template"] == "article.html"
    assert meta["description"] == "TEST FIXTURE - not real news. It counts 1,000 test cases."
    assert meta["display"] == {"published": "2 January 2020, 10:00 UTC+08:00", "sort": "2020-01-02T02:00:00Z",
                               "year": "2020", "raw_url": "raw/2020-01-02-test-fixture.txt"}


def test_article_body_has_headline_key_figures_and_anchored_paragraphs(md):
    text = render_article(fixture_article(paragraphs=("One {: #p9 }", "Two *x*", "Three")))
    body, _meta = get_data(text)
    assert body.startswith("# TEST FIXTURE: a headline\n")
    out = convert(md, body)
    assert '<p id="p1">One {: #p9 }</p>' in out
    assert '<p id="p2">Two *x*</p>' in out
    assert '<p id="p3">Three</p>' in out
    assert 'id="p9"' not in out
    assert '<div class="admonition abstract na-key-figures">' in out
    assert '<li><a href="#p2">1,000 test cases</a> (paragraph 2)</li>' in out


def test_extras_are_added_but_cannot_replace_schema_keys():
    text = render_article(fixture_article(), {"related": ["x"]})
    assert frontmatter.loads(text).metadata["related"] == ["x"]
    with pytest.raises(ValueError, match="title"):
        render_article(fixture_article(), {"title": "other"})


def test_published_display_and_sort_key():
    assert published_display("2020-05-17T15:51:00+08:00") == "17 May 2020, 15:51 UTC+08:00"
    assert published_display("2020-05-17T15:51:00-05:30") == "17 May 2020, 15:51 UTC-05:30"
    assert published_display("2020-05-17T15:51:00") == "17 May 2020, 15:51 (time zone not stated)"
    assert published_display("2020-05-17") == "17 May 2020"
    assert published_sort_key("2020-05-17T01:00:00+08:00") < published_sort_key("2020-05-16T23:00:00-05:00")


def test_raw_files_are_published_as_text():
    assert raw_site_path("site-data/raw/a/b.txt") == "raw/a/b.txt"
    assert raw_site_path("site-data/raw/page.html") == "raw/page.html.txt"
    assert raw_site_path("site-data/raw/page.md") == "raw/page.md.txt"


def test_archive_pages_list_months_and_articles_newest_first():
    may1 = fixture_article("2020-05-01-a", "2020-05-01T09:00:00+08:00", "TEST FIXTURE May first")
    may20 = fixture_article("2020-05-20-b", "2020-05-20T09:00:00+08:00", "TEST FIXTURE May twentieth")
    jan = fixture_article("2019-01-03-c", "2019-01-03T09:00:00+00:00", "TEST FIXTURE January")
    pages = render_archive([may1, jan, may20])
    assert sorted(pages) == ["archive/2019/01.md", "archive/2020/05.md", "archive/index.md"]
    index = pages["archive/index.md"]
    assert index.index("## 2020") < index.index("## 2019")
    assert "- [May 2020](2020/05.md): 2 articles\n" in index
    assert "- [January 2019](2019/01.md): 1 article\n" in index
    month = pages["archive/2020/05.md"]
    assert month.index("May twentieth") < month.index("May first")
    assert ("- 20 May 2020: [TEST FIXTURE May twentieth](../../articles/2020-05-20-b.md) "
            "(TEST FIXTURE Agency)\n") in month


def test_latest_lists_newest_articles_with_links_from_content_root():
    articles = [fixture_article(f"2020-01-{d:02d}-t", f"2020-01-{d:02d}T09:00:00+00:00", f"TEST FIXTURE day {d}")
                for d in range(1, 13)]
    text = render_latest(articles, count=3)["_generated/latest.md"]
    assert text.splitlines() == [
        "- 12 January 2020: [TEST FIXTURE day 12](articles/2020-01-12-t.md) (TEST FIXTURE Agency)",
        "- 11 January 2020: [TEST FIXTURE day 11](articles/2020-01-11-t.md) (TEST FIXTURE Agency)",
        "- 10 January 2020: [TEST FIXTURE day 10](articles/2020-01-10-t.md) (TEST FIXTURE Agency)",
    ]


def test_pages_are_deterministic_and_independent_of_input_order():
    a = fixture_article("2020-01-02-a", "2020-01-02T10:00:00+08:00")
    b = fixture_article("2020-02-03-b", "2020-02-03T10:00:00+08:00")
    first = render_pages([a, b])
    assert first == render_pages([b, a]) == render_pages([a, b])
    assert sorted(first) == ["_generated/latest.md", "archive/2020/01.md", "archive/2020/02.md",
                             "archive/index.md", "articles/2020-01-02-a.md", "articles/2020-02-03-b.md"]


def test_duplicate_ids_and_unusable_ids_are_input_errors():
    with pytest.raises(InputError, match="same article id"):
        render_pages([fixture_article(), fixture_article()])
    with pytest.raises(InputError, match="not usable as a file name"):
        render_pages([fixture_article(id="../escape")])


GOLDEN = ROOT / "tests" / "golden" / "writer"


def test_golden_pages():
    """The generated Markdown, byte for byte. After an intended change:
    UPDATE_GOLDEN=1 pytest tests/test_writer.py, then review the diff."""
    articles = [
        fixture_article(paragraphs=("TEST FIXTURE - not real news. *Not em*, <b>not bold</b>, {{ not jinja }}.",
                                    "1. It counts 1,000 test cases | and [no link](x) {: #p9 }",
                                    "--- &amp; \\ > + !!! note")),
        fixture_article("2019-12-31-test-fixture-older", "2019-12-31T23:00:00-05:00", "TEST FIXTURE: older"),
    ]
    pages = render_pages(articles)
    if os.environ.get("UPDATE_GOLDEN"):
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    expected = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert sorted(pages) == expected
    for rel, text in pages.items():
        assert text == (GOLDEN / rel).read_text(encoding="utf-8"), rel


# --------------------------------------------------------------------------
# Owned folders
# --------------------------------------------------------------------------

@pytest.fixture
def content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("# hand-written\n")
    return content


def test_write_only_changed_files_and_keep_a_manifest(content):
    pages = {"articles/a.md": "A\n", "archive/2020/01.md": "J\n"}
    stats = write_owned(pages, content)
    assert (stats.written, stats.unchanged, stats.removed) == (2, 0, 0)
    assert (content / "articles/a.md").read_text() == "A\n"
    manifest = (content / "articles" / MANIFEST).read_text()
    assert manifest.splitlines()[-1].endswith("  a.md")
    mtime = (content / "articles/a.md").stat().st_mtime_ns
    again = write_owned(pages, content)
    assert (again.written, again.unchanged, again.removed) == (0, 2, 0)
    assert (content / "articles/a.md").stat().st_mtime_ns == mtime
    changed = write_owned({**pages, "articles/a.md": "A2\n"}, content)
    assert (changed.written, changed.unchanged) == (1, 1)
    assert (content / "index.md").read_text() == "# hand-written\n"


def test_stale_own_files_are_removed_foreign_files_are_kept(content):
    write_owned({"articles/a.md": "A\n", "articles/b.md": "B\n", "archive/2020/01.md": "J\n"}, content)
    (content / "articles/mine.md").write_text("someone's own page\n")
    stats = write_owned({"articles/a.md": "A\n"}, content)
    assert stats.removed == 2
    assert not (content / "articles/b.md").exists()
    assert not (content / "archive/2020").exists()  # emptied folder removed
    assert (content / "articles/mine.md").read_text() == "someone's own page\n"
    assert stats.foreign == ["content/articles/mine.md"]


def test_refuses_to_overwrite_a_file_it_did_not_write(content):
    (content / "articles").mkdir()
    (content / "articles/a.md").write_text("hand-made\n")
    with pytest.raises(InputError) as err:
        write_owned({"articles/a.md": "A\n", "archive/index.md": "I\n"}, content)
    message = str(err.value)
    assert "content/articles/a.md" in message and "not written by newsarchive" in message
    assert "move the file elsewhere or delete it" in message
    assert (content / "articles/a.md").read_text() == "hand-made\n"
    assert not (content / "archive").exists()  # refused before writing anything


def test_refuses_to_overwrite_or_delete_a_hand_edited_file(content):
    write_owned({"articles/a.md": "A\n", "articles/b.md": "B\n"}, content)
    (content / "articles/a.md").write_text("A, edited by hand\n")
    with pytest.raises(InputError, match="edited by hand"):
        write_owned({"articles/a.md": "A2\n", "articles/b.md": "B\n"}, content)
    with pytest.raises(InputError, match="refusing to delete"):
        write_owned({"articles/b.md": "B\n"}, content)
    assert (content / "articles/a.md").read_text() == "A, edited by hand\n"


def test_pages_outside_owned_folders_are_refused(content):
    for bad in ("index.md", "about/x.md", "articles/../index.md", f"articles/{MANIFEST}"):
        with pytest.raises(ValueError):
            write_owned({bad: "x\n"}, content)
    assert (content / "index.md").read_text() == "# hand-written\n"


def test_clean_removes_only_own_files(content):
    write_owned({"articles/a.md": "A\n", "_generated/latest.md": "L\n"}, content)
    (content / "articles/mine.md").write_text("keep me\n")
    stats = clean_owned(content)
    assert stats.removed == 2
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*")) == [
        "articles", "articles/mine.md", "index.md"]


@pytest.mark.parametrize("label", ["plain", "a *b* [c](d) <e> {: #f } 1. g", "  spaced  ", "¶3", "x|y\\z"])
@pytest.mark.parametrize("title", [None, 'a "title" (x)'])
def test_render_link_is_render_inline_with_one_link_span(label, title):
    from generator.writer import render_link

    attrs = {"href": "../x/index.md#p2", **({"title": title} if title else {})}
    assert render_link(label, attrs["href"], title) == render_inline(
        label, [Span(0, len(label), "link", attrs)], line_start=False)


def test_a_long_month_is_paginated():
    from generator.writer import render_archive

    many = [fixture_article(f"2020-05-{i:02d}-test-fixture", f"2020-05-{i:02d}T10:00:00+08:00", f"TEST FIXTURE {i}")
            for i in range(1, 26)]
    pages = render_archive(many, page_size=10)
    assert sorted(p for p in pages if p.startswith("archive/2020/")) == [
        "archive/2020/05-page-2.md", "archive/2020/05-page-3.md", "archive/2020/05.md"]
    first, last = pages["archive/2020/05.md"], pages["archive/2020/05-page-3.md"]
    assert first.count("[TEST FIXTURE ") == 10 and "[TEST FIXTURE 25]" in first  # newest first
    assert "\n\nPage 1 of 3" in first.rsplit("](../../articles/", 1)[1]  # the bottom pager is not in the list
    assert "Page 1 of 3: **1** [2](05-page-2.md) [3](05-page-3.md) · [Next »](05-page-2.md)" in first
    assert "Page 3 of 3: [« Previous](05-page-2.md) · [1](05.md) [2](05-page-2.md) **3**" in last
    assert "[TEST FIXTURE 1]" in last and "- [May 2020](2020/05.md): 25 articles" in pages["archive/index.md"]
