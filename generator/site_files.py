"""Files the build adds to the site beside MkDocs' pages: data for readers and researchers.

- ``annotations.jsonld``: every note as W3C Web Annotation JSON-LD.
- ``entities.json``, ``figures.csv``, ``articles.jsonl``: see content/data.md.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .annotations import export_jsonld
from .exports import exports

if TYPE_CHECKING:
    from .pipeline import Archive


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def site_files(archive: "Archive", site_url: str) -> dict[str, bytes]:
    """Path in the built site -> bytes; deterministic for the same archive."""
    files = {"annotations.jsonld": _json(export_jsonld(archive.notes, archive.articles, base=site_url))}
    files.update(exports(archive, archive.related, archive.index))
    return dict(sorted(files.items()))
