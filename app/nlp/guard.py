"""The characters a pattern's match can open with, so a scan can skip the rest.

A word-bounded alternation ("(?<![\\w-])(?:met|talks|summit ...)") is tried in full at
every word of a text; a class of its possible first characters put in front of it
("(?=[mts])") turns most words away with one test. The class is read from the
pattern's parse tree, so it is always a superset of the true one: the guarded pattern
matches exactly where the bare one does.
"""

import importlib
import re
from typing import Any

_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")
DIGIT = "\\d"  # stands in the class for every decimal digit, as \d in the pattern does
MAX_RANGE = 256  # a wider range in a class gives up (no cheaper than the pattern itself)


def _class_chars(items: Any) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op is _c.LITERAL:
            chars.add(chr(arg))
        elif op is _c.RANGE and arg[1] - arg[0] <= MAX_RANGE:
            chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
        elif op is _c.CATEGORY and arg is _c.CATEGORY_DIGIT:
            chars.add(DIGIT)
        else:
            return None  # a word character (\w) or a negated class: anything may open
    return chars


def _first(items: Any) -> tuple[set[str] | None, bool]:
    """(possible first characters or None for any, whether the sequence can be empty)."""
    chars: set[str] = set()
    for op, arg in items:
        if op is _c.LITERAL:
            return chars | {chr(arg)}, False
        if op is _c.IN:
            opening = _class_chars(arg)
            return (None if opening is None else chars | opening), False
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero width: the next item opens the match
        if op is _c.SUBPATTERN:
            found, empty = _first(arg[3])
        elif op is _c.ATOMIC_GROUP:
            found, empty = _first(arg)
        elif op is _c.BRANCH:
            found, empty = set(), False
            for branch in arg[1]:
                opening, can_be_empty = _first(branch)
                if opening is None:
                    return None, False
                found |= opening
                empty = empty or can_be_empty
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            found, empty = _first(arg[2])
            empty = empty or arg[0] == 0
        else:
            return None, False
        if found is None:
            return None, False
        chars |= found
        if not empty:
            return chars, False
    return chars, True


def first_class(pattern: str, flags: int) -> str | None:
    """A lookahead for the characters a match of ``pattern`` opens with (matched under
    the same flags, so case-blind if the pattern is), or None if any may, or it can
    match nothing."""
    try:
        opening, empty = _first(_parser.parse(pattern, flags))
    except (re.error, TypeError, IndexError):
        return None
    if opening is None or empty or not opening:
        return None
    return "(?=[" + "".join(c if c == DIGIT else re.escape(c) for c in sorted(opening)) + "])"


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile``, with the first-character lookahead in front when there is one
    (a lookahead before other zero-width tests is the same test at the same place)."""
    compiled = re.compile(pattern, flags)
    guard = first_class(pattern, flags)
    return compiled if guard is None else re.compile(guard + pattern, flags)


def at_word_start(*alternatives: str) -> str:
    """``\\b(?:a|b)`` written as ``a(?<=\\ba)...|b(?<=\\bb)...``: each alternative opens with
    its first character (a letter or digit) and checks the word start behind it, so a
    search skips straight to the characters that can open (a pattern opening with ``\\b``
    or a lookahead is tried at every character). Same matches, in the same order."""
    for alternative in alternatives:
        if not alternative[:1].isalnum():
            raise ValueError(f"alternative must open with a letter or digit: {alternative!r}")
    return "|".join(rf"{a[0]}(?<=\b{a[0]}){a[1:]}" for a in alternatives)
