"""Shared helpers for the browser tests: a real headless Chromium (Python
Playwright driving the system's chromium, never a downloaded one), a site built
once per session from the seed plus the search fixtures, an http server thread
on 127.0.0.1, and a recorder of requests and console errors.

Test modules import the fixtures they use: ``from browser import search_site``; the
browser itself is the session fixture ``chromium`` in conftest.py (one Playwright per
session: a second sync Playwright in the same process fails).
Without Chromium the tests skip with the reason; with ``CI=true`` they fail instead.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEARCH_FIXTURES = ROOT / "tests" / "fixtures" / "search" / "raw"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def need_chromium():
    """The Playwright sync API, or skip (fail under CI=true) with the reason."""
    in_ci = os.environ.get("CI", "").lower() == "true"
    if not CHROMIUM:
        reason = "no chromium on PATH (apt-get install -y chromium); browser tests need a real Chromium"
        pytest.fail(reason) if in_ci else pytest.skip(reason)
    try:
        from playwright import sync_api
    except ImportError:
        reason = "python playwright is not installed (pip install -e '.[test]')"
        pytest.fail(reason) if in_ci else pytest.skip(reason)
    return sync_api


def scratch_root(dest: Path) -> Path:
    """A copy of the repository's site sources (mkdocs.yml, overrides/, the
    hand-written pages, site-data/) plus the search fixture articles."""
    from generator.write.paths import OWNED_DIRS

    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    owned = {Path(d).parts[0] for d in OWNED_DIRS}
    shutil.copytree(ROOT / "content", dest / "content",
                    ignore=lambda d, names: [n for n in names if Path(d) == ROOT / "content" and n in owned])
    shutil.copytree(ROOT / "site-data", dest / "site-data")
    for path in sorted(SEARCH_FIXTURES.glob("*.txt")):
        shutil.copy(path, dest / "site-data" / "raw" / path.name)
    return dest


@pytest.fixture(scope="session")
def search_site(tmp_path_factory) -> Path:
    """The site built once per session (generator, MkDocs, Pagefind, offline
    index) from the seed and the search fixtures; its site/ folder."""
    from generator.diagnostics import Report
    from generator.site import build_site

    root = scratch_root(tmp_path_factory.mktemp("search-archive"))
    report = Report()
    result = build_site(root, report, quiet=True)
    assert result.built, [d.format() for d in report.diagnostics]
    assert not report.errors, [d.format() for d in report.errors]
    return result.site_dir


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep test output clean
        pass


@contextmanager
def serve(directory: Path, handler_class: type[SimpleHTTPRequestHandler] = _QuietHandler, base: str = "/"):
    """Serve ``directory`` over http on 127.0.0.1 (a random free port) with ``handler_class``;
    yields the base URL, ``base`` its path."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Recorder:
    """Every request a page makes and every console error or page error."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page) -> "Recorder":
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("requestfailed", self._failed)
        return self

    def _failed(self, request) -> None:
        # a request cut short because the page was left (a click on a link while the favicon
        # loads) is the browser's doing, not a failure of the site
        if "ERR_ABORTED" not in (request.failure or ""):
            self.errors.append(f"requestfailed: {request.url} {request.failure}")

    def external(self) -> list[str]:
        """Requests that leave 127.0.0.1 or the local disk."""
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            local = parts.scheme == "file" or (parts.scheme in ("http", "https") and parts.hostname == "127.0.0.1")
            if not local and parts.scheme not in ("data", "blob", "about"):
                out.append(url)
        return out


def new_page(browser, width: int = 1280, height: int = 900):
    """A fresh page in its own context, with a :class:`Recorder` attached."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    return page, Recorder().attach(page)


def type_query(page, selector: str, text: str) -> None:
    """Type like a person (Material and the search box react to key events),
    replacing what the box held."""
    page.click(selector)
    if page.input_value(selector):
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
    page.locator(selector).press_sequentially(text, delay=20)


def result_titles(page, root: str = "[data-na-search=header]") -> list[str]:
    return page.eval_on_selector_all(f"{root} .md-search-result__item h1", "els => els.map(e => e.textContent)")


def axe_source() -> str:
    """axe-core's axe.min.js, as the PyPI package axe-playwright-python ships it
    (installed with the test dependencies; nothing vendored in this repository)."""
    from importlib.resources import files

    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, rules: tuple[str, ...] | None = ("color-contrast",),
                   impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core run on ``page`` (only ``rules``; every rule axe runs by default when
    None): one line per violating node of those impacts."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    result = page.evaluate("rules => axe.run(document, rules ? {runOnly: {type: 'rule', values: rules}} : {})",
                           list(rules) if rules else None)
    return [f"{v['id']} ({v['impact']}): {node['target']} {node['failureSummary'][:200]}"
            for v in result["violations"] if v["impact"] in impacts for node in v["nodes"]]
