"""`newsarchive serve`: a live preview that picks up changes to site-data/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from livehttp import free_port, wait_for
from conftest import copy_site

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"


def test_serve_shows_an_edited_note(tmp_path: Path):
    repo = copy_site(tmp_path)
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(repo), "serve",
                               "--dev-addr", f"127.0.0.1:{port}"], env=env, cwd=repo,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/articles/{SEED_ID}/"
        assert wait_for(url, "What China has done", 120) is not None, server.stderr and "server did not start"
        note = next((repo / "site-data/annotations" / SEED_ID).glob("*.yml"))
        note.write_text(note.read_text(encoding="utf-8").replace("newsarchive maintainers", "TEST FIXTURE editor"),
                        encoding="utf-8")
        assert wait_for(url, "TEST FIXTURE editor", 60) is not None
        # the feeds and data files are served too (copied in after each rebuild), the notes feed updated
        assert wait_for(f"http://127.0.0.1:{port}/feeds/notes.xml", "TEST FIXTURE editor", 60) is not None
        assert wait_for(f"http://127.0.0.1:{port}/annotations.jsonld", "TEST FIXTURE editor", 60) is not None
    finally:
        server.terminate()
        server.wait(timeout=20)
