"""Preview one article (``newsarchive serve --article ID``): a contributor edits
a note and sees the page again within seconds, whatever the archive's size.

A pure layer under the MkDocs plugin and the CLI:

``resolve_article(paths, given) -> Target``
    an article id, a raw file or one of its note files -> the article (raises
    :class:`InputError`, with the closest id, when there is no such article).
``write_preview(root, article, out_dir, report, related=None) -> Path``
    writes ``out_dir/articles/<id>.md``, rendered by the same code as the full
    build (``compose.render_one``: entity links, highlights and sidenotes,
    metadata panel, key figures, related coverage), and ``out_dir/index.md``,
    which says this is a one-article preview. Only this article is read (its
    extraction comes from the build cache, keyed as the full build keys it)
    and only its notes are loaded and anchored. Problems go into ``report``
    and, when there are any, into a box at the top of the page.
``load_related(paths, target, report) -> list | None``
    the article's related coverage as the last full run computed it (the
    cache's ``related/last``); None when no full run has been recorded.
``preview_config(root, target) -> dict``
    the settings that turn the archive's own mkdocs.yml into the preview site
    (``load_config`` overrides): ``docs_dir`` in ``.cache/newsarchive/preview/<id>/``,
    a one-page nav, link validation off, the plugin in preview mode.
``watched_paths(paths, target, links) -> list[Path]``
    what the preview watches instead of mkdocs.yml's ``watch`` list.

``serve --article`` keeps its files in ``.cache/newsarchive/preview/<id>/``
(``docs/``, ``inputs/``); besides those only the build cache is written.
``site-data/`` is only read.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .annotations import anchor, load_notes, recorded
from .checks import id_warnings, recorded_contexts
from .cache import CACHE_DIR, Cache, digest, write_atomic
from .diagnostics import Diagnostic, InputError, Report, suggest
from .extract import article_id
from .extract.entities import Matcher
from .pipeline import (LAST_RELATED, SKIPPED_NAMES, Archive, Paths, article_keys, load_archive_registry,
                       note_links, raw_files, read_article, registry_bytes)
from .records import Article
from .registry import Registry
from .sidecar import sidecar_path
from .write.article import HTML_PAGE
from .write.frontmatter import page as page_text
from .write.html import text as html_text
from .write.paths import article_path

#: where ``newsarchive serve --article ID`` builds its site: ``<root>/.cache/newsarchive/preview/<id>/``
PREVIEW_DIR = "preview"
#: the settings MkDocs validates links with in a preview: pages not in it are missing by design
QUIET_VALIDATION = {
    "nav": {"omitted_files": "ignore", "not_found": "ignore", "absolute_links": "ignore"},
    "links": {"not_found": "ignore", "anchors": "ignore", "absolute_links": "ignore",
              "unrecognized_links": "ignore"},
}


@dataclass(slots=True, frozen=True)
class Target:
    """The article a preview shows: its id and its raw file (under ``site-data/raw/``)."""

    id: str
    raw: Path


def preview_dir(root: Path, target_id: str) -> Path:
    """The preview's own folder: ``docs/`` (its MkDocs docs_dir) and ``inputs/``
    (links to what it watches, see :func:`watched_paths`)."""
    return Path(root) / CACHE_DIR / PREVIEW_DIR / target_id


def _is_raw(path: Path) -> bool:
    return (path.is_file() and not path.name.startswith(".") and not path.name.endswith(".meta.yml")
            and path.name not in SKIPPED_NAMES)


def _inside(path: Path, folder: Path) -> Path | None:
    try:
        return path.resolve().relative_to(folder.resolve())
    except ValueError:
        return None


def resolve_article(paths: Paths, given: str) -> Target:
    """The article ``given`` names: its id, its raw file, a note file or folder of
    its notes (``site-data/annotations/<id>.yml``, ``<id>/...``)."""
    path = Path(given)
    if path.exists():
        raw_rel = _inside(path, paths.raw)
        if raw_rel is not None and path.is_file():
            if path.name.endswith(".meta.yml"):  # a sidecar: its article
                given = path.name[: -len(".meta.yml")]
            else:
                return _target(paths, given, [paths.raw / raw_rel])
        elif (note_rel := _inside(path, paths.annotations)) is not None and note_rel.parts:
            first = note_rel.parts[0]
            given = first if len(note_rel.parts) > 1 or path.is_dir() else Path(first).stem
        elif path.is_file() or path.is_dir():
            raise InputError(given, "is neither a raw file of site-data/raw/ nor a note under "
                             "site-data/annotations/", fix="give an article id, its raw file or one of its notes")
    # An id: the raw file named after it, found without listing raw/ when it sits at the top.
    near = [p for p in paths.raw.glob(glob.escape(given) + ".*") if _is_raw(p) and article_id(p.name) == given]
    if (paths.raw / given).is_file() and _is_raw(paths.raw / given):
        near.append(paths.raw / given)
    if near:
        return _target(paths, given, near)
    files = raw_files(paths)
    matches = [p for p in files if article_id(p.name) == given]
    if matches:
        return _target(paths, given, matches)
    close = closest_id(given, {article_id(p.name) for p in files})
    raise InputError(paths.rel(paths.raw) + "/", f"no article {given!r}",
                     fix=f"did you mean {close!r}?" if close else
                     "give an article id (a raw file's name without extension), its raw file or one of its notes")


def closest_id(given: str, ids: set[str]) -> str | None:
    """The id ``given`` most likely means: the only id it begins (an id typed
    in part), else the closest by difflib (as for a misspelt key)."""
    starting = [i for i in ids if i.startswith(given)] if given else []
    if len(starting) == 1:
        return starting[0]
    return suggest(given, sorted(ids))


def _target(paths: Paths, given: str, matches: list[Path]) -> Target:
    if len(matches) > 1:
        names = " and ".join(paths.rel(p) for p in sorted(matches))
        raise InputError(names, f"both give the article id {article_id(matches[0].name)!r}",
                         fix="rename one of the two files")
    return Target(article_id(matches[0].name), matches[0])


def watched_paths(paths: Paths, target: Target, links: Path) -> list[Path]:
    """What a preview reloads on: the raw file and its sidecar, the registry,
    the article's notes (``<id>.yml``, ``<id>.yaml``, ``<id>/``, also when
    created later) and the theme overrides. Never the whole of site-data/.

    MkDocs' watcher (watchdog's polling observer) watches a file by polling its
    whole folder: for a raw file that is site-data/raw/, 10,000 files twice a
    second, a third of a core. So the inputs are watched through symbolic
    links in ``links`` (a folder of the generator's own, cheap to poll; the
    observer compares what a link points to), or, where links cannot be made,
    directly (the raw file, its sidecar, the registry, the annotations folder)."""
    notes = paths.annotations / target.id
    inputs = {"raw" + target.raw.suffix: target.raw, "sidecar.meta.yml": sidecar_path(target.raw),
              "entities.yml": paths.entities, "notes.yml": notes.with_name(target.id + ".yml"),
              "notes.yaml": notes.with_name(target.id + ".yaml"), "notes": notes}
    watched = _link_inputs(links, inputs)
    if watched is None:
        watched = [target.raw, sidecar_path(target.raw), paths.entities, paths.annotations]
    return [p for p in [*watched, paths.root / "overrides"] if p.exists()]


def _link_inputs(links: Path, inputs: dict[str, Path]) -> list[Path] | None:
    """``links/<name>`` -> each input (dangling until the input exists): [links],
    or None when the file system refuses links."""
    try:
        links.mkdir(parents=True, exist_ok=True)
        for name, target in inputs.items():
            link, to = links / name, str(target.absolute())
            if link.is_symlink() and os.readlink(link) == to:
                continue
            if link.is_symlink() or link.is_file():
                link.unlink()
            link.symlink_to(to)
        return [links]
    except OSError:
        return None


@dataclass(slots=True, frozen=True)
class Loaded:
    """The entity registry as read for a preview: its bytes, the Registry, its
    Matcher and the problems reading it found."""

    data: bytes
    registry: Registry
    matcher: Matcher
    problems: tuple[Diagnostic, ...]


#: the last registry read (by root and bytes): a rebuild after a note changed
#: does not parse the registry and compile its matcher again (a third of a second)
_LAST_REGISTRY: dict[str, Loaded] = {}


def load_registry_once(paths: Paths) -> Loaded:
    data = registry_bytes(paths)
    key = digest(str(paths.root.absolute()), data)
    loaded = _LAST_REGISTRY.get(key)
    if loaded is None:
        found = Report()
        registry = load_archive_registry(paths, found)
        loaded = Loaded(data, registry, Matcher(registry), tuple(found.diagnostics))
        _LAST_REGISTRY.clear()
        _LAST_REGISTRY[key] = loaded
    return loaded


def read_one(paths: Paths, raw: Path, loaded: Loaded, cache: Cache) -> tuple[Article, str]:
    """One article, from the build cache when the full build (or an earlier
    preview) extracted the same inputs; its cache key."""
    key = article_keys(paths, [raw], loaded.data)[raw]
    article = cache.get_article(key)
    if article is None:
        article = read_article(raw, paths, loaded.matcher)
        cache.put_article(key, article)
    return article, key


def load_related(paths: Paths, target: Target, report: Report) -> list[dict[str, str]] | None:
    """The article's related coverage as the last full run listed it, or None
    when no full run recorded it. Related articles that no longer read are left out."""
    from .write.compose import related_links

    cache = Cache(paths.root)
    last = cache.get(*LAST_RELATED)
    if not isinstance(last, dict):
        return None
    pairs = [(other, score) for other, score in last.get(target.id, [])]
    if not pairs:
        return []
    loaded = load_registry_once(paths)  # its problems: reported by write_preview
    by_file = {article_id(p.name): p for p in raw_files(paths)}
    by_id: dict[str, Article] = {}
    for other, _score in pairs:
        if other in by_file:
            try:
                by_id[other] = read_one(paths, by_file[other], loaded, cache)[0]
            except InputError as exc:
                report.add(exc.diagnostic)
    archive = Archive(paths, loaded.registry, [], related={target.id: [p for p in pairs if p[0] in by_id]})
    return related_links(archive, target, by_id)  # it reads only the article's id


def write_preview(root: Path, article: str, out_dir: Path, report: Report,
                  related: list[dict[str, str]] | None = None) -> Path:
    """Write the preview of one article into ``out_dir``; the page's path.

    ``article``: an id, a raw file or a note file (see :func:`resolve_article`,
    whose InputError is raised for an unknown article). Problems with the
    article, its notes or the registry are added to ``report`` and shown in a
    box at the top of the page; a note that cannot be read is left out (as
    the full build leaves it out), a note whose passage is not found is shown
    under "Notes that no longer match the text". When the raw file itself
    cannot be read, the page shows only the problems. ``related``: the links
    :func:`load_related` gives (None: no related coverage).
    """
    from .write.compose import render_one

    paths = Paths(Path(root))
    target = resolve_article(paths, article)
    found = Report()
    loaded = load_registry_once(paths)
    found.diagnostics.extend(loaded.problems)
    cache = Cache(paths.root)
    title = target.id
    try:
        record, key = read_one(paths, target.raw, loaded, cache)
        article_path(record)  # an id unusable as a file name: the full build's error
    except InputError as exc:
        found.add(exc.diagnostic)
        text = page_text({**HTML_PAGE, "title": target.id},
                         f'<h1 id="title">{html_text(target.id)}</h1>\n' + problems_box(found.sorted()))
    else:
        title = record.title
        notes, load_report = load_notes(paths.annotations, {record.id}, paths.root, only=record.id,
                                        links=note_links(paths, {article_id(p.name) for p in raw_files(paths)}))
        found.extend(load_report)
        id_warnings(notes.get(record.id, []), found)
        placed, anchor_report = anchor(notes.get(record.id, []), record.paragraphs)
        found.extend(anchor_report)
        if any(recorded.bare(n) for n in notes.get(record.id, [])):
            recorded.second_opinion(placed, record.paragraphs, recorded_contexts(cache, record.id), found)
        archive = Archive(paths, loaded.registry, [record], notes={record.id: placed} if placed else {},
                          keys={record.id: key})
        text = with_problems(render_one(archive, record, related or [], loaded.matcher), found.sorted())
    report.extend(found)
    page = Path(out_dir) / page_path(target)
    _write(page, text)
    _write(Path(out_dir) / "index.md", index_page(paths, target, title, related))
    return page


def page_path(target: Target) -> str:
    """The article's page, relative to the preview's docs_dir (as under content/)."""
    return f"articles/{target.id}.md"


def _write(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if not path.exists() or path.read_bytes() != data:
        write_atomic(path, data)


def problems_box(diagnostics: list[Diagnostic]) -> str:
    """A Material admonition (HTML) listing the problems, each line as `newsarchive check` prints it."""
    errors = sum(d.level == "error" for d in diagnostics)
    head = (f"Preview: {errors} error{'s' * (errors != 1)}, {len(diagnostics) - errors} "
            f"warning{'s' * (len(diagnostics) - errors != 1)} (as newsarchive check reports them)")
    items = "\n".join(f"<li>{html_text(d.format())}</li>" for d in diagnostics)
    return (f'<div class="admonition {"failure" if errors else "warning"}">\n'
            f'<p class="admonition-title">{head}</p>\n<ul>\n{items}\n</ul>\n</div>\n')


def with_problems(page: str, diagnostics: list[Diagnostic]) -> str:
    """The page with the problems box after its front matter (unchanged without problems)."""
    if not diagnostics:
        return page
    end = page.index("\n---\n", 4) + len("\n---\n") if page.startswith("---\n") else 0
    return page[:end] + "\n" + problems_box(diagnostics) + page[end:]


def index_page(paths: Paths, target: Target, title: str, related: list[dict[str, str]] | None) -> str:
    if related is None:
        coverage = ("Related coverage is not shown: no full build has been recorded yet "
                    "(run <code>newsarchive build</code> once).")
    else:
        coverage = ("Related coverage is the list the last full build computed "
                    f"({len(related)} article{'s' * (len(related) != 1)}); it is not recomputed here.")
    notes = html_text(paths.rel(paths.annotations / target.id))
    body = "\n".join([
        '<h1 id="title">Preview of one article</h1>',
        f'<p>This is a preview of one article only: <a href="{quote(page_path(target)[:-3])}.html">'
        f"{html_text(title)}</a>, rendered as the full build renders it. It is rebuilt when you save its raw file "
        f"({html_text(paths.rel(target.raw))}), its notes ({notes}.yml or {notes}/) or the entity registry.</p>",
        "<p>Links to pages that are not part of the preview (entity pages, other articles, the archive, "
        "search) do not work here, and MkDocs does not warn about them. Problems with the article or its "
        "notes are listed at the top of the article page and in the terminal. "
        "Run <code>newsarchive build</code> for the whole site.</p>",
        f"<p>{coverage}</p>",
    ])
    return page_text({**HTML_PAGE, "title": "Preview of one article"}, body)


def preview_config(root: Path, target: Target) -> dict[str, Any]:
    """``load_config`` overrides for the preview site (see the module's docstring)."""
    paths = Paths(Path(root))
    return {
        "docs_dir": str(preview_dir(paths.root, target.id) / "docs"),
        "nav": [{"Preview": "index.md"}],
        "validation": QUIET_VALIDATION,
        # not "watch": mkdocs serve takes that argument itself and adds it to mkdocs.yml's list;
        # the plugin replaces the list with watched_paths() (on_config)
        "plugins": preview_plugins(paths.root / "mkdocs.yml", target.id),
    }


def preview_plugins(config_file: Path, target_id: str) -> dict[str, Any]:
    """mkdocs.yml's plugins, with the newsarchive plugin told to preview ``target_id``
    (and added if the file does not list it)."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    with open(config_file, "rb") as f:  # MkDocs' own loader: !ENV, !relative, INHERIT
        data = yaml_load(f, get_yaml_loader(config=MkDocsConfig(config_file_path=str(config_file)))) or {}
    listed = data.get("plugins") or []
    items = list(listed.items()) if isinstance(listed, dict) else [
        next(iter(item.items())) if isinstance(item, dict) else (item, {}) for item in listed]
    plugins = {name: dict(cfg or {}, preview=target_id) if name == "newsarchive" else cfg for name, cfg in items}
    plugins.setdefault("newsarchive", {"preview": target_id})
    return plugins  # a mapping: MkDocs empties the items of a list as it reads them (each rebuild reads it)
