"""A pattern's listed openings never turn away a word where it matches."""

import re

import pytest

from app.nlp.heads import HEAD, may_match, openings, required
from app.nlp.meetings import _cue_matches
from app.nlp.rules import Rules

TEXTS = [
    "Merkel met Putin; the talks, held in Sochi, lasted two hours.",
    "PRESIDENT OBAMA TELEPHONED THE TAOISEACH ON TUESDAY AFTER THE SUMMIT.",
    "Die Kanzlerin traf den Präsidenten — a tête-à-tête, not a summit.",
    "He spoke by phone with Modi, then ſummit-level aides rang KIM's office.",
    "Ahead of next week's visit, officials will finalise the agenda at a 90-minute call.",
    "The premiers conferred virtually; a videoconference followed, then a pull-aside.",
]
PATTERNS = [
    r"met|meets|held (a |the )?([\w'-]+ ){0,2}talks|summit",
    r"(tele)?phoned|spoke (by|over the) (tele)?phone|rang(?= (?-i:[A-Z]))",
    r"(excellent|frank)?\s*call|tête-à-tête",
    r"[a-z]+-level|summit",
    r"ahead of|next (week|month)|will|a|\d+-minute",
    r"video(-\s*|\s+)conferenc\w+|videoconferenc\w+|(met|conferred) virtually",
    r"(?:pull|push)-asides?|[A-Z][a-z]{0,3}",
]
WORD_START = re.compile(r"(?<![\w-])\S")


def _opens(pattern: re.Pattern[str], text: str, position: int) -> bool:
    """May ``pattern`` match at ``position``, by its listed openings?"""
    listed = openings(pattern)
    head = text[position : position + HEAD]
    if listed is None or not head.isascii():
        return True
    return any(head.lower().startswith(opening) for opening in listed)


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_every_match_opens_with_a_listed_opening(pattern: str, flags: int) -> None:
    compiled = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", flags)
    for text in TEXTS:
        for word in WORD_START.finditer(text):
            if compiled.match(text, word.start()):
                assert _opens(compiled, text, word.start()), (text, word.group())


def test_openings_stop_where_anything_may_follow() -> None:
    assert openings(re.compile(r"(?i)met|meets|summits?")) == frozenset({"met", "mee", "sum"})
    assert openings(re.compile(r"by \w+|on")) == frozenset({"by ", "on"})
    assert openings(re.compile(r"video\w*|[a-c]d")) == frozenset({"vid", "ad", "bd", "cd"})


def test_no_openings_when_a_match_may_open_with_anything() -> None:
    assert openings(re.compile(r"[\w-]+-hour call")) is None
    assert openings(re.compile(r"(talks)?")) is None
    assert openings(re.compile(r"\w+|Kelvin")) is None


def test_a_letter_outside_ascii_opens_only_what_it_folds_to() -> None:
    assert openings(re.compile(r"(?i)tête|tete")) == frozenset({"tet"})
    assert openings(re.compile(r"(?i)kelvin|\u212a")) == frozenset({"kel", "k"})


def test_cue_matches_are_each_patterns_own_finditer(rules: Rules) -> None:
    for text in TEXTS:
        narrowed = [(row[:2], m.span()) for row, m in _cue_matches(text, rules)]
        plain = [(row[:2], m.span()) for row in rules.meeting_cues for m in row[2].finditer(text)]
        assert narrowed == plain, text


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_match_holds_one_of_the_required_strings(pattern: str) -> None:
    compiled = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.IGNORECASE)
    needed = required(compiled)
    for text in TEXTS:
        for match in compiled.finditer(text):
            assert needed is None or any(s in match.group().lower() for s in needed), text


def test_required_strings_leave_out_letters_that_fold_from_outside_ascii() -> None:
    assert required(re.compile(r"(?i)(tele)?phone call|a call with")) == frozenset(
        {"phone call", "a call w"}
    )
    assert required(re.compile(r"(?i)\w+-hour call")) == frozenset({"-hour call"})
    assert required(re.compile(r"(?i)kiss|\w+")) is None  # 'K' (Kelvin) and 'ſ' match


@pytest.mark.parametrize("pattern", PATTERNS)
def test_may_match_is_true_wherever_the_pattern_matches(pattern: str) -> None:
    compiled = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.IGNORECASE)
    for text in [*TEXTS, "", "nothing to see", "THE SUMMIT WAS HELD"]:
        if compiled.search(text):
            assert may_match(compiled, text), text


def test_may_match_skips_a_text_without_the_required_words() -> None:
    planned = re.compile(r"(?<![\w-])(?:will|expected to|ahead of)(?![\w])", re.IGNORECASE)
    assert not may_match(planned, "Merkel met Putin in Sochi on Tuesday")
    assert may_match(planned, "AHEAD OF the vote, Modi met Xi")
    assert may_match(re.compile(r"(?i)\w+"), "anything")  # nothing required: always tried
