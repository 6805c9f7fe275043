"""CPU time of reading and extracting one article, entity detection included.

    python bench/extract_bench.py [--n 300] [--repeat 3]

Measured in one process, on one core, as CPU time (``time.process_time``),
best of ``--repeat`` passes, for:

* the seed article (site-data/raw/) with the sample registry;
* ``--n`` synthetic articles in the seed's format (bench/synth.py, about 600
  words each) with their registry (300 people, 150 organisations, 150
  places), and with no registry, so that detection finds every entity;
* the TEST FIXTURE articles of tests/fixtures/formats (every reader), no registry.

For each: read + extract per article, extract alone, and the part of it spent
in entity detection (``generator.extract.detect.detect`` and the registry-hit
check before it). The gazetteer is loaded once per process before timing
(about 0.4 s), as the build does once per worker. The target (issue 15) is
10 ms per article or less.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import generator.extract as extract_stage  # noqa: E402
from generator.evaluate import fixture_files, read_as_built  # noqa: E402
from generator.extract.entities import Matcher  # noqa: E402
from generator.extract.gazetteer import places  # noqa: E402
from generator.readers import load  # noqa: E402
from generator.registry import EMPTY, load_registry  # noqa: E402


class Clock:
    """CPU time spent inside the wrapped functions."""

    def __init__(self):
        self.seconds = 0.0

    def wrap(self, fn):
        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds += time.process_time() - start
        return timed


def measure(label: str, files: list[Path], read, matcher: Matcher, repeat: int) -> dict:
    raws = [read(p) for p in files]
    best = None
    for _ in range(repeat):
        clock = Clock()
        originals = (extract_stage.detect, extract_stage.inside_larger_names)
        extract_stage.detect, extract_stage.inside_larger_names = (clock.wrap(f) for f in originals)
        try:
            start = time.process_time()
            for p in files:
                read(p)
            reading = time.process_time() - start
            start = time.process_time()
            for raw in raws:
                extract_stage.extract(raw, matcher)
            extracting = time.process_time() - start
        finally:
            extract_stage.detect, extract_stage.inside_larger_names = originals
        run = {"read": reading, "extract": extracting, "detect": clock.seconds}
        if best is None or run["read"] + run["extract"] < best["read"] + best["extract"]:
            best = run
    n = len(files)
    words = sum(len(" ".join(r.paragraphs).split()) for r in raws) / n
    row = {"label": label, "articles": n, "words": round(words),
           **{k: round(1000 * v / n, 3) for k, v in best.items()}}
    print(f"{label:<44} {n:>5} {row['words']:>6} {row['read'] + row['extract']:>9.2f} {row['extract']:>8.2f} "
          f"{row['detect']:>7.2f}")
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="synthetic articles (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="passes; the best is kept (default 3)")
    args = parser.parse_args(argv)
    start = time.process_time()
    places()
    print(f"gazetteer loaded in {time.process_time() - start:.2f} s CPU ({len(places())} names)\n")
    print(f"{'ms of CPU per article':<44} {'n':>5} {'words':>6} {'read+extr':>9} {'extract':>8} {'detect':>7}")
    seed = sorted((ROOT / "site-data/raw").glob("*.txt"))
    sample = Matcher(load_registry(ROOT / "site-data/entities.yml"))
    measure("seed article, sample registry", seed, lambda p: load(p, p.name), sample, args.repeat * 10)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "synth"
        subprocess.run([sys.executable, str(ROOT / "bench/synth.py"), "--n", str(args.n), "--out", str(out)],
                       check=True, stdout=subprocess.DEVNULL)
        files = sorted((out / "raw").glob("*.txt"))
        synth_registry = Matcher(load_registry(out / "entities.yml"))
        measure("synthetic, their registry (600 entities)", files, lambda p: load(p, p.name), synth_registry,
                args.repeat)
        measure("synthetic, no registry (detection only)", files, lambda p: load(p, p.name), Matcher(EMPTY),
                args.repeat)
    fixtures = [p for p in fixture_files(ROOT / "tests/fixtures/formats")
                if p.with_name(p.name.rsplit(".", 1)[0] + ".expected.yml").read_text(encoding="utf-8")
                .find("rejected:") < 0]
    measure("TEST FIXTURE articles (every reader), none", fixtures,
            lambda p: read_as_built(p, p.name), Matcher(EMPTY), args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
