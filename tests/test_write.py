"""The write stage (generator/write/): untrusted text reaches the page literally
as HTML, spans become links and highlights, article and archive pages, golden
files, and writing only the files the generator owns."""

from __future__ import annotations

import os
import re
from pathlib import Path

import lxml.html
import markdown
import pytest
import yaml
from hypothesis import given, settings, strategies as st
from mkdocs.utils.meta import get_data

from pagehtml import body, front, items, links, seen, tree
from generator.diagnostics import InputError
from generator.display import published_display, published_sort_key
from generator.records import Article, Dateline, Figure, Mention, Source
from generator.write import (
    MANIFEST,
    Span,
    clean_owned,
    link,
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



def paragraph(html: str):
    """``html`` as the content of one paragraph, parsed as a browser parses it."""
    return lxml.html.fragment_fromstring(f'<p id="p1">{html}</p>')


@pytest.mark.parametrize("text", INJECTIONS)
def test_paragraph_text_reaches_the_page_literally(text):
    p = paragraph(render_inline(text))
    assert len(p) == 0  # no element of any kind came out of the text
    assert p.text_content() == shown(text)


@pytest.mark.parametrize("text", INJECTIONS)
def test_headline_text_reaches_the_page_literally(text):
    page = render_article(fixture_article(title=text))
    h1 = tree(page).find(".//h1")
    assert [child.tag for child in h1] == ["a"] and h1[0].get("class") == "headerlink"
    assert (h1.text or "") == shown(text)
    assert front(page)["title"] == text  # the front matter keeps the headline as it is, as data


@pytest.mark.parametrize("text", INJECTIONS)
def test_link_text_reaches_the_page_literally(text):
    if not shown(text):
        pytest.skip("nothing to link")
    p = paragraph(render_inline(text, [Span(0, len(text), "link", {"href": "../x.html", "title": text})]))
    assert [child.tag for child in p] == ["a"]
    a = p[0]
    assert len(a) == 0 and a.get("href") == "../x.html" and a.text_content() == shown(text)
    assert a.get("title") == shown(text, strip=False)
    assert set(a.attrib) == {"href", "title"}  # nothing in the text made an attribute


HTML_CHARS = "<>&\"'=/ab !-;:#x\n\t\x00\x7f\u2028`{}[]*_"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=HTML_CHARS, min_size=1, max_size=40))
def test_any_text_is_shown_literally(text):
    for html in (render_inline(text), link(text, "x.html", text)):
        p = paragraph(html)
        assert all(child.tag == "a" for child in p)
        assert p.text_content() == (shown(text) if html == render_inline(text) else shown(text) or "¶")


@pytest.mark.parametrize("text", INJECTIONS)
def test_a_markdown_engine_reading_the_md_file_passes_the_body_through(md, text):
    """The .md file stays usable by another engine: Python-Markdown (without the
    plugin) gives back the body as it is, the untrusted text still inert."""
    page = render_article(fixture_article(title=text, paragraphs=(text, "Second.")))
    html_body = body(page)
    assert convert(md, html_body) == html_body.strip()


def test_plain_prose_stays_readable():
    text = "Jan. 22, COVID-19, 75,498 cases (WHO) -- and more"
    assert render_inline(text) == text


# --------------------------------------------------------------------------
# Spans
# --------------------------------------------------------------------------

NOTE = {"id": "note-1", "classes": ["na-note"], "marker": "1", "marker_href": "#n1"}
MARKER = '<sup class="na-marker" data-pagefind-ignore><a href="#n1">1</a></sup>'


def test_link_span_with_title():
    out = render_inline("see *WHO* here", [Span(4, 9, "link", {"href": "../who.html", "title": 'a "b" (c)'})])
    assert out == 'see <a href="../who.html" title="a &#34;b&#34; (c)">*WHO*</a> here'
    assert paragraph(out).find("a").get("title") == 'a "b" (c)'


def test_mark_span_carries_id_classes_and_marker():
    out = render_inline("abc def", [Span(4, 7, "mark", NOTE)])
    assert out == f'abc <mark id="note-1" class="na-note">def</mark>{MARKER}'


def test_mark_crossing_into_a_link_splits_the_mark():
    # link [0,6) "abcdef", mark [3,9) "defghi": the mark is split at the link's end
    out = render_inline("abcdefghij", [Span(0, 6, "link", {"href": "x.html"}), Span(3, 9, "mark", NOTE)])
    assert out == ('<a href="x.html">abc<mark id="note-1" class="na-note">def</mark></a>'
                   f'<mark class="na-note na-continued">ghi</mark>{MARKER}j')


def test_link_crossing_out_of_a_mark_splits_the_link():
    out = render_inline("abcdefghij", [Span(0, 6, "mark", NOTE), Span(3, 9, "link", {"href": "x.html"})])
    assert out == ('<mark id="note-1" class="na-note">abc<a href="x.html">def</a></mark>'
                   f'{MARKER}<a href="x.html">ghi</a>j')


def test_nested_spans_do_not_split():
    out = render_inline("Xi Jinping said", [Span(0, 15, "mark", NOTE), Span(0, 10, "link", {"href": "xi.html"})])
    assert out.count("<mark") == 1 and out.count('<a href="xi.html">') == 1
    assert out.startswith('<mark id="note-1" class="na-note"><a href="xi.html">Xi Jinping</a> said')


def test_marker_of_a_mark_inside_a_link_goes_after_the_link():
    out = render_inline("Xi Jinping said", [Span(0, 10, "link", {"href": "xi.html"}), Span(3, 10, "mark", NOTE)])
    assert out == f'<a href="xi.html">Xi <mark id="note-1" class="na-note">Jinping</mark></a>{MARKER} said'
    out = render_inline("Xi Jinping said", [Span(0, 10, "link", {"href": "xi.html"}), Span(0, 2, "mark", NOTE)])
    assert out == f'<a href="xi.html"><mark id="note-1" class="na-note">Xi</mark> Jinping</a>{MARKER} said'
    assert not paragraph(out).xpath("//a//a")  # no link inside a link


def test_span_text_is_escaped():
    out = render_inline("<b>*x*</b>", [Span(0, 10, "mark", {"id": "m"})])
    assert out == '<mark id="m">&lt;b&gt;*x*&lt;/b&gt;</mark>'


def test_spaces_at_either_end_are_not_shown_and_offsets_still_hold():
    out = render_inline("  ab cd  ", [Span(0, 4, "link", {"href": "x.html"}), Span(5, 9, "mark", {"id": "m"})])
    assert out == '<a href="x.html">ab</a> <mark id="m">cd</mark>'


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


def test_href_is_percent_encoded_and_escaped():
    out = render_inline("abc", [Span(0, 3, "link", {"href": "../a b(c)\"d.html?x=1&copy=2"})])
    assert out == '<a href="../a%20b%28c%29%22d.html?x=1&amp;copy=2">abc</a>'
    assert paragraph(out).find("a").get("href") == "../a%20b%28c%29%22d.html?x=1&copy=2"


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
    data = front(text)
    for key in ("markup", "template", "hide", "description", "display"):
        data.pop(key)
    assert data == article.to_data()
    assert list(front(text))[: len(article.to_data())] == list(article.to_data())
    # MkDocs reads front matter with its own parser: same result
    _body, meta = get_data(text)
    assert meta["title"] == "TEST FIXTURE\n---\ntitle: injected"
    assert meta["markup"] == "html" and meta["template"] == "article.html" and meta["hide"] == ["toc"]
    assert meta["description"] == "TEST FIXTURE - not real news. It counts 1,000 test cases."
    assert meta["display"] == {"published": "2 January 2020, 10:00 UTC+08:00", "sort": "2020-01-02T02:00:00Z",
                               "year": "2020", "raw_url": "raw/2020-01-02-test-fixture.txt"}


FRONT_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda k: k not in {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}), FRONT_VALUES, max_size=5))
def test_front_matter_is_plain_yaml_that_reads_back_as_the_same_data(data):
    from generator.write.frontmatter import front_matter

    text = front_matter(data)
    assert text.startswith("---\n") and text.endswith("\n---\n")
    assert (yaml.safe_load(text[4:-4]) or {}) == data
    assert (yaml.load(text[4:-4], Loader=yaml.CSafeLoader) or {}) == data  # as MkDocs reads it


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda k: k not in {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "markup"}),
    FRONT_VALUES, max_size=5), st.text(max_size=40), st.data())
def test_the_plugins_fast_reader_reads_what_yaml_reads(data, body_text, draw):
    """generator.write.frontmatter.read (the MkDocs plugin's reader of generated pages) gives
    YAML's data, less the keys asked to skip; a page without the marker is left to YAML."""
    from generator.write.frontmatter import page, read

    marked = {**data, "markup": "html"}
    text = page(marked, body_text)
    found = read(text, ("markup", "html"))
    if found is None:  # only for a value PyYAML wrote, not JSON (1e+16): MkDocs reads it with YAML
        assert not all(_is_json(line.split(": ", 1)[1] if ": " in line else line[4:] if line.startswith("  - ")
                                else "0") for line in text[4:text.index("\n---\n", 3)].split("\n"))
        return
    assert found[0] == yaml.safe_load(text[4:text.index("\n---\n", 3)]) == marked
    assert found[1] == (body_text.strip("\n") + "\n").lstrip("\n")
    skip = frozenset(draw.draw(st.lists(st.sampled_from(sorted(marked)), max_size=3)) if data else [])
    assert read(text, ("markup", "html"), skip - {"markup"})[0] == {
        k: v for k, v in marked.items() if k not in skip - {"markup"}}
    assert read(page(data, body_text), ("markup", "html")) is None  # not a generated page


def test_the_fast_reader_reads_every_generated_page():
    from generator.write.frontmatter import read
    from generator.write.paths import DATA_ONLY_KEYS

    text = render_article(fixture_article(title="TEST FIXTURE: 1e+16 \\ \"quoted\" .inf"))
    data, html = read(text, ("markup", "html"), DATA_ONLY_KEYS)
    assert data == {k: v for k, v in front(text).items() if k not in DATA_ONLY_KEYS}
    assert "key_figures" in front(text) and html.strip() == body(text).strip()


def _is_json(value: str) -> bool:
    import json

    try:
        json.loads(value)
    except ValueError:
        return False
    return True


def test_the_theme_reads_no_data_only_key():
    """The plugin leaves DATA_ONLY_KEYS out of page.meta: no template or head code may read them."""
    from conftest import ROOT
    from generator.write.paths import DATA_ONLY_KEYS

    sources = [*(ROOT / "overrides").rglob("*.html"), ROOT / "generator/pagedata.py", ROOT / "generator/head.py"]
    assert len(sources) > 10
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for key in DATA_ONLY_KEYS:
            assert not re.search(rf"\b{key}\b", text), (path, key)


def test_front_matter_keys_are_names_yaml_reads_as_strings():
    from generator.write.frontmatter import front_matter

    for bad in ("on", "Title", "a-b", ""):
        with pytest.raises(ValueError, match="front-matter key"):
            front_matter({bad: 1})


def test_article_body_has_headline_key_figures_and_anchored_paragraphs():
    text = render_article(fixture_article(paragraphs=("One {: #p9 }", "Two *x*", "Three")))
    html = body(text)
    assert html.startswith('<h1 id="title">TEST FIXTURE: a headline<a class="headerlink" href="#title" ')
    assert '<p id="p1">One {: #p9 }</p>' in html
    assert '<p id="p2">Two *x*</p>' in html
    assert '<p id="p3">Three</p>' in html
    assert 'id="p9"' not in html
    assert '<div class="admonition abstract na-key-figures" data-pagefind-ignore>' in html
    assert '<li><a href="#p2">1,000 test cases</a> (paragraph 2)</li>' in html
    assert "\n\n" not in html  # no blank line: a Markdown engine keeps each element one HTML block


def test_article_headings_become_the_table_of_contents():
    from generator.write import PageParts
    from generator.write.toc import anchor_ids, headings, toc_tokens

    parts = PageParts(related=[{"title": "TEST FIXTURE <other>", "href": "x.html", "date": "1 May 2020"}])
    html = body(render_article(fixture_article(title="A <b>bold</b> & headline"), parts=parts))
    found = headings(html)
    assert [(h.level, h.id, h.title) for h in found] == [
        (1, "title", "A &lt;b&gt;bold&lt;/b&gt; &amp; headline"), (2, "related", "Related coverage")]
    assert toc_tokens(found) == [{"level": 1, "id": "title", "name": "A &lt;b&gt;bold&lt;/b&gt; &amp; headline",
                                  "children": [{"level": 2, "id": "related", "name": "Related coverage",
                                                "children": []}]}]
    assert {"title", "related", "p1", "p2"} <= anchor_ids(html)
    related = tree(html).find_class("na-related")[0]
    assert related.get("data-pagefind-ignore") is not None  # other articles' headlines are not this one's text
    assert items(related) == ["TEST FIXTURE <other> (1 May 2020)"] and links(related) == ["#related", "x.html"]


def test_extras_are_added_but_cannot_replace_schema_keys():
    text = render_article(fixture_article(), {"related": ["x"]})
    assert front(text)["related"] == ["x"]
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
    assert index.index('<h2 id="2020">') < index.index('<h2 id="2019">')
    assert '<li><a href="2020/05.html">May 2020</a>: 2 articles</li>' in index
    assert '<li><a href="2019/01.html">January 2019</a>: 1 article</li>' in index
    month = pages["archive/2020/05.md"]
    assert month.index("May twentieth") < month.index("May first")
    assert ('<li>20 May 2020: <a href="../../articles/2020-05-20-b.html">TEST FIXTURE May twentieth</a> '
            "(TEST FIXTURE Agency)</li>") in month


def test_latest_lists_newest_articles_with_links_from_the_home_page():
    articles = [fixture_article(f"2020-01-{d:02d}-t", f"2020-01-{d:02d}T09:00:00+00:00", f"TEST FIXTURE day {d}")
                for d in range(1, 13)]
    text = render_latest(articles, count=3)["_generated/latest.md"]
    assert text.splitlines() == [
        '<ul class="na-latest">',
        '<li>12 January 2020: <a href="articles/2020-01-12-t.html">TEST FIXTURE day 12</a> (TEST FIXTURE Agency)</li>',
        '<li>11 January 2020: <a href="articles/2020-01-11-t.html">TEST FIXTURE day 11</a> (TEST FIXTURE Agency)</li>',
        '<li>10 January 2020: <a href="articles/2020-01-10-t.html">TEST FIXTURE day 10</a> (TEST FIXTURE Agency)</li>',
        "</ul>",
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


GOLDEN = ROOT / "tests" / "golden" / "write"


def test_golden_pages():
    """The generated pages, byte for byte. After an intended change:
    UPDATE_GOLDEN=1 pytest tests/test_write.py, then review the diff."""
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
def test_link_is_render_inline_with_one_link_span(label, title):
    attrs = {"href": "../x/index.html#p2", **({"title": title} if title else {})}
    assert link(label, attrs["href"], title) == render_inline(label, [Span(0, len(label), "link", attrs)])


def test_a_long_month_is_paginated():
    many = [fixture_article(f"2020-05-{i:02d}-test-fixture", f"2020-05-{i:02d}T10:00:00+08:00", f"TEST FIXTURE {i}")
            for i in range(1, 26)]
    pages = render_archive(many, page_size=10)
    assert sorted(p for p in pages if p.startswith("archive/2020/")) == [
        "archive/2020/05-page-2.md", "archive/2020/05-page-3.md", "archive/2020/05.md"]
    first, last = pages["archive/2020/05.md"], pages["archive/2020/05-page-3.md"]
    titles = [a.text for a in tree(first).iter("a") if "articles/" in a.get("href")]
    assert len(titles) == 10 and titles[0] == "TEST FIXTURE 25"  # newest first
    top, bottom = tree(first).find_class("na-pager")
    assert seen(top) == seen(bottom) == "Page 1 of 3: 1 2 3 · Next »"
    assert links(top) == ["05-page-2.html", "05-page-3.html", "05-page-2.html"]
    assert body(first).rindex("</ul>") < body(first).rindex('class="na-pager"')  # the bottom pager is not in the list
    assert seen(tree(last).find_class("na-pager")[0]) == "Page 3 of 3: « Previous · 1 2 3"
    assert links(tree(last).find_class("na-pager")[0]) == ["05-page-2.html", "05.html", "05-page-2.html"]
    assert "TEST FIXTURE 1<" in last
    assert '<li><a href="2020/05.html">May 2020</a>: 25 articles</li>' in pages["archive/index.md"]
