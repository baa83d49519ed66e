"""Stage 3: leaders named, referred to by surname, by role, or as someone's counterpart."""

import pytest

from app.nlp.doc import ArticleDoc, Mention
from tests.nlp.conftest import article, run

TITLE = "Leaders hold talks on regional security"


def _mention(doc: ArticleDoc, text: str) -> Mention:
    """The one mention whose surface is ``text``, checked to point into ``doc.text``."""
    found = [m for m in doc.mentions if m.text == text]
    assert len(found) == 1, [m.text for m in doc.mentions]
    mention = found[0]
    assert doc.text[mention.start : mention.end] == mention.text
    return mention


@pytest.mark.parametrize(
    ("paragraph", "surface", "country", "role"),
    [
        (
            "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in "
            "Tokyo on Thursday for talks on security and the economy of the region.",
            "Fumio Kishida",
            "JP",
            "Prime Minister",
        ),
        (
            "U.S. President Joe Biden met German Chancellor Olaf Scholz at the White House on "
            "Friday to discuss support for Ukraine and the energy security of Europe.",
            "Joe Biden",
            "US",
            "President",
        ),
    ],
)
def test_full_name_after_title(paragraph: str, surface: str, country: str, role: str) -> None:
    doc = run(article(TITLE, "Published March 17, 2023", paragraph))
    mention = _mention(doc, surface)
    assert (mention.name, mention.country, mention.role, mention.is_leader, mention.kind) == (
        surface,
        country,
        role,
        True,
        "name",
    )


def test_bare_surname_after_first_mention() -> None:
    doc = run(
        article(
            TITLE,
            "Published March 17, 2023",
            "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in "
            "Tokyo on Thursday for talks on security and the economy of the region.",
            "Yoon said the two countries had turned a new page after years of tension.",
        )
    )
    mention = _mention(doc, "Yoon")
    assert (mention.name, mention.country, mention.is_leader, mention.kind) == (
        "Yoon Suk Yeol",
        "KR",
        True,
        "surname",
    )


@pytest.mark.parametrize(
    ("published", "caller", "expected"),
    [
        ("March 10, 2023", "Joe Biden", "Andrés Manuel López Obrador"),
        ("March 10, 2025", "Donald Trump", "Claudia Sheinbaum"),
    ],
)
def test_counterpart_is_the_leader_in_office_on_the_publication_date(
    published: str, caller: str, expected: str
) -> None:
    doc = run(
        article(
            TITLE,
            f"Published {published}",
            f"U.S. President {caller} spoke by phone with his Mexican counterpart on Monday about "
            "tariffs on steel and the flow of migrants across the border.",
        )
    )
    mention = _mention(doc, "his Mexican counterpart")
    assert (mention.name, mention.country, mention.role, mention.is_leader, mention.kind) == (
        expected,
        "MX",
        "President",
        True,
        "counterpart",
    )


@pytest.mark.parametrize(
    ("published", "host", "expected"),
    [
        ("July 10, 2019", "Scott Morrison", "Shinzo Abe"),
        ("July 10, 2023", "Anthony Albanese", "Fumio Kishida"),
    ],
)
def test_the_japanese_premier_is_the_prime_minister_of_the_day(
    published: str, host: str, expected: str
) -> None:
    doc = run(
        article(
            TITLE,
            f"Published {published}",
            f"Australian Prime Minister {host} hosted the Japanese premier in Canberra on Tuesday "
            "for talks on defence cooperation and the supply of liquefied natural gas.",
        )
    )
    mention = _mention(doc, "the Japanese premier")
    assert (mention.name, mention.country, mention.role, mention.kind) == (
        expected,
        "JP",
        "Prime Minister",
        "role",
    )


@pytest.mark.parametrize(
    ("titled", "name", "country"),
    [
        # names made up for the test: no table lists them
        ("Tuvaluan Prime Minister Talia Vaimoana", "Talia Vaimoana", "TV"),
        ("Barbadian Prime Minister Desmond Alleyne-Clarke", "Desmond Alleyne-Clarke", "BB"),
    ],
)
def test_leader_missing_from_the_table_gets_country_from_demonym(
    titled: str, name: str, country: str
) -> None:
    doc = run(
        article(
            TITLE,
            "Published March 10, 2023",
            f"{titled} met New Zealand Prime Minister Chris Hipkins in Wellington on Monday to "
            "discuss climate finance and the rise in sea levels across the Pacific.",
        )
    )
    mention = _mention(doc, name)
    assert (mention.name, mention.country, mention.role, mention.is_leader, mention.kind) == (
        name,
        country,
        "Prime Minister",
        True,
        "titled",
    )


@pytest.mark.parametrize(
    ("titled", "name"),
    [
        ("Former US President George W. Bush", "George W. Bush"),
        ("Former President Donald Trump", "Donald Trump"),
    ],
)
def test_former_president_is_not_a_leader(titled: str, name: str) -> None:
    doc = run(
        article(
            TITLE,
            "Published July 30, 2023",
            f"{titled} met Japanese Prime Minister Fumio Kishida in Tokyo on Monday to discuss "
            "the alliance between their countries and the situation in the region.",
        )
    )
    mention = _mention(doc, name)
    assert (mention.name, mention.is_leader) == (name, False)


@pytest.mark.parametrize(
    ("published", "expected"),
    [("July 30, 1991", "George H. W. Bush"), ("July 30, 2005", "George W. Bush")],
)
def test_shared_surname_is_resolved_by_publication_date(published: str, expected: str) -> None:
    doc = run(
        article(
            "US leader arrives for talks on arms control",
            f"Published {published}",
            "President Bush arrived in Moscow on Monday for two days of talks on arms control, "
            "trade and the future of the region.",
        )
    )
    mention = _mention(doc, "Bush")
    assert (mention.name, mention.country, mention.is_leader, mention.kind) == (
        expected,
        "US",
        True,
        "surname",
    )


def test_foreign_minister_is_titled_but_not_a_leader() -> None:
    doc = run(
        article(
            TITLE,
            "Published June 15, 2023",
            "Japanese Foreign Minister Yoshimasa Hayashi met Australian Foreign Minister Penny "
            "Wong in Canberra on Tuesday to discuss regional security and critical minerals.",
        )
    )
    mention = _mention(doc, "Yoshimasa Hayashi")
    assert (mention.country, mention.role, mention.is_leader) == ("JP", "Foreign Minister", False)


def test_month_may_is_not_theresa_may() -> None:
    doc = run(
        article(
            TITLE,
            "Published June 20, 2023",
            "South Korean President Yoon Suk Yeol, who took office in May last year, met Japanese "
            "Prime Minister Fumio Kishida in Seoul on Monday for talks on security.",
        )
    )
    assert [m.name for m in doc.mentions if m.start > doc.body_start] == [
        "Yoon Suk Yeol",
        "Fumio Kishida",
    ]


def test_counterpart_of_a_minister_is_not_the_head_of_government() -> None:
    doc = run(
        article(
            TITLE,
            "Published June 15, 2023",
            "Japanese Foreign Minister Yoshimasa Hayashi met his Australian counterpart Penny Wong "
            "in Canberra on Tuesday to discuss regional security and critical minerals.",
        )
    )
    assert [m.name for m in doc.mentions if m.is_leader] == []


def test_leader_before_taking_office_is_not_a_leader() -> None:
    doc = run(
        article(
            "Yoon visits Tokyo ahead of the election",
            "Published November 5, 2021",
            "Yoon Suk Yeol, the conservative opposition's presidential candidate, met Japanese "
            "Prime Minister Fumio Kishida in Tokyo on Thursday to discuss relations between "
            "the two countries.",
        )
    )
    assert _mention(doc, "Yoon Suk Yeol").is_leader is False


@pytest.mark.parametrize(
    ("phrase", "names"),
    [
        (
            "the leaders of Japan, Germany and Italy",
            ["Fumio Kishida", "Olaf Scholz", "Giorgia Meloni"],
        ),
        ("the prime minister of India", ["Narendra Modi"]),
        ("the president of France", ["Emmanuel Macron"]),
        ("the President of the Russian Federation", ["Vladimir Putin"]),
    ],
)
def test_leaders_named_by_their_countries(phrase: str, names: list[str]) -> None:
    """'The leader of Germany' is its chancellor, not its ceremonial president."""
    doc = run(
        article(
            TITLE,
            "Published May 20, 2023",
            f"U.S. President Joe Biden held separate talks with {phrase} in Hiroshima on Saturday.",
        )
    )
    assert [m.name for m in doc.mentions if m.kind == "role"] == names
