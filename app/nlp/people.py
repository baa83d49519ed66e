"""Stage 2: find the leaders (and other titled people) an article names.

Names come from the leaders table through one Aho-Corasick pass; a surname alone is
resolved with the article's date (who was in office; an undated article is placed when
the leaders it names served together), the title and demonym before it or the country
after it, and the people the article names in full. A titled name the table spells
otherwise (a middle name, a slip, another transliteration) is linked to the leader in
office; leaders missing from the table still count when a title names them ("Malawian
President X Y"). "His Mexican counterpart", "Egypt's leader", "the emir", "the Japanese
premier" and "the two leaders" are resolved to the leaders they stand for, and names are
written as the article spells them.
"""

import calendar
import datetime as dt
import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from urllib.parse import urlsplit

from app.nlp.clean import DATE_DMY, DATE_ISO, DATE_MDY, make_date
from app.nlp.doc import ArticleDoc, Mention
from app.nlp.guard import guarded
from app.nlp.heads import required
from app.nlp.phrases import alternation
from app.nlp.places import dateline_country
from app.nlp.rules import DATA, LeaderTerm, Rules, Title, fold, read_rows
from app.nlp.spans import around

NAME_TOKEN = r"[A-Z][\w'’.-]*"
BEFORE_WINDOW = 60  # characters before a name searched for its title and demonym
# an owner named before a title ("Toyota President") or after the name ("President X of
# Harvard University"): a title of something else than the host country
OWNER_BEFORE = re.compile(r"(?<![.!?]\s)(?<![\n\"“])(?<!^)\b[A-Z][\w&'’.-]*\s+$")
OF_AFTER = re.compile(r",?\s+of\s")
# heads a wire story names unqualified in its host country ("Prime Minister Rajiv Gandhi")
HOST_ROLES = frozenset({"President", "Prime Minister", "Chancellor", "King", "Queen", "Emir"})
# A leader still counts this long after leaving office: reports trail the meeting.
AFTER_TERM_SLACK = dt.timedelta(days=14)
ONE_DAY = dt.timedelta(days=1)
OF_REF_ROLES = {
    "president": "President",
    "prime minister": "Prime Minister",
    "chancellor": "Chancellor",
}
LEADER_ROLE_RANK = (
    "President",
    "Prime Minister",
    "Chancellor",
    "Premier",
    "King",
    "Emir",
    "Supreme Leader",
    "Crown Prince",
    "State Counsellor",
    "Sultan",
    "Queen",
)
MAX_SPELLING_EDITS = 2  # Schröder/Schroeder, Zelenskyy/Zelensky; Vladimir/Volodymyr is more
SURNAME_PARTICLES = frozenset(("al", "el"))  # written apart: "Mr Al Kadhimi"
MIN_TYPO_SURNAME = 6  # a lone surname is trusted with a slip only when it is long
MIN_TYPO_NAME_WORD = 4  # in a full name the other words vouch for a slip: Modhi/Modi
MIN_TWO_SLIPS_WORD = 8  # long words may be two letters off: Zhomart/Jomart
MIN_TYPO_WORD = 5  # shorter words one letter apart are other names (Kim/Kin, Lee/Les)
AFTER_WINDOW = 60  # characters after a name searched for "of <country>"
# what leads from a name to its country's (formal) name: ", of the ", " from "
OF_COUNTRY = re.compile(r",?[ ]+(?:of|from)[ ]+(?:the[ ]+)?")
FORMER_BEFORE = re.compile(r"(?:former|late|ex-)\s*$")
# "Aide to Russian President X": X is the aide (headline style), not the president
AIDE_BEFORE = re.compile(
    r"\b(?:[Aa]ides?|[Aa]dvis[eo]rs?|[Aa]ssistants?|[Ss]pokes(?:man|woman|person)|[Ee]nvoys?)"
    r"\s+(?:to|for|of)\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,2}$"
)
# words that may stand between "the" and a bare title: "the visiting premier"
REF_ADJECTIVES = "visiting|host|incoming|new|outgoing|current|sitting|embattled|veteran"
# a role a bare title names, as the table writes the role of someone who held it
SAME_ROLE = {"Premier": "Prime Minister", "Amir": "Emir"}
# a government's own host: gov.uk, mofa.go.jp, presidencia.gob.mx, elysee.gouv.fr
GOVERNMENT_HOST = re.compile(r"(?:^|\.)(?:gov|go|gob|gouv|govt|gv)\.(?P<cc>[a-z]{2})$")
YEAR_MENTION = re.compile(r"\b((?:19|20)\d{2})\b")
# "former US President X", "opposition leader X", "presidential candidate X": not in office
NOT_IN_OFFICE = re.compile(
    r"(?:former|late|ex-|then-former|opposition leader|candidate|challenger|-elect|elect"
    r"|predecessor)[\s,]+(?:[\w.'’-]+\s+){0,4}$"
)


def _title_pattern(rules: Rules, *, ignore_case: bool = False) -> str:
    """Any title, the longest first ("Prime Minister" before "Prime")."""
    return alternation({t.title for t in rules.titles.values()}, ignore_case=ignore_case)


def _demonym_pattern(rules: Rules, *, ignore_case: bool = False) -> str:
    """Any country's name or demonym, the longest first, as a whole word."""
    forms = {
        form
        for country in rules.countries.values()
        for form in (*country.demonyms, country.name, *country.names)
    }
    return alternation(forms, lambda f: "" if f.endswith(".") else r"\b", ignore_case=ignore_case)


def _compiled(rules: Rules) -> dict[str, re.Pattern[str]]:
    """Title-driven patterns, built once per rules object."""
    cached = _PATTERNS.get(id(rules))
    if cached:
        return cached
    title = _title_pattern(rules)
    demonym = _demonym_pattern(rules)
    any_title = _title_pattern(rules, ignore_case=True)  # for the case-blind patterns
    any_demonym = _demonym_pattern(rules, ignore_case=True)
    folded_title = alternation(rules.titles)
    title_words = "|".join(sorted({w for t in rules.titles for w in t.split() if w.isalpha()}))
    # name words are separated by spaces only: a name never runs across a line break
    name = rf"{NAME_TOKEN}(?:[ ]+(?:{NAME_TOKEN}|bin|al-\w+|el-\w+|de|da|van|von|der|la|le)){{0,3}}"
    patterns = {
        # Malawian President X Y / Cuba's President X / President X Y / PM X
        "titled": re.compile(
            rf"(?P<title>{title})\.?\s+(?:of\s+(?:the\s+)?(?P<of>{demonym})\s+)?(?P<name>{name})"
        ),
        # a title opening a surface (folded): some aliases carry one ("crown prince x")
        "title_head": re.compile(rf"(?P<title>{folded_title})\s"),
        # the longest title ending a window: "prime minister " before a name (folded text)
        "title_tail": re.compile(rf"(?<![\w-])(?P<title>{folded_title})\.?\s*$"),
        # "South Korean President " or "Japan's " right before a name
        # what may stand between a demonym and a name: "'s", titles, capitalised words
        # (titles may be lower-case: "North Korean leader Kim", "Russian president Putin")
        "demonym_gap": re.compile(rf"(?:['’]s)?\s+(?:(?:[A-Z][\w.-]*|{title_words})\s+){{0,3}}$"),
        # his Mexican counterpart / the Japanese premier / the Chinese president
        "role_ref": re.compile(
            rf"\b(?P<det>his|her|their|the)\s+(?P<demonym>{any_demonym})\s+"
            rf"(?P<title>counterpart|{any_title}|leader|head of government|head of state)\b",
            re.IGNORECASE,
        ),
        # "'s leader" after a country's name: Egypt's leader / Japan's prime minister (no
        # name follows: that is a titled name); the names come from the country automaton
        "owner_ref": re.compile(
            rf"['’]s\s+(?:(?:{REF_ADJECTIVES})\s+)?"
            rf"(?P<title>{any_title}|leader|head of government|head of state)\b(?![ ]+(?-i:[A-Z]))",
            re.IGNORECASE,
        ),
        # the emir / the visiting premier / The President: a title alone, no name or "of"
        # but the republic's own ("The President of the Republic spoke with ...")
        "bare_ref": re.compile(
            rf"\b(?P<det>[Tt]he)\s+(?:(?:{REF_ADJECTIVES})\s+)?(?P<title>{any_title})\b"
            r"(?: of the Republic\b)?(?![ ]+(?:of\b|(?-i:[A-Z]))|-)",
            re.IGNORECASE,
        ),
        # the leaders of Japan, Australia and Italy / the prime minister of Japan
        "of_ref": re.compile(
            r"\bthe\s+(?P<title>leaders?|presidents?|prime ministers?|premiers?|chancellors?"
            r"|heads? of (?:state|government))\s+of\s+"
            rf"(?P<list>(?:the\s+)?(?:{any_demonym})(?:\s*,\s*(?:the\s+)?(?:{any_demonym}))*"
            rf"(?:,?\s+and\s+(?:the\s+)?(?:{any_demonym}))?)\b",
            re.IGNORECASE,
        ),
        # the Israeli and Egyptian leaders
        "pair_ref": re.compile(
            rf"\bthe\s+(?P<a>{any_demonym})\s+and\s+(?P<b>{any_demonym})\s+"
            r"(?:leaders|presidents|prime ministers|premiers|heads of state)\b",
            re.IGNORECASE,
        ),
    }
    _PATTERNS[id(rules)] = patterns
    return patterns


_PATTERNS: dict[int, dict[str, re.Pattern[str]]] = {}


def reference_date(
    doc: ArticleDoc, rules: Rules | None = None, hits: list[tuple[int, int, str]] | None = None
) -> dt.date | None:
    """The date against which 'who was in office' is judged: the publication date, else
    the latest full date the text writes, else the middle of the latest year it names
    (or the end of a month someone took office in: the article is later than that),
    moved into the time the leaders it names held office together when that year does
    not fit them ("by 2030" is a goal, not the news day)."""
    if doc.meta.published:
        return doc.meta.published
    latest = latest_full_date(doc.text)
    if latest:
        return latest
    by_years = _year_reference(doc.text)
    if rules is None:
        return by_years
    return _fit_to_tenures(doc.text, rules, by_years, hits)


def _year_reference(text: str) -> dt.date | None:
    """The middle of the latest year ``text`` names, or the end of a month someone took
    office in when that is later."""
    years = [int(y) for y in YEAR_MENTION.findall(text)]
    if not years:
        return None
    reference = dt.date(max(years), 7, 1)
    for match in TERM_MONTH.finditer(text):
        if TERM_START.search(text[max(0, match.start() - 30) : match.start()]):
            month = list(calendar.month_name).index(match.group("month"))
            end = calendar.monthrange(int(match.group("year")), month)[1]
            reference = max(reference, dt.date(int(match.group("year")), month, end))
    return reference


def _named_leaders(
    text: str, rules: Rules, hits: list[tuple[int, int, str]]
) -> dict[str, tuple[int, list[LeaderTerm]]]:
    """Leaders the text names unambiguously and not as former: name -> (mentions, terms)."""
    named: dict[str, tuple[int, list[LeaderTerm]]] = {}
    # per surface its terms and the one person they name, and per person all their terms
    # (an article names the same people again and again)
    surfaces: dict[str, tuple[list[LeaderTerm], str | None]] = {}
    held: dict[str, list[LeaderTerm]] = {}
    for start, _, surface in hits:
        found = surfaces.get(surface)
        if found is None:
            terms = rules.terms_for(surface)
            found = surfaces[surface] = (terms, _one_person(terms))
        terms, person = found
        if person is None or _before(text, start)[2]:
            continue
        all_terms = held.get(person)
        if all_terms is None:
            all_terms = held[person] = list(rules.terms_of(person))
        count, _ = named.get(person, (0, terms))
        named[person] = (count + 1, all_terms or terms)
    return named


def _one_person(terms: list[LeaderTerm]) -> str | None:
    """The name of the one person ``terms`` belong to, or None (nobody, or namesakes)."""
    if not terms:
        return None
    name = terms[0].name
    return name if all(t.name == name for t in terms) else None


def _fit_to_tenures(
    text: str, rules: Rules, guess: dt.date | None, hits: list[tuple[int, int, str]] | None
) -> dt.date | None:
    """``guess``, or a day when the leaders the text names most often were all in office.

    Each leader weighs as many times as the text names them; the day with the highest
    weight wins, the latest such span on a tie, and ``guess`` stands when it scores as
    well. A year the text names that scores as well beats the middle of a span.
    """
    named = _named_leaders(text, rules, rules.find(text, "leader") if hits is None else hits)
    if not named:
        return guess

    bounds = _term_bounds([t for _, terms in named.values() for t in terms])
    if not bounds:
        return guess
    by_bound, before = _weights(named, bounds)

    def weight(on: dt.date) -> int:
        at = bisect_right(bounds, on) - 1
        return by_bound[at] if at >= 0 else before

    scored = [(weight(day), day) for day in bounds]
    best = max(score for score, _ in scored)
    if guess is not None and weight(guess) >= best:
        return guess
    for year in sorted({int(y) for y in YEAR_MENTION.findall(text)}, reverse=True):
        if weight(dt.date(year, 7, 1)) >= best:
            return dt.date(year, 7, 1)
    last = max(i for i, (score, _) in enumerate(scored) if score == best)
    begin = scored[last][1]
    finish = bounds[last + 1] - ONE_DAY if last + 1 < len(bounds) else begin
    return begin + (finish - begin) / 2


def _weights(
    named: dict[str, tuple[int, list[LeaderTerm]]], bounds: list[dt.date]
) -> tuple[list[int], int]:
    """How often the text names the leaders in office on each of ``bounds`` (and on any
    day before them): who is in office changes only on those days, so one sweep over
    each leader's terms counts them all, however many leaders the text names."""
    change = [0] * (len(bounds) + 1)
    before = 0
    for count, terms in named.values():
        spans = sorted(
            (
                0 if t.start is None else bisect_left(bounds, t.start),
                len(bounds) if t.end is None else bisect_right(bounds, t.end),
            )
            for t in terms
        )
        reach = -1
        for lo, hi in spans:  # a leader counts once on a day, however many terms cover it
            lo = max(lo, reach)
            if lo < hi:
                change[lo] += count
                change[hi] -= count
                reach = hi
        before += count if any(t.start is None for t in terms) else 0
    weights = list(accumulate(change[:-1]))
    return weights, before


def _term_bounds(terms: list[LeaderTerm]) -> list[dt.date]:
    """The days on which who is in office changes: term starts and the days after ends."""
    starts = {t.start for t in terms if t.start}
    return sorted(starts | {t.end + ONE_DAY for t in terms if t.end})


def latest_full_date(text: str) -> dt.date | None:
    """The latest full calendar date written in ``text`` (a stand-in for publication;
    read once per article: the people and the dates both ask)."""
    if _LATEST[0] is not text:
        dates = [d for d in (make_date(*parts) for parts in _full_dates(text)) if d]
        _LATEST[:] = [text, max(dates) if dates else None]
    latest = _LATEST[1]
    return latest if isinstance(latest, dt.date) else None


_LATEST: list[str | dt.date | None] = ["", None]  # the last text asked about, its date


def _full_dates(text: str) -> list[tuple[str, str | int, str]]:
    """(year, month, day) of every full date written in ``text``."""
    found: list[tuple[str, str | int, str]] = []
    if "19" not in text and "20" not in text:
        return found  # each form writes a year of these centuries
    found += [(y, m, d) for m, d, y in DATE_MDY.findall(text)]
    found += [(y, m, d) for d, m, y in DATE_DMY.findall(text)]
    found += [(y, int(m), d) for y, m, d in DATE_ISO.findall(text)]
    return found


def country_of(surface: str, rules: Rules) -> str | None:
    """The single country a name or demonym denotes, if unambiguous."""
    codes = rules.country_index.get(fold(surface.strip()).removesuffix("'s").removesuffix("’s"))
    return codes[0] if codes and len(codes) == 1 else None


def _title_before(text: str, start: int, rules: Rules) -> tuple[str | None, str | None, bool]:
    """(title role, demonym country, former) just before a name."""
    window, folded, former = _before(text, start)
    # what the window says depends on its words alone: a window the article writes again
    # ("..., German Chancellor " before each name of a list) is read once
    key = (id(rules), window)
    found = _TITLED.get(key)
    if found is None:
        found = _TITLED[key] = _title_and_demonym(text, start, window, folded, rules)
    return found[0], found[1], former


# (title role, demonym country) per window before a name, in the article being read
_TITLED: dict[tuple[int, str], tuple[str | None, str | None]] = {}


def _title_and_demonym(
    text: str, start: int, window: str, folded: str, rules: Rules
) -> tuple[str | None, str | None]:
    """(title role, demonym country) ending the window before a name at ``start``."""
    role = None
    ends = _ends(rules)
    if _may_end_title(folded, ends):
        # a title ending the window starts no further back than the longest title allows
        reach = len(folded.rstrip()) - 1 - ends.longest_title
        ending = _compiled(rules)["title_tail"].search(folded, max(0, reach))
        if ending:
            title = rules.titles[ending.group("title")]
            role = title.role if title.leader else f"~{title.role}"
    country = None
    if _may_end_demonym(window, ends):
        country = _demonym_before(
            window, rules, rules.find_in(text, max(0, start - BEFORE_WINDOW), start, "country")
        )
    return role, country


# What may end the window before a name when a title or a country's name or demonym
# ends it (the window's last word tells: most names follow a verb or a comma).
@dataclass(frozen=True, slots=True)
class _Ends:
    longest_title: int  # characters of the longest (folded) title
    title_words: frozenset[str] | None  # the last words of the titles (None: any word)
    gap_word: re.Pattern[str]  # a word that may stand between a demonym and a name
    country_chars: frozenset[str]  # the (folded) last characters of countries' names


_ENDS: dict[int, _Ends] = {}
WORD_TAIL = re.compile(r"[\w-]*\Z")  # the letters and hyphens ending a word


def _ends(rules: Rules) -> _Ends:
    """The title and country endings, read once per rules object."""
    found = _ENDS.get(id(rules))
    if found is None:
        titles = rules.titles
        lasts = {title.split()[-1] for title in titles}
        words = "|".join(sorted({w for t in titles for w in t.split() if w.isalpha()}))
        found = _ENDS[id(rules)] = _Ends(
            longest_title=max(map(len, titles), default=0),
            title_words=frozenset(lasts) if all(WORD_TAIL.fullmatch(w) for w in lasts) else None,
            gap_word=re.compile(rf"[A-Z][\w.-]*|{words}" if words else r"[A-Z][\w.-]*"),
            country_chars=frozenset(name[-1] for name in rules.country_index if name),
        )
    return found


def _may_end_title(folded: str, ends: _Ends) -> bool:
    """Whether a title may end the folded window (then followed by a dot at most): its
    last word is what follows the last character of the window's last word that is no
    letter or hyphen, or a title is not a run of words of letters and hyphens."""
    if ends.title_words is None:
        return True
    words = folded.rsplit(None, 1)
    if not words:
        return False
    word = words[-1].removesuffix(".")
    if not word.isalpha():
        tail = WORD_TAIL.search(word)
        word = tail.group() if tail else ""
    return word in ends.title_words


def _may_end_demonym(window: str, ends: _Ends) -> bool:
    """Whether a country's name or demonym may end the window but for titles (the gap
    ``demonym_gap`` reads): the window then ends in a space, and its last word is one
    that may stand in the gap or ends where a country's name may end ("Japan's")."""
    if not window[-1:].isspace():
        return False
    words = window.rsplit(None, 1)
    if not words:
        return False
    word = words[-1]
    return (
        ends.gap_word.fullmatch(word) is not None
        or fold(word[-1]) in ends.country_chars
        or word.endswith(("'s", "’s"))
    )


# The window before a name, folded, and whether it says the person is out of office, per
# start in the article being read: the date guess, the full names and each mention all
# ask for it.
_BEFORE: dict[int, tuple[str, str, bool]] = {}
_BEFORE_TEXT: list[str] = ["", ""]  # the article, and its folded text
# the words out of office needs that the article writes at all (None: any window may)
_NEEDS_WRITTEN: list[tuple[str, ...] | None] = [None]


def _before(text: str, start: int) -> tuple[str, str, bool]:
    """(window, folded window, former) for a name at ``start`` of ``text``."""
    if _BEFORE_TEXT[0] is not text:
        _BEFORE.clear()
        _TITLED.clear()
        _BEFORE_TEXT[0] = text
        _BEFORE_TEXT[1] = folded_text = fold(text)  # folding keeps offsets: windows slice it
        _NEEDS_WRITTEN[0] = (
            None
            if NOT_IN_OFFICE_NEEDS is None
            else tuple(need for need in NOT_IN_OFFICE_NEEDS if need in folded_text)
        )
    found = _BEFORE.get(start)
    if found is None:
        begin = max(0, start - BEFORE_WINDOW)
        window = text[begin:start]
        folded = _BEFORE_TEXT[1][begin:start]
        found = _BEFORE[start] = (window, folded, _out_of_office(folded, _NEEDS_WRITTEN[0]))
    return found


def _least(needs: frozenset[str] | None) -> tuple[str, ...] | None:
    """The strings of ``needs`` that hold none of the others (any match holds one)."""
    if needs is None:
        return None
    return tuple(sorted(n for n in needs if not any(m != n and m in n for m in needs)))


NOT_IN_OFFICE_NEEDS = _least(required(NOT_IN_OFFICE))


def _out_of_office(folded: str, needs: tuple[str, ...] | None) -> bool:
    """Does the folded window before a name say the person is out of office? (The
    pattern is tried only when the window holds one of the words it needs, of those the
    article writes.)"""
    if needs is not None:
        for need in needs:
            if need in folded:
                break
        else:
            return False
    return NOT_IN_OFFICE.search(folded) is not None


def _demonym_before(
    window: str, rules: Rules, hits: list[tuple[int, int, str]] | None = None
) -> str | None:
    """The country of a demonym or name that ends ``window`` but for titles:
    "South Korean President ", "Japan's " (``hits``: its countries, when known)."""
    hits = rules.find(window, "country") if hits is None else hits
    if not hits:
        return None
    _, end, surface = hits[-1]
    if not _compiled(rules)["demonym_gap"].fullmatch(window, end):
        return None
    return country_of(surface, rules)


def _country_after(text: str, end: int, rules: Rules) -> str | None:
    """The country named right after a name: "President X of the Republic of Kenya",
    "President Y from Ireland"."""
    window = text[end : end + AFTER_WINDOW]
    lead = OF_COUNTRY.match(window)
    if lead is None:
        return None
    for start, _, surface in rules.find(window, "country"):
        if start >= lead.end():
            return country_of(surface, rules) if start == lead.end() else None
    return None


def _pick_term(
    terms: Iterable[LeaderTerm],
    *,
    on: dt.date | None,
    country: str | None,
    role: str | None,
    known: dict[str, str],
    rules: Rules,
) -> LeaderTerm | None:
    """Choose the term a mention refers to; None when it stays ambiguous."""
    candidates = _narrowed(list(terms), on=on, country=country, role=role, known=known)
    names = {t.name for t in candidates}
    if len(names) > 1:
        return _leading_among(names, country, on, rules)
    covering = [t for t in candidates if on is not None and t.in_office(on)]
    return (covering or candidates)[-1]


def _narrowed(
    candidates: list[LeaderTerm],
    *,
    on: dt.date | None,
    country: str | None,
    role: str | None,
    known: dict[str, str],
) -> list[LeaderTerm]:
    """The terms that fit the country, the article's named people, the date and the role,
    in that order; a test that would keep none keeps them all."""
    if country:
        candidates = [t for t in candidates if t.country == country] or candidates
    if len({t.name for t in candidates}) > 1:
        candidates = [t for t in candidates if t.name in known] or candidates
    candidates = _on_date(candidates, on)
    if role and len(candidates) > 1:
        candidates = [t for t in candidates if t.role == role] or candidates
    return candidates


def _on_date(candidates: list[LeaderTerm], on: dt.date | None) -> list[LeaderTerm]:
    """The terms in office on the day, else those just ended, else all."""
    if on is None:
        return candidates
    exact = [t for t in candidates if t.in_office(on)]
    return exact or [t for t in candidates if _near(t, on)] or candidates


def _leading_among(
    names: set[str], country: str | None, on: dt.date | None, rules: Rules
) -> LeaderTerm | None:
    """ "North Korean leader Kim": the one of several namesakes who leads the country."""
    if not country or on is None:
        return None
    leading = leader_of(country, on, rules)
    return leading if leading is not None and leading.name in names else None


def _common_word_use(text: str, start: int, end: int) -> bool:
    """A bare surname used as a word: after "the" ("the Moon", "the Modi government"), or a
    month name in a date ("in May last year", "May 5")."""
    before = text[max(0, start - 12) : start]
    if THE_BEFORE.search(before):
        return True
    if fold(text[start:end]) not in MONTH_WORDS:
        return False
    return bool(DATE_WORD_BEFORE.search(before) or DAY_AFTER.match(text, end))


def _part_of_other_name(text: str, start: int, end: int, rules: Rules) -> bool:
    """A surname glued to other capitalised words ('Lee Dong-kwan', 'Fox News')."""
    after = re.match(r"[ ]+([A-Z][\w'’-]+)", text[end : end + 40])
    if after and fold(after.group(1)) not in rules.country_index and not after.group(1).isupper():
        return True
    before = re.search(r"([A-Z][\w'’-]+)[ ]+$", text[max(0, start - 40) : start])
    if before and fold(before.group(1)) in SURNAME_PARTICLES:
        # "Mr Al Kadhimi", "President El Sisi": the particle belongs to the surname, so
        # the word before it decides
        return _part_of_other_name(text, start - len(before.group(0)), end, rules)
    if before:
        word = fold(before.group(1))
        is_title = (
            word in rules.titles
            or word in rules.honorifics
            or word.rstrip(".") in (rules.honorifics)
        )
        if not is_title and word not in rules.country_index and not word.endswith(("'s", "’s")):
            line_start = text.rfind("\n", 0, start) + 1
            opening = text[line_start : start - len(before.group(0))].strip()
            sentence_initial = not opening or opening.endswith((".", "!", "?", ":"))
            if sentence_initial and _opening_word(before.group(1), text, rules):
                return False  # "Later Zelensky met", "As Bush and Abdullah met"
            return not sentence_initial or len(before.group(1)) > 1
    return False


def _opening_word(word: str, text: str, rules: Rules) -> bool:
    """A sentence's capitalised first word that is an ordinary word, not a given name: one
    that opens clauses ("As", "Later") or that the article also writes in lower case."""
    if word in rules.name_stopwords:
        return True
    return word.lower() in _lower_words(text)


@functools.lru_cache(maxsize=8)
def _lower_words(text: str) -> frozenset[str]:
    """The words an article writes in lower case (memoised: asked once per surname)."""
    return frozenset(re.findall(r"\b[a-z][a-z'’-]*\b", text))


# how a text says someone's term began ("took office in October 2021")
TOOK_OFFICE_WORDS = r"took office|was elected|was sworn in|came to power|assumed office"
TERM_START = guarded(
    rf"\b(?:{TOOK_OFFICE_WORDS}|was re-elected|"
    r"became (?:president|prime minister|chancellor|premier|king))\s+(?:in\s+)?$",
    re.IGNORECASE,
)
TERM_MONTH = re.compile(
    r"\b(?P<month>"
    + "|".join(m for m in calendar.month_name if m)
    + r") (?P<year>(?:19|20)\d{2})\b"
)
HOME_AFTER = re.compile(
    r"['’]s? (?:official )?(?:residence|palace|office|home|house|villa|estate|dacha|"
    r"compound|mansion|retreat|plane|jet|motorcade)\b",
    re.IGNORECASE,  # "the Prime Minister's Office"
)
SUBJECT_PRONOUN = guarded(
    r"(?:^|^[A-Z][\w ,]{0,30}?[ ,]|\b(?:and|then|later|also) )"
    r"(?P<pronoun>he|she|He|She)\b(?! (?:said|says|added|told))"
)
PRONOUN_REACH = 2  # sentences back a pronoun may reach for its leader
GENDER_WINDOW = 10  # characters before a name searched for "Mrs", "King", ...
FEMININE_BEFORE = re.compile(r"\b(?:Mrs|Ms|Madam|Mme|Queen|Empress|Lady)\.?\s+$")
MASCULINE_BEFORE = re.compile(r"\b(?:Mr|King|Emir|Sultan|Sheikh|Prince|Sir)\.?\s+$")
THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
DATE_WORD_BEFORE = guarded(
    r"\b(?:in|since|of|last|next|early|late|mid|until|till|by|from|this|through)[\s-]+$",
    re.IGNORECASE,
)
DAY_AFTER = re.compile(r"\.?\s+\d{1,2}\b|\s+(?:last|this|next) year\b|,?\s+(?:19|20)\d{2}\b")
MONTH_WORDS = frozenset(fold(m) for m in calendar.month_name if m)


def _is_full(surface: str, terms: list[LeaderTerm]) -> bool:
    """Whether a (folded) surface is a full name or alias, not a surname alone."""
    return any(fold(t.name) == surface or surface in map(fold, t.aliases) for t in terms)


# A surface of the leaders table as one article uses it: the same names recur in an
# article, and the passes over its hits look each up once.
@dataclass(frozen=True, slots=True)
class _Surface:
    terms: list[LeaderTerm]
    full: bool  # a full name or alias, not a surname alone
    person: str | None  # the one person its terms belong to (None: namesakes)
    title_role: str | None  # the leader's title the alias opens with ("Crown Prince X")


# What one article's passes over its names share: each surface read once, the term a
# one-person surface stands for per (surface, country, title) chosen once (the people the
# article names decide only between namesakes), the roles each person held read once.
@dataclass(slots=True)
class _Names:
    surfaces: dict[str, _Surface] = field(default_factory=dict)
    choices: dict[tuple[str, str | None, str | None], LeaderTerm | None] = field(
        default_factory=dict
    )
    roles: dict[str, frozenset[str]] = field(default_factory=dict)


def _look_up(surface: str, rules: Rules, memo: _Names) -> _Surface:
    """The terms and kind of a folded surface, read once per article."""
    found = memo.surfaces.get(surface)
    if found is None:
        terms = rules.terms_for(surface)
        found = memo.surfaces[surface] = _Surface(
            terms, _is_full(surface, terms), _one_person(terms), _alias_title(surface, rules)
        )
    return found


def _named_in_full(
    text: str, hits: list[tuple[int, int, str]], rules: Rules, memo: _Names
) -> dict[str, str]:
    """Leaders the article names in full and not as former: name -> country."""
    named: dict[str, str] = {}
    for start, _, surface in hits:
        found = _look_up(surface, rules, memo)
        if found.person is None or not found.full:
            continue
        if not _before(text, start)[2]:
            named.setdefault(found.person, found.terms[0].country)
    return named


def find_people(doc: ArticleDoc, *, rules: Rules) -> ArticleDoc:
    """Add a Mention for every leader and titled person the text names."""
    text = doc.text
    hits = rules.find(text, "leader")
    on = doc.reference_date = reference_date(doc, rules, hits)
    # person name -> country, from full-name mentions anywhere in the article first: the
    # headline's "Kim" is the Kim the body names in full
    memo = _Names()
    known = _named_in_full(text, hits, rules, memo)
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    for start, end, surface in hits:
        mention = _table_mention(doc, rules, (start, end, surface), known, memo)
        if mention is not None:
            mentions.append(mention)
            taken.append((start, end))

    patterns = _compiled(rules)
    hosts = {(m.country, m.role) for m in mentions if m.is_leader}
    mentions += _titled_unknowns(doc, rules, patterns["titled"], taken, hosts)
    mentions += _role_references(doc, rules, patterns, mentions, on)
    mentions.sort(key=lambda m: m.start)
    mentions += _pronouns(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    doc.mentions = _in_article_spelling(mentions, rules)
    return doc


def _table_mention(
    doc: ArticleDoc,
    rules: Rules,
    hit: tuple[int, int, str],
    known: dict[str, str],
    memo: _Names,
) -> Mention | None:
    """The leader a name or surname from the leaders table stands for, if it does; adds the
    person to ``known`` when the mention is certain."""
    text, on = doc.text, doc.reference_date
    start, end, surface = hit
    found = _look_up(surface, rules, memo)
    terms, is_full = found.terms, found.full
    if not is_full and _not_a_surname(doc, rules, start, end):
        return None
    role, country, former = _title_before(text, start, rules)
    country = country or _country_after(text, end, rules)
    role = found.title_role or role
    given = role if role and role[0] != "~" else None
    if found.person is None:
        term = _pick_term(terms, on=on, country=country, role=given, known=known, rules=rules)
    else:
        key = (surface, country, given)
        if key in memo.choices:
            term = memo.choices[key]
        else:
            term = memo.choices[key] = _pick_term(
                terms, on=on, country=country, role=given, known=known, rules=rules
            )
    if term is None:
        return None
    if is_full or country is not None:
        known[term.name] = term.country
    elif role is None and term.name not in known and on is None and _namesakes(terms):
        return None  # a bare surname with nothing to anchor it is kept only if unique
    leader = not former and (on is None or _near(term, on))
    # the title the article gives wins when this person held it ("Crown Prince
    # Mohammed bin Salman", also prime minister since 2022)
    held = memo.roles.get(term.name)
    if held is None:
        held = memo.roles[term.name] = frozenset(t.role for t in rules.terms_of(term.name))
    return Mention(
        start=start,
        end=end,
        text=text[start:end],
        name=term.name,
        country=term.country,
        role=role if role in held else term.role,
        is_leader=leader,
        wikidata_id=term.wikidata_id,
        kind="name" if is_full else "surname",
    )


def _alias_title(surface: str, rules: Rules) -> str | None:
    """The leader's title an alias opens with ("Crown Prince X"), if any."""
    head = _compiled(rules)["title_head"].match(surface)
    title = rules.titles[head.group("title")] if head else None
    return title.role if title and title.leader else None


def _not_a_surname(doc: ArticleDoc, rules: Rules, start: int, end: int) -> bool:
    """A table surname in the body that is part of another name ("Lee Dong-kwan") or a
    word ("the Moon", "the Bush administration", "in May last year"); headlines
    capitalise every word, so they are not judged."""
    if start < doc.body_start:
        return False
    text = doc.text
    return _part_of_other_name(text, start, end, rules) or _common_word_use(text, start, end)


def _namesakes(terms: list[LeaderTerm]) -> bool:
    """Whether the terms belong to more than one person."""
    return len({t.name for t in terms}) > 1


def _in_article_spelling(mentions: list[Mention], rules: Rules) -> list[Mention]:
    """Name each listed leader as the article writes their full name when the table's
    name is a spelling of the same words ("Gerhard Schröder" where the table writes
    Schroeder) or a nickname the article replaces ("Ferdinand Marcos Jr." for "Bongbong
    Marcos"); not when the article writes a longer formal name or a shorter one, nor
    when it also writes the table's name itself ("Joe Biden" in a headline over
    "Joseph R. Biden, Jr." in a readout)."""
    spelled: dict[str, str] = {
        m.name: m.name
        for m in mentions
        if m.kind == "name" and fold(" ".join(m.text.split())) == fold(m.name)
    }
    for mention in mentions:
        if mention.kind != "name" or mention.name in spelled or mention.text.isupper():
            continue
        surface = " ".join(mention.text.split())
        if not _article_form_wins(surface, mention.name, rules):
            continue
        if {t.name for t in rules.terms_for(surface)} == {mention.name}:
            spelled[mention.name] = surface
            continue
        # "Ferdinand R. Marcos Jr.": a middle initial the table's forms leave out
        full = " ".join(w for w in surface.split() if len(w.rstrip(".")) > 1)
        if full != surface and {t.name for t in rules.terms_for(full)} == {mention.name}:
            spelled[mention.name] = full
    for mention in mentions:
        mention.name = spelled.get(mention.name, mention.name)
    return mentions


def _name_words(name: str, rules: Rules) -> list[str]:
    """The words of a name that tell people apart: no titles, no "al-"."""
    words = [fold(w).strip(".,").removeprefix("al-").removeprefix("el-") for w in name.split()]
    return [w for w in words if w and w not in rules.titles and w not in rules.honorifics]


def _article_form_wins(surface: str, name: str, rules: Rules) -> bool:
    """Whether the article's full form should replace the table's name."""
    ours, theirs = _name_words(surface, rules), _name_words(name, rules)
    if len(ours) < 2 or ours == theirs:
        return False  # only a title or "al-" apart: "King Hussein", "Hafez Assad"
    if len(ours) == len(theirs) and all(
        _edit_distance(a, b) <= MAX_SPELLING_EDITS for a, b in zip(ours, theirs, strict=True)
    ):
        return True
    missing = [w for w in theirs if not any(_alike(w, x) for x in ours)]
    new = [x for x in ours if not any(_alike(x, w) for w in theirs)]
    return bool(missing and new) and any(_alike(theirs[-1], x) for x in ours)


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two words (names are short)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def _pronouns(doc: ArticleDoc, mentions: list[Mention]) -> list[Mention]:
    """'He' or 'she' as the subject of a sentence that names one other leader ("On Thursday
    he held talks with Macron"): the leader who opened the sentence before."""
    found = []
    genders = _genders(doc.text, mentions)
    starts = [m.start for m in mentions]  # sorted: each sentence's mentions by bisection
    for index, sentence in enumerate(doc.sentences):
        if sentence.start < doc.body_start or index == 0:
            continue
        own = _leaders_in(mentions, starts, sentence.start, sentence.end)
        if len({m.name for m in own}) != 1:
            continue  # (the cheaper test first)
        pronoun = SUBJECT_PRONOUN.search(sentence.text)
        if pronoun is None:
            continue
        start = sentence.start + pronoun.start("pronoun")
        if own[0].start < start:
            continue  # "Macron said he ...": the pronoun is the named leader's
        clash = "m" if pronoun.group("pronoun").lower() == "she" else "f"
        subject = _subject_before(doc, mentions, starts, index, genders, clash)
        if subject is not None and subject.name != own[0].name:
            end = start + len(pronoun.group("pronoun"))
            found.append(_standing_for(doc, start, end, subject, "pronoun"))
    return found


def _leaders_in(mentions: list[Mention], starts: list[int], begin: int, end: int) -> list[Mention]:
    """The leader mentions starting in [begin, end), in order (``starts``: the sorted
    mentions' starts)."""
    inside = mentions[bisect_left(starts, begin) : bisect_left(starts, end)]
    return [m for m in inside if m.is_leader]


def _subject_before(
    doc: ArticleDoc,
    mentions: list[Mention],
    starts: list[int],
    index: int,
    genders: dict[str, str],
    clash: str,
) -> Mention | None:
    """The first leader of the nearest earlier sentence naming one, skipping those of the
    other sex ("she" is not Mr X)."""
    for back in range(index - 1, max(-1, index - 1 - PRONOUN_REACH), -1):
        earlier = doc.sentences[back]
        before = [
            m
            for m in _leaders_in(mentions, starts, earlier.start, earlier.end)
            if genders.get(m.name) != clash
        ]
        if before:
            return before[0]
    return None


def _genders(text: str, mentions: list[Mention]) -> dict[str, str]:
    """'f' or 'm' for leaders the article calls Mrs, Queen, Mr, King ... (else unknown)."""
    genders: dict[str, str] = {}
    for mention in mentions:
        before = text[max(0, mention.start - GENDER_WINDOW) : mention.start]
        if FEMININE_BEFORE.search(before):
            genders.setdefault(mention.name, "f")
        elif MASCULINE_BEFORE.search(before):
            genders.setdefault(mention.name, "m")
    return genders


def _near(term: LeaderTerm, on: dt.date) -> bool:
    """In office on ``on``, or left office just before it."""
    return (term.start is None or term.start <= on) and (
        term.end is None or on <= term.end + AFTER_TERM_SLACK
    )


# The leaders table's terms near a date (in table order), per table and date: an article's
# reference date is asked about by several passes, each of which would walk the whole table.
_NEAR: dict[tuple[int, dt.date], tuple[LeaderTerm, ...]] = {}
_BY_COUNTRY: dict[int, tuple[tuple[LeaderTerm, ...], dict[str, tuple[LeaderTerm, ...]]]] = {}
_SPANS: dict[
    int, tuple[tuple[LeaderTerm, ...], tuple[tuple[dt.date, dt.date, LeaderTerm], ...]]
] = {}
MAX_NEAR_DATES = 64


def _near_terms(rules: Rules, on: dt.date) -> tuple[LeaderTerm, ...]:
    """Every term ``_near`` the date, in table order."""
    key = (id(rules), on)
    terms = _NEAR.get(key)
    if terms is None:
        if len(_NEAR) >= MAX_NEAR_DATES:
            _NEAR.clear()
        terms = _NEAR[key] = tuple(t for first, last, t in _spans(rules) if first <= on <= last)
    return terms


def _spans(rules: Rules) -> tuple[tuple[dt.date, dt.date, LeaderTerm], ...]:
    """(first, last day ``_near``, term) for every term in table order, the table read
    once: each new date then costs two comparisons a term."""
    cached = _SPANS.get(id(rules))
    if cached is None or cached[0] is not rules.leaders:
        spans = tuple(
            (
                t.start or dt.date.min,
                t.end + AFTER_TERM_SLACK if t.end else dt.date.max,
                t,
            )
            for t in rules.leaders
        )
        cached = _SPANS[id(rules)] = (rules.leaders, spans)
    return cached[1]


def _terms_of_country(rules: Rules, country: str) -> tuple[LeaderTerm, ...]:
    """Every term of one country, in table order (the table indexed once)."""
    cached = _BY_COUNTRY.get(id(rules))
    if cached is None or cached[0] is not rules.leaders:
        grouped: dict[str, list[LeaderTerm]] = {}
        for term in rules.leaders:
            grouped.setdefault(term.country, []).append(term)
        cached = _BY_COUNTRY[id(rules)] = (
            rules.leaders,
            {code: tuple(terms) for code, terms in grouped.items()},
        )
    return cached[1].get(country, ())


def clear_near_terms() -> None:
    """Forget the terms found near each date and the windows before names (a benchmark
    pass sees each article as new)."""
    _NEAR.clear()
    _BEFORE.clear()
    _TITLED.clear()
    _BEFORE_TEXT[:] = ["", ""]
    _NEEDS_WRITTEN[0] = None
    _LATEST[:] = ["", None]


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in around(taken, start, end))


def _titled_unknowns(
    doc: ArticleDoc,
    rules: Rules,
    pattern: re.Pattern[str],
    taken: list[tuple[int, int]],
    hosts: set[tuple[str | None, str | None]],
) -> list[Mention]:
    """People named after a title: listed leaders the table spells otherwise, and people
    missing from the leaders table."""
    found = []
    host = _Host(doc, rules, hosts)
    reach = 0  # where the last name found ends: each lies in its match, left to right
    for match in pattern.finditer(doc.text, doc.body_start):
        name_start = match.start("name")
        tokens = match.group("name").rstrip(".,").split()
        if tokens:  # "President Abraham Lincoln's handwriting"
            tokens[-1] = tokens[-1].removesuffix("'s").removesuffix("’s")
        # drop trailing words that are not name words ("Xi Jinping On", "Lee Said")
        while tokens and (fold(tokens[-1]) in rules.country_index or tokens[-1].isupper()):
            tokens.pop()
        name = " ".join(tokens)
        title = rules.titles.get(fold(match.group("title")))
        if title is None or not tokens or name_start < reach:
            continue
        if _overlaps(name_start, name_start + len(name), taken):
            continue
        if any(fold(t) in rules.titles or country_of(t, rules) for t in tokens):
            continue
        if len(tokens) == 1:
            mention = _surname_typo(doc, rules, match, tokens[0])
        else:
            mention = _titled_person(doc, rules, match, tokens, title, host)
        if mention is not None:
            found.append(mention)
            if mention.is_leader:
                host.named.add((mention.country, mention.role))
            reach = max(reach, mention.end)
    return found


def _titled_person(
    doc: ArticleDoc,
    rules: Rules,
    match: re.Match[str],
    tokens: list[str],
    title: Title,
    host: Callable[[str], str | None],
) -> Mention:
    """A titled full name: the listed leader it spells, else a person of its own."""
    start = match.start("name")
    name = " ".join(tokens)
    begin = max(0, match.start() - BEFORE_WINDOW)
    window = doc.text[begin : match.start()]
    country = (
        (country_of(match.group("of"), rules) if match.group("of") else None)
        or _demonym_before(window, rules, rules.find_in(doc.text, begin, match.start(), "country"))
        or _country_after(doc.text, start + len(name), rules)
    )
    known = None
    if title.leader and country:
        known = _known_by_part(tokens, country, doc.reference_date, rules)
    elif title.leader:
        known = _known_by_spelling(tokens, doc.reference_date, rules)
    if known is not None:
        return Mention(
            start,
            start + len(name),
            name,
            known.name,
            known.country,
            known.role,
            True,
            known.wikidata_id,
            kind="name",
        )
    former = bool(FORMER_BEFORE.search(fold(window[-12:])) or AIDE_BEFORE.search(window))
    if (
        country is None
        and title.leader
        and not former
        and not OWNER_BEFORE.search(window)  # "Toyota President Akio Toyoda"
        and not OF_AFTER.match(doc.text, start + len(name))  # "President X of Harvard"
    ):
        country = host(title.role)
    return Mention(
        start=start,
        end=start + len(name),
        text=name,
        name=name,
        country=country,
        role=title.role,
        is_leader=title.leader and not former and country is not None,
        kind="titled",
    )


class _Host:
    """ "NEW DELHI (UPI) -- Soviet leader Mikhail Gorbachev and Prime Minister Rajiv Gandhi
    met": a wire story leaves its host country's leader unqualified; so a head of state or
    government named with no country, unknown to the leaders table, is the dateline
    country's, unless the article already names that country's holder of the title. (The
    dateline is read once, when first needed.)"""

    def __init__(
        self, doc: ArticleDoc, rules: Rules, named: set[tuple[str | None, str | None]]
    ) -> None:
        self.doc, self.rules, self.named = doc, rules, named
        self.country: str | None = None
        self.read = False

    def __call__(self, role: str) -> str | None:
        if role not in HOST_ROLES:
            return None
        if not self.read:
            self.country = dateline_country(self.doc.meta.dateline, self.rules)
            self.read = True
        if self.country is None or (self.country, role) in self.named:
            return None
        return self.country


def _known_by_part(
    tokens: list[str], country: str, on: dt.date | None, rules: Rules
) -> LeaderTerm | None:
    """A listed leader of ``country`` in office whom a variant spelling names.

    "Prime Minister of Iraq Mohammed Sudani" is Mohammed Shia al-Sudani; "Malaysian PM
    Mahathir Mohamed" is Mahathir Mohamad: one distinctive word is shared.
    """
    if on is None:
        return None
    words = {fold(t).removeprefix("al-").removeprefix("el-") for t in tokens}
    matches = []
    for term in _terms_of_country(rules, country):
        if not _near(term, on):
            continue
        parts = {
            fold(p).removeprefix("al-").removeprefix("el-")
            for form in (term.name, *term.short_names)
            for p in form.split()
        }
        common = {w for w in words for p in parts if len(w) > 3 and _alike(w, p)}
        if common:
            matches.append(term)
    names = {t.name for t in matches}
    return matches[0] if len(names) == 1 else None


def _surname_typo(doc: ArticleDoc, rules: Rules, match: re.Match[str], word: str) -> Mention | None:
    """A surname one letter off ("President Macorn") the surname of the one leader in office
    with it, after a leader's title and with the country (if any) it names."""
    title = rules.titles.get(fold(match.group("title")))
    on = doc.reference_date
    if title is None or not title.leader or on is None or len(word) < MIN_TYPO_SURNAME:
        return None
    begin = max(0, match.start() - BEFORE_WINDOW)
    window = doc.text[begin : match.start()]
    hits = rules.find_in(doc.text, begin, match.start(), "country")
    country = _demonym_before(window, rules, hits)
    folded = fold(word)
    matches = {
        term.name: term
        for term in _near_terms(rules, on)
        if (country is None or term.country == country)
        and any(_alike(folded, fold(short)) for short in term.short_names)
    }
    if len(matches) != 1:
        return None
    term = next(iter(matches.values()))
    start = match.start("name")
    return Mention(
        start,
        start + len(word),
        word,
        term.name,
        term.country,
        term.role,
        True,
        term.wikidata_id,
        kind="surname",
    )


def _known_by_spelling(tokens: list[str], on: dt.date | None, rules: Rules) -> LeaderTerm | None:
    """The one listed leader in office whose full name the titled name spells, give or
    take a middle name, "al-" or a slip: "President Uhuru Muigai Kenyatta" with the
    middle name misspelt, "Prime Minister Narendra Modhi", "Kassym-Zhomart Tokayev"."""
    if on is None:
        return None
    words = _spelling_words(" ".join(tokens))
    heads = {w[:2] for w in words}  # a surname's slip is rarely in its first letters
    # the table's name or an alias it lists: "President Ferdinand R. Marcos Jr." spells
    # the alias "Ferdinand Marcos Jr." of the leader listed by his nickname
    matches = {
        term.name: term
        for term in _near_terms(rules, on)
        if any(_spells(form, words, heads) for form in (term.name, *term.aliases))
    }
    return next(iter(matches.values())) if len(matches) == 1 else None


def _spells(form: str, words: tuple[str, ...], heads: set[str]) -> bool:
    """Whether a name's words spell every word of a listed form of two words or more."""
    parts = _full_words(form)
    return (
        len(parts) > 1
        and parts[-1][:2] in heads
        and all(any(_spelled_alike(part, word) for word in words) for part in parts)
    )


@functools.cache
def _full_words(name: str) -> tuple[str, ...]:
    """A listed name's words less its initials: "George H. W. Bush" is spelt in full by
    "President George Bush" as news of the day wrote it."""
    return tuple(w for w in _spelling_words(name) if len(w.rstrip(".")) > 1)


@functools.cache
def _spelling_words(name: str) -> tuple[str, ...]:
    """A name's words for comparing spellings: "Abdel Fattah Al Sisi" and "Abdel Fattah
    el-Sisi" give the same words."""
    words = [fold(w).rstrip(".").removeprefix("al-").removeprefix("el-") for w in name.split()]
    return tuple(w for w in words if w not in ("al", "el"))


def _spelled_alike(a: str, b: str) -> bool:
    """Two words of a full name spelt alike: a slip from four letters on, two from eight
    (transliterations: Zhomart/Jomart, Volodimir/Volodymyr)."""
    if _alike(a, b, shortest=MIN_TYPO_NAME_WORD):
        return True
    return min(len(a), len(b)) >= MIN_TWO_SLIPS_WORD and _edit_distance(a, b) <= 2


def _alike(a: str, b: str, *, shortest: int = 0) -> bool:
    """The same word, or one letter apart (or two swapped) in a word of five letters or
    more (``shortest`` when given)."""
    if a == b:
        return True
    if min(len(a), len(b)) < (shortest or MIN_TYPO_WORD) or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) == len(b):
        swapped = a[i : i + 2] == b[i : i + 2][::-1]  # "Macorn": two letters swapped
        return a[i + 1 :] == b[i + 1 :] or (swapped and a[i + 2 :] == b[i + 2 :])
    return a[i:] == b[i + 1 :]


def leader_of(
    country: str, on: dt.date | None, rules: Rules, *, role: str | None = None
) -> LeaderTerm | None:
    """The leader of ``country`` in office on a date, by role rank."""
    if on is None:
        return None
    terms = [t for t in _terms_of_country(rules, country) if t.in_office(on)]
    if role is None:
        # "the German leader": the chancellor, where the head of government leads
        role = next(
            (
                r
                for c, r, since, until in rules.leader_roles
                if c == country and since <= on.year <= until
            ),
            None,
        )
    if role:
        same = [t for t in terms if t.role == role]
        terms = same or terms
    ranked = sorted(
        terms,
        key=lambda t: LEADER_ROLE_RANK.index(t.role) if t.role in LEADER_ROLE_RANK else 99,
    )
    return ranked[0] if ranked else None


def _bare_titles(
    doc: ArticleDoc,
    rules: Rules,
    pattern: re.Pattern[str],
    mentions: list[Mention],
    starts: list[int],
) -> list[Mention]:
    """'The emir', 'the visiting premier': the one leader with that role the article
    has named before it ("President Clinton ... Tonight, the President has had
    conversations with French President Chirac": another president named later is not
    the one meant)."""
    holders: dict[str, dict[str, Mention]] = {}  # role -> name -> first mention
    for mention in mentions:
        if mention.is_leader and mention.role and mention.start >= doc.body_start:
            holders.setdefault(mention.role, {}).setdefault(mention.name, mention)
    spans = [(m.start, m.end) for m in mentions]
    found = []
    for match in _matches_at(pattern, doc.text, starts, doc.body_start):
        title = rules.titles.get(fold(match.group("title")))
        if title is None or not title.leader or HOME_AFTER.match(doc.text, match.end()):
            continue
        role = SAME_ROLE.get(title.role, title.role)
        named = holders.get(role, {}) | holders.get(title.role, {})
        if _overlaps(match.start(), match.end(), spans):
            continue
        earlier = [m for m in named.values() if m.end <= match.start()]
        if not earlier:
            # in a government's own release, "The President" before any other president
            # is named is its own ("The President of the Republic spoke with ...")
            own = _own_leader(doc, rules, match.group("title"), role)
            if own is not None:
                found.append(_standing_for(doc, match.start(), match.end(), own, "role"))
            continue
        if len(earlier) == 1:
            found.append(_standing_for(doc, match.start(), match.end(), earlier[0], "role"))
    return found


def _own_leader(doc: ArticleDoc, rules: Rules, title: str, role: str) -> Mention | None:
    """In a government's own release, "The Prime Minister" (capitalised, as such releases
    write it) is that government's leader with the role on the article's day."""
    country = government_country(doc.url)
    if country is None or not title[:1].isupper():
        return None
    term = leader_of(country, doc.reference_date, rules, role=role)
    if term is None or term.role != role:
        return None
    return Mention(0, 0, "", term.name, term.country, term.role, True, term.wikidata_id)


def government_country(url: str | None) -> str | None:
    """The country whose government publishes at ``url`` (gov.uk, whitehouse.gov, mofa.go.jp,
    and the listed hosts outside such domains: elysee.fr, kremlin.ru)."""
    host = (urlsplit(url).hostname or "").lower() if url else ""
    if host.endswith(".gov") or host == "gov":
        return "US"
    hosts = _government_hosts()
    parts = host.split(".")
    for cut in range(len(parts) - 1):  # "en.kremlin.ru" is kremlin.ru's
        listed = hosts.get(".".join(parts[cut:]))
        if listed:
            return listed
    match = GOVERNMENT_HOST.search(host)
    if match is None:
        return None
    code = match.group("cc").upper()
    return "GB" if code == "UK" else code


@functools.cache
def _government_hosts() -> dict[str, str]:
    """Host -> country, from ``data/government_hosts.tsv`` (read once)."""
    return {host: code for _, (host, code) in read_rows(DATA / "government_hosts.tsv", 2)}


def _may_hold(name: str, role: str, on: dt.date | None, rules: Rules) -> bool:
    """Whether a named person could be meant by ``role``: they held it on the day (a king
    who was crown prince years before is not "the crown prince"), or nothing is known."""
    held = {t.role for t in rules.terms_of(name) if on is None or _near(t, on)}
    return not held or role in held


def _standing_for(doc: ArticleDoc, start: int, end: int, target: Mention, kind: str) -> Mention:
    """A mention of ``doc.text[start:end]`` that stands for the leader ``target``."""
    return Mention(
        start=start,
        end=end,
        text=doc.text[start:end],
        name=target.name,
        country=target.country,
        role=target.role,
        is_leader=True,
        wikidata_id=target.wikidata_id,
        kind=kind,
    )


def _role_references(
    doc: ArticleDoc,
    rules: Rules,
    patterns: dict[str, re.Pattern[str]],
    mentions: list[Mention],
    on: dt.date | None,
) -> list[Mention]:
    """'his Mexican counterpart', 'the Japanese premier' and 'the Israeli and Egyptian leaders'."""
    resolve = _Resolver(mentions, rules, on)
    starts = [m.start() for m in DETERMINER_START.finditer(doc.text)]
    return [
        *_demonym_titles(doc, rules, patterns["role_ref"], mentions, resolve, starts),
        *_owner_titles(doc, rules, patterns["owner_ref"], resolve),
        *_bare_titles(doc, rules, patterns["bare_ref"], mentions, starts),
        *_countries_leaders(doc, rules, patterns["of_ref"], resolve, starts),
        *_pair_leaders(doc, rules, patterns["pair_ref"], resolve, starts),
    ]


# Where "the", "his", "her" or "their" may open a word, as the case-blind reference
# patterns read them (ı, İ and ſ included): a case-blind scan of the whole text for each
# pattern is slow, so the patterns are tried only at these starts.
DETERMINER_START = re.compile(
    r"[TtHh](?<=\b[TtHh])(?:[Hh][Ee]|[Ee][Rr]|[Ii\u0130\u0131][Ss\u017f])"
)


def _matches_at(
    pattern: re.Pattern[str], text: str, starts: list[int], pos: int = 0
) -> list[re.Match[str]]:
    """``pattern.finditer(text, pos)`` for a pattern whose matches open at one of
    ``starts`` (ascending): the same matches, tried only there."""
    found: list[re.Match[str]] = []
    for start in starts[bisect_left(starts, pos) :]:
        if found and start < found[-1].end():
            continue
        match = pattern.match(text, start)
        if match is not None:
            found.append(match)
    return found


class _Resolver:
    """The leader a country and a role stand for: the one the article names, else the
    one in office on the article's day."""

    def __init__(self, mentions: list[Mention], rules: Rules, on: dt.date | None) -> None:
        self.rules, self.on = rules, on
        self.by_country: dict[str, Mention] = {}
        self.by_role: dict[tuple[str, str], Mention] = {}
        for mention in mentions:
            if mention.is_leader and mention.country:
                self.by_country.setdefault(mention.country, mention)
                if mention.role:
                    self.by_role.setdefault((mention.country, mention.role), mention)

    def __call__(self, country: str | None, role: str | None) -> Mention | None:
        if not country:
            return None
        if role and (country, role) in self.by_role:
            return self.by_role[(country, role)]
        named = self.by_country.get(country)
        if named and (role is None or _may_hold(named.name, role, self.on, self.rules)):
            return named
        term = leader_of(country, self.on, self.rules, role=role)
        if term is None or (named and role and term.role != role):
            return named  # "the Saudi crown prince" is not the king the text names
        return Mention(0, 0, "", term.name, term.country, term.role, True, term.wikidata_id)


def _demonym_titles(
    doc: ArticleDoc,
    rules: Rules,
    pattern: re.Pattern[str],
    mentions: list[Mention],
    resolve: _Resolver,
    starts: list[int],
) -> list[Mention]:
    """'His Mexican counterpart', 'the Japanese premier'."""
    found = []
    spans = [(m.start, m.end) for m in mentions]
    for match in _matches_at(pattern, doc.text, starts):
        if _overlaps(match.start(), match.end(), spans):
            continue
        title_word = match.group("title").lower()
        title = rules.titles.get(fold(title_word))
        if title is not None and not title.leader:
            continue
        if title_word == "counterpart":
            # a minister's counterpart is a minister: follow the person named before
            before = [m for m in mentions if m.end <= match.start()]
            if before and not before[-1].is_leader:
                continue
        if HOME_AFTER.match(doc.text, match.end()):
            continue  # "at the Finnish president's residence": a place, not a participant
        target = resolve(country_of(match.group("demonym"), rules), title.role if title else None)
        if target is not None:
            kind = "counterpart" if title_word == "counterpart" else "role"
            found.append(_standing_for(doc, match.start(), match.end(), target, kind))
    return found


def _owner_titles(
    doc: ArticleDoc, rules: Rules, pattern: re.Pattern[str], resolve: _Resolver
) -> list[Mention]:
    """ "Egypt's leader", "Japan's prime minister" (no name after)."""
    found = []
    for start, end, surface in rules.find(doc.text, "country"):
        owner = pattern.match(doc.text, end)
        if owner is None:
            continue
        title = rules.titles.get(fold(owner.group("title")))
        if (title is not None and not title.leader) or HOME_AFTER.match(doc.text, owner.end()):
            continue
        target = resolve(country_of(surface, rules), title.role if title else None)
        if target is not None:
            found.append(_standing_for(doc, start, owner.end(), target, "role"))
    return found


def _countries_leaders(
    doc: ArticleDoc,
    rules: Rules,
    pattern: re.Pattern[str],
    resolve: _Resolver,
    starts: list[int],
) -> list[Mention]:
    """'The leaders of Japan, Australia and Italy', 'the prime minister of Japan'."""
    found = []
    for match in _matches_at(pattern, doc.text, starts):
        role = OF_REF_ROLES.get(match.group("title").lower().removesuffix("s"))
        for begin, end, surface in rules.find(match.group("list"), "country"):
            codes = rules.country_index.get(surface, ())
            target = resolve(codes[0], role) if len(codes) == 1 else None
            if target is not None:
                start = match.start("list")
                found.append(_standing_for(doc, start + begin, start + end, target, "role"))
    return found


def _pair_leaders(
    doc: ArticleDoc,
    rules: Rules,
    pattern: re.Pattern[str],
    resolve: _Resolver,
    starts: list[int],
) -> list[Mention]:
    """'The Israeli and Egyptian leaders'."""
    found = []
    for match in _matches_at(pattern, doc.text, starts):
        for group in ("a", "b"):
            target = resolve(country_of(match.group(group), rules), None)
            if target is not None:
                found.append(
                    _standing_for(doc, match.start(group), match.end(group), target, "role")
                )
    return found
