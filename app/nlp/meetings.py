"""Stage 6: assemble meetings from leaders, cues, dates and places.

A meeting is claimed by a sentence naming two or more sitting leaders together with a
cue that it took place ("met", "talks", "phone call") that is not planned ("will meet",
"ahead of"), or by such a pair followed by a sentence pointing back at them ("the two
leaders", "during their meeting"). Sentences that name a participant or point back
at the meeting afterwards belong to it; they supply its format, date, place,
duration, context, issues and statements.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from app.nlp.dates import SINCE_BEFORE, SINCE_REACH, after_publication, url_year
from app.nlp.doc import (
    ArticleDoc,
    DateMention,
    Mention,
    Participant,
    PlaceMention,
    Span,
    SummitRecord,
)
from app.nlp.gatherings import (
    MAX_DATE,
    MIN_DATE,
    TIME_BEFORE,
    fill_from_edition,
    pick_context,
)
from app.nlp.guard import guarded
from app.nlp.heads import HEAD, may_match, openings, required
from app.nlp.people import TERM_START, government_country
from app.nlp.places import arrival_or_venue, best_place, narrow_place
from app.nlp.rules import Rules, fold
from app.nlp.spans import around, starting_in

LOOKAHEAD_SENTENCES = 2
BARE_VERBS = frozenset({"meet", "host"})  # present-tense forms report plans, not meetings
PASSING_DAYS = 45  # a dated meeting this long before publication is mentioned in passing
LEAD_SENTENCES = 5  # the lead paragraph's sentences usually date the news
GATHERING_LEAD_SENTENCES = 2  # a gathering reported as a meeting is so in the lead
MIN_GATHERING_LEADERS = 2
MAX_SIDE_MEETING = 2  # a meeting of more of a gathering's members may be the gathering
VERB_KINDS = frozenset({"verb", "joint"})  # cues that report a meeting as done
STORY_DAYS = 7  # another day this close: the story (a visit, a gathering) spans several days
YEAR = re.compile(
    r"\b((?:19|20)\d{2})\b"
)  # a back-reference this close confirms a pair of leaders met
HEADLINE_SLIP = 2  # days a relative word may be off from the headline's written day
# "state media reported Tuesday", "the ministry said on Monday": the report's day
REPORTED_BEFORE = re.compile(
    r"\b(?:said|says|reported|reports|announced|confirmed|stated|added)(?: on| late| early)? $"
)
REPORTED_REACH = len("announced late ")
TARGET_YEAR = re.compile(r"\b(?:by|until|till|through|before) $")  # "by 2030": a goal
PREDICATE_WINDOW = 120  # characters after a meeting noun searched for its predicate
DATE_AFTER_CUE = 80  # characters from a meeting word to the date it takes
VERB_LENGTH_GAP = 30  # characters from a meeting verb to the length it lasted ("met for")
PLANNED_WINDOW = 45  # characters before a cue searched for "will", "ahead of", ...
# a cue's own clause starts after the last of these in the window before it
# a word opening with its letter, its word start checked behind it: a scan skips straight
# to the characters that can open
CLAUSE_SPLIT = re.compile(r",|;|:|a(?<=\ba)nd\b|a(?<=\ba)fter\b|w(?<=\bw)hen\b")
DURATION = re.compile(
    r"\b(?P<number>\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)(?P<half> and a half)?[- ]"
    r"(?P<unit>minutes?|hours?|hrs?)(?P<plus> and a half)?"
    r"(?: and (?P<minutes>\d+|[a-z]+(?:-[a-z]+)?) minutes?)?(?:-long)?\b"
    r"|\b(?P<long>hour|half-hour|day)-long\b"
)
DURATION_UNITS = ("hour", "minute", "hr", "day-long")  # every DURATION match holds one
# "originally scheduled for an hour, ran for 70 minutes": the plan is not the length
PLANNED_LENGTH = re.compile(
    r"\b(?:scheduled|planned|expected|supposed|slated|due)(?: to last| to run)?(?: for)?"
    r"(?: about| around| some| roughly)?\s*$"
)
FOR_BEFORE = re.compile(
    r"\bfor (?:about |approximately |around |nearly |some |roughly |almost |over |more than )?$"
)
LASTED_BEFORE = re.compile(
    r"\b(?:lasted|lasting|went on)\s+(?:for\s+)?(?:about |approximately |around |nearly |some "
    r"|roughly |almost |over |more than |just over |just under )?$"
)
# a capital first, its word start checked behind it: a scan skips straight to capitals
COUNTRY_PAIR = re.compile(r"([A-Z](?<=\b[A-Z])[\w.]+)-([A-Z][\w.]+)\s+")  # "Anglo-French summit"
MONTH_BEFORE = re.compile(r"(?:" + "|".join(m for m in calendar.month_name if m) + r")\s+$")
AFTERWARDS = re.compile(
    r"\W*(?:after|following|later|afterwards)\b(?: (?:the|their|that|this) "
    r"(?:summit|meeting|talks|visit|call))?",
    re.IGNORECASE,
)
WELCOME_TO = re.compile(r"\b(?:welcome|welcomed|welcoming|visit|visits)\s+(?:\w+\s+){0,2}to\s+$")
LEFT_FROM = re.compile(r"\b(?:from|leaving|left|departing|departed)\s+(?:the\s+)?$", re.IGNORECASE)
# "their first meeting since the bombing of the embassy in Belgrade", "the second such
# meeting after the first one in Buenos Aires": an earlier event's
SINCE_PLACE_BEFORE = re.compile(
    r"\b(?:since|(?:after|following) (?:the|their|his|her|a) (?:first|last|previous|earlier))\b"
    r"[^,;:]{0,80}$"
)
SINCE_WINDOW = 90  # characters before a place searched for "since"
CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but)\b|a(?<=\ba)nd (?:he|she|they)\b")  # as CLAUSE_SPLIT
WITH_OBJECT = re.compile(r"\bwith\b[^.;]{0,80}$", re.IGNORECASE)  # "met ... with A"
PRONOUN_OPENING = re.compile(  # "He also", "The president also"
    r"\W*(?:he|she|the (?:president|prime minister|premier|chancellor|king|queen|emir|sultan"
    r"|taoiseach))\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
DIRECT_OBJECT_GAP = 40  # "met Azerbaijani President Aliyev": a title at most between
NOUN_OPENING = re.compile(  # "Separate talks with", "His meeting with", not "During his"
    r"\W*(?:(?!(?:during|after|before|in|at|on|their|its)\b)[A-Za-z-]+\s+){0,2}$",
    re.IGNORECASE,
)
NOUN_WITH = re.compile(r"\s*(?:[a-z-]+\s+)?with\b", re.IGNORECASE)  # "(meetings) with"
LIST_GOES_ON = "a list of those taking part goes on"
LIST_OPENS_MEETING = "a list of those taking part opens under a meeting's word"
BULLET = re.compile(r"\s*(?:[•·▪◦*–-]|\d{1,2}[.)])\s")  # a list's line
LIST_OPENER = re.compile(
    r"(?:as follows|attended by|participants|took part|participated)[^.;]*:|:\s*$", re.IGNORECASE
)
DISTANCE_BEFORE = re.compile(  # "a week after", "days before", "months since"
    r"\b(?:days?|weeks?|months?|years?|decades?)\s*$", re.IGNORECASE
)
COMES_BEFORE = re.compile(  # "the visit comes weeks after", "the call came a day after"
    r"\b(?:comes|came|coming)(?:\s+[\w-]+){1,3}\s*$", re.IGNORECASE
)
FUTURE_PREDICATE = re.compile(  # "Kishida and Biden are expected to discuss ..."
    r"[\s,]+(?:(?:is|are) (?:\w+ )?(?:expected|scheduled|set|due|likely|to)\b|will\b|would\b|"
    r"(?:could|may|might|plan to|intend to)\b)",
    re.IGNORECASE,
)
# "agreed to hold", "decided to meet": a plan made, told in the past
RESOLVED = re.compile(
    r".*\b(?:agreed|decided|pledged|vowed|promised|resolved) to (?:hold|meet)$", re.IGNORECASE
)
RESOLVED_REACH = len("resolved ")
# "Biden urged Xi to rein in Pyongyang during their call": a request made, whose occasion
# (the noun after "during") was held though an infinitive came first
PAST_REQUEST = re.compile(r"(?:urged|asked|invited|pressed|encouraged)\b", re.IGNORECASE)
OCCASION_BEFORE = re.compile(
    r"\b(?:during|in the course of|at)\s+(?:a|an|the|their|his|her)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
OCCASION_REACH = 50
# "..., at their first stand-alone summit": the occasion of what the leaders did
AT_OWN_MEETING = re.compile(
    r"\b(?:(?:at|during) their|during (?:a|an|the)) (?:[\w-]+ ){0,3}$", re.IGNORECASE
)
AT_OWN_REACH = 50
AFTER_OWN_MEETING = re.compile(  # "..., after meeting in Dublin", "following their talks"
    r",\s*(?:after|following)\s+(?:(?:their|a|the)\s+)?(?:meeting|talks|holding talks)\b",
    re.IGNORECASE,
)
SAID_THAT = guarded(
    r"\b(?:said|says|stated|told|added|noted|stressed|emphasi[sz]ed|that)\b", re.IGNORECASE
)
TIMES = guarded(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|numerous|dozens of)"
    r" times\b",
    re.IGNORECASE,
)
# ", who was sworn in a day earlier,": a person's own doing, dated apart from the meeting
# "..., as Russia took over the CIS chair on January 1": a time or reason clause dates
# another event than the meeting
OTHER_EVENT_CLAUSE = re.compile(r",\s+(?:as|since|because)\s+[^,;:.]*$")
OTHER_EVENT_REACH = 90
WHO_CLAUSE = re.compile(r",\s+who(?:se)?\b[^,;()]*")
THEN = re.compile(r"\b(?:then|later|afterwards|subsequently|next)\b", re.IGNORECASE)
# "Immediately afterwards", "After the Quad session", "Before the tripartite session": a
# meeting held next to another, on its day
RIGHT_AFTER = re.compile(
    r"\W*(?:(?:immediately|shortly|soon|right|just) after(?:wards)?\b"
    r"|(?:after|following|before) (?:the|their|that|this) (?:[\w-]+ ){0,2}"
    r"(?:summit|meeting|session|talks|call|ceremony|dinner|lunch)\b)",
    re.IGNORECASE,
)
# "two days of talks between Clinton and Yeltsin": the talks of exactly the pair it names
PAIR_BETWEEN = re.compile(
    r"\b(?:talks|meetings?|summit|conversations?|calls?) between\b", re.IGNORECASE
)
AT_OWN_REASON = "a held meeting word is the occasion of what the leaders did"
# "with the President of the Russian Federation, ": a leader brought in by "with", the
# words between being his title, "the", "of" and capitalised words only
WITH_OWN = re.compile(r"\bwith\s+(?:(?:the|of|[A-Z][\w.'’-]*),?\s+){0,6}$")
WITH_REACH = 60
EACH_WITH = "leaders each brought in by their own 'with' met the speaker, not each other"
CONTRAST_PREPOSITION = re.compile(
    r"unlike|except|without|instead of|rather than|but not", re.IGNORECASE
)
# "Xi Jinping's absence", "Putin's special envoy": the possessive and the noun it owns
POSSESSIVE_AFTER = re.compile(r"['’]s?\s+((?:[\w-]+\s+){0,2}[\w-]+)")
OWN_PLACE = re.compile(
    r"\b(?:residence|palace|office|home|house|villa|estate|dacha|compound|mansion|retreat"
    r"|ranch|farm|hometown|guest|table|side|invitation|request|plane|jet|yacht|motorcade)\b",
    re.IGNORECASE,
)
POSSESSOR = "a leader named only as the owner of a noun is no participant"
ANOTHER_DAY = "the same leaders meeting on another day is another meeting"
OTHER_MEDIUM = "the same leaders by another medium on another dated day is another meeting"
REMOTE = frozenset({"phone", "video"})
MEDIA = REMOTE | {"in_person"}
CALL_ELSEWHERE = "the same leaders' call is its own record, so this one was in person"
COUNTED_REFERENCE = "its subject counts the last meeting of that many leaders"
COUNTED_AHEAD = "the next sentence counts the leaders as met"
NUMBER_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
COUNTED_LEADERS = re.compile(  # "The three presidents", "All four leaders"
    r"\W*(?:the|all|all the) (?P<count>three|four|five|six|seven|eight) "
    r"(?:leaders|presidents|prime ministers|premiers|heads of state|heads of government|men)\b",
    re.IGNORECASE,
)
CONTRASTED = "a leader set apart by a contrast meets no one with no meeting word"
UNDATED_SIDE_MEETING = "a sideline meeting no text dates has its month, not the page's day"
TOLD_PAIR_REFERRED = "'the two leaders' next are the pair of the meeting being told"
PAIR_MET_LATER = "a later sentence refers back to the meeting of the lead's pair"
SPEECH_SETTING = re.compile(  # a speech to a hall: "speaking at the plenary session"
    r"\b(?:plenary|general debate"
    r"|(?:addressing|in (?:his|her|a) (?:speech|address) (?:to|at|before)) the (?:[\w-]+ ){0,3}"
    r"(?:assembly|parliament|congress|(?<!press )(?<!news )conference|forum|summit|session)s?)\b",
    re.IGNORECASE,
)
PREVIOUS_SENTENCE_MEETING = "refers back to the meeting the previous sentence told"
PAIR_CALLED_LATER = "a later sentence calls the lead's pair 'the two leaders' and says they met"
CONVENED = re.compile(  # "convened a video-teleconference", "chaired the"
    r"\b(?:convened|convenes|chaired|chairs|hosted|hosts|organi[sz]ed|initiated)\s+"
    r"(?:a|an|the)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
CONVENER_WINDOW = 60  # characters before a meeting noun searched for its convener's verb
CONVENER_REACH = 3  # sentences back a meeting's convener may be named
CONVENED_REASON = "the leader who convened the meeting took part"
ONE_OF_A_KIND = re.compile(r"\b(?:a|an|the|one)\s+$", re.IGNORECASE)  # "a call with A and B"
CONFERENCE_CALL = re.compile(r"\b(?:conference|joint|group|three-way|trilateral)\b", re.IGNORECASE)
SEPARATE = re.compile(
    r"\b(separate(ly)?|respectively|bilateral (?:meetings?|talks|summit)|bilaterals"
    r"|one-on-one (?:meetings?|talks)"  # "A and B held a bilateral meeting": a pair's own
    # "met other regional leaders, such as presidents A and B": examples of his meetings
    r"|(?:leaders|heads of state|heads of government|counterparts),? such as)\b",
    re.IGNORECASE,
)
# "X met A and B on the sidelines of the summit": a gathering's side meetings are one
# counterpart at a time, unless the sentence says they sat together (CONFERENCE_CALL)
SIDELINES = re.compile(r"\bon the (?:sidelines?|margins?|fringes?) of\b", re.IGNORECASE)
AS_A_GROUP = re.compile(r"\b(?:together|jointly|all three|the three|the four)\b", re.IGNORECASE)


# A meeting as it is being assembled.
@dataclass(slots=True)
class _Draft:
    participants: dict[str, Mention]
    sentences: list[int]
    claim: int
    formats: list[str] = field(default_factory=list)
    anchor: int | None = None  # where a round-up's own words for this meeting start
    gathering: str | None = None  # a gathering reported as a meeting of its own
    decisions: list[str] = field(default_factory=list)  # why it is a meeting, in order
    day: str | None = None  # the day its claim's meeting word takes, if it takes one
    medium: frozenset[str] = frozenset()  # in person, phone, video: what its claims' held words say


# A word reporting a meeting, and whether it is reported as held (not planned).
@dataclass(frozen=True, slots=True)
class _Cue:
    format: str
    kind: str
    start: int
    end: int
    held: bool


# A decision on a claim or a draft: keep it or not, and why.
@dataclass(frozen=True, slots=True)
class Verdict:
    keep: bool
    reason: str


def _cues(sentence: Span, rules: Rules) -> list[_Cue]:
    """Meeting cues in a sentence, each marked held or planned (memoised: several stages
    ask for the same sentence)."""
    key = (id(rules), sentence.start, sentence.text)
    found = _CUE_MEMO.get(key)
    if found is None:
        # a sentence the article writes again (a lead repeated, a list) has the same cues
        # at its own offsets: they are found once per text
        relative = _CUES_OF_TEXT.get((id(rules), sentence.text))
        if relative is None:
            relative = _CUES_OF_TEXT[id(rules), sentence.text] = _find_cues(sentence.text, rules)
        base = sentence.start
        found = _CUE_MEMO[key] = [
            _Cue(c.format, c.kind, base + c.start, base + c.end, c.held) for c in relative
        ]
    return found


_CUE_MEMO: dict[tuple[int, int, str], list[_Cue]] = {}
_CUES_OF_TEXT: dict[tuple[int, str], list[_Cue]] = {}  # offsets in the sentence


def clear_cue_memo() -> None:
    """Forget the memoised cues and clauses (benchmarks clear them between passes)."""
    _CUE_MEMO.clear()
    _CUES_OF_TEXT.clear()
    _CLAUSE_MEMO.clear()
    _CLAUSES_OF_TEXT.clear()


def _find_cues(text: str, rules: Rules) -> list[_Cue]:
    """The cues of a sentence's text, at offsets in it."""
    cues = []
    # a sentence about the future ("Abe is to visit Chengdu after the meeting with Xi")
    # makes its meeting nouns planned; only a verb in the past still reports a meeting
    # (searched once, and only when a meeting noun needs it)
    future: int | None = -1
    for (fmt, kind, _), match in _cue_matches(text, rules):
        occasion = False
        begin, finish = match.span()
        held = match.group().lower() not in BARE_VERBS  # "to meet", "will host": never done
        if held and kind == "noun":
            if future == -1:
                future = _future_from(text, rules)
            occasion = future is not None and _occasion_of_request(text, future, begin)
            held = future is None or future >= begin or occasion
        if held:
            before = text[max(0, begin - PLANNED_WINDOW) : begin]
            # the request's own "to" is no plan of its occasion
            clause = "" if occasion else CLAUSE_SPLIT.split(before)[-1]
            after = text[finish : finish + PLANNED_WINDOW]
            held = not _planned_around(clause, after, rules)
        if held and kind == "noun" and _planned_predicate(text, finish, rules):
            held = False
        if held and _counted(text, finish):
            held = False  # "has met Macron more than 20 times": a fact, not this meeting
        cues.append(_Cue(fmt, kind, begin, finish, held))
    return sorted(cues, key=lambda c: c.start)


def _occasion_of_request(text: str, future: int, begin: int) -> bool:
    """Is the meeting noun at ``begin`` the occasion of a request already made, the
    sentence's turn to the future being only what was asked ("invited Ramaphosa to attend
    the G7 during a telephone conversation on April 26")?"""
    return bool(
        PAST_REQUEST.match(text, future)
        and OCCASION_BEFORE.search(text[max(future, begin - OCCASION_REACH) : begin])
    )


def _planned_around(before: str, after: str, rules: Rules) -> bool:
    """Do the words just before a cue in its clause, or just after it, make it planned?
    (Each case-blind alternation is tried only where its words may be.)"""
    if may_match(rules.planned_before, before) and rules.planned_before.search(before):
        return True
    return may_match(rules.planned_after, after) and bool(rules.planned_after.search(after))


def _future_from(text: str, rules: Rules) -> int | None:
    """Where a sentence turns to the future, if it does; "agreed to hold annual summits"
    is a plan the leaders made, so a meeting noun after it may still be theirs ("..., at
    their first stand-alone summit")."""
    if not may_match(rules.planned_before, text):
        return None
    for found in rules.planned_before.finditer(text):
        if not RESOLVED.match(text, max(0, found.start() - RESOLVED_REACH), found.end()):
            return found.start()
    return None


# A cue pattern opens with "(?<![\w-])(?=[class])": it can only match at a word start
# whose first character is in that class.
GUARD_CLASS = re.compile(r"\(\?<!\[\\w-\]\)\(\?=\[((?:\\.|[^\\\]])+)\]\)")


@dataclass(frozen=True, slots=True)
class _CueIndex:
    opening: re.Pattern[str]  # any word start a guarded cue pattern may match at
    classes: tuple[re.Pattern[str] | None, ...]  # each pattern's first character class
    by_char: dict[str, tuple[int, ...]]  # which guarded patterns a first character opens
    openings: tuple[dict[int, frozenset[str]] | None, ...]  # each pattern's first letters
    by_head: dict[str, tuple[int, ...]]  # which guarded patterns a word's first letters open
    needs: tuple[frozenset[str] | None, ...]  # strings one of which each match contains


_CUE_INDEX: dict[int, _CueIndex] = {}


def _cue_index(rules: Rules) -> _CueIndex:
    """The guard classes of the cue patterns, read once per rule set."""
    index = _CUE_INDEX.get(id(rules))
    if index is None:
        classes: list[re.Pattern[str] | None] = []
        bodies = []
        for _, _, pattern in rules.meeting_cues:
            found = GUARD_CLASS.match(pattern.pattern)
            classes.append(re.compile(f"[{found.group(1)}]", pattern.flags) if found else None)
            if found:
                bodies.append(found.group(1))
        opening = re.compile(rf"(?<![\w-])[{''.join(bodies) or 'a'}]", re.IGNORECASE)
        needs = tuple(required(pattern) for _, _, pattern in rules.meeting_cues)
        index = _CueIndex(opening, tuple(classes), {}, _cue_openings(rules), {}, needs)
        _CUE_INDEX.clear()
        _CUE_INDEX[id(rules)] = index
    return index


def _cue_matches(
    text: str, rules: Rules
) -> list[tuple[tuple[str, str, re.Pattern[str]], re.Match[str]]]:
    """Every cue pattern's ``finditer`` matches, pattern by pattern: a guarded pattern is
    tried only at the word starts its first character class allows (one scan of the
    sentence for all of them), so the matches are finditer's own."""
    index = _cue_index(rules)
    starts: list[list[int]] = [[] for _ in index.classes]
    by_char = index.by_char
    by_head = index.by_head
    for opened in index.opening.finditer(text):
        position = opened.start()
        head = text[position : position + HEAD]
        narrowed = by_head.get(head)
        if narrowed is None:
            char = opened.group()
            rows = by_char.get(char)
            if rows is None:
                rows = tuple(
                    i for i, cls in enumerate(index.classes) if cls is not None and cls.match(char)
                )
                by_char[char] = rows
            narrowed = by_head[head] = _opened_by(index, rows, head)
        for i in narrowed:
            starts[i].append(position)
    found: list[tuple[tuple[str, str, re.Pattern[str]], re.Match[str]]] = []
    lowered = text.lower()
    for row, cls, positions, needs in zip(
        rules.meeting_cues, index.classes, starts, index.needs, strict=True
    ):
        pattern = row[2]
        if cls is None:
            if needs is None or any(need in lowered for need in needs):
                found += [(row, match) for match in pattern.finditer(text)]
            continue
        reach = 0
        for position in positions:
            if position < reach:
                continue
            match = pattern.match(text, position)
            if match is not None:
                found.append((row, match))
                reach = max(match.end(), position + 1)
    return found


def _cue_openings(rules: Rules) -> tuple[dict[int, frozenset[str]] | None, ...]:
    """Each cue pattern's possible first letters, grouped by their length."""
    found: list[dict[int, frozenset[str]] | None] = []
    for _, _, pattern in rules.meeting_cues:
        letters = openings(pattern)
        if letters is None:
            found.append(None)
            continue
        by_length: dict[int, set[str]] = {}
        for opening in letters:
            by_length.setdefault(len(opening), set()).add(opening)
        found.append({length: frozenset(group) for length, group in by_length.items()})
    return tuple(found)


def _opened_by(index: _CueIndex, rows: tuple[int, ...], head: str) -> tuple[int, ...]:
    """The patterns of ``rows`` that may match at a word opening with ``head``; a head
    with a letter outside ASCII keeps them all (case folding may join it to one)."""
    if len(index.by_head) > MAX_HEADS:
        index.by_head.clear()
    if not head.isascii():
        return rows
    lower = head.lower()
    kept = []
    for i in rows:
        by_length = index.openings[i]
        if by_length is None or any(lower[:n] in group for n, group in by_length.items()):
            kept.append(i)
    return tuple(kept)


MAX_HEADS = 65536


def _planned_predicate(text: str, end: int, rules: Rules) -> bool:
    """Does the meeting noun ending at ``end`` have a future or cancelled predicate in its
    clause ("the meeting between A and B is due to take place", "talks ..., scheduled
    for May, will focus on trade", "a summit planned for Friday was postponed")?"""
    window = text[end : end + PREDICATE_WINDOW]
    # "During the meeting, Erdogan stated that cooperation will continue": what was said
    # there is no predicate of the meeting
    stop = min(
        (m for m in (CLAUSE_BREAK.search(window), SAID_THAT.search(window)) if m),
        key=lambda m: m.start(),
        default=None,
    )
    return bool(rules.planned_predicate.search(window[: stop.start()] if stop else window))


def _counted(text: str, end: int) -> bool:
    """Does a count of occasions follow the cue in its clause ("met him 20 times")?"""
    window = text[end : end + PREDICATE_WINDOW]
    stop = CLAUSE_BREAK.search(window)
    return bool(TIMES.search(window[: stop.start()] if stop else window))


def _reported_as_held(
    doc: ArticleDoc, draft: _Draft, cues_by_sentence: dict[int, list[_Cue]]
) -> Verdict:
    """A meeting named only by nouns ("Abe's visit", "the meeting") must not be dated
    outside the news window, unless a verb reports it done or it was a call."""
    for i in draft.sentences:
        for cue in cues_by_sentence.get(i, []):
            if cue.held and (cue.kind in VERB_KINDS or cue.format != "in_person"):
                return Verdict(True, "a verb or a call reports it held")
    date = _pick_date(doc, draft, [doc.sentences[i] for i in draft.sentences])
    if date is None or doc.meta.published is None:
        return Verdict(True, "nothing dates it outside the news window")
    published = doc.meta.published
    value = date.value + "-01-01"[len(date.value) - 4 :] if len(date.value) < 10 else date.value
    day = dt.date.fromisoformat(value)
    full_day = len(date.value) == len("2000-01-01")
    ahead = after_publication(published, date) if full_day else day > published
    if not ahead and (published - day).days <= PASSING_DAYS:
        return Verdict(True, "dated within the news window")
    return Verdict(False, "only nouns name it, dated outside the news window")


def _out_of_window(doc: ArticleDoc, sentence: Span) -> bool:
    """Whether a sentence's own full date puts its meeting outside the news window."""
    published = doc.meta.published
    if published is None:
        return False
    own = [d for d in doc.dates if sentence.start <= d.start < sentence.end]
    if own and all(len(d.value) == len("2000") for d in own):
        # only a year ("their 2019 summit"): outside the window when it ended long before
        return any((published - dt.date(int(d.value), 12, 31)).days > PASSING_DAYS for d in own)
    for date in own:
        if len(date.value) < len("2000-01"):
            continue
        if len(date.value) == len("2000-01"):  # a month: judged by its last day
            year, month = map(int, date.value.split("-"))
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
            return (published - last).days > PASSING_DAYS
        day = dt.date.fromisoformat(date.value)
        return after_publication(published, date) or (published - day).days > PASSING_DAYS
    return False


def _nearest_cue(cues: list[_Cue], leaders: list[Mention]) -> _Cue | None:
    """The cue closest to the leaders it would join (a sentence can hold several)."""
    if not cues or not leaders:
        return None
    lo, hi = min(m.start for m in leaders), max(m.end for m in leaders)

    def distance(cue: _Cue) -> int:
        return 0 if lo <= cue.start <= hi else min(abs(cue.start - hi), abs(lo - cue.end))

    return min(cues, key=distance)


def _format_of(formats: list[str]) -> str:
    """Video or phone when any cue says so; a phone call when the leaders "spoke" and
    nothing says they met in person ("discussed" fits both); in person otherwise."""
    for wanted in ("video", "phone"):
        if wanted in formats:
            return wanted
    if "speak" in formats and "in_person" not in formats:
        return "phone"  # "Biden spoke with Netanyahu on Sunday; they discussed": a call
    return "in_person"


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in around(spans, offset, offset))


def _minister_acts(doc: ArticleDoc, sentence: Span, cue: _Cue) -> bool:
    """A verb whose subject is a minister or envoy ("Secretary of State Antony Blinken met
    Chinese President Xi Jinping ... and conveyed President Biden's hope"): his meeting,
    not one between the leaders the sentence names; so is one whose subject is someone no
    longer or not yet a leader ("Foreign Minister Eduard Shevardnadze discussed")."""
    if cue.kind not in VERB_KINDS:
        return False
    near = starting_in(doc.mentions, sentence.start, cue.start + 1)
    before = [m for m in near if sentence.start <= m.start and m.end <= cue.start]
    return bool(before) and not before[-1].is_leader


def _leaders_in(doc: ArticleDoc, sentence: Span, quoted: list[tuple[int, int]]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for mention in starting_in(doc.mentions, sentence.start, sentence.end):
        if sentence.start <= mention.start < sentence.end and mention.is_leader:
            if _inside(mention.start, quoted):
                continue
            seen.setdefault(mention.name, mention)
    return list(seen.values())


def _refers_back(sentence: Span, rules: Rules) -> bool:
    return any(p.search(sentence.text) for p in rules.meeting_refs.values())


def _headline_draft(
    doc: ArticleDoc, body: list[int], quoted: list[tuple[int, int]], rules: Rules
) -> _Draft | None:
    """A meeting only the headline reports ("Vladimir Putin held talks with President of
    Kazakhstan Kassym-Jomart Tokayev" over a transcript): two leaders and a verb of a
    meeting held; the body sentences naming them belong to it."""
    heads = [i for i, s in enumerate(doc.sentences) if s.start < doc.body_start]
    for i in heads:
        leaders = _headline_pair(doc, doc.sentences[i], quoted, rules)
        if leaders is None:
            continue
        names = {m.name for m in leaders}
        sentences = [i] + [
            j
            for j in body
            if names & {m.name for m in _leaders_in(doc, doc.sentences[j], quoted)}
            or _refers_back(doc.sentences[j], rules)
        ]
        if any(_planned_for(doc, j, names, quoted, rules) for j in sentences[1:]):
            continue  # "Kishida meets Yoon" over "Kishida will meet Yoon on Friday"
        formats = [c.format for j in sentences for c in _cues(doc.sentences[j], rules) if c.held]
        return _Draft({m.name: m for m in leaders}, sentences, i, formats or ["in_person"])
    return None


def _headline_pair(
    doc: ArticleDoc, sentence: Span, quoted: list[tuple[int, int]], rules: Rules
) -> list[Mention] | None:
    """Two leaders a headline's held verb joins, the first of them before it."""
    leaders = _leaders_in(doc, sentence, quoted)
    cues = [c for c in _cues(sentence, rules) if c.held and c.kind in VERB_KINDS]
    if len(leaders) != 2 or not cues or _out_of_window(doc, sentence):
        return None
    if not any(m.start < cues[0].start for m in leaders):
        return None  # "Blinken meets Xi, conveys Biden's message": someone else met
    return leaders


def _planned_for(
    doc: ArticleDoc, index: int, names: set[str], quoted: list[tuple[int, int]], rules: Rules
) -> bool:
    """Does a body sentence naming both leaders put their meeting in the future?"""
    sentence = doc.sentences[index]
    cues = _cues(sentence, rules)
    if not cues or any(c.held for c in cues):
        return False
    return names <= {m.name for m in _leaders_in(doc, sentence, quoted)}


def _gathering_draft(
    doc: ArticleDoc,
    body: list[int],
    quoted: list[tuple[int, int]],
    others: list[_Draft],
    rules: Rules,
) -> _Draft | None:
    """The gathering itself when the lead reports its leaders acting together ("NATO
    leaders promised Ukraine ..."); its participants are the members' leaders the article
    names, except those kept away ("in the absence of President Putin", "by video")."""
    lead = _gathering_lead(doc, body, rules)
    if lead is None:
        return None
    i, gathering = lead
    participants: dict[str, Mention] = {}
    sentences = [i]
    for mention in _members_named(doc, gathering, quoted, rules):
        participants.setdefault(mention.name, mention)
        where = doc.sentence_at(mention.start)
        if not any(where in d.sentences for d in others):
            sentences.append(where)  # the sideline meetings keep their own sentences
    if len(participants) < MIN_GATHERING_LEADERS:
        return None
    names = [n for n, g in rules.gathering_bodies.items() if g == gathering]
    for j in body:
        # "Most G20 members condemn Russia's invasion": what the gathering dealt with
        text = doc.sentences[j].text
        if any(re.search(rf"\b{re.escape(n)}\b", text) for n in names) and not any(
            j in d.sentences for d in others
        ):
            sentences.append(j)
    # "The BRICS leaders held a video conference": the lead's own words give the format
    formats = [c.format for c in _cues(doc.sentences[i], rules) if c.held] or ["in_person"]
    return _Draft(participants, sorted(set(sentences)), i, formats, None, gathering=gathering)


def _members_named(
    doc: ArticleDoc, gathering: str, quoted: list[tuple[int, int]], rules: Rules
) -> list[Mention]:
    """The body's mentions of member countries' leaders in office then, not kept away."""
    on = doc.meta.published or doc.reference_date
    members = {
        code
        for code, since, until in rules.gathering_members.get(gathering, ())
        if on is None or since <= on.year <= (until or on.year)
    }
    return [
        m
        for m in doc.mentions
        if m.start >= doc.body_start
        and m.is_leader
        and m.text
        and m.country in members
        and not _inside(m.start, quoted)
        and not _kept_away(doc, m, rules)
    ]


def _gathering_lead(doc: ArticleDoc, body: list[int], rules: Rules) -> tuple[int, str] | None:
    """The lead sentence reporting a gathering held, and which gathering."""
    if rules.gathering_lead is None:
        return None
    for i in body[:GATHERING_LEAD_SENTENCES]:
        sentence = doc.sentences[i]
        match = rules.gathering_lead.search(sentence.text)
        if match is None or rules.planned_before.search(match.group("gap")):
            continue
        if TIME_BEFORE.search(sentence.text[max(0, match.start() - 40) : match.start()]):
            continue  # "before the G-20 summit began": a time, not the news
        if _out_of_window(doc, sentence):
            continue
        return i, rules.gathering_bodies[match.group("a") or match.group("b") or match.group("c")]
    return None


def _named_by_countries(sentence: Span, drafts: list[_Draft], rules: Rules) -> _Draft | None:
    """The meeting a compound of two countries or two leaders names ("the Anglo-French
    summit", "the Obama-Castro meeting")."""
    for match in COUNTRY_PAIR.finditer(sentence.text):
        if not rules.place_nouns.match(sentence.text, match.end()):
            continue
        codes = _pair_codes(match, rules)
        surnames = {fold(part) for part in match.group(1, 2)}
        for draft in reversed(drafts):
            countries = {m.country for m in draft.participants.values()}
            names = {fold(word) for name in draft.participants for word in name.split()}
            if (len(codes) == 2 and codes <= countries) or surnames <= names:
                return draft
    return None


def _names_its_sides(context: str, participants: list[Participant], rules: Rules) -> bool:
    """Does a gathering's name ("EU-China Summit") name exactly the participants' sides?"""
    match = COUNTRY_PAIR.search(context)
    if not match:
        return False
    sides = _pair_codes(match, rules)
    return len(sides) == 2 and sides == {p.country for p in participants}


def _pair_codes(match: re.Match[str], rules: Rules) -> set[str]:
    """The countries the two halves of "Anglo-French" or "EU-China" name, where each
    names exactly one (a name, a demonym or a combining form)."""
    codes = set()
    for part in match.group(1, 2):
        key = fold(part)
        found = rules.country_index.get(key) or (rules.country_prefixes.get(key),)
        if len(found) == 1 and found[0]:
            codes.add(found[0])
    return codes


def _split_roundup(
    sentence: Span, leaders: list[Mention], cues: list[_Cue]
) -> list[tuple[list[Mention], int | None]]:
    """One subject meeting several leaders in turn is several meetings, each with the
    offset its own words start at (their date follows there).

    "X held separate talks with A and B" gives X-A and X-B; so does "X met A on Thursday
    and held talks with B on Saturday" (each cue takes the leaders up to the next cue).
    """
    if len(leaders) < 3 or not cues:
        return [(leaders, None)]
    # "In later phone calls, Erdogan spoke to A, B and C": the cues after the subject
    first_leader = min(m.start for m in leaders)
    cues = [c for c in cues if c.start > first_leader] or cues
    first_cue = min(c.start for c in cues)
    subjects = [m for m in leaders if m.start < first_cue]
    objects = [m for m in leaders if m.start >= first_cue]
    if len(subjects) != 1 or len(objects) < 2:
        return [(leaders, None)]
    segments = _roundup_segments(sentence, objects, cues, first_cue)
    separate = (
        SEPARATE.search(sentence.text) is not None
        or _calls_only(sentence, cues)
        or _side_meetings(sentence.text)
    )
    groups: list[tuple[list[Mention], int | None]] = []
    for members, start in segments:
        if separate:
            groups += [([subjects[0], m], start) for m in members]
        else:
            groups.append(([subjects[0], *members], start))
    return groups if len(groups) > 1 else [(leaders, None)]


def _side_meetings(text: str) -> bool:
    """Meetings held on a gathering's sidelines, with no word that the leaders met as a
    group: bilaterals, one a counterpart."""
    if SIDELINES.search(text) is None:
        return False
    return CONFERENCE_CALL.search(text) is None and AS_A_GROUP.search(text) is None


# What one pass of meeting assembly knows about the article.
@dataclass(slots=True)
class _Assembly:
    doc: ArticleDoc
    rules: Rules
    quoted: list[tuple[int, int]]  # direct quotes: leaders named inside them meet no one
    body: list[int]
    cues_by_sentence: dict[int, list[_Cue]]
    drafts: list[_Draft] = field(default_factory=list)


# One body sentence read as a claim that leaders met.
@dataclass(slots=True)
class _Claim:
    index: int
    position: int  # its place among the body sentences
    sentence: Span
    leaders: list[Mention]
    cues: list[_Cue]  # the held cues
    nearest: _Cue | None  # the cue (held or not) closest to the leaders
    names: set[str]
    known: set[str]  # leaders already in a meeting before this sentence
    notes: list[str] = field(default_factory=list)  # decisions taken reading it


def _read_claim(state: _Assembly, position: int, index: int) -> _Claim:
    """A body sentence's leaders and cues, without a joint cue the leaders only reported."""
    doc = state.doc
    sentence = doc.sentences[index]
    leaders = _leaders_in(doc, sentence, state.quoted)
    every = state.cues_by_sentence[index]
    held = [c for c in every if c.held]  # formats come from every held cue
    subject = _implied_subject(state, sentence, leaders, held)
    if subject is not None:
        leaders = [subject, *leaders]
    owners = _possessors(doc, sentence, leaders, every)
    if owners:
        leaders = [m for m in leaders if m not in owners]
    leaders, every, aside = _outside_set_apart(sentence, leaders, every, state.rules)
    claim = _Claim(
        index,
        position,
        sentence,
        leaders,
        held,
        _nearest_cue(every, leaders),
        {m.name for m in leaders},
        {name for d in state.drafts for name in d.participants},
    )
    if aside:
        claim.notes.append("leaders of a clause set apart are not its participants")
    if owners:
        claim.notes.append(POSSESSOR)
    if subject is not None:
        claim.notes.append("the story's leader is the subject no name gives")
    reason = _reported_joint_cue(claim)
    if reason:
        dropped = claim.nearest
        claim.cues = [c for c in claim.cues if c is not dropped]
        claim.nearest = _nearest_cue([c for c in every if c is not dropped], leaders)
        claim.notes.append(reason)
    return claim


def _possessors(
    doc: ArticleDoc, sentence: Span, leaders: list[Mention], cues: list[_Cue]
) -> list[Mention]:
    """ "to discuss Xi Jinping's absence", "Putin's envoy met Modi": a leader the sentence
    names once, as the owner of a noun that is no meeting word ("Kishida's talks with Modi"
    keeps him), is what is talked about or whose aide acts, not a participant."""
    found = []
    for m in leaders:
        owned = POSSESSIVE_AFTER.match(doc.text, m.end) if m.kind in ("name", "surname") else None
        if owned is None:
            continue
        if any(c.kind == "noun" and owned.start(1) <= c.start < owned.end(1) for c in cues):
            continue
        if OWN_PLACE.search(owned.group(1)):
            continue  # "visited Duterte's modest home": the host
        if sentence.text.count(m.text.split()[-1]) == 1:
            found.append(m)
    return found


def _outside_set_apart(
    sentence: Span, leaders: list[Mention], cues: list[_Cue], rules: Rules
) -> tuple[list[Mention], list[_Cue], bool]:
    """The leaders and cues outside clauses set apart, when a held cue is left there."""
    aside = _set_apart(sentence, cues, rules)
    if not aside:
        return leaders, cues, False
    kept_leaders = [m for m in leaders if not _inside(m.start, aside)]
    kept_cues = [c for c in cues if not _inside(c.start, aside)]
    # "X met leaders of the Balkans following a dinner hosted by Y": one leader left
    # with a meeting word of his own met people the sentence does not name
    if kept_leaders and any(c.held for c in kept_cues):
        return kept_leaders, kept_cues, True
    # "praised Kim on Monday, a week after their summit in Hanoi": the only meeting is
    # one set back in time, so the leaders outside it claim none here
    distant = [
        (start, end)
        for start, end in aside
        if DISTANCE_BEFORE.search(sentence.text[: start - sentence.start])
    ]
    if (
        len(kept_leaders) >= 2
        and distant
        and all(_inside(c.start, distant) for c in cues if c.held)
    ):
        return kept_leaders, kept_cues, True
    # "The visit comes weeks after King X held talks with Y": what the sentence tells
    # comes after that meeting, which it only recalls
    recalled = [
        (start, end)
        for start, end in distant
        if COMES_BEFORE.search(sentence.text[: start - sentence.start])
    ]
    if recalled:
        return kept_leaders, kept_cues, True
    return leaders, cues, False


def _implied_subject(
    state: _Assembly, sentence: Span, leaders: list[Mention], held: list[_Cue]
) -> Mention | None:
    """ "Bilateral meetings with the presidents of Portugal and Honduras took place as
    well", "His Highness separately met with A; B; and C": meetings "with" leaders whose
    own side no name gives are the story's leader's, the one named most so far."""
    if not leaders or not held:
        return None
    cue = held[0]
    if cue.kind == "joint" or any(m.start < cue.start for m in leaders):
        return None
    if not _opens_on_meeting(state.doc, sentence, cue, leaders[0]):
        return None
    return _story_leader(state.doc, sentence.start, {m.name for m in leaders})


def _opens_on_meeting(doc: ArticleDoc, sentence: Span, cue: _Cue, first: Mention) -> bool:
    """ "The visiting head of state also met with A" (no one named acts before the verb),
    "Bilateral meetings with A" (the sentence opens on the noun)."""
    between = doc.text[cue.end : first.start]
    opening = doc.text[sentence.start : cue.start]
    if cue.kind == "verb":
        # "He also met Azerbaijani President Aliyev": a pronoun no name resolved
        direct = (
            PRONOUN_OPENING.match(opening)
            and len(between) <= DIRECT_OBJECT_GAP
            and not ("," in between or ";" in between)
        )
        return bool(direct or WITH_OBJECT.search(between)) and not any(
            sentence.start <= m.start < cue.start for m in doc.mentions
        )
    return bool(NOUN_OPENING.match(opening) and NOUN_WITH.match(between))


def _story_leader(doc: ArticleDoc, before: int, others: set[str]) -> Mention | None:
    """The leader named most often before ``before``, if one leads."""
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for mention in doc.mentions:
        if mention.start >= before:
            break
        if mention.is_leader and mention.name not in others and mention.text:
            counts[mention.name] = counts.get(mention.name, 0) + 1
            first.setdefault(mention.name, mention)
    if not counts:
        return None
    best = max(counts.values())
    leading = [name for name, count in counts.items() if count == best]
    return first[leading[0]] if len(leading) == 1 else None


def _clauses(sentence: Span, rules: Rules) -> list[tuple[int, int, str | None]]:
    """The sentence cut at ";", ", and", ", but" and at words that open a clause set apart
    ("after", "unlike"); each piece with the kind of word that opens it (memoised as the
    cues are: several decisions ask for the same sentence)."""
    key = (id(rules), sentence.start, sentence.text)
    found = _CLAUSE_MEMO.get(key)
    if found is None:
        # cut once per text, as the cues are: a repeated sentence has the same clauses
        relative = _CLAUSES_OF_TEXT.get((id(rules), sentence.text))
        if relative is None:
            relative = _CLAUSES_OF_TEXT[id(rules), sentence.text] = _cut_clauses(
                sentence.text, rules
            )
        base = sentence.start
        found = _CLAUSE_MEMO[key] = [(base + a, base + b, kind) for a, b, kind in relative]
    return found


_CLAUSE_MEMO: dict[tuple[int, int, str], list[tuple[int, int, str | None]]] = {}
_CLAUSES_OF_TEXT: dict[tuple[int, str], list[tuple[int, int, str | None]]] = {}


def _cut_clauses(text: str, rules: Rules) -> list[tuple[int, int, str | None]]:
    """The clauses of a sentence's text, at offsets in it."""
    cuts: list[tuple[int, str | None]] = [(0, None)]
    cuts += [(m.start(), None) for m in CLAUSE_BREAK.finditer(text)]
    for kind, pattern in rules.clause_marks.items():
        if not may_match(pattern, text):
            continue
        for m in pattern.finditer(text):
            cuts.append((m.start(), kind))
            # "Unlike Xi, Modi met Kishida": a preposition sets apart its noun phrase only
            comma = text.find(",", m.end())
            if kind == "contrast" and comma > 0 and CONTRAST_PREPOSITION.fullmatch(m.group()):
                cuts.append((comma, None))
    cuts.sort(key=lambda cut: cut[0])
    bounds = [start for start, _ in cuts[1:]] + [len(text)]
    return list(zip([start for start, _ in cuts], bounds, [kind for _, kind in cuts], strict=True))


def _set_apart(sentence: Span, cues: list[_Cue], rules: Rules) -> list[tuple[int, int]]:
    """Clauses whose leaders take no part in the sentence's meeting: a background or time
    clause ("after Moon and Kim met earlier"), a contrast with no meeting of its own
    ("unlike Putin"), a plan ("and he plans a call with Major")."""
    aside = []
    for start, end, kind in _clauses(sentence, rules):
        own = [c for c in cues if start <= c.start < end]
        held = any(c.held for c in own)
        if kind == "background" or (kind == "contrast" and not held) or (own and not held):
            aside.append((start, end))
    # "Kohl and Mitterrand, who had proposed Dehaene, met for breakfast": a relative clause
    # with no meeting word of its own tells about its leader, not whom he met
    for found in WHO_CLAUSE.finditer(sentence.text):
        start, end = sentence.start + found.start(), sentence.start + found.end()
        if not any(start <= c.start < end and c.held for c in cues):
            aside.append((start, end))
    return aside


def _reported_joint_cue(claim: _Claim) -> str | None:
    """ "agreed to follow the consensus reached by Xi and Biden": a joint cue with fewer
    than two leaders before it reports their earlier talks, not a meeting here."""
    nearest = claim.nearest
    if (
        nearest
        and nearest.kind == "joint"
        and sum(m.start < nearest.start for m in claim.leaders) < 2
    ):
        return "a joint cue the leaders only report is not their meeting"
    return None


def _needs_two_leaders(claim: _Claim, _state: _Assembly) -> Verdict | None:
    """A meeting needs two leaders named outside quotes."""
    if len(claim.leaders) < 2:
        return Verdict(False, "fewer than two leaders named")
    return None


def _each_after_with(claim: _Claim, state: _Assembly) -> Verdict | None:
    """ "spoke with the President of Russia, Vladimir Putin, and then with the President of
    Ukraine": leaders each brought in by a "with" of their own met the one who spoke (or
    whoever the sentence leaves unnamed), not each other."""
    text = state.doc.text
    objects = set()
    begin = claim.sentence.start
    for m in sorted(claim.leaders, key=lambda m: m.start):
        # no other leader between the "with" and this one ("with Mr Blair, Spanish Prime
        # Minister Aznar said": Aznar is the subject)
        if m.end > m.start and WITH_OWN.search(text, max(begin, m.start - WITH_REACH), m.start):
            objects.add(m.name)
        begin = max(begin, m.end)
    if len(claim.names) >= 2 and objects == claim.names:
        return Verdict(False, EACH_WITH)
    return None


def _joins_earlier_meeting(claim: _Claim, state: _Assembly) -> Verdict | None:
    """ "The President invited King Abdullah, on a visit, to join the call": a leader
    joining a meeting already told, with one of its participants, makes no new one."""
    if (
        state.drafts
        and claim.names & claim.known
        and claim.names - claim.known
        and state.rules.meeting_refs["joined"].search(claim.sentence.text)
    ):
        return Verdict(False, "a leader joining an earlier meeting makes no new one")
    return None


def _planned_cue(claim: _Claim, _state: _Assembly) -> Verdict | None:
    """ "will meet", "ahead of talks": the cue nearest the leaders is not reported as held;
    unless a clause after them tells their own meeting held ("A and B agreed to hold annual
    summits, after meeting in Dublin")."""
    if claim.nearest is not None and not claim.nearest.held and not _after_own_meeting(claim):
        if _at_own_meeting(claim):
            claim.notes.append(AT_OWN_REASON)
            return None
        return Verdict(False, "the nearest meeting word is planned")
    return None


def _at_own_meeting(claim: _Claim) -> bool:
    """ "A, B and C agreed to hold summits every year, at their first stand-alone summit":
    a held meeting word after every leader, in an "at their ..." phrase, is the occasion
    of what they did, whatever plan the nearer word tells."""
    text = claim.sentence.text
    base = claim.sentence.start
    last = max(m.end for m in claim.leaders)
    return any(
        c.kind == "noun"
        and c.start > last
        and AT_OWN_MEETING.search(text, max(0, c.start - base - AT_OWN_REACH), c.start - base)
        for c in claim.cues
    )


def _after_own_meeting(claim: _Claim) -> bool:
    """ "..., after meeting in Dublin", "following their talks": a meeting word opening a
    time clause that names no leader, after every leader of the sentence (a plan in the
    main clause does not reach back into it)."""
    found = AFTER_OWN_MEETING.search(claim.sentence.text)
    if found is None:
        return False
    at = claim.sentence.start + found.start()
    return all(m.end <= at for m in claim.leaders)


def _contrasted_leader(claim: _Claim, state: _Assembly) -> Verdict | None:
    """ "Unlike Kazakhstan's Nazarbayev, Kravchuk had resisted ...": with no meeting word, a
    leader in a contrast clause is set against the other, not met by him."""
    if claim.nearest is not None:
        return None
    if _contrasts_a_leader(claim.sentence, claim.leaders, state.rules):
        return Verdict(False, CONTRASTED)
    return None


def _contrasts_a_leader(sentence: Span, leaders: list[Mention], rules: Rules) -> bool:
    """Whether one of the leaders stands in a contrast clause ("Unlike A, B ...")."""
    contrasts = [
        (start, end) for start, end, kind in _clauses(sentence, rules) if kind == "contrast"
    ]
    return bool(contrasts) and any(_inside(m.start, contrasts) for m in leaders)


def _unconfirmed_pair(claim: _Claim, state: _Assembly) -> Verdict | None:
    """Two leaders with no cue meet only if a next sentence says they did ("the two
    leaders discussed ..."); three or more need a cue of their own."""
    if claim.nearest is not None:
        return None
    if FUTURE_PREDICATE.match(state.doc.text, max(m.end for m in claim.leaders)):
        return Verdict(False, "no meeting word, and the leaders' verb is to come")
    told = _last_pair_told(claim, state)
    if len(claim.leaders) == 2 and _confirmed_ahead(claim, state, refers=not told):
        return None
    if len(claim.names) > 2 and _counted_ahead(claim, state):
        claim.notes.append(COUNTED_AHEAD)
        return None
    if told and len(claim.leaders) == 2 and _confirmed_ahead(claim, state, refers=True):
        return Verdict(False, TOLD_PAIR_REFERRED)
    return Verdict(False, "no meeting word, and no next sentence says they met")


def _last_pair_told(claim: _Claim, state: _Assembly) -> bool:
    """Is the story still on a meeting of two that holds one of the claim's leaders (the
    sentence before is that meeting's)? Then "the two leaders" next is that pair ("Thatcher
    said sanctions would not bring Botha to the table. The two leaders also discussed")."""
    if not state.drafts or claim.position == 0:
        return False
    last = state.drafts[-1]
    return (
        state.body[claim.position - 1] in last.sentences
        and len(last.participants) == 2
        and len(claim.names & set(last.participants)) == 1
    )


def _counted_ahead(claim: _Claim, state: _Assembly) -> bool:
    """ "A, B and C signed an accord. The three presidents met for an hour before": the next
    sentence counts the lead's leaders as its subject and says they met."""
    if claim.position + 1 >= len(state.body):
        return False
    j = state.body[claim.position + 1]
    found = COUNTED_LEADERS.match(state.doc.sentences[j].text)
    return (
        found is not None
        and NUMBER_WORDS.get(found.group("count").lower()) == len(claim.names)
        and any(c.held and c.kind != "joint" for c in state.cues_by_sentence[j])
    )


def _confirmed_ahead(claim: _Claim, state: _Assembly, *, refers: bool = True) -> bool:
    """A held cue in one of the next sentences that refers back (unless ``refers`` is
    false) or names one of them."""
    doc, body = state.doc, state.body
    ahead = body[claim.position + 1 : claim.position + 1 + LOOKAHEAD_SENTENCES]
    return any(
        any(c.held and c.kind != "joint" for c in state.cues_by_sentence[j])
        and not _out_of_window(doc, doc.sentences[j])
        and (
            (refers and _refers_back(doc.sentences[j], state.rules))
            or claim.names & {m.name for m in _leaders_in(doc, doc.sentences[j], state.quoted)}
        )
        for j in ahead
    )


def _dated_elsewhere(claim: _Claim, state: _Assembly) -> Verdict | None:
    """A full date after publication (planned) or long before it (in passing): the one
    the meeting word takes ("recalled on Monday his first meeting with Trump in May
    2017"), else the sentence's."""
    doc = state.doc
    own = _date_after(claim, state)
    if own is not None and doc.meta.published is not None:
        out = _value_out_of_window(doc.meta.published, own)
    else:
        out = _out_of_window(doc, claim.sentence) and not _dates_since(claim, state)
    if out:
        return Verdict(False, "dated outside the news window")
    return None


def _dates_since(claim: _Claim, state: _Assembly) -> bool:
    """ "held talks with Erdogan, his first meeting with a NATO leader since the invasion
    in February": every date of the sentence is an earlier event's, in a "since" phrase
    after its meeting word."""
    text, sentence = state.doc.text, claim.sentence
    ends = [c.end for c in claim.cues]
    dates = [d for d in state.doc.dates if sentence.start <= d.start < sentence.end]
    return bool(ends and dates) and all(_since_earlier(text, d.start, ends) for d in dates)


def _date_after(claim: _Claim, state: _Assembly) -> DateMention | None:
    """The date the nearest cue takes: the first after it in its clause and close to it
    ("his first meeting with X in May 2017"), else the last before it there ("who
    visited Washington in 2017 for talks with Trump")."""
    return None if claim.nearest is None else _date_taken(state.doc, claim.sentence, claim.nearest)


def _date_taken(doc: ArticleDoc, sentence: Span, cue: _Cue) -> DateMention | None:
    """The date a cue takes in its sentence (see ``_date_after``)."""
    text = doc.text
    own = starting_in(doc.dates, sentence.start, sentence.end)
    inside = [d for d in own if sentence.start <= d.start < sentence.end]
    after = [d for d in inside if d.start >= cue.end]
    before = [d for d in inside if d.end <= cue.start]
    if after and _close(text[cue.end : after[0].start]):
        return after[0]
    if before and _close(text[before[-1].end : cue.start]):
        return before[-1]
    return None


def _close(gap: str) -> bool:
    """Is a date this gap away from a cue in its clause?"""
    return len(gap) <= DATE_AFTER_CUE and "," not in gap and not CLAUSE_BREAK.search(gap)


def _value_out_of_window(published: dt.date, date: DateMention) -> bool:
    """Is a year, a month or a day after publication or long before it?"""
    value = date.value
    if len(value) == len("2000"):  # a year: judged by its last day
        return (published - dt.date(int(value), 12, 31)).days > PASSING_DAYS
    if len(value) == len("2000-01"):  # a month: judged by its last day
        year, month = map(int, value.split("-"))
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return (published - last).days > PASSING_DAYS
    day = dt.date.fromisoformat(value)
    return after_publication(published, date) or (published - day).days > PASSING_DAYS


def _looks_back(claim: _Claim, _state: _Assembly) -> Verdict | None:
    """ "The two leaders ..." with no cue, naming only leaders already met: a look-back."""
    if claim.nearest is None and claim.names <= claim.known:
        return Verdict(False, "no cue, and only leaders already met")
    return None


def _subject_is_last_meeting(claim: _Claim, state: _Assembly) -> Verdict | None:
    """ "The two leaders also met X": the subject is the previous meeting's participants."""
    if (
        state.drafts
        and claim.nearest is not None
        and state.rules.meeting_refs["participants"].search(
            state.doc.text[claim.sentence.start : claim.nearest.start]
        )
    ):
        return Verdict(False, "its subject is the last meeting's participants")
    return None


def _held_cue(claim: _Claim, _state: _Assembly) -> Verdict | None:
    """A cue reported as held, nearest the leaders."""
    if claim.nearest is not None:
        return Verdict(True, "a held meeting word joins the leaders")
    return None


def _next_sentence_confirms(_claim: _Claim, _state: _Assembly) -> Verdict | None:
    """The pair survived every filter with no cue: a next sentence confirmed them."""
    return Verdict(True, "a next sentence says the pair met")


# Tried in order: the first verdict decides whether a sentence claims a new meeting.
CLAIM_CASCADE = (
    _needs_two_leaders,
    _each_after_with,
    _joins_earlier_meeting,
    _planned_cue,
    _contrasted_leader,
    _unconfirmed_pair,
    _dated_elsewhere,
    _looks_back,
    _subject_is_last_meeting,
    _held_cue,
    _next_sentence_confirms,
)


def judge_claim(claim: _Claim, state: _Assembly) -> Verdict:
    """The first verdict of the claim cascade."""
    for decide in CLAIM_CASCADE:
        verdict = decide(claim, state)
        if verdict is not None:
            return verdict
    raise AssertionError("the cascade ends in a verdict")  # pragma: no cover


def _by_countries(claim: _Claim, state: _Assembly) -> tuple[_Draft, str] | None:
    """ "The Anglo-French summit", "the Obama-Castro meeting" names its meeting."""
    target = _named_by_countries(claim.sentence, state.drafts, state.rules)
    return (target, "a country pair names the meeting") if target else None


def _by_participant(claim: _Claim, state: _Assembly) -> tuple[_Draft, str] | None:
    """The latest meeting of a leader the sentence names."""
    for draft in reversed(state.drafts):
        if claim.names & set(draft.participants):
            return draft, "names a participant"
    return None


def _by_reference(claim: _Claim, state: _Assembly) -> tuple[_Draft, str] | None:
    """ "The two leaders", "during their meeting": the last meeting."""
    if state.drafts and _refers_back(claim.sentence, state.rules):
        # "Before it, A and B met alone. The three leaders then met ... They discussed":
        # the meeting the previous sentence told, though an earlier one was named later
        previous = state.body[claim.position - 1] if claim.position else -1
        told = [d for d in state.drafts if previous in d.sentences]
        if len(told) == 1 and told[0] is not state.drafts[-1]:
            return told[0], PREVIOUS_SENTENCE_MEETING
        return state.drafts[-1], "refers back to the last meeting"
    return None


def _by_count(claim: _Claim, state: _Assembly) -> tuple[_Draft, str] | None:
    """ "The three leaders also agreed ...": the last meeting of that many leaders (none
    when the count is of a round-up's separate guests)."""
    found = COUNTED_LEADERS.match(claim.sentence.text)
    if found is None:
        return None
    count = NUMBER_WORDS.get(found.group("count").lower())
    for draft in reversed(state.drafts):
        if len(draft.participants) == count:
            return draft, COUNTED_REFERENCE
    return None


# Tried in order: the meeting a sentence that claims none belongs to.
TARGET_CASCADE = (_by_countries, _by_participant, _by_reference, _by_count)


def _joins_own_side(claim: _Claim, state: _Assembly, target: _Draft | None) -> _Draft | None:
    """ "Raffarin was also involved in talks": a new leader joins his own side's meeting."""
    joining = [m for m in claim.leaders if m.name not in claim.known]
    if not (
        joining and state.drafts and state.rules.meeting_refs["joined"].search(claim.sentence.text)
    ):
        return target
    countries = {m.country for m in joining}
    target = next(
        (
            d
            for d in reversed(state.drafts)
            if countries & {m.country for m in d.participants.values()}
        ),
        state.drafts[-1],
    )
    for mention in joining:
        target.participants.setdefault(mention.name, mention)
    _note(target, "a leader joined his side's meeting")
    return target


def _continues_list(claim: _Claim, state: _Assembly) -> _Draft | None:
    """A bulleted line right after a meeting's sentence that opens a list of those taking
    part ("participated as follows:", "attended by:") or after another such line."""
    if claim.position == 0 or not BULLET.match(claim.sentence.text):
        return None
    previous = state.body[claim.position - 1]
    if not state.drafts or previous not in state.drafts[-1].sentences:
        return _list_opens_meeting(claim, state, previous)
    draft = state.drafts[-1]
    text = state.doc.sentences[previous].text
    if LIST_OPENER.search(text):
        return draft
    # another line of a list already opened (a list of news items is not one meeting)
    return draft if BULLET.match(text) and LIST_GOES_ON in draft.decisions else None


def _list_opens_meeting(claim: _Claim, state: _Assembly, previous: int) -> _Draft | None:
    """The first line of a list of those taking part under a line announcing it with a
    meeting's word ("Conversation participants:", "The summit was attended by:") starts that
    meeting: its leaders stand one a line, so no one sentence names two of them."""
    text = state.doc.sentences[previous].text
    cues = [c for c in state.cues_by_sentence.get(previous, ()) if c.held]
    if not cues or not claim.leaders or not LIST_OPENER.search(text):
        return None
    draft = _Draft({}, [previous], previous, [c.format for c in cues])
    state.drafts.append(draft)
    _note(draft, LIST_OPENS_MEETING)
    return draft


def _attach(claim: _Claim, state: _Assembly) -> None:
    """A sentence that claims no meeting of its own belongs to the meeting it names or
    points back at; a round-up's meetings share what follows about "their talks"."""
    listed = _continues_list(claim, state)
    if listed is not None:
        for mention in claim.leaders:
            listed.participants.setdefault(mention.name, mention)
        listed.sentences.append(claim.index)
        _note(listed, LIST_GOES_ON)
        return
    found = next((t for rule in TARGET_CASCADE if (t := rule(claim, state))), None)
    target = _joins_own_side(claim, state, found[0] if found else None)
    if target is None:
        return
    dated = _sentence_day(claim, state)
    if claim.names <= set(target.participants) and _other_medium(target, claim.cues, dated):
        # "They had spoken by telephone on May 2": the call told of them is another meeting
        _add(state.drafts, list(target.participants.values()), claim.index, claim.cues, dated=dated)
        return
    joining = any(m.name not in claim.known for m in claim.leaders)
    shared = claim.names.isdisjoint(target.participants) and not joining
    for draft in state.drafts if shared else [target]:
        if draft is target or draft.claim == target.claim:
            draft.sentences.append(claim.index)
            draft.formats.extend(c.format for c in claim.cues)
            if found and found[0] is target:
                _note(draft, found[1])


def _note(draft: _Draft, reason: str) -> None:
    if reason not in draft.decisions:
        draft.decisions.append(reason)


def _two_participants(draft: _Draft, _state: _Assembly) -> Verdict:
    """A meeting needs two leaders."""
    if len(draft.participants) < 2:
        return Verdict(False, "fewer than two participants")
    return Verdict(True, "two or more participants")


def _held_not_passing(draft: _Draft, state: _Assembly) -> Verdict:
    """A meeting named only by nouns and dated outside the news window is mentioned in
    passing ("Abe's visit last year"), unless a verb reports it done or it was a call."""
    return _reported_as_held(state.doc, draft, state.cues_by_sentence)


def _two_sides(draft: _Draft, _state: _Assembly) -> Verdict:
    """A president receiving his own prime minister is home politics, not a summit."""
    countries = {m.country for m in draft.participants.values()}
    if len(countries) == 1 and None not in countries:
        return Verdict(False, "every participant is of one country")
    return Verdict(True, "leaders of two or more sides")


# Every draft must pass all of these to be a meeting.
def _other_medium_told(draft: _Draft, state: _Assembly) -> Verdict:
    """A call split off a visit by its own day is a record when the article tells what the
    leaders did in it (a word of talking, a request made there, a sentence of its own);
    "they had spoken by telephone on May 2" alone is the visit's background."""
    if OTHER_MEDIUM not in draft.decisions:
        return Verdict(True, "one medium")
    claim = state.doc.sentences[draft.claim]
    told = (
        len(set(draft.sentences)) > 1
        or any(c.format == "talk" for c in state.cues_by_sentence.get(draft.claim, []))
        or PAST_REQUEST.search(claim.text) is not None
    )
    if told:
        return Verdict(True, "the article tells what the leaders did in the other medium")
    return Verdict(False, "another medium's meeting only mentioned")


DRAFT_FILTERS = (_two_participants, _two_sides, _held_not_passing, _other_medium_told)


def _roundup_segments(
    sentence: Span, objects: list[Mention], cues: list[_Cue], first_cue: int
) -> list[tuple[list[Mention], int]]:
    """The objects each cue (or word of time order: "spoke with A and later with B")
    takes, up to the next one, with the offset it starts at."""
    links = [sentence.start + m.start() for m in THEN.finditer(sentence.text)]
    starts = sorted({c.start for c in cues} | {x for x in links if x > first_cue})
    bounds = [*starts, sentence.end]
    segments = [
        ([m for m in objects if bounds[k] <= m.start < bounds[k + 1]], bounds[k])
        for k in range(len(starts))
    ]
    return [(members, start) for members, start in segments if members]


def _calls_only(sentence: Span, cues: list[_Cue]) -> bool:
    """One leader calling several others ("phoned A and B", "in later phone calls ... spoke
    to A, B and C") makes one call each: a conference call says so."""
    if CONFERENCE_CALL.search(sentence.text):
        return False
    text, base = sentence.text, sentence.start
    if any(
        c.kind == "noun"
        and text[c.end - base - 1 : c.end - base].lower() != "s"
        and ONE_OF_A_KIND.search(text[max(0, c.start - base - 20) : c.start - base])
        for c in cues
    ):
        return False  # "had a telephone conversation with A, B and C": one call
    formats = {c.format for c in cues}
    return formats <= {"phone", "speak", "talk"} and bool(formats & {"phone", "speak"})


def find_summits(doc: ArticleDoc, *, rules: Rules) -> ArticleDoc:
    """Turn sentences about leaders meeting into SummitRecords."""
    clear_cue_memo()  # it holds this article's sentences, however many: none is another's
    state = _assembly(doc, rules)
    for position, i in enumerate(state.body):
        _read_sentence(state, position, i)
    body = state.body
    kept = _filter_drafts(state)
    if not kept:
        headline = _headline_draft(doc, body, state.quoted, rules)
        if headline is not None:
            _note(headline, "only the headline reports the meeting")
            kept.append(headline)
    if not kept:
        later = _pair_met_later(state)
        checks = [decide(later, state) for decide in DRAFT_FILTERS] if later else []
        if later is not None and all(v.keep for v in checks):
            for reason in [PAIR_MET_LATER, *(v.reason for v in checks)]:
                _note(later, reason)
            kept.append(later)
    gathering = _gathering_draft(doc, body, state.quoted, kept, rules)
    if gathering is not None:
        _note(gathering, "the lead reports a gathering's leaders acting together")
        verdicts = [(d, _outside_gathering(d, gathering, state)) for d in kept]
        for draft, verdict in verdicts:
            if not verdict.keep and len(draft.participants) > MAX_SIDE_MEETING:
                gathering.sentences.extend(draft.sentences)  # the same event, told twice
                gathering.formats.extend(draft.formats)
                _note(gathering, verdict.reason)
        kept = [d for d, verdict in verdicts if verdict.keep]
        twice = [d for d in kept if set(gathering.participants) <= set(d.participants)]
        for draft in twice:
            _drop_absent(draft, gathering, state)
        if not twice:
            kept.append(gathering)  # else its leaders already make a meeting: told twice
    doc.summits = [_finish(doc, draft, rules, kept) for draft in kept]
    _assign_quotes(doc, kept, rules)
    return doc


def _assembly(doc: ArticleDoc, rules: Rules) -> _Assembly:
    """The body sentences and their cues, minus those a minister's own meeting uses."""
    body = [i for i, s in enumerate(doc.sentences) if s.start >= doc.body_start]
    return _Assembly(
        doc,
        rules,
        [(q.start, q.end) for q in doc.quotes if q.kind == "direct"],
        body,
        {
            i: [
                c
                for c in _cues(doc.sentences[i], rules)
                if not _minister_acts(doc, doc.sentences[i], c)
            ]
            for i in body
        },
    )


def _read_sentence(state: _Assembly, position: int, index: int) -> Verdict:
    """A sentence either claims meetings (a round-up several) or joins one."""
    claim = _read_claim(state, position, index)
    verdict = judge_claim(claim, state)
    if verdict.keep:
        groups = _split_roundup(claim.sentence, claim.leaders, claim.cues)
        # "Xi later met Modi separately": not the larger meeting of theirs told again
        own = len(groups) > 1 or bool(
            SEPARATE.search(claim.sentence.text)
            or THEN.search(claim.sentence.text)
            or PAIR_BETWEEN.search(claim.sentence.text)
        )
        convener = _convener(claim, state) if len(groups) == 1 else None
        for group, anchor in groups:
            draft = _add(
                state.drafts,
                group,
                index,
                claim.cues,
                anchor,
                pair=own,
                day=_own_day(claim, state),
                dated=_sentence_day(claim, state),
            )
            for reason in [*claim.notes, verdict.reason]:
                _note(draft, reason)
            if convener is not None:
                mention, where = convener
                draft.participants.setdefault(mention.name, mention)
                draft.sentences = sorted({*draft.sentences, where})
                draft.formats.extend(c.format for c in state.cues_by_sentence[where] if c.held)
                _note(draft, CONVENED_REASON)
    else:
        _attach(claim, state)
    return verdict


def _own_day(claim: _Claim, state: _Assembly) -> str | None:
    """The day (a full date) the claim's meeting verb takes after it, if it takes one ("held
    talks with Duterte in Manila on Thursday"; not "arrived on Wednesday for a visit")."""
    cue = claim.nearest
    if cue is None or cue.kind != "verb" or not cue.held:
        return None
    date = _date_after(claim, state)
    if date is None or date.start < cue.end or len(date.value) != len("2000-01-01"):
        return None
    return date.value


def _sentence_day(claim: _Claim, state: _Assembly) -> str | None:
    """The one full date the claim sentence names, if it names exactly one."""
    sentence = claim.sentence
    days = {
        d.value
        for d in starting_in(state.doc.dates, sentence.start, sentence.end)
        if sentence.start <= d.start < sentence.end and len(d.value) == len("2000-01-01")
    }
    return days.pop() if len(days) == 1 else None


def _convener(claim: _Claim, state: _Assembly) -> tuple[Mention, int] | None:
    """ "Ramaphosa convened a video conference of the Bureau ... All members took part in
    the meeting as follows: ...": the one leader who convened (chaired, hosted) the meeting
    a claim points back at, a sentence or two before, took part in it; that sentence tells
    of the meeting too (its format, its date)."""
    if not state.rules.meeting_refs["meeting"].search(claim.sentence.text):
        return None
    doc = state.doc
    for j in state.body[max(0, claim.position - CONVENER_REACH) : claim.position]:
        sentence = doc.sentences[j]
        if any(j in d.sentences for d in state.drafts):
            continue
        leaders = [m for m in _leaders_in(doc, sentence, state.quoted) if m.name not in claim.names]
        if len({m.name for m in leaders}) != 1:
            continue
        for cue in state.cues_by_sentence.get(j, []):
            opening = doc.text[max(sentence.start, cue.start - CONVENER_WINDOW) : cue.start]
            held_noun = cue.held and cue.kind == "noun"
            if held_noun and leaders[0].start < cue.start and CONVENED.search(opening):
                return leaders[0], j
    return None


def _pair_met_later(state: _Assembly) -> _Draft | None:
    """ "In a warm greeting, Clinton told Mandela ...; ... was not taken up during the
    meeting": in an article that claims no meeting, the one pair of leaders its lead names
    together met, when a later sentence naming no one else refers back to their meeting,
    or calls them "the two leaders" and says they met."""
    doc, rules = state.doc, state.rules
    published = doc.meta.published
    pairs = [
        (i, leaders)
        for i in state.body[:GATHERING_LEAD_SENTENCES]
        if len(leaders := _leaders_in(doc, doc.sentences[i], state.quoted)) == 2
        and not _out_of_window(doc, doc.sentences[i])
        and not any(not c.held for c in state.cues_by_sentence[i])
        and not _contrasts_a_leader(doc.sentences[i], leaders, rules)
    ]
    if len({frozenset(m.name for m in leaders) for _, leaders in pairs}) != 1:
        return None
    claim, leaders = pairs[0]
    names = {m.name for m in leaders}
    # sentences naming anyone else (a minister's "talks" are his)
    others = {doc.sentence_at(m.start) for m in doc.mentions if m.name not in names}
    for j in state.body:
        if j <= claim:
            continue
        sentence = doc.sentences[j]
        named = {m.name for m in _leaders_in(doc, sentence, state.quoted)}
        if named - names:
            return None  # another leader: the meeting referred to may be his
        cues = [c for c in state.cues_by_sentence[j] if c.held]
        # "... during the meeting", or "the two leaders met for two hours": the lead's pair
        meeting = rules.meeting_refs["meeting"].search(sentence.text) and any(
            c.kind == "noun" for c in cues
        )
        verbs = [c for c in cues if c.kind == "verb"]
        called = bool(verbs) and rules.meeting_refs["participants"].search(sentence.text)
        if meeting:
            out = _out_of_window(doc, sentence)
        else:  # "met for two hours, discussing a conference due in October": its own date
            taken = _date_taken(doc, sentence, verbs[0]) if called else None
            out = (
                taken is not None
                and published is not None
                and (_value_out_of_window(published, taken))
            )
        if (meeting or called) and j not in others and not out:
            draft = _Draft({m.name: m for m in leaders}, [claim, j], claim, ["in_person"])
            if not meeting:
                _note(draft, PAIR_CALLED_LATER)
            return draft
    return None


def _kept_away(doc: ArticleDoc, mention: Mention, rules: Rules) -> bool:
    """Does the leader's own clause keep him away ("in the absence of Putin", "while Putin
    joined by video")?"""
    sentence = doc.sentences[doc.sentence_at(mention.start)]
    return any(
        start <= mention.start < end and rules.gathering_absent.search(doc.text[start:end])
        for start, end, _ in _clauses(sentence, rules)
    )


def _drop_absent(draft: _Draft, gathering: _Draft, state: _Assembly) -> None:
    """The gathering told as a meeting of its own: a leader outside the gathering's list
    whose clause keeps him away ("while Putin joined by video") did not take part."""
    if len(draft.participants) <= MAX_SIDE_MEETING:
        return
    for name, mention in list(draft.participants.items()):
        if name in gathering.participants:
            continue
        if _kept_away(state.doc, mention, state.rules):
            del draft.participants[name]
            _note(draft, "a leader kept away from the gathering did not take part")


def _filter_drafts(state: _Assembly) -> list[_Draft]:
    """The drafts every filter keeps, each noting why."""
    kept = []
    for draft in state.drafts:
        verdicts = []
        for decide in DRAFT_FILTERS:
            verdicts.append(decide(draft, state))
            if not verdicts[-1].keep:
                break
        if all(v.keep for v in verdicts):
            for verdict in verdicts:
                _note(draft, verdict.reason)
            kept.append(draft)
    return kept


def _outside_gathering(draft: _Draft, gathering: _Draft, state: _Assembly) -> Verdict:
    """Members named together at the gathering with no meeting word of their own ("Trump
    pressed allies, and Macron said ...") are the gathering, not a meeting."""
    members = set(gathering.participants)
    if set(draft.participants) <= members and not any(
        c.held for c in state.cues_by_sentence.get(draft.claim, [])
    ):
        return Verdict(False, "members at the gathering with no meeting word of their own")
    if (
        len(draft.participants) > MAX_SIDE_MEETING
        and set(draft.participants) <= members
        and 2 * len(draft.participants) > len(members)
    ):
        # "Fiala hosted Orban, Heger and Morawiecki" in a story about the V4 summit
        return Verdict(False, "most of the gathering's members together are the gathering")
    return Verdict(True, "a meeting of its own at the gathering")


def _assign_quotes(doc: ArticleDoc, drafts: list[_Draft], rules: Rules) -> None:
    """Give each attributed quote to one meeting: its speaker's, else the nearest before it;
    a leader who met no one here is quoted only where his sentence belongs to a meeting."""
    gathered = any(d.gathering for d in drafts)  # a gathering's record owns its speeches
    for quote in doc.quotes:
        if not quote.speaker or not doc.summits:
            continue
        sentence = doc.sentence_at(quote.start)
        own = [i for i, d in enumerate(drafts) if quote.speaker in d.participants]
        leader = any(m.is_leader and m.name == quote.speaker for m in doc.mentions)
        if leader and not own and not any(sentence in d.sentences for d in drafts):
            continue  # another leader's words in a passage about something else
        span = doc.sentences[sentence]
        if not own and any(_minister_acts(doc, span, c) for c in _cues(span, rules)):
            continue  # words about a minister's own meeting ("Yellen met ...")
        if not gathered and SPEECH_SETTING.search(doc.text[span.start : quote.start]):
            continue  # "Speaking at the plenary session, he said: ...": to the hall, not a meeting
        pool = own or list(range(len(drafts)))
        before = [i for i in pool if drafts[i].claim <= sentence]
        chosen = max(before, key=lambda i: drafts[i].claim) if before else pool[0]
        doc.summits[chosen].statements.append(quote)


def _add(
    drafts: list[_Draft],
    group: list[Mention],
    sentence: int,
    cues: list[_Cue],
    anchor: int | None = None,
    *,
    pair: bool = False,
    day: str | None = None,
    dated: str | None = None,
) -> _Draft:
    """A claimed meeting: the draft of the same leaders if one exists, else a new one; not
    one whose meeting word took another day ("Abe, who held talks with Duterte in Manila
    on Thursday" in a story of their breakfast in Davao on Friday)."""
    names = {m.name for m in group}
    for draft in drafts:
        if day and draft.day and day != draft.day:
            continue
        if _other_medium(draft, cues, dated):
            continue
        # a pair of a larger meeting's leaders meeting is their own bilateral, unless the
        # sentence is the larger meeting told again ("the three leaders also met")
        if names == set(draft.participants) or (names < set(draft.participants) and not pair):
            draft.sentences.append(sentence)
            draft.formats.extend(c.format for c in cues)
            _note(draft, "the same leaders claimed again")
            draft.day = draft.day or day or dated
            draft.medium |= _media(cues)
            return draft
    draft = _Draft(
        {m.name: m for m in group}, [sentence], sentence, [c.format for c in cues], anchor
    )
    draft.day = day or dated  # "visited yesterday": the sentence's one day
    draft.medium = _media(cues)
    if day and any(names == set(d.participants) for d in drafts):
        _note(draft, ANOTHER_DAY)
    elif any(names == set(d.participants) and _other_medium(d, cues, dated) for d in drafts):
        _note(draft, OTHER_MEDIUM)
    drafts.append(draft)
    return draft


def _other_medium(draft: _Draft, cues: list[_Cue], dated: str | None) -> bool:
    """A call on one dated day and a visit on another are two meetings of the same
    leaders ("held talks in Pretoria on Tuesday ... during a telephone conversation on
    April 26"): the claim's held words name one medium, the draft's only the other."""
    if not dated or not draft.day or dated == draft.day:
        return False
    now, before = _media(cues), draft.medium
    if len(now) != 1 or len(before) != 1:
        return False
    return now != before and bool((now | before) & REMOTE) and "in_person" in now | before


def _call_is_another(draft: _Draft, fmt: str, drafts: list[_Draft]) -> bool:
    """Claimed only in person, while the same leaders' call is a record of its own: the
    call's words that a nearby sentence lent this one are the other record's."""
    return draft.medium == {"in_person"} and any(
        other is not draft
        and other.participants.keys() == draft.participants.keys()
        and fmt in other.medium
        for other in drafts
    )


def _media(cues: list[_Cue]) -> frozenset[str]:
    """The media (in person, phone, video) the held cues of a claim name."""
    return frozenset(c.format for c in cues if c.held) & MEDIA


def _finish(
    doc: ArticleDoc, draft: _Draft, rules: Rules, kept_drafts: list[_Draft]
) -> SummitRecord:
    sentences = sorted(set(draft.sentences))
    spans = [doc.sentences[i] for i in sentences]
    participants = [
        Participant(m.name, m.country, m.role, m.wikidata_id) for m in draft.participants.values()
    ]
    summit = SummitRecord(participants=participants)
    fmt = _format_of(draft.formats)
    if fmt in REMOTE and _call_is_another(draft, fmt, kept_drafts):
        fmt = "in_person"
        _note(draft, CALL_ELSEWHERE)
    summit.format = fmt
    summit.evidence = [
        {"label": "participant", "start": m.start, "end": m.end, "text": m.text}
        for m in draft.participants.values()
        if m.end > m.start
    ]
    date = _pick_date(doc, draft, spans, rules)
    if date:
        summit.date = date.value
        claim = doc.sentences[draft.claim]
        borrowed = not (claim.start <= date.start < claim.end) and not any(
            s.start <= date.start < s.end for s in spans
        )
        lead_draft = min(kept_drafts, key=lambda d: d.claim)
        if (
            borrowed
            and draft is not lead_draft
            and _spans_days(doc, date.value)
            and not RIGHT_AFTER.match(claim.text)
        ):
            # "X also met Y" later in an article about a visit or gathering of several
            # days: the day borrowed need not be this meeting's, only its month; not
            # when it came straight after another ("Immediately afterwards, ...")
            summit.date = date.value[:7]
        summit.evidence.append(
            {"label": "date", "start": date.start, "end": date.end, "text": date.text}
        )
    else:
        summit.date = _fallback_date(doc, participants, rules)
        if (
            summit.date
            and len(summit.date) == len("2000-01-01")
            and _undated_side_meeting(doc, draft)
        ):
            summit.date = summit.date[:7]
            _note(draft, UNDATED_SIDE_MEETING)
    if fmt == "in_person":
        place = _pick_place(doc, spans, summit.date, rules, _own_guests(doc, draft, kept_drafts))
        if place:
            summit.place, summit.city, summit.country = place.place, place.city, place.country
            summit.latitude, summit.longitude = place.latitude, place.longitude
            summit.evidence.append(
                {"label": "location", "start": place.start, "end": place.end, "text": place.text}
            )
    # a minister's meeting in a sentence of its own ("Yellen met for two hours with ...")
    # is not how long the leaders met
    summit.duration_minutes = _pick_duration(_leaders_own(doc, spans, rules), rules)
    if summit.duration_minutes is None and len(kept_drafts) == 1:
        # an article about one meeting may time it anywhere, headline included
        summit.duration_minutes = _pick_duration(_leaders_own(doc, doc.sentences, rules), rules)
    summit.context = (
        pick_context(doc, draft.claim, rules, in_person=fmt == "in_person") or draft.gathering
    )
    if summit.context and _names_its_sides(summit.context, participants, rules):
        summit.context = None  # "the EU-China summit" between EU and Chinese leaders is this one
    if summit.context and (summit.date is None or summit.city is None):
        fill_from_edition(doc, summit, rules)
    if summit.date is None and doc.meta.published is None:
        summit.date = _term_year(doc, participants, rules)
    summit.sentences = sentences
    summit.decisions = list(draft.decisions)
    return summit


def _pick_date(
    doc: ArticleDoc, draft: _Draft, spans: list[Span], rules: Rules | None = None
) -> DateMention | None:
    """The claim sentence's date, else the day a later sentence of the meeting has its
    leaders meet on ("The two leaders met on Thursday"), else the lead's, else the next day
    after the claim (a month there, "the deal signed last month", only when the page has
    no date to fall back on); past the claim, none the news window rules out (a background
    "state visit in September 2019", a planned "trip on January 23"); never one in a ",
    who ..." clause ("Albanese, who was sworn in a day earlier"), which dates that
    person's doing, nor in an ", as ..." clause ("as Russia took over on January 1")."""
    claim = doc.sentences[draft.claim]
    body = [s for s in doc.sentences if s.start >= doc.body_start][:LEAD_SENTENCES]
    # a "who" clause naming another participant may tell this meeting itself ("Abe, who
    # held talks with Duterte in Manila on Thursday")
    who = [
        (span.start + m.start(), span.start + m.end())
        for span in (claim, *body)
        for m in WHO_CLAUSE.finditer(span.text)
        if not any(
            p.start >= span.start + m.start() and p.end <= span.start + m.end()
            for name, p in draft.participants.items()
        )
    ]
    in_claim = [
        d for d in doc.dates if claim.start <= d.start < claim.end and not _inside(d.start, who)
    ]
    own = [d for d in in_claim if draft.anchor is not None and d.start >= draft.anchor]
    if own:  # "met A on Thursday and held talks with B on Saturday": B's is Saturday
        return own[0]
    if in_claim:  # the most precise, written out: "This Wednesday the 16th February 2022"
        best = max(
            in_claim,
            key=lambda d: (len(d.value), not _reports_day(doc, d), not d.relative, -d.start),
        )
        return _headline_day(doc, best) or best
    retold = _retold_day(doc, claim, spans, rules) if rules is not None else None
    if retold is not None:
        return retold
    lead_end = body[-1].end if body else 0
    lead = [
        d
        for d in doc.dates
        if doc.body_start <= d.start < lead_end
        and not _inside(d.start, who)
        and not OTHER_EVENT_CLAUSE.search(doc.text, max(0, d.start - OTHER_EVENT_REACH), d.start)
        and (len(d.value) == len("2000-01-01") or (d.relative and len(d.value) == len("2000")))
        and _in_news_window(doc, d)
    ]  # a day, or a day whose year alone is known ("on Thursday" with no publication date)
    if lead:  # a day before a year alone: "Monday (Jan. 2)"; a report's day last
        best = max(lead, key=lambda d: (not _reports_day(doc, d), len(d.value), -d.start))
        return _headline_day(doc, best) or best
    later = [
        d
        for d in doc.dates
        for s in spans
        if s.start <= d.start < s.end
        and s.start > claim.start
        and (len(d.value) == len("2000-01-01") or doc.meta.published is None)
        and not OTHER_EVENT_CLAUSE.search(doc.text, max(0, d.start - OTHER_EVENT_REACH), d.start)
        and _in_news_window(doc, d)
    ]  # a later sentence's bare year ("a deal in 2008") is about something else
    return later[0] if later else None


def _retold_day(
    doc: ArticleDoc, claim: Span, spans: list[Span], rules: Rules
) -> DateMention | None:
    """ "The signing capped two days of talks between A and B. The two leaders met on
    Thursday ...": the day a held verb of a later sentence of the meeting takes."""
    for span in spans:
        if span.start <= claim.start:
            continue
        for cue in _cues(span, rules):
            if not (cue.held and cue.kind == "verb"):
                continue
            taken = _date_taken(doc, span, cue)
            if taken is not None and len(taken.value) == len("2000-01-01"):
                return taken if _in_news_window(doc, taken) else None
    return None


def _headline_day(doc: ArticleDoc, relative: DateMention) -> DateMention | None:
    """The day a headline writes out ("PM meeting with President Trump: 20 September
    2017") for a meeting the body dates by a relative word ("met today") a day or two
    off: the page's publication date, which "today" counts from, may lag the meeting."""
    if not relative.relative or len(relative.value) != len("2000-01-01"):
        return None
    counted = dt.date.fromisoformat(relative.value)
    for date in doc.dates:
        if date.start >= doc.body_start:
            break
        if date.relative or len(date.value) != len("2000-01-01"):
            continue
        gap = abs((dt.date.fromisoformat(date.value) - counted).days)
        if gap <= HEADLINE_SLIP and _in_news_window(doc, date):
            return date
    return None


def _reports_day(doc: ArticleDoc, date: DateMention) -> bool:
    """Is the date the day a report came out ("state media reported Tuesday"), which may
    be a day after the meeting it reports?"""
    return bool(REPORTED_BEFORE.search(doc.text, max(0, date.start - REPORTED_REACH), date.start))


def _in_news_window(doc: ArticleDoc, date: DateMention) -> bool:
    """Could the date be news on the publication day: not after it, nor long before?"""
    published = doc.meta.published
    if published is None:
        return True
    first, last = _date_range(date.value)
    if (published - last).days > PASSING_DAYS:
        return False
    if len(date.value) == len("2000-01-01"):
        return not after_publication(published, date)
    return first <= published


def _date_range(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a YYYY, YYYY-MM or YYYY-MM-DD value covers."""
    if len(value) == len("2000"):
        return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    if len(value) == len("2000-01"):
        year, month = map(int, value.split("-"))
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = dt.date.fromisoformat(value)
    return day, day


def _spans_days(doc: ArticleDoc, day: str) -> bool:
    """Does the article name another day within a week of ``day`` ("arrived on Sunday")?
    Not a day after publication: "will travel to Greece on Friday" is no day of this story."""
    if len(day) != 10:
        return False
    anchor = dt.date.fromisoformat(day)
    published = doc.meta.published
    others = {dt.date.fromisoformat(d.value) for d in doc.dates if len(d.value) == 10}
    if published is not None:
        others = {other for other in others if other <= published}
    return any(0 < abs((other - anchor).days) <= STORY_DAYS for other in others)


def _undated_side_meeting(doc: ArticleDoc, draft: _Draft) -> bool:
    """A meeting its own sentence sets on a gathering's sidelines, with no date anywhere:
    the gathering's days are many and the page's day need not be this meeting's."""
    return SIDELINES.search(doc.sentences[draft.claim].text) is not None


def _fallback_date(doc: ArticleDoc, participants: list[Participant], rules: Rules) -> str | None:
    """With no date in the text: the publication day for a meeting in person (a summit or
    visit is news the day it is held), only its month for a call (often announced the day
    after) unless a government tells its own call (its readout is dated the day of the
    call); else the year the URL files the article under, or a year the text names that
    falls in every participant's term of office (their shared terms come last, in
    ``_term_year``)."""
    if doc.meta.published:
        own_release = government_country(doc.url) is not None
        if not own_release and _reported_remotely(doc, participants, rules):
            return doc.meta.published.isoformat()[:7]
        return doc.meta.published.isoformat()
    spans = [
        (min(lo for lo, _ in terms), max(hi for _, hi in terms))
        for terms in _terms_spans([p.name for p in participants], rules)
    ]
    filed = url_year(doc.url)
    years = [filed] if filed else []
    years += sorted(
        {
            int(m.group(1))
            for m in YEAR.finditer(doc.text)
            if not TERM_START.search(
                MONTH_BEFORE.sub("", doc.text[max(0, m.start() - 45) : m.start()])
            )
            and not TARGET_YEAR.search(doc.text[max(0, m.start() - 8) : m.start()])
            and not SINCE_BEFORE.search(doc.text, max(0, m.start() - SINCE_REACH), m.start())
        },
        reverse=True,
    )  # not "came to power in 2000", "took office in October 2021" (a term), "by 2030" (a
    # goal), "the first time since his election in 2001" (a stretch's start)
    for year in years:
        if all(lo.year <= year <= hi.year for lo, hi in spans):
            return str(year)
    return None


def _term_year(doc: ArticleDoc, participants: list[Participant], rules: Rules) -> str | None:
    """The last resort, after a gathering's edition: the year most of the leaders' shared
    time in office falls in (Truss, seven weeks in office, meeting Biden: 2022), else
    that of all the leaders the article names, who are in office at its time."""
    shared = _shared_year(_terms_spans([p.name for p in participants], rules))
    if shared is None:
        named = sorted({m.name for m in doc.mentions if m.is_leader})
        shared = _shared_year(_terms_spans(named, rules))
    return str(shared) if shared else None


def _terms_spans(names: list[str], rules: Rules) -> list[list[tuple[dt.date, dt.date]]]:
    """Each known leader's time in office, first day to last (an open term to MAX_DATE),
    overlapping terms (a chairman become president) merged so no day counts twice."""
    spans = []
    for name in names:
        terms = sorted((t.start or MIN_DATE, t.end or MAX_DATE) for t in rules.terms_of(name))
        merged: list[tuple[dt.date, dt.date]] = []
        for first, last in terms:
            if merged and first <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], last))
            else:
                merged.append((first, last))
        if merged:
            spans.append(merged)
    return spans


def _shared_year(spans: list[list[tuple[dt.date, dt.date]]]) -> int | None:
    """The year holding more than half the time the leaders were all in office together,
    if that time ended: Chirac, Kohl and Jospin governed together from June 1997 to
    October 1998, mostly in 1998; Mubarak and Assad, for ten years, give none."""
    if not spans:
        return None
    shared = spans[0]
    for terms in spans[1:]:
        shared = [
            (max(a, c), min(b, d)) for a, b in shared for c, d in terms if max(a, c) <= min(b, d)
        ]
    if not shared or any(last >= MAX_DATE for _, last in shared):
        return None
    days: dict[int, int] = {}
    for first, last in shared:
        for year in range(first.year, last.year + 1):
            stretch = min(last, dt.date(year, 12, 31)) - max(first, dt.date(year, 1, 1))
            days[year] = days.get(year, 0) + stretch.days + 1
    year = max(days, key=lambda y: days[y])
    return year if 2 * days[year] > sum(days.values()) else None


def _reported_remotely(doc: ArticleDoc, participants: list[Participant], rules: Rules) -> bool:
    """Do the sentences naming the participants report a call rather than a meeting?"""
    names = {p.name for p in participants}
    where = sorted({doc.sentence_at(m.start) for m in doc.mentions if m.name in names})
    formats = [c.format for i in where for c in _cues(doc.sentences[i], rules) if c.held]
    return _format_of(formats) != "in_person"


def _own_guests(doc: ArticleDoc, draft: _Draft, kept: list[_Draft]) -> list[int]:
    """Where a round-up's sentence names this meeting's own guests (not the subject it
    shares with the other meetings of that sentence): its place is the one nearest them."""
    if draft.anchor is None:
        return []
    claim = doc.sentences[draft.claim]
    shared = {n for d in kept if d is not draft and d.claim == draft.claim for n in d.participants}
    return [
        m.end
        for name, m in draft.participants.items()
        if name not in shared and claim.start <= m.start < claim.end
    ]


def _pick_place(
    doc: ArticleDoc,
    spans: list[Span],
    date: str | None,
    rules: Rules,
    guests: list[int] | None = None,
) -> PlaceMention | None:
    """A venue, else a city, else a country visited, named in the meeting's own sentences
    (not one dated otherwise: "had attended his inauguration in Nairobi on September 13";
    past the first, only one that reports a meeting, and not one about what came after
    it: "After the summit, Clinton flew to Kigali"); a country or an unplaced building is
    narrowed by a town in a later sentence of the meeting, a town by a building in it.
    Else where the lead or headline has a leader arrive or a meeting held; else the
    dateline. A place one left ("From Moscow, Sarkozy flew on to Tbilisi") is not where
    one met. In a round-up's sentence, the place nearest the meeting's own ``guests``."""
    passed: set[int] = set()  # the meeting's sentences that may not place it
    chosen: PlaceMention | None = None
    for index, span in enumerate(spans):
        if _dated_otherwise(doc, span, date):
            continue
        if index and AFTERWARDS.match(span.text):
            passed.add(span.start)
            continue
        found = _cues(span, rules)
        cues = [c.end for c in found]
        inside = [
            p
            for p in starting_in(doc.places, span.start, span.end)
            if span.start <= p.start < span.end
            and p.kind != "dateline"
            and not _another_events(doc.text, p, cues)
        ]
        # "is expected to return to Nairobi after the close of the summit": a planned
        # meeting word reports no meeting there
        if index and not any(c.held for c in found):
            # "troops in Kandahar" in a later sentence is no meeting's place; "I am happy
            # to welcome you to Moscow" is, and "he arrived in Moscow" narrows "his visit
            # to Russia"
            inside = [
                p
                for p in inside
                if (
                    WELCOME_TO.search(doc.text[max(0, p.start - 30) : p.start])
                    # "invited him to pay a visit to Ashgabat next year": a planned visit's
                    and not any(c.end <= p.start < c.end + len(" to ") + 1 for c in found)
                )
                or (chosen and chosen.city is None and arrival_or_venue(doc.text, p, held=False))
            ]
            if not inside:
                passed.add(span.start)
        if chosen is None:
            # "met A in The Hague before flying to Berlin for talks with B": B's is Berlin
            near = [g for g in guests or () if span.start <= g <= span.end]
            chosen = best_place(inside, near or cues)
        elif (finer := narrow_place(chosen, inside, cues)) is not None:
            chosen = finer
        if chosen is not None and chosen.city is not None and chosen.place is not None:
            return chosen
    body = [s for s in doc.sentences if s.start >= doc.body_start][:LEAD_SENTENCES]
    lead = [s for s in body if s.start not in passed]
    headline = [s for s in doc.sentences if s.end <= doc.body_start]
    # the lead of a round-up may be another meeting's ("met Macron in Paris on Monday"):
    # a sentence naming a leader who is not at this one does not place it
    ours = {
        m.name
        for s in spans
        for m in starting_in(doc.mentions, s.start, s.end)
        if s.start <= m.start < s.end
    }
    own = [
        s
        for s in lead + headline
        if all(
            m.name in ours or not m.is_leader
            for m in starting_in(doc.mentions, s.start, s.end)
            if s.start <= m.start < s.end
        )
        # another day's meeting ("who held talks with him in Manila on Thursday"); an
        # arrival the day before still places it
        and not (
            _dated_otherwise(doc, s, date)
            and any(c.held and c.kind == "verb" for c in _cues(s, rules))
        )
    ]
    # "After his arrival in Johannesburg, Xi held talks with ..." (or a headline saying
    # so): the story may be filed from elsewhere than its dateline
    towns = [
        p
        for span in own
        for p in starting_in(doc.places, span.start, span.end)
        if span.start <= p.start < span.end
        and arrival_or_venue(doc.text, p, held=any(c.held for c in _cues(span, rules)))
        and not _another_events(doc.text, p, [c.end for c in _cues(span, rules)])
    ]
    towns.extend(p for p in doc.places if p.kind == "dateline")
    if chosen is not None:
        # "his visit to Russia" datelined Moscow: the country's town, if one is known; a
        # town may be narrowed to a building the lead names in it
        return next(filter(None, (narrow_place(chosen, [t], []) for t in towns)), chosen)
    in_lead = [
        p
        for span in lead
        for p in starting_in(doc.places, span.start, span.end)
        if p.kind in ("venue", "city")
        and span.start <= p.start < span.end
        and not _another_events(doc.text, p, [c.end for c in _cues(span, rules)])
    ]
    if towns:
        return narrow_place(towns[0], in_lead, []) or towns[0]
    # the lead paragraph says where the news happened ("The summit was held in Bangkok"),
    # or at least which country the leaders were visiting ("visiting the UAE to attend")
    visited = [
        p
        for p in doc.places
        if p.kind == "country" and any(s.start <= p.start < s.end for s in own)
    ]
    return best_place(in_lead, []) or best_place(visited, [])


def _dated_otherwise(doc: ArticleDoc, span: Span, date: str | None) -> bool:
    """Do the sentence's dates all differ from the meeting's ("had attended his
    inauguration in Nairobi on September 13")? Then it tells another day's news."""
    dates = [
        d.value
        for d in starting_in(doc.dates, span.start, span.end)
        if span.start <= d.start < span.end
    ]
    return bool(date and dates) and not any(
        d.startswith(date or "") or (date or "").startswith(d) for d in dates
    )


def _another_events(text: str, place: PlaceMention, cues: list[int]) -> bool:
    """Is the place one left ("From Moscow, Sarkozy flew on to Tbilisi") or an earlier
    event's ("their first meeting since the summit in Hanoi")?"""
    if LEFT_FROM.search(text[max(0, place.start - 30) : place.start]):
        return True
    return _since_earlier(text, place.start, cues)


def _since_earlier(text: str, start: int, cues: list[int]) -> bool:
    """Is the place at ``start`` in a "since" phrase after a meeting word ("the first
    meeting since the bombing of the embassy in Belgrade"), so an earlier event's? "Since
    arriving in Paris, he has met ..." opens before the meeting word and is its place."""
    window = max(0, start - SINCE_WINDOW)
    match = SINCE_PLACE_BEFORE.search(text, window, start)
    return match is not None and any(cue <= match.start() for cue in cues)


def _leaders_own(doc: ArticleDoc, spans: list[Span], rules: Rules) -> list[Span]:
    """Sentences that are not about a minister's own meeting."""
    return [s for s in spans if not any(_minister_acts(doc, s, c) for c in _cues(s, rules))]


def _verb_just_before(span: Span, at: int, rules: Rules) -> bool:
    """ "conferred for two hours", "The two leaders spoke for two hours": a held meeting
    verb right before a length, in its clause, is what lasted it."""
    start = span.start + at
    return any(
        c.held
        and c.kind != "noun"
        and 0 <= start - c.end <= VERB_LENGTH_GAP
        and _close(span.text[c.end - span.start : at])
        for c in _cues(span, rules)
    )


def _pick_duration(spans: list[Span], rules: Rules) -> int | None:
    for span in spans:
        if not any(unit in span.text for unit in DURATION_UNITS):
            continue  # not scanned at each of its words
        for match in DURATION.finditer(span.text):
            tail = span.text[match.end() : match.end() + 40]
            head = span.text[max(0, match.start() - 40) : match.start()]
            near = rules.duration_nouns.search(tail) or rules.duration_nouns.search(head)
            # "for approximately 30 minutes, Mr. X held a telephone talk": the noun farther off
            # "The talks, held at the palace, lasted about 90 minutes": so does "lasted"
            lasting = (FOR_BEFORE.search(head) or LASTED_BEFORE.search(head)) and (
                rules.duration_nouns.search(span.text)
                or _verb_just_before(span, match.start(), rules)
            )
            if not (near or lasting) or PLANNED_LENGTH.search(head):
                continue
            if match.group("long"):
                return {"hour": 60, "half-hour": 30, "day": None}.get(match.group("long"))
            raw = match.group("number").lower()
            value = float(raw) if raw[0].isdigit() else rules.number_words.get(raw)
            if value is None:
                continue
            value += 0.5 if match.group("half") or match.group("plus") else 0
            minutes = value * 60 if match.group("unit").startswith(("hour", "hr")) else value
            if match.group("minutes"):  # "one hour and 40 minutes"
                extra = match.group("minutes").lower()
                minutes += float(extra) if extra.isdigit() else rules.number_words.get(extra, 0)
            return round(minutes)
    return None
