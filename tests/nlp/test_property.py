"""Property test: the pipeline never raises, whatever the text, and keeps its offsets.

Random Unicode (every category but surrogates, which no decoded article holds) and
random articles assembled from leader names, titles, quotation marks of every kind,
dates, HTML tags and entities and newlines go through ``extract``; every quotation and
every statement of a meeting must be found at its offsets in the cleaned text. Examples
are bounded and the deadline is off: this is not a timing test (timing is
bench/adversarial.py's job).
"""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.nlp.doc import ArticleDoc, Quote
from app.nlp.pipeline import extract

NAMES = [
    "Emmanuel Macron",
    "Angela Merkel",
    "Macron",
    "Merkel",
    "Joe Biden",
    "Xi Jinping",
    "Vladimir Putin",
    "Narendra Modi",
    "Fumio Kishida",
    "Olaf Scholz",
    "Luiz Inácio Lula da Silva",
    "Recep Tayyip Erdoğan",
    "Mohammed bin Salman",
]
TITLES = [
    "President",
    "Prime Minister",
    "Chancellor",
    "French President",
    "German Chancellor",
    "King",
    "Premier",
    "Secretary-General",
]
QUOTES = ['"', "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "'"]
DATES = [
    "March 3, 2021",
    "3 March 2021",
    "on Tuesday",
    "2021-03-03",
    "last week",
    "(AFP) -",
    "PARIS, March 3, 2021 (Reuters) -",
]
WORDS = [
    "met",
    "held talks with",
    "said",
    "told reporters",
    "in Paris",
    "at the Elysee Palace",
    "summit",
    "by video",
    "and",
    "on trade",
    ".",
    ",",
    " ",
    "\u200b",
    "\u202e",
]
HTML = [
    "<p>",
    "</p>",
    "<br>",
    "<html><body>",
    "<script>",
    "</script>",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "<",
]

random_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]),
    max_size=400,
)
pieces = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(TITLES),
    st.sampled_from(QUOTES),
    st.sampled_from(DATES),
    st.sampled_from(WORDS),
    st.sampled_from(HTML),
    st.just("\n"),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=5),
)
article_text = st.lists(pieces, max_size=80).map(" ".join)


def check_offsets(doc: ArticleDoc) -> None:
    statements: list[Quote] = list(doc.quotes)
    for summit in doc.summits:
        statements += summit.statements
    for quote in statements:
        assert 0 <= quote.start <= quote.end <= len(doc.text)
        assert quote.text in doc.text[quote.start : quote.end], quote


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_text)
@example("")
@example("\u201c\u201c\u201d'\u00ab\n\u201e")
def test_random_unicode_never_raises(text: str) -> None:
    check_offsets(extract(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_text)
@example(
    "PARIS, March 3, 2021 (AFP) - French President Emmanuel Macron met German "
    "Chancellor Angela Merkel.\n\u201cWe agreed,\u201d Macron said."
)
def test_leader_articles_never_raise(text: str) -> None:
    check_offsets(extract(text))
