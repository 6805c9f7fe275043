"""Word alignment of a drifted quote with one paragraph: where its counterpart is, and how close.

Both texts are *folded* (see :func:`.anchor.fold`) and cut into word tokens
(:func:`tokens`): numbers with their separators (``1,234``), words with their
apostrophes, and contractions opened up (``don't`` is ``do`` + ``not``, so a
negation is a word like any other). Function words weigh
:data:`STOPWORD_WEIGHT`, every other word 1.

:func:`align` finds the windows of the paragraph that best fit the *whole*
quote (a fitting alignment: every quote word is matched, substituted or
deleted; the window may be any length, each word inserted into it costs
:data:`GAP_OPEN`/:data:`GAP_EXTEND`), with affine gaps (Gotoh), so a clause
inserted into a sentence costs little more than one word. Words match when
equal, or as a typo (one edit, two for words of nine letters or more:
``lockdwn`` / ``lockdown``, ``centre`` / ``center``; optimal string
alignment distance). Each window says how much of the quote's weight it
covers (:attr:`Window.coverage`) and how alike the two are
(:attr:`Window.similarity`, a weighted F-beta, :data:`BETA`: a window that
merely contains part of the quote, or much more than it, scores low). The
span to highlight for a window is :mod:`.span`'s.

Why not a library's alignment: rapidfuzz's ``Levenshtein``/``Indel.opcodes``
do align word lists (and rapidfuzz gives the word distances here), but only
globally and at unit cost: no free ends in the paragraph (every pair of
windows must be tried), no weight per word, no cheaper like-for-like
substitution, no affine gaps. Tried in their place (windows between matched
words, scored by :func:`measure`), they dropped the revision pairs of
``tests/fixtures/revisions`` from 98.4% to 94.5% as expected and the exact
drifted highlights from 167/168 to 155/165 (a replaced first or last word,
"fall" for "autumn", falls off the edge); 0 wrong either way.
diff-match-patch works on characters (``match_main`` on at most 32).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

#: weight of a function word; every other word weighs 1
STOPWORD_WEIGHT = 0.35
#: a typo match counts this share of the word's weight
TYPO_CREDIT = 0.8
#: an inserted or deleted run of words costs GAP_OPEN + GAP_EXTEND per further word
GAP_OPEN = 0.6
GAP_EXTEND = 0.15
#: a word replaced by another: a function word (or by one), a content word, a like word (a number by
#: a number, a name by a name). Dearer than a deletion for a function word, cheaper for a content word,
#: so the word that took the place of the quote's last word is part of the counterpart, "it" -> "and" is not.
SUBSTITUTE = 0.7
SUBSTITUTE_CONTENT = 0.55
SUBSTITUTE_LIKE = 0.3
#: the quote part of a score weighs the share of the quote found (recall) this many times the share
#: of the window that is the quote's (precision): F-beta, so a sentence that gained a clause stays close
BETA = 2.0

STOPWORDS = frozenset("""
a an the and or but if of in on at to by for from with as into onto over under than then that this these those
is are was were be been being am has have had having do does did will would shall should can could may might must
it its it's he him his she her hers they them their we us our you your i me my who whom whose which what when where
there here so also just now about after before up down out off again very too more most such only own same both each
any some all few other another s
""".split())
NEGATIONS = frozenset(("not", "no", "never", "nor", "none", "nothing", "neither", "without", "cannot"))
#: written-out numbers are numbers ("Ten new buses" -> "10 new buses" is one word replaced by a like one)
NUMBER_WORDS = frozenset("""
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion
first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
""".split())
#: a figure replaced by another where every other content word is still there (a corrected figure)
#: counts this share of a word towards coverage
CORRECTED_FIGURE = 0.5
_SUFFIXES = ("ing", "ed", "es", "s", "d")
_CONTRACTED = {"won": "will", "can": "can", "shan": "shall", "ain": "is"}
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:'\w+)*")


@dataclass(slots=True, frozen=True)
class Token:
    norm: str  # lower case
    start: int  # folded offsets
    end: int
    weight: float
    upper: bool  # written with a capital
    number: bool


@dataclass(slots=True, frozen=True)
class Window:
    """A stretch of the paragraph aligned with the quote."""

    first: int  # first and last paragraph token aligned (inclusive)
    last: int
    coverage: float  # share of the quote's content words matched (0-1; a typo counts TYPO_CREDIT)
    similarity: float  # weighted F-beta of quote and window (0-1)
    head: int  # quote tokens before the first aligned one (deleted at the start)
    tail: int  # quote tokens after the last aligned one
    first_pair: tuple[int, int]  # (quote token, paragraph token) of the first and last aligned pair
    last_pair: tuple[int, int]
    pairs: tuple[tuple[int, int], ...]  # every aligned (quote token, paragraph token), substitutions too


def tokens(folded: str) -> list[Token]:
    found = []
    for m in _TOKEN.finditer(folded):
        word = m.group()
        lower = word.lower()
        upper, number = word[0].isupper(), word[0].isdigit()
        if lower.endswith("n't") and len(lower) > 3:
            base = lower[:-3]
            for part in (_CONTRACTED.get(base, base), "not"):
                found.append(Token(part, m.start(), m.end(), _weight(part), upper, False))
            continue
        found.append(Token(lower, m.start(), m.end(), _weight(lower), upper, number or lower in NUMBER_WORDS))
    return found


def merge_compounds(tokens_: list[Token], other: list[Token]) -> list[Token]:
    """``tokens_`` with each pair of neighbours that ``other`` writes as one word made one token
    ("school children" / "schoolchildren")."""
    joined = {t.norm for t in other}
    merged: list[Token] = []
    k = 0
    while k < len(tokens_):
        a = tokens_[k]
        if k + 1 < len(tokens_) and a.norm + tokens_[k + 1].norm in joined and a.norm not in joined:
            b = tokens_[k + 1]
            merged.append(Token(a.norm + b.norm, a.start, b.end, 1.0, a.upper, False))
            k += 2
            continue
        merged.append(a)
        k += 1
    return merged


def _stem(norm: str) -> str:
    for suffix in _SUFFIXES:
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 4:
            return norm[: -len(suffix)]
    return norm


def _weight(norm: str) -> float:
    return STOPWORD_WEIGHT if norm in STOPWORDS else 1.0


def typo(a: Token, b: Token) -> bool:
    """One edit apart (two for words of nine letters or more), neither a function word nor a number."""
    if a.number or b.number or a.weight < 1 or b.weight < 1 or a.norm in NEGATIONS or b.norm in NEGATIONS:
        return False
    return _near(a.norm, b.norm)


@lru_cache(maxsize=65536)
def _near(a: str, b: str) -> bool:
    shorter = min(len(a), len(b))
    if shorter < 3 or a[0] != b[0] and shorter < 5 or abs(len(a) - len(b)) > 3:
        return False
    allowed = 2 if shorter >= 9 else 1
    return OSA.distance(a, b, score_cutoff=allowed) <= allowed or _stem(a) == _stem(b)


def _like(a: Token, b: Token) -> bool:
    return (a.number and b.number) or (a.upper and b.upper and a.weight == b.weight == 1)


_NEG = float("-inf")


def _score(q: Token, t: Token) -> tuple[float, float]:
    """(alignment score, credit towards coverage) for aligning q with t."""
    if q.norm == t.norm:
        return q.weight, q.weight
    if typo(q, t):
        return q.weight * TYPO_CREDIT, q.weight * TYPO_CREDIT
    if _like(q, t):
        return -SUBSTITUTE_LIKE, 0.0
    return (-SUBSTITUTE_CONTENT if q.weight == t.weight == 1 else -SUBSTITUTE), 0.0


def align(quote: list[Token], para: list[Token], alternatives: int = 1) -> list[Window]:
    """The best window of ``para`` for ``quote``, then up to ``alternatives``
    further windows that do not overlap it (the runners-up), best first."""
    m, n = len(quote), len(para)
    if not m or not n:
        return []
    score = [[_score(q, t) for t in para] for q in quote]
    # H: quote token i-1 aligned with paragraph token j-1; D: quote token i-1 deleted; I: paragraph token inserted
    H = [[_NEG] * (n + 1) for _ in range(m + 1)]
    D = [[_NEG] * (n + 1) for _ in range(m + 1)]
    I = [[_NEG] * (n + 1) for _ in range(m + 1)]
    back = [[[0, 0, 0] for _ in range(n + 1)] for _ in range(m + 1)]  # previous state per state: 0 H, 1 D, 2 I, 3 start
    for i in range(1, m + 1):
        row_s = score[i - 1]
        Hp, Dp, Ip = H[i - 1], D[i - 1], I[i - 1]
        Hi, Di, Ii, bi = H[i], D[i], I[i], back[i]
        for j in range(0, n + 1):
            if j:
                options = (Hp[j - 1], Dp[j - 1], Ip[j - 1], 0.0 if i == 1 else _NEG)
                k = max(range(4), key=options.__getitem__)
                Hi[j] = options[k] + row_s[j - 1][0]
                bi[j][0] = k
            options = (Hp[j] - GAP_OPEN, Dp[j] - GAP_EXTEND, Ip[j] - GAP_OPEN, -GAP_OPEN if i == 1 else _NEG)
            k = max(range(4), key=options.__getitem__)
            Di[j] = options[k]
            bi[j][1] = k
            if j:
                options = (Hi[j - 1] - GAP_OPEN, Di[j - 1] - GAP_OPEN, Ii[j - 1] - GAP_EXTEND)
                k = max(range(3), key=options.__getitem__)
                Ii[j] = options[k]
                bi[j][2] = (0, 1, 2)[k]
    ends = sorted(((max(H[m][j], D[m][j]), -j, 0 if H[m][j] >= D[m][j] else 1) for j in range(n + 1)),
                  reverse=True)
    windows: list[Window] = []
    for _, neg_j, state in ends[: 8 + 4 * alternatives]:
        window = _trace(back, score, quote, para, m, -neg_j, state)
        if window is None or any(window.first <= w.last and w.first <= window.last for w in windows):
            continue
        windows.append(window)
        if len(windows) > alternatives:
            break
    return windows


def _trace(back, score, quote: list[Token], para: list[Token], i: int, j: int, state: int) -> Window | None:
    pairs: list[tuple[int, int]] = []
    credit = 0.0
    while i > 0 and state != 3:
        previous = back[i][j][state]
        if state == 0:
            pairs.append((i - 1, j - 1))
            credit += score[i - 1][j - 1][1]
            i, j = i - 1, j - 1
        elif state == 1:
            i -= 1
        else:
            j -= 1
        state = previous
    if not pairs or credit <= 0:
        return None
    pairs.reverse()
    (qa, ta), (qb, tb) = pairs[0], pairs[-1]
    coverage, similarity = measure(quote, para, pairs, ta, tb)
    return Window(ta, tb, coverage, similarity, qa, len(quote) - 1 - qb, pairs[0], pairs[-1], tuple(pairs))


def credit(q: Token, t: Token) -> float:
    """What aligning q with t counts towards the quote's weight found (0 for a substitution)."""
    return _score(q, t)[1]


def measure(quote: list[Token], para: list[Token], pairs: list[tuple[int, int]] | tuple[tuple[int, int], ...],
            first: int, last: int) -> tuple[float, float]:
    """(coverage, similarity) of the window para[first:last + 1] whose words ``pairs`` align with the
    quote's (a quote word paired twice counts once, at its best)."""
    best: dict[int, float] = {}
    substituted: set[int] = set()
    for i, j in pairs:
        got = credit(quote[i], para[j])
        best[i] = max(best.get(i, 0.0), got)
        if quote[i].number and para[j].number and not got:
            substituted.add(i)
    found_weight = sum(best.values())
    total = sum(t.weight for t in quote)
    span = sum(t.weight for t in para[first:last + 1])
    recall, precision = found_weight / total, min(1.0, found_weight / span)
    b2 = BETA * BETA
    similarity = (1 + b2) * precision * recall / (b2 * precision + recall) if found_weight else 0.0
    content = [k for k, t in enumerate(quote) if t.weight == 1]
    found = sum(best.get(k, 0.0) for k in content)
    matched = sum(1 for k in content if best.get(k, 0.0) > 0)
    figures = sum(1 for k in substituted if not best[k])
    if figures and matched + figures == len(content):
        found += CORRECTED_FIGURE * figures
    return (found / len(content) if content else 0.0), similarity
