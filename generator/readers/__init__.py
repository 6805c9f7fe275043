"""Readers, one per source format, chosen automatically by content.

``load(path)`` reads a raw file's bytes, checks that they are usable text, and
hands the text to the reader that claims it most confidently (or the one
forced by name).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..diagnostics import InputError
from ..records import RawArticle
from .base import Reader
from .chinadaily import ChinaDailyReader
from .html import HtmlReader
from .peoplesdaily import PeoplesDailyReader
from .plaintext import PlainTextReader
from .trec import TrecReader
from .xinhuanet import XinhuanetReader

#: Every reader, most specific first (the order breaks ties between equal
#: scores). A new format is a new module added here. ``plaintext`` is the
#: fallback: it scores exactly MIN_CONFIDENCE, so any reader that recognises
#: a file wins over it.
READERS: tuple[Reader, ...] = (
    PeoplesDailyReader(),
    ChinaDailyReader(),
    XinhuanetReader(),
    TrecReader(),
    HtmlReader(),
    PlainTextReader(),
)

#: below this confidence no reader claims a file
MIN_CONFIDENCE = 0.3


def reader_names() -> list[str]:
    return [r.name for r in READERS]


def get_reader(name: str) -> Reader:
    for reader in READERS:
        if reader.name == name:
            return reader
    raise KeyError(name)


def decode(data: bytes, rel: str) -> str:
    """Raw bytes to text, or an InputError saying what is wrong and how to fix it."""
    if not data.strip():
        raise InputError(rel, "the file is empty", fix="remove it, or replace it with the article text")
    if b"\x00" in data[:8192]:
        raise InputError(rel, "the file is binary, not text", fix="save the article as UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            rel,
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            line=line,
            fix="re-save it as UTF-8, e.g. iconv -f cp1252 -t utf-8",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def choose(text: str, rel: str, forced: str | None = None) -> Reader:
    if forced:
        try:
            return get_reader(forced)
        except KeyError:
            raise InputError(
                rel, f"no reader named {forced!r}", fix="choose one of: " + ", ".join(reader_names())
            ) from None
    scored = sorted(((r.sniff(text), i, r) for i, r in enumerate(READERS)), key=lambda t: (-t[0], t[1]))
    best_score, _, best = scored[0]
    if best_score < MIN_CONFIDENCE:
        raise InputError(
            rel,
            "no reader recognises this file's format",
            line=1,
            fix="force one with --reader (" + ", ".join(reader_names()) + ") or add a reader",
        )
    return best


def load(path: Path, rel: str, forced: str | None = None) -> RawArticle:
    """Read one raw file. ``rel`` is the path shown in messages and front matter."""
    data = path.read_bytes()
    text = decode(data, rel)
    sha = hashlib.sha256(data).hexdigest()
    return choose(text, rel, forced).read(rel, text, sha)
