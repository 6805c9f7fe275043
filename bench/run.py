#!/usr/bin/env python3
"""Build benchmark: our build against plain Material + Pagefind on the same articles, side by side.

    python bench/run.py                       # N = 1,000, 4,000, 10,000 (tens of minutes on 2 cores)
    python bench/run.py --sizes 1000,4000     # other sizes
    python bench/run.py --quick               # N = 200, 1,000 (a few minutes)

For each N, a synthetic archive (bench/synth.py, seed 1) goes into
``bench/out/run/N/``; a scratch root beside it holds the repository's
``mkdocs.yml``, ``overrides/``, hand-written ``content/*.md`` and the synthetic
``site-data/``. Each phase runs in its own process, timed from outside: wall
time, CPU time (user + system of the process and its children, from
``os.wait4``) and peak memory (the larger of wait4's max RSS and the summed
PSS of the process tree sampled every 0.2 s). Ours, in this order, each
beside its plain counterpart so the two see the same load:

- ``generate``: the generator (``generator.generate.generate``), cold cache;
- ``mkdocs``: ``generator.site.run_mkdocs`` (the newsarchive plugin, Material);
- ``plain-mkdocs``: the same article pages as the Markdown a plain Material
  site would hold (bench/plain.py: entity links, highlights, sidenotes, key
  figures, related coverage; no front matter) in a minimal mkdocs-material
  project: no generator, no plugins (search off), articles out of the nav;
- ``bare-mkdocs``: the same, with only each article's headline and paragraphs
  as plain text (the least a plain site could build);
- ``pagefind``: Pagefind as ``newsarchive build`` runs it (``generator/search_tool.py``);
- ``plain-pagefind``: Pagefind over the plain site, all defaults;
- ``offline``: the offline search index (``generator.search_index``);
- ``regen-same``: ``generate`` again, nothing changed;
- ``regen-note``: ``generate`` again after one annotation file changed.

Prints a table, checks the targets (PASS/MISS) and writes ``bench/results.json``
(figures and the machine: cores, Python, MkDocs/Material/Pagefind versions,
load averages). Not a test: timings depend on the machine and on what else runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/, also when imported by the tests
from measure import REPO, Phase, measure  # noqa: E402
from report import SEED, check_targets, derived, machine, table, write_results  # noqa: E402

OUT = REPO / "bench" / "out" / "run"
RESULTS = REPO / "bench" / "results.json"
SEARCH_DIRS = ("pagefind", "search-offline", "search")  # search indexes, counted apart from the site

# ---------------------------------------------------------------- child side

def pagefind_commands(root: Path) -> tuple[list[str], list[str]]:
    """Pagefind over ``root/site`` as the build of the ref under test runs it, and the
    same Pagefind with all its defaults for the plain site (a fair ratio). Refs from
    before ``generator/search_tool.py`` ran PyPI's."""
    site_dir = root / "site"
    plain = [sys.executable, "-m", "pagefind_bin", "--site", str(site_dir)]
    try:
        from generator.search_tool import find_pagefind, pagefind_command
    except ImportError:
        from generator import site

        return (site.pagefind_command(site_dir) if hasattr(site, "pagefind_command") else plain), plain
    return pagefind_command(site_dir, root), [*find_pagefind(root).command, "--site", str(site_dir)]


def child(phase: str, root: Path, code: Path) -> int:
    """Run one phase in this process with the generator from ``code``; print
    its inner time as JSON on the last line."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.path.insert(0, str(code))
    start = time.perf_counter()
    info: dict = {}
    if phase == "generate":  # what `newsarchive build` does before MkDocs
        from generator import pipeline

        report = pipeline.Report()
        try:  # the code under test may be older (--ref): its generate was in generator.pipeline
            from generator.generate import generate, site_files_dir
        except ImportError:
            generate, site_files_dir = getattr(pipeline, "generate"), getattr(pipeline, "site_files_dir", None)
        if site_files_dir is not None:  # the incremental pipeline writes the data exports itself
            archive, report = generate(root, report, pipeline.Options(progress=False))
            extra = site_files_dir(root)
        else:
            from generator.site_files import site_files

            archive, report = pipeline.generate(root, report)
            extra = root / ".bench-extra"
            shutil.rmtree(extra, ignore_errors=True)
            extra.mkdir()
            for rel, data in site_files(archive, "").items():
                (extra / rel).write_bytes(data)
        (root / ".bench-extra-dir").write_text(str(extra), encoding="utf-8")
        info = {"articles": None if archive is None else len(archive.articles), "skipped": archive is None,
                "errors": len(report.errors), "warnings": len(report.warnings)}
    elif phase == "mkdocs":
        from generator.diagnostics import Report
        from generator.site import run_mkdocs

        report = Report()
        site = root / "site"
        shutil.rmtree(site, ignore_errors=True)
        config = run_mkdocs(root, report, strict=False, site_dir=site)
        if config is None:
            print("\n".join(d.format() for d in report.errors[:5]), file=sys.stderr)
            return 1
        pointer = root / ".bench-extra-dir"
        extra = Path(pointer.read_text(encoding="utf-8")) if pointer.is_file() else None
        if extra and extra.is_dir():  # the data exports, as build_static adds them
            shutil.copytree(extra, site, dirs_exist_ok=True)
        info = {"warnings": len(report.warnings)}
    elif phase == "plain-mkdocs":
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    elif phase == "pagefind":
        command = pagefind_commands(root)[0]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            print(done.stderr[-2000:], file=sys.stderr)
            return done.returncode
        info = {"command": command[command.index("--site"):]}
    elif phase == "plain-pagefind":
        done = subprocess.run(pagefind_commands(root)[1], capture_output=True, text=True)
        if done.returncode:
            print(done.stderr[-2000:], file=sys.stderr)
            return done.returncode
    elif phase == "offline":
        from generator.search_index import write_offline_index

        write_offline_index(root / "site")
    else:
        print(f"run.py: unknown phase {phase!r}", file=sys.stderr)
        return 2
    info["inner_s"] = time.perf_counter() - start
    if "generator" in sys.modules:
        info["generator_from"] = str(Path(sys.modules["generator"].__file__).parent.parent)
    print(json.dumps(info))
    return 0


# ---------------------------------------------------------------- parent side

def phase(name: str, root: Path, code: Path, logs: Path, log_name: str | None = None) -> tuple[Phase, dict]:
    return measure([sys.executable, str(Path(__file__).resolve()), "--phase", name, "--root", str(root),
                    "--code", str(code)], logs / f"{log_name or name}.log")


def checkout(ref: str | None) -> tuple[Path, str]:
    """Where the code under test is: the working tree, or ``git archive REF`` of
    generator/, mkdocs.yml, overrides/ and content/ (hand-written pages) under
    bench/out/run/code-<sha>/ (a stable snapshot while others edit the tree)."""
    if ref is None:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                             text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "generator", "overrides", "mkdocs.yml"],
                               cwd=REPO, capture_output=True, text=True).stdout.strip()
        return REPO, f"working tree (HEAD {sha}{', with uncommitted changes' if dirty else ''})"
    sha = subprocess.run(["git", "rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=REPO, capture_output=True,
                         text=True)
    if sha.returncode != 0:
        raise SystemExit(f"run.py: --ref {ref!r} is not a commit in {REPO}")
    full = sha.stdout.strip()
    code = OUT / f"code-{full[:12]}"
    if not (code / "generator" / "pipeline.py").is_file():
        shutil.rmtree(code, ignore_errors=True)
        code.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", full, "generator", "mkdocs.yml", "overrides", "content"],
                                 cwd=REPO, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
    return code, f"git {ref} ({full[:12]})"


def synth(n: int, where: Path) -> Path:
    """The synthetic archive for N (reused when a previous run wrote the same one)."""
    out = where / "synth"
    manifest = out / "synth-manifest.json"
    if manifest.is_file():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        if data.get("n") == n and data.get("seed") == SEED and data.get("annotated") == 0.05:
            return out
    subprocess.run([sys.executable, str(REPO / "bench" / "synth.py"), "--n", str(n), "--out", str(out),
                    "--seed", str(SEED)], check=True, stdout=subprocess.DEVNULL)
    return out


def scratch_root(synth_dir: Path, root: Path, code: Path) -> Path:
    """mkdocs.yml, overrides/, hand-written content/*.md and the synthetic site-data/."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "content").mkdir(parents=True)
    shutil.copy2(code / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(code / "overrides", root / "overrides")
    for page in sorted((code / "content").glob("*.md")):
        shutil.copy2(page, root / "content" / page.name)
    data = root / "site-data"
    shutil.copytree(synth_dir / "raw", data / "raw")
    shutil.copytree(synth_dir / "annotations", data / "annotations")
    shutil.copy2(synth_dir / "entities.yml", data / "entities.yml")
    return root


def tree_bytes(path: Path, skip: tuple[str, ...] = ()) -> int:
    if not path.exists():
        return 0
    total = 0
    for p in path.rglob("*"):
        if p.is_file() and not any(p.relative_to(path).parts[0] == s for s in skip):
            total += p.stat().st_size
    return total


def change_one_note(root: Path) -> str:
    """Edit the body of one note in the first annotation file (sorted); return its name."""
    first = sorted((root / "site-data" / "annotations").glob("*.yml"))[0]
    text = first.read_text(encoding="utf-8")
    # a plain one-line body (not a block scalar "body: |", which this would break)
    changed, count = re.subn(r"(?m)^(\s*body: )(?![|>])(.*)$", r"\1\2 (edited by bench/run.py)", text, count=1)
    if not count:  # a block scalar body: append a line to the file's first note instead
        changed = text.replace("body: |", "body: |\n    Edited by bench/run.py.", 1)
    first.write_text(changed, encoding="utf-8")
    return first.name


def run_size(n: int, code: Path, keep: bool) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from plain import plain_root  # bench/plain.py: imported here, not in the timed phase processes

    where = OUT / str(n)
    logs = where / "logs"
    t0 = time.perf_counter()
    synth_dir = synth(n, where)
    synth_s = time.perf_counter() - t0
    root = scratch_root(synth_dir, where / "root", code)
    plain = where / "plain"
    result: dict = {"n": n, "synth_s": round(synth_s, 1), "loadavg_before": os.getloadavg()[0]}
    phases: dict[str, Phase] = {}

    def run(name: str, at: Path, log: str | None = None) -> dict:
        say(f"N={n}: {log or name}")
        phases[log or name], info = phase(name, at, code, logs, log)
        return info

    result["generate_info"] = run("generate", root)
    require(phases["generate"], "generate", n)
    result["mkdocs_warnings"] = run("mkdocs", root).get("warnings")
    require(phases["mkdocs"], "mkdocs", n)
    result["plain_articles"] = plain_root(root, plain, "same")
    run("plain-mkdocs", plain)
    bare = where / "bare"
    plain_root(root, bare, "bare")
    run("plain-mkdocs", bare, "bare-mkdocs")
    run("pagefind", root)
    run("plain-pagefind", plain)
    if (code / "generator" / "search_index.py").is_file():
        run("offline", root)
    run("generate", root, "regen-same")
    result["note_changed"] = change_one_note(root)
    note_info = result["regen_note_info"] = run("generate", root, "regen-note")
    if note_info.get("errors"):  # the edit must leave a valid note: an error would time a failed build
        phases["regen-note"].ok = False
        phases["regen-note"].note = f"{note_info['errors']} error(s) after editing {result['note_changed']}"
    site = root / "site"
    result["site_bytes"] = tree_bytes(site, SEARCH_DIRS)
    result["raw_copy_bytes"] = tree_bytes(site / "raw")
    result["articles_html_bytes"] = tree_bytes(site / "articles")
    result["search_bytes"] = {d: tree_bytes(site / d) for d in SEARCH_DIRS if (site / d).exists()}
    result["plain_site_bytes"] = tree_bytes(plain / "site", SEARCH_DIRS)
    result["phases"] = {k: asdict(v) for k, v in phases.items()}
    result["loadavg_after"] = os.getloadavg()[0]
    if not keep:
        for built in (site, plain / "site", bare / "site"):
            shutil.rmtree(built, ignore_errors=True)
    return result


def require(ph: Phase, name: str, n: int) -> None:
    if not ph.ok:
        raise SystemExit(f"run.py: the {name} phase failed for N={n} ({ph.note}); nothing later is meaningful")


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,4000,10000", help="comma-separated N (default 1000,4000,10000)")
    parser.add_argument("--quick", action="store_true", help="N = 200,1000")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"results file (default {RESULTS.relative_to(REPO)})")
    parser.add_argument("--keep", action="store_true", help="keep the built sites under bench/out/run/N/")
    parser.add_argument("--ref", help="benchmark this commit (git archive into bench/out/run/code-SHA/) "
                        "instead of the working tree, e.g. --ref HEAD")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        return child(args.phase, args.root, args.code or REPO)
    try:
        sizes = [200, 1000] if args.quick else [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes takes comma-separated whole numbers, got {args.sizes!r}")
    if not sizes or min(sizes) < 1:
        parser.error("--sizes: give at least one size of 1 or more")
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    code, code_desc = checkout(args.ref)
    say(f"code under test: {code_desc}")
    runs: list[dict] = []
    info = machine()
    for n in sizes:
        r = run_size(n, code, args.keep)
        r["d"] = derived(r)
        runs.append(r)
        say(f"N={n}: done, ours {r['d']['total_s']} s, plain {r['d']['plain_total_s']} s")
        write_results(args.out, started, code_desc, info, runs, complete=len(runs) == len(sizes))
    print(table(runs))
    print()
    for t in check_targets(runs):
        print(f"{t['result']:4}  {t['target']}: {t['value']} (target {t['limit']})")
    print(f"\nwrote {args.out}", file=sys.stderr)
    failed = [r["n"] for r in runs if not r["d"]["all_ok"]]
    if failed:
        print(f"run.py: a phase failed for N={failed}; see bench/out/run/N/logs/", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
