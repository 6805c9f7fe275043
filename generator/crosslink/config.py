"""Settings for the cross-link stage, read from ``extra.newsarchive`` in mkdocs.yml.

::

    extra:
      newsarchive:
        related:          # RelatedConfig: how "related coverage" is scored
          count: 5
          person: 3.0
        pages:            # PagesConfig: how long generated listing pages get
          page_size: 50

Every key is optional; an unknown key is an error naming the closest valid one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import InputError, unknown_key_message


@dataclass(slots=True, frozen=True)
class RelatedConfig:
    """How related articles are scored (see :func:`generator.crosslink.related.related`).

    score(a, b) = sum over entities both mention of  weight(kind) * idf(entity)
                + sum over key-figure subject words both use of  figure * idf(word)
                + time * 0.5 ** (days between them / half_life_days)

    where idf(t) = ln(1 + N / df(t)) (N articles, df(t) articles with t), so an
    entity in every article ("China") counts about half as much as one in a few.
    The time term only breaks ties between articles that already share something.
    """

    count: int = 5  # related articles listed per article, at most
    threshold: float = 1.0  # lowest score listed
    person: float = 3.0  # weight of a shared person
    organisation: float = 2.0  # weight of a shared organisation
    place: float = 1.0  # weight of a shared place
    figure: float = 0.5  # weight of a shared key-figure subject word ("cases", "vaccines")
    time: float = 1.0  # bonus for appearing on the same day; halves every half_life_days
    half_life_days: float = 30.0
    max_postings: int = 50  # entities in more articles than this are "common": see related()
    window: int = 5  # a common entity pairs an article with this many neighbours in time each side


@dataclass(slots=True, frozen=True)
class PagesConfig:
    """How many items a generated listing page holds before it continues on page-2.md, ..."""

    page_size: int = 50  # articles per entity, agency and editor page
    figures_page_size: int = 200  # figures per key-figures page
    timeline_page_size: int = 300  # events per timeline page (pages are per year)
    cooccurring: int = 20  # entities listed under "Often mentioned with"
    highlights: int = 10  # latest quotes, key figures and events on an entity's first page
    context: int = 160  # characters of the first-mention sentence shown per article on entity pages


@dataclass(slots=True, frozen=True)
class FeedsConfig:
    """How many entries each feed holds (generator/feeds.py)."""

    articles: int = 50  # the site-wide feed of the newest articles
    per_page: int = 10  # each agency's and each entity's feed
    notes: int = 50  # the feeds of the newest notes and of the newest fact-checks


@dataclass(slots=True, frozen=True)
class CrosslinkConfig:
    related: RelatedConfig = field(default_factory=RelatedConfig)
    pages: PagesConfig = field(default_factory=PagesConfig)
    feeds: FeedsConfig = field(default_factory=FeedsConfig)


SECTIONS = {"related": RelatedConfig, "pages": PagesConfig, "feeds": FeedsConfig}


class _MkDocsLoader(yaml.SafeLoader):
    """SafeLoader that tolerates MkDocs' own tags (``!relative``, ``!ENV``,
    ``!!python/name:``) by reading them as plain values: we only look at
    ``extra.newsarchive`` and never execute anything."""


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_MkDocsLoader.add_multi_constructor("!", _plain)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


def _node_at(node: yaml.Node | None, path: tuple[str, ...]) -> tuple[yaml.Node | None, dict[str, int]]:
    """The node at ``path`` in a composed document and the line of each of its keys."""
    for key in path:
        if not isinstance(node, yaml.MappingNode):
            return None, {}
        node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    if not isinstance(node, yaml.MappingNode):
        return node, {}
    return node, {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def _section(cls: type, data: Any, rel: str, where: str, lines: dict[str, int], line: int | None) -> Any:
    if data is None:
        return cls()
    if not isinstance(data, dict):
        raise InputError(rel, f"{where} must be a mapping, got {data!r}", line=line,
                         fix=f"write keys under '{where.rsplit('.', 1)[-1]}:', e.g. {fields(cls)[0].name}: "
                             f"{fields(cls)[0].default}")
    known = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            message, fix = unknown_key_message(str(key), known)
            raise InputError(rel, f"{message} in {where}", line=lines.get(key, line), fix=fix)
        default = known[key].default
        kind = "a whole number" if isinstance(default, int) else "a number"
        ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
              and math.isfinite(value) and value >= 0)
        if isinstance(default, int) and not isinstance(value, int):
            ok = False
        positive = key in ("count", "page_size", "figures_page_size", "timeline_page_size", "half_life_days",
                           "max_postings", "articles", "per_page", "notes")
        if positive and ok and value <= 0:
            ok = False
        if not ok:
            bound = "above zero" if positive else "of zero or more"
            raise InputError(rel, f"{where}.{key} must be {kind} {bound}, got {value!r}",
                             line=lines.get(key, line), fix=f"e.g. '{key}: {default}' (the default)")
        values[key] = float(value) if isinstance(default, float) else value
    return replace(cls(), **values)


def read_mkdocs_yml(path: Path, rel: str | None = None) -> tuple[Any, yaml.Node | None]:
    """mkdocs.yml as plain data (MkDocs' own tags read as plain values) and its
    composed root node (for line numbers); (None, None) when the file is absent."""
    rel = rel or path.name
    if not path.exists():
        return None, None
    text = path.read_text(encoding="utf-8")
    try:
        loader = _MkDocsLoader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(rel, f"YAML syntax error: {exc.problem or exc.context}",
                         line=mark.line + 1 if mark else None,
                         fix="check indentation, colons and quotes on that line") from None
    return data, root


def crosslink_config_from_mkdocs(path: Path, rel: str | None = None) -> CrosslinkConfig:
    """Read ``extra.newsarchive.related``, ``.pages`` and ``.feeds`` from mkdocs.yml.

    A missing file or section gives the defaults. Other keys under
    ``extra.newsarchive`` belong to other stages and are left alone.
    """
    rel = rel or path.name
    data, root = read_mkdocs_yml(path, rel)
    extra = ((data or {}).get("extra") or {}) if isinstance(data, dict) else {}
    ours = extra.get("newsarchive") if isinstance(extra, dict) else None
    if ours is None:
        return CrosslinkConfig()
    if not isinstance(ours, dict):
        node, _ = _node_at(root, ("extra", "newsarchive"))
        raise InputError(rel, "extra.newsarchive must be a mapping", line=node.start_mark.line + 1 if node else None,
                         fix="write 'related:' and 'pages:' under it")
    sections = {}
    for name, cls in SECTIONS.items():
        node, lines = _node_at(root, ("extra", "newsarchive", name))
        line = node.start_mark.line + 1 if node is not None else None
        sections[name] = _section(cls, ours.get(name), rel, f"extra.newsarchive.{name}", lines, line)
    return CrosslinkConfig(**sections)


def related_config_from_mkdocs(path: Path, rel: str | None = None) -> RelatedConfig:
    """``extra.newsarchive.related`` from mkdocs.yml as a :class:`RelatedConfig`."""
    return crosslink_config_from_mkdocs(path, rel).related
