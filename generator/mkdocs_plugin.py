"""Thin MkDocs adapter (entry point ``newsarchive``; see mkdocs.yml).

- on_files: publishes the raw source files (site-data/raw/**) as
  ``raw/<path>.txt`` in the built site, so each article's metadata panel can
  link to the text it was read from. site-data/ is only read.
- on_pre_build: during ``mkdocs serve`` regenerates the pages from site-data/
  (``generator.generate.generate``), so editing a raw file reloads the page.
  A full build runs the generator before MkDocs instead (generator.site).
- on_pre_page: a page's source is read as MkDocs reads it, except that the
  front matter of a page the generator wrote (``markup: html``) is read with
  ``json`` line by line (generator/write/frontmatter.py wrote each value as
  JSON, which is YAML): the same data, without PyYAML's constructor, which was
  most of MkDocs' time on these pages. Keys no template reads
  (``DATA_ONLY_KEYS``: key figures, quotes, events) are left out of
  ``page.meta``. Any other page: MkDocs' own reader.
- on_page_markdown: a page the generator wrote (front matter ``markup: html``)
  is not run through Python-Markdown: its body is already the final HTML
  (generator/write/). The page's ``render`` is replaced for this page only:
  the body becomes ``page.content`` as it is, its headings fill ``page.toc``
  (Material's table of contents and "Skip to content") and its ids
  ``page.present_anchor_ids`` (links from hand-written pages to its anchors
  are still validated). Its own links were checked by the generator
  (generator/write/links.py). Hand-written pages keep full Markdown.
- on_page_content: drops each page's Markdown once it is rendered to HTML.
  MkDocs renders every page before it writes any and keeps both texts until
  the end; nothing needs the Markdown again (titles come from front matter or
  the rendered heading), so the build's peak memory is lower.
- on_env: gives the templates ``newsarchive`` (``generator.pagedata.Chrome``):
  head tags, feed links, the citation and the "Suggest a note" link of a
  page; and sets each page's ``update_date`` (sitemap.xml's ``lastmod``)
  from its data instead of the build clock: an article's latest of
  published, corrected_on and its newest note, every other page the
  archive's newest such date.
- on_post_template: the 404 page's links, which MkDocs makes absolute from
  site_url's path, become relative to the site root, with a script that keeps
  them right when a server sends the page for a missing address deeper down
  (``generator.errorpage``): it works from disk and at any base path.
- on_post_build: during ``mkdocs serve`` copies the data files and feeds
  (``generator.site_files``) into the site and runs Pagefind so search works too.

With ``preview: <article id>`` (set by ``newsarchive serve --article``, see
generator/preview.py, never in mkdocs.yml) the plugin builds the one-article
preview instead: on_config watches only that article's inputs
(``generator.preview.watched_paths``), on_pre_build writes its page into
docs_dir (``generator.preview.write_preview``) and prints its problems,
on_files publishes only its raw file, on_serve stops MkDocs watching docs_dir
(the plugin writes it), and Pagefind is skipped.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta

from .write.frontmatter import read as read_generated
from .write.paths import DATA_ONLY_KEYS, HTML_MARKUP, MARKUP_KEY, RAW_REPO_DIR, published_raw_files, raw_site_path
from .write.toc import anchor_ids, headings, toc_tokens

log = logging.getLogger("mkdocs.plugins.newsarchive")
#: top-level folders of the site not among MkDocs' files (written after MkDocs: feeds, search indexes)
EXTRA_TOP_DIRS = frozenset({"feeds", "pagefind", "search-offline"})


class NewsArchiveConfig(Config):
    raw_dir = c.Type(str, default=RAW_REPO_DIR)
    #: regenerate pages before each build: "serve" (only under mkdocs serve), "always", "never"
    generate = c.Choice(("serve", "always", "never"), default="serve")
    pagefind_on_serve = c.Type(bool, default=True)
    #: the article id of a one-article preview (``newsarchive serve --article``); empty: the whole site
    preview = c.Type(str, default="")


class NewsArchivePlugin(BasePlugin[NewsArchiveConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self._target = None  # the previewed article (generator.preview.Target)
        self._related: list | None = None  # its related coverage, read once
        self._related_read = False
        self._top_dirs: list[str] = sorted(EXTRA_TOP_DIRS)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def _root(self, config) -> Path:
        return Path(config.config_file_path).resolve().parent

    def on_pre_build(self, *, config) -> None:
        if self.config.preview:
            return self._write_preview(config)
        mode = self.config.generate
        if mode == "never" or (mode == "serve" and self.command != "serve"):
            return
        from .generate import generate  # imported late: the plugin loads before the package is needed
        from .diagnostics import InputError

        try:
            _archive, report = generate(self._root(config))
        except InputError as exc:
            log.error(str(exc))
            return
        for d in report.sorted():
            (log.error if d.level == "error" else log.warning)(d.format())

    def on_config(self, config):
        if self.config.preview:  # which article, and watch its inputs instead of the whole of site-data/
            from .diagnostics import InputError
            from .pipeline import Paths
            from .preview import preview_dir, resolve_article, watched_paths

            paths = Paths(self._root(config))
            try:
                self._target = resolve_article(paths, self.config.preview)
            except InputError as exc:  # e.g. its raw file was deleted: the last page stays
                print(exc, file=sys.stderr)
                return config
            config.watch[:] = [str(p) for p in watched_paths(paths, self._target,
                                                             preview_dir(paths.root, self._target.id) / "inputs")]
        return config

    def _write_preview(self, config) -> None:
        from .diagnostics import InputError, Report
        from .pipeline import Paths
        from .preview import load_related, write_preview

        if self._target is None:
            return
        report = Report()
        if not self._related_read:  # once per session: the last full build's list
            self._related = load_related(Paths(self._root(config)), self._target, report)
            self._related_read = True
        try:
            write_preview(self._root(config), str(self._target.raw), Path(config.docs_dir), report,
                          related=self._related)
        except InputError as exc:
            report.add(exc.diagnostic)
        for d in report.sorted():  # as `newsarchive check` prints them
            print(d.format(), file=sys.stderr)
        log.info(f"preview of {self._target.id}: {len(report.errors)} error(s), {len(report.warnings)} warning(s)")

    def on_serve(self, server, *, config, builder):
        if self.config.preview:  # the plugin writes docs_dir itself; watching it would rebuild twice
            server.unwatch(config.docs_dir)
        return server

    def on_pre_page(self, page, *, config, files):
        page.read_source = lambda config: _read_source(page, config)  # this page only
        return page

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if page.meta.get(MARKUP_KEY) == HTML_MARKUP:
            page.render = lambda config, files: _hand_over(page, markdown)  # instead of Markdown, this page only
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        page.markdown = ""  # not None: Page.title reads None as "not read yet"
        return html

    def on_files(self, files: Files, *, config) -> Files:
        raw_root = self._root(config) / self.config.raw_dir
        if not raw_root.is_dir():
            return files
        if self.config.preview:  # only the previewed article's raw file
            published = [self._target.raw] if self._target and self._target.raw.is_file() else []
        else:
            published = published_raw_files(raw_root)
        for path in published:
            rel = path.relative_to(raw_root).as_posix()
            uri = raw_site_path(f"{RAW_REPO_DIR}/{rel}")
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        from mkdocs.utils import is_error_template

        if not is_error_template(template_name):
            return output_content
        from .errorpage import relative_error_page

        return relative_error_page(output_content, config.site_url, self._top_dirs)

    def on_env(self, env, *, config, files):
        # the site's top-level folders (404 page's script): MkDocs' files, and those the generator adds after
        tops = {f.dest_uri.split("/")[0] for f in files if "/" in f.dest_uri}
        self._top_dirs = sorted({t for t in tops if not t.startswith(("_", "."))} | EXTRA_TOP_DIRS)
        from .pagedata import Chrome, lastmod
        from .diagnostics import InputError
        from .head import Site
        from .registry import load_registry

        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        views = [_TemplateChrome.view(p) for p in pages]
        dates = {id(p): lastmod(v.meta) if v.is_article else None for p, v in zip(pages, views)}
        newest = max((d for d in dates.values() if d), default=None)
        for page in pages:
            day = dates[id(page)] or newest
            if day:  # else (no article at all) MkDocs' own date: SOURCE_DATE_EPOCH or today
                page.update_date = day
        entities = self._root(config) / "site-data" / "entities.yml"
        wikidata: dict[str, str | None] = {}
        descriptions: dict[str, str] = {}
        if entities.exists():
            try:
                # a bad entity is left out (the generator reports it), the others keep their sameAs
                registered = load_registry(entities, "site-data/entities.yml", []).entities
                wikidata = {e.id: e.wikidata for e in registered}
                descriptions = {e.id: e.description for e in registered if e.description}
            except InputError as exc:  # the generator reports it too; the head just lacks sameAs
                log.warning(str(exc))
        site = Site(config.site_name, config.site_url or "", config.site_description or "")
        chrome = Chrome.from_pages(site, views, wikidata, config.repo_url, config.edit_uri, descriptions)
        urls = {v.src: v.url for v in views if "/" not in v.src}  # the hand-written pages at the top
        env.globals["newsarchive"] = _TemplateChrome(chrome, urls)
        return env

    def on_post_build(self, *, config) -> None:
        if self.command == "serve" and not self.config.preview:
            from .cache import write_atomic
            from .site_files import read_site_files

            for rel, data in read_site_files(self._root(config)).items():
                write_atomic(Path(config.site_dir) / rel, data)
        if self.command == "serve" and self.config.pagefind_on_serve and not self.config.preview:
            from .diagnostics import Report
            from .search_tool import run_pagefind

            report = Report()
            run_pagefind(Path(config.site_dir), report, self._root(config))
            for d in report.diagnostics:
                log.warning(d.format())


def _hand_over(page, body: str) -> None:
    """What ``Page.render`` sets, for a body that is already HTML."""
    page.content = body
    page.toc = get_toc(toc_tokens(headings(body)))
    page.present_anchor_ids = anchor_ids(body)


def _read_source(page, config) -> None:
    """``Page.read_source``, with the generator's front matter read at C speed."""
    source = config.plugins.on_page_read_source(page=page, config=config)
    if source is None:
        source = page.file.content_string
    found = read_generated(source, (MARKUP_KEY, HTML_MARKUP), DATA_ONLY_KEYS)  # what the templates read
    if found is None:
        page.markdown, page.meta = meta.get_data(source)  # MkDocs' own reader
    else:
        page.meta, page.markdown = found


class _TemplateChrome:
    """``newsarchive`` in the templates: :class:`generator.pagedata.Chrome` called with MkDocs pages."""

    def __init__(self, chrome, urls):
        self.chrome = chrome
        self.urls = urls  # src path -> page URL, for the hand-written pages templates link to
        self.site_url = chrome.site.url

    @staticmethod
    def view(page):
        """What generator.pagedata needs of a MkDocs page."""
        from .pagedata import PageView

        return PageView(page.file.src_uri, page.url, page.canonical_url, page.title or "", page.meta or {})

    def head(self, page):
        return self.chrome.head(self.view(page))

    def cite(self, page):
        return self.chrome.cite(self.view(page))

    def suggest_note_url(self, page):
        return self.chrome.suggest_note_url(self.view(page))

    def page_url(self, src_path):
        """The URL (relative to the site root) of the page built from ``content/<src_path>``."""
        return self.urls.get(src_path, src_path)
