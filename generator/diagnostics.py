"""Problems found in the archive's inputs, reported as ``file:line: message``.

Stages never print or exit: they raise :class:`InputError` for one bad input,
or add :class:`Diagnostic` records to a :class:`Report`, and the CLI decides
what to do (go on with the rest, exit non-zero, ``--strict``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(slots=True, frozen=True)
class Diagnostic:
    level: str  # ERROR or WARNING
    file: str  # repository-relative path
    line: int | None
    message: str  # what is wrong
    fix: str | None = None  # how to fix it

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.level}: {self.message}"
        if self.fix:
            text += f" ({self.fix})"
        return text


class InputError(Exception):
    """One input cannot be used. Carries a :class:`Diagnostic`."""

    def __init__(self, file: str, message: str, *, line: int | None = None, fix: str | None = None):
        self.diagnostic = Diagnostic(ERROR, file, line, message, fix)
        super().__init__(self.diagnostic.format())


@dataclass(slots=True)
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, file: str, message: str, *, line: int | None = None, fix: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(ERROR, file, line, message, fix))

    def warning(self, file: str, message: str, *, line: int | None = None, fix: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(WARNING, file, line, message, fix))

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, other: "Report") -> None:
        self.diagnostics.extend(other.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: (d.file, d.line or 0, d.level, d.message))


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest valid key for a misspelt one, or None."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def unknown_key_message(key: str, choices: Iterable[str]) -> tuple[str, str]:
    """Message and fix for an unknown key, naming the closest valid key."""
    choices = sorted(choices)
    close = suggest(key, choices)
    message = f"unknown key {key!r}"
    if close:
        return message, f"did you mean {close!r}?"
    return message, "valid keys: " + ", ".join(choices)


class NotAnArticle(InputError):
    """The file is readable but is not one publishable article.

    Wire advisories, budgets and the parts of a story split across several
    transmissions ("(MORE)" / "(2)") are recognised and reported, never published.
    """

    def __init__(self, file: str, what: str, *, line: int | None = None, fix: str | None = None):
        self.what = what
        super().__init__(file, f"not an article: {what}", line=line,
                         fix=fix or "leave it out of site-data/raw/, or replace it with the story itself")
