"""Stage 5: quoted and reported statements, each with its speaker.

A quotation's speaker is found, in order: after the quote in the same sentence
("...," Kishida said / said Lee / he added), before it in the same sentence
("Yoon said, ..."), then from the quote just before it (a quote continued after
"he said"), then from the subject of the previous sentence.
"""

import re

from app.nlp.doc import ArticleDoc, Mention, Quote
from app.nlp.rules import Rules, fold

MIN_QUOTE_WORDS = 5  # shorter quoted spans are scare quotes or names (GUIDELINES.md)
AFTER_WINDOW = 120  # characters after a quote searched for "X said"
QUOTE_PAIRS = re.compile(
    r"“(?P<curly>[^“”]{2,}?)”|(?<![\w])\"(?P<straight>[^\"\n]{2,}?)\"|(?<![\w’'])‘(?P<single>[^‘’]{8,}?)’(?![\w])"
)
PRONOUN = re.compile(r"\b(?P<pronoun>he|she|He|She)\b")
NAME_RUN = r"(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+"


def _verbs(rules: Rules) -> str:
    return "|".join(re.escape(v) for v in sorted(rules.reporting_verbs, key=len, reverse=True))


def _sentence_bounds(doc: ArticleDoc, start: int, end: int) -> tuple[int, int]:
    first = doc.sentences[doc.sentence_at(start)] if doc.sentences else None
    last = doc.sentences[doc.sentence_at(max(start, end - 1))] if doc.sentences else None
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", end)
    line_end = len(doc.text) if line_end < 0 else line_end
    lo = max(first.start, line_start) if first else line_start
    hi = min(last.end, line_end) if last else line_end
    return lo, max(hi, end)


def _person_at(mentions: list[Mention], start: int, end: int) -> Mention | None:
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    return inside[0] if inside else None


def _last_person_before(mentions: list[Mention], offset: int, floor: int = 0) -> Mention | None:
    before = [m for m in mentions if floor <= m.start < offset and m.kind != "pronoun"]
    return before[-1] if before else None


def _subject_before(doc: ArticleDoc, offset: int) -> Mention | None:
    """The first person named in the sentence before ``offset``'s sentence."""
    index = doc.sentence_at(offset) if doc.sentences else 0
    for back in range(index - 1, max(-1, index - 3), -1):
        sentence = doc.sentences[back]
        found = _person_at(doc.mentions, sentence.start, sentence.end)
        if found:
            return found
    return None


def _speaker_after(
    doc: ArticleDoc, end: int, limit: int, verbs: str, rules: Rules
) -> tuple[str | None, str | None, bool]:
    """(speaker, country, attributed) from '..." X said' or '..." said X' after a quote.

    ``attributed`` with no speaker means a pronoun ("he said") for the caller to resolve.
    """
    window = doc.text[end : min(limit, end + AFTER_WINDOW)]
    head = AFTER_QUOTE.get(verbs)
    if head is None:
        head = AFTER_QUOTE[verbs] = re.compile(
            r"[\s,.;:—–-]*"
            r"(?:(?P<pre>(?:[A-Z\d]|the |he |she |his |her )[^\"“”.!?,;]{0,70}?)\s+)?"
            rf"(?:also\s+)?(?P<verb>{verbs})\b(?:\s+(?P<post>[^\"“”.,;]{{0,70}}))?"
        )
    match = head.match(window)
    if not match:
        return None, None, False
    pre, post = match.group("pre"), match.group("post")
    for group, segment in (("pre", pre), ("post", post)):
        if not segment:
            continue
        person = _person_at(doc.mentions, end + match.start(group), end + match.end(group))
        if person:
            return person.name, person.country, True
        if PRONOUN.match(segment.strip()):
            return None, None, True
        institution = rules.institutions.match(segment.strip())
        if institution:
            return institution.group("inst"), None, True
        name = re.match(rf"(?:[a-z]+\s+){{0,3}}({NAME_RUN})", segment.strip())
        if (name and len(name.group(1).split()) >= 2 and group == "pre") or (
            name and group == "post" and len(name.group(1).split()) >= 2
        ):
            return name.group(1), None, True
    return None, None, False


AFTER_QUOTE: dict[str, re.Pattern[str]] = {}


def find_quotes(doc: ArticleDoc, *, rules: Rules) -> ArticleDoc:
    """Add a Quote for every quotation of five words or more, and for reported speech."""
    verbs = _verbs(rules)
    verb_re = re.compile(rf"\b(?:{verbs})\b|according to")
    quotes: list[Quote] = []
    previous: Quote | None = None
    for match in QUOTE_PAIRS.finditer(doc.text):
        group = next(g for g in ("curly", "straight", "single") if match.group(g) is not None)
        start, end = match.span(group)
        body = doc.text[start:end]
        stripped = body.rstrip(" ,;:")
        lead = len(body) - len(body.lstrip())
        start, end = start + lead, start + len(stripped)
        text = doc.text[start:end]
        if len(text.split()) < MIN_QUOTE_WORDS:
            continue
        lo, hi = _sentence_bounds(doc, match.start(), match.end())
        speaker, country, attributed = _speaker_after(doc, match.end(), hi, verbs, rules)
        if attributed and speaker is None:
            person = _last_person_before(doc.mentions, match.start(), lo) or _subject_before(
                doc, match.start()
            )
            if person:
                speaker, country = person.name, person.country
        if speaker is None:
            before = doc.text[lo : match.start()]
            if verb_re.search(before) or before.rstrip().endswith((":", ",")):
                person = _person_at(doc.mentions, lo, match.start())
                if person:
                    speaker, country = person.name, person.country
                elif rules.institutions.search(before):
                    speaker = rules.institutions.search(before).group("inst")  # type: ignore[union-attr]
        if speaker is None and previous is not None and previous.speaker:
            gap = doc.text[previous.end : match.start()]
            if "\n" not in gap and len(gap) < AFTER_WINDOW:
                speaker, country = previous.speaker, previous.speaker_country
        if speaker is None:
            person = _subject_before(doc, match.start())
            if person and verb_re.search(doc.text[lo:hi]) is None:
                speaker, country = person.name, person.country
        quote = Quote(start, end, text, speaker, "direct", country)
        quotes.append(quote)
        previous = quote
    quotes += _reported(doc, quotes)
    quotes.sort(key=lambda q: q.start)
    doc.quotes = quotes
    return doc


REPORTED = re.compile(
    r"\s+(?:also\s+)?(?:said|says|stated|stressed|noted|added|told reporters)\s+(?:that\s+)?"
)


def _reported(doc: ArticleDoc, direct: list[Quote]) -> list[Quote]:
    """'X said (that) ...' with no quotation marks: reported speech by a leader."""
    found = []
    for sentence in doc.sentences:
        if any(sentence.start <= q.start < sentence.end for q in direct):
            continue
        if any(c in sentence.text for c in '“”"'):
            continue
        for mention in doc.mentions:
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
