"""Which Pagefind indexes the site, and running it.

Pagefind's query speed on large archives depends on its version: 1.6 scores
the pages a word matches several times faster than 1.5 (a word in 9,769 of
10,000 synthetic articles: about 160 ms instead of 650 ms per query in
Chromium). PyPI carries Pagefind only up to 1.5, so the project takes 1.6
from the npm registry (``package.json``, ``npm ci``, which ``make`` runs) and
falls back to PyPI's ``pagefind_bin`` where npm's is not installed.

In order, the first that exists:

1. ``NEWSARCHIVE_PAGEFIND``: a Pagefind executable named in the environment;
2. ``node_modules/.bin/pagefind`` in the project (the folder with
   ``mkdocs.yml``) or a folder above it;
3. ``node_modules/.bin/pagefind`` in the checkout newsarchive runs from;
4. ``python -m pagefind_bin`` (PyPI).

The search page and header box work with either (``search-engines.js`` uses
only Pagefind's documented JS API); the same Pagefind gives the same index
for the same pages.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .diagnostics import Report

ENV = "NEWSARCHIVE_PAGEFIND"
NPM_BIN = Path("node_modules") / ".bin" / "pagefind"
CHECKOUT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class PagefindTool:
    """A Pagefind to run: its command (before the arguments) and where it came from."""

    command: tuple[str, ...]
    source: str  # "environment", "npm" or "pypi"


def find_pagefind(root: Path | None = None) -> PagefindTool:
    """The Pagefind the build runs for the project at ``root`` (see the module's docstring)."""
    named = os.environ.get(ENV)
    if named:
        return PagefindTool((named,), "environment")
    start = Path(root).resolve() if root else Path.cwd()
    for folder in (start, *start.parents, CHECKOUT):
        candidate = folder / NPM_BIN
        if candidate.is_file() and shutil.which("node"):
            return PagefindTool((str(candidate),), "npm")
    return PagefindTool((sys.executable, "-m", "pagefind_bin"), "pypi")


@lru_cache(maxsize=8)
def pagefind_version(tool: PagefindTool) -> str:
    """``1.6.0``: what the tool prints for ``--version`` (asked once per tool)."""
    try:
        done = subprocess.run([*tool.command, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({exc})"
    return (done.stdout.strip() or done.stderr.strip() or "unknown").removeprefix("pagefind ")


def pagefind_command(site_dir: Path, root: Path | None = None) -> list[str]:
    """Pagefind over the pages search indexes (``search_index.INDEXED``: reading
    only those is most of its time and memory), keeping ``index.html`` in result
    URLs (pages are files: ``use_directory_urls: false``)."""
    from .search_index import pagefind_glob

    tool = find_pagefind(root if root is not None else Path(site_dir).parent)
    return [*tool.command, "--site", str(site_dir), "--glob", pagefind_glob(), "--keep-index-url"]


def run_pagefind(site_dir: Path, report: Report | None = None, root: Path | None = None) -> int | None:
    """Index ``site_dir`` with Pagefind; the number of pages indexed, or None
    (and an error in ``report``, or an exception without one) on failure."""
    cmd = pagefind_command(site_dir, root)
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as exc:
        proc = subprocess.CompletedProcess(cmd, 127, "", f"cannot run {cmd[0]}: {exc} (set {ENV} or run npm ci)")
    entry = Path(site_dir) / "pagefind" / "pagefind-entry.json"
    problem = None
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        problem = f"pagefind failed (exit {proc.returncode}): " + " | ".join(tail)
    else:
        try:
            languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
            return sum(lang.get("page_count", 0) for lang in languages.values())
        except (OSError, ValueError, KeyError) as exc:
            problem = f"pagefind wrote no usable {entry}: {exc}"
    if report is None:
        raise RuntimeError(problem)
    report.error(str(site_dir), problem)
    return None
