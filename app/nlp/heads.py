"""The literal openings of a pattern: which first few letters a match can start with.

A stage that tries several patterns at every word start of a sentence can first look
up the word's first letters and try only the patterns that may open with them. The
openings are read from the pattern's parse tree, so they follow the rule data; where
the tree allows anything (``\\w``, a negated class, a back-reference) an opening stops
there, which only widens it, so skipping a pattern is always safe: it could not have
matched.
"""

import re
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

HEAD = 3  # letters read from a word start
MAX_OPENINGS = 4096  # past this many, a pattern is tried everywhere
MAX_CLASS = 12  # a character class wider than this opens to anything
REPEAT_UNROLL = HEAD + 1  # a repeat consuming nothing is not followed further


class _Wide(Exception):
    """A pattern's openings are too many to list; it is tried at every word start."""


def openings(pattern: re.Pattern[str], head: int = HEAD) -> frozenset[str] | None:
    """The lower-case ASCII strings (at most ``head`` letters) one of which begins every
    lower-cased ASCII text a match of ``pattern`` can start, or None when they cannot be
    listed. A string shorter than ``head`` begins a match that ends or opens to anything
    there."""
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
        live, done = _sequence(list(tree), {""}, head)
    except (_Wide, re.error, RecursionError):
        return None
    found = live | done
    return None if "" in found else frozenset(found)


def _sequence(items: list[Any], live: set[str], head: int) -> tuple[set[str], set[str]]:
    """Run ``items`` from each live prefix: (prefixes still growing, finished ones)."""
    done: set[str] = set()
    for op, arg in items:
        if not live:
            break
        live, ended = _item(op, arg, live, head)
        done |= ended
        if len(live) + len(done) > MAX_OPENINGS:
            raise _Wide
    return live, done


def _item(op: Any, arg: Any, live: set[str], head: int) -> tuple[set[str], set[str]]:
    if op is sre.LITERAL:
        return _extend(live, _letters([chr(arg)]), head)
    if op is sre.IN:
        return _extend(live, _class(arg), head)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return live, set()  # consumes nothing
    if op is sre.SUBPATTERN:
        return _sequence(list(arg[-1]), live, head)
    if op is sre.BRANCH:
        grown: set[str] = set()
        done: set[str] = set()
        for branch in arg[1]:
            more, ended = _sequence(list(branch), set(live), head)
            grown |= more
            done |= ended
        return grown, done
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, high, body = arg
        return _repeat(low, high, list(body), live, head)
    return set(), set(live)  # anything else: the prefixes open to any continuation


def _repeat(
    low: int, high: int, body: list[Any], live: set[str], head: int
) -> tuple[set[str], set[str]]:
    grown: set[str] = set(live) if low == 0 else set()
    done: set[str] = set()
    current = live
    count = 0
    while current and count < high:
        count += 1
        current, ended = _sequence(body, current, head)
        done |= ended
        if count >= low:
            grown |= current
        if count > REPEAT_UNROLL:
            done |= current  # consumed nothing for a while: stop following it
            current = set()
    return grown, done


def _extend(live: set[str], letters: set[str] | None, head: int) -> tuple[set[str], set[str]]:
    """Each live prefix followed by one of ``letters`` (None: any character)."""
    if letters is None:
        return set(), set(live)
    grown = {prefix + letter for prefix in live for letter in letters}
    full = {prefix for prefix in grown if len(prefix) >= head}
    return grown - full, full


def _letters(chars: list[str]) -> set[str] | None:
    """The lower-case ASCII characters that ``chars`` match, even case-blind: a letter
    outside ASCII matches none ('ê') or the one it folds to ('K' (Kelvin) matches 'k');
    an opening of an ASCII word cannot run through 'ê'."""
    return {folded for c in chars for folded in _ascii_forms(c)}


@cache
def _ascii_forms(char: str) -> frozenset[str]:
    if char.isascii():
        return frozenset({char.lower()})
    blind = re.compile(re.escape(char), re.IGNORECASE)
    return frozenset(a.lower() for a in map(chr, range(128)) if blind.fullmatch(a))


def _class(items: list[Any]) -> set[str] | None:
    chars: list[str] = []
    for op, arg in items:
        if op is sre.LITERAL:
            chars.append(chr(arg))
        elif op is sre.RANGE and arg[1] - arg[0] < MAX_CLASS:
            chars += [chr(code) for code in range(arg[0], arg[1] + 1)]
        else:
            return None  # negated, a category (\w, \s) or a wide range
        if len(chars) > MAX_CLASS:
            return None
    return _letters(chars)


FOLDS_OUTSIDE_ASCII = frozenset("iks")  # 'İ', 'ı', 'K' (Kelvin), 'ſ' match them case-blind


def required(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains (so a text
    whose lower-case form holds none of them cannot match), or None if none is found."""
    try:
        needed = _needs(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    except (re.error, RecursionError):
        return None
    return frozenset(needed) if needed else None


def _needs(items: list[Any]) -> set[str] | None:
    """The fewest strings (the longest on a tie) one of which the sequence must contain."""
    options: list[set[str]] = []
    run = ""
    for op, arg in [*items, (None, None)]:
        if op is sre.LITERAL and chr(arg).isascii() and chr(arg).lower() not in FOLDS_OUTSIDE_ASCII:
            run += chr(arg).lower()
            continue
        if run:
            options.append({run})
            run = ""
        needed: set[str] | None = None
        if op is sre.SUBPATTERN:
            needed = _needs(list(arg[-1]))
        elif op is sre.BRANCH:
            branches = [_needs(list(branch)) for branch in arg[1]]
            if all(branches):
                needed = set().union(*branches)  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
            needed = _needs(list(arg[2]))
        if needed:
            options.append(needed)
    if not options:
        return None
    return min(options, key=lambda found: (len(found), -min(len(s) for s in found)))


# id(pattern) -> (pattern, its needs): hashing a compiled pattern hashes all its code
_NEEDS: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False when ``pattern`` cannot match in ``text``: its lower-case form holds none of
    the strings every match contains (one plain scan, instead of a case-blind
    alternation tried at every word). True when it may, or when nothing is required."""
    found = _NEEDS.get(id(pattern))
    if found is None or found[0] is not pattern:
        needed = required(pattern)
        found = _NEEDS[id(pattern)] = (
            pattern,
            None
            if needed is None
            else re.compile("|".join(map(re.escape, sorted(needed, key=len, reverse=True)))),
        )
    needs = found[1]
    return needs is None or needs.search(text.lower()) is not None
