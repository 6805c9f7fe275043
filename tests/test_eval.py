"""generator.evaluate: extraction quality against hand-written expectations."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.entityscore import total
from generator.evaluate import FIELDS, evaluate, format_table, is_chrome
from generator.registry import Entity, Registry

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"


def copy_fixture(tmp_path: Path, folder: str, stem: str, suffix: str) -> tuple[Path, Path]:
    raw = tmp_path / f"{stem}{suffix}"
    shutil.copyfile(FORMATS / folder / f"{stem}{suffix}", raw)
    expected = tmp_path / f"{stem}.expected.yml"
    shutil.copyfile(FORMATS / folder / f"{stem}.expected.yml", expected)
    return raw, expected


def rewrite(expected: Path, **changes) -> None:
    data = yaml.safe_load(expected.read_text(encoding="utf-8"))
    data.update(changes)
    expected.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_every_fixture_has_every_field_right():
    result = evaluate(FORMATS)
    assert result.problems == []
    assert result.mismatches == [], format_table(result)
    assert result.ok
    rates = result.field_rates()
    assert list(rates) == list(FIELDS)
    assert all(hits == total == len(result.articles) for hits, total in rates.values())
    totals = result.totals()
    assert totals.expected == totals.extracted == totals.matched > 0
    assert totals.f1 == 1.0 and totals.leaked == 0
    assert result.refusals and all(f.refused_as_expected for f in result.refusals)


def test_a_wrong_expectation_is_caught(tmp_path: Path):
    _, expected = copy_fixture(tmp_path, "chinadaily", "cd-rail-link", ".txt")
    rewrite(expected, byline="ZHOU WENTING/LI NA")
    result = evaluate(tmp_path)
    assert not result.ok
    assert [(m.file, m.field) for m in result.mismatches] == [("cd-rail-link.txt", "byline")]
    assert result.field_rates()["byline"] == (0, 1)
    assert result.field_rates()["title"] == (1, 1)
    table = format_table(result)
    assert "byline         0/1    0.0%" in table
    assert ("  cd-rail-link.txt: byline: expected ['ZHOU WENTING/LI NA'], got ['Zhou Wenting', 'Li Na']"
            in table.splitlines())


def test_missing_and_extra_paragraphs_move_precision_and_recall(tmp_path: Path):
    _, expected = copy_fixture(tmp_path, "trec", "xie-moscow", ".sgml")
    data = yaml.safe_load(expected.read_text(encoding="utf-8"))
    rewrite(expected, paragraphs=data["paragraphs"][:2] + ["A paragraph the reader cannot find."])
    totals = evaluate(tmp_path).totals()
    assert (totals.expected, totals.extracted, totals.matched) == (3, 3, 2)
    assert round(totals.precision, 3) == round(totals.recall, 3) == 0.667
    assert totals.leaked == 0


def test_leaked_page_chrome_is_counted(tmp_path: Path):
    raw = tmp_path / "leaky.txt"
    raw.write_text("TEST FIXTURE: A headline\n\nThe only real paragraph.\n\nShare\n\n"
                   "Contact the writer at someone@example.com\n", encoding="utf-8")
    (tmp_path / "leaky.meta.yml").write_text('published: "2020-01-01T00:00:00+08:00"\n', encoding="utf-8")
    (tmp_path / "leaky.expected.yml").write_text(
        "reader: plaintext\nparagraphs:\n  - The only real paragraph.\n", encoding="utf-8")
    result = evaluate(tmp_path)
    assert result.fixtures[0].leaked == ("Share", "Contact the writer at someone@example.com")
    assert result.totals().leaked == 2
    assert result.totals().precision == 1 / 3
    assert "leaked page-chrome lines: 2" in format_table(result)
    assert not result.ok


def test_refusals_both_ways(tmp_path: Path):
    _, expected = copy_fixture(tmp_path, "trec", "xie-moscow", ".sgml")
    expected.write_text('rejected: "not an article"\n', encoding="utf-8")
    _, advisory = copy_fixture(tmp_path, "trec", "xie-advisory", ".sgml")
    advisory.write_text("title: An advisory expected as an article\n", encoding="utf-8")
    result = evaluate(tmp_path)
    fields = sorted((m.file, m.field) for m in result.mismatches)
    assert fields == [("xie-advisory.sgml", "read"), ("xie-moscow.sgml", "rejected")]
    assert [f.refused_as_expected for f in result.refusals] == [False]
    assert "refused as expected: 0/1" in format_table(result)
    assert not result.ok


def test_problems_with_expectation_files(tmp_path: Path):
    copy_fixture(tmp_path, "plaintext", "pt-council-vote", ".txt")
    shutil.copyfile(FORMATS / "plaintext" / "pt-council-vote.meta.yml", tmp_path / "pt-council-vote.meta.yml")
    (tmp_path / "pt-council-vote.expected.yml").write_text("titel: misspelt\n", encoding="utf-8")
    (tmp_path / "orphan.txt").write_text("TEST FIXTURE: No expectations\n\nText.\n", encoding="utf-8")
    result = evaluate(tmp_path)
    messages = sorted(d.format() for d in result.problems)
    assert messages == [
        "orphan.txt: error: no expectations (orphan.expected.yml is missing)"
        " (write orphan.expected.yml with the fields you expect)",
        "pt-council-vote.expected.yml:1: error: unknown key 'titel' (did you mean 'title'?)",
    ]
    assert not result.ok
    assert "problems:" in format_table(result)


def test_an_empty_or_missing_directory_is_not_ok(tmp_path: Path):
    assert not evaluate(tmp_path).ok
    assert not evaluate(tmp_path / "nowhere").ok


def test_chrome_patterns():
    for line in ("Share", "Passengers board a train. [Photo/Xinhua]", "[Editor: Li Yan]", "Enditem",
                 "Source: Xinhua| 2020-08-17 22:11:14", "BC-FIXTURE-SCHOOL-NYT", "(MORE)",
                 "Copyright 1995 - 2025. All rights reserved.", "Home / China / Society"):
        assert is_chrome(line), line
    for line in ("China has been boosting international cooperation.",
                 "The editor of the paper said the photo was real."):
        assert not is_chrome(line), line


def test_entity_precision_and_recall_meet_the_targets_on_every_family():
    result = evaluate(FORMATS)
    assert len(result.articles) >= 40 and len(result.entities) == len(result.articles)
    assert {f.reader for f in result.articles} == {"peoplesdaily", "chinadaily", "xinhuanet", "trec", "html",
                                                   "plaintext"}
    docnos = {p.name[:3] for p in (FORMATS / "trec").glob("*.sgml")}
    assert {"xie", "apw", "nyt"} <= docnos  # Xinhua, AP and NYT wire copy
    overall = total(result.entities)
    assert overall.expected >= 150
    assert overall.precision >= 0.90 and overall.recall >= 0.85, format_table(result)
    for kind in ("people", "organisations", "places"):
        assert total(result.entities, kind).recall >= 0.80, kind


def test_entity_misses_are_listed_and_move_precision_and_recall(tmp_path: Path):
    _, expected = copy_fixture(tmp_path, "chinadaily", "cd-rail-link", ".txt")
    rewrite(expected, people=["Chen Hao", "Nobody Invented"], places=["Eastbank"])
    result = evaluate(tmp_path)
    people, places = total(result.entities, "people"), total(result.entities, "places")
    assert (people.expected, people.extracted, people.matched) == (2, 1, 1)
    assert (places.expected, places.extracted, places.matched) == (1, 2, 1)
    table = format_table(result)
    assert "  cd-rail-link.txt: people: missed 'Nobody Invented'" in table.splitlines()
    assert "  cd-rail-link.txt: places: extra 'Westford'" in table.splitlines()
    assert result.ok  # fields are right: entity misses are measured, not failures


def test_a_registry_given_to_eval_wins(tmp_path: Path):
    _, expected = copy_fixture(tmp_path, "chinadaily", "cd-rail-link", ".txt")
    rewrite(expected, people=["Chen Hao"], places=["East Bank Town", "Westford"])
    registry = Registry((Entity("east-bank", "East Bank Town", "place", ("Eastbank",)),))
    assert total(evaluate(tmp_path).entities, "places").matched == 1
    assert total(evaluate(tmp_path, registry).entities, "places").matched == 2


def test_an_entity_expectation_must_be_a_list_of_names(tmp_path: Path):
    _, expected = copy_fixture(tmp_path, "chinadaily", "cd-rail-link", ".txt")
    rewrite(expected, people="Chen Hao")
    result = evaluate(tmp_path)
    assert [d.message for d in result.problems] == ["people must be a list of names"]
