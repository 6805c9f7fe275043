"""Find the registry's entities in an article, with the surface forms seen.

The registry decides identity: a mention is a registered name or alias, found
case-sensitively on word boundaries, longest form first (so "WHO-China Joint
Mission on COVID-19" is one organisation, not "WHO" plus "China"). A dateline
place ("BEIJING") counts as a mention of the place it names.

Names the registry lacks are found by :mod:`generator.extract.detect`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Mention
from ..registry import Entity, Registry

#: phrases whose words must not count as mentions ("U.S. dollars" is money, not the place)
MASKED_PHRASES = ("U.S. dollars", "U.S. dollar", "US dollars", "Hong Kong dollars")


@dataclass(slots=True, frozen=True)
class Hit:
    paragraph: int  # 1-based
    start: int
    end: int
    form: str
    entity: Entity


def trie_pattern(words: list[str]) -> str:
    """One regular expression matching any of ``words``, longest first, built as a trie.

    A plain alternation of thousands of names makes ``re`` try each in turn at
    every position; a trie shares prefixes, so matching stays fast as the
    registry grows, and greedy optional groups still prefer the longest form.
    Written out without recursion, in time linear in the total length of
    ``words`` (a name of any length); only a node where names branch or a
    shorter name ends opens a group, so groups nest no deeper than the
    longest word is long.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    out: list[str] = []
    todo: list[str | dict] = [trie]  # a stack: text to write, or a node to write out
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        branches = [(char, child) for char, child in sorted(item.items()) if char]
        if not branches:
            continue
        grouped = len(branches) > 1 or "" in item
        steps: list[str | dict] = ["(?:"] if grouped else []
        for index, (char, child) in enumerate(branches):
            steps += (["|"] if index else []) + [re.escape(char), child]
        if grouped:
            steps.append(")?" if "" in item else ")")
        todo.extend(reversed(steps))
    return "".join(out)


class Matcher:
    """A compiled matcher for one registry; build once, use for every article."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.ids = frozenset(e.id for e in registry.entities)
        self._entity = {form: e for form, e in registry.by_form().items() if e.reviewed}  # detection finds the rest
        self._folded = {form.casefold(): entity for form, entity in self._entity.items()}
        words = sorted(set(MASKED_PHRASES) | set(self._entity))
        # a name ends where a word does: not before "-w" nor "'an" ("Xi" is not in "Xi'an"; "Xi's" is Xi)
        end = r"(?![\w]|-\w|['’](?![sS]\b)\w)"
        self._pattern = re.compile(r"(?<![\w-])" + trie_pattern(words) + end) if self._entity else None

    def lookup(self, form: str) -> Entity | None:
        """An entity by surface form, ignoring case (datelines are printed in capitals)."""
        return self._folded.get(form.casefold())

    def hits(self, paragraphs: tuple[str, ...]) -> list[Hit]:
        found: list[Hit] = []
        if self._pattern is None:
            return found
        for number, text in enumerate(paragraphs, start=1):
            for match in self._pattern.finditer(text):
                entity = self._entity.get(match.group(0))
                if entity is not None:
                    found.append(Hit(number, match.start(), match.end(), match.group(0), entity))
        return found


def mentions(hits: list[Hit], kind: str, dateline: list[tuple[Entity, str]] = ()) -> tuple[Mention, ...]:
    """Mentions of one kind, in order of first appearance (the dateline's places first).

    ``hits`` are the registry's and detection's, in reading order; ``dateline``
    the (entity, form as printed) a dateline names ("BEIJING"; "REYKJAVIK,
    Iceland" names two). A detected entity's mention is marked as not reviewed.
    Linear in the hits: forms and paragraphs are kept in insertion-ordered
    dicts, not searched lists."""
    order: dict[str, tuple[Entity, dict[str, None], dict[int, None]]] = {}
    for entity, form in dateline:
        if entity.kind == kind and entity.id not in order:
            order[entity.id] = (entity, {form: None}, {1: None})
    for hit in hits:
        if hit.entity.kind != kind:
            continue
        entry = order.setdefault(hit.entity.id, (hit.entity, {}, {}))
        entry[1].setdefault(hit.form)
        entry[2].setdefault(hit.paragraph)
    return tuple(
        Mention(name=entity.name, forms=tuple(forms), paragraphs=tuple(sorted(paras)), id=entity.id,
                reviewed=entity.reviewed)
        for entity, forms, paras in order.values()
    )
