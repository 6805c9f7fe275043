"""Pathological sizes (TEST FIXTURE inputs generated here, not real news):
a 10 MB article, a 100,000-line file, 10,000 notes on one article. Each
finishes in bounded time, and the note stages scale linearly: the test
measures the growth (four times the input may take at most ~eight times as
long; linear is four, quadratic sixteen) rather than trusting a wall-clock
bound alone. Figures: see the report of issue 6 and ``bench/fuzz_readers.py``.
"""

from __future__ import annotations

import gc
import random
import time
from pathlib import Path

import yaml

from generator.annotations.anchor import anchor
from generator.annotations.load import load_notes
from generator.annotations.model import Note
from generator.readers import load

HEADER = ("Apple News Facebook Twitter Instagram YouTube Sunday, May 17, 2020\n\n"
          "TEST FIXTURE - not real news: a pathologically long article\n\n"
          "(Xinhua)\xa0\xa0\xa0\xa015:51, May 17, 2020\n\n")
FOOTER = "\n(Web editor: Test Fixture)\n"


def best_of(times: int, function, *args) -> float:
    best = float("inf")
    for _ in range(times):
        gc.collect()
        start = time.process_time()  # CPU time: other processes on the machine do not count
        function(*args)
        best = min(best, time.process_time() - start)
    return best


def vocabulary(seed: int = 6) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
            for _ in range(5000)]


WORDS = vocabulary()


def paragraphs(count: int, words: int = 80, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "." for _ in range(count)]


def note(i: int, quote: str, line: int = 1) -> Note:
    return Note(id=f"fixture-{i}", article="fixture", quote=quote, prefix=None, suffix=None, kind="context",
                verdict=None, body="TEST FIXTURE", body_html="<p>TEST FIXTURE</p>", sources=(),
                author="Test Fixture", added="2026-01-01", file="site-data/annotations/fixture.yml", line=line)


def quoting_notes(paras: list[str], count: int, seed: int = 2) -> list[Note]:
    """``count`` notes, each quoting eight words of a paragraph (a few quote the same passage)."""
    rng = random.Random(seed)
    found = []
    for i in range(count):
        words = rng.choice(paras).split()
        start = rng.randrange(len(words) - 8)
        found.append(note(i, " ".join(words[start:start + 8])))
    return found


def test_ten_megabyte_article(tmp_path: Path):
    paras = paragraphs(2000, words=900)  # ~10 MB of text
    path = tmp_path / "fixture.txt"
    path.write_text(HEADER + "\n\n".join(paras) + FOOTER, encoding="utf-8")
    assert path.stat().st_size > 10_000_000
    start = time.perf_counter()
    article = load(path, "site-data/raw/fixture.txt")
    seconds = time.perf_counter() - start
    assert article.reader == "peoplesdaily" and len(article.paragraphs) == 2000
    assert article.paragraphs[-1] == paras[-1]
    assert seconds < 10, seconds


def test_hundred_thousand_lines(tmp_path: Path):
    lines = [f"TEST FIXTURE line {i} of a file with one paragraph per line." for i in range(100_000)]
    path = tmp_path / "fixture.txt"
    path.write_text(HEADER + "\n".join(lines) + FOOTER, encoding="utf-8")
    start = time.perf_counter()
    article = load(path, "site-data/raw/fixture.txt")
    seconds = time.perf_counter() - start
    assert len(article.paragraphs) == 100_000 and article.line_of["p100000"] == 100_006
    assert seconds < 10, seconds


def test_anchoring_is_linear_in_notes_and_text():
    """Notes and text grow together (four times the paragraphs, four times the
    notes): a search of the whole text per note would be sixteen times slower."""
    def seconds(scale: int) -> float:
        paras = paragraphs(100 * scale)
        notes = quoting_notes(paras, 1000 * scale)
        return best_of(2, anchor, notes, paras)

    small, large = seconds(1), seconds(4)
    assert large < 8 * small + 0.1, (small, large)


def write_notes(folder: Path, notes: list[Note]) -> None:
    data = [{"id": n.id, "quote": n.quote, "kind": "context", "body": "TEST FIXTURE note",
             "author": "Test Fixture", "added": "2026-01-01"} for n in notes]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fixture.yml").write_text("# TEST FIXTURE - not real notes\n" + yaml.safe_dump(data),
                                        encoding="utf-8")


def test_note_loading_is_linear(tmp_path: Path):
    """Loading 10,000 notes takes ~15 s here (about 1.5 ms a note: schema
    check, YAML, Markdown body); the test checks the growth on fewer."""
    paras = paragraphs(50)

    def seconds(count: int) -> float:
        folder = tmp_path / str(count) / "site-data" / "annotations"
        write_notes(folder, quoting_notes(paras, count))
        loaded, report = load_notes(folder, {"fixture"}, tmp_path / str(count))
        assert len(loaded["fixture"]) == count and not report.errors
        return best_of(2, load_notes, folder, {"fixture"}, tmp_path / str(count))

    small, large = seconds(500), seconds(2000)
    assert large < 8 * small + 0.1, (small, large)


def test_ten_thousand_notes_on_one_article():
    paras = paragraphs(200)
    notes = quoting_notes(paras, 10_000)
    start = time.perf_counter()
    placed, report = anchor(notes, paras)
    seconds = time.perf_counter() - start
    assert len(placed) == 10_000  # never a note dropped
    assert sorted(a.number for a in placed) == list(range(1, 10_001))
    ambiguous = {d.message.split("'")[1] for d in report.errors}
    assert all(a.status == "exact" or a.note.id in ambiguous for a in placed)
    assert sum(a.status == "exact" for a in placed) > 9_000
    assert seconds < 5, seconds


def test_quote_found_everywhere_gives_a_short_message():
    """A quote that occurs 100,000 times: one error, listing a few places."""
    paras = ["a" * 1000] * 100
    placed, report = anchor([note(1, "aaaa")], paras)
    assert placed[0].status == "orphan"
    (error,) = report.errors
    assert "occurs 99700 times" in error.message and "and 99695 more" in error.message
    assert len(error.format()) < 1000


def test_quote_with_no_visible_characters():
    placed, report = anchor([note(1, "\u200b\u200d\u00ad")], ["TEST FIXTURE paragraph."])
    assert placed[0].status == "orphan"
    assert [d.message for d in report.errors] == [
        "note 'fixture-1': the quote '\\u200b\\u200d\\xad' has no visible characters"]
