"""The archive seen from its entities: which articles mention what, where.

Built once per build in one pass over the articles (one regex pass per
article), then shared by the entity, figures and timeline pages and by the
exports.

The entities are the registry's and those detection found that the
registry lacks (:func:`with_unreviewed`): an unregistered entity is one
:class:`~generator.registry.Entity` with ``reviewed=False`` however many
articles mention it, merged by its id (the slug of its normalised name).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..extract.entities import Matcher
from ..records import Article, Event
from ..registry import Entity, Registry, with_unreviewed
from .mentions import EntityInArticle, entities_in


def newest_first_key(article: Article) -> tuple[str, str]:
    from ..writer import published_sort_key  # the writer's chronological key, shared by every listing

    return (published_sort_key(article.published), article.id)


@dataclass(slots=True)
class CrossIndex:
    registry: Registry
    articles: list[Article]  # newest first (ties: id, descending)
    by_id: dict[str, Article] = field(default_factory=dict)
    found: dict[str, dict[str, EntityInArticle]] = field(default_factory=dict)  # article -> entity -> where
    entity_articles: dict[str, list[str]] = field(default_factory=dict)  # entity -> article ids, newest first
    paragraph_entities: dict[str, dict[int, tuple[str, ...]]] = field(default_factory=dict)
    _event_cache: dict[tuple[str, Event], tuple[str, ...]] = field(default_factory=dict, repr=False)

    @property
    def entities(self) -> dict[str, Entity]:
        return self.registry.by_id()

    def figure_entities(self, article_id: str, paragraph: int) -> tuple[str, ...]:
        """Entities a key figure is about: every registered entity named in the
        text of the figure's paragraph (a dateline does not count)."""
        return self.paragraph_entities.get(article_id, {}).get(paragraph, ())

    def event_entities(self, article: Article, event: Event) -> tuple[str, ...]:
        """Entities an event is about: those named in the event's sentence (computed once per event)."""
        key = (article.id, event)
        if key not in self._event_cache:
            self._event_cache[key] = self._event_entities(article, event)
        return self._event_cache[key]

    def _event_entities(self, article: Article, event: Event) -> tuple[str, ...]:
        text = article.paragraphs[event.paragraph - 1] if 0 < event.paragraph <= len(article.paragraphs) else ""
        offset = text.find(event.text) if event.text else -1
        if offset < 0:
            return ()
        stop = offset + len(event.text)
        return tuple(eid for eid, where in self.found.get(article.id, {}).items()
                     if any(h.paragraph == event.paragraph and offset <= h.start < stop for h in where.hits))


def build_index(registry: Registry, articles: list[Article], matcher: Matcher | None = None) -> CrossIndex:
    """The index over ``registry`` with the unregistered entities the articles mention added."""
    matcher = matcher or Matcher(registry)
    registry = with_unreviewed(registry, articles)
    registry_ids = registry.by_id()
    ordered = sorted(articles, key=newest_first_key, reverse=True)
    index = CrossIndex(registry, ordered, {a.id: a for a in ordered})
    for article in ordered:
        found = entities_in(article, matcher, registry_ids)
        index.found[article.id] = found
        paragraphs: dict[int, list[str]] = {}
        for eid, where in found.items():
            index.entity_articles.setdefault(eid, []).append(article.id)
            for paragraph in sorted(where.text_paragraphs):
                paragraphs.setdefault(paragraph, []).append(eid)
        index.paragraph_entities[article.id] = {p: tuple(e) for p, e in paragraphs.items()}
    return index
