"""People, organisations and places the registry does not know, found in the text.

Cue-pattern rules over capitalised names, with gazetteers for places
(:mod:`generator.extract.gazetteer`), the same for every reader:

1. **Names.** Runs of capitalised words one space apart, with joiners inside
   ("University of Milan", "Maria van Kerkhove"), never across a registry
   hit, a date or the dateline. Leading sentence words ("The", "After") and
   titles ("Foreign Minister") are dropped; a run that is not an
   organisation or a place name as a whole is split at "of", "for", "and"
   ("Lena Ostrova of Vellan University" is a person and an organisation).
2. **Kinds, strongest evidence first.** A gazetteer place; an organisation's
   head word ("... Board", "Ministry of ..."); a place's head word
   ("... County", "Lake ..."); a title, an honorific, a role word before
   ("spokesperson Li Ming"), a speech verb either side ("said Tomas Varga",
   "Varga said") or an apposition after ("Varga, a farmer") for a person; a
   place noun after ("Hubei province"); an acronym defined after it
   ("Global Harbour Watch (GHW)") for an organisation; a preposition before
   ("in Vellan") for a place.
3. **One article at a time.** A name classified once is that kind everywhere
   in the article; a surname or given name alone ("Varga", "Tedros") is the
   person the article named in full; a defined acronym is its organisation.

Every step looks at a bounded window around a word, so detection is linear in
the length of the text. Detected entities are not reviewed: their id is the
slug of the normalised name (see :func:`entity_id`), the same in every
article, so the cross-link stage merges them by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from slugify import slugify

from ..registry import Entity
from . import cues
from .entities import Hit
from .gazetteer import place_name

TOKEN = re.compile(r"[^\W_](?:[\w&]|[.'’-](?=[^\W_]))*\.?")
ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.)+$|^(?:Mr|Mrs|Ms|Dr|Prof|St|Mt|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Jr|Sr"
                          r"|Inc|Corp|Co|Ltd|No|Ft)\.$")
ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")
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
WEAK_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "across", "throughout", "around"})
KIND_ORDER = ("organisation", "place", "person")


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


def entity_id(name: str) -> str:
    """The stable id of an unregistered entity: the slug of its normalised name."""
    return slugify(normalise(name)) or "entity"


def normalise(name: str) -> str:
    """What two spellings of one name share: 'The Vellan Water Board’s' -> 'vellan water board'."""
    text = " ".join(name.replace("’", "'").split())
    if text.endswith("'s"):
        text = text[:-2]
    if text[:4].casefold() == "the ":
        text = text[4:]
    return text.casefold().replace(".", "")


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


def _runs(text: str, number: int, masks: list[tuple[int, int]]) -> list[Part]:
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


def _org_shaped(words: list[str]) -> bool:
    if len(words) < 2:
        return False
    if words[-1] in cues.ORG_HEADS:
        return True
    return len(words) > 2 and words[0] in cues.ORG_FIRST and words[1] in ("of", "for", "on")


def _place_shaped(words: list[str]) -> bool:
    return len(words) > 1 and (words[-1] in cues.PLACE_HEADS or words[0] in PLACE_FIRST)


def _whole(words: list[str]) -> bool:
    """One name as a whole though it has joiners: "Socialist Party of Serbia", "Bank of Vellan",
    "Centers for Disease Control and Prevention", "Republic of Korea", "Gulf of Aden"."""
    if place_name(" ".join(words)) or (_place_shaped(words) and words[0] in PLACE_FIRST):
        return True
    if words[0] in cues.ORG_FIRST and len(words) > 2 and words[1] in ("of", "for", "on"):
        return True
    first = _first_joiner(words)
    if not 0 < first < len(words) or words[first] in ("and", "&"):
        return False
    return _org_shaped(words[:first]) or (_org_shaped(words) and first > 1)


def _org_by_prefix(words: list[str]) -> bool:
    """ "Socialist Party of Serbia": an organisation's name, then "of" and more."""
    first = _first_joiner(words)
    return 0 < first < len(words) and words[first] not in ("and", "&") and _org_shaped(words[:first])


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
    return all(_org_shaped(side) or place_name(" ".join(side)) for side in sides)


def _offsets(words: list[str], start: int) -> list[int]:
    offsets, at = [], start
    for word in words:
        offsets.append(at)
        at += len(word) + 1
    return offsets


def _split(run: Part, text: str) -> list[Part]:
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
        prefix, name_at = titled
        parts = _split_group(run, words, offsets, lo, lo + prefix, text) if prefix else []
        person = _make(run, words, offsets, lo + name_at, hi, text)
        if person is not None:
            person.kind, person.strength = "titled", 3
            parts.append(person)
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


def _title_at(words: list[str]) -> tuple[int, int] | None:
    """(words before the title, first word of the name) when a title comes before a name."""
    for i in range(len(words) - 2, -1, -1):
        if words[i] in PERSON_TITLES:
            name = words[i + 1:]
            if not _name_shaped(name):
                return None
            j = i
            while j > 0 and (words[j - 1] in cues.TITLE_WORDS or words[j - 1] in PERSON_TITLES
                             or (words[j - 1].endswith(cues.ADJECTIVE_ENDINGS) and not place_name(words[j - 1])
                                 and words[j - 1] not in cues.ORG_HEADS)):
                j -= 1
            return j, i + 1
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


def _name_shaped(words: list[str], max_words: int = 4) -> bool:
    caps = [w for w in words if w not in cues.JOINERS]
    if not caps or len(caps) > max_words:
        return False
    for word in caps:
        if word in cues.NEVER_ALONE or word in cues.ORG_HEADS or word in cues.PLACE_HEADS:
            return False
        if not word[0].isupper() or not any(c.islower() for c in word) or any(c.isdigit() for c in word):
            return False
    return True


def _last_word(before: str) -> str:
    words = before[-40:].split()
    return words[-1].strip(",;:\"“”'’()").lower() if words else ""


def classify(part: Part, text: str) -> None:
    """Set ``part.kind`` and ``part.strength`` from the name and the text either side."""
    words = part.words
    name = " ".join(words)
    before, after = text[max(0, part.start - 60): part.start], text[part.end: part.end + 60]
    acronym = re.match(r"\s\(([A-Z][A-Z&]{1,7})\)", after)
    if acronym and len(words) > 1:
        part.acronym = acronym.group(1)
    if part.kind == "titled" and not _org_shaped(words):
        part.kind, part.strength = "person", 3
    elif place_name(name) and not (len(words) == 1 and _follows_title(before)):
        part.kind, part.strength = "place", 3
    elif _org_shaped(words) or _org_by_prefix(words):
        part.kind, part.strength = "organisation", 3
    elif _place_shaped(words):
        part.kind, part.strength = "place", 3
    elif _name_shaped(words) and _person_context(part, before, after):
        part.kind, part.strength = "person", 2
    elif _name_shaped(words, 3) and re.match(r"\s(?:" + "|".join(cues.PLACE_NOUNS) + r")\b", after):
        noun = after[1:].split(None, 1)[0].rstrip(".,;:")
        part.end += 1 + len(noun)
        part.kind, part.strength = "place", 2
    elif part.acronym and _name_shaped(words, 6):
        part.kind, part.strength = "organisation", 2
    elif (_name_shaped(words, 2) and not part.sentence_start and _last_word(before) in WEAK_PLACE_PREPOSITIONS
          and not words[-1].endswith(("'s", "’s")) and after[:2] != "'s"):
        part.kind, part.strength = "place", 1


def _follows_title(before: str) -> bool:
    words = before.split()
    return bool(words) and (words[-1] in PERSON_TITLES or words[-1].lower() in cues.ROLE_WORDS)


def _person_context(part: Part, before: str, after: str) -> bool:
    single = len([w for w in part.words if w not in cues.JOINERS]) == 1
    if single and part.sentence_start:
        return False  # "Police said": a sentence's first word alone needs its full name elsewhere
    previous = _last_word(before)
    if previous in cues.ROLE_WORDS or previous in cues.SPEECH_WORDS:
        return not single or previous in cues.SPEECH_WORDS or previous in cues.ROLE_WORDS
    stripped = before.rstrip()
    if stripped.endswith("according to") and not single:
        return True
    follow = after.lstrip(" ,").split(None, 2)
    if after.startswith(" ") and follow and follow[0].rstrip(",.") in cues.SPEECH_WORDS:
        return True
    if after.startswith(", ") and follow:
        lead = follow[0].lower().rstrip(",")
        if lead in ("who", "whose") or lead.isdigit():
            return not single or lead.isdigit()
        if lead in ("a", "an", "the") and len(follow) > 1:
            role = follow[1].rstrip(",.;").lower()
            return role in cues.ROLE_WORDS or role.endswith(("er", "ist", "ian", "or"))
        if lead.rstrip(".,") in cues.ROLE_WORDS:
            return True
    return False


def detect(paragraphs: tuple[str, ...], masks: dict[int, list[tuple[int, int]]],
           taken_ids: frozenset[str] | set[str] = frozenset()) -> list[Hit]:
    """Hits of unregistered entities in reading order. ``masks``: paragraph -> spans already
    accounted for (registry hits, dates, the dateline); ``taken_ids``: the registry's ids."""
    parts: list[Part] = []
    for number, text in enumerate(paragraphs, start=1):
        for run in _runs(text, number, masks.get(number, [])):
            for part in _split(run, text):
                classify(part, text)
                parts.append(part)
    return _resolve(parts, paragraphs, taken_ids)


def _resolve(parts: list[Part], paragraphs: tuple[str, ...], taken_ids) -> list[Hit]:
    """Kinds shared across the article, short forms and acronyms resolved to full names."""
    best: dict[str, tuple[int, str]] = {}  # name -> (strength, kind)
    acronyms: dict[str, str] = {}  # "GHW" -> "Global Harbour Watch"
    for part in parts:
        if part.kind and part.strength > best.get(part.text, (0, ""))[0]:
            best[part.text] = (part.strength, part.kind)
        if part.acronym and part.kind in (None, "organisation"):
            acronyms.setdefault(part.acronym, part.text)
            best.setdefault(part.text, (2, "organisation"))
    people = [name for name, (_, kind) in best.items() if kind == "person" and len(name.split()) > 1]
    short: dict[str, str | None] = {}
    for full in people:
        words = full.split()
        for word in (words[-1], words[0]):
            if word in short and short[word] != full:
                short[word] = None  # two people share it: ambiguous
            else:
                short[word] = full
    entities: dict[str, Entity] = {}
    hits: list[Hit] = []
    for part in parts:
        name = part.text
        kind = best.get(name, (0, None))[1]
        if len(part.words) == 1 and short.get(name) and best.get(name, (0, None))[0] < 3:
            name, kind = short[name], "person"
        elif name in acronyms and len(part.words) == 1:
            name, kind = acronyms[name], best.get(acronyms[name], (2, "organisation"))[1]
        if kind is None or (len(part.words) == 1 and ACRONYM.match(name) and name not in acronyms
                            and kind != "place"):
            continue
        if kind == "place":
            name = place_name(name) or (name.title() if name.isupper() else name)
        entity = entities.get(name)
        if entity is None:
            entity = entities[name] = unreviewed(name, kind, taken_ids)
        text = paragraphs[part.paragraph - 1]
        hits.append(Hit(part.paragraph, part.start, part.end, text[part.start:part.end], entity))
    return hits


def unreviewed(name: str, kind: str, taken_ids=frozenset()) -> Entity:
    """An entity the registry does not know: id from the normalised name, kept clear of registry ids."""
    eid = entity_id(name)
    if eid in taken_ids:
        eid = f"{eid}-{kind}"
    return Entity(id=eid, name=name, kind=kind, reviewed=False)


def dateline_entity(place: str, taken_ids=frozenset()) -> Entity:
    """The place a dateline names ("ETHETE, Wyo." -> Ethete), when the registry does not know it."""
    first = place.split(",", 1)[0].strip()
    name = place_name(first) or (first.title() if first.isupper() else first)
    return unreviewed(name, "place", taken_ids)
