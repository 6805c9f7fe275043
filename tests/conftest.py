"""Shared fixtures: the repository root, the seed article, a scratch archive."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"
SEED = ROOT / "site-data" / "raw" / f"{SEED_ID}.txt"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_article():
    from generator.pipeline import Paths, load_archive_registry, read_article
    from generator.diagnostics import Report
    from generator.extract.entities import Matcher

    paths = Paths(ROOT)
    report = Report()
    matcher = Matcher(load_archive_registry(paths, report))
    assert not report.diagnostics, report.diagnostics
    return read_article(SEED, paths, matcher)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A scratch archive: a copy of site-data/ (raw seed + registry), empty content/."""
    shutil.copytree(ROOT / "site-data", tmp_path / "site-data")
    (tmp_path / "content").mkdir()
    return tmp_path


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium (the system's, driven by Playwright) for every browser test."""
    from browser import CHROMIUM, FLAGS, need_chromium

    sync_api = need_chromium()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()
