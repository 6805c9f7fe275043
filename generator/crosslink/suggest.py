"""``newsarchive entities --suggest``: the entities detection found that the
registry lacks, as YAML that promotes them into ``site-data/entities.yml``.

Each suggestion is an entity not reviewed (:func:`generator.registry.with_unreviewed`:
merged across articles by normalised name), with the id its page already
has, so promoting it keeps every link and URL; its kind and name are the
ones most mentions have, its aliases the other forms the articles use. A
comment gives its number of mentions and articles and the sentence of its
first mention, for the reviewer to check before pasting.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from ..registry import ID_PATTERN


@dataclass(slots=True, frozen=True)
class Suggestion:
    id: str  # the entity's id: its page's URL, free in entities.yml
    name: str
    kind: str  # person | organisation | place
    count: int  # mentions across the archive
    articles: int  # articles that mention it
    example: str  # the sentence of its first mention
    source: str  # raw file of that example
    paragraph: int
    aliases: tuple[str, ...] = ()


def suggest_entities(archive, min_count: int = 1, index=None) -> list[Suggestion]:
    """Unregistered entities across ``archive.articles``, most mentioned first (then by name)."""
    from .index import build_index

    index = index or build_index(archive.registry, archive.articles)
    entities = index.entities
    found: dict[str, dict] = {}
    for article in sorted(index.articles, key=lambda a: a.id):
        for eid, where in index.found[article.id].items():
            entity = entities[eid]
            if entity.reviewed:
                continue
            entry = found.setdefault(eid, {"count": 0, "articles": 0, "first": None})
            entry["count"] += max(len(where.hits), 1)
            entry["articles"] += 1
            if entry["first"] is None:
                paragraph, sentence = where.first_sentence(article)
                entry["first"] = (sentence, article.source.path, paragraph)
    suggestions = []
    taken = {e.id for e in index.registry.entities if e.reviewed}
    for eid, entry in sorted(found.items(), key=lambda kv: (-kv[1]["count"], entities[kv[0]].name, kv[0])):
        if entry["count"] < min_count:
            continue
        entity = entities[eid]
        sentence, source, paragraph = entry["first"]
        suggestions.append(Suggestion(_free_id(eid, taken), entity.name, entity.kind, entry["count"],
                                      entry["articles"], sentence, source, paragraph, entity.aliases))
    return suggestions


def _free_id(eid: str, taken: set[str]) -> str:
    base = eid if ID_PATTERN.match(eid) else "entity"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _comment(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def format_suggestions(suggestions: list[Suggestion]) -> str:
    """YAML list items to paste under ``entities:`` in site-data/entities.yml,
    each after a comment with its count and an example sentence."""
    if not suggestions:
        return "# no unregistered names found\n"
    out = ["# Suggested entities, found in the articles by detection and not reviewed: check each kind,",
           "# name and alias, add a description, then paste the ones you want under 'entities:' in",
           "# site-data/entities.yml. The ids are the ones their pages have now, so links keep working."]
    for s in suggestions:
        out.append("")
        mentions = f"{s.count} mention{'s' * (s.count != 1)} in {s.articles} article{'s' * (s.articles != 1)}"
        out.append(f"  # {mentions}, e.g. {s.source} paragraph {s.paragraph}: {_comment(s.example)}")
        item = {"id": s.id, "name": s.name, "kind": s.kind, "aliases": list(s.aliases), "description": ""}
        dumped = yaml.safe_dump([item], sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
        out.extend("  " + line for line in dumped.rstrip("\n").split("\n"))
    return "\n".join(out) + "\n"
