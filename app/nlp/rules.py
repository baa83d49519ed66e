"""Rule data, read once from the TSV files under ``app/nlp/data``.

Every table is parsed into frozen dataclasses; a malformed row fails loudly with
its file and line, at start-up rather than halfway through an article.
"""

import datetime as dt
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any

import ahocorasick

from app.nlp.guard import first_class

if TYPE_CHECKING:
    from app.nlp.phrases import PhraseMatcher

DATA = files("app.nlp") / "data"
ORG_CODES = frozenset({"EU", "UN", "NATO", "AU", "ASEAN"})


class RuleDataError(ValueError):
    """A rule-data file has a malformed row."""


@cache
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = {"’": "'", "‘": "'", "‐": "-", "‑": "-"}.get(plain, plain)
    return plain if len(plain) == 1 else char.lower()[:1] or char


class _FoldTable(dict[int, str]):
    """Code point -> its folded character, filled on first sight, for ``str.translate``
    (one pass in C over a text instead of a Python call per character)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower-case and strip accents, keeping every offset ('Erdoğan' -> 'erdogan');
    cached, as each stage folds the same sentences again."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


def read_rows(resource: Traversable, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) for data rows, skipping comments and the header."""
    seen_header = False
    for number, line in enumerate(resource.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not seen_header:
            seen_header = True
            continue
        fields = line.split("\t")
        if len(fields) < columns:
            fields += [""] * (columns - len(fields))
        if len(fields) != columns:
            raise RuleDataError(f"{resource.name}:{number}: expected {columns} fields")
        yield number, [f.strip() for f in fields]


def read_kinds(name: str, kinds: tuple[str, ...]) -> dict[str, list[str]]:
    """The values of a two-column (kind, value) data file, grouped by kind in file order;
    a kind not in ``kinds`` is a data error."""
    grouped: dict[str, list[str]] = {kind: [] for kind in kinds}
    for number, (kind, value) in read_rows(DATA / name, 2):
        if kind not in grouped:
            raise RuleDataError(f"{name}:{number}: {kind!r} is not one of {', '.join(kinds)}")
        grouped[kind].append(value)
    return grouped


def split_field(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split("|") if part.strip())


def _date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise RuleDataError(f"{where}: bad date {value!r}") from err


# One term in office of a leader.
@dataclass(frozen=True, slots=True)
class LeaderTerm:
    name: str
    country: str
    role: str
    start: dt.date | None
    end: dt.date | None
    wikidata_id: str | None
    aliases: tuple[str, ...]
    short_names: tuple[str, ...]

    def in_office(self, on: dt.date | None) -> bool:
        """Whether the term covers ``on`` (unknown dates match every term)."""
        if on is None:
            return True
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


# A country with the ways news names it.
@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None


# A named venue below city level.
@dataclass(frozen=True, slots=True)
class Venue:
    place: str
    city: str | None
    country: str
    aliases: tuple[str, ...]


# A recurring multilateral gathering.
@dataclass(frozen=True, slots=True)
class Gathering:
    name: str
    patterns: tuple[str, ...]
    kind: str


# One edition of a gathering: when and where it was held.
@dataclass(frozen=True, slots=True)
class Edition:
    gathering: str
    start: dt.date
    end: dt.date
    city: str
    country: str


# A title that comes before a name.
@dataclass(frozen=True, slots=True)
class Title:
    title: str
    role: str
    leader: bool


# A news outlet, found by its domain or by strings in its pages.
@dataclass(frozen=True, slots=True)
class Publisher:
    domain: str
    name: str
    signatures: tuple[str, ...]


# Everything the stages need, loaded together.
@dataclass(frozen=True)
class Rules:
    leaders: tuple[LeaderTerm, ...]
    countries: dict[str, Country]
    venues: tuple[Venue, ...]
    gatherings: tuple[Gathering, ...]
    editions: tuple[Edition, ...]
    titles: dict[str, Title]
    publishers: tuple[Publisher, ...]
    outlet_names: frozenset[str]  # folded, without "the": a masthead is no headline
    issues: dict[str, tuple[str, str]]
    issue_phrases: tuple[tuple[str, str], ...]  # (slug or "-" for no issue, lemma or phrase)
    issue_matcher: "PhraseMatcher"  # the rows above, compiled
    issue_list_matcher: "PhraseMatcher"  # words an issue only in a list of issues ("space")
    territory_of: dict[str, str]  # "HK" -> "CN": a territory and the state it belongs to
    body_nouns: frozenset[str]  # "minister", "institute": an issue word before one names a body
    name_nouns: frozenset[str]  # "Summit", "Week": they end a body's name only in capitals
    talk_cues: tuple[str, ...]  # "discussed", "focused on": the talks' subject follows
    talk_matcher: "PhraseMatcher"  # the cues above, compiled
    reporting_verbs: tuple[str, ...]
    meeting_cues: tuple[tuple[str, str, re.Pattern[str]], ...]
    chrome_lines: tuple[re.Pattern[str], ...]
    chrome_cuts: tuple[re.Pattern[str], ...]
    chrome_prefixes: tuple[re.Pattern[str], ...]
    abbreviations: frozenset[str]
    bare_demonyms: frozenset[str]  # folded demonyms that are no country's name ("kazakh")
    duration_nouns: re.Pattern[str]
    name_stopwords: frozenset[str]
    topic_breaks: re.Pattern[str]
    link_openings: re.Pattern[str]  # "Read more:": a sentence opening a link to another story
    carry_openings: re.Pattern[str]  # "He added", "The two discussed": the account goes on
    city_stopwords: frozenset[str]
    institutions: re.Pattern[str]
    place_nouns: re.Pattern[str]  # "the Helsinki summit": the place names the meeting
    gathering_lead: re.Pattern[str] | None  # "NATO leaders promised ...": a gathering met
    gathering_bodies: dict[str, str]  # "Group of 20" -> "G20 summit"
    gathering_members: dict[str, tuple[tuple[str, int, int | None], ...]]
    gathering_absent: re.Pattern[str]  # "in the absence of", "by video": not taking part
    country_prefixes: dict[str, str]  # folded "anglo" -> GB, as in "Anglo-French summit"
    visit_words: re.Pattern[str]  # "first visit to Ethiopia": the country visited
    topic_before_place: re.Pattern[str]  # "the situation in Gaza": a subject, not a place
    documents: re.Pattern[str]  # "statement", "readout": a written source
    officials: tuple[tuple[str, re.Pattern[str]], ...]  # "administration official": White House
    offices: re.Pattern[str]  # "Trudeau's office", "the prime minister's office"
    meeting_refs: dict[str, re.Pattern[str]]
    planned_before: re.Pattern[str]
    planned_after: re.Pattern[str]
    planned_predicate: re.Pattern[str]  # "the meeting ... is due to take place"
    clause_marks: dict[str, re.Pattern[str]]  # "after", "unlike": a clause set apart
    number_words: dict[str, int]
    honorifics: frozenset[str]
    female_names: frozenset[str]  # folded given names: "she said" looks for a woman
    female_titles: frozenset[str]  # folded "ms", "queen": titles only women carry
    institution_bodies: tuple[str, ...]  # "presidency": "the Ukrainian presidency" speaks
    terms_by_name: dict[str, tuple[LeaderTerm, ...]]
    leader_roles: tuple[tuple[str, str, int, int], ...]  # country, role, since, until
    # folded surface form -> indexes into ``leaders``
    leader_index: dict[str, tuple[int, ...]]
    # folded country name or demonym -> codes
    country_index: dict[str, tuple[str, ...]]
    automaton: "ahocorasick.Automaton"
    # folded venue alias or gathering pattern -> record, and their automaton
    venue_index: dict[str, Venue]
    gathering_index: dict[str, Gathering]
    event_automaton: "ahocorasick.Automaton"
    # successor code -> (former code, last day, whether its name then meant the former)
    successions: dict[str, tuple[str, dt.date, bool]]
    dissolved: dict[str, dt.date]  # former code -> the state's last day

    def code_on(self, code: str | None, on: dt.date | None, *, named: bool) -> str | None:
        """The code of a place or country as news of ``on`` knew it: "Moscow" (RU) in a
        1987 story lay in the Soviet Union (SU), by successions.tsv. ``named`` for a
        country named rather than a place in it: "Ukraine" in 1990 stays UA, "Russia" in
        1987 meant the Soviet Union."""
        succession = self.successions.get(code or "")
        if succession is None or on is None:
            return code
        former, until, by_name = succession
        return former if on <= until and (by_name or not named) else code

    def find(self, text: str, kind: str) -> list[tuple[int, int, str]]:
        """Longest non-overlapping capitalised ``kind`` surfaces in text: "leader" and
        "country" from one table, "venue" and "gathering" from another.

        "South Sudan" is one country, not South Sudan and Sudan.
        """
        events = kind in ("venue", "gathering")
        chosen = _CHOSEN.get((text, events))
        if chosen is None:
            whole, begin = _SLICES.get(text, (text, 0))
            if begin and not whole.startswith(text, begin):
                whole, begin = text, 0
            chosen = self._window(whole, begin, begin + len(text), events)
            if len(_CHOSEN) >= MAX_CHOSEN:
                _CHOSEN.clear()
            _CHOSEN[text, events] = chosen
        return [
            (start, end, surface) for start, end, hit_kind, surface in chosen if hit_kind == kind
        ]

    def find_in(self, text: str, begin: int, end: int, kind: str) -> list[tuple[int, int, str]]:
        """``find(text[begin:end], kind)``, read from the hits of the whole text (kept for
        it): the windows before each name are not folded and scanned one by one."""
        chosen = self._window(text, begin, end, kind in ("venue", "gathering"))
        return [(a, b, surface) for a, b, hit_kind, surface in chosen if hit_kind == kind]

    def _window(
        self, text: str, begin: int, end: int, events: bool
    ) -> list[tuple[int, int, str, str]]:
        """Every kind's longest non-overlapping surfaces in ``text[begin:end]`` (offsets in
        it), with their kinds: the choice does not depend on the kind asked for, so a text
        is scanned once for all kinds and all its windows."""
        raw = _RAW.get((text, events))
        if raw is None:
            raw = _raw_hits(text, self.event_automaton if events else self.automaton)
            if len(_RAW) >= MAX_CHOSEN:
                _RAW.clear()
            _RAW[text, events] = raw
        starts, hits = raw
        # the hits come longest first at each start, so the longest of overlapping ones
        # is chosen in one pass (the first of equally long ones)
        chosen: list[tuple[int, int, str, str]] = []
        last_end = -1
        for index in range(bisect_left(starts, begin), len(hits)):
            start, _, stop, hit_kind, surface, joined_before, joined_after = hits[index]
            if start >= end:
                break
            if stop > end or (joined_before and start > begin) or (joined_after and stop < end):
                continue  # a window's edges count as spaces
            if start < last_end:
                if stop - start > last_end - (chosen[-1][0] + begin):
                    chosen[-1] = (start - begin, stop - begin, hit_kind, surface)
                    last_end = stop
                continue
            chosen.append((start - begin, stop - begin, hit_kind, surface))
            last_end = stop
        return chosen

    def terms_of(self, name: str) -> tuple[LeaderTerm, ...]:
        """Every term of the leader with this canonical name (or the article's spelling
        of it, which the leaders index holds)."""
        return self.terms_by_name.get(name) or tuple(self.terms_for(name))

    def terms_for(self, surface: str) -> list[LeaderTerm]:
        """Every leader term that ``surface`` can name."""
        return [self.leaders[i] for i in self.leader_index.get(fold(surface), ())]


# Rules.find's choice of surfaces per (text, event table): the stages ask for leaders and
# countries in the same sentences and the whole text, so each text is scanned once.
_CHOSEN: dict[tuple[str, bool], list[tuple[int, int, str, str]]] = {}
MAX_CHOSEN = 512


# A sentence -> the article text it was cut from and where: its surfaces are the
# article's hits in that window (``find_in``), so the automaton does not scan it again.
_SLICES: dict[str, tuple[str, int]] = {}


def note_slices(text: str, pieces: Iterable[tuple[int, str]]) -> None:
    """Remember where each of these pieces (the article's sentences, once cut, with their
    offsets) stands in ``text``, forgetting the previous article's."""
    _SLICES.clear()
    for start, piece in pieces:
        if start:
            _SLICES.setdefault(piece, (text, start))


# Per (text, event table): the starts and the automaton's hits that open with a capital
# or a figure, in order of start, for the windows ``Rules.find_in`` reads.
# (start, -length, end, kind, surface, runs into the word before, runs into the word after)
_Hit = tuple[int, int, int, str, str, bool, bool]
_RAW: dict[tuple[str, bool], tuple[list[int], list[_Hit]]] = {}


def _raw_hits(text: str, automaton: "ahocorasick.Automaton") -> tuple[list[int], list[_Hit]]:
    hits: list[_Hit] = []
    size = len(text)
    for end_index, (hit_kind, surface) in automaton.iter(fold(text)):
        start = end_index + 1 - len(surface)
        first = text[start]
        if not (first.isupper() or first.isdigit()):
            continue  # most are inside lower-case words
        stop = end_index + 1
        # does the hit run into the word before it, or into the word after it? (A name
        # inside a longer word or handle is no name.)
        before = text[start - 1] if start else " "
        after = text[stop] if stop < size else " "
        hits.append(
            (
                start,
                -len(surface),
                stop,
                hit_kind,
                surface,
                before.isalnum() or before in "-_@#",
                after.isalnum() or after in "-_",
            )
        )
    # by start, the longest first; a start and a length spell one key, so no two tie and
    # the tuples sort as they are
    hits.sort()
    return [h[0] for h in hits], hits


def clear_found() -> None:
    """Forget the surfaces found per text (a benchmark pass sees each article as new)."""
    _CHOSEN.clear()
    _RAW.clear()
    _SLICES.clear()


MIN_OUTLET_NAME = 4  # "AP", "DW" or "ABC" would begin too many headlines


def outlet_name(name: str) -> str:
    """An outlet's name as mastheads are compared: folded, without a leading "the"."""
    return fold(name).removeprefix("the ")


def _data_files(folder: Traversable) -> list[Traversable]:
    return sorted((f for f in folder.iterdir() if f.name.endswith(".tsv")), key=lambda f: f.name)


def load_leaders() -> tuple[LeaderTerm, ...]:
    """All leader terms from ``data/leaders/*.tsv``."""
    terms = []
    for resource in _data_files(DATA / "leaders"):
        for number, f in read_rows(resource, 8):
            where = f"{resource.name}:{number}"
            name, country, role, start, end, wikidata, aliases, short_names = f
            if (
                not name
                or not role
                or not (re.fullmatch(r"[A-Z]{2}", country) or country in ORG_CODES)
            ):
                raise RuleDataError(f"{where}: needs a name, a role and a country code")
            terms.append(
                LeaderTerm(
                    name=name,
                    country=country,
                    role=role,
                    start=_date(start, where),
                    end=_date(end, where),
                    wikidata_id=wikidata or None,
                    aliases=split_field(aliases),
                    short_names=split_field(short_names),
                )
            )
    return tuple(terms)


def load_countries() -> dict[str, Country]:
    """Countries and organisations keyed by code."""
    countries = {}
    for _, f in read_rows(DATA / "countries.tsv", 5):
        code, name, names, demonyms, capital = f
        countries[code] = Country(
            code, name, split_field(names), split_field(demonyms), capital or None
        )
    return countries


def load_successions() -> dict[str, tuple[str, dt.date, bool]]:
    """Dissolved states by the successor codes of their land (successions.tsv), so a
    place is coded as it was on the article's date."""
    successions = {}
    for _, (former, successor, until, named) in _succession_rows():
        if successor:
            successions[successor] = (former, until, named)
    return successions


def load_dissolutions() -> dict[str, dt.date]:
    """The last day of each dissolved state (successions.tsv): later news names it as
    history, not as a state a meeting was about."""
    last: dict[str, dt.date] = {}
    for _, (former, _, until, _) in _succession_rows():
        last[former] = max(until, last.get(former, until))
    return last


def _succession_rows() -> Iterator[tuple[int, tuple[str, str, dt.date, bool]]]:
    seen: set[str] = set()
    for number, (former, successor, until, named) in read_rows(DATA / "successions.tsv", 4):
        where = f"successions.tsv:{number}"
        last = _date(until, where)
        if last is None or named not in ("yes", "no") or (successor and successor in seen):
            raise RuleDataError(f"{where}: needs a last day, named yes or no, one row a successor")
        seen.add(successor)
        yield number, (former, successor, last, named == "yes")


@cache
def load_centroids() -> dict[str, tuple[float, float]]:
    """(longitude, latitude) of each country's centroid, for map points of summits
    located only by country (#12); a value out of range is a data error."""
    centroids = {}
    for number, (code, longitude, latitude, _) in read_rows(DATA / "country_centroids.tsv", 4):
        try:
            point = float(longitude), float(latitude)
        except ValueError as err:
            raise RuleDataError(f"country_centroids.tsv:{number}: {err}") from err
        if not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90):
            raise RuleDataError(f"country_centroids.tsv:{number}: coordinates out of range")
        centroids[code] = point
    return centroids


def _gathering_rules() -> dict[str, Any]:
    """Bodies, members, verbs and absence patterns of gatherings that meet as one."""
    bodies: dict[str, str] = {}
    members: dict[str, list[tuple[str, int, int | None]]] = {}
    verbs: list[str] = []
    absent: list[str] = []
    for number, (kind, gathering, value, since, until) in read_rows(
        DATA / "gathering_members.tsv", 5
    ):
        if kind == "body":
            bodies |= dict.fromkeys(split_field(value), gathering)
        elif kind == "member":
            members.setdefault(gathering, []).append(
                (value, int(since), int(until) if until else None)
            )
        elif kind == "verb":
            verbs.append(value)
        elif kind == "absent":
            absent.append(value)
        else:
            raise RuleDataError(f"gathering_members.tsv:{number}: unknown kind {kind!r}")
    names = "|".join(re.escape(n) for n in sorted(bodies, key=len, reverse=True))
    lead = None
    if names and verbs:
        lead = re.compile(
            rf"(?:\b(?P<a>{names})(?:['’]s)? (?:\d+ )?"
            r"(?:leaders|heads of (?:state|government)|member (?:states|countries|nations))"
            rf"|\b[Ll]eaders of (?:the )?(?:\d+ )?(?P<b>{names})"
            r"(?: (?:countries|nations|economies|members|states|allies))?(?: \([\w-]+\))?"
            r"(?: (?:countries|nations|economies|members|states))?"
            rf"|\b(?P<c>{names}) (?:[Ss]ummit|leaders'? (?:summit|meeting)))"
            r"(?P<gap>(?: [\w'’-]+){0,3}?) (?P<verb>"
            + "|".join(re.escape(v) for v in verbs)
            + r")\b"
        )
    return {
        "gathering_lead": lead,
        "gathering_bodies": bodies,
        "gathering_members": {g: tuple(rows) for g, rows in members.items()},
        "gathering_absent": _compile("|".join(absent) or "(?!)", "gathering_members.tsv"),
    }


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        compiled = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.IGNORECASE)
    except re.error as err:
        raise RuleDataError(f"{where}: bad pattern {pattern!r}: {err}") from err
    # the first characters its match can open with, tested before the whole alternation
    guard = first_class(compiled.pattern, compiled.flags)
    if guard is None:
        return compiled
    try:
        return re.compile(rf"(?<![\w-]){guard}(?:{pattern})(?![\w])", re.IGNORECASE)
    except re.error as err:
        raise RuleDataError(f"{where}: bad pattern {pattern!r}: {err}") from err


def _by_name(leaders: tuple[LeaderTerm, ...]) -> dict[str, tuple[LeaderTerm, ...]]:
    grouped: dict[str, list[LeaderTerm]] = {}
    for term in leaders:
        grouped.setdefault(term.name, []).append(term)
    return {name: tuple(terms) for name, terms in grouped.items()}


def _joined(short_names: tuple[str, ...]) -> tuple[str, ...]:
    """A compound surname the other way it is written: "Johnson Sirleaf" as
    "Johnson-Sirleaf", "Akufo-Addo" as "Akufo Addo" (papers differ, and so do the lists);
    not a particle's ("el-Sisi"), which the text sets apart as "El Sisi" to name "Sisi"."""
    return tuple(
        n.replace(" ", "-") if " " in n else n.replace("-", " ")
        for n in short_names
        if (" " in n) != ("-" in n) and all(part[:1].isupper() for part in re.split("[ -]", n))
    )


def _build_indexes(
    leaders: tuple[LeaderTerm, ...], countries: dict[str, Country]
) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[str, ...]], "ahocorasick.Automaton"]:
    leader_index: dict[str, list[int]] = {}
    for i, term in enumerate(leaders):
        for surface in (term.name, *term.aliases, *term.short_names, *_joined(term.short_names)):
            leader_index.setdefault(fold(surface), []).append(i)
    country_index: dict[str, list[str]] = {}
    for country in countries.values():
        for surface in (country.name, *country.names, *country.demonyms):
            codes = country_index.setdefault(fold(surface), [])
            if country.code not in codes:
                codes.append(country.code)
    full_names = {fold(f) for term in leaders for f in (term.name, *term.aliases)}
    automaton = ahocorasick.Automaton()
    for surface in leader_index:
        automaton.add_word(surface, ("leader", surface))
    for surface in country_index:
        # a country beats a bare surname that spells it ("Montenegro"), not a full name
        if surface not in full_names:
            automaton.add_word(surface, ("country", surface))
    for _, (region,) in read_rows(DATA / "regions.tsv", 1):
        automaton.add_word(fold(region), ("region", fold(region)))
    automaton.make_automaton()
    return (
        {k: tuple(v) for k, v in leader_index.items()},
        {k: tuple(v) for k, v in country_index.items()},
        automaton,
    )


@cache
def load_rules() -> Rules:
    """Read and index every rule file once per process."""
    from app.nlp.phrases import build_phrase_matcher  # phrases folds text with this module

    leaders = load_leaders()
    countries = load_countries()
    venues = tuple(
        Venue(place, city or None, country, split_field(aliases))
        for _, (place, city, country, aliases) in read_rows(DATA / "venues.tsv", 4)
    )
    gatherings = tuple(
        Gathering(name, split_field(patterns), kind)
        for _, (name, patterns, kind) in read_rows(DATA / "gatherings.tsv", 3)
    )
    names = {g.name for g in gatherings}
    editions = []
    for number, (gathering, start, end, city, country) in read_rows(
        DATA / "gathering_editions.tsv", 5
    ):
        where = f"gathering_editions.tsv:{number}"
        first, last = _date(start, where), _date(end, where)
        if gathering not in names or first is None or last is None:
            raise RuleDataError(f"{where}: unknown gathering or missing dates")
        editions.append(Edition(gathering, first, last, city, country))
    titles = {
        fold(title): Title(title, role, leader == "1")
        for _, (title, role, leader) in read_rows(DATA / "titles.tsv", 3)
    }
    publishers = tuple(
        Publisher(domain.lower(), name, split_field(signatures))
        for _, (domain, name, signatures) in read_rows(DATA / "publishers.tsv", 3)
    )
    issues = {
        slug: (label, description)
        for _, (slug, label, description) in read_rows(DATA / "issues.tsv", 3)
    }
    issue_phrases = []
    for number, (slug, phrase) in read_rows(DATA / "issue_keywords.tsv", 2):
        if slug != "-" and slug not in issues:
            raise RuleDataError(f"issue_keywords.tsv:{number}: unknown slug {slug!r}")
        if not re.fullmatch(r"[\w'’ -]+(?:\.\.\.[\w'’ -]+)?\*?", phrase):
            raise RuleDataError(f"issue_keywords.tsv:{number}: {phrase!r} is not a plain phrase")
        issue_phrases.append((slug, phrase))
    list_words = []
    for number, (slug, word) in read_rows(DATA / "issue_list_words.tsv", 2):
        if slug not in issues:
            raise RuleDataError(f"issue_list_words.tsv:{number}: unknown slug {slug!r}")
        list_words.append((slug, word))
    talk_cues = tuple(cue for _, (cue,) in read_rows(DATA / "talk_cues.tsv", 1))
    breaks = read_kinds("topic_breaks.tsv", ("paragraph", "sentence", "carry"))
    body_rows = [(noun, case) for _, (noun, case) in read_rows(DATA / "body_nouns.tsv", 2)]
    cues = []
    for number, (fmt, kind, pattern) in read_rows(DATA / "meeting_cues.tsv", 3):
        if kind not in ("verb", "joint", "noun"):
            raise RuleDataError(f"meeting_cues.tsv:{number}: kind must be verb, joint or noun")
        cues.append((fmt, kind, _compile(pattern, f"meeting_cues.tsv:{number}")))
    chrome = {
        kind: [
            re.compile(rf"{'^' if kind == 'prefix' else ''}(?:{p})", re.IGNORECASE)
            for p in patterns
        ]
        for kind, patterns in read_kinds("chrome.tsv", ("line", "cut", "prefix")).items()
    }
    verbs = tuple(v for _, (v,) in read_rows(DATA / "reporting_verbs.tsv", 1))
    meeting_refs = {
        kind: _compile(pattern, f"meeting_refs.tsv:{number}")
        for number, (kind, pattern) in read_rows(DATA / "meeting_refs.tsv", 2)
    }
    planned = {
        where: [f"(?:{p})" for p in patterns]
        for where, patterns in read_kinds(
            "planned_cues.tsv", ("before", "after", "predicate")
        ).items()
    }
    place_words = {
        kind: "|".join(map(re.escape, words))
        for kind, words in read_kinds("place_nouns.tsv", ("meeting", "visit", "topic")).items()
    }
    sources = read_kinds("speech_sources.tsv", ("document", "office"))
    female = read_kinds("female_names.tsv", ("name", "title"))
    number_words = {}
    for number, (word, value) in read_rows(DATA / "durations.tsv", 2):
        if not value.isdigit():
            raise RuleDataError(f"durations.tsv:{number}: value must be a whole number")
        number_words[word] = int(value)
    leader_index, country_index, automaton = _build_indexes(leaders, countries)
    venue_index = {fold(f): v for v in venues for f in (v.place, *v.aliases)}
    gathering_index = {fold(f): g for g in gatherings for f in g.patterns}
    event_automaton = ahocorasick.Automaton()
    for surface in venue_index:
        event_automaton.add_word(surface, ("venue", surface))
    for surface in gathering_index:
        if surface not in venue_index:
            event_automaton.add_word(surface, ("gathering", surface))
    event_automaton.make_automaton()
    return Rules(
        leaders=leaders,
        terms_by_name=_by_name(leaders),
        leader_roles=tuple(
            (country, role, int(since or 0), int(until or 9999))
            for _, (country, role, since, until) in read_rows(DATA / "leader_roles.tsv", 4)
        ),
        countries=countries,
        venues=venues,
        gatherings=gatherings,
        editions=tuple(editions),
        titles=titles,
        publishers=publishers,
        outlet_names=frozenset(
            n for n in (outlet_name(p.name) for p in publishers) if len(n) >= MIN_OUTLET_NAME
        ),
        issues=issues,
        issue_phrases=tuple(issue_phrases),
        body_nouns=frozenset(fold(n) for n, case in body_rows if case != "name"),
        name_nouns=frozenset(fold(n) for n, case in body_rows if case == "name"),
        talk_cues=talk_cues,
        talk_matcher=build_phrase_matcher(("talk", cue) for cue in talk_cues),
        issue_matcher=build_phrase_matcher(issue_phrases),
        issue_list_matcher=build_phrase_matcher(list_words),
        territory_of={t: s for _, (t, s) in read_rows(DATA / "territories.tsv", 2)},
        reporting_verbs=verbs,
        meeting_cues=tuple(cues),
        chrome_lines=tuple(chrome["line"]),
        chrome_cuts=tuple(chrome["cut"]),
        chrome_prefixes=tuple(chrome["prefix"]),
        institutions=re.compile(
            r"\b(?:the\s+)?(?P<inst>"
            + "|".join(
                re.escape(name)
                for _, (name,) in sorted(
                    read_rows(DATA / "institutions.tsv", 1), key=lambda row: -len(row[1][0])
                )
            )
            + r")\b"
        ),
        country_prefixes={
            fold(form): code for _, (form, code) in read_rows(DATA / "country_prefixes.tsv", 2)
        },
        **_gathering_rules(),
        place_nouns=_compile(place_words["meeting"], "place_nouns.tsv"),
        topic_before_place=re.compile(rf"\b(?:{place_words['topic']})\s+$", re.IGNORECASE),
        visit_words=re.compile(rf"\b(?:{place_words['visit']})\s+(?:the\s+)?$", re.IGNORECASE),
        officials=tuple(
            (institution, _compile(pattern, f"officials.tsv:{number}"))
            for number, (institution, pattern) in read_rows(DATA / "officials.tsv", 2)
        ),
        documents=_compile("|".join(map(re.escape, sources["document"])), "speech_sources.tsv"),
        offices=re.compile(
            r"\b(?P<inst>(?:[A-Z][\w-]+|(?i:the (?:"
            + "|".join(map(re.escape, sources["office"]))
            + r")))['’]s office)\b"
        ),
        meeting_refs=meeting_refs,
        planned_before=_compile("|".join(planned["before"]), "planned_cues.tsv"),
        planned_after=re.compile("|".join(planned["after"]), re.IGNORECASE),
        planned_predicate=_compile("|".join(planned["predicate"]), "planned_cues.tsv"),
        clause_marks={
            kind: _compile("|".join(words), "clause_marks.tsv")
            for kind, words in read_kinds("clause_marks.tsv", ("background", "contrast")).items()
        },
        number_words=number_words,
        city_stopwords=frozenset(fold(w) for _, (w,) in read_rows(DATA / "city_stopwords.tsv", 1)),
        topic_breaks=re.compile(
            r"\W*(?:" + "|".join(breaks["paragraph"]) + r")\b",
            re.IGNORECASE,
        ),
        link_openings=re.compile(r"\W*(?:" + "|".join(breaks["sentence"]) + r")", re.IGNORECASE),
        carry_openings=re.compile(r"(?:" + "|".join(breaks["carry"]) + r")", re.IGNORECASE),
        name_stopwords=frozenset(w for _, (w,) in read_rows(DATA / "name_stopwords.tsv", 1)),
        duration_nouns=_compile(
            "|".join(rf"{re.escape(w)}s?" for _, (w,) in read_rows(DATA / "duration_nouns.tsv", 1)),
            "duration_nouns.tsv",
        ),
        bare_demonyms=frozenset(fold(d) for c in countries.values() for d in c.demonyms)
        - {fold(n) for c in countries.values() for n in (c.name, *c.names)},
        abbreviations=frozenset(a for _, (a,) in read_rows(DATA / "abbreviations.tsv", 1)),
        honorifics=frozenset(fold(h) for _, (h,) in read_rows(DATA / "honorifics.tsv", 1)),
        female_names=frozenset(fold(n) for n in female["name"]),
        female_titles=frozenset(fold(t) for t in female["title"]),
        institution_bodies=tuple(b for _, (b,) in read_rows(DATA / "institution_bodies.tsv", 1)),
        leader_index=leader_index,
        country_index=country_index,
        automaton=automaton,
        venue_index=venue_index,
        gathering_index=gathering_index,
        event_automaton=event_automaton,
        successions=load_successions(),
        dissolved=load_dissolutions(),
    )


@cache
def date_events() -> tuple[str, ...]:
    """Nouns of events that are not meetings, whose days no meeting takes
    ("the September 9 attack")."""
    return tuple(w for _, (w,) in read_rows(DATA / "date_events.tsv", 1))
