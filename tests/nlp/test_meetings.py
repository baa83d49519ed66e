"""Stage 7: meetings assembled from leaders, cues, dates, places and durations."""

from typing import Any

import pytest

from app.nlp import gatherings, meetings
from app.nlp.doc import ArticleDoc, Span
from app.nlp.rules import load_rules
from tests.nlp.conftest import article, run

TITLE = "Leaders hold talks on regional security"
PUBLISHED = "Published June 15, 2023"  # a Thursday
MODI_ALBANESE = "Indian Prime Minister Narendra Modi and Australian Prime Minister Anthony Albanese"


def _participants(doc: ArticleDoc) -> list[list[tuple[str, str | None, str | None]]]:
    return [[(p.name, p.country, p.role) for p in s.participants] for s in doc.summits]


def test_two_leaders_holding_talks_make_one_in_person_summit() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Japanese Prime Minister Fumio Kishida held talks with South Korean President Yoon "
            "Suk Yeol in Tokyo on Tuesday, and the two leaders agreed to meet more often.",
        )
    )
    assert _participants(doc) == [
        [("Fumio Kishida", "JP", "Prime Minister"), ("Yoon Suk Yeol", "KR", "President")]
    ]
    summit = doc.summits[0]
    assert (summit.format, summit.date, summit.city, summit.country) == (
        "in_person",
        "2023-06-13",
        "Tokyo",
        "JP",
    )


def test_summit_evidence_points_into_the_text() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Japanese Prime Minister Fumio Kishida held talks with South Korean President Yoon "
            "Suk Yeol in Tokyo on Tuesday, and the two leaders agreed to meet more often.",
        )
    )
    evidence = doc.summits[0].evidence
    assert [(e["label"], e["text"]) for e in evidence] == [
        ("participant", "Fumio Kishida"),
        ("participant", "Yoon Suk Yeol"),
        ("date", "on Tuesday"),
        ("location", "Tokyo"),
    ]
    assert [doc.text[e["start"] : e["end"]] for e in evidence] == [e["text"] for e in evidence]


def test_phone_call_has_no_location() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "SEOUL — South Korean President Yoon Suk Yeol spoke by phone with Japanese Prime "
            "Minister Fumio Kishida on Tuesday from his office in Seoul to discuss the latest "
            "missile launch.",
        )
    )
    [summit] = doc.summits
    assert (summit.format, summit.place, summit.city, summit.country) == (
        "phone",
        None,
        None,
        None,
    )


@pytest.mark.parametrize("cue", ["held a video call", "held a virtual summit", "met virtually"])
def test_video_cue_gives_video_format(cue: str) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            f"{MODI_ALBANESE} {cue} on Tuesday to discuss trade, investment and regional security "
            "in the Indo-Pacific.",
        )
    )
    [summit] = doc.summits
    assert (summit.format, summit.city) == ("video", None)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Japanese Prime Minister Fumio Kishida will meet Australian Prime Minister Anthony "
        "Albanese in Canberra next month to discuss regional security, officials said.",
        "Chinese President Xi Jinping and Russian President Vladimir Putin are expected to meet "
        "in Moscow next week, according to officials familiar with the plans.",
        "Chinese President Xi Jinping will travel to Moscow next week for talks with Russian "
        "President Vladimir Putin, according to officials familiar with the plans.",
        "French President Emmanuel Macron's meeting with Indian Prime Minister Narendra Modi "
        "is due to take place after the summit.",
        "French President Emmanuel Macron is heading to Delhi for talks with Indian Prime "
        "Minister Narendra Modi.",
        "French President Emmanuel Macron left for Delhi on Monday for talks with Indian Prime "
        "Minister Narendra Modi.",
        # a present-tense trip with a day ahead is a plan, as a wire story writes it
        "Prime Minister Narendra Modi flies to St. Petersburg on Thursday for a summit hosted "
        "by Russian President Vladimir Putin.",
        "French President Emmanuel Macron arrived in Delhi to finalise the details of the "
        "summit with Indian Prime Minister Narendra Modi.",
        "A meeting between French President Emmanuel Macron and Indian Prime Minister Narendra "
        "Modi planned for Friday was postponed.",
        "Talks between French President Emmanuel Macron and Indian Prime Minister Narendra "
        "Modi, scheduled for next month, will focus on trade.",
    ],
)
def test_planned_meeting_is_not_a_summit(paragraph: str) -> None:
    assert run(article(TITLE, PUBLISHED, paragraph)).summits == []


def test_foreign_ministers_meeting_is_not_a_summit() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Japanese Foreign Minister Yoshimasa Hayashi met Australian Foreign Minister Penny "
            "Wong in Canberra on Tuesday to discuss regional security and critical minerals.",
        )
    )
    assert doc.summits == []


def test_separate_talks_are_separate_summits() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 22, 2023",
            "U.S. President Joe Biden held separate talks with Japanese Prime Minister Fumio "
            "Kishida and Indian Prime Minister Narendra Modi in Hiroshima on Saturday.",
        )
    )
    assert [[p.name for p in s.participants] for s in doc.summits] == [
        ["Joe Biden", "Fumio Kishida"],
        ["Joe Biden", "Narendra Modi"],
    ]
    assert [s.date for s in doc.summits] == ["2023-05-20", "2023-05-20"]


@pytest.mark.parametrize(
    ("met", "expected"),
    [
        (
            "met Canadian Prime Minister Justin Trudeau and Italian Prime Minister Giorgia "
            "Meloni on the sidelines of the G7 summit",
            [["Narendra Modi", "Justin Trudeau"], ["Narendra Modi", "Giorgia Meloni"]],
        ),
        (
            "held a trilateral meeting with Canadian Prime Minister Justin Trudeau and Italian "
            "Prime Minister Giorgia Meloni on the margins of the G7 summit",
            [["Narendra Modi", "Justin Trudeau", "Giorgia Meloni"]],
        ),
        (
            "sat down together with Canadian Prime Minister Justin Trudeau and Italian Prime "
            "Minister Giorgia Meloni on the sidelines of the G7 summit",
            [["Narendra Modi", "Justin Trudeau", "Giorgia Meloni"]],
        ),
    ],
)
def test_meetings_on_a_gatherings_sidelines_are_one_counterpart_each(
    met: str, expected: list[list[str]]
) -> None:
    doc = run(
        article(
            TITLE,
            "Published May 22, 2023",
            f"Indian Prime Minister Narendra Modi {met} in Hiroshima on Saturday.",
        )
    )
    assert [[p.name for p in s.participants] for s in doc.summits] == expected


@pytest.mark.parametrize(
    ("held", "minutes", "fmt"),
    [
        ("held a 35-minute meeting in Sydney", 35, "in_person"),
        ("held a two-hour summit in Sydney", 120, "in_person"),
        ("held an hour-long meeting in Sydney", 60, "in_person"),
        ("held a 30-minute phone call", 30, "phone"),
        ("held a two-hour call", 120, "phone"),
        ("held a 90-minute meeting", 90, "in_person"),
        ("held talks lasting one hour and 40 minutes in Sydney", 100, "in_person"),
        ("held talks, scheduled for an hour, that ran for 75 minutes in Sydney", 75, "in_person"),
    ],
)
def test_duration_in_minutes(held: str, minutes: int, fmt: str) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            f"{MODI_ALBANESE} {held} on Tuesday, where they discussed trade and investment.",
        )
    )
    [summit] = doc.summits
    assert (summit.duration_minutes, summit.format) == (minutes, fmt)


def test_five_hour_flight_is_not_a_duration() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            f"{MODI_ALBANESE} met in Sydney on Tuesday, two days after a five-hour flight, and "
            "discussed trade, investment and regional security.",
        )
    )
    assert doc.summits[0].duration_minutes is None


def test_sideline_meeting_names_the_gathering() -> None:
    doc = run(
        article(
            TITLE,
            "Published September 10, 2023",
            "Indian Prime Minister Narendra Modi met Australian Prime Minister Anthony Albanese on "
            "the sidelines of the G20 summit in New Delhi on Saturday to discuss trade.",
        )
    )
    [summit] = doc.summits
    assert summit.context == "G20 summit"
    assert summit.date == "2023-09-09"


@pytest.mark.parametrize(
    ("sentence", "context"),
    [
        (
            "Modi met Fijian Prime Minister Sitiveni Rabuka on the sidelines of the "
            "Indo-Pacific Islands Partnership Summit in Suva on Saturday.",
            "Indo-Pacific Islands Partnership Summit",
        ),
        (
            "Modi met Fijian Prime Minister Sitiveni Rabuka in Suva on Saturday at the second "
            "summit of the Forum for Ocean Nations Cooperation (FONC), which Fiji hosted.",
            "FONC summit",
        ),
        (
            "Modi met Fijian Prime Minister Sitiveni Rabuka in Suva on Saturday at the first "
            "summit of the Pacific Ocean Partnership, held at a hotel by the sea.",
            "Pacific Ocean Partnership summit",
        ),
        (
            "Modi, who came to Suva to attend the Fiji independence jubilee ceremony, met "
            "Fijian Prime Minister Sitiveni Rabuka on Saturday.",
            "Fiji independence jubilee ceremony",
        ),
        (
            "Modi met Fijian Prime Minister Sitiveni Rabuka on Saturday on the margins of an "
            "emergency Melanesian Spearhead Group-Polynesian Leaders Group summit in Suva.",
            "Melanesian Spearhead Group-Polynesian Leaders Group summit",
        ),
    ],
)
def test_a_gathering_no_table_lists_is_named_from_the_text(sentence: str, context: str) -> None:
    doc = run(article(TITLE, "Published September 10, 2023", f"Indian Prime Minister {sentence}"))
    [summit] = doc.summits
    assert summit.context == context


@pytest.mark.parametrize(
    ("gathering", "context"),
    [
        (
            "the Johannesburg Summit of the Forum on China-Africa Cooperation (FOCAC)",
            "Forum on China-Africa Cooperation summit",
        ),
        ("the Forum on China-Africa Cooperation (FOCAC)", "Forum on China-Africa Cooperation"),
    ],
)
def test_a_listed_body_written_out_is_named_once(gathering: str, context: str) -> None:
    """A body whose name holds its kind ("Forum on ...") is not called "... forum" again;
    "the Summit of the Forum" is its summit."""
    doc = run(
        article(
            TITLE,
            "Published December 5, 2015",
            "Chinese President Xi Jinping met South African President Jacob Zuma in Johannesburg "
            f"on Friday on the sidelines of {gathering}.",
        )
    )
    [summit] = doc.summits
    assert summit.context == context


def test_the_story_names_the_gathering_as_its_headline_abbreviates() -> None:
    """A headline's short name ("on AU summit sidelines") gives way to the story's own."""
    doc = run(
        article(
            "Kenya, Ghana leaders talk trade on AU summit sidelines",
            "Published February 11, 2024",
            "Kenyan President William Ruto held talks with Ghanaian President Nana Akufo-Addo on "
            "Saturday on the margins of the African Union summit in Addis Ababa.",
        )
    )
    [summit] = doc.summits
    assert summit.context == "African Union summit"


@pytest.mark.parametrize(
    "invitation",
    [
        "Merkel invited Ramaphosa to attend the G7 summit in Elmau as a guest.",
        "Merkel also extended an invitation to the G7 summit in Elmau next month.",
    ],
)
def test_a_call_inviting_a_leader_to_a_gathering_was_not_held_there(invitation: str) -> None:
    """A call is held at no gathering; one it invites a leader to is a plan."""
    doc = run(
        article(
            TITLE,
            "Published May 20, 2021",
            "German Chancellor Angela Merkel spoke by telephone with South African President "
            f"Cyril Ramaphosa on Wednesday about vaccine production. {invitation}",
        )
    )
    [summit] = doc.summits
    assert summit.format == "phone"
    assert summit.context is None


def test_bare_sidelines_take_the_gathering_just_named_and_its_edition_dates_the_day() -> None:
    """ "On the sidelines, ..." names no gathering: it is the one the story just told of, and
    a day written without a year ("Nov. 11") falls in that gathering's edition."""
    doc = run(
        article(
            "Leaders pledge to avoid currency wars",
            "Leaders of twenty nations met Nov. 11 and 12 in Seoul for the G20 summit and "
            "promised to keep markets open.",
            "On the sidelines, U.S. President Barack Obama held his first talks with Chinese "
            "President Hu Jintao since the spring.",
        )
    )
    [summit] = [s for s in doc.summits if len(s.participants) == 2]
    assert (summit.context, summit.date, summit.city) == ("G20 summit", "2010-11-11", "Seoul")


def test_a_speech_to_reporters_is_no_call() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 20, 2023",
            "President Cyril Ramaphosa spoke to reporters on Thursday after Kenyan President "
            "William Ruto left Pretoria.",
        )
    )
    assert all(s.format != "phone" for s in doc.summits)


def test_a_call_one_leader_is_urged_to_make_is_not_a_call() -> None:
    doc = run(
        article(
            TITLE,
            "Published March 10, 2022",
            "President Cyril Ramaphosa spoke to Russian President Vladimir Putin by telephone "
            "on Thursday about the war in Ukraine.",
            "Opposition leader John Steenhuisen criticised him and urged Ramaphosa to also "
            "phone Ukrainian President Volodymyr Zelensky.",
        )
    )
    assert [[p.name for p in s.participants] for s in doc.summits] == [
        ["Cyril Ramaphosa", "Vladimir Putin"]
    ]


def test_participants_quotes_become_the_summits_statements() -> None:
    doc = run(
        article(
            TITLE,
            "Published November 17, 2023",
            "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in San "
            "Francisco on Thursday, on the sidelines of the APEC summit.",
            '"We have moved our cooperation forward in many areas," Kishida said.',
        )
    )
    [summit] = doc.summits
    assert [(q.speaker, q.text) for q in summit.statements] == [
        ("Fumio Kishida", "We have moved our cooperation forward in many areas")
    ]
    assert summit.context == "APEC summit"


def test_met_for_about_thirty_minutes() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            f"{MODI_ALBANESE} met for about 30 minutes in Sydney on Tuesday and discussed trade, "
            "investment and regional security.",
        )
    )
    assert doc.summits[0].duration_minutes == 30


def test_hour_and_a_half() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            f"{MODI_ALBANESE} held talks lasting an hour and a half in Sydney on Tuesday and "
            "discussed trade, investment and regional security.",
        )
    )
    assert doc.summits[0].duration_minutes == 90


def test_earlier_meeting_in_passing_is_not_a_summit() -> None:
    """'last met in Bali in November' is dated months back, so it is no new summit."""
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "U.S. President Joe Biden said on Tuesday he hoped to speak with Chinese President Xi "
            "Jinping soon. The two leaders last met in Bali in November on the sidelines of the "
            "G20 summit.",
        )
    )
    assert doc.summits == []


def test_ministers_meeting_with_a_leader_named_is_not_a_summit() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Japanese Foreign Minister Yoshimasa Hayashi, who is travelling with Prime Minister "
            "Fumio Kishida, met his Australian counterpart Penny Wong in Canberra on Tuesday.",
        )
    )
    assert doc.summits == []


def test_the_moon_is_not_a_participant() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 28, 2019",
            "U.S. President Donald Trump met Japanese Prime Minister Shinzo Abe in Tokyo on "
            "Monday and the two leaders agreed to cooperate on sending astronauts to the Moon.",
        )
    )
    assert [[p.name for p in s.participants] for s in doc.summits] == [
        ["Donald Trump", "Shinzo Abe"]
    ]


def test_leaders_whose_terms_never_overlap_did_not_meet() -> None:
    doc = run(
        article(
            "Kishida recalls a presidential visit",
            "Japanese Prime Minister Fumio Kishida told reporters in Tokyo that George W. Bush "
            "had visited Japan in 2006, when he was a young lawmaker in the ruling party.",
        )
    )
    assert doc.summits == []


@pytest.mark.parametrize(
    ("sentence", "met"),
    [
        (
            "French President Emmanuel Macron and German Chancellor Olaf Scholz agreed on "
            "Thursday that Europe must spend more on its own defence.",
            True,
        ),
        (
            "Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol "
            "reaffirmed their alliance with Washington in Tokyo on Thursday.",
            True,
        ),
        (
            "French President Emmanuel Macron and German Chancellor Olaf Scholz have agreed to "
            "meet next month in Berlin.",
            False,
        ),
        (
            "French President Emmanuel Macron and German Chancellor Olaf Scholz agreed last "
            "November to buy a joint air defence system.",
            False,
        ),
    ],
)
def test_leaders_agreeing_together_have_met(sentence: str, met: bool) -> None:
    """Two leaders who agree or reaffirm something together have talked; an agreement to
    meet is a plan, and one dated months back is recalled in passing."""
    doc = run(article(TITLE, PUBLISHED, sentence))
    assert bool(doc.summits) is met


def test_compound_of_countries_and_a_joining_leader_find_their_own_meeting() -> None:
    """'the Anglo-French summit' belongs to the British-French meeting even after another
    meeting was named, and a French leader 'also involved in talks' joins that one."""
    doc = run(
        article(
            TITLE,
            "Published November 24, 2003",
            "British Prime Minister Tony Blair and French President Jacques Chirac met on "
            "Monday for their first summit in a year.",
            "Later, Blair held an hour-long meeting with Spanish Prime Minister Jose Maria Aznar "
            "on terrorism.",
            "Other issues on the Anglo-French summit agenda included asylum, economic growth "
            "and climate change.",
            "French Prime Minister Jean-Pierre Raffarin was also involved in talks with his "
            "opposite number in Downing Street.",
        )
    )
    first, second = doc.summits
    assert [p.name for p in first.participants] == [
        "Tony Blair",
        "Jacques Chirac",
        "Jean-Pierre Raffarin",
    ]
    assert first.issues == ["climate-environment", "economy", "migration"]
    assert (first.place, first.city) == ("10 Downing Street", "London")
    assert [p.name for p in second.participants] == ["Tony Blair", "José María Aznar"]
    assert second.issues == ["terrorism"]


@pytest.mark.parametrize(
    "sentence",
    [
        # a planned visit, and the last meeting months back with no year to date it
        "Indian Prime Minister Narendra Modi will travel to Washington next month. Modi and "
        "U.S. President Joe Biden last met on the sidelines of the G20 summit in Bali.",
        # a year alone dates a meeting long before the news
        "Prime Minister Narendra Modi and President Xi Jinping had agreed at their 2019 "
        "informal summit in Mamallapuram to keep the peace along the border.",
    ],
)
def test_meetings_recalled_in_passing_are_not_summits(sentence: str) -> None:
    doc = run(article(TITLE, "Published September 11, 2020", sentence))
    assert doc.summits == []


def test_a_later_year_does_not_date_the_meeting() -> None:
    doc = run(
        article(
            TITLE,
            "Published November 20, 2007",
            "Israeli Prime Minister Ehud Olmert and Egyptian President Hosni Mubarak have held a "
            "rare meeting in Sharm el-Sheikh.",
            "Olmert told reporters he hoped a peace deal could be reached in 2008.",
        )
    )
    [summit] = doc.summits
    assert summit.date == "2007-11-20"  # no day in the text: a meeting held is the day's news


GATHERING = (
    "BRUSSELS (Wire) - NATO leaders agreed on Thursday to raise their defence spending "
    "targets after two days of talks at the alliance's headquarters."
)


def test_a_gathering_reported_as_a_meeting_is_one_summit_of_its_named_members() -> None:
    """Members' leaders named in the article take part; a non-member reacting from home
    and a member's leader said to be absent do not."""
    doc = run(
        article(
            "NATO leaders agree to spend more",
            "Published July 12, 2018",
            GATHERING,
            "U.S. President Donald Trump pressed allies to pay more, and French President "
            "Emmanuel Macron said Europe would do its share.",
            "NATO Secretary General Jens Stoltenberg called the summit a success.",
            "Ukrainian President Petro Poroshenko welcomed the decision in Kyiv.",
            "Spanish Prime Minister Pedro Sanchez, in the absence of other Iberian leaders, "
            "spoke for the south.",
        )
    )
    [summit] = doc.summits
    assert [p.name for p in summit.participants] == [
        "Donald Trump",
        "Emmanuel Macron",
        "Jens Stoltenberg",
    ]
    assert (summit.date, summit.context) == ("2018-07-12", "NATO summit")
    assert "defense" in summit.issues


@pytest.mark.parametrize(
    "lead",
    [
        "NATO leaders will meet in Vilnius next month to discuss Ukraine's membership bid.",
        "U.S. President Joe Biden met French President Emmanuel Macron on the sidelines of the "
        "NATO summit in Vilnius on Tuesday.",
    ],
)
def test_a_planned_gathering_or_a_sideline_meeting_is_no_gathering_record(lead: str) -> None:
    doc = run(
        article(
            TITLE,
            "Published July 11, 2023",
            lead,
            "German Chancellor Olaf Scholz and British Prime Minister Rishi Sunak are also due "
            "to attend.",
        )
    )
    assert all(s.context is None or len(s.participants) == 2 for s in doc.summits)
    assert len(doc.summits) == (1 if "sidelines" in lead else 0)


def test_edition_pinned_by_the_leaders_terms_and_the_weekday() -> None:
    """No year, no city: Sunak in office leaves the G20 of Bali (Nov 2022, Tue-Wed) and of
    New Delhi (Sep 2023, Sat-Sun); "on Tuesday" leaves Bali, so the month is known, but the
    text names no place, so none is filled."""
    doc = run(
        article(
            "G20 talks: what you need to know",
            "Canadian Prime Minister Justin Trudeau raised concerns in his first talks with "
            "Chinese President Xi Jinping on Tuesday on the sidelines of the G20 summit.",
            "U.S. President Joe Biden held his first meeting with British Prime Minister Rishi "
            "Sunak at the summit.",
        )
    )
    assert [(s.date, s.context, s.city) for s in doc.summits] == [
        ("2022-11", "G20 summit", None),
        ("2022-11", "G20 summit", None),
    ]


def test_leaders_representing_their_side_join_the_summit() -> None:
    doc = run(
        article(
            TITLE,
            "Published April 9, 2019",
            "The EU-China summit took place on Tuesday in Brussels.",
            "President of the European Commission Jean-Claude Juncker and President of the "
            "European Council Donald Tusk represented the European Union at the summit.",
            "The People's Republic of China was represented by Premier Li Keqiang.",
        )
    )
    [summit] = doc.summits
    assert [p.name for p in summit.participants] == [
        "Jean-Claude Juncker",
        "Donald Tusk",
        "Li Keqiang",
    ]


def test_another_leaders_quote_about_something_else_is_not_the_meetings() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "U.S. President Joe Biden met Chinese President Xi Jinping in Bali on Monday for "
            "talks on trade.",
            'Separately, United Nations Secretary-General Antonio Guterres had a "very frank and '
            'open discussion on the grain deal with the Russian delegation," his office said.',
        )
    )
    [summit] = doc.summits
    assert summit.statements == []


def test_a_minister_meeting_a_leader_with_his_own_leaders_message_is_no_summit() -> None:
    """Blinken met Xi and conveyed Biden's hope; Xi and Blinken agreed to follow what Xi
    and Biden had agreed in Bali: no meeting between Xi and Biden is reported."""
    doc = run(
        article(
            "Blinken meets Xi in Beijing, conveys Biden's message",
            "Published June 19, 2023",
            "BEIJING - U.S. Secretary of State Antony Blinken met Chinese President Xi Jinping in "
            "Beijing on Monday and conveyed President Joe Biden's hope for stable relations.",
            "Xi told Blinken that the two sides had made progress and agreed to follow the "
            "consensus reached by Xi and Biden in Bali.",
        )
    )
    assert doc.summits == []


def test_a_summit_named_after_its_sides_and_a_planned_sideline_give_no_context() -> None:
    doc = run(
        article(
            TITLE,
            "Published April 9, 2019",
            "European Council President Donald Tusk hosted Chinese Premier Li Keqiang at the "
            "EU-China Summit in Brussels on Tuesday.",
            "Their next meeting is expected to be held on the sidelines of the G20 summit.",
        )
    )
    [summit] = doc.summits
    assert (summit.context, summit.city) == (None, "Brussels")


def test_a_ministers_meeting_length_is_not_the_leaders() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "U.S. President Joe Biden met British Prime Minister Rishi Sunak at the summit in "
            "Bali on Wednesday.",
            "U.S. Treasury Secretary Janet Yellen met for two hours with China's central bank "
            "governor at the summit, an official said.",
        )
    )
    [summit] = doc.summits
    assert summit.duration_minutes is None


def test_he_in_the_next_sentence_is_the_leader_who_opened_the_last() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 20, 2023",
            "Indian Prime Minister Narendra Modi met U.S. President Joe Biden at the White House "
            "on Monday to discuss defence cooperation.",
            "On Thursday he held talks with French President Emmanuel Macron in Paris on trade.",
            "Macron said he would visit India next year.",
        )
    )
    assert [([p.name for p in s.participants], s.date, s.city) for s in doc.summits] == [
        (["Narendra Modi", "Joe Biden"], "2023-05-15", "Washington"),
        (["Narendra Modi", "Emmanuel Macron"], "2023-05-18", "Paris"),
    ]
    [pronoun] = [m for m in doc.mentions if m.kind == "pronoun"]
    assert (pronoun.text, pronoun.name) == ("he", "Narendra Modi")


def test_a_meeting_named_by_its_leaders_surnames_gets_what_is_said_of_it() -> None:
    doc = run(
        article(
            TITLE,
            "Published April 12, 2015",
            "U.S. President Barack Obama met Cuban President Raul Castro in Panama City on "
            "Saturday.",
            "Obama also held brief talks with Venezuelan President Nicolas Maduro.",
            "The Obama-Castro meeting, which lasted more than an hour, was the climax of their "
            "efforts to restore diplomatic ties.",
        )
    )
    first, second = doc.summits
    assert [p.name for p in first.participants] == ["Barack Obama", "Raúl Castro"]
    assert (first.duration_minutes, second.duration_minutes) == (60, None)


@pytest.mark.parametrize(
    ("sentence", "format_"),
    [
        (
            "U.S. President Joe Biden spoke with Israeli Prime Minister Benjamin Netanyahu on "
            "Sunday about the hostages.",
            "phone",
        ),
        (
            "U.S. President Joe Biden spoke with Chinese President Xi Jinping on the sidelines "
            "of the G20 summit in Bali on Monday.",
            "in_person",
        ),
        (
            "U.S. President Joe Biden and Israeli Prime Minister Benjamin Netanyahu spoke on "
            "Tuesday about the hostages.",
            "phone",
        ),
        (
            "President Cyril Ramaphosa spoke to Russian President Vladimir Putin by telephone "
            "on Thursday about the war.",
            "phone",
        ),
        (
            "President Cyril Ramaphosa spoke to Kenyan President William Ruto on Thursday "
            "about the war.",
            "phone",
        ),
    ],
)
def test_leaders_who_only_spoke_had_a_call(sentence: str, format_: str) -> None:
    [summit] = run(article(TITLE, "Published May 20, 2023", sentence)).summits
    assert summit.format == format_


def test_a_leader_speaking_about_another_is_no_call() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 20, 2023",
            "U.S. President Joe Biden spoke on Tuesday about Israeli Prime Minister Benjamin "
            "Netanyahu and the war in Gaza.",
        )
    )
    assert doc.summits == []


def test_words_about_a_ministers_own_meeting_are_not_the_leaders() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "U.S. President Joe Biden met British Prime Minister Rishi Sunak in Bali on Wednesday.",
            "U.S. Treasury Secretary Janet Yellen met China's central bank governor at the "
            'summit, an official said, adding that the talks had "a frank, constructive and '
            'positive tone".',
        )
    )
    [summit] = doc.summits
    assert summit.statements == []


# Each decision of meeting assembly, triggered by one sentence written for it.

KISHIDA_MET_YOON = (
    "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Tokyo "
    "on Tuesday."
)


def _replay(*paragraphs: str) -> tuple[ArticleDoc, meetings._Assembly, list[meetings._Claim]]:
    """Assembly over a short article, sentence by sentence, keeping each claim as read."""
    doc = run(article(TITLE, PUBLISHED, *paragraphs))
    state = meetings._assembly(doc, load_rules())
    claims = []
    for position, index in enumerate(state.body):
        claims.append(meetings._read_claim(state, position, index))
        meetings._read_sentence(state, position, index)
    return doc, state, claims


@pytest.mark.parametrize(
    ("paragraphs", "decision", "verdict"),
    [
        (
            ["Seoul's new embassy opened under Japanese Prime Minister Fumio Kishida."],
            meetings._needs_two_leaders,
            meetings.Verdict(False, "fewer than two leaders named"),
        ),
        (
            [
                "Japanese Prime Minister Fumio Kishida will meet South Korean President Yoon "
                "Suk Yeol in Tokyo next week."
            ],
            meetings._planned_cue,
            meetings.Verdict(False, "the nearest meeting word is planned"),
        ),
        (
            [
                "Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol "
                "are old friends."
            ],
            meetings._unconfirmed_pair,
            meetings.Verdict(False, "no meeting word, and no next sentence says they met"),
        ),
        (
            [
                "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol "
                "in Tokyo on March 3, 2021."
            ],
            meetings._dated_elsewhere,
            meetings.Verdict(False, "dated outside the news window"),
        ),
        (
            [
                KISHIDA_MET_YOON,
                "Kishida and Yoon then toured a shipyard.",
                "The two leaders held a joint press conference there.",
            ],
            meetings._looks_back,
            meetings.Verdict(False, "no cue, and only leaders already met"),
        ),
        (
            [
                KISHIDA_MET_YOON,
                "The two leaders also met Indian Prime Minister Narendra Modi and Australian "
                "Prime Minister Anthony Albanese.",
            ],
            meetings._subject_is_last_meeting,
            meetings.Verdict(False, "its subject is the last meeting's participants"),
        ),
        (
            [KISHIDA_MET_YOON],
            meetings._held_cue,
            meetings.Verdict(True, "a held meeting word joins the leaders"),
        ),
        (
            [
                KISHIDA_MET_YOON,
                "Australian Prime Minister Anthony Albanese later joined the talks with Kishida.",
            ],
            meetings._joins_earlier_meeting,
            meetings.Verdict(False, "a leader joining an earlier meeting makes no new one"),
        ),
        (
            [
                "Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol "
                "stood side by side in Tokyo on Tuesday.",
                "The two leaders held talks for an hour.",
            ],
            meetings._next_sentence_confirms,
            meetings.Verdict(True, "a next sentence says the pair met"),
        ),
    ],
)
def test_claim_cascade_decision(
    paragraphs: list[str], decision: object, verdict: meetings.Verdict
) -> None:
    doc = run(article(TITLE, PUBLISHED, *paragraphs))
    state = meetings._assembly(doc, load_rules())
    # the sentence judged: the last, or the one a later sentence confirms or looks back at
    target = {meetings._looks_back: 1, meetings._next_sentence_confirms: 0}.get(
        decision, len(paragraphs) - 1
    )
    for position, index in enumerate(state.body[:target]):
        meetings._read_sentence(state, position, index)
    claim = meetings._read_claim(state, target, state.body[target])
    assert meetings.judge_claim(claim, state) == verdict
    assert decision(claim, state) == verdict  # type: ignore[operator]  # one of the cascade


def test_joint_cue_the_leaders_only_report_is_dropped() -> None:
    _, _, claims = _replay(
        "The ministers reaffirmed the pledge Japanese Prime Minister Fumio Kishida and South "
        "Korean President Yoon Suk Yeol made."
    )
    assert claims[0].notes == ["a joint cue the leaders only report is not their meeting"]
    assert claims[0].nearest is None


@pytest.mark.parametrize(
    ("follow_up", "reason"),
    [
        ("The Kishida-Yoon summit lasted two hours.", "a country pair names the meeting"),
        ("Kishida and Yoon then toured a shipyard.", "names a participant"),
        ("The two leaders agreed to meet again.", "refers back to the last meeting"),
        (
            "Indian Prime Minister Narendra Modi was also involved in the talks.",
            "a leader joined his side's meeting",
        ),
    ],
)
def test_sentence_joins_the_meeting_it_names(follow_up: str, reason: str) -> None:
    doc, _, _ = _replay(KISHIDA_MET_YOON, follow_up)
    assert len(doc.summits) == 1
    assert len(doc.summits[0].sentences) == len(["claim", follow_up])
    assert reason in doc.summits[0].decisions


def test_same_leaders_claimed_again_are_one_meeting() -> None:
    doc, _, _ = _replay(KISHIDA_MET_YOON, "Kishida met Yoon at the Akasaka Palace.")
    assert len(doc.summits) == 1
    assert "the same leaders claimed again" in doc.summits[0].decisions


def test_draft_of_one_leader_is_no_meeting() -> None:
    _doc, state, _ = _replay(KISHIDA_MET_YOON)
    draft = state.drafts[0]
    assert meetings._two_participants(draft, state) == meetings.Verdict(
        True, "two or more participants"
    )
    lone = meetings._Draft(dict(list(draft.participants.items())[:1]), [2], 2)
    assert meetings._two_participants(lone, state).keep is False


def test_meeting_named_only_by_a_noun_and_dated_long_ago_is_in_passing() -> None:
    doc, state, _ = _replay(
        "The summit between Japanese Prime Minister Fumio Kishida and South Korean President "
        "Yoon Suk Yeol on March 3, 2021 was cordial.",
    )
    assert doc.summits == []
    # the claim cascade already sets the sentence aside; the draft filter says why too
    claim = state.body[0]
    leaders = {m.name: m for m in doc.mentions if m.is_leader}
    draft = meetings._Draft(leaders, [claim], claim)
    assert meetings._held_not_passing(draft, state) == meetings.Verdict(
        False, "only nouns name it, dated outside the news window"
    )


def test_lead_reporting_a_gathering_makes_it_a_meeting() -> None:
    doc, _, _ = _replay(
        "G7 leaders promised Ukraine more help on Tuesday.",
        "Japanese Prime Minister Fumio Kishida and Canadian Prime Minister Justin Trudeau said "
        "the aid would flow fast.",
    )
    assert [s.decisions for s in doc.summits] == [
        ["the lead reports a gathering's leaders acting together"]
    ]
    assert doc.summits[0].context == "G7 summit"


def test_members_at_a_gathering_without_a_meeting_word_are_the_gathering() -> None:
    doc, state, _ = _replay(
        "G7 leaders promised Ukraine more help on Tuesday.",
        "Japanese Prime Minister Fumio Kishida and Canadian Prime Minister Justin Trudeau "
        "stood side by side in Hiroshima.",
        "The two leaders held talks for an hour.",
    )
    gathering = meetings._Draft(dict(state.drafts[0].participants), [2], 2)
    assert meetings._outside_gathering(state.drafts[0], gathering, state) == meetings.Verdict(
        False, "members at the gathering with no meeting word of their own"
    )
    assert [s.decisions for s in doc.summits] == [
        ["the lead reports a gathering's leaders acting together"]
    ]


def test_headline_alone_reports_the_meeting() -> None:
    doc = run(
        article(
            "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol",
            PUBLISHED,
            "Kishida: We share values and face common threats.",
        )
    )
    assert [s.decisions for s in doc.summits] == [["only the headline reports the meeting"]]


@pytest.mark.parametrize(
    "sentence",
    [
        # a bystander in a contrast clause
        "Chinese President Xi Jinping met Indian Prime Minister Narendra Modi in Delhi, unlike "
        "Russian President Vladimir Putin, who stayed home.",
        # a meeting reported as past background
        "Chinese President Xi Jinping met Indian Prime Minister Narendra Modi on Tuesday, days "
        "after Russian President Vladimir Putin met Modi in Moscow.",
        # a planned meeting in a clause of its own
        "Chinese President Xi Jinping held talks with Indian Prime Minister Narendra Modi on "
        "Tuesday, and he plans a meeting with Russian President Vladimir Putin in July.",
    ],
)
def test_leaders_of_a_clause_set_apart_do_not_take_part(sentence: str) -> None:
    doc = run(article(TITLE, PUBLISHED, sentence))
    assert [[p.name for p in s.participants] for s in doc.summits] == [
        ["Xi Jinping", "Narendra Modi"]
    ]
    assert "leaders of a clause set apart are not its participants" in doc.summits[0].decisions


@pytest.mark.parametrize(
    "sentence",
    [
        "Turkish President Recep Tayyip Erdogan called German Chancellor Olaf Scholz on "
        "Monday, then Italian Prime Minister Giorgia Meloni.",
        "Turkish President Recep Tayyip Erdogan spoke by phone with German Chancellor Olaf "
        "Scholz and later with Italian Prime Minister Giorgia Meloni.",
        "In separate phone calls, Turkish President Recep Tayyip Erdogan spoke to German "
        "Chancellor Olaf Scholz and Italian Prime Minister Giorgia Meloni.",
    ],
)
def test_calls_in_a_row_by_one_leader_are_one_call_each(sentence: str) -> None:
    doc = run(article(TITLE, PUBLISHED, sentence))
    assert [([p.name for p in s.participants], s.format) for s in doc.summits] == [
        (["Recep Tayyip Erdoğan", "Olaf Scholz"], "phone"),
        (["Recep Tayyip Erdoğan", "Giorgia Meloni"], "phone"),
    ]


def test_conference_call_of_three_leaders_is_one_call() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "German Chancellor Olaf Scholz held a conference call with French President "
            "Emmanuel Macron and Italian Prime Minister Giorgia Meloni on Monday.",
        )
    )
    assert [len(s.participants) for s in doc.summits] == [3]


V4_PUBLISHED = "Published November 25, 2022"


@pytest.mark.parametrize(
    "lead",
    [
        "The four leaders of the Visegrad Group met in Prague on Thursday.",
        "The Visegrad Group summit in Prague came to an end on Thursday.",
    ],
)
def test_gathering_of_a_small_body_is_one_meeting(lead: str) -> None:
    doc = run(
        article(
            TITLE,
            V4_PUBLISHED,
            lead,
            "Czech Prime Minister Petr Fiala hosted Hungarian Prime Minister Viktor Orban, Slovak "
            "Prime Minister Eduard Heger and Polish Prime Minister Mateusz Morawiecki.",
        )
    )
    assert [sorted(p.country or "" for p in s.participants) for s in doc.summits] == [
        ["CZ", "HU", "PL", "SK"]
    ]
    assert doc.summits[0].decisions == [
        "the lead reports a gathering's leaders acting together",
        "most of the gathering's members together are the gathering",
    ]


def test_gathering_named_as_a_time_is_not_reported() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Before the G7 summit began on Tuesday, Japanese Prime Minister Fumio Kishida met "
            "Canadian Prime Minister Justin Trudeau.",
        )
    )
    assert [[p.name for p in s.participants] for s in doc.summits] == [
        ["Fumio Kishida", "Justin Trudeau"]
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The visiting head of state also met with German Chancellor Olaf Scholz.",
        "Bilateral meetings with German Chancellor Olaf Scholz took place as well.",
    ],
)
def test_meeting_with_a_leader_whose_side_is_unnamed_is_the_story_leaders(
    sentence: str,
) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Brazilian President Luiz Inacio Lula da Silva arrived in Berlin on Tuesday.",
            "Lula was greeted at the airport.",
            sentence,
        )
    )
    assert [[p.name for p in s.participants] for s in doc.summits] == [
        ["Luiz Inácio Lula da Silva", "Olaf Scholz"]
    ]
    assert "the story's leader is the subject no name gives" in doc.summits[0].decisions


@pytest.mark.parametrize(
    "sentence",
    [
        "During his meeting with German Chancellor Olaf Scholz, Lula spoke of trade.",
        "Brazilian sources said after the meeting with German Chancellor Olaf Scholz that "
        "trade was discussed.",
    ],
)
def test_meeting_noun_inside_a_phrase_implies_no_subject(sentence: str) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Brazilian President Luiz Inacio Lula da Silva arrived in Berlin on Tuesday.",
            "French President Emmanuel Macron was greeted in Rome.",
            sentence,
        )
    )
    assert all(
        "the story's leader is the subject no name gives" not in s.decisions for s in doc.summits
    )


def test_leaders_of_one_country_meeting_is_no_summit() -> None:
    doc, state, _ = _replay(
        "Indian President Droupadi Murmu received Indian Prime Minister Narendra Modi in "
        "Delhi on Tuesday."
    )
    assert doc.summits == []
    assert meetings._two_sides(state.drafts[0], state) == meetings.Verdict(
        False, "every participant is of one country"
    )


def test_leader_thanking_a_counterpart_for_a_cordial_call_reports_a_call() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Canadian Prime Minister Justin Trudeau thanked Japanese Prime Minister Fumio Kishida "
            'for a "cordial" call on Tuesday.',
        )
    )
    assert [([p.name for p in s.participants], s.format) for s in doc.summits] == [
        (["Justin Trudeau", "Fumio Kishida"], "phone")
    ]


def test_host_of_a_background_event_is_not_a_participant() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Ukrainian President Volodymyr Zelensky met with leaders of the Nordic countries on "
            "Tuesday following a dinner hosted by Greek Prime Minister Kyriakos Mitsotakis.",
        )
    )
    assert doc.summits == []


def test_gathering_whose_leaders_already_meet_is_not_told_twice() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "G7 leaders promised Ukraine more help on Tuesday.",
            "Japanese Prime Minister Fumio Kishida held talks with Canadian Prime Minister "
            "Justin Trudeau in Hiroshima.",
        )
    )
    assert [s.decisions[0] for s in doc.summits] == ["a held meeting word joins the leaders"]


def test_bilateral_talks_after_a_larger_meeting_are_their_own() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "The meeting in Paris on Tuesday was attended by Ukrainian President Volodymyr "
            "Zelensky, French President Emmanuel Macron and German Chancellor Olaf Scholz.",
            "Before it, Zelensky held bilateral talks with Macron and Scholz.",
        )
    )
    assert [sorted(p.name for p in s.participants) for s in doc.summits] == [
        ["Emmanuel Macron", "Olaf Scholz", "Volodymyr Zelensky"],
        ["Emmanuel Macron", "Volodymyr Zelensky"],
        ["Olaf Scholz", "Volodymyr Zelensky"],
    ]


def test_headline_in_the_present_over_a_body_in_the_future_is_planned() -> None:
    doc = run(
        article(
            "Macron meets Modi in Delhi",
            PUBLISHED,
            "French President Emmanuel Macron will meet Indian Prime Minister Narendra Modi in "
            "Delhi on Friday, officials said.",
        )
    )
    assert doc.summits == []


def test_leaders_discussing_by_telephone_had_a_call() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "French President Emmanuel Macron and Indian Prime Minister Narendra Modi discussed "
            "by telephone the situation in the region on Tuesday.",
        )
    )
    assert [s.format for s in doc.summits] == ["phone"]


@pytest.mark.parametrize(
    ("named", "context"),
    [
        ("the Group of 20 (G20) summit", "G20 summit"),
        ("the European Political Community (EPC) summit", "European Political Community summit"),
    ],
)
def test_gathering_named_with_its_abbreviation(named: str, context: str) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            f"Japanese Prime Minister Fumio Kishida met Canadian Prime Minister Justin Trudeau on "
            f"the sidelines of {named} on Tuesday.",
        )
    )
    assert [s.context for s in doc.summits] == [context]


def test_opening_sentence_about_a_coming_gathering_gives_no_context() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Canadian Prime Minister Justin Trudeau will fly to Cairo on June 20 for the Arab "
            "summit.",
            "Japanese Prime Minister Fumio Kishida met Trudeau in Ottawa on Tuesday.",
        )
    )
    assert [s.context for s in doc.summits] == [None]


@pytest.mark.parametrize(
    "visit",
    [
        "stayed on for a state visit after attending the G20 summit in the capital",
        "flew in after chairing the Commonwealth Heads of Government Meeting in Kigali",
    ],
)
def test_a_gathering_attended_before_the_talks_is_a_time_not_their_context(visit: str) -> None:
    """ "After attending the summit" dates the talks; they were not held at it."""
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Indian Prime Minister Narendra Modi held talks with Kenyan President William Ruto "
            f"in New Delhi on Tuesday. Ruto {visit}.",
        )
    )
    assert [s.context for s in doc.summits] == [None]


def test_leader_joining_a_gathering_by_video_did_not_take_part() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "The BRICS leaders gathered in Johannesburg on Tuesday.",
            "Brazilian President Luiz Inacio Lula da Silva, Chinese President Xi Jinping, Indian "
            "Prime Minister Narendra Modi and South African President Cyril Ramaphosa attended, "
            "while Russian President Vladimir Putin joined by video.",
        )
    )
    assert [sorted(p.country or "" for p in s.participants) for s in doc.summits] == [
        ["BR", "CN", "IN", "ZA"]
    ]
    assert "a leader kept away from the gathering did not take part" in doc.summits[0].decisions


def test_member_states_meeting_is_the_gathering() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "BRICS member states met in Johannesburg on Tuesday.",
            "Chinese President Xi Jinping and Indian Prime Minister Narendra Modi were among "
            "those present.",
        )
    )
    assert [(len(s.participants), s.context) for s in doc.summits] == [(2, "BRICS summit")]


def test_pair_meeting_separately_after_a_trilateral_is_its_own() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Chinese President Xi Jinping, Indian Prime Minister Narendra Modi and South African "
            "President Cyril Ramaphosa held a trilateral meeting on Tuesday.",
            "Xi later met Modi separately.",
        )
    )
    assert [len(s.participants) for s in doc.summits] == [3, 2]


def test_readout_of_leaders_who_spoke_and_discussed_is_a_call() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "French President Emmanuel Macron spoke on Tuesday with Indian Prime Minister "
            "Narendra Modi.",
            "The leaders discussed trade and agreed to stay in touch.",
        )
    )
    assert [(len(s.participants), s.format) for s in doc.summits] == [(2, "phone")]


def test_bulleted_list_of_those_taking_part_adds_participants() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Kenyan President William Ruto and Ghanaian President Nana Akufo-Addo took part in "
            "the meeting on Tuesday as follows:",
            "• for ECOWAS, Nigerian President Bola Tinubu;",
            "• for SADC, Angolan President Joao Lourenco.",
        )
    )
    assert [sorted(p.country or "" for p in s.participants) for s in doc.summits] == [
        ["AO", "GH", "KE", "NG"]
    ]


def test_list_under_a_meetings_word_is_that_meeting() -> None:
    """A list of people under "Participants in the talks:" starts the meeting it lists."""
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "African leaders discussed debt relief and food prices at a video conference on "
            "Tuesday, officials said.",
            "Participants in the talks:",
            "- Kenyan President William Ruto",
            "- Ghanaian President Nana Akufo-Addo",
            "- Nigerian President Bola Tinubu",
        )
    )
    assert [sorted(p.country or "" for p in s.participants) for s in doc.summits] == [
        ["GH", "KE", "NG"]
    ]


def test_bulleted_news_items_are_not_one_list_of_participants() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "* Kenyan President William Ruto met Ghanaian President Nana Akufo-Addo on Tuesday.",
            "* Nigerian President Bola Tinubu spoke to reporters in Abuja.",
        )
    )
    assert [len(s.participants) for s in doc.summits] == [2]


def test_meeting_recalled_with_its_own_old_date_is_in_passing() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "French President Emmanuel Macron recalled on Tuesday his first meeting with Indian "
            "Prime Minister Narendra Modi in May 2017.",
        )
    )
    assert doc.summits == []


@pytest.mark.parametrize(
    "paragraphs",
    [
        [
            "French President Emmanuel Macron praised Indian Prime Minister Narendra Modi on "
            "Tuesday, a week after their summit in Paris ended without a deal.",
            "Macron said talks would continue.",
        ],
        [
            "Indian Prime Minister Narendra Modi has met French President Emmanuel Macron more "
            "than 20 times."
        ],
        [
            "Modi, who visited Paris in 2017 for talks with French President Emmanuel Macron, "
            "said on Tuesday India would buy more jets.",
            "Indian Prime Minister Narendra Modi spoke at a rally.",
        ],
    ],
)
def test_past_meetings_mentioned_in_passing_are_no_summit(paragraphs: list[str]) -> None:
    assert run(article(TITLE, PUBLISHED, *paragraphs)).summits == []


def test_leader_pressing_another_when_they_met_reports_the_meeting() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "French President Emmanuel Macron pressed Indian Prime Minister Narendra Modi on "
            "trade when they met in Paris on Tuesday.",
        )
    )
    assert [len(s.participants) for s in doc.summits] == [2]


def test_what_a_leader_said_at_a_meeting_does_not_make_it_planned() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "French President Emmanuel Macron told Indian Prime Minister Narendra Modi that "
            "bilateral cooperation will continue.",
            "During the meeting, Macron stated that trade would grow.",
        )
    )
    assert [len(s.participants) for s in doc.summits] == [2]


@pytest.mark.parametrize(
    "sentence",
    [
        "He also met German Chancellor Olaf Scholz.",
        "His meeting with German Chancellor Olaf Scholz focused on trade.",
    ],
)
def test_pronoun_no_name_resolved_is_the_story_leader(sentence: str) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Brazilian President Luiz Inacio Lula da Silva arrived in Berlin on Tuesday.",
            "Lula was greeted at the airport.",
            sentence,
        )
    )
    assert [[p.name for p in s.participants] for s in doc.summits] == [
        ["Luiz Inácio Lula da Silva", "Olaf Scholz"]
    ]


def test_conversations_with_two_leaders_are_two_calls() -> None:
    doc = run(
        article(
            TITLE,
            "Published April 9, 1999",
            "President Clinton spent the day on Kosovo. Tonight the President had conversations "
            "with "
            "German Chancellor Gerhard Schroeder and Italian Prime Minister Massimo D'Alema.",
        )
    )
    assert sorted(tuple(p[0] for p in s) for s in _participants(doc)) == [
        ("Bill Clinton", "Gerhard Schroeder"),
        ("Bill Clinton", "Massimo D'Alema"),
    ]
    assert {s.format for s in doc.summits} == {"phone"}


def test_a_telephone_conversation_with_three_leaders_is_one_call() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 20, 2019",
            "Russian President Vladimir Putin had a telephone conversation with German "
            "Chancellor Angela Merkel, French President Emmanuel Macron and Ukrainian President "
            "Volodymyr Zelensky on Monday.",
        )
    )
    assert [len(s) for s in _participants(doc)] == [4]


def test_a_gathering_named_as_an_attribute_gives_its_gathering_as_context() -> None:
    doc = run(
        article(
            TITLE,
            "Published October 2, 2015",
            "The leaders of the Normandy Format countries met in Paris on Friday, where French "
            "President Francois Hollande and Russian President Vladimir Putin held talks on "
            "eastern Ukraine.",
        )
    )
    assert {s.context for s in doc.summits} == {"Normandy Format summit"}


def test_a_call_takes_no_context_from_a_sideline_meeting_it_plans() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Indian Prime Minister Narendra Modi spoke with Australian Prime Minister Anthony "
            "Albanese over the phone on Tuesday.",
            "They agreed to hold talks on the sidelines of the G20 summit in September.",
        )
    )
    [summit] = doc.summits
    assert (summit.format, summit.context) == ("phone", None)


def test_a_leader_invited_to_join_a_call_joins_it() -> None:
    doc = run(
        article(
            TITLE,
            "Published February 4, 2022",
            "President Joe Biden spoke on Friday with Prime Minister Mustafa al-Kadhimi of Iraq "
            "to discuss regional security.",
            "The President took the opportunity of King Abdullah of Jordan's visit to the White "
            "House to invite him to join the call.",
        )
    )
    assert [sorted(p[0] for p in s) for s in _participants(doc)] == [
        ["Abdullah II", "Joe Biden", "Mustafa Al-Kadhimi"]
    ]
    assert "a leader joined his side's meeting" in doc.summits[0].decisions


def test_a_leader_present_at_the_meeting_joins_his_side() -> None:
    doc = run(
        article(
            TITLE,
            "Published November 4, 2024",
            "Chinese President Xi Jinping met Finnish President Alexander Stubb in Beijing on "
            "Monday.",
            "Chinese Premier Li Qiang and several ministers were also present at the meeting.",
        )
    )
    assert [sorted(p[0] for p in s) for s in _participants(doc)] == [
        ["Alexander Stubb", "Li Qiang", "Xi Jinping"]
    ]


def test_the_leader_who_convened_a_meeting_took_part_in_it() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 12, 2021",
            "Senegalese President Macky Sall convened a video teleconference of West African "
            "heads of state on Tuesday to review the security situation.",
            "The region's leaders were briefed by their defence chiefs.",
            "Ghanaian President Nana Akufo-Addo and Ivorian President Alassane Ouattara took "
            "part in the meeting.",
        )
    )
    [summit] = doc.summits
    assert sorted(p.name for p in summit.participants) == [
        "Alassane Ouattara",
        "Macky Sall",
        "Nana Akufo-Addo",
    ]
    assert summit.format == "video"
    assert "the leader who convened the meeting took part" in summit.decisions


def test_a_pair_named_in_the_lead_met_when_a_later_sentence_refers_to_the_meeting() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 16, 1994",
            "In a friendly exchange before the cameras, President Clinton told Mexican President "
            "Carlos Salinas on Sunday that trade between their countries was growing fast.",
            "Salinas thanked Clinton for his support of the trade pact.",
            "The peso has lost a tenth of its value this year.",
            "Banks in New York cut their forecasts for the economy.",
            "Migration was not raised during the meeting, an aide said.",
        )
    )
    [summit] = doc.summits
    assert sorted(p.name for p in summit.participants) == [
        "Bill Clinton",
        "Carlos Salinas de Gortari",
    ]
    assert summit.decisions[0] == meetings.PAIR_MET_LATER


def test_a_later_meeting_of_a_minister_makes_no_meeting_of_the_lead_pair() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 16, 1994",
            "President Clinton criticised Mexican President Carlos Salinas on Sunday over trade.",
            "The peso fell again on Monday.",
            "Banks in New York cut their forecasts.",
            "Secretary of State Warren Christopher raised migration during the talks in Mexico.",
        )
    )
    assert doc.summits == []


def test_leaders_given_as_examples_of_his_meetings_met_him_one_by_one() -> None:
    doc = run(
        article(
            TITLE,
            "Published January 3, 2023",
            "Brazilian President Luiz Inácio Lula da Silva received foreign delegations on Monday.",
            "Lula also met with other regional leaders, such as presidents Gabriel Boric (Chile) "
            "and Luis Arce (Bolivia).",
        )
    )
    assert sorted(tuple(sorted(p[0] for p in s)) for s in _participants(doc)) == [
        ("Gabriel Boric", "Luiz Inácio Lula da Silva"),
        ("Luis Arce", "Luiz Inácio Lula da Silva"),
    ]


def test_a_call_hours_after_the_reported_meeting_is_not_reported_held() -> None:
    doc = run(
        article(
            TITLE,
            "Published December 7, 2020",
            "German Chancellor Angela Merkel and French President Emmanuel Macron met on Monday, "
            "a few hours before a crucial phone call between British Prime Minister Boris "
            "Johnson and European Commission President Ursula von der Leyen.",
        )
    )
    assert [sorted(p[0] for p in s) for s in _participants(doc)] == [
        ["Angela Merkel", "Emmanuel Macron"]
    ]


@pytest.mark.parametrize("phrase", ["spoke on phone with", "talked over phone with"])
def test_a_call_said_without_the_article_is_a_phone_call(phrase: str) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            f"Indian Prime Minister Narendra Modi {phrase} Australian Prime Minister Anthony "
            "Albanese on Tuesday.",
        )
    )
    [summit] = doc.summits
    assert summit.format == "phone"


def test_a_courtesy_call_on_a_leader_is_a_meeting_in_person() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Kenyan President William Ruto paid a courtesy call on Tanzanian President Samia "
            "Suluhu Hassan at State House in Dar es Salaam on Tuesday.",
        )
    )
    [summit] = doc.summits
    assert summit.format == "in_person"
    assert [p.name for p in summit.participants] == ["William Ruto", "Samia Suluhu Hassan"]


def test_ministers_acting_at_their_leaders_direction_hold_no_summit() -> None:
    doc = run(
        article(
            TITLE,
            "Published June 9, 1990",
            "Earlier this week, at the direction of Bush and Soviet President Mikhail Gorbachev, "
            "Secretary of State James Baker and Foreign Minister Eduard Shevardnadze discussed "
            "the matter in Copenhagen.",
        )
    )
    assert doc.summits == []


def test_a_gathering_held_by_video_in_the_lead_is_a_video_meeting() -> None:
    doc = run(
        article(
            TITLE,
            "Published March 15, 2021",
            "The BRICS leaders held a video conference on Monday.",
            "Chinese President Xi Jinping, Russian President Vladimir Putin and Indian Prime "
            "Minister Narendra Modi took part.",
        )
    )
    [summit] = doc.summits
    assert (summit.format, len(summit.participants)) == ("video", 3)


@pytest.mark.parametrize(
    "phrase",
    ["90 minutes", "an hour-long", "two-hour", "1.5 hrs", "one hour and 40 minutes", "a day-long"],
)
def test_every_length_holds_a_unit_word(phrase: str) -> None:
    """Sentences without a unit word skip the length scan: none it matches is lost."""
    assert meetings.DURATION.search(phrase)
    assert any(unit in phrase for unit in meetings.DURATION_UNITS)


def test_a_meeting_the_news_comes_weeks_after_is_only_recalled() -> None:
    doc = run(
        article(
            TITLE,
            "Published October 2, 2016",
            "Kenyan President Uhuru Kenyatta received Ugandan President Yoweri Museveni at "
            "State House in Nairobi on Sunday.",
            "The visit comes weeks after Museveni held talks in Kigali with Rwandan President "
            "Paul Kagame on a railway project.",
        )
    )
    [summit] = doc.summits
    assert {p.name for p in summit.participants} == {"Uhuru Kenyatta", "Yoweri Museveni"}


def test_a_pair_with_no_meeting_word_whose_verb_is_to_come_did_not_meet() -> None:
    doc = run(
        article(
            TITLE,
            "Published April 3, 2019",
            "Prime Minister Shinzo Abe and President Donald Trump are expected to discuss "
            "trade when Abe visits Washington.",
            "The two leaders last met in Buenos Aires at the G20 summit.",
        )
    )
    assert doc.summits == []


def test_a_leader_arranging_to_visit_for_talks_holds_none_yet() -> None:
    doc = run(
        article(
            TITLE,
            "Published March 1, 2008",
            "Chancellor Angela Merkel is arranging to visit Moscow as early as May for talks "
            "with President Vladimir Putin, officials said on Saturday.",
        )
    )
    assert doc.summits == []


def test_the_president_opening_a_round_up_line_is_the_story_leader() -> None:
    doc = run(
        article(
            TITLE,
            "Published June 15, 2018",
            "President Emmanuel Macron held a series of phone calls with world leaders on Friday.",
            "Macron first spoke with German Chancellor Angela Merkel.",
            "The president also spoke with Italian Prime Minister Giuseppe Conte.",
        )
    )
    assert [sorted(p.name for p in s.participants) for s in doc.summits] == [
        ["Angela Merkel", "Emmanuel Macron"],
        ["Emmanuel Macron", "Giuseppe Conte"],
    ]


def test_his_call_with_a_leader_is_a_phone_call() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 2, 2022",
            "In his call with Spanish Prime Minister Pedro Sanchez on Monday, Portuguese Prime "
            "Minister Antonio Costa discussed energy links.",
        )
    )
    [summit] = doc.summits
    assert summit.format == "phone"


def test_a_plan_agreed_after_meeting_keeps_the_meeting_held() -> None:
    doc = run(
        article(
            TITLE,
            "Published November 9, 2009",
            "Spanish Prime Minister Jose Luis Rodriguez Zapatero and Portuguese Prime Minister "
            "Jose Socrates agreed to hold yearly summits, after meeting in Lisbon on Monday.",
        )
    )
    [summit] = doc.summits
    assert summit.city == "Lisbon"


def test_a_countrys_presidency_of_a_body_is_not_the_meetings_gathering() -> None:
    doc = run(
        article(
            TITLE,
            "Published September 9, 2022",
            "Indonesian President Joko Widodo met Chinese President Xi Jinping on the sidelines "
            "of the Shanghai Cooperation Organisation summit in Samarkand on Friday.",
            "Widodo held a bilateral meeting with Turkish President Recep Tayyip Erdogan on "
            "Friday and discussed Indonesia's G20 presidency.",
        )
    )
    assert all(s.context != "G20 summit" for s in doc.summits)


def test_talks_that_lasted_a_while_after_an_aside_take_that_duration() -> None:
    doc = run(
        article(
            TITLE,
            "Published October 14, 2005",
            "President Jacques Chirac received Chancellor Gerhard Schroeder at the Elysee Palace "
            "in Paris on Friday.",
            "The talks, held over lunch with their foreign ministers, lasted about two hours.",
        )
    )
    [summit] = doc.summits
    assert summit.duration_minutes == 120


def test_a_pair_holding_a_bilateral_meeting_after_a_larger_one_meets_on_its_own() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Indian Prime Minister Narendra Modi, Japanese Prime Minister Fumio Kishida and "
            "Australian Prime Minister Anthony Albanese held a trilateral summit in Hiroshima on "
            "Tuesday. After the summit, Modi and Albanese held their first bilateral meeting.",
        )
    )
    assert sorted(len(s.participants) for s in doc.summits) == [2, 3]


def test_a_date_in_a_who_clause_dates_the_person_not_the_meeting() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Australian Prime Minister Anthony Albanese, who was sworn in on Monday, held talks "
            "with Japanese Prime Minister Fumio Kishida in Tokyo.",
        )
    )
    assert [s.date for s in doc.summits] == ["2023-06-15"]


def test_a_leader_in_a_contrast_clause_is_no_partner_of_a_pair_met_later() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Unlike Brazilian President Luiz Inacio Lula da Silva, Colombian President Gustavo "
            "Petro has refused to join the bloc. The two leaders met in Bogota on Monday.",
        )
    )
    assert doc.summits == []


def test_three_leaders_counted_by_the_next_sentence_met() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Chancellor Olaf Scholz, President Emmanuel Macron and Prime Minister Giorgia Meloni "
            "signed a joint letter in Rome on Tuesday. The three leaders met for an hour first.",
        )
    )
    assert [len(s.participants) for s in doc.summits] == [3]
    assert meetings.COUNTED_AHEAD in doc.summits[0].decisions


def test_talks_between_a_pair_after_a_three_way_meeting_are_their_own() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Chancellor Olaf Scholz, President Emmanuel Macron and Prime Minister Giorgia Meloni "
            "held a summit in Rome on Tuesday. The summit followed talks between Scholz and "
            "Macron over dinner on Monday.",
        )
    )
    assert sorted(len(s.participants) for s in doc.summits) == [2, 3]


def test_the_place_of_the_first_such_meeting_is_not_this_ones() -> None:
    doc = run(
        article(
            TITLE,
            "OSAKA, June 15, 2023",
            "Japanese Prime Minister Fumio Kishida held talks with South Korean President Yoon "
            "Suk Yeol on Thursday, their second meeting after the first one in Seoul in May.",
        )
    )
    assert [s.city for s in doc.summits] != ["Seoul"]


def test_a_later_sentence_with_a_planned_meeting_word_does_not_place_the_meeting() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "ADDIS ABABA - Kenyan President William Ruto held talks with Ethiopian Prime Minister "
            "Abiy Ahmed on Tuesday. The two leaders discussed the road corridor. The President "
            "is expected to return to Nairobi after the close of the summit.",
        )
    )
    assert [s.city for s in doc.summits] == ["Addis Ababa"]


def test_a_meeting_straight_after_another_keeps_its_day() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Indian Prime Minister Narendra Modi held talks with Japanese Prime Minister Fumio "
            "Kishida in Hiroshima on Saturday, a day after he arrived on Friday. Immediately "
            "afterwards, Modi held a meeting with Australian Prime Minister Anthony Albanese.",
        )
    )
    assert [s.date for s in doc.summits] == ["2023-06-10", "2023-06-10"]


def test_leaders_agreeing_to_hold_summits_at_their_own_summit_met() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Chancellor Olaf Scholz, President Emmanuel Macron and Prime Minister Giorgia Meloni "
            "on Tuesday agreed to hold summits every year, at their first three-way summit in "
            "Rome.",
        )
    )
    assert [len(s.participants) for s in doc.summits] == [3]


def test_a_held_meeting_word_after_their_is_the_occasion_of_a_plan() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Chancellor Olaf Scholz and President Emmanuel Macron on Tuesday agreed to meet "
            "every spring, at their first summit in Paris.",
        )
    )
    assert [len(s.participants) for s in doc.summits] == [2]
    assert meetings.AT_OWN_REASON in doc.summits[0].decisions


def test_the_three_leaders_are_the_last_meeting_of_three() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Chancellor Olaf Scholz, President Emmanuel Macron and Prime Minister Giorgia Meloni "
            "held a summit in Rome on Tuesday. Before it, Scholz and Macron held a bilateral "
            "meeting. The three leaders also agreed to boost investment in clean energy.",
        )
    )
    three = [s for s in doc.summits if len(s.participants) == 3]
    assert [meetings.COUNTED_REFERENCE in s.decisions for s in three] == [True]


def test_leaders_each_brought_in_by_with_did_not_meet_each_other() -> None:
    doc = run(
        article(
            "Calls with two presidents",
            PUBLISHED,
            "The head of state spoke on Thursday with the President of the Russian Federation, "
            "Vladimir Putin, and then with the President of Ukraine, Volodymyr Zelensky. The "
            "two presidents agreed to speak again soon.",
        )
    )
    names = {p.name for s in doc.summits for p in s.participants}
    assert not {"Vladimir Putin", "Volodymyr Zelensky"} <= names


def test_calling_on_a_leader_is_a_visit_and_an_ahead_of_clause_is_set_apart() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Japanese Prime Minister Fumio Kishida arrived in Jakarta on Tuesday ahead of his "
            "summit with Chinese Premier Li Qiang, and called on Indonesian President Joko "
            "Widodo at the Merdeka Palace.",
        )
    )
    assert [sorted(p.name for p in s.participants) for s in doc.summits] == [
        ["Fumio Kishida", "Joko Widodo"]
    ]


def test_calling_on_leaders_to_act_is_no_meeting() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Ukrainian President Volodymyr Zelensky called on Chinese President Xi Jinping and "
            "Indian Prime Minister Narendra Modi to back his peace plan.",
        )
    )
    assert doc.summits == []


def test_the_same_pair_meeting_on_another_day_is_another_meeting() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Japanese Prime Minister Fumio Kishida visited South Korean President Yoon Suk Yeol "
            "at his home in Busan on Wednesday. Kishida, who held formal talks with Yoon at the "
            "presidential office in Seoul on Tuesday, flew home in the evening.",
        )
    )
    assert sorted((s.date, s.city) for s in doc.summits) == [
        ("2023-06-13", "Seoul"),
        ("2023-06-14", "Busan"),
    ]
    assert any(meetings.ANOTHER_DAY in s.decisions for s in doc.summits)


def test_a_leader_named_in_a_who_clause_is_not_met_by_the_main_verb() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Chancellor Olaf Scholz and President Emmanuel Macron, who had backed Prime Minister "
            "Giorgia Meloni's plan, met for breakfast in Brussels on Thursday.",
        )
    )
    assert [sorted(p.name for p in s.participants) for s in doc.summits] == [
        ["Emmanuel Macron", "Olaf Scholz"]
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Unlike Chinese President Xi Jinping, Indian Prime Minister Narendra Modi met Japanese "
        "Prime Minister Fumio Kishida in New Delhi on Monday.",
        "Japanese Prime Minister Fumio Kishida met Indian Prime Minister Narendra Modi in New "
        "Delhi on Monday, but not Chinese President Xi Jinping, who skipped the summit.",
        "Japanese Prime Minister Fumio Kishida met Indian Prime Minister Narendra Modi in New "
        "Delhi on Monday instead of Chinese President Xi Jinping.",
    ],
)
def test_a_leader_set_apart_by_a_contrasting_preposition_is_no_participant(paragraph: str) -> None:
    doc = run(article(TITLE, PUBLISHED, paragraph))
    assert [sorted(p.name for p in s.participants) for s in doc.summits] == [
        ["Fumio Kishida", "Narendra Modi"]
    ]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "Japanese Prime Minister Fumio Kishida and Indian Prime Minister Narendra Modi "
            "discussed Russian President Vladimir Putin's war in Ukraine at their meeting in New "
            "Delhi on Monday.",
            [["Fumio Kishida", "Narendra Modi"]],
        ),
        (
            "Chinese President Xi Jinping's special envoy met Indian Prime Minister Narendra "
            "Modi in New Delhi on Monday.",
            [],
        ),
        (
            "Japanese Prime Minister Fumio Kishida's talks with Indian Prime Minister Narendra "
            "Modi in New Delhi on Monday focused on trade.",
            [["Fumio Kishida", "Narendra Modi"]],
        ),
        (
            "Japanese Prime Minister Fumio Kishida visited Indian Prime Minister Narendra Modi's "
            "official residence in New Delhi on Monday.",
            [["Fumio Kishida", "Narendra Modi"]],
        ),
    ],
)
def test_a_leader_named_only_as_an_owner_is_no_participant(
    paragraph: str, expected: list[list[str]]
) -> None:
    doc = run(article(TITLE, PUBLISHED, paragraph))
    assert [sorted(p.name for p in s.participants) for s in doc.summits] == expected


def test_a_date_in_a_since_phrase_does_not_put_the_meeting_out_of_the_news_window() -> None:
    doc = run(
        article(
            TITLE,
            "Published July 19, 2023",
            "Indian Prime Minister Narendra Modi held talks with Chinese President Xi Jinping in "
            "Johannesburg, his first meeting with a G20 leader since China's lockdown of "
            "Shanghai in April.",
        )
    )
    assert len(doc.summits) == 1


def test_welcoming_cooperation_on_a_call_is_no_meeting_in_person() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Prime Minister Rishi Sunak spoke to President Emmanuel Macron of France this "
            "morning. Speaking to President Macron, the Prime Minister welcomed the close "
            "cooperation between the two countries on migration.",
        )
    )
    assert [s.format for s in doc.summits] == ["phone"]


def test_a_leader_named_may_is_no_modal_that_makes_the_meeting_planned() -> None:
    doc = run(
        article(
            "May meets Rutte in The Hague",
            "Published December 11, 2018",
            "British Prime Minister Theresa May began a tour of European capitals on Tuesday, "
            "meeting Dutch Prime Minister Mark Rutte for breakfast in The Hague.",
            "In Berlin, German Chancellor Angela Merkel and May talked for about an hour at the "
            "chancellery.",
        )
    )
    assert [sorted(p.name for p in s.participants) for s in doc.summits] == [
        ["Mark Rutte", "Theresa May"],
        ["Angela Merkel", "Theresa May"],
    ]


def test_a_gathering_a_caller_looks_forward_to_is_no_part_of_the_call() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Today, Prime Minister Justin Trudeau spoke with the Prime Minister of Italy, "
            "Giorgia Meloni. The leaders agreed to stay in close contact, and Prime Minister "
            "Trudeau said he looked forward to travelling to Italy for the G7 Summit in June.",
        )
    )
    assert [(s.format, s.city) for s in doc.summits] == [("phone", None)]


def test_a_lead_pair_the_third_sentence_calls_the_two_leaders_met() -> None:
    doc = run(
        article(
            "Leaders sign arms treaty",
            "July 31, 1991",
            "MOSCOW (AP) _ President George Bush and Soviet President Mikhail Gorbachev signed "
            "a treaty Wednesday to cut their nuclear arsenals.",
            "The treaty requires both sides to cut warheads by about 30 percent.",
            "Officials called the cuts the deepest of the nuclear age so far.",
            "Before the ceremony, the two leaders met for two hours in the Kremlin, discussing a "
            "peace conference they hope to sponsor in October.",
        )
    )
    assert [sorted(p.name for p in s.participants) for s in doc.summits] == [
        ["George H. W. Bush", "Mikhail Gorbachev"]
    ]
    assert meetings.PAIR_CALLED_LATER in doc.summits[0].decisions


def test_a_planned_visit_to_another_capital_does_not_place_the_meeting() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "President Shavkat Mirziyoyev of Uzbekistan held talks with President Serdar "
            "Berdimuhamedov of Turkmenistan in Tashkent on Tuesday.",
            "Berdimuhamedov thanked his host and invited him to pay a visit to Ashgabat next year.",
        )
    )
    assert [s.city for s in doc.summits] == ["Tashkent"]


def test_they_after_a_counted_meeting_is_that_meeting_not_the_last_one_named() -> None:
    doc = run(
        article(
            TITLE,
            "Published June 28, 2021",
            "Egyptian President Abdel Fattah al-Sisi, Jordan's King Abdullah II and Iraqi Prime "
            "Minister Mustafa al-Kadhimi held a summit in Baghdad on Sunday.",
            "Before it, Sisi and Kadhimi held a bilateral meeting on investment.",
            "The three leaders then met at the Government Palace.",
            "They discussed linking their electricity grids and fighting terrorism.",
        )
    )
    by_size = {len(s.participants): s for s in doc.summits}
    assert sorted(by_size) == [2, 3]
    assert meetings.PREVIOUS_SENTENCE_MEETING in by_size[3].decisions
    assert "terrorism" in by_size[3].issues and "terrorism" not in by_size[2].issues


def test_each_meeting_of_a_round_up_sentence_takes_the_place_nearest_its_guest() -> None:
    doc = run(
        article(
            "May tours European capitals",
            "Published December 11, 2018",
            "British Prime Minister Theresa May toured European capitals on Tuesday, meeting "
            "Dutch Prime Minister Mark Rutte for breakfast in The Hague before flying to Berlin "
            "for talks with German Chancellor Angela Merkel.",
        )
    )
    assert [s.city for s in doc.summits] == ["The Hague", "Berlin"]


def test_a_meeting_named_by_a_noun_takes_the_day_a_later_sentence_has_them_meet() -> None:
    doc = run(
        article(
            "Clinton and Yeltsin sign accord",
            "Published January 14, 1994",
            "An accord on nuclear arms was signed in Moscow on Friday.",
            "The signing capped two days of talks between President Bill Clinton and Russian "
            "President Boris Yeltsin.",
            "The two leaders met on Thursday at the Kremlin for about three hours.",
        )
    )
    assert [s.date for s in doc.summits] == ["1994-01-13"]


def test_words_to_a_gatherings_plenary_are_no_statement_of_a_sideline_meeting() -> None:
    doc = run(
        article(
            TITLE,
            "Published October 5, 2023",
            "Armenian Prime Minister Nikol Pashinyan met Dutch Prime Minister Mark Rutte in "
            "Granada on Thursday on the sidelines of the European Political Community summit.",
            'Speaking at the plenary session of the summit, Pashinyan said: "Armenia is ready '
            'to sign a peace treaty with Azerbaijan by the end of this year."',
        )
    )
    assert [len(s.statements) for s in doc.summits] == [0]


def test_a_meeting_held_before_the_days_session_keeps_the_sessions_day() -> None:
    doc = run(
        article(
            TITLE,
            "Published June 28, 2021",
            "Iraqi Prime Minister Mustafa al-Kadhimi hosted Egyptian President Abdel Fattah "
            "al-Sisi and Jordan's King Abdullah II in Baghdad on Sunday for a tripartite summit.",
            "Sisi had arrived in the Iraqi capital on Saturday evening.",
            "Before the tripartite session, Sisi and Kadhimi held a bilateral meeting on "
            "investment.",
        )
    )
    assert sorted((len(s.participants), s.date) for s in doc.summits) == [
        (2, "2021-06-27"),
        (3, "2021-06-27"),
    ]


# Dates enough that a sentence's are found by bisection, not read from a short list whole.
HARBOUR = [
    f"The harbour board counted {i} ships on the day of the storm, on May {1 + i % 28}, 2001."
    for i in range(60)
]


def _among_harbour_dates(
    sentence: str, published: str = "March 9, 2019"
) -> tuple[ArticleDoc, Span]:
    """An article whose one sentence of news sits between sixty dated ones, and that
    sentence."""
    doc = run(
        article("Leaders meet", f"Published {published}", *HARBOUR[:30], sentence, *HARBOUR[30:])
    )
    [span] = [s for s in doc.sentences if s.text.startswith(sentence[:30])]
    return doc, span


@pytest.mark.parametrize(
    "sentence",
    [
        "Japanese Prime Minister Shinzo Abe met South Korean President Moon Jae-in in Seoul on "
        "Thursday to discuss trade.",
        "Japanese Prime Minister Shinzo Abe on Thursday met South Korean President Moon Jae-in "
        "in Seoul to discuss trade.",
    ],
)
def test_a_cue_takes_its_own_sentences_date_among_many_dates(sentence: str) -> None:
    doc, span = _among_harbour_dates(sentence)
    [cue] = [c for c in meetings._cues(span, load_rules()) if c.held and c.kind == "verb"]
    taken = meetings._date_taken(doc, span, cue)
    assert taken is not None
    assert (taken.text, taken.value) == ("on Thursday", "2019-03-07")


def test_the_one_day_a_sentence_names_is_read_among_many_dates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The dated sentences around it name other days: were they read as its own, it would
    name none."""
    named: list[str | None] = []
    own = meetings._sentence_day

    def spy(claim: Any, state: Any) -> str | None:
        named.append(own(claim, state))
        return named[-1]

    monkeypatch.setattr(meetings, "_sentence_day", spy)
    _among_harbour_dates(
        "On March 7, 2019, Japanese Prime Minister Shinzo Abe, after a long flight, met South "
        "Korean President Moon Jae-in in Seoul."
    )
    assert named == ["2019-03-07"]


def test_a_sentence_dated_after_publication_is_told_among_many_dates() -> None:
    doc, span = _among_harbour_dates(
        "Indian Prime Minister Narendra Modi confirmed his trip on September 23 for the G20 "
        "summit.",
        published="September 10, 2023",
    )
    assert gatherings._dated_ahead(doc, span)
    others = [s for s in doc.sentences if s.start >= doc.body_start and s is not span]
    assert not any(gatherings._dated_ahead(doc, s) for s in others)


def test_a_call_and_a_visit_on_other_dated_days_are_two_meetings() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Canadian Prime Minister Justin Trudeau held talks with Mexican President Andres "
            "Manuel Lopez Obrador in Mexico City on Tuesday. The two men had first discussed "
            "the trip when they spoke by telephone on May 2.",
        )
    )
    assert sorted((s.date, s.format, s.city) for s in doc.summits) == [
        ("2023-05-02", "phone", None),
        ("2023-06-13", "in_person", "Mexico City"),
    ]
    assert any(meetings.OTHER_MEDIUM in s.decisions for s in doc.summits)


def test_a_visit_keeps_its_medium_when_the_pairs_call_is_its_own_record() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Italian Prime Minister Giorgia Meloni met Tunisian President Kais Saied in Tunis "
            "on Tuesday. The trip had been prepared in a phone call between the two leaders. "
            "Meloni had urged Saied to accept the loan during a telephone conversation on May 30.",
        )
    )
    visit = next(s for s in doc.summits if s.date == "2023-06-13")
    assert (visit.format, visit.city) == ("in_person", "Tunis")
    assert meetings.CALL_ELSEWHERE in visit.decisions


def test_a_call_after_a_request_it_was_the_occasion_of_is_held() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Brazilian President Luiz Inacio Lula da Silva invited Argentine President Alberto "
            "Fernandez to attend the climate conference during a telephone conversation on "
            "Wednesday.",
        )
    )
    assert [(s.format, s.date) for s in doc.summits] == [("phone", "2023-06-14")]


@pytest.mark.parametrize(
    "sentence",
    [
        "No bilateral meeting between Modi and Pakistani Prime Minister Shehbaz Sharif took "
        "place at the summit.",
        "A meeting between Modi and Pakistani Prime Minister Shehbaz Sharif is scheduled on "
        "the sidelines.",
    ],
)
def test_a_negated_or_scheduled_meeting_noun_makes_no_summit(sentence: str) -> None:
    doc = run(
        article(TITLE, PUBLISHED, "Indian Prime Minister Narendra Modi arrived in Goa. " + sentence)
    )
    assert doc.summits == []


def test_a_planned_day_after_publication_does_not_spread_the_story_over_days() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Indian Prime Minister Narendra Modi held talks with Brazilian President Luiz Inacio "
            "Lula da Silva in Johannesburg on Thursday.",
            "Modi also met Ethiopian Prime Minister Abiy Ahmed.",
            "Modi will travel to Athens on Saturday.",
        )
    )
    assert [s.date for s in doc.summits] == ["2023-06-15", "2023-06-15"]


@pytest.mark.parametrize(
    ("sentence", "minutes"),
    [
        ("The two leaders talked for about an hour at the chancellery.", 60),
        ("The two leaders spent about two hours together, an aide said.", 120),
    ],
)
def test_leaders_talking_or_together_for_a_time_give_the_length(
    sentence: str, minutes: int
) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            f"German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on "
            f"Tuesday. {sentence}",
        )
    )
    assert [s.duration_minutes for s in doc.summits] == [minutes]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.gov.uk/government/news/pm-call-with-chancellor-scholz", "2023-06-15"),
        ("https://www.examplewire.com/news/pm-call-with-chancellor-scholz", "2023-06"),
    ],
)
def test_a_governments_own_undated_call_readout_is_dated_its_day(url: str, expected: str) -> None:
    doc = run(
        article(
            "PM call with Chancellor Scholz",
            PUBLISHED,
            "British Prime Minister Rishi Sunak spoke to German Chancellor Olaf Scholz by "
            "telephone. The leaders discussed support for Ukraine.",
        ),
        url=url,
    )
    assert [(s.format, s.date) for s in doc.summits] == [("phone", expected)]


def test_a_day_in_an_as_clause_dates_another_event_than_the_meeting() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "British Prime Minister Rishi Sunak met German Chancellor Olaf Scholz in Berlin.",
            "The two leaders discussed the Council agenda, as Sweden handed over the rotating "
            "presidency on Monday.",
        )
    )
    assert [s.date for s in doc.summits] == ["2023-06-15"]


def test_a_later_sentences_month_does_not_date_an_undated_meeting_of_a_dated_page() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Japanese Prime Minister Fumio Kishida held talks with Australian Prime Minister "
            "Anthony Albanese in Tokyo.",
            "Albanese said the two leaders discussed the submarine deal Australia signed "
            "last month.",
        )
    )
    assert [s.date for s in doc.summits] == ["2023-06-15"]


@pytest.mark.parametrize(
    ("sentence", "held"),
    [
        ("No formal talks were held between the two presidents.", False),
        ("There was no shortage of talks between the two presidents.", True),
    ],
)
def test_no_before_a_meeting_noun_denies_it_but_no_shortage_of_does_not(
    sentence: str, held: bool
) -> None:
    cues = meetings._find_cues(sentence, load_rules())
    assert [c.held for c in cues if c.kind == "noun"][:1] == [held]


def test_a_call_only_mentioned_beside_a_visit_is_no_record_of_its_own() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Canadian Prime Minister Justin Trudeau held talks with Mexican President Andres "
            "Manuel Lopez Obrador in Mexico City on Tuesday. The two men had spoken by "
            "telephone on May 2.",
        )
    )
    assert [(s.date, s.format, s.city) for s in doc.summits] == [
        ("2023-06-13", "in_person", "Mexico City")
    ]


@pytest.mark.parametrize(
    ("sentence", "minutes"),
    [
        (
            "Chancellor Helmut Kohl and Prime Minister Margaret Thatcher of Britain conferred for "
            "two hours on Tuesday in Bonn.",
            120,
        ),
        (
            "German Chancellor Helmut Kohl received British Prime Minister Margaret Thatcher in "
            "Bonn on Tuesday, and she then rested for two hours.",
            None,
        ),
    ],
)
def test_a_meeting_verb_right_before_a_length_lasted_it(sentence: str, minutes: int | None) -> None:
    doc = run(article(TITLE, "Published March 3, 1988", sentence))
    assert [s.duration_minutes for s in doc.summits] == [minutes]


def test_a_gathering_with_named_leaders_is_a_meeting_with_them() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "In a gathering with Latvian President Egils Levits on Tuesday, Lithuanian "
            "President Gitanas Nauseda said the two countries would buy air defence together.",
        )
    )
    assert _participants(doc) == [
        [("Egils Levits", "LV", "President"), ("Gitanas Nausėda", "LT", "President")]
    ]


def test_a_plan_of_something_else_does_not_make_a_fringe_meeting_planned() -> None:
    # "planned" qualifies the reforms, not the meeting the sentence reports
    doc = run(
        article(
            "Chretien, Ecevit talk fish and trade in Istanbul",
            "Published November 19, 1999",
            "Canadian Prime Minister Jean Chretien defended Ottawa's planned fisheries reforms in "
            "a 40-minute meeting with Turkish Prime Minister Bulent Ecevit on the fringes of the "
            "OSCE summit in Istanbul on Thursday.",
        )
    )
    [summit] = doc.summits
    assert (summit.date, summit.city, summit.duration_minutes, summit.context) == (
        "1999-11-18",
        "Istanbul",
        40,
        "OSCE summit",
    )


def test_the_two_leaders_after_a_told_meeting_do_not_confirm_a_pair_without_a_cue() -> None:
    # the pair of the meeting being told is "the two leaders", not Albanese and Xi
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "Japanese Prime Minister Fumio Kishida met Australian Prime Minister Anthony "
            "Albanese in Canberra on Tuesday for talks on regional security.",
            "Kishida told Albanese that Japan would stand by its partners in the region.",
            "An Australian official said Albanese repeated that tariffs would not bring the "
            "government of Chinese President Xi Jinping back to the table.",
            "The two leaders also discussed critical minerals and trade.",
        )
    )
    assert _participants(doc) == [
        [("Fumio Kishida", "JP", "Prime Minister"), ("Anthony Albanese", "AU", "Prime Minister")]
    ]


def test_a_sideline_meeting_no_text_dates_has_its_month() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "On the sidelines of the Summit of the Americas, Canadian Prime Minister Justin "
            "Trudeau held talks with Chilean President Gabriel Boric on trade and clean energy.",
        )
    )
    [summit] = doc.summits
    assert (summit.date, meetings.UNDATED_SIDE_MEETING in summit.decisions) == ("2023-06", True)
