"""Measuring one benchmark phase from outside its process (bench/run.py): wall time, CPU
time of the process and its children (``os.wait4``), peak memory (wait4's max RSS and the
summed PSS of the process tree, sampled every 0.2 s)."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


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
    note = "" if ok else f"exit {proc.returncode}, see {os.path.relpath(log, REPO)}"
    return Phase(round(wall, 2), round(usage.ru_utime + usage.ru_stime, 2),
                 round(info["inner_s"], 2) if "inner_s" in info else None,
                 round(usage.ru_maxrss / 1024, 1), round(sampler.peak / 2**20, 1), ok, round(os.getloadavg()[0], 2), note), info
