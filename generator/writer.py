"""The write stage: articles in, Markdown pages out, and nothing else on disk
but the folders the generator owns.

Everything here is a pure function of its inputs except :func:`write_owned`
and :func:`clean_owned`, which are the only places that touch ``content/``.

Untrusted text (article text, later notes) only ever reaches a page through
:func:`render_inline`, which escapes it so Python-Markdown shows it literally.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import quote, urlsplit

import frontmatter
import jinja2
import yaml

from .cache import write_atomic
from .diagnostics import InputError
from .head import description
from .records import Article

#: Folders under content/ the generator owns (git-ignored, listed in .gitignore).
OWNED_DIRS: tuple[str, ...] = ("articles", "archive", "entities", "timeline", "figures", "_generated")
#: Name of the per-folder list of files the generator wrote.
MANIFEST = ".newsarchive-manifest"
#: How many articles the home page lists.
LATEST_COUNT = 10
#: Where the build publishes raw source files (see generator/mkdocs_plugin.py).
RAW_SITE_DIR = "raw"
#: Where raw source files live in the repository.
RAW_REPO_DIR = "site-data/raw"

_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")


# --------------------------------------------------------------------------
# Inline rendering: plain text + spans -> safe Markdown
# --------------------------------------------------------------------------

@dataclass(slots=True, frozen=True)
class Span:
    """A marked-up stretch ``text[start:end]`` of one paragraph.

    ``kind`` "link": attrs ``href`` (required), ``title`` (optional).
    ``kind`` "mark": attrs ``id`` (optional), ``classes`` (sequence of class
    names), ``marker`` (optional label shown after the mark, linking to
    ``marker_href``, an in-page ``#fragment``).
    Spans may nest or cross; crossing spans are split so the output nests.
    """

    start: int
    end: int
    kind: str
    attrs: Mapping[str, Any] = field(default_factory=dict)


# Characters Python-Markdown gives a meaning anywhere in a line: backslash-escaped.
_ALWAYS = {c: "\\" + c for c in "\\`*_{}[]#"}
# Characters with an HTML/entity meaning, or (|) a table meaning: written as entities.
_ALWAYS.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"})
# Line breaks of any kind become spaces (HTML shows a newline in <p> as a space
# anyway); a blank line would otherwise end the paragraph.
_LINE_BREAKS = "\n\r\t\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029"
_ALWAYS.update({c: " " for c in _LINE_BREAKS})
# Other C0 controls (Python-Markdown uses \x02/\x03 internally) are shown as U+FFFD.
_ALWAYS.update({chr(c): "\ufffd" for c in range(0x20) if chr(c) not in _LINE_BREAKS})
_ALWAYS["\x7f"] = "\ufffd"
_ESCAPE_TABLE = str.maketrans(_ALWAYS)
# Most text has none of those characters: one C-speed search finds out (str.translate is slower).
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ALWAYS)) + "]")
# At the start of a line: list markers, admonitions (!!!), ordered lists (1.).
_LINE_START = re.compile(r"[-+!]|\d+[.)]")

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_ARTICLE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
_SAFE_SCHEMES = {"", "http", "https", "mailto"}


def escape_text(text: str, *, line_start: bool = False) -> str:
    """Escape plain text so Python-Markdown renders it literally.

    ``line_start``: the text begins a line (a paragraph, heading or list item
    content), so block syntax at its start is escaped too.
    """
    out = text.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(text) else text
    if line_start:
        body = out.lstrip(" ")
        lead = out[: len(out) - len(body)]
        m = _LINE_START.match(body)
        if m:
            tok = m.group()
            body = tok[:-1] + "\\" + tok[-1] + body[len(tok):]
        out = lead + body
    return out


@lru_cache(maxsize=65536)
def _safe_href(href: str) -> str:
    if not isinstance(href, str) or not href:
        raise ValueError(f"link span needs a non-empty href, got {href!r}")
    scheme = urlsplit(href).scheme.lower()
    if scheme not in _SAFE_SCHEMES or href.lstrip().lower().startswith(("javascript:", "data:", "vbscript:")):
        raise ValueError(f"unsafe link href {href!r}: only relative, http(s) and mailto links")
    return quote(href, safe="/#?&=%:@!$'*+,;~-._")


_ATTR_TABLE = str.maketrans({
    "&": "&amp;", '"': "&quot;", "<": "&lt;", ">": "&gt;", "(": "&#40;", ")": "&#41;", "\\": "&#92;",
    "'": "&#39;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "{": "&#123;",
    "}": "&#125;", "|": "&#124;", **{c: " " for c in _LINE_BREAKS}})


def _attr_text(value: str) -> str:
    """Text safe inside a double-quoted Markdown link title or HTML attribute."""
    return str(value).translate(_ATTR_TABLE)


def _check_name(value: Any, what: str) -> str:
    if not isinstance(value, str) or not _NAME.match(value):
        raise ValueError(f"{what} must match [A-Za-z][A-Za-z0-9_-]*, got {value!r}")
    return value


def _open(span: Span, first: bool) -> str:
    if span.kind == "link":
        return "["
    classes = [_check_name(c, "mark class") for c in span.attrs.get("classes", ())]
    attrs = ""
    if first and span.attrs.get("id"):
        attrs += f' id="{_check_name(span.attrs["id"], "mark id")}"'
    if not first:
        classes.append("na-continued")
    if classes:
        attrs += f' class="{" ".join(classes)}"'
    return f"<mark{attrs}>"


def _close(span: Span) -> str:
    if span.kind == "link":
        href = _safe_href(span.attrs.get("href", ""))
        title = span.attrs.get("title")
        return f']({href} "{_attr_text(title)}")' if title else f"]({href})"
    return "</mark>"


def _marker(span: Span) -> str:
    """The note marker shown after a mark's last piece ('' when it has none)."""
    if span.kind != "mark" or not span.attrs.get("marker"):
        return ""
    target = span.attrs.get("marker_href", "")
    if not (isinstance(target, str) and target.startswith("#") and _NAME.match(target[1:])):
        raise ValueError(f"mark marker_href must be '#name', got {target!r}")
    return f'<sup class="na-marker"><a href="{target}">{_attr_text(span.attrs["marker"])}</a></sup>'


_KINDS = {"link", "mark"}


def render_inline(text: str, spans: Iterable[Span] = (), *, line_start: bool = True) -> str:
    """One paragraph of plain text as Markdown that renders to exactly that text,
    with ``spans`` turned into links or ``<mark>`` highlights.

    Spans are half-open ``[start, end)`` offsets into ``text``. Spans that cross
    are split where the outer one ends (a split mark keeps its id on the first
    piece and its marker after the last). A marker that would land inside a
    link is placed right after the link (no link inside a link). Links may
    not nest in links.
    """
    spans = list(spans)
    if not spans:  # the common case, and what the loop below gives for it
        return escape_text(text, line_start=line_start).strip(" ")
    for s in spans:
        if s.kind not in _KINDS:
            raise ValueError(f"unknown span kind {s.kind!r}; known: {', '.join(sorted(_KINDS))}")
        if not 0 <= s.start < s.end <= len(text):
            raise ValueError(f"span {s.start}..{s.end} is empty or outside the text (length {len(text)})")
    order = {id(s): i for i, s in enumerate(spans)}
    starting: dict[int, list[Span]] = {}
    for s in spans:
        starting.setdefault(s.start, []).append(s)
    for group in starting.values():
        group.sort(key=lambda s: (-s.end, order[id(s)]))  # longer spans outside
    points = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})

    out: list[str] = []
    stack: list[Span] = []
    markers: list[str] = []  # markers waiting for the enclosing link to close
    started = not line_start  # has anything but spaces been written on the line?
    for i, pos in enumerate(points):
        ending = [k for k, s in enumerate(stack) if s.end == pos]
        if ending:
            lowest = ending[0]
            reopen = [s for s in stack[lowest:] if s.end != pos]
            for k in range(len(stack) - 1, lowest - 1, -1):
                s = stack[k]
                out.append(_close(s))
                if s.end == pos and (m := _marker(s)):
                    if any(o.kind == "link" for o in stack[:k]):
                        markers.append(m)
                    else:
                        out.append(m)
            del stack[lowest:]
            if markers and not any(o.kind == "link" for o in stack):
                out.extend(markers)
                markers.clear()
            for s in reopen:
                out.append(_open(s, first=False))
                stack.append(s)
        for s in starting.get(pos, ()):
            if s.kind == "link" and any(o.kind == "link" for o in stack):
                raise ValueError(f"link span {s.start}..{s.end} overlaps another link")
            out.append(_open(s, first=True))
            stack.append(s)
            started = True
        if i + 1 < len(points):
            piece = escape_text(text[pos:points[i + 1]], line_start=not started)
            if not started:
                piece = piece.lstrip(" ")
                started = bool(piece)
            out.append(piece)
    return "".join(out).strip(" ")


def render_link(label: str, href: str, title: str | None = None) -> str:
    """``[label](href "title")`` with the label escaped: the same as
    ``render_inline(label, [Span(0, len(label), "link", ...)], line_start=False)``,
    without the general machinery (listing pages make hundreds of thousands)."""
    if not label:
        raise ValueError("a link needs a label")
    return "[" + escape_text(label) + _close(Span(0, len(label), "link",
                                                        {"href": href, **({"title": title} if title else {})}))


# --------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
    autoescape=False,  # Markdown output: everything is escaped by render_inline
)


def _parse_published(published: str) -> datetime | None:
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None


def published_display(published: str) -> str:
    """``2020-05-17T15:51:00+08:00`` -> ``17 May 2020, 15:51 UTC+08:00`` (locale-free)."""
    dt = _parse_published(published)
    if dt is None:
        return published
    day = f"{dt.day} {_MONTHS[dt.month - 1]} {dt.year}"
    if len(published) <= 10:
        return day
    text = f"{day}, {dt:%H:%M}"
    if dt.utcoffset() is None:
        return text + " (time zone not stated)"
    off = dt.utcoffset()
    mins = int(off.total_seconds() // 60)
    sign = "+" if mins >= 0 else "-"
    mins = abs(mins)
    return text + f" UTC{sign}{mins // 60:02d}:{mins % 60:02d}"


def published_sort_key(published: str) -> str:
    """A string that sorts chronologically: UTC ISO time when the zone is known."""
    dt = _parse_published(published)
    if dt is None:
        return published
    if dt.utcoffset() is not None:
        dt = dt.astimezone(timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ" if dt.tzinfo else "%Y-%m-%dT%H:%M:%S")


def raw_site_path(source_path: str) -> str:
    """Where the build publishes a raw file: ``site-data/raw/a/b.txt`` -> ``raw/a/b.txt``.

    Every raw file is published with a ``.txt`` suffix, so a saved ``.html``
    page is shown as text and never served (or indexed) as HTML.
    """
    p = PurePosixPath(source_path)
    try:
        rel = p.relative_to(RAW_REPO_DIR)
    except ValueError:
        rel = PurePosixPath(p.name)
    name = str(rel) if rel.suffix == ".txt" else f"{rel}.txt"
    return f"{RAW_SITE_DIR}/{name}"


def article_path(article: Article) -> str:
    """The page's path under content/."""
    if not _ARTICLE_ID.match(article.id):
        raise InputError(article.source.path, f"article id {article.id!r} is not usable as a file name",
                         fix="rename the raw file to letters, digits, '-', '_' and '.'")
    return f"articles/{article.id}.md"


def page_keys(article: Article) -> dict[str, Any]:
    """Front-matter keys for MkDocs/Material and the article template, after the schema keys."""
    return {
        "template": "article.html",
        "hide": ["toc"],
        "description": description(article.paragraphs, article.dateline.text if article.dateline else None),
        "display": {
            "published": published_display(article.published),
            "sort": published_sort_key(article.published),
            "year": article.year,
            "raw_url": quote(raw_site_path(article.source.path)),
        },
    }


#: libyaml's emitter where PyYAML has it (several times faster; same output)
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _front_matter(data: Mapping[str, Any], body: str) -> str:
    text = frontmatter.dumps(frontmatter.Post(body, **data), Dumper=_YAML_DUMPER, sort_keys=False,
                             allow_unicode=True, width=4096)
    return text.rstrip("\n") + "\n"


@dataclass(slots=True, frozen=True)
class PageParts:
    """What later stages add to an article page (all optional).

    ``spans``: paragraph number -> spans over its plain text (entity links,
    note highlights). ``after``: paragraph number -> an HTML block the
    generator rendered and escaped itself (the paragraph's sidenotes), placed
    after the paragraph. ``tail``: such a block at the end of the article
    (notes that no longer match the text). ``related``: links to related
    articles, each ``{"title", "href", "date"}``.
    """

    spans: Mapping[int, Sequence[Span]] = field(default_factory=dict)
    after: Mapping[int, str] = field(default_factory=dict)
    tail: str = ""
    related: Sequence[Mapping[str, str]] = ()


NO_PARTS = PageParts()


def render_article(article: Article, extras: Mapping[str, Any] | None = None,
                   parts: PageParts = NO_PARTS) -> str:
    """The full page text of one article: YAML front matter + Markdown body.

    ``extras``: more front-matter keys (later stages: notes, related, ...),
    added after the schema and page keys; they may not replace schema keys.
    ``parts``: links, highlights, sidenotes and related articles (see PageParts).
    """
    data = article.to_data()
    clash = set(extras or ()) & set(data)
    if clash:
        raise ValueError(f"extras may not replace schema keys: {', '.join(sorted(clash))}")
    data.update(page_keys(article))
    data.update(extras or {})
    figures = [
        {
            "text": render_inline(f.text, [Span(0, len(f.text), "link", {"href": f"#p{f.paragraph}"})])
            if f.text else f"[¶{f.paragraph}](#p{f.paragraph})",
            "paragraph": f.paragraph,
        }
        for f in article.key_figures
    ]
    body = _env.get_template("article.md.j2").render(
        headline=render_inline(article.title),
        figures=figures,
        paragraphs=[
            {"text": render_inline(p, [Span(*s) for s in parts.spans.get(n, ())]) or "&nbsp;",
             "after": parts.after.get(n, "")}
            for n, p in enumerate(article.paragraphs, start=1)
        ],
        tail=parts.tail,
        related=[
            {"link": render_inline(r["title"], [Span(0, len(r["title"]), "link", {"href": r["href"]})]),
             "date": r.get("date", "")}
            for r in parts.related
        ],
    )
    return _front_matter(data, body)


def _sorted_newest_first(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (published_sort_key(a.published), a.id), reverse=True)


def _listing(article: Article, href: str) -> dict[str, str]:
    return {
        "date": published_display(article.published).split(",")[0],
        "link": render_inline(article.title, [Span(0, len(article.title), "link", {"href": href})]),
        "agency": render_inline(article.agency, line_start=False) if article.agency else "",
    }


#: articles on one page of a month's archive; more go on MM-page-2.md, MM-page-3.md, ...
MONTH_PAGE_SIZE = 100


def _month_page(month: str, number: int) -> str:
    return f"{month}.md" if number == 1 else f"{month}-page-{number}.md"


def _month_pager(month: str, count: int, current: int) -> str:
    """'Page 2 of 3: « Previous · 1 **2** 3 · Next »' between a month's pages ('' for one page)."""
    if count <= 1:
        return ""
    numbers = " ".join(f"**{n}**" if n == current else f"[{n}]({_month_page(month, n)})"
                       for n in range(1, count + 1))
    prev = f"[« Previous]({_month_page(month, current - 1)}) · " if current > 1 else ""
    after = f" · [Next »]({_month_page(month, current + 1)})" if current < count else ""
    return f"Page {current} of {count}: {prev}{numbers}{after}"


def render_archive(articles: Iterable[Article], page_size: int = MONTH_PAGE_SIZE) -> dict[str, str]:
    """``archive/index.md`` (years and months with counts) and one page per
    month ``archive/YYYY/MM.md`` listing its articles newest first, paginated
    (``MM-page-2.md`` ...) past ``page_size`` articles."""
    by_month: dict[tuple[str, str], list[Article]] = {}
    for a in articles:
        by_month.setdefault((a.year, a.month), []).append(a)
    pages: dict[str, str] = {}
    years: dict[str, list[dict[str, Any]]] = {}
    for (year, month) in sorted(by_month, reverse=True):
        items = _sorted_newest_first(by_month[(year, month)])
        name = f"{_MONTHS[int(month) - 1]} {year}"
        chunks = [items[i:i + page_size] for i in range(0, len(items), page_size)]
        for number, chunk in enumerate(chunks, start=1):
            pager = _month_pager(month, len(chunks), number)
            body = _env.get_template("archive-month.md.j2").render(
                name=name, pager=pager,
                articles=[_listing(a, f"../../{article_path(a)}") for a in chunk],
            )
            title = name if number == 1 else f"{name} (page {number})"
            pages[f"archive/{year}/{_month_page(month, number)}"] = _front_matter({"title": title}, body)
        years.setdefault(year, []).append({"name": _MONTHS[int(month) - 1], "href": f"{year}/{month}.md",
                                           "count": len(items)})
    body = _env.get_template("archive-index.md.j2").render(
        years=[{"year": y, "count": sum(m["count"] for m in ms), "months": ms} for y, ms in years.items()],
    )
    pages["archive/index.md"] = _front_matter({"title": "Archive"}, body)
    return pages


def render_latest(articles: Iterable[Article], count: int = LATEST_COUNT) -> dict[str, str]:
    """``_generated/latest.md``: the newest articles, included by the
    hand-written home page (links are relative to content/)."""
    items = _sorted_newest_first(articles)[:count]
    body = _env.get_template("latest.md.j2").render(articles=[_listing(a, article_path(a)) for a in items])
    return {"_generated/latest.md": body.rstrip("\n") + "\n"}


def render_pages(archive: Any, extras: Mapping[str, Mapping[str, Any]] | None = None,
                 parts: Mapping[str, PageParts] | None = None) -> dict[str, str]:
    """Every page the write stage produces, keyed by path under content/.

    ``archive``: a sequence of articles, or anything with an ``articles``
    attribute (generator.pipeline.Archive). ``extras`` maps article id to
    extra front-matter keys, ``parts`` to its PageParts."""
    articles: Sequence[Article] = getattr(archive, "articles", archive)
    pages: dict[str, str] = {}
    for a in articles:
        path = article_path(a)
        if path in pages:
            raise InputError(a.source.path, f"two raw files give the same article id {a.id!r}",
                             fix="rename one of them")
        pages[path] = render_article(a, (extras or {}).get(a.id), (parts or {}).get(a.id, NO_PARTS))
    pages.update(render_archive(articles))
    pages.update(render_latest(articles))
    return dict(sorted(pages.items()))


# --------------------------------------------------------------------------
# Writing: only files the generator owns
# --------------------------------------------------------------------------

@dataclass(slots=True)
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    foreign: list[str] = field(default_factory=list)  # files in owned folders we left alone


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(folder: Path) -> dict[str, str]:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    entries: dict[str, str] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        digest, sep, rel = line.partition("  ")
        if not sep or len(digest) != 64 or not rel or ".." in PurePosixPath(rel).parts:
            raise InputError(str(path), "unreadable manifest line", line=lineno,
                             fix="delete the folder and generate again")
        entries[rel] = digest
    return entries


def _utf8(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text


def _manifest_text(entries: Mapping[str, str]) -> str:
    lines = ["# Written by newsarchive: the files below are regenerated or deleted by it.",
             "# Files in this folder that are not listed here are never touched."]
    lines += [f"{entries[rel]}  {rel}" for rel in sorted(entries)]
    return "\n".join(lines) + "\n"


_atomic_write = write_atomic


def _split(rel: str, owned_dirs: Sequence[str]) -> tuple[str, str]:
    parts = PurePosixPath(rel).parts
    if len(parts) < 2 or parts[0] not in owned_dirs or ".." in parts or rel.startswith("/"):
        raise ValueError(f"{rel!r} is not inside a generated folder ({', '.join(owned_dirs)})")
    if parts[-1] == MANIFEST:
        raise ValueError(f"{rel!r} is the generator's manifest")
    return parts[0], "/".join(parts[1:])


def _remove_empty_dirs(folder: Path) -> None:
    for dirpath, _dirs, _files in os.walk(folder, topdown=False):
        if Path(dirpath) != folder and not os.listdir(dirpath):
            os.rmdir(dirpath)


def write_owned(pages: Mapping[str, str | bytes], content_dir: Path,
                owned_dirs: Sequence[str] = OWNED_DIRS) -> WriteStats:
    """Make the owned folders of ``content_dir`` hold exactly ``pages``.

    Writes a file only when its bytes change; deletes a stale file only when
    the folder's manifest lists it; refuses (InputError, before writing
    anything) to overwrite a file it did not write or that was edited by hand.
    """
    content_dir = Path(content_dir)
    grouped: dict[str, dict[str, str | bytes]] = {d: {} for d in owned_dirs}
    for rel, text in pages.items():  # encoded file by file (text or UTF-8): no second copy of the site
        top, inner = _split(rel, owned_dirs)
        grouped[top][inner] = text

    stats = WriteStats()
    plans = []
    for top in owned_dirs:
        folder = content_dir / top
        old = _read_manifest(folder)
        new = grouped[top]
        for inner, text in sorted(new.items()):
            path = folder / inner
            if not path.exists():
                continue
            current, data = path.read_bytes(), _utf8(text)
            if inner not in old:
                if current == data:
                    continue  # identical content: adopting it loses nothing
                raise InputError(f"content/{top}/{inner}", "exists but was not written by newsarchive; "
                                 "refusing to overwrite it",
                                 fix=f"content/{top}/ is generated: move the file elsewhere or delete it")
            if _sha(current) != old[inner] and current != data:
                raise InputError(f"content/{top}/{inner}", "was edited by hand since newsarchive wrote it; "
                                 "refusing to overwrite it",
                                 fix="move your changes elsewhere (generated pages are rebuilt from site-data/), "
                                     "then delete the file")
        for inner, digest in sorted(old.items()):
            path = folder / inner
            if inner not in new and path.exists() and _sha(path.read_bytes()) != digest:
                raise InputError(f"content/{top}/{inner}", "was edited by hand since newsarchive wrote it; "
                                 "refusing to delete it", fix="move the file out of the generated folder")
        plans.append((top, folder, old, new))

    for top, folder, old, new in plans:
        entries: dict[str, str] = {}
        for inner, text in sorted(new.items()):
            path = folder / inner
            data = _utf8(text)
            entries[inner] = _sha(data)
            if path.exists() and path.read_bytes() == data:
                stats.unchanged += 1
            else:
                _atomic_write(path, data)
                stats.written += 1
        for inner in sorted(set(old) - set(new)):
            path = folder / inner
            if path.exists():
                path.unlink()
                stats.removed += 1
        manifest = folder / MANIFEST
        if entries or old:
            text = _manifest_text(entries).encode("utf-8")
            if not manifest.exists() or manifest.read_bytes() != text:
                _atomic_write(manifest, text)
        if folder.is_dir():
            _remove_empty_dirs(folder)
            for p in sorted(folder.rglob("*")):
                rel = p.relative_to(folder).as_posix()
                if p.is_file() and p.name != MANIFEST and rel not in entries:
                    stats.foreign.append(f"content/{top}/{rel}")
    return stats


def clean_owned(content_dir: Path, owned_dirs: Sequence[str] = OWNED_DIRS) -> WriteStats:
    """Delete every file the generator wrote (per its manifests), then the
    manifests and any folder left empty. Hand-written and foreign files stay."""
    stats = write_owned({}, content_dir, owned_dirs)
    for top in owned_dirs:
        folder = Path(content_dir) / top
        manifest = folder / MANIFEST
        if manifest.exists():
            manifest.unlink()
        if folder.is_dir():
            _remove_empty_dirs(folder)
            if not any(folder.iterdir()):
                folder.rmdir()
    return stats
