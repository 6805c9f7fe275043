"""`newsarchive serve --article ID`: the one-article preview (generator/preview.py).

The pure function on a scratch copy of the sample site, the CLI's error for an
unknown article, and one end-to-end run of the real server over HTTP.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from livehttp import fetch, free_port, wait_for
from conftest import ROOT, SEED_ID, copy_site, tree_digest
from generator.cache import Cache
from generator.checks import check_archive
from generator.cli import main
from generator.diagnostics import InputError, Report
from generator.pipeline import LAST_RELATED, Paths, generate
from generator.preview import load_related, preview_config, resolve_article, watched_paths, write_preview
from generator.writer import escape_text

NOTES = f"site-data/annotations/{SEED_ID}"
FIXTURE = ROOT / "tests" / "fixtures" / "shards" / "raw"  # a TEST FIXTURE article (see its README)
FIXTURE_ID = "2019-11-08-test-fixture-brakkenvik-harbour-joins-regional-cooperation-on-vaccine-shipments"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "repo").mkdir()
    return copy_site(tmp_path / "repo")


def sample_notes(repo: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((repo / NOTES).glob("*.yml"))]


def preview(repo: Path, article: str = SEED_ID, **kwargs) -> tuple[str, Report]:
    report = Report()
    page = write_preview(repo, article, repo / ".cache/newsarchive/preview/test/docs", report, **kwargs)
    return page.read_text(encoding="utf-8"), report


def test_the_page_holds_every_sample_note(repo: Path):
    text, report = preview(repo)
    notes = sample_notes(repo)
    assert len(notes) == 3
    assert report.diagnostics == []
    assert f"\n  count: {len(notes)}\n" in text  # the metadata panel's note count
    for note in notes:
        assert f'id="note-{note["id"]}"' in text
        assert " ".join(note["body"].split()[:4]) in text  # the body, rendered
    assert "Preview:" not in text  # no problems box without problems


def test_the_page_is_the_full_builds_page(repo: Path):
    """Same writer and compose code: byte for byte the page `generate` writes."""
    generate(repo)
    report = Report()
    related = load_related(Paths(repo), resolve_article(Paths(repo), SEED_ID), report)
    assert related == []  # the last run recorded the seed's related list (empty: one article)
    text, _ = preview(repo, related=related)
    assert text == (repo / f"content/articles/{SEED_ID}.md").read_text(encoding="utf-8")


def test_a_changed_note_shows_after_a_rebuild(repo: Path):
    first, _ = preview(repo)
    note = repo / NOTES / "who-executive-board.yml"
    note.write_text(note.read_text(encoding="utf-8").replace("newsarchive maintainers", "TEST FIXTURE editor"),
                    encoding="utf-8")
    second, report = preview(repo)
    assert "TEST FIXTURE editor" not in first
    assert "TEST FIXTURE editor" in second
    assert report.diagnostics == []


def test_related_coverage_comes_from_the_last_full_build(repo: Path):
    shutil.copy(FIXTURE / f"{FIXTURE_ID}.txt", repo / "site-data" / "raw")
    Cache(repo).put(*LAST_RELATED, {SEED_ID: [[FIXTURE_ID, 2.5]], FIXTURE_ID: [[SEED_ID, 2.5]]})
    related = load_related(Paths(repo), resolve_article(Paths(repo), SEED_ID), Report())
    assert [r["id"] for r in related] == [FIXTURE_ID]
    assert related[0]["title"].startswith("TEST FIXTURE:")
    text, _ = preview(repo, related=related)
    assert f"related:\n- {FIXTURE_ID}\n" in text
    assert f"]({FIXTURE_ID}.md)" in text  # the Related coverage list links it, as the full build does


def test_related_coverage_is_none_before_any_full_build(repo: Path):
    assert load_related(Paths(repo), resolve_article(Paths(repo), SEED_ID), Report()) is None
    index = (Path(write_preview(repo, SEED_ID, repo / "out", Report())).parent.parent / "index.md")
    assert "Related coverage is not shown: no full build has been recorded yet" in index.read_text(encoding="utf-8")


def test_an_unknown_article_is_a_one_line_error_with_the_closest_id(repo: Path):
    with pytest.raises(InputError) as typo:
        write_preview(repo, SEED_ID.replace("covid-19", "covid-91"), repo / "out", Report())
    assert str(typo.value) == (f"site-data/raw/: error: no article {SEED_ID.replace('covid-19', 'covid-91')!r} "
                               f"(did you mean {SEED_ID!r}?)")
    with pytest.raises(InputError) as prefix:
        resolve_article(Paths(repo), "2020-05-17-what-china")
    assert str(prefix.value) == ("site-data/raw/: error: no article '2020-05-17-what-china' "
                                 f"(did you mean {SEED_ID!r}?)")
    with pytest.raises(InputError) as nothing:
        resolve_article(Paths(repo), "zzzz")
    assert str(nothing.value) == ("site-data/raw/: error: no article 'zzzz' (give an article id (a raw file's "
                                  "name without extension), its raw file or one of its notes)")
    assert not (repo / "out").exists()


def test_the_article_may_be_named_by_its_raw_file_or_a_note(repo: Path):
    raw = repo / f"site-data/raw/{SEED_ID}.txt"
    for given in (SEED_ID, raw, repo / NOTES / "who-executive-board.yml", repo / NOTES):
        target = resolve_article(Paths(repo), str(given))
        assert (target.id, target.raw) == (SEED_ID, raw)
    with pytest.raises(InputError, match="is neither a raw file of site-data/raw/ nor a note"):
        resolve_article(Paths(repo), str(repo / "mkdocs.yml"))


def test_note_problems_are_check_s_lines_on_the_page_and_in_the_report(repo: Path):
    notes = sample_notes(repo)
    (repo / NOTES / "broken.yml").write_text("quote: [unclosed\n", encoding="utf-8")
    (repo / NOTES / "gone.yml").write_text(
        "id: gone\nquote: a passage this article never prints <script>\nkind: context\nbody: TEST FIXTURE note\n"
        "author: TEST FIXTURE\nadded: 2026-01-01\n", encoding="utf-8")
    before = tree_digest(repo / "site-data")
    checked, _summary = check_archive(Paths(repo))
    expected = [d.format() for d in checked.sorted()]
    assert [(e.split(":")[0], e.split(": ")[1]) for e in expected] == [
        (f"{NOTES}/broken.yml", "error"), (f"{NOTES}/gone.yml", "warning")]
    text, report = preview(repo)
    assert [d.format() for d in report.sorted()] == expected
    assert '!!! failure "Preview: 1 error, 1 warning (as newsarchive check reports them)"' in text
    assert "no longer match" in text  # the unmatched note is an orphan, shown, never dropped
    assert "<script>" not in text and "&lt;script&gt;" in text  # a problem's text stays text
    for note in notes:
        assert f'id="note-{note["id"]}"' in text  # the good notes are still there
    assert tree_digest(repo / "site-data") == before


def test_an_unreadable_raw_file_gives_a_page_of_its_problems(repo: Path):
    (repo / f"site-data/raw/{SEED_ID}.txt").write_bytes(b"TEST FIXTURE: not an article\n")
    text, report = preview(repo)
    assert [d.file for d in report.errors] == [f"site-data/raw/{SEED_ID}.txt"]
    assert text.startswith(f"# {SEED_ID}\n\n!!! failure \"Preview: 1 error, 0 warnings")
    assert f"    - {escape_text(report.errors[0].format(), line_start=True)}\n" in text


def test_site_data_is_byte_identical_after_previews(repo: Path):
    before = tree_digest(repo / "site-data")
    preview(repo)
    preview(repo)
    target = resolve_article(Paths(repo), SEED_ID)
    watched_paths(Paths(repo), target, repo / ".cache/newsarchive/preview/test/inputs")
    preview_config(repo, target)
    assert tree_digest(repo / "site-data") == before
    docs = repo / ".cache/newsarchive/preview/test/docs"
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()) == [
        f"articles/{SEED_ID}.md", "index.md"]


def test_the_preview_watches_the_articles_inputs_only(repo: Path):
    links = repo / "links"
    watched = watched_paths(Paths(repo), resolve_article(Paths(repo), SEED_ID), links)
    assert watched == [links, repo / "overrides"]
    pointed = {p.name: Path(os.readlink(p)) for p in links.iterdir()}
    assert pointed["raw.txt"] == repo / f"site-data/raw/{SEED_ID}.txt"
    assert pointed["notes"] == repo / NOTES
    assert pointed["entities.yml"] == repo / "site-data/entities.yml"
    assert pointed["notes.yml"] == repo / f"site-data/annotations/{SEED_ID}.yml"  # seen once created


def test_cli_unknown_article_exact_output_and_exit_code(repo: Path):
    result = CliRunner().invoke(main, ["--root", str(repo), "serve", "--article", "2020-05-17-what-china"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"site-data/raw/: error: no article '2020-05-17-what-china' (did you mean {SEED_ID!r}?)\n"


# ------------------------------------------------------------------ end to end: the real server

@pytest.mark.e2e
def test_serve_article_reloads_an_edited_note_within_seconds(repo: Path, tmp_path: Path):
    before = tree_digest(repo / "site-data")
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(repo), "serve",
                                   "--article", SEED_ID, "--dev-addr", f"127.0.0.1:{port}"],
                                  env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), cwd=repo, stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/articles/{SEED_ID}/"
        assert wait_for(url, 'id="note-who-executive-board-session"', 30) is not None, log.read_text()
        assert "Preview of one article" in (fetch(f"http://127.0.0.1:{port}/") or "")
        raw = fetch(f"http://127.0.0.1:{port}/raw/{SEED_ID}.txt")  # the metadata panel's raw link works
        assert raw is not None and "What China has done" in raw
        note = repo / NOTES / "who-executive-board.yml"
        note.write_text(note.read_text(encoding="utf-8").replace("newsarchive maintainers", "TEST FIXTURE editor"),
                        encoding="utf-8")
        took = wait_for(url, "TEST FIXTURE editor", 10)
        assert took is not None, log.read_text()
        (repo / NOTES / "broken.yml").write_text("quote: [unclosed\n", encoding="utf-8")
        assert wait_for(url, "Preview: 1 error", 10) is not None, log.read_text()
        assert server.poll() is None  # a bad note does not stop the server
    finally:
        server.terminate()
        server.wait(timeout=20)
    output = log.read_text(encoding="utf-8")
    assert f"site-data/annotations/{SEED_ID}/broken.yml:" in output  # printed as `check` prints it
    assert "WARNING" not in output  # links to pages outside the preview are not warned about
    (repo / NOTES / "broken.yml").unlink()
    note.write_text(note.read_text(encoding="utf-8").replace("TEST FIXTURE editor", "newsarchive maintainers"),
                    encoding="utf-8")
    assert tree_digest(repo / "site-data") == before
