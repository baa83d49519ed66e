"""Every rule-data file parses, and its rows are consistent with each other and the spec."""

import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

from app.models import IssueSlug
from app.nlp.rules import DATA, ORG_CODES, fold, load_centroids, load_rules, read_rows
from tests.conftest import SHARED

DATA_DIR = Path(str(DATA))
TSV_FILES = sorted(DATA_DIR.rglob("*.tsv"))
# ISO 3166-3 codes of dissolved states (SU, DD, CS, YU), kept for news of their time
FORMER_CODES = {c.alpha_2 for c in pycountry.historic_countries}


@pytest.mark.parametrize("path", TSV_FILES, ids=lambda p: p.name)
def test_file_starts_with_its_source_and_has_even_rows(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#"), "first line names the source and licence"
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    width = len(rows[0])
    assert all(len(row) == width for row in rows), "every row has the header's columns"


def test_rules_load_and_cover_the_spec() -> None:
    rules = load_rules()
    assert set(rules.issues) == {slug.value for slug in IssueSlug}
    assert {slug for slug, _ in rules.issue_phrases} == set(rules.issues) | {"-"}
    assert len(rules.leaders) > 1500


@pytest.mark.skipif(not (SHARED / "corpus" / "GUIDELINES.md").exists(), reason="needs ../shared")
def test_issue_slugs_are_the_guidelines_slugs() -> None:
    guidelines = (SHARED / "corpus" / "GUIDELINES.md").read_text(encoding="utf-8")
    assert set(re.findall(r"^\| `([a-z-]+)` \|", guidelines, re.M)) == set(load_rules().issues)


def test_issue_phrases_are_single_lemmas_sorted_and_unique() -> None:
    """One word or phrase a row, no pattern syntax, rows sorted by slug then phrase
    (the "-" rows of phrases that are no issue last)."""
    rows = load_rules().issue_phrases
    assert all(re.fullmatch(r"[\w'’ -]+(?:\.\.\.[\w'’ -]+)?\*?", phrase) for _, phrase in rows)
    assert all(phrase == phrase.strip() and "  " not in phrase for _, phrase in rows)
    keys = [(slug == "-", slug, phrase.lower()) for slug, phrase in rows]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_issue_list_words_are_plain_sorted_and_no_issue_phrase_alone() -> None:
    """A listed word counts only among issues: one an issue phrase already is would not
    need the list, so no row repeats an issue_keywords.tsv phrase."""
    rules = load_rules()
    rows = [
        tuple(line.split("\t"))
        for line in (DATA_DIR / "issue_list_words.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ][1:]
    assert rows == sorted(set(rows))
    assert all(slug in rules.issues and re.fullmatch(r"[a-z]+", word) for slug, word in rows)
    phrases = {phrase.lower() for _, phrase in rules.issue_phrases}
    assert not {word for _, word in rows} & phrases


def test_territories_belong_to_known_states_and_are_sorted() -> None:
    """Each territory is a country row of its own, its state another; no state is itself
    a territory, so one lookup finds the sovereign."""
    rules = load_rules()
    rows = [row for _, row in read_rows(DATA / "territories.tsv", 2)]
    assert [t for t, _ in rows] == sorted({t for t, _ in rows})
    assert all(t in rules.countries and s in rules.countries and t != s for t, s in rows)
    assert not {s for _, s in rows} & {t for t, _ in rows}


def test_body_nouns_and_talk_cues_are_plain_lower_case_words_sorted() -> None:
    rules = load_rules()
    assert all(re.fullmatch(r"[a-z]+", noun) for noun in rules.body_nouns | rules.name_nouns)
    cases = [case for _, (_, case) in read_rows(DATA / "body_nouns.tsv", 2)]
    assert set(cases) <= {"any", "name"}, "a body noun is read in any case or in a name"
    assert all(re.fullmatch(r"[a-z]+(?: [a-z]+)*", cue) for cue in rules.talk_cues)
    assert list(rules.talk_cues) == sorted(set(rules.talk_cues))


def test_regions_are_capitalised_names_sorted_unique_and_hold_a_country_name() -> None:
    """A region row exists to hide the country name inside it ("Northern Ireland", "China
    Seas"); a row holding none hides nothing."""
    regions = [region for _, (region,) in read_rows(DATA / "regions.tsv", 1)]
    assert regions == sorted(set(regions))
    assert all(re.fullmatch(r"[A-Z][a-z]+(?: (?:of )?[A-Z][a-z]+)+", r) for r in regions)
    surfaces = load_rules().country_index
    assert all(any(fold(word) in surfaces for word in region.split()) for region in regions)


def test_leader_rows_are_valid_and_sorted() -> None:
    rules = load_rules()
    valid = {c.alpha_2 for c in pycountry.countries} | FORMER_CODES | ORG_CODES
    by_file: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for term in rules.leaders:
        assert term.country in valid, term
        assert term.start is None or term.end is None or term.start <= term.end, term
        by_file[term.country].append((term.start.isoformat() if term.start else "", term.name))
    for path in sorted((DATA_DIR / "leaders").glob("*.tsv")):
        rows = [
            line.split("\t")
            for line in path.read_text(encoding="utf-8").splitlines()[1:]
            if line and not line.startswith("#")
        ][1:]
        keys = [(r[1], r[3], r[0]) for r in rows]
        assert keys == sorted(keys), f"{path.name} is sorted by country, start, name"


def test_no_alias_names_two_people() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for term in load_rules().leaders:
        for alias in (term.name, *term.aliases):
            owners[fold(alias)].add(term.name)
    shared = {alias: names for alias, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_country_names_are_unique_and_codes_valid() -> None:
    rules = load_rules()
    valid = {c.alpha_2 for c in pycountry.countries} | FORMER_CODES | ORG_CODES
    assert set(rules.countries) <= valid
    names: dict[str, set[str]] = defaultdict(set)
    for country in rules.countries.values():
        for name in (country.name, *country.names):
            names[fold(name)].add(country.code)
    assert {n: c for n, c in names.items() if len(c) > 1} == {}


def test_every_country_has_a_centroid_in_range() -> None:
    """Summits located only by country are mapped at its centroid (#12)."""
    rows = [row for _, row in read_rows(DATA / "country_centroids.tsv", 4)]
    iso = {c.alpha_2 for c in pycountry.countries}
    assert {code for code in load_rules().countries if code in iso} <= set(load_centroids())
    assert set(load_centroids()) <= iso
    assert [row[0] for row in rows] == sorted({row[0] for row in rows}), "sorted, unique"
    assert {row[3] for row in rows} == {"outline", "factbook"}
    for code, (longitude, latitude) in load_centroids().items():
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90, code


@pytest.mark.parametrize(
    ("code", "west", "south", "east", "north"),
    [
        ("FR", -5, 42, 8, 51),
        ("US", -125, 25, -67, 49),
        ("JP", 129, 31, 146, 46),
        ("SG", 103, 1, 105, 2),
    ],
)
def test_centroid_lies_in_the_country(
    code: str, west: float, south: float, east: float, north: float
) -> None:
    longitude, latitude = load_centroids()[code]
    assert west <= longitude <= east and south <= latitude <= north


def test_venues_and_gatherings_are_unique() -> None:
    rules = load_rules()
    owners: dict[str, set[str]] = defaultdict(set)
    for venue in rules.venues:
        for form in (venue.place, *venue.aliases):
            owners[fold(form)].add(venue.place)
    assert {form: places for form, places in owners.items() if len(places) > 1} == {}
    gatherings: dict[str, set[str]] = defaultdict(set)
    for gathering in rules.gatherings:
        for pattern in gathering.patterns:
            gatherings[fold(pattern)].add(gathering.name)
    assert {form: names for form, names in gatherings.items() if len(names) > 1} == {}


def test_publishers_have_unique_domains() -> None:
    domains = [p.domain for p in load_rules().publishers]
    assert len(domains) == len(set(domains))
    assert domains == sorted(domains)


def test_gathering_members_name_known_gatherings_and_codes() -> None:
    rules = load_rules()
    gatherings = {g.name for g in rules.gathering_index.values()}
    assert set(rules.gathering_bodies.values()) <= gatherings
    assert set(rules.gathering_members) == set(rules.gathering_bodies.values())
    for gathering, members in rules.gathering_members.items():
        for code, since, until in members:
            assert pycountry.countries.get(alpha_2=code) or code in ORG_CODES, (gathering, code)
            assert 1945 <= since <= (until or 2100), (gathering, code)
    # the G20 of 2022 has 19 countries and the EU; NATO of 2023 has 31 allies and its head
    g20 = {c for c, s, u in rules.gathering_members["G20 summit"] if s <= 2022 <= (u or 2022)}
    nato = {c for c, s, u in rules.gathering_members["NATO summit"] if s <= 2023 <= (u or 2023)}
    assert (len(g20), len(nato)) == (20, 32)


@pytest.mark.parametrize(
    ("name", "country", "role", "start"),
    [
        ("Pope Francis", "VA", "Pope", "2013-03-13"),
        ("Mia Mottley", "BB", "Prime Minister", "2018-05-25"),
        ("Irfaan Ali", "GY", "President", "2020-08-02"),
        ("Albert II, Prince of Monaco", "MC", "Prince", "2005-04-06"),
    ],
)
def test_small_states_leaders_hold_known_facts(
    name: str, country: str, role: str, start: str
) -> None:
    """Spot checks of the small-states table against dates any reference gives."""
    terms = load_rules().terms_of(name)
    assert (country, role, start) in {
        (t.country, t.role, t.start.isoformat() if t.start else "") for t in terms
    }


def test_place_frames_are_known_kinds_unique_and_sorted() -> None:
    rows = [
        tuple(line.split("\t"))
        for line in (DATA_DIR / "place_frames.tsv").read_text(encoding="utf-8").splitlines()[1:]
        if line and not line.startswith("#")
    ][1:]
    assert {kind for kind, _ in rows} == {"descriptor", "facility"}
    assert rows == sorted(set(rows)), "rows are unique and sorted by kind, then word"


def test_government_hosts_are_unique_sorted_hosts_of_known_countries() -> None:
    rows = [fields for _, fields in read_rows(DATA / "government_hosts.tsv", 2)]
    assert rows == sorted(rows), "sorted by host"
    assert len({host for host, _ in rows}) == len(rows), "each host once"
    for host, code in rows:
        assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", host), host
        assert pycountry.countries.get(alpha_2=code), code


def test_successions_join_a_dissolved_state_to_states_of_today() -> None:
    """A former code (ISO 3166-3) maps to a current one only, and each state has one."""
    rows = [row for _, row in read_rows(DATA / "successions.tsv", 4)]
    iso = {c.alpha_2 for c in pycountry.countries}
    assert [r[:2] for r in rows] == sorted(r[:2] for r in rows), "sorted by former, successor"
    assert {r[0] for r in rows} <= FORMER_CODES and {r[1] for r in rows if r[1]} <= iso
    countries = load_rules().countries
    assert {r[0] for r in rows} <= set(countries), "every former state has a country row"
    assert all(countries[r[0]].capital for r in rows), "its capital, a successor's city today"
