"""URL slugs for names that are not registry ids (agencies, editors, bylines):
shared by their archive pages (generator/write/listings.py) and their feeds
(generator/feeds.py), so both give a name the same address."""

from __future__ import annotations

import hashlib
from typing import Sequence

from slugify import slugify


#: characters of a name's slug before its hash suffix: a slug names a folder, and slugify can
#: make a name longer ("中国" -> "zhong-guo"); file names stop at 255 bytes
MAX_SLUG = 80


def name_slug(name: str) -> str:
    """A name's URL slug: slugify's, cut to :data:`MAX_SLUG` characters with a
    short hash of the name added when it is longer (or has no letters at all)."""
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    slug = slugify(name)
    if not slug:
        return "x-" + digest
    if len(slug) <= MAX_SLUG:
        return slug
    return slugify(name, max_length=MAX_SLUG, word_boundary=True) + "-" + digest


def slug_map(names: Sequence[str]) -> dict[str, str]:
    """A distinct URL slug for each name (deterministic: clashes numbered in name order)."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names), key=lambda n: (n.casefold(), n)):
        base = name_slug(name)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        result[name] = slug
    return result
