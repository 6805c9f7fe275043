"""The site settings the generator needs from mkdocs.yml, besides its own
``extra.newsarchive`` section: where the site is served and how MkDocs names
page URLs. Read without MkDocs (``crosslink.config.read_mkdocs_yml``).

* ``site_url`` -- the first thing a maintainer sets (README, "Site address").
  With it, feeds carry absolute URLs and the pages canonical links; without
  it (""), every URL the generator writes is relative to the site root.
* ``use_directory_urls`` -- ``articles/<id>/`` (true, MkDocs' default) or
  ``articles/<id>.html``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .crosslink.config import read_mkdocs_yml
from .diagnostics import InputError, Report
from .urls import http_url


@dataclass(slots=True, frozen=True)
class SiteSettings:
    name: str = "newsarchive"
    url: str = ""  # site_url ending in "/", or "" when not set
    description: str = ""
    use_directory_urls: bool = True

    def page_url(self, src_path: str) -> str:
        """The URL, relative to the site root, of the page built from
        ``content/<src_path>`` (MkDocs' rule: ``a/b.md`` -> ``a/b/`` or
        ``a/b.html``; ``a/index.md`` -> ``a/`` or ``a/index.html``)."""
        path = PurePosixPath(src_path)
        stem = path.with_suffix("")
        if not self.use_directory_urls:
            return f"{stem}.html"
        if stem.name in ("index", "README"):
            parent = stem.parent.as_posix()
            return "" if parent == "." else f"{parent}/"
        return f"{stem}/"

    def absolute(self, rel: str) -> str:
        """``rel`` (relative to the site root) under site_url; ``rel`` unchanged without one."""
        return f"{self.url}{rel}" if self.url else rel


def site_settings(root: Path, rel: str = "mkdocs.yml") -> SiteSettings:
    """``site_name``, ``site_url``, ``site_description`` and ``use_directory_urls``
    from ``root``/mkdocs.yml (defaults where absent)."""
    data, _root = read_mkdocs_yml(Path(root) / "mkdocs.yml", rel)
    if not isinstance(data, dict):
        return SiteSettings()
    url = data.get("site_url") or ""
    if url:
        if http_url(url) is None:
            raise InputError(rel, f"site_url {url!r} is not an http(s) address",
                             fix="write e.g. 'site_url: https://archive.example.org/', or remove it")
        url = url if url.endswith("/") else url + "/"
    directory = data.get("use_directory_urls", True)
    return SiteSettings(name=str(data.get("site_name") or "newsarchive"), url=url,
                        description=str(data.get("site_description") or ""),
                        use_directory_urls=directory is not False)


def load_site_settings(root: Path, report: Report) -> SiteSettings:
    """:func:`site_settings`, or the defaults with the problem in ``report``."""
    try:
        return site_settings(root)
    except InputError as exc:
        report.add(exc.diagnostic)
        return SiteSettings()
