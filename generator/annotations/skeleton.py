"""``newsarchive annotate ARTICLE "passage"``: a ready note to fill in.

:func:`annotate_skeleton` finds the passage in the article the way anchoring
does (whitespace, quote and dash styles do not matter), copies the article's
own text into ``quote``, gives the note a stable ``id`` (its permalink, which
then no longer changes when the quote is corrected), and records the words
around the passage as ``prefix``/``suffix``: at least 32 characters each (whole
words), as the Hypothesis client records them, so that anchoring can find the
passage again after the article is edited, and more where needed to pick out
one occurrence of a passage that occurs more than once.
When the passage is not in the article it raises :class:`PassageNotFound`
whose message names the closest passage (rapidfuzz).
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Collection, Sequence

from rapidfuzz import fuzz
from slugify import slugify

from ..records import Article
from .folding import Document, fits, fold, occurrences, word_bounds
from .model import KINDS, VERDICTS

MAX_CONTEXT_WORDS = 30
#: at least this many characters of context on each side (the Hypothesis client records 32)
CONTEXT_CHARS = 32
_WORD = re.compile(r"\S+")


class PassageNotFound(ValueError):
    """The passage is not in the article; the message says what is closest."""


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _context_options(joined: str, a: int, b: int) -> tuple[list[str], list[str]]:
    """Candidate prefixes (1, 2, ... whole words before a) and suffixes (after b)."""
    window = joined[max(0, a - 400):a]
    offset = max(0, a - 400)
    starts = [m.start() + offset for m in _WORD.finditer(window)]
    if starts and a - 400 > 0:
        starts = starts[1:]  # the first word of the window may be cut
    prefixes = [joined[s:a] for s in reversed(starts)][:MAX_CONTEXT_WORDS]
    ends = [m.end() + b for m in _WORD.finditer(joined[b:b + 400])]
    suffixes = [joined[b:e] for e in ends][:MAX_CONTEXT_WORDS]
    return prefixes, suffixes


def selector_context(doc: Document, paragraphs: Sequence[str], hits: list[tuple[int, int, int]],
                     target: tuple[int, int, int], start: int, end: int) -> tuple[str, str] | None:
    """(prefix, suffix) for the passage at original [start, end) of paragraph ``target[0]``:
    whole words, at least CONTEXT_CHARS characters on each side where the text has them (as
    Hypothesis records 32), more words where that is what singles ``target`` out of ``hits``
    (the passage's exact occurrences, folded). None if even MAX_CONTEXT_WORDS do not."""
    joined_starts, at = [], 0
    for p in paragraphs:
        joined_starts.append(at)
        at += len(p) + 1
    joined = " ".join(paragraphs)
    pi = target[0]
    prefixes, suffixes = _context_options(joined, joined_starts[pi] + start, joined_starts[pi] + end)
    prefixes = [" ".join(p.split()) for p in prefixes] or [""]
    suffixes = [" ".join(s.split()) for s in suffixes] or [""]
    first_p = next((i for i, p in enumerate(prefixes) if len(p) >= CONTEXT_CHARS), len(prefixes) - 1)
    first_s = next((j for j, s in enumerate(suffixes) if len(s) >= CONTEXT_CHARS), len(suffixes) - 1)
    options = [(i, j) for i in range(first_p, len(prefixes)) for j in range(first_s, len(suffixes))]
    options.sort(key=lambda o: (o[0] + o[1], o))
    for i, j in options:
        prefix, suffix = prefixes[i], suffixes[j]
        if len(hits) == 1 or [h for h in hits if fits(doc, *h, fold(prefix)[0].strip(), fold(suffix)[0].strip())] \
                == [target]:
            return prefix, suffix
    return None


def note_id(quote: str, taken: Collection[str]) -> str:
    """A readable, stable id for a new note: the quote's first words, made unique among ``taken``."""
    base = slugify(quote, max_length=40, word_boundary=True, save_order=True) or "note"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _skeleton(note_id: str, quote: str, prefix: str, suffix: str, today: date | None) -> list[str]:
    if note_id:
        lines = [f"id: {note_id}  # the note's permalink (#note-{note_id}): keep it when you correct the quote"]
    else:  # a blank note ("Suggest a note"): the contributor names it
        lines = ['id: ""  # a short name: the quote\'s first words, e.g. 75498-cumulative-covid-19-cases (#note-<id>)']
    lines.append(f"quote: {_yaml_string(quote)}" + ("" if quote else "  # the exact words you annotate, copied from the article"))
    if prefix or suffix:
        lines.append("# the words around the quote: they place the note again if the article is edited")
    if prefix:
        lines.append(f"prefix: {_yaml_string(prefix)}")
    if suffix:
        lines.append(f"suffix: {_yaml_string(suffix)}")
    lines += [
        f"kind: context  # {' | '.join(KINDS)}",
        f"# verdict: unverified  # fact-check only: {' | '.join(VERDICTS)}",
        'body: ""  # the note, in Markdown; for several paragraphs write "body: |" and indent the text',
        "# sources:",
        "#   - url: https://...",
        "#     title: The page's title",
        'author: ""  # your name',
        f"added: {today.isoformat()}" if today else "added: YYYY-MM-DD  # today's date",
    ]
    return lines


#: the file name a "Suggest a note" link proposes (the contributor may rename it)
SUGGESTED_NAME = "my-note.yml"


def blank_skeleton(article_id: str, title: str) -> str:
    """A note to fill in for an article, with no passage yet: what each
    article's "Suggest a note" link prefills in GitHub's new-file page
    (the page's script puts in the passage the reader selected and today's date)."""
    out = [f"# A note on {title!r} ({article_id}).",
           "# Put the passage in quote exactly as printed (one paragraph at most), fill in the rest,",
           "# propose the file: the pull request's checks say what to fix."]
    return "\n".join(out + _skeleton("", "", "", "", None)) + "\n"


def annotate_skeleton(article: Article, passage: str, *, today: date | None = None,
                      occurrence: int | None = None, taken: Collection[str] = ()) -> str:
    """A YAML note for ``passage`` of ``article``, ready to fill in.

    It has an ``id`` (the quote's first words, not one of the article's ``taken``
    note ids) and ``prefix``/``suffix`` (:func:`selector_context`). If the passage
    occurs several times, one skeleton per occurrence (or only the
    ``occurrence``-th, 1-based), each with context that makes it unique. Raises
    PassageNotFound (message: the closest passage) if the passage is not in the
    article or runs across paragraphs.
    """
    today = today or date.today()
    paragraphs = article.paragraphs
    doc = Document(paragraphs)
    quote = fold(passage)[0].strip()
    if not quote:
        raise PassageNotFound("the passage is empty: give the words you want to annotate")
    hits = [(pi, a, a + len(quote)) for pi, p in enumerate(doc.paras) for a in occurrences(quote, p.folded)]
    if not hits:
        raise PassageNotFound(_not_found(article, doc, quote, passage))
    chosen = list(enumerate(hits, start=1))
    if occurrence is not None:
        if not 1 <= occurrence <= len(hits):
            raise PassageNotFound(f"the passage occurs {len(hits)} time(s) in {article.id}; "
                                  f"there is no occurrence {occurrence}")
        chosen = [chosen[occurrence - 1]]
    folder = f"site-data/annotations/{article.id}/"
    out = [f"# A note on {article.title!r} ({article.id}).",
           f"# Save it as a .yml file in {folder}, fill it in, and run `newsarchive check`."]
    if len(hits) > 1 and occurrence is None:
        out.append(f"# The passage occurs {len(hits)} times: keep the note for the one you mean, "
                   "delete the others.")
    ids = set(taken)
    for number, hit in chosen:
        pi = hit[0]
        start, end = doc.paras[pi].span(hit[1], hit[2])
        text = paragraphs[pi][start:end]
        out.append("")
        context = selector_context(doc, paragraphs, hits, hit, start, end)
        if len(hits) > 1:
            out.append(f"# --- occurrence {number} of {len(hits)}: paragraph {pi + 1} ---")
        else:
            out.append(f"# Paragraph {pi + 1}.")
        if context is None:
            out.append(f"# This passage and the {MAX_CONTEXT_WORDS} words around it occur more than "
                       "once: quote a longer passage.")
            context = ("", "")
        ident = note_id(text, ids)
        ids.add(ident)
        out += _skeleton(ident, text, context[0], context[1], today)
    return "\n".join(out) + "\n"


def _not_found(article: Article, doc: Document, quote: str, passage: str) -> str:
    spanning = doc.joined.find(quote)
    if spanning != -1:
        first = doc.paragraph_at(spanning) + 1
        last = doc.paragraph_at(spanning + len(quote) - 1) + 1
        return (f"the passage runs across paragraphs {first}-{last} of {article.id}; "
                "a note quotes a passage within one paragraph: annotate each part separately")
    best = None
    for pi, p in enumerate(doc.paras):
        found = fuzz.partial_ratio_alignment(quote, p.folded)
        if found is not None and found.dest_end > found.dest_start and (best is None or found.score > best[0]):
            best = (found.score, pi, found.dest_start, found.dest_end)
    message = (f"the passage {passage.strip()!r} is not in {article.id} "
               "(whitespace, quote and dash styles are ignored)")
    if best is None or best[0] < 50:
        return message + "; nothing in the article is close to it: check the article id"
    score, pi, a, b = best
    para = doc.paras[pi]
    start, end = word_bounds(para.text, *para.span(a, b))
    return (message + f"; the closest passage is in paragraph {pi + 1} ({score:.0f}% similar): "
            f"{para.text[start:end]!r}")
