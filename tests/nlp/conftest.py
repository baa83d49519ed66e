"""Fixtures for stage tests: rules loaded once, and a helper that runs the pipeline."""

import pytest

from app.nlp.doc import ArticleDoc
from app.nlp.pipeline import extract
from app.nlp.rules import Rules, load_rules


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules()


def run(text: str, url: str | None = None) -> ArticleDoc:
    """The whole pipeline over a short article written for a test."""
    return extract(text, url=url)


def article(*lines: str) -> str:
    """A scraped article as plain text: one line per headline, date line or paragraph."""
    return "\n".join(lines) + "\n"
