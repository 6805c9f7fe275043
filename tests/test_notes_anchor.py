"""Anchoring notes to plain paragraph text: exact, disambiguated, typographic, fuzzy, orphan."""

from __future__ import annotations

from generator.annotations import Note, anchor, fold, mark_spans
from generator.annotations.drift import MIN_SCORE

# TEST FIXTURE - not real news: made-up paragraphs.
PARAGRAPHS = (
    "TEST FIXTURE - not real news. PORTVILLE, Jan. 5 -- The harbour bridge reopened on Monday, "
    "the mayor said.",
    "\u201cWe are proud of the crews,\u201d the mayor said. The ferry service carried 1,234 passengers "
    "in the week\u2014a record.",
    "The mayor said\u00a0the  bridge would stay open, and the mayor said it twice.",
    "Officials counted 5,000 cyclists crossing the new cycle lane in its first month of operation.",
)


def note(quote: str, *, prefix: str | None = None, suffix: str | None = None, id: str = "n",
         line: int = 1) -> Note:
    return Note(id=id, article="fixture-article", quote=quote, prefix=prefix, suffix=suffix, kind="context",
                verdict=None, body="b", body_html="<p>b</p>", sources=(), author="A", added="2026-11-29",
                file="site-data/annotations/fixture-article.yml", line=line)


def one(n: Note, paragraphs=PARAGRAPHS):
    anchored, report = anchor([n], paragraphs)
    assert len(anchored) == 1
    return anchored[0], [d.format() for d in report.diagnostics]


def test_exact_anchor_gives_plain_text_offsets():
    item, messages = one(note("harbour bridge reopened"))
    assert messages == []
    assert (item.status, item.paragraph, item.number) == ("exact", 1, 1)
    assert PARAGRAPHS[0][item.start:item.end] == "harbour bridge reopened" == item.text


def test_typography_and_whitespace_do_not_matter():
    # straight quotes for curly, a hyphen pair for an em dash, a plain space for NBSP, extra spaces
    item, messages = one(note('"We  are proud of the crews,"'))
    assert messages == [] and item.text == "\u201cWe are proud of the crews,\u201d"
    item, messages = one(note("1,234 passengers in the week -- a record"))
    assert messages == [] and item.text == "1,234 passengers in the week\u2014a record"
    item, messages = one(note("The mayor said the bridge would stay open"))
    assert messages == [] and item.text == "The mayor said\u00a0the  bridge would stay open"
    assert item.paragraph == 3


def test_fold_maps_back_to_original_offsets():
    folded, origin = fold("a\u00a0\u00a0\u201cb\u201d \u2014 c\u2026")
    assert folded == 'a "b"-c...'
    assert [origin[i] for i in range(len(folded))] == [0, 1, 3, 4, 5, 7, 9, 10, 10, 10]


def test_repeated_passage_is_an_error_listing_every_occurrence():
    item, messages = one(note("the mayor said", id="dup", line=4))
    assert item.status == "orphan" and item.paragraph is None
    assert len(messages) == 1
    message = messages[0]
    assert message.startswith("site-data/annotations/fixture-article.yml:4: error: note 'dup': the quote "
                              "'the mayor said' occurs 3 times and nothing says which one: paragraph 1 (")
    assert message.count("paragraph 2 (") == 1 and message.count("paragraph 3 (") == 1
    assert message.count("paragraph ") == 3
    assert "[the mayor said] it twice." in message  # context around the occurrence
    assert message.endswith("(add 'prefix:' (the words just before) or 'suffix:' (the words just after) the "
                            "one you mean; `newsarchive annotate` prints a ready one)")


def test_prefix_and_suffix_pick_one_occurrence():
    item, messages = one(note("the mayor said", prefix="open, and"))
    assert messages == []
    assert (item.status, item.paragraph) == ("exact", 3)
    assert PARAGRAPHS[2][:item.start].endswith("and ")
    item, messages = one(note("the mayor said", suffix=". The ferry"))
    assert messages == [] and item.paragraph == 2
    # typography-insensitive context too
    item, messages = one(note("the mayor said", prefix="\u201d"))
    assert messages == [] and item.paragraph == 2


def test_context_matching_several_occurrences_is_still_an_error():
    item, messages = one(note("the mayor said", suffix="."))
    assert item.status == "orphan"
    assert "occurs 2 times and the prefix/suffix given match several of them: paragraph 1 (" in messages[0]


def test_quote_across_paragraphs_is_an_error():
    item, messages = one(note("the mayor said. \u201cWe are proud"))
    assert item.status == "orphan"
    assert messages == ["site-data/annotations/fixture-article.yml:1: error: note 'n': the quote runs across "
                        "paragraphs 1-2; a note must quote a passage within one paragraph (quote only the part "
                        "in paragraph 1 or 2, or write one note per paragraph)"]


def test_drifted_text_anchors_fuzzily_with_a_warning_showing_old_and_new():
    old = "Officials counted 5,000 cyclists crossing the new bike lane"
    item, messages = one(note(old))
    assert item.status == "fuzzy" and item.paragraph == 4
    assert item.text == "Officials counted 5,000 cyclists crossing the new cycle lane"
    assert item.score is not None and item.score >= 100 * MIN_SCORE
    assert messages == [
        "site-data/annotations/fixture-article.yml:1: warning: note 'n': the quoted text changed; anchored on the "
        f"closest passage, in paragraph 4 (words 88% alike, score {item.score:.0f}/100): old '{old}' -> new "
        "'Officials counted 5,000 cyclists crossing the new cycle lane' (update 'quote' to the new text if the "
        "note still applies (`newsarchive check --fix` does it))"]


def test_drifted_context_still_anchors_with_a_warning():
    item, messages = one(note("harbour bridge reopened", prefix="The old"))
    assert item.status == "fuzzy" and item.paragraph == 1
    assert len(messages) == 1 and ": warning: note 'n': the prefix/suffix no longer match" in messages[0]


def test_vanished_passage_is_an_orphan_kept_with_a_warning():
    item, messages = one(note("The council voted to demolish the old lighthouse"))
    assert (item.status, item.paragraph, item.start, item.end, item.text) == ("orphan", None, None, None, None)
    assert item.note.quote == "The council voted to demolish the old lighthouse"
    assert messages == [
        "site-data/annotations/fixture-article.yml:1: warning: note 'n': the quote 'The council voted to demolish "
        "the old lighthouse' is not in the article and no passage of the article is close to it; the note is "
        "kept under 'Notes that no longer match the text' (copy the passage again from the article "
        "(`newsarchive annotate` finds the closest one))"]


def test_short_quotes_are_never_matched_fuzzily():
    item, messages = one(note("the mayr sad"))
    assert item.status == "orphan" and "warning" in messages[0]


def test_numbering_is_reading_order_then_orphans():
    notes = [note("no such passage anywhere at all", id="gone"), note("1,234 passengers", id="b"),
             note("harbour bridge", id="a"), note("ferry service", id="c")]
    anchored, _ = anchor(notes, PARAGRAPHS)
    assert [(a.note.id, a.number, a.status) for a in anchored] == [
        ("a", 1, "exact"), ("c", 2, "exact"), ("b", 3, "exact"), ("gone", 4, "orphan")]


def test_mark_spans_for_the_writer():
    notes = [note("ferry service", id="c"), note("harbour bridge", id="a"), note("lost passage words here", id="z")]
    anchored, _ = anchor(notes, PARAGRAPHS)
    spans = mark_spans(anchored)
    assert list(spans) == [1, 2]
    (span,) = spans[1]
    assert (span.start, span.end, span.kind) == (PARAGRAPHS[0].index("harbour"),
                                                 PARAGRAPHS[0].index("harbour") + len("harbour bridge"), "mark")
    assert span.attrs["id"] == "note-a-text"
    assert span.attrs["classes"] == ["na-mark", "na-mark--context", "na-for-a"]
    assert (span.attrs["note_id"], span.attrs["number"], span.attrs["marker"]) == ("a", 1, "1")
    assert span.attrs["marker_href"] == "#note-a"
    assert span.attrs["marker_html"].startswith('<button type="button" class="na-note-marker"')
    assert spans[2][0].attrs["number"] == 2


def test_overlapping_notes_get_overlapping_spans():
    notes = [note("1,234 passengers in the week", id="x"), note("passengers in the week\u2014a record", id="y")]
    anchored, messages = anchor(notes, PARAGRAPHS)
    assert messages.diagnostics == []
    spans = mark_spans(anchored)[2]
    assert [(s.attrs["note_id"], s.start < t.end and t.start < s.end) for s, t in zip(spans, spans[::-1])] == [
        ("x", True), ("y", True)]
