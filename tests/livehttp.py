"""Helpers for the tests that run a real `newsarchive serve` process: a free
port, a page fetch that tolerates a server still starting, and a poll for
text on a page."""

from __future__ import annotations

import socket
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    """The page's text, or None while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float, every: float = 0.1) -> float | None:
    """Seconds until ``url`` served ``text``, or None if it did not within ``seconds``."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        page = fetch(url)
        if page and text in page:
            return time.monotonic() - start
        time.sleep(every)
    return None
