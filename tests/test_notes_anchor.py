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


# TEST FIXTURE - not real news: paragraphs for the drift rules.
DRIFT = (
    "TEST FIXTURE - not real news. The ferry timetable changes next week.",
    "Night ferries to the island",
    "The morning ferry will leave at 7 a.m. from the north pier, the operator said on Monday.",
    "The evening ferry will leave at 7 p.m. from the north pier, the operator said on Monday.",
)


def test_a_heading_that_repeats_some_words_never_takes_the_note():
    item, messages = one(note("Night ferries to the island will run every hour in summer"), DRIFT)
    assert item.status == "orphan"
    assert messages[0].endswith("is not in the article and no passage of the article is close to it; the note is "
                                "kept under 'Notes that no longer match the text' (copy the passage again from the "
                                "article (`newsarchive annotate` finds the closest one))")


def test_two_passages_about_as_close_make_an_orphan_naming_both():
    item, messages = one(note("The ferry will leave at 7 from the north pier, the operator said on Monday."), DRIFT)
    assert item.status == "orphan"
    (message,) = messages
    assert message.startswith("site-data/annotations/fixture-article.yml:1: warning: note 'n': the quote 'The "
                              "ferry will leave at 7 from the north pier, the operator said on Monday.' is not in "
                              "the article as written, and two passages are about as close to it: paragraph 3 (")
    assert "[The morning ferry will leave at 7 a.m." in message and "[The evening ferry will leave at 7 p.m." in message
    assert "paragraph 4 (" in message
    assert message.endswith("the note is kept under 'Notes that no longer match the text' (copy the passage you "
                            "mean into 'quote', with 'prefix'/'suffix' (the words around it))")
    # the words around the quote decide
    item, messages = one(note("The ferry will leave at 7 from the north pier, the operator said on Monday.",
                              prefix="from the north pier, the operator said on Monday."), DRIFT)
    assert (item.status, item.paragraph) == ("fuzzy", 4)
    assert item.text == "The evening ferry will leave at 7 p.m. from the north pier, the operator said on Monday."


def test_a_drifted_highlight_keeps_its_negation_and_whole_words():
    paras = ("TEST FIXTURE - not real news. \u201cWe don\u2019t expect any further delays,\u201d the engineer said.",)
    item, messages = one(note("\u201cWe do not expect further delays,\u201d"), paras)
    assert (item.status, item.text) == ("fuzzy", "\u201cWe don\u2019t expect any further delays,\u201d")
    item, _ = one(note("the enginer sad"), paras)  # two typos fixed
    assert (item.status, item.text) == ("fuzzy", "the engineer said")
    item, _ = one(note("the pilot sad"), paras)  # half the words gone: never a guess
    assert item.status == "orphan"


def test_work_per_drifted_note_is_bounded(monkeypatch):
    """However long the article, a drifted note is aligned with at most MAX_PARAGRAPHS paragraphs and
    MAX_CELLS alignment cells (its time is bounded; the anchoring stays linear in notes)."""
    from generator.annotations import align, drift

    cells: list[int] = []
    original = align.align

    def counting(quote, para, alternatives=1):
        cells.append(len(quote) * len(para))
        return original(quote, para, alternatives)

    monkeypatch.setattr(drift, "align", counting)
    paras = tuple(f"TEST FIXTURE paragraph {i}: the harbour ferry will leave the north pier at seven, the "
                  f"operator said, and the bridge stays closed for repairs until June." for i in range(300))
    item, _ = one(note("the harbour ferry will leave the south pier at seven, the operator said"), paras)
    assert item.status == "orphan"  # 300 passages equally close: never a guess
    assert 0 < len(cells) <= drift.MAX_PARAGRAPHS and sum(cells) <= drift.MAX_CELLS
    cells.clear()
    long_quote = " ".join(["TEST FIXTURE words of a long quote that drifted"] * 60)
    one(note(long_quote), (" ".join(["TEST FIXTURE words of a long quote that drifted here"] * 100),) * 20)
    assert sum(cells) <= drift.MAX_CELLS + 600
