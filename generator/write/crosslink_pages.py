"""Every cross-link page: entities, timeline, key figures, agencies and editors,
as independent jobs (generator/write/compose.py runs them in worker processes
beside the article pages)."""

from __future__ import annotations

from functools import partial
from typing import Callable

from ..crosslink.config import CrosslinkConfig, PagesConfig
from ..crosslink.index import CrossIndex, build_index
from .entities import entity_indexes, entity_pages, prepare
from .listings import agencies, editors, figure_pages, people_pages, timeline_pages

#: entity pages are rendered in this many jobs (most of the cross-link pages' work)
ENTITY_JOBS = 4

Job = Callable[[], dict[str, str]]


def crosslink_jobs(archive, config: CrosslinkConfig | PagesConfig | None = None,
                   index: CrossIndex | None = None) -> list[Job]:
    """The cross-link pages as jobs, each giving ``{path under content/: page text}``;
    together they give every page once. ``index``: a
    :func:`~generator.crosslink.build_index` already built for the archive."""
    pages_config = config.pages if isinstance(config, CrosslinkConfig) else (config or PagesConfig())
    index = index or build_index(archive.registry, archive.articles)
    prepared = prepare(index)
    ids = sorted(index.entity_articles)
    parts = [ids[i::ENTITY_JOBS] for i in range(ENTITY_JOBS)]
    jobs: list[Job] = [partial(entity_pages, index, pages_config, prepared, part) for part in parts if part]
    jobs += [partial(entity_indexes, index), partial(timeline_pages, index, pages_config),
             partial(figure_pages, index, pages_config),
             partial(people_pages, index, pages_config, "agency", "Articles by agency", "Agency", agencies),
             partial(people_pages, index, pages_config, "editor", "Articles by editor and byline", "Editor",
                     editors)]
    return jobs


def render_crosslink_pages(archive, config: CrosslinkConfig | PagesConfig | None = None,
                           index: CrossIndex | None = None) -> dict[str, str]:
    """Every cross-link page, ``{path under content/: page text}``, sorted by path (the jobs, one after another)."""
    pages: dict[str, str] = {}
    for job in crosslink_jobs(archive, config, index):
        pages.update(job())
    return dict(sorted(pages.items()))
