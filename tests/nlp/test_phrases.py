"""Vocabulary rows matched with light inflection, longest phrase first."""

import re

import pytest

from app.nlp.phrases import alternation, build_phrase_matcher, phrase_forms

ROWS = (
    ("armed-conflict", "cease-fire"),
    ("armed-conflict", "invade"),
    ("armed-conflict", "war"),
    ("bilateral-relations", "first ... to visit"),
    ("cybersecurity", "cyber"),
    ("cybersecurity", "cyber*"),
    ("economy", "financial crisis"),
    ("defense", "defence"),
    ("defense", "missile defence"),
    ("energy", "nuclear power"),
    ("missiles", "missile defence"),
    ("nuclear-weapons", "nuclear"),
    ("supply-chains", "supply chain"),
    ("technology", "AI"),
    ("-", "cold war"),
    ("-", "crisis in"),
)


def labels_in(text: str) -> list[tuple[str, tuple[str, ...]]]:
    matcher = build_phrase_matcher(ROWS)
    return [(text[start:end], labels) for start, end, labels in matcher.find(text)]


@pytest.mark.parametrize(
    ("phrase", "form"),
    [
        ("supply chain", "supply chains"),
        ("invade", "invaded"),
        ("invade", "invading"),
        ("ally", "allies"),
        ("cease-fire", "ceasefire"),
        ("cease-fire", "cease fire"),
        ("defence", "defense"),
        ("normalisation", "normalization"),
        ("peace talk", "peace-talks"),
    ],
)
def test_a_row_yields_the_forms_news_prints(phrase: str, form: str) -> None:
    assert form in phrase_forms(phrase)


def test_function_words_inside_a_phrase_do_not_inflect() -> None:
    assert "freedom ofs the press" not in phrase_forms("freedom of the press")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Troops invaded the north in 1991.", [("invaded", ("armed-conflict",))]),
        ("A fragile ceasefire held.", [("ceasefire", ("armed-conflict",))]),
        ("They spoke of Cold War rivalry.", [("Cold War", ("-",))]),
        ("Plans for nuclear power plants.", [("nuclear power", ("energy",))]),
        ("The missile defense shield.", [("missile defense", ("defense", "missiles"))]),
        ("Recent cyberattacks on banks.", [("cyber", ("cybersecurity",))]),
        ("Rules for AI models.", [("AI", ("technology",))]),
        ("The financial crisis in Greece.", [("financial crisis", ("economy",))]),
        ("Said said ai.", []),
        ("A warning about wartime.", []),
        (
            "He was the first sitting British leader to visit.",
            [("first sitting British leader to visit", ("bilateral-relations",))],
        ),
    ],
)
def test_the_longest_phrase_wins_at_word_boundaries(
    text: str, found: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert labels_in(text) == found


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_alternation_matches_as_the_longest_first_list(flags: int) -> None:
    words = ["Korea", "Korean", "South Korea", "South Korean", "Sudan", "S.", "Niger", "Nigeria"]
    ending = lambda w: "" if w.endswith(".") else r"\b"  # noqa: E731
    listed = "|".join(re.escape(w) + ending(w) for w in sorted(words, key=len, reverse=True))
    tree = alternation(words, ending, ignore_case=bool(flags))
    text = "the south Korean and Nigerian, S. Sudan's and South Korea-Niger; NIGERIA korean"
    pattern = r"\b(?:the\s+)?(?P<w>{})(?:\s+and)?"
    old = [m.span("w") for m in re.finditer(pattern.format(listed), text, flags)]
    assert [m.span("w") for m in re.finditer(pattern.format(tree), text, flags)] == old
    assert old
