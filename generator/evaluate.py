"""Extraction quality against hand-written expectations: ``newsarchive eval DIR``.

``DIR`` holds raw files in any format the readers know, each beside
``<stem>.expected.yml`` (``<stem>`` is the file name without its extension)
giving the front matter a person expects::

    reader: chinadaily          # optional: the reader the content must pick
    title: ...
    published: "2025-02-27T06:55:00+08:00"
    agency: China Daily
    publisher: China Daily
    dateline: {place: BEIJING, date: "2025-02-26", text: BEIJING}   # or null
    editors: []
    byline: [Zhou Wenting, Li Na]
    paragraphs:
      - ...
    people: [Tomas Varga]       # optional: the names a person finds, by kind
    organisations: [Vellan Water Board]
    places: [Beijing, Vellan]

or, for a file that must be refused (a wire advisory, a multi-part story, a
file of several stories)::

    rejected: "not an article"  # a piece of the one-line error expected

A file is read as the build reads it: the reader is chosen by content and the
sidecar ``<stem>.meta.yml``, if any, is applied. Subdirectories are searched.

Measures: per-field exact match (of the fields named in the expectations);
body paragraphs' precision, recall and F1, matching whole paragraphs exactly
(micro-averaged over the files: a paragraph counts once per occurrence);
"leaked page-chrome lines", extracted paragraphs the expectation does not
have that match a known page-chrome pattern (:data:`CHROME_PATTERNS`); and
refusals as expected; and for files that list people, organisations and
places, entity precision and recall (:mod:`generator.entityscore`), with the
names missed and the extra ones (these are measured, they do not make the
run fail).

Intended CLI output (``format_table``), exit status 1 when ``not result.ok``::

    Extraction quality: tests/fixtures/formats (16 articles, 6 to refuse)

    field       exact    rate
    reader      16/16  100.0%
    title       16/16  100.0%
    ...
    paragraphs  16/16  100.0%

    body paragraphs: precision 1.000  recall 1.000  F1 1.000  (75 expected, 75 extracted, 75 matched)
    leaked page-chrome lines: 0
    refused as expected: 6/6

    reader        files  fields  precision  recall     F1  chrome
    chinadaily        3   27/27      1.000   1.000  1.000       0
    ...

    mismatches: none

With mismatches, one line each after "mismatches:"::

      chinadaily/cd-rail-link.txt: byline: expected 'ZHOU WENTING, LI NA', got 'ZHOU WENTING/LI NA'

and problems with the expectation files themselves (missing, bad YAML,
unknown key) as ``file:line: error: message (fix)`` lines after "problems:".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

from .chrome import CHROME_PATTERNS, is_chrome  # noqa: F401 (part of this module's API)
from .diagnostics import Diagnostic, InputError, unknown_key_message
from .entityscore import FIELD_NAMES as ENTITY_FIELDS
from .entityscore import Counts, EntityMiss, EntityScore, expected_names, format_scores, score
from .extract import extract
from .extract.entities import Matcher
from .readers import load
from .records import Article, Dateline, RawArticle, byline_names
from .registry import EMPTY, Registry
from .sidecar import apply_derived, apply_raw, load_sidecar, sidecar_path
from .yamlio import load_yaml_file

FIELDS = ("reader", "title", "published", "agency", "publisher", "dateline", "editors", "byline", "paragraphs")
KEYS = FIELDS + ENTITY_FIELDS + ("rejected",)
EXPECTED_SUFFIX = ".expected.yml"
SKIPPED = ("README.md", ".gitattributes", ".gitkeep", "entities.yml")
#: what turns a read article into one with people, organisations and places (``evaluate(extractor=...)``)
Extractor = Callable[[RawArticle], Article]

@dataclass(slots=True, frozen=True)
class Mismatch:
    file: str
    field: str
    expected: Any
    got: Any

    def format(self) -> str:
        return f"{self.file}: {self.field}: expected {_show(self.expected)}, got {_show(self.got)}"


@dataclass(slots=True)
class FixtureResult:
    file: str  # relative to the evaluated directory
    reader: str | None  # the reader that read it (None when reading failed)
    fields: dict[str, bool]  # field -> exact match, for the fields expected
    expected_paragraphs: int = 0
    extracted_paragraphs: int = 0
    matched_paragraphs: int = 0
    leaked: tuple[str, ...] = ()
    refusal_expected: str | None = None
    refused_as_expected: bool | None = None  # None when no refusal was expected


@dataclass(slots=True)
class Totals(Counts):
    """Body paragraphs (``expected`` / ``extracted`` / ``matched``, with precision, recall and F1
    from :class:`~generator.entityscore.Counts`) and fields, summed over files."""

    files: int = 0
    fields_matched: int = 0
    fields_total: int = 0
    leaked: int = 0


@dataclass(slots=True)
class EvalResult:
    directory: str
    fixtures: list[FixtureResult] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    entities: list[EntityScore] = field(default_factory=list)  # files that expect people, organisations, places

    @property
    def entity_misses(self) -> list[EntityMiss]:
        return [m for s in self.entities for m in s.misses]

    @property
    def articles(self) -> list[FixtureResult]:
        return [f for f in self.fixtures if f.refusal_expected is None]

    @property
    def refusals(self) -> list[FixtureResult]:
        return [f for f in self.fixtures if f.refusal_expected is not None]

    def field_rates(self) -> dict[str, tuple[int, int]]:
        """field -> (exact matches, files expecting it), in FIELDS order."""
        rates: dict[str, tuple[int, int]] = {}
        for name in FIELDS:
            checked = [f.fields[name] for f in self.articles if name in f.fields]
            if checked:
                rates[name] = (sum(checked), len(checked))
        return rates

    def totals(self, reader: str | None = None) -> Totals:
        totals = Totals()
        for f in self.articles:
            if reader is not None and f.reader != reader:
                continue
            totals.files += 1
            totals.fields_matched += sum(f.fields.values())
            totals.fields_total += len(f.fields)
            totals.expected += f.expected_paragraphs
            totals.extracted += f.extracted_paragraphs
            totals.matched += f.matched_paragraphs
            totals.leaked += len(f.leaked)
        return totals

    @property
    def ok(self) -> bool:
        return (not self.mismatches and not self.problems and bool(self.fixtures)
                and all(f.refused_as_expected is not False for f in self.fixtures))


def _show(value: Any) -> str:
    text = repr(list(value) if isinstance(value, tuple) else value)
    return text if len(text) <= 120 else text[:117] + "..."


def _normalise(name: str, value: Any) -> Any:
    """Expected YAML values in the form a RawArticle field has."""
    if name == "published" and isinstance(value, (datetime, date)):
        return value.isoformat()
    if name in ("editors", "paragraphs") and isinstance(value, list):
        return tuple(str(v) for v in value)
    if name == "byline":
        return byline_names(value)
    if name == "dateline" and isinstance(value, dict):
        return {k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in value.items()}
    return value


def _actual(raw: RawArticle, name: str) -> Any:
    value = getattr(raw, name)
    if isinstance(value, Dateline):
        return value.to_data()
    return value


def load_expected(path: Path, rel: str) -> dict[str, Any]:
    data, lines = load_yaml_file(path, rel)
    if not isinstance(data, dict):
        raise InputError(rel, "expectations must be a mapping of field: value", line=1,
                         fix="write e.g. 'title: The expected headline'")
    for key in data:
        if key not in KEYS:
            message, fix = unknown_key_message(str(key), KEYS)
            raise InputError(rel, message, line=lines.get((key,)), fix=fix)
    if "rejected" in data and len(data) > 1:
        raise InputError(rel, "'rejected' cannot be combined with expected fields", line=lines.get(("rejected",)),
                         fix="keep only 'rejected: <part of the expected error>'")
    for key in ENTITY_FIELDS:
        if key in data and expected_names(data[key] if data[key] is not None else []) is None:
            raise InputError(rel, f"{key} must be a list of names", line=lines.get((key,)),
                             fix=f"write e.g. '{key}: [Tomas Varga, Lena Ostrova]'")
    return {k: (list(v or []) if k in ENTITY_FIELDS else _normalise(k, v)) for k, v in data.items()}


def fixture_files(directory: Path) -> list[Path]:
    return sorted(
        p for p in directory.rglob("*")
        if p.is_file() and not p.name.startswith(".") and p.name not in SKIPPED
        and not p.name.endswith((EXPECTED_SUFFIX, ".meta.yml"))
    )


def expected_path(raw: Path) -> Path:
    stem = raw.name.rsplit(".", 1)[0] if "." in raw.name else raw.name
    return raw.with_name(stem + EXPECTED_SUFFIX)


def read_as_built(path: Path, rel: str) -> RawArticle:
    """What the build's read stage gives: the reader chosen by content, the sidecar applied."""
    side = sidecar_path(path)
    return apply_raw(load(path, rel), load_sidecar(side, Path(rel).with_name(side.name).as_posix()))


def evaluate_file(path: Path, rel: str, expected: dict[str, Any]) -> tuple[FixtureResult, list[Mismatch]]:
    result, misses, _ = _evaluate_file(path, rel, expected, None)
    return result, misses


def _entities(raw: RawArticle | None, path: Path, rel: str, expected: dict[str, Any],
              extractor: Extractor) -> EntityScore | None:
    """Entity precision and recall of one file, when its expectations name entities."""
    if not any(k in expected for k in ENTITY_FIELDS):
        return None
    article: Any = _NoEntities()
    if raw is not None:
        try:
            side = sidecar_path(path)
            article = extractor(raw)
            if isinstance(article, Article):  # a sidecar's corrections apply as in the build
                article = apply_derived(article, load_sidecar(side, Path(rel).with_name(side.name).as_posix()))
        except InputError:
            pass  # the read mismatch already says why; every expected entity counts as missed
    return score(rel, expected, article)


class _NoEntities:
    people: tuple = ()
    organisations: tuple = ()
    places: tuple = ()


def _evaluate_file(path: Path, rel: str, expected: dict[str, Any], extractor: Extractor | None
                   ) -> tuple[FixtureResult, list[Mismatch], EntityScore | None]:
    refusal = expected.get("rejected")
    try:
        raw = read_as_built(path, rel)
    except InputError as exc:
        message = exc.diagnostic.message
        if refusal is not None:
            ok = str(refusal) in message
            misses = [] if ok else [Mismatch(rel, "rejected", refusal, message)]
            return (FixtureResult(rel, None, {}, refusal_expected=str(refusal), refused_as_expected=ok), misses,
                    None)
        names = [n for n in FIELDS if n in expected]
        result = FixtureResult(rel, None, {n: False for n in names},
                               expected_paragraphs=len(expected.get("paragraphs", ())))
        entities = _entities(None, path, rel, expected, extractor) if extractor else None
        return result, [Mismatch(rel, "read", "an article", exc.diagnostic.format())], entities
    if refusal is not None:
        return (FixtureResult(rel, raw.reader, {}, refusal_expected=str(refusal), refused_as_expected=False),
                [Mismatch(rel, "rejected", refusal, f"read as an article by {raw.reader}")], None)
    fields: dict[str, bool] = {}
    misses: list[Mismatch] = []
    for name in FIELDS:
        if name not in expected:
            continue
        got = _actual(raw, name)
        fields[name] = got == expected[name]
        if not fields[name]:
            misses.append(Mismatch(rel, name, expected[name], got))
    want = Counter(expected.get("paragraphs", ()))
    got_paras = Counter(raw.paragraphs)
    extra = [p for p in raw.paragraphs if p not in want]
    result = FixtureResult(
        rel, raw.reader, fields,
        expected_paragraphs=sum(want.values()) if "paragraphs" in expected else 0,
        extracted_paragraphs=sum(got_paras.values()) if "paragraphs" in expected else 0,
        matched_paragraphs=sum((want & got_paras).values()) if "paragraphs" in expected else 0,
        leaked=tuple(p for p in extra if is_chrome(p)),
    )
    return result, misses, (_entities(raw, path, rel, expected, extractor) if extractor else None)


def evaluate(directory: Path | str, registry: Registry = EMPTY, extractor: Extractor | None = None) -> EvalResult:
    """Read every fixture in ``directory`` and compare it with its expectations.

    People, organisations and places are extracted with ``registry`` (none by
    default: what detection finds alone), or by ``extractor`` (to compare
    approaches, ``bench/ner_compare.py``)."""
    directory = Path(directory)
    if extractor is None:
        matcher = Matcher(registry)
        extractor = lambda raw: extract(raw, matcher)  # noqa: E731
    result = EvalResult(directory.as_posix())
    if not directory.is_dir():
        result.problems.append(Diagnostic("error", directory.as_posix(), None, "not a directory",
                                          "give a folder of raw files with .expected.yml beside them"))
        return result
    for path in fixture_files(directory):
        rel = path.relative_to(directory).as_posix()
        exp_path = expected_path(path)
        exp_rel = exp_path.relative_to(directory).as_posix()
        if not exp_path.exists():
            result.problems.append(Diagnostic("error", rel, None, f"no expectations ({exp_rel} is missing)",
                                              f"write {exp_rel} with the fields you expect"))
            continue
        try:
            expected = load_expected(exp_path, exp_rel)
        except InputError as exc:
            result.problems.append(exc.diagnostic)
            continue
        fixture, misses, entities = _evaluate_file(path, rel, expected, extractor)
        result.fixtures.append(fixture)
        result.mismatches.extend(misses)
        if entities is not None:
            result.entities.append(entities)
    return result


def format_table(result: EvalResult) -> str:
    """The report ``newsarchive eval DIR`` prints (see the module docstring)."""
    out = [f"Extraction quality: {result.directory} ({len(result.articles)} articles, "
           f"{len(result.refusals)} to refuse)", "", f"{'field':<11} {'exact':>6} {'rate':>7}"]
    for name, (hits, total) in result.field_rates().items():
        out.append(f"{name:<11} {f'{hits}/{total}':>6} {100 * hits / total:>6.1f}%")
    totals = result.totals()
    out += ["",
            f"body paragraphs: precision {totals.precision:.3f}  recall {totals.recall:.3f}  F1 {totals.f1:.3f}"
            f"  ({totals.expected} expected, {totals.extracted} extracted, {totals.matched} matched)",
            f"leaked page-chrome lines: {totals.leaked}",
            f"refused as expected: {sum(bool(f.refused_as_expected) for f in result.refusals)}"
            f"/{len(result.refusals)}",
            "",
            f"{'reader':<12} {'files':>5} {'fields':>7} {'precision':>10} {'recall':>7} {'F1':>6} {'chrome':>7}"]
    for reader in sorted({f.reader or "(unread)" for f in result.articles}):
        t = _unread(result) if reader == "(unread)" else result.totals(reader)
        out.append(f"{reader:<12} {t.files:>5} {f'{t.fields_matched}/{t.fields_total}':>7} {t.precision:>10.3f}"
                   f" {t.recall:>7.3f} {t.f1:>6.3f} {t.leaked:>7}")
    out.append("")
    if result.entities:
        out += format_scores(result.entities, f"entities ({len(result.entities)} files)")
        out.append("")
    if result.mismatches:
        out.append("mismatches:")
        out += ["  " + m.format() for m in result.mismatches]
    else:
        out.append("mismatches: none")
    if result.entities:
        misses = result.entity_misses
        out.append("entity misses:" + ("" if misses else " none"))
        out += ["  " + m.format() for m in misses]
    if result.problems:
        out.append("problems:")
        out += ["  " + d.format() for d in result.problems]
    return "\n".join(out) + "\n"


def _unread(result: EvalResult) -> Totals:
    totals = Totals()
    for f in result.articles:
        if f.reader is None:
            totals.files += 1
            totals.fields_total += len(f.fields)
            totals.expected += f.expected_paragraphs
    return totals
