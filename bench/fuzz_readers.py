"""Fuzz the input stages for N minutes with hypothesis and report the figures.

    .venv/bin/python bench/fuzz_readers.py --minutes 5 [--json out.json]

Targets, in turn (each gets an equal share of the time, batches of examples
until its share is used):

* ``readers``: ``generator.readers.load`` on text made of the formats' own
  lines (date, source, editor lines, SGML tags, HTML) mixed with arbitrary
  text, each reader forced or chosen by content;
* ``bytes``: ``load`` on arbitrary bytes;
* ``sidecar`` / ``registry`` / ``notes``: ``load_sidecar``, ``load_registry``
  and ``load_notes`` on YAML-ish text (keys of the schemas, YAML syntax and
  tags, anchors, dates, control and bidi characters);
* ``anchor``: ``anchor()`` on random paragraphs and quotes cut from them,
  with typographic variants (folding) and junk.

A *crash* is any exception other than a one-line ``InputError`` naming the
file (the loaders' contract), or a note loader that raises at all. An input
slower than ``--slow`` seconds is reported too. Crashes are grouped by
exception type and the innermost ``generator/`` frame, with the smallest
input seen for each. Exit status 1 if anything crashed.

Only hypothesis (a test dependency) is needed. For coverage-guided fuzzing,
atheris can drive the same targets (``pip install atheris`` in a separate
venv; it is deliberately not a test dependency): call ``check_*`` below from
``atheris.Setup(sys.argv, lambda data: check_bytes(data))``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, Phase, given, settings, strategies as st  # noqa: E402

from generator.annotations.anchor import anchor  # noqa: E402
from generator.annotations.load import load_notes  # noqa: E402
from generator.annotations.model import Note  # noqa: E402
from generator.diagnostics import InputError  # noqa: E402
from generator.readers import READERS, load  # noqa: E402
from generator.registry import load_registry  # noqa: E402
from generator.sidecar import load_sidecar  # noqa: E402

LINES = (
    "Apple News Facebook Twitter Instagram YouTube Sunday, May 17, 2020", "Apple News " * 12,
    "(Xinhua)\xa0\xa0\xa0\xa015:51, May 17, 2020", "(Xinhua) 99:99, Foo 40, 2020",
    "By A Writer (People's Daily Online) 10:44, March 30, 2020", "BEIJING, May 17 (Xinhua) -- text.",
    "MOSCOW, Feb. 30 (Xinhua) -- text.", "(Web editor: A, B)",
    "(For the latest China news, Please follow People's Daily on Twitter and Facebook)",
    "Source: Xinhua| 2020-08-17 22:11:14|Editor: huaxia", "Source: X | 2020-13-45 25:61",
    "By A/B in Shanghai | China Daily | Updated: 2025-02-27 06:55", "Home / China / Society",
    "Home" + " / A" * 12 + " /", "Passengers. [Photo/Xinhua]", "Contact the writers at x@example.org",
    "Enditem", "[Editor: Li Yan]", "Copyright 2020", "<DOC>", "</DOC>", "<DOCNO> XIE20000817.0001 </DOCNO>",
    "<DOCTYPE> NEWS STORY </DOCTYPE>", "<DOCTYPE> ADVIS </DOCTYPE>", "<DATE_TIME> 2000-08-17 06:45 </DATE_TIME>",
    "<DATE_TIME> 2000-02-30 99:99 </DATE_TIME>", "<DATE>991399</DATE>", "<HEADLINE> x (2) </HEADLINE>",
    "<TEXT>", "</TEXT>", "<P> a </P>", "<P>", "<TRAILER> NYT-06-01-98 0001EDT &QL; </TRAILER>", "(MORE)",
    "``quoted'' `x'", "By X, Associated Press Writer", "<html><body>", "<p>para</p>", "</body></html>",
    "<!doctype html>", "<meta property='article:published_time' content='2020-99-99T00:00'>",
    '<script type="application/ld+json">{"datePublished": "2020-05-17T10:00:00+08:00"}</script>',
    "<time datetime='x'>", "ETHETE, Wyo. _ text", "BEIJING -- text", "", "\u202e\u200b\u2028\x0b\x0c\x85\x01",
)
YAML_TOKENS = (
    "title", "published", "dateline", "editors", "paragraphs", "key_figures", "people", "quotes", "events",
    "word_count", "quote", "prefix", "suffix", "kind", "verdict", "body", "author", "added", "sources", "url",
    "id", "entities", "name", "aliases", "wikidata", "place", "date", "text", "value", "unit", "counts",
    "paragraph", "forms", "speaker", "expression", "person", "organisation",
    ":", ": ", " ", "\n", "\n- ", "\n  ", "- ", "\t", "'", '"', "{", "}", "[", "]", ",", "?", "|", ">", "#",
    "---", "...", "&a ", "*a", "<<: ", "!!int", "!!float", "!!timestamp", "!!binary", "!!set", "!!omap",
    "!!str", "!!python/object/apply:os.system", "%YAML 1.1\n", "2020-05-17", "2026-02-30", "2020-13-45",
    "2020-05-17T15:51:00+08:00", "null", "~", "true", "false", "12", "-1", "1e400", ".nan", "0x1F",
    "context", "fact-check", "accurate", "https://example.org", "javascript:alert(1)",
    "\x85", "\x83", "\u202e", "\ufeff", "\u2028", "[" * 40, "]" * 40,
)

Crash = tuple[str, str]


class Stats:
    def __init__(self):
        self.inputs: dict[str, int] = {}
        self.crashes: dict[Crash, dict] = {}
        self.slow: list[tuple[str, float, str]] = []

    def record(self, target: str, data, error: BaseException | None, seconds: float, slow: float) -> None:
        self.inputs[target] = self.inputs.get(target, 0) + 1
        if seconds > slow:
            self.slow.append((target, round(seconds, 2), repr(data)[:200]))
        if error is None:
            return
        frames = [f for f in traceback.extract_tb(error.__traceback__) if "/generator/" in f.filename]
        where = f"{frames[-1].filename.split('/generator/')[-1]}:{frames[-1].lineno}" if frames else "?"
        key = (f"{target}: {type(error).__name__}", where)
        seen = self.crashes.get(key)
        if seen is None or len(repr(data)) < len(seen["input"]):
            self.crashes[key] = {"count": (seen or {}).get("count", 0), "input": repr(data)[:500],
                                 "error": f"{type(error).__name__}: {error}"[:300]}
        self.crashes[key]["count"] += 1


def one_line_error(error: InputError, rel: str) -> AssertionError | None:
    text = str(error)
    if "\n" in text or "\r" in text or not text.startswith(rel):
        return AssertionError(f"not a one-line error naming {rel}: {text!r}")
    return None


def check_bytes(data: bytes, forced: str | None = None, work: Path | None = None) -> BaseException | None:
    work = work or Path(tempfile.mkdtemp())
    path = work / "fixture.txt"
    path.write_bytes(data)
    try:
        load(path, "site-data/raw/fixture.txt", forced)
    except InputError as error:
        return one_line_error(error, "site-data/raw/fixture.txt")
    except Exception as error:  # noqa: BLE001 - the point: anything else is a crash
        return error
    return None


def check_yaml(kind: str, data: bytes, work: Path) -> BaseException | None:
    try:
        if kind == "notes":
            folder = work / "annotations"
            shutil.rmtree(folder, ignore_errors=True)
            (folder / "fixture").mkdir(parents=True)
            (folder / "fixture" / "n.yml").write_bytes(data)
            _notes, report = load_notes(folder, {"fixture"}, work)
            for d in report.diagnostics:
                if "\n" in d.format():
                    return AssertionError(f"multi-line diagnostic: {d.format()!r}")
            return None
        path = work / ("x.meta.yml" if kind == "sidecar" else "entities.yml")
        path.write_bytes(data)
        (load_sidecar if kind == "sidecar" else load_registry)(path, "f.yml")
    except InputError as error:
        return one_line_error(error, "f.yml") if kind != "notes" else error
    except Exception as error:  # noqa: BLE001
        return error
    return None


def check_anchor(paragraphs: list[str], quotes: list[tuple[str, str | None, str | None]]) -> BaseException | None:
    notes = [Note(id=f"n{i}", article="a", quote=q, prefix=p, suffix=s, kind="context", verdict=None, body="b",
                  body_html="b", sources=(), author="x", added="2026-01-01", file="f.yml", line=i + 1)
             for i, (q, p, s) in enumerate(quotes)]
    try:
        placed, _report = anchor(notes, paragraphs)
        if len(placed) != len(notes):
            return AssertionError("a note was dropped")
        for a in placed:
            if a.paragraph is not None and paragraphs[a.paragraph - 1][a.start:a.end] != a.text:
                return AssertionError("anchor offsets do not give the text")
    except Exception as error:  # noqa: BLE001
        return error
    return None


texts = st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=60)), max_size=40).map("\n".join)
yamlish = st.lists(st.one_of(st.sampled_from(YAML_TOKENS), st.text(max_size=8)), max_size=60).map("".join)
readers = st.sampled_from([None] + [r.name for r in READERS])
fold_variants = st.sampled_from(["", "\u2019", "\u201c", "\u2014", " -- ", "\xa0", "\u200b", "\u2026", "  \n"])


def run(minutes: float, slow: float) -> Stats:
    stats = Stats()
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    targets = ["readers", "bytes", "sidecar", "registry", "notes", "anchor"]
    share = minutes * 60 / len(targets)

    def timed(target, data, function, *args):
        start = time.perf_counter()
        error = function(*args)
        stats.record(target, data, error, time.perf_counter() - start, slow)

    @given(text=texts, forced=readers)
    def fuzz_readers(text, forced):
        data = text.encode("utf-8", "surrogatepass")
        timed("readers", (text, forced), check_bytes, data, forced, work)

    @given(data=st.binary(max_size=2000), forced=readers)
    def fuzz_bytes(data, forced):
        timed("bytes", data, check_bytes, data, forced, work)

    def yaml_target(kind):
        @given(text=yamlish)
        def fuzz(text):
            timed(kind, text, check_yaml, kind, text.encode("utf-8", "surrogatepass"), work)
        return fuzz

    @given(paras=st.lists(st.text(min_size=1, max_size=120), min_size=1, max_size=8), data=st.data())
    def fuzz_anchor(paras, data):
        quotes = []
        for _ in range(data.draw(st.integers(0, 6))):
            p = data.draw(st.sampled_from(paras))
            a = data.draw(st.integers(0, len(p)))
            b = data.draw(st.integers(a, len(p)))
            q = p[a:b] + data.draw(fold_variants)
            if data.draw(st.booleans()):
                q = q.replace("'", "\u2019").replace("-", "\u2014")
            if data.draw(st.booleans()):
                q = data.draw(st.text(max_size=30))
            prefix = p[max(0, a - 10):a] or None if data.draw(st.booleans()) else None
            suffix = p[b:b + 10] or None if data.draw(st.booleans()) else None
            quotes.append((q if q.strip() else "x", prefix, suffix))
        timed("anchor", (paras, quotes), check_anchor, paras, quotes)

    functions = {"readers": fuzz_readers, "bytes": fuzz_bytes, "sidecar": yaml_target("sidecar"),
                 "registry": yaml_target("registry"), "notes": yaml_target("notes"), "anchor": fuzz_anchor}
    batch_settings = settings(max_examples=200, deadline=None, database=None, phases=[Phase.generate],
                              suppress_health_check=list(HealthCheck))
    for name in targets:
        test = batch_settings(functions[name])  # each call draws fresh random examples
        deadline = time.monotonic() + share
        while time.monotonic() < deadline:
            test()
    shutil.rmtree(work, ignore_errors=True)
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--slow", type=float, default=2.0, help="report inputs slower than this (seconds)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    start = time.perf_counter()
    stats = run(args.minutes, args.slow)
    elapsed = time.perf_counter() - start
    figures = {"seconds": round(elapsed, 1), "inputs": stats.inputs,
               "total_inputs": sum(stats.inputs.values()), "crash_kinds": len(stats.crashes),
               "crashes": [{"what": k[0], "where": k[1], **v} for k, v in sorted(stats.crashes.items())],
               "slow": stats.slow[:20]}
    print(f"fuzzed {figures['total_inputs']:,} inputs in {elapsed:.0f} s: "
          + ", ".join(f"{k} {v:,}" for k, v in stats.inputs.items()))
    print(f"{len(stats.crashes)} kind(s) of crash, {len(stats.slow)} slow input(s) (> {args.slow} s)")
    for crash in figures["crashes"]:
        print(f"  {crash['what']} at {crash['where']} x{crash['count']}: {crash['error']}\n    input: {crash['input']}")
    for target, seconds, data in stats.slow[:10]:
        print(f"  slow {target} {seconds} s: {data}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if stats.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
