"""Long and repetitive input through the extract stage (issue 11): TEST
FIXTURE names and text generated here, never real news.

Growth is measured in CPU time, as a ratio between two sizes (four or ten
times the input; linear is four or ten, quadratic sixteen or a hundred),
never against a wall clock.
"""

from __future__ import annotations

import random
import re
import time

from generator.extract.entities import Matcher, mentions, trie_pattern
from generator.registry import Entity, Registry


def cpu(function, *args) -> float:
    """The best of three CPU times of ``function(*args)``."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        function(*args)
        best = min(best, time.process_time() - start)
    return best


def recursive_trie_pattern(words: list[str]) -> str:
    """The trie pattern as first written (recursive, one frame per character):
    the reference the iterative builder must agree with on short names."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def test_trie_pattern_matches_what_the_recursive_builder_matched():
    rng = random.Random(11)
    for _ in range(2000):
        words = sorted({"".join(rng.choice("ab .-") for _ in range(rng.randint(1, 7)))
                        for _ in range(rng.randint(1, 9))})
        new, old = re.compile(trie_pattern(words)), re.compile(recursive_trie_pattern(words))
        for _ in range(10):
            text = "".join(rng.choice("ab .-c") for _ in range(rng.randint(0, 14)))
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], (words, text)


def test_trie_pattern_of_a_very_long_name_is_built_linearly():
    """100,000 characters: the recursive builder raised RecursionError at ~500."""
    def build(n: int) -> None:
        re.compile(trie_pattern(["TEST FIXTURE " * (n // 13), "Q" * n, "TEST FIXTURE " * (n // 26) + "Z"]))

    build(100_000)
    small, large = cpu(build, 10_000), cpu(build, 100_000)
    assert large < 20 * small + 0.05, (small, large)  # linear: 10x; quadratic: 100x


def test_groups_nest_no_deeper_than_the_longest_name():
    """Names that are prefixes of each other nest one optional group per
    name: 150 of them (within the registry's length limit) compile."""
    words = ["TEST FIXTURE"[: 1 + i % 12] + "x" * (i // 12) for i in range(150)]
    pattern = trie_pattern(words)
    assert pattern.count("(?:") <= 150
    assert re.compile(pattern).fullmatch(words[-1])


def entity(n: int, name: str, kind: str = "person") -> Entity:
    return Entity(id=f"test-fixture-{n}", name=name, kind=kind)


def test_matcher_finds_a_long_registered_name():
    name = "Test Fixture " + "Longname " * 20 + "Jr"
    matcher = Matcher(Registry((entity(1, name),)))
    (hit,) = matcher.hits((f"TEST FIXTURE text: {name} said so.",))
    assert hit.form == name


def test_mentions_are_linear_in_the_hits():
    """One entity in every one of many paragraphs: the list of paragraphs was
    searched once per hit (quadratic)."""
    matcher = Matcher(Registry((entity(1, "Testfixture Person"), entity(2, "Testfixture Place", "place"))))

    def run(count: int) -> None:
        paras = tuple(f"TEST FIXTURE {i}: Testfixture Person met Testfixture Place." for i in range(count))
        hits = matcher.hits(paras)
        (person,) = mentions(hits, "person")
        assert len(person.paragraphs) == count

    small, large = cpu(run, 2_000), cpu(run, 20_000)
    assert large < 20 * small + 0.05, (small, large)


# --- quotes: the speaker search ----------------------------------------------------------------

from generator.extract.quotes import SPEECH, ends_with_speech, quotes  # noqa: E402
from generator.extract.text import sentences  # noqa: E402

#: the pattern quotes.py searched the text before each quotation mark with (cubic in the paragraph)
OLD_BEFORE = re.compile(rf"(?P<who>.*)\b{SPEECH}(?:\s+that)?[:,]?\s*$", re.DOTALL)


def test_ends_with_speech_agrees_with_the_pattern_it_replaces():
    rng = random.Random(4)
    pieces = ["said", "says", "told", "stressed", "added", "that", "unsaid", "Said", " ", "  ", "\t", "\n",
              ":", ",", "x", "TEST", "_", "é"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert ends_with_speech(text, len(text)) == bool(OLD_BEFORE.search(text)), repr(text)


def quoting_paragraph(size: int) -> str:
    """One sentence of ``size`` characters, a quotation every ~90 (scare quotes,
    attributed quotes, speech verbs before and after)."""
    unit = ('TEST FIXTURE words "an invented remark about nothing at all" and, '
            '"another invented remark here," said Testfixture Speaker, and she told "more of it" as ')
    return (unit * (size // len(unit) + 1))[:size]


def test_quote_extraction_is_linear_in_the_paragraph():
    """Before: 2,000 characters 0.34 s, 4,000 3.0 s, 8,000 18 s, 16,000 155 s (CPU)."""
    matcher = Matcher(Registry((entity(1, "Testfixture Speaker"),)))

    def run(size: int) -> None:
        paragraph = quoting_paragraph(size)
        sentences.cache_clear()
        found = quotes((paragraph,), matcher.hits((paragraph,)))
        assert sum(q.speaker == "Testfixture Speaker" for q in found) >= size // 200

    small, large = cpu(run, 10_000), cpu(run, 100_000)
    assert large < 20 * small + 0.05, (small, large)


def test_sentence_opening_with_spaces_then_said_that():
    """It raised IndexError (the speaker was taken from the last word of an empty 'who')."""
    found = quotes(("  said that the TEST FIXTURE plan works.", "\t said that it does."), [])
    assert [(q.text, q.speaker) for q in found] == [("the TEST FIXTURE plan works", None), ("it does", None)]


# --- figures, dates, events -----------------------------------------------------------------------

from datetime import datetime  # noqa: E402

from generator.dates import resolve  # noqa: E402
from generator.extract.events import MAX_EVENT_TEXT, events  # noqa: E402
from generator.extract.figures import figures  # noqa: E402


def test_a_numeral_of_thousands_of_digits_is_not_a_figure():
    """int() of 4,301 digits raised ValueError (and is quadratic below that)."""
    found = figures(("TEST FIXTURE serial " + "9" * 5000 + " units, and 12 cases.",), {})
    assert [f.text for f in found] == ["12 cases"]


def test_a_number_does_not_count_numbers():
    assert [f.counts for f in figures(("TEST FIXTURE 12 12 12 and 3 cases.",), {})] == ["cases"]


def test_impossible_days_are_no_date():
    base = datetime(2020, 1, 10, 9, 0)
    assert resolve("Feb. 29", base) is None  # raised ValueError: 2019 has no 29 February
    assert resolve("May 99", base) is None  # dateparser read it as 1999-05-17
    assert resolve("Feb. 30", base) is None
    assert resolve("yesterday", base) == datetime(2020, 1, 9, 9, 0)


def test_events_of_a_long_sentence_keep_the_words_around_their_date():
    """Every event of a 100 KB sentence held the whole sentence: quadratic front matter and timeline."""
    sentence = " ".join(f"TEST FIXTURE step {i} happened on Jan. {1 + i % 28}" for i in range(3000)) + "."
    found = events((sentence,), "2020-05-17T10:00:00+08:00", {})
    assert len(found) == 3000
    assert all(len(e.text) <= MAX_EVENT_TEXT and e.expression in e.text and e.text in sentence for e in found)



# --- detected entities --------------------------------------------------------------------------

from generator import limits  # noqa: E402
from generator.extract import extract  # noqa: E402
from generator.records import RawArticle  # noqa: E402


def detected(paragraph: str):
    raw = RawArticle(path="site-data/raw/fixture.txt", sha256="0" * 64, reader="plaintext",
                     title="TEST FIXTURE", published="2020-05-17T15:51:00+08:00", paragraphs=(paragraph,))
    article = extract(raw, Matcher(Registry(())))
    return article.people + article.organisations + article.places


def fixture_words(count: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    return " ".join("Testfixture" + "".join(rng.choice("abcdefghij") for _ in range(6)) for _ in range(count))


def test_a_detected_name_of_many_words_gets_a_short_id():
    """Its id names the entity page's folder: 'ministry-of-testfixture...' of 1,000 characters
    raised OSError: File name too long."""
    found = detected(f"TEST FIXTURE: The Ministry of {fixture_words(9)} said on Monday it would act.")
    (ministry,) = [m for m in found if m.name.startswith("Ministry of")]
    assert len(ministry.name) > limits.ENTITY_ID and len(ministry.id) <= limits.ENTITY_ID
    assert detected(f"TEST FIXTURE: The Ministry of {fixture_words(9)} agreed.")[0].id == ministry.id  # stable


def test_a_capitalised_run_longer_than_a_name_is_not_an_entity():
    found = detected(f"TEST FIXTURE: The Ministry of {fixture_words(60)} said on Monday it would act.")
    assert all(len(m.name) <= limits.NAME and len(m.id) <= limits.ENTITY_ID for m in found)


def test_registered_names_among_dates_are_checked_in_linear_time():
    """Whether a registered name is a word of a larger one looked at every date of the
    paragraph for each name: 'China Wuhan Jan. 22' x 20,000 took 7.9 s (x 5,000: 0.9 s)."""
    from generator.diagnostics import Report
    from generator.pipeline import Paths, load_archive_registry

    from conftest import ROOT

    matcher = Matcher(load_archive_registry(Paths(ROOT), Report()))

    def run(size: int) -> None:
        paragraph = ("TEST FIXTURE China Wuhan Jan. 22 " * (size // 33 + 1))[:size]
        sentences.cache_clear()
        detected_in = extract(RawArticle(path="site-data/raw/fixture.txt", sha256="0" * 64, reader="plaintext",
                                         title="TEST FIXTURE", published="2020-05-17T15:51:00+08:00",
                                         paragraphs=(paragraph,)), matcher)
        assert detected_in.places

    small = cpu(run, 40_000)
    start = time.process_time()
    run(400_000)
    large = time.process_time() - start
    assert large < 30 * small + 0.05, (small, large)  # linear: 10x; quadratic: 100x
