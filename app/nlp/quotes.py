"""Stage 5: quoted and reported statements, each with its speaker.

Quotation marks are paired by direction, whatever their shape, so curly, straight,
angle and doubled single marks may mix; a quotation may run over wrapped lines and
paragraphs. A quotation's speaker is found, in order: after the quote in the same
sentence ("...," Kishida said / said Lee / he added / it said), before it in the same
sentence ("Yoon said, ...", "according to ..."), then from the quote just before it (a
quote continued after "he said"), then from the subject of the previous sentences.
Roles ("the president", "the foreign minister") stand for the person the article named
with them, and "he"/"she" for the nearest person who can be one.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

from app.nlp.clean import domain_words
from app.nlp.doc import ArticleDoc, Mention, Quote, Span
from app.nlp.phrases import alternation
from app.nlp.places import lookup_city
from app.nlp.rules import Rules, Title, fold
from app.nlp.spans import starting_in

MIN_QUOTE_WORDS = 5  # shorter quoted spans are scare quotes or names (GUIDELINES.md)
HE, SHE = "\x00he", "\x00she"  # a pronoun speaker, until the quote loop resolves it
PRONOUN_REACH = 2  # sentences back a quote may be to lend "he said" its speaker
SUBJECT_REACH = 2  # sentences back a subject is sought, not counting "He said ..." ones
SUBJECT_LIMIT = 6  # sentences back a subject is sought at most
PRONOUN_SUBJECT = re.compile(r"\s*(?:He|She|he|she)\b")
PRONOUN_LED = re.compile(r"\s*(?:He|She|His|Her)\b")  # a sentence whose subject is a pronoun
MIN_NAME_WORDS = 2  # a speaker not in the leaders table needs a full name
BARE_NAME_MAX_COUNT = 1_000_000  # web frequency under which a lone capitalised word is a name
TYPO_RATIO = 0.8  # "Bolosnaro" is Bolsonaro: similarity of a misspelt surname
CLAUSE_BREAK = re.compile(r"[;,]\s|\s(?:while|whereas|but|and)\s")
ACCORDING_TO = re.compile(r"\baccording to\s+", re.IGNORECASE)
AFTER_WINDOW = 120  # characters after a quote searched for "X said"
RELATIVE_CLAUSE = re.compile(r"\b(?:in|at|during|after) which\s+|\b(?:where|when)\s+(?=[A-Z])")
PRONOUN = re.compile(r"\b(?P<pronoun>he|she|He|She)\b")
NAME_RUN = r"(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+"
OPENING_NAME = re.compile(rf"\s*(?P<name>{NAME_RUN})(?=,|\s+[a-z])")
BARE_OFFICIAL = re.compile(r"\b(?:the|an|a|one|that) (?:senior |same )?official\b", re.IGNORECASE)
POSSESSIVE_ENDINGS = ("'s", "’s")
APPOSITIVE = re.compile(r",\s+(?:the|a|an)\s")  # "Peskov, the Kremlin spokesman,"
POSSESSIVE = re.compile(r"^(?:['’]s\b)?\s*")


# Quotation marks, paired after folding every shape to one of two kinds. Curly, straight,
# low and angle marks all occur, mixed within one article ("“...\"", «...»), so a mark's
# direction comes from what stands around it and its shape only breaks ties.
DOUBLE_MARKS = re.compile("‘‘|’’|''|``|[\"“”„‟«»]")  # two single marks make a double one
SINGLE_MARKS = re.compile("['‘’‛]")
OPENING_SHAPES = "“„‟«‘‛"
CLOSING_SHAPES = "”»’"
BEFORE_OPENING = "([{—–/"  # a mark after these (or a space) opens
AFTER_CLOSING = ".,;:!?)]}—–…"  # a mark before these (or a space) closes
PARAGRAPH_FINAL = ".!?…:"  # an open quote whose paragraph ends so ran out unclosed
MAX_QUOTE_CHARS = 2000  # an open mark with no close this far on is a stray
OPEN, CLOSE, EITHER = 1, 2, 3


# One quoted span: the marks' extent and the words inside; ``continued`` when a
# paragraph left it open and the next reopens the quotation (a multi-paragraph quote).
@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int
    end: int
    body_start: int
    body_end: int
    continued: bool = False


def _direction(text: str, index: int, end: int) -> int:
    """Whether the mark at [index, end) opens or closes a quotation, from its neighbours."""
    before = text[index - 1] if index > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    opens = (before.isspace() or before in BEFORE_OPENING) and not after.isspace()
    closes = (after.isspace() or after in AFTER_CLOSING) and not before.isspace()
    if opens != closes:
        return OPEN if opens else CLOSE
    mark = text[index]
    return OPEN if mark in OPENING_SHAPES else CLOSE if mark in CLOSING_SHAPES else EITHER


def _paragraph_end(text: str, start: int, limit: int) -> int | None:
    """The first line end in [start, limit) that closes a sentence: an open quotation
    stops there (unclosed, or reopened by the next paragraph); a line that breaks off
    mid-sentence is wrapped text and the quotation runs on."""
    newline = text.find("\n", start, limit)
    while newline >= 0:
        if text[start:newline].rstrip()[-1:] in tuple(PARAGRAPH_FINAL):
            return newline
        newline = text.find("\n", newline + 1, limit)
    return None


def _span(text: str, start: int, body_end: int, end: int, continued: bool = False) -> QuoteSpan:
    body_start = start + (2 if text[start : start + 2] in ("‘‘", "''", "``") else 1)
    while body_start < body_end and text[body_start].isspace():
        body_start += 1
    while body_end > body_start and text[body_end - 1] in " \t\n,;:":
        body_end -= 1
    return QuoteSpan(start, end, body_start, body_end, continued)


def _double_spans(text: str) -> list[QuoteSpan]:
    """Pair double marks left to right. A quotation may run over paragraphs to its
    closing mark (a block quote); one whose paragraph ends before a new opening mark
    stops there (unclosed, or reopened by the next paragraph), and so does one that the
    article ends inside (a cut-off scrape)."""
    spans: list[QuoteSpan] = []
    opened: int | None = None
    for mark in DOUBLE_MARKS.finditer(text):
        index = mark.start()
        kind = _direction(text, index, mark.end())
        if opened is not None and index - opened > MAX_QUOTE_CHARS:
            opened = None  # a stray mark
        if opened is None:
            if kind != CLOSE:
                opened = index
            continue
        if kind == CLOSE:
            spans.append(_span(text, opened, index, mark.end()))
            opened = None
            continue
        stop = _paragraph_end(text, opened, index)
        if stop is None and "\n" in text[opened:index]:
            stop = text.rfind("\n", opened, index)  # a paragraph broke off mid-sentence
        if stop is not None:
            reopened = text[stop:index].strip() == ""
            spans.append(_span(text, opened, stop, stop, continued=reopened))
            opened = index
        elif kind == EITHER:
            spans.append(_span(text, opened, index, mark.end()))
            opened = None
        else:
            opened = index  # an earlier mark left open in this paragraph was stray
    if opened is not None:
        stop = _paragraph_end(text, opened, len(text))
        stop = len(text) if stop is None else stop
        spans.append(_span(text, opened, stop, stop))
    return spans


def _single_spans(text: str, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single marks as quotation marks (a house style), outside double-quoted spans: an
    opening mark before a word, closed by the first mark after a word and before no
    letter within the paragraph ("don’t" and "Xi’s" are apostrophes)."""
    spans: list[QuoteSpan] = []
    inside = iter(taken)
    current = next(inside, None)
    opened: int | None = None
    for mark in SINGLE_MARKS.finditer(text):
        index = mark.start()
        while current is not None and current.end <= index:
            current = next(inside, None)
        if current is not None and current.start <= index:
            opened = None
            continue
        before = text[index - 1] if index > 0 else "\n"
        after = text[index + 1] if index + 1 < len(text) else "\n"
        if opened is not None and "\n" in text[opened:index]:
            opened = None
        if opened is None:
            if (before.isspace() or before in BEFORE_OPENING) and after.isalpha():
                opened = index
        elif not before.isspace() and not after.isalnum():
            spans.append(_span(text, opened, index, index + 1))
            opened = None
    return spans


def _inside(spans: list[QuoteSpan], offset: int) -> bool:
    """Whether ``offset`` lies within one of ``spans`` (sorted, not overlapping)."""
    index = bisect_right(spans, offset, key=lambda s: s.start) - 1
    return index >= 0 and offset < spans[index].end


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text``, in order, offsets into ``text`` itself; single marks
    are quotation marks only in an article that quotes no one with double marks."""
    double = _double_spans(text)
    single = _single_spans(text, double)
    if any(_words(text, span) >= MIN_QUOTE_WORDS for span in double):
        # single marks here are quotes within quotes or scare quotes, but for a whole
        # paragraph or clause quoted in them ("'France and Italy have agreed ...,' the
        # Elysee said"), as pages mixing house styles print
        single = [span for span in single if _whole_clause(text, span)]
    return sorted(double + single, key=lambda s: s.start)


def _whole_clause(text: str, span: QuoteSpan) -> bool:
    """A single-quoted span that opens a paragraph or follows a colon and closes after
    punctuation: a quotation in its own right, not a term set in scare quotes."""
    opens = span.start == 0 or text[span.start - 1] == "\n" or text[: span.start].endswith(": ")
    return opens and text[span.end - 2 : span.end - 1] in tuple(",.!?")


def _words(text: str, span: QuoteSpan) -> int:
    return len(text[span.body_start : span.body_end].split())


# "the president", "the Chinese leader", "the official spokesperson": a role standing for
# a person the article has named; a few modifiers may come between "the" and the role
ROLE_MODIFIERS = ("visiting", "official", "host", "incoming", "outgoing")
GENERIC_ROLES = ("leader", "head of state", "head of government")
ROLE_EQUIVALENTS = {"premier": "prime minister", "spokesman": "spokesperson"}
ROLE_OBJECT = re.compile(
    r"(?:\b(?:with|to|for|by|of|from|met|told|thanked|invited|greeted)|['’]s)\s+$"
)
ROLE_REACH = 400  # characters back an introduction ("spokesperson Vishnu Prakash") is sought


def _role_regex(rules: Rules) -> re.Pattern[str]:
    """One pattern for "the [Demonym] [modifier] role" over the titles table."""
    cached = ROLE_PHRASES.get(id(rules))
    if cached is None:
        titles = sorted({*rules.titles, *GENERIC_ROLES}, key=len, reverse=True)
        cached = ROLE_PHRASES[id(rules)] = re.compile(
            r"(?:T(?<=\bT)he|t(?<=\bt)he)\s+(?:(?P<demonym>[A-Z][\w-]+)\s+)?(?:(?:"
            + "|".join(ROLE_MODIFIERS)
            + r")\s+)?(?P<role>(?i:"
            + "|".join(re.escape(t) for t in titles)
            + r"))\b(?!\s+of\b|['’]s\b|-)"
        )
    return cached


ROLE_PHRASES: dict[int, re.Pattern[str]] = {}
INTROS: dict[str, re.Pattern[str]] = {}


def _same_role(role: str, other: str | None) -> bool:
    first, second = fold(role), fold(other or "")
    if first.startswith("spokes"):
        first = "spokesperson"
    if second.startswith("spokes"):
        second = "spokesperson"
    return ROLE_EQUIVALENTS.get(first, first) == ROLE_EQUIVALENTS.get(second, second)


def _role_mentions(doc: ArticleDoc, rules: Rules, spans: list[QuoteSpan]) -> list[Mention]:
    """Mentions for roles that stand for a person named before: "the president" is the
    last president named, "the Chinese leader" the last Chinese leader, "the envoy" the
    person last introduced as envoy; roles in object position are left alone."""
    found: list[Mention] = []
    named = [m for m in doc.mentions if m.kind != "pronoun"]
    for match in _role_regex(rules).finditer(doc.text):
        start = match.start()
        if _inside(spans, start) or ROLE_OBJECT.search(doc.text[max(0, start - 12) : start]):
            continue
        role = fold(match.group("role"))
        demonym = match.group("demonym") or ""
        codes = rules.country_index.get(fold(demonym), ())
        if demonym and not codes:
            if fold(f"{demonym} {role}") not in rules.titles:
                continue
            role = fold(f"{demonym} {role}")  # "the Prime Minister": no demonym
        title = rules.titles.get(role)
        person = _role_holder(doc, named, start, title, codes, rules)
        if person is not None:
            found.append(
                Mention(
                    start,
                    match.end(),
                    match.group(),
                    person.name,
                    person.country,
                    person.role,
                    person.is_leader,
                    kind="title",
                )
            )
    return found


def _role_holder(
    doc: ArticleDoc,
    named: list[Mention],
    start: int,
    title: Title | None,
    codes: tuple[str, ...],
    rules: Rules,
) -> Mention | None:
    """The person a role phrase at ``start`` stands for, if the article named one."""
    if title is None or title.leader:
        for mention in reversed(named):
            if mention.start >= start or not mention.is_leader:
                continue
            if codes and mention.country not in codes:
                continue
            if title is None or _same_role(title.role, mention.role):
                return mention
            if fold(title.title) in fold(doc.text[mention.start : mention.end]):
                return mention  # introduced so: "Crown Prince X", whom the table knows as PM
        return None
    window_start = max(0, start - ROLE_REACH * 4)
    intro = INTROS.get(title.title)
    if intro is None:  # compiled once per title of the table, not per article
        # "Minister of Amiri Diwan Affairs Sheikh Nasser ...": a portfolio may come between
        # the title and the name, which an honorific then opens
        honorific = "|".join(map(re.escape, sorted(rules.honorifics, key=len, reverse=True)))
        intro = INTROS[title.title] = re.compile(
            rf"(?i:{re.escape(title.title)})\s+(?:(?:of|for)\s+(?:the\s+)?"
            rf"(?:[A-Z][\w'’-]*\s+){{1,5}}?(?=(?i:{honorific})\.?\s))?(?P<name>{NAME_RUN})"
        )
    latest = None
    for match in intro.finditer(doc.text, window_start, start):
        words = _name_words(_first_sentence(match.group("name")), rules)
        if len(words) >= MIN_NAME_WORDS:
            latest = " ".join(words)
    if latest is None:
        return None
    return Mention(start, start, latest, latest, None, title.role, False)


def _verbs(rules: Rules) -> str:
    """The reporting verbs as one alternation, longest first (built once per verb table,
    not once per article)."""
    verbs = VERBS.get(rules.reporting_verbs)
    if verbs is None:
        ordered = sorted(rules.reporting_verbs, key=len, reverse=True)
        verbs = VERBS[rules.reporting_verbs] = "|".join(re.escape(v) for v in ordered)
    return verbs


def _verb_patterns(verbs: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A reporting verb as a word, the bare alternation, and one a pronoun says ("he
    said"), compiled once per table."""
    patterns = VERB_PATTERNS.get(verbs)
    if patterns is None:
        patterns = VERB_PATTERNS[verbs] = (
            re.compile(rf"\b(?:{verbs})\b"),
            re.compile(verbs),
            re.compile(rf"\b(?:he|she|He|She)\s+(?:also\s+)?(?:{verbs})\b"),
        )
    return patterns


VERBS: dict[tuple[str, ...], str] = {}
VERB_PATTERNS: dict[str, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


def _sentence_bounds(doc: ArticleDoc, start: int, end: int) -> tuple[int, int]:
    first = doc.sentences[doc.sentence_at(start)] if doc.sentences else None
    last = doc.sentences[doc.sentence_at(max(start, end - 1))] if doc.sentences else None
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", end)
    line_end = len(doc.text) if line_end < 0 else line_end
    lo = max(first.start, line_start) if first else line_start
    hi = min(last.end, line_end) if last else line_end
    return lo, max(hi, end)


# Who may be "he" and who "she": given names and titles of women, and the surnames this
# article puts after such a title ("Mrs Robinson").
@dataclass(frozen=True, slots=True)
class Genders:
    names: frozenset[str]
    surnames: frozenset[str]
    women: tuple[tuple[int, str], ...] = ()  # (offset, surname) of each titled woman
    honorifics: frozenset[str] = frozenset()  # "Sheikh Hasina": the given name comes after

    def fits(self, name: str, pronoun: str | None) -> bool:
        """Whether ``name`` can be the referent of ``pronoun`` (None: anyone)."""
        if pronoun not in (HE, SHE):
            return True
        words = fold(name).split()
        while len(words) > 1 and words[0] in self.honorifics:
            words = words[1:]
        female = bool(words) and (words[0] in self.names or words[-1] in self.surnames)
        return female == (pronoun == SHE)


def _genders(doc: ArticleDoc, rules: Rules) -> Genders:
    titled = re.finditer(r"\b(?P<title>[A-Z][a-z]+)\.?\s+(?P<name>[A-Z][\w'’-]+)", doc.text)
    surnames = {m.group("name") for m in titled if fold(m.group("title")) in rules.female_titles}
    women: tuple[tuple[int, str], ...] = ()
    if surnames:
        # every mention of a woman so titled anywhere: "President Robinson ... Mrs Robinson"
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(surnames))) + r")\b")
        women = tuple((m.start(), m.group()) for m in pattern.finditer(doc.text))
    return Genders(
        rules.female_names, frozenset(fold(name) for name in surnames), women, rules.honorifics
    )


def _titled_woman(doc: ArticleDoc, offset: int, genders: Genders, rules: Rules) -> str | None:
    """The woman last named with a woman's title before ``offset`` ("Mrs Robinson"), by the
    full name the article gives her if any."""
    before = [name for start, name in genders.women if start < offset]
    if not before:
        return None
    return _full_name_before(doc, offset, before[-1], rules) or before[-1]


def _pronoun(word: str) -> str:
    return SHE if word.strip().lower() == "she" else HE


def _person_at(
    mentions: list[Mention],
    start: int,
    end: int,
    genders: Genders | None = None,
    pronoun: str | None = None,
) -> Mention | None:
    inside = [
        m
        for m in mentions
        if start <= m.start and m.end <= end and (genders is None or genders.fits(m.name, pronoun))
    ]
    return inside[0] if inside else None


def _last_person_before(
    mentions: list[Mention], offset: int, floor: int, genders: Genders, pronoun: str | None
) -> Mention | None:
    before = [
        m
        for m in mentions
        if floor <= m.start < offset and m.kind != "pronoun" and genders.fits(m.name, pronoun)
    ]
    return before[-1] if before else None


def _subject_before(
    doc: ArticleDoc, offset: int, genders: Genders, rules: Rules, pronoun: str | None = None
) -> Mention | None:
    """The first person named in a sentence before ``offset``'s sentence who can be
    ``pronoun``; sentences whose subject is itself a pronoun ("He added ...") look
    further back."""
    index = doc.sentence_at(offset) if doc.sentences else 0
    reach = SUBJECT_REACH
    for back in range(index - 1, max(-1, index - 1 - SUBJECT_LIMIT), -1):
        if reach == 0:
            break
        sentence = doc.sentences[back]
        led = PRONOUN_LED.match(sentence.text)
        # in "He met X ..." X is no subject: only the pronoun itself, if resolved, is
        end = sentence.start + led.end() if led else sentence.end
        found = _person_at(doc.mentions, sentence.start, end, genders, pronoun)
        opening = None if led else _opening_name(sentence, rules)
        if opening and (found is None or found.start > opening.start):
            found = opening if genders.fits(opening.name, pronoun) else None
        said = None if led or opening else _reporter_in(doc, sentence, rules)
        earlier = said is not None and (found is None or found.start > said.start)
        if said and earlier and genders.fits(said.name, pronoun):
            found = said
        if found:
            return found
        if not led:
            reach -= 1
    return None


def _reporter_in(doc: ArticleDoc, sentence: Span, rules: Rules) -> Mention | None:
    """The person who speaks in a sentence of reported speech, named in the clause before
    its first reporting verb ("Speaking later, Foreign Office spokesman Mohammad Sadiq
    said the talks ..."): the subject a following "he said" refers to."""
    verb = _verb_patterns(_verbs(rules))[0].search(sentence.text)
    if verb is None:
        return None
    breaks = list(CLAUSE_BREAK.finditer(sentence.text, 0, verb.start()))
    start = sentence.start + (breaks[-1].end() if breaks else 0)
    end = sentence.start + verb.start()
    named = _named_in(doc, start, end, rules, nearest_end=True)
    if named is None or _is_institution(named[0], rules):
        return None
    return Mention(start, end, doc.text[start:end], named[0], named[1], None, False)


def _opening_name(sentence: Span, rules: Rules) -> Mention | None:
    """A full name opening a sentence as its subject ("Adel al-Jubeir, the adviser,
    said ..."), for people the leaders table does not know."""
    run = OPENING_NAME.match(sentence.text)
    if run is None or run.group("name")[-2:] in POSSESSIVE_ENDINGS:
        return None
    words = _name_words(_first_sentence(run.group("name")), rules)
    appositive = APPOSITIVE.match(sentence.text, run.end("name")) is not None
    if len(words) < MIN_NAME_WORDS and not (words and appositive):
        return None  # "Peskov, the Kremlin spokesman, said ...": a surname with a role
    name = " ".join(words)
    start = sentence.start + run.start("name")
    return Mention(start, start + len(run.group("name")), name, name, None, None, False)


def _named_in(
    doc: ArticleDoc,
    start: int,
    end: int,
    rules: Rules,
    *,
    nearest_end: bool,
    prefer_people: bool = True,
) -> tuple[str, str | None] | None:
    """The speaker a stretch of attribution names: a known person, a name run, a name
    misspelt in the article ("Bolosnaro"), or an institution ("the White House").

    With ``nearest_end`` the candidate closest to the end wins ("Lee's spokesman Lee
    Dong-kwan said": the spokesman speaks, not Lee).
    """
    segment = doc.text[start:end]
    candidates: list[tuple[int, str, str | None]] = []
    for mention in doc.mentions:
        if start <= mention.start < end and mention.kind != "pronoun":
            if doc.text[mention.end : mention.end + 2] in POSSESSIVE_ENDINGS:
                continue  # "Bush's adviser, Steve Hadley": Bush does not speak
            fuller = _given_in_full(doc, mention, rules)
            if fuller:
                candidates.append((mention.end, fuller, None))
                continue
            candidates.append((mention.end, mention.name, mention.country))
    runs: list[tuple[int, str, str | None]] = []
    for run in re.finditer(NAME_RUN, segment):
        covered = any(start + run.start() < c[0] <= start + run.end() for c in candidates)
        words = _name_words(run.group(), rules)
        if covered or not words or run.group()[-2:] in POSSESSIVE_ENDINGS:
            continue
        typo = _misspelt_leader(doc, words)
        if typo is not None:
            candidates.append((start + run.end(), typo.name, typo.country))
        elif len(words) >= MIN_NAME_WORDS and _is_honorific(words[0], rules):
            # "Mr. Adesina said": the full name the article gave him before, if any
            surname = words[-1]
            full = _full_name_before(doc, start, surname, rules)
            runs.append((start + run.end(), full or " ".join(words), None))
        elif len(words) >= MIN_NAME_WORDS:
            runs.append((start + run.end(), " ".join(words), None))
        else:
            # "Prakash added": the surname of a full name given before
            full = _full_name_before(doc, start, words[0], rules)
            if full:
                runs.append((start + run.end(), full, None))
            elif run.start() == 0 and (
                APPOSITIVE.match(segment, run.end())
                or (not segment[run.end() :].strip() and _rare_word(words[0]))
            ):
                # "Peskov, the Kremlin spokesman, said", '...," Peskov said': a surname that
                # opens the clause or is all of it speaks, though the article gives no more
                runs.append((start + run.end(), words[0], None))
    institution = _institution_in(segment, rules)
    bodies: list[tuple[int, str, str | None]] = []
    bare = _bare_body(doc, start, segment, rules) if institution is None else None
    if bare:
        bodies.append(bare)
    if institution:
        bodies.append((start + institution.end("inst"), institution.group("inst"), None))
        if rules.offices.fullmatch(institution.group("inst")) or rules.documents.search(segment):
            # "the statement from Trudeau's office": the office speaks, not Trudeau
            return institution.group("inst"), None
    # next to a verb ("Lee's spokesman Lee Dong-kwan said") the closest name speaks;
    # elsewhere people the article names come before other names, and a named person
    # before an institution ("Kremlin spokesman Dmitry Peskov told reporters")
    if nearest_end or not prefer_people:
        pool = candidates + runs + bodies
    else:
        pool = candidates or runs or bodies
    if not pool:
        return _particle_surname(doc, start, segment) or _official_in(doc, start, segment, rules)
    chosen = max(pool) if nearest_end else min(pool)
    return chosen[1], chosen[2]


FULL_NAME_TAIL = re.compile(r"(?:\s+[A-Z][\w'’-]+){1,4}")


def _given_in_full(doc: ArticleDoc, mention: Mention, rules: Rules) -> str | None:
    """The full name the article gave before to the person a short form names ("Sheikh
    Nasser said" after "Sheikh Nasser Sabah Al-Ahmad Al-Sabah"), when the people table took
    the short form for an official of its own with another full name."""
    if mention.kind != "surname" or mention.is_leader:
        return None
    earlier = doc.text.find(mention.text, 0, mention.start)
    while earlier >= 0:
        tail = FULL_NAME_TAIL.match(doc.text, earlier + len(mention.text))
        if tail:
            words = _name_words(doc.text[earlier : tail.end()], rules)
            if words and fold(" ".join(words)) != fold(mention.name):
                return " ".join(words)
        earlier = doc.text.find(mention.text, earlier + 1, mention.start)
    return None


def _particle_surname(doc: ArticleDoc, start: int, segment: str) -> tuple[str, str | None] | None:
    """'...," von der Leyen said': a surname that opens with a lowercase particle ("von der
    Leyen", "de Klerk") names the person the article gave it to in full before."""
    words = segment.split()
    if len(words) < MIN_NAME_WORDS or not words[0].islower() or not words[-1][:1].isupper():
        return None
    tail = " " + fold(segment.strip())
    for mention in reversed(doc.mentions):
        if mention.start < start and fold(mention.name).endswith(tail):
            return mention.name, mention.country
    return None


def _rare_word(word: str) -> bool:
    """A word seldom written in English text ("Peskov"), so a surname, not "News" or "Reuters"."""
    return domain_words()[1].get(fold(word), 0) < BARE_NAME_MAX_COUNT


def _full_name_before(doc: ArticleDoc, end: int, surname: str, rules: Rules) -> str | None:
    """The latest full name ending in ``surname`` before ``end`` ("Femi Adesina"): the
    words of a capitalised run up to the surname, after its last title or sentence end."""
    found = None
    for run in re.finditer(NAME_RUN, doc.text[:end]):
        tokens = run.group().split()
        for last, token in enumerate(tokens):
            if token.rstrip(".") != surname:
                continue
            head = [*tokens[:last], surname]
            cut = max(
                (i + 1 for i, word in enumerate(head[:-1]) if _breaks_name(word, rules)),
                default=0,
            )
            words = _name_words(" ".join(head[cut:]), rules)
            while words and _is_honorific(words[0], rules):
                words.pop(0)  # "Captain Idris Malouma", "Mr Femi Adesina": the name follows
            if len(words) >= MIN_NAME_WORDS:
                found = " ".join(words)
    return found


def _first_sentence(run: str) -> str:
    """The words of a capitalised run up to the first that ends a sentence."""
    kept = []
    for token in run.split():
        bare = token.rstrip(".")
        kept.append(bare)
        if token.endswith(".") and len(bare) > 1:
            break
    return " ".join(kept)


def _breaks_name(token: str, rules: Rules) -> bool:
    """A word a name cannot run across: a title, or a word ending a sentence."""
    bare = token.rstrip(".")
    return fold(bare) in rules.titles or (token.endswith(".") and len(bare) > 1)


def _is_honorific(word: str, rules: Rules) -> bool:
    return fold(word).rstrip(".") in rules.honorifics


def _official_in(
    doc: ArticleDoc, start: int, segment: str, rules: Rules
) -> tuple[str, str | None] | None:
    """The institution an unnamed official speaks for: "a senior administration official"
    is the White House, and "the official" is the one named before."""
    for institution, pattern in rules.officials:
        if pattern.search(segment):
            return institution, None
    if not BARE_OFFICIAL.search(segment):
        return None
    earlier = doc.text[:start]
    found = [(m.start(), inst) for inst, p in rules.officials for m in p.finditer(earlier)]
    return (max(found)[1], None) if found else None


def _institutions(rules: Rules) -> tuple[re.Pattern[str], ...]:
    """Patterns naming a speaking institution, each with an ``inst`` group: the table's
    ("White House"), offices ("Trudeau's office"), a demonym's bodies ("Cuban state media")."""
    cached = INSTITUTION_PATTERNS.get(id(rules))
    if cached is None:
        demonyms = {d for c in rules.countries.values() for d in c.demonyms if d[:1].isupper()}
        # "Turkey's presidency said": a country's name in the possessive serves as well
        owners = {
            f"{name}{mark}s"
            for c in rules.countries.values()
            for name in (c.name, *c.names)
            if name[:1].isupper()
            for mark in "'’"
        }
        bodies = sorted(rules.institution_bodies, key=len, reverse=True)
        body = re.compile(
            r"\b(?P<inst>(?:"
            + alternation(demonyms | owners)
            + r")\s+(?i:"
            + "|".join(map(re.escape, bodies))
            + r"))\b"
        )
        cached = INSTITUTION_PATTERNS[id(rules)] = (rules.institutions, rules.offices, body)
    return cached


INSTITUTION_PATTERNS: dict[int, tuple[re.Pattern[str], ...]] = {}


def _bare_body(
    doc: ArticleDoc, start: int, segment: str, rules: Rules
) -> tuple[int, str, str | None] | None:
    """ "The ministry said": the institution named before whose name ends in that body."""
    pattern = BARE_BODIES.get(id(rules))
    if pattern is None:
        bodies = sorted({*rules.institution_bodies, "ministry"}, key=len, reverse=True)
        pattern = BARE_BODIES[id(rules)] = re.compile(
            r"\b[Tt]he\s+(?P<body>" + "|".join(map(re.escape, bodies)) + r")\b"
        )
    found = pattern.search(segment)
    if found is None:
        return None
    body = fold(found.group("body"))
    earlier = doc.text[:start]
    named = [
        m
        for p in _institutions(rules)
        for m in p.finditer(earlier)
        if fold(m.group("inst")).endswith(body)
    ]
    if not named:
        return None
    latest = max(named, key=lambda m: (m.end(), -m.start()))  # the longest of the last
    return start + found.end(), latest.group("inst"), None


BARE_BODIES: dict[int, re.Pattern[str]] = {}


def _institution_in(segment: str, rules: Rules) -> re.Match[str] | None:
    found = [m for m in (p.search(segment) for p in _institutions(rules)) if m]
    return min(found, key=lambda m: m.start()) if found else None


def _institution_before(doc: ArticleDoc, offset: int, rules: Rules) -> str | None:
    """The institution last named before ``offset``: who issued "the statement"."""
    text = doc.text[:offset]
    found = [m for p in _institutions(rules) for m in p.finditer(text)]
    return max(found, key=lambda m: (m.end(), -m.start())).group("inst") if found else None


def _is_institution(name: str | None, rules: Rules) -> bool:
    if not name:
        return False
    return any(p.fullmatch(name) for p in _institutions(rules))


def _name_words(run: str, rules: Rules) -> list[str]:
    """The words of a capitalised run that can be a person's name, or [] for a place,
    an institution or an acronym ("San Francisco", "White House", "CCTV")."""
    words = [w for w in run.split() if fold(w).rstrip(".") not in rules.titles]
    while words and (
        words[0] in rules.name_stopwords
        or fold(words[0]) in rules.titles
        or fold(words[0]) in rules.country_index  # "Philippine envoy to China Chito ..."
    ):
        words.pop(0)
    phrase = " ".join(words)
    if not words or any(w.isupper() and len(w) > 1 for w in words):
        return []
    if fold(phrase) in rules.country_index or rules.institutions.fullmatch(phrase):
        return []
    if lookup_city(phrase) is not None or any(w in rules.name_stopwords for w in words):
        return []
    if fold(words[-1]) in _body_heads(rules):
        return []  # "External Affairs Ministry spokesperson X": no one is called "Ministry"
    return words


def _body_heads(rules: Rules) -> frozenset[str]:
    """The last words of the speaking bodies ("ministry", "office", "embassy"): a
    capitalised run ending in one names an institution, not a person."""
    cached = BODY_HEADS.get(id(rules))
    if cached is None:
        cached = BODY_HEADS[id(rules)] = frozenset(
            fold(body.split()[-1]) for body in rules.institution_bodies
        )
    return cached


BODY_HEADS: dict[int, frozenset[str]] = {}


def _misspelt_leader(doc: ArticleDoc, words: list[str]) -> Mention | None:
    """A leader of this article whose surname is one typo away from ``words``."""
    for word in words:
        for mention in doc.mentions:
            surname = mention.name.split()[-1]
            if (
                mention.is_leader
                and word[:1] == surname[:1]
                and word != surname
                and SequenceMatcher(None, fold(word), fold(surname)).ratio() >= TYPO_RATIO
            ):
                return mention
    return None


def _speaker_after(
    doc: ArticleDoc, end: int, limit: int, verbs: str, rules: Rules
) -> tuple[str | None, str | None, bool]:
    """(speaker, country, attributed) from '..." X said' or '..." said X' after a quote.

    ``attributed`` with no speaker means a pronoun ("he said") for the caller to resolve.
    """
    window = doc.text[end : min(limit, end + AFTER_WINDOW)]
    relayed = QUOTED_AS.match(window)
    if relayed:
        # '...," the presidency quoted Erdogan as saying': the one quoted speaks
        named = _named_in(
            doc, end + relayed.start("who"), end + relayed.end("who"), rules, nearest_end=True
        )
        if named:
            return named[0], named[1], True
    head = AFTER_QUOTE.get(verbs)
    if head is None:
        head = AFTER_QUOTE[verbs] = re.compile(
            r"[\s,.;:—–-]*"
            r"(?:(?P<pre>(?:[A-Z\d]|[a-z]+\s+[a-z]*\s*[A-Z]|the\b|he\b|she\b|his\b|her\b|it\b)[^\"“”!?,;]{0,70}?)\s+)?"
            rf"(?:also\s+)?(?P<verb>{verbs})\b(?:\s+(?P<post>[^\"“”.;]{{0,70}}))?"
        )
    match = head.match(window)
    if not match:
        return _attribution_clause(doc, end, limit, rules) or _caption(doc, end, limit, rules)
    for group in ("pre", "post"):
        segment = match.group(group)
        if not segment:
            continue
        participle = match.group("verb") if group == "post" else segment.split()[0]
        if participle.endswith("ing") and _verb_patterns(verbs)[1].fullmatch(participle):
            continue  # '...," adding that Trump agreed': what follows is more content
        if PRONOUN.fullmatch(segment.strip()) or (group == "post" and PRONOUN.match(segment)):
            return _pronoun(segment.split()[0]), None, True
        if segment.strip() in ("it", "It"):
            # '...," it said': the institution named last (a ministry, the Kremlin)
            issuer = _institution_before(doc, end, rules)
            return issuer, None, issuer is not None
        named = _named_in(
            doc,
            end + match.start(group),
            end + match.end(group),
            rules,
            nearest_end=group == "pre",
        )
        if named:
            return named[0], named[1], True
        if rules.documents.search(segment):
            # '"...," the statement said': the institution that issued it
            issuer = _institution_before(doc, end, rules)
            if issuer:
                return issuer, None, True
    return None, None, False


AFTER_QUOTE: dict[str, re.Pattern[str]] = {}
QUOTED_AS = re.compile(
    r"[\s,.;:—–-]*[^\"“”.;\n]{0,60}?\bquoted\s+(?P<who>[^,\"“”.;\n]{2,60}?)\s+as\s+say(?:ing)?\b"
)
# '...," Mr Mohamud, who spoke through an interpreter, pledged.': after a quote closed by a
# comma, a subject (with an aside between commas) and any past-tense verb ending the clause
# attribute it, whether or not the verb is in the reporting verbs table
ATTRIBUTION = re.compile(
    r"(?P<who>(?:[Tt]he\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*"
    r"|[Tt]he\s+[a-z]+(?:\s+[a-z]+)?|he|she)"
    r"(?:,[^,\"“”.!?\n]{1,80},)?\s+(?:also\s+)?(?:(?:said|told|wrote|says|tells|writes|read|reads)\b|[a-z]{3,}ed"
    r"(?=\s*[.,;!?]|\s+(?:on|in|at|after|before|during|to|with|from|by|through|later|earlier"
    r"|again|today|yesterday|last|this)\b))"
)
COMMA_CLOSED = re.compile(r",\s*[\"“”»’']+\s*$|[\"“”»’']+\s*,\s*$")


def _attribution_clause(
    doc: ArticleDoc, end: int, limit: int, rules: Rules
) -> tuple[str | None, str | None, bool] | None:
    """The speaker of a quote closed by a comma and followed by a subject and any verb in
    the past tense ('...," the envoy pledged'), a wider grammar than the verb table."""
    window_start = end
    while window_start < limit and doc.text[window_start] in " ,":
        window_start += 1
    if not COMMA_CLOSED.search(doc.text, max(0, end - 3), window_start):
        return None
    found = ATTRIBUTION.match(doc.text, window_start, min(limit, window_start + AFTER_WINDOW))
    if found is None:
        return None
    who = found.group("who")
    if PRONOUN.fullmatch(who):
        return _pronoun(who), None, True
    named = _named_in(doc, found.start("who"), found.end("who"), rules, nearest_end=True)
    if named is None and rules.documents.search(who):
        # '...," the statement read': the institution that issued it
        issuer = _institution_before(doc, end, rules)
        return (issuer, None, True) if issuer else None
    return (named[0], named[1], True) if named else None


CAPTION = re.compile(r"[\s,—–-]*(?P<who>[A-Z][^\"“”.!?]*)\.?\s*$")
CAPTION_WORDS = 5  # '..." Boris Johnson.': a name alone after a quote, no verb


def _caption(
    doc: ArticleDoc, end: int, limit: int, rules: Rules
) -> tuple[str | None, str | None, bool]:
    """The speaker a quote is captioned with: the rest of its sentence is only a name or
    an institution ('..." Boris Johnson.', '...," White House announcement.')."""
    caption = CAPTION.match(doc.text, end, limit)
    if caption is None or len(caption.group("who").split()) > CAPTION_WORDS:
        return None, None, False
    named = _named_in(
        doc, caption.start("who"), caption.end("who"), rules, nearest_end=False, prefer_people=False
    )
    return (named[0], named[1], True) if named else (None, None, False)


def find_quotes(doc: ArticleDoc, *, rules: Rules) -> ArticleDoc:
    """Add a Quote for every quotation of five words or more, and for reported speech."""
    verbs = _verbs(rules)
    verb_re = _verb_patterns(verbs)[0]
    quotes: list[Quote] = []
    previous: Quote | None = None
    spans = [
        span
        if span.continued or doc.text[span.end - 1 : span.end] in QUOTE_MARKS
        else _cut_attribution(doc.text, span, verbs)
        for span in find_quote_spans(doc.text)
    ]
    speakers = [m for m in doc.mentions if not _inside(spans, m.start)]
    speakers = sorted(speakers + _role_mentions(doc, rules, spans), key=lambda m: m.start)
    outside = ArticleDoc(raw=doc.raw, text=doc.text, sentences=doc.sentences, mentions=speakers)
    chain: list[tuple[Quote, bool]] = []  # a quotation running over paragraphs so far
    genders = _genders(doc, rules)
    for span in spans:
        text = doc.text[span.body_start : span.body_end]
        if len(text.split()) < MIN_QUOTE_WORDS:
            chain = []
            continue
        lo, hi = _sentence_bounds(doc, span.start, span.end)
        speaker, country = _attribute(outside, span, (lo, hi), verbs, verb_re, genders, rules)
        own = speaker not in (None, HE, SHE)
        speaker, country = _resolve(
            outside, span, (lo, hi), (speaker, country), previous, verb_re, genders, rules
        )
        quote = Quote(span.body_start, span.body_end, text, speaker, "direct", country)
        quotes.append(quote)
        previous = quote
        chain.append((quote, own))
        if not span.continued:
            _share_speaker(chain)
            chain = []
    _share_speaker(chain)
    quotes += _reported(doc, quotes)
    quotes.sort(key=lambda q: q.start)
    doc.quotes = quotes
    return doc


QUOTE_MARKS = "\"“”„‟«»'‘’`"
UNCLOSED_TAILS: dict[str, re.Pattern[str]] = {}


def _cut_attribution(text: str, span: QuoteSpan, verbs: str) -> QuoteSpan:
    """A quotation left unclosed to its paragraph's end ('“Turkey will ..., the presidency
    quoted Erdogan as saying.'): the clause after its last comma that holds a reporting
    verb attributes it and is no part of it."""
    tail = UNCLOSED_TAILS.get(verbs)
    if tail is None:
        tail = UNCLOSED_TAILS[verbs] = re.compile(
            r",\s+(?=(?:[Tt]he\s+|[A-Z]|he\s|she\s)[^,\"“”\n]{0,60}?\b(?:"
            + verbs
            + r"|quoted)\b[^,\"“”\n]{0,60}$)"
        )
    found = tail.search(text, span.body_start, span.body_end)
    if found is None:
        return span
    return QuoteSpan(span.start, found.start(), span.body_start, found.start())


def _share_speaker(chain: list[tuple[Quote, bool]]) -> None:
    """One speaker for the paragraphs of one quotation: the one named where it opens
    ('Blair said: "...'), else the one named where it closes ('...," he said.')."""
    if len(chain) < 2:
        return
    first, own = chain[0]
    source = first if own and first.speaker else chain[-1][0]
    for quote, _ in chain:
        quote.speaker, quote.speaker_country = source.speaker, source.speaker_country


def _resolve(
    doc: ArticleDoc,
    span: QuoteSpan,
    bounds: tuple[int, int],
    found: tuple[str | None, str | None],
    previous: Quote | None,
    verb_re: re.Pattern[str],
    genders: Genders,
    rules: Rules,
) -> tuple[str | None, str | None]:
    """The speaker of a quotation whose own sentence named none, or only a pronoun."""
    lo, hi = bounds
    speaker, country = found
    recent = (
        previous is not None
        and doc.sentence_at(span.start) - doc.sentence_at(previous.start) <= PRONOUN_REACH
    )
    if speaker in (HE, SHE):
        # "he said" after a quote: the speaker of a quote just before, else the last
        # sentence's subject; a person named after that quote ("Clinton said ...")
        # is the newer subject
        pronoun = speaker
        person = _subject_before(doc, span.start, genders, rules, pronoun)
        woman = _titled_woman(doc, span.start, genders, rules) if pronoun == SHE else None
        if person is None and woman is None and pronoun == SHE:
            person = _subject_before(doc, span.start, genders, rules)
        later = person is not None and previous is not None and person.start > previous.end
        if (
            recent
            and previous is not None
            and previous.speaker
            and genders.fits(previous.speaker, pronoun)
            and not later
        ):
            speaker, country = previous.speaker, previous.speaker_country
        elif person:
            speaker, country = person.name, person.country
        elif woman:
            speaker, country = woman, None
        elif (
            previous is not None
            and previous.speaker
            and genders.fits(previous.speaker, pronoun)
            and doc.sentence_at(span.start) - doc.sentence_at(previous.start) <= SUBJECT_LIMIT
        ):
            # no one named since the last quote: its speaker is still "he"
            speaker, country = previous.speaker, previous.speaker_country
        else:
            speaker, country = None, None
    if speaker is None and previous is not None and previous.speaker:
        gap = doc.text[previous.end : span.start]
        if "\n" not in gap and len(gap) < AFTER_WINDOW:
            speaker, country = previous.speaker, previous.speaker_country
    around = doc.text[lo : span.start] + doc.text[span.end : hi]
    if verb_re.search(around) is None and not _is_institution(speaker, rules):
        # no reporting verb: words of a readout when an institution speaks in this or
        # the next sentence ('Biden "welcomed ..." ... The White House said') or spoke
        # in the quote just before and no one is named ('... the statement said. The
        # two leaders discussed "..."')
        source = _institution_near(doc, span.start, verb_re, rules)
        if source:
            speaker, country = source, None
        elif (
            recent
            and previous is not None
            and _is_institution(previous.speaker, rules)
            and _person_at(doc.mentions, lo, span.start) is None
        ):
            speaker, country = previous.speaker, None
    if speaker is None and verb_re.search(around) is None:
        # no reporting verb: the sentence's own subject ("Obama thanked Castro for his
        # 'spirit of ...'"), else the last sentence's ("... recalled that ..." / "'...'")
        person = _person_at(doc.mentions, lo, span.start)
        follows = (
            previous is not None
            and previous.speaker is not None
            and doc.sentence_at(span.start) - doc.sentence_at(previous.start) == 1
            and not doc.text[lo : span.start].strip()
        )
        if person is None and follows and previous is not None:
            # a quote standing alone right after another: the same speaker goes on
            return previous.speaker, previous.speaker_country
        if person is None and not _group_subject(doc.text[lo : span.start]):
            person = _subject_before(doc, span.start, genders, rules)
        if person:
            speaker, country = person.name, person.country
    return speaker, country


# "Officials on both sides described", "Western diplomats in Seoul called": a plural noun,
# a few words, then a verb in the past
GROUP_SUBJECT = re.compile(
    r"\s*(?:[A-Z][a-z]+\s+)?(?P<noun>[A-Za-z]+s)\b(?:\s+[\w’'-]+){0,4}?\s+[a-z]+ed\b"
)


def _group_subject(before: str) -> bool:
    """The quote's own sentence opens with a plural common noun as its subject
    ('Officials on both sides described the ties as "..."'): unnamed people speak, not
    the subject of the sentence before."""
    found = GROUP_SUBJECT.match(before)
    return found is not None and not _rare_word(found.group("noun"))


def _institution_near(
    doc: ArticleDoc, offset: int, verb_re: re.Pattern[str], rules: Rules
) -> str | None:
    """An institution that reports (says, issues a readout) in the sentence of ``offset``
    or the next one."""
    index = doc.sentence_at(offset) if doc.sentences else 0
    for sentence in doc.sentences[index : index + 2]:
        for found in (p.search(sentence.text) for p in _institutions(rules)):
            if found is None:
                continue
            tail = POSSESSIVE.sub("", sentence.text[found.end() : found.end() + 40])
            if verb_re.match(tail) or rules.documents.match(tail):
                return found.group("inst")
    return None


def _attribute(
    doc: ArticleDoc,
    span: QuoteSpan,
    bounds: tuple[int, int],
    verbs: str,
    verb_re: re.Pattern[str],
    genders: Genders,
    rules: Rules,
) -> tuple[str | None, str | None]:
    """The speaker of one quotation from its own sentence, a pronoun (HE, SHE) for the
    caller to resolve, or (None, None)."""
    lo, hi = bounds
    outside = doc.text[lo : span.start] + " " * (span.end - span.start)
    outside += doc.text[span.end : hi]
    source = ACCORDING_TO.search(outside)
    speaker, country, attributed = _speaker_after(doc, span.end, hi, verbs, rules)
    between = doc.text[lo + source.end() : span.start] if source else ""
    between = between[max(between.rfind(c) for c in '"“”«»') + 1 :]  # past earlier quotes
    framed = verb_re.search(between) is not None
    if source and not framed and (speaker is None or lo + source.start() < span.start):
        # "according to the White House readout, Biden 'underscored ...'": the source
        # speaks; after the quote ("...," Xi said, according to CCTV) the speaker does,
        # and so does one with a verb of his own ("according to X, Putin told Xi: '...'")
        named = _named_in(
            doc,
            lo + source.end(),
            min(hi, lo + source.end() + AFTER_WINDOW // 2),
            rules,
            nearest_end=False,
            prefer_people=False,
        )
        if named:
            return named
    before = doc.text[lo : span.start]
    if speaker not in (None, HE, SHE):
        if RELAY.match(doc.text, span.end, hi):
            # '"...," Yonhap reported' after "Obama said ...": the agency relays him
            return _verb_subject(doc, lo, span, verb_re, rules) or (speaker, country)
        return speaker, country
    pronoun_before = _verb_patterns(verbs)[2].search(before)
    if attributed or pronoun_before:
        pronoun = speaker or (_pronoun(pronoun_before.group()) if pronoun_before else HE)
        person = _last_person_before(doc.mentions, span.start, lo, genders, pronoun)
        if person is None:
            return pronoun, None  # the caller prefers the last quote's speaker
        return person.name, person.country
    if verb_re.search(before):
        named = _verb_subject(doc, lo, span, verb_re, rules)
        if named:
            return named
    elif before.strip():
        # no reporting verb: the subject of the quote's own clause ("a summit in which Kim
        # committed to '...'"), else the sentence's ("Obama thanked Castro for his '...'")
        relative = list(RELATIVE_CLAUSE.finditer(before))
        clause = lo + relative[-1].end() if relative else lo
        subject = PRONOUN_SUBJECT.match(doc.text, clause, span.start)
        if subject:
            return _pronoun(subject.group()), None  # "He met X and thanked him for '...'"
        named = _named_in(doc, clause, span.start, rules, nearest_end=False) or _named_in(
            doc, lo, span.start, rules, nearest_end=False
        )
        if named:
            return named
    if rules.documents.search(before):
        # 'Ukraine is also mentioned in the declaration: "..."': who issued it speaks
        issuer = _institution_before(doc, span.start, rules)
        if issuer:
            return issuer, None
    return _introduced(doc, span, rules) or (None, None)


def _introduced(doc: ArticleDoc, span: QuoteSpan, rules: Rules) -> tuple[str, str | None] | None:
    """The speaker of a quotation opening its paragraph, named by the paragraph before it
    ending in a colon ("The presidency said in a statement:"), a person or an institution."""
    line_start = doc.text.rfind("\n", 0, span.start) + 1
    if line_start < 2 or doc.text[line_start : span.start].strip():
        return None
    if doc.text[: line_start - 1].rstrip()[-1:] != ":":
        return None
    intro = doc.sentences[doc.sentence_at(line_start - 2)] if doc.sentences else None
    start = max(intro.start if intro else 0, doc.text.rfind("\n", 0, line_start - 1) + 1)
    return _named_in(doc, start, line_start - 1, rules, nearest_end=False)


RELAY = re.compile(r"[\s,.;:—–-]*(?:[A-Z][\w.'’-]*\s+){1,4}(?:reported|reports)\b")


def _verb_subject(
    doc: ArticleDoc, lo: int, span: QuoteSpan, verb_re: re.Pattern[str], rules: Rules
) -> tuple[str, str | None] | None:
    """The subject of the outermost reporting verb in the quote's own clause: "Mr. Biden
    told Xi that ...": Biden; "the official said Biden had explained ...": the official;
    "Blair said ... while Chirac spoke of ...": Chirac."""
    before = doc.text[lo : span.start]
    verbs_before = list(verb_re.finditer(before))
    if not verbs_before:
        return None
    last = verbs_before[-1].start()
    clauses = list(CLAUSE_BREAK.finditer(before, 0, last))
    clause = lo + (clauses[-1].end() if clauses else 0)
    edge = next(lo + v.start() for v in verbs_before if lo + v.start() >= clause)
    return (
        _named_in(doc, clause, edge, rules, nearest_end=False)
        or _named_in(doc, lo, edge, rules, nearest_end=False)
        or _named_in(doc, lo, span.start, rules, nearest_end=False)
    )


REPORTED = re.compile(
    r"\s+(?:also\s+)?(?:said|says|stated|stressed|noted|added|told reporters)\s+(?:that\s+)?"
)


def _reported(doc: ArticleDoc, direct: list[Quote]) -> list[Quote]:
    """'X said (that) ...' with no quotation marks: reported speech by a leader."""
    found = []
    for sentence in doc.sentences:
        near = starting_in(direct, sentence.start, sentence.end)
        if any(sentence.start <= q.start < sentence.end for q in near):
            continue
        if any(c in sentence.text for c in '“”"'):
            continue
        for mention in starting_in(doc.mentions, sentence.start, sentence.end):
            if not (sentence.start <= mention.start < sentence.end) or not mention.is_leader:
                continue
            after = REPORTED.match(doc.text, mention.end)
            if not after:
                continue
            start, end = after.end(), sentence.end
            text = doc.text[start:end]
            if len(text.split()) >= MIN_QUOTE_WORDS and fold(text[:1]) != "":
                found.append(Quote(start, end, text, mention.name, "reported", mention.country))
            break
    return found
