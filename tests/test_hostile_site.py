"""End to end with hostile text: the TEST FIXTURE article of
``tests/fixtures/hostile/`` (an injection corpus in its headline and
paragraphs) and TEST FIXTURE notes on it, built with the real MkDocs,
Material and Pagefind in a scratch copy of the repository. Then: atomic
builds (a failed build leaves the previous site/ byte for byte).

What "literally" means here, checked with ``html.parser`` on the built page:

* no element or attribute the page would not have for a harmless article
  (the seed, built in the same site, is the reference), no ``on*`` attribute,
  no ``javascript:``/``data:``/``vbscript:`` URL, no injected id or class;
* each paragraph's visible text is the text the reader read, with the two
  documented changes of ``generator.write.html``: line breaks become spaces,
  other control characters (C0 but NUL-free, and DEL) show as U+FFFD.

Bidi controls (U+202E, U+2066..U+2069, U+200F, U+061C) and zero-width
characters are kept as characters of the text node: the archive shows the
source as published, and they cannot make markup. Their reordering effect
ends at the paragraph (the block element ends every embedding and isolate),
so a paragraph cannot reorder its neighbours or the page chrome; wrapping
untrusted text in ``<bdi>`` / ``dir=auto`` is not needed for that and would
change how a right-to-left source reads. The test checks they are present
in the text, and nowhere in an attribute.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.readers import load
from generator.site import build_site

from conftest import copy_site, tree_digest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests/fixtures/hostile"
RAW = HOSTILE / "raw" / "2020-05-17-test-fixture-hostile-text.txt"
ARTICLE_ID = RAW.stem
SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"
BAD_URL = ("javascript:", "data:", "vbscript:")
INJECTED = ("alert(", "evil.example", "onerror", "onclick", "onmouseover", "injected")


def scratch_repo(target: Path) -> Path:
    copy_site(target)
    shutil.copy(RAW, target / "site-data" / "raw" / RAW.name)
    notes = target / "site-data" / "annotations" / ARTICLE_ID
    notes.mkdir(parents=True)
    shutil.copy(HOSTILE / "notes.yml", notes / "notes.yml")
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    repo = scratch_repo(tmp_path_factory.mktemp("hostile-site"))
    report = Report()
    result = build_site(repo, report, strict=False, quiet=True)
    assert result.built, [d.format() for d in report.diagnostics]
    return repo, report


class Page(HTMLParser):
    """Every start tag with its attributes; the text of each <p id="pN"> and
    of the <h1>, without the note markers the generator adds."""

    SKIP = {"sup", "button"}  # note markers: the generator's, not the article's text

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {}
        self.stack: list[tuple[str, str | None, bool]] = []  # (tag, capture key, skipping)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            return
        key = None
        if tag == "p" and (attributes.get("id") or "").startswith("p") and attributes["id"][1:].isdigit():
            key = attributes["id"]
        elif tag == "h1" and not any(k for _t, k, _s in self.stack):
            key = "h1"
        skipping = tag in self.SKIP or any(s for _t, _k, s in self.stack)
        self.stack.append((tag, key, skipping))
        if key:
            self.texts.setdefault(key, [])

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _key, _skipping = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][2]:
            return
        for _tag, key, _skipping in reversed(self.stack):
            if key:
                self.texts[key].append(data)
                break

    def text(self, key: str) -> str:
        return "".join(self.texts.get(key, []))


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def shown(text: str) -> str:
    """What render_inline promises to show for ``text``: line breaks as spaces,
    other control characters (NUL-free C0, DEL) as U+FFFD."""
    breaks = "\n\r\t\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029"
    out = "".join(" " if c in breaks else "\ufffd" if (ord(c) < 0x20 or c == "\x7f") else c for c in text)
    return out.strip(" ")


def test_paragraphs_and_headline_show_literally(built):
    repo, _report = built
    source = load(RAW, "x")
    page = parse(repo / "site" / "articles" / f"{ARTICLE_ID}.html")
    assert shown(source.title) in " ".join(page.text("h1").split(" ")) or page.text("h1").strip().startswith(
        shown(source.title)), page.text("h1")
    for number, paragraph in enumerate(source.paragraphs, start=1):
        assert page.text(f"p{number}").strip() == shown(paragraph), number
    assert f"p{len(source.paragraphs) + 1}" not in page.texts


def test_bidi_and_zero_width_kept_in_text_only(built):
    repo, _report = built
    page = parse(repo / "site" / "articles" / f"{ARTICLE_ID}.html")
    bidi = next(t for k, t in ((k, page.text(k)) for k in page.texts) if t.startswith("Bidi:"))
    for char in "\u202e\u202c\u2066\u2069\u200f\u061c\u200b\u200c\u200d\u2060\ufeff":
        assert char in bidi, hex(ord(char))


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data")


def body(html: str) -> str:
    """The page's <main> (the article, its notes, related links); the page
    chrome, which shows the title too, is checked by test_title_in_chrome..."""
    return "<main" + html.split("<main", 1)[1].split("</main>", 1)[0] + "</main>"


def test_no_injected_markup(built):
    """In the page's <main>: only elements and attributes a harmless article
    page has (the seed's, and the note markup's), no event handler, no unsafe
    URL, no id or class from the text."""
    repo, _report = built
    hostile, seed = Page(), Page()
    hostile.feed(body((repo / "site" / "articles" / f"{ARTICLE_ID}.html").read_text(encoding="utf-8")))
    seed.feed(body((repo / "site" / "articles" / f"{SEED_ID}.html").read_text(encoding="utf-8")))
    seed_tags = {tag for tag, _ in seed.tags}
    note_tags = {"mark", "sup", "button", "aside", "ol", "li", "section", "em", "strong", "code", "span", "div",
                 "a", "h2", "p", "ul", "blockquote", "pre", "details", "summary", "hr", "br", "q"}  # note markup, safe Markdown bodies
    for tag, attrs in hostile.tags:
        assert tag in seed_tags or tag in note_tags, (tag, attrs)
        assert tag not in ("iframe", "img", "style", "object", "embed", "form", "base"), (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, attrs)
            if name in URL_ATTRIBUTES:
                url = "".join((value or "").split()).lower()
                assert not url.startswith(BAD_URL) and "evil.example" not in url, (tag, attrs)
        assert attrs.get("id") != "injected" and "cls" not in (attrs.get("class") or "").split(), (tag, attrs)
    scripts = [attrs for tag, attrs in hostile.tags if tag == "script"]
    seed_scripts = [attrs for tag, attrs in seed.tags if tag == "script"]
    assert len(scripts) == len(seed_scripts)  # the theme's scripts, none more


def test_text_nowhere_interpreted(built):
    """Nothing of the corpus was run by Jinja or a Markdown extension."""
    repo, _report = built
    html = body((repo / "site" / "articles" / f"{ARTICLE_ID}.html").read_text(encoding="utf-8"))
    assert "{{ config }}" in html and "{{ 7*7 }}" in html and ">49<" not in html
    assert "--8&lt;--" in html  # the snippet line shows, unexpanded
    assert "site_name:" not in html  # mkdocs.yml was not included
    assert "<script>alert" not in html and "<iframe" not in html and "<img src=x" not in html


def test_title_in_chrome_is_escaped(built):
    """The whole page, head and header included, has the seed page's scripts and no more."""
    repo, _report = built
    hostile = parse(repo / "site" / "articles" / f"{ARTICLE_ID}.html")
    seed = parse(repo / "site" / "articles" / f"{SEED_ID}.html")
    count = lambda page: sum(tag == "script" for tag, _ in page.tags)  # noqa: E731
    assert count(hostile) == count(seed)


def test_front_matter_breakers_stay_in_the_text(built):
    repo, _report = built
    generated = (repo / "content" / "articles" / f"{ARTICLE_ID}.md").read_text(encoding="utf-8")
    import frontmatter
    post = frontmatter.loads(generated)
    assert post["title"] == load(RAW, "x").title
    assert post["id"] == ARTICLE_ID


def test_notes_render_their_text_literally(built):
    repo, report = built
    html = (repo / "site" / "articles" / f"{ARTICLE_ID}.html").read_text(encoding="utf-8")
    for text in ("&lt;script&gt;alert(&#x27;body&#x27;)&lt;/script&gt;", "TEST FIXTURE orphan"):
        assert text.replace("&#x27;", "'") in html.replace("&#x27;", "'").replace("&#39;", "'"), text
    notes = [d for d in report.diagnostics if "annotations" in d.file]
    assert any("fixture-orphan" in d.message for d in notes)  # reported, and kept on the page
    assert 'id="note-fixture-orphan"' in html


# --- atomic builds --------------------------------------------------------------------------

@pytest.mark.parametrize("breakage", ["snippet", "config"])
def test_failed_build_leaves_previous_site_intact(built, tmp_path, breakage):
    repo = tmp_path / "repo"
    shutil.copytree(built[0], repo, symlinks=True)
    before = tree_digest(repo / "site")
    if breakage == "snippet":  # a hand-written page including a file that does not exist
        (repo / "content" / "broken.md").write_text('# TEST FIXTURE page\n\n--8<-- "no-such-file.md"\n',
                                                    encoding="utf-8")
    else:
        (repo / "mkdocs.yml").write_text((repo / "mkdocs.yml").read_text(encoding="utf-8")
                                         + "\nnav: [unclosed\n", encoding="utf-8")
    report = Report()
    result = build_site(repo, report, strict=False, quiet=True)
    assert not result.built and report.errors
    assert tree_digest(repo / "site") == before
    leftovers = sorted(p.name for p in repo.iterdir() if p.name.startswith(".site"))
    assert leftovers == []
