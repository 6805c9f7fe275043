"""Quotes and reported speech attributed to speakers the registry does not know, and key-figure
units. Every sentence is a TEST FIXTURE with invented names, not real news."""

from __future__ import annotations

import pytest

from generator.extract import extract
from generator.extract.entities import Matcher
from generator.extract.figures import figures
from generator.records import RawArticle
from generator.registry import EMPTY


def article(*paragraphs: str):
    raw = RawArticle("raw/fixture.txt", "0" * 64, "plaintext", "TEST FIXTURE: quotes", "2024-01-02T10:00:00+00:00",
                     paragraphs=paragraphs)
    return extract(raw, Matcher(EMPTY))


def said(*paragraphs: str) -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.kind) for q in article(*paragraphs).quotes]


def test_speaker_named_after_the_quote_before_the_verb():
    assert said('"We must not leave anyone behind," Tomas Varga said at a briefing in Geneva.') == [
        ("We must not leave anyone behind", "Tomas Varga", "direct")]


def test_speaker_named_before_the_quote():
    assert said('Lena Ostrova, a virologist at the institute, said: "The first results look promising."') == [
        ("The first results look promising.", "Lena Ostrova", "direct")]


def test_reported_speech_with_words_between_the_verb_and_that():
    assert said("Foreign Minister Lin Haoran said on Monday that the fund would keep its promises.") == [
        ("the fund would keep its promises", "Lin Haoran", "reported")]


def test_reported_speech_with_the_speaker_first_and_an_apposition():
    assert said("Tomas Varga, who heads the agency, said the agency had raised more money.") == [
        ("the agency had raised more money", "Tomas Varga", "reported")]


def test_reported_speech_ending_in_said_name_and_a_surname_later():
    quotes = said("The plan will be run from Vientiane, said Khamla Sounthone, the minister.",
                  "Sounthone said that each country would report every year.")
    assert quotes == [("The plan will be run from Vientiane", "Khamla Sounthone", "reported"),
                      ("each country would report every year", "Khamla Sounthone", "reported")]


def test_a_pronoun_resolves_to_the_last_person_detected():
    quotes = said("Farmer Okan Dreyer planted the first field.", '"It rained at last," he said.')
    assert quotes == [("It rained at last", "Okan Dreyer", "direct")]


def test_no_speaker_when_the_text_names_none():
    assert said('"Ports are where the change starts," a spokesman said.') == [
        ("Ports are where the change starts", None, "direct")]


@pytest.mark.parametrize("text, expected", [
    ("12 vaccine candidates could be shared among 194 member states once trials end.",
     [("12 vaccine candidates", "candidates"), ("194 member states", "states")]),
    ('"Doses could be shared among 194 member," she said.', []),  # a dangling modifier: no figure
    ("The club has 86 members aged between 14 and 22.", [("86 members", "members")]),
    ("They raised 80 million U.S. dollars from donors.", [("80 million U.S. dollars", "USD")]),
    ("It hired 300 staff and 200 new collection workers.", [("300 staff", "staff"),
                                                             ("200 new collection workers", "workers")]),
    ("Winds reached 120 kph on the coast.", [("120 kph", "kph")]),
])
def test_a_key_figure_counts_a_noun(text: str, expected):
    assert [(f.text, f.unit) for f in figures((text,), {})] == expected
