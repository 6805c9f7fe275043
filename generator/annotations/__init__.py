"""Marginal annotations (issue 3): contributed notes anchored to passages.

Pure functions, in pipeline order (the CLI and the write stage wire them in):

``load_notes(annotations_dir, article_ids, root) -> (dict[id, list[Note]], Report)``
    read and validate ``site-data/annotations/`` (see :mod:`.load`).
``anchor(notes, paragraphs) -> (list[Anchored], Report)``
    place each note on the article's plain paragraph text (see :mod:`.anchor`).
``mark_spans(anchored) -> dict[paragraph, list[Span-like tuple]]``
    ``<mark>`` spans for ``generator.write.render_inline``.
``render_note_html(item, number)``, ``render_marker_html(item, number)``,
``render_paragraph_notes(anchored)``, ``render_orphans_html(anchored)``
    the sidenote HTML (see :mod:`.html`).
``annotate_skeleton(article, passage) -> str``
    what ``newsarchive annotate`` prints (see :mod:`.skeleton`).
``export_jsonld(anchored_by_article, articles, base) -> dict``
    W3C Web Annotation JSON-LD of every note (see :mod:`.jsonld`).
"""

from .anchor import anchor, fold, mark_spans
from .html import render_marker_html, render_note_html, render_orphans_html, render_paragraph_notes
from .jsonld import export_jsonld
from .load import SCHEMA_PATH, load_notes, schema
from .markdown import render_body, safe_url
from .model import EXACT, FUZZY, KINDS, ORPHAN, VERDICTS, Anchored, Note, NoteSource
from .skeleton import annotate_skeleton

__all__ = [
    "Anchored", "EXACT", "FUZZY", "KINDS", "Note", "NoteSource", "ORPHAN", "SCHEMA_PATH", "VERDICTS",
    "anchor", "annotate_skeleton", "export_jsonld", "fold", "load_notes", "mark_spans",
    "render_body", "render_marker_html", "render_note_html", "render_orphans_html",
    "render_paragraph_notes", "safe_url", "schema",
]
