"""Incremental builds: nothing changed -> no generator work and no file rewritten;
one note changed -> only that article's page is rendered again; the cache is
keyed by content hashes; parallel extraction gives the same articles."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from generator import pipeline
from generator.write import compose
from generator.diagnostics import InputError, Report
from generator.generate import generate
from generator.pipeline import Options, Paths, read_archive

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"


@pytest.fixture
def repo(archive: Path) -> Path:
    """The scratch archive with mkdocs.yml and the hand-written pages (generated pages link them)."""
    shutil.copy(ROOT / "mkdocs.yml", archive / "mkdocs.yml")
    for page in (ROOT / "content").glob("*.md"):
        shutil.copy(page, archive / "content" / page.name)
    return archive


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def count_calls(monkeypatch, module, name: str) -> list:
    calls: list = []
    original = getattr(module, name)

    def counting(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def add_seed_copies(repo: Path) -> None:
    """Eight TEST FIXTURE copies of the seed, dated May 1 to 8: nine articles in all."""
    raw = repo / f"site-data/raw/{SEED_ID}.txt"
    data = raw.read_bytes()
    for day in range(1, 9):
        copy = data.replace(b"15:51, May 17, 2020", f"15:51, May {day}, 2020".encode())
        (repo / f"site-data/raw/2020-05-0{day}-test-fixture-copy.txt").write_bytes(copy)


def test_nothing_changed_means_no_work_and_no_rewrite(repo: Path, monkeypatch):
    first, _ = generate(repo, Report())
    assert first is not None
    before = mtimes(repo / "content")
    extracted = count_calls(monkeypatch, pipeline, "read_article")
    rendered = count_calls(monkeypatch, compose, "render_page")
    again, report = generate(repo, Report())
    assert again is None  # skipped: same content hashes, generated files untouched
    assert extracted == [] and rendered == []
    assert mtimes(repo / "content") == before
    assert report.diagnostics == []


def test_warnings_of_the_last_run_are_repeated_when_skipping(repo: Path):
    notes = repo / "site-data/annotations" / SEED_ID
    (notes / "drift.yml").write_text("quote: the most ambitious, agile and aggresive disease containment effort\n"
                                     "kind: context\nbody: TEST FIXTURE note\nauthor: TEST FIXTURE\n"
                                     "added: 2026-11-29\n", encoding="utf-8")
    _, first = generate(repo, Report())
    assert first.warnings
    archive, again = generate(repo, Report())
    assert archive is None and [d.format() for d in again.warnings] == [d.format() for d in first.warnings]


def test_one_changed_note_renders_only_its_article(repo: Path, monkeypatch):
    generate(repo, Report())
    note = next((repo / "site-data/annotations" / SEED_ID).glob("*.yml"))
    note.write_text(note.read_text(encoding="utf-8").replace("newsarchive maintainers", "TEST FIXTURE editor"),
                    encoding="utf-8")
    extracted = count_calls(monkeypatch, pipeline, "read_article")
    rendered = count_calls(monkeypatch, compose, "render_page")
    archive, report = generate(repo, Report())
    assert archive is not None and not report.errors
    assert extracted == []  # the article itself came from the cache
    assert [args[0].id for args in rendered] == [SEED_ID]
    assert "TEST FIXTURE editor" in (repo / f"content/articles/{SEED_ID}.md").read_text(encoding="utf-8")


def test_a_hand_deleted_page_is_regenerated(repo: Path):
    generate(repo, Report())
    page = repo / f"content/articles/{SEED_ID}.md"
    page.unlink()
    archive, _ = generate(repo, Report())
    assert archive is not None and page.exists()


def test_changed_raw_file_is_extracted_again(repo: Path, monkeypatch):
    generate(repo, Report())
    raw = repo / f"site-data/raw/{SEED_ID}.txt"
    raw.write_bytes(raw.read_bytes().replace(b"15:51, May 17", b"16:00, May 17"))
    extracted = count_calls(monkeypatch, pipeline, "read_article")
    archive, _ = generate(repo, Report())
    assert len(extracted) == 1 and archive.articles[0].published == "2020-05-17T16:00:00+08:00"


def test_no_cache_option_extracts_everything(repo: Path, monkeypatch):
    generate(repo, Report())
    extracted = count_calls(monkeypatch, pipeline, "read_article")
    archive, _ = generate(repo, Report(), Options(cache=False))
    assert archive is not None and len(extracted) == 1


def cache_rows(repo: Path, kind: str) -> list[tuple[str, str]]:
    with sqlite3.connect(repo / ".cache/newsarchive/cache.sqlite") as db:
        return db.execute("SELECT key, value FROM entries WHERE kind = ?", (kind,)).fetchall()


def test_a_damaged_cache_entry_is_a_miss(repo: Path, monkeypatch):
    generate(repo, Report())
    assert len(cache_rows(repo, "articles")) == 1
    with sqlite3.connect(repo / ".cache/newsarchive/cache.sqlite") as db:
        db.execute("UPDATE entries SET value = '{not json' WHERE kind = 'articles'")
    extracted = count_calls(monkeypatch, pipeline, "read_article")
    archive = read_archive(Paths(repo), Report())
    assert archive.articles[0].id == SEED_ID and len(extracted) == 1  # extracted again, not trusted
    assert cache_rows(repo, "articles")[0][1].startswith('{"article"')  # and the entry rewritten


def test_a_damaged_cache_file_is_deleted_and_built_again(repo: Path, monkeypatch):
    generate(repo, Report())
    db = repo / ".cache/newsarchive/cache.sqlite"
    for extra in (db.with_name("cache.sqlite-wal"), db.with_name("cache.sqlite-shm")):
        extra.unlink(missing_ok=True)
    db.write_bytes(b"TEST FIXTURE: not a database" * 100)
    extracted = count_calls(monkeypatch, pipeline, "read_article")
    archive, report = generate(repo, Report())
    assert archive is not None and not report.errors and len(extracted) == 1
    assert len(cache_rows(repo, "articles")) == 1


def test_parallel_extraction_gives_the_same_articles(repo: Path, monkeypatch):
    add_seed_copies(repo)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 2)
    serial = read_archive(Paths(repo), Report(), Options(jobs=1, cache=False)).articles
    parallel = read_archive(Paths(repo), Report(), Options(jobs=2, cache=False)).articles
    assert len(parallel) == 9 and parallel == serial


def test_parallel_rendering_gives_the_same_pages(repo: Path, monkeypatch):
    add_seed_copies(repo)
    archive = read_archive(Paths(repo), Report(), Options(jobs=1, cache=False))
    pipeline.crosslink(archive, pipeline.load_config(Paths(repo), Report()))
    monkeypatch.setattr(compose, "PARALLEL_MIN", 2)
    off = pipeline.Cache(repo, False)
    serial, serial_shas, serial_links, serial_count = compose.article_pages(archive, off, jobs=1)
    parallel, parallel_shas, parallel_links, parallel_count = compose.article_pages(archive, off, jobs=2)
    assert serial_count == parallel_count == 9
    assert parallel == serial and list(parallel) == list(serial) and parallel_shas == serial_shas
    assert parallel_links == serial_links and len(parallel_links) == 9
    assert any(b"May 3, 2020" in data or b"2020-05-03" in data for data in parallel.values())


def test_cross_link_pages_are_reused_from_disk_not_from_a_cached_copy(repo: Path, monkeypatch):
    import generator.write as write

    generate(repo, Report())
    entries = cache_rows(repo, "crosslink")
    assert len(entries) == 1 and "Often mentioned with" not in entries[0][1]  # SHAs only
    note = next((repo / "site-data/annotations" / SEED_ID).glob("*.yml"))
    note.write_text(note.read_text(encoding="utf-8").replace("newsarchive maintainers", "TEST FIXTURE editor"),
                    encoding="utf-8")
    rendered = count_calls(monkeypatch, write, "crosslink_jobs")
    assert generate(repo, Report())[0] is not None and rendered == []  # only a note changed: reused
    page = repo / "content/entities/world-health-organization/index.md"
    text = page.read_text(encoding="utf-8")
    page.unlink()  # a page the cache relies on is gone: the cross-link pages are rendered again
    note.write_text(note.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    archive, report = generate(repo, Report())
    assert archive is not None and not report.errors and len(rendered) == 1
    assert page.read_text(encoding="utf-8") == text


def test_one_changed_note_keeps_every_other_page_on_disk_unread(repo: Path, monkeypatch):
    """The other articles' pages are neither rendered, nor read, nor written:
    their key is the last run's and stat says their files are unchanged."""
    add_seed_copies(repo)
    generate(repo, Report())
    before = mtimes(repo / "content/articles")
    note = next((repo / "site-data/annotations" / SEED_ID).glob("*.yml"))
    note.write_text(note.read_text(encoding="utf-8").replace("newsarchive maintainers", "TEST FIXTURE editor"),
                    encoding="utf-8")
    rendered = count_calls(monkeypatch, compose, "render_page")
    archive, report = generate(repo, Report())
    assert archive is not None and not report.errors
    assert [args[0].id for args in rendered] == [SEED_ID]
    after = mtimes(repo / "content/articles")
    assert sorted(p for p in after if after[p] != before[p]) == [".newsarchive-manifest", f"{SEED_ID}.md"]


def test_a_kept_page_edited_by_hand_is_refused_not_kept(repo: Path):
    add_seed_copies(repo)
    generate(repo, Report())
    page = repo / "content/articles/2020-05-03-test-fixture-copy.md"
    page.write_text(page.read_text(encoding="utf-8") + "<p>TEST FIXTURE: edited by hand</p>\n", encoding="utf-8")
    note = next((repo / "site-data/annotations" / SEED_ID).glob("*.yml"))
    note.write_text(note.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="was edited by hand"):
        generate(repo, Report())
    assert "edited by hand" in page.read_text(encoding="utf-8")


def test_a_rebuild_with_nothing_changed_reads_no_file_it_hashed_before(repo: Path, monkeypatch):
    """Hashes are trusted from stat (size, mtime, ctime, inode), as git's index
    does; a file changed since is hashed again, even with its size and mtime put back."""
    from generator import statindex

    add_seed_copies(repo)
    generate(repo, Report())
    generate(repo, Report())  # files written in the same clock tick as the index are hashed once more
    hashed: list = []
    original = statindex.StatIndex.sha

    def counting(self, path):
        before = self.hashed
        digest = original(self, path)
        if self.hashed > before:
            hashed.append(Path(path).relative_to(repo).as_posix())
        return digest

    monkeypatch.setattr(statindex.StatIndex, "sha", counting)
    assert generate(repo, Report())[0] is None
    assert hashed == []
    raw = repo / "site-data/raw/2020-05-04-test-fixture-copy.txt"
    stat = raw.stat()
    raw.write_bytes(raw.read_bytes().replace(b"May 4, 2020", b"May 9, 2020"))  # same size
    os.utime(raw, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the old mtime: only its ctime tells
    archive, _ = generate(repo, Report())
    assert archive is not None and "site-data/raw/2020-05-04-test-fixture-copy.txt" in hashed
