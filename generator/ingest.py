"""``newsarchive ingest``: copy a new raw article into site-data/raw/ under its canonical name.

The canonical name is the publication date and a slug of the headline,
``2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19.txt``.
The bytes are copied unchanged; a file whose bytes are already in the archive
is refused. The day it was copied is recorded as ``archived`` in a new
sidecar beside it (``<name>.meta.yml``; "Cite this article" shows it),
never in the raw file.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from datetime import date
from pathlib import Path

from slugify import slugify

from .diagnostics import InputError
from .extract import article_id, extract
from .extract.entities import Matcher
from .pipeline import Paths, raw_files
from .readers import load
from .records import Article
from .sidecar import sidecar_path

MAX_SLUG = 80


def canonical_stem(title: str, published: str | None) -> str:
    slug = slugify(title.replace("'", "").replace("’", ""), max_length=MAX_SLUG, word_boundary=True)
    day = published[:10] if published else "undated"
    return f"{day}-{slug or 'article'}"


def ingest_file(file: Path, paths: Paths, matcher: Matcher, known: dict[str, str],
                reader: str | None = None, today: date | None = None) -> tuple[Path, Article | None]:
    """Copy ``file`` into the archive; return where, and what was extracted.

    An article with no date is still copied (as ``undated-…``); the Article is
    then None and the caller tells the maintainer to add a sidecar.
    """
    data = file.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest in known:
        raise InputError(str(file), f"already in the archive as {known[digest]} (same bytes)",
                         fix="nothing to do")
    raw = load(file, str(file), reader)
    if not raw.title:
        raise InputError(str(file), "no headline found, so no canonical name",
                         fix="fix the file or add it by hand with a .meta.yml sidecar giving 'title:'")
    suffix = file.suffix.lower() or ".txt"
    stem = canonical_stem(raw.title, raw.published)
    target = paths.raw / f"{stem}{suffix}"
    counter = 2
    # the article id is the name without its suffix, wherever the file is under raw/:
    # "x.html" beside "x.txt", or "a/x.txt" beside "b/x.txt", would be two articles "x"
    taken = {article_id(p.name) for p in raw_files(paths)}
    while target.exists() or article_id(target.name) in taken:
        target = paths.raw / f"{stem}-{counter}{suffix}"
        counter += 1
    # extract from a copy at the final name so the article id matches
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / target.name
        probe.write_bytes(data)
        raw = load(probe, paths.rel(target), reader)
        article = extract(raw, matcher) if raw.published else None
    paths.raw.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(file, target)
    known[digest] = paths.rel(target)
    side = sidecar_path(target)
    if not side.exists():  # a sidecar already there (written by hand) is left alone
        side.write_text("# About the archive's copy of this article (written by `newsarchive ingest`):\n"
                        f"archived: {(today or date.today()).isoformat()}\n", encoding="utf-8")
    return target, article
