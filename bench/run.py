#!/usr/bin/env python3
"""Build benchmark: time, memory and size of a whole build at several archive sizes.

    python bench/run.py                       # N = 1,000, 4,000, 10,000 (several minutes)
    python bench/run.py --sizes 1000,4000     # other sizes
    python bench/run.py --quick               # N = 200, 1,000 (about a minute)

For each N, a synthetic archive (bench/synth.py, seed 1) goes into
``bench/out/run/N/``; a scratch root beside it holds the repository's
``mkdocs.yml``, ``overrides/``, hand-written ``content/*.md`` and the synthetic
``site-data/``. Each phase runs in its own process, timed from outside, and
its peak memory is read with ``os.wait4`` (max RSS of the process and the
processes it waited for):

- ``generate``: ``generator.pipeline.generate`` plus the data exports the
  build adds to the site (``generator.site_files``);
- ``mkdocs``: ``generator.site.run_mkdocs`` (the newsarchive plugin, Material);
- ``pagefind``: ``python -m pagefind_bin --site``;
- ``offline``: the offline search index (``generator.search_index``), when present;
- ``regen-same``: ``generate`` again, nothing changed;
- ``regen-note``: ``generate`` again after one annotation file changed;
- ``plain``: the same article bodies (front matter stripped) built by plain
  mkdocs-material, no generator, no plugins (search off), articles out of the
  nav: our overhead is the ratio against it, measured in the same run.

Prints a table, checks the targets (PASS/MISS) and writes ``bench/results.json``
(figures and the machine: cores, Python, MkDocs/Material/Pagefind versions,
load average). Not a test: timings depend on the machine and on what else runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out" / "run"
RESULTS = REPO / "bench" / "results.json"
SEED = 1
SEARCH_DIRS = ("pagefind", "search-offline", "search")  # search indexes, counted apart from the site

# Targets (issue 7). Each is (key, text); see check_targets.
TARGET_TOTAL_S = 75.0  # generate + MkDocs + Pagefind for 10,000 articles
TARGET_GEN_MS = 1.0  # generator, per article
TARGET_GROWTH = 11.0  # time(10,000) / time(1,000)
TARGET_SITE_KB = 40.0  # site per article, search index apart
TARGET_PEAK_MB = 1024.0  # generator and MkDocs


@dataclass(slots=True)
class Phase:
    wall_s: float  # wall time of the process, interpreter start-up included
    cpu_s: float  # user + system CPU time of the process and its children (less sensitive to other load)
    inner_s: float | None  # time of the work itself, measured inside the process
    peak_mb: float  # max RSS of the process and its children (wait4: the largest single process)
    tree_peak_mb: float  # max of the summed PSS (RSS where PSS is unreadable) of the process and all its
    # descendants, sampled every 0.2 s: PSS splits pages that forked workers share with their parent, which
    # a sum of RSS would count once per process
    ok: bool
    load: float = 0.0  # 1-minute load average when the phase ended (2 cores: above 2, others were running)
    note: str = ""


# ---------------------------------------------------------------- child side

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
        if hasattr(pipeline, "site_files_dir"):  # the incremental pipeline writes the data exports itself
            archive, report = pipeline.generate(root, report, pipeline.Options(progress=False))
            extra = pipeline.site_files_dir(root)
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
    elif phase == "plain":
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
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

def tree_rss(root_pid: int) -> int:
    """Summed memory (bytes; PSS, else RSS) of ``root_pid`` and its descendants, from /proc."""
    parent: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            parent[int(entry.name)] = int(stat[stat.rindex(b")") + 2:].split()[1])
    tree, frontier = {root_pid}, [root_pid]
    while frontier:
        pid = frontier.pop()
        for child_pid, ppid in parent.items():
            if ppid == pid and child_pid not in tree:
                tree.add(child_pid)
                frontier.append(child_pid)
    return sum(_memory(pid) for pid in tree)


def _memory(pid: int) -> int:
    """Proportional set size of ``pid`` in bytes (/proc/PID/smaps_rollup), else its RSS; 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class TreeSampler(threading.Thread):
    """Samples :func:`tree_rss` of one process every ``every`` seconds until stopped; keeps the peak."""

    def __init__(self, pid: int, every: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak = pid, every, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.done.wait(self.every)


def measure(cmd: list[str], log: Path) -> tuple[Phase, dict]:
    """Run ``cmd``; its wall time, peak RSS (wait4: the process and its waited-for children)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=REPO)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    info: dict = {}
    lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    if lines and lines[-1].startswith("{"):
        try:
            info = json.loads(lines[-1])
        except ValueError:
            info = {}
    ok = proc.returncode == 0
    note = "" if ok else f"exit {proc.returncode}, see {log.relative_to(REPO)}"
    return Phase(round(wall, 2), round(usage.ru_utime + usage.ru_stime, 2),
                 round(info["inner_s"], 2) if "inner_s" in info else None,
                 round(usage.ru_maxrss / 1024, 1), round(sampler.peak / 2**20, 1), ok, round(os.getloadavg()[0], 2), note), info


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


PLAIN_MKDOCS = """\
# Comparison build (bench/run.py): the generated article bodies, plain Material.
site_name: plain
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  font: false
plugins: []
nav:
  - Home: index.md
markdown_extensions:
  - toc:
      permalink: true
  - attr_list
  - md_in_html
  - admonition
validation:
  nav: {omitted_files: ignore, not_found: ignore, absolute_links: ignore}
  links: {not_found: ignore, anchors: ignore, absolute_links: ignore, unrecognized_links: ignore}
"""
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def plain_root(root: Path, plain: Path) -> int:
    """The generated articles, front matter stripped, in a minimal Material project."""
    shutil.rmtree(plain, ignore_errors=True)
    docs = plain / "docs" / "articles"
    docs.mkdir(parents=True)
    (plain / "mkdocs.yml").write_text(PLAIN_MKDOCS, encoding="utf-8")
    (plain / "docs" / "index.md").write_text("# Plain Material\n", encoding="utf-8")
    count = 0
    for page in sorted((root / "content" / "articles").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        (docs / page.name).write_text(FRONT_MATTER.sub("", text, count=1), encoding="utf-8")
        count += 1
    return count


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
    where = OUT / str(n)
    logs = where / "logs"
    t0 = time.perf_counter()
    synth_dir = synth(n, where)
    synth_s = time.perf_counter() - t0
    root = scratch_root(synth_dir, where / "root", code)
    result: dict = {"n": n, "synth_s": round(synth_s, 1), "loadavg_before": os.getloadavg()[0]}
    phases: dict[str, Phase] = {}
    say(f"N={n}: generate")
    phases["generate"], info = phase("generate", root, code, logs)
    result["generate_info"] = info
    require(phases["generate"], "generate", n)
    say(f"N={n}: mkdocs")
    phases["mkdocs"], info = phase("mkdocs", root, code, logs)
    result["mkdocs_warnings"] = info.get("warnings")
    require(phases["mkdocs"], "mkdocs", n)
    say(f"N={n}: pagefind")
    phases["pagefind"], _ = measure([sys.executable, "-m", "pagefind_bin", "--site", str(root / "site")],
                                    logs / "pagefind.log")
    if (code / "generator" / "search_index.py").is_file():
        say(f"N={n}: offline index")
        phases["offline"], _ = phase("offline", root, code, logs)
    say(f"N={n}: regenerate, nothing changed")
    phases["regen-same"], _ = phase("generate", root, code, logs, "regen-same")
    result["note_changed"] = change_one_note(root)
    say(f"N={n}: regenerate, one note changed")
    phases["regen-note"], note_info = phase("generate", root, code, logs, "regen-note")
    result["regen_note_info"] = note_info
    if note_info.get("errors"):  # the edit must leave a valid note: an error would time a failed build
        phases["regen-note"].ok = False
        phases["regen-note"].note = f"{note_info['errors']} error(s) after editing {result['note_changed']}"
    site = root / "site"
    result["site_bytes"] = tree_bytes(site, SEARCH_DIRS)
    result["raw_copy_bytes"] = tree_bytes(site / "raw")
    result["articles_html_bytes"] = tree_bytes(site / "articles")
    result["search_bytes"] = {d: tree_bytes(site / d) for d in SEARCH_DIRS if (site / d).exists()}
    plain = where / "plain"
    result["plain_articles"] = plain_root(root, plain)
    say(f"N={n}: plain mkdocs-material")
    phases["plain"], _ = phase("plain", plain, code, logs)
    result["plain_site_bytes"] = tree_bytes(plain / "site", SEARCH_DIRS)
    result["phases"] = {k: asdict(v) for k, v in phases.items()}
    result["loadavg_after"] = os.getloadavg()[0]
    if not keep:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(plain / "site", ignore_errors=True)
    return result


def require(ph: Phase, name: str, n: int) -> None:
    if not ph.ok:
        raise SystemExit(f"run.py: the {name} phase failed for N={n} ({ph.note}); nothing later is meaningful")


def derived(r: dict) -> dict:
    """Per-article and total figures from one size's raw measurements."""
    p, n = r["phases"], r["n"]
    gen = p["generate"]["inner_s"] or p["generate"]["wall_s"]
    total = p["generate"]["wall_s"] + p["mkdocs"]["wall_s"] + p["pagefind"]["wall_s"]
    ours = p["generate"]["wall_s"] + p["mkdocs"]["wall_s"]
    return {
        "total_s": round(total, 1),
        "total_with_offline_s": round(total + p.get("offline", {}).get("wall_s", 0.0), 1),
        "total_cpu_s": round(p["generate"]["cpu_s"] + p["mkdocs"]["cpu_s"] + p["pagefind"]["cpu_s"], 1),
        "gen_cpu_ms_per_article": round(1000 * p["generate"]["cpu_s"] / n, 2),
        "gen_ms_per_article": round(1000 * gen / n, 2),
        "mkdocs_ms_per_article": round(1000 * p["mkdocs"]["wall_s"] / n, 2),
        "peak_gen_mkdocs_mb": max(p[k][m] for k in ("generate", "mkdocs") for m in ("peak_mb", "tree_peak_mb")),
        "peak_pagefind_mb": max(p["pagefind"]["peak_mb"], p["pagefind"]["tree_peak_mb"]),
        "site_kb_per_article": round(r["site_bytes"] / n / 1024, 1),
        "search_kb_per_article": round(sum(r["search_bytes"].values()) / n / 1024, 1),
        "plain_kb_per_article": round(r["plain_site_bytes"] / n / 1024, 1),
        "ratio_mkdocs_vs_plain": round(p["mkdocs"]["wall_s"] / p["plain"]["wall_s"], 2),
        "ratio_gen_mkdocs_vs_plain": round(ours / p["plain"]["wall_s"], 2),
        "all_ok": all(ph["ok"] for ph in p.values()),
    }


def check_targets(runs: list[dict]) -> list[dict]:
    """PASS/MISS per target; a target needing a size that was not run is 'n/a'."""
    by_n = {r["n"]: r for r in runs}
    big = by_n.get(10000)
    out = []

    def add(name: str, value, limit, passed) -> None:
        out.append({"target": name, "value": value, "limit": limit,
                    "result": "n/a" if passed is None else ("PASS" if passed else "MISS")})

    add("whole build of 10,000 (generate+MkDocs+Pagefind), s", big and big["d"]["total_s"], TARGET_TOTAL_S,
        big and big["d"]["total_s"] <= TARGET_TOTAL_S)
    worst = max(r["d"]["gen_ms_per_article"] for r in runs)
    add("generator, ms per article (worst size)", worst, TARGET_GEN_MS, worst <= TARGET_GEN_MS)
    growth = None
    if big and 1000 in by_n:
        growth = round(big["d"]["total_s"] / by_n[1000]["d"]["total_s"], 2)
    add("linear growth, total time(10,000)/time(1,000)", growth, TARGET_GROWTH,
        None if growth is None else growth <= TARGET_GROWTH)
    if big and 1000 in by_n:
        cpu_growth = round(big["d"]["total_cpu_s"] / by_n[1000]["d"]["total_cpu_s"], 2)
        add("linear growth by CPU time, cpu(10,000)/cpu(1,000)", cpu_growth, TARGET_GROWTH,
            cpu_growth <= TARGET_GROWTH)
    site = max(r["d"]["site_kb_per_article"] for r in runs)
    add("site KB per article, search index apart (worst size)", site, TARGET_SITE_KB, site <= TARGET_SITE_KB)
    peak = max(r["d"]["peak_gen_mkdocs_mb"] for r in runs)
    add("peak memory generator/MkDocs, MB (Pagefind beside it)", peak, TARGET_PEAK_MB, peak <= TARGET_PEAK_MB)
    return out


def machine() -> dict:
    def version(dist: str) -> str | None:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    pagefind = subprocess.run([sys.executable, "-m", "pagefind_bin", "--version"], capture_output=True, text=True)
    mem_kb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    cpu = None
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), None)
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(), "cpu": cpu, "mem_gb": mem_kb and round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(), "python": platform.python_version(),
        "mkdocs": version("mkdocs"), "mkdocs-material": version("mkdocs-material"),
        "pagefind": pagefind.stdout.strip() or version("pagefind_bin"),
    }


def _peak(ph: dict) -> float:
    """A phase's peak memory: the larger of wait4's (largest process) and the sampled tree sum."""
    return max(ph["peak_mb"], ph["tree_peak_mb"])


def table(runs: list[dict]) -> str:
    cols = [("N", lambda r: f"{r['n']:,}"),
            ("generate s", lambda r: f"{r['phases']['generate']['wall_s']:.1f}"),
            ("gen ms/art", lambda r: f"{r['d']['gen_ms_per_article']:.2f}"),
            ("MkDocs s", lambda r: f"{r['phases']['mkdocs']['wall_s']:.1f}"),
            ("Pagefind s", lambda r: f"{r['phases']['pagefind']['wall_s']:.1f}"),
            ("total s", lambda r: f"{r['d']['total_s']:.1f}"),
            ("total CPU s", lambda r: f"{r['d']['total_cpu_s']:.1f}"),
            ("offline idx s", lambda r: f"{r['phases'].get('offline', {}).get('wall_s', float('nan')):.1f}"),
            ("regen same s", lambda r: f"{r['phases']['regen-same']['wall_s']:.1f}"),
            ("regen 1 note s", lambda r: f"{r['phases']['regen-note']['wall_s']:.1f}"),
            ("peak gen/MkDocs MB", lambda r: f"{_peak(r['phases']['generate']):.0f} / "
                                             f"{_peak(r['phases']['mkdocs']):.0f}"),
            ("peak Pagefind MB", lambda r: f"{r['d']['peak_pagefind_mb']:.0f}"),
            ("site KB/art", lambda r: f"{r['d']['site_kb_per_article']:.1f}"),
            ("search KB/art", lambda r: f"{r['d']['search_kb_per_article']:.1f}"),
            ("plain MkDocs s", lambda r: f"{r['phases']['plain']['wall_s']:.1f}"),
            ("MkDocs / plain", lambda r: f"{r['d']['ratio_mkdocs_vs_plain']:.2f}"),
            ("gen+MkDocs / plain", lambda r: f"{r['d']['ratio_gen_mkdocs_vs_plain']:.2f}")]
    head = "| " + " | ".join(c for c, _ in cols) + " |"
    rule = "|" + "|".join("---:" for _ in cols) + "|"
    rows = ["| " + " | ".join(f(r) for _, f in cols) + " |" for r in sorted(runs, key=lambda r: r["n"])]
    return "\n".join([head, rule, *rows])


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def write_results(out: Path, started: str, code: str, info: dict, runs: list[dict], complete: bool) -> None:
    """Results so far (after each size, so a long run that is stopped keeps what it measured)."""
    data = {"started": started, "complete": complete, "code": code, "machine": info, "seed": SEED,
            "runs": runs, "targets": check_targets(runs), "table_markdown": table(runs)}
    out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


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
        say(f"N={n}: done, total {r['d']['total_s']} s")
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
