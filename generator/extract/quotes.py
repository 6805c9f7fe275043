"""Quotes and reported speech, with their speaker where the text attributes one.

Direct quotes are passages in quotation marks; the speaker is named in the
attribution after them ('," said Maria van Kerkhove', '," he said') or before
them ('Tedros said: "...'). Reported speech is a sentence ending ', said NAME'
or containing 'NAME said that ...'. A pronoun ("he said") resolves to the last
person mentioned before it.
"""

from __future__ import annotations

import re

from ..records import Quote
from .entities import Hit
from .text import sentences

SPEECH = r"(?:said|says|stated|told|noted|stressed|added)"
DIRECT = re.compile(r"[\"“](?P<q>[^\"“”]{12,}?)[\"”]")
AFTER = re.compile(rf"^\s*(?:(?P<pron>he|she|they)\s+{SPEECH}|{SPEECH}\s+(?P<who>.*))", re.IGNORECASE | re.DOTALL)
BEFORE = re.compile(rf"(?P<who>.*)\b{SPEECH}(?:\s+that)?[:,]?\s*$", re.DOTALL)
REPORTED_END = re.compile(rf"^(?P<q>.+?),\s+{SPEECH}\s+(?P<who>.+)$", re.DOTALL)
REPORTED_THAT = re.compile(rf"^(?P<who>.+?)\s+{SPEECH}\s+that\s+(?P<q>.+?)[.!?]?$", re.DOTALL)
PRONOUN = re.compile(r"^(?:he|she)\b", re.IGNORECASE)


class Speakers:
    """Entity hits of one article, to name speakers and resolve pronouns."""

    def __init__(self, hits: list[Hit]):
        self.hits = [h for h in hits if h.entity.kind in ("person", "organisation")]

    def first_in(self, paragraph: int, start: int, end: int) -> Hit | None:
        inside = [h for h in self.hits if h.paragraph == paragraph and start <= h.start < end]
        return min(inside, key=lambda h: h.start) if inside else None

    def last_in(self, paragraph: int, start: int, end: int) -> Hit | None:
        inside = [h for h in self.hits if h.paragraph == paragraph and start <= h.start and h.end <= end]
        return max(inside, key=lambda h: h.start) if inside else None

    def last_person_before(self, paragraph: int, offset: int) -> Hit | None:
        before = [h for h in self.hits if h.entity.kind == "person"
                  and (h.paragraph, h.start) < (paragraph, offset)]
        return max(before, key=lambda h: (h.paragraph, h.start)) if before else None


def _speaker_after(speakers: Speakers, number: int, start: int, clause: str) -> str | None:
    """Speaker named in an attribution clause starting at ``start``."""
    stripped = clause.lstrip()
    lead = len(clause) - len(stripped)
    first = speakers.first_in(number, start, start + len(clause))
    pronoun = PRONOUN.search(stripped) or re.match(rf"{SPEECH}\s+(he|she)\b", stripped)
    if pronoun and (first is None or first.start > start + lead + pronoun.end()):
        person = speakers.last_person_before(number, start)
        return person.entity.name if person else None
    return first.entity.name if first else None


def quotes(paragraphs: tuple[str, ...], hits: list[Hit]) -> tuple[Quote, ...]:
    speakers = Speakers(hits)
    found: list[tuple[int, int, Quote]] = []
    for number, text in enumerate(paragraphs, start=1):
        direct_spans: list[tuple[int, int]] = []
        for sentence in sentences(text):
            for match in DIRECT.finditer(sentence.text):
                q_start = sentence.start + match.start()
                q_end = sentence.start + match.end()
                after = sentence.text[match.end():]
                before = sentence.text[: match.start()]
                speaker = None
                if AFTER.match(after):
                    speaker = _speaker_after(speakers, number, q_end, after)
                elif BEFORE.search(before):
                    hit = speakers.last_in(number, sentence.start, q_start)
                    speaker = hit.entity.name if hit else None
                else:
                    continue  # scare quotes or a title, not a quote
                direct_spans.append((sentence.start, sentence.end))
                quoted = match.group("q").rstrip().rstrip(",")
                found.append((number, q_start, Quote(quoted, speaker, number, "direct")))
        for sentence in sentences(text):
            if any(s <= sentence.start < e for s, e in direct_spans):
                continue
            body = sentence.text.rstrip()
            end_match = REPORTED_END.match(body)
            that_match = REPORTED_THAT.match(body)
            if end_match and not re.search(SPEECH, end_match.group("q")):
                who_start = sentence.start + end_match.start("who")
                hit = speakers.first_in(number, who_start, sentence.end)
                quote = Quote(end_match.group("q"), hit.entity.name if hit else None, number, "reported")
            elif that_match:
                who_end = sentence.start + that_match.end("who")
                hit = speakers.last_in(number, sentence.start, who_end)
                if hit is None and PRONOUN.search(that_match.group("who").split()[-1]):
                    hit = speakers.last_person_before(number, sentence.start)
                quote = Quote(that_match.group("q"), hit.entity.name if hit else None, number, "reported")
            else:
                continue
            found.append((number, sentence.start, quote))
    return tuple(q for _, _, q in sorted(found, key=lambda t: (t[0], t[1])))
