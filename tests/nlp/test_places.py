"""Stage 3: venues, cities placed by their noun phrase, countries visited, the dateline."""

import pytest

from app.nlp.doc import ArticleDoc, PlaceMention
from tests.nlp.conftest import article, run

TITLE = "Leaders hold talks on regional security"
PUBLISHED = "Published May 20, 2023"


def _places(doc: ArticleDoc) -> list[PlaceMention]:
    """The body's place mentions, each checked to point into ``doc.text``."""
    found = [p for p in doc.places if p.start >= doc.body_start]
    for place in found:
        assert doc.text[place.start : place.end] == place.text
    return found


def test_city_followed_by_its_country_has_coordinates() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida in "
            "Tokyo, Japan, on Friday to discuss clean energy and the semiconductor industry.",
        )
    )
    [place] = _places(doc)
    assert (place.text, place.kind, place.place, place.city, place.country) == (
        "Tokyo",
        "city",
        None,
        "Tokyo",
        "JP",
    )
    assert (place.latitude, place.longitude) == (35.6895, 139.69171)
    summit = doc.summits[0]
    assert (summit.place, summit.city, summit.country) == (None, "Tokyo", "JP")


def test_venue_after_at_gives_place_and_city() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "U.S. President Joe Biden met German Chancellor Olaf Scholz at the White House on "
            "Friday to discuss support for Ukraine and the energy security of Europe.",
        )
    )
    [place] = _places(doc)
    assert (place.text, place.kind, place.place, place.city, place.country) == (
        "White House",
        "venue",
        "White House",
        "Washington",
        "US",
    )
    summit = doc.summits[0]
    assert (summit.place, summit.city, summit.country) == ("White House", "Washington", "US")


def test_venue_without_a_town_keeps_city_empty() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "U.S. President Joe Biden hosted Japanese Prime Minister Fumio Kishida at Camp David "
            "on Friday for talks on security cooperation in the region.",
        )
    )
    summit = doc.summits[0]
    assert (summit.place, summit.city, summit.country) == ("Camp David", None, "US")


@pytest.mark.parametrize(
    "paragraph",
    [
        "The White House said U.S. President Joe Biden and German Chancellor Olaf Scholz agreed "
        "to keep supplying air defence systems to Ukraine through the winter.",
        "Washington has pressed Seoul and Tokyo for years to mend ties, and Washington's renewed "
        "attention to the region was welcomed by both governments.",
    ],
)
def test_institution_or_city_as_actor_is_not_a_place(paragraph: str) -> None:
    assert _places(run(article(TITLE, PUBLISHED, paragraph))) == []


def test_dateline_city_is_a_place_and_the_summit_falls_back_to_it() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "SAN FRANCISCO — Japanese Prime Minister Fumio Kishida met South Korean President "
            "Yoon Suk Yeol on Thursday for talks on North Korea and economic security.",
        )
    )
    [place] = _places(doc)
    assert (place.text, place.kind, place.city, place.country) == (
        "SAN FRANCISCO",
        "dateline",
        "San Francisco",
        "US",
    )
    summit = doc.summits[0]
    assert (summit.place, summit.city, summit.country) == (None, "San Francisco", "US")


def test_a_small_town_abroad_is_the_one_the_story_placed_with_its_country() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "ASHGABAT — Turkmen President Serdar Berdimuhamedow, who is in Granada, Spain for "
            "a summit, met Japanese Prime Minister Fumio Kishida on Thursday.",
            "Later in Granada the president met South Korean President Yoon Suk Yeol.",
        )
    )
    granada = [(p.city, p.country) for p in _places(doc) if p.text == "Granada"]
    assert granada == [("Granada", "ES")] * 2


def test_city_after_sentence_initial_in() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "In Hiroshima on Saturday, U.S. President Joe Biden met Japanese Prime Minister Fumio "
            "Kishida for talks on security cooperation and the economy.",
        )
    )
    summit = doc.summits[0]
    assert (summit.city, summit.country) == ("Hiroshima", "JP")


def test_new_delhi_keeps_its_name() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Indian Prime Minister Narendra Modi met Australian Prime Minister Anthony Albanese "
            "in New Delhi on Saturday to discuss trade and investment.",
        )
    )
    assert doc.summits[0].city == "New Delhi"


def test_bali_is_in_indonesia() -> None:
    doc = run(
        article(
            TITLE,
            "Published November 15, 2022",
            "U.S. President Joe Biden met Chinese President Xi Jinping in Bali on Monday on the "
            "sidelines of the G20 summit, their first in-person meeting as leaders.",
        )
    )
    assert doc.summits[0].country == "ID"


def test_city_named_before_the_meeting_noun_is_the_place() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Egyptian President Abdel Fattah el-Sisi met Jordan's King Abdullah II on Saturday "
            "to discuss the situation in Gaza.",
            "The Sharm el-Sheikh summit came a day after talks with other Arab leaders.",
        )
    )
    summit = doc.summits[0]
    assert (summit.city, summit.country, summit.latitude) == ("Sharm el-Sheikh", "EG", 27.91582)


def test_country_visited_is_the_place_and_another_dated_trip_is_not() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed on Thursday "
            "to discuss trade and regional security.",
            "It is President Ruto's first visit to Ethiopia since his election.",
            "Abiy had attended Ruto's inauguration in Nairobi on September 13, 2022.",
        )
    )
    [summit] = doc.summits
    assert (summit.date, summit.city, summit.country) == ("2023-05-18", None, "ET")
    assert [p.country for p in _places(doc) if p.kind == "country"] == ["ET"]


def test_gathering_edition_gives_the_country_of_a_sideline_meeting() -> None:
    """The year singles out APEC 2007 in Sydney: its country is known, but the text names
    no town, so the city stays empty."""
    doc = run(
        article(
            "Bush and Hu talk trade",
            "Published September 6, 2007",
            "President George W. Bush met Chinese President Hu Jintao on Thursday for 90 "
            "minutes on the sidelines of an Asia-Pacific economic summit.",
        )
    )
    [summit] = doc.summits
    assert (summit.context, summit.city, summit.country, summit.date) == (
        "Asia-Pacific economic summit",
        None,
        "AU",
        "2007-09-06",
    )


@pytest.mark.parametrize(
    ("published", "paragraphs", "city", "country"),
    [
        # a venue's name inside a longer name is not that venue
        (
            "March 16, 2009",
            [
                "Malaysian Prime Minister Abdullah Ahmad Badawi met Sultan Hassanal Bolkiah "
                "of Brunei at Istana Darul Makmur on Monday."
            ],
            None,
            None,
        ),
        # "visiting Chinese President": where the visitor comes from, not the place
        (
            "November 15, 1995",
            [
                "South Korean President Kim Young-sam and visiting Chinese President Jiang "
                "Zemin held talks on Monday and agreed to build an airliner together."
            ],
            None,
            None,
        ),
        # the place one left is not where one met
        (
            "August 13, 2008",
            [
                "From Moscow, French President Nicolas Sarkozy flew on to Tbilisi, where he "
                "met Georgian President Mikheil Saakashvili on Tuesday."
            ],
            "Tbilisi",
            "GE",
        ),
        # later sentences: only one that reports a meeting, not what came after it
        (
            "February 20, 2009",
            [
                "U.S. President Barack Obama met Canadian Prime Minister Stephen Harper on "
                "Thursday and the two agreed to work together on clean energy.",
                "Obama said he had not pressed Harper to keep troops in Kandahar.",
                "After the talks, Obama flew to Toronto, where he met business leaders.",
            ],
            None,
            None,
        ),
    ],
)
def test_places_that_are_not_where_the_leaders_met(
    published: str, paragraphs: list[str], city: str | None, country: str | None
) -> None:
    doc = run(article("Leaders meet", f"Published {published}", *paragraphs))
    [summit] = doc.summits
    assert (summit.city, summit.country) == (city, country)


@pytest.mark.parametrize(
    ("venue", "city", "country"),
    [
        ("Istana Nurul Iman", "Bandar Seri Begawan", "BN"),
        ("Chong Wa Dae", "Seoul", "KR"),
        ("Parliament Hill", "Ottawa", "CA"),
    ],
)
def test_palaces_and_seats_of_government_place_the_meeting(
    venue: str, city: str, country: str
) -> None:
    doc = run(
        article(
            "Leaders meet",
            "Published March 16, 2009",
            "Malaysian Prime Minister Abdullah Ahmad Badawi met Sultan Hassanal Bolkiah of "
            f"Brunei at {venue} on Monday and the two signed an exchange of letters.",
        )
    )
    [summit] = doc.summits
    assert summit.place is not None
    assert (summit.city, summit.country) == (city, country)


@pytest.mark.parametrize(
    ("published", "sentence", "place", "city", "country"),
    [
        # apposition after a descriptor noun, with "of", a comma or nothing
        (
            "August 30, 2010",
            "Chinese President Hu Jintao met South Korean President Lee Myung-bak in the "
            "Chinese port city of Dalian on Monday for talks on trade.",
            None,
            "Dalian",
            "CN",
        ),
        (
            "June 5, 2017",
            "Russian President Vladimir Putin met Chinese President Xi Jinping in the Kazakh "
            "capital, Astana, on Thursday and the two discussed trade.",
            None,
            "Astana",
            "KZ",
        ),
        (
            "March 3, 2015",
            "Greek Prime Minister Alexis Tsipras received Cypriot President Nicos Anastasiades "
            "in the Greek capital Athens on Tuesday for talks on energy.",
            None,
            "Athens",
            "GR",
        ),
        (
            "May 17, 2005",
            "Egyptian President Hosni Mubarak met Israeli Prime Minister Ariel Sharon in the "
            "Red Sea resort of Sharm el-Sheikh on Monday.",
            None,
            "Sharm el-Sheikh",
            "EG",
        ),
        # a town's possessive holds the venue: town and building
        (
            "November 9, 2011",
            "Nicolas Sarkozy, the French president, welcomed Chancellor Angela Merkel at "
            "Paris's Elysee Palace on Wednesday for talks on the euro.",
            "Élysée Palace",
            "Paris",
            "FR",
        ),
        (
            "July 2, 2016",
            "Kenyan President Uhuru Kenyatta held talks with Ugandan President Yoweri Museveni "
            "at Entebbe's State House on Friday.",
            "State House",
            "Entebbe",
            "UG",
        ),
        (
            "March 22, 2019",
            "Chilean President Sebastian Pinera met Argentine President Mauricio Macri in "
            "Buenos Aires's Casa Rosada on Thursday for talks on trade.",
            "Casa Rosada",
            "Buenos Aires",
            "AR",
        ),
        # a town naming the meeting
        (
            "December 14, 2014",
            "Peruvian President Ollanta Humala and Chilean President Michelle Bachelet met on "
            "the fringes of the Lima gathering on Saturday and agreed on border trade.",
            None,
            "Lima",
            "PE",
        ),
        # a building's own name is no town; the sentence's town is where it stands
        (
            "March 2, 2010",
            "Uruguayan President Jose Mujica held talks with Brazilian President Luiz Inacio "
            "Lula da Silva at the Radisson Victoria Plaza Hotel in Montevideo on Monday.",
            "Radisson Victoria Plaza Hotel",
            "Montevideo",
            "UY",
        ),
    ],
)
def test_noun_phrases_that_place_the_meeting(
    published: str, sentence: str, place: str | None, city: str, country: str
) -> None:
    doc = run(article("Leaders meet", f"Published {published}", sentence))
    [summit] = doc.summits
    assert (summit.place, summit.city, summit.country) == (place, city, country)


@pytest.mark.parametrize(
    ("sentence", "city", "country"),
    [
        # the meeting's own "in X" after its verb, not where one flies next
        (
            "Before flying to Kyiv, Polish President Andrzej Duda met Lithuanian President "
            "Gitanas Nauseda in Vilnius on Friday.",
            "Vilnius",
            "LT",
        ),
        # a country's name is not a namesake town abroad
        (
            "Colombian President Gustavo Petro met Venezuelan President Nicolas Maduro on "
            "Tuesday; the two discussed Colombians working in Venezuela and border trade.",
            None,
            None,
        ),
        # initials are not a town ("Un", India)
        (
            "Colombian President Gustavo Petro met Venezuelan President Nicolas Maduro at the "
            "UN on Tuesday to discuss border trade.",
            None,
            None,
        ),
    ],
)
def test_which_place_in_a_sentence_is_the_meeting_s(
    sentence: str, city: str | None, country: str | None
) -> None:
    doc = run(article("Leaders meet", "Published November 1, 2022", sentence))
    [summit] = doc.summits
    assert (summit.city, summit.country) == (city, country)


def test_country_visited_is_narrowed_by_a_later_town() -> None:
    doc = run(
        article(
            "Leaders meet",
            "Published June 12, 2019",
            "Armenian Prime Minister Nikol Pashinyan met Georgian Prime Minister Mamuka "
            "Bakhtadze during his official visit to Georgia on Wednesday.",
            "At their meeting in Tbilisi, the two leaders discussed transit and energy.",
        )
    )
    [summit] = doc.summits
    assert (summit.city, summit.country) == ("Tbilisi", "GE")


def test_lead_arrival_beats_a_dateline_filed_elsewhere() -> None:
    doc = run(
        article(
            "Leaders meet",
            "NAIROBI, March 9, 2021 -- Rwandan President Paul Kagame arrived in Kinshasa on "
            "Monday for a two-day state visit.",
            "Kagame held talks with his Congolese counterpart Felix Tshisekedi on Tuesday, "
            "and the two presidents signed agreements on mining and trade.",
        )
    )
    [summit] = doc.summits
    assert (summit.city, summit.country) == ("Kinshasa", "CD")


@pytest.mark.parametrize(
    ("dateline", "city"),
    [("YEREVAN. –", "Yerevan"), ("KAZAN, Oct 15 (Reuters) -", "Kazan")],
)
def test_dateline_punctuation_is_not_part_of_the_town(dateline: str, city: str) -> None:
    doc = run(
        article(
            "Leaders meet",
            "Published October 15, 2019",
            f"{dateline} Armenian Prime Minister Nikol Pashinyan met Russian President "
            "Vladimir Putin on Tuesday for talks on gas prices and security.",
        )
    )
    assert [p.city for p in doc.places if p.kind == "dateline"] == [city]


def test_country_visited_is_narrowed_by_a_dateline_in_it() -> None:
    doc = run(
        article(
            "Leaders meet",
            "HANOI, Nov 12 (Reuters) - Chinese President Xi Jinping held talks with "
            "Vietnamese President Truong Tan Sang on Thursday during his state visit to "
            "Vietnam, and the two leaders agreed to manage maritime disputes.",
        )
    )
    [summit] = doc.summits
    assert (summit.city, summit.country) == ("Hanoi", "VN")


@pytest.mark.parametrize(
    ("sentence", "city", "country"),
    [
        (
            "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in "
            "the Russian capital on Friday for talks on grain exports.",
            "Moscow",
            "RU",
        ),
        (
            "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Kenya's "
            "capital on Friday for talks on trade.",
            "Nairobi",
            "KE",
        ),
        # a capital that is the subject of the talks, not where they were held
        (
            "Ukrainian President Volodymyr Zelensky met Polish President Andrzej Duda on "
            "Friday and they discussed the strike on the Ukrainian capital.",
            None,
            None,
        ),
    ],
)
def test_a_country_s_capital_described_without_its_name(
    sentence: str, city: str | None, country: str | None
) -> None:
    doc = run(article("Leaders meet", "Published May 5, 2023", sentence))
    [summit] = doc.summits
    assert (summit.city, summit.country) == (city, country)


def test_headline_meeting_place_beats_a_dateline_filed_elsewhere() -> None:
    doc = run(
        article(
            "Kagame and Museveni hold talks in Luanda",
            "KAMPALA, Feb 21 (Reuters) - Rwandan President Paul Kagame met Ugandan President "
            "Yoweri Museveni on Friday and the two leaders signed a deal to reopen the border.",
        )
    )
    [summit] = doc.summits
    assert doc.meta.dateline == "KAMPALA"
    assert (summit.city, summit.country) == ("Luanda", "AO")


@pytest.mark.parametrize(
    "paragraphs",
    [
        # a later sentence of the meeting names the building in the same town
        [
            "Pakistani Prime Minister Shaukat Aziz met Indian Prime Minister Manmohan Singh "
            "in Havana, Cuba, on Saturday.",
            "The two leaders met at Protocol House in Havana for one hour and condemned terrorism.",
        ],
        # a part of the building ("the residential quarters of the White House")
        [
            "Venezuelan President Hugo Chavez and Cuban President Fidel Castro met in Havana on "
            "Saturday.",
            "They held talks in the private rooms of Protocol House in Havana.",
        ],
    ],
)
def test_a_town_is_narrowed_to_a_building_in_it(paragraphs: list[str]) -> None:
    doc = run(article("Leaders meet", "Published September 17, 2006", *paragraphs))
    summit = doc.summits[0]
    assert (summit.place, summit.city, summit.country) == ("Protocol House", "Havana", "CU")


def test_a_room_of_a_known_venue_is_in_that_venue() -> None:
    doc = run(
        article(
            "Leaders meet",
            "Published October 29, 1997",
            "President Clinton and Chinese President Jiang Zemin met on Tuesday night in the "
            "residential quarters of the White House and agreed to open a hotline.",
        )
    )
    [summit] = doc.summits
    assert (summit.place, summit.city) == ("White House", "Washington")


@pytest.mark.parametrize(
    ("published", "sentence", "place", "city", "country"),
    [
        (
            "July 4, 2019",
            "U.S. President Donald Trump met Japanese Prime Minister Shinzo Abe on Friday on "
            "the sidelines of the G20 Osaka summit.",
            None,
            "Osaka",
            "JP",
        ),
        (
            "July 19, 2000",
            "Israeli Prime Minister Ehud Barak met Palestinian leader Yasser Arafat on Tuesday "
            "during the Camp David summit.",
            "Camp David",
            None,
            "US",
        ),
    ],
)
def test_a_place_naming_the_meeting(
    published: str, sentence: str, place: str | None, city: str | None, country: str
) -> None:
    doc = run(article("Leaders meet", f"Published {published}", sentence))
    [summit] = doc.summits
    assert (summit.place, summit.city, summit.country) == (place, city, country)


def test_a_us_state_is_a_place_in_the_us_not_a_namesake_town() -> None:
    doc = run(
        article(
            "Leaders meet",
            "Published August 12, 2023",
            "U.S. President Joe Biden hosted Japanese Prime Minister Fumio Kishida in Delaware "
            "on Saturday for talks on security in the region.",
        )
    )
    [summit] = doc.summits
    assert (summit.city, summit.country) == (None, "US")


def test_a_round_up_s_lead_meeting_does_not_place_a_later_one() -> None:
    doc = run(
        article(
            "Xi ends European tour",
            "BUDAPEST, May 10, 2024 (Reuters) - Chinese President Xi Jinping met French "
            "President Emmanuel Macron in Paris on Monday for talks on trade.",
            "On Wednesday, Xi met Serbian President Aleksandar Vucic in Belgrade and signed "
            "agreements.",
            "Xi then held talks with Hungarian Prime Minister Viktor Orban on Thursday, and "
            "the two leaders discussed investment.",
        )
    )
    assert [(s.city, s.country) for s in doc.summits] == [
        ("Paris", "FR"),
        ("Belgrade", "RS"),
        ("Budapest", "HU"),
    ]


def test_a_country_visited_is_narrowed_by_the_town_arrived_in() -> None:
    doc = run(
        article(
            "Leaders meet",
            "Published March 22, 2023",
            "Chinese President Xi Jinping held talks with Russian President Vladimir Putin on "
            "Tuesday during his state visit to Russia.",
            "Xi arrived in Moscow on Monday.",
        )
    )
    [summit] = doc.summits
    assert (summit.city, summit.country) == ("Moscow", "RU")


@pytest.mark.parametrize("town", ["Sharm-el-Sheikh", "Sharm el-Sheikh", "Winston Salem"])
def test_hyphens_and_spaces_spell_one_town(town: str) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            f"Egyptian President Abdel Fattah el-Sisi met Jordan's King Abdullah II in {town} "
            "on Sunday for talks on Gaza and regional security.",
        )
    )
    [summit] = doc.summits
    assert summit.city is not None and summit.city.replace("-", " ") == town.replace("-", " ")


@pytest.mark.parametrize(("dateline", "city"), [("CRAWFORD, Texas", "Crawford")])
def test_dateline_town_in_a_us_state_is_in_the_us(dateline: str, city: str) -> None:
    doc = run(
        article(
            "Leaders meet at a ranch",
            "Published April 26, 2005",
            f"{dateline} (AP) -- President Bush met Mexican President Vicente Fox on Monday "
            "at his ranch to discuss migration and trade.",
        )
    )
    [summit] = doc.summits
    assert (summit.city, summit.country) == (city, "US")


def test_town_of_an_earlier_event_since_the_meeting_is_not_its_place() -> None:
    doc = run(
        article(
            TITLE,
            "Published November 13, 1998",
            "Meeting in Kuala Lumpur, the leaders of the region vowed to restore growth.",
            "On the sidelines, the Kuala Lumpur venue gave Prime Minister Keizo Obuchi his "
            "first meeting with South Korean President Kim Dae-jung since the crisis talks "
            "in Seoul last year.",
        )
    )
    [summit] = doc.summits
    assert (summit.city, summit.country) == ("Kuala Lumpur", "MY")


@pytest.mark.parametrize(
    ("gathering", "city"),
    [
        ("the Munich Security Conference", "Munich"),
        ("the Abu Dhabi Sustainability Week", "Abu Dhabi"),
        ("the Paris Peace Forum", "Paris"),
    ],
)
def test_gathering_named_after_its_town_places_the_lead(gathering: str, city: str) -> None:
    doc = run(
        article(
            TITLE,
            "Published February 18, 2023",
            f"Leaders from three continents are in town to attend {gathering}.",
            "Ghanaian President Nana Akufo-Addo met Kenyan President William Ruto on the "
            "sidelines, and they discussed trade and climate finance.",
        )
    )
    [summit] = doc.summits
    assert summit.city == city


def test_a_sentence_with_the_meeting_day_and_a_later_one_still_places_it() -> None:
    doc = run(
        article(
            TITLE,
            "Published October 17, 2018",
            "Egyptian President Abdel Fattah el-Sisi arrived in Cairo on Monday.",
            "He arrived late on Tuesday in Sochi, where he and Russian President Vladimir "
            "Putin held informal talks ahead of their official meeting on Wednesday.",
        )
    )
    assert doc.summits[0].city == "Sochi"


def test_gathering_edition_matches_the_text_town_in_another_spelling() -> None:
    """The editions' table writes the 2003 G8 host "Évian-les-Bains"; a story saying
    "Evian" still singles that edition out, through the gazetteer."""
    doc = run(
        article(
            "Leaders talk on the sidelines",
            "Chirac and Putin met on the sidelines of the G8 summit in Evian, where the two "
            "presidents discussed Iraq and energy cooperation.",
        )
    )
    [summit] = doc.summits
    assert (summit.city, summit.country, summit.date) == ("Evian", "FR", "2003")


def test_country_the_lead_has_the_leader_visiting_places_a_later_meeting() -> None:
    doc = run(
        article(
            TITLE,
            "Published March 3, 2016",
            "Chinese President Xi Jinping is visiting Kazakhstan this week.",
            "Xi met Russian President Vladimir Putin on the sidelines of a regional forum on "
            "Wednesday, and the two leaders discussed security.",
        )
    )
    [summit] = doc.summits
    assert (summit.city, summit.country) == (None, "KZ")


def test_earlier_events_town_in_the_lead_does_not_place_the_meeting() -> None:
    doc = run(
        article(
            TITLE,
            "Published June 29, 2018",
            "Japanese Prime Minister Shinzo Abe met U.S. President Donald Trump on Thursday, "
            "their first meeting since the summit in Hanoi in February.",
        )
    )
    [summit] = doc.summits
    assert (summit.city, summit.country) == (None, None)


def test_lead_arrival_of_a_leader_named_only_by_pronoun_in_the_meeting() -> None:
    doc = run(
        article(
            "Leaders meet",
            "BEIJING, Sept 13 (Reuters) - Chinese President Xi Jinping arrived in Astana on "
            "Tuesday for a state visit.",
            "On Wednesday he met Kazakh President Kassym-Jomart Tokayev, and the two discussed "
            "trade and energy.",
        )
    )
    [summit] = doc.summits
    assert (summit.city, summit.country) == ("Astana", "KZ")


@pytest.mark.parametrize(
    ("published", "paragraph", "city", "country"),
    [
        (
            "Published April 26, 2005",
            "President George W. Bush met Saudi Crown Prince Abdullah at his ranch in "
            "Crawford, Texas, on Monday to discuss oil prices.",
            "Crawford",
            "US",
        ),
        (
            "Published October 12, 2019",
            "Indian Prime Minister Narendra Modi met Chinese President Xi Jinping in "
            "Mamallapuram, India, on Saturday for an informal summit on trade.",
            None,
            "IN",
        ),
        (
            "Published November 14, 2017",
            "Philippine President Rodrigo Duterte met Japanese Prime Minister Shinzo Abe in "
            "Manila, US officials said, and they discussed the South China Sea.",
            "Manila",
            "PH",
        ),
    ],
)
def test_town_too_small_for_the_gazetteer_takes_the_state_or_country_after_it(
    published: str, paragraph: str, city: str | None, country: str
) -> None:
    [summit] = run(article(TITLE, published, paragraph)).summits
    assert (summit.city, summit.country) == (city, country)


def test_a_towns_possessive_before_a_name_ends_the_town() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "The Emir of Qatar received the Sultan of Oman at Abu Dhabi's Qasr Al Watan palace "
            "on Tuesday evening.",
        )
    )
    assert [(p.city, p.country) for p in _places(doc) if p.kind == "city"] == [("Abu Dhabi", "AE")]


def test_a_dateline_naming_a_venue_places_the_meeting_in_its_town() -> None:
    doc = run(
        article(
            "Leaders confer on Haiti",
            "Published September 22, 1994",
            "UNITED NATIONS (AP) -- President Bill Clinton met Brazilian President Itamar "
            "Franco on Thursday to discuss Haiti.",
        )
    )
    assert [(s.city, s.country) for s in doc.summits] == [("New York", "US")]
