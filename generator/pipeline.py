"""The build pipeline: read -> extract -> anchor notes -> cross-link -> write.

Every input is read and validated before anything is written. One bad article
is reported and left out; the rest go on (the CLI exits non-zero at the end).
Nothing under ``site-data/`` is ever written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Mapping

from .annotations import Anchored, anchor, load_notes, recorded
from .cache import CACHE_DIR, Cache, code_version, digest, write_atomic
from .diagnostics import Diagnostic, InputError, Report
from .progress import progress_bar
from .extract import article_id, extract
from .extract.entities import Matcher
from .readers import load
from .records import Article, RawArticle
from .registry import EMPTY, Registry, load_registry
from .sidecar import Sidecar, apply_derived, apply_raw, load_sidecar, sidecar_path
from .validate import check_raw

if TYPE_CHECKING:
    from .crosslink import CrossIndex, CrosslinkConfig

SKIPPED_NAMES = {"README.md", "README.txt", ".gitkeep"}


@dataclass(slots=True, frozen=True)
class Paths:
    """Where the archive's parts are, relative to the repository root."""

    root: Path

    @property
    def site_data(self) -> Path:
        return self.root / "site-data"

    @property
    def raw(self) -> Path:
        return self.site_data / "raw"

    @property
    def annotations(self) -> Path:
        return self.site_data / "annotations"

    @property
    def entities(self) -> Path:
        return self.site_data / "entities.yml"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def rel(self, path: Path) -> str:
        """``path`` relative to the root, as shown in messages (a link keeps its own name)."""
        for candidate, root in ((path.absolute(), self.root.absolute()), (path.resolve(), self.root.resolve())):
            try:
                return candidate.relative_to(root).as_posix()
            except ValueError:
                continue
        return path.as_posix()


@dataclass(slots=True)
class Archive:
    """Everything read from ``site-data/``, validated, before anything is written."""

    paths: Paths
    registry: Registry
    articles: list[Article]
    #: article id -> its notes, anchored (orphans included: a note is never dropped)
    notes: dict[str, list[Anchored]] = field(default_factory=dict)
    #: article id -> [(related article id, score)], best first (filled by ``crosslink``)
    related: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    #: entity mentions, figures and events by entity (filled by ``crosslink``)
    index: "CrossIndex | None" = None
    #: article id -> cache key of its inputs (raw bytes, sidecar, registry, code)
    keys: dict[str, str] = field(default_factory=dict)


def raw_files(paths: Paths) -> list[Path]:
    """Raw articles: every file under site-data/raw/ except sidecars and READMEs."""
    if not paths.raw.is_dir():
        return []
    return sorted(
        p for p in paths.raw.rglob("*")
        if p.is_file() and not p.name.startswith(".") and not p.name.endswith(".meta.yml")
        and p.name not in SKIPPED_NAMES
    )


def read_raw(path: Path, paths: Paths, reader: str | None = None) -> tuple[RawArticle, Sidecar | None]:
    """One raw file read by its reader, with the sidecar's reader-level corrections applied."""
    if path.is_symlink():  # it could publish any file of the machine that builds the site
        raise InputError(paths.rel(path), "is a symbolic link, not a file",
                         fix="copy the article into site-data/raw/ instead of linking it")
    side = sidecar_path(path)
    sidecar = load_sidecar(side, paths.rel(side))
    raw = apply_raw(load(path, paths.rel(path), reader), sidecar)
    check_raw(raw, sidecar, article_id(path.name))
    return raw, sidecar


def read_article(path: Path, paths: Paths, matcher: Matcher, reader: str | None = None) -> Article:
    """One raw file to one Article, with its sidecar's corrections applied."""
    raw, sidecar = read_raw(path, paths, reader)
    return apply_derived(extract(raw, matcher), sidecar)


def load_archive_registry(paths: Paths, report: Report) -> Registry:
    try:
        return load_registry(paths.entities, paths.rel(paths.entities))
    except InputError as exc:
        report.add(exc.diagnostic)
        return EMPTY


@dataclass(slots=True, frozen=True)
class Options:
    """How to build: worker processes, the cache, progress bars."""

    jobs: int | None = None  # extraction processes; None: one per core for large archives
    cache: bool = True  # reuse what earlier builds extracted and rendered (.cache/newsarchive)
    progress: bool = False  # progress bars on stderr


#: below this many articles to extract, worker processes cost more than they save
PARALLEL_MIN = 200


def article_keys(paths: Paths, files: list[Path], registry_bytes: bytes) -> dict[Path, str]:
    """Each raw file's cache key: its bytes, its sidecar's, the registry's and the code's."""
    base = digest(code_version(), registry_bytes)
    keys: dict[Path, str] = {}
    for path in files:
        side = sidecar_path(path)
        keys[path] = digest(base, paths.rel(path), path.read_bytes(), side.read_bytes() if side.exists() else b"")
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
    articles.sort(key=lambda a: (a.published, a.id), reverse=True)
    archive = Archive(paths, registry, articles)
    archive.keys = {article_id(p.name): keys[p] for p in files}
    archive.notes = anchor_notes(archive, {article_id(p.name) for p in files}, report)
    return archive


def extract_all(files: list[Path], paths: Paths, registry: Registry,
                options: Options) -> Iterator[tuple[Path, Article | Diagnostic]]:
    """Read and extract ``files``; an InputError becomes the file's Diagnostic."""
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


def _extract_one(path: Path, paths: Paths, matcher: Matcher) -> Article | Diagnostic:
    try:
        return read_article(path, paths, matcher)
    except InputError as exc:
        return exc.diagnostic


_WORKER: dict[str, object] = {}


def _start_worker(root: str) -> None:
    paths = Paths(Path(root))
    _WORKER["paths"] = paths
    _WORKER["matcher"] = Matcher(load_archive_registry(paths, Report()))  # its problems: reported by the parent


def _extract_in_worker(path: str) -> Article | Diagnostic:
    return _extract_one(Path(path), _WORKER["paths"], _WORKER["matcher"])  # type: ignore[arg-type]


def registry_bytes(paths: Paths) -> bytes:
    return paths.entities.read_bytes() if paths.entities.exists() else b""


def anchor_notes(archive: Archive, known_ids: set[str], report: Report) -> dict[str, list[Anchored]]:
    """Load site-data/annotations/ and anchor each article's notes to its text.

    ``known_ids`` are the ids of every raw file, read or not: a note on an
    article that failed to read is not "on an unknown article" (the article's
    own error says what to fix)."""
    notes, load_report = load_notes(archive.paths.annotations, known_ids, archive.paths.root)
    report.extend(load_report)
    anchored: dict[str, list[Anchored]] = {}
    for article in archive.articles:
        if article.id in notes:
            placed, anchor_report = anchor(notes[article.id], article.paragraphs)
            report.extend(anchor_report)
            anchored[article.id] = placed
    return anchored


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


def notes_digest(paths: Paths) -> str:
    """A hash of every file under site-data/annotations/ (names and bytes)."""
    folder = paths.annotations
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    return digest(*(part for p in files for part in (paths.rel(p), p.read_bytes())))


SITE_FILES_DIR = "site-files"
#: the last run's related articles (article id -> [[id, score], ...]), small beside the "crosslink"
#: entry; the one-article preview reads it instead of cross-linking the whole archive
LAST_RELATED = ("related", "last")


def generate(root: Path, report: Report | None = None,
             options: Options = Options()) -> tuple[Archive | None, Report]:
    """Read site-data/ and write the generated pages into content/. Pure of MkDocs.

    Incremental: when no input changed since the last run (same content hashes,
    generated files untouched) it does nothing and repeats the last run's
    problems; otherwise only changed articles are extracted and only pages
    whose inputs changed are rendered and written. The data files for the
    site (exports) are written to ``site_files_dir(root)``. Returns the
    Archive, or None when nothing had to be done.
    """
    from . import writer  # imported here: the writer pulls in Jinja2 templates
    from .compose import article_pages
    from .crosslink import render_crosslink_pages
    from .exports import exports
    from .feeds import article_feeds, note_feeds
    from .settings import load_site_settings
    from .site_files import notes_jsonld

    report = report if report is not None else Report()
    paths = Paths(root)
    cache = Cache(paths.root, options.cache)
    config = load_config(paths, report)
    settings = load_site_settings(paths.root, report)
    files = raw_files(paths)
    registry = registry_bytes(paths)
    keys = article_keys(paths, files, registry)
    cross_key = digest(code_version(), repr(config), repr(settings), registry,
                       *sorted(f"{paths.rel(p)}={k}" for p, k in keys.items()))
    run_key = digest(cross_key, notes_digest(paths))
    if _unchanged(cache, run_key, paths, report):
        return None, report

    first = len(report.diagnostics)
    archive = read_archive(paths, report, options, keys)
    recorded.keep_contexts(archive.articles, archive.notes, cache, report)
    cached = cache.get("crosslink", cross_key)
    reused = _reuse_crosslink(cached, paths) if cached else None
    if reused:
        archive.related = {k: [tuple(x) for x in v] for k, v in cached["related"].items()}
        cross_pages, data_files = reused
    else:
        crosslink(archive, config)
        cross_pages = render_crosslink_pages(archive, config, archive.index)
        for name in cross_pages:  # held as UTF-8 until written: half the memory of str for non-Latin-1 text
            cross_pages[name] = cross_pages[name].encode("utf-8")
        data_files = exports(archive, archive.related, archive.index)  # bytes: no str copy of the exports
        data_files.update(article_feeds(archive.articles, archive.index, settings, config.feeds))
        cache.put("crosslink", cross_key, {"related": archive.related, "pages": _shas(cross_pages),
                                           "files": _shas(data_files)})
    cache.put(*LAST_RELATED, archive.related)  # for the one-article preview (generator/preview.py)
    pages, _rendered = article_pages(archive, cache)
    pages.update(writer.render_archive(archive.articles))
    pages.update(writer.render_latest(archive.articles))
    pages.update(cross_pages)
    writer.write_owned(dict(sorted(pages.items())), paths.content, writer.OWNED_DIRS)
    data_files["annotations.jsonld"] = notes_jsonld(archive)
    data_files.update(note_feeds(archive.notes, archive.articles, settings, config.feeds))
    write_site_files(site_files_dir(paths.root), data_files)
    cache.put("state", "last", {"run": run_key, "manifests": _manifests(paths),
                                "diagnostics": [[d.level, d.file, d.line, d.message, d.fix]
                                                for d in report.diagnostics[first:]]})
    return archive, report


def _shas(files: Mapping[str, bytes]) -> dict[str, str]:
    from .writer import _sha

    return {name: _sha(data) for name, data in files.items()}


def _reuse_crosslink(cached: dict, paths: Paths) -> tuple[dict[str, bytes], dict[str, bytes]] | None:
    """The cross-link pages and data files of a cached run, read back from
    content/ and the site-files folder where that run wrote them, when every
    one is still there with the bytes recorded (the cache keeps only their
    SHA-256, not a second copy of the pages); else None, and they are rebuilt."""
    from .writer import _sha

    found: list[dict] = []
    for folder, shas in ((paths.content, cached.get("pages")), (site_files_dir(paths.root), cached.get("files"))):
        if not isinstance(shas, dict):
            return None
        texts: dict[str, bytes] = {}
        for name, sha in shas.items():
            try:
                data = (folder / name).read_bytes()
            except OSError:
                return None
            if _sha(data) != sha:
                return None
            texts[name] = data
        found.append(texts)
    return found[0], found[1]


def site_files_dir(root: Path) -> Path:
    return Path(root) / CACHE_DIR / SITE_FILES_DIR


def write_site_files(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Replace ``folder``'s files by ``files`` (path under it, e.g. ``feeds/articles.xml`` -> text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for stale in sorted(folder.rglob("*"), reverse=True):  # files before their folders
        if stale.is_file() and stale.relative_to(folder).as_posix() not in files:
            stale.unlink()
        elif stale.is_dir() and not any(stale.iterdir()):
            stale.rmdir()
    from .writer import _utf8

    for name, text in files.items():
        target = folder / name
        data = _utf8(text)
        if not target.exists() or target.read_bytes() != data:
            write_atomic(target, data)


def _manifests(paths: Paths) -> dict[str, str]:
    from .writer import MANIFEST, OWNED_DIRS

    found = {}
    for top in OWNED_DIRS:
        manifest = paths.content / top / MANIFEST
        found[top] = digest(manifest.read_bytes()) if manifest.exists() else ""
    return found


def _unchanged(cache: Cache, run_key: str, paths: Paths, report: Report) -> bool:
    """True when the last run had the same inputs and its output is untouched."""
    state = cache.get("state", "last")
    if not state or state.get("run") != run_key or state.get("manifests") != _manifests(paths):
        return False
    if not site_files_dir(paths.root).is_dir():
        return False
    from .writer import OWNED_DIRS, _read_manifest, _sha

    for top in OWNED_DIRS:  # every generated file still there with the bytes written
        folder = paths.content / top
        for inner, sha in _read_manifest(folder).items():
            path = folder / inner
            if not path.exists() or _sha(path.read_bytes()) != sha:
                return False
    for level, file, line, message, fix in state.get("diagnostics", []):
        report.add(Diagnostic(level, file, line, message, fix))
    return True
