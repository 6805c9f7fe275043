"""Which Pagefind the build runs (generator/search_tool.py)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from generator import search_tool
from generator.diagnostics import Report
from generator.search_tool import ENV, NPM_BIN, find_pagefind, pagefind_command, pagefind_version, run_pagefind

REPO = Path(__file__).resolve().parent.parent


def fake_npm_bin(folder: Path) -> Path:
    path = folder / NPM_BIN
    path.parent.mkdir(parents=True)
    path.write_text("#!/usr/bin/env node\n", encoding="utf-8")
    return path


@pytest.fixture
def no_checkout(monkeypatch, tmp_path):
    """No environment variable, and a newsarchive checkout without node_modules."""
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setattr(search_tool, "CHECKOUT", tmp_path / "checkout")
    monkeypatch.setattr(search_tool.shutil, "which", lambda name: "/usr/bin/" + name)
    return tmp_path


def test_environment_variable_comes_first(no_checkout, monkeypatch):
    fake_npm_bin(no_checkout / "project")
    monkeypatch.setenv(ENV, "/opt/pagefind")
    tool = find_pagefind(no_checkout / "project")
    assert (tool.command, tool.source) == (("/opt/pagefind",), "environment")


def test_project_node_modules_then_a_folder_above(no_checkout):
    above = fake_npm_bin(no_checkout)
    (no_checkout / "project" / "sub").mkdir(parents=True)
    assert find_pagefind(no_checkout / "project" / "sub").command == (str(above),)
    own = fake_npm_bin(no_checkout / "project")
    assert find_pagefind(no_checkout / "project").command == (str(own),)


def test_then_the_checkout_newsarchive_runs_from(no_checkout):
    (no_checkout / "project").mkdir()
    checkout = fake_npm_bin(no_checkout / "checkout")
    tool = find_pagefind(no_checkout / "project")
    assert (tool.command, tool.source) == ((str(checkout),), "npm")


def test_npm_pagefind_needs_node(no_checkout, monkeypatch):
    fake_npm_bin(no_checkout / "project")
    monkeypatch.setattr(search_tool.shutil, "which", lambda name: None)
    tool = find_pagefind(no_checkout / "project")
    assert (tool.command, tool.source) == ((sys.executable, "-m", "pagefind_bin"), "pypi")


def test_pypi_last(no_checkout):
    (no_checkout / "project").mkdir()
    assert find_pagefind(no_checkout / "project").source == "pypi"


def test_command_indexes_the_searched_pages_of_the_site(no_checkout):
    site = no_checkout / "project" / "site"
    site.mkdir(parents=True)
    own = fake_npm_bin(no_checkout / "project")
    assert pagefind_command(site) == [str(own), "--site", str(site), "--glob",
                                      "{articles/*.html,entities/*/index.html}", "--keep-index-url"]


def test_a_pagefind_that_cannot_run_is_one_error(no_checkout, monkeypatch, tmp_path):
    monkeypatch.setenv(ENV, str(tmp_path / "missing-pagefind"))
    report = Report()
    assert run_pagefind(tmp_path, report) is None
    (message,) = [d.format() for d in report.diagnostics]
    assert "pagefind failed (exit 127): cannot run" in message
    assert f"(set {ENV} or run npm ci)" in message


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed: the build uses PyPI's Pagefind")
def test_the_repository_builds_with_pagefind_1_6_from_npm(monkeypatch):
    """`make` runs `npm ci` (package-lock.json): the build then runs npm's Pagefind, 1.6 or newer."""
    monkeypatch.delenv(ENV, raising=False)
    tool = find_pagefind(REPO)
    assert tool.source == "npm", "node_modules/.bin/pagefind is missing: run `make tools` (npm ci)"
    major, minor = (int(part) for part in pagefind_version(tool).split(".")[:2])
    assert (major, minor) >= (1, 6)
