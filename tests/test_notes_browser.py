"""Sidenote CSS/JS in a real Chromium: margin layout without overlaps, the narrow-screen
toggle (aria-expanded, focus, Escape), passage highlighting and the no-JS fallback.

The page is a minimal stand-in for an article page (a .md-typeset column holding
.na-article), built from the same HTML functions the site uses.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from generator.annotations import Note, anchor, mark_spans, render_orphans_html, render_paragraph_notes

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "overrides" / "assets"

# TEST FIXTURE - not real news: made-up paragraphs; three notes on the first two
# paragraphs are close together, so in the margin they must be pushed apart.
PARAGRAPHS = (
    "TEST FIXTURE - not real news. The harbour bridge reopened on Monday, the mayor said, after three weeks.",
    "The ferry service carried 1,234 passengers in the week, a record for the fixture town.",
    *("Filler paragraph number %d of the fixture, long enough to wrap over a few lines of text in the "
      "column so that the page has some height to scroll through." % i for i in range(3, 13)),
    "Officials counted 5,000 cyclists on the new cycle lane in its first month.",
)


def _note(id: str, quote: str, body_words: int) -> Note:
    body = " ".join(["Note text"] * body_words)
    return Note(id=id, article="fixture", quote=quote, prefix=None, suffix=None, kind="context", verdict=None,
                body=body, body_html=f"<p>{body}</p>", sources=(), author="Fixture Author", added="2026-11-29",
                file="x.yml", line=1)


NOTES = [_note("a", "harbour bridge reopened", 20), _note("b", "the mayor said", 20),
         _note("c", "1,234 passengers", 10), _note("d", "5,000 cyclists", 10),
         _note("gone", "a passage no longer in the fixture text", 5)]


def _paragraph(number: int, text: str, spans, link_markers: bool = False) -> str:
    out, at = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        out.append(html.escape(text[at:span.start]))
        marker = (f'<sup class="na-marker"><a href="{span.attrs["marker_href"]}">{span.attrs["marker"]}</a></sup>'
                  if link_markers else span.attrs["marker_html"])
        out.append(f'<mark id="{span.attrs["id"]}" class="{" ".join(span.attrs["classes"])}">'
                   f"{html.escape(text[span.start:span.end])}</mark>{marker}")
        at = span.end
    out.append(html.escape(text[at:]))
    return f'<p id="p{number}">{"".join(out)}</p>'


def page(tmp_path: Path, script: bool = True, link_markers: bool = False) -> str:
    anchored, _ = anchor(NOTES, PARAGRAPHS)
    spans = mark_spans(anchored)
    asides = render_paragraph_notes(anchored)
    body = []
    for number, text in enumerate(PARAGRAPHS, start=1):
        body.append(_paragraph(number, text, spans.get(number, []), link_markers))
        if number in asides:
            body.append(asides[number])
    body.append(render_orphans_html(anchored))
    js = f'<script src="{(ASSETS / "javascripts" / "sidenotes.js").as_uri()}"></script>' if script else ""
    path = tmp_path / f"page-{script}-{link_markers}.html"
    path.write_text(f"""<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{(ASSETS / 'stylesheets' / 'sidenotes.css').as_uri()}">
<style>html{{font-size:125%}} body{{margin:0}} .md-typeset{{font-size:.8rem;line-height:1.6;max-width:48rem;
margin:0 auto;padding:0 1rem}}</style></head>
<body><div class="md-typeset"><div class="na-article"><h1>TEST FIXTURE</h1>{"".join(body)}</div></div>{js}
</body></html>""", encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium  # the session's Chromium (conftest.py)


def boxes(pg, selector):
    return pg.eval_on_selector_all(selector, "els => els.map(e => { const r = e.getBoundingClientRect();"
                                             " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,"
                                             " hidden: e.hidden, visible: e.offsetParent !== null}; })")


def test_wide_screen_notes_sit_in_the_margin_without_overlap(browser, tmp_path):
    pg = browser.new_page(viewport={"width": 1400, "height": 900})
    pg.goto(page(tmp_path))
    pg.wait_for_function("document.querySelector('.na-sidenotes--margin')")
    notes = boxes(pg, ".na-article > .na-note")
    paragraphs = boxes(pg, ".na-article > p")
    markers = boxes(pg, ".na-note-marker")
    assert len(notes) == 4 and all(n["visible"] for n in notes)
    text_right = max(p["right"] for p in paragraphs)
    assert all(n["left"] >= text_right for n in notes), "notes must sit right of the text"
    for upper, lower in zip(notes, notes[1:]):
        assert lower["top"] >= upper["bottom"], "margin notes overlap"
    assert abs(notes[0]["top"] - markers[0]["top"]) < 2, "first note aligns with its marker"
    assert notes[1]["top"] > markers[1]["top"] + 2, "second note was pushed down"
    assert abs(notes[3]["top"] - markers[3]["top"]) < 2, "a lone note aligns with its marker"
    assert pg.get_attribute("#note-a-ref", "aria-expanded") == "true"
    # the orphan stays in its section at the end, not in the margin
    orphan = boxes(pg, ".na-orphans .na-note")[0]
    assert orphan["left"] < text_right
    pg.close()


def test_hovering_a_note_highlights_its_passage(browser, tmp_path):
    pg = browser.new_page(viewport={"width": 1400, "height": 900})
    pg.goto(page(tmp_path))
    pg.wait_for_function("document.querySelector('.na-sidenotes--margin')")
    assert "na-mark--active" not in pg.get_attribute("#note-c-text", "class")
    pg.hover("#note-c")
    assert "na-mark--active" in pg.get_attribute("#note-c-text", "class")
    assert "na-mark--active" not in pg.get_attribute("#note-a-text", "class")
    pg.close()


def test_narrow_screen_marker_toggles_the_note(browser, tmp_path):
    pg = browser.new_page(viewport={"width": 420, "height": 800})
    pg.goto(page(tmp_path))
    pg.wait_for_function("document.querySelector('.na-sidenotes')")
    assert pg.eval_on_selector("#note-a", "e => e.hidden") is True
    assert pg.get_attribute("#note-a-ref", "aria-expanded") == "false"
    pg.focus("#note-a-ref")
    pg.keyboard.press("Enter")
    assert pg.eval_on_selector("#note-a", "e => !e.hidden && e.offsetParent !== null") is True
    assert pg.get_attribute("#note-a-ref", "aria-expanded") == "true"
    assert pg.evaluate("document.activeElement.id") == "note-a"
    note, para = boxes(pg, "#note-a")[0], boxes(pg, "#p1")[0]
    assert note["top"] >= para["bottom"], "the note opens below its paragraph"
    pg.keyboard.press("Escape")
    assert pg.eval_on_selector("#note-a", "e => e.hidden") is True
    assert pg.get_attribute("#note-a-ref", "aria-expanded") == "false"
    assert pg.evaluate("document.activeElement.id") == "note-a-ref"
    pg.close()


def test_without_javascript_notes_show_after_their_paragraphs(browser, tmp_path):
    pg = browser.new_page(viewport={"width": 1400, "height": 900}, java_script_enabled=False)
    pg.goto(page(tmp_path, script=False))
    notes = boxes(pg, ".na-article > .na-note")
    assert len(notes) == 4 and all(n["visible"] for n in notes)
    assert notes[0]["top"] >= boxes(pg, "#p1")[0]["bottom"]
    assert notes[0]["left"] < boxes(pg, "#p1")[0]["right"], "inline, not in a margin"
    pg.close()


def test_print_shows_numbered_endnotes(browser, tmp_path):
    pg = browser.new_page(viewport={"width": 1400, "height": 900})
    pg.goto(page(tmp_path))
    pg.wait_for_function("document.querySelector('.na-endnotes')")
    assert pg.eval_on_selector(".na-endnotes", "e => getComputedStyle(e).display") == "none"
    pg.emulate_media(media="print")
    numbers = pg.eval_on_selector_all(".na-endnotes .na-note__number", "els => els.map(e => e.textContent)")
    assert numbers == ["1", "2", "3", "4"]
    assert pg.eval_on_selector(".na-endnotes", "e => getComputedStyle(e).display") == "block"
    assert pg.eval_on_selector("#note-a", "e => getComputedStyle(e).display") == "none"
    assert pg.eval_on_selector_all(".na-endnotes [id]", "els => els.length") == 0
    pg.close()


def test_the_writers_link_markers_become_toggles_too(browser, tmp_path):
    pg = browser.new_page(viewport={"width": 420, "height": 800})
    pg.goto(page(tmp_path, link_markers=True))
    pg.wait_for_function("document.querySelector('.na-sidenotes')")
    marker = ".na-marker a[href='#note-b']"
    assert pg.get_attribute(marker, "role") == "button"
    assert pg.get_attribute(marker, "aria-controls") == "note-b"
    assert pg.eval_on_selector("#note-b", "e => e.hidden") is True
    pg.focus(marker)
    pg.keyboard.press(" ")
    assert pg.get_attribute(marker, "aria-expanded") == "true"
    assert pg.evaluate("document.activeElement.id") == "note-b"
    assert pg.evaluate("location.hash") == ""
    pg.close()
