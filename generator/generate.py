"""One run of the generator: site-data/ in, the generated pages in content/ and
the data exports beside them out. Pure of MkDocs.

Incremental, in three steps:

1. Nothing changed (the same code, mkdocs.yml, registry, raw files, sidecars
   and notes, by content hash; the generated files still there as written):
   nothing is done, the last run's problems are repeated. File hashes are
   trusted from ``stat`` where they can be (generator/statindex.py), and this
   path imports none of the reading or writing stages, so it stays short at
   any size.
2. Otherwise only changed articles are extracted (cache ``articles``), the
   cross-link pages are read back from disk when their inputs are unchanged
   (cache ``crosslink``), and only article pages whose key changed are
   rendered and written (cache ``pages``).
3. The write stage checks every generated link and writes only the files it owns.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable, Iterable, Mapping

from .archive import Archive, Paths
from .cache import CACHE_DIR, Cache, code_version, digest, site_files_dir, write_atomic
from .diagnostics import Diagnostic, Report
from .pipeline import (LAST_RELATED, Options, article_keys, crosslink, load_config, notes_digest, raw_files,
                       read_archive, registry_bytes)
from .statindex import StatIndex, sha256
from .write.owned import Keep, read_manifest
from .write.paths import MANIFEST, OWNED_DIRS, hand_written_files

STAGING_DIR = "staging"  # pages rendered, not yet moved into content/
NOTES_FILE = "annotations.jsonld"  # the notes as Web Annotation JSON-LD (generator/site_files.py)


def NOTE_FILES(rel: str) -> bool:  # noqa: N802 (a constant predicate)
    """The site files made from the notes (written last): the JSON-LD and the notes' feeds."""
    return rel == NOTES_FILE or rel.startswith(("feeds/notes", "feeds/fact-checks"))


def generate(root: Path, report: Report | None = None,
             options: Options = Options()) -> tuple[Archive | None, Report]:
    """Read site-data/ and write the generated pages into content/. Pure of MkDocs.

    Incremental: when no input changed since the last run (same content hashes,
    generated files untouched; hashes are trusted from stat where they can be,
    see generator/statindex.py) it does nothing and repeats the last run's
    problems; otherwise only changed articles are extracted and only pages
    whose inputs changed are rendered and written. The generator's own links
    are checked (warnings). The data files for the site (exports) are written
    to ``site_files_dir(root)``. Returns the Archive, or None when nothing had
    to be done.
    """
    report = report if report is not None else Report()
    first = len(report.diagnostics)
    paths = Paths(root)
    cache = Cache(paths.root, options.cache)
    hashes = StatIndex(paths.root, options.cache)
    files = raw_files(paths)
    registry = registry_bytes(paths)
    keys = article_keys(paths, files, registry, hashes)
    listed = sorted(f"{paths.rel(p)}={k}" for p, k in keys.items())
    run_key = digest(code_version(), hashes.sha(paths.root / "mkdocs.yml") or "", registry, *listed,
                     notes_digest(paths, hashes), *sorted(hand_written_files(paths.content)))  # notes link those
    if _unchanged(cache, run_key, paths, report, hashes):
        hashes.save()
        return None, report

    from . import write  # imported here: the stages below load Jinja2, the readers, the notes...
    from .annotations import recorded
    from .exports import exports
    from .feeds import article_feeds, note_feeds
    from .settings import load_site_settings
    from .site_files import notes_jsonld
    from .write.compose import article_pages

    config = load_config(paths, report)
    settings = load_site_settings(paths.root, report)
    cross_key = digest(code_version(), repr(config), repr(settings), registry, *listed)
    archive = read_archive(paths, report, options, keys)
    recorded.keep_contexts(archive.articles, archive.notes, cache, report)
    cached = cache.get("crosslink", cross_key)
    reused = _reuse_crosslink(cached, paths, hashes) if cached else None
    jobs: list = []
    site_files = site_files_dir(paths.root)
    if reused:
        archive.related = {k: [tuple(x) for x in v] for k, v in cached["related"].items()}
        cross_pages, data_shas = reused  # pages: Keep (on disk as written), not read
    else:
        crosslink(archive, config)
        jobs = write.crosslink_jobs(archive, config, archive.index)  # rendered beside the article pages
        data_files = exports(archive, archive.related, archive.index)  # bytes: no str copy of the exports
        data_files.update(article_feeds(archive.articles, archive.index, settings, config.feeds))
        data_shas = _shas(data_files)
        write_site_files(site_files, data_files, keep=NOTE_FILES)  # now, not held while pages render
        del data_files
    cache.put(*LAST_RELATED, archive.related)  # for the one-article preview (generator/preview.py)
    staging = paths.root / CACHE_DIR / STAGING_DIR
    shutil.rmtree(staging, ignore_errors=True)  # a run stopped before moving its pages into place
    try:
        pages, shas, links, _rendered = article_pages(archive, cache, options.jobs or 1, hashes, extra=jobs,
                                                      staging=staging)
        rendered_crosslinks, jobs = bool(jobs), []
        archive.index = None  # the pages are rendered: the index (a sixth of the run's memory at 10,000) can go
        if rendered_crosslinks:
            cross_pages = {name: Keep(shas[name]) for name in pages if not name.startswith("articles/")}
            cache.put("crosslink", cross_key, {"related": archive.related,
                                               "pages": {name: shas[name] for name in cross_pages},
                                               "files": data_shas})
            cache.keep_only("crosslink", {cross_key})
        else:
            pages.update(cross_pages)
            shas.update((name, page.sha) for name, page in cross_pages.items())
        for name, text in (*write.render_archive(archive.articles).items(),
                           *write.render_latest(archive.articles).items()):
            pages[name] = text.encode("utf-8")
            links[name] = write.page_links(pages[name])
        notes = {NOTES_FILE: notes_jsonld(archive), **note_feeds(archive.notes, archive.articles, settings,
                                                                   config.feeds)}
        for problem in write.check_links(_all_links(pages, links, cache, paths),
                                         site_file_paths(paths, [*data_shas, *notes])):
            report.add(problem)
        write.write_owned(dict(sorted(pages.items())), paths.content, write.OWNED_DIRS, hashes, shas)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    write_site_files(site_files, notes, keep=set(data_shas))
    cache.put("state", "last", {"run": run_key, "manifests": _manifests(paths),
                                "diagnostics": [[d.level, d.file, d.line, d.message, d.fix]
                                                for d in report.diagnostics[first:]]})
    hashes.save()
    return archive, report


def _all_links(pages: Mapping[str, object], links: dict, cache: Cache, paths: Paths) -> dict:
    """The links of every page: those rendered now, the others' from the cache (by the
    page's SHA-256; a page not seen before is read once, and its links cached)."""
    from .write import PageLinks, page_links

    found = {}
    for name, page in pages.items():
        if name in links:
            found[name] = links[name]
            cache.put("links", _sha_of(page), links[name].to_data())
            continue
        sha = page.sha if isinstance(page, Keep) else _sha_of(page)
        data = cache.get("links", sha)
        if isinstance(data, list) and len(data) == 2:
            found[name] = PageLinks.from_data(data)
        else:
            found[name] = page_links((paths.content / name).read_bytes() if isinstance(page, Keep) else page)
            cache.put("links", sha, found[name].to_data())
    cache.keep_only("links", {_sha_of(page) for page in pages.values()})
    return found


def _sha_of(page) -> str:
    return page.sha if hasattr(page, "sha") else sha256(page)


def site_file_paths(paths: Paths, data_files: Iterable[str]) -> set[str]:
    """The files of the built site besides the generated pages, as paths from its root:
    hand-written pages (``x.md`` -> ``x.html``) and other files of content/, the data exports."""
    return set(data_files) | hand_written_files(paths.content)


def _shas(files: Mapping[str, bytes]) -> dict[str, str]:
    return {name: sha256(data) for name, data in files.items()}


def _reuse_crosslink(cached: dict, paths: Paths, hashes: StatIndex) -> tuple[dict, dict[str, str]] | None:
    """The cross-link pages of a cached run (:class:`~generator.write.Keep`: left
    in content/ where that run wrote them) and the SHA-256 of its data files
    (left in the site-files folder), when every one is still there with the
    bytes recorded (the cache keeps only their SHA-256); else None, and they
    are rebuilt."""
    pages, files = cached.get("pages"), cached.get("files")
    if not isinstance(pages, dict) or not isinstance(files, dict):
        return None
    site_files = site_files_dir(paths.root)
    if any(hashes.sha(site_files / name) != sha for name, sha in files.items()):
        return None
    if any(hashes.sha(paths.content / name) != sha for name, sha in pages.items()):
        return None
    return {name: Keep(sha) for name, sha in pages.items()}, files


def write_site_files(folder: Path, files: Mapping[str, str | bytes],
                     keep: set[str] | Callable[[str], bool] = frozenset()) -> None:
    """Make ``folder`` hold ``files`` (path under it, e.g. ``feeds/articles.xml`` ->
    text or bytes), the files ``keep`` names (or accepts) as they are, and nothing else."""
    folder.mkdir(parents=True, exist_ok=True)
    kept = keep if callable(keep) else keep.__contains__
    for stale in sorted(folder.rglob("*"), reverse=True):  # files before their folders
        rel = stale.relative_to(folder).as_posix()
        if stale.is_file() and rel not in files and not kept(rel):
            stale.unlink()
        elif stale.is_dir() and not any(stale.iterdir()):
            stale.rmdir()
    for name, text in files.items():
        target = folder / name
        data = text.encode("utf-8") if isinstance(text, str) else text
        if not target.exists() or target.read_bytes() != data:
            write_atomic(target, data)


def _manifests(paths: Paths) -> dict[str, str]:
    found = {}
    for top in OWNED_DIRS:
        manifest = paths.content / top / MANIFEST
        found[top] = digest(manifest.read_bytes()) if manifest.exists() else ""
    return found


def _unchanged(cache: Cache, run_key: str, paths: Paths, report: Report, hashes: StatIndex) -> bool:
    """True when the last run had the same inputs and its output is untouched."""
    state = cache.get("state", "last")
    if not state or state.get("run") != run_key or state.get("manifests") != _manifests(paths):
        return False
    if not site_files_dir(paths.root).is_dir():
        return False
    for top in OWNED_DIRS:  # every generated file still there with the bytes written
        folder = paths.content / top
        base = os.fspath(folder) + os.sep
        for inner, sha in read_manifest(folder).items():
            if hashes.sha(base + inner) != sha:
                return False
    for level, file, line, message, fix in state.get("diagnostics", []):
        report.add(Diagnostic(level, file, line, message, fix))
    return True
