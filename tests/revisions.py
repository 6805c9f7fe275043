"""Revision pairs: notes written on an article's first text, re-anchored on its corrected one.

The pairs are ``tests/fixtures/revisions/<set>/*.yml`` (TEST FIXTURES, invented
texts; the README there gives the format). :func:`evaluate` anchors every note
on the new text in two modes, ``context`` (the 32-character prefix/suffix that
``newsarchive annotate`` records) and ``bare`` (the quote alone), and sorts
each outcome into one of:

``ok``      as expected: an orphan where one is expected, or anchored in the
            expected paragraph on exactly the expected text;
``edge``    anchored on the expected passage (the spans overlap) but the
            highlighted words differ from the expected ones;
``missed``  an orphan although a counterpart passage exists;
``wrong``   anchored where an orphan is expected, or on another passage;
``lost``    missing from what ``anchor`` returned (a note must never be lost).

Used by ``tests/test_notes_revisions.py`` and ``bench/notes_drift.py``; it
only needs ``generator.annotations.anchor`` and ``Note``, so it also measures
older versions of the anchor.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.annotations import Note, anchor

FIXTURES = Path(__file__).parent / "fixtures" / "revisions"
SETS = ("dev", "heldout", "heldout2")
MODES = ("context", "bare")
CONTEXT_CHARS = 32
VERDICTS = ("ok", "edge", "missed", "wrong", "lost")


@dataclass(slots=True, frozen=True)
class Case:
    """One note of one pair in one mode, with what a reader expects of it."""

    pair: str  # file stem
    set: str
    mode: str  # "context" or "bare"
    index: int  # note number in the file, 1-based
    quote: str
    prefix: str | None
    suffix: str | None
    expect: str  # "anchor" or "orphan"
    paragraph: int | None  # 1-based, in new
    text: str | None
    start: int | None  # offset of text in that paragraph
    old: tuple[str, ...]
    new: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.set}/{self.pair}#{self.index}-{self.mode}"

    @property
    def drifted(self) -> bool:
        """An anchor whose highlighted text is not the quote: the text changed."""
        return self.expect == "anchor" and _plain(self.text) != _plain(self.quote)


@dataclass(slots=True, frozen=True)
class Outcome:
    case: Case
    verdict: str  # one of VERDICTS
    status: str | None
    paragraph: int | None
    text: str | None
    messages: tuple[str, ...]


@dataclass(slots=True)
class Figures:
    total: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    drifted: int = 0  # drifted notes anchored on their passage (ok or edge)
    drifted_exact: int = 0  # of those, highlighted exactly

    @property
    def as_expected(self) -> float:
        return 100.0 * self.counts["ok"] / self.total if self.total else 0.0

    @property
    def exact_highlights(self) -> float:
        return 100.0 * self.drifted_exact / self.drifted if self.drifted else 100.0


def _plain(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def _context(paragraphs: tuple[str, ...], pi: int, start: int, end: int) -> tuple[str, str]:
    """At least CONTEXT_CHARS characters of whole words before and after, across
    paragraphs (joined by a space), as ``newsarchive annotate`` records them."""
    offset = sum(len(p) + 1 for p in paragraphs[:pi])
    joined = " ".join(paragraphs)
    a, b = offset + start, offset + end
    left = max(0, a - CONTEXT_CHARS)
    while left > 0 and not joined[left - 1].isspace():
        left -= 1
    right = min(len(joined), b + CONTEXT_CHARS)
    while right < len(joined) and not joined[right].isspace():
        right += 1
    return joined[left:a].strip(), joined[b:right].strip()


def _unique(haystack: str, needle: str, where: str) -> int:
    at = haystack.find(needle)
    assert at != -1, f"{where}: {needle!r} is not in the paragraph"
    assert haystack.find(needle, at + 1) == -1, f"{where}: {needle!r} occurs more than once"
    return at


def load_cases(sets: tuple[str, ...] = SETS) -> list[Case]:
    cases = []
    for set_name in sets:
        for path in sorted((FIXTURES / set_name).glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            assert path.read_text(encoding="utf-8").startswith("# TEST FIXTURE"), path
            old, new = tuple(data["old"]), tuple(data["new"])
            for index, item in enumerate(data["notes"], start=1):
                where = f"{path.name} note {index}"
                quote = item["quote"]
                hits = [(pi, p.find(quote)) for pi, p in enumerate(old) if quote in p]
                if len(hits) > 1:
                    assert item.get("prefix") or item.get("suffix"), f"{where}: quote repeated in old"
                for mode in item.get("modes", MODES):
                    expected = {**item, **(item.get("bare", {}) if mode == "bare" else {})}
                    if mode == "context" and not (item.get("prefix") or item.get("suffix")):
                        assert len(hits) == 1, f"{where}: quote not exactly once in old"
                        pi, at = hits[0]
                        prefix, suffix = _context(old, pi, at, at + len(quote))
                    else:
                        prefix, suffix = (item.get("prefix"), item.get("suffix")) if mode == "context" \
                            else (None, None)
                    paragraph = expected.get("paragraph")
                    text = expected.get("text")
                    start = None
                    if expected["expect"] == "anchor":
                        start = _unique(new[paragraph - 1], text, where)
                    cases.append(Case(path.stem, set_name, mode, index, quote, prefix or None, suffix or None,
                                      expected["expect"], paragraph, text, start, old, new))
    return cases


def _note(case: Case) -> Note:
    return Note(id=f"n{case.index}", article=case.pair, quote=case.quote, prefix=case.prefix, suffix=case.suffix,
                kind="context", verdict=None, body="TEST FIXTURE note", body_html="<p>TEST FIXTURE note</p>",
                sources=(), author="Test Fixture", added="2026-01-01", file=f"{case.pair}.yml", line=case.index)


def run(case: Case) -> Outcome:
    """Anchor the case's note alone on the new text (and check it anchors exactly on the old)."""
    (before,), _ = anchor([_note(case)], case.old)
    assert before.status == "exact", f"{case.name}: the note does not anchor exactly on the old text"
    anchored, report = anchor([_note(case)], case.new)
    messages = tuple(d.format() for d in report.diagnostics)
    if len(anchored) != 1:
        return Outcome(case, "lost", None, None, None, messages)
    item = anchored[0]
    if item.is_orphan:
        verdict = "ok" if case.expect == "orphan" else "missed"
        return Outcome(case, verdict, item.status, None, None, messages)
    if case.expect == "orphan" or item.paragraph != case.paragraph:
        verdict = "wrong"
    elif item.start == case.start and item.text == case.text:
        verdict = "ok"
    elif item.start < case.start + len(case.text) and case.start < item.end:
        verdict = "edge"
    else:
        verdict = "wrong"
    return Outcome(case, verdict, item.status, item.paragraph, item.text, messages)


def evaluate(cases: list[Case]) -> tuple[list[Outcome], Figures]:
    outcomes = [run(case) for case in cases]
    return outcomes, figures(outcomes)


def figures(outcomes: list[Outcome]) -> Figures:
    result = Figures()
    for outcome in outcomes:
        result.total += 1
        result.counts[outcome.verdict] += 1
        if outcome.case.drifted and outcome.verdict in ("ok", "edge"):
            result.drifted += 1
            result.drifted_exact += outcome.verdict == "ok"
    return result


def format_figures(label: str, result: Figures) -> str:
    c = result.counts
    return (f"{label:<18} {result.total:>4} notes: {c['lost']} lost, {c['wrong']} wrong, {c['missed']} missed, "
            f"{c['edge']} edges off; {result.as_expected:.1f}% as expected; drifted highlights exact "
            f"{result.drifted_exact}/{result.drifted} ({result.exact_highlights:.1f}%)")
