"""``newsarchive check``: validate all of site-data/ without building.

Fast enough for every pull request on the whole archive: raw files are read
by their readers (with sidecars) but not run through extraction, which the
checks do not need (extraction refuses nothing); notes are anchored to the
text exactly as the build anchors them. Checked, with the build's own code,
so ``check`` refuses exactly what ``build`` refuses: the generator's
settings in mkdocs.yml, the entity registry, every raw file and sidecar
(format, encoding, headline, date, body, lengths and types, article ids,
duplicates), every annotation file (YAML syntax, schema, unknown keys,
unknown article, anchors).
"""

from __future__ import annotations

from .annotations import anchor, load_notes
from .diagnostics import InputError, Report
from .extract import article_id, require_fields
from .pipeline import Paths, load_archive_registry, load_config, raw_files, read_raw


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' * (n != 1)}"


def check_archive(paths: Paths) -> tuple[Report, str]:
    """Return the problems found and a one-line summary of what was checked."""
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
    notes, load_report = load_notes(paths.annotations, {article_id(p.name) for p in files}, paths.root)
    report.extend(load_report)
    for article, article_notes in sorted(notes.items()):
        if article in paragraphs:
            report.extend(anchor(article_notes, paragraphs[article])[1])
    count = sum(len(n) for n in notes.values())
    summary = (f"checked {_plural(len(files), 'article')}, {_plural(count, 'note')}, "
               f"{_plural(len(registry.entities), 'registered entity').replace('entitys', 'entities')}")
    return report, summary
