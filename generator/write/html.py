"""Inline HTML: untrusted text with links and highlights, escaped once, by HTML's rule.

Every string from an article, a note, a sidecar or the registry reaches a page
through :func:`text` (or a Jinja2 template, whose autoescape applies the same
rule through :func:`clean`), never as markup. Text is shown literally: ``<``,
``&`` and quotes become entities; line breaks of any kind become spaces (HTML
shows a newline as a space anyway, and a generated page keeps no blank line
inside an element, so another Markdown engine reading the ``.md`` file passes
the body through as HTML); other control characters become U+FFFD.

:func:`render_inline` turns one paragraph and its :class:`Span` s (entity
links, note highlights) into HTML; :func:`link` is the one-link case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

# Line breaks of any kind become spaces; other C0 controls and DEL are shown as U+FFFD.
_LINE_BREAKS = "\n\r\t\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029"
_CLEAN = {c: " " for c in _LINE_BREAKS}
_CLEAN.update({chr(c): "\ufffd" for c in range(0x20) if chr(c) not in _LINE_BREAKS})
_CLEAN["\x7f"] = "\ufffd"
_CLEAN_TABLE = str.maketrans(_CLEAN)
# Most text has none of those characters: one C-speed search finds out (str.translate is slower).
_NEEDS_CLEAN = re.compile("[" + re.escape("".join(_CLEAN)) + "]")

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_SAFE_SCHEMES = {"", "http", "https", "mailto"}


def clean(value: str) -> str:
    """``value`` with line breaks as spaces and control characters as U+FFFD (not yet escaped)."""
    return value.translate(_CLEAN_TABLE) if _NEEDS_CLEAN.search(value) else value


def text(value: str | None) -> Markup:
    """Plain text as HTML that shows exactly that text ("" for None)."""
    return escape(clean(value)) if value else Markup("")


@lru_cache(maxsize=65536)
def safe_href(href: str) -> str:
    """``href`` percent-encoded and escaped for a double-quoted attribute; only
    relative, http(s) and mailto URLs."""
    if not isinstance(href, str) or not href:
        raise ValueError(f"link span needs a non-empty href, got {href!r}")
    scheme = urlsplit(href).scheme.lower()
    if scheme not in _SAFE_SCHEMES or href.lstrip().lower().startswith(("javascript:", "data:", "vbscript:")):
        raise ValueError(f"unsafe link href {href!r}: only relative, http(s) and mailto links")
    return str(escape(quote(href, safe="/#?&=%:@!$*+,;~-._")))


def check_name(value: Any, what: str) -> str:
    """An id or class name the generator puts into an attribute unescaped."""
    if not isinstance(value, str) or not _NAME.match(value):
        raise ValueError(f"{what} must match [A-Za-z][A-Za-z0-9_-]*, got {value!r}")
    return value


def link(label: str, href: str, title: str | None = None) -> Markup:
    """``<a href="href" title="title">label</a>`` with label and title escaped (the
    same as :func:`render_inline` with one link span); an empty label shows "¶"."""
    title_attr = f' title="{escape(clean(title))}"' if title else ""
    return Markup(f'<a href="{safe_href(href)}"{title_attr}>{text(clean(label).strip(" ")) or "¶"}</a>')


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


_KINDS = {"link", "mark"}


def _open(span: Span, first: bool) -> str:
    if span.kind == "link":
        title = span.attrs.get("title")
        title_attr = f' title="{escape(clean(title))}"' if title else ""
        return f'<a href="{safe_href(span.attrs.get("href", ""))}"{title_attr}>'
    classes = [check_name(c, "mark class") for c in span.attrs.get("classes", ())]
    attrs = ""
    if first and span.attrs.get("id"):
        attrs += f' id="{check_name(span.attrs["id"], "mark id")}"'
    if not first:
        classes.append("na-continued")
    if classes:
        attrs += f' class="{" ".join(classes)}"'
    return f"<mark{attrs}>"


def _close(span: Span) -> str:
    return "</a>" if span.kind == "link" else "</mark>"


def _marker(span: Span) -> str:
    """The note marker shown after a mark's last piece ('' when it has none)."""
    if span.kind != "mark" or not span.attrs.get("marker"):
        return ""
    target = span.attrs.get("marker_href", "")
    if not (isinstance(target, str) and target.startswith("#") and _NAME.match(target[1:])):
        raise ValueError(f"mark marker_href must be '#name', got {target!r}")
    return (f'<sup class="na-marker" data-pagefind-ignore><a href="{target}">'
            f'{text(str(span.attrs["marker"]))}</a></sup>')


def render_inline(value: str, spans: Iterable[Span] = ()) -> Markup:
    """One paragraph of plain text as HTML that shows exactly that text, with
    ``spans`` turned into links or ``<mark>`` highlights.

    Spans are half-open ``[start, end)`` offsets into ``value``. Spans that
    cross are split where the outer one ends (a split mark keeps its id on the
    first piece and its marker after the last). A marker that would land
    inside a link is placed right after the link (no link inside a link).
    Links may not nest in links. Leading and trailing spaces are dropped (HTML
    would not show them).
    """
    spans = list(spans)
    if not spans:  # the common case, and what the loop below gives for it
        return escape(clean(value).strip(" "))
    for s in spans:
        if s.kind not in _KINDS:
            raise ValueError(f"unknown span kind {s.kind!r}; known: {', '.join(sorted(_KINDS))}")
        if not 0 <= s.start < s.end <= len(value):
            raise ValueError(f"span {s.start}..{s.end} is empty or outside the text (length {len(value)})")
    cleaned = clean(value)  # same length: offsets still hold
    lead = len(cleaned) - len(cleaned.lstrip(" "))
    tail = len(cleaned.rstrip(" "))
    order = {id(s): i for i, s in enumerate(spans)}
    starting: dict[int, list[Span]] = {}
    for s in spans:
        starting.setdefault(s.start, []).append(s)
    for group in starting.values():
        group.sort(key=lambda s: (-s.end, order[id(s)]))  # longer spans outside
    points = sorted({0, len(value), *(s.start for s in spans), *(s.end for s in spans)})

    out: list[str] = []
    stack: list[Span] = []
    markers: list[str] = []  # markers waiting for the enclosing link to close
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
        if i + 1 < len(points):
            start, end = max(pos, lead), min(points[i + 1], tail)  # spaces at either end are not shown
            if start < end:
                out.append(escape(cleaned[start:end]))
    return Markup("".join(out))
