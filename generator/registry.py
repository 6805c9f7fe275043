"""The entity registry, ``site-data/entities.yml``: it decides identity.

Entities it lacks that detection finds in the articles join it for the build
(:func:`with_unreviewed`), marked as not reviewed.

Each entity has an ``id`` (slug, used in URLs), a canonical ``name``, a
``kind`` (person, organisation, place), ``aliases`` (other surface forms seen
in articles), an optional ``description`` and ``wikidata`` ID. An alias
claimed by two entities is an error.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import limits
from .diagnostics import Diagnostic, InputError, unknown_key_message
from .yamlio import load_yaml_file

if TYPE_CHECKING:
    from .records import Article

KINDS = ("person", "organisation", "place")
KEYS = ("id", "name", "kind", "aliases", "description", "wikidata")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WIKIDATA_PATTERN = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(slots=True, frozen=True)
class Entity:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    wikidata: str | None = None
    line: int = 0  # where it is defined in entities.yml
    reviewed: bool = True  # False: found in the text by detection, not in entities.yml

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form that names this entity: the name first."""
        return (self.name, *self.aliases)


@dataclass(slots=True, frozen=True)
class Registry:
    entities: tuple[Entity, ...]
    path: str = "site-data/entities.yml"

    def by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    def by_form(self) -> dict[str, Entity]:
        return {form: e for e in self.entities for form in e.forms}

    def lookup(self, form: str) -> Entity | None:
        """Find an entity by a surface form, ignoring case (slow: build a Matcher for bulk work)."""
        wanted = form.casefold()
        return next((e for e in self.entities if any(f.casefold() == wanted for f in e.forms)), None)


EMPTY = Registry(())


KIND_ORDER = ("person", "organisation", "place")


def with_unreviewed(registry: Registry, articles: "list[Article]") -> Registry:
    """The registry and, after its entities, every entity the articles mention that it lacks.

    Mentions marked not reviewed are merged by id: the entity's name is the
    one most articles use (ties: the longest, then the first in alphabetical
    order), its kind the one most mentions have, its aliases the other names
    and surface forms seen (a form another entity also uses is left out).
    Deterministic: the same articles give the same entities in any order."""
    known = {e.id for e in registry.entities}
    names: dict[str, Counter[str]] = {}
    kinds: dict[str, Counter[str]] = {}
    forms: dict[str, set[str]] = {}
    for article in articles:
        for kind, mentions in (("person", article.people), ("organisation", article.organisations),
                               ("place", article.places)):
            for mention in mentions:
                if mention.reviewed or not mention.id or mention.id in known:
                    continue
                names.setdefault(mention.id, Counter())[mention.name] += 1
                kinds.setdefault(mention.id, Counter())[kind] += 1
                forms.setdefault(mention.id, set()).update((mention.name, *mention.forms))
    if not names:
        return registry
    claimed = Counter(form for eid in forms for form in forms[eid])
    registered = registry.by_form()
    added = []
    for eid in sorted(names):
        name = sorted(names[eid].items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
        kind = sorted(kinds[eid].items(), key=lambda kv: (-kv[1], KIND_ORDER.index(kv[0])))[0][0]
        aliases = tuple(sorted(f for f in forms[eid] if f != name and claimed[f] == 1 and f not in registered))
        added.append(Entity(id=eid, name=name, kind=kind, aliases=aliases, reviewed=False))
    return Registry(registry.entities + tuple(added), registry.path)



def load_registry(path: Path, rel: str = "site-data/entities.yml",
                  problems: list[Diagnostic] | None = None) -> Registry:
    """Read and validate the registry; raise InputError on the first problem.

    With ``problems`` (a list), a bad entity (its own fields, an id or an alias
    another entity has already claimed) is recorded there and left out, and the
    others are kept; only a file that cannot be read as a list of entities raises."""
    if not path.exists():
        return Registry((), rel)
    data, lines = load_yaml_file(path, rel)
    if data is None:
        return Registry((), rel)
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise InputError(rel, "expected a mapping with a list under 'entities'", line=1,
                         fix="start the file with 'entities:' and list entities under it")
    entities: list[Entity] = []
    seen_ids: dict[str, int] = {}
    seen_forms: dict[str, tuple[str, int]] = {}
    for index, item in enumerate(data["entities"]):
        line = lines.get(("entities", index), 0)
        try:
            entity = _entity(item, rel, line, lambda *key, i=index, at=line: lines.get(("entities", i, *key), at))
            _check_unique(entity, rel, line, seen_ids, seen_forms)
        except InputError as exc:
            if problems is None:
                raise
            problems.append(exc.diagnostic)
            continue
        seen_ids[entity.id] = line
        seen_forms.update((form, (entity.id, line)) for form in entity.forms)
        entities.append(entity)
    return Registry(tuple(entities), rel)


def _check_unique(entity: Entity, rel: str, line: int, seen_ids: dict[str, int],
                  seen_forms: dict[str, tuple[str, int]]) -> None:
    """Raise InputError if an entity before this one has its id or one of its names."""
    if entity.id in seen_ids:
        raise InputError(rel, f"duplicate id {entity.id!r} (first at line {seen_ids[entity.id]})",
                         line=line, fix="give each entity its own id")
    for form in entity.forms:
        other = seen_forms.get(form)
        if other and other[0] != entity.id:
            raise InputError(rel, f"alias {form!r} is claimed by {other[0]!r} (line {other[1]}) "
                             f"and {entity.id!r}", line=line,
                             fix="keep the alias on one entity only")


def _entity(item: object, rel: str, line: int, line_of: Callable[..., int]) -> Entity:
    """One entity; ``line_of(key, ...)`` is the line of a key inside it (``line`` if unknown)."""
    if not isinstance(item, dict):
        raise InputError(rel, "each entity must be a mapping", line=line,
                         fix="write '- id: ...' with name, kind and aliases")
    for key in item:
        if key not in KEYS:
            message, fix = unknown_key_message(str(key), KEYS)
            raise InputError(rel, message, line=line, fix=fix)
    for key in ("id", "name", "kind"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise InputError(rel, f"missing or empty {key!r}", line=line, fix=f"add '{key}: ...'")
    limits.check_length(item["id"], limits.ENTITY_ID, rel, "id", line=line_of("id"),
                        fix="use a short slug: it names the entity's page, e.g. 'xi-jinping'")
    if not ID_PATTERN.match(item["id"]):
        raise InputError(rel, f"id {item['id']!r} is not a slug", line=line,
                         fix="use lower-case letters, digits and hyphens, e.g. 'xi-jinping'")
    limits.check_length(item["name"].strip(), limits.NAME, rel, f"name of {item['id']!r}", line=line_of("name"),
                        fix="give the name as articles print it; a longer account goes in 'description'")
    if item["kind"] not in KINDS:
        raise InputError(rel, f"kind {item['kind']!r} is not one of {', '.join(KINDS)}", line=line,
                         fix="use person, organisation or place")
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise InputError(rel, f"aliases of {item['id']!r} must be a list of names", line=line,
                         fix="write 'aliases: [WHO, World Health Organisation]'")
    for number, alias in enumerate(aliases, start=1):
        limits.check_length(alias.strip(), limits.NAME, rel, f"alias {number} of {item['id']!r}",
                            line=line_of("aliases", number - 1), fix="an alias is another name as articles print it")
    wikidata = item.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and WIKIDATA_PATTERN.match(wikidata)):
        raise InputError(rel, f"wikidata {wikidata!r} is not a Wikidata ID", line=line,
                         fix="use the Q-number, e.g. 'Q7817'")
    description = item.get("description") or ""
    if not isinstance(description, str):
        raise InputError(rel, "description must be text", line=line)
    limits.check_length(description.strip(), limits.DESCRIPTION, rel, f"description of {item['id']!r}",
                        line=line_of("description"), fix="shorten it; link to a fuller account instead")
    return Entity(id=item["id"], name=item["name"].strip(), kind=item["kind"],
                  aliases=tuple(a.strip() for a in aliases), description=description.strip(),
                  wikidata=wikidata, line=line)
