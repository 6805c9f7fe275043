"""Data exports (entities.json, figures.csv, articles.jsonl) of the TEST FIXTURE archive."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from test_crosslink_fixture import A1, A2, A3, A4, read_fixture
from generator.crosslink import related
from generator.exports import FIGURE_COLUMNS, exports


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return read_fixture(tmp_path_factory.mktemp("exports"))


@pytest.fixture(scope="module")
def files(archive):
    return exports(archive, related(archive.articles))


def test_file_names(files):
    assert sorted(files) == ["articles.jsonl", "entities.json", "figures.csv"]
    assert all(isinstance(data, bytes) for data in files.values())


def test_deterministic_whatever_the_order(archive, files):
    shuffled = replace(archive, articles=list(reversed(archive.articles)))
    assert exports(shuffled, related(shuffled.articles)) == files


def test_entities_json(files):
    data = json.loads(files["entities.json"])
    entities = {e["id"]: e for e in data["entities"]}
    assert [e["id"] for e in data["entities"]] == sorted(entities)
    brenner = entities["alda-brenner"]
    assert brenner["articles"] == sorted([A1, A2, A3, A4])
    assert brenner["url"] == "entities/alda-brenner/index.html"
    assert brenner["first_mention"] == "2021-03-01T10:00:00+08:00"
    assert brenner["last_mention"] == "2022-03-02T11:00:00+08:00"
    assert entities["lake-orvo"]["article_count"] == 0 and entities["lake-orvo"]["url"] is None
    assert entities["northland-health-agency"]["wikidata"] == "Q4115189"


def test_figures_csv(files):
    rows = list(csv.DictReader(io.StringIO(files["figures.csv"].decode("utf-8"))))
    assert tuple(rows[0]) == FIGURE_COLUMNS
    assert [(r["article"], r["text"], r["value"], r["unit"], r["entities"], r["url"]) for r in rows] == [
        (A1, "1,200 new cases", "1200", "cases", "northland-health-agency", f"articles/{A1}.html#p3"),
        (A2, "900 new cases", "900", "cases", "continentia", f"articles/{A2}.html#p4"),
    ]


def test_articles_jsonl(archive, files):
    lines = files["articles.jsonl"].decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == sorted(a.id for a in archive.articles)
    first = records[0]
    article = next(a for a in archive.articles if a.id == first["id"])
    assert {k: v for k, v in first.items() if k not in ("url", "related")} == json.loads(
        json.dumps(article.to_data()))
    assert first["url"] == f"articles/{first['id']}.html"
    by_id = {r["id"]: r for r in records}
    assert [r["id"] for r in by_id[A1]["related"]] == [A2, A3, A4, "2021-03-20-test-fixture-agency-warns-ostmark"]


def test_csv_cells_never_start_a_formula(archive):
    target = next(a for a in archive.articles if a.key_figures)
    figure = replace(target.key_figures[0], text="=HYPERLINK(\"x\")", counts="+cmd")
    poisoned = [replace(a, key_figures=(figure,)) if a is target else a for a in archive.articles]
    data = exports(replace(archive, articles=poisoned), {})["figures.csv"].decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert ("'=HYPERLINK(\"x\")", "'+cmd") in [(r["text"], r["counts"]) for r in rows]
    assert all(not r["text"].startswith(("=", "+", "-", "@")) for r in rows)


FORMULAS = ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "\n=1", "  =IMPORTXML(x)", "\uff1d1", "\uff0b1",
            "\uff0d1", "\uff20x")


@pytest.mark.parametrize("formula", FORMULAS)
def test_every_text_cell_of_figures_csv_is_escaped(archive, formula):
    """OWASP CSV injection: whatever the column (text, unit, counts, qualifier, ids, entities, url)."""
    target = next(a for a in archive.articles if a.key_figures)
    figure = replace(target.key_figures[0], text=formula + " text", unit=formula, counts=formula + " counts",
                     qualifier=formula)
    poisoned = [replace(a, key_figures=(figure,)) if a is target else a for a in archive.articles]
    data = exports(replace(archive, articles=poisoned), {})["figures.csv"].decode("utf-8")
    rows = list(csv.reader(io.StringIO(data)))[1:]
    assert rows and any(row[7] == "'" + formula for row in rows)  # the qualifier column too
    for row in rows:
        for column, cell in zip(FIGURE_COLUMNS, row):
            if column in ("paragraph", "value"):
                float(cell)  # numbers, never text
            else:
                assert not cell.lstrip().startswith(("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20"))
                assert not cell.startswith(("\t", "\r", "\n")), (column, cell)
