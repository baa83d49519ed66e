"""Stage 8: the issues and third countries each meeting dealt with.

Issue words and phrases (``data/issue_keywords.tsv``, one lemma a row, matched with
light inflection by ``phrases.py``) are read only in the sentences that belong to the
meeting, so a "popular articles" list or an unrelated paragraph adds nothing. A third
country is "about" when named next to an issue phrase or a word pointing at the talks'
subject (``data/talk_cues.tsv``: "discussed", "focused on").
"""

import datetime as dt
import re
from bisect import bisect_left, bisect_right

from app.nlp.doc import ArticleDoc, Span, SummitRecord
from app.nlp.phrases import alternation
from app.nlp.rules import ORG_CODES, Rules, fold
from app.nlp.spans import around, starting_in

# AU is both Australia (ISO) and the African Union (GUIDELINES.md); only the union is left out,
# and the countries table names it nowhere, so an "AU" found in text is Australia.
NOT_ABOUT = ORG_CODES - {"AU"}
LOCATIVE_BEFORE = re.compile(r"\b(?:in|at) (?:the )?$")
VISIT_TO = re.compile(r"\b(?:visit|trip|tour|journey)s? to (?:the )?$", re.IGNORECASE)
MEETING_BEFORE = re.compile(r"\b(?:talks|meetings?|summit|visit)\s*$", re.IGNORECASE)
NEWLINE = re.compile("\n")
PLACE_REACH = 40  # characters before a country read for "in" and the noun before it
WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
# "Ministry of Energy", "Minister for Posts and Telecommunications": the body's noun before
BODY_WORDS = 3  # "Minister of Industry and Advanced Technology"
BODY_BEFORE = re.compile(
    r"\b([A-Za-z]+) (?:of|for) (?:the )?"
    rf"(?:(?!(?:of|for|the)\b)[A-Za-z]+,? (?:and )?){{0,{BODY_WORDS}}}$"
)
BODY_REACH = 60  # characters back to the body's noun
# "Energy Summit", "Climate Change Conference": capitalised words up to a name's last noun
NAME_AFTER = re.compile(r"(?:[ -]+[A-Z][\w'’-]*){1,3}")
# ", which Bahrain will host on 16th May": a clause telling of something the sentence names
RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|where)\b")
CURRENCY_AFTER = re.compile(r"\$|\s+dollars?\b")  # "US$", "HK$", "Singapore dollars"
# "When he came to power in 2019, ...", "In 1990, ...": an opening clause set in a year
YEAR_OPENING = re.compile(
    r"(?:When|After|Before|Since|In|Back in)\b[^,.;]{0,60}?\b((?:19|20)\d\d),"
)
STORY_DAYS = 7  # a day this close to the meeting's is the same visit or gathering
ABOUT_REACH = 60  # characters between a country and an issue keyword that tie them
# "Japanese Prime Minister " / "Japan's " before a name: the country only introduces a leader
TITLE_GAP = re.compile(r"(?:['’]s)?\s+(?:(?:[A-Z][\w.-]*|of|the)\s+){0,4}")


# "Russia-Ukraine", "US-China"; a capital first, its word start checked behind it: a scan
# skips straight to capitals
COMPOUND = re.compile(r"[A-Z](?<=\b[A-Z])[A-Za-z]+(?:-[A-Z][A-Za-z]+)+\b")
CARRY_ON = 1  # sentences after a round-up meeting's own that may carry on its account
NO_ISSUE = "-"  # the slug of a phrase that signals no issue ("cold war")
RELATIONS = "bilateral-relations"
# "trading relationship", "defence partnership": only spaces or a hyphen between another
# issue's word and the relation noun after it
ABUTS = re.compile(r"[ -]{1,2}")
# "... commercial ties to our two countries": the ties of the two sides, the relationship itself
# a list's joint between two of its members: "energy, defence and space", "trade or science"
LIST_JOIN_BEFORE = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
LIST_JOIN_AFTER = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
LIST_REACH = len(", and ")
# "relations between Armenia and Azerbaijan", "normalisation of ties between Serbia and
# Kosovo", "the Israeli-Palestinian relationship": a relationship of two named countries
_COUNTRY_WORDS = r"[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*)?"
PAIR_AFTER = re.compile(
    rf"(?:\s+of\s+\w+)?\s+between\s+(?:the\s+)?(?P<a>{_COUNTRY_WORDS})\s+and\s+"
    rf"(?:the\s+)?(?P<b>{_COUNTRY_WORDS})"
)
PAIR_BEFORE = re.compile(r"(?P<a>[A-Z][a-z]+)-(?P<b>[A-Z][a-z]+)\s+$")
PAIR_REACH = 30  # characters before a relation word read for "Israeli-Palestinian"
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
WHEN_CLAUSE = re.compile(r",\s+when\b")  # "since 1990, when ...": that time's clause
CLAUSE_END = re.compile(r"[,;]")
OF_BOTH_SIDES = re.compile(
    r"\s+(?:between|to|of) (?:the|our|both) (?:two )?(?:countries|nations|sides|peoples)\b"
)


def _names_a_body(text: str, begin: int, end: int, rules: Rules) -> bool:
    """The phrase is part of an office's, body's or event's name: "Agriculture Minister",
    "Minister of Posts and Telecommunications", "Institute of Technology", "World Future
    Energy Summit"."""
    after = WORD_AFTER.match(text, end)
    if after and fold(after.group(1)).removesuffix("s") in rules.body_nouns:
        return True
    name = NAME_AFTER.match(text, end) if text[begin].isupper() else None
    if name and any(fold(w) in rules.name_nouns for w in re.split(r"[ -]+", name.group())):
        return True
    before = BODY_BEFORE.search(text, max(0, begin - BODY_REACH), begin)
    return bool(before and fold(before.group(1)).removesuffix("s") in rules.body_nouns)


def _issue_spans(text: str, rules: Rules) -> list[tuple[int, int, tuple[str, ...]]]:
    """Issue phrases in a sentence, each with the slugs it signals."""
    spans = [
        (begin, end, slugs)
        for begin, end, slugs in rules.issue_matcher.find(text)
        if NO_ISSUE not in slugs and not _names_a_body(text, begin, end, rules)
    ]
    spans = [span for i, span in enumerate(spans) if not _qualifies_a_sector(spans, i, text)]
    return spans + _listed_with_issues(text, spans, rules)


def _listed_with_issues(
    text: str, spans: list[tuple[int, int, tuple[str, ...]]], rules: Rules
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Words that are an issue only among issues: "cooperation in energy, defence and space"
    lists space as a field; "space for dialogue" is none. A word joined by a comma, "and"
    or "or" to an issue phrase (or to such a word joined so) is kept."""
    candidates = [
        (begin, end, slugs)
        for begin, end, slugs in rules.issue_list_matcher.find(text)
        if not any(b < end and begin < e for b, e, _ in spans)
    ]
    kept: list[tuple[int, int, tuple[str, ...]]] = []
    edges = {b for b, _, _ in spans} | {e for _, e, _ in spans}
    grew = True
    while grew and candidates:  # each round a word may join the list its neighbour joined
        grew = False
        for candidate in list(candidates):
            begin, end, _ = candidate
            before = LIST_JOIN_BEFORE.search(text, max(0, begin - LIST_REACH), begin)
            after = LIST_JOIN_AFTER.match(text, end)
            if (before and before.start() in edges) or (after and after.end() in edges):
                kept.append(candidate)
                candidates.remove(candidate)
                edges |= {begin, end}
                grew = True
    return kept


def _qualifies_a_sector(spans: list[tuple[int, int, tuple[str, ...]]], i: int, text: str) -> bool:
    """A relation noun right after another issue's word names that issue's ties, not the
    relationship itself: "a strong trading relationship", "a defence partnership" are trade
    and defence; "commercial ties between the two countries" still tells of the two sides'
    relationship (``spans`` in the text's order)."""
    if i == 0 or spans[i][2] != (RELATIONS,):
        return False
    _, before_end, before_slugs = spans[i - 1]
    begin, end, _ = spans[i]
    return (
        RELATIONS not in before_slugs
        and bool(ABUTS.fullmatch(text, before_end, begin))
        and not OF_BOTH_SIDES.match(text, end)
    )


def _others_relationship(
    text: str, begin: int, end: int, own: set[str | None], rules: Rules
) -> bool:
    """A relationship of two countries the text names, not both the meeting's own ("they
    discussed normalisation of relations between Armenia and Azerbaijan" in Armenia's and
    the Netherlands' talks): a subject of the talks, not the sides' own relations."""
    pair = PAIR_AFTER.match(text, end) or PAIR_BEFORE.search(
        text, max(0, begin - PAIR_REACH), begin
    )
    if pair is None:
        return False
    names = [fold(pair.group(k)) for k in ("a", "b")]  # "U.S.", or "Azerbaijan." at the end
    codes = [
        rules.country_index.get(n) or rules.country_index.get(n.rstrip("."), ()) for n in names
    ]
    if not all(len(c) == 1 for c in codes):
        return False
    return not {c[0] for c in codes} <= own


def _sentence_texts(doc: ArticleDoc, summit: SummitRecord, rules: Rules) -> list[tuple[int, str]]:
    """The meeting's own sentences; in an article about one meeting, the headline and the
    whole body but paragraphs that open with a change of subject ("In other news") and
    sentences about other leaders only; never a link to another story ("Read more: ...")."""
    chosen = set(summit.sentences)
    if len(doc.summits) > 1:
        chosen |= _told_of_this(doc, summit) | _carried_on(doc, summit, rules)
        chosen -= _told_of_others(doc, summit, chosen)
    if len(doc.summits) == 1:
        skipped: set[int] = set()
        named = _leaders_by_sentence(doc)
        newlines = [m.start() for m in NEWLINE.finditer(doc.text)]
        own = {p.name for p in summit.participants}
        for i, sentence in enumerate(doc.sentences):
            if sentence.start < doc.body_start:
                chosen.add(i)  # the headline sums the one meeting up ("... Military Concerns")
                continue
            if rules.topic_breaks.match(sentence.text):
                skipped.add(_paragraph_of(newlines, sentence.start))
            others_only = bool(named.get(i, set()) - own) and not named.get(i, set()) & own
            if _paragraph_of(newlines, sentence.start) not in skipped and not others_only:
                chosen.add(i)
    return [
        (doc.sentences[i].start, doc.sentences[i].text)
        for i in sorted(chosen)
        if not rules.link_openings.match(doc.sentences[i].text)
    ]


def _told_of_this(doc: ArticleDoc, summit: SummitRecord) -> set[int]:
    """Body sentences that name a leader who met in this meeting alone of the article's,
    and no leader of its other meetings but the ones here ("Castro broke into a smile
    when Obama raised human rights" belongs to the Obama-Castro talks of a round-up)."""
    own = {p.name for p in summit.participants}
    others = {p.name for other in doc.summits if other is not summit for p in other.participants}
    alone = own - others
    return {
        i
        for i, names in _leaders_by_sentence(doc).items()
        if names & alone and names <= own and doc.sentences[i].start >= doc.body_start
    }


def _carried_on(doc: ArticleDoc, summit: SummitRecord, rules: Rules) -> set[int]:
    """In a round-up, the sentence right after one of this meeting's, naming no leader,
    belonging to no other meeting and opening as a follow-on ("He added that relations
    would grow in defence", "The two discussed energy"), carries on its account."""
    named = _leaders_by_sentence(doc)
    taken = {i for other in doc.summits if other is not summit for i in other.sentences}
    carried: set[int] = set()
    for i in summit.sentences:
        for j in range(i + 1, min(i + 1 + CARRY_ON, len(doc.sentences))):
            if j in summit.sentences:
                continue
            if j in taken or j in named or not rules.carry_openings.match(doc.sentences[j].text):
                break
            carried.add(j)
    return carried


def _told_of_others(doc: ArticleDoc, summit: SummitRecord, chosen: set[int]) -> set[int]:
    """Sentences that tell of another meeting of the article: they name a leader who met
    there and not here, and none who met here and not there ("In his call with the
    Georgian president, Erdogan said the two countries could work on energy" is not
    about his call with Nigeria's, though the same Erdogan took part in both)."""
    named = _leaders_by_sentence(doc)
    own = {p.name for p in summit.participants}
    told: set[int] = set()
    for other in doc.summits:
        theirs = {p.name for p in other.participants}
        if other is summit or not own - theirs:
            continue  # a gathering holding this meeting's leaders tells of this one too
        told |= {
            i
            for i in chosen
            if named.get(i, set()) & (theirs - own) and not named.get(i, set()) & (own - theirs)
        }
    return told


def _leaders_by_sentence(doc: ArticleDoc) -> dict[int, set[str]]:
    """The leaders each sentence names. A sentence naming leaders who did not take part
    in the meeting, and none who did, tells of something else they did ("The Ugandan
    president has promised new tariffs" is about Uganda's president, not the talks)."""
    named: dict[int, set[str]] = {}
    starts = [s.start for s in doc.sentences]  # each mention's sentence by bisection
    for mention in doc.mentions:
        if mention.is_leader:
            index = max(0, bisect_right(starts, mention.start) - 1)
            named.setdefault(index, set()).add(mention.name)
    return named


def _dated_elsewhen(doc: ArticleDoc, sentence: Span, date: str | None, rules: Rules) -> bool:
    """A sentence dated to another time ("In June, Sogavare called for a review of a 2017
    treaty"): the countries it names are not what this meeting discussed, nor, unless the
    meeting's own account holds it, are its issues. A time after the talks' verb dates
    what they discussed ("discussed China's missile tests off Taiwan last month")."""
    if not date:
        return False
    talked = [end for _, end, _ in rules.talk_matcher.find(sentence.text)]
    for mention in starting_in(doc.dates, sentence.start, sentence.end):
        if not sentence.start <= mention.start < sentence.end:
            continue
        if talked and sentence.start + talked[0] <= mention.start:
            continue  # the time of the subject the leaders discussed, not of the sentence
        value = mention.value
        if value.startswith(date) or date.startswith(value):
            continue
        if len(value) == len(date) == len("2000-01-01"):
            gap = abs((dt.date.fromisoformat(value) - dt.date.fromisoformat(date)).days)
            if gap <= STORY_DAYS:
                continue  # "arrived on Sunday" for Monday's talks: the same visit
        if RELATIVE_CLAUSE.search(doc.text, sentence.start, mention.start):
            continue  # ", which Bahrain hosts on 16th May": the clause's time, not the sentence's
        return True
    # "When Sogavare came to power in 2019, ...": a sentence opening on an earlier year
    opening = YEAR_OPENING.match(sentence.text)
    return bool(opening and opening.group(1) < date[:4])


def _mask_past_when(doc: ArticleDoc, start: int, text: str, date: str | None) -> str:
    """Blank out a clause that tells of another time ("the first visit since 1990, when
    relations were broken off after Iraq's invasion of Kuwait"): its countries and issues
    are the background of the talks, not what they discussed."""
    if not date:
        return text
    ends = [
        m.end - start
        for m in starting_in(doc.dates, start, start + len(text))
        if 0 <= m.end - start < len(text) and _another_time(m.value, date)
    ]  # a bare year ("since 1990") is no date mention: read it here
    ends += [m.end() for m in YEAR.finditer(text) if m.group() != date[:4]]
    for at in ends:
        clause = WHEN_CLAUSE.match(text, at)
        if clause:
            stop = CLAUSE_END.search(text, clause.end())
            end = stop.start() if stop else len(text)
            text = text[:at] + " " * (end - at) + text[end:]
    return text


def _another_time(value: str, date: str) -> bool:
    """Is a date mention's value another time than the meeting's date (a day within the
    story's days, or the meeting's own month or year, is the same)?"""
    if value.startswith(date) or date.startswith(value):
        return False
    if len(value) == len(date) == len("2000-01-01"):
        gap = abs((dt.date.fromisoformat(value) - dt.date.fromisoformat(date)).days)
        return gap > STORY_DAYS
    return True


def _paragraph_of(newlines: list[int], offset: int) -> int:
    """The offset where the line holding ``offset`` starts (``newlines``: where the text
    breaks its lines, in order; found by bisection, not by a scan back from each
    sentence, which on a text without line breaks reads it all for every sentence)."""
    at = bisect_left(newlines, offset)
    return newlines[at - 1] + 1 if at else 0


def _is_place(text: str, begin: int, rules: Rules, issue_ends: set[int]) -> bool:
    """A country after "in" or "at" is where something happened ("discussed the matter in
    Denmark"), unless an issue or a topic noun comes first ("terrorism in Syria", "the
    situation in Gaza")."""
    before = text[max(0, begin - PLACE_REACH) : begin]
    if VISIT_TO.search(before):
        return True  # "a state visit to Peru": where the leader went
    locative = LOCATIVE_BEFORE.search(before)
    if not locative:
        return False
    head = before[: locative.start()]
    if MEETING_BEFORE.search(head):
        return True  # "hold historic talks in Panama": where they met, whatever the adjective
    if len(text[:begin]) - len(before) + len(head.rstrip()) in issue_ends:
        return False
    return not rules.topic_before_place.search(head)


# "the former Yugoslavia", "ex-Soviet": a dissolved state named as the lands it left
FORMER_BEFORE = re.compile(r"\b(?:[Ff]ormer |[Ee]x-)$")


def _countries_in(
    doc: ArticleDoc,
    start: int,
    text: str,
    rules: Rules,
    near: list[tuple[int, int]],
    issue_ends: set[int],
) -> set[str]:
    """Countries named close to an issue keyword in a sentence ("North Korea's nuclear
    programme"), leaving out demonyms that only introduce a leader."""
    found: set[str] = set()
    for begin, end, surface in rules.find(text, "country"):
        if not any(a - ABOUT_REACH <= end and begin <= b + ABOUT_REACH for a, b in near):
            continue
        codes = rules.country_index.get(surface, ())
        at = start + begin
        if len(codes) != 1 or any(m.start <= at < m.end for m in around(doc.mentions, at, at)):
            continue
        if any(
            p.start <= start + begin and start + end <= p.end and p.end - p.start > end - begin
            for p in around(doc.places, start + begin, start + end)
        ):
            continue  # "Panama City", "Kuwait City": the country's name is part of a place's
        if _is_place(text, begin, rules, issue_ends):
            continue  # "talks in South Africa", "met in Panama": a place, not a subject
        if CURRENCY_AFTER.match(text, end):
            continue  # "trade of US$150 billion", "Hong Kong dollars": a currency's name
        if codes[0] in rules.dissolved and FORMER_BEFORE.search(text, max(0, begin - 8), begin):
            continue  # "the war in the former Yugoslavia": the region its states now share
        gap = TITLE_GAP.match(text, end)
        after = starting_in(doc.mentions, start + end, start + gap.end() + 1) if gap else []
        if gap and any(start + end <= m.start <= start + gap.end() for m in after):
            continue  # "Japanese Prime Minister Kishida": the demonym introduces a leader
        found.add(codes[0])
    return found | _compound_countries(text, rules, near) | _capitals_acting(text, rules, near)


_CAPITALS: dict[int, tuple[re.Pattern[str], dict[str, str]]] = {}


def _capitals_acting(text: str, rules: Rules, near: list[tuple[int, int]]) -> set[str]:
    """Countries named by their capital as a government acting ("Beijing's activities in the
    South China Sea", "Moscow's war"): the possessive marks the state, not the city."""
    if id(rules) not in _CAPITALS:
        # today's state of each capital: "Moscow's" in 1987 becomes SU by the date, later
        codes = {
            c.capital: c.code
            for c in rules.countries.values()
            if c.capital and c.code not in rules.dissolved
        }
        pattern = re.compile(rf"\b({alternation(codes)})['’]s\b")
        _CAPITALS[id(rules)] = (pattern, codes)
    pattern, codes = _CAPITALS[id(rules)]
    return {
        codes[m.group(1)]
        for m in pattern.finditer(text)
        if any(a - ABOUT_REACH <= m.end() and m.start() <= b + ABOUT_REACH for a, b in near)
    }


def _compound_countries(text: str, rules: Rules, near: list[tuple[int, int]]) -> set[str]:
    """Countries joined by hyphens ("the Israeli-Palestinian conflict", "US-China trade",
    "India-Pakistan border"), which the country table reads as no name, when close to an
    issue or talk phrase as a single country must be."""
    found: set[str] = set()
    for compound in COMPOUND.finditer(text):
        begin, end = compound.span()
        if not any(a - ABOUT_REACH <= end and begin <= b + ABOUT_REACH for a, b in near):
            continue
        codes = [rules.country_index.get(fold(part), ()) for part in compound.group().split("-")]
        if all(len(c) == 1 for c in codes):  # every part a country: "Indo-Pacific" is none
            found.update(c[0] for c in codes)
    return found


def _mask_gatherings(text: str, rules: Rules) -> str:
    """Blank out gathering names: "Asia-Pacific Economic Cooperation" is not economy."""
    for start, end, _ in rules.find(text, "gathering"):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _day_of(doc: ArticleDoc, summit: SummitRecord) -> dt.date | None:
    """The meeting's day, else the article's: it decides which state a place lay in."""
    if summit.date and len(summit.date) == 10:
        try:
            return dt.date.fromisoformat(summit.date)
        except ValueError:
            pass
    return doc.meta.published


def find_topics(doc: ArticleDoc, *, rules: Rules) -> ArticleDoc:
    """Fill each summit's issues and about-countries from its own sentences."""
    for summit in doc.summits:
        sides = {p.country for p in summit.participants}
        issues: set[str] = set()
        countries: set[str] = set()
        for start, text in _sentence_texts(doc, summit, rules):
            text = _mask_past_when(doc, start, _mask_gatherings(text, rules), summit.date)
            near: list[tuple[int, int]] = []
            index = doc.sentence_at(start)
            dated_elsewhen = _dated_elsewhen(doc, doc.sentences[index], summit.date, rules)
            for begin, end, slugs in _issue_spans(text, rules):
                if RELATIONS in slugs and _others_relationship(text, begin, end, sides, rules):
                    slugs = tuple(s for s in slugs if s != RELATIONS)
                if not (dated_elsewhen and index not in summit.sentences):
                    issues.update(slugs)
                near.append((begin, end))
            # "the talks focused on Iran's threats": a country the talks were about, by name
            near += [(b, e) for b, e, _ in rules.talk_matcher.find(text)]
            if near and not dated_elsewhen:  # a third country is "about" when named near an issue
                ends = {end for _, end in near}
                countries |= _countries_in(doc, start, text, rules, near, ends)
        # countries of every meeting's leaders: in a round-up, the other meetings' leaders
        # are not what this one discussed
        own = {p.country for other in doc.summits for p in other.participants}
        # a territory of a meeting's own state ("Hong Kong" in talks with Xi) is no third country
        own |= {c for c in countries if rules.territory_of.get(c) in own}
        # codes as the meeting's day knew them: Moscow in 1987 lay in the Soviet Union
        on = _day_of(doc, summit)
        summit.country = rules.code_on(summit.country, on, named=False)
        countries = {rules.code_on(c, on, named=True) or c for c in countries}
        # "the former Soviet Union" in 2008: a dissolved state is history, not a third country
        countries = {c for c in countries if on is None or on <= rules.dissolved.get(c, on)}
        summit.issues = sorted(issues)
        summit.about = sorted(c for c in countries - own if c and c not in NOT_ABOUT)
    return doc
