"""``newsarchive check``: validate all of site-data/ without building.

Fast enough for every pull request on the whole archive: raw files are read
by their readers (with sidecars) but not run through extraction, which the
checks do not need (extraction refuses nothing); notes are anchored to the
text exactly as the build anchors them. Checked, with the build's own code,
so ``check`` refuses exactly what ``build`` refuses: the generator's
settings in mkdocs.yml, the entity registry, every raw file and sidecar
(format, encoding, headline, date, body, lengths and types, article ids,
duplicates), every annotation file (YAML syntax, schema, unknown keys,
unknown article, anchors, body links to no page of the archive).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .annotations import Note, anchor, load_notes, recorded
from .cache import Cache, digest
from .diagnostics import InputError, Report
from .extract import article_id, require_fields
from .pipeline import Paths, load_archive_registry, load_config, note_links, raw_files, read_raw


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' * (n != 1)}"


@dataclass(slots=True)
class Checked:
    """What ``check`` read: the problems, each article's paragraphs and notes, the summary line."""

    report: Report
    paragraphs: dict[str, tuple[str, ...]]
    notes: dict[str, list[Note]]
    summary: str


def check_archive(paths: Paths) -> tuple[Report, str]:
    """Return the problems found and a one-line summary of what was checked."""
    checked = gather(paths)
    return checked.report, checked.summary


def gather(paths: Paths) -> Checked:
    report = Report()
    load_config(paths, report)  # extra.newsarchive in mkdocs.yml, as the build reads it
    registry = load_archive_registry(paths, report)
    files = raw_files(paths)
    paragraphs: dict[str, tuple[str, ...]] = {}
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    for path in files:
        try:
            raw, _ = read_raw(path, paths)
            require_fields(raw)
        except InputError as exc:
            report.add(exc.diagnostic)
            continue
        if raw.sha256 in seen:
            report.error(raw.path, f"same bytes as {seen[raw.sha256]}", fix="delete one of the two copies")
            continue
        identifier = article_id(raw.path)
        if identifier in ids:
            report.error(raw.path, f"gives the article id {identifier!r}, as {ids[identifier]} does",
                         fix="rename one of the two files")
            continue
        seen[raw.sha256] = raw.path
        ids[identifier] = raw.path
        paragraphs[identifier] = raw.paragraphs
    notes, load_report = load_notes(paths.annotations, {article_id(p.name) for p in files}, paths.root,
                                    links=note_links(paths, paragraphs))
    report.extend(load_report)
    cache = Cache(paths.root)
    for article, article_notes in sorted(notes.items()):
        id_warnings(article_notes, report)
        if article in paragraphs:
            placed, anchor_report = anchor(article_notes, paragraphs[article])
            report.extend(anchor_report)
            if any(recorded.bare(n) for n in article_notes):
                recorded.second_opinion(placed, paragraphs[article], recorded_contexts(cache, article), report)
    count = sum(len(n) for n in notes.values())
    summary = (f"checked {_plural(len(files), 'article')}, {_plural(count, 'note')}, "
               f"{_plural(len(registry.entities), 'registered entity').replace('entitys', 'entities')}")
    return Checked(report, paragraphs, notes, summary)


def id_warnings(notes: list[Note], report: Report) -> None:
    """A warning for each note without an 'id', with the one to add (check, and serve --article)."""
    for note in notes:
        if not note.id_given:
            report.warning(note.file, f"note {note.id!r} has no 'id': its permalink #note-{note.id} is made "
                           "from its quote and changes whenever the quote is corrected", line=note.line,
                           fix=f"add 'id: {note.id}' to keep the permalink it has now "
                               "(`newsarchive check --fix` does it)")


def recorded_contexts(cache: Cache, article: str) -> dict | None:
    """The contexts the last build recorded for the article's notes (annotations/recorded.py)."""
    found = cache.get(recorded.CACHE_KIND, digest(article))
    return found if isinstance(found, dict) else None


def fix_notes(paths: Paths, echo: Callable[[str], None]) -> tuple[int, Report]:
    """``check --fix``: mend the note files (annotations/mend.py). Returns the number of notes
    fixed and the problems met doing it (notes left alone, files that could not be rewritten)."""
    from .annotations import mend  # ruamel.yaml only when asked

    checked = gather(paths)
    cache = Cache(paths.root)
    problems = Report()
    fixes = []
    for article, article_notes in sorted(checked.notes.items()):
        if article in checked.paragraphs:
            fixes += mend.plan(article_notes, checked.paragraphs[article], recorded_contexts(cache, article),
                               problems)
    return mend.apply(paths.root, fixes, problems, echo), problems
