"""Where each entity is named in an article, with offsets.

The article's ``people`` / ``organisations`` / ``places`` (after sidecar
corrections) decide *whether* an article mentions an entity; the registry's
:class:`~generator.extract.entities.Matcher` finds *where* in the text, and
for an entity the registry lacks (a mention not reviewed) the article's own
forms of it do. A hit
inside the dateline ("GENEVA, May 17 (Xinhua) --") is not a mention in the
text: it is never linked and never ties a figure or event to the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..extract.entities import Hit, Matcher
from ..extract.text import sentences
from ..records import Article, Mention
from ..registry import Entity, Registry

#: a link span as the writer takes it: (start, end, "link", {"href": ..., "title": ...})
LinkSpan = tuple[int, int, str, dict[str, str]]


@dataclass(slots=True, frozen=True)
class EntityInArticle:
    entity: Entity
    hits: tuple[Hit, ...]  # in the text, dateline excluded, in reading order
    paragraphs: tuple[int, ...]  # from the article's Mention (the dateline counts as paragraph 1)

    @property
    def text_paragraphs(self) -> frozenset[int]:
        """Paragraphs that name the entity in their text (the dateline does not count)."""
        return frozenset(h.paragraph for h in self.hits)

    def first_sentence(self, article: Article) -> tuple[int, str]:
        """(paragraph, sentence) of the first mention; the dateline if that is the only one."""
        if not self.hits:
            text = article.dateline.text if article.dateline else ""
            return (self.paragraphs[0] if self.paragraphs else 1), text
        hit = self.hits[0]
        paragraph = article.paragraphs[hit.paragraph - 1]
        for sentence in sentences(paragraph):
            if sentence.start <= hit.start < max(sentence.end, sentence.start + 1):
                return hit.paragraph, sentence.text
        return hit.paragraph, paragraph


def dateline_end(article: Article) -> int:
    """Length of the dateline at the start of paragraph 1 (0 when there is none)."""
    if article.dateline and article.paragraphs and article.paragraphs[0].startswith(article.dateline.text):
        return len(article.dateline.text)
    return 0


def mentioned_ids(article: Article, registry_ids: dict[str, Entity]) -> dict[str, tuple[int, ...]]:
    """Entity ids the article mentions -> paragraphs, people first, then organisations, places."""
    found: dict[str, tuple[int, ...]] = {}
    for mention in (*article.people, *article.organisations, *article.places):
        if mention.id and (mention.id in registry_ids or not mention.reviewed) and mention.id not in found:
            found[mention.id] = mention.paragraphs
    return found


def _kinded(article: Article):
    for kind, mentions in (("person", article.people), ("organisation", article.organisations),
                           ("place", article.places)):
        for mention in mentions:
            yield kind, mention


@lru_cache(maxsize=4096)
def _forms_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _form_hits(article: Article, mention: Mention, entity: Entity) -> list[Hit]:
    """Where an unregistered entity's mention is in the text: the article's own forms of it
    (the ones detection saw), on word boundaries, in the paragraphs the mention lists."""
    if not mention.forms:
        return []
    pattern = _forms_pattern(tuple(mention.forms))
    hits: list[Hit] = []
    for number in mention.paragraphs:
        if 0 < number <= len(article.paragraphs):
            hits.extend(Hit(number, m.start(), m.end(), m.group(0), entity)
                        for m in pattern.finditer(article.paragraphs[number - 1]))
    return hits


def entities_in(article: Article, matcher: Matcher, registry_ids: dict[str, Entity] | None = None
                ) -> dict[str, EntityInArticle]:
    """Every registered entity the article mentions, in order of its first mention."""
    registry_ids = registry_ids if registry_ids is not None else matcher.registry.by_id()
    wanted = mentioned_ids(article, registry_ids)
    skip = dateline_end(article)
    hits: dict[str, list[Hit]] = {}
    for hit in matcher.hits(article.paragraphs):
        if hit.paragraph == 1 and hit.start < skip:
            continue
        if hit.entity.id in wanted and registry_ids.get(hit.entity.id) == hit.entity:
            hits.setdefault(hit.entity.id, []).append(hit)
    unreviewed: dict[str, Entity] = {}
    for kind, mention in _kinded(article):
        known = registry_ids.get(mention.id)
        if mention.reviewed or mention.id in hits or mention.id in unreviewed or (known and known.reviewed):
            continue
        # the article's own name for it: an article's page depends on that article only
        local = unreviewed[mention.id] = Entity(mention.id, mention.name, kind, reviewed=False)
        found = [h for h in _form_hits(article, mention, local) if not (h.paragraph == 1 and h.start < skip)]
        if found:
            hits[mention.id] = found

    def first(eid: str) -> tuple[int, int]:
        found = hits.get(eid)
        return (found[0].paragraph, found[0].start) if found else (0, 0)  # dateline-only: first of all

    order = sorted(wanted, key=lambda eid: (first(eid), eid))
    return {eid: EntityInArticle(registry_ids.get(eid) or unreviewed[eid], tuple(hits.get(eid, ())), wanted[eid])
            for eid in order if eid in registry_ids or eid in unreviewed}


def link_title(found: EntityInArticle) -> str:
    """The title of a link to an entity page: the registry's name, or for an entity not
    reviewed the article's own name for it (so an article page depends on that article only)."""
    return found.hits[0].entity.name if found.hits else found.entity.name


def entity_href(entity_id: str, prefix: str = "../") -> str:
    """Relative link to an entity page; ``prefix`` leads from the linking page to content/."""
    return f"{prefix}entities/{entity_id}/index.md"


def entity_link_spans(article: Article, registry: Registry, matcher: Matcher | None = None
                      ) -> dict[int, list[LinkSpan]]:
    """Link spans for the article body: the first mention in the text of each
    registered entity links to its page (``../entities/<id>/index.md``, relative
    to ``content/articles/<id>.md``).

    Keys are 1-based paragraph numbers (as in ``#pN``); spans are sorted by start.
    Never inside the dateline (nor the headline, which is not a paragraph).
    Entities the article's mention lists do not include (e.g. removed by a
    sidecar correction) are not linked. Pass a ``matcher`` built once for the
    registry when linking many articles.
    """
    matcher = matcher or Matcher(registry)
    spans: dict[int, list[LinkSpan]] = {}
    for eid, found in entities_in(article, matcher).items():
        if not found.hits:
            continue
        hit = found.hits[0]
        spans.setdefault(hit.paragraph, []).append(
            (hit.start, hit.end, "link", {"href": entity_href(eid), "title": link_title(found)}))
    return {p: sorted(s, key=lambda span: span[0]) for p, s in sorted(spans.items())}
