#!/usr/bin/env python3
"""Synthesise a large, clearly fake news archive for benchmarks.

    python bench/synth.py --n 1000 --out bench/out/synth-1000 [--seed 1] [--annotated 0.05]

writes, under ``--out``:

- ``raw/YYYY-MM-DD-<slug>.txt``: articles in the seed's format (a People's Daily
  Online page carrying a Xinhua story, saved as plain text), every headline
  starting "[SYNTHETIC]" and every first paragraph saying it is synthetic;
- ``annotations/<article-id>.yml``: notes for a share (``--annotated``) of them;
- ``entities.yml``: the registry of the synthetic entity pool;
- ``synth-manifest.json``: the parameters and the files written (lets a rerun
  replace its own output and nothing else).

Same ``--seed`` and ``--n`` give byte-identical output: every random choice comes
from ``random.Random`` seeded from the arguments, no set is iterated, no clock read.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_pool import Entity, Pool, build_pool, slugify  # noqa: E402
from synth_vocab import (  # noqa: E402
    BACKGROUND, CURRENCIES, DIRECT, EDITORS, MEETINGS, QUALIFIERS, REPORTED, TOPICS,
)

MANIFEST = "synth-manifest.json"
SENTENCE_END = re.compile(r'(?<=[a-z0-9]\.)"? (?=["A-Z])')
FIRST_DAY, LAST_DAY = date(2015, 1, 1), date(2024, 12, 31)
LAST_ANNOTATION_DAY = date(2025, 6, 30)
NBSP = "\u00a0"
SOCIAL = "Apple News Facebook Twitter \u65b0\u6d6a\u5fae\u535a Instagram YouTube"
FOLLOW = "(For the latest China news, Please follow People's Daily on Twitter and Facebook)"
CHROME = "Add your comment\n\nRelated reading\n\nWe Recommend\n\nMost Read\n\nKey Words"
NOTICE = "This is synthetic benchmark text, not real news: every name, number and event in it is invented."
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NOTE_KINDS = ("context", "fact-check", "correction", "source", "definition")
VERDICTS = ("accurate", "misleading", "false", "unverified")
ANNOTATORS = ("synth-annotator-01", "synth-annotator-02", "synth-annotator-03", "synth-annotator-04",
              "synth-annotator-05", "synth-annotator-06")


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def ap_date(day: date) -> str:
    """Xinhua style: 'Jan. 22', 'May 17', 'Sept. 3'."""
    return f"{AP_MONTHS[day.month - 1]} {day.day}"


def long_date(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


class Writer:
    """Writes one article's text; holds its cast and which names it has introduced."""

    def __init__(self, pool: Pool, rng: random.Random, published: date):
        self.rng, self.pool, self.published = rng, pool, published
        self.t = rng.randrange(len(TOPICS))
        self.topic = TOPICS[self.t]
        c = rng.choices(range(len(pool.countries)), cum_weights=pool.country_weights)[0]
        self.country = pool.countries[c]
        self.country2 = pool.countries[(c + 1 + rng.randrange(len(pool.countries) - 1)) % len(pool.countries)]
        cities, weights = pool.country_cities[c]
        self.city = rng.choices(cities, cum_weights=weights)[0] if rng.random() < 0.8 else rng.choice(pool.cities)
        self.orgs = self._distinct([pool.topic_orgs[self.t]] * 2 + [pool.all_orgs] * 2)
        self.people = self._distinct([pool.topic_people[self.t]] * rng.randint(2, 4)
                                     + [pool.general_people] * rng.randint(1, 2))
        self.seen: dict[str, None] = {}
        self.bags: dict[str, list] = {}

    def draw(self, name: str, choices) -> object:
        """Choose without repeats until every choice has been used (no sentence twice)."""
        bag = self.bags.get(name)
        if not bag:
            bag = list(choices)
            self.rng.shuffle(bag)
            self.bags[name] = bag
        return bag.pop()

    def _distinct(self, sources: list[tuple[list[Entity], list[float]]]) -> list[Entity]:
        chosen: list[Entity] = []
        for items, weights in sources:
            for _ in range(20):
                pick = self.rng.choices(items, cum_weights=weights)[0]
                if not any(pick is c for c in chosen):
                    chosen.append(pick)
                    break
        return chosen

    # -- names -------------------------------------------------------------------------
    def org(self, i: int | None = None) -> str:
        o = self.orgs[i] if i is not None else self.rng.choice(self.orgs)
        the = "the " if o.the else ""
        if o.id in self.seen:
            return f"the {o.acronym}" if o.acronym else f"{the}{o.name}"
        self.seen[o.id] = None
        return f"{the}{o.name} ({o.acronym})" if o.acronym else f"{the}{o.name}"

    def person(self) -> Entity:
        return self.rng.choice(self.people)

    def appos(self, p: Entity) -> str:
        """'Alda Brevik, minister of ...' the first time, 'Brevik' after."""
        if p.id in self.seen:
            return p.surname
        self.seen[p.id] = None
        return f"{p.name}, {p.role}"

    def titled(self, p: Entity) -> str:
        """'Minister Alda Brevik' the first time, 'Brevik' after."""
        if p.id in self.seen:
            return p.surname
        self.seen[p.id] = None
        return f"{p.title} {p.name}" if p.title else p.name

    def fill(self, template: str) -> str:
        """Fill a vocabulary template; organisations are named only if the template uses them."""
        topic = self.topic
        values = {
            "place": self.country.name, "place2": self.country2.name, "city": self.city.name,
            "noun": topic["noun"], "challenge": topic["challenge"],
            "unit": self.rng.choice(topic["units"][:3])[0],  # the fourth reads oddly out of a figure
        }
        if "{org}" in template:
            values["org"] = self.org(0)
        if "{org2}" in template:
            values["org2"] = self.org(len(self.orgs) - 1)
        return template.format_map(values)

    # -- numbers and dates ------------------------------------------------------------
    def count(self) -> tuple[int, str]:
        unit, low, high = self.rng.choice(self.topic["units"])
        n = self.rng.randint(low, high)
        return n, unit

    def money(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            amount = f"{rng.randint(2, 900)} million"
        else:
            amount = f"{rng.randint(11, 99) / 10:.1f} billion"
        return f"{amount} {rng.choice(CURRENCIES)}"

    def when(self) -> str:
        rng, pub = self.rng, self.published
        roll = rng.random()
        if roll < 0.35:
            return f"on {WEEKDAYS[(pub - timedelta(days=rng.randint(1, 6))).weekday()]}"
        if roll < 0.7:
            return f"on {ap_date(pub - timedelta(days=rng.randint(2, 120)))}"
        if roll < 0.93:
            return f"in {self.period()}"
        return rng.choice(("last week", "earlier this month", "last month"))

    def period(self) -> str:
        """'early March', 'mid-May', 'late February': part of a month 10 to 150 days back."""
        day = self.published - timedelta(days=self.rng.randint(10, 150))
        month = MONTHS[day.month - 1]
        if day.day <= 10:
            return f"early {month}"
        return f"mid-{month}" if day.day <= 20 else f"late {month}"

    def mid_month(self) -> str:
        day = self.published - timedelta(days=self.rng.randint(0, 20))
        return f"mid-{MONTHS[day.month - 1]}"

    # -- sentences -------------------------------------------------------------------
    def direct(self, form: int | None = None) -> str:
        rng, p = self.rng, self.person()
        q = cap(self.fill(self.draw("direct", DIRECT)))
        form = rng.randrange(3) if form is None else form
        if form == 0:
            return f'"{q}," said {self.appos(p)}.'
        if form == 1:
            return f'"{q}," {self.titled(p)} said at {rng.choice(MEETINGS)} in {self.city.name} {self.when()}.'
        return f'"{q}," said a report released {self.when()} by {self.org()}.'

    def reported(self) -> str:
        rng, p = self.rng, self.person()
        claim = self.fill(self.draw("reported", REPORTED))
        form = rng.randrange(3)
        if form == 0:
            return f"{cap(claim)}, said {self.appos(p)}."
        if form == 1:
            return f"{self.titled(p)} said {self.when()} that {claim}."
        other = self.person()
        if other is p:
            return f"According to {self.appos(p)}, {claim}."
        return f"In a phone conversation with {self.titled(other)} {self.when()}, {self.titled(p)} said that {claim}."

    def figure(self, form: int | None = None) -> str:
        rng, topic = self.rng, self.topic
        form = self.draw("figure", range(6)) if form is None else form
        n, unit = self.count()
        q = rng.choice(QUALIFIERS)
        if form == 0:
            return (f"There are currently {n:,} {unit} in {rng.randint(3, 40)} provinces of {self.country.name}, "
                    f"with {rng.randint(2, 900):,} more planned, according to {self.org()} data.")
        if form == 1:
            return f"{self.country.name} has recently donated a total of {self.money()} to {self.org()} to support {topic['effort']}."
        if form == 2:
            return (f"{cap(self.org())} teams have conducted {q} {rng.randint(20, 900)} training sessions in "
                    f"{self.country.name} and have trained {rng.randint(1000, 60000):,} local {topic['workers']}, "
                    f"said {self.titled(self.person())} {self.when()}.")
        if form == 3:
            return (f"As of {self.mid_month()}, {self.org()} has provided {topic['supplies']} to {q} "
                    f"{rng.randint(20, 190)} countries and international organizations, held over "
                    f"{rng.randint(10, 400)} video conferences and sent {rng.randint(2, 60)} teams of experts "
                    f"to {rng.randint(2, 40)} countries.")
        if form == 4:
            return (f"Spending on {topic['noun']} rose {rng.randint(5, 399) / 10:.1f} percent year on year to "
                    f"{self.money()}, {self.org()} said.")
        return (f"The project covers {n:,} {unit} and is expected to benefit {q} "
                f"{rng.randint(2, 80)} million people.")

    def event(self) -> str:
        rng, topic = self.rng, self.topic
        form = self.draw("event", range(5))
        if form == 0:
            return (f"{cap(self.when())}, {self.org()} ordered {self.city.name} to {topic['action']}, "
                    f"a move officials described as unprecedented but effective.")
        if form == 1:
            return f"{cap(self.when())}, {self.country.name} launched a {rng.randint(3, 90)}-day campaign to {topic['action']}."
        if form == 2:
            return f"{cap(self.org(0))} signed an agreement with {self.org(len(self.orgs) - 1)} {self.when()} to {topic['action']}."
        if form == 3:
            n, unit = self.count()
            return f"{cap(self.titled(self.person()))} visited {self.city.name} {self.when()} and inspected {n:,} {unit}."
        day = self.published - timedelta(days=rng.randint(5, 200))
        return (f"Starting from {ap_date(day)}, {self.org()} has begun to inform {self.country2.name} of its "
                f"{topic['noun']} measures on a regular basis.")

    def background(self) -> str:
        return cap(self.fill(self.draw("background", BACKGROUND)))

    # -- the article -------------------------------------------------------------------
    def headline(self) -> str:
        rng, topic = self.rng, self.topic
        form = rng.randrange(6)
        if form == 0:
            text = f"{self.country.name} {rng.choice(topic['headline'])}"
        elif form == 1:
            text = f"{self.city.name} {rng.choice(topic['headline'])}"
        elif form == 2:
            text = f"What {self.country.name} has done to boost int'l cooperation on {topic['noun']}"
        elif form == 3:
            text = f"{self.country.name}, {self.country2.name} agree to deepen cooperation on {topic['noun']}"
        elif form == 4:
            p = self.people[0]
            text = f"Interview: {topic['noun']} cooperation 'a two-way street', says {p.surname}"
        else:
            n, unit = self.count()
            text = f"{n:,} {unit} added in {self.country.name} as {topic['effort'].replace('its ', '', 1)} gathers pace"
        return "[SYNTHETIC] " + cap(text)

    def paragraphs(self, dateline_day: date) -> list[str]:
        rng = self.rng
        lead = (f"{self.country.name} has stepped up {self.topic['effort']} since {self.period()}, as "
                f"{self.org(0)} warned that {self.topic['challenge']} could undo years of progress.")
        first = f"{self.city.name.upper()}, {ap_date(dateline_day)} (Xinhua) -- {NOTICE} {lead}"
        makers = [self.direct, self.reported, self.figure, self.event, self.background,
                  lambda: self.direct(0), lambda: self.figure(1), lambda: self.figure(2), lambda: self.figure(3)]
        # at least two quotes (one '"...," said NAME'), two reported, three figures (money, "26,216
        # local workers", "more than 150 countries"), three events
        kinds = [5, 0, 1, 1, 6, 7, 8, 3, 3, 3]
        self.bags["figure"] = [0, 4, 5]  # further figures use the other forms first
        rng.shuffle(self.bags["figure"])
        rng.shuffle(kinds)
        n_paragraphs = rng.randint(10, 20)
        target = rng.randint(540, 660) - len(first.split())
        sentences: list[str] = []
        words = 0
        while kinds or words < target or len(sentences) < n_paragraphs - 1:
            kind = kinds.pop() if kinds else rng.choices(range(5), weights=(3, 3, 3, 3, 2))[0]
            sentence = makers[kind]()
            sentences.append(sentence)
            words += len(sentence.split())
        # share the sentences out as evenly as news copy does: sizes differ by at most one
        body = n_paragraphs - 1
        sizes = [len(sentences) // body] * body
        for k in rng.sample(range(body), len(sentences) % body):
            sizes[k] += 1
        paragraphs, start = [first], 0
        for size in sizes:
            paragraphs.append(" ".join(sentences[start:start + size]))
            start += size
        return paragraphs


def article_text(pool: Pool, rng: random.Random) -> tuple[date, str, list[str], str]:
    """(publication day, headline, paragraphs, file text)."""
    published = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    hour, minute = rng.randrange(24), rng.randrange(60)
    dateline_day = published - timedelta(days=1) if rng.random() < 0.15 else published
    writer = Writer(pool, rng, published)
    headline = writer.headline()
    paragraphs = writer.paragraphs(dateline_day)
    given, family = EDITORS[rng.randrange(len(EDITORS))]
    editors = f"{given}{NBSP}{family}, " + ("Bianji" if rng.random() < 0.7 else NBSP.join(rng.choice(EDITORS)))
    parts = [
        f"{SOCIAL} {WEEKDAYS[published.weekday()]}, {long_date(published)}\n\n",
        f"{headline}\n\n",
        f"(Xinhua){NBSP * 4}{hour:02d}:{minute:02d}, {long_date(published)}\n\n",
    ]
    for paragraph in paragraphs:
        parts.append(paragraph + ("\n\n\n" if rng.random() < 0.15 else "\n\n"))
    parts.append(f"{FOLLOW}(Web editor: {editors})\n\n{CHROME}")
    return published, headline, paragraphs, "".join(parts)


def file_id(published: date, headline: str, taken: dict[str, None]) -> str:
    slug = slugify(headline)
    if len(slug) > 80:
        slug = slug[:80].rsplit("-", 1)[0]
    base = f"{published.isoformat()}-{slug}"
    candidate, k = base, 2
    while candidate in taken:
        candidate, k = f"{base}-{k}", k + 1
    taken[candidate] = None
    return candidate


# -- annotations ------------------------------------------------------------------------
def pick_quote(rng: random.Random, paragraphs: list[str], whole: str, used: list[str]) -> str | None:
    """A 4-12 word passage of one body paragraph, occurring exactly once in the article."""
    for _ in range(50):
        words = rng.choice(SENTENCE_END.split(rng.choice(paragraphs[1:]))).split(" ")
        length = rng.randint(4, 12)
        if len(words) < length:
            continue
        start = rng.randrange(len(words) - length + 1)
        quote = " ".join(words[start:start + length]).strip("\"'(),.;:")
        if (4 <= len(quote.split()) <= 12 and whole.count(quote) == 1
                and not any(quote in u or u in quote for u in used)):
            return quote
    return None


def note_body(rng: random.Random, kind: str, quote: str, url: str) -> str:
    first = quote.split()[0]
    if kind == "context":
        return (f"Synthetic context: the passage *{quote}* refers to events invented for the benchmark.\n\n"
                f"See the [synthetic background note]({url}) for more.\n")
    if kind == "fact-check":
        return f"Checked against the **synthetic** registry; see [the record]({url}).\n"
    if kind == "correction":
        return f"An earlier synthetic version of this passage began with *{first.lower()}*; corrected.\n"
    if kind == "source":
        return f"The passage comes from a synthetic briefing:\n\n- [briefing transcript]({url})\n- no real source exists\n"
    return f"**{first}**: a term defined only for this synthetic benchmark.\n"


def annotations(rng: random.Random, article_id: str, published: date, paragraphs: list[str]) -> list[dict]:
    whole = "\n\n".join(paragraphs)
    notes: list[dict] = []
    used: list[str] = []
    for k in range(1, rng.randint(1, 4) + 1):
        quote = pick_quote(rng, paragraphs, whole, used)
        if quote is None:
            continue
        used.append(quote)
        kind = rng.choice(NOTE_KINDS)
        url = f"https://example.org/synthetic/{article_id}/note-{k}"
        note: dict = {"quote": quote, "kind": kind}
        if kind == "fact-check":
            note["verdict"] = rng.choice(VERDICTS)
        note["body"] = note_body(rng, kind, quote, url)
        note["sources"] = [{"url": url, "title": f"Synthetic source {k} for {article_id}"}]
        if rng.random() < 0.3:
            note["sources"].append({"url": f"https://example.org/synthetic/registry/{k}",
                                    "title": "Synthetic registry (benchmark data)"})
        note["author"] = rng.choice(ANNOTATORS)
        note["added"] = min(published + timedelta(days=rng.randint(1, 700)), LAST_ANNOTATION_DAY)
        notes.append(note)
    return notes


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes every value in full: no &anchors/*aliases (the archive rejects them)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


# -- output ----------------------------------------------------------------------------
def prepare(out: Path) -> None:
    """Make ``out`` ready: new, empty, or holding only a previous run's files (removed)."""
    if not out.exists():
        out.mkdir(parents=True)
        return
    if not out.is_dir():
        raise SystemExit(f"synth: --out {out} is a file; give a directory")
    present = sorted(p for p in out.rglob("*") if p.is_file())
    if not present:
        return
    manifest = out / MANIFEST
    if not manifest.is_file():
        raise SystemExit(f"synth: --out {out} is not empty and was not written by bench/synth.py "
                         f"(no {MANIFEST}); choose a new or empty directory")
    ours = {out / rel for rel in json.loads(manifest.read_text(encoding="utf-8"))["files"]}
    ours.add(manifest)
    strangers = [p for p in present if p not in ours]
    if strangers:
        raise SystemExit(f"synth: {strangers[0]} was not written by bench/synth.py; "
                         f"move it or choose another --out")
    for path in present:
        path.unlink()


def synthesise(n: int, out: Path, seed: int = 1, annotated: float = 0.05) -> dict:
    """Write the archive; return the manifest (parameters and files written)."""
    if n < 1:
        raise SystemExit(f"synth: --n must be at least 1, got {n}")
    if not 0.0 <= annotated <= 1.0:
        raise SystemExit(f"synth: --annotated is a fraction between 0 and 1, got {annotated}")
    prepare(out)
    pool = build_pool(seed)
    (out / "raw").mkdir(exist_ok=True)
    (out / "annotations").mkdir(exist_ok=True)
    chosen = sorted(random.Random(f"newsarchive-synth:{seed}:annotated").sample(range(n), round(n * annotated)))
    annotate = dict.fromkeys(chosen)
    taken: dict[str, None] = {}
    files: list[str] = []
    notes_written = 0
    for i in range(n):
        rng = random.Random(f"newsarchive-synth:{seed}:article:{i}")
        published, headline, paragraphs, text = article_text(pool, rng)
        article_id = file_id(published, headline, taken)
        rel = f"raw/{article_id}.txt"
        (out / rel).write_bytes(text.encode("utf-8"))
        files.append(rel)
        if i in annotate:
            notes = annotations(rng, article_id, published, paragraphs)
            if notes:
                rel = f"annotations/{article_id}.yml"
                (out / rel).write_bytes(dump_yaml(notes).encode("utf-8"))
                files.append(rel)
                notes_written += len(notes)
    registry = {"entities": [e.to_data() for e in pool.entities()]}
    (out / "entities.yml").write_bytes(
        ("# SYNTHETIC benchmark registry: every entity is invented (bench/synth.py)\n"
         + dump_yaml(registry)).encode("utf-8"))
    files.append("entities.yml")
    manifest = {
        "note": "SYNTHETIC benchmark archive written by bench/synth.py; not real news",
        "seed": seed, "n": n, "annotated": annotated,
        "articles": n, "annotated_articles": sum(1 for f in files if f.startswith("annotations/")),
        "notes": notes_written, "entities": len(registry["entities"]),
        "files": sorted(files),
    }
    (out / MANIFEST).write_bytes((json.dumps(manifest, indent=1) + "\n").encode("utf-8"))
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="output directory (new, empty or a previous run's)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--annotated", type=float, default=0.05,
                        help="fraction of articles given annotations (default 0.05)")
    args = parser.parse_args(argv)
    manifest = synthesise(args.n, args.out, args.seed, args.annotated)
    print(f"synth: wrote {manifest['articles']} articles, {manifest['annotated_articles']} annotation files "
          f"({manifest['notes']} notes), {manifest['entities']} entities to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
