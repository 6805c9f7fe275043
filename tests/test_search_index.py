"""The offline search index (generator/search_index.py): what it reads from the
built pages, how it splits terms into shards, and that its output is deterministic."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator import search_index as si

UNDATED_OLDEST = "9999-99-99"  # overrides/entity.html
CALL = re.compile(r"^newsarchiveSearch\((.*)\);\n$", re.S)


def payload(data: bytes) -> dict:
    m = CALL.match(data.decode("ascii"))
    assert m, data[:80]
    return json.loads(m.group(1))


def page_html(title: str, sort: str | None, paragraphs: list[str], *, extra: str = "", type_: str = "article") -> str:
    """A built page as the templates write it: undated pages have the sentinel sort keys (entity.html)."""
    metas = f'<meta data-pagefind-meta="title[content]" content="{title}">'
    metas += f'<meta data-pagefind-sort="newest[content]" content="{sort or si.UNDATED}">'
    metas += f'<meta data-pagefind-sort="oldest[content]" content="{sort or UNDATED_OLDEST}">'
    if sort:
        metas += f'<meta data-pagefind-meta="date[content]" content="{sort[:10]}">'
    ps = "".join(f'<p id="p{i}">{p}</p>' for i, p in enumerate(paragraphs, 1))
    return f"""<!doctype html><html><head><title>x</title></head><body>
<nav class="md-nav">Navigation words chrome</nav>
<article><div class="na-article" data-pagefind-body data-pagefind-meta="type:{type_}">{metas}
<h1 id="t">{title}</h1>
<aside data-pagefind-ignore><dl><dt>Agency</dt><dd>Ignoredagency</dd></dl></aside>
<div class="admonition"><p>Key figures first</p></div>
{ps}{extra}
<script>var scripted = 1;</script>
</div><footer>Footer words</footer></article></body></html>"""


def write_site(tmp_path: Path, pages: dict[str, str]) -> Path:
    site = tmp_path / "site"
    for rel, html in pages.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return site


@pytest.fixture
def site(tmp_path):
    return write_site(tmp_path, {
        "index.html": "<html><body><p>Home page lighthouse, not indexed: no data-pagefind-body</p></body></html>",
        "articles/old.html": page_html("Old lighthouse story", "2019-08-12T01:30:00Z",
                                             ["Keepers of the lighthouse met.", "Second paragraph."]),
        "articles/new.html": page_html("New museum", "2021-04-06T06:10:00Z",
                                             ["A lighthouse museum opened in Café Zürich.", "Lighthouse lamps."]),
        "entities/marrowby/index.html": page_html("Marrowby", None, ["Marrowby is an invented town."],
                                                  type_="entity"),
    })


def test_terms_are_lower_case_without_accents_and_short_words():
    assert si.terms("Café ZÜRICH, a 2,500-strong crowd; x") == ["cafe", "zurich", "500", "strong", "crowd"]
    assert si.terms("int'l") == ["int"]  # one-letter pieces are dropped
    assert si.terms("a" * 41 + " ok") == ["ok"]


def test_plurals_are_made_singular():
    assert [si.stem(w) for w in ("ministers", "studies", "boxes", "virus", "glass", "trees", "is", "1990s")] == [
        "minister", "study", "boxe", "virus", "glass", "tree", "is", "1990"]
    assert si.terms("Health Ministers") == ["health", "minister"]


def test_shard_keys_are_safe_file_names():
    assert si.shard_key("lighthouse") == "li"
    assert si.shard_key("2500") == "25"
    assert si.shard_key("名字") == "_540d_5b57"
    assert si.shard_key("éa") == "_e9a"


def test_reads_body_text_meta_and_teaser_but_not_ignored_parts(site):
    page = si.read_page(site / "articles/new.html", "articles/new.html")
    assert (page.title, page.type, page.date, page.sort) == ("New museum", "article", "2021-04-06",
                                                             "2021-04-06T06:10:00Z")
    text = " ".join(t for t, _weight in page.text)
    assert "Café Zürich" in text and "Key figures first" in text
    for outside in ("Navigation", "Ignoredagency", "scripted", "Footer"):
        assert outside not in text, outside
    assert page.teaser == "A lighthouse museum opened in Café Zürich."  # paragraph p1, not the box before it
    assert si.read_page(site / "index.html", "index.html") is None


def test_long_teaser_is_cut_at_a_word(tmp_path):
    words = " ".join(f"word{i}" for i in range(100))
    site = write_site(tmp_path, {"articles/a.html": page_html("T", None, [words])})
    teaser = si.read_page(site / "articles/a.html", "articles/a.html").teaser
    assert teaser.endswith(" …") and len(teaser) <= si.TEASER + 2
    assert words.startswith(teaser[:-2])


def test_pages_are_numbered_newest_first_undated_last(site):
    pages = si.collect_pages(site)
    assert [p.url for p in pages] == ["articles/new.html", "articles/old.html", "entities/marrowby/index.html"]


def test_the_undated_sort_key_is_no_date_and_meta_counts_the_dated(site):
    pages = si.collect_pages(site)
    assert [(p.url, p.sort) for p in pages] == [("articles/new.html", "2021-04-06T06:10:00Z"),
                                                ("articles/old.html", "2019-08-12T01:30:00Z"),
                                                ("entities/marrowby/index.html", "")]
    meta = payload(si.build_index(pages)["meta.js"])
    assert meta["dated"] == 2 and meta["docs"] == 3  # the browser sorts oldest first: 1, 0, then 2


def test_only_the_pages_search_indexes_are_read(tmp_path):
    """Article pages and each entity's first page: the same files Pagefind is given."""
    pages = {rel: page_html("Lighthouse", None, ["Lighthouse."]) for rel in (
        "articles/a.html", "entities/e/index.html", "entities/e/page-2.html", "timeline/2020/index.html",
        "about.html", "articles/x/index.html")}
    assert [p.url for p in si.collect_pages(write_site(tmp_path, pages))] == ["articles/a.html",
                                                                             "entities/e/index.html"]
    assert si.pagefind_glob() == "{articles/*.html,entities/*/index.html}"


def test_index_files_postings_and_metadata(site):
    files = si.build_index(si.collect_pages(site))
    meta = payload(files["meta.js"])
    assert meta["docs"] == 3 and meta["chunks"] == 1 and meta["prefix"] == si.PREFIX
    assert meta["shards"] == sorted(k[len("terms/"):-3] for k in files if k.startswith("terms/"))
    li = payload(files["terms/li.js"])
    assert li["key"] == "li"
    postings = li["terms"]["lighthouse"]
    docs, at = [], 0
    for delta in postings[0::2]:
        at += delta
        docs.append(at)
    assert docs == [0, 1]  # both articles, not the entity page, not the home page
    assert all(isinstance(w, int) and w > 0 for w in postings[1::2])
    assert "ignoredagency" not in json.dumps([payload(d) for d in files.values()])
    rows = payload(files["docs/0.js"])["docs"]
    assert rows[2] == ["entities/marrowby/index.html", "Marrowby", "entity", "", "Marrowby is an invented town."]
    assert payload(files["terms/ca.js"])["terms"]["cafe"]  # accents folded


def test_title_words_weigh_more(tmp_path):
    site = write_site(tmp_path, {
        "articles/a.html": page_html("Harbour news", "2020-01-01T00:00:00Z", ["The harbour reopened today after work."]),
        "articles/b.html": page_html("Other news", "2020-01-02T00:00:00Z", ["The harbour reopened today after work."]),
    })
    postings = payload(si.build_index(si.collect_pages(site))["terms/ha.js"])["terms"]["harbour"]
    # doc 0 is b (newer), doc 1 is a (harbour in its title: the h1 weighs 7, as in Pagefind)
    assert postings[3] > postings[1]


def test_pagefind_weights_count_as_in_pagefind_so_an_article_outranks_an_entity_page(tmp_path):
    """An entity page weighs its own words 0.01 (generator/templates/entity.html.j2):
    an article that mentions the name once ranks above the short page named after it."""
    entity = page_html("Marrowby", None, [], type_="entity").replace(
        '<h1 id="t">Marrowby</h1>', '<div data-pagefind-weight="0.01"><h1 id="t" data-pagefind-weight="0.01">'
        'Marrowby</h1><p>Marrowby, an invented town. <span data-pagefind-ignore>Listed: Marrowby Marrowby</span>'
        '</p></div>')
    article = page_html("Harbour news", "2020-01-01T00:00:00Z",
                        ["The harbour of Marrowby reopened today after a year of work on its walls."] * 3)
    pages = si.collect_pages(write_site(tmp_path, {"entities/marrowby/index.html": entity,
                                                   "articles/a.html": article}))
    assert [p.url for p in pages] == ["articles/a.html", "entities/marrowby/index.html"]
    marrowby = payload(si.build_index(pages)["terms/ma.js"])["terms"]["marrowby"]
    assert marrowby[1] > marrowby[3] > 0  # doc 0 (the article) above doc 1 (the entity page)
    weights = dict(pages[1].text[i] for i in range(len(pages[1].text)) if pages[1].text[i][0].strip())
    assert weights["Marrowby"] == 0.01 and "Listed: Marrowby Marrowby" not in weights


def test_output_is_deterministic_and_rewritten(site):
    first = si.write_offline_index(site)
    snapshot = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / si.OUT_DIR).rglob("*"))
                if p.is_file()}
    stale = site / si.OUT_DIR / "terms" / "zz.js"
    stale.write_text("stale")
    second = si.write_offline_index(site)
    again = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / si.OUT_DIR).rglob("*"))
             if p.is_file()}
    assert snapshot == again and first == second
    assert first.docs == 3 and first.bytes == sum(len(b) for b in snapshot.values())


def test_chunks_split_metadata(tmp_path, monkeypatch):
    monkeypatch.setattr(si, "CHUNK", 2)
    site = write_site(tmp_path, {f"articles/a{i}.html": page_html(f"Title {i}", f"2020-01-0{i}T00:00:00Z", ["Text."])
                                 for i in range(1, 6)})
    files = si.build_index(si.collect_pages(site))
    assert payload(files["meta.js"])["chunks"] == 3
    assert [len(payload(files[f"docs/{n}.js"])["docs"]) for n in range(3)] == [2, 2, 1]
    assert payload(files["docs/0.js"])["docs"][0][1] == "Title 5"


def test_each_chunk_has_the_documents_indexed_text(tmp_path):
    """text/<n>.js: the text the index was built from, per document in docs/<n>.js order,
    whitespace collapsed, the ignored parts and the page chrome left out."""
    site = write_site(tmp_path, {
        "articles/a.html": page_html("Harbour news", "2020-01-02T00:00:00Z",
                                     ["The harbour   reopened.", "Later the\nlighthouse shone."]),
        "articles/b.html": page_html("Older", "2020-01-01T00:00:00Z", ["Text."]),
    })
    files = si.build_index(si.collect_pages(site))
    assert payload(files["meta.js"])["format"] == 3
    text = payload(files["text/0.js"])
    assert text["chunk"] == 0
    assert text["texts"] == ["Harbour news Key figures first The harbour reopened. Later the lighthouse shone.",
                             "Older Key figures first Text."]
    assert [row[1] for row in payload(files["docs/0.js"])["docs"]] == ["Harbour news", "Older"]


def test_text_chunks_have_their_own_size(tmp_path, monkeypatch):
    monkeypatch.setattr(si, "TEXT_CHUNK", 2)
    site = write_site(tmp_path, {f"articles/a{i}.html": page_html(f"Title {i}", f"2020-01-0{i}T00:00:00Z", ["Text."])
                                 for i in range(1, 6)})
    files = si.build_index(si.collect_pages(site))
    assert payload(files["meta.js"])["text_chunk"] == 2 and payload(files["meta.js"])["chunks"] == 1
    assert sorted(k for k in files if k.startswith("text/")) == ["text/0.js", "text/1.js", "text/2.js"]
    assert [t.split()[:2] for t in payload(files["text/2.js"])["texts"]] == [["Title", "1"]]  # the oldest, last


def test_untrusted_text_stays_text(tmp_path):
    evil = "&lt;script&gt;alert(1)&lt;/script&gt; &lt;/script&gt;"
    site = write_site(tmp_path, {"articles/a.html": page_html("T &lt;b&gt;", None, [evil])})
    files = si.build_index(si.collect_pages(site))
    row = payload(files["docs/0.js"])["docs"][0]
    # JSON string data in an external script file; the browser code renders it with textContent
    assert row[1] == "T <b>" and row[4] == "<script>alert(1)</script> </script>"
    assert payload(files["text/0.js"])["texts"][0].endswith("<script>alert(1)</script> </script>")


def test_filters_are_read_from_attributes_literals_and_element_text(tmp_path):
    extra = ('<meta data-pagefind-filter="agency[content]" content="Agence  &lt;img src=x&gt; Presse">'
             '<meta data-pagefind-filter="year[content]" content="2021">'
             '<span data-pagefind-filter="note_kind">Fact <b>check</b></span>'
             '<span data-pagefind-filter="note_kind">Context</span>'
             '<span data-pagefind-filter="type:article, topic:TEST FIXTURE"></span>')
    site = write_site(tmp_path, {"a/index.html": page_html("T", None, ["Words."], extra=extra)})
    page = si.read_page(site / "a/index.html", "a/index.html")
    assert page.filters == {"agency": {"Agence <img src=x> Presse"}, "year": {"2021"},
                            "note_kind": {"Fact check", "Context"}, "type": {"article"}, "topic": {"TEST FIXTURE"}}


def test_filter_files_list_values_by_count_and_their_documents(site):
    for rel, agency in (("articles/old.html", "Xinhua"), ("articles/new.html", "Xinhua"),
                        ("entities/marrowby/index.html", "TEST FIXTURE Agency")):
        html = (site / rel).read_text(encoding="utf-8")
        (site / rel).write_text(html.replace("<h1", f'<meta data-pagefind-filter="agency[content]" '
                                             f'content="{agency}"><h1', 1), encoding="utf-8")
    pages = si.collect_pages(site)
    files = si.build_index(pages)
    meta = payload(files["meta.js"])
    assert meta["filters"] == ["agency"]
    assert payload(files["filters.js"])["filters"] == {"agency": [["Xinhua", 2], ["TEST FIXTURE Agency", 1]]}
    docs = payload(files["filters/0.js"])["docs"]
    urls = [p.url for p in pages]
    decoded = {value: [sum(deltas[:i + 1]) for i in range(len(deltas))] for value, deltas in docs.items()}
    assert [urls[d] for d in decoded["Xinhua"]] == ["articles/new.html", "articles/old.html"]
    assert [urls[d] for d in decoded["TEST FIXTURE Agency"]] == ["entities/marrowby/index.html"]
