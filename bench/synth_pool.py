"""The fixed pool of synthetic entities used by bench/synth.py.

About 300 people, 150 organisations and 150 places, every one invented, each
with an id, a canonical name, aliases that are unique across the whole pool and
a description saying it is synthetic. Built from one ``random.Random`` seeded
from the synthesiser's ``--seed``; nothing iterates over a set or a dict whose
order could vary, so the same seed always gives the same pool.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from itertools import accumulate

from synth_vocab import CITY_PATTERNS, GIVEN, MIDDLES, ONSETS, PLACE_ENDS, SURNAME_ENDS, TOPICS

N_COUNTRIES, N_PROVINCES, N_CITIES = 20, 30, 100
N_COMPANIES, N_UNIVERSITIES = 36, 30

MISC_ORGS = (
    ("Synthetic Union", "SU"), ("Council of Synthetic Nations", "CSN"),
    ("Synthetic Development Bank", "SDB"), ("Synthetic Red Crescent Society", "SRCS"),
    ("Synthetic Standards Agency", "SSA"), ("Synthetic Statistics Office", "SSO"),
    ("Synthetic Meteorological Service", "SMS"), ("Synthetic Chamber of Commerce", "SCC"),
    ("Synthetic Press Association", "SPA"), ("Synthetic Court of Arbitration", "SCA"),
    ("Synthetic Youth Federation", "SYF"), ("Synthetic Ports Authority", "SPOA"),
)
PARTY_WORDS = ("Progressive", "Unity", "Green", "Labour", "Liberal", "Farmers'", "Civic", "Reform",
               "Democratic", "People's", "Federal", "Coastal")
COMPANY_WORDS = ("Holdings", "Group", "Industries", "Logistics", "Systems", "Works", "Partners", "Labs")


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    kind: str  # person | organisation | place
    aliases: list[str]
    description: str
    # used to write text; not part of the registry
    sub: str = ""  # place: country|province|city; organisation: ministry|intl|commission|...
    field: int | None = None  # topic index, None for general-purpose entities
    country: int | None = None  # index into Pool.countries
    acronym: str = ""
    the: bool = True  # organisation names take "the"
    given: str = ""
    surname: str = ""
    title: str = ""  # "Minister", "" when the role has no title
    role: str = ""  # appositive: "minister of synthetic health of Caldoria"

    def to_data(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind,
                "aliases": list(self.aliases), "description": self.description}


@dataclass(slots=True)
class Pool:
    countries: list[Entity] = field(default_factory=list)
    provinces: list[Entity] = field(default_factory=list)
    cities: list[Entity] = field(default_factory=list)
    orgs: list[Entity] = field(default_factory=list)
    people: list[Entity] = field(default_factory=list)
    # per-topic and general selection lists (entity, cumulative Zipf weights)
    topic_orgs: list[tuple[list[Entity], list[float]]] = field(default_factory=list)
    topic_people: list[tuple[list[Entity], list[float]]] = field(default_factory=list)
    general_people: tuple[list[Entity], list[float]] = ([], [])
    all_orgs: tuple[list[Entity], list[float]] = ([], [])
    country_cities: list[tuple[list[Entity], list[float]]] = field(default_factory=list)
    country_weights: list[float] = field(default_factory=list)

    def entities(self) -> list[Entity]:
        return self.people + self.orgs + self.countries + self.provinces + self.cities


def slugify(text: str) -> str:
    text = text.lower().replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def zipf(items: list[Entity], exponent: float = 0.9) -> tuple[list[Entity], list[float]]:
    """Items with cumulative weights 1/rank^exponent (popular first), for rng.choices."""
    return items, list(accumulate(1.0 / (rank + 1) ** exponent for rank in range(len(items))))


class _Names:
    """Hands out names and aliases that are unique across the pool."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: dict[str, None] = {}
        self.ids: dict[str, None] = {}

    def free(self, *names: str) -> bool:
        return all(n.lower() not in self.used for n in names)

    def take(self, *names: str) -> None:
        for n in names:
            self.used[n.lower()] = None

    def new_id(self, name: str) -> str:
        base = slugify(name)
        candidate, k = base, 2
        while candidate in self.ids:
            candidate, k = f"{base}-{k}", k + 1
        self.ids[candidate] = None
        return candidate

    def word(self, ends: tuple[str, ...]) -> str:
        rng = self.rng
        while True:
            w = rng.choice(ONSETS) + rng.choice(MIDDLES) + rng.choice(ends)
            w = w[0] + w[1:].lower()
            if self.free(w):
                return w


def _places(pool: Pool, names: _Names, rng: random.Random) -> None:
    for _ in range(N_COUNTRIES):
        core = names.word(PLACE_ENDS)
        formal = f"{rng.choice(('Republic', 'Kingdom', 'Federation', 'Commonwealth'))} of {core}"
        names.take(core, formal)
        pool.countries.append(Entity(
            names.new_id(core), core, "place", [formal],
            f"Synthetic country invented for benchmark text ({formal}); not a real place.", sub="country"))
    for _ in range(N_PROVINCES):
        core = names.word(PLACE_ENDS)
        c = rng.randrange(N_COUNTRIES)
        name = f"{core} Province"
        names.take(core, name)
        pool.provinces.append(Entity(
            names.new_id(name), name, "place", [core],
            f"Synthetic province of {pool.countries[c].name}; not a real place.", sub="province", country=c))
    while len(pool.cities) < N_CITIES:
        core = names.word(PLACE_ENDS)
        name = rng.choice(CITY_PATTERNS).format(core)
        alias = f"{core} City" if name == core else core
        if not names.free(name, alias):
            continue
        names.take(name, alias)
        c = len(pool.cities) % N_COUNTRIES  # every country gets cities; the first is its capital
        what = "capital" if len(pool.cities) < N_COUNTRIES else "city"
        pool.cities.append(Entity(
            names.new_id(name), name, "place", [alias],
            f"Synthetic {what} of {pool.countries[c].name}; not a real place.", sub="city", country=c))


def _org(pool: Pool, names: _Names, name: str, aliases: list[str], sub: str, *, field: int | None,
         country: int | None, acr: str = "", the: bool = True) -> None:
    if acr and not names.free(acr):
        acr = ""  # acronym already taken by another organisation: leave it out
    aliases = [a for a in aliases if names.free(a)]
    if acr:
        aliases = [acr] + aliases
    names.take(name, *aliases)
    where = f" based in {pool.countries[country].name}" if country is not None else ""
    pool.orgs.append(Entity(
        names.new_id(name), name, "organisation", aliases,
        f"Synthetic {sub} organisation{where}, invented for benchmark text.",
        sub=sub, field=field, country=country, acronym=acr, the=the))


def _orgs(pool: Pool, names: _Names, rng: random.Random) -> None:
    for t, topic in enumerate(TOPICS):
        f = topic["field"]
        c = rng.randrange(N_COUNTRIES)
        country = pool.countries[c].name
        _org(pool, names, f"Ministry of Synthetic {f}", [f"Synthetic {f} Ministry"], "ministry",
             field=t, country=c)
        name = f"Synthetic {f} Organisation"
        _org(pool, names, name, [], "intl", field=t, country=None, acr=acronym(name))
        name = f"National {f} Commission of {country}"
        _org(pool, names, name, [f"{country} {f} Commission"], "commission", field=t, country=c)
        name = f"Institute of Synthetic {f} Studies"
        _org(pool, names, name, [], "institute", field=t, country=rng.randrange(N_COUNTRIES), acr=acronym(name))
        name = f"Synthetic {f} Research Centre"
        _org(pool, names, name, [], "institute", field=t, country=rng.randrange(N_COUNTRIES), acr=acronym(name))
    for name, acr in MISC_ORGS:
        _org(pool, names, name, [], "intl", field=None, country=None, acr=acr)
    for c in range(12):
        name = f"{PARTY_WORDS[c]} Synthetic Party of {pool.countries[c].name}"
        _org(pool, names, name, [], "party", field=None, country=c)
    for i in range(N_UNIVERSITIES):
        city = pool.cities[i]
        _org(pool, names, f"University of {city.name}", [f"{city.name} University"], "university",
             field=rng.randrange(len(TOPICS)), country=city.country)
    for i in range(N_COMPANIES):
        name = f"{names.word(SURNAME_ENDS)}-{names.word(SURNAME_ENDS)} {COMPANY_WORDS[i % len(COMPANY_WORDS)]}"
        _org(pool, names, name, [], "company", field=i % len(TOPICS), country=rng.randrange(N_COUNTRIES),
             the=False)


def _person(pool: Pool, names: _Names, rng: random.Random, title: str, role: str, *,
            field: int | None, country: int | None) -> None:
    given = rng.choice(GIVEN)
    surname = names.word(SURNAME_ENDS)
    name = f"{given} {surname}"
    aliases = [surname] + ([f"{title} {surname}"] if title else [])
    names.take(name, *aliases)
    pool.people.append(Entity(
        names.new_id(name), name, "person", aliases,
        f"Synthetic person invented for benchmark text: {role}.",
        field=field, country=country, given=given, surname=surname, title=title, role=role))


def _people(pool: Pool, names: _Names, rng: random.Random) -> None:
    for org in pool.orgs:
        the = "the " if org.the else ""
        n, f, c = org.name, org.field, org.country
        country = pool.countries[c].name if c is not None else ""
        field_name = TOPICS[f]["field"].lower() if f is not None else ""
        if org.sub == "ministry":
            _person(pool, names, rng, "Minister", f"minister of synthetic {field_name} of {country}", field=f, country=c)
            _person(pool, names, rng, "Vice Minister", f"vice minister at the {n}", field=f, country=c)
            _person(pool, names, rng, "", f"spokesperson for the {n}", field=f, country=c)
        elif org.sub == "intl" and f is not None:
            _person(pool, names, rng, "Director-General", f"director-general of the {n}", field=f, country=None)
            _person(pool, names, rng, "", f"technical lead for the {n}'s emergency programme", field=f, country=None)
        elif org.sub == "commission":
            _person(pool, names, rng, "Commissioner", f"head of the {n}", field=f, country=c)
        elif org.sub == "institute":
            _person(pool, names, rng, "", f"a researcher at the {n}", field=f, country=c)
            _person(pool, names, rng, "Professor", f"director of the {n}", field=f, country=c)
        elif org.sub == "company":
            _person(pool, names, rng, "", f"chief executive of {n}", field=f, country=c)
        elif org.sub == "university":
            _person(pool, names, rng, "Professor", f"professor of {TOPICS[f]['noun']} at {the}{n}", field=f, country=c)
            _person(pool, names, rng, "", f"a lecturer at {the}{n}", field=f, country=c)
        elif org.sub == "party":
            _person(pool, names, rng, "", f"president of the {n}", field=None, country=c)
    for c, country in enumerate(pool.countries):
        _person(pool, names, rng, "President", f"president of {country.name}", field=None, country=c)
        _person(pool, names, rng, "Prime Minister", f"prime minister of {country.name}", field=None, country=c)
        _person(pool, names, rng, "Foreign Minister", f"foreign minister of {country.name}", field=None, country=c)
    for city in pool.cities:
        if len(pool.people) >= 300:
            break
        _person(pool, names, rng, "Mayor", f"mayor of {city.name}", field=None, country=city.country)


def build_pool(seed: int) -> Pool:
    rng = random.Random(f"newsarchive-synth:{seed}:pool")
    names = _Names(rng)
    pool = Pool()
    _places(pool, names, rng)
    _orgs(pool, names, rng)
    _people(pool, names, rng)

    def ranked(items: list[Entity]) -> tuple[list[Entity], list[float]]:
        items = list(items)
        rng.shuffle(items)  # popularity order
        return zipf(items)

    for t in range(len(TOPICS)):
        pool.topic_orgs.append(ranked([o for o in pool.orgs if o.field == t]))
        pool.topic_people.append(ranked([p for p in pool.people if p.field == t]))
    pool.general_people = ranked([p for p in pool.people if p.field is None])
    pool.all_orgs = ranked(pool.orgs)
    for c in range(N_COUNTRIES):
        pool.country_cities.append(zipf([x for x in pool.cities if x.country == c], 1.2))
    pool.country_weights = list(accumulate(1.0 / (r + 1) ** 0.7 for r in range(N_COUNTRIES)))
    return pool
