"""Vocabulary rows of lemmas and phrases, matched with light inflection.

A data file lists one word or phrase a row ("supply chain", "invade"); this module
turns each row into the surface forms news prints ("supply chains", "invaded",
"cease-fire" / "ceasefire") and finds them in one pass over a sentence, the longest
phrase winning where two overlap ("nuclear power" is not "nuclear" weapons, "cold
war" is not a war).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import product
from typing import Any

import ahocorasick

from app.nlp.rules import fold

# fmt: off
# words that never inflect inside a phrase ("freedom of the press", "belt and road")
FUNCTION_WORDS = frozenset({
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
    "with",
})
# British and American spellings of one suffix, each way round
SPELLINGS = (
    ("isation", "ization"), ("ization", "isation"), ("ise", "ize"), ("ize", "ise"),
    ("ised", "ized"), ("ized", "ised"), ("our", "or"), ("ence", "ense"), ("ense", "ence"),
    ("yse", "yze"), ("programme", "program"), ("fertiliser", "fertilizer"),
)
# fmt: on
MIN_INFLECTED = 3  # "US" or "UN" take no endings
PREFIX_MARK = "*"  # "cyber*": any word that starts so ("cyberattack", "cybersecurity")
GAP_MARK = "..."  # "first ... to visit": a few words may stand between the two parts
GAP_WORDS = 4  # "the first sitting American president to visit"


def alternation(
    words: Iterable[str], ending: Callable[[str], str] = lambda _: "", *, ignore_case: bool = False
) -> str:
    """A regular expression matching any of ``words`` (each followed by ``ending(word)``)
    as "|".join of the words longest first does, but written as a tree of shared
    beginnings: sre tries a plain alternation's words one by one at every offset, and
    hundreds of country names make that the slowest part of a pattern.

    Where it stands, the words that can match are beginnings of one another (of the
    text's letters there, lower-cased with ``ignore_case``), and the tree tries every
    longer one before a shorter one, as the longest-first list does: same matches."""
    tree: dict[str, Any] = {}
    for word in words:
        key = word.lower() if ignore_case and len(word.lower()) == len(word) else word
        node = tree
        for char in key:
            node = node.setdefault(char, {})
        node.setdefault("", ending(word))
    return _branches(tree)


def _branches(node: dict[str, Any]) -> str:
    parts = [re.escape(char) + _branches(child) for char, child in node.items() if char]
    if "" in node:
        parts.append(node[""])
    if len(parts) == 1:
        return parts[0]
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _inflections(word: str) -> set[str]:
    """The word with plural, -ed and -ing endings, and its other spelling."""
    forms = {word}
    for old, new in SPELLINGS:
        if word.endswith(old):
            forms.add(word[: -len(old)] + new)
    if len(word) < MIN_INFLECTED or word in FUNCTION_WORDS or not word.isalpha():
        return forms
    for base in list(forms):
        if base.endswith("y") and base[-2:-1] not in "aeiou":
            forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
            continue
        if base.endswith(("s", "x", "z", "ch", "sh")):
            forms.add(base + "es")
        else:
            forms.add(base + "s")
        if base.endswith("e"):
            forms |= {base + "d", base[:-1] + "ing"}
        else:
            forms |= {base + "ed", base + "ing"}
    return forms


def phrase_forms(phrase: str) -> set[str]:
    """Folded surface forms of a row: its first and last words inflected, a space also
    written as a hyphen, a hyphen also as a space or nothing ("cease-fire", "ceasefire")."""
    words = fold(phrase.rstrip(PREFIX_MARK)).replace("-", " - ").split()
    slots: list[set[str]] = []
    for i, word in enumerate(words):
        if word == "-":
            slots.append({"-", " ", ""})
        elif i in (0, len(words) - 1) and not phrase.endswith(PREFIX_MARK):
            slots.append(_inflections(word))
        else:
            slots.append({word})
    forms = set()
    for choice in product(*slots):
        text = ""
        for i, part in enumerate(choice):
            if i and words[i] != "-" and words[i - 1] != "-":
                text += " "
            text += part
        forms.add(text)
        if " " in text:
            forms.add(text.replace(" ", "-"))
    return forms


def _gap_pattern(phrase: str) -> re.Pattern[str]:
    """A row with a gap as a pattern over folded text: each part in any of its forms."""
    parts = [
        "|".join(re.escape(form) for form in sorted(phrase_forms(part.strip()), key=len)[::-1])
        for part in phrase.split(GAP_MARK)
    ]
    gap = rf"(?:\s+[\w'-]+){{0,{GAP_WORDS}}}\s+"
    return re.compile(r"(?<![\w-])(?:" + f"){gap}(?:".join(parts) + r")(?!\w)")


# The phrases found per (matcher, text), kept for the article at hand.
_FOUND: dict[tuple[int, str], tuple["PhraseMatcher", list[tuple[int, int, tuple[str, ...]]]]] = {}
MAX_FOUND = 512


def clear_found_phrases() -> None:
    """Forget the phrases found per text (a benchmark pass sees each article as new)."""
    _FOUND.clear()


# Rows of (label, phrase) compiled into one automaton over folded text.
@dataclass(frozen=True)
class PhraseMatcher:
    # folded form -> (labels, length, may run on into a longer word, words to be in capitals)
    automaton: "ahocorasick.Automaton"
    # rows with a gap: labels, pattern, and the forms of the last part (one must be present)
    gapped: tuple[tuple[tuple[str, ...], re.Pattern[str], tuple[str, ...]], ...]

    def find(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """Longest non-overlapping phrases in ``text`` as (start, end, labels); a text
        asked again (a sentence read for each meeting of its article) is not rescanned."""
        known = _FOUND.get((id(self), text))
        if known is not None and known[0] is self:
            return list(known[1])
        if len(_FOUND) >= MAX_FOUND:
            _FOUND.clear()
        chosen = self._find(text)
        _FOUND[id(self), text] = (self, chosen)
        return list(chosen)

    def _find(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        folded = fold(text).replace("\n", " ")
        hits: list[tuple[int, int, tuple[str, ...]]] = []
        for end_index, (labels, length, prefix, capitals) in self.automaton.iter(folded):
            end = end_index + 1
            start = end - length
            if start > 0 and folded[start - 1].isalnum():
                continue
            if end < len(folded) and folded[end].isalnum() and not prefix:
                continue
            if capitals and any(word not in text[start:end] for word in capitals):
                continue  # "AI" is the acronym, "ai" is not
            hits.append((start, end, labels))
        for labels, pattern, last_forms in self.gapped:
            if any(form in folded for form in last_forms):  # else the row cannot match
                hits += [(m.start(), m.end(), labels) for m in pattern.finditer(folded)]
        hits.sort(key=lambda h: (h[0] - h[1], h[0]))  # longest first, then leftmost
        chosen: list[tuple[int, int, tuple[str, ...]]] = []
        taken = bytearray(len(folded))  # 1 where a chosen phrase stands: no rescan of them
        for hit in hits:
            if taken.find(1, hit[0], hit[1]) < 0:
                chosen.append(hit)
                taken[hit[0] : hit[1]] = b"\x01" * (hit[1] - hit[0])
        chosen.sort()
        return chosen


def build_phrase_matcher(rows: Iterable[tuple[str, str]]) -> PhraseMatcher:
    """Compile (label, phrase) rows; a form two rows spell carries both labels."""
    forms: dict[str, tuple[set[str], bool, tuple[str, ...]]] = {}
    gapped: dict[str, set[str]] = {}
    for label, phrase in rows:
        if GAP_MARK in phrase:
            gapped.setdefault(phrase, set()).add(label)
            continue
        capitals = tuple(w for w in phrase.split() if len(w) > 1 and w.isupper())
        prefix = phrase.endswith(PREFIX_MARK)
        for form in phrase_forms(phrase):
            labels, runs_on, _ = forms.get(form, (set(), False, capitals))
            forms[form] = (labels | {label}, runs_on or prefix, capitals)
    automaton = ahocorasick.Automaton()
    for form, (labels, prefix, capitals) in forms.items():
        automaton.add_word(form, (tuple(sorted(labels)), len(form), prefix, capitals))
    automaton.make_automaton()
    return PhraseMatcher(
        automaton,
        tuple(
            (
                tuple(sorted(labels)),
                _gap_pattern(phrase),
                tuple(phrase_forms(phrase.split(GAP_MARK)[-1].strip())),
            )
            for phrase, labels in gapped.items()
        ),
    )
