"""Thin MkDocs adapter (entry point ``newsarchive``; see mkdocs.yml).

- on_files: publishes the raw source files (site-data/raw/**) as
  ``raw/<path>.txt`` in the built site, so each article's metadata panel can
  link to the text it was read from. site-data/ is only read.
- on_pre_build: during ``mkdocs serve`` regenerates the pages from site-data/
  (``generator.pipeline.generate``), so editing a raw file reloads the page.
  A full build runs the generator before MkDocs instead (generator.site).
- on_post_build: during ``mkdocs serve`` runs Pagefind so search works too.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .writer import RAW_REPO_DIR, raw_site_path

log = logging.getLogger("mkdocs.plugins.newsarchive")


class NewsArchiveConfig(Config):
    raw_dir = c.Type(str, default=RAW_REPO_DIR)
    #: regenerate pages before each build: "serve" (only under mkdocs serve), "always", "never"
    generate = c.Choice(("serve", "always", "never"), default="serve")
    pagefind_on_serve = c.Type(bool, default=True)


class NewsArchivePlugin(BasePlugin[NewsArchiveConfig]):
    def __init__(self) -> None:
        self.command = "build"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def _root(self, config) -> Path:
        return Path(config.config_file_path).resolve().parent

    def on_pre_build(self, *, config) -> None:
        mode = self.config.generate
        if mode == "never" or (mode == "serve" and self.command != "serve"):
            return
        from .pipeline import generate  # imported late: the plugin loads before the package is needed
        from .diagnostics import InputError

        try:
            _archive, report = generate(self._root(config))
        except InputError as exc:
            log.error(str(exc))
            return
        for d in report.sorted():
            (log.error if d.level == "error" else log.warning)(d.format())

    def on_files(self, files: Files, *, config) -> Files:
        raw_root = self._root(config) / self.config.raw_dir
        if not raw_root.is_dir():
            return files
        for path in sorted(p for p in raw_root.rglob("*")
                           if p.is_file() and not p.is_symlink() and not p.name.startswith(".")):
            rel = path.relative_to(raw_root).as_posix()
            uri = raw_site_path(f"{RAW_REPO_DIR}/{rel}")
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def on_post_build(self, *, config) -> None:
        if self.command == "serve" and self.config.pagefind_on_serve:
            from .diagnostics import Report
            from .site import run_pagefind

            report = Report()
            run_pagefind(Path(config.site_dir), report)
            for d in report.diagnostics:
                log.warning(d.format())
