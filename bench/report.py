"""The benchmark's figures (bench/run.py): totals, per-article figures and the ratios
against plain Material, the targets of issue 13 (PASS/MISS), the tables, the machine."""

from __future__ import annotations

import json
import os
import platform
from importlib import metadata
from pathlib import Path

SEED = 1  # bench/synth.py's seed for every size

# Targets (issue 13), at 10,000 articles; see check_targets.
TARGET_MKDOCS_RATIO = 1.0  # our MkDocs phase / plain Material
TARGET_TOTAL_RATIO = 1.0  # generate + MkDocs + Pagefind / plain Material + Pagefind (stretch: 0.85)
TARGET_TOTAL_STRETCH = 0.85
TARGET_GEN_MS = 5.0  # generator, cold, ms per article
TARGET_REGEN_S = 2.0  # a rebuild with nothing changed
TARGET_PEAK_MB = 1024.0  # generator and MkDocs, each
TARGET_GROWTH = 11.0  # time(10,000) / time(1,000)

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

    try:
        from generator.search_tool import find_pagefind, pagefind_version
        tool = find_pagefind(Path(__file__).resolve().parent.parent)
        pagefind = f"{pagefind_version(tool)} ({tool.source})"
    except ImportError:
        pagefind = version("pagefind_bin")
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
        "pagefind": pagefind,
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


def write_results(out: Path, started: str, code: str, info: dict, runs: list[dict], complete: bool) -> None:
    """Results so far (after each size, so a long run that is stopped keeps what it measured)."""
    data = {"started": started, "complete": complete, "code": code, "machine": info, "seed": SEED,
            "runs": runs, "targets": check_targets(runs), "table_markdown": table(runs)}
    out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
