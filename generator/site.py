"""Build the site: generate pages, MkDocs (Material) into site/, then Pagefind.

Also ``serve`` (mkdocs serve with live reload; the newsarchive MkDocs plugin
regenerates pages on change) and ``clean``. Problems go into the caller's
:class:`Report` (MkDocs warnings such as broken links become warnings there),
so ``newsarchive build --strict`` fails on them.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping

from .diagnostics import InputError, Report
from .search_tool import run_pagefind
from .write.owned import WriteStats, clean_owned
from .write.paths import OWNED_DIRS

if TYPE_CHECKING:
    from .pipeline import Options

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass(slots=True, frozen=True)
class BuildResult:
    site_dir: Path
    built: bool  # MkDocs wrote the site
    pages_indexed: int | None  # pages in the Pagefind index (articles); None when not indexed


def build_site(root: Path, report: Report | None = None, *, strict: bool = False, quiet: bool = False,
               search: bool = True, site_dir: Path | None = None, options: "Options | None" = None) -> BuildResult:
    """Generate the pages from site-data/, then :func:`build_static`.

    ``strict``: MkDocs itself runs in strict mode (its warnings abort it).
    """
    from .generate import generate
    from .pipeline import Options
    from .site_files import read_site_files

    options = options or Options(progress=not quiet)

    report = report if report is not None else Report()
    root = Path(root).resolve()
    try:
        generate(root, report, options)
    except InputError as exc:  # e.g. a generated folder holds a file the generator did not write
        report.add(exc.diagnostic)
        return BuildResult(site_dir or root / "site", built=False, pages_indexed=None)
    files = read_site_files(root)
    return build_static(root, report, strict=strict, quiet=quiet, search=search, site_dir=site_dir,
                        extra_files=lambda _site_url: files)


def build_static(root: Path, report: Report, *, strict: bool = False, quiet: bool = False,
                 search: bool = True, site_dir: Path | None = None,
                 extra_files: Callable[[str], Mapping[str, bytes]] | None = None) -> BuildResult:
    """MkDocs over the pages already in content/, then Pagefind, into site/ atomically.

    Everything is built into a temporary folder beside ``site_dir`` and swapped
    in only when the build succeeded, so a failed build (or, with ``strict``,
    one with warnings) leaves the previous site/ intact. ``extra_files(site_url)``
    gives files (path in the site -> bytes) to add, such as data exports.
    """
    root = Path(root).resolve()
    site_dir = Path(site_dir).resolve() if site_dir else root / "site"
    staging = site_dir.with_name(f".{site_dir.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    config = run_mkdocs(root, report, strict=strict, site_dir=staging)
    built = config is not None
    if built and extra_files:
        for rel, data in extra_files(config.site_url or "").items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    pages = None
    if built and search:
        pages = run_pagefind(staging, report, root)
        built = pages is not None
        if built:  # search from file://, where Pagefind cannot load (site/search-offline/)
            from .search_index import write_offline_index
            write_offline_index(staging)
    if built and strict and report.failed(strict=True):
        built = False
    if not built:
        shutil.rmtree(staging, ignore_errors=True)
        if not quiet:
            print(f"build failed: {site_dir} left as it was", file=sys.stderr)
        return BuildResult(site_dir=site_dir, built=False, pages_indexed=None)
    swap_in(staging, site_dir)
    if not quiet:
        found = f", {pages} page(s) in the search index" if pages is not None else ""
        print(f"built {site_dir}{found}", file=sys.stderr)
    return BuildResult(site_dir=site_dir, built=built, pages_indexed=pages)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging`` with two renames (the old site is removed after)."""
    old = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


class _ToReport(logging.Handler):
    """MkDocs log warnings -> report warnings, naming the page where MkDocs does."""

    _DOC = re.compile(r"Doc file '([^']+)'")

    def __init__(self, report: Report):
        super().__init__(logging.WARNING)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        m = self._DOC.search(message)
        self.report.warning(f"content/{m.group(1)}" if m else "mkdocs.yml", message)


def run_mkdocs(root: Path, report: Report, *, strict: bool, site_dir: Path):
    """Build ``root``/mkdocs.yml into ``site_dir``; its MkDocs config, or None
    (and an error in report) on failure."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = Path(root) / "mkdocs.yml"
    if not config_file.exists():
        report.error(str(config_file), "not found", fix="run from the archive's repository root or pass --root")
        return None
    logger = logging.getLogger("mkdocs")
    handler = _ToReport(report)
    logger.addHandler(handler)
    try:
        config = load_config(config_file=str(config_file), strict=strict, site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        report.error("mkdocs.yml", f"mkdocs build failed: {exc}")
        return None
    except Exception as exc:  # Markdown extensions raise their own types (e.g. a missing snippet)
        report.error("mkdocs.yml", f"mkdocs build failed: {type(exc).__name__}: {exc}")
        return None
    finally:
        logger.removeHandler(handler)
    return config


def serve(root: Path, dev_addr: str = "127.0.0.1:8000") -> None:
    """``mkdocs serve`` with live reload; the newsarchive plugin regenerates
    pages from site-data/ before each rebuild and indexes them with Pagefind."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    _show_mkdocs_log()
    mkdocs_serve(config_file=str(Path(root) / "mkdocs.yml"), livereload=True, dev_addr=dev_addr)


def serve_preview(root: Path, article_id: str, dev_addr: str = "127.0.0.1:8000") -> None:
    """``mkdocs serve`` of one article (``newsarchive serve --article``): the
    archive's mkdocs.yml with the overrides of ``generator.preview.preview_config``
    (docs_dir in .cache/newsarchive/preview/<id>/); the newsarchive plugin
    rewrites the page before each rebuild, MkDocs live-reloads it."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    from .pipeline import Paths
    from .preview import preview_config, resolve_article

    root = Path(root).resolve()
    target = resolve_article(Paths(root), article_id)
    overrides = preview_config(root, target)
    Path(overrides["docs_dir"]).mkdir(parents=True, exist_ok=True)  # MkDocs wants it before the first build
    _show_mkdocs_log()
    mkdocs_serve(config_file=str(root / "mkdocs.yml"), livereload=True, dev_addr=dev_addr, **overrides)


def _show_mkdocs_log() -> None:
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:  # show "Serving on ..." and rebuild messages, as `mkdocs serve` does
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def clean(root: Path) -> WriteStats:
    """Remove site/ and every file the generator wrote (per its manifests).
    Hand-written pages and files the generator did not write stay."""
    root = Path(root)
    shutil.rmtree(root / "site", ignore_errors=True)
    return clean_owned(root / "content", OWNED_DIRS)


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.site clean`` (used by ``make clean``)."""
    args = sys.argv[1:] if argv is None else argv
    if args != ["clean"]:
        print("usage: python -m generator.site clean", file=sys.stderr)
        return 2
    try:
        stats = clean(Path.cwd())
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"removed site/ and {stats.removed} generated file(s)")
    for f in stats.foreign:
        print(f"kept {f} (not written by newsarchive)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
