"""Find the registry's entities in an article, with the surface forms seen.

The registry decides identity: a mention is a registered name or alias, found
case-sensitively on word boundaries, longest form first (so "WHO-China Joint
Mission on COVID-19" is one organisation, not "WHO" plus "China"). A dateline
place ("BEIJING") counts as a mention of the place it names.

``candidates`` finds capitalised names that are not registered, for
``newsarchive entities --suggest``.
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
        self._entity = registry.by_form()
        self._folded = {form.casefold(): entity for form, entity in self._entity.items()}
        words = sorted(set(MASKED_PHRASES) | set(self._entity))
        self._pattern = (
            re.compile(r"(?<![\w-])" + trie_pattern(words) + r"(?![\w]|-\w)") if self._entity else None
        )

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


def mentions(hits: list[Hit], kind: str, dateline_place: str | None, matcher: Matcher) -> tuple[Mention, ...]:
    """Mentions of one kind, in order of first appearance (linear in the hits:
    forms and paragraphs are kept in insertion-ordered dicts, not searched lists)."""
    order: dict[str, tuple[Entity, dict[str, None], dict[int, None]]] = {}
    if dateline_place:
        entity = matcher.lookup(dateline_place)
        if entity and entity.kind == kind:
            order[entity.id] = (entity, {dateline_place: None}, {1: None})
    for hit in hits:
        if hit.entity.kind != kind:
            continue
        entry = order.setdefault(hit.entity.id, (hit.entity, {}, {}))
        entry[1].setdefault(hit.form)
        entry[2].setdefault(hit.paragraph)
    return tuple(
        Mention(name=entity.name, forms=tuple(forms), paragraphs=tuple(sorted(paras)), id=entity.id)
        for entity, forms, paras in order.values()
    )


# Capitalised word sequences, allowing lower-case joiners inside ("University of Milan").
_NAME = re.compile(
    r"(?<![\w-])(?:[A-Z][\w'’.-]*[\w])(?:\s+(?:(?:of|the|and|for|van|von|de|da|al|bin)\s+)*[A-Z][\w'’.-]*[\w])+"
)
_DROP_LEADING = {"The", "In", "On", "As", "By", "After", "Since", "Starting", "When", "Chinese", "Besides",
                 "It", "He", "She", "They", "We", "This", "That", "A", "An", "And", "But"}


def candidates(paragraphs: tuple[str, ...], hits: list[Hit]) -> list[tuple[str, int, int]]:
    """Unregistered multi-word capitalised names: (name, paragraph, offset)."""
    covered = {(h.paragraph, i) for h in hits for i in range(h.start, h.end)}
    found: list[tuple[str, int, int]] = []
    for number, text in enumerate(paragraphs, start=1):
        for match in _NAME.finditer(text):
            words = match.group(0).split()
            start = match.start()
            while words and words[0] in _DROP_LEADING:
                start += len(words[0]) + 1
                words = words[1:]
            if len(words) < 2:
                continue
            name = " ".join(words)
            if any((number, i) in covered for i in range(start, start + len(name))):
                continue
            found.append((name, number, start))
    return found
