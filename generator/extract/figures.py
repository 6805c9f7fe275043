"""Key figures: numerals with what they count.

AP and Xinhua style spell out numbers under ten, so the figures with news value
are the numerals: "75,498 cumulative COVID-19 cases", "50 million U.S.
dollars", "more than 150 countries and international organizations". Numbers
inside names (COVID-19, G20), dates (Jan. 22), times and years are not figures.
Scale words are parsed with number-parser ("50 million" -> 50000000).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate

from number_parser import parse_number

from ..records import Figure

NUMERAL = re.compile(
    r"(?<![\w.,:/-])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion|trillion))?"
    r"(?:\s*(?P<pct>%|percent|per cent))?"
    r"(?![\w:/]|[.,]\d|-\w)"
)
QUALIFIER = re.compile(
    r"(?:^|\s)(?P<q>more than|less than|fewer than|over|some|about|around|nearly|almost|"
    r"at least|up to|approximately|roughly|under|close to)\s+$",
    re.IGNORECASE,
)
CURRENCIES = {
    "U.S. dollars": "USD", "US dollars": "USD", "dollars": "USD", "yuan": "CNY", "euros": "EUR",
    "pounds": "GBP", "yen": "JPY", "rubles": "RUB", "roubles": "RUB", "rupees": "INR",
}
STOP_WORDS = {
    "in", "to", "with", "at", "on", "for", "by", "since", "during", "according", "as", "than",
    "that", "which", "who", "while", "after", "before", "into", "across", "per", "is", "are",
    "was", "were", "have", "has", "had", "will", "would", "said", "says",
    # verbs, prepositions, conjunctions and adverbs never inside what a number counts
    "can", "could", "may", "might", "must", "shall", "should", "be", "been", "being", "am", "do", "does", "did",
    "among", "amongst", "between", "about", "against", "along", "amid", "around", "behind", "below", "beneath",
    "beside", "beyond", "despite", "down", "except", "inside", "like", "near", "off", "onto", "out", "outside",
    "over", "past", "through", "throughout", "toward", "towards", "under", "until", "up", "upon", "via",
    "within", "without", "but", "or", "nor", "so", "yet", "because", "if", "unless", "although", "though",
    "once", "when", "where", "whereas", "whether", "this", "these", "those", "it", "they", "he", "she", "we",
    "you", "them", "him", "us", "there", "here", "also", "still", "now", "then", "only", "just", "already",
    "again", "ago", "away", "very", "too", "even", "ever", "never", "not", "no", "each", "every", "aged",
}
#: nouns that count things without a plural "s"
INVARIANT = {"people", "staff", "police", "personnel", "children", "men", "women", "cattle", "livestock", "sheep",
             "deer", "fish", "aircraft", "data", "media", "crew", "faculty", "yuan", "yen", "renminbi", "won",
             "baht", "rupiah", "head", "feet", "teeth", "mice", "geese", "offspring", "series", "species"}
UNIT_ABBREVIATIONS = {"km", "kg", "mm", "cm", "m", "g", "t", "mph", "kph", "kmh", "ha", "mw", "gw", "kw", "kwh",
                      "mb", "gb", "tb", "hz", "ft", "lb", "oz", "sq", "mi", "nm"}
CONTINUE_AFTER_AND_BLOCKERS = {"the", "a", "an", "have", "has", "had", "was", "were", "is", "are", "its", "their"}
JOINERS = {"of", "from"}
MAX_WORDS = 8
MAX_NUMERAL = 24  # characters of a numeral with news value: "1,000,000,000,000" is 17
MAX_WORD = 50  # a longer run of non-spaces is not a word of a noun phrase (and is not read to its end)
_WORD = re.compile(rf"\S{{1,{MAX_WORD + 1}}}")
_HEAD_END = re.compile(r"\s+(?:of|from|and)\s+")
_YEAR = re.compile(r"(1[89]|20)\d\d")
_BARE_NUMBER = re.compile(r"[\d.,]*\d")
ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}$")  # "U.S." is a word, not the end of a phrase


def counts_things(word: str) -> bool:
    """A noun that can be what a number (other than one) counts: 'states', 'people', 'km', not 'member'."""
    lower = word.lower()
    return ((lower.endswith("s") and not lower.endswith(("ss", "us", "is"))) or lower in INVARIANT
            or lower in UNIT_ABBREVIATIONS or bool(ABBREVIATION.match(word)))


def _counted_phrase(text: str, pos: int) -> str:
    """The noun phrase a number counts, read from ``text`` after ``pos``: it ends after its
    head noun (a plural, "member states"), unless "of", "from" or "and" goes on. Read word
    by word, only as far as the phrase goes (not the rest of the paragraph: linear)."""
    words: list[str] = []
    tokens = _WORD.finditer(text, pos)
    current = next(tokens, None)
    headed = False
    while current is not None:
        token = current.group(0)
        if len(token) > MAX_WORD:
            break
        bare = token if ABBREVIATION.match(token) else token.rstrip(",.;:!?\"'”)")
        lower = bare.lower()
        if not bare or lower in STOP_WORDS or len(words) >= MAX_WORDS or _BARE_NUMBER.fullmatch(bare):
            break  # (a number is not what another number counts: "12 12 12 ...")
        if headed and lower not in JOINERS and lower != "and":
            break  # "194 member states once trials end": the head noun ends the phrase
        after = next(tokens, None)
        if lower in JOINERS or lower == "and":
            following = after.group(0).lower() if after is not None else ""
            if not words or not following or following in CONTINUE_AFTER_AND_BLOCKERS or NUMERAL.match(following):
                break
        words.append(bare)
        headed = lower not in JOINERS and lower != "and" and counts_things(bare) and not ABBREVIATION.match(bare)
        if bare != token or " ".join(words) in CURRENCIES:  # punctuation or a currency ends the phrase
            break
        current = after
    while words and words[-1].lower() in JOINERS | {"and"}:
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=4096)
def _unit(counts: str, pct: bool) -> str:
    if pct:
        return "percent"
    for name, code in CURRENCIES.items():
        if counts == name or counts.startswith(name + " "):
            return code
    head = _HEAD_END.split(counts, maxsplit=1)[0]
    return head.split()[-1] if head else ""


@lru_cache(maxsize=None)
def _scale(word: str) -> int:
    return parse_number(word)


def _value(num: str, scale: str | None) -> int | float:
    value: int | float = float(num.replace(",", "")) if "." in num else int(num.replace(",", ""))
    if scale:
        factor = _scale(scale)
        value = value * factor
        if isinstance(value, float) and value.is_integer():
            value = int(value)
    return value


class _Spans:
    """Spans of a paragraph, asked whether any overlaps a range (by bisection)."""

    def __init__(self, spans: list[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_end = list(accumulate((e for _, e in ordered), max))  # furthest end among the first i + 1

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)  # the spans starting before ``end``
        return before > 0 and self.max_end[before - 1] > start


def figures(paragraphs: tuple[str, ...], masked: dict[int, list[tuple[int, int]]]) -> tuple[Figure, ...]:
    """Figures in every paragraph, skipping spans in ``masked`` (names, dates)."""
    found: list[Figure] = []
    for number, text in enumerate(paragraphs, start=1):
        spans = _Spans(masked.get(number, []))
        for match in NUMERAL.finditer(text):
            if spans.overlaps(match.start(), match.end()):
                continue
            num = match.group("num")
            if len(num) > MAX_NUMERAL:
                continue  # a serial number or a run of digits, not a quantity (and int() of it is slow)
            if _YEAR.fullmatch(num) and not match.group("scale"):
                continue  # a year
            pct = bool(match.group("pct"))
            counts = "percent" if pct else _counted_phrase(text, match.end())
            if not counts:
                continue
            value = _value(num, match.group("scale"))
            if not pct and value != 1 and _unit(counts, pct) not in CURRENCIES.values() \
                    and not counts_things(_unit(counts, pct)):
                continue  # "194 member": a dangling modifier, not what the number counts
            qualifier = QUALIFIER.search(text[max(0, match.start() - 20): match.start()])
            start = match.start() - (len(qualifier.group(0).lstrip()) if qualifier else 0)
            printed = text[start: match.end()] + ("" if pct else " " + counts)
            found.append(Figure(
                text=printed,
                value=value,
                unit=_unit(counts, pct),
                counts=counts,
                paragraph=number,
                qualifier=qualifier.group("q").lower() if qualifier else None,
            ))
    return tuple(found)
