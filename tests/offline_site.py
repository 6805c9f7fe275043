"""The site the offline-browsing and journey tests walk and click through, and a
web server that hosts a site under a base path the way a static host does.

The site: the TEST FIXTURE archive of tests/fixtures/crosslink/ (six articles,
shared entities, related coverage) with a page size of 2, so entity, agency and
editor pages are paginated (prev/next), plus the TEST FIXTURE notes of
tests/fixtures/offline/ whose bodies link to another article, an entity page,
a month archive and another note. Built once per session (conftest.py:
``offline_site``) with ``--strict``, Pagefind and the offline index.
"""

from __future__ import annotations

import shutil
import zipfile
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

from browser import serve

ROOT = Path(__file__).resolve().parent.parent
CROSSLINK = ROOT / "tests" / "fixtures" / "crosslink" / "site-data"
NOTES = ROOT / "tests" / "fixtures" / "offline" / "annotations"
PAGE_SIZE = "      page_size: 50 "


def build_offline_site(dest: Path) -> Path:
    """Build the fixture archive in ``dest`` (a scratch repository); its site/ folder."""
    from conftest import copy_site
    from generator.diagnostics import Report
    from generator.site import build_site

    repo = copy_site(dest, CROSSLINK)
    shutil.copytree(NOTES, repo / "site-data" / "annotations")
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert PAGE_SIZE in config, "mkdocs.yml's page_size line changed: update tests/offline_site.py"
    (repo / "mkdocs.yml").write_text(config.replace(PAGE_SIZE, "      page_size: 2 "), encoding="utf-8")
    report = Report()
    result = build_site(repo, report, strict=True, quiet=True)
    assert result.built and not report.diagnostics, [d.format() for d in report.diagnostics]
    return result.site_dir


def unzip_pack(site: Path, dest: Path) -> Path:
    """``newsarchive pack``'s zip of ``site``, unzipped in ``dest``: the site/ folder a reader opens."""
    from generator.pack import pack_site

    result = pack_site(site, dest / "site.zip")  # as `newsarchive pack` names it
    with zipfile.ZipFile(result.out) as z:
        z.extractall(dest / "unzipped")
    return dest / "unzipped" / "site"  # the folder the About page tells the reader to open


class _HostHandler(SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``base`` only; a missing address gets 404.html
    with status 404, at any depth, as GitHub Pages and most static hosts do."""

    base = "/"
    # as GitHub Pages, Netlify and most hosts: text with its charset (http.server sends none,
    # and Chromium then reads a UTF-8 raw text as windows-1252)
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".txt": "text/plain; charset=utf-8",
                      ".xml": "application/xml; charset=utf-8", ".json": "application/json; charset=utf-8"}

    def log_message(self, format, *args):  # keep test output clean
        pass

    def translate_path(self, path):
        clean = unquote(urlsplit(path).path)
        if not clean.startswith(self.base):
            return str(Path(self.directory) / ".outside-the-base-path")  # no such file: a 404
        return super().translate_path("/" + clean[len(self.base):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def host(directory: Path, base: str = "/some/base/"):
    """Serve ``directory`` at http://127.0.0.1:PORT``base``; yields that address."""
    with serve(directory, type("Handler", (_HostHandler,), {"base": base}), base) as url:
        yield url
