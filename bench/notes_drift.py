"""Figures for re-anchoring notes on revised texts (issue 16).

    .venv/bin/python bench/notes_drift.py [--set dev|heldout] [--list]

Anchors every note of the revision pairs in ``tests/fixtures/revisions/``
(TEST FIXTURES) on the new text and prints, per set and mode: lost, wrong,
missed, edges off, the share as expected and the share of drifted highlights
that are exactly the counterpart's words. ``--list`` prints every outcome
that is not as expected. Run it with ``PYTHONPATH`` pointing at another
checkout to measure another version of the anchor.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from revisions import MODES, SETS, evaluate, figures, format_figures, load_cases  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=SETS, action="append", help="only this set (repeatable)")
    parser.add_argument("--list", action="store_true", help="print every outcome not as expected")
    args = parser.parse_args()
    sets = tuple(args.set or SETS)
    outcomes, total = evaluate(load_cases(sets))
    for set_name in sets:
        for mode in MODES:
            chosen = [o for o in outcomes if o.case.set == set_name and o.case.mode == mode]
            print(format_figures(f"{set_name}/{mode}", figures(chosen)))
    print(format_figures("all", total))
    if args.list:
        for o in outcomes:
            if o.verdict != "ok":
                want = "orphan" if o.case.expect == "orphan" else f"p{o.case.paragraph} {o.case.text!r}"
                got = "orphan" if o.paragraph is None else f"p{o.paragraph} {o.text!r}"
                print(f"\n{o.verdict.upper()} {o.case.name}: quote {o.case.quote!r}\n  expected {want}\n  got      "
                      f"{got} ({o.status})")
                for message in o.messages:
                    print("  " + message[:300])
    return 0


if __name__ == "__main__":
    sys.exit(main())
