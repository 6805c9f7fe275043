"""The word alignment done by rapidfuzz's opcodes instead of ``align.align`` (the experiment behind the
note in ``generator/annotations/align.py``).

    .venv/bin/python bench/notes_align_library.py [--indel]

Every window of the paragraph between two words that match the quote's (or typos of them) is aligned
with the whole quote by ``rapidfuzz.distance.Levenshtein.opcodes`` (``Indel`` with ``--indel``) on
word lists and scored by ``align.measure``; the best two that do not overlap stand in for what
``align.align`` returns. Prints the revision-pair figures (``tests/fixtures/revisions/``, TEST FIXTURES)
with it and with ``align.align``, and the CPU time of each run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rapidfuzz.distance import Indel, Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from generator.annotations import align as A, drift  # noqa: E402
from revisions import evaluate, format_figures, load_cases  # noqa: E402


def library_align(metric, quote: list[A.Token], para: list[A.Token], alternatives: int = 1) -> list[A.Window]:
    words = [q.norm for q in quote]
    known = set(words)
    ids = [t.norm if t.norm in known else next((q.norm for q in quote if A.typo(q, t)), "\0" + t.norm)
           for t in para]
    hits = [j for j, word in enumerate(ids) if word in known]
    windows = []
    for n, start in enumerate(hits):
        for end in hits[n:]:
            if end - start > 2 * len(quote) + 6:
                break
            pairs = [(op.src_start + k, start + op.dest_start + k)
                     for op in metric.opcodes(words, ids[start:end + 1])
                     if op.tag == "equal" or op.tag == "replace" and op.src_end - op.src_start == op.dest_end - op.dest_start
                     for k in range(op.src_end - op.src_start)]
            credited = [p for p in pairs if A.credit(quote[p[0]], para[p[1]]) > 0]
            if not credited:
                continue
            pairs = [p for p in pairs if credited[0][1] <= p[1] <= credited[-1][1]]
            (qa, ta), (qb, tb) = pairs[0], pairs[-1]
            coverage, similarity = A.measure(quote, para, pairs, ta, tb)
            windows.append(A.Window(ta, tb, coverage, similarity, qa, len(quote) - 1 - qb, pairs[0], pairs[-1],
                                    tuple(pairs)))
    windows.sort(key=lambda w: (-w.similarity, -w.coverage, w.first))
    best: list[A.Window] = []
    for w in windows:
        if not any(w.first <= b.last and b.first <= w.last for b in best):
            best.append(w)
            if len(best) > alternatives:
                break
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indel", action="store_true", help="Indel (insertions and deletions only)")
    args = parser.parse_args()
    metric = Indel if args.indel else Levenshtein
    cases = load_cases()
    for label, function in (("align.align", A.align),
                            (f"{metric.__name__.rsplit('.', 1)[-1]}.opcodes", lambda q, p, alternatives=1:
                             library_align(metric, q, p, alternatives))):
        drift.align = function
        started = time.process_time()
        _, total = evaluate(cases)
        print(format_figures(label, total), f"({time.process_time() - started:.2f} s CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
