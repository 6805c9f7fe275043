"""Quotes and reported speech, with their speaker where the text attributes one.

Direct quotes are passages in quotation marks; the speaker is named in the
attribution after them ('," said Maria van Kerkhove', '," he said') or before
them ('Tedros said: "...'). Reported speech is a sentence ending ', said NAME'
or containing 'NAME said that ...'. A pronoun ("he said") resolves to the last
person mentioned before it.

Linear in the paragraph: each quote's attribution is tested where it must
be (the words right after the closing mark, or the end of the text before
the opening one), never by searching the whole sentence again, and speakers
are found by bisection in the article's sorted hits.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..records import Quote
from .entities import Hit
from .text import sentences

SPEECH = r"(?:said|says|stated|told|noted|stressed|added)"
DIRECT = re.compile(r"[\"“](?P<q>[^\"“”]{12,}?)[\"”]")
# Matched at the closing quotation mark (pattern.match(text, pos)): '," he said', '," said NAME'.
AFTER = re.compile(rf"\s*(?:(?:he|she|they)\s+{SPEECH}|{SPEECH}\s)", re.IGNORECASE)
# The end of the text before an opening quotation mark: 'Tedros said: "', 'He noted that "'.
SPEECH_END = re.compile(rf"{SPEECH}\Z")
REPORTED_END = re.compile(rf"^(?P<q>.+?),\s+{SPEECH}\s+(?P<who>.+)$", re.DOTALL)
# (?<!\s): a run of spaces is tried once, from its start, not from each of its characters.
REPORTED_THAT = re.compile(rf"^(?P<who>.+?)(?<!\s)\s+{SPEECH}\s+that\s+(?P<q>.+?)[.!?]?$", re.DOTALL)
PRONOUN = re.compile(r"(?:he|she)\b", re.IGNORECASE)
AFTER_PRONOUN = re.compile(rf"{SPEECH}\s+(he|she)\b")
_SPACE = re.compile(r"\s*")
_WORD_CHAR = re.compile(r"\w")


def ends_with_speech(text: str, end: int) -> bool:
    """Whether ``text[:end]`` ends with a verb of speech, then optionally
    'that', ':' or ',' and spaces ('Tedros said: ', 'He noted that '): the
    test ``re.search(r"(?P<who>.*)\\bsaid(?:\\s+that)?[:,]?\\s*$")`` made, in
    time independent of the text before."""
    i = end
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i > 0 and text[i - 1] in ":,":
        i -= 1
    ends = [i]
    if text.endswith("that", 0, i):
        j = i - 4
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j < i - 4:
            ends.append(j)
    for stop in ends:
        found = SPEECH_END.search(text, max(0, stop - 8), stop)
        if found and (found.start() == 0 or not _WORD_CHAR.match(text, found.start() - 1)):
            return True
    return False


class Speakers:
    """Entity hits of one article, to name speakers and resolve pronouns; each
    lookup is a bisection (hits sorted by paragraph and offset)."""

    def __init__(self, hits: list[Hit]):
        self.hits = sorted((h for h in hits if h.entity.kind in ("person", "organisation")),
                           key=lambda h: (h.paragraph, h.start))
        self._keys = [(h.paragraph, h.start) for h in self.hits]
        self._people = [h for h in self.hits if h.entity.kind == "person"]
        self._people_keys = [(h.paragraph, h.start) for h in self._people]

    def first_in(self, paragraph: int, start: int, end: int) -> Hit | None:
        """The hit starting first in ``[start, end)`` of the paragraph."""
        i = bisect_left(self._keys, (paragraph, start))
        if i < len(self.hits) and self._keys[i][0] == paragraph and self._keys[i][1] < end:
            return self.hits[i]
        return None

    def last_in(self, paragraph: int, start: int, end: int) -> Hit | None:
        """The hit starting last in the paragraph's ``[start, end]`` and ending by ``end``."""
        i = bisect_left(self._keys, (paragraph, end + 1)) - 1
        while i >= 0 and self._keys[i][0] == paragraph and self._keys[i][1] >= start:
            if self.hits[i].end <= end:
                return self.hits[i]
            i -= 1
        return None

    def last_person_before(self, paragraph: int, offset: int) -> Hit | None:
        i = bisect_left(self._people_keys, (paragraph, offset)) - 1
        return self._people[i] if i >= 0 else None


def _speaker_after(speakers: Speakers, number: int, start: int, text: str, pos: int, end: int) -> str | None:
    """Speaker named in the attribution clause ``text[pos:end]``, which is at
    offset ``start`` of the paragraph."""
    lead = _SPACE.match(text, pos, end).end() - pos
    first = speakers.first_in(number, start, start + end - pos)
    pronoun = PRONOUN.match(text, pos + lead, end) or AFTER_PRONOUN.match(text, pos + lead, end)
    if pronoun and (first is None or first.start > start + pronoun.end() - pos):
        person = speakers.last_person_before(number, start)
        return person.entity.name if person else None
    return first.entity.name if first else None


def quotes(paragraphs: tuple[str, ...], hits: list[Hit]) -> tuple[Quote, ...]:
    speakers = Speakers(hits)
    found: list[tuple[int, int, Quote]] = []
    for number, text in enumerate(paragraphs, start=1):
        direct_sentences: set[int] = set()  # starts of the sentences holding a direct quote
        for sentence in sentences(text):
            body = sentence.text
            for match in DIRECT.finditer(body):
                q_start = sentence.start + match.start()
                q_end = sentence.start + match.end()
                speaker = None
                if AFTER.match(body, match.end()):
                    speaker = _speaker_after(speakers, number, q_end, body, match.end(), len(body))
                elif ends_with_speech(body, match.start()):
                    hit = speakers.last_in(number, sentence.start, q_start)
                    speaker = hit.entity.name if hit else None
                else:
                    continue  # scare quotes or a title, not a quote
                direct_sentences.add(sentence.start)
                quoted = match.group("q").rstrip().rstrip(",")
                found.append((number, q_start, Quote(quoted, speaker, number, "direct")))
        for sentence in sentences(text):
            if sentence.start in direct_sentences:
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
                if hit is None and PRONOUN.match(that_match.group("who").split()[-1]):
                    hit = speakers.last_person_before(number, sentence.start)
                quote = Quote(that_match.group("q"), hit.entity.name if hit else None, number, "reported")
            else:
                continue
            found.append((number, sentence.start, quote))
    return tuple(q for _, _, q in sorted(found, key=lambda t: (t[0], t[1])))
