"""Evidence offsets become marked segments only where they truly point (#15)."""

from typing import Any

import pytest

from app.explore.highlight import EvidenceSpan, Segment, segment, valid_spans

TEXT = "Putin met Erdogan in Sochi on Monday."


@pytest.mark.parametrize(
    ("span", "kept"),
    [
        ({"start": 0, "end": 5, "label": "participant", "text": "Putin"}, True),
        ({"start": 0, "end": 5, "label": "participant"}, True),  # statements carry no text
        ({"start": 1, "end": 6, "label": "participant", "text": "Putin"}, False),  # moved
        ({"start": 30, "end": 99, "label": "date"}, False),  # past the end
        ({"start": -1, "end": 5, "label": "date"}, False),
        ({"start": 5, "end": 5, "label": "date"}, False),  # empty
        ({"start": 6, "end": 2, "label": "date"}, False),  # reversed
        ({"start": "0", "end": 5, "label": "date"}, False),  # not an offset
        ({"start": True, "end": 5, "label": "date"}, False),  # a bool is not an offset
        ({"start": 0, "end": 5}, False),  # no label
    ],
)
def test_valid_spans_keeps_only_spans_that_point_at_their_text(
    span: dict[str, Any], kept: bool
) -> None:
    assert valid_spans(TEXT, [span]) == ([EvidenceSpan(0, 5, "participant")] if kept else [])


def test_segments_cover_the_text_once_in_order() -> None:
    spans = [EvidenceSpan(21, 26, "location"), EvidenceSpan(0, 5, "participant")]
    assert segment(TEXT, spans) == [
        Segment("Putin", ("participant",)),
        Segment(" met Erdogan in ", ()),
        Segment("Sochi", ("location",)),
        Segment(" on Monday.", ()),
    ]


def test_overlapping_spans_give_the_shared_part_both_labels() -> None:
    quote = EvidenceSpan(0, 17, "quote")
    name = EvidenceSpan(10, 17, "participant")
    assert [(s.text, s.css) for s in segment(TEXT, [quote, name, name])] == [
        ("Putin met ", "ev-quote"),
        ("Erdogan", "ev-participant ev-quote"),
        (" in Sochi on Monday.", ""),
    ]


def test_no_spans_is_one_plain_segment() -> None:
    assert segment(TEXT, []) == [Segment(TEXT, ())]
    assert segment("", []) == []


def test_a_quote_s_segments_name_its_statement_and_where_it_opens() -> None:
    """A participant inside a quote splits it; both parts lead back to the statement, and
    only the first is where a link to the statement's words lands (#15)."""
    spans = valid_spans(
        TEXT,
        [
            {"start": 0, "end": 17, "label": "quote", "statement_id": 7},
            {"start": 10, "end": 17, "label": "participant", "text": "Erdogan"},
        ],
    )
    assert segment(TEXT, spans) == [
        Segment("Putin met ", ("quote",), (7,), (7,)),
        Segment("Erdogan", ("participant", "quote"), (7,), ()),
        Segment(" in Sochi on Monday.", ()),
    ]
