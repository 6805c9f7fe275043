"""Candidate names in a paragraph, for entity detection (:mod:`generator.extract.detect`).

A candidate is a run of capitalised words one space apart, with joiners inside
("University of Milan", "Maria van Kerkhove"), never across a masked span (a
registry hit, a date, the dateline). A run is split into the names it holds:
at a possessive ("China's National Health Commission"), at a title ("WHO
Director-General Tedros ..."), at "and" between two names, at "of" / "for"
unless it is one name as a whole ("Socialist Party of Serbia"); leading
sentence words ("The", "After") are dropped. One pass over the words: linear
in the length of the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import cues
from .gazetteer import place_name

# the words a name can hold: capitalised ones and joiners (lower-case words are skipped, so the text
# between two tokens that are one space apart holds nothing else)
TOKEN = re.compile(r"(?<![\w.&-])(?:(?:" + "|".join(sorted(cues.JOINERS - {"&"}, key=len, reverse=True))
                   + r")(?![\w'’-])|(?![a-z\d])[^\W_](?:[\w&]|[.'’-](?=[^\W_]))*\.?)")
ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.)+$|^(?:Mr|Mrs|Ms|Dr|Prof|St|Mt|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Jr|Sr"
                          r"|Inc|Corp|Co|Ltd|No|Ft|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$")
SPLIT_JOINERS = frozenset({"of", "for", "on", "the", "and", "&"})
PERSON_TITLES = frozenset({
    "President", "Minister", "Premier", "Secretary", "Secretary-General", "Director", "Director-General",
    "Chairman", "Chairwoman", "Chair", "Chairperson", "Governor", "Mayor", "Senator", "Sen.", "Rep.", "Gov.",
    "Ambassador", "Professor", "Prof.", "King", "Queen", "Prince", "Princess", "Gen.", "Colonel", "Col.", "Captain",
    "Capt.", "Lt.", "Sgt.", "Judge", "Justice", "Pope", "Sheikh", "Chancellor", "Commissioner", "Spokesperson",
    "Spokesman", "Spokeswoman", "Councilor", "Councillor", "Chief", "CEO", "Head", "Leader", "Speaker", "Coach",
    "Lord", "Lady", "Sir", "Dame", "Rev.", "Bishop", "Archbishop", "Cardinal", "Imam", "Rabbi", "Vice-President",
    "Vice-Premier", "Commander", "Admiral", "Marshal", "Emperor", "Empress", "Envoy", "Consul", "Inspector",
    "Detective", "Officer", "Treasurer", "Attorney", "General", *cues.HONORIFICS,
})
PLACE_FIRST = frozenset({"Lake", "Mount", "Mt.", "Cape", "Isle", "Gulf", "Bay", "Fort", "Port", "Mountains"})


@dataclass(slots=True)
class Part:
    """A candidate name: a run of tokens in one paragraph, with what the text says of it."""

    paragraph: int
    start: int
    end: int
    words: list[str]
    sentence_start: bool
    kind: str | None = None
    strength: int = 0  # 3: the name itself says; 2: a cue beside it; 1: a weak cue
    acronym: str | None = None  # "GHW" defined right after it

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _tokens(text: str, masks: list[tuple[int, int]]) -> list[tuple[int, int, str, bool]]:
    """(start, end, word, masked) for each word, a trailing full stop kept only on abbreviations."""
    found: list[tuple[int, int, str, bool]] = []
    spans = sorted(masks)
    m = 0
    for match in TOKEN.finditer(text):
        start, end = match.span()
        word = match.group(0)
        if word.endswith(".") and not ABBREVIATION.match(word):
            word, end = word[:-1], end - 1
        while m < len(spans) and spans[m][1] <= start:
            m += 1
        masked = m < len(spans) and spans[m][0] < end
        found.append((start, end, word, masked))
    return found


def _is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    limit = max(0, start - 6)
    while i >= limit and text[i] in " \"“‘'(":
        i -= 1
    return i < 0 or text[i] in ".!?:;-—–" or i < limit


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not word[0].isdigit()


def runs(text: str, number: int, masks: list[tuple[int, int]]) -> list[Part]:
    """Runs of capitalised words one space apart, joiners allowed between them."""
    tokens = _tokens(text, masks)
    runs: list[Part] = []
    i = 0
    while i < len(tokens):
        start, end, word, masked = tokens[i]
        if masked or not _capitalised(word):
            i += 1
            continue
        words = [word]
        last_end = end
        j = i + 1
        while j < len(tokens):
            s, e, w, mk = tokens[j]
            if mk or text[last_end:s] != " ":
                break
            if _capitalised(w):
                words.append(w)
                last_end = e
                j += 1
                continue
            # up to two joiners, then a capitalised word
            k, joined = j, []
            while k < len(tokens) and len(joined) < 2 and tokens[k][2] in cues.JOINERS and not tokens[k][3] \
                    and text[(tokens[k - 1][1] if k > j else last_end):tokens[k][0]] == " ":
                joined.append(tokens[k][2])
                k += 1
            if joined and k < len(tokens) and not tokens[k][3] and _capitalised(tokens[k][2]) \
                    and text[tokens[k - 1][1]:tokens[k][0]] == " " and not _droppable(tokens[k][2]):
                words.extend(joined)
                words.append(tokens[k][2])
                last_end = tokens[k][1]
                j = k + 1
                continue
            break
        runs.append(Part(number, start, last_end, words, _is_sentence_start(text, start)))
        i = j
    return runs


def org_shaped(words: list[str]) -> bool:
    if len(words) < 2:
        return False
    if words[-1] in cues.ORG_HEADS:
        return True
    return len(words) > 2 and words[0] in cues.ORG_FIRST and words[1] in ("of", "for", "on")


def place_shaped(words: list[str]) -> bool:
    return len(words) > 1 and (words[-1] in cues.PLACE_HEADS or words[0] in PLACE_FIRST)


def _whole(words: list[str]) -> bool:
    """One name as a whole though it has joiners: "Socialist Party of Serbia", "Bank of Vellan",
    "Centers for Disease Control and Prevention", "Republic of Korea", "Gulf of Aden"."""
    if place_name(" ".join(words)) or (place_shaped(words) and words[0] in PLACE_FIRST):
        return True
    if words[0] in cues.ORG_FIRST and len(words) > 2 and words[1] in ("of", "for", "on"):
        return True
    first = _first_joiner(words)
    if not 0 < first < len(words) or words[first] in ("and", "&"):
        return False
    return org_shaped(words[:first])


def org_by_prefix(words: list[str]) -> bool:
    """ "Socialist Party of Serbia": an organisation's name, then "of" and more."""
    first = _first_joiner(words)
    return 0 < first < len(words) and words[first] not in ("and", "&") and org_shaped(words[:first])


def _first_joiner(words: list[str]) -> int:
    return next((i for i, w in enumerate(words) if w in SPLIT_JOINERS), len(words))


def _pieces(words: list[str], at: frozenset[str]) -> list[tuple[int, list[str]]]:
    """(index of the first word, words) of each piece between words in ``at``."""
    pieces: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for i, word in enumerate(words):
        if word in at:
            if current:
                pieces.append((first, current))
            current, first = [], i + 1
        else:
            current.append(word)
    if current:
        pieces.append((first, current))
    return pieces


def _coordinated(words: list[str]) -> bool:
    """Two names joined by "and" ("Health Ministry and the Finance Ministry", "China and Russia")."""
    pieces = _pieces(words, frozenset({"and", "&"}))
    if len(pieces) < 2:
        return False
    if not _whole(words):
        return True
    sides = [_trim_words(p) for _, p in pieces]
    return all(org_shaped(side) or place_name(" ".join(side)) for side in sides)


def _offsets(words: list[str], start: int) -> list[int]:
    offsets, at = [], start
    for word in words:
        offsets.append(at)
        at += len(word) + 1
    return offsets


def split(run: Part, text: str) -> list[Part]:
    """A run split into names: at possessives ("China's National Health Commission"), at a title
    ("WHO Director-General Tedros ..."), at "and" between names, at "of" / "for" unless it is one
    name as a whole; each part trimmed."""
    words, offsets = run.words, _offsets(run.words, run.start)
    groups: list[tuple[int, int]] = []  # [start, end) word indexes
    first = 0
    for i, word in enumerate(words):
        if word.endswith(("'s", "’s")) and i < len(words) - 1:
            groups.append((first, i + 1))
            first = i + 1
    groups.append((first, len(words)))
    result: list[Part] = []
    for lo, hi in groups:
        result.extend(_split_group(run, words, offsets, lo, hi, text))
    return result


def _split_group(run: Part, words: list[str], offsets: list[int], lo: int, hi: int, text: str) -> list[Part]:
    group = words[lo:hi]
    titled = _title_at(group)
    if titled is not None:
        prefix, name_at, name_end = titled
        parts = _split_group(run, words, offsets, lo, lo + prefix, text) if prefix else []
        person = _make(run, words, offsets, lo + name_at, lo + name_end, text)
        if person is not None:
            person.kind, person.strength = "titled", 3
            parts.append(person)
        if lo + name_end + 1 < hi:  # "Professor Yang Deming of Northwest University"
            parts.extend(_split_group(run, words, offsets, lo + name_end + 1, hi, text))
        return parts
    trimmed = _trim_words(group)
    if not _has_joiner(trimmed) or (_whole(trimmed) and not _coordinated(trimmed)):
        part = _make(run, words, offsets, lo, hi, text)
        return [part] if part else []
    parts = []
    at = frozenset({"and", "&"}) if _coordinated(trimmed) else SPLIT_JOINERS
    for index, piece in _pieces(group, at):
        piece_trimmed = _trim_words(piece)
        if at is not SPLIT_JOINERS and _has_joiner(piece_trimmed) and not _whole(piece_trimmed):
            for sub_index, _ in _pieces(piece, SPLIT_JOINERS):
                sub = _pieces(piece, SPLIT_JOINERS)
                length = len(next(p for i, p in sub if i == sub_index))
                part = _make(run, words, offsets, lo + index + sub_index, lo + index + sub_index + length, text)
                if part:
                    parts.append(part)
            continue
        part = _make(run, words, offsets, lo + index, lo + index + len(piece), text)
        if part:
            parts.append(part)
    return parts


def _title_at(words: list[str]) -> tuple[int, int, int] | None:
    """(words before the title, first word of the name, end of the name) when a title comes
    before a name: "Rwandan Minister of Trade Claudine Uwase", "Professor Yang Deming of ..."."""
    for i in range(len(words) - 2, -1, -1):
        if words[i] in PERSON_TITLES or (i == 0 and words[i].lower() in cues.ROLE_WORDS):  # "Owner Celeste ..."
            start = i + 1
            if start < len(words) and words[start] in ("of", "for"):  # "Minister of Trade and Industry"
                k = start + 1
                while k < len(words) - 1 and (words[k] in cues.TITLE_WORDS or words[k] in ("and", "the")):
                    k += 1
                if k == start + 1:
                    continue
                start = k
            end = start
            while end < len(words) and words[end] not in SPLIT_JOINERS:
                end += 1
            if not name_shaped(words[start:end]):
                return None
            j = i
            while j > 0 and (words[j - 1] in cues.TITLE_WORDS or words[j - 1] in PERSON_TITLES
                             or (words[j - 1].endswith(cues.ADJECTIVE_ENDINGS) and not place_name(words[j - 1])
                                 and words[j - 1] not in cues.ORG_HEADS)):
                j -= 1
            return j, start, end
    return None


def _make(run: Part, words: list[str], offsets: list[int], lo: int, hi: int, text: str) -> Part | None:
    if lo >= hi:
        return None
    part = Part(run.paragraph, offsets[lo], offsets[hi - 1] + len(words[hi - 1]), list(words[lo:hi]),
                run.sentence_start and lo == 0)
    return _trim(part, text)


def _has_joiner(words: list[str]) -> bool:
    return any(w in SPLIT_JOINERS for w in words)


def _trim_words(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) - 1 and _droppable(words[i]):
        i += 1
    return words[i:]


def _droppable(word: str) -> bool:
    return (word in cues.NEVER_ALONE and word not in cues.NAME_STARTERS) or word in SPLIT_JOINERS


def _trim(part: Part, text: str) -> Part | None:
    """Sentence words dropped in front; a possessive "'s" dropped at the end."""
    words, start = list(part.words), part.start
    while words and _droppable(words[0]):
        start += len(words[0]) + 1
        words.pop(0)
        part.sentence_start = False
    while words and words[-1] in cues.JOINERS:
        words.pop()
    if not words:
        return None
    last = words[-1]
    if last.endswith(("'s", "’s")) and len(last) > 3:
        words[-1] = last[:-2]
    end = start + len(" ".join(words))
    return Part(part.paragraph, start, end, words, part.sentence_start)


def name_shaped(words: list[str], max_words: int = 4) -> bool:
    caps = [w for w in words if w not in cues.JOINERS]
    if not caps or len(caps) > max_words:
        return False
    for word in caps:
        if word in cues.NEVER_ALONE or word in cues.ORG_HEADS or word in cues.PLACE_HEADS:
            return False
        if not word[0].isupper() or not any(c.islower() for c in word) or any(c.isdigit() for c in word):
            return False
    return True
