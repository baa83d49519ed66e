"""Regressions found on real news, reproduced on articles written for these tests."""

import datetime as dt

import pytest

from app.nlp.clean import date_from_url
from tests.nlp.conftest import article, run

TITLE = "Leaders hold talks"


def _pairs(text: str, url: str | None = None) -> list[list[str]]:
    return [sorted(p.name for p in s.participants) for s in run(text, url).summits]


def test_future_sentence_makes_its_meeting_planned() -> None:
    text = article(
        TITLE,
        "Published November 10, 2019",
        "Japanese Prime Minister Shinzo Abe is expected to visit China next month.",
        "After the meeting with Chinese President Xi Jinping on Dec 23, Abe is to visit "
        "Chengdu for a trilateral summit.",
    )
    assert _pairs(text) == []


def test_meeting_dated_long_before_publication_is_mentioned_in_passing() -> None:
    text = article(
        TITLE,
        "Published March 18, 2024",
        "US President Joe Biden walked with Philippine President Ferdinand Marcos Jr. before "
        "the bilateral meeting on May 1, 2023, at the White House.",
    )
    assert _pairs(text) == []


def test_misspelt_surname_still_names_the_speaker() -> None:
    doc = run(
        article(
            TITLE,
            "Published February 17, 2022",
            "Brazilian President Jair Bolsonaro met Russian President Vladimir Putin in Moscow "
            "on Wednesday.",
            "After the session, Jair Bolosnaro said “it was a very productive meeting for both "
            "of our countries.”",
        )
    )
    (quote,) = [q for q in doc.quotes if q.kind == "direct"]
    assert quote.speaker == "Jair Bolsonaro"


def test_according_to_an_institution_names_it_as_speaker() -> None:
    doc = run(
        article(
            TITLE,
            "Published November 16, 2021",
            "US President Joe Biden and Chinese President Xi Jinping held a virtual summit on "
            "Monday.",
            'According to the White House, Biden "underscored the importance of managing '
            'strategic risks" during the call.',
        )
    )
    (quote,) = [q for q in doc.quotes if q.kind == "direct"]
    assert quote.speaker == "White House"


def test_subject_speaks_when_no_reporting_verb() -> None:
    doc = run(
        article(
            TITLE,
            "Published April 12, 2015",
            "US President Barack Obama met Cuban President Raul Castro in Panama City on Saturday.",
            "Obama thanked Castro for his “spirit of openness and courtesy” during the talks.",
        )
    )
    (quote,) = [q for q in doc.quotes if q.kind == "direct"]
    assert quote.speaker == "Barack Obama"


@pytest.mark.parametrize(
    ("lines", "published", "dateline"),
    [
        (["KAZAN, RUSSIA:"], None, "KAZAN, RUSSIA"),
        (["Last updated on: September 17, 2006 01:49 IST"], dt.date(2006, 9, 16), None),
        (["— A Reporter (@reporter) June 23, 2019"], dt.date(2006, 9, 16), None),
    ],
)
def test_page_metadata_lines(
    lines: list[str], published: dt.date | None, dateline: str | None
) -> None:
    url = "https://example.org/news/2006/sep/16story.htm" if published else None
    doc = run(
        article(
            TITLE,
            *lines,
            "Indian Prime Minister Manmohan Singh met Pakistani President Pervez Musharraf in "
            "Havana on Saturday, and the two leaders agreed to resume talks.",
        ),
        url,
    )
    assert (doc.meta.published, doc.meta.dateline) == (published, dateline)


def test_reuters_style_id_dates_the_url() -> None:
    assert date_from_url("https://www.reuters.com/article/us-nato-idUSL0179714620080403") == (
        dt.date(2008, 4, 3)
    )


def test_latest_date_in_text_stands_in_for_publication() -> None:
    doc = run(
        article(
            TITLE,
            "Singapore's PM Lee met Philippine President Duterte on the sidelines of the summit "
            "in Bangkok on June 23.",
            "The two leaders discussed the South China Sea, an aide said on June 23, 2019.",
        )
    )
    (summit,) = doc.summits
    assert sorted(p.name for p in summit.participants) == ["Lee Hsien Loong", "Rodrigo Duterte"]
    assert summit.date == "2019-06-23"


def test_history_is_not_armed_conflict() -> None:
    doc = run(
        article(
            TITLE,
            "Published April 12, 2015",
            "US President Barack Obama met Cuban President Raul Castro in Panama City on Saturday, "
            "vowing to bury Cold War-era enmity and restore diplomatic relations.",
        )
    )
    (summit,) = doc.summits
    assert summit.issues == ["bilateral-relations"]


def test_gathering_edition_dates_an_undated_sideline_meeting() -> None:
    doc = run(
        article(
            TITLE,
            "KAZAN, RUSSIA:",
            "Chinese President Xi Jinping and Indian Prime Minister Narendra Modi held their first "
            "formal talks in five years on the sidelines of the BRICS summit, agreeing to manage "
            "their border differences.",
        )
    )
    (summit,) = doc.summits
    assert (summit.date, summit.city, summit.country) == ("2024", "Kazan", "RU")
    assert summit.context == "BRICS summit"


def test_country_beats_a_surname_that_spells_it() -> None:
    doc = run(
        article(
            TITLE,
            "Published April 4, 2008",
            "US President George W. Bush met French President Nicolas Sarkozy in Bucharest on "
            "Thursday, and the two leaders discussed NATO ties with Bosnia and Montenegro.",
        )
    )
    assert [m.name for m in doc.mentions] == ["George W. Bush", "Nicolas Sarkozy"]
    (summit,) = doc.summits
    assert "ME" in summit.about


def test_an_appeal_to_several_leaders_is_not_a_meeting() -> None:
    text = article(
        TITLE,
        "Published November 16, 2022",
        "Ukrainian President Volodymyr Zelenskyy called on G20 leaders, including US President "
        "Joe Biden and Chinese President Xi Jinping, to adopt a peace formula.",
        "Biden later held talks with the leaders of Indonesia and Australia.",
    )
    # the appeal is no meeting; the talks are one, with the leaders the countries name
    assert _pairs(text) == [["Anthony Albanese", "Joe Biden", "Joko Widodo"]]


def test_speaker_named_after_the_quote_beats_a_later_source() -> None:
    doc = run(
        article(
            TITLE,
            "Published October 24, 2024",
            "Chinese President Xi Jinping met Indian Prime Minister Narendra Modi in Kazan on "
            "Wednesday.",
            '"Both countries should manage their differences and keep the border calm," Xi '
            "said, according to state broadcaster CCTV.",
            "In response, Modi told Xi that peace on the frontier was a priority.",
        )
    )
    (quote,) = [q for q in doc.quotes if q.kind == "direct"]
    assert quote.speaker == "Xi Jinping"


def test_demonym_is_not_a_town() -> None:
    doc = run(
        article(
            "Xi holds talks with Kazakh president",
            "Xinhua, April 26, 2016",
            "BEIJING, April 26 (Xinhua) -- Chinese President Xi Jinping held talks with visiting "
            "Kazakh President Nursultan Nazarbayev in Beijing on Tuesday.",
        )
    )
    (summit,) = doc.summits
    assert (summit.date, summit.city, summit.country) == ("2016-04-26", "Beijing", "CN")


def test_dotted_publication_date_is_day_first() -> None:
    doc = run(
        article(
            TITLE,
            "Published 11.08.2019",
            "Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan "
            "discussed Syria in a phone call on Friday, the Kremlin said.",
        )
    )
    assert doc.meta.published == dt.date(2019, 8, 11)
    (summit,) = doc.summits
    assert (summit.format, summit.date) == ("phone", "2019-08-09")


def test_dateline_with_a_full_date_dates_the_article() -> None:
    doc = run(
        article(
            TITLE,
            "PRETORIA, South Africa, March 5, 2019 - President Cyril Ramaphosa on Tuesday "
            "welcomed Ghanaian President Nana Akufo-Addo to the Union Buildings for a state visit.",
        )
    )
    assert (doc.meta.dateline, doc.meta.published) == (
        "PRETORIA, South Africa",
        dt.date(2019, 3, 5),
    )
    (summit,) = doc.summits
    assert (summit.place, summit.city, summit.date) == ("Union Buildings", "Pretoria", "2019-03-05")


def test_agency_credit_ends_a_dateline() -> None:
    doc = run(
        article(
            TITLE,
            "New Delhi, Sep 14 (PTI) Prime Minister Narendra Modi and his Japanese counterpart "
            "Shinzo Abe held talks on infrastructure in Ahmedabad on Thursday.",
        )
    )
    assert doc.meta.dateline == "New Delhi"
    assert doc.summits[0].city == "Ahmedabad"


def test_a_written_date_beats_a_weekday_in_the_claim() -> None:
    doc = run(
        article(
            TITLE,
            "BOGOTA, Colombia — Brazilian President Luiz Inacio Lula da Silva met his Colombian "
            "counterpart Gustavo Petro in Bogota on Saturday, July 8, 2023, to discuss the Amazon.",
        )
    )
    (summit,) = doc.summits
    assert (summit.date, summit.city, summit.country) == ("2023-07-08", "Bogotá", "CO")


def test_last_meeting_months_ago_does_not_confirm_a_pair() -> None:
    text = article(
        TITLE,
        "Published March 1, 2023",
        "Turkish President Recep Tayyip Erdogan said on Tuesday that he would call Russian "
        "President Vladimir Putin soon. The two leaders last met in Astana in October 2022.",
    )
    assert _pairs(text) == []


def test_each_meeting_of_a_round_up_keeps_its_own_day() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 21, 2023",
            "HIROSHIMA, Japan — US President Joe Biden met Japanese Prime Minister Fumio Kishida "
            "on Thursday and held separate talks with Indian Prime Minister Narendra Modi and "
            "Australian Prime Minister Anthony Albanese on Saturday on the sidelines of the G7 "
            "summit.",
        )
    )
    assert [(s.participants[1].name, s.date, s.context) for s in doc.summits] == [
        ("Fumio Kishida", "2023-05-18", "G7 summit"),
        ("Narendra Modi", "2023-05-20", "G7 summit"),
        ("Anthony Albanese", "2023-05-20", "G7 summit"),
    ]


def test_the_title_in_the_text_names_the_role_when_the_leader_held_it() -> None:
    doc = run(
        article(
            TITLE,
            "Published December 5, 2023",
            "DOHA — Qatar's Emir Sheikh Tamim bin Hamad Al Thani received Saudi Crown Prince "
            "Mohammed bin Salman in Doha on Monday, and the two leaders held talks on defence.",
        )
    )
    (summit,) = doc.summits
    assert [(p.name, p.role) for p in summit.participants] == [
        ("Tamim bin Hamad Al Thani", "Emir"),
        ("Mohammed bin Salman", "Crown Prince"),
    ]
    assert summit.issues == ["defense"]


def test_the_dateline_country_decides_between_namesake_towns() -> None:
    doc = run(
        article(
            TITLE,
            "Published November 15, 2022",
            "NUSA DUA, Indonesia — US President Joe Biden and Chinese President Xi Jinping met "
            "for more than three hours on Monday in Bali.",
        )
    )
    (summit,) = doc.summits
    assert (summit.city, summit.country, summit.duration_minutes) == ("Bali", "ID", 180)


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Published 20/06/2023", dt.date(2023, 6, 20)),
        ("Published 06/20/2023", dt.date(2023, 6, 20)),
        ("Published 05/06/2023", None),
    ],
)
def test_slashed_dates_only_when_unambiguous(line: str, published: dt.date | None) -> None:
    doc = run(
        article(
            TITLE,
            line,
            "French President Emmanuel Macron and Italian Prime Minister Giorgia Meloni met in "
            "Rome on Tuesday to discuss migration.",
        )
    )
    assert doc.meta.published == published


def test_host_residence_pronoun_after_a_new_subject_and_arms_control() -> None:
    """A 1990s wire story: 'the Finnish president's residence' is a place, not a third
    participant; 'he said' after 'Clinton said' is Clinton, not the last quote's speaker."""
    doc = run(
        article(
            "Clinton, Yeltsin end Helsinki summit with arms pact",
            "March 21, 1997",
            "HELSINKI, Finland (AP) -- President Clinton and Russian President Boris Yeltsin "
            "agreed Friday to seek deep new cuts in their nuclear arsenals, but failed to resolve "
            "their dispute over NATO expansion.",
            '"We have agreed to disagree on this question," Yeltsin told a joint news '
            "conference after two days of talks at the Finnish president's residence.",
            'Clinton said the talks had made "real progress" on arms control. "This was a '
            'productive meeting for the security of both our peoples," he said.',
            "The leaders also discussed economic aid to Russia.",
        )
    )
    [summit] = doc.summits
    assert [p.name for p in summit.participants] == ["Bill Clinton", "Boris Yeltsin"]
    assert (summit.date, summit.city) == ("1997-03-21", "Helsinki")
    assert summit.issues == ["defense", "economy", "nuclear-weapons"]
    assert [q.speaker for q in summit.statements if q.kind == "direct"] == [
        "Boris Yeltsin",
        "Bill Clinton",
    ]


def test_agency_dateline_between_slashes_and_negotiations_that_lasted() -> None:
    doc = run(
        article(
            "Putin, Erdogan hold talks in Sochi",
            "SOCHI, September 4. /TASS/. Russian President Vladimir Putin and Turkish President "
            "Recep Tayyip Erdogan held talks in Sochi on Monday, the Kremlin said.",
            "The negotiations lasted for more than three hours and touched on the grain deal.",
        )
    )
    [summit] = doc.summits
    assert doc.meta.dateline == "SOCHI"
    assert (summit.city, summit.duration_minutes, summit.issues) == (
        "Sochi",
        180,
        ["food-security"],
    )


def test_slashed_date_that_reads_the_same_both_ways() -> None:
    doc = run(
        article(
            "Lula receives Petro in Brasilia",
            "By Staff Writer | Published: 08/08/2023",
            "BRASILIA — Brazilian President Luiz Inacio Lula da Silva hosted his Colombian "
            "counterpart Gustavo Petro on Tuesday to discuss deforestation in the Amazon.",
        )
    )
    assert doc.meta.published == dt.date(2023, 8, 8)
    [summit] = doc.summits
    assert (summit.date, summit.issues) == ("2023-08-08", ["climate-environment"])


def test_foreign_ministry_readout_style() -> None:
    """A government readout: family name in capitals, "H.E. Mr." before the counterpart,
    the length given before the meeting noun, numbered points."""
    doc = run(
        article(
            "Prime Minister holds telephone talk with President of Ukraine",
            "2023/01/08",
            "On January 8, commencing at around 9:35 p.m. for approximately 30 minutes, Mr. "
            "KISHIDA Fumio, Prime Minister of Japan, held a summit telephone talk with H.E. Mr. "
            "Volodymyr Zelenskyy, President of Ukraine.",
            "1. Prime Minister Kishida stated that Japan strongly condemns Russia's aggression "
            "against Ukraine.",
        )
    )
    [summit] = doc.summits
    assert [p.name for p in summit.participants] == ["Fumio Kishida", "Volodymyr Zelenskyy"]
    assert (summit.date, summit.format, summit.duration_minutes) == ("2023-01-08", "phone", 30)
    assert (summit.issues, summit.about) == (["armed-conflict"], ["RU"])


def test_predecessor_is_not_a_participant_and_gaza_is_palestine() -> None:
    doc = run(
        article(
            "Biden and Lula meet at the White House",
            "WASHINGTON (Reuters) - U.S. President Joe Biden and Brazilian President Luiz Inacio "
            "Lula da Silva met in the Oval Office, signalling warming ties after years of tension "
            "under Lula's predecessor Jair Bolsonaro.",
            "The two leaders also discussed the war in the Gaza Strip and the need for a "
            "ceasefire.",
        )
    )
    [summit] = doc.summits
    assert [p.name for p in summit.participants] == ["Joe Biden", "Luiz Inácio Lula da Silva"]
    assert summit.about == ["PS"]


def test_agency_page_with_read_also_links_above_the_headline() -> None:
    """A syndicated page: "Also Read" and "Follow us" lines above the headline, an
    "Updated:" line as the only date, and a dateline with the country in brackets."""
    doc = run(
        article(
            "Also Read: Markets rise for a third day",
            "Follow us on Google News",
            "PM Modi holds talks with Japanese counterpart Kishida on sidelines of G7 Summit",
            "Updated: May 20, 2023 14:02 IST",
            "Hiroshima [Japan], May 20 (ANI): Prime Minister Narendra Modi on Saturday held "
            "bilateral talks with his Japanese counterpart Fumio Kishida on the sidelines of the "
            "G7 Summit in Hiroshima.",
            "An aide said the two leaders also discussed China.",
        )
    )
    assert doc.meta.title == (
        "PM Modi holds talks with Japanese counterpart Kishida on sidelines of G7 Summit"
    )
    assert (doc.meta.published, doc.meta.dateline) == (dt.date(2023, 5, 20), "Hiroshima")
    [summit] = doc.summits
    assert (summit.date, summit.city, summit.context) == ("2023-05-20", "Hiroshima", "G7 Summit")
    assert summit.about == ["CN"]
    assert "Markets" not in doc.text


def test_meeting_reported_only_by_the_headline_over_a_transcript() -> None:
    doc = run(
        article(
            "Vladimir Putin held talks with President of Kazakhstan Kassym-Jomart Tokayev",
            "The Kremlin, Moscow",
            "November 28, 2023",
            "The Russian-Kazakhstani talks took place in a restricted format followed by a "
            "meeting of the two delegations.",
            "Vladimir Putin: Mr President, friends, I am very happy to welcome you to Moscow.",
        )
    )
    [summit] = doc.summits
    assert [p.name for p in summit.participants] == ["Vladimir Putin", "Kassym-Jomart Tokayev"]
    assert (summit.date, summit.city, summit.format) == ("2023-11-28", "Moscow", "in_person")


def test_a_planned_visit_in_the_headline_is_no_meeting() -> None:
    doc = run(
        article(
            "Biden to host Kishida at White House next week",
            "Published May 20, 2023",
            "The White House said on Friday that the visit would focus on security and "
            "technology ties between the two allies.",
        )
    )
    assert doc.summits == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Ukrainian President Volodymyr Zelensky said on Wednesday he had spoken by phone with "
        "Turkish President Tayyip Erdogan about the grain corridor.",
        "Prime Minister Benjamin Netanyahu spoke with U.S. President Joe Biden on Wednesday, "
        "his office said, the second such call in three days.",
    ],
)
def test_calls_reported_in_other_words_are_phone_calls(sentence: str) -> None:
    [summit] = run(article(TITLE, "Published October 26, 2023", sentence)).summits
    assert (summit.format, summit.city) == ("phone", None)


def test_a_gathering_named_as_a_time_is_not_the_context() -> None:
    doc = run(
        article(
            TITLE,
            "Published July 25, 2023",
            "Belarusian President Alexander Lukashenko met Russian President Vladimir Putin in "
            "St Petersburg on Sunday, two days before the Russia-Africa summit, to discuss the "
            "decades-old conflict over borders.",
        )
    )
    [summit] = doc.summits
    assert (summit.context, summit.issues) == (None, ["armed-conflict"])


def test_a_papal_audience_is_a_summit_with_its_length() -> None:
    doc = run(
        article(
            "Pope Francis receives Biden at the Vatican",
            "Published October 29, 2021",
            "VATICAN CITY (AP) - Pope Francis received U.S. President Joe Biden at the Vatican on "
            "Friday for a 75-minute private audience, and the two discussed climate change.",
        )
    )
    [summit] = doc.summits
    assert [(p.name, p.country) for p in summit.participants] == [
        ("Pope Francis", "VA"),
        ("Joe Biden", "US"),
    ]
    assert (summit.date, summit.country, summit.duration_minutes) == ("2021-10-29", "VA", 75)


def test_old_wire_copy_with_backtick_quotes_and_an_underscore_dash() -> None:
    doc = run(
        article(
            "Yeltsin, Clinton Open Moscow Summit",
            "May 10, 1995",
            "MOSCOW (AP) _ President Clinton and Russian President Boris Yeltsin opened their "
            "summit Wednesday in the Kremlin and went into talks on European security.",
            "``We have differences, but we are partners,'' Yeltsin said at the start of the talks.",
        )
    )
    assert doc.meta.dateline == "MOSCOW"
    [summit] = doc.summits
    [quote] = [q for q in summit.statements if q.kind == "direct"]
    assert (quote.speaker, quote.text) == (
        "Boris Yeltsin",
        "We have differences, but we are partners",
    )


def test_agency_credit_after_the_date_without_brackets() -> None:
    doc = run(
        article(
            "Crown Prince receives Pakistani Prime Minister",
            "Jeddah, Apr 30, 2021, SPA -- Crown Prince Mohammed bin Salman received Pakistani "
            "Prime Minister Imran Khan at Al-Salam Palace in Jeddah today.",
        )
    )
    assert (doc.meta.dateline, doc.meta.published) == ("Jeddah", dt.date(2021, 4, 30))
    [summit] = doc.summits
    assert (summit.date, summit.place) == ("2021-04-30", "Al-Salam Palace")


@pytest.mark.parametrize(
    ("sentence", "format_"),
    [
        (
            "U.S. President Joe Biden called Israeli Prime Minister Benjamin Netanyahu on "
            "Tuesday to discuss the hostages.",
            "phone",
        ),
        (
            "Turkish President Recep Tayyip Erdogan called his Russian counterpart Vladimir "
            "Putin on Tuesday to discuss the grain deal.",
            "phone",
        ),
        (
            "U.S. President Joe Biden called on Israeli Prime Minister Benjamin Netanyahu on "
            "Tuesday to allow more aid into Gaza.",
            None,
        ),
        ("U.S. President Joe Biden called Russian President Vladimir Putin a killer.", None),
    ],
)
def test_calling_a_leader_is_a_phone_call_calling_on_him_is_not(
    sentence: str, format_: str | None
) -> None:
    summits = run(article(TITLE, "Published May 20, 2023", sentence)).summits
    assert [s.format for s in summits] == ([format_] if format_ else [])


def test_a_quote_in_a_relative_clause_and_an_annual_consultation() -> None:
    doc = run(
        article(
            "Anwar, Jokowi hold annual consultation in Bogor",
            "Published January 9, 2023",
            "BOGOR: Malaysian Prime Minister Anwar Ibrahim and Indonesian President Joko Widodo "
            "held their annual leaders' consultation at the Bogor Presidential Palace on Monday, "
            'in which Widodo promised "a fair deal for the migrant workers of both countries".',
        )
    )
    [summit] = doc.summits
    assert (summit.date, summit.city) == ("2023-01-09", "Bogor")
    [quote] = [q for q in summit.statements if q.kind == "direct"]
    assert quote.speaker == "Joko Widodo"
