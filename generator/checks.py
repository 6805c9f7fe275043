"""``newsarchive check``: validate all of site-data/ without building.

Each part of the archive adds its checks here: raw articles and their
sidecars, the entity registry, annotation files.
"""

from __future__ import annotations

from .diagnostics import Report
from .pipeline import Paths, read_archive


def check_archive(paths: Paths) -> tuple[Report, str]:
    """Return the problems found and a one-line summary of what was checked."""
    report = Report()
    archive = read_archive(paths, report)
    summary = (f"checked {len(archive.articles)} article{'s' * (len(archive.articles) != 1)}, "
               f"{len(archive.registry.entities)} registered entities")
    return report, summary
