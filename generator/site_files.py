"""Files the build adds to the site beside MkDocs' pages: data for readers and researchers.

- ``annotations.jsonld``: every note as W3C Web Annotation JSON-LD, with URLs
  relative to the site root (JSON-LD resolves them against the file's own
  address, so they are right wherever the site is hosted);
- ``entities.json``, ``figures.csv``, ``articles.jsonl``: see content/data.md
  (``generator.exports``).

``generator.pipeline.generate`` writes them to ``.cache/newsarchive/site-files/``;
the site build copies that folder into the site.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .annotations import export_jsonld

if TYPE_CHECKING:
    from .pipeline import Archive


def notes_jsonld(archive: "Archive") -> str:
    data = export_jsonld(archive.notes, archive.articles, base="")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_site_files(root: Path) -> dict[str, bytes]:
    """The files the last run wrote for the site (``generator.pipeline.site_files_dir``),
    ``{path in the site: bytes}``: the exports, ``annotations.jsonld`` and the feeds."""
    from .pipeline import site_files_dir

    folder = site_files_dir(root)
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".tmp-")}
