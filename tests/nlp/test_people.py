"""Stage 3: leaders named, referred to by surname, by role, or as someone's counterpart."""

import pytest

from app.nlp.doc import ArticleDoc, Mention
from app.nlp.rules import Rules
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


def test_a_compound_surname_is_found_hyphenated_or_not() -> None:
    # the table writes "Johnson Sirleaf"; a paper may write "Mrs Johnson-Sirleaf"
    doc = run(
        article(
            TITLE,
            "Published July 2, 2015",
            "Liberian President Ellen Johnson Sirleaf arrived in Accra on Wednesday for a "
            "two-day visit to Ghana.",
            "Mrs Johnson-Sirleaf said the two countries would build a power line together.",
        )
    )
    mention = _mention(doc, "Johnson-Sirleaf")
    assert (mention.name, mention.country) == ("Ellen Johnson Sirleaf", "LR")


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


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # no date but a goal year: the leaders named together fix the time
        (
            "Chancellor Helmut Kohl and President Francois Mitterrand met in Bonn, pledging to "
            "complete the single market by 2030.",
            ("Helmut Kohl", True),
        ),
        (
            "Prime Minister Jacinda Ardern welcomed Prime Minister Scott Morrison to Queenstown "
            "for talks on deportations and a travel bubble to be in place by 2040.",
            ("Scott Morrison", True),
        ),
    ],
)
def test_undated_article_is_placed_when_its_leaders_served_together(
    paragraph: str, expected: tuple[str, bool]
) -> None:
    doc = run(article(TITLE, paragraph))
    name, leader = expected
    assert all(m.is_leader for m in doc.mentions if m.kind == "name")
    assert name in {m.name for m in doc.mentions if m.is_leader is leader}


@pytest.mark.parametrize(
    ("sentence", "surface", "name", "country"),
    [
        (
            "President Yoweri Kaguta Musevenii of the Republic of Uganda chaired the session.",
            "Yoweri Kaguta Musevenii",
            "Yoweri Museveni",
            "UG",
        ),
        (
            "The meeting was opened by President Sirleaf Ellen Johnson from Liberia.",
            "Sirleaf Ellen Johnson",
            "Ellen Johnson Sirleaf",
            "LR",
        ),
    ],
)
def test_variant_of_a_listed_name_with_its_country_after(
    sentence: str, surface: str, name: str, country: str
) -> None:
    """A middle name, a swapped order or a one-letter slip still names the leader in office
    whose country follows the name."""
    doc = run(article(TITLE, "Published 12 March 2012", sentence))
    mention = _mention(doc, surface)
    assert (mention.name, mention.country, mention.is_leader) == (name, country, True)


def test_one_letter_typo_links_the_leader_in_office() -> None:
    doc = run(
        article(
            TITLE,
            "Published March 3, 2016",
            "Prime Minister Narendra Modi received Prime Minister Malcolm Turnbul in New Delhi.",
        )
    )
    assert _mention(doc, "Malcolm Turnbul").name == "Malcolm Turnbull"


def test_crown_prince_is_not_the_king_the_article_named() -> None:
    doc = run(
        article(
            TITLE,
            "Published 10 October 2019",
            "King Salman received Prime Minister Imran Khan in Riyadh. Later the Saudi crown "
            "prince hosted the guest at a dinner.",
        )
    )
    assert _mention(doc, "the Saudi crown prince").name == "Mohammed bin Salman"


@pytest.mark.parametrize(
    ("reference", "name"),
    [
        ("The emir", "Tamim bin Hamad Al Thani"),
        ("The visiting premier", "Li Keqiang"),
        ("Kenya's leader", "Uhuru Kenyatta"),
    ],
)
def test_title_alone_stands_for_the_one_leader_named_with_it(reference: str, name: str) -> None:
    doc = run(
        article(
            TITLE,
            "Published 5 June 2017",
            "Emir Tamim bin Hamad Al Thani met Chinese Premier Li Keqiang and President Uhuru "
            "Kenyatta in Doha on Monday.",
            f"{reference} spoke of closer ties in trade and energy.",
        )
    )
    assert _mention(doc, reference).name == name


def test_title_alone_is_left_when_two_leaders_hold_it() -> None:
    doc = run(
        article(
            TITLE,
            "Published 5 June 2017",
            "President Emmanuel Macron met President Vladimir Putin at Versailles on Monday.",
            "The president said the talks had been frank.",
        )
    )
    assert [m.text for m in doc.mentions if m.kind == "role"] == []


@pytest.mark.parametrize(
    ("published", "written", "name"),
    [
        ("2004", "Chancellor Gerhard Schröder", "Gerhard Schröder"),  # the table: Schroeder
        ("2021", "President Volodymyr Zelenskyy", "Volodymyr Zelenskyy"),
        ("2021", "President Vladimir Zelensky", "Vladimir Zelensky"),
        ("2021", "President Matamela Cyril Ramaphosa", "Cyril Ramaphosa"),  # a formal name
        ("2023", "President Ferdinand Marcos Jr.", "Ferdinand Marcos Jr."),  # not a nickname
        ("2021", "President Ali Bongo", "Ali Bongo Ondimba"),  # a shorter form
    ],
)
def test_name_is_spelt_as_the_article_spells_it(published: str, written: str, name: str) -> None:
    doc = run(
        article(
            TITLE,
            f"Published 5 June {published}",
            f"{written} held talks with the prime minister of Sweden in Stockholm.",
            "The two leaders said the talks had been useful and would go on.",
        )
    )
    assert {m.name for m in doc.mentions if m.country != "SE"} == {name}


@pytest.mark.parametrize(
    ("url", "title", "name"),
    [
        ("https://www.gov.uk/government/news/pm-call", "The Prime Minister", "Boris Johnson"),
        ("https://www.mofa.go.jp/press/release", "The Prime Minister", "Yoshihide Suga"),
        ("https://www.whitehouse.gov/briefing-room/readout", "The President", "Donald Trump"),
    ],
)
def test_government_release_names_its_own_leader_by_title(url: str, title: str, name: str) -> None:
    doc = run(
        article(
            "Readout of a call",
            "Published 14 December 2020",
            f"{title} spoke with Chancellor Angela Merkel of Germany this afternoon.",
        ),
        url=url,
    )
    assert _mention(doc, title).name == name


def test_title_alone_on_a_news_site_is_not_guessed() -> None:
    doc = run(
        article(
            "Readout of a call",
            "Published 14 December 2020",
            "The Prime Minister spoke with Chancellor Angela Merkel of Germany this afternoon.",
        ),
        url="https://www.example-news.com/world/call",
    )
    assert [m.text for m in doc.mentions if m.kind == "role"] == []


LONG_TAIL = " They discussed trade, energy and the security of the wider region at length."


@pytest.mark.parametrize(
    ("published", "sentence", "surface", "name"),
    [
        # lower-case title between demonym and surname; the country's leading office decides
        (
            "June 3, 2000",
            "Seoul's envoy met North Korean leader Kim in Pyongyang.",
            "Kim",
            "Kim Jong Il",
        ),
        (
            "June 3, 1998",
            "President Aliyev met President Yeltsin in Baku.",
            "Aliyev",
            "Heydar Aliyev",
        ),
        (
            "June 3, 2010",
            "President Aliyev met President Medvedev in Baku.",
            "Aliyev",
            "Ilham Aliyev",
        ),
        (
            "June 3, 2021",
            "President Rajapaksa met Prime Minister Modi.",
            "Rajapaksa",
            "Gotabaya Rajapaksa",
        ),
        (
            "June 3, 2021",
            "Prime Minister Rajapaksa met Prime Minister Modi.",
            "Rajapaksa",
            "Mahinda Rajapaksa",
        ),
    ],
)
def test_family_name_is_the_relative_in_office_with_the_role(
    published: str, sentence: str, surface: str, name: str
) -> None:
    doc = run(article(TITLE, f"Published {published}", sentence + LONG_TAIL))
    assert _mention(doc, surface).name == name


def test_crown_prince_acting_for_the_state_is_a_leader() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 4, 2017",
            "Abu Dhabi Crown Prince Mohamed bin Zayed met President Donald Trump." + LONG_TAIL,
        )
    )
    mention = _mention(doc, "Mohamed bin Zayed")
    assert (mention.role, mention.is_leader) == ("Crown Prince", True)


@pytest.mark.parametrize(
    ("typed", "name"), [("Macorn", "Emmanuel Macron"), ("Scholtz", "Olaf Scholz")]
)
def test_surname_with_a_slip_after_a_title_is_the_leader_in_office(typed: str, name: str) -> None:
    doc = run(
        article(
            TITLE,
            "Published June 3, 2023",
            f"President Joe Biden met Chancellor {typed} at the White House." + LONG_TAIL
            if name == "Olaf Scholz"
            else f"President {typed} met Prime Minister Rishi Sunak in Paris." + LONG_TAIL,
        )
    )
    assert _mention(doc, typed).name == name


def test_headline_surname_is_the_leader_the_body_names_in_full() -> None:
    doc = run(
        article(
            "Kim and Putin meet in Vladivostok",
            "Published April 25, 2019",
            "North Korea's Kim Jong Un met Russian President Vladimir Putin on Thursday."
            + LONG_TAIL,
        )
    )
    headline = [m for m in doc.mentions if m.start < doc.body_start]
    assert [m.name for m in headline] == ["Kim Jong Un", "Vladimir Putin"]


def test_she_is_the_leader_the_article_calls_mrs_not_the_first_named() -> None:
    doc = run(
        article(
            TITLE,
            "Published 3 May 2005",
            "Mr Blair met Mrs Clark at Downing Street on Tuesday for talks on trade and climate.",
            "On Wednesday she held talks with President Jacques Chirac in Paris about farm "
            "subsidies and the budget.",
        )
    )
    assert _mention(doc, "she").name == "Helen Clark"


@pytest.mark.parametrize(
    ("titled", "surface", "name"),
    [
        ("President Kassym-Zhomart Tokayev", "Kassym-Zhomart Tokayev", "Kassym-Jomart Tokayev"),
        ("President Abdel Fattah Al Sisi", "Abdel Fattah Al Sisi", "Abdel Fattah el-Sisi"),
        ("Prime Minister Narendra Modhi", "Narendra Modhi", "Narendra Modi"),
    ],
)
def test_titled_full_name_spelt_otherwise_is_the_leader_in_office(
    titled: str, surface: str, name: str
) -> None:
    doc = run(
        article(TITLE, "Published June 3, 2021", f"{titled} met the Swedish king." + LONG_TAIL)
    )
    mention = _mention(doc, surface)
    assert (mention.name, mention.is_leader) == (name, True)


def test_prime_ministers_office_is_a_place_not_the_prime_minister() -> None:
    doc = run(
        article(
            TITLE,
            "Published 9 February 2025",
            "Prime Minister Shigeru Ishiba spoke to reporters at the Prime Minister's Office in "
            "Tokyo on Friday after talks with U.S. President Donald Trump." + LONG_TAIL,
        )
    )
    assert [m.text for m in doc.mentions if m.kind == "role"] == []


def test_possessive_is_not_part_of_a_titled_name() -> None:
    doc = run(
        article(
            TITLE,
            "Published 9 February 2025",
            "The museum showed a letter in President Ulysses Grant's own hand to the guests."
            + LONG_TAIL,
        )
    )
    assert [m.text for m in doc.mentions] == ["Ulysses Grant"]


def test_countries_in_a_window_are_those_of_the_window_alone(rules: Rules) -> None:
    """Rules.find_in reads a window's countries from the whole text's hits, with the
    window's own edges: the same as scanning the window."""
    text = (
        "South Korean President Ana Ruiz met Japan's premier and the Sudanese envoy; "
        "the North Korea-Japan talks, SouthKorea, #Japan and (Mexico) followed in Mexico City."
    )
    for kind in ("country", "leader"):
        for begin in range(0, len(text), 3):
            for end in range(begin, min(len(text), begin + 70) + 1, 5):
                assert rules.find_in(text, begin, end, kind) == rules.find(text[begin:end], kind)


@pytest.mark.parametrize("opening", ["Later", "As", "Afterwards"])
def test_an_ordinary_word_opening_a_line_does_not_hide_the_surname(opening: str) -> None:
    doc = run(
        article(
            TITLE,
            "Published October 4, 2011",
            "German Chancellor Angela Merkel hosted French President Nicolas Sarkozy in Berlin "
            "afterwards, as expected, and later both spoke to reporters.",
            f"{opening} Sarkozy and Merkel met aides over dinner.",
        )
    )
    second = doc.text.index(f"{opening} Sarkozy") + len(opening) + 1
    assert [m.name for m in doc.mentions if m.start == second] == ["Nicolas Sarkozy"]


def test_the_president_is_the_one_named_before_not_one_named_after() -> None:
    doc = run(
        article(
            "Statement by the Press Secretary",
            "Published March 2, 1998",
            "President Clinton spent the morning on the budget with his aides.",
            "This evening the President spoke with Russian President Boris Yeltsin about Iraq.",
        )
    )
    start = doc.text.index("the President spoke")
    assert [m.name for m in doc.mentions if m.start == start] == ["Bill Clinton"]


def test_soviet_president_gorbachev_is_a_leader_in_1990() -> None:
    doc = run(
        article(
            TITLE,
            "Published June 2, 1990",
            "President Bush met Soviet President Mikhail Gorbachev at the White House on Friday.",
        )
    )
    assert _mention(doc, "Mikhail Gorbachev").is_leader


@pytest.mark.parametrize(
    ("published", "expected"),
    [("Published June 2, 1990", "George H. W. Bush"), ("Published June 2, 2005", "George W. Bush")],
)
def test_a_titled_name_without_the_listed_initials_is_the_leader_of_the_day(
    published: str, expected: str
) -> None:
    doc = run(
        article(
            TITLE,
            published,
            "President George Bush spoke to reporters at Camp David on Friday.",
        )
    )
    mention = _mention(doc, "George Bush")
    assert (mention.name, mention.is_leader) == (expected, True)


def test_the_tables_own_spelling_in_the_article_names_the_leader() -> None:
    doc = run(
        article(
            "Readout of President Joe Biden's call with Chancellor Olaf Scholz",
            "MARCH 3, 2022",
            "President Joseph R. Biden, Jr. spoke today with Chancellor Olaf Scholz of Germany "
            "about energy security in Europe.",
        )
    )
    assert {m.name for m in doc.mentions if m.country == "US"} == {"Joe Biden"}


def test_a_middle_initial_does_not_hide_the_alias_the_article_spells() -> None:
    doc = run(
        article(
            "Philippine leader wraps up Jakarta visit",
            "September 5, 2023",
            "President Ferdinand R. Marcos Jr. and Indonesian President Joko Widodo inspected "
            "the new ferry terminal on Monday. Marcos said the route would open in March.",
        )
    )
    names = {m.name for m in doc.mentions if m.country == "PH" and m.is_leader}
    assert names == {"Ferdinand Marcos Jr"}


def test_the_president_of_the_republic_in_a_presidency_release_is_its_own() -> None:
    doc = run(
        article(
            "Call with the Prime Minister of Italy",
            "14 March 2023",
            "The President of the Republic spoke on Tuesday evening with the Prime Minister of "
            "Italy, Giorgia Meloni, about migration in the Mediterranean.",
        ),
        url="https://www.elysee.fr/en/emmanuel-macron/2023/03/14/call-with-giorgia-meloni",
    )
    assert "Emmanuel Macron" in {m.name for m in doc.mentions if m.is_leader}
    assert [sorted(p.name for p in s.participants) for s in doc.summits] == [
        ["Emmanuel Macron", "Giorgia Meloni"]
    ]


def test_a_surname_with_its_particle_written_apart_is_the_leader() -> None:
    doc = run(
        article(
            TITLE,
            "Published June 27, 2021",
            "Egyptian President Abdel Fattah al-Sisi arrived in Baghdad on Sunday.",
            "Mr El Sisi then held a bilateral meeting with the Iraqi prime minister.",
        )
    )
    assert [(m.name, m.kind) for m in doc.mentions if m.text == "Sisi"] == [
        ("Abdel Fattah el-Sisi", "surname")
    ]


@pytest.mark.parametrize(
    "window",
    [
        "talks in Berlin on Tuesday, where he met ",
        "a list of names: Santos, Compaoré, ",
        "the visit of French President ",
        "the summit of the Prime Minister. ",
        "(President ",
        "he spoke to the ex-president ",
        "Ghana's ",
        "with South Korean President ",
        "the former Japanese prime minister ",
        "the outgoing Vice-President ",
        "a dinner with the United States' ",
        "envoy from Côte d'Ivoire ",
    ],
)
def test_window_prechecks_never_miss_a_title_or_demonym(rules: Rules, window: str) -> None:
    """The cheap look at a window's last word before a name only skips windows that the
    title and demonym patterns would not read a title or a country from."""
    from app.nlp import people
    from app.nlp.rules import fold

    text = window + "Jane Doe met him."
    start = len(window)
    folded = fold(window)
    ends = people._ends(rules)
    reach = max(0, len(folded.rstrip()) - 1 - ends.longest_title)
    title = people._compiled(rules)["title_tail"].search(folded, reach)
    country = people._demonym_before(window, rules, rules.find_in(text, 0, start, "country"))
    if title is not None:
        assert people._may_end_title(folded, ends)
    if country is not None:
        assert people._may_end_demonym(window, ends)
    assert people._title_and_demonym(text, start, window, folded, rules)[1] == country


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [("CANBERRA, Australia (AP) --", "AU"), ("OTTAWA (UPI) --", "CA")],
)
def test_an_unqualified_head_in_a_wire_story_is_the_dateline_countrys(
    dateline: str, expected: str
) -> None:
    doc = run(
        article(
            TITLE,
            "Published March 4, 1981",
            f"{dateline} Prime Minister Pierre Laval Dupont greeted visitors on Tuesday.",
        )
    )
    person = _mention(doc, "Pierre Laval Dupont")
    assert (person.country, person.is_leader) == (expected, True)


def test_an_unqualified_head_is_not_the_dateline_countrys_when_its_own_is_named() -> None:
    doc = run(
        article(
            TITLE,
            "Published March 4, 1981",
            "CANBERRA, Australia (AP) -- Australian Prime Minister Malcolm Fraser welcomed "
            "Prime Minister Pierre Laval Dupont on Tuesday.",
        )
    )
    assert _mention(doc, "Pierre Laval Dupont").country is None


def test_gorbachev_leads_the_soviet_union_before_his_presidency() -> None:
    doc = run(
        article(
            TITLE,
            "Published November 27, 1986",
            "Soviet leader Mikhail Gorbachev arrived in New Delhi on Tuesday.",
        )
    )
    assert _mention(doc, "Mikhail Gorbachev").is_leader


def test_leaders_of_the_cold_war_years_are_known_by_title_and_surname() -> None:
    doc = run(
        article(
            "Joint communique",
            "Published April 30, 1985",
            "President Reagan received Prime Minister Nakasone of Japan at the White House, "
            "and a letter from General Secretary Chernenko's successor was discussed.",
        )
    )
    found = {m.name: (m.country, m.is_leader) for m in doc.mentions}
    assert found["Ronald Reagan"] == ("US", True)
    assert found["Yasuhiro Nakasone"] == ("JP", True)
    assert [(s.date, s.city) for s in doc.summits] == [("1985-04-30", "Washington")]


@pytest.mark.parametrize(
    "sentence",
    [
        "CANBERRA, Australia (AP) -- Qantas President Pierre Laval Dupont spoke on Tuesday.",
        "CANBERRA, Australia (AP) -- President Pierre Laval Dupont of the Rotary Club spoke.",
    ],
)
def test_a_title_of_a_company_or_club_is_not_the_dateline_countrys(sentence: str) -> None:
    doc = run(article(TITLE, "Published March 4, 1981", sentence))
    person = _mention(doc, "Pierre Laval Dupont")
    assert (person.country, person.is_leader) == (None, False)
