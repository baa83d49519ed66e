"""Stage 8: the issues and third countries of each meeting, read from its own sentences."""

import pytest

from app.nlp.rules import load_rules
from app.nlp.topics import find_topics
from tests.nlp.conftest import article, run

TITLE = "Leaders meet"
PUBLISHED = "Published June 15, 2023"
BIDEN_SCHOLZ = (
    "U.S. President Joe Biden met German Chancellor Olaf Scholz at the White House on Friday "
    "to discuss Russia's invasion of Ukraine and support for Kyiv."
)


@pytest.mark.parametrize(
    ("paragraph", "issues", "about"),
    [
        (
            "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in "
            "Tokyo on Tuesday, and the two leaders agreed to work together on North Korea's "
            "nuclear and missile programmes.",
            ["missiles", "nuclear-weapons"],
            ["KP"],
        ),
        (BIDEN_SCHOLZ, ["armed-conflict"], ["RU", "UA"]),
        (
            "Brazilian President Luiz Inacio Lula da Silva met Chinese President Xi Jinping in "
            "Beijing on Wednesday and asked for support for a permanent seat on the UN Security "
            "Council and more cooperation in agribusiness.",
            ["food-security", "international-order"],
            [],
        ),
        (
            "French President Emmanuel Macron met Indian Prime Minister Narendra Modi in Paris on "
            "Friday and the two leaders agreed to expand civil nuclear power cooperation.",
            ["energy"],
            [],
        ),
        (
            "Armenian Prime Minister Nikol Pashinyan met Dutch Prime Minister Mark Rutte in "
            "Granada on Thursday to discuss aid for displaced persons and the delimitation of "
            "the border with Azerbaijan.",
            ["humanitarian", "migration", "territorial-disputes"],
            ["AZ"],
        ),
    ],
)
def test_issues_and_third_countries_from_the_meeting_sentence(
    paragraph: str, issues: list[str], about: list[str]
) -> None:
    [summit] = run(article(TITLE, PUBLISHED, paragraph)).summits
    assert (summit.issues, summit.about) == (issues, about)


def test_participants_own_countries_are_not_about() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in "
            "Tokyo on Tuesday to improve relations between Japan and South Korea after years of "
            "friction.",
        )
    )
    [summit] = doc.summits
    assert (summit.issues, summit.about) == (["bilateral-relations"], [])


def test_follow_up_sentence_about_the_talks_adds_its_issues() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in "
            "Tokyo on Tuesday for talks that lasted about an hour.",
            "During the talks, the two leaders agreed to cooperate on semiconductor supply chains.",
        )
    )
    [summit] = doc.summits
    assert summit.issues == ["supply-chains", "technology"]


@pytest.mark.parametrize(
    "tail",
    [
        "In other news, heavy rains caused flooding across southern China, and officials warned "
        "of rising food prices and a cholera outbreak in refugee camps.",
        "POPULAR ARTICLES\nChip exports to China fall sharply in May\nOil prices climb on "
        "supply worries",
        # a paragraph going back in time is background to the meeting
        "Earlier this year, floods displaced thousands of people and relief agencies appealed "
        "for humanitarian aid.",
        "Last month, the central bank raised interest rates as energy prices climbed.",
    ],
)
def test_unrelated_text_after_the_meeting_adds_nothing(tail: str) -> None:
    [summit] = run(article(TITLE, PUBLISHED, BIDEN_SCHOLZ, tail)).summits
    assert (summit.issues, summit.about) == (["armed-conflict"], ["RU", "UA"])


def test_unrelated_paragraph_with_they_adds_nothing() -> None:
    tail = (
        "Separately, farmers in southern Spain said they had lost much of their wheat harvest "
        "to drought and urged the government to provide emergency aid."
    )
    [summit] = run(article(TITLE, PUBLISHED, BIDEN_SCHOLZ, tail)).summits
    assert (summit.issues, summit.about) == (["armed-conflict"], ["RU", "UA"])


def test_security_environment_is_not_climate() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in "
            "Tokyo on Tuesday, and the two leaders said they faced a severe security environment.",
        )
    )
    assert doc.summits[0].issues == ["defense"]


def test_other_leader_of_separate_talks_is_not_about() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 22, 2023",
            "U.S. President Joe Biden held separate talks with Japanese Prime Minister Fumio "
            "Kishida and Indian Prime Minister Narendra Modi in Hiroshima on Saturday.",
        )
    )
    assert [s.about for s in doc.summits] == [[], []]


def test_country_far_from_any_issue_in_its_sentence_is_not_about() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            BIDEN_SCHOLZ,
            "The talks came as Brazil's president, who was also in Washington this week for a "
            "round of meetings with business leaders and governors, said he would press the "
            "case for a ceasefire.",
        )
    )
    [summit] = doc.summits
    assert summit.about == ["RU", "UA"]


def test_regions_holding_a_country_name_are_not_about_it() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Canadian Prime Minister Justin Trudeau spoke by phone with Mexican President Andres "
            "Manuel Lopez Obrador on Tuesday about trade and competitiveness in North America "
            "and security in the South China Sea and the East and South China Seas, and about "
            "jobs in Northern Ireland.",
        )
    )
    [summit] = doc.summits
    assert summit.about == []
    assert "trade" in summit.issues


def test_a_sentence_dated_to_another_time_names_no_third_country() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Solomon Islands Prime Minister Manasseh Sogavare met Chinese Premier Li Qiang in "
            "Beijing on Monday and signed a police co-operation pact.",
            "In March, Sogavare called for a review of a security treaty with Australia.",
        )
    )
    [summit] = doc.summits
    assert summit.about == []
    assert "defense" in summit.issues


@pytest.mark.parametrize(
    "background",
    [
        "When Sogavare came to power in 2019, he cut ties with Taiwan.",
        "Back in 2017, Sogavare signed a security treaty with Australia.",
    ],
)
def test_a_sentence_opening_on_an_earlier_year_names_no_third_country(background: str) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Solomon Islands Prime Minister Manasseh Sogavare met Chinese Premier Li Qiang in "
            "Beijing on Monday and signed a police co-operation pact.",
            background,
        )
    )
    [summit] = doc.summits
    assert summit.about == []


def test_a_date_in_a_clause_about_an_event_does_not_date_the_sentence() -> None:
    """ "..., which opens on 4 July": the clause's day is the event's, and the sentence
    still tells what the leaders discussed."""
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Nigerian President Bola Tinubu met Senegalese President Macky Sall in Abuja on "
            "Thursday.",
            "The two leaders discussed the conflict in Sudan and the ECOWAS summit, which opens "
            "in Accra on 4 July.",
        )
    )
    [summit] = doc.summits
    assert summit.about == ["SD"]


def test_alliance_enlargement_and_troops_are_defense_with_their_countries() -> None:
    doc = run(
        article(
            "NATO leaders offer Georgia a path",
            "Published April 3, 2008",
            "BUCHAREST (Wire) - NATO leaders promised Georgia on Thursday it would one day join "
            "the alliance, said U.S. President George W. Bush and French President Nicolas "
            "Sarkozy.",
            "On other enlargement decisions, Albania and Croatia won invitations.",
            "Sarkozy said France would send 700 extra soldiers to Afghanistan.",
        )
    )
    [summit] = doc.summits
    assert "defense" in summit.issues
    assert {"AF", "AL", "GE", "HR"} <= set(summit.about)


def test_the_country_other_talks_were_held_in_is_not_about() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa "
            "on Thursday to discuss the war in Sudan.",
            "The African Union has organised high-level talks in South Africa on the protracted "
            "conflict.",
        )
    )
    [summit] = doc.summits
    assert summit.about == ["SD"]


def test_a_roundups_meetings_share_what_follows_about_their_talks() -> None:
    doc = run(
        article(
            TITLE,
            "Published February 12, 2021",
            "Vietnamese Prime Minister Nguyen Xuan Phuc held separate phone talks on Thursday with "
            "Lao Prime Minister Thongloun Sisoulith and Cambodian Prime Minister Hun Sen.",
            "During their talks, the sides hailed the fine cooperation of the past year and vowed "
            "to further develop relations.",
        )
    )
    assert [(len(s.participants), s.issues) for s in doc.summits] == [
        (2, ["bilateral-relations"]),
        (2, ["bilateral-relations"]),
    ]


@pytest.mark.parametrize(
    "opening", ["In these discussions", "In both calls", "During those conversations"]
)
def test_a_sentence_opening_on_the_talks_just_told_carries_on_each(opening: str) -> None:
    """ "In these discussions, ..." after a round-up's calls tells what each call dealt with."""
    doc = run(
        article(
            TITLE,
            "Published July 14, 1995",
            "U.S. President Bill Clinton had telephone conversations on Thursday with French "
            "President Jacques Chirac and German Chancellor Helmut Kohl.",
            f"{opening}, the allies reaffirmed their resolve to end the war in Bosnia.",
        )
    )
    assert [(s.issues, s.about) for s in doc.summits] == [(["armed-conflict"], ["BA"])] * 2


def test_a_first_visit_is_about_the_relationship() -> None:
    doc = run(
        article(
            TITLE,
            "Published November 19, 2012",
            "Barack Obama became the first sitting American president to visit Myanmar on Monday "
            "and met President Thein Sein in Yangon.",
        )
    )
    [summit] = doc.summits
    assert summit.issues == ["bilateral-relations"]


def test_bilateral_talks_name_a_format_not_the_relationship() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Indian Prime Minister Narendra Modi held bilateral talks with Japanese Prime Minister "
            "Fumio Kishida in Hiroshima on Saturday on trade and semiconductors.",
        )
    )
    [summit] = doc.summits
    assert summit.issues == ["technology", "trade"]


def test_the_headline_of_a_one_meeting_article_names_its_issues() -> None:
    doc = run(
        article(
            "Bush meets Hu over economic and military concerns",
            "Published September 6, 2007",
            "President George W. Bush met Chinese President Hu Jintao in Sydney on Thursday.",
        )
    )
    [summit] = doc.summits
    assert summit.issues == ["defense", "economy"]


@pytest.mark.parametrize(
    ("phrase", "relations"),
    [
        ("China-Pakistan ties", True),
        ("US-Japan cooperation", False),
        ("win-win cooperation", False),
    ],
)
def test_a_compound_of_two_country_names_is_the_relationship(phrase: str, relations: bool) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            f"Chinese Premier Li Qiang met Pakistani Prime Minister Shehbaz Sharif in Beijing on "
            f"Friday to discuss {phrase}.",
        )
    )
    [summit] = doc.summits
    assert ("bilateral-relations" in summit.issues) is relations


@pytest.mark.parametrize(
    ("sentence", "issues"),
    [
        (
            "The Kenyan delegation included the Agriculture Minister, the Minister of Posts "
            "and Telecommunications and the Minister of Industry and Advanced Technology.",
            [],
        ),
        ("The two leaders recalled the end of the Cold War.", []),
        ("They vowed to keep their rivalry from veering into conflict.", []),
        ("Both sides pledged to pursue sustainable development.", []),
        ("The leaders agreed on a cease-fire and economic aid.", ["armed-conflict", "economy"]),
        (
            "They discussed peacekeeping and wildfires.",
            ["armed-conflict", "defense", "humanitarian"],
        ),
        (
            "They discussed ceasefires, refugees and tariffs.",
            ["armed-conflict", "migration", "trade"],
        ),
        (
            "They discussed Tibet, Xinjiang and the Taiwan question.",
            ["human-rights", "territorial-disputes"],
        ),
        ("They agreed to build up their defence industries.", ["defense"]),
    ],
)
def test_offices_names_and_no_issue_phrases_signal_nothing(
    sentence: str, issues: list[str]
) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa "
            f"on Thursday. {sentence}",
        )
    )
    [summit] = doc.summits
    assert summit.issues == issues


@pytest.mark.parametrize(
    ("sentence", "about"),
    [
        ("The talks focused on Iranian threats against shipping in the Gulf.", ["IR"]),
        ("They also raised the question of Venezuela.", ["VE"]),
        ("Their aides had discussed the matter in Norway a week earlier.", []),
        ("They discussed terrorism in Somalia.", ["SO"]),
        ("They voiced concern over the humanitarian catastrophe in Sudan.", ["SD"]),
        ("They deplored the bloodshed in Myanmar.", ["MM"]),
        ("The future of Venezuela was also on the agenda.", ["VE"]),
        ("They backed mediation between Armenia and Azerbaijan.", ["AM", "AZ"]),
        ("They discussed raising trade to US$20 billion by 2030.", []),
        ("They discussed trade before Ruto flew on for a state visit to Ghana.", []),
        ("They condemned Moscow's war against its neighbour.", ["RU"]),
        ("They discussed Nairobi's bid to host the games.", []),
        ("They had held historic talks in Djibouti on trade last year.", []),
        ("They discussed a loan of 500 million Hong Kong dollars.", []),
    ],
)
def test_a_country_the_talks_were_about_is_about_and_a_venue_is_not(
    sentence: str, about: list[str]
) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa "
            f"on Thursday. {sentence}",
        )
    )
    [summit] = doc.summits
    assert summit.about == about


def test_a_sentence_about_another_leader_adds_nothing() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa "
            "on Thursday to discuss the war in Sudan.",
            "Ugandan President Yoweri Museveni has promised new tariffs on imported sugar.",
        )
    )
    [summit] = doc.summits
    assert (summit.issues, summit.about) == (["armed-conflict"], ["SD"])


@pytest.mark.parametrize(
    ("gathering", "issues"),
    [
        ("on the sidelines of the Global Clean Energy Summit", []),
        ("during the Pacific Climate Week", []),
        ("at an energy summit", ["energy"]),
    ],
)
def test_an_issue_word_in_an_events_name_is_no_topic(gathering: str, issues: list[str]) -> None:
    doc = run(
        article(
            TITLE,
            "Published March 9, 2016",
            f"Kenyan President Uhuru Kenyatta met Ethiopian Prime Minister Hailemariam Desalegn "
            f"{gathering} in Nairobi on Tuesday.",
        )
    )
    [summit] = doc.summits
    assert summit.issues == issues


def test_a_sentence_about_another_call_of_the_same_leader_adds_nothing() -> None:
    doc = run(
        article(
            TITLE,
            "Published April 3, 2019",
            "Indonesian President Joko Widodo held separate phone calls on Tuesday with "
            "Philippine President Rodrigo Duterte and Thai Prime Minister Prayut Chan-o-cha.",
            "In his call with Duterte, Widodo said the two countries would work on energy "
            "projects.",
        )
    )
    issues = {s.participants[1].name: s.issues for s in doc.summits}
    assert issues["Prayut Chan-o-cha"] == []


def test_a_country_the_leaders_will_work_with_trilaterally_is_about() -> None:
    doc = run(
        article(
            TITLE,
            "Published August 19, 2023",
            "Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol agreed "
            "at Camp David on Friday to work trilaterally with the United States to ensure "
            "security in the region.",
        )
    )
    [summit] = doc.summits
    assert (summit.issues, summit.about) == (["defense"], ["US"])


def test_a_round_up_sentence_naming_one_counterpart_tells_of_that_meeting() -> None:
    doc = run(
        article(
            TITLE,
            "Published April 12, 2015",
            "U.S. President Barack Obama met Cuban President Raul Castro on Saturday in Panama "
            "City, and he also met Venezuelan President Nicolas Maduro there.",
            "Castro listened as Obama said the two sides would keep disagreeing over human rights.",
        )
    )
    issues = {s.participants[1].name.split()[-1]: s.issues for s in doc.summits}
    assert issues == {"Castro": ["human-rights"], "Maduro": []}


def test_a_link_to_another_story_glued_to_the_text_adds_nothing() -> None:
    doc = run(
        article(
            TITLE,
            "Published February 2, 2017",
            "Canadian Prime Minister Justin Trudeau spoke by phone with Mexican President Enrique "
            "Pena Nieto on Wednesday about trade.",
            "Read more: Why the border wall fight could hurt Mexico's peso It also comes amid "
            "rising tension with Washington.",
        )
    )
    [summit] = doc.summits
    assert (summit.issues, summit.about) == (["trade"], [])


def test_a_city_named_for_a_country_is_not_about_the_country() -> None:
    doc = run(
        article(
            TITLE,
            "MEXICO CITY, Jan 10, 2023 (Reuters) - Trade topped talks between U.S. President Joe "
            "Biden and Canadian Prime Minister Justin Trudeau on Tuesday.",
        )
    )
    [summit] = doc.summits
    assert (summit.issues, summit.about) == (["trade"], [])


def test_a_sentence_dated_to_another_time_adds_no_issue() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 20, 2005",
            "Uzbek President Islam Karimov met Kazakh President Nursultan Nazarbayev in Tashkent "
            "on Thursday to discuss regional security.",
            "On March 3, 1998, the two neighbours quarrelled over tariffs on cross-border trade.",
        )
    )
    [summit] = doc.summits
    assert summit.issues == ["defense"]


@pytest.mark.parametrize(
    ("follow_on", "carried"),
    [
        ("He added that the two countries would expand cooperation on energy.", True),
        ("The two leaders also discussed energy supplies.", True),
        ("Energy prices in the region rose sharply last winter.", False),
    ],
)
def test_a_round_ups_follow_on_sentence_carries_on_the_meeting_before_it(
    follow_on: str, carried: bool
) -> None:
    doc = run(
        article(
            TITLE,
            "Published October 2, 2024",
            "Zelensky met Azerbaijani President Ilham Aliyev in New York on Tuesday.",
            follow_on,
            "He also met Moldovan President Maia Sandu, who thanked him for his support.",
        )
    )
    aliyev, sandu = sorted(doc.summits, key=lambda s: s.sentences[0])
    aliyev.sentences = [i for i in aliyev.sentences if follow_on not in doc.sentences[i].text]
    find_topics(doc, rules=load_rules())  # the account of the meeting left the sentence out
    assert ("energy" in aliyev.issues) is carried
    assert "energy" not in sandu.issues


@pytest.mark.parametrize(
    ("clause", "issue"),
    [
        ("agreed to crack down on the smugglers who ferry migrants", "transnational-crime"),
        ("agreed to share intelligence on the militants", "defense"),
        ("agreed to extend the rail link between the two capitals", "development"),
        ("called for new restrictive measures against the junta", "sanctions"),
        ("agreed to resume high-level exchanges", "bilateral-relations"),
    ],
)
def test_issue_vocabulary_rows(clause: str, issue: str) -> None:
    lead = (
        "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha on "
        f"Monday and the two leaders {clause}."
    )
    [summit] = run(article(TITLE, PUBLISHED, lead)).summits
    assert issue in summit.issues


@pytest.mark.parametrize(
    ("clause", "about"),
    [
        ("discussed the Israeli-Palestinian conflict", ["IL", "PS"]),
        ("discussed US-China trade tensions", ["CN", "US"]),
        ("agreed to stand by a free and open Indo-Pacific", []),
    ],
)
def test_countries_joined_by_a_hyphen_are_about(clause: str, about: list[str]) -> None:
    lead = (
        "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha on "
        f"Monday and the two leaders {clause}."
    )
    [summit] = run(article(TITLE, PUBLISHED, lead)).summits
    assert summit.about == about


@pytest.mark.parametrize(
    ("talks", "issues"),
    [
        ("the pace of democratic change and counterterror efforts", ["human-rights", "terrorism"]),
        ("the arms embargo imposed on the country", ["defense", "sanctions"]),
        ("the need for maximum economic pressure on the regime", ["sanctions"]),
        ("geothermal plants and the internet economy", ["economy", "energy", "technology"]),
        ("the one-China policy", ["territorial-disputes"]),
        ("retaliatory duties on farm goods", ["food-security", "trade"]),
        ("plans to open its markets wider", ["trade"]),
        ("the search for a lasting peace in the region", ["armed-conflict"]),
    ],
)
def test_talks_vocabulary_of_wire_and_readout_styles(talks: str, issues: list[str]) -> None:
    """Wordings that releases and wire stories of many decades give their topics."""
    paragraph = (
        "Kenyan President William Ruto met Ghanaian President Nana Akufo-Addo in Nairobi on "
        f"Tuesday. The two presidents discussed {talks}."
    )
    [summit] = run(article(TITLE, PUBLISHED, paragraph)).summits
    assert summit.issues == issues


@pytest.mark.parametrize(
    "label",
    [
        "the leaders of the world's two largest economies",
        "the heads of Asia's biggest economies",
        "Germany, Europe's leading economy, and its neighbour",
    ],
)
def test_an_economy_named_by_its_size_is_a_country_not_a_topic(label: str) -> None:
    """ "The world's largest economies" stands for the countries: no economy talks."""
    paragraph = (
        "U.S. President Joe Biden met Chinese President Xi Jinping in Bali on Monday, the first "
        f"talks between {label} this year. They discussed Taiwan."
    )
    [summit] = run(article(TITLE, PUBLISHED, paragraph)).summits
    assert summit.issues == ["territorial-disputes"]


@pytest.mark.parametrize(
    ("sentence", "issues"),
    [
        ("The two countries agreed to raise trade.", ["trade"]),
        ("The two nations will hold joint naval drills.", ["defense"]),
        ("They agreed to deepen cooperation between the two countries.", ["bilateral-relations"]),
        ("They praised the two nations’ cooperation in the region.", ["bilateral-relations"]),
    ],
)
def test_the_two_countries_name_the_sides_not_their_relationship(
    sentence: str, issues: list[str]
) -> None:
    """ "The two countries" only points back at the sides: what they agreed on is the topic."""
    paragraph = (
        "Kenyan President William Ruto met Ghanaian President Nana Akufo-Addo in Nairobi on "
        f"Tuesday. {sentence}"
    )
    [summit] = run(article(TITLE, PUBLISHED, paragraph)).summits
    assert summit.issues == issues


@pytest.mark.parametrize(
    ("sentence", "issues"),
    [
        ("They discussed a closer defence partnership.", ["defense"]),
        ("Both stressed a strong trading relationship after Brexit.", ["trade"]),
        ("They vowed to expand security ties.", ["defense"]),
        ("They vowed to expand trade and security ties.", ["defense", "trade"]),
        (
            "They hailed the commercial ties between the two countries.",
            ["bilateral-relations", "economy"],
        ),
        ("They agreed to strengthen relations and trade.", ["bilateral-relations", "trade"]),
    ],
)
def test_a_relation_noun_after_an_issue_word_is_that_issue(
    sentence: str, issues: list[str]
) -> None:
    """ "A defence partnership" is defence, not the relationship itself, unless the ties are
    said to be those of the two sides."""
    paragraph = (
        "Australian Prime Minister John Howard met Indonesian President Susilo Bambang Yudhoyono "
        f"in Canberra on Thursday. {sentence}"
    )
    [summit] = run(article(TITLE, "Published April 5, 2005", paragraph)).summits
    assert summit.issues == issues


@pytest.mark.parametrize(
    ("sentence", "issues"),
    [
        ("They differed over economic sanctions against the regime.", ["sanctions"]),
        ("They condemned apartheid.", ["human-rights"]),
        ("They discussed the army's campaign against rebel guerrillas.", ["armed-conflict"]),
        ("They agreed to cut tariffs on palm oil and olive oil.", ["food-security", "trade"]),
        ("They discussed the welfare of overseas Filipino workers.", ["migration"]),
        ("They discussed the welfare of OFWs in the Gulf.", ["migration"]),
    ],
)
def test_common_news_words_for_issues(sentence: str, issues: list[str]) -> None:
    """Words news of many decades use for an issue: "economic sanctions" are sanctions, not
    the economy; palm oil is a crop, not fuel; overseas workers are migration."""
    paragraph = (
        "Malaysian Prime Minister Mahathir Mohamad met Philippine President Fidel Ramos in "
        f"Kuala Lumpur on Monday. {sentence}"
    )
    [summit] = run(article(TITLE, "Published March 3, 1997", paragraph)).summits
    assert summit.issues == issues


@pytest.mark.parametrize(
    ("sentence", "issues"),
    [
        (
            "They discussed cooperation in agriculture, defence and space.",
            ["defense", "food-security", "technology"],
        ),
        ("They agreed on space and nuclear energy projects.", ["energy", "technology"]),
        ("They said there was space for dialogue.", []),
        ("They condemned violations of Kenyan airspace.", []),
    ],
)
def test_a_word_listed_among_issues_is_one_and_alone_is_none(
    sentence: str, issues: list[str]
) -> None:
    """ "Space" among fields of cooperation is the space sector; "space for dialogue" is not."""
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Indian Prime Minister Narendra Modi met Kenyan President William Ruto in New Delhi "
            f"on Thursday. {sentence}",
        )
    )
    [summit] = doc.summits
    assert summit.issues == issues


@pytest.mark.parametrize(
    ("sentence", "issues", "about"),
    [
        (
            "They said big emitters such as Brazil and Indonesia must join a new deal.",
            ["climate-environment"],
            ["BR", "ID"],
        ),
        ("They reviewed the boundary question.", ["territorial-disputes"], []),
        ("They discussed the reconstruction of Mosul.", ["development", "humanitarian"], []),
        ("Modi offered economic assistance to Kenya.", ["development", "economy"], []),
        ("They agreed to align their development strategies.", ["development"], []),
        ("Ruto welcomed a line of credit for water pipelines in Nakuru.", ["development"], []),
        ("They discussed Indian help for Kenya's power industry.", ["economy", "energy"], []),
        (
            "They called for democracy in international relations.",
            ["human-rights", "international-order"],
            [],
        ),
    ],
)
def test_sector_and_dispute_phrases_of_general_news(
    sentence: str, issues: list[str], about: list[str]
) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Indian Prime Minister Narendra Modi met Kenyan President William Ruto in New Delhi "
            f"on Thursday. {sentence}",
        )
    )
    [summit] = doc.summits
    assert (summit.issues, summit.about) == (issues, about)


@pytest.mark.parametrize(
    ("sentence", "issues", "about"),
    [
        (
            "They discussed the normalisation of relations between Armenia and Azerbaijan.",
            [],
            ["AM", "AZ"],
        ),
        (
            "They voiced worry about the strained Israeli-Palestinian relationship.",
            [],
            ["IL", "PS"],
        ),
        (
            "They pledged to improve relations between Kenya and Ethiopia.",
            ["bilateral-relations"],
            [],
        ),
    ],
)
def test_relations_of_two_other_countries_are_a_subject_not_the_sides_ties(
    sentence: str, issues: list[str], about: list[str]
) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa "
            f"on Thursday. {sentence}",
        )
    )
    [summit] = doc.summits
    assert (summit.issues, summit.about) == (issues, about)


def test_a_time_after_the_talks_verb_dates_what_they_discussed() -> None:
    """ "They also discussed Fiji's floods in March": the month is the subject's, so the
    sentence still names what this meeting was about."""
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Solomon Islands Prime Minister Manasseh Sogavare met Chinese Premier Li Qiang in "
            "Beijing on Monday and signed a police co-operation pact.",
            "They also discussed Australia's naval exercises off Guadalcanal in March.",
        )
    )
    [summit] = doc.summits
    assert summit.about == ["AU"]


@pytest.mark.parametrize(
    ("sentence", "about"),
    [
        ("Biden raised press freedom in Hong Kong and human rights in Tibet.", []),
        ("They discussed Macau's casinos and the war in Myanmar.", ["MM"]),
        ("They discussed the military build-up on Guam.", []),
        ("They discussed Greenland's minerals and Denmark's position.", ["DK", "GL"]),
    ],
)
def test_a_territory_of_a_sides_state_is_no_third_country(sentence: str, about: list[str]) -> None:
    """Hong Kong, Macau (China's) and Guam (the United States') in Biden's talks with Xi
    are the sides' own; Greenland, Denmark's, is a third country's."""
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "U.S. President Joe Biden met Chinese President Xi Jinping in Bali on Monday. "
            + sentence,
        )
    )
    [summit] = doc.summits
    assert summit.about == about


@pytest.mark.parametrize(
    "background",
    [
        "It was the first visit by a Kenyan leader since 1998, when Sudan's civil war shut "
        "the road.",
        "Ties were cut in 2011, when Eritrea backed the rebels, and restored last year.",
    ],
)
def test_a_when_clause_of_another_year_is_background(background: str) -> None:
    """ "since 1998, when ...": the clause tells of that year, not of the talks."""
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa "
            f"on Thursday to discuss trade. {background}",
        )
    )
    [summit] = doc.summits
    assert summit.about == []
    assert "armed-conflict" not in summit.issues
