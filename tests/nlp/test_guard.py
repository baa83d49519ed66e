"""The first-character guard never changes where a word-bounded pattern matches."""

import re

import pytest

from app.nlp.guard import at_word_start, first_class, guarded

TEXTS = [
    "Merkel met Putin; the talks, held in Sochi, lasted two hours.",
    "PRESIDENT OBAMA TELEPHONED THE TAOISEACH ON TUESDAY.",
    "Die Kanzlerin traf den Präsidenten — a tête-à-tête, not a summit.",
    "He spoke by phone with Modi, then ſummit-level aides rang KIM's office.",
    "Ahead of next week's visit, officials will finalise the agenda.",
]
PATTERNS = [
    r"met|meets|held (a |the )?([\w'-]+ ){0,2}talks|summit",
    r"(tele)?phoned|spoke (by|over the) (tele)?phone|rang(?= (?-i:[A-Z]))",
    r"(excellent|frank)?\s*call|tête-à-tête",
    r"[a-z]+-level|summit",
    r"ahead of|next (week|month)|will",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_guarded_pattern_matches_where_the_bare_one_does(pattern: str) -> None:
    bare = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.IGNORECASE)
    guard = first_class(bare.pattern, bare.flags) or ""
    guarded = re.compile(rf"(?<![\w-]){guard}(?:{pattern})(?![\w])", re.IGNORECASE)
    for text in TEXTS:
        assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in bare.finditer(text)]


def test_no_guard_when_anything_may_open_or_nothing_is_needed() -> None:
    assert first_class(r"[\w-]+-hour call", re.IGNORECASE) is None
    assert first_class(r"(talks)?", 0) is None
    assert first_class(r"(?:tele)?phone|video", re.IGNORECASE) == "(?=[ptv])"


def test_guarded_compiles_to_the_same_matches_with_a_leading_word_boundary() -> None:
    plain = re.compile(r"\b(?:(?:on|last) )?(?P<day>Monday|Friday)\b")
    fast = guarded(plain.pattern)
    text = "They met last Friday and again on Monday; Fridays are quiet. onMonday"
    assert fast.pattern.startswith("(?=[")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_digit_class_stands_for_every_decimal_digit() -> None:
    plain = re.compile(r"\b(?P<day>\d{1,2}) (?:May|June) (?P<year>\d{4})\b")
    fast = guarded(plain.pattern)
    text = "Signed 9 May 2003, ratified ٢ June ٢٠٠٤ and again 21 June 2004."
    assert fast.pattern.startswith(r"(?=[\d])")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_alternatives_opened_at_word_start_match_where_the_word_bounded_ones_do() -> None:
    words = ["In", "in", "at", "inside", "Sept", "1999", "a"]
    plain = re.compile(r"\b(?:" + "|".join(words) + r")\s+(?=[A-Z0-9])")
    fast = re.compile("(?:" + at_word_start(*words) + r")\s+(?=[A-Z0-9])")
    texts = [
        "Talks in Rome, inside Villa Madama; a Sept 1999 visit at Kyoto. within Oslo",
        "In Seoul and in\nTokyo, not in tin Cans or main Halls; a2 1999 B",
        "İn Ankara, ıt İnside Izmir — at  Accra, Sept\tOslo",
    ]
    for text in texts:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
        for pos in range(len(text)):
            found, expected = fast.search(text, pos), plain.search(text, pos)
            assert (found and found.span()) == (expected and expected.span())


def test_an_alternative_must_open_with_a_letter_or_digit() -> None:
    with pytest.raises(ValueError):
        at_word_start("in", "-elect")
