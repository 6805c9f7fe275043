"""The newsarchive command, through click's CliRunner: exact output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from generator.cli import main

SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"


def run(archive: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(archive), *args], catch_exceptions=False)


def test_show_json_prints_the_front_matter(archive: Path, seed_article):
    result = run(archive, "show", str(archive / f"site-data/raw/{SEED_ID}.txt"), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data == json.loads(json.dumps(seed_article.to_data()))
    assert data["published"] == "2020-05-17T15:51:00+08:00"


def test_show_yaml_round_trips(archive: Path, seed_article):
    result = run(archive, "show", str(archive / f"site-data/raw/{SEED_ID}.txt"))
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout)["editors"] == ["Zhao Tong", "Bianji"]


def test_show_bad_file_exits_1_with_one_line(archive: Path):
    bad = archive / "empty.txt"
    bad.write_bytes(b"")
    result = run(archive, "show", str(bad))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "empty.txt: error: the file is empty (remove it, or replace it with the article text)"
    ]


def test_check_clean_archive(archive: Path):
    result = run(archive, "check")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1].startswith("checked 1 article, ")
    assert result.stderr.splitlines()[-1].endswith(": 0 errors, 0 warnings")


def test_check_reports_bad_files_and_exits_1(archive: Path):
    (archive / "site-data/raw/empty.txt").write_bytes(b"")
    result = run(archive, "check")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == ("site-data/raw/empty.txt: error: the file is empty "
                        "(remove it, or replace it with the article text)")
    assert lines[-1].endswith(": 1 error, 0 warnings")


def test_ingest_copies_under_canonical_name_and_refuses_duplicates(archive: Path, tmp_path_factory):
    incoming = tmp_path_factory.mktemp("incoming") / "saved page.txt"
    seed = archive / f"site-data/raw/{SEED_ID}.txt"
    incoming.write_bytes(seed.read_bytes().replace(b"15:51, May 17", b"09:30, May 18"))
    result = run(archive, "ingest", str(incoming))
    assert result.exit_code == 0, result.output
    target = archive / "site-data/raw/2020-05-18-what-china-has-done-to-boost-intl-cooperation-against-covid-19.txt"
    assert target.read_bytes() == incoming.read_bytes()
    assert result.stdout.splitlines()[0] == f"{incoming} -> site-data/raw/{target.name}"
    assert "What China has done to boost int'l cooperation against COVID-19 | 2020-05-18T09:30:00+08:00 | Xinhua" \
        in result.stdout
    # the day it was archived, in a new sidecar (the raw bytes stay as they came)
    from datetime import date

    sidecar = target.with_name(target.stem + ".meta.yml")
    assert sidecar.read_text(encoding="utf-8").splitlines()[-1] == f"archived: {date.today().isoformat()}"
    again = run(archive, "ingest", str(incoming))
    assert again.exit_code == 1
    assert again.stderr.strip() == (f"{incoming}: error: already in the archive as site-data/raw/{target.name} "
                                    "(same bytes) (nothing to do)")


def test_eval_prints_the_table_and_fails_on_a_mismatch(root: Path, tmp_path: Path):
    import shutil

    fixtures = root / "tests/fixtures/formats"
    ok = CliRunner().invoke(main, ["eval", str(fixtures)])
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.startswith(f"Extraction quality: {fixtures} (")
    assert "mismatches: none" in ok.stdout
    broken = tmp_path / "formats"
    shutil.copytree(fixtures, broken)
    expected = next(broken.rglob("*.expected.yml"))
    data = yaml.safe_load(expected.read_text(encoding="utf-8"))
    if "title" not in data:  # a file that must be refused: pick another
        expected = next(p for p in broken.rglob("*.expected.yml") if "title" in yaml.safe_load(p.read_text()))
        data = yaml.safe_load(expected.read_text(encoding="utf-8"))
    data["title"] = "A title nobody extracted"
    expected.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    bad = CliRunner().invoke(main, ["eval", str(broken)])
    assert bad.exit_code == 1
    assert "title: expected 'A title nobody extracted'" in bad.stdout


def test_annotate_prints_a_note_that_anchors(archive: Path):
    result = run(archive, "annotate", SEED_ID, "the most ambitious, agile and aggressive")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:8] == [
        "# A note on \"What China has done to boost int'l cooperation against COVID-19\" (" + SEED_ID + ").",
        f"# Save it as a .yml file in site-data/annotations/{SEED_ID}/, fill it in, and run `newsarchive check`.",
        "",
        "# Paragraph 6.",
        "id: the-most-ambitious-agile-and-aggressive  # the note's permalink "
        "(#note-the-most-ambitious-agile-and-aggressive): keep it when you correct the quote",
        'quote: "the most ambitious, agile and aggressive"',
        "# the words around the quote: they place the note again if the article is edited",
        'prefix: "countries. \\"China has rolled out perhaps"',
    ]
    assert lines[8] == 'suffix: "disease containment effort in history,\\""'
    assert lines[-1].startswith("added: ") and result.stderr == ""
    note = yaml.safe_load(result.stdout)
    assert note["quote"] == "the most ambitious, agile and aggressive" and note["kind"] == "context"


def test_annotate_gives_an_id_no_other_note_of_the_article_has(archive: Path):
    folder = archive / "site-data/annotations" / SEED_ID
    (folder / "first.yml").write_text("id: the-most-ambitious-agile-and-aggressive\nquote: the most ambitious\n"
                                      "kind: context\nbody: TEST FIXTURE\nauthor: T\nadded: 2026-11-29\n",
                                      encoding="utf-8")
    result = run(archive, "annotate", SEED_ID, "the most ambitious, agile and aggressive")
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout)["id"] == "the-most-ambitious-agile-and-aggressive-2"


def test_annotate_names_the_closest_passage(archive: Path):
    result = run(archive, "annotate", SEED_ID, "the most ambitous agile disease containment effort")
    assert result.exit_code == 1
    assert "is not in" in result.stderr and "ambitious, agile and aggressive disease containment effort" \
        in result.stderr


def test_annotate_unknown_article(archive: Path):
    result = run(archive, "annotate", "no-such-article", "x")
    assert result.exit_code == 1
    assert result.stderr.startswith("no-such-article: error: no such article (give an article id")


def test_entities_suggest_prints_pasteable_yaml(archive: Path):
    result = run(archive, "entities", "--suggest")
    assert result.exit_code == 0
    suggested = yaml.safe_load(result.stdout)
    assert {"id": "department-of-biomedical-sciences-for-health", "name": "Department of Biomedical Sciences for "
            "Health", "kind": "organisation", "aliases": [], "description": ""} in suggested


def test_check_reports_a_misspelt_note_key_with_file_and_line(archive: Path):
    folder = archive / "site-data/annotations" / SEED_ID
    (folder / "typo.yml").write_text("quote: Across the globe\nkind: context\nbody: x\nauthor: TEST FIXTURE\n"
                                     "added: 2026-11-29\nsorces: []\n", encoding="utf-8")
    result = run(archive, "check")
    assert result.exit_code == 1
    assert f"site-data/annotations/{SEED_ID}/typo.yml:6: error: unknown key 'sorces' (did you mean 'sources'?)" \
        in result.stderr.splitlines()


def test_ingest_leaves_a_sidecar_written_beforehand(archive: Path, tmp_path_factory):
    incoming = tmp_path_factory.mktemp("incoming") / "saved.txt"
    seed = archive / f"site-data/raw/{SEED_ID}.txt"
    incoming.write_bytes(seed.read_bytes().replace(b"15:51, May 17", b"09:30, May 18"))
    stem = "2020-05-18-what-china-has-done-to-boost-intl-cooperation-against-covid-19"
    sidecar = archive / f"site-data/raw/{stem}.meta.yml"
    sidecar.write_text("archived: 2026-01-01\n", encoding="utf-8")  # TEST FIXTURE: written by hand first
    assert run(archive, "ingest", str(incoming)).exit_code == 0
    assert sidecar.read_text(encoding="utf-8") == "archived: 2026-01-01\n"
