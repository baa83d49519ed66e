"""Extraction in a worker process under a time budget (#13)."""

import time

import pytest

from app.extractor import ExtractionTimeout, Extractor
from tests.factories import PHONE_CALL, slow_article

BUDGET_S = 1.0
GENEROUS_S = 60.0  # far above the budget: only a budget that does not stop the work fails


def test_article_over_budget_is_stopped_and_the_next_one_extracted() -> None:
    with Extractor(budget_s=BUDGET_S) as extractor:
        extractor.extract(PHONE_CALL)  # the worker is up and warm
        started = time.monotonic()
        with pytest.raises(ExtractionTimeout, match=r"^extraction exceeded 1 s$"):
            extractor.extract(slow_article())
        assert time.monotonic() - started < GENEROUS_S
        doc = extractor.extract(PHONE_CALL)
    assert [p.name for p in doc.summits[0].participants] == ["Joe Biden", "Xi Jinping"]
