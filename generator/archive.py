"""The archive as the stages hand it on: where its parts are (:class:`Paths`)
and everything read from ``site-data/`` (:class:`Archive`).

Its own module so that the stages after reading (cross-link, write) can take an
Archive without importing the pipeline that builds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .records import Article
from .registry import Registry

if TYPE_CHECKING:
    from .annotations.model import Anchored
    from .crosslink import CrossIndex


@dataclass(slots=True, frozen=True)
class Paths:
    """Where the archive's parts are, relative to the repository root."""

    root: Path

    @property
    def site_data(self) -> Path:
        return self.root / "site-data"

    @property
    def raw(self) -> Path:
        return self.site_data / "raw"

    @property
    def annotations(self) -> Path:
        return self.site_data / "annotations"

    @property
    def entities(self) -> Path:
        return self.site_data / "entities.yml"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def rel(self, path: Path) -> str:
        """``path`` relative to the root, as shown in messages (a link keeps its own name)."""
        for resolve in (False, True):  # resolving (a system call per part) only when the plain path is outside
            candidate, root = (path.resolve(), self.root.resolve()) if resolve else (path.absolute(), self.root.absolute())
            try:
                return candidate.relative_to(root).as_posix()
            except ValueError:
                continue
        return path.as_posix()


@dataclass(slots=True)
class Archive:
    """Everything read from ``site-data/``, validated, before anything is written."""

    paths: Paths
    registry: Registry
    articles: list[Article]
    #: article id -> its notes, anchored (orphans included: a note is never dropped)
    notes: dict[str, list["Anchored"]] = field(default_factory=dict)
    #: article id -> [(related article id, score)], best first (filled by ``crosslink``)
    related: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    #: entity mentions, figures and events by entity (filled by ``crosslink``)
    index: "CrossIndex | None" = None
    #: article id -> cache key of its inputs (raw bytes, sidecar, registry, code)
    keys: dict[str, str] = field(default_factory=dict)
