"""Every cross-link page at once: entities, timeline, key figures, agencies and editors."""

from __future__ import annotations

from ..crosslink.config import CrosslinkConfig, PagesConfig
from ..crosslink.index import CrossIndex, build_index
from .entities import entity_indexes, entity_pages
from .listings import agencies, editors, figure_pages, people_pages, timeline_pages


def render_crosslink_pages(archive, config: CrosslinkConfig | PagesConfig | None = None,
                           index: CrossIndex | None = None) -> dict[str, str]:
    """Every cross-link page, ``{path under content/: page text}``, sorted by
    path. ``index``: a :func:`~generator.crosslink.build_index` already built for the archive."""
    pages_config = config.pages if isinstance(config, CrosslinkConfig) else (config or PagesConfig())
    index = index or build_index(archive.registry, archive.articles)
    pages: dict[str, str] = {}
    pages.update(entity_pages(index, pages_config))
    pages.update(entity_indexes(index))
    pages.update(timeline_pages(index, pages_config))
    pages.update(figure_pages(index, pages_config))
    pages.update(people_pages(index, pages_config, "agency", "Articles by agency", "Agency", agencies))
    pages.update(people_pages(index, pages_config, "editor", "Articles by editor and byline", "Editor", editors))
    return dict(sorted(pages.items()))
