"""bench/run.py (its figures, bench/report.py) and bench/plain.py without running a benchmark: the plain
comparison sites hold the same articles, and the targets are judged right."""

from __future__ import annotations

import sys
from pathlib import Path

import lxml.html
import markdown

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import plain  # noqa: E402
import report  # noqa: E402 (bench/report.py: bench/run.py's figures)
from conftest import copy_site  # noqa: E402
from generator.diagnostics import Report  # noqa: E402
from generator.generate import generate  # noqa: E402
from pagehtml import body, tree  # noqa: E402

SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"


def test_the_plain_sites_hold_the_same_articles(tmp_path):
    repo = copy_site(tmp_path)
    generate(repo, Report())
    page = (repo / f"content/articles/{SEED_ID}.md").read_text(encoding="utf-8")
    ours = tree(page)
    md = markdown.Markdown(extensions=["toc", "attr_list", "md_in_html", "admonition"])
    same = lxml.html.fragment_fromstring(md.convert(plain.same_markdown(page)), create_parent="div")
    paragraphs = [(p.get("id"), p.text_content()) for p in ours.iter("p") if (p.get("id") or "")[:1] == "p"]
    assert len(paragraphs) == 22
    assert [(p.get("id"), p.text_content()) for p in same.iter("p") if (p.get("id") or "")[:1] == "p"] == paragraphs
    ours_links = [a.get("href") for a in ours.iter("a") if "entities/" in (a.get("href") or "")]
    same_links = [a.get("href") for a in same.iter("a") if "entities/" in (a.get("href") or "")]
    assert same_links == [href.replace("/index.html", "/index.md") for href in ours_links] and same_links
    assert len(same.find_class("na-note")) == 3 and len(same.find_class("na-key-figures")) == 1
    assert "<mark" in plain.same_markdown(page)
    bare = lxml.html.fragment_fromstring(md.reset().convert(plain.bare_markdown(page)), create_parent="div")
    assert [p.text_content() for p in bare.iter("p")] == [text for _id, text in paragraphs]
    assert not bare.findall(".//a") and bare.find("h1").text_content().startswith("What China has done")
    assert body(page).startswith("<h1")
    count = plain.plain_root(repo, tmp_path / "plain-site", "same")
    assert count == 1 and (tmp_path / "plain-site/docs/articles" / f"{SEED_ID}.md").is_file()


def fake_run(n: int, generate_s: float, mkdocs_s: float, plain_s: float, regen_s: float = 0.5,
             peak_mb: float = 500) -> dict:
    """One size's phases with the figures given (Pagefind 10 s for either site)."""
    def ph(wall, mb=100.0):
        return {"wall_s": wall, "cpu_s": wall, "peak_mb": mb, "tree_peak_mb": mb / 2, "ok": True}

    phases = {"generate": ph(generate_s, peak_mb), "mkdocs": ph(mkdocs_s, peak_mb), "pagefind": ph(10),
              "plain-mkdocs": ph(plain_s), "bare-mkdocs": ph(plain_s / 2), "plain-pagefind": ph(10),
              "regen-same": ph(regen_s), "regen-note": ph(1.0), "offline": ph(1.0)}
    r = {"n": n, "phases": phases, "site_bytes": n * 1000, "search_bytes": {"pagefind": n}, "plain_site_bytes": n,
         "loadavg_before": 1.0, "loadavg_after": 1.0}
    r["d"] = report.derived(r)
    return r


def results(runs: list[dict]) -> dict[str, tuple]:
    return {t["target"]: (t["value"], t["result"]) for t in report.check_targets(runs)}


def test_targets_pass_and_miss_where_they_should():
    small = fake_run(1000, 4, 5, 10)
    passing = results([small, fake_run(10000, 40, 50, 100, regen_s=1.5)])
    assert passing["MkDocs phase / plain Material, wall"] == (0.5, "PASS")
    assert passing["whole build / plain Material + Pagefind, wall"] == (0.91, "PASS")  # 100 s against 110 s
    assert passing["whole build / plain Material + Pagefind, wall (stretch)"] == (0.91, "MISS")
    assert passing["generator cold, ms per article"] == (4.0, "PASS")
    assert passing["rebuild with nothing changed, s"] == (1.5, "PASS")
    assert passing["peak memory, generator, MB"] == (500, "PASS")
    assert passing["linear growth, total time(10,000)/time(1,000)"] == (5.26, "PASS")  # 100 / 19
    failing = results([small, fake_run(10000, 60, 120, 100, regen_s=2.5, peak_mb=1500)])
    assert {k: v[1] for k, v in failing.items() if "growth" not in k} == {
        "MkDocs phase / plain Material, wall": "MISS", "whole build / plain Material + Pagefind, wall": "MISS",
        "whole build / plain Material + Pagefind, wall (stretch)": "MISS", "generator cold, ms per article": "MISS",
        "rebuild with nothing changed, s": "MISS", "peak memory, generator, MB": "MISS",
        "peak memory, MkDocs, MB": "MISS"}
    assert {v[1] for v in results([small]).values()} == {"n/a"}  # no 10,000 run: nothing judged


def test_the_table_shows_every_phase_and_the_ratios():
    text = report.table([fake_run(1000, 4, 5, 10)])
    phases, ratios = text.split("\n\n")
    assert [line.split(" | ")[0].lstrip("| ") for line in phases.splitlines()[2:]] == list(report.PHASES)
    assert "| generate | 4.0 / 4.0 / 500 |" in phases
    assert "| 1,000 | 19.0 | 20.0 | 0.95 | 0.95 | 0.50 | 0.50 | 1.00 | 1.00 / 1.27 |" in ratios  # bare: 19 / 15
