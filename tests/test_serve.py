"""`newsarchive serve`: a live preview that picks up changes to site-data/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_site

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page and text in page:
            return True
        time.sleep(0.5)
    return False


def test_serve_shows_an_edited_note(tmp_path: Path):
    repo = copy_site(tmp_path)
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(repo), "serve",
                               "--dev-addr", f"127.0.0.1:{port}"], env=env, cwd=repo,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/articles/{SEED_ID}/"
        assert wait_for(url, "What China has done", 120), server.stderr and "server did not start"
        note = next((repo / "site-data/annotations" / SEED_ID).glob("*.yml"))
        note.write_text(note.read_text(encoding="utf-8").replace("newsarchive maintainers", "TEST FIXTURE editor"),
                        encoding="utf-8")
        assert wait_for(url, "TEST FIXTURE editor", 60)
    finally:
        server.terminate()
        server.wait(timeout=20)
