"""``newsarchive check --fix``: bring note files up to date with the articles' text, when asked.

For each note (:func:`plan`):

* no ``id``: adds ``id:`` with the id it has now, so its permalink stays the
  same when the quote is corrected (the id is otherwise made from the quote);
* anchored as drifted (``fuzzy``): sets ``quote`` to the words it is now
  anchored on, and ``prefix``/``suffix`` to the words around them (as
  ``annotate`` writes them), so the next build finds it exactly. A note
  without context that the last build's cache has context for (see
  :mod:`.recorded`) is placed with that context first;
* an orphan, or an error: left alone and listed, for a person to decide.

Files are rewritten with ruamel.yaml's round trip (:func:`rewrite`):
comments, key order, quoting styles, block scalars and indentation stay as
they were; only the values named change, and new keys go next to ``quote``
(``id`` first). Nothing under ``site-data/`` is written without ``--fix``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from ..cache import write_atomic
from ..diagnostics import Report
from .anchor import anchor
from .folding import fold, short
from .model import FUZZY, Note
from .recorded import context_around, with_record


@dataclass(slots=True, frozen=True)
class Fix:
    """New values for some keys of the note that starts on ``line`` of ``file``."""

    file: str
    line: int
    note_id: str
    values: tuple[tuple[str, str], ...]  # (key, new value), in the order they are applied
    what: str  # for the contributor: what changed and why


def plan(notes: Sequence[Note], paragraphs: Sequence[str], recorded: dict[str, Any] | None,
         report: Report) -> list[Fix]:
    """The fixes for one article's notes; notes that cannot be fixed are reported."""
    fixes = []
    anchored, _ = anchor(notes, paragraphs)
    informed = [n for n in (with_record(note, recorded) for note in notes) if n is not None]
    second = {a.note.id: a for a in anchor(informed, paragraphs)[0]} if informed else {}
    for item in anchored:
        note, placed = item.note, item
        other = second.get(note.id)
        if other is not None and not other.is_orphan and other.status == FUZZY:
            placed = other  # the context the last build found exactly places it (see .recorded)
        values: list[tuple[str, str]] = []
        what: list[str] = []
        if not note.id_given:
            values.append(("id", note.id))
            what.append(f"added 'id: {note.id}' (its permalink now)")
        if placed.status == FUZZY:
            prefix, suffix = context_around(paragraphs, placed.paragraph, placed.start, placed.end)
            if fold(placed.text)[0].strip() != fold(note.quote)[0].strip():
                values.append(("quote", placed.text))
                what.append(f"quote {short(note.quote, 60)!r} -> {short(placed.text, 60)!r}")
            if (prefix, suffix) != (note.prefix or "", note.suffix or ""):
                values += [("prefix", prefix), ("suffix", suffix)]  # "" removes the key
                what.append(f"prefix/suffix set to the words now around it (paragraph {placed.paragraph})")
        elif item.is_orphan:
            report.warning(note.file, f"note {note.id!r} not fixed: its passage is not found (see the warning "
                           "above); decide whether the note still applies", line=note.line,
                           fix="copy the passage into 'quote' by hand, or delete the note")
        if values:
            fixes.append(Fix(note.file, note.line, note.id, tuple(values), "; ".join(what)))
    return fixes


def _style(old: Any, new: str) -> str:
    """``new`` in the quoting style of ``old`` (double quotes for a value that was plain or absent)."""
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(new)
    return DoubleQuotedScalarString(new)


def _mapping_at(data: Any, line: int) -> Any:
    items = data if isinstance(data, list) else [data]
    return next((m for m in items if hasattr(m, "lc") and m.lc.line + 1 == line), None)


def rewrite(text: str, fixes: Iterable[Fix]) -> str:
    """``text`` (a note file) with ``fixes`` applied, comments and layout kept."""
    _, indent, offset = load_yaml_guess_indent(text)  # of sequences: "- " and what follows it
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 16  # never fold a long quote onto two lines
    yaml.indent(mapping=2, sequence=indent or 2, offset=offset or 0)
    data = yaml.load(text)
    for fix in fixes:
        mapping = _mapping_at(data, fix.line)
        if mapping is None:
            raise ValueError(f"no note starts on line {fix.line}")
        for key, value in fix.values:
            if not value:
                mapping.pop(key, None)
                continue
            if key in mapping:
                mapping[key] = value if key == "id" else _style(mapping[key], value)
                continue
            keys = list(mapping.keys())
            if key == "id":
                at = 0
            else:
                after = "prefix" if key == "suffix" and "prefix" in mapping else "quote"
                at = keys.index(after) + 1 if after in keys else len(keys)
            mapping.insert(at, key, value if key == "id" else _style(None, value))
    out = io.StringIO()
    yaml.dump(data, out)
    new = out.getvalue()
    _check_layout(text, new, {key for fix in fixes for key, _ in fix.values})
    return new


_KEY_LINE = re.compile(r"^[\s-]*([A-Za-z_]+):")


def _check_layout(old: str, new: str, keys: set[str]) -> None:
    """Refuse a rewrite that changes any line but those of the keys fixed."""
    for op, a1, a2, b1, b2 in SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False).get_opcodes():
        for line in old.splitlines()[a1:a2] + new.splitlines()[b1:b2] if op != "equal" else ():
            match = _KEY_LINE.match(line)
            if not match or match.group(1) not in keys:
                raise ValueError(f"rewriting it would change other lines too ({line.strip()[:60]!r})")


def apply(root: Path, fixes: Sequence[Fix], report: Report, echo: Callable[[str], None]) -> int:
    """Rewrite each file that has fixes; say what changed. Returns the number of notes fixed."""
    done = 0
    by_file: dict[str, list[Fix]] = {}
    for fix in fixes:
        by_file.setdefault(fix.file, []).append(fix)
    for rel, file_fixes in sorted(by_file.items()):
        path = root / rel
        try:
            new = rewrite(path.read_text(encoding="utf-8"), file_fixes)
        except (OSError, ValueError, YAMLError) as exc:
            report.error(rel, f"not fixed: the file could not be rewritten ({' '.join(str(exc).split())})",
                         fix="make the changes by hand")
            continue
        write_atomic(path, new.encode("utf-8"))
        for fix in sorted(file_fixes, key=lambda f: f.line):
            echo(f"{rel}:{fix.line}: fixed: note {fix.note_id!r}: {fix.what}")
            done += 1
    return done
