"""Odd and hostile file names (TEST FIXTURE files, generated here): spaces,
Unicode and dots in raw/ and annotations/, symbolic links that try to reach
outside the archive, slug collisions on ingest, duplicate articles.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.annotations.load import load_notes
from generator.diagnostics import InputError, Report
from generator.extract import article_id
from generator.extract.entities import Matcher
from generator.ingest import canonical_stem, ingest_file
from generator.readers import load
from generator.pipeline import Paths, raw_files, read_archive
from generator.registry import EMPTY
from generator.write.paths import article_path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests/fixtures/hostile/raw/2020-05-17-test-fixture-hostile-text.txt"
FIXTURE_ID = FIXTURE.stem
NOTE = ("- quote: TEST FIXTURE - not real news\n  kind: context\n  body: TEST FIXTURE note\n"
        "  author: Test Fixture\n  added: 2026-01-01\n")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "site-data" / "raw").mkdir(parents=True)
    (tmp_path / "site-data" / "annotations").mkdir()
    (tmp_path / "content").mkdir()
    shutil.copy(FIXTURE, tmp_path / "site-data" / "raw" / FIXTURE.name)
    return tmp_path


def variant(n: int) -> bytes:
    """The fixture with other bytes (not a duplicate), same headline."""
    return FIXTURE.read_bytes().replace(b"This invented article", f"This invented article (variant {n})".encode())


# --- annotations/ ---------------------------------------------------------------------------

def notes_report(repo: Path):
    folder = repo / "site-data" / "annotations"
    return load_notes(folder, {FIXTURE_ID}, repo)


def test_symlinked_note_folder_outside_the_archive_is_refused(repo: Path):
    outside = repo.parent / f"{repo.name}-outside"
    outside.mkdir()
    (outside / "secret.yml").write_text(NOTE, encoding="utf-8")
    os.symlink(outside, repo / "site-data" / "annotations" / FIXTURE_ID)
    notes, report = notes_report(repo)
    assert notes == {}
    assert [d.format() for d in report.errors] == [
        f"site-data/annotations/{FIXTURE_ID}: error: a symbolic link: note files and folders must be real "
        "files, and links are never followed (replace the link with the file itself)"]


def test_symlinked_note_file_and_inner_folder_are_refused(repo: Path):
    outside = repo.parent / f"{repo.name}-elsewhere"
    outside.mkdir()
    (outside / "n.yml").write_text(NOTE, encoding="utf-8")
    folder = repo / "site-data" / "annotations" / FIXTURE_ID
    folder.mkdir()
    os.symlink(outside / "n.yml", folder / "linked.yml")
    os.symlink(outside, folder / "linked-folder")
    os.symlink(outside / "n.yml", repo / "site-data" / "annotations" / f"{FIXTURE_ID}.yml")
    notes, report = notes_report(repo)
    assert notes == {}
    assert sorted(d.file for d in report.errors) == [
        f"site-data/annotations/{FIXTURE_ID}.yml",
        f"site-data/annotations/{FIXTURE_ID}/linked-folder",
        f"site-data/annotations/{FIXTURE_ID}/linked.yml"]


@pytest.mark.parametrize("name", ["my notes.yml", "注释.yml", "a..b.yml", "x..%2f..%2fetc.yml"])
def test_odd_note_file_names_inside_an_article_folder_load(repo: Path, name: str):
    folder = repo / "site-data" / "annotations" / FIXTURE_ID
    folder.mkdir()
    (folder / name).write_text(NOTE, encoding="utf-8")
    notes, report = notes_report(repo)
    assert not report.diagnostics
    (note,) = notes[FIXTURE_ID]
    assert note.file == f"site-data/annotations/{FIXTURE_ID}/{name}"


@pytest.mark.parametrize("name", ["my article.yml", "文章.yml", "..evil.yml", "a..b.yml"])
def test_note_file_for_no_article_is_an_error_or_a_dot_file(repo: Path, name: str):
    (repo / "site-data" / "annotations" / name).write_text(NOTE, encoding="utf-8")
    notes, report = notes_report(repo)
    assert notes == {}
    if name.startswith("."):
        assert not report.diagnostics  # dot-files are ignored, as in git
    else:
        (error,) = report.errors
        assert error.message == f"no article {name[:-4]!r} for these notes"


# --- raw/ -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["my article", "文章", "a b.c", "-dash-first", "x\u202eevil"])
def test_article_id_with_odd_characters_is_a_clear_error(name: str):
    class Fake:
        id = name
        source = type("S", (), {"path": f"site-data/raw/{name}.txt"})()

    with pytest.raises(InputError) as caught:
        article_path(Fake())
    message = str(caught.value)
    assert message == (f"site-data/raw/{name}.txt: error: article id {name!r} is not usable as a file name "
                       "(rename the raw file to letters, digits, '-', '_' and '.')")


@pytest.mark.parametrize("name", ["a..b", "2020.05.17", "x_y-z"])
def test_article_id_with_dots_stays_inside_articles(name: str):
    class Fake:
        id = name
        source = type("S", (), {"path": f"site-data/raw/{name}.txt"})()

    assert article_path(Fake()) == f"articles/{name}.md"


def test_duplicate_bytes_are_an_error_naming_both(repo: Path):
    shutil.copy(FIXTURE, repo / "site-data" / "raw" / "copy-of-it.txt")
    report = Report()
    archive = read_archive(Paths(repo), report)
    assert [a.id for a in archive.articles] == [FIXTURE_ID]
    (error,) = report.errors
    assert FIXTURE.name in error.message and error.file == "site-data/raw/copy-of-it.txt"


def ingest(repo: Path, data: bytes, name: str) -> Path:
    incoming = repo.parent / f"{repo.name}-in" / name
    incoming.parent.mkdir(exist_ok=True)
    incoming.write_bytes(data)
    paths = Paths(repo)
    known = {}
    target, _article = ingest_file(incoming, paths, Matcher(EMPTY), known)
    return target


@pytest.fixture
def stem(repo: Path) -> str:
    """The fixture in raw/ under the canonical name ingest gives it."""
    raw = load(FIXTURE, "fixture")
    name = canonical_stem(raw.title, raw.published)
    (repo / "site-data" / "raw" / FIXTURE.name).rename(repo / "site-data" / "raw" / f"{name}.txt")
    return name


def test_ingest_slug_collision_gets_a_counter(repo: Path, stem: str):
    first = ingest(repo, variant(1), "incoming one.txt")
    second = ingest(repo, variant(2), "incoming two.txt")
    assert first.name == f"{stem}-2.txt" and second.name == f"{stem}-3.txt"


def test_ingest_collision_with_another_suffix_gets_a_counter(repo: Path, stem: str):
    """x.html beside x.txt would be two articles with the id x."""
    target = ingest(repo, variant(1), "incoming.TEXT")
    assert target.name == f"{stem}-2.text"
    ids = [article_id(p.name) for p in raw_files(Paths(repo))]
    assert len(ids) == len(set(ids))


def test_ingest_collision_with_a_file_in_a_subfolder_gets_a_counter(repo: Path, stem: str):
    sub = repo / "site-data" / "raw" / "2020"
    sub.mkdir()
    (repo / "site-data" / "raw" / f"{stem}.txt").rename(sub / f"{stem}.txt")
    target = ingest(repo, variant(1), "incoming.txt")
    assert target.name == f"{stem}-2.txt"


def test_ingest_same_bytes_refused(repo: Path):
    paths = Paths(repo)
    known = {__import__("hashlib").sha256(FIXTURE.read_bytes()).hexdigest(): f"site-data/raw/{FIXTURE.name}"}
    with pytest.raises(InputError) as caught:
        ingest_file(FIXTURE, paths, Matcher(EMPTY), known)
    assert "already in the archive as" in str(caught.value) and "\n" not in str(caught.value)
