"""Quotes and reported speech, with their speaker where the text attributes one.

Direct quotes are passages in quotation marks; the speaker is named in the
attribution after them ('," said Maria van Kerkhove', '," Tedros said', '," he
said') or before them ('Tedros said: "...'). Reported speech is a sentence
ending ', said NAME' or containing 'NAME said that ...' (a few words may come
between: 'said on Monday that'). A pronoun ("he said") resolves to the last
person mentioned before it. Speakers are the people and organisations of the
article, registered or detected (:mod:`generator.extract.detect`).

Every pattern is anchored or bounded, and each is tried once per sentence:
linear in the length of the text.
"""

from __future__ import annotations

import re

from ..records import Quote
from .entities import Hit
from .text import sentences

SPEECH = r"(?:said|says|stated|told|noted|stressed|added)"
DIRECT = re.compile(r"[\"“](?P<q>[^\"“”]{12,}?)[\"”]")
# '," said NAME', '," he said', '," Tomas Varga said', '," the WHO chief told reporters'
AFTER = re.compile(rf"^\s*(?:(?P<pron>he|she|they)\s+{SPEECH}|{SPEECH}\s+\S"
                   rf"|(?:[^\s\"“”.!?]+\s+){{1,6}}?{SPEECH}\b)", re.IGNORECASE)
BEFORE = re.compile(rf"\b{SPEECH}(?:\s+that)?[:,]?\s*$")
REPORTED_END = re.compile(rf",\s+{SPEECH}\s+(?=\S)")
# 'said that', 'said on Monday that', 'told reporters in Geneva that'
REPORTED_THAT = re.compile(rf"\s{SPEECH}(?:\s+[\w,'’-]+){{0,4}}?\s+that\s+(?=\S)")
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
            end_match = REPORTED_END.search(body)
            that_match = REPORTED_THAT.search(body)
            lead = speakers.first_in(number, sentence.start, sentence.start + 1)
            if end_match and lead is not None and body[lead.end - sentence.start: lead.end - sentence.start + 1] == ",":
                # "Varga, who heads the agency, said the agency had raised ...": the speaker comes first
                said = body[end_match.end():]
                said = said[:-1] if said[-1:] in ".!?" else said
                quote = Quote(said, lead.entity.name, number, "reported")
            elif end_match and not re.search(SPEECH, body[: end_match.start()]):
                who_start = sentence.start + end_match.end()
                hit = speakers.first_in(number, who_start, sentence.end)
                quote = Quote(body[: end_match.start()], hit.entity.name if hit else None, number, "reported")
            elif that_match and that_match.start() > 0:
                who = body[: that_match.start()]
                who_end = sentence.start + len(who)
                hit = speakers.last_in(number, sentence.start, who_end)
                if hit is None and PRONOUN.search(who.split()[-1]):
                    hit = speakers.last_person_before(number, sentence.start)
                said = body[that_match.end():]
                said = said[:-1] if said[-1:] in ".!?" else said
                quote = Quote(said, hit.entity.name if hit else None, number, "reported")
            else:
                continue
            found.append((number, sentence.start, quote))
    return tuple(q for _, _, q in sorted(found, key=lambda t: (t[0], t[1])))
