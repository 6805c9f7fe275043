"""URL slugs for names that are not registry ids (agencies, editors, bylines):
shared by their archive pages (generator/write/listings.py) and their feeds
(generator/feeds.py), so both give a name the same address."""

from __future__ import annotations

import hashlib
from typing import Sequence

from slugify import slugify


def slug_map(names: Sequence[str]) -> dict[str, str]:
    """A distinct URL slug for each name (deterministic: clashes numbered in name order)."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names), key=lambda n: (n.casefold(), n)):
        base = slugify(name) or "x-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        result[name] = slug
    return result
