"""The build pipeline's reading side: read -> extract -> anchor notes -> cross-link.

Every input is read and validated before anything is written. One bad article
is reported and left out; the rest go on (the CLI exits non-zero at the end).
Nothing under ``site-data/`` is ever written here. The whole run, with the
write stage and the incremental bookkeeping, is generator/generate.py.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from .archive import Archive, Paths
from .cache import Cache, code_version, digest
from .diagnostics import Diagnostic, InputError, Report
from .progress import progress_bar
from .records import Article, RawArticle
from .registry import EMPTY, Registry, load_registry
from .sidecar import Sidecar, apply_derived, apply_raw, load_sidecar, sidecar_path
from .statindex import StatIndex, sha256
from .validate import check_raw

if TYPE_CHECKING:  # the stages' own modules are imported where they are used: a rebuild with
    # nothing to do (generator/generate.py) does not load the readers, extraction or notes
    from .annotations import Anchored
    from .annotations.sitelinks import SiteLinks
    from .crosslink import CrosslinkConfig
    from .extract.entities import Matcher

SKIPPED_NAMES = {"README.md", "README.txt", ".gitkeep"}


def raw_files(paths: Paths) -> list[Path]:
    """Raw articles: every file under site-data/raw/ except sidecars and READMEs
    (hidden files and folders are skipped; a symbolic link is listed, and refused when read)."""
    if not paths.raw.is_dir():
        return []
    found: list[str] = []
    for dirpath, dirs, names in os.walk(paths.raw):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith(".") and not name.endswith(".meta.yml") and name not in SKIPPED_NAMES:
                found.append(os.path.join(dirpath, name))
    return [Path(p) for p in sorted(found, key=lambda p: Path(p).parts)]


def read_raw(path: Path, paths: Paths, reader: str | None = None) -> tuple[RawArticle, Sidecar | None]:
    """One raw file read by its reader, with the sidecar's reader-level corrections applied."""
    if path.is_symlink():  # it could publish any file of the machine that builds the site
        raise InputError(paths.rel(path), "is a symbolic link, not a file",
                         fix="copy the article into site-data/raw/ instead of linking it")
    from .extract import article_id
    from .readers import load

    side = sidecar_path(path)
    sidecar = load_sidecar(side, paths.rel(side))
    raw = apply_raw(load(path, paths.rel(path), reader), sidecar)
    check_raw(raw, sidecar, article_id(path.name))
    return raw, sidecar


def read_article(path: Path, paths: Paths, matcher: "Matcher", reader: str | None = None) -> Article:
    """One raw file to one Article, with its sidecar's corrections applied."""
    from .extract import extract

    raw, sidecar = read_raw(path, paths, reader)
    return apply_derived(extract(raw, matcher), sidecar)


def load_archive_registry(paths: Paths, report: Report) -> Registry:
    """The registry without its bad entities, each of them an error in ``report`` (the build
    goes on with the others and fails at the end); empty if the file itself cannot be read."""
    try:
        return load_registry(paths.entities, paths.rel(paths.entities), report.diagnostics)
    except InputError as exc:
        report.add(exc.diagnostic)
        return EMPTY


@dataclass(slots=True, frozen=True)
class Options:
    """How to build: worker processes, the cache, progress bars."""

    #: processes: extraction uses one per core for large archives when None; page rendering one
    #: (more copy the archive into each; see generator.write.compose.article_pages) unless given
    jobs: int | None = None
    cache: bool = True  # reuse what earlier builds extracted and rendered (.cache/newsarchive)
    progress: bool = False  # progress bars on stderr


#: below this many articles to extract, worker processes cost more than they save
PARALLEL_MIN = 200


def article_keys(paths: Paths, files: list[Path], registry_bytes: bytes,
                 hashes: StatIndex | None = None) -> dict[Path, str]:
    """Each raw file's cache key: its bytes', its sidecar's, the registry's and the code's hashes
    (``hashes``: file hashes trusted from stat where they can be; default: every file read)."""
    hashes = hashes if hashes is not None else StatIndex(paths.root, enabled=False)
    base = digest(code_version(), registry_bytes)
    root = os.fspath(paths.root.absolute()) + os.sep
    keys: dict[Path, str] = {}
    for path in files:
        raw = hashes.sha(path)
        if raw is None:  # vanished since it was listed: read it to get the reader's own error
            raw = sha256(path.read_bytes())
        name = os.fspath(path.absolute())
        rel = name[len(root):].replace(os.sep, "/") if name.startswith(root) else paths.rel(path)
        keys[path] = digest(base, rel, raw, hashes.sha(sidecar_path(path)) or "")
    return keys


def read_archive(paths: Paths, report: Report, options: Options = Options(),
                 keys: dict[Path, str] | None = None) -> Archive:
    """Read and validate every raw article; bad ones are reported and left out.

    Articles whose inputs are unchanged come from the cache; the rest are
    extracted, in parallel when there are many."""
    registry = load_archive_registry(paths, report)
    files = raw_files(paths)
    cache = Cache(paths.root, options.cache)
    keys = keys if keys is not None else article_keys(paths, files, registry_bytes(paths))
    results: dict[Path, Article | Diagnostic] = {}
    misses: list[Path] = []
    for path in files:
        cached = cache.get_article(keys[path])
        if cached is None:
            misses.append(path)
        else:
            results[path] = cached
    for path, result in extract_all(misses, paths, registry, options):
        results[path] = result
        if isinstance(result, Article):
            cache.put_article(keys[path], result)
    cache.keep_only("articles", set(keys.values()))
    articles: list[Article] = []
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    for path in files:
        article = results[path]
        if isinstance(article, Diagnostic):
            report.add(article)
            continue
        first = seen.get(article.source.sha256)
        if first:
            report.error(article.source.path, f"same bytes as {first}",
                         fix="delete one of the two copies")
            continue
        if article.id in ids:
            report.error(article.source.path, f"gives the article id {article.id!r}, as {ids[article.id]} does",
                         fix="rename one of the two files")
            continue
        seen[article.source.sha256] = article.source.path
        ids[article.id] = article.source.path
        articles.append(article)
    from .extract import article_id

    articles.sort(key=lambda a: (a.published, a.id), reverse=True)
    archive = Archive(paths, registry, articles)
    archive.keys = {article_id(p.name): keys[p] for p in files}
    archive.notes = anchor_notes(archive, {article_id(p.name) for p in files}, report)
    return archive


def extract_all(files: list[Path], paths: Paths, registry: Registry,
                options: Options) -> Iterator[tuple[Path, Article | Diagnostic]]:
    """Read and extract ``files``; an InputError becomes the file's Diagnostic."""
    from .extract.entities import Matcher

    jobs = options.jobs or os.cpu_count() or 1
    with progress_bar(len(files), "extracting", options.progress) as bar:
        if jobs > 1 and len(files) >= PARALLEL_MIN:
            with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(str(paths.root),)) as pool:
                for path, result in zip(files, pool.map(_extract_in_worker, map(str, files), chunksize=16)):
                    bar.update()
                    yield path, result
            return
        matcher = Matcher(registry)
        for path in files:
            bar.update()
            yield path, _extract_one(path, paths, matcher)


def _extract_one(path: Path, paths: Paths, matcher: "Matcher") -> Article | Diagnostic:
    try:
        return read_article(path, paths, matcher)
    except InputError as exc:
        return exc.diagnostic


_WORKER: dict[str, object] = {}


def _start_worker(root: str) -> None:
    from .extract.entities import Matcher

    paths = Paths(Path(root))
    _WORKER["paths"] = paths
    _WORKER["matcher"] = Matcher(load_archive_registry(paths, Report()))  # its problems: reported by the parent


def _extract_in_worker(path: str) -> Article | Diagnostic:
    return _extract_one(Path(path), _WORKER["paths"], _WORKER["matcher"])  # type: ignore[arg-type]


def registry_bytes(paths: Paths) -> bytes:
    return paths.entities.read_bytes() if paths.entities.exists() else b""


def anchor_notes(archive: Archive, known_ids: set[str], report: Report) -> dict[str, list["Anchored"]]:
    """Load site-data/annotations/ and anchor each article's notes to its text.

    ``known_ids`` are the ids of every raw file, read or not: a note on an
    article that failed to read is not "on an unknown article" (the article's
    own error says what to fix)."""
    from .annotations import anchor, load_notes

    links = note_links(archive.paths, [a.id for a in archive.articles])
    notes, load_report = load_notes(archive.paths.annotations, known_ids, archive.paths.root, links=links)
    report.extend(load_report)
    anchored: dict[str, list["Anchored"]] = {}
    for article in archive.articles:
        if article.id in notes:
            placed, anchor_report = anchor(notes[article.id], article.paragraphs)
            report.extend(anchor_report)
            anchored[article.id] = placed
    return anchored


def note_links(paths: Paths, article_ids: Iterable[str]) -> "SiteLinks":
    """What the notes need to make their links to the archive's own pages relative
    (annotations/sitelinks.py): site_url and the pages the build makes besides the
    listings: the articles' (``article_ids``), the hand-written ones and the raw files."""
    from .annotations.sitelinks import SiteLinks, site_pages
    from .settings import load_site_settings
    from .write.paths import RAW_REPO_DIR, hand_written_files, published_raw_files, raw_site_path

    settings = load_site_settings(paths.root, Report())  # its problems: reported where the build reads it
    if not settings.url:
        return SiteLinks()
    raw = [raw_site_path(f"{RAW_REPO_DIR}/{p.relative_to(paths.raw).as_posix()}")
           for p in published_raw_files(paths.raw)]  # as the plugin publishes them
    return SiteLinks(settings.url, site_pages(article_ids, [*hand_written_files(paths.content), *raw]))


def crosslink(archive: Archive, config: "CrosslinkConfig") -> None:
    """The cross-link stage: the entity index and related articles."""
    from .crosslink import build_index, related

    archive.index = build_index(archive.registry, archive.articles)
    archive.related = related(archive.articles, config.related)


def load_config(paths: Paths, report: Report) -> "CrosslinkConfig":
    """The generator's settings, ``extra.newsarchive`` in mkdocs.yml (defaults if absent)."""
    from .crosslink import CrosslinkConfig, crosslink_config_from_mkdocs

    try:
        return crosslink_config_from_mkdocs(paths.root / "mkdocs.yml", "mkdocs.yml")
    except InputError as exc:
        report.add(exc.diagnostic)
        return CrosslinkConfig()


def notes_digest(paths: Paths, hashes: StatIndex | None = None) -> str:
    """A hash of every file under site-data/annotations/ (names and hashes of their bytes)."""
    hashes = hashes if hashes is not None else StatIndex(paths.root, enabled=False)
    folder = paths.annotations
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    return digest(*(part for p in files for part in (paths.rel(p), hashes.sha(p) or "")))


#: the last run's related articles (article id -> [[id, score], ...]), small beside the "crosslink"
#: entry; the one-article preview reads it instead of cross-linking the whole archive
LAST_RELATED = ("related", "last")
