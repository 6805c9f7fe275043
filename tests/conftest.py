"""Shared fixtures: the repository root, the seed article, a scratch archive."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"
SEED = ROOT / "site-data" / "raw" / f"{SEED_ID}.txt"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def copy_site(target: Path, site_data: Path | None = ROOT / "site-data") -> Path:
    """A scratch repository in ``target``: mkdocs.yml, overrides/, the hand-written
    pages of content/ and a copy of ``site_data`` (none when it is None)."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    if site_data is not None:
        shutil.copytree(site_data, target / "site-data")
    (target / "content").mkdir()
    for page in (ROOT / "content").glob("*.md"):
        shutil.copy(page, target / "content" / page.name)
    return target


def tree_digest(folder: Path) -> str:
    """One hash of a folder's file names and bytes."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        h.update(p.relative_to(folder).as_posix().encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


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


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The TEST FIXTURE archive of tests/offline_site.py (paginated, with linking
    notes), built once per session: its site/ folder."""
    from offline_site import build_offline_site

    return build_offline_site(tmp_path_factory.mktemp("offline-archive"))


@pytest.fixture(scope="session")
def offline_pack(offline_site, tmp_path_factory) -> Path:
    """That site packed with ``newsarchive pack`` and unzipped: the site/ folder a reader opens."""
    from offline_site import unzip_pack

    return unzip_pack(offline_site, tmp_path_factory.mktemp("offline-pack"))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample archive exactly as committed (site-data/), built once per session
    for the browser journeys: its site/ folder."""
    from generator.diagnostics import Report
    from generator.site import build_site

    repo = copy_site(tmp_path_factory.mktemp("sample-archive"))
    report = Report()
    result = build_site(repo, report, strict=True, quiet=True)
    assert result.built and not report.diagnostics, [d.format() for d in report.diagnostics]
    return result.site_dir


@pytest.fixture(scope="session")
def sample_pack(sample_site, tmp_path_factory) -> Path:
    from offline_site import unzip_pack

    return unzip_pack(sample_site, tmp_path_factory.mktemp("sample-pack"))
