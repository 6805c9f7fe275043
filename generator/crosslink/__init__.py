"""The cross-link stage: entity pages, links in the text, related coverage,
timelines, key figures, agency and editor archives, and entity suggestions.

Pure functions over an :class:`~generator.pipeline.Archive`; the pipeline,
writer and CLI call them (see docs-snippets/crosslink.md).
"""

from .config import (CrosslinkConfig, PagesConfig, RelatedConfig, crosslink_config_from_mkdocs,
                     related_config_from_mkdocs)
from .index import CrossIndex, build_index
from .mentions import entity_link_spans
from .pages import render_crosslink_pages
from .related import related
from .suggest import Suggestion, format_suggestions, suggest_entities

__all__ = [
    "CrossIndex", "CrosslinkConfig", "PagesConfig", "RelatedConfig", "Suggestion", "build_index",
    "crosslink_config_from_mkdocs", "entity_link_spans", "format_suggestions", "related",
    "related_config_from_mkdocs", "render_crosslink_pages", "suggest_entities",
]
