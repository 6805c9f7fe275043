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


def test_words_the_edit_moved_past_the_edge_are_part_of_the_highlight():
    """An order-keeping alignment cannot pair both "repairs" and "filters" once they swapped places: the
    quote's own words just past its aligned edge, in the same clause, are part of the counterpart."""
    paras = ("TEST FIXTURE - not real news. The pool will shut for two weeks while its filters are repaired, "
             "the council said.",
             "TEST FIXTURE - not real news. In the old town, residents should not drink the tap water until "
             "Friday.")
    item, _ = one(note("The pool will close for two weeks for repairs to its filters"), paras)
    assert (item.status, item.text) == ("fuzzy", "The pool will shut for two weeks while its filters are repaired")
    item, _ = one(note("should not drink tap water in the old town until Friday"), paras)  # moved to the front,
    assert (item.status, item.text) == ("fuzzy", "should not drink the tap water until Friday")  # past a comma
    paras = ("TEST FIXTURE - not real news. The pool will shut for two weeks, and repairs to the filters will "
             "cost more than planned.",)
    item, _ = one(note("the pool will shut for repairs for two weeks"), paras)  # another clause's words
    assert (item.status, item.text) == ("fuzzy", "The pool will shut for two weeks")


def test_a_sentence_with_a_clause_cut_off_keeps_its_note_and_nothing_looser_does():
    """Under 70% of the quote's words, only the quote itself with one clause cut off its start or end,
    word for word, where the new text breaks too (an attribution dropped), is its counterpart."""
    quote = "Lorries have waited for up to three days to cross, according to drivers at the checkpoint."
    context = {"prefix": "The crossing will reopen on Thursday.", "suffix": "Drivers said"}
    for new, expected in [
        ("Lorries have waited for up to three days to cross.", "Lorries have waited for up to three days to cross."),
        ("Lorries have waited for up to three days to cross the border.", None),  # no clause break there
        ("Lorries have waited for up to two days to cross.", None),  # and a figure changed
        ("Vans have waited for up to three days to cross.", None),
    ]:
        paras = ("TEST FIXTURE - not real news. The crossing will reopen on Thursday.", new, "Drivers said little.")
        item, _ = one(note(quote, **context), paras)
        assert item.text == expected, new
    paras = ("TEST FIXTURE - not real news. The crossing will reopen on Thursday.",
             "Some lorries have waited for up to three days.", "Drivers said little.")
    item, _ = one(note("According to drivers at the checkpoint, lorries have waited for up to three days.",
                       **context), paras)
    assert item.text is None  # the start cut, and a word added where it was cut
    paras = ("TEST FIXTURE - not real news. The crossing will reopen on Thursday.",
             "Lorries have waited for up to three days.", "Drivers said little.")
    item, _ = one(note("According to drivers at the checkpoint, lorries have waited for up to three days.",
                       **context), paras)
    assert item.text == "Lorries have waited for up to three days."


def test_replaced_last_words_are_found_up_to_the_suffix():
    """'in favour' -> 'against': with the suffix (what followed the quote), the words now between the
    last word that lines up and the suffix are the replacement; without it, as many content words as
    were replaced, up to a function word ('after') or a clause break."""
    paras = ("TEST FIXTURE - not real news. Councillors voted 9 to 4 against after a three-hour debate.",)
    quote = "Councillors voted 9 to 4 in favour"
    item, _ = one(note(quote, suffix="after a three-hour debate."), paras)
    assert item.text == "Councillors voted 9 to 4 against"
    item, _ = one(note(quote), paras)
    assert item.text == "Councillors voted 9 to 4 against"
    cut = ("TEST FIXTURE - not real news. Councillors voted 9 to 4, officials said after the debate.",)
    item, _ = one(note(quote), cut)
    assert item.text == "Councillors voted 9 to 4"
    item, _ = one(note("It was paid for by the city", prefix="cost 8 million crowns."),
                  ("TEST FIXTURE. The bridge cost 8 million crowns and was paid for by the city.",))
    assert item.text == "was paid for by the city"  # a function word in place of one is not the quote's


def test_a_sentence_merged_into_another_is_not_widened_to_it():
    paras = ("TEST FIXTURE - not real news. A cargo ship carrying timber from Norway ran aground off Calder Bay "
             "early on Saturday, the coastguard said.",)
    item, _ = one(note("The ship was carrying timber from Norway."), paras)
    assert item.text == "ship carrying timber from Norway"
    item, _ = one(note("A hosepipe ban is not planned"),  # nor a partial quote to the sentence it is now in
                  ("TEST FIXTURE. Finch said a hosepipe ban was not planned, but the board would meet weekly.",))
    assert item.text == "a hosepipe ban was not planned"


def test_moved_words_do_not_chain_into_another_statement():
    """The storm and the homes survive only in a clause of a sentence about something else: the quote's
    words before the window, each past another word, are not gathered into a passage for the note."""
    paras = ("TEST FIXTURE - not real news. GRANVIK, Jan. 23 -- Power was restored to most of the 1.5 million homes "
             "that lost it when a storm swept across the north of the country on Monday night, the operator said.",)
    item, _ = one(note("A storm cut power to about 1.5m homes across the north of the country overnight",
                       prefix="GRANVIK, Jan. 22 --", suffix=", the grid operator said."), paras)
    assert item.status == "orphan"


def test_a_note_is_not_pieced_together_from_two_sentences():
    """A sibling's "ferry will resume on" and the next sentence's "Monday" are 75% of the quote's words,
    but no counterpart; a sentence split in two still is one."""
    paras = ("TEST FIXTURE - not real news. The southern ferry will resume on Friday, the operator said. On Monday, "
             "the northern bridge will reopen.",)
    item, _ = one(note("The northern ferry will resume on Monday."), paras)
    assert item.status == "orphan"
    paras = ("TEST FIXTURE - not real news. The mayor opened the footbridge on Saturday. She thanked the crews.",)
    item, _ = one(note("The mayor opened the footbridge on Saturday and thanked the crews."), paras)
    assert item.text == "The mayor opened the footbridge on Saturday. She thanked the crews."


def test_a_sibling_holding_what_the_best_lacks_makes_the_note_an_orphan_naming_both():
    """The counterpart lost its attribution; a sibling sentence kept it (and its figure). Without
    context the sibling scored higher: it was a wrong anchor. Now both are named and the note is kept."""
    paras = ("TEST FIXTURE - not real news. Prices rose by 4% in March.",
             "Wages rose by 4% in April, the statistics office said.")
    quote = "Prices rose by 4% in March, the statistics office said."
    item, messages = one(note(quote), paras)
    assert item.status == "orphan"
    assert len(messages) == 1 and "two passages are about as close to it: paragraph 2" in messages[0]
    assert "paragraph 1 (" in messages[0]
    item, _ = one(note(quote, prefix="TEST FIXTURE - not real news."), paras)
    assert (item.status, item.paragraph, item.text) == ("fuzzy", 1, "Prices rose by 4% in March.")
