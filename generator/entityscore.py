"""Entity precision and recall for ``newsarchive eval``: people, organisations, places.

An expectation file lists the names a person finds in the article, by kind::

    people: [Tomas Varga, Lena Ostrova]
    organisations: [Vellan Water Board]
    places: [Vellan, Geneva]

An extracted mention matches an expected name of the same kind when their
normalised names are equal (case, "the", a possessive and full stops do not
count: "Maria van Kerkhove" is "Maria Van Kerkhove"). Precision is matched /
extracted and recall matched / expected, micro-averaged over the files; a
name counts once per article however often it is mentioned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .extract.detect import normalise

KINDS = (("people", "person"), ("organisations", "organisation"), ("places", "place"))
FIELD_NAMES = tuple(name for name, _ in KINDS)


@dataclass(slots=True)
class Counts:
    expected: int = 0
    extracted: int = 0
    matched: int = 0

    def add(self, other: "Counts") -> None:
        self.expected += other.expected
        self.extracted += other.extracted
        self.matched += other.matched

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True, frozen=True)
class EntityMiss:
    file: str
    field: str  # people | organisations | places
    missed: tuple[str, ...]  # expected, not extracted
    extra: tuple[str, ...]  # extracted, not expected

    def format(self) -> str:
        parts = []
        if self.missed:
            parts.append("missed " + ", ".join(repr(n) for n in self.missed))
        if self.extra:
            parts.append("extra " + ", ".join(repr(n) for n in self.extra))
        return f"{self.file}: {self.field}: " + "; ".join(parts)


@dataclass(slots=True)
class EntityScore:
    """One file's entity counts by field, and what did not match."""

    counts: dict[str, Counts] = field(default_factory=dict)
    misses: list[EntityMiss] = field(default_factory=list)


def expected_names(value: Any) -> tuple[str, ...] | None:
    """An expectation's list of names (None when it is not a list of text)."""
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    return None


def score(file: str, expected: dict[str, Any], article: Any) -> EntityScore:
    """Compare ``article``'s people / organisations / places with the expected names."""
    result = EntityScore()
    for name, _ in KINDS:
        if name not in expected:
            continue
        want = {normalise(n): n for n in expected[name]}
        got = {normalise(m.name): m.name for m in getattr(article, name)}
        matched = want.keys() & got.keys()
        result.counts[name] = Counts(len(want), len(got), len(matched))
        missed = tuple(want[k] for k in want if k not in matched)
        extra = tuple(got[k] for k in got if k not in matched)
        if missed or extra:
            result.misses.append(EntityMiss(file, name, missed, extra))
    return result


def total(scores: list[EntityScore], name: str | None = None) -> Counts:
    """Counts summed over files, for one field or all three."""
    counts = Counts()
    for s in scores:
        for field_name, c in s.counts.items():
            if name is None or field_name == name:
                counts.add(c)
    return counts


def format_scores(scores: list[EntityScore], label: str = "entities") -> list[str]:
    """Report lines: one per field, then all three together."""
    lines = [f"{label:<14} {'expected':>8} {'extracted':>9} {'matched':>7} {'precision':>9} {'recall':>7} "
             f"{'F1':>6}"]
    for name in (*FIELD_NAMES, None):
        c = total(scores, name)
        lines.append(f"{name or 'all':<14} {c.expected:>8} {c.extracted:>9} {c.matched:>7} {c.precision:>9.3f} "
                     f"{c.recall:>7.3f} {c.f1:>6.3f}")
    return lines
