"""What each input channel refuses (issue 11, items 2 and 4): the length
limits of generator/limits.py and the types of a sidecar's records, each a
one-line error naming the file, the line, the key and the limit; and
``check`` refusing exactly what ``build`` refuses. TEST FIXTURE articles,
sidecars and registry entries, invented here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator import limits
from generator.checks import check_archive
from generator.crosslink.slugs import MAX_SLUG, name_slug, slug_map
from generator.diagnostics import InputError, Report
from generator.pipeline import Paths
from generator.generate import generate
from generator.registry import load_registry

from conftest import ROOT

RAW = "site-data/raw"
LONG_NAME = "Testfixture " + "Longname " * 34 + "Jr.."  # 322 characters, as in the issue
assert len(LONG_NAME) == 322


def article(headline: str = "TEST FIXTURE limits article", source: str = "(Xinhua)",
            editors: str = "Test Fixture", first: str = "BEIJING, May 17 (Xinhua) -- TEST FIXTURE text.") -> str:
    return (f"{headline}\n\n{source}\xa0\xa015:51, May 17, 2020\n\n{first}\n\n"
            "TEST FIXTURE: a second paragraph, invented for the limits tests.\n\n"
            f"(Web editor: {editors})\n")


#: raw file name -> (its text, its sidecar or None, the error both check and build give)
CASES: dict[str, tuple[str, str | None, str]] = {
    "2020-05-17-test-fixture-long-byline.txt": (
        article(source=f"By {LONG_NAME} (Xinhua)"), None,
        f"{RAW}/2020-05-17-test-fixture-long-byline.txt:3: error: byline 'Testfixture Longname Longname Longname L…'"
        " is 322 characters, over the limit of 200 (correct it in "
        f"{RAW}/2020-05-17-test-fixture-long-byline.meta.yml, e.g. 'byline: ...')"),
    "2020-05-17-test-fixture-long-headline.txt": (
        article(headline="TEST FIXTURE " + "headline " * 60), None,
        f"{RAW}/2020-05-17-test-fixture-long-headline.txt:1: error: title 'TEST FIXTURE headline headline headline …'"
        " is 552 characters, over the limit of 500 (correct it in "
        f"{RAW}/2020-05-17-test-fixture-long-headline.meta.yml, e.g. 'title: ...')"),
    "2020-05-17-test-fixture-long-editor.txt": (
        article(editors=f"Test Fixture, {LONG_NAME}"), None,
        f"{RAW}/2020-05-17-test-fixture-long-editor.txt:9: error: editors[2] 'Testfixture Longname Longname "
        "Longname L…' is 322 characters, over the limit of 200 (correct it in "
        f"{RAW}/2020-05-17-test-fixture-long-editor.meta.yml, e.g. 'editors: ...')"),
    "2020-05-17-test-fixture-long-agency.txt": (
        article(source=f"({LONG_NAME})"), None,
        f"{RAW}/2020-05-17-test-fixture-long-agency.txt:3: error: agency 'Testfixture Longname Longname Longname L…'"
        " is 322 characters, over the limit of 200 (correct it in "
        f"{RAW}/2020-05-17-test-fixture-long-agency.meta.yml, e.g. 'agency: ...')"),
    "test fixture spaced name.txt": (
        article(), None,
        f"{RAW}/test fixture spaced name.txt: error: article id 'test fixture spaced name' is not usable as a "
        "file name (rename the raw file to letters, digits, '-', '_' and '.')"),
    "2020-05-17-test-fixture-" + "x" * 180 + ".txt": (
        article(), None,
        f"{RAW}/2020-05-17-test-fixture-{'x' * 180}.txt: error: article id '2020-05-17-test-fixture-xxxxxxxxxxxxxxxx…'"
        " is 204 characters, over the limit of 200 (rename the raw file to a shorter name)"),
    "2020-05-17-test-fixture-sidecar-byline.txt": (
        article(), f"byline: {LONG_NAME}\n",
        f"{RAW}/2020-05-17-test-fixture-sidecar-byline.meta.yml:1: error: byline 'Testfixture Longname Longname "
        "Longname L…' is 322 characters, over the limit of 200 (shorten the byline)"),
    "2020-05-17-test-fixture-sidecar-editors.txt": (
        article(), f"editors:\n  - Test Fixture\n  - {LONG_NAME}\n",
        f"{RAW}/2020-05-17-test-fixture-sidecar-editors.meta.yml:3: error: editors[2] 'Testfixture Longname "
        "Longname Longname L…' is 322 characters, over the limit of 200 (one name per item)"),
    "2020-05-17-test-fixture-sidecar-value.txt": (
        article(), "key_figures:\n  - text: 5 cases\n    value: \"=cmd|' /C calc'!A0\"\n    unit: cases\n"
                   "    counts: cases\n    paragraph: 1\n",
        f"{RAW}/2020-05-17-test-fixture-sidecar-value.meta.yml:3: error: key_figures[1].value: \"=cmd|' /C "
        "calc'!A0\" is not a number (write value as a number)"),
    "2020-05-17-test-fixture-sidecar-paragraph-text.txt": (
        article(), "key_figures:\n  - {text: 5 cases, value: 5, unit: cases, counts: cases, paragraph: '2'}\n",
        f"{RAW}/2020-05-17-test-fixture-sidecar-paragraph-text.meta.yml:2: error: key_figures[1].paragraph: '2' "
        "is not a paragraph number (1 for the first) (write paragraph as a paragraph number (1 for the first))"),
    "2020-05-17-test-fixture-sidecar-paragraph-range.txt": (
        article(), "key_figures:\n  - {text: 5 cases, value: 5, unit: cases, counts: cases, paragraph: 1}\n"
                   "  - text: 6 cases\n    value: 6\n    unit: cases\n    counts: cases\n    paragraph: 9\n",
        f"{RAW}/2020-05-17-test-fixture-sidecar-paragraph-range.meta.yml:7: error: key_figures[2].paragraph: 9 "
        "is not a paragraph of the article (it has 2) (use a number from 1 to 2)"),
    "2020-05-17-test-fixture-sidecar-qualifier.txt": (
        article(), "key_figures:\n  - {text: 5 cases, value: 5, unit: cases, counts: cases, paragraph: 1,"
                   " qualifier: [1]}\n",
        f"{RAW}/2020-05-17-test-fixture-sidecar-qualifier.meta.yml:2: error: key_figures[1].qualifier: [1] is "
        "not text, or null (write qualifier as text, or null)"),
    "2020-05-17-test-fixture-sidecar-mention-id.txt": (
        article(), "people:\n  - {name: Test Fixture, forms: [Test Fixture], paragraphs: [1], id: ../../etc}\n",
        f"{RAW}/2020-05-17-test-fixture-sidecar-mention-id.meta.yml:2: error: people[1].id: '../../etc' is not "
        "a registry id (lower-case letters, digits and hyphens), or empty (write id as a registry id (lower-case "
        "letters, digits and hyphens), or empty)"),
    "2020-05-17-test-fixture-sidecar-event-date.txt": (
        article(), "events:\n  - {date: 2020-13, expression: on Friday, text: TEST FIXTURE, paragraph: 1}\n",
        f"{RAW}/2020-05-17-test-fixture-sidecar-event-date.meta.yml:2: error: events[1].date: '2020-13' is not a "
        "date, YYYY-MM-DD or YYYY-MM (write date as a date, YYYY-MM-DD or YYYY-MM)"),
    "2020-05-17-test-fixture-sidecar-quote-kind.txt": (
        article(), "quotes:\n  - {text: TEST FIXTURE words, speaker: null, paragraph: 1, kind: indirect}\n",
        f"{RAW}/2020-05-17-test-fixture-sidecar-quote-kind.meta.yml:2: error: quotes[1].kind: 'indirect' is not "
        "'direct' or 'reported' (write kind as 'direct' or 'reported')"),
    "2020-05-17-test-fixture-sidecar-word-count.txt": (
        article(), "word_count: true\n",
        f"{RAW}/2020-05-17-test-fixture-sidecar-word-count.meta.yml:1: error: word_count: True is not a whole "
        "number (write word_count as a whole number)"),
}


@pytest.fixture(scope="module")
def refused(tmp_path_factory) -> tuple[Path, Report, Report]:
    """One scratch archive holding every case beside the seed: ``check``'s report and the build's."""
    root = tmp_path_factory.mktemp("limits")
    shutil.copytree(ROOT / "site-data", root / "site-data")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content").mkdir()
    for name, (text, sidecar, _error) in CASES.items():
        (root / RAW / name).write_text(text, encoding="utf-8")
        if sidecar is not None:
            (root / RAW / (name.rsplit(".", 1)[0] + ".meta.yml")).write_text(
                sidecar, encoding="utf-8")
    before = sorted(p.relative_to(root).as_posix() for p in (root / "site-data").rglob("*"))
    checked, _summary = check_archive(Paths(root))
    archive, built = generate(root)
    assert archive is not None and [a.id for a in archive.articles] == [
        "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"]
    assert sorted(p.relative_to(root).as_posix() for p in (root / "site-data").rglob("*")) == before
    return root, checked, built


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_channel_refuses_with_one_line(refused, name):
    _root, checked, _built = refused
    expected = CASES[name][2]
    errors = [d.format() for d in checked.errors if d.file.startswith(f"{RAW}/{name.rsplit('.', 1)[0]}.")]
    assert errors == [expected]
    assert "\n" not in expected


def test_check_refuses_exactly_what_build_refuses(refused):
    _root, checked, built = refused
    assert sorted(d.format() for d in checked.errors) == sorted(d.format() for d in built.errors)
    assert len(checked.errors) == len(CASES)


# --- the registry ---------------------------------------------------------------------------

def registry_error(tmp_path: Path, **entity) -> str:
    data = {"entities": [{"id": "test-fixture-person", "name": "Test Fixture Person", "kind": "person",
                          **entity}]}
    path = tmp_path / "entities.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_registry(path, "site-data/entities.yml")
    return str(caught.value)


def test_registry_name_alias_id_and_description_limits(tmp_path):
    assert registry_error(tmp_path, name=LONG_NAME) == (
        "site-data/entities.yml:3: error: name of 'test-fixture-person' 'Testfixture Longname Longname Longname L…'"
        " is 322 characters, over the limit of 200 (give the name as articles print it; a longer account goes in "
        "'description')")
    assert registry_error(tmp_path, aliases=["TFP", "x" * 201]) == (
        "site-data/entities.yml:7: error: alias 2 of 'test-fixture-person' 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'"
        " is 201 characters, over the limit of 200 (an alias is another name as articles print it)")
    assert registry_error(tmp_path, id="test-fixture-" + "a" * 90) == (
        "site-data/entities.yml:2: error: id 'test-fixture-aaaaaaaaaaaaaaaaaaaaaaaaaaa…' is 103 characters, over "
        "the limit of 100 (use a short slug: it names the entity's page, e.g. 'xi-jinping')")
    assert registry_error(tmp_path, description="TEST FIXTURE. " * 400).startswith(
        "site-data/entities.yml:5: error: description of 'test-fixture-person' 'TEST FIXTURE. TEST FIXTURE. TEST "
        "FIXTURE…' is 5,599 characters, over the limit of 5,000 (")


def test_registry_names_at_the_limit_are_matched(tmp_path):
    """A name of exactly the limit loads and is found in the text (the trie pattern is not recursive)."""
    from generator.extract.entities import Matcher

    name = ("Testfixture " * 20)[: limits.NAME - 3].rstrip() + " Jr"
    path = tmp_path / "entities.yml"
    path.write_text(yaml.safe_dump({"entities": [{"id": "test-fixture", "name": name, "kind": "person"}]}),
                    encoding="utf-8")
    registry = load_registry(path, "site-data/entities.yml")
    (hit,) = Matcher(registry).hits((f"TEST FIXTURE: {name} spoke.",))
    assert hit.entity.name == name


# --- slugs --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["中国" * 100, "Test Fixture " * 15, "ß" * 200, "Ä-" * 100])
def test_slugs_are_capped_with_a_hash(name):
    slug = name_slug(name[: limits.NAME])
    assert len(slug) <= MAX_SLUG + 9 and slug.endswith(slug.rsplit("-", 1)[-1]) and len(slug.encode()) < 100
    assert name_slug(name[: limits.NAME]) == slug  # deterministic


def test_long_names_sharing_a_beginning_get_distinct_slugs():
    names = ["Test Fixture " * 10 + "A", "Test Fixture " * 10 + "B", "Xinhua"]
    slugs = slug_map(names)
    assert len(set(slugs.values())) == 3 and slugs["Xinhua"] == "xinhua"
    assert all(len(s) <= MAX_SLUG + 9 for s in slugs.values())


def test_a_name_at_the_limit_that_slugify_lengthens_builds(tmp_path):
    """200 Chinese characters become ~1,200 of pinyin: the editor page's folder stays short."""
    shutil.copytree(ROOT / "site-data", tmp_path / "site-data")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "content").mkdir()
    seed = next((tmp_path / RAW).glob("*.txt"))
    byline = "测试" * 100
    seed.with_name(seed.stem + ".meta.yml").write_text(f"byline: {byline}\n", encoding="utf-8")
    archive, report = generate(tmp_path)
    assert not report.errors, [d.format() for d in report.errors]
    (folder,) = [p for p in (tmp_path / "content/archive/editor").iterdir() if p.is_dir() and p.name.startswith("ce")]
    assert len(folder.name) <= MAX_SLUG + 9
