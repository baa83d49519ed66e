"""Gatherings (G20, NATO, APEC summits...) that meetings happen at: the context label
a meeting gets, and the edition that dates and places it when the text does not."""

import calendar
import datetime as dt
import re

from app.nlp.dates import yearless_days
from app.nlp.doc import ArticleDoc, Span, SummitRecord
from app.nlp.guard import guarded
from app.nlp.places import lookup_city
from app.nlp.rules import Edition, Rules, fold
from app.nlp.spans import starting_in

MIN_DATE, MAX_DATE = dt.date(1900, 1, 1), dt.date(2100, 1, 1)  # open-ended terms
WEEKDAY_NAME = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")

SIDELINES = guarded(r"\b(sidelines?|margins?|on the fringes?)\b", re.IGNORECASE)

# "On the sidelines, ...": sidelines of no gathering named there
BARE_SIDELINES = re.compile(r"\bon the (?:sidelines|margins|fringes)\b(?! of\b)", re.IGNORECASE)
SIDELINES_BACK = 3  # sentences back a bare "on the sidelines" may take its gathering from

CONTEXT_SUFFIX = re.compile(
    r"^(?:\s+(?:summit|forum|meeting|conference|leaders'? meeting))?", re.IGNORECASE
)

# a label that already names a gathering ("... Summit", "... Forum", "... Dialogue")
GATHERING_WORD = re.compile(
    r"\b(?:summit|forum|meeting|conference|assembly|council|congress|dialogue|club|"
    r"initiative|davos|ticad|cop)\b",
    re.IGNORECASE,
)

# "the Third Summit of the Forum on ...": the body's summit, whatever kind the body is
SUMMIT_OF = re.compile(r"\b[Ss]ummit of (?:the )?$")
SUMMIT_OF_REACH = len("Summit of the ")
TIME_REACH = 40  # characters before a gathering read for "before", "after", ...

TERM_AFTER = re.compile(r"\s+(?:presidency|chairmanship|chairship|chair)\b", re.IGNORECASE)
# "after attending the G20 summit": a time, not a venue
TIME_BEFORE = guarded(
    r"\b(?:before|ahead of|after|following|in the run-up to|in advance of|since)"
    r"\s+(?:\w+ing\s+)?(?:the\s+|this\s+|next\s+|last\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)

# "invited him to attend the G7 summit", "an invitation to the G20": in the report of a
# call, the gathering is what the call asked someone to, not where the call was held
INVITED_TO = guarded(
    r"\b(?:invit(?:e|es|ed|ing|ation)|attend|join|participat(?:e|ion) in)\b"
    r"[^.;]{0,40}?\b(?:to|at|in)?\s*(?:the\s+)?$",
    re.IGNORECASE,
)
INVITED_REACH = 60  # characters before a gathering read for an invitation

PAREN_ABBREVIATION = re.compile(r"\s*\((?P<abbr>[A-Z][A-Z0-9-]{1,9})\)")

LEAD_SENTENCES = 3  # an article about a gathering names it in its opening sentences
# gatherings no table lists, named where a meeting is placed at them
_NAME = r"(?:[A-Z][\w'’.-]*|of|for|and|the|on)"
_GATHERING_NOUN = r"(?:[Ss]ummit|[Ff]orum|[Cc]onference|[Aa]ssembly|[Cc]ongress)"
NAMED_GATHERING = re.compile(
    # "on the sidelines of the Arab-Islamic-American Summit", "at the FIPIC summit"
    rf"\b(?:sidelines? of|margins? of|at|during|attend(?:s|ed|ing)?|hosted|co-hosted)\s+"
    # "of an extraordinary Organisation of Islamic Cooperation-Arab League summit"
    rf"(?:the\s+|an?\s+)?(?:(?:extraordinary|emergency|special|informal|extended)\s+)?"
    rf"(?:\d+(?:st|nd|rd|th)\s+)?(?P<name>[A-Z][\w'’.-]*(?:\s+{_NAME}){{0,6}}?\s+{_GATHERING_NOUN})\b"
    # "the second summit of the European Political Community (EPC)"
    rf"|\b{_GATHERING_NOUN} of the (?P<body>[A-Z][\w'’-]*(?:\s+{_NAME}){{0,7}})"
    r"(?:\s*\((?P<abbr>[A-Z][A-Z0-9-]{1,9})\))?(?=[\s,.;:]|$)"
    # "arrived to attend the Macao handover ceremony": a rite the leaders came for
    r"|\battend(?:s|ed|ing)?\s+the\s+(?P<rite>[A-Z][\w'’.-]*(?:\s+[\w'’-]+){0,2}?\s+ceremony)\b"
)

GATHERING_PREFIX = re.compile(
    r"(?:\b(?:\d+(?:st|nd|rd|th)|first|second|third|annual)\s+)$", re.IGNORECASE
)


def pick_context(
    doc: ArticleDoc, claim_index: int, rules: Rules, *, in_person: bool = True
) -> str | None:
    """The gathering named where the meeting is claimed, or for a meeting in person: on
    whose sidelines it was, or (for an article about one meeting) in its opening
    sentences. A call is held on no one's sidelines: "agreed to meet on the sidelines of
    the G7 summit next month" in the report of a call names a plan."""
    claim = doc.sentences[claim_index]
    body = [s for s in doc.sentences if s.start >= doc.body_start]
    sidelines = [
        s
        for s in doc.sentences
        if in_person and SIDELINES.search(s.text) and not rules.planned_before.search(s.text)
    ]  # not "the meeting is expected to be held on the sidelines of the General Assembly"
    # the story's sentences before the headline's: "on AU summit sidelines" heads a report
    # of talks "on the margins of the 36th African Union summit", named there as the report has it
    sidelines.sort(key=lambda s: s.start < doc.body_start)
    own = [claim.text] + [s.text for s in sidelines]
    # an opening sentence about what comes next ("confirmed his trip on January 23 for the
    # CELAC conference") names no gathering this meeting was at
    body = [s for s in body if in_person and not _dated_ahead(doc, s)]
    for text in own + [s.text for s in body[:1]]:
        found = _listed_gathering(text, rules, in_person=in_person)
        if found:
            if claim.start < doc.body_start:
                return _as_the_body_names_it(found, body, rules)
            return found
    for text in own + [s.text for s in body[:LEAD_SENTENCES]]:
        found = _named_gathering(text, in_person=in_person)
        if found:
            return found
    if in_person and BARE_SIDELINES.search(claim.text):
        # "On the sidelines, the venue gave X his first meeting with Y": the sidelines of
        # the gathering the sentences just before named
        before = [s for s in body if s.end <= claim.start][-SIDELINES_BACK:]
        for sentence in reversed(before):
            found = _listed_gathering(sentence.text, rules)
            if found:
                return found
    return None


def _as_the_body_names_it(label: str, body: list[Span], rules: Rules) -> str:
    """A headline's short name ("on SCO sidelines", "AU summit sidelines") gives way to the
    name the story's own sentences give the same gathering ("the Shanghai Cooperation
    Organisation (SCO) summit"): the report names it there in full."""
    gathering = next((rules.gathering_index[s] for _, _, s in rules.find(label, "gathering")), None)
    if gathering is None:
        return label
    for sentence in body:
        if not SIDELINES.search(sentence.text):
            continue
        hits = rules.find(sentence.text, "gathering")
        if any(rules.gathering_index[s] is gathering for _, _, s in hits):
            return _listed_gathering(sentence.text, rules) or label
    return label


def _listed_gathering(text: str, rules: Rules, *, in_person: bool = True) -> str | None:
    """A gathering of the table named in the text, as the text names it."""
    for begin, finish, surface in rules.find(text, "gathering"):
        if _timed(text, begin):
            continue  # "two days before the Russia-Africa summit": a time, not a venue
        if not in_person and INVITED_TO.search(text[max(0, begin - INVITED_REACH) : begin]):
            continue  # a call "invited Ramaphosa to attend the G7 summit": a plan, not a venue
        if TERM_AFTER.match(text, finish):
            continue  # "India's G20 presidency": a country's term, not a venue
        short = PAREN_ABBREVIATION.match(text, finish)
        if short and surface:
            # "the Group of 20 (G20) economies": the name news use, "G20 summit"; but
            # "the Forum on China-Africa Cooperation (FOCAC)" is written out
            gathering = rules.gathering_index[surface]
            if short.group("abbr") in gathering.name.split():
                return gathering.name
            name = text[begin:finish]
            if SUMMIT_OF.search(text, max(0, begin - SUMMIT_OF_REACH), begin):
                return f"{name} summit"  # "the Beijing Summit of the Forum on ...": a summit
            return name if GATHERING_WORD.search(name) else f"{name} {gathering.kind}"
        prefix = GATHERING_PREFIX.search(text[:begin])
        start = prefix.start() if prefix else begin
        suffix = CONTEXT_SUFFIX.match(text[finish:])
        end = finish + (suffix.end() if suffix else 0)
        label = text[start:end].strip()
        kind = rules.gathering_index[surface].kind if surface else None
        if kind and not GATHERING_WORD.search(label):
            # "the Normandy Format countries", "G7 leaders": the body named as an
            # attribute; the meeting is its gathering
            label = f"{label} {kind}"
        return label
    return None


def _timed(text: str, begin: int) -> bool:
    """Is the gathering named at ``begin`` a time ("before the G7 summit", "after attending
    the G20 summit")?"""
    return bool(TIME_BEFORE.search(text[max(0, begin - TIME_REACH) : begin]))


def _named_gathering(text: str, *, in_person: bool = True) -> str | None:
    """A gathering no table lists, named where a meeting is placed at it."""
    for match in NAMED_GATHERING.finditer(text):
        name_start = match.start("name") if match.group("name") else match.start()
        if not in_person and INVITED_TO.search(
            text[max(0, name_start - INVITED_REACH) : name_start]
        ):
            continue  # a call "invited him to attend the Rome summit": a plan, not a venue
        if TIME_BEFORE.search(text[max(0, match.start() - 40) : match.start() + 1]) or _timed(
            text, name_start
        ):
            continue  # "after attending the G20 summit": a time, not the meeting's venue
        if match.group("name") or match.group("rite"):
            return match.group("name") or match.group("rite")
        words = match.group("body").split()
        while words and not words[-1][0].isupper():
            words.pop()  # "the European Political Community, held Thursday at ..."
        if words:
            return f"{match.group('abbr') or ' '.join(words)} summit"
    return None


def _dated_ahead(doc: ArticleDoc, sentence: Span) -> bool:
    """Does the sentence hold a full date after publication?"""
    published = doc.meta.published
    if published is None:
        return False
    return any(
        sentence.start <= d.start < sentence.end
        and len(d.value) == len("2000-01-01")
        and dt.date.fromisoformat(d.value) > published
        for d in starting_in(doc.dates, sentence.start, sentence.end)
    )


def fill_from_edition(doc: ArticleDoc, summit: SummitRecord, rules: Rules) -> None:
    """A meeting at a gathering whose edition the text's cities (and dates) single out:
    "on the sidelines of the BRICS summit" in an article datelined Kazan is 2024."""
    gathering = next(
        (rules.gathering_index[s] for _, _, s in rules.find(summit.context or "", "gathering")),
        None,
    )
    if gathering is None:
        return
    cities = {_town(p.city, p.country) for p in doc.places if p.city}
    year = int(summit.date[:4]) if summit.date else None
    editions = [
        e
        for e in rules.editions
        if e.gathering == gathering.name
        and (not cities or _town(e.city, e.country) in cities)
        and (year is None or e.start.year == year)
    ]
    if not cities and year is None:
        # nothing in the text names the edition: the leaders' terms and weekdays may; then
        # the month is known (if the edition fell in one) but the text gave no place
        held = _editions_in_office(doc, editions, rules)
        if len(held) == 1 and held[0].start.month == held[0].end.month:
            summit.date = held[0].start.isoformat()[:7]
        return
    if len(editions) != 1:
        return
    edition = editions[0]
    if summit.date is None:
        # "Meeting Sept. 12 and 13 in Auckland": a day within the edition is the day
        days = yearless_days(doc.text, edition.start.year)
        within = [d for d in days if edition.start <= d <= edition.end]
        summit.date = within[0].isoformat() if within else str(edition.start.year)
    if summit.city is None and summit.format == "in_person":
        if not cities:
            # the year singled the edition out: its host country is known, but the text
            # names no town, so none is filled in
            summit.country = summit.country or edition.country
            return
        city = lookup_city(edition.city, edition.country)
        summit.city, summit.country = edition.city, edition.country
        if city is not None:
            summit.city = city.name  # as the text's own towns are written ("Evian")
            summit.latitude, summit.longitude = city.latitude, city.longitude


def _town(name: str, country: str | None) -> tuple[str, str | None]:
    """A town as the gazetteer knows it, so that spellings of one town match ("Évian-les-
    Bains" in the editions' table, "Evian" in the text); else its folded name."""
    city = lookup_city(name, country) or lookup_city(name)
    return (city.name, city.country) if city else (fold(name), None)


def _editions_in_office(doc: ArticleDoc, editions: list[Edition], rules: Rules) -> list[Edition]:
    """With no city and no year: the editions held while every leader the article names
    in office was in office, and, if the text names weekdays, on one of them ("his first
    talks with President Xi on Tuesday" at the G20 of a Sunak-era November)."""
    names = {m.name for m in doc.mentions if m.is_leader and m.start >= doc.body_start}
    lo, hi = MIN_DATE, MAX_DATE
    for name in names:
        terms = rules.terms_of(name)
        if not terms:
            continue
        lo = max(lo, min(t.start or MIN_DATE for t in terms))
        hi = min(hi, max(t.end or MAX_DATE for t in terms))
    if not names or lo == MIN_DATE:
        return []
    held = [e for e in editions if lo <= e.end and e.start <= hi]
    weekdays = {fold(w) for w in WEEKDAY_NAME.findall(doc.text)}
    if weekdays:
        on_day = [
            e
            for e in held
            if any(
                fold(calendar.day_name[(e.start + dt.timedelta(days=k)).weekday()]) in weekdays
                for k in range((e.end - e.start).days + 1)
            )
        ]
        held = on_day or held
    return held
