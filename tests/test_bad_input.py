"""Bad raw files get a one-line error naming the file, what is wrong and the fix; the rest still build."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.pipeline import Paths, read_archive

CASES = {
    "empty.txt": (b"", "empty.txt: error: the file is empty (remove it, or replace it with the article text)"),
    "blank.txt": (b"\n \n\t\n", "blank.txt: error: the file is empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary.txt: error: the file is binary, not text"),
    "latin1.txt": ("TEST FIXTURE\n\ncaf\u00e9 au lait\n".encode("latin-1"),
                   "latin1.txt:3: error: the file is not UTF-8 (byte 0xe9 at offset 17)"),
    "unknown-format.txt": (b"TEST FIXTURE: one line that no reader recognises as an article\n",
                           "unknown-format.txt:1: error: no reader recognises this file's format"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_is_reported_and_the_rest_build(archive: Path, name: str):
    data, expected = CASES[name]
    (archive / "site-data/raw" / name).write_bytes(data)
    report = Report()
    result = read_archive(Paths(archive), report)
    assert [a.id for a in result.articles] == ["2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"]
    assert len(report.errors) == 1
    line = report.errors[0].format()
    assert line.startswith("site-data/raw/" + expected), line
    assert "\n" not in line and "(" in line  # one line, with a fix


def _seed_variant(archive: Path, old: str, new: str, name: str) -> Path:
    seed = next((archive / "site-data/raw").glob("2020-*.txt"))
    path = archive / "site-data/raw" / name
    path.write_text(seed.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return path


def test_missing_date_points_to_a_sidecar(archive: Path):
    _seed_variant(archive, "15:51, May 17, 2020", "TEST FIXTURE", "no-date.txt")
    report = Report()
    read_archive(Paths(archive), report)
    assert [d.format() for d in report.errors] == [
        "site-data/raw/no-date.txt:3: error: no publication date found "
        "(add 'published: 2020-05-17T15:51:00+08:00' to site-data/raw/no-date.meta.yml)"
    ]


def test_sidecar_supplies_the_missing_date(archive: Path):
    _seed_variant(archive, "15:51, May 17, 2020", "TEST FIXTURE", "no-date.txt")
    (archive / "site-data/raw/no-date.meta.yml").write_text("published: 2020-05-18T09:00:00+08:00\n")
    report = Report()
    result = read_archive(Paths(archive), report)
    assert not report.diagnostics
    assert {a.id: a.published for a in result.articles}["no-date"] == "2020-05-18T09:00:00+08:00"


def test_duplicate_bytes_are_refused(archive: Path):
    seed = next((archive / "site-data/raw").glob("2020-*.txt"))
    (archive / "site-data/raw/zz-copy.txt").write_bytes(seed.read_bytes())
    report = Report()
    result = read_archive(Paths(archive), report)
    assert len(result.articles) == 1
    assert report.errors[0].format() == (
        f"site-data/raw/zz-copy.txt: error: same bytes as site-data/raw/{seed.name} (delete one of the two copies)"
    )


def test_reading_never_changes_site_data(archive: Path):
    (archive / "site-data/raw/empty.txt").write_bytes(b"")
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (archive / "site-data").rglob("*") if p.is_file()}
    read_archive(Paths(archive), Report())
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (archive / "site-data").rglob("*") if p.is_file()}
    assert before == after


def test_a_symbolic_link_in_raw_is_refused_and_not_published(archive: Path):
    secret = archive / "secret.txt"
    secret.write_text("TEST FIXTURE: not for publication\n", encoding="utf-8")
    (archive / "site-data/raw/linked.txt").symlink_to(secret)
    report = Report()
    result = read_archive(Paths(archive), report)
    assert len(result.articles) == 1
    assert [d.format() for d in report.errors] == [
        "site-data/raw/linked.txt: error: is a symbolic link, not a file "
        "(copy the article into site-data/raw/ instead of linking it)"]


def test_two_files_with_one_article_id_are_both_named(archive: Path):
    seed = next((archive / "site-data/raw").glob("2020-*.txt"))
    other = seed.with_suffix(".text")
    other.write_bytes(seed.read_bytes().replace(b"15:51", b"16:51"))
    report = Report()
    result = read_archive(Paths(archive), report)
    assert len(result.articles) == 1
    (error,) = report.errors
    first, second = sorted([seed.name, other.name])  # files are read in name order
    assert error.format() == (f"site-data/raw/{second}: error: gives the article id {seed.stem!r}, as "
                              f"site-data/raw/{first} does (rename one of the two files)")


def test_a_key_written_twice_in_a_sidecar_is_an_error(archive: Path):
    seed = next((archive / "site-data/raw").glob("2020-*.txt"))
    seed.with_name(seed.stem + ".meta.yml").write_text("title: One\nbyline: x\ntitle: Two\n", encoding="utf-8")
    report = Report()
    read_archive(Paths(archive), report)
    assert [d.format() for d in report.errors] == [
        f"site-data/raw/{seed.stem}.meta.yml:3: error: key 'title' appears twice (first on line 1) (keep one of the two)"]
