"""The ``newsarchive`` command: a thin click layer over the pipeline's functions."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import click
import yaml

from . import __version__
from .diagnostics import InputError, Report
from .pipeline import Paths, load_archive_registry, read_archive, read_article, raw_files
from .extract.entities import Matcher
from .readers import reader_names


def _root(ctx: click.Context) -> Path:
    return ctx.obj["root"]


def dump_yaml(data: object) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def print_report(report: Report, *, strict: bool, quiet: bool = False, summary: str = "") -> int:
    """Print diagnostics as ``file:line: level: message (fix)`` and return the exit code."""
    for diagnostic in report.sorted():
        click.echo(diagnostic.format(), err=True)
    errors, warnings = len(report.errors), len(report.warnings)
    if summary and not quiet:
        click.echo(f"{summary}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
                   + (" (--strict: warnings fail)" if strict and warnings else ""), err=True)
    return 1 if report.failed(strict) else 0


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsarchive")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="The archive's repository (holds site-data/ and mkdocs.yml).")
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    """Build an annotated news archive: raw articles in, a searchable static site out."""
    ctx.ensure_object(dict)
    ctx.obj["root"] = root.resolve()


@main.command()
@click.argument("raw_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of YAML.")
@click.option("--reader", type=click.Choice(reader_names()), help="Force a reader instead of choosing by content.")
@click.pass_context
def show(ctx: click.Context, raw_file: Path, as_json: bool, reader: str | None) -> None:
    """Print the metadata extracted from one raw article, without building anything."""
    paths = Paths(_root(ctx))
    report = Report()
    matcher = Matcher(load_archive_registry(paths, report))
    try:
        article = read_article(raw_file, paths, matcher, reader)
    except InputError as exc:
        report.add(exc.diagnostic)
    if report.errors:
        sys.exit(print_report(report, strict=False))
    data = article.to_data()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(dump_yaml(data), nl=False)


@main.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too (drifted or orphaned notes).")
@click.option("--fix", is_flag=True,
              help="Rewrite note files: drifted quotes (and their prefix/suffix) to the text they now anchor "
                   "on, and an 'id:' for notes without one; comments and layout are kept.")
@click.pass_context
def check(ctx: click.Context, strict: bool, fix: bool) -> None:
    """Validate all of site-data/ without building; exit non-zero on errors.

    Prints one line per problem, file:line: level: message (how to fix it),
    then a summary. With --fix, first mends the note files (one line per note
    fixed), then checks again."""
    from .checks import check_archive, fix_notes

    paths = Paths(_root(ctx))
    if fix:
        fixed, problems = fix_notes(paths, click.echo)
        if problems.diagnostics:
            print_report(problems, strict=False)
        click.echo(f"fixed {fixed} note{'s' * (fixed != 1)}", err=True)
    report, summary = check_archive(paths)
    sys.exit(print_report(report, strict=strict, summary=summary))


@main.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too (broken links, drifted or orphaned notes).")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
@click.option("--no-search", is_flag=True, help="Skip the Pagefind index (faster previews).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes for extraction [default: cores].")
@click.option("--no-cache", is_flag=True, help="Redo everything instead of reusing .cache/newsarchive.")
@click.pass_context
def build(ctx: click.Context, strict: bool, quiet: bool, no_search: bool, jobs: int | None, no_cache: bool) -> None:
    """Generate the pages, build the site into site/ and index it for search.

    Incremental: unchanged articles are not extracted again and unchanged
    pages are not rewritten. Exits non-zero if any article or note has an
    error (the rest are still built), or with --strict any warning."""
    from .pipeline import Options
    from .site import build_site

    root = _root(ctx)
    report = Report()
    options = Options(jobs=jobs, cache=not no_cache, progress=not quiet)
    build_site(root, report, strict=strict, quiet=quiet, search=not no_search, options=options)
    code = print_report(report, strict=strict, quiet=quiet, summary="build")
    if not quiet and code == 0:
        click.echo(f"site built in {Paths(root).site}/ (open it with: python -m http.server -d site)", err=True)
    sys.exit(code)


@main.command()
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@click.option("--article", metavar="ID",
              help="Preview only this article (its id, raw file or one of its note files): "
                   "reloads within seconds of saving a note, whatever the archive's size.")
@click.pass_context
def serve(ctx: click.Context, dev_addr: str, article: str | None) -> None:
    """Preview the site with live reload when site-data/ or content/ changes.

    With --article, preview one article: its page as the full build renders
    it, rebuilt when its raw file, its notes or the entity registry change;
    problems with its notes are printed as `newsarchive check` prints them."""
    if article is None:
        from .site import serve as serve_site

        serve_site(_root(ctx), dev_addr=dev_addr)
        return
    from .preview import resolve_article
    from .site import serve_preview

    report = Report()
    try:
        target = resolve_article(Paths(_root(ctx)), article)
    except InputError as exc:
        report.add(exc.diagnostic)
        sys.exit(print_report(report, strict=False))
    serve_preview(_root(ctx), target.id, dev_addr=dev_addr)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--reader", type=click.Choice(reader_names()), help="Force a reader instead of choosing by content.")
@click.pass_context
def ingest(ctx: click.Context, files: tuple[Path, ...], reader: str | None) -> None:
    """Copy new raw articles into site-data/raw/ under their canonical names."""
    from .ingest import ingest_file

    paths = Paths(_root(ctx))
    report = Report()
    matcher = Matcher(load_archive_registry(paths, report))
    known = {hashlib.sha256(p.read_bytes()).hexdigest(): paths.rel(p) for p in raw_files(paths)}
    for file in files:
        try:
            target, article = ingest_file(file, paths, matcher, known, reader)
        except InputError as exc:
            report.add(exc.diagnostic)
            continue
        click.echo(f"{file} -> {paths.rel(target)}")
        if article is None:
            side = paths.rel(target.with_name(target.stem + ".meta.yml"))
            report.warning(paths.rel(target), "no publication date found",
                           fix=f"add 'published: 2020-05-17T15:51:00+08:00' to {side}")
            continue
        click.echo(f"  {article.title} | {article.published} | {article.agency or '-'} | "
                   f"{len(article.paragraphs)} paragraphs, {len(article.key_figures)} figures, "
                   f"{len(article.people)} people, {len(article.organisations)} organisations, "
                   f"{len(article.places)} places, {len(article.quotes)} quotes, {len(article.events)} events")
    sys.exit(print_report(report, strict=False))


@main.command()
@click.argument("article")
@click.argument("passage")
@click.option("--occurrence", type=int, help="For a passage that occurs more than once: which one (1, 2, ...).")
@click.pass_context
def annotate(ctx: click.Context, article: str, passage: str, occurrence: int | None) -> None:
    """Print a ready note for PASSAGE of ARTICLE (an article id or its raw file).

    The note has an id (its permalink, kept when the quote is corrected) and the
    words around the passage (prefix/suffix, which place it again if the article
    is edited); save it as site-data/annotations/ARTICLE/<your-note>.yml and fill
    in body, author.
    """
    from .annotations import load_notes
    from .annotations.skeleton import PassageNotFound, annotate_skeleton

    paths = Paths(_root(ctx))
    report = Report()
    raw_file = find_raw(paths, article)
    if raw_file is None:
        report.error(article, "no such article",
                     fix="give an article id (a file name in site-data/raw/ without extension) or a raw file")
        sys.exit(print_report(report, strict=False))
    matcher = Matcher(load_archive_registry(paths, report))
    try:
        found = read_article(raw_file, paths, matcher)
        existing, _ = load_notes(paths.annotations, {found.id}, paths.root, only=found.id)
        taken = {note.id for note in existing.get(found.id, ())}
        click.echo(annotate_skeleton(found, passage, occurrence=occurrence, taken=taken), nl=False)
    except InputError as exc:
        report.add(exc.diagnostic)
    except PassageNotFound as exc:
        report.error(paths.rel(raw_file), str(exc))
    sys.exit(print_report(report, strict=False))


def find_raw(paths: Paths, article: str) -> Path | None:
    """A raw file given as a path, or by article id."""
    given = Path(article)
    if given.is_file():
        return given
    matches = [p for p in raw_files(paths) if p.stem == article or p.name == article]
    return matches[0] if len(matches) == 1 else None


@main.command()
@click.option("--suggest", is_flag=True, help="Propose names the articles use that the registry lacks, as YAML.")
@click.option("--min-count", default=1, show_default=True, help="With --suggest: only names seen this often.")
@click.pass_context
def entities(ctx: click.Context, suggest: bool, min_count: int) -> None:
    """List the entities with their article counts (the registry's first, then those found in the
    text and not reviewed), or --suggest promoting the unreviewed ones.

    Suggestions print as YAML ready to review and paste into site-data/entities.yml.
    """
    from .crosslink import build_index, format_suggestions, suggest_entities

    paths = Paths(_root(ctx))
    report = Report()
    archive = read_archive(paths, report)
    index = build_index(archive.registry, archive.articles)
    if suggest:
        click.echo(format_suggestions(suggest_entities(archive, min_count=min_count, index=index)), nl=False)
    else:
        counts = {eid: len(ids) for eid, ids in index.entity_articles.items()}
        for entity in sorted(index.registry.entities, key=lambda e: (not e.reviewed, e.kind, e.name)):
            note = "" if entity.reviewed else "  (not reviewed)"
            click.echo(f"{entity.kind:<13} {entity.id:<40} {counts.get(entity.id, 0):>6}  {entity.name}{note}")
    sys.exit(print_report(report, strict=False))


@main.command(name="eval")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--registry", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="An entities.yml to extract people, organisations and places with (default: none, "
                   "so the figures are detection's alone).")
def eval_command(directory: Path, registry: Path | None) -> None:
    """Compare extracted fields with hand-written expectations (<name>.expected.yml) in DIRECTORY:
    per-field exact match, body paragraphs, and people / organisations / places precision and recall."""
    from .evaluate import evaluate, format_table
    from .registry import EMPTY, load_registry

    try:
        loaded = load_registry(registry, registry.as_posix()) if registry else EMPTY
    except InputError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    result = evaluate(directory, loaded)
    click.echo(format_table(result))
    sys.exit(0 if result.ok else 1)


@main.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The zip to write (default: site.zip in the archive root).")
@click.pass_context
def pack(ctx: click.Context, out: Path | None) -> None:
    """Zip the built site/ for offline reading: unzip, open index.html, search works."""
    from .pack import pack_site

    root = _root(ctx)
    try:
        result = pack_site(root / "site", out or root / "site.zip")
    except InputError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"wrote {result.out} ({result.files} files, {result.size:,} bytes); "
               f"unzip it and open {result.folder}/index.html")


if __name__ == "__main__":  # pragma: no cover
    main()
