#!/usr/bin/env python3
"""Preview benchmark: how soon ``newsarchive serve --article ID`` shows a saved note.

    python bench/serve_bench.py                    # N = 10,000, 5 edits
    python bench/serve_bench.py --n 1000 --repeat 3
    python bench/serve_bench.py --generate         # first a full generate (records related coverage; slow)

The synthetic archive of N articles (bench/synth.py, seed 1; bench/out/run/N/synth
is reused when bench/run.py wrote it) goes into a scratch root
bench/out/serve/N/root (mkdocs.yml, overrides/, hand-written content/*.md,
site-data/), kept between runs so its build cache is too (``--fresh`` makes
it again). The first annotated article is previewed: ``newsarchive serve
--article ID`` starts as a subprocess on a free port, and we record

- ``startup_s``: from starting the process to the article page served (HTTP 200);
- ``update_s`` (``--repeat`` times): from writing a changed note file (a line
  added to a note's body) to the served page holding the new line, polling the
  HTTP server every 50 ms; plus one run that adds a whole new note;
- ``idle_cpu_pct``: the server's CPU use over 5 s with nothing changing (its
  file watcher polls every 0.5 s).

The note file is restored afterwards. Results go to bench/results-serve.json.
Target (issue 7): a changed note shown within 3 s on 10,000 articles. Not a
test: timings depend on the machine and on what else runs.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from run import SEED, machine, say, scratch_root, synth  # noqa: E402  (bench/run.py: same archives)

RESULTS = REPO / "bench" / "results-serve.json"
OUT = REPO / "bench" / "out" / "serve"
TARGET_UPDATE_S = 3.0
POLL_S = 0.05


def prepare(n: int, fresh: bool) -> Path:
    """The scratch root for N articles (made once; reused unless ``fresh``)."""
    where = OUT / str(n)
    root = where / "root"
    if not fresh and (root / "site-data" / "raw").is_dir() and (root / "mkdocs.yml").is_file():
        return root
    shared = REPO / "bench" / "out" / "run" / str(n)
    manifest = shared / "synth" / "synth-manifest.json"
    reuse = False
    if manifest.is_file():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        reuse = data.get("n") == n and data.get("seed") == SEED and data.get("annotated") == 0.05
    say(f"N={n}: {'reusing ' + str(shared / 'synth') if reuse else 'synthesising'}")
    synth_dir = shared / "synth" if reuse else synth(n, where)
    return scratch_root(synth_dir, root, REPO)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (OSError, urllib.error.URLError):
        return None


def wait_until(url: str, text: str | None, timeout: float) -> float | None:
    """Seconds until ``url`` serves a page (holding ``text``), or None at the timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and (text is None or text in page):
            return time.perf_counter() - start
        time.sleep(POLL_S)
    return None


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` (from /proc)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def edit_note(text: str, marker: str) -> str:
    """The note file with ``marker`` as the first line of its first note's body."""
    changed = text.replace("  body: |\n", f"  body: |\n    {marker}\n", 1)
    if changed == text:
        raise SystemExit("serve_bench: the note file has no 'body: |' block to edit")
    return changed


def add_note(text: str, marker: str) -> str:
    """The note file (a list) with one more note on the first note's passage."""
    quote = next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("- quote: "))
    return text.rstrip("\n") + (f"\n- id: serve-bench-added\n  quote: {quote}\n  kind: context\n"
                                f"  body: {marker}\n  author: serve-bench\n  added: 2026-01-01\n")


def measure_change(url: str, note: Path, new_text: str, marker: str, timeout: float) -> float | None:
    start = time.perf_counter()
    note.write_text(new_text, encoding="utf-8")
    found = wait_until(url, marker, timeout)
    return None if found is None else time.perf_counter() - start


def run(n: int, repeat: int, fresh: bool, generate: bool, timeout: float) -> dict:
    root = prepare(n, fresh)
    generate_s = None
    if generate:  # records the related coverage the preview shows (the cache's related/last)
        say(f"N={n}: full generate (slow)")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                        "from generator.generate import generate; generate(Path(sys.argv[1]))", str(root)],
                       check=True, cwd=REPO, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        generate_s = round(time.perf_counter() - start, 1)
    note = sorted((root / "site-data" / "annotations").glob("*.yml"))[0]
    article = note.stem
    original = note.read_text(encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/articles/{article}/"
    log = OUT / str(n) / "serve.log"
    say(f"N={n}: newsarchive serve --article {article}")
    result: dict = {"n": n, "article": article, "note_file": note.relative_to(root).as_posix(),
                    "generate_s": generate_s, "loadavg_before": os.getloadavg()[0]}
    with open(log, "wb") as out:
        start = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(root), "serve",
                                   "--article", article, "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=REPO, stdout=out, stderr=subprocess.STDOUT,
                                  env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        try:
            ready = wait_until(url, None, timeout)
            if ready is None:
                raise SystemExit(f"serve_bench: the server did not serve {url} within {timeout} s; see {log}")
            result["startup_s"] = round(time.perf_counter() - start, 2)
            page = fetch(url) or ""
            result["related_shown"] = "Related coverage" in page
            time.sleep(1.0)
            before = cpu_seconds(server.pid)
            time.sleep(5.0)
            result["idle_cpu_pct"] = round(100 * (cpu_seconds(server.pid) - before) / 5.0, 1)
            updates = []
            for i in range(repeat):
                marker = f"serve-bench edit {i + 1} at {time.time():.0f}"
                took = measure_change(url, note, edit_note(original, marker), marker, timeout)
                updates.append(None if took is None else round(took, 3))
                say(f"N={n}: edit {i + 1}: {'not shown within the timeout' if took is None else f'{took:.2f} s'}")
                time.sleep(1.5)  # let the server settle (and the next write land on another poll)
            marker = f"serve-bench added note at {time.time():.0f}"
            added = measure_change(url, note, add_note(original, marker), marker, timeout)
            say(f"N={n}: added note: {'not shown' if added is None else f'{added:.2f} s'}")
        finally:
            note.write_text(original, encoding="utf-8")
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    shown = [u for u in updates if u is not None]
    result.update({
        "update_s": updates,
        "update_median_s": round(statistics.median(shown), 3) if shown else None,
        "update_max_s": max(shown) if len(shown) == len(updates) else None,
        "added_note_s": None if added is None else round(added, 3),
        "target_update_s": TARGET_UPDATE_S,
        "pass": len(shown) == len(updates) and max(shown) <= TARGET_UPDATE_S and added is not None
                and added <= TARGET_UPDATE_S,
        "loadavg_after": os.getloadavg()[0],
    })
    return result


def code_under_test() -> str:
    """The commit measured (the working tree: the server runs the repository's generator/)."""
    sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "generator", "overrides", "mkdocs.yml"],
                           cwd=REPO, capture_output=True, text=True).stdout.strip()
    return f"working tree (HEAD {sha.stdout.strip()}{', with uncommitted changes' if dirty else ''})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000, help="articles (default 10,000)")
    parser.add_argument("--repeat", type=int, default=5, help="note edits to time (default 5)")
    parser.add_argument("--fresh", action="store_true", help="make the scratch root again (drops its cache)")
    parser.add_argument("--generate", action="store_true",
                        help="run a full generate first, so the preview shows related coverage (slow)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the server or a change")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"results (default {RESULTS.relative_to(REPO)})")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    result = run(args.n, args.repeat, args.fresh, args.generate, args.timeout)
    data = {"started": started, "code": code_under_test(), "machine": machine(), "seed": SEED, "results": [result]}
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"N={result['n']:,}: startup {result['startup_s']:.2f} s; save -> updated page: "
          f"median {result['update_median_s']} s, max {result['update_max_s']} s over {args.repeat} edits "
          f"({', '.join(str(u) for u in result['update_s'])}); a new note {result['added_note_s']} s; "
          f"idle CPU {result['idle_cpu_pct']} %; related coverage shown: {result['related_shown']}; "
          f"target {TARGET_UPDATE_S} s: {'PASS' if result['pass'] else 'MISS'}")
    print(f"wrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")
    return 0 if result["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
