"""The readers beside the People's Daily one, on the invented fixtures in tests/fixtures/formats/.

Each fixture's folder names the reader that must claim it; its ``.expected.yml``
was written by hand from the raw file.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from generator.diagnostics import InputError, NotAnArticle
from generator.evaluate import FIELDS, expected_path, fixture_files, load_expected, read_as_built
from generator.readers import READERS, choose, decode, get_reader, load
from generator.readers.chinadaily import split_byline
from generator.readers.trec import clean

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "tests" / "fixtures" / "formats"
SEED_DIR = ROOT / "site-data" / "raw"
FIXTURES = fixture_files(FORMATS)
ARTICLES = [p for p in FIXTURES if "rejected" not in load_expected(expected_path(p), p.name)]
REFUSED = [p for p in FIXTURES if p not in ARTICLES]


def ids(paths: list[Path]) -> list[str]:
    return [p.relative_to(FORMATS).as_posix() for p in paths]


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_every_reader_has_several_fixtures():
    folders = {p.parent.name for p in ARTICLES}
    names = {r.name for r in READERS}
    assert folders == names
    for name in names:
        assert sum(p.parent.name == name for p in ARTICLES) >= 3, name


@pytest.mark.parametrize("path", ARTICLES, ids=ids(ARTICLES))
def test_fixture_fields_are_all_right(path: Path):
    expected = load_expected(expected_path(path), path.name)
    raw = read_as_built(path, rel(path))
    assert set(FIELDS) <= set(expected), "expectations must name every field"
    for name in FIELDS:
        got = getattr(raw, name)
        got = got.to_data() if hasattr(got, "to_data") else got
        assert got == expected[name], f"{name}: expected {expected[name]!r}, got {got!r}"


@pytest.mark.parametrize("path", FIXTURES, ids=ids(FIXTURES))
def test_content_chooses_the_reader(path: Path):
    text = decode(path.read_bytes(), rel(path))
    assert choose(text, rel(path)).name == path.parent.name


def test_fixtures_are_marked_as_invented():
    for path in ARTICLES:
        assert read_as_built(path, rel(path)).title.startswith("TEST FIXTURE:"), path
    assert "not real news" in (FORMATS / "README.md").read_text(encoding="utf-8")


# --- the seed: still the People's Daily reader's, read identically ----------------------

SEEDS = sorted(SEED_DIR.glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_still_read_by_peoples_daily(seed: Path):
    text = decode(seed.read_bytes(), rel(seed))
    scores = {r.name: r.sniff(text) for r in READERS}
    assert choose(text, rel(seed)).name == "peoplesdaily", scores
    assert max(s for n, s in scores.items() if n != "peoplesdaily") < scores["peoplesdaily"]
    assert load(seed, rel(seed)) == load(seed, rel(seed), forced="peoplesdaily")
    direct = get_reader("peoplesdaily").read(rel(seed), text, hashlib.sha256(seed.read_bytes()).hexdigest())
    assert load(seed, rel(seed)) == direct


# --- line numbers ---------------------------------------------------------------------------

def first_word(value: str) -> str:
    return next(w for w in re.findall(r"[A-Za-z]{4,}", value) if w not in {"TEST", "FIXTURE"})


@pytest.mark.parametrize("path", ARTICLES, ids=ids(ARTICLES))
def test_line_numbers_point_at_the_text(path: Path):
    raw = load(path, rel(path))
    lines = decode(path.read_bytes(), rel(path)).split("\n")
    assert "title" in raw.line_of and "p1" in raw.line_of
    assert first_word(raw.title) in lines[raw.line_of["title"] - 1]
    for index, paragraph in enumerate(raw.paragraphs, start=1):
        assert first_word(paragraph) in lines[raw.line_of[f"p{index}"] - 1], (index, paragraph)
    if raw.published:
        assert raw.published[:4] in lines[raw.line_of["published"] - 1]


# --- refusals -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", REFUSED, ids=ids(REFUSED))
def test_refused_with_a_one_line_diagnostic(path: Path):
    expected = load_expected(expected_path(path), path.name)["rejected"]
    with pytest.raises(InputError) as caught:
        load(path, rel(path))
    diagnostic = caught.value.diagnostic
    assert expected in diagnostic.message
    assert diagnostic.line and diagnostic.fix and "\n" not in diagnostic.format()
    assert diagnostic.file == rel(path)
    assert isinstance(caught.value, NotAnArticle) == diagnostic.message.startswith("not an article")


def test_several_docs_name_the_second_one():
    path = FORMATS / "trec" / "two-docs.sgml"
    with pytest.raises(InputError) as caught:
        load(path, rel(path))
    assert not isinstance(caught.value, NotAnArticle)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[caught.value.diagnostic.line - 1] == "<DOC>"
    assert caught.value.diagnostic.line > 1


def test_unknown_wire_date_is_left_to_the_sidecar(tmp_path: Path):
    source = (FORMATS / "trec" / "xie-moscow.sgml").read_text(encoding="utf-8")
    bad = tmp_path / "odd-date.sgml"
    bad.write_text(source.replace("2000-08-17 06:45", "August 17, 2000, Thursday"), encoding="utf-8")
    raw = load(bad, "odd-date.sgml")
    assert raw.published is None and raw.dateline is None and "published" not in raw.line_of
    (tmp_path / "odd-date.meta.yml").write_text('published: "2000-08-17T06:45:00"\n', encoding="utf-8")
    assert read_as_built(bad, "odd-date.sgml").published == "2000-08-17T06:45:00"


def test_nyt_offset_only_when_the_trailer_agrees(tmp_path: Path):
    source = (FORMATS / "trec" / "nyt-ethete.sgml").read_text(encoding="utf-8")
    moved = tmp_path / "moved.sgml"
    moved.write_text(source.replace("0001EDT", "0412EDT"), encoding="utf-8")
    assert load(moved, "moved.sgml").published == "1998-06-01T00:01:00"
    winter = tmp_path / "winter.sgml"
    winter.write_text(source.replace("0001EDT", "0001EST"), encoding="utf-8")
    assert load(winter, "winter.sgml").published == "1998-06-01T00:01:00-05:00"


def test_budget_words_in_a_real_headline_are_not_a_budget(tmp_path: Path):
    source = (FORMATS / "trec" / "xie-moscow.sgml").read_text(encoding="utf-8")
    story = tmp_path / "budget-story.sgml"
    story.write_text(source.replace("Invented river port reopens after dredging",
                                    "Invented parliament passes budget"), encoding="utf-8")
    assert load(story, "budget-story.sgml").title == "TEST FIXTURE: Invented parliament passes budget"


# --- details of the formats --------------------------------------------------------------

def test_windows_line_endings_checksum_is_over_the_original_bytes():
    path = FORMATS / "xinhuanet" / "xh-harbour-expo.txt"
    data = path.read_bytes()
    assert b"\r\n" in data
    raw = load(path, rel(path))
    assert raw.sha256 == hashlib.sha256(data).hexdigest()
    assert not any("\r" in p for p in raw.paragraphs)


def test_wire_codes_and_tex_quotes():
    assert clean("&HT;   ``Yes,'' she said &QL;") == "\u201cYes,\u201d she said"
    assert clean("a `quoted' word &AMP; more") == "a \u2018quoted\u2019 word & more"


@pytest.mark.parametrize("printed, byline", [
    ("ZHOU WENTING/LI NA in Shanghai", ("Zhou Wenting", "Li Na")),
    ("WANG XU in Kunming and LIU YANG", ("Wang Xu", "Liu Yang")),
    ("CHEN MEI", ("Chen Mei",)),
    ("ZHOU HANQING and GAO RUILIN", ("Zhou Hanqing", "Gao Ruilin")),
    ("DANIEL O'CONNELL, RUTH MCADAMS & JEAN-LUC PIRE", ("Daniel O'Connell", "Ruth McAdams", "Jean-Luc Pire")),
    ("Maria van Kerkhove", ("Maria van Kerkhove",)),  # mixed case: kept as printed
    ("", None),
])
def test_bylines_are_lists_of_names_in_title_case(printed: str, byline):
    assert split_byline(printed) == byline


def test_plaintext_is_only_the_fallback():
    plaintext = get_reader("plaintext")
    for path in FIXTURES + SEEDS:
        text = decode(path.read_bytes(), path.name)
        best = max(r.sniff(text) for r in READERS if r.name != "plaintext")
        if path.parent.name != "plaintext":
            assert best > plaintext.sniff(text), path
        else:
            assert best < plaintext.sniff(text), path


def test_nothing_claims_a_single_line():
    with pytest.raises(InputError) as caught:
        choose("just one line of text", "one-line.txt")
    assert "no reader recognises" in caught.value.diagnostic.message
