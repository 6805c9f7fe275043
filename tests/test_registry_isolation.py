"""A bad entity in the registry is an error naming its line, and only that entity
is left out: the build and check go on with the others (and fail at the end).
The entities written here are TEST FIXTURE names, invented for these tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.archive import Paths
from generator.cli import main
from generator.diagnostics import InputError, Report
from generator.extract.entities import Matcher
from generator.pipeline import load_archive_registry, read_article
from generator.site import build_site

from conftest import copy_site
from generator.registry import load_registry

SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"
REL = "site-data/entities.yml"

THREE = """\
entities:
  - id: test-fixture-ada-marrow
    name: Ada Marrow
    kind: person
  - id: test-fixture-pell-harbour
    name: Pell Harbour
    kind: {kind}
    aliases: [{alias}]
  - id: {third_id}
    name: Marrowby
    kind: place
"""


def registry_file(tmp_path: Path, kind="place", alias="Pell", third_id="test-fixture-marrowby") -> Path:
    path = tmp_path / "entities.yml"
    path.write_text(THREE.format(kind=kind, alias=alias, third_id=third_id), encoding="utf-8")
    return path


def test_a_bad_kind_leaves_out_that_entity_only(tmp_path):
    problems = []
    registry = load_registry(registry_file(tmp_path, kind="harbour"), REL, problems)
    assert [e.id for e in registry.entities] == ["test-fixture-ada-marrow", "test-fixture-marrowby"]
    assert [p.format() for p in problems] == [
        "site-data/entities.yml:5: error: kind 'harbour' is not one of person, organisation, place "
        "(use person, organisation or place)"]


def test_a_duplicate_id_leaves_out_the_later_entity(tmp_path):
    problems = []
    registry = load_registry(registry_file(tmp_path, third_id="test-fixture-ada-marrow"), REL, problems)
    assert [e.name for e in registry.entities] == ["Ada Marrow", "Pell Harbour"]
    assert [p.format() for p in problems] == [
        "site-data/entities.yml:9: error: duplicate id 'test-fixture-ada-marrow' (first at line 2) "
        "(give each entity its own id)"]


def test_an_alias_claimed_twice_leaves_out_the_later_entity(tmp_path):
    problems = []
    registry = load_registry(registry_file(tmp_path, alias="Ada Marrow"), REL, problems)
    assert [e.id for e in registry.entities] == ["test-fixture-ada-marrow", "test-fixture-marrowby"]
    assert [p.line for p in problems] == [5]
    assert "alias 'Ada Marrow' is claimed by 'test-fixture-ada-marrow' (line 2)" in problems[0].message


def test_several_bad_entities_are_each_reported(tmp_path):
    problems = []
    registry = load_registry(registry_file(tmp_path, kind="harbour", third_id="Not A Slug"), REL, problems)
    assert [e.id for e in registry.entities] == ["test-fixture-ada-marrow"]
    assert [p.line for p in problems] == [5, 9]


def test_without_a_list_for_problems_the_first_one_raises(tmp_path):
    with pytest.raises(InputError, match="kind 'harbour'"):
        load_registry(registry_file(tmp_path, kind="harbour"), REL)


def test_a_file_that_is_no_list_of_entities_still_raises(tmp_path):
    path = tmp_path / "entities.yml"
    path.write_text("people: []\n", encoding="utf-8")
    with pytest.raises(InputError, match="a list under 'entities'"):
        load_registry(path, REL, [])


def break_dacic(archive: Path) -> int:
    """Give the seed registry's Ivica Dacic an unknown kind; the line of his entry."""
    path = archive / REL
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "- id: ivica-dacic")
    kind = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("kind:"))
    lines[kind] = lines[kind].replace("person", "politician")
    path.write_text("".join(lines), encoding="utf-8")
    return start + 1


def run(archive: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(archive), *args], catch_exceptions=False)


def test_check_reports_the_bad_entity_and_exits_1(archive: Path):
    line = break_dacic(archive)
    result = run(archive, "check")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (f"site-data/entities.yml:{line}: error: kind 'politician' is not one of "
                        "person, organisation, place (use person, organisation or place)")
    assert lines[-1].endswith(": 1 error, 0 warnings")


def test_the_build_reads_the_articles_with_the_other_entities(archive: Path):
    """Xi Jinping's alias "Xi" comes from the registry only: the seed is still read with it
    while Dacic's entry is broken, and the broken entry is the one error."""
    break_dacic(archive)
    paths, report = Paths(archive), Report()
    registry = load_archive_registry(paths, report)
    assert [d.line for d in report.errors] == [registry_line(archive, "ivica-dacic")]
    assert "ivica-dacic" not in registry.by_id()
    article = read_article(archive / f"site-data/raw/{SEED_ID}.txt", paths, Matcher(registry))
    people = {p.id: p for p in article.people}
    assert people["xi-jinping"].forms == ("Xi Jinping", "Xi")
    assert people["xi-jinping"].reviewed


def registry_line(archive: Path, entity_id: str) -> int:
    lines = (archive / REL).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.strip() == f"- id: {entity_id}")


@pytest.mark.e2e
def test_the_built_head_keeps_the_other_entities_wikidata(tmp_path):
    """The site is built with Dacic's entry broken: the one error is that entry, and the
    seed's JSON-LD still gives Xi Jinping's Wikidata page (the plugin reads the registry too)."""
    copy_site(tmp_path)
    line = break_dacic(tmp_path)
    report = Report()
    result = build_site(tmp_path, report, quiet=True, search=False)
    assert result.built
    assert [(d.file, d.line) for d in report.errors] == [(REL, line)]
    html = (result.site_dir / "articles" / f"{SEED_ID}.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    xi = next(e for e in data["about"] if e["name"] == "Xi Jinping")
    assert xi["sameAs"] == "https://www.wikidata.org/wiki/Q15031"
