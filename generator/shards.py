"""Shards: an archive too big for one build, split (by year) into sites that
build independently, in parallel (one CI job each), then put side by side
under one folder with a search page that searches every shard at once.

- :func:`plan_shards` says which raw files go in which shard;
- :func:`make_shard_root` writes a scratch root for one shard: that shard's raw
  files (and their sidecars), their notes, the whole entity registry, the
  repository's ``mkdocs.yml`` (``site_url`` set to the shard's URL, e.g.
  ``https://host/2019/``, when the base URL is given), ``overrides/`` and
  hand-written pages. ``newsarchive --root
  THAT build`` builds it like any archive;
- :func:`assemble` copies the built shard sites to ``out/<shard>/`` and writes
  ``out/index.html`` (the shards) and ``out/search.html``: it loads the first
  shard's own ``pagefind.js`` and merges the other shards' indexes with
  Pagefind's multisite API (``mergeIndex``), so one query searches them all.

Each shard is a complete site of its own (archive, entity pages, its own
search). What does not cross shards: entity pages, related articles, the
timeline and data exports cover one shard each (see docs-snippets/shards.md).

Command line (for CI jobs; see .github/workflows/shards-example.yml)::

    python -m generator.shards plan [--root .] [--by year] [--json]
    python -m generator.shards root --shard 2019 --out build/shards [--root .] [--base-url https://host/]
    python -m generator.shards assemble build/sites/2019 build/sites/2020 --out public
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import yaml

from .diagnostics import InputError

SHARD_MARKER = ".newsarchive-shard"  # written into every shard root make_shard_root makes
ASSEMBLED_MARKER = ".newsarchive-assembled"  # written into the folder assemble fills
GROUPINGS = ("year", "decade")
_DATED_NAME = re.compile(r"^(\d{4})-\d{2}-\d{2}[-.]")
_SHARD_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


@dataclass(slots=True, frozen=True)
class Shard:
    """One independent build: a name (also its folder in the assembled site) and its raw files."""

    name: str
    #: raw files, relative to site-data/raw/ (posix), sorted; sidecars (``.meta.yml``) follow their file
    raw: tuple[str, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        from .extract import article_id

        return tuple(article_id(rel) for rel in self.raw)


def _year(path: Path, paths) -> str:
    """The publication year of one raw file: from its canonical name
    (``2019-11-08-...``) unless a sidecar may correct the date; else read it."""
    from .pipeline import read_raw
    from .sidecar import sidecar_path

    m = _DATED_NAME.match(path.name)
    if m and not sidecar_path(path).exists():
        return m.group(1)
    raw, _sidecar = read_raw(path, paths)
    if not raw.published:
        raise InputError(paths.rel(path), "no publication date found, so no shard",
                         fix=f"add 'published: 2020-05-17T15:51:00+08:00' to {paths.rel(sidecar_path(path))}")
    return raw.published[:4]


def plan_shards(root: Path, by: str = "year") -> list[Shard]:
    """Which raw files of ``root``/site-data/raw/ go in which shard, oldest shard first.

    ``by="year"``: one shard per publication year (``2019``); ``by="decade"``:
    one per decade (``2010s``). The year comes from the canonical file name
    (``YYYY-MM-DD-...``), or from the article itself when the name has no date
    or a sidecar may correct it. Raises :class:`InputError` for a file with no
    date."""
    from .pipeline import Paths, raw_files

    if by not in GROUPINGS:
        raise ValueError(f"shards: by={by!r} is not a grouping; use one of {', '.join(GROUPINGS)}")
    paths = Paths(Path(root))
    groups: dict[str, list[str]] = {}
    for path in raw_files(paths):
        year = _year(path, paths)
        key = year if by == "year" else f"{year[:3]}0s"
        groups.setdefault(key, []).append(path.relative_to(paths.raw).as_posix())
    return [Shard(name, tuple(sorted(files))) for name, files in sorted(groups.items())]


def shard_url(base_url: str, name: str) -> str:
    """The shard's site_url: ``base_url`` (where the assembled site is served,
    ``https://host/archive/``) + ``name/``. MkDocs wants an absolute URL."""
    if not re.match(r"^https?://[^/]+", base_url):
        raise ValueError(f"shards: base_url {base_url!r} must be an absolute http(s) URL such as "
                         f"'https://archive.example.org/' (MkDocs' site_url), or None")
    return base_url.rstrip("/") + "/" + name + "/"


def _shard_config(mkdocs_yml: str, site_url: str | None, name: str) -> str:
    """mkdocs.yml text with the shard in ``site_name`` and ``site_url`` set (when
    given), the rest unchanged (a text edit: the file holds MkDocs-only YAML
    tags such as ``!relative``)."""
    text = mkdocs_yml
    if site_url is not None:
        line = f"site_url: {json.dumps(site_url)}"
        text, count = re.subn(r"(?m)^site_url:.*$", line, text, count=1)
        if not count:
            text, count = re.subn(r"(?m)^(site_name:.*)$", lambda m: m.group(1) + "\n" + line, text, count=1)
        if not count:
            text = line + "\n" + text

    def named(m: re.Match) -> str:
        value = (yaml.safe_load(m.group(0)) or {}).get("site_name") or "newsarchive"
        return "site_name: " + json.dumps(f"{value} {name}")

    return re.sub(r"(?m)^site_name:.*$", named, text, count=1)


def _fresh_dir(path: Path, marker: str, what: str) -> None:
    """Make ``path`` an empty folder: new, empty, or one we made before (has ``marker``)."""
    if path.exists():
        if not path.is_dir():
            raise InputError(str(path), f"is a file, not a folder for {what}", fix="choose another --out")
        if any(path.iterdir()) and not (path / marker).exists():
            raise InputError(str(path), f"is not empty and was not made for {what} (no {marker})",
                             fix="choose a new or empty folder")
        shutil.rmtree(path)
    path.mkdir(parents=True)
    (path / marker).write_text(f"made by newsarchive (generator/shards.py) for {what}; rebuilt on each run\n",
                               encoding="utf-8")


def make_shard_root(root: Path, shard: Shard, out: Path, base_url: str | None = None) -> Path:
    """Write ``out/<shard.name>/``: a root that builds only ``shard``; return it.

    Holds ``mkdocs.yml`` (``site_name`` + the shard's name; with ``base_url``,
    the absolute URL of the assembled site, ``site_url`` = ``base_url`` +
    ``<name>/``; MkDocs' links are relative either way, so a shard works in
    its folder wherever the assembled site is served), ``overrides/``,
    the hand-written pages of ``content/`` (not the generator's folders),
    ``site-data/raw/`` with the shard's files and their sidecars,
    ``site-data/annotations/`` with the notes of those articles (notes on
    another shard's articles would be reported there as notes on an unknown
    article; notes on no article of the archive go to every shard, whose build
    reports them), and the whole ``site-data/entities.yml``. ``root`` is only read."""
    from .pipeline import Paths
    from .sidecar import sidecar_path
    from .write.paths import OWNED_DIRS

    if not _SHARD_NAME.match(shard.name):
        raise ValueError(f"shards: {shard.name!r} is not a usable shard name (letters, digits, - and _)")
    src = Paths(Path(root).resolve())
    target = Path(out).resolve() / shard.name
    _fresh_dir(target, SHARD_MARKER, f"shard {shard.name}")
    dst = Paths(target)
    config = src.root / "mkdocs.yml"
    if not config.is_file():
        raise InputError(str(config), "not found", fix="pass the archive's repository root")
    site_url = shard_url(base_url, shard.name) if base_url is not None else None
    (target / "mkdocs.yml").write_text(_shard_config(config.read_text(encoding="utf-8"), site_url, shard.name),
                                       encoding="utf-8")
    if (src.root / "overrides").is_dir():
        shutil.copytree(src.root / "overrides", target / "overrides")
    dst.content.mkdir()
    for entry in sorted(src.content.iterdir()) if src.content.is_dir() else []:
        if entry.name in OWNED_DIRS or entry.name.startswith("."):
            continue
        (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, dst.content / entry.name)
    for rel in shard.raw:
        for path in (src.raw / rel, sidecar_path(src.raw / rel)):
            if path.exists():
                (dst.raw / path.relative_to(src.raw)).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dst.raw / path.relative_to(src.raw))
    dst.annotations.mkdir(parents=True, exist_ok=True)
    for entry in _annotation_entries(src, shard):
        (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, dst.annotations / entry.name)
    if src.entities.is_file():
        shutil.copy2(src.entities, dst.entities)
    return target


def _annotation_entries(src, shard: Shard) -> list[Path]:
    """The files and folders of site-data/annotations/ a shard gets: its
    articles' notes, and anything that belongs to no article of the whole
    archive (notes on an unknown article, stray files), which goes to every
    shard so its build reports it as the unsharded build would: a note is never
    dropped silently. Notes on another shard's articles stay out."""
    from .annotations.load import NOTE_SUFFIXES, _ignored
    from .extract import article_id
    from .pipeline import raw_files

    if not src.annotations.is_dir():
        return []
    mine = set(shard.article_ids)
    everyone = {article_id(p.name) for p in raw_files(src)}
    picked = []
    for entry in sorted(src.annotations.iterdir()):
        if _ignored(entry):
            continue
        article = entry.name if entry.is_dir() else (entry.stem if entry.suffix in NOTE_SUFFIXES else None)
        if article in mine or article not in everyone:
            picked.append(entry)
    return picked


def _page_count(site: Path) -> int | None:
    try:
        languages = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    except (OSError, ValueError, KeyError):
        return None
    return sum(lang.get("page_count", 0) for lang in languages.values())


def assemble(shard_sites: Mapping[str, Path] | Sequence[Path], out: Path) -> Path:
    """Put built shard sites side by side in ``out`` and add the pages that join them.

    ``shard_sites``: shard name -> built site folder, or a list of site folders
    named after their shard (``build/sites/2019``). Each must hold a Pagefind
    index (``pagefind/pagefind.js``). Writes ``out/<name>/`` (a copy of the
    site), ``out/index.html`` and ``out/search.html``; returns ``out``."""
    sites = dict(shard_sites) if isinstance(shard_sites, Mapping) else {Path(p).name: Path(p) for p in shard_sites}
    if not sites:
        raise ValueError("shards: assemble needs at least one shard site")
    for name, site in sites.items():
        if not _SHARD_NAME.match(name):
            raise ValueError(f"shards: {name!r} is not a usable shard name (letters, digits, - and _)")
        if not (Path(site) / "pagefind" / "pagefind.js").is_file():
            raise InputError(str(site), "has no pagefind/pagefind.js: not a built shard site",
                             fix="build the shard with search (newsarchive --root SHARD build) first")
    out = Path(out)
    _fresh_dir(out, ASSEMBLED_MARKER, "the assembled shards")
    names = sorted(sites)
    counts = {}
    for name in names:
        shutil.copytree(sites[name], out / name)
        counts[name] = _page_count(out / name)
    (out / "index.html").write_text(index_page(names, counts), encoding="utf-8")
    (out / "search.html").write_text(search_page(names), encoding="utf-8")
    return out


_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
a { color: #1a5fb4; } li { margin: .3rem 0; } .muted { color: #666; font-size: .9em; }
form { display: flex; gap: .5rem; flex-wrap: wrap; margin: 1rem 0; }
input[type=search] { flex: 1 1 16rem; font: inherit; padding: .4rem .6rem; }
select, button { font: inherit; padding: .4rem .6rem; }
#results li { margin: 1rem 0; list-style: none; } #results ol { padding: 0; }
.shard { display: inline-block; font-size: .8em; background: #eef; border-radius: .3em; padding: 0 .4em; margin-right: .4em; }
mark { background: #fe6; }
"""


def _doc(title: str, body: str, script: str = "") -> str:
    return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
            f"<body>\n{body}\n{script}</body>\n</html>\n")


def index_page(names: Sequence[str], counts: Mapping[str, int | None]) -> str:
    """The top-level page: one link per shard, and the search across shards."""
    items = "\n".join(
        f'<li><a href="{html.escape(name)}/index.html">{html.escape(name)}</a>'
        + (f' <span class="muted">({counts[name]:,} pages in its search index)</span>'
           if counts.get(name) is not None else "") + "</li>"
        for name in names)
    body = (f"<h1>newsarchive</h1>\n<p>The archive is built in {len(names)} parts (shards). "
            f'Each is a complete site; <a href="search.html">search searches them all</a>.</p>\n'
            f'<form action="search.html" method="get" role="search">'
            f'<input type="search" name="q" aria-label="Search every shard" placeholder="Search every shard">'
            f"<button>Search</button></form>\n<ul>\n{items}\n</ul>\n")
    return _doc("newsarchive", body)


# The search page's script. No third-party code: it imports the first shard's
# own pagefind.js (written by Pagefind at build time) and calls Pagefind's
# documented JS API (options, mergeIndex, search, result.data()). Result text
# is put in with textContent; Pagefind's excerpt is parsed inertly (DOMParser)
# and only its text and <mark> highlights are kept.
_SEARCH_JS = r"""
(function () {
  "use strict";
  const shards = JSON.parse(document.getElementById("shards").textContent);
  const form = document.getElementById("search");
  const input = document.getElementById("q");
  const which = document.getElementById("shard");
  const status = document.getElementById("status");
  const list = document.getElementById("results");
  const here = (path) => new URL(path, document.baseURI);
  let ready = null;
  let latest = 0;  // typing starts a search per key: only the newest one may show its results

  async function load() {
    const first = shards[0];
    const pagefind = await import(here(first + "/pagefind/pagefind.js").href);
    await pagefind.options({ baseUrl: here(first + "/").pathname, mergeFilter: { shard: first } });
    for (const name of shards.slice(1)) {
      await pagefind.mergeIndex(here(name + "/pagefind/").href,
                                { baseUrl: here(name + "/").pathname, mergeFilter: { shard: name } });
    }
    await pagefind.init();
    return pagefind;
  }

  function excerpt(htmlText) {
    const out = document.createElement("p");
    const doc = new DOMParser().parseFromString("<body>" + htmlText, "text/html");
    for (const node of doc.body.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    }
    return out;
  }

  async function run(query) {
    const mine = ++latest;
    if (!query.trim()) { list.replaceChildren(); status.textContent = ""; return; }
    status.textContent = "Searching…";
    try {
      ready = ready || load();
      const pagefind = await ready;
      const filters = which.value ? { shard: which.value } : {};
      const search = await pagefind.search(query, { filters });
      const data = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
      if (mine !== latest) return;
      const items = data.map((d) => {
        const li = document.createElement("li");
        const path = new URL(d.url, location.href).pathname;
        const tag = document.createElement("span");
        tag.className = "shard";
        tag.textContent = shards.find((name) => path.startsWith(here(name + "/").pathname)) || "";
        const a = document.createElement("a");
        a.href = d.url;
        a.textContent = (d.meta && d.meta.title) || d.url;
        li.append(tag, a, excerpt(d.excerpt || ""));
        return li;
      });
      list.replaceChildren(...items);
      const n = search.results.length;
      status.textContent = n + " result" + (n === 1 ? "" : "s") + " in " + (which.value || shards.length + " shards")
        + (n > items.length ? ", the first " + items.length + " shown" : "");
    } catch (err) {
      if (mine === latest) status.textContent = "Search failed: " + err + " (Pagefind needs the site served over http)";
    }
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); run(input.value); });
  input.addEventListener("input", () => run(input.value));
  which.addEventListener("change", () => run(input.value));
  const q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; run(q); }
})();
"""


def search_page(names: Sequence[str]) -> str:
    """The search page across shards (a small HTML page; see ``_SEARCH_JS``)."""
    options = "".join(f'<option value="{html.escape(n)}">{html.escape(n)}</option>' for n in names)
    config = json.dumps(list(names)).replace("</", "<\\/")
    body = ('<p><a href="index.html">newsarchive</a></p>\n<h1>Search every shard</h1>\n'
            '<form id="search" role="search">'
            '<input id="q" type="search" name="q" aria-label="Search" placeholder="Search" autocomplete="off">'
            f'<select id="shard" aria-label="Shard"><option value="">All shards</option>{options}</select>'
            "<button>Search</button></form>\n"
            '<p id="status" class="muted" aria-live="polite"></p>\n<ol id="results"></ol>\n'
            f'<script type="application/json" id="shards">{config}</script>\n')
    return _doc("Search - newsarchive", body, f"<script>{_SEARCH_JS}</script>\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.shards", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("plan", help="list the shards and their article counts")
    p.add_argument("--root", type=Path, default=Path("."))
    p.add_argument("--by", choices=GROUPINGS, default="year")
    p.add_argument("--json", action="store_true", help="print the shard names as a JSON list (a CI matrix)")
    r = sub.add_parser("root", help="write the scratch root of one shard")
    r.add_argument("--root", type=Path, default=Path("."))
    r.add_argument("--by", choices=GROUPINGS, default="year")
    r.add_argument("--shard", required=True)
    r.add_argument("--out", type=Path, required=True)
    r.add_argument("--base-url", help="absolute URL where the assembled site is served "
                   "(https://archive.example.org/); sets the shard's site_url")
    a = sub.add_parser("assemble", help="put built shard sites under one folder with a search across them")
    a.add_argument("sites", type=Path, nargs="+", help="built sites, each folder named after its shard")
    a.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "plan":
            shards = plan_shards(args.root, args.by)
            if args.json:
                print(json.dumps([s.name for s in shards]))
            else:
                for s in shards:
                    print(f"{s.name}\t{len(s.raw)} article(s)")
        elif args.command == "root":
            shards = {s.name: s for s in plan_shards(args.root, args.by)}
            if args.shard not in shards:
                print(f"shards: no shard {args.shard!r}; shards are {', '.join(shards) or 'none'}", file=sys.stderr)
                return 1
            print(make_shard_root(args.root, shards[args.shard], args.out, args.base_url))
        else:
            print(assemble(args.sites, args.out))
    except (InputError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
