"""The cross-link stage: which article mentions which entity where, links in
the text, related coverage, and entity suggestions.

Pure functions over an :class:`~generator.archive.Archive`; the pipeline,
the write stage (which renders the entity, timeline, key-figure, agency and
editor pages: generator.write) and the CLI call them.
"""

from .config import (CrosslinkConfig, PagesConfig, RelatedConfig, crosslink_config_from_mkdocs,
                     related_config_from_mkdocs)
from .index import CrossIndex, build_index
from .mentions import entity_link_spans
from .related import related
from .suggest import Suggestion, format_suggestions, suggest_entities

__all__ = [
    "CrossIndex", "CrosslinkConfig", "PagesConfig", "RelatedConfig", "Suggestion", "build_index",
    "crosslink_config_from_mkdocs", "entity_link_spans", "format_suggestions", "related",
    "related_config_from_mkdocs", "suggest_entities",
]
