#!/usr/bin/env python3
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
- ``pagefind``: ``python -m pagefind_bin`` as ``newsarchive build`` runs it;
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

# Targets (issue 13), at 10,000 articles; see check_targets.
TARGET_MKDOCS_RATIO = 1.0  # our MkDocs phase / plain Material
TARGET_TOTAL_RATIO = 1.0  # generate + MkDocs + Pagefind / plain Material + Pagefind (stretch: 0.85)
TARGET_TOTAL_STRETCH = 0.85
TARGET_GEN_MS = 5.0  # generator, cold, ms per article
TARGET_REGEN_S = 2.0  # a rebuild with nothing changed
TARGET_PEAK_MB = 1024.0  # generator and MkDocs, each
TARGET_GROWTH = 11.0  # time(10,000) / time(1,000)


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
        from generator import site

        command = site.pagefind_command(root / "site") if hasattr(site, "pagefind_command") else \
            [sys.executable, "-m", "pagefind_bin", "--site", str(root / "site")]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            print(done.stderr[-2000:], file=sys.stderr)
            return done.returncode
        info = {"command": command[2:]}
    elif phase == "plain-pagefind":
        done = subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", str(root / "site")],
                              capture_output=True, text=True)
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


def _peak(ph: dict) -> float:
    """A phase's peak memory: the larger of wait4's (largest process) and the sampled tree sum."""
    return max(ph["peak_mb"], ph["tree_peak_mb"])


def derived(r: dict) -> dict:
    """Totals, per-article figures and the ratios against plain Material, from one size's phases."""
    p, n = r["phases"], r["n"]

    def total(names: tuple[str, ...], what: str) -> float:
        return sum(p[k][what] for k in names)

    ours, plain = ("generate", "mkdocs", "pagefind"), ("plain-mkdocs", "plain-pagefind")
    return {
        "total_s": round(total(ours, "wall_s"), 1),
        "total_cpu_s": round(total(ours, "cpu_s"), 1),
        "plain_total_s": round(total(plain, "wall_s"), 1),
        "plain_total_cpu_s": round(total(plain, "cpu_s"), 1),
        "gen_ms_per_article": round(1000 * p["generate"]["wall_s"] / n, 2),
        "gen_cpu_ms_per_article": round(1000 * p["generate"]["cpu_s"] / n, 2),
        "ratio_mkdocs": round(p["mkdocs"]["wall_s"] / p["plain-mkdocs"]["wall_s"], 2),
        "ratio_mkdocs_cpu": round(p["mkdocs"]["cpu_s"] / p["plain-mkdocs"]["cpu_s"], 2),
        "ratio_pagefind": round(p["pagefind"]["wall_s"] / p["plain-pagefind"]["wall_s"], 2),
        "ratio_mkdocs_bare": round(p["mkdocs"]["wall_s"] / p["bare-mkdocs"]["wall_s"], 2),
        "ratio_total_bare": round(total(ours, "wall_s") / (p["bare-mkdocs"]["wall_s"] + p["plain-pagefind"]["wall_s"]),
                                  2),
        "ratio_total": round(total(ours, "wall_s") / total(plain, "wall_s"), 2),
        "ratio_total_cpu": round(total(ours, "cpu_s") / total(plain, "cpu_s"), 2),
        "peak_generate_mb": round(_peak(p["generate"])),
        "peak_mkdocs_mb": round(_peak(p["mkdocs"])),
        "peak_pagefind_mb": round(_peak(p["pagefind"])),
        "peak_plain_mkdocs_mb": round(_peak(p["plain-mkdocs"])),
        "peak_plain_pagefind_mb": round(_peak(p["plain-pagefind"])),
        "site_kb_per_article": round(r["site_bytes"] / n / 1024, 1),
        "search_kb_per_article": round(sum(r["search_bytes"].values()) / n / 1024, 1),
        "plain_kb_per_article": round(r["plain_site_bytes"] / n / 1024, 1),
        "all_ok": all(ph["ok"] for ph in p.values()),
    }


def check_targets(runs: list[dict]) -> list[dict]:
    """PASS/MISS per target (issue 13, at 10,000 articles); 'n/a' when that size was not run."""
    by_n = {r["n"]: r for r in runs}
    big = by_n.get(10000)
    out = []

    def add(name: str, value, limit, passed) -> None:
        out.append({"target": name, "value": value, "limit": limit,
                    "result": "n/a" if passed is None else ("PASS" if passed else "MISS")})

    def at_10k(key: str):
        return big["d"][key] if big else None

    def within(value, limit):
        return None if value is None else value <= limit

    add("MkDocs phase / plain Material, wall", at_10k("ratio_mkdocs"), TARGET_MKDOCS_RATIO,
        within(at_10k("ratio_mkdocs"), TARGET_MKDOCS_RATIO))
    add("whole build / plain Material + Pagefind, wall", at_10k("ratio_total"), TARGET_TOTAL_RATIO,
        within(at_10k("ratio_total"), TARGET_TOTAL_RATIO))
    add("whole build / plain Material + Pagefind, wall (stretch)", at_10k("ratio_total"), TARGET_TOTAL_STRETCH,
        within(at_10k("ratio_total"), TARGET_TOTAL_STRETCH))
    add("generator cold, ms per article", at_10k("gen_ms_per_article"), TARGET_GEN_MS,
        within(at_10k("gen_ms_per_article"), TARGET_GEN_MS))
    regen = big["phases"]["regen-same"]["wall_s"] if big else None
    add("rebuild with nothing changed, s", regen, TARGET_REGEN_S, within(regen, TARGET_REGEN_S))
    for phase_name, key in (("generator", "peak_generate_mb"), ("MkDocs", "peak_mkdocs_mb")):
        add(f"peak memory, {phase_name}, MB", at_10k(key), TARGET_PEAK_MB, within(at_10k(key), TARGET_PEAK_MB))
    growth = round(big["d"]["total_s"] / by_n[1000]["d"]["total_s"], 2) if big and 1000 in by_n else None
    add("linear growth, total time(10,000)/time(1,000)", growth, TARGET_GROWTH, within(growth, TARGET_GROWTH))
    cpu_growth = (round(big["d"]["total_cpu_s"] / by_n[1000]["d"]["total_cpu_s"], 2)
                  if big and 1000 in by_n else None)
    add("linear growth by CPU time", cpu_growth, TARGET_GROWTH, within(cpu_growth, TARGET_GROWTH))
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


PHASES = ("generate", "mkdocs", "plain-mkdocs", "bare-mkdocs", "pagefind", "plain-pagefind", "offline",
          "regen-same", "regen-note")


def table(runs: list[dict]) -> str:
    """Two Markdown tables: every phase's wall, CPU and peak memory per size; then the totals and ratios."""
    runs = sorted(runs, key=lambda r: r["n"])
    head = "| phase | " + " | ".join(f"N={r['n']:,}: wall s / CPU s / peak MB" for r in runs) + " |"
    rows = [head, "|---|" + "---:|" * len(runs)]
    for name in PHASES:
        cells = []
        for r in runs:
            ph = r["phases"].get(name)
            cells.append("" if ph is None else f"{ph['wall_s']:.1f} / {ph['cpu_s']:.1f} / {_peak(ph):.0f}")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    cols = [("N", lambda r: f"{r['n']:,}"),
            ("ours: generate+MkDocs+Pagefind s", lambda r: f"{r['d']['total_s']:.1f}"),
            ("plain: MkDocs+Pagefind s", lambda r: f"{r['d']['plain_total_s']:.1f}"),
            ("whole build / plain (wall)", lambda r: f"{r['d']['ratio_total']:.2f}"),
            ("(CPU)", lambda r: f"{r['d']['ratio_total_cpu']:.2f}"),
            ("MkDocs / plain (wall)", lambda r: f"{r['d']['ratio_mkdocs']:.2f}"),
            ("(CPU)", lambda r: f"{r['d']['ratio_mkdocs_cpu']:.2f}"),
            ("Pagefind / plain", lambda r: f"{r['d']['ratio_pagefind']:.2f}"),
            ("vs bare text: MkDocs / whole", lambda r: f"{r['d']['ratio_mkdocs_bare']:.2f} / "
                                                       f"{r['d']['ratio_total_bare']:.2f}"),
            ("generate ms/article (CPU)", lambda r: f"{r['d']['gen_ms_per_article']:.2f} "
                                                    f"({r['d']['gen_cpu_ms_per_article']:.2f})"),
            ("no-change rebuild s", lambda r: f"{r['phases']['regen-same']['wall_s']:.2f}"),
            ("peak MB generate / MkDocs / Pagefind", lambda r: f"{r['d']['peak_generate_mb']} / "
                                                               f"{r['d']['peak_mkdocs_mb']} / "
                                                               f"{r['d']['peak_pagefind_mb']}"),
            ("site KB/article (plain)", lambda r: f"{r['d']['site_kb_per_article']:.1f} "
                                                  f"({r['d']['plain_kb_per_article']:.1f})"),
            ("load avg", lambda r: f"{r['loadavg_before']:.1f}–{r['loadavg_after']:.1f}")]
    second = ["| " + " | ".join(c for c, _ in cols) + " |", "|" + "---:|" * len(cols)]
    second += ["| " + " | ".join(f(r) for _, f in cols) + " |" for r in runs]
    return "\n".join(rows) + "\n\n" + "\n".join(second)


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
