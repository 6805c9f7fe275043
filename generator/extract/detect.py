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

import hashlib
import re
from bisect import bisect_left

from slugify import slugify

from .. import limits
from ..registry import Entity
from . import cues
from .entities import Hit
from .gazetteer import ascii_fold, place_name
from .names import PERSON_TITLES, Part, name_shaped, org_by_prefix, org_shaped, place_shaped, runs, split

ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")
PLACE_OF = re.compile(r"\b(?:" + "|".join(sorted(cues.PLACE_OF)) + r")\s+of\s+"
                      r"(?:[A-Z][\w'’-]*\s*(?:,|and|or)\s+){0,4}$")
AFFILIATION = re.compile(r" (?:of|from|at) (?:the )?((?:[A-Z][\w'’.&-]* ?){1,6})")
WEAK_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "across", "throughout", "around"})


def entity_id(name: str) -> str:
    """The stable id of an unregistered entity: the slug of its normalised name, cut to
    the registry's id limit with a short hash of the name when longer (it names a folder)."""
    slug = slugify(normalise(name)) or "entity"
    if len(slug) <= limits.ENTITY_ID:
        return slug
    digest = hashlib.sha256(normalise(name).encode("utf-8")).hexdigest()[:8]
    return slugify(normalise(name), max_length=limits.ENTITY_ID - 9, word_boundary=True) + "-" + digest


def normalise(name: str) -> str:
    """What two spellings of one name share: 'The Vellan Water Board’s' -> 'vellan water board'."""
    text = " ".join(ascii_fold(name).replace("’", "'").split())
    if text.endswith("'s"):
        text = text[:-2]
    if text[:4].casefold() == "the ":
        text = text[4:]
    return text.casefold().replace(".", "")


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
    if part.kind == "titled" and not org_shaped(words):
        part.kind, part.strength = "person", 3
    elif name in cues.NEWS_ORGANISATIONS:
        part.kind, part.strength = "organisation", 3
    elif place_name(name) and not (len(words) == 1 and _follows_title(before)):
        part.kind, part.strength = "place", 3
    elif org_shaped(words) or org_by_prefix(words):
        part.kind, part.strength = "organisation", 3
    elif place_shaped(words):
        part.kind, part.strength = "place", 3
    elif name_shaped(words) and _person_context(part, before, after):
        part.kind, part.strength = "person", 2
    elif name_shaped(words, 3) and re.match(r"\s(?:" + "|".join(cues.PLACE_NOUNS) + r")\b", after):
        noun = after[1:].split(None, 1)[0].rstrip(".,;:")
        part.end += 1 + len(noun)
        part.kind, part.strength = "place", 2
    elif name_shaped(words, 3) and PLACE_OF.search(before):
        part.kind, part.strength = "place", 2
    elif part.acronym and name_shaped(words, 6):
        part.kind, part.strength = "organisation", 2
    elif name_shaped(words, 3) and len(words) > 1 and _after_place_possessive(before):
        part.kind, part.strength = "person", 1  # "Ethiopia's Tigist Bekele"
    elif (name_shaped(words, 2) and not part.sentence_start and _last_word(before) in WEAK_PLACE_PREPOSITIONS
          and not words[-1].endswith(("'s", "’s")) and after[:2] != "'s"):
        part.kind, part.strength = "place", 1


def _after_place_possessive(before: str) -> bool:
    words = before[-40:].split()
    return bool(words) and words[-1].endswith(("'s", "’s")) and place_name(words[-1][:-2]) is not None


def _follows_title(before: str) -> bool:
    words = before.split()
    return bool(words) and (words[-1] in PERSON_TITLES or words[-1].lower() in cues.ROLE_WORDS)


def _person_context(part: Part, before: str, after: str) -> bool:
    single = len([w for w in part.words if w not in cues.JOINERS]) == 1
    if single and part.sentence_start:
        return False  # "Police said": a sentence's first word alone needs its full name elsewhere
    previous = _last_word(before)
    if previous in cues.ROLE_WORDS or previous in cues.SPEECH_BEFORE:
        return True
    stripped = before.rstrip()
    if stripped.endswith("according to") and not single:
        return True
    affiliation = AFFILIATION.match(after)  # "Lena Ostrova of Vellan University"
    if affiliation and not single and affiliation.group(1).split()[-1] in cues.ORG_HEADS:
        return True
    follow = after.lstrip(" ,").split(None, 2)
    if after[:1] in (" ", ",") and follow and follow[0].rstrip(",.") in cues.SPEECH_WORDS:
        return True  # "Varga said", "Aminah Rahman, told reporters"
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


def inside_larger_names(paragraphs: tuple[str, ...], hits: list[Hit],
                        dates: dict[int, list[tuple[int, int]]]) -> list[Hit]:
    """Registry hits that are a word of a larger name the registry lacks: "Asia" in "Southeast
    Asia", "China" in "Bank of China" (an organisation or a place by its words or the gazetteer).
    Detection finds the larger name; the registry's entity is not mentioned there."""
    by_paragraph: dict[int, list[Hit]] = {}
    for hit in hits:
        by_paragraph.setdefault(hit.paragraph, []).append(hit)
    inside: list[Hit] = []
    for number, found in by_paragraph.items():
        text = paragraphs[number - 1]
        spans = sorted(dates.get(number, []))
        starts = [s for s, _ in spans]
        memo: dict[tuple, bool] = {}
        for hit in found:
            if not _capitalised_next_to(text, hit.start, hit.end):
                continue
            lo, hi = max(0, hit.start - WINDOW), min(len(text), hit.end + WINDOW)
            window = text[lo:hi]
            # the dates in the window, found by bisection (a date is far shorter than MAX_DATE): a scan
            # of every date of the paragraph for every hit was quadratic
            near = spans[bisect_left(starts, lo - MAX_DATE): bisect_left(starts, hi)]
            masks = tuple((s - lo, e - lo) for s, e in near if s < hi and e > lo)
            key = (window, masks, hit.start - lo, hit.end - lo)
            if key not in memo:  # repeated text ("China China China ...") is looked at once
                memo[key] = _in_larger_name(window, number, masks, hit.start - lo, hit.end - lo)
            if memo[key]:
                inside.append(hit)
    return inside


def _in_larger_name(window: str, number: int, masks: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """Whether ``window[start:end]`` is a word of a larger organisation or place name in ``window``."""
    for run in runs(window, number, list(masks)):
        if not (run.start <= start and end <= run.end):
            continue
        for part in split(run, window):
            if part.start <= start and end <= part.end and part.end - part.start > end - start \
                    and (place_name(part.text) or org_shaped(part.words) or org_by_prefix(part.words)
                         or place_shaped(part.words)):
                return True
    return False


WINDOW = 80  # characters either side of a registry hit that a larger name may take
MAX_DATE = 200  # characters: longer than any date expression of extract/events.py


def _capitalised_next_to(text: str, start: int, end: int) -> bool:
    """A capitalised word, or "of", right before or after ``text[start:end]``."""
    after = text[end:end + 5]
    if len(after) > 1 and after[0] == " " and (after[1].isupper() or after[1:4] == "of "):
        return True
    if start < 2 or text[start - 1] != " ":
        return False
    previous = text[max(0, start - 40):start - 1].rsplit(" ", 1)[-1]
    return bool(previous) and (previous[0].isupper() or previous in ("of", "the", "and", "for"))


def detect(paragraphs: tuple[str, ...], masks: dict[int, list[tuple[int, int]]],
           taken_ids: frozenset[str] | set[str] = frozenset()) -> list[Hit]:
    """Hits of unregistered entities in reading order. ``masks``: paragraph -> spans already
    accounted for (registry hits, dates, the dateline); ``taken_ids``: the registry's ids."""
    parts: list[Part] = []
    for number, text in enumerate(paragraphs, start=1):
        for run in runs(text, number, masks.get(number, [])):
            for part in split(run, text):
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
    singles = {name for name, (_, kind) in best.items() if kind == "person" and " " not in name}
    for part in parts:  # "designed by Mo Xiaoling ... Mo said": the full name is the person's
        if part.text not in best and len(part.words) > 1 and name_shaped(part.words, 3) \
                and (part.words[0] in singles or part.words[-1] in singles):
            best[part.text] = (2, "person")
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
        if len(part.words) == 1 and short.get(name) and (best.get(name, (0, None))[0] < 3 or kind == "person" or (
                kind == "place" and _last_word(paragraphs[part.paragraph - 1][:part.start])
                not in cues.PLACE_PREPOSITIONS)):
            name, kind = short[name], "person"  # "Lima told reporters": the striker, not the city
        elif name in acronyms and len(part.words) == 1:
            name, kind = acronyms[name], best.get(acronyms[name], (2, "organisation"))[1]
        if kind is None or (len(part.words) == 1 and ACRONYM.match(name) and name not in acronyms
                            and kind != "place") or len(name) > limits.NAME:
            continue  # (a "name" longer than the registry would take is a run of capitalised words)
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
