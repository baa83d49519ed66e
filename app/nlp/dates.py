"""Stage 4: find date expressions and resolve them against the publication date.

"on Thursday" is the last Thursday on or before publication, "on the 23rd" the last
23rd, "yesterday" the day before. Dates are read in any house style ("21.12.2004",
"2005-04-28", "21 - September 2016"); those stamping the page (a dateline's, a metadata
line's) date the page, never a meeting. Without a publication date, the page's stamps,
the year its URL files it under, or a leader's term ("Kishida, who took office in
October last year") still anchor the rest.
"""

import calendar
import datetime as dt
import re
from bisect import bisect_right, insort
from dataclasses import dataclass, field
from functools import cache

from app.nlp.clean import MONTHS, make_date
from app.nlp.doc import ArticleDoc, DateMention
from app.nlp.guard import at_word_start, guarded
from app.nlp.people import TERM_START, TOOK_OFFICE_WORDS, latest_full_date
from app.nlp.rules import LeaderTerm, Rules, date_events, fold

UPCOMING = dt.timedelta(days=60)  # "Dec 23" in a November article is this December
# "SEOUL, Nov. 7 -- ... met today" printed on Nov. 8: the dateline's day is the day the
# story was written, so "today" and "yesterday" count from it, if it is this close before
WRITTEN_BEFORE = dt.timedelta(days=2)
_WEEKDAYS = [fold(d) for d in calendar.day_name]

# Whole-text scans open with a letter (or digit) whose word start is checked behind it
# ("J(?<=\bJ)une"), not with "\b": a scan then skips straight to the characters that can
# open (at_word_start).
MONTHS_AT_WORD = at_word_start(*MONTHS.split("|"))
FULL_MDY = re.compile(
    rf"(?P<month>{MONTHS_AT_WORD})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    r"(?:,? (?P<year>(?:19|20)\d{2}))?\b"
)
# "9 April", "the 16th of February 2022", "21 - September 2016", "12-Mar-2019"
FULL_DMY = re.compile(
    rf"(?P<day>\d(?<=\b\d)\d?)(?:st|nd|rd|th)?(?: of | ?[-–] ?| )(?P<month>{MONTHS})\.?"
    r"(?:(?:,? | ?[-–] ?)(?P<year>(?:19|20)\d{2}))?\b"
)
# "2005-04-28", "2019/03/12"; "21.12.2004", "12-03-2019", "03/01/2023" (day first unless
# it cannot be)
# (the digit's neighbour behind it checked after it: "1(?<![\d/.-]1)9")
NUMERIC_YMD = re.compile(
    r"(?P<year>(?:1(?<![\d/.-]1)9|2(?<![\d/.-]2)0)\d{2})([-/.])(?P<a>\d{1,2})\2(?P<b>\d{1,2})(?![\d/-])"
)
NUMERIC_DMY = re.compile(
    r"(?P<a>\d(?<![\d/.-]\d)\d?)([./-])(?P<b>\d{1,2})\2(?P<year>(?:19|20)\d{2})(?![\d/-])"
)
# "June 15-17", "Sept. 12 and 13", "20-22 June 2025": days of a gathering, none known alone
_ORDINAL = r"(?:st|nd|rd|th)?"
_UNTIL = r"(?: ?[-–] ?| to | and )"
DAY_RANGE = guarded(
    rf"\b(?:(?P<month>{MONTHS})\.? \d{{1,2}}{_ORDINAL}{_UNTIL}\d{{1,2}}\b(?![:.]\d| ?%| per)"
    rf"|\d{{1,2}}{_ORDINAL}{_UNTIL}\d{{1,2}}{_ORDINAL} (?P<month2>{MONTHS})\b)"
    r"(?:,? (?P<year>(?:19|20)\d{2})\b)?"
)
# a date that stamps the page rather than reports news: "Washington, 31 December 1998
# (RFE/RL) --", "June 12 (Reuters) -", "Published: 12 Mar 2019 10:14", "DW | 21.12.2004"
DATELINE_BEFORE = re.compile(r"(?:^|\n)(?:[A-Z][\w.'’ -]{0,40}(?:, ?[A-Z][\w.'’ -]{0,30})?, ?)?$")
DATELINE_AFTER = re.compile(
    r"(?:,? (?:19|20)\d{2})?,?\s*(?:\([^()\n]{1,40}\)|/[A-Z][\w-]{1,20}/\.?)?\s*(?:--|—|–|-|:)\s"
)
STAMP_SEGMENT = re.compile(r"[^|\n]*")
STAMP_WORD = re.compile(r"\b[a-z]{2,}\b")
MAX_STAMP_WORDS = 3  # "Published in English on ... at 11.24": metadata, not a sentence
UPDATED = re.compile(r"\bupdated?\b(?![^\n]*\bpublished\b)[^\n]*$", re.IGNORECASE)
STAMP_LINES = 8  # stamps that date the page sit at its top
STAMP_REACH = 120  # characters of a metadata line on either side of its date
DATELINE_REACH = 60  # a dateline's place names before its date
URL_YEAR = re.compile(r"/(?P<year>(?:19|20)\d{2})(?:[-/_](?P<month>\d{2}))?(?=[-/_]|$)")
MONTHS_IN_YEAR = 12
MONTH_YEAR = re.compile(
    rf"(?:i(?<=\bi)n |s(?<=\bs)ince |o(?<=\bo)f )(?P<month>{MONTHS}) (?P<year>(?:19|20)\d{{2}})\b"
)
_LEADS = at_word_start(
    "Last", "last", "In", "in", "Early", "early", "Late", "late", "Mid-?", "mid-?"
)
BARE_MONTH = re.compile(
    rf"(?P<lead>{_LEADS}) ?(?P<month>{MONTHS})\b"
    r"(?P<when> last year| this year| next year)?(?!\.? \d| of \d| (?:19|20)\d{2})"
)
BARE_YEAR = re.compile(
    r"(?:i(?<=\bi)n|d(?<=\bd)uring|t(?<=\bt)heir|t(?<=\bt)he|i(?<=\bi)ts|a(?<=\ba)|a(?<=\ba)n) "
    r"(?P<year>(?:19|20)\d{2})\b(?![-/–]\d)(?!,? \d)"
)
WEEKDAY = guarded(
    r"\b(?:(?:on|last|this|early|late) )?"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?\b"
)
# "Israel's September 9 attack", "the Oct. 7 Hamas attacks": what follows a day names the
# event it was the day of; a word between is a name or an adjective, not "after the"
EVENT_GAP = (
    r"(?:,? (?:19|20)\d{2})?(?: (?!(?:after|before|the|a|an|in|on|at|to|of|and|or|with|following"
    r"|amid|since|by|for|over|during|when|as|despite|against|about|while|where|which|that|who"
    r"|is|are|was|were|has|have|had|said|says|his|her|their|its)\b)[\w-]+){0,2}? "
)
# "Monday (Jan. 2)", "Thursday, March 7", "on Monday 19 August": a weekday naming the date
WEEKDAY_BEFORE = re.compile(
    r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? ?\(?(?:the )?$"
)
WEEKDAY_REACH = len("Wednesday, the ")
WEEK = dt.timedelta(days=7)
WEEK_EDGE = dt.timedelta(days=6)  # a bare weekday this far back is rather the next day
# "will travel to Athens on Saturday", "is due to meet him on Monday": a weekday its clause
# puts in the future is the coming one
FUTURE_CLAUSE = re.compile(
    r"\b(?:will|shall|(?:is|are) (?:due |expected |set |scheduled )?to|plans? to)\s[^.;:!?,]*$",
    re.IGNORECASE,
)
FUTURE_REACH = 80  # characters before a weekday searched for its clause's future verb
YEAR_SHIFTS = (0, -1, 1)  # a guessed year, then its neighbours
ORDINAL_DAY = re.compile(r"o(?<=\bo)n the (?P<day>\d{1,2})(?:st|nd|rd|th)\b")  # as MONTH_YEAR
YESTERDAY = guarded(
    r"\b(?P<word>yesterday|today|last night|this (?:morning|afternoon|evening)|tonight"
    r"|earlier today)\b",
    re.IGNORECASE,
)
DAYS_AFTER = guarded(
    r"\b(?:the (?:next|following) day|a day later|the day after|"
    r"(?P<n>\d{1,2}|two|three|four|five|six) days later|"
    r"(?P<back>the (?:previous|preceding) day|a day earlier|the day before)|"
    r"(?P<same>(?:earlier|later) (?:in the|that) day|on the same day|the same day|"
    r"later that (?:morning|afternoon|evening)))\b",
    re.IGNORECASE,
)
# every phrase DAYS_AFTER takes holds one of these, folded (none with an "i", "k" or "s",
# which the case-blind match also takes from letters folding elsewhere): a text holding
# none is not scanned at each of its words
DAYS_AFTER_WORDS = (
    "later",
    "the day",
    "that day",
    "same day",
    "next day",
    "ng day",
    "previou",
    "day earl",
)
# "last week", "earlier this month"; not "last week's attacks", another event's time
WEEK_OR_MONTH = guarded(
    r"\b(?P<which>last|this|earlier this) (?P<unit>week|month)\b(?!['’]s)", re.IGNORECASE
)
# "for the first time since Sharon's election in 2001", "talks under way since Monday": a
# date after "since" starts a stretch of time, it is no meeting's day
SINCE_BEFORE = re.compile(r"\bsince\b[^.,;:!?\n]{0,30}$", re.IGNORECASE)
SINCE_REACH = 38
DAYS_AGO = guarded(r"\b(?P<n>\d{1,2}|[a-z]+) days ago\b", re.IGNORECASE)
DAYS_AGO_LIMIT = 13  # "two days ago" is a day; "40 days ago" is no longer news of a meeting
TOOK_OFFICE = guarded(
    rf"\b(?:{TOOK_OFFICE_WORDS})(?: in (?P<month>{MONTHS})\b(?!\.? \d))?"
    r"(?: (?P<when>last year|this year)\b)?"
)
# "the Sept. 18 national election", "snap elections on November 1": a day with no year
ELECTION_DAY = re.compile(
    rf"(?P<month>{MONTHS_AT_WORD})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?:[a-z-]+ ){{0,2}}"
    r"(?:elections?|polls?|vote)\b"
)
DAY_OF_ELECTION = re.compile(  # opening as MONTH_YEAR's
    r"(?:e(?<=\be)lections?|p(?<=\bp)olls?|v(?<=\bv)ote) (?:on|of|set for|scheduled for|due on) "
    rf"(?P<month>{MONTHS})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? \d)"
)
BEFORE_ELECTION = re.compile(
    r"\b(?P<n>\d{1,2}|[a-z]+) (?P<unit>days?|weeks?) (?:before|ahead of) (?:the |next |this )?"
    r"(?:[\w-]+ ){0,2}(?:elections?|polls?|vote)\b"
)
HANDOVER = dt.timedelta(days=120)  # an election's winner takes office within four months


def after_publication(published: dt.date, date: DateMention) -> bool:
    """Is a full-day mention later than publication? A day named only in words (a bare
    weekday, "earlier in the day" after one) that is the next day may be news from a
    time zone ahead of the page's date, so its verbs decide, not it."""
    day = dt.date.fromisoformat(date.value)
    worded = date.relative and not any(c.isdigit() for c in date.text)
    if worded and day == published + dt.timedelta(days=1):
        return False
    return day > published


def _last_weekday(on: dt.date, weekday: int) -> dt.date:
    return on - dt.timedelta(days=(on.weekday() - weekday) % 7)


def _last_day_of_month(on: dt.date, day: int) -> dt.date | None:
    """The latest date on or before ``on`` whose day of month is ``day``."""
    year, month = on.year, on.month
    for _ in range(3):
        if day <= calendar.monthrange(year, month)[1]:
            candidate = dt.date(year, month, day)
            if candidate <= on:
                return candidate
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return None


def stand_in_date(doc: ArticleDoc, rules: Rules) -> dt.date | None:
    """Without a publication date: the latest full date the text writes, else the news
    day counted back from a vote."""
    return latest_full_date(doc.text) or eve_of_election(doc, rules)


def anchor_year(doc: ArticleDoc, rules: Rules, stand_in: dt.date | None) -> int | None:
    """The article's year when no publication date is known, from leaders' terms."""
    if doc.meta.published:
        return doc.meta.published.year
    filed = url_year(doc.url)
    if filed:
        return filed  # "/2015/": the year the site files the article under
    took_office = _took_office_year(doc, rules)
    if took_office:
        return took_office
    if stand_in:
        return stand_in.year
    return _election_year(doc, rules)


def _took_office_year(doc: ArticleDoc, rules: Rules) -> int | None:
    """'Kishida, who took office in October last year': his term start, plus one."""
    for match in TOOK_OFFICE.finditer(doc.text):
        if not match.group("month") and not match.group("when"):
            continue
        sentence = doc.sentences[doc.sentence_at(match.start())] if doc.sentences else None
        if sentence is None:
            continue
        before = [m for m in doc.mentions if sentence.start <= m.start < match.start()]
        for mention in reversed(before):
            starts = [t.start for t in rules.terms_for(mention.name) if t.start]
            if match.group("month"):
                first = make_date("2000", match.group("month"), "1")
                in_month = [s for s in starts if first and s.month == first.month]
                # "since Biden took office in January": this year's January, his first
                starts = in_month if not match.group("when") else in_month or starts
            if starts:
                base = max(starts).year
                return base + 1 if match.group("when") == "last year" else base
    return None


def _election_days(text: str) -> list[re.Match[str]]:
    """Days of votes with no year: "the Sept. 18 election", "elections on November 1"
    (read once per article: three passes ask)."""
    if _ELECTION_DAYS[0] is not text:
        _ELECTION_DAYS[:] = [
            text,
            [m for p in (ELECTION_DAY, DAY_OF_ELECTION) for m in p.finditer(text)],
        ]
    days = _ELECTION_DAYS[1]
    return days if isinstance(days, list) else []


_ELECTION_DAYS: list[str | list[re.Match[str]]] = ["", []]  # the last text, its days


def _all_in_office(leaders: list[list[LeaderTerm]], on: dt.date) -> bool:
    """Every leader (given by all their terms) held some office on ``on``."""
    return all(any(t.in_office(on) for t in terms) for terms in leaders)


def _election_year(doc: ArticleDoc, rules: Rules) -> int | None:
    """'Regardless of who wins the Sept. 18 election': the one year, with every leader the
    article names in office on that day, after which a term of theirs began or ended
    within the handover time."""
    days = _election_days(doc.text)
    if not days:
        return None
    leaders = [rules.terms_for(name) for name in {m.name for m in doc.mentions if m.is_leader}]
    changes = [t.end for terms in leaders for t in terms if t.end]
    changes += [  # a rise to power, not a move from one office to another
        t.start
        for terms in leaders
        for t in terms
        if t.start and not any(o.in_office(t.start - dt.timedelta(days=1)) for o in terms)
    ]
    years: set[int] = set()
    for match in days:
        for change in changes:
            for year in (change.year - 1, change.year):
                voted = make_date(str(year), match.group("month"), match.group("day"))
                if voted and voted <= change <= voted + HANDOVER and _all_in_office(leaders, voted):
                    years.add(year)
    return years.pop() if len(years) == 1 else None


def eve_of_election(doc: ArticleDoc, rules: Rules) -> dt.date | None:
    """'Merkel said Sunday', 'two weeks before national elections', 'elections on
    November 1': the news day, in the one year with the leaders named in office, on
    which the days counted back from the vote fall on a weekday the article names. If
    no year has all of them in office (one may be a candidate), those of the sentence
    that counts must be."""
    before = list(BEFORE_ELECTION.finditer(doc.text))
    days = {(m.group("month"), m.group("day")) for m in _election_days(doc.text)}
    if len(before) != 1 or len(days) != 1:
        return None
    raw = before[0].group("n").lower()
    count = int(raw) if raw.isdigit() else rules.number_words.get(raw, 0)
    back = dt.timedelta(days=count * (7 if before[0].group("unit").startswith("week") else 1))
    weekdays = {_WEEKDAYS.index(fold(m.group("weekday"))) for m in WEEKDAY.finditer(doc.text)}
    if not count or not weekdays:
        return None
    (month, day) = days.pop()
    sentence = doc.sentences[doc.sentence_at(before[0].start())] if doc.sentences else None
    named = [m for m in doc.mentions if m.is_leader]
    local = {m.name for m in named if sentence and sentence.start <= m.start < sentence.end}
    for names in ({m.name for m in named}, local):
        leaders = [rules.terms_for(name) for name in names]
        starts = [t.start for terms in leaders for t in terms if t.start]
        found = set()
        for year in range(min(starts).year, dt.date.today().year + 1) if starts else ():
            voted = make_date(str(year), month, day)
            news = voted - back if voted else None
            if news and news.weekday() in weekdays and _all_in_office(leaders, news):
                found.add(news)
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def _is_stamp(text: str, start: int, end: int) -> bool:
    """A date that stamps the page, not a day of news: a dateline's ("Washington, 31
    December 1998 (RFE/RL) --"), or one in a line or "|" cell of metadata ("Published:
    12 Mar 2019 10:14", "DW | 21.12.2004")."""
    head = text[max(0, start - DATELINE_REACH) : start]
    opens_line = start <= DATELINE_REACH or "\n" in head
    if opens_line and DATELINE_BEFORE.search(head) and DATELINE_AFTER.match(text, end):
        return True
    reach = max(0, start - STAMP_REACH)
    begin = max(text.rfind("\n", reach, start), text.rfind("|", reach, start))
    if begin < 0 and start > STAMP_REACH:
        return False
    segment = STAMP_SEGMENT.match(text, end)
    tail = segment.group() if segment else ""
    if len(tail) > STAMP_REACH or tail.rstrip().endswith((".", "!", "?", '"', "”")):
        return False
    words = STAMP_WORD.findall(text[begin + 1 : start]) + STAMP_WORD.findall(tail)
    return len(words) <= MAX_STAMP_WORDS


def _on_weekday(day: dt.date, weekday: int) -> dt.date:
    """The day itself, or the same day a year either side, whichever falls on the weekday
    the text names with it."""
    for shift in YEAR_SHIFTS:
        candidate = make_date(str(day.year + shift), day.month, str(day.day))
        if candidate and candidate.weekday() == weekday:
            return candidate
    return day


def _event_days(text: str, worded: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Days written as the day of an event that is no meeting ("the Sept. 11 attacks")."""
    event = _event_after()
    return [match.span() for match in worded if event.match(text, match.end())]


@cache
def _event_after() -> re.Pattern[str]:
    """The words after a day that make it an event's: a short gap, then an event noun."""
    nouns = "|".join(rf"{re.escape(w)}s?" for w in date_events())
    return re.compile(rf"{EVENT_GAP}(?:{nouns})\b", re.IGNORECASE)


def _week_or_month(match: re.Match[str], published: dt.date) -> str | None:
    """The month (else the year) the days of "last week" or "earlier this month" fall in;
    a day is never known."""
    this = match.group("which").lower().endswith("this")
    if match.group("unit").lower() == "month":
        month = published.replace(day=1) if this else published.replace(day=1) - dt.timedelta(1)
        return month.isoformat()[:7]
    monday = published - dt.timedelta(days=published.weekday())
    first, last = (
        (monday, published) if this else (monday - dt.timedelta(7), monday - dt.timedelta(1))
    )
    if (first.year, first.month) == (last.year, last.month):
        return first.isoformat()[:7]
    return str(first.year) if first.year == last.year else None


def _undated_stamp(doc: ArticleDoc, rules: Rules, undated: list[re.Match[str]]) -> dt.date | None:
    """A dateline's day without its year, in the year the URL or the leaders' terms give."""
    if not undated:
        return None
    year = anchor_year(doc, rules, None)
    first = undated[0]
    return make_date(str(year), first.group("month"), first.group("day")) if year else None


def _written_day(published: dt.date | None, dateline: dt.date | None) -> dt.date | None:
    """The day a dateline gives the story when it is a day or two before the page's date
    (a paper printing on Nov. 8 what its correspondent filed "SEOUL, Nov. 7")."""
    if published and dateline and published - WRITTEN_BEFORE <= dateline < published:
        return dateline
    return None


def _page_stamp(doc: ArticleDoc) -> dt.date | None:
    """The date stamping the top of the page as scraped ("Tue 09 - May 2023 - 11:20"),
    for a date line the cleaning dropped without reading."""
    top = doc.raw[: _line_end(doc.raw, STAMP_LINES)]
    stamps = [(a, b, day) for a, b, day in _explicit_dates(top, doc.url) if _is_stamp(top, a, b)]
    return _first_published(top, stamps)


def _first_published(text: str, stamps: list[tuple[int, int, dt.date]]) -> dt.date | None:
    """The page's publication among its stamps: the latest not marked as an update
    ("Published 12 Mar 2019 | Updated 15 Mar 2019"), else the latest."""
    if not stamps:
        return None
    line_of = {a: text[max(0, a - STAMP_REACH) : a] for a, _, _ in stamps}
    first = [day for a, _, day in stamps if not UPDATED.search(line_of[a].rsplit("|", 1)[-1])]
    return max(first or [day for _, _, day in stamps])


def _line_end(text: str, lines: int) -> int:
    """Where the first ``lines`` lines of ``text`` end."""
    end = 0
    for _ in range(lines):
        end = text.find("\n", end) + 1
        if end == 0:
            return len(text)
    return end


def url_year(url: str | None) -> int | None:
    """The year a URL's path files the article under (/2015/), if any."""
    filed = _url_year_month(url)
    return filed[0] if filed else None


def _url_year_month(url: str | None) -> tuple[int, int | None] | None:
    """The year (and month) a URL's path files the article under: /2015/, /2023-01/."""
    match = URL_YEAR.search(url or "")
    if match is None:
        return None
    month = int(match.group("month")) if match.group("month") else None
    return int(match.group("year")), month if month and 1 <= month <= MONTHS_IN_YEAR else None


def _numeric_date(match: re.Match[str], hint: tuple[int, int | None] | None) -> dt.date | None:
    """A date written in figures: year first, or day first ("21.12.2004") unless only the
    other order makes a date, or the URL's month says it is month first ("03/01/2023")."""
    a, b, year = int(match.group("a")), int(match.group("b")), match.group("year")
    if match.group().startswith(year):
        return make_date(year, a, str(b))
    day_first, month_first = make_date(year, b, str(a)), make_date(year, a, str(b))
    if day_first and month_first and hint and hint[1] == a != b and match.group(2) != ".":
        return month_first
    return day_first or month_first


def _worded(text: str) -> list[re.Match[str]]:
    """Every day written with its month's name ("April 9", "9 April 2022"), once."""
    return [m for pattern in (FULL_MDY, FULL_DMY) for m in pattern.finditer(text)]


def yearless_days(text: str, year: int) -> list[dt.date]:
    """Days written with their month's name and no year ("Sept. 12"), read in ``year``:
    for a meeting whose year comes from elsewhere (a gathering's edition)."""
    days = []
    for match in _worded(text):
        day = None if match.group("year") else make_date(str(year), match["month"], match["day"])
        if day:
            days.append(day)
    return days


def _explicit_dates(
    text: str, url: str | None, worded: list[re.Match[str]] | None = None
) -> list[tuple[int, int, dt.date]]:
    """Every date written with its year, in any house style, as (start, end, date)."""
    found = []
    for match in _worded(text) if worded is None else worded:
        if match.group("year"):
            day = make_date(match.group("year"), match.group("month"), match.group("day"))
            if day:
                found.append((match.start(), match.end(), day))
    hint = _url_year_month(url)
    for pattern in (NUMERIC_YMD, NUMERIC_DMY):
        for match in pattern.finditer(text):
            day = _numeric_date(match, hint)
            if day:
                found.append((match.start(), match.end(), day))
    return sorted(found, key=lambda f: f[0])


# The date mentions of one article as they are found, and the stretches already taken.
@dataclass(slots=True)
class _Found:
    doc: ArticleDoc
    rules: Rules
    published: dt.date | None  # the publication date, else its stand-in
    year: int | None  # the article's year, however known
    taken: list[tuple[int, int]]
    worded: list[re.Match[str]]  # days written with their month's name
    dates: list[DateMention] = field(default_factory=list)
    written: dt.date | None = None  # the dateline's day, if the story was written before
    # The offsets the taken stretches cover, and the empty stretches' offsets in order:
    # an overlap is read from the new mention's own offsets, not from every stretch taken.
    covered: bytearray = field(default_factory=bytearray)
    hollow: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.covered = bytearray(len(self.doc.text) + 1)
        for a, b in self.taken:
            self._cover(a, b)

    def take(self, start: int, end: int) -> None:
        """Mark a stretch as taken: no later mention may overlap it."""
        self.taken.append((start, end))
        self._cover(start, end)

    def _cover(self, start: int, end: int) -> None:
        if start < end:
            low, high = max(start, 0), max(end, 0)  # no negative offset counts from the end
            self.covered[low:high] = b"\x01" * (high - low)
        elif start == end:
            insort(self.hollow, start)

    def overlaps(self, start: int, end: int) -> bool:
        """Does ``[start, end)`` overlap a stretch already taken?"""
        if end <= start:  # no offset of its own: the stretches are read whole
            return any(start < b and a < end for a, b in self.taken)
        if self.covered.find(1, max(start, 0), max(end, 0)) >= 0:
            return True
        at = bisect_right(self.hollow, start)
        return at < len(self.hollow) and self.hollow[at] < end

    def add(self, start: int, end: int, value: str | None, relative: bool) -> None:
        """Keep a mention unless it has no value, overlaps one already taken or starts a
        stretch of time ("since 2001")."""
        if value is None or self.overlaps(start, end):
            return
        if SINCE_BEFORE.search(self.doc.text, max(0, start - SINCE_REACH), start):
            return
        self.take(start, end)
        self.dates.append(DateMention(start, end, self.doc.text[start:end], value, relative))


def find_dates(doc: ArticleDoc, *, rules: Rules) -> ArticleDoc:
    """Add a DateMention for every date expression, as precise as the text allows."""
    text = doc.text
    worded = _worded(text)
    explicit = _explicit_dates(text, doc.url, worded)
    top_end = _line_end(text, STAMP_LINES)
    # the headline's date is the news ("Merkel meets Macron on March 5"), not a stamp
    top = range(doc.body_start, top_end)
    stamps = [(a, b, day) for a, b, day in explicit if a in top and _is_stamp(text, a, b)]
    # "BERLIN, March 7 (Reuters) -": a dateline's day with the year left out
    undated = [
        m
        for m in worded
        if m.start() in top and not m.group("year") and _is_stamp(text, m.start(), m.end())
    ]
    stand_in = None
    if not doc.meta.published:
        stand_in = (
            _first_published(text, stamps)
            or _page_stamp(doc)
            or _undated_stamp(doc, rules, undated)
            or max((day for _, _, day in explicit), default=None)
            or stand_in_date(doc, rules)
        )  # the page's stamps, else the latest date it writes, else the eve of a vote
    # a page's own stamps and "the Sept. 18 national election" are no meeting's day
    taken = [(a, b) for a, b, _ in stamps] + [m.span() for m in undated]
    taken += [m.span("day") for m in _election_days(text)] + _event_days(text, worded)
    year = anchor_year(doc, rules, stand_in)
    found = _Found(doc, rules, doc.meta.published or stand_in, year, taken, worded)
    found.written = _written_day(found.published, _undated_stamp(doc, rules, undated))
    _day_ranges(found)
    for start, end, day in explicit:
        named = WEEKDAY_BEFORE.search(text, max(0, start - WEEKDAY_REACH), start)
        if named:
            found.take(*named.span())  # "Thursday, March 7, 2019": one date
        found.add(start, end, day.isoformat(), False)
    for step in (_days_without_year, _months_and_years, _relative_days, _days_after):
        step(found)
    doc.dates = sorted(found.dates, key=lambda d: d.start)
    return doc


def _day_ranges(found: _Found) -> None:
    """The month of a stretch of days ("June 15-17", "20-22 June 2025"), as no one day of
    it is a meeting's more than another."""
    for match in DAY_RANGE.finditer(found.doc.text):
        month = match.group("month") or match.group("month2")
        year = int(match.group("year")) if match.group("year") else found.year
        first = make_date(str(year), month, "1") if year else None
        later = first and found.published and first > found.published + UPCOMING
        if first and later and not match.group("year"):
            first = first.replace(year=first.year - 1)
        value = first.isoformat()[:7] if first else None
        found.add(match.start(), match.end(), value, not match.group("year"))


def _days_without_year(found: _Found) -> None:
    """Days without a year ("April 9", "9 April"): in the article's year, unless well after
    publication; a weekday written with it ("Monday (Jan. 2)") is part of it, and settles
    a year guessed without a publication date (with one, it is a slip of the pen)."""
    text, year, published = found.doc.text, found.year, found.published
    for match in found.worded:
        if match.group("year") or year is None:
            continue
        written = make_date(str(year), match.group("month"), match.group("day"))
        if written and published and written > published + UPCOMING:
            written = make_date(str(year - 1), match.group("month"), match.group("day"))
        start = match.start()
        named = WEEKDAY_BEFORE.search(text, max(0, start - WEEKDAY_REACH), start)
        if written and named:
            found.take(*named.span())
            if not found.doc.meta.published:
                written = _on_weekday(written, _WEEKDAYS.index(fold(named.group("weekday"))))
        found.add(start, match.end(), written.isoformat() if written else None, True)


def _months_and_years(found: _Found) -> None:
    """A month or a year alone: "in March 2022", "their 2019 summit", "last November"."""
    text, published = found.doc.text, found.published
    for match in MONTH_YEAR.finditer(text):
        if TERM_START.search(text[max(0, match.start() - 30) : match.start()]):
            found.take(*match.span())  # "took office in October 2021": no event's
            continue
        number = make_date(match.group("year"), match.group("month"), "1")
        value = number.isoformat()[:7] if number else None
        found.add(match.start("month"), match.end(), value, False)
    for match in BARE_YEAR.finditer(text):
        # "their 2019 informal summit", "met in 2019": a year alone, for the news window
        if TERM_START.search(text[max(0, match.start() - 30) : match.start() + 3]):
            continue
        found.add(match.start("year"), match.end("year"), match.group("year"), False)
    for match in BARE_MONTH.finditer(text) if published else ():
        month = _bare_month(match, published) if published else None
        found.add(match.start("month"), match.end(), month, True)


def _bare_month(match: re.Match[str], published: dt.date) -> str | None:
    """The month nearest publication that "last November", "in October last year" or "in
    late December" allows."""
    first = make_date(str(published.year), match.group("month"), "1")
    if first is None:
        return None
    when = (match.group("when") or "").strip()
    if when:
        shift = {"last year": -1, "this year": 0, "next year": 1}[when]
        first = first.replace(year=first.year + shift)
    elif match.group("lead").lower() == "last":
        if first >= published.replace(day=1):
            first = first.replace(year=first.year - 1)
    elif first > published + UPCOMING:
        first = first.replace(year=first.year - 1)
    return first.isoformat()[:7]


def _relative_days(found: _Found) -> None:
    """Weekdays, "on the 23rd", "yesterday", "two days ago", "last week": counted back
    from publication, but for a bare weekday naming the next day (a weekday, or the 23rd,
    without one gives the year alone)."""
    text, year, published = found.doc.text, found.year, found.published
    for match in WEEKDAY.finditer(text):
        weekday = _WEEKDAYS.index(fold(match.group("weekday")))
        value = str(year) if year else None
        if published:
            on = _last_weekday(published, weekday)
            if match.group().startswith("last") and on == published:
                on -= dt.timedelta(days=7)  # "last Thursday" on a Thursday: a week back
            elif on == published - WEEK_EDGE and not match.group().startswith("last"):
                # the day after publication: a plan ("will meet on Saturday") or news from
                # a time zone ahead of the page's date ("held talks in Tokyo Wednesday")
                on = published + dt.timedelta(days=1)
            elif on < published and not match.group().startswith("last"):
                before = text[max(0, match.start() - FUTURE_REACH) : match.start()]
                if FUTURE_CLAUSE.search(before):
                    on += WEEK  # a plan: the coming weekday
            value = on.isoformat()
        found.add(match.start(), match.end(), value, True)
    for match in ORDINAL_DAY.finditer(text):
        value = str(year) if year else None
        if published:
            resolved = _last_day_of_month(published, int(match.group("day")))
            value = resolved.isoformat() if resolved else None
        found.add(match.start(), match.end(), value, True)
    if published is None:
        return
    for match in YESTERDAY.finditer(text):
        back = 1 if match.group("word").lower() in ("yesterday", "last night") else 0
        day = (found.written or published) - dt.timedelta(days=back)
        found.add(match.start(), match.end(), day.isoformat(), True)
    # the scans below are case-blind; a text without their words (folded: the case-blind
    # match of "ſ" or "K" is folded too) is not scanned at each of its words
    folded = fold(text)
    for match in DAYS_AGO.finditer(text) if "days ago" in folded else ():
        raw = match.group("n").lower()
        back = int(raw) if raw.isdigit() else found.rules.number_words.get(raw, 0)
        if 0 < back <= DAYS_AGO_LIMIT:
            day = published - dt.timedelta(days=back)
            found.add(match.start(), match.end(), day.isoformat(), True)
    for match in WEEK_OR_MONTH.finditer(text) if "week" in folded or "month" in folded else ():
        found.add(match.start(), match.end(), _week_or_month(match, published), True)


def _days_after(found: _Found) -> None:
    """Days counted from the last day the text gave: "the next day", "two days later",
    "earlier in the day"."""
    found.dates.sort(key=lambda d: d.start)
    folded = fold(found.doc.text)
    if not any(word in folded for word in DAYS_AFTER_WORDS):
        return
    for match in DAYS_AFTER.finditer(found.doc.text):
        earlier = [
            d for d in found.dates if d.end <= match.start() and len(d.value) == len("2000-01-01")
        ]
        if not earlier:
            continue
        raw = (match.group("n") or "").lower()
        number_words = found.rules.number_words
        shift = int(raw) if raw.isdigit() else number_words.get(raw, 1) if raw else 1
        if match.group("back"):
            shift = -1
        if match.group("same"):
            shift = 0  # "Earlier in the day, he met the emperor": the day just given
        last = max(earlier, key=lambda d: d.start)
        moved = dt.date.fromisoformat(last.value) + dt.timedelta(days=shift)
        found.add(match.start(), match.end(), moved.isoformat(), True)
