"""Per-sentence lookups read only what can touch the sentence, and stay exact."""

import datetime as dt
import random
from typing import Any

import pytest

from app.nlp import meetings, spans
from app.nlp import rules as rules_module
from app.nlp.doc import Span
from app.nlp.people import _weights
from app.nlp.rules import LeaderTerm, Rules, clear_found, note_slices
from app.nlp.spans import around, starting_in


def _spans(seed: int, count: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    starts = sorted(rng.randrange(0, 5000) for _ in range(count))
    return [(start, start + rng.randrange(0, 40)) for start in starts]


@pytest.mark.parametrize("seed", range(5))
def test_starting_in_is_the_plain_filter_in_list_order(seed: int) -> None:
    items = _spans(seed, 300)
    for lo in range(0, 5100, 37):
        hi = lo + 120
        plain = [s for s in items if lo <= s[0] < hi]
        assert starting_in(items, lo, hi) == plain


@pytest.mark.parametrize("seed", range(5))
def test_around_keeps_every_span_that_touches_the_stretch(seed: int) -> None:
    items = _spans(seed, 300)
    for lo in range(0, 5100, 23):
        hi = lo + seed * 10
        touching = [s for s in items if s[0] <= hi and s[1] >= lo]
        near = around(items, lo, hi)
        assert [s for s in near if s[0] <= hi and s[1] >= lo] == touching
        assert len(near) < len(items)  # only a few are read


def test_a_long_sentence_reads_few_items() -> None:
    # 20,000 mentions: a sentence's own are found without reading the others
    items = [(i * 10, i * 10 + 5) for i in range(20_000)]
    assert starting_in(items, 100_000, 100_100) == items[10_000:10_010]
    assert around(items, 100_003, 100_003) == [(100_000, 100_005)]


def test_unsorted_or_short_lists_are_returned_whole() -> None:
    unsorted = [(50, 60), (10, 20)] * 50
    assert starting_in(unsorted, 0, 5) == unsorted
    short = [(1, 2), (30, 40)]
    assert around(short, 100, 200) == short


def test_a_list_grown_since_it_was_indexed_is_indexed_again() -> None:
    items = [(i, i + 1) for i in range(0, 500, 5)]
    assert starting_in(items, 500, 600) == []
    items.append((550, 551))
    assert starting_in(items, 500, 600) == [(550, 551)]
    spans.clear_index()


def _term(name: str, start: dt.date | None, end: dt.date | None) -> LeaderTerm:
    return LeaderTerm(name, "XX", "president", start, end, None, (), ())


def test_weights_count_the_leaders_in_office_on_each_change_of_office() -> None:
    rng = random.Random(7)
    named: dict[str, tuple[int, list[LeaderTerm]]] = {}
    for i in range(60):
        terms = []
        for _ in range(rng.randrange(1, 4)):
            first = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 20000))
            start = None if rng.random() < 0.1 else first
            end = None if rng.random() < 0.2 else first + dt.timedelta(days=rng.randrange(0, 4000))
            terms.append(_term(f"L{i}", start, end))
        named[f"L{i}"] = (rng.randrange(1, 5), terms)
    every = [t for _, terms in named.values() for t in terms]
    bounds = sorted(
        {t.start for t in every if t.start} | {t.end + dt.timedelta(1) for t in every if t.end}
    )
    by_bound, before = _weights(named, bounds)

    def plain(on: dt.date) -> int:
        return sum(n for n, terms in named.values() if any(t.in_office(on) for t in terms))

    assert by_bound == [plain(day) for day in bounds]
    assert before == plain(bounds[0] - dt.timedelta(1))


def test_cues_are_read_once_per_sentence_text_however_long_the_article(
    rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    found = meetings._find_cues

    def counted(text: str, rules: Rules) -> list[meetings._Cue]:
        calls.append(text)
        return found(text, rules)

    monkeypatch.setattr(meetings, "_find_cues", counted)
    texts = ["Leaders met for talks. ", "Ministers held a meeting. "]
    sentences, start = [], 0
    for i in range(6000):
        text = texts[i % 2]
        sentences.append(Span(start, start + len(text), "sentence", text))
        start += len(text)
    meetings.clear_cue_memo()
    for _ in range(3):  # several steps of assembly ask for every sentence
        cues = [meetings._cues(sentence, rules) for sentence in sentences]
    meetings.clear_cue_memo()
    assert sorted(calls) == sorted(texts)  # a sentence written again is read once
    for sentence, own in zip(sentences, cues, strict=True):
        assert own  # at the sentence's own offsets
        assert all(sentence.start <= c.start < c.end <= sentence.end for c in own)
    first, again = sentences[0].start, sentences[2].start
    assert [c.start - again for c in cues[2]] == [c.start - first for c in cues[0]]


def test_a_sentence_is_read_from_the_article_it_was_cut_from(
    rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = "Talks in Paris.\nMacron met Merkel in Berlin; Xi called Biden."
    cut = article.index("Macron")
    sentence = article[cut:]
    alone = rules.find(sentence, "leader")
    clear_found()
    scanned: list[str] = []
    raw_hits = rules_module._raw_hits

    def counted(text: str, automaton: Any) -> Any:
        scanned.append(text)
        return raw_hits(text, automaton)

    monkeypatch.setattr(rules_module, "_raw_hits", counted)
    note_slices(article, [(cut, sentence)])
    rules.find(article, "leader")
    assert rules.find(sentence, "leader") == alone
    assert scanned == [article]  # the sentence is not scanned again
    clear_found()
