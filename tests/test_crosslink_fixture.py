"""The cross-link tests' fixture archive (shared set-up, imported by the other tests): the TEST FIXTURE archive in
tests/fixtures/crosslink/, read through the real pipeline."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "crosslink"

A1 = "2021-03-01-test-fixture-vellan-opens-clinic"
A2 = "2021-03-03-test-fixture-brenner-visits-ostmark"
A3 = "2021-03-02-test-fixture-a-walk-through-vellan"
A4 = "2022-03-02-test-fixture-a-year-after"
A5 = "2021-03-20-test-fixture-agency-warns-ostmark"
A6 = "2021-06-10-test-fixture-kale-warns-of-a-second-wave"


def read_fixture(tmp: Path):
    from generator.diagnostics import Report
    from generator.pipeline import Paths, read_archive

    shutil.copytree(FIXTURE / "site-data", tmp / "site-data")
    report = Report()
    archive = read_archive(Paths(tmp), report)
    assert not report.diagnostics, [d.format() for d in report.diagnostics]
    assert len(archive.articles) == 6
    return archive


def test_fixture_articles_are_marked_and_read_cleanly(tmp_path):
    archive = read_fixture(tmp_path)
    assert sorted(a.id for a in archive.articles) == sorted([A1, A2, A3, A4, A5, A6])
    for article in archive.articles:
        assert article.title.startswith("TEST FIXTURE:")
        assert any("test fixture" in p and "not real news" in p for p in article.paragraphs)
    assert (FIXTURE / "README.md").read_text(encoding="utf-8").startswith("# TEST FIXTURE")
