"""Sidenote CSS/JS in a real Chromium: margin layout without overlaps, the narrow-screen
toggle (aria-expanded, focus, Escape), passage highlighting and the no-JS fallback.

The page is a minimal stand-in for an article page (a .md-typeset column holding
.na-article), built from the same HTML functions the site uses.
"""

from __future__ import annotations

import html
import shutil
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
    passages = [min(marker["top"], mark["top"]) for marker, mark in zip(markers, boxes(pg, "mark.na-mark"))]
    # notes a and b (one line of paragraph 1) share the room: one a little above, one below its passage
    assert notes[0]["top"] < passages[0] - 2 and notes[1]["top"] > passages[1] + 2
    assert all(abs(n["top"] - p) <= 120 for n, p in zip(notes, passages)), (notes, passages)
    assert abs(notes[3]["top"] - passages[3]) < 2, "a lone note aligns with its passage"
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
    assert pg.eval_on_selector_all(".na-endnotes .na-note__more, .na-endnotes [tabindex]", "els => els.length") == 0
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


# ---- the built site: the seed's three notes and the ten-note TEST FIXTURE article -------------

NOTES_FIXTURE = ROOT / "tests" / "fixtures" / "notes-layout"  # TEST FIXTURE, not real news (its README)
FIXTURE_PAGE = "articles/2022-03-14-test-fixture-harbour-council-budget.html"
SEED_PAGE = "articles/2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19.html"
NEAR_PX = 120  # a margin note starts at most this far from its passage's line

# each margin note with its marker's and its highlight's tops (page coordinates), its "more" button's state
MARGIN_NOTES = """() => [...document.querySelectorAll('.na-article > .na-note:not(.na-note--orphan)')].map(n => {
  const marker = document.querySelector(`.na-marker a[href='#${n.id}'], #${n.id}-ref`);
  const mark = document.getElementById(n.id + '-text').getClientRects()[0];
  let para = n.previousElementSibling;
  while (para.tagName !== 'P') para = para.previousElementSibling;
  const box = n.getBoundingClientRect(), more = n.querySelector('.na-note__more'), y = scrollY;
  return {id: n.id, top: box.top + y, bottom: box.bottom + y, left: box.left,
          marker: marker.getBoundingClientRect().top + y, mark: mark.top + y, text_right: para.getBoundingClientRect().right,
          more: more && more.offsetParent !== null ? more.getAttribute('aria-expanded') : null}; })"""


@pytest.fixture(scope="module")
def notes_site(tmp_path_factory):
    """The sample site (the seed) plus the ten-note TEST FIXTURE article, built for real."""
    from browser import scratch_root
    from generator.diagnostics import Report
    from generator.site import build_site

    root = scratch_root(tmp_path_factory.mktemp("notes-archive"))
    for raw in (NOTES_FIXTURE / "raw").glob("*.txt"):
        (root / "site-data" / "raw" / raw.name).write_bytes(raw.read_bytes())
    for folder in (NOTES_FIXTURE / "annotations").iterdir():
        shutil.copytree(folder, root / "site-data" / "annotations" / folder.name)
    report = Report()
    result = build_site(root, report, quiet=True)
    assert result.built and not report.errors, [d.format() for d in report.diagnostics]
    from browser import serve
    with serve(result.site_dir) as base:
        yield base


def margin_page(browser, base, path, width=1400):
    pg = browser.new_page(viewport={"width": width, "height": 900})
    pg.goto(base + path)
    pg.wait_for_load_state("load")
    pg.wait_for_timeout(200)  # fonts and the ResizeObserver's last layout
    return pg


def assert_by_their_passages(notes):
    for n in notes:
        assert n["left"] >= n["text_right"], f"{n['id']} is not in the margin"
        for line in ("marker", "mark"):
            assert abs(n["top"] - n[line]) <= NEAR_PX, f"{n['id']} starts {n['top'] - n[line]:.0f} px from its {line}"
    ordered = sorted(notes, key=lambda n: n["top"])
    for upper, lower in zip(ordered, ordered[1:]):
        assert lower["top"] >= upper["bottom"], f"{upper['id']} overlaps {lower['id']}"


@pytest.mark.parametrize("path, count", [(SEED_PAGE, 3), (FIXTURE_PAGE, 10)])
def test_long_notes_are_shortened_and_stay_by_their_passages(browser, notes_site, path, count):
    pg = margin_page(browser, notes_site, path)
    notes = pg.evaluate(MARGIN_NOTES)
    assert len(notes) == count
    assert [n["more"] for n in notes] == ["false"] * count, "every long note shows its first lines and 'more'"
    assert_by_their_passages(notes)
    # the shortened note hides its sources and meta line, and its links leave the tab order
    first = f"#{notes[0]['id']}"
    assert pg.locator(f"{first} .na-note__sources").is_hidden()
    assert pg.eval_on_selector_all(f"{first} a", "els => els.every(a => a.tabIndex === -1 || !a.offsetParent)")
    pg.close()


def test_more_toggle_by_keyboard_keeps_the_notes_apart_and_the_focus(browser, notes_site):
    pg = margin_page(browser, notes_site, FIXTURE_PAGE)
    before = {n["id"]: n for n in pg.evaluate(MARGIN_NOTES)}
    more = "#note-pier-money .na-note__more"
    pg.focus(".na-marker a[href='#note-dredging']")  # the last marker of paragraph 2 ...
    pg.keyboard.press("Tab")  # ... then the first note after it
    assert pg.eval_on_selector(more, "b => b === document.activeElement"), "the 'more' button is the next tab stop"
    assert pg.eval_on_selector(more, "b => getComputedStyle(b).outlineStyle") != "none", "visible focus"
    assert pg.get_attribute(more, "aria-expanded") == "false"
    pg.keyboard.press("Enter")
    pg.wait_for_timeout(100)
    after = {n["id"]: n for n in pg.evaluate(MARGIN_NOTES)}
    assert pg.get_attribute(more, "aria-expanded") == "true"
    assert pg.locator("#note-pier-money .na-note__sources").is_visible()
    assert pg.locator("#note-pier-money .na-note__meta").is_visible()
    opened = after["note-pier-money"]
    assert opened["bottom"] - opened["top"] > before["note-pier-money"]["bottom"] - before["note-pier-money"]["top"] + 50
    assert abs(opened["top"] - before["note-pier-money"]["top"]) < 1, "the opened note stays where it was"
    ordered = sorted(after.values(), key=lambda n: n["top"])
    for upper, lower in zip(ordered, ordered[1:]):
        assert lower["top"] >= upper["bottom"], f"{upper['id']} overlaps {lower['id']} after opening"
    assert pg.eval_on_selector(more, "b => b === document.activeElement"), "focus stays on the toggle"
    assert pg.eval_on_selector(more, "b => { const r = b.getBoundingClientRect();"
                                     " return r.top >= 0 && r.bottom <= innerHeight; }"), "the toggle is in view"
    assert pg.eval_on_selector_all("#note-pier-money a", "els => els.every(a => a.tabIndex === 0)")
    pg.keyboard.press(" ")
    pg.wait_for_timeout(100)
    assert pg.get_attribute(more, "aria-expanded") == "false"
    assert pg.eval_on_selector(more, "b => b === document.activeElement")
    assert_by_their_passages(pg.evaluate(MARGIN_NOTES))
    pg.close()


def test_narrow_screens_keep_the_marker_toggle_on_the_built_article(browser, notes_site):
    pg = margin_page(browser, notes_site, SEED_PAGE, width=400)
    marker = ".na-marker a[href='#note-who-executive-board-session']"
    note = "#note-who-executive-board-session"
    assert pg.locator(note).is_hidden()
    pg.focus(marker)
    pg.keyboard.press("Enter")
    assert pg.locator(note).is_visible() and pg.get_attribute(marker, "aria-expanded") == "true"
    assert pg.locator(f"{note} .na-note__more").is_hidden(), "notes open whole under their paragraph"
    assert pg.locator(f"{note} .na-note__sources").is_visible()
    paragraph = pg.eval_on_selector(note, "n => n.previousElementSibling.getBoundingClientRect().bottom")
    assert pg.eval_on_selector(note, "n => n.getBoundingClientRect().top") >= paragraph
    pg.close()


def test_a_marker_or_a_permalink_opens_its_whole_note_in_the_margin(browser, notes_site):
    pg = margin_page(browser, notes_site, FIXTURE_PAGE)
    pg.click(".na-marker a[href='#note-bus-riders']")
    assert pg.get_attribute("#note-bus-riders .na-note__more", "aria-expanded") == "true"
    assert pg.evaluate("document.activeElement.id") == "note-bus-riders"
    assert pg.locator("#note-bus-riders .na-note__sources").is_visible()
    assert pg.get_attribute("#note-pier-closures .na-note__more", "aria-expanded") == "false", "the others stay short"
    pg.close()
    pg = margin_page(browser, notes_site, FIXTURE_PAGE + "#note-auditors")
    assert pg.get_attribute("#note-auditors .na-note__more", "aria-expanded") == "true"
    assert pg.locator("#note-auditors .na-note__meta").is_visible()
    pg.close()
