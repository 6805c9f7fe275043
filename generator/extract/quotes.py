"""Quotes and reported speech, with their speaker where the text attributes one.

Direct quotes are passages in quotation marks; the speaker is named in the
attribution after them ('," said Maria van Kerkhove', '," Tomas Varga said', '," he
said') or before them ('Tedros said: "...'). Reported speech is a sentence
ending ', said NAME' or containing 'NAME said that ...' (a few words may come
between: 'said on Monday that'). A pronoun ("he said") resolves to the last
person mentioned before it. Speakers are the people and organisations of the
article, registered or detected (:mod:`generator.extract.detect`).

Linear in the length of the text: every pattern is anchored or bounded and
tried once per sentence; each quote's attribution is tested where it must
be (at the closing mark, or at the end of the text before the opening one),
never by searching the sentence again, and speakers are found by bisection
in the article's sorted hits.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..records import Quote
from .entities import Hit
from .text import sentences

SPEECH = r"(?:said|says|stated|told|noted|stressed|added)"
DIRECT = re.compile(r"[\"“](?P<q>[^\"“”]{12,}?)[\"”]")
# Matched at the closing quotation mark (pattern.match(text, pos)):
# '," said NAME', '," he said', '," Tomas Varga said', '," the WHO chief told reporters'
AFTER = re.compile(rf"\s*(?:(?P<pron>he|she|they)\s+{SPEECH}|{SPEECH}\s+\S"
                   rf"|(?:[^\s\"“”.!?]+\s+){{1,6}}?{SPEECH}\b)", re.IGNORECASE)
# The end of the text before an opening quotation mark: 'Tedros said: "', 'He noted that "'.
SPEECH_END = re.compile(rf"{SPEECH}\Z")
REPORTED_END = re.compile(rf",\s+{SPEECH}\s+(?=\S)")
# 'said that', 'said on Monday that', 'told reporters in Geneva that'
REPORTED_THAT = re.compile(rf"\s{SPEECH}(?:\s+[\w,'’-]+){{0,4}}?\s+that\s+(?=\S)")
PRONOUN = re.compile(r"(?:he|she)\b", re.IGNORECASE)  # matched at a word's start
AFTER_PRONOUN = re.compile(rf"{SPEECH}\s+(he|she)\b")
_SPACE = re.compile(r"\s*")
_WORD_CHAR = re.compile(r"\w")


def ends_with_speech(text: str, end: int) -> bool:
    r"""Whether ``text[:end]`` ends with a verb of speech, then optionally
    'that', ':' or ',' and spaces ('Tedros said: ', 'He noted that '): what
    ``re.search(r"\bsaid(?:\s+that)?[:,]?\s*$", text[:end])`` finds, in time
    independent of the text before (that search was linear, and made once per
    quotation mark: quadratic; with a leading ``(?P<who>.*)``, cubic)."""
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
                words = who.split()  # (none when the sentence opens with spaces: "  said that ...")
                if hit is None and words and PRONOUN.match(words[-1]):
                    hit = speakers.last_person_before(number, sentence.start)
                said = body[that_match.end():]
                said = said[:-1] if said[-1:] in ".!?" else said
                quote = Quote(said, hit.entity.name if hit else None, number, "reported")
            else:
                continue
            found.append((number, sentence.start, quote))
    return tuple(q for _, _, q in sorted(found, key=lambda t: (t[0], t[1])))
