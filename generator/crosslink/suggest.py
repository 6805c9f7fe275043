"""``newsarchive entities --suggest``: names the articles mention that the
registry does not know, with a guess at their kind, ready to paste into
``site-data/entities.yml`` after review.

Candidates come from :func:`generator.extract.entities.candidates`
(multi-word capitalised names not covered by a registered form); here they are
cleaned (leading titles such as "President" stripped, dates and page chrome
dropped), counted across the archive and given a kind:

* person: a title came before it ("Minister", "Director-General", ...), or a
  speech verb sits right next to it ("said Tomas Varga", "Tomas Varga said");
* organisation: it contains a word such as Party, Commission, University,
  Ministry, Council, Bank, Agency, Committee, Institute;
* place: it contains a word such as Province, City, Island, or otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from slugify import slugify

from .. import limits
from ..extract.entities import Matcher, candidates
from ..extract.text import sentences
from ..registry import ID_PATTERN

TITLES = (
    "Vice President", "President", "Vice Premier", "Premier", "Prime Minister", "Deputy Prime Minister",
    "Foreign Minister", "Minister", "State Councilor", "Secretary-General", "Secretary General",
    "Director-General", "Director General", "Director", "Chancellor", "Chairman", "Chairwoman", "Chair",
    "Spokesperson", "Spokesman", "Spokeswoman", "Ambassador", "Governor", "Mayor", "Senator", "King",
    "Queen", "Prince", "Princess", "General", "Professor", "Prof.", "Dr.", "Mr.", "Mrs.", "Ms.",
    "Dr", "Mr", "Mrs", "Ms", "Pope", "Sheikh", "Chief Executive", "CEO", "Commissioner", "Secretary",
)
ORGANISATION_WORDS = frozenset({
    "Party", "Commission", "University", "Organization", "Organisation", "Union", "Ministry", "Council",
    "Association", "Bank", "Agency", "Committee", "Institute", "Institution", "Department", "Office",
    "Bureau", "Administration", "Authority", "Centre", "Center", "Centers", "Company", "Corporation",
    "Group", "Foundation", "Fund", "Court", "Parliament", "Assembly", "Congress", "Government", "Academy",
    "College", "School", "Hospital", "Forum", "Federation", "League", "Programme", "Program", "Team",
    "Mission", "Society", "Network", "Alliance", "Inc.", "Ltd.", "Ltd", "Daily", "News", "Times", "Post",
    "Service", "Army", "Navy", "Police", "Board", "Secretariat", "Council's",
})
PLACE_WORDS = frozenset({
    "Province", "City", "County", "District", "Island", "Islands", "Region", "State", "Republic", "Kingdom",
    "Sea", "Ocean", "River", "Lake", "Mountains", "Mountain", "Valley", "Bay", "Gulf", "Strait", "Peninsula",
    "Street", "Square", "Airport", "Port", "Village", "Town", "Prefecture", "Autonomous",
})
#: places often written as two capitalised words that nothing else marks as places
KNOWN_PLACES = frozenset({
    "Hong Kong", "New York", "New Delhi", "South Africa", "North Korea", "South Korea", "Saudi Arabia",
    "New Zealand", "Sri Lanka", "Middle East", "Latin America", "South China Sea", "Costa Rica",
    "Los Angeles", "San Francisco", "Buenos Aires", "Rio de Janeiro", "Abu Dhabi", "Kuala Lumpur",
})
_DATE_WORDS = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.",
    "Dec.", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
})
_TITLE_BEFORE = re.compile(r"(?:^|\W)(?:" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
                           + r")\s+$")
_SPEECH = r"(?:said|says|told|added|noted|stressed|stated)"
_SPEECH_BEFORE = re.compile(rf"\b{_SPEECH}\s+$")
_SPEECH_AFTER = re.compile(rf"^,?\s+(?:(?:also|has|had|then)\s+)?{_SPEECH}\b")
_TRAILING = "'’s,.;:"


@dataclass(slots=True, frozen=True)
class Suggestion:
    id: str  # a free slug for entities.yml
    name: str
    kind: str  # person | organisation | place (a guess)
    count: int  # mentions across the archive
    articles: int  # articles that mention it
    example: str  # the sentence of its first mention
    source: str  # raw file of that example
    paragraph: int


def _strip_title(words: list[str]) -> tuple[list[str], bool]:
    """Drop a leading title: ('President Joe Biden' -> 'Joe Biden', True)."""
    text = " ".join(words)
    for title in sorted(TITLES, key=len, reverse=True):
        if text.startswith(title + " "):
            rest = text[len(title) + 1:].split()
            return rest, True
    return words, False


def _clean(name: str) -> str:
    words = name.split()
    while words and words[-1] in ("of", "the", "and", "for"):
        words.pop()
    return " ".join(words).rstrip(_TRAILING).removesuffix("'s").removesuffix("’s")


def guess_kind(name: str, before: str, after: str, titled: bool) -> str:
    """person, organisation or place, from the name and the text either side of it."""
    words = set(name.split())
    if words & ORGANISATION_WORDS:
        return "organisation"
    if name in KNOWN_PLACES or words & PLACE_WORDS:
        return "place"
    if titled or _TITLE_BEFORE.search(before) or _SPEECH_BEFORE.search(before) or _SPEECH_AFTER.match(after):
        return "person"
    return "place"


def suggest_entities(archive, min_count: int = 1) -> list[Suggestion]:
    """Unregistered names across ``archive.articles``, most mentioned first (then by name)."""
    registry = archive.registry
    matcher = Matcher(registry)
    known_ids = {e.id for e in registry.entities}
    found: dict[str, dict] = {}
    for article in sorted(archive.articles, key=lambda a: a.id):
        for name, paragraph, start in candidates(article.paragraphs, matcher.hits(article.paragraphs)):
            text = article.paragraphs[paragraph - 1]
            words, titled = _strip_title(name.split())
            if titled:
                start += len(name) - len(" ".join(words))
            clean = _clean(" ".join(words))
            if len(clean.split()) < 2 or set(clean.split()) & _DATE_WORDS or len(clean) > limits.NAME:
                continue  # (a longer "name" would be refused by the registry)
            if registry.lookup(clean) is not None:
                continue
            before, after = text[:start], text[start + len(clean):]
            kind = guess_kind(clean, before, after, titled)
            entry = found.setdefault(clean, {"count": 0, "articles": set(), "kinds": {}, "first": None})
            entry["count"] += 1
            entry["articles"].add(article.id)
            entry["kinds"][kind] = entry["kinds"].get(kind, 0) + 1
            if entry["first"] is None:
                sentence = next((s.text for s in sentences(text) if s.start <= start < s.end + 1), text)
                entry["first"] = (sentence, article.source.path, paragraph)
    suggestions: list[Suggestion] = []
    taken = set(known_ids)
    for name, entry in sorted(found.items(), key=lambda kv: (-kv[1]["count"], kv[0])):
        if entry["count"] < min_count:
            continue
        # a person once is a person: titles and speech verbs are strong evidence
        kinds = entry["kinds"]
        kind = ("person" if "person" in kinds and "organisation" not in kinds
                else max(sorted(kinds), key=lambda k: kinds[k]))
        sentence, source, paragraph = entry["first"]
        suggestions.append(Suggestion(_free_id(name, taken), name, kind, entry["count"],
                                      len(entry["articles"]), sentence, source, paragraph))
    return suggestions


def _free_id(name: str, taken: set[str]) -> str:
    base = slugify(name, max_length=limits.ENTITY_ID - 4, word_boundary=True) or "entity"
    if not ID_PATTERN.match(base):
        base = "entity"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _comment(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def format_suggestions(suggestions: list[Suggestion]) -> str:
    """YAML list items to paste under ``entities:`` in site-data/entities.yml,
    each after a comment with its count and an example sentence."""
    if not suggestions:
        return "# no unregistered names found\n"
    out = ["# Suggested entities: check each kind and name, add aliases and a description,",
           "# then paste the ones you want under 'entities:' in site-data/entities.yml."]
    for s in suggestions:
        out.append("")
        mentions = f"{s.count} mention{'s' * (s.count != 1)} in {s.articles} article{'s' * (s.articles != 1)}"
        out.append(f"  # {mentions}, e.g. {s.source} paragraph {s.paragraph}: {_comment(s.example)}")
        item = {"id": s.id, "name": s.name, "kind": s.kind, "aliases": [], "description": ""}
        dumped = yaml.safe_dump([item], sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
        out.extend("  " + line for line in dumped.rstrip("\n").split("\n"))
    return "\n".join(out) + "\n"
