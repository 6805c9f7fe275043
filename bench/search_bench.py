"""Search benchmark: bytes loaded and time to the first result, in Chromium,
for Pagefind over http and for the offline index opened from disk (file://).

    python bench/search_bench.py --n 2000 --n 10000            # synth, build, measure
    python bench/search_bench.py --n 10000 --skip-build        # measure an existing build

For each N: a synthetic archive (bench/synth.py) in bench/out/search-N/site-data,
the repository's mkdocs.yml, overrides/ and hand-written pages copied beside
it, the pages generated (once; --regenerate to redo), MkDocs + Pagefind + the
offline index built into bench/out/search-N/site. Then, in a fresh browser
context per run (cold cache), the home page is opened, the query typed into
the header box at ~50 ms per key, and we record:

- ``first_result_ms``: first keystroke -> the first result on screen;
- ``final_result_ms``: first keystroke -> the results of the whole query on screen;
- ``search_bytes``: bytes of every file of the search's index and engine the page loaded
  (pagefind/, search-offline/), also those of the warm-up once the page is idle;
- ``page_bytes``: bytes of the rest of the page load (HTML, CSS, JS), for scale.

Bytes are the sizes on disk of the files requested (the local server does
not compress; Pagefind's index files are gzip already). Results go to
bench/results-search.json. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from browser import CHROMIUM, FLAGS, serve  # noqa: E402  (shared with the browser tests)

QUERIES = ("cooperation", "health ministers")
RUNS = 3
TYPING_DELAY_MS = 50


def prepare(n: int, regenerate: bool) -> tuple[Path, dict]:
    """Synthesise, generate and build the archive of ``n`` articles; its site/ and stage timings."""
    from generator.diagnostics import Report
    from generator.generate import generate
    from generator.site import build_static
    from generator.write.paths import OWNED_DIRS

    root = REPO / "bench" / "out" / f"search-{n}"
    timings: dict[str, float] = {}
    if not (root / "site-data" / "synth-manifest.json").exists():
        subprocess.run([sys.executable, str(REPO / "bench" / "synth.py"), "--n", str(n),
                        "--out", str(root / "site-data")], check=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.rmtree(root / "overrides", ignore_errors=True)
    shutil.copytree(REPO / "overrides", root / "overrides")
    owned = {Path(d).parts[0] for d in OWNED_DIRS}
    (root / "content").mkdir(exist_ok=True)
    for path in sorted((REPO / "content").iterdir()):
        if path.name not in owned and path.is_file():
            shutil.copy(path, root / "content" / path.name)
    if regenerate or not (root / "content" / "articles").is_dir():
        t = time.perf_counter()
        generate(root, Report())
        timings["generate_s"] = round(time.perf_counter() - t, 1)
    t = time.perf_counter()
    report = Report()
    result = build_static(root, report, quiet=True)
    timings["mkdocs_pagefind_offline_s"] = round(time.perf_counter() - t, 1)
    if not result.built:
        raise SystemExit("build failed: " + "; ".join(d.format() for d in report.diagnostics))
    return result.site_dir, timings


def _path_of(url: str, site: Path, base: str) -> Path | None:
    if url.startswith("file:"):
        return Path(unquote(urlsplit(url).path))
    if url.startswith(base):
        rel = unquote(urlsplit(url).path).lstrip("/")
        path = site / rel
        return path / "index.html" if path.is_dir() else path
    return None


def _is_search_file(url: str) -> bool:
    path = urlsplit(url).path
    return "/pagefind/" in path or "/search-offline/" in path


def measure_once(browser, site: Path, mode: str, base: str, query: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[tuple[str, float]] = []
    page.on("request", lambda r: requests.append((r.url, time.perf_counter())))
    url = base if mode == "http" else (site / "index.html").as_uri()
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    loaded = len(requests)
    page.evaluate("""() => {
      window.__bench = {};
      const root = document.querySelector('[data-na-search=header]');
      document.addEventListener('keydown', () => { if (!window.__bench.t0) window.__bench.t0 = performance.now(); }, true);
      new MutationObserver(() => {
        const t = performance.now();
        if (!window.__bench.first && root.querySelector('.md-search-result__item')) window.__bench.first = t;
      }).observe(root, {subtree: true, childList: true});
      new MutationObserver(() => {
        if (root.getAttribute('data-na-search-query') === window.__bench.query && !window.__bench.final)
          window.__bench.final = performance.now();
      }).observe(root, {attributes: true, attributeFilter: ['data-na-search-query']});
    }""")
    page.evaluate("q => { window.__bench.query = q; }", query)
    load = round(os.getloadavg()[0], 2)  # the machine is shared: the 1-minute load average with each sample
    page.click("[data-na-search=header] [data-na-search-input]")
    page.keyboard.type(query, delay=TYPING_DELAY_MS)
    page.wait_for_function("() => window.__bench.final", timeout=60000)
    page.wait_for_timeout(200)
    bench = page.evaluate("() => window.__bench")
    engine = page.get_attribute("[data-na-search=header]", "data-na-search-engine")
    count = page.inner_text("[data-na-search=header] [data-na-search-meta]")

    def size(urls):
        total = 0
        for u in urls:
            p = _path_of(u, site, base)
            if p is not None and p.is_file():
                total += p.stat().st_size
        return total

    # the search's files whenever they load (the engine warms up once the page is idle), the rest of the page's
    search_urls = [u for u, _ in requests if _is_search_file(u)]
    page_urls = [u for u, _ in requests[:loaded] if not _is_search_file(u)]
    context.close()
    return {
        "engine": engine, "results": count,
        "first_result_ms": round(bench["first"] - bench["t0"]),
        "final_result_ms": round(bench["final"] - bench["t0"]),
        "typing_ms": TYPING_DELAY_MS * (len(query) - 1),
        "search_bytes": size(search_urls), "search_files": len(search_urls),
        "page_bytes": size(page_urls), "load": load,
    }


def measure(site: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict[str, dict] = {}
    with sync_playwright() as p, serve(site) as base:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for mode in ("http", "file"):
            for query in QUERIES:
                samples = [measure_once(browser, site, mode, base, query) for _ in range(runs)]
                last = samples[-1]
                out[f"{mode}:{query}"] = {
                    "mode": mode, "query": query, "engine": last["engine"], "results": last["results"],
                    "first_result_ms": statistics.median(s["first_result_ms"] for s in samples),
                    "final_result_ms": statistics.median(s["final_result_ms"] for s in samples),
                    "typing_ms": last["typing_ms"],
                    "search_bytes": max(s["search_bytes"] for s in samples),
                    "search_files": max(s["search_files"] for s in samples),
                    "page_bytes": last["page_bytes"],
                    "runs": [{k: s[k] for k in ("first_result_ms", "final_result_ms", "load")} for s in samples],
                    "load_median": statistics.median(s["load"] for s in samples),
                }
                print(f"  {mode:4} {query!r}: {out[f'{mode}:{query}']}", file=sys.stderr)
        browser.close()
    return out


def site_size(site: Path, folder: str) -> int:
    return sum(p.stat().st_size for p in (site / folder).rglob("*") if p.is_file())


def table(results: dict) -> str:
    """The README "Search performance" table from bench/results-search.json."""
    rows = ["| Articles | Search | Query | Results | First result (from the first key) "
            "| Whole query's results (after the last key) | Loaded by the search | Index on disk | Load average |",
            "|---:|---|---|---:|---:|---:|---:|---:|---:|"]
    for key in sorted((k for k in results if k.isdigit()), key=int):
        entry = results[key]
        for q in sorted(entry["queries"].values(), key=lambda q: (q["mode"] != "http", q["query"])):
            where = "Pagefind, http" if q["mode"] == "http" else "offline index, file://"
            size = entry["index_bytes"]["pagefind" if q["mode"] == "http" else "offline"]
            count = q["results"].split()[0]
            rows.append(f"| {entry['articles']:,} | {where} | `{q['query']}` | {'0' if count == 'No' else count} "
                        f"| {q['first_result_ms']:.0f} ms | {q['final_result_ms'] - q['typing_ms']:.0f} ms "
                        f"| {q['search_bytes'] / 1e6:.2f} MB ({q['search_files']} files) | {size / 1e6:.1f} MB "
                        f"| {q['load_median'] if 'load_median' in q else 'not recorded'} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, action="append", default=[], help="archive size (repeatable)")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--skip-build", action="store_true", help="measure the existing bench/out/search-N/site")
    parser.add_argument("--regenerate", action="store_true", help="regenerate the pages even if present")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results-search.json")
    parser.add_argument("--site", type=Path, action="append", default=[],
                        help="also measure this already built site (with search-offline/), repeatable")
    parser.add_argument("--table", action="store_true", help="print the README table from --out and stop")
    args = parser.parse_args(argv)
    if args.table:
        print(table(json.loads(args.out.read_text())))
        return 0
    if not CHROMIUM:
        raise SystemExit("no chromium on PATH (apt-get install -y chromium)")
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    results.setdefault("machine", {})
    results["machine"] = {"platform": platform.platform(), "python": platform.python_version(),
                          "cpus": os.cpu_count()}
    jobs = [(n, None) for n in args.n] + [(None, site.resolve()) for site in args.site]
    for n, site in jobs:
        timings = {}
        if site is None:
            site = REPO / "bench" / "out" / f"search-{n}" / "site"
            if not args.skip_build:
                site, timings = prepare(n, args.regenerate)
        else:
            n = len(list((site / "articles").glob("*/index.html")))
        print(f"n={n} {site}", file=sys.stderr)
        entry = {
            "articles": n, "site": str(site.relative_to(REPO)) if site.is_relative_to(REPO) else str(site),
            "build": timings,
            "index_bytes": {"pagefind": site_size(site, "pagefind"), "offline": site_size(site, "search-offline")},
            "offline_files": sum(1 for p in (site / "search-offline").rglob("*.js")),
            "queries": measure(site, args.runs),
        }
        results[str(n)] = entry
        args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
