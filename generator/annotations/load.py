"""Reading note files: ``site-data/annotations/`` -> validated :class:`Note` records.

Layout: ``<article-id>.yml`` (a list of notes) and/or a folder
``<article-id>/`` holding any number of ``.yml`` files, each one note (a
mapping) or a list of notes, so contributors need not edit the same file.
``README*`` and dot-files are ignored; any other file is a warning.

Each note is checked against ``generator/schemas/annotation.schema.json``
(jsonschema), and every problem becomes a ``file:line`` diagnostic naming the
key and the bad value, with the likely key for a misspelt one. A bad file or
note is reported and skipped, never raised: the caller sees every problem of
the archive in one run.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Collection

from jsonschema import Draft202012Validator, ValidationError

from ..diagnostics import ERROR, Diagnostic, InputError, Report, suggest, unknown_key_message
from ..yamlio import load_yaml_file
from .markdown import MAX_BODY_CHARS, render_note_body
from .model import KINDS, VERDICTS, Note, NoteSource, default_note_id
from .sitelinks import MISSING_FIX, SiteLinks

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "annotation.schema.json"
NOTE_SUFFIXES = (".yml", ".yaml")
#: the article id note_files gives a symbolic link (an error, never followed)
LINK = "\0link"
KEY_HINTS = {
    "quote": "copy the passage exactly as the article prints it",
    "kind": "use one of: " + ", ".join(KINDS),
    "verdict": "use one of: " + ", ".join(VERDICTS),
    "body": "write the note in Markdown",
    "author": "add your name, e.g. 'author: Jane Doe'",
    "added": "add today's date, e.g. 'added: 2026-11-29'",
}


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The published JSON Schema of a note file."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _note_validator() -> Draft202012Validator:
    full = schema()
    return Draft202012Validator({**full["$defs"]["note"], "$defs": full["$defs"]})


def _rel(path: Path, root: Path) -> str:
    try:  # the path itself, not where a symbolic link leads
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _ignored(path: Path) -> bool:
    return path.name.startswith(".") or path.name.upper().startswith("README")


def note_files(annotations_dir: Path, only: str | None = None) -> list[tuple[str, Path]]:
    """(article id, file) for every note file, in a stable order: by article id,
    ``<id>.yml`` before the files of the folder ``<id>/`` (by path). Non-note
    files come with article id "" so the caller can warn about them, symbolic
    links (never followed) with :data:`LINK`. ``only``: just the files of that
    article id (``<only>.yml`` and ``<only>/``; the one-article preview)."""
    found: list[tuple[tuple, str, Path]] = []
    if not annotations_dir.is_dir():
        return []
    for entry in annotations_dir.iterdir():
        if _ignored(entry) or (only is not None and only not in (entry.name, entry.stem)):
            continue
        if entry.is_symlink():  # never followed: it could point anywhere on the machine
            found.append(((entry.name, 0, entry.name), LINK, entry))
            continue
        if entry.is_dir():
            for path in entry.rglob("*"):
                inner = path.relative_to(entry).parts
                if any(_ignored(Path(part)) for part in inner):
                    continue
                if path.is_symlink():
                    found.append(((entry.name, 1, "/".join(inner)), LINK, path))
                elif path.is_file():
                    article = entry.name if path.suffix in NOTE_SUFFIXES else ""
                    found.append(((entry.name, 1, "/".join(inner)), article, path))
        elif entry.is_file():
            article = entry.stem if entry.suffix in NOTE_SUFFIXES else ""
            found.append(((entry.stem, 0, entry.name), article, entry))
    return [(article, path) for _, article, path in sorted(found, key=lambda f: f[0])]


def load_notes(annotations_dir: Path, article_ids: Collection[str], root: Path, only: str | None = None,
               links: SiteLinks | None = None) -> tuple[dict[str, list[Note]], Report]:
    """Every valid note, by article id, in file order; and a Report of problems.

    ``root`` is the repository root (paths in messages are relative to it).
    Notes for an unknown article, and notes with any schema problem, are
    reported as errors and left out; nothing is raised for a bad file.
    ``only``: read just that article's note files (see :func:`note_files`).
    ``links``: with site_url set, body links to the archive's own pages become
    relative (:mod:`.sitelinks`); one to no page the build makes is a warning
    on the line of the note's ``body:``, and kept as written.
    """
    report = Report()
    notes: dict[str, list[Note]] = {}
    ids_seen: dict[str, dict[str, Note]] = {}
    reported_unknown: set[str] = set()
    known = set(article_ids)
    for article, path in note_files(annotations_dir, only):
        rel = _rel(path, root)
        if article == LINK:
            report.error(rel, "a symbolic link: note files and folders must be real files, and links "
                         "are never followed", fix="replace the link with the file itself")
            continue
        if not article:
            report.warning(rel, "not a note file, ignored",
                           fix="note files end in .yml; put other files elsewhere")
            continue
        if article not in known:
            if article not in reported_unknown:
                reported_unknown.add(article)
                where = rel if path.parent == annotations_dir else _rel(annotations_dir / article, root) + "/"
                close = suggest(article, known)
                fix = (f"did you mean {close!r}?" if close else
                       "name the file or folder after the article id (its raw file name without extension)")
                report.error(where, f"no article {article!r} for these notes", fix=fix)
            continue
        for note in _read_file(path, rel, article, report, links):
            seen = ids_seen.setdefault(article, {})
            first = seen.get(note.id)
            if first is not None:
                report.error(rel, f"note id {note.id!r} is already used at {first.file}:{first.line}",
                             line=note.line, fix="give one of them its own 'id: ...'")
                continue
            seen[note.id] = note
            notes.setdefault(article, []).append(note)
    return notes, report


def _read_file(path: Path, rel: str, article: str, report: Report, links: SiteLinks | None) -> list[Note]:
    try:
        data, lines = load_yaml_file(path, rel)
    except InputError as exc:
        report.add(exc.diagnostic)
        return []
    except ValueError as exc:  # e.g. "added: 2026-02-30": PyYAML builds the date and fails
        report.error(rel, f"invalid value: {exc}", fix="check the dates in this file (YYYY-MM-DD)")
        return []
    if data is None:
        report.warning(rel, "empty note file", line=1, fix="add a note, or delete the file")
        return []
    if isinstance(data, dict):
        items = [((), data)]
    elif isinstance(data, list):
        items = [((index,), item) for index, item in enumerate(data)]
    else:
        report.error(rel, f"a note file holds a note or a list of notes, not {_type_name(data)}", line=1,
                     fix="start each note with '- quote: ...'")
        return []
    result = []
    for prefix, item in items:
        note = _note(item, prefix, lines, rel, article, report, links)
        if note is not None:
            result.append(note)
    return result


def _plain(value: Any) -> Any:
    """YAML values as JSON values: dates to ISO strings, keys to strings."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _note(item: Any, prefix: tuple, lines: dict[tuple, int], rel: str, article: str,
          report: Report, links: SiteLinks | None) -> Note | None:
    start = lines.get(prefix, 1)
    if not isinstance(item, dict):
        report.error(rel, f"a note must be a mapping of key: value, not {_type_name(item)}", line=start,
                     fix="write 'quote: ...', 'kind: ...', 'body: ...', 'author: ...', 'added: ...'")
        return None
    data = _plain(item)
    if data.get("verdict") is False:  # YAML reads a bare `verdict: false` as a boolean
        data["verdict"] = "false"
    problems = sorted(set(_validator_errors(data, prefix, lines, rel, start)),
                      key=lambda d: (d.line or 0, d.message))
    if not problems:
        try:
            date.fromisoformat(data["added"])
        except ValueError:
            problems.append(report_diag(rel, lines.get(prefix + ("added",), start),
                                        f"added {data['added']!r} is not a real date",
                                        "write the date as YYYY-MM-DD, e.g. 2026-11-29"))
    for problem in problems:
        report.add(problem)
    if problems:
        return None
    quote = data["quote"].strip()
    note_id = data.get("id") or default_note_id(quote, data["author"], data["kind"])
    body_html, missing = render_note_body(data["body"], links, f"articles/{article}.html")
    for url in missing:
        report.warning(rel, f"note {note_id!r}: the body links {url!r}, an address of this archive that "
                       "is no page of it", line=lines.get(prefix + ("body",), start), fix=MISSING_FIX)
    return Note(
        id=note_id,
        article=article,
        quote=quote,
        prefix=data.get("prefix"),
        suffix=data.get("suffix"),
        kind=data["kind"],
        verdict=data.get("verdict"),
        body=data["body"],
        body_html=body_html,
        sources=tuple(NoteSource(s["url"], s["title"].strip()) for s in data.get("sources", ())),
        author=data["author"].strip(),
        added=data["added"],
        file=rel,
        line=start,
        id_given=bool(data.get("id")),
    )


def report_diag(rel: str, line: int | None, message: str, fix: str | None) -> Diagnostic:
    return Diagnostic(ERROR, rel, line, message, fix)


def _validator_errors(data: dict, prefix: tuple, lines: dict[tuple, int], rel: str, start: int):
    for error in _note_validator().iter_errors(data):
        path = tuple(str(p) if not isinstance(p, int) else p for p in error.absolute_path)
        line = lines.get(prefix + path) or start
        for message, fix, key in _explain(error, data):
            key_line = lines.get(prefix + path + (key,)) if key is not None else None
            yield report_diag(rel, key_line or line, message, fix)


def _key_name(path: tuple) -> str:
    name = ""
    for part in path:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name or "note"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", type(None): "empty"}.get(type(value), type(value).__name__)


def _explain(error: ValidationError, note: dict):
    """(message, fix, key or None) for one schema error, in a contributor's words."""
    path = tuple(error.absolute_path)
    name = _key_name(path)
    value = error.instance
    rule = error.validator
    if rule == "additionalProperties":
        allowed = error.schema.get("properties", {})
        for key in value:
            if key not in allowed:
                message, fix = unknown_key_message(key, allowed)
                where = f" in {name}" if path else ""
                yield message + where, fix, key
        return
    if rule == "required":
        missing = [k for k in error.validator_value if k not in value]
        in_then = "then" in error.schema_path
        typos = {suggest(str(k), error.schema.get("properties", {})) for k in value
                 if k not in error.schema.get("properties", {})}
        for key in missing:
            if key in typos:
                continue  # reported as "unknown key ... did you mean"
            if in_then:
                yield ("a fact-check note needs a 'verdict'",
                       "add 'verdict: ' with one of: " + ", ".join(VERDICTS), None)
            else:
                where = f" in {name}" if path else ""
                yield f"missing key {key!r}{where}", KEY_HINTS.get(key, f"add '{key}: ...'"), None
        return
    if rule == "not" and "else" in error.schema_path:
        yield (f"'verdict' is only for fact-check notes, and this note's kind is {note.get('kind')!r}",
               "remove 'verdict', or set 'kind: fact-check'", "verdict")
        return
    if rule == "enum":
        choices = [str(c) for c in error.validator_value]
        close = suggest(str(value), choices) if isinstance(value, str) else None
        fix = f"did you mean {close!r}?" if close else "use one of: " + ", ".join(choices)
        yield f"{name} {_short(value)} is not one of: {', '.join(choices)}", fix, None
        return
    if rule == "type":
        want = {"string": "text", "array": "a list", "object": "a mapping"}.get(error.validator_value,
                                                                               error.validator_value)
        fix = "put quotes around it" if want == "text" and not isinstance(value, (list, dict)) else None
        if name == "sources":
            fix = "write 'sources:' followed by '- url: https://...' and '  title: ...' lines"
        yield f"{name} must be {want}, not {_type_name(value)} {_short(value)}", fix, None
        return
    if rule == "maxLength":
        limit = error.validator_value
        fix = "shorten it, or split it into two notes" if name == "body" else "shorten it"
        yield f"{name} is {len(value):,} characters, over the {limit:,}-character limit", fix, None
        return
    if rule in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        yield f"{name} is empty", KEY_HINTS.get(name, "fill it in, or remove the key"), None
        return
    if rule == "pattern":
        leaf = path[-1] if path else ""
        if leaf == "id":
            yield (f"id {_short(value)} is not a slug",
                   "use lower-case letters, digits and hyphens, e.g. 'who-mission-report'", None)
        elif leaf == "url":
            yield (f"{name} {_short(value)} is not an http(s) URL",
                   "link to a web page starting with https:// (or http://)", None)
        elif leaf == "added":
            yield (f"added {_short(value)} is not a date",
                   "write the date as YYYY-MM-DD, e.g. 2026-11-29", None)
        else:
            yield f"{name} {_short(value)} is not valid", None, None
        return
    yield f"{name}: {error.message}", None, None


__all__ = ["load_notes", "note_files", "schema", "SCHEMA_PATH", "MAX_BODY_CHARS"]
