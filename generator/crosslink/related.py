"""Related coverage: for each article, up to ``count`` others, best first.

In the manner of Hugo's related content: each article is described by index
terms (the registered people, organisations and places it mentions, and the
subject words of its key figures); two articles score the weighted sum of the
terms they share, each term weighted by its kind and by how rare it is, plus
a bonus for being close in time (see :class:`RelatedConfig` for the formula
and the defaults). Ties are broken by article id, so the result is deterministic.

Cost is near-linear in the archive's size. Only pairs that share a term are
ever scored, found through an inverted index term -> articles. A term in at
most ``max_postings`` articles pairs all of them; a *common* term (in more)
pairs each article only with its ``window`` nearest neighbours in time on
either side, so candidate pairs stay bounded by
``postings * (max_postings + 2 * window)``; a common key-figure word
("cases") pairs nothing by itself. Once a pair is a candidate, the common
terms it shares still add to its score in full.
"""

from __future__ import annotations

import heapq
import math
import re
from datetime import datetime, timezone
from typing import Iterable, Sequence

from ..records import Article
from .config import RelatedConfig

#: words in a figure's ``counts`` that say nothing about its subject
FIGURE_STOP_WORDS = frozenset({
    "the", "and", "for", "from", "with", "of", "its", "their", "new", "other", "more", "some", "total",
    "than", "over", "about", "per", "cent", "percent", "all", "such", "those", "these", "into",
})
_WORD = re.compile(r"[a-z][a-z0-9-]*[a-z0-9]")

Related = dict[str, list[tuple[str, float]]]


def figure_words(counts: str, unit: str) -> set[str]:
    """Subject words of a key figure: its unit and the content words of what it counts."""
    words = {w for w in _WORD.findall(counts.lower()) if len(w) > 2 and w not in FIGURE_STOP_WORDS}
    if unit:
        words.add(unit.lower())
    return words


def article_terms(article: Article, config: RelatedConfig) -> dict[str, float]:
    """Index terms of one article -> weight of the term's kind (before rarity)."""
    terms: dict[str, float] = {}
    for kind, mentions in (("person", article.people), ("organisation", article.organisations),
                           ("place", article.places)):
        weight = getattr(config, kind)
        for mention in mentions:
            if mention.id and weight > 0:
                terms[f"{kind}:{mention.id}"] = weight
    if config.figure > 0:
        for figure in article.key_figures:
            for word in figure_words(figure.counts, figure.unit):
                terms[f"figure:{word}"] = config.figure
    return terms


def _days(published: str) -> float:
    """Days since the epoch (UTC where the offset is known)."""
    try:
        moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp() / 86400.0


def related(articles: Sequence[Article] | Iterable[Article], weights: RelatedConfig | None = None) -> Related:
    """article id -> [(other id, score), ...], best first, at most ``weights.count``,
    only scores >= ``weights.threshold``. Every article id is a key (maybe with [])."""
    config = weights or RelatedConfig()
    items = sorted(articles, key=lambda a: a.id)
    ids = [a.id for a in items]
    n = len(items)
    if n == 0:
        return {}
    days = [_days(a.published) for a in items]
    terms = [article_terms(a, config) for a in items]

    postings: dict[str, list[int]] = {}
    for index, article_terms_ in enumerate(terms):
        for term in article_terms_:
            postings.setdefault(term, []).append(index)
    weight = {t: terms[p[0]][t] * math.log(1.0 + n / len(p)) for t, p in postings.items()}

    pairs: dict[int, float] = {}  # key x * n + y with x < y
    get = pairs.get
    common_of: list[dict[str, float]] = [{} for _ in range(n)]
    for term in sorted(postings):
        found = postings[term]
        if len(found) < 2:
            continue
        w = weight[term]
        if len(found) <= config.max_postings:
            for i, x in enumerate(found):  # ascending, so x < y
                base = x * n
                for y in found[i + 1:]:
                    pairs[base + y] = get(base + y, 0.0) + w
            continue
        for x in found:
            common_of[x][term] = w
        if term.startswith("figure:"):
            continue  # a common subject word ("cases") adds to scores but pairs nothing by itself
        by_time = sorted(found, key=lambda i: (days[i], ids[i]))
        for position, x in enumerate(by_time):
            for y in by_time[position + 1: position + 1 + config.window]:
                key = x * n + y if x < y else y * n + x
                if key not in pairs:
                    pairs[key] = 0.0

    best: list[list[tuple[float, str]]] = [[] for _ in range(n)]
    half_life, time_weight, threshold = config.half_life_days, config.time, config.threshold
    fsum = math.fsum  # exact, so the sum does not depend on set order
    for key, score in pairs.items():
        x, y = divmod(key, n)
        cx, cy = common_of[x], common_of[y]
        if cx and cy:
            shared = cx.keys() & cy.keys()
            if shared:
                score = fsum((score, *map(cx.__getitem__, shared)))
        if time_weight:
            score += time_weight * 0.5 ** (abs(days[x] - days[y]) / half_life)
        score = round(score, 4)
        if score >= threshold:
            best[x].append((-score, ids[y]))
            best[y].append((-score, ids[x]))

    result: Related = {}
    for index, found in enumerate(best):
        top = heapq.nsmallest(config.count, found)  # (-score, id): best first, ties by id
        result[ids[index]] = [(other, -negative) for negative, other in top]
    return result
