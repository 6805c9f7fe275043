"""What the archive refuses for its length, in one place.

Text of any length in a paragraph, a quote or a note is handled in linear
time; the limits below are on text that becomes a name, a heading, a URL or
a file name, where a very long value is a mistake (a misread page, a pasted
paragraph) rather than a name. Each refusal is one line naming the file,
the line, the key and the limit (README, "Limits"; CONTRIBUTING.md). The
readers, the sidecar and the registry loaders call :func:`check_length`
while reading, so ``check`` refuses exactly what ``build`` refuses.
"""

from __future__ import annotations

from .diagnostics import InputError

#: a person, organisation or place: registry names and aliases, bylines, editors, agencies,
#: publishers, dateline places, quote speakers, mention names and forms
NAME = 200
#: a headline (the longest in the sample formats is under 200 characters)
HEADLINE = 500
#: a registry id: the folder of the entity's page (content/entities/<id>/)
ENTITY_ID = 100
#: an article id (the raw file's name without its extension): the page's file name
ARTICLE_ID = 200
#: an entity's description in the registry (a note's body has the same limit)
DESCRIPTION = 5_000
#: the units, counts, qualifiers, expressions and dateline texts of a sidecar's records
SHORT_TEXT = 1_000

PREVIEW = 40  # characters of a refused value shown in the message


def preview(value: str) -> str:
    """The start of a long value, quoted on one line: ``'TEST FIXTURE aaaa…'``."""
    return repr(value[:PREVIEW] + "…" if len(value) > PREVIEW else value)


def check_length(value: str, limit: int, rel: str, what: str, *, line: int | None, fix: str) -> None:
    """Raise the one-line InputError when ``value`` is longer than ``limit`` characters.

    ``what`` names the key ("byline", "editors[2]", "name of 'who'")."""
    if len(value) > limit:
        raise InputError(rel, f"{what} {preview(value)} is {len(value):,} characters, over the limit of {limit:,}",
                         line=line, fix=fix)
