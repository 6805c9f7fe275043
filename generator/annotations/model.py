"""Records of the notes stage: a contributed :class:`Note` and where it anchors.

``Note`` is what one validated note file entry holds (see
``generator/schemas/annotation.schema.json``); ``Anchored`` is a note placed on
the article text: ``exact``, ``fuzzy`` (the text drifted; a warning says so) or
``orphan`` (no longer found: kept and shown at the end of the article).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from slugify import slugify

KINDS = ("context", "fact-check", "correction", "source", "definition")
VERDICTS = ("accurate", "misleading", "false", "unverified")
KIND_LABELS = {
    "context": "Context",
    "fact-check": "Fact check",
    "correction": "Correction",
    "source": "Source",
    "definition": "Definition",
}
VERDICT_LABELS = {v: v.capitalize() for v in VERDICTS}

EXACT = "exact"
FUZZY = "fuzzy"
ORPHAN = "orphan"


@dataclass(slots=True, frozen=True)
class NoteSource:
    url: str  # http(s) only
    title: str


@dataclass(slots=True, frozen=True)
class Note:
    """One contributed note, validated, its body rendered to safe HTML."""

    id: str  # slug, unique within the article; used in #note-<id>
    article: str  # article id (raw file stem)
    quote: str  # the passage as the reader sees it
    prefix: str | None  # text just before the passage (W3C TextQuoteSelector)
    suffix: str | None  # text just after it
    kind: str  # one of KINDS
    verdict: str | None  # one of VERDICTS for fact-checks, else None
    body: str  # Markdown as written
    body_html: str  # safe HTML (see annotations.markdown)
    sources: tuple[NoteSource, ...]
    author: str
    added: str  # ISO date, e.g. "2026-11-29"
    file: str  # repository-relative path of the note file
    line: int  # line where the note starts
    id_given: bool = True  # False: the id is default_note_id's, made from the quote (changes with it)


@dataclass(slots=True, frozen=True)
class Anchored:
    """A note placed on the article: paragraph is 1-based, [start, end) are
    offsets in that paragraph's plain text; all None for orphans.

    ``number`` is the note's number on the page: anchored notes in reading
    order (1, 2, 3, ...), then orphans in file order.
    """

    note: Note
    status: str  # EXACT, FUZZY or ORPHAN
    paragraph: int | None
    start: int | None
    end: int | None
    text: str | None  # the article text matched (what the reader sees)
    number: int = 0
    score: float | None = None  # fuzzy match score (0-100) for FUZZY

    @property
    def is_orphan(self) -> bool:
        return self.status == ORPHAN


def default_note_id(quote: str, author: str, kind: str) -> str:
    """A stable id for a note without one: the quote's first words + a short hash
    of quote, author and kind, e.g. ``china-has-rolled-out-3f9a2c``.

    It does not depend on the file name or the note's position, so moving a
    note between files, or adding notes above it, keeps its permalink.
    """
    words = slugify(quote, max_length=32, word_boundary=True, save_order=True) or "note"
    digest = hashlib.sha256("\x00".join((" ".join(quote.split()), author.strip(), kind)).encode("utf-8"))
    return f"{words}-{digest.hexdigest()[:6]}"
