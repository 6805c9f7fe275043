"""The build pipeline: read -> extract -> anchor notes -> cross-link -> write.

Every input is read and validated before anything is written. One bad article
is reported and left out; the rest go on (the CLI exits non-zero at the end).
Nothing under ``site-data/`` is ever written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .annotations import Anchored, anchor, load_notes
from .diagnostics import InputError, Report
from .extract import article_id, extract
from .extract.entities import Matcher
from .readers import load
from .records import Article, RawArticle
from .registry import EMPTY, Registry, load_registry
from .sidecar import Sidecar, apply_derived, apply_raw, load_sidecar, sidecar_path

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
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
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
    side = sidecar_path(path)
    sidecar = load_sidecar(side, paths.rel(side))
    return apply_raw(load(path, paths.rel(path), reader), sidecar), sidecar


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


def read_archive(paths: Paths, report: Report) -> Archive:
    """Read and validate every raw article; bad ones are reported and left out."""
    registry = load_archive_registry(paths, report)
    matcher = Matcher(registry)
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for path in raw_files(paths):
        try:
            article = read_article(path, paths, matcher)
        except InputError as exc:
            report.add(exc.diagnostic)
            continue
        first = seen.get(article.source.sha256)
        if first:
            report.error(article.source.path, f"same bytes as {first}",
                         fix="delete one of the two copies")
            continue
        seen[article.source.sha256] = article.source.path
        articles.append(article)
    articles.sort(key=lambda a: (a.published, a.id), reverse=True)
    archive = Archive(paths, registry, articles)
    archive.notes = anchor_notes(archive, {article_id(p.name) for p in raw_files(paths)}, report)
    return archive


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


def generate(root: Path, report: Report | None = None) -> tuple[Archive, Report]:
    """Read site-data/ and write the generated pages into content/. Pure of MkDocs."""
    from . import writer  # imported here: the writer pulls in Jinja2 templates
    from .crosslink import render_crosslink_pages

    report = report if report is not None else Report()
    paths = Paths(root)
    config = load_config(paths, report)
    archive = read_archive(paths, report)
    crosslink(archive, config)
    pages = writer.render_pages(archive, *page_additions(archive))
    pages.update(render_crosslink_pages(archive, config, archive.index))
    writer.write_owned(pages, paths.content, writer.OWNED_DIRS)
    return archive, report


def page_additions(archive: Archive) -> tuple[dict[str, dict], dict[str, "PageParts"]]:
    """Per article: extra front matter and the parts later stages add to its page."""
    from .annotations import mark_spans, render_orphans_html, render_paragraph_notes
    from .annotations.model import KIND_LABELS, ORPHAN
    from .crosslink import entity_link_spans
    from .writer import PageParts, published_display

    extras: dict[str, dict] = {}
    parts: dict[str, PageParts] = {}
    by_id = {a.id: a for a in archive.articles}
    matcher = Matcher(archive.registry)
    for article in archive.articles:
        notes = archive.notes.get(article.id, [])
        kinds = sorted({KIND_LABELS[n.note.kind] for n in notes})
        extras[article.id] = {"notes": {
            "count": len(notes), "kinds": kinds, "orphans": sum(n.status == ORPHAN for n in notes),
            "first": f"note-{min(notes, key=lambda n: n.number).note.id}" if notes else None,
        }}
        related_ids = [other for other, _score in archive.related.get(article.id, [])]
        extras[article.id]["related"] = related_ids
        spans: dict[int, list] = {}
        for source in (entity_link_spans(article, archive.registry, matcher), mark_spans(notes)):
            for paragraph, found in source.items():
                spans.setdefault(paragraph, []).extend(found)
        parts[article.id] = PageParts(
            spans=spans,
            after=render_paragraph_notes(notes),
            tail=render_orphans_html(notes),
            related=[{"title": by_id[other].title, "href": f"{other}.md",
                      "date": published_display(by_id[other].published).split(",")[0]}
                     for other in related_ids],
        )
    return extras, parts
