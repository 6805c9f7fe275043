"""Sidenote HTML: the marker after a passage, the note itself, the orphans section.

Every function returns HTML without blank lines (each note is one line), so
it can go into a Markdown page as a raw HTML block. Every contributed string
is escaped here, and the body is the safe HTML made by
:func:`..markdown.render_body`.

Marker (after the highlighted passage, inside the paragraph)::

    <button type="button" class="na-note-marker" aria-expanded="false"
            aria-controls="note-ID" id="note-ID-ref" data-note="ID"
            aria-label="Note N (Context)">N</button>

Note (after its paragraph; orphans in the orphans section)::

    <aside class="na-note na-note--KIND [na-note--orphan]" id="note-ID" role="note"
           aria-label="Note N" data-note="ID" data-kind="KIND" tabindex="-1">
      <p class="na-note__head"><span class="na-note__number">N</span>
        <span class="na-note__kind">Fact check</span>
        <span class="na-note__verdict na-note__verdict--false">Verdict: False</span></p>
      <p class="na-note__quote">On the passage <q>…</q></p>          (orphans only)
      <div class="na-note__body">…body HTML…</div>
      <ul class="na-note__sources" aria-label="Sources"><li><a href=… rel="nofollow noopener">…</a></li></ul>
      <p class="na-note__meta"><span class="na-note__author">…</span>,
        <time datetime="2026-11-29">29 November 2026</time> ·
        <a class="na-note__permalink" href="#note-ID">Permalink</a></p>
    </aside>
"""

from __future__ import annotations

from html import escape
from typing import Iterable

from .markdown import LINK_REL, safe_url
from .model import KIND_LABELS, VERDICT_LABELS, Anchored

ORPHANS_ID = "notes-that-no-longer-match"
ORPHANS_TITLE = "Notes that no longer match the text"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")


def _attr(value: str) -> str:
    return escape(str(value), quote=True)


def _text(value: str) -> str:
    return " ".join(escape(str(value), quote=False).split())


def date_display(iso: str) -> str:
    """``2026-11-29`` -> ``29 November 2026`` (locale-free)."""
    year, month, day = iso.split("-")
    return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"


def render_marker_html(item: Anchored, number: int | None = None) -> str:
    """The marker button to place right after the highlighted passage."""
    note = item.note
    number = item.number if number is None else number
    label = f"Note {number} ({KIND_LABELS[note.kind]})"
    return (f'<button type="button" class="na-note-marker" aria-expanded="false" '
            f'aria-controls="note-{note.id}" id="note-{note.id}-ref" data-note="{note.id}" '
            f'aria-label="{_attr(label)}">{number}</button>')


def render_note_html(item: Anchored, number: int | None = None) -> str:
    """The ``<aside>`` of one note (anchored or orphan), as one line of HTML."""
    note = item.note
    number = item.number if number is None else number
    classes = f"na-note na-note--{note.kind}"
    if item.is_orphan:
        classes += " na-note--orphan"
    head = [f'<span class="na-note__number">{number}</span>',
            f'<span class="na-note__kind">{KIND_LABELS[note.kind]}</span>']
    if note.verdict:
        head.append(f'<span class="na-note__verdict na-note__verdict--{note.verdict}">'
                    f'Verdict: {VERDICT_LABELS[note.verdict]}</span>')
    parts = [f'<p class="na-note__head">{" ".join(head)}</p>']
    if item.is_orphan:
        parts.append(f'<p class="na-note__quote">On the passage <q>{_text(note.quote)}</q></p>')
    parts.append(f'<div class="na-note__body">{note.body_html}</div>')
    links = [f'<li><a href="{_attr(s.url)}" rel="{LINK_REL}">{_text(s.title)}</a></li>'
             if safe_url(s.url) else f"<li>{_text(s.title)} ({_text(s.url)})</li>"
             for s in note.sources]
    if links:
        parts.append(f'<ul class="na-note__sources" aria-label="Sources">{"".join(links)}</ul>')
    parts.append(f'<p class="na-note__meta"><span class="na-note__author">{_text(note.author)}</span>, '
                 f'<time datetime="{_attr(note.added)}">{date_display(note.added)}</time> · '
                 f'<a class="na-note__permalink" href="#note-{note.id}">Permalink</a></p>')
    return (f'<aside class="{classes}" id="note-{note.id}" role="note" aria-label="Note {number}" '
            f'data-note="{note.id}" data-kind="{note.kind}" tabindex="-1">{"".join(parts)}</aside>')


def render_paragraph_notes(anchored: Iterable[Anchored]) -> dict[int, str]:
    """Paragraph number -> the asides to place right after that paragraph
    (one per line, in number order). Orphans are not included."""
    by_paragraph: dict[int, list[Anchored]] = {}
    for item in anchored:
        if not item.is_orphan and item.paragraph is not None:
            by_paragraph.setdefault(item.paragraph, []).append(item)
    return {p: "\n".join(render_note_html(i) for i in sorted(items, key=lambda i: i.number))
            for p, items in sorted(by_paragraph.items())}


def render_orphans_html(anchored: Iterable[Anchored]) -> str:
    """The section at the end of the article holding orphan notes, or ""."""
    orphans = sorted((i for i in anchored if i.is_orphan), key=lambda i: i.number)
    if not orphans:
        return ""
    lines = [f'<section class="na-orphans" id="{ORPHANS_ID}" aria-labelledby="{ORPHANS_ID}-title">',
             f'<h2 id="{ORPHANS_ID}-title">{ORPHANS_TITLE}</h2>',
             '<p class="na-orphans__intro">These notes were written about passages that are no longer '
             'found in the article text. They are kept here with the passage each one quoted.</p>',
             *(render_note_html(i) for i in orphans),
             "</section>"]
    return "\n".join(lines)
