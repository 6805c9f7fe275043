"""The reader interface: one module per source format, chosen by content.

A reader turns the text of one raw file into a :class:`RawArticle`. Readers do
not extract entities, figures, quotes or events: that is the ``extract`` stage,
shared by every format. A new format is a new module beside the others, added
to ``READERS`` in ``generator/readers/__init__.py``.
"""

from __future__ import annotations

from typing import Protocol

from ..records import RawArticle


class Reader(Protocol):
    #: short name used by ``newsarchive show --reader NAME`` and in front matter
    name: str

    def sniff(self, text: str) -> float:
        """How sure this reader is that it can read ``text``: 0.0 (no) to 1.0."""

    def read(self, path: str, text: str, sha256: str) -> RawArticle:
        """Read one article; raise InputError naming the line for bad input."""
