"""All notes as W3C Web Annotation JSON-LD."""

from __future__ import annotations

import json
from types import SimpleNamespace

from generator.annotations import Note, NoteSource, anchor, export_jsonld

# TEST FIXTURE - not real news
PARAGRAPHS = ("TEST FIXTURE - not real news. The harbour bridge reopened on Monday.",
              "The ferry service carried 1,234 passengers.")
ARTICLE = SimpleNamespace(id="fixture-article", paragraphs=PARAGRAPHS)


def note(id, quote, kind="context", verdict=None, sources=()):
    return Note(id=id, article="fixture-article", quote=quote, prefix=None, suffix=None, kind=kind,
                verdict=verdict, body=f"Body of *{id}*.", body_html="", sources=sources, author="Fixture Author",
                added="2026-11-29", file="x.yml", line=1)


def export(base="https://example.org/news/"):
    notes = [note("fc", "1,234 passengers", "fact-check", "misleading",
                  (NoteSource("https://example.org/t", "Timetable"),)),
             note("ctx", "harbour bridge reopened"), note("gone", "a passage that is gone from the text")]
    anchored, _ = anchor(notes, PARAGRAPHS)
    return export_jsonld({"fixture-article": anchored}, {"fixture-article": ARTICLE}, base)


def test_collection_shape():
    data = export()
    json.dumps(data)  # plain JSON
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert (data["type"], data["id"], data["total"]) == (
        "AnnotationCollection", "https://example.org/news/annotations.jsonld", 3)
    page = data["first"]
    assert page["type"] == "AnnotationPage" and page["startIndex"] == 0
    page_url = "https://example.org/news/articles/fixture-article.html"
    assert [a["id"] for a in page["items"]] == [page_url + "#note-ctx", page_url + "#note-fc",
                                                page_url + "#note-gone"]


def test_anchored_note_has_quote_and_position_selectors():
    ctx, fc, gone = export()["first"]["items"]
    assert ctx["type"] == "Annotation" and ctx["motivation"] == "commenting"
    assert ctx["created"] == "2026-11-29T00:00:00Z" and ctx["creator"] == {"name": "Fixture Author"}
    assert ctx["body"] == [{"type": "TextualBody", "value": "Body of *ctx*.", "format": "text/markdown",
                            "purpose": "commenting"}]
    quote, fragment = ctx["target"]["selector"]
    start = PARAGRAPHS[0].index("harbour")
    assert quote == {"type": "TextQuoteSelector", "exact": "harbour bridge reopened",
                     "prefix": PARAGRAPHS[0][start - 32:start], "suffix": " on Monday."}
    assert fragment["value"] == "p1"
    assert fragment["refinedBy"] == {"type": "TextPositionSelector", "start": start, "end": start + 23}
    assert ctx["target"]["source"] == "https://example.org/news/articles/fixture-article.html"


def test_fact_check_has_verdict_and_sources():
    _, fc, _ = export()["first"]["items"]
    assert fc["motivation"] == "assessing"
    assert fc["body"][1:] == [
        {"type": "TextualBody", "value": "misleading", "purpose": "assessing"},
        {"type": "SpecificResource", "purpose": "linking",
         "source": {"id": "https://example.org/t", "type": "Text", "format": "text/html", "label": "Timetable"}}]


def test_orphan_keeps_its_quote_without_position():
    *_, gone = export()["first"]["items"]
    assert gone["target"]["selector"] == [{"type": "TextQuoteSelector",
                                           "exact": "a passage that is gone from the text"}]


def test_relative_urls_and_determinism():
    assert export("")["first"]["items"][0]["id"] == "articles/fixture-article.html#note-ctx"
    assert json.dumps(export(), sort_keys=False) == json.dumps(export(), sort_keys=False)
