"""Stage 5: date expressions resolved against the publication date or a leader's term."""

import datetime as dt

import pytest

from app.nlp.dates import (
    DAYS_AFTER,
    DAYS_AFTER_WORDS,
    _explicit_dates,
    _first_published,
    _Found,
    _is_stamp,
)
from app.nlp.doc import ArticleDoc, DateMention, Participant
from app.nlp.meetings import _fallback_date
from app.nlp.rules import Rules, fold
from tests.nlp.conftest import article, run

TITLE = "Kishida and Yoon agree to deepen ties"


def _meeting(when: str) -> str:
    return (
        "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Seoul "
        f"{when} and the two leaders agreed to deepen cooperation on security and the economy."
    )


def _only_date(doc: ArticleDoc) -> DateMention:
    """The single date mention of an article, checked to point into ``doc.text``."""
    assert len(doc.dates) == 1, doc.dates
    date = doc.dates[0]
    assert doc.text[date.start : date.end] == date.text
    return date


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("November 17, 2023", "2023-11-16"),  # a Friday: the day before
        ("April 27, 2023", "2023-04-27"),  # a Thursday: the same day
    ],
)
def test_weekday_is_the_last_one_on_or_before_publication(published: str, expected: str) -> None:
    doc = run(article(TITLE, f"Published {published}", _meeting("on Thursday")))
    date = _only_date(doc)
    assert (date.text, date.value, date.relative) == ("on Thursday", expected, True)


@pytest.mark.parametrize(
    ("published", "expected"),
    [("April 26, 2023", "2023-04-23"), ("April 20, 2023", "2023-03-23")],
)
def test_ordinal_day_is_the_last_such_day_before_publication(published: str, expected: str) -> None:
    doc = run(article(TITLE, f"Published {published}", _meeting("on the 23rd")))
    date = _only_date(doc)
    assert (date.text, date.value, date.relative) == ("on the 23rd", expected, True)


@pytest.mark.parametrize(
    ("when", "surface", "value", "relative"),
    [
        ("on April 9", "April 9", "2023-04-09", True),
        ("on April 9, 2022", "April 9, 2022", "2022-04-09", False),
        ("on 9 April", "9 April", "2023-04-09", True),
        ("in March 2022", "March 2022", "2022-03", False),
    ],
)
def test_explicit_date(when: str, surface: str, value: str, relative: bool) -> None:
    doc = run(article(TITLE, "Published April 26, 2023", _meeting(when)))
    date = _only_date(doc)
    assert (date.text, date.value, date.relative) == (surface, value, relative)


def test_yesterday_is_the_day_before_publication() -> None:
    doc = run(article(TITLE, "Published April 26, 2023", _meeting("yesterday")))
    date = _only_date(doc)
    assert (date.text, date.value) == ("yesterday", "2023-04-25")


def test_today_counts_from_a_dateline_written_the_day_before_the_page() -> None:
    # a paper prints on the 26th what its correspondent filed under "SEOUL, April 25"
    body = "SEOUL, April 25 -- " + _meeting("today")
    doc = run(article(TITLE, "Published: April 26, 2023", "", body))
    [summit] = doc.summits
    assert summit.date == "2023-04-25"


@pytest.mark.parametrize(
    ("when", "value"),
    [
        ("this afternoon", "2023-04-26"),
        ("this evening", "2023-04-26"),
        ("tonight", "2023-04-26"),
        ("last night", "2023-04-25"),
    ],
)
def test_part_of_the_day_counts_from_publication(when: str, value: str) -> None:
    # a readout's "spoke to the president this afternoon" is the day it was published
    doc = run(article(TITLE, "Published April 26, 2023", _meeting(when)))
    date = _only_date(doc)
    assert (date.text, date.value) == (when, value)


@pytest.mark.parametrize(
    ("when", "surface", "value"),
    [("on March 20", "March 20", "2022-03-20"), ("on Sunday", "on Sunday", "2022")],
)
def test_took_office_last_year_gives_the_year_without_publication_date(
    when: str, surface: str, value: str
) -> None:
    doc = run(
        article(
            "Kishida and Modi agree on investment target",
            "Japanese Prime Minister Fumio Kishida, who took office in October last year, met "
            f"Indian Prime Minister Narendra Modi in New Delhi {when} for talks on clean energy "
            "and investment.",
        )
    )
    date = _only_date(doc)
    assert (date.text, date.value) == (surface, value)
    assert doc.summits[0].date == value


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a term that began in a month of this year: the year of the news
        (
            [
                "Italian Prime Minister Giorgia Meloni met French President Emmanuel Macron "
                "in Rome on Monday, their first talks since Meloni took office in October.",
            ],
            "2022",
        ),
        # a vote after which a leader named left office: the year of that vote
        (
            [
                "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris "
                "on Wednesday, ahead of the Feb. 23 federal election.",
            ],
            "2025",
        ),
        # days counted back from a vote to the weekday of the meeting: the day itself
        (
            [
                "Brazilian President Jair Bolsonaro met Argentine President Alberto Fernandez "
                "in Brasilia on Thursday, three days before the presidential election.",
                "Bolsonaro faces Luiz Inacio Lula da Silva in the runoff election on October 30.",
            ],
            "2022-10-27",
        ),
        # the sentence that counts allows 2006 and 2017; Poroshenko, named later, 2017
        (
            [
                "German Chancellor Angela Merkel met Russian President Vladimir Putin in "
                "Berlin on Sunday, two weeks before the federal election.",
                "They discussed the conflict in eastern Ukraine and the role of Ukrainian "
                "President Petro Poroshenko.",
                "Merkel is expected to win a fourth term in the election on September 24.",
            ],
            "2017-09-10",
        ),
        # two days before October 30 was no Saturday while both were in office: the year
        # of the vote after which Bolsonaro left office, but no day
        (
            [
                "Brazilian President Jair Bolsonaro met Argentine President Alberto Fernandez "
                "in Brasilia on Saturday, two days before the presidential election on "
                "October 30.",
            ],
            "2022",
        ),
    ],
)
def test_year_from_leaders_terms_without_publication_date(
    paragraphs: list[str], expected: str
) -> None:
    doc = run(article("Leaders hold talks", *paragraphs))
    assert doc.meta.published is None
    assert [s.date for s in doc.summits] == [expected]


@pytest.mark.parametrize(
    "paragraph",
    [
        # Meloni took office in October, not March: no year
        "Italian Prime Minister Giorgia Meloni met French President Emmanuel Macron in Rome "
        "on Monday, their first talks since Meloni took office in March.",
    ],
)
def test_term_start_in_another_month_gives_no_year(paragraph: str) -> None:
    doc = run(article("Leaders hold talks", paragraph))
    assert [s.date for s in doc.summits] == [None]


def test_terms_that_share_one_year_give_it() -> None:
    doc = run(
        article(
            "Truss and Biden meet",
            "British Prime Minister Liz Truss met U.S. President Joe Biden in New York on "
            "Wednesday and the two discussed Ukraine.",
        )
    )
    assert doc.meta.published is None
    assert doc.summits[0].date == "2022"


def test_election_day_is_not_the_meeting_date() -> None:
    doc = run(
        article(
            "Scholz and Macron meet",
            "Published February 12, 2025",
            "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on "
            "Wednesday, ahead of the Feb. 23 federal election.",
        )
    )
    assert [d.text for d in doc.dates] == ["on Wednesday"]
    assert doc.summits[0].date == "2025-02-12"


def test_weekday_without_any_anchor_is_not_a_date() -> None:
    doc = run(article(TITLE, _meeting("on Thursday")))
    assert doc.meta.published is None
    assert doc.dates == []
    assert doc.summits[0].date is None


def test_last_weekday_on_that_weekday_is_a_week_earlier() -> None:
    doc = run(article(TITLE, "Published April 27, 2023", _meeting("last Thursday")))
    assert _only_date(doc).value == "2023-04-20"


def test_took_office_month_is_not_the_meeting_date() -> None:
    doc = run(
        article(
            "Kishida and Modi agree on investment target",
            "Japanese Prime Minister Fumio Kishida, who took office in October 2021, met Indian "
            "Prime Minister Narendra Modi in New Delhi on Sunday for talks on clean energy and "
            "investment.",
        )
    )
    assert doc.summits[0].date is None


@pytest.mark.parametrize(
    ("visit", "later_date"),
    [
        # a visit of several days: the later meeting keeps only the month
        ("Kishida arrived in Seoul on Sunday for a three-day visit.", "2023-07"),
        # one day's news: the later meeting shares the lead's day
        ("Kishida flew home in the evening.", "2023-07-10"),
    ],
)
def test_later_meeting_without_its_own_day(visit: str, later_date: str) -> None:
    doc = run(
        article(
            TITLE,
            "Published July 10, 2023",
            _meeting("on Monday"),
            visit,
            "Kishida also met Chinese Premier Li Qiang and the two discussed trade.",
        )
    )
    assert [(s.participants[1].name, s.date) for s in doc.summits] == [
        ("Yoon Suk Yeol", "2023-07-10"),
        ("Li Qiang", later_date),
    ]


@pytest.mark.parametrize(
    ("when", "value"),
    [
        ("last November", "2022-11"),
        ("in October last year", "2022-10"),
        ("in late June", "2023-06"),
        ("in March", "2023-03"),
    ],
)
def test_month_without_a_year_is_the_one_the_words_allow(when: str, value: str) -> None:
    line = f"The two governments said their officials last spoke about the dispute {when}."
    doc = run(article(TITLE, "Published May 20, 2023", line))
    date = _only_date(doc)
    assert (date.value, date.relative) == (value, True)


def test_days_ago_counts_back_from_publication() -> None:
    doc = run(article(TITLE, "Published November 17, 2023", _meeting("two days ago")))
    assert _only_date(doc).value == "2023-11-15"


def test_the_next_day_and_days_later_count_from_the_last_day_given() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 20, 2023",
            "Indian Prime Minister Narendra Modi met U.S. President Joe Biden in Washington on "
            "Tuesday.",
            "The next day, Modi held talks with Canadian Prime Minister Justin Trudeau in Ottawa.",
            "Two days later he met Mexican President Andres Manuel Lopez Obrador in Mexico City.",
        )
    )
    assert [(s.participants[1].name.split()[0], s.date) for s in doc.summits] == [
        ("Joe", "2023-05-16"),
        ("Justin", "2023-05-17"),
        ("Andrés", "2023-05-19"),
    ]


@pytest.mark.parametrize(
    "stamp",
    [
        "Tokyo, 9 May 2023 (Wire) -- ",  # a dateline with the day and an agency
        "SEOUL, May 9, 2023 - ",
    ],
)
def test_a_datelines_date_stamps_the_page_and_is_no_meeting_day(stamp: str) -> None:
    doc = run(article(TITLE, stamp + _meeting("on Sunday")))
    assert [(d.text, d.value) for d in doc.dates] == [("on Sunday", "2023-05-07")]
    assert doc.summits[0].date == "2023-05-07"


@pytest.mark.parametrize(
    "stamp",
    [
        "Tue 09 - May 2023 - 11:20",
        "Press office 9.5.2023 18.40 | Published in English on 9.5.2023",
        "Kishida in Seoul | Asia | 09.05.2023",
        "2023-05-09 11:20",
    ],
)
def test_a_metadata_line_dates_the_page_in_any_house_style(stamp: str) -> None:
    doc = run(article(TITLE, stamp, _meeting("on Sunday")))
    assert [d.value for d in doc.dates] == ["2023-05-07"]
    assert doc.summits[0].date == "2023-05-07"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.com/en/2023-01/kishida-yoon", "2023-01-02"),
        ("https://news.example.com/2023/kishida-yoon", "2023-01-02"),
        (None, None),  # no year anywhere: no date
    ],
)
def test_the_urls_year_and_a_weekday_settle_a_day_written_without_year(
    url: str | None, expected: str | None
) -> None:
    doc = run(article(TITLE, _meeting("on Monday (Jan. 2)")), url=url)
    assert doc.meta.published is None
    assert doc.summits[0].date == expected


def test_a_weekday_picks_the_year_of_a_day_written_without_one() -> None:
    # 19 August was a Monday in 2019, not in 2020, the year the URL files the page under
    doc = run(article(TITLE, _meeting("on Monday 19 August")), url="https://x.example/2020/a")
    assert doc.summits[0].date == "2019-08-19"


def test_the_urls_year_dates_a_meeting_the_text_gives_no_year() -> None:
    doc = run(article(TITLE, _meeting("on Monday")), url="https://x.example/2023/kishida-yoon")
    assert doc.summits[0].date == "2023"


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        ("21.12.2004", None, "2004-12-21"),
        ("2005-04-28", None, "2005-04-28"),
        ("2005-04-28T10:14:00Z", None, "2005-04-28"),
        ("28-04-2005", None, "2005-04-28"),
        ("03/01/2023", None, "2023-01-03"),  # day first when both orders make a date
        ("03/01/2023", "https://x.example/2023/03/story", "2023-03-01"),  # the URL's month
        ("12/25/2022", None, "2022-12-25"),  # only month first makes a date
    ],
)
def test_numeric_dates(text: str, url: str | None, expected: str) -> None:
    [(_, _, day)] = _explicit_dates(f"The accord was signed on {text} in Geneva.", url)
    assert day.isoformat() == expected


def test_an_older_date_of_a_later_sentence_is_background() -> None:
    doc = run(
        article(
            "Macron and Merkel speak by phone",
            "Published June 2, 2021",
            "French President Emmanuel Macron had a telephone conversation with German "
            "Chancellor Angela Merkel.",
            "Macron and Merkel recalled the agreements reached during a visit in September 2019.",
        )
    )
    assert doc.summits[0].date == "2021-06"


@pytest.mark.parametrize(
    ("cue", "expected"),
    [
        ("held talks in Seoul", "2023-05-09"),  # a meeting held is the day's news
        ("had a telephone conversation with", "2023-05"),  # a call may be announced later
    ],
)
def test_with_no_date_in_the_text_the_publication_dates_the_meeting(
    cue: str, expected: str
) -> None:
    line = f"Japanese Prime Minister Fumio Kishida {cue} South Korean President Yoon Suk Yeol."
    if cue.startswith("held"):
        line = line.replace("held talks in Seoul South", "held talks in Seoul with South")
    doc = run(article(TITLE, "Published May 9, 2023", line))
    assert doc.summits[0].date == expected


def test_a_target_year_is_no_meeting_year(rules: Rules) -> None:
    doc = run(
        article("Leaders pledge cuts", "Talks in 2019 set a goal to halve emissions by 2030.")
    )
    leaders = [Participant("Emmanuel Macron", "FR", None), Participant("Xi Jinping", "CN", None)]
    assert _fallback_date(doc, leaders, rules) == "2019"


@pytest.mark.parametrize(
    "event",
    [
        "since the May 3 missile attack on the port",
        "ahead of the 7 May presidential election",
        "a week after the May 3, 2023 earthquake",
    ],
)
def test_the_day_of_an_event_that_is_no_meeting_dates_nothing(event: str) -> None:
    doc = run(article(TITLE, "Published May 9, 2023", _meeting(f"on Sunday, {event},")))
    assert [d.text for d in doc.dates] == ["on Sunday"]
    assert doc.summits[0].date == "2023-05-07"


def test_a_day_followed_by_other_words_is_still_a_date() -> None:
    doc = run(article(TITLE, "Published May 9, 2023", _meeting("on May 3 after the attack")))
    assert doc.summits[0].date == "2023-05-03"


@pytest.mark.parametrize(
    ("when", "published", "value"),
    [
        ("last week", "May 9, 2023", "2023-05"),  # the week of May 1 to 7
        ("last week", "May 17, 2023", "2023-05"),
        ("last week", "May 3, 2023", "2023-04"),
        ("earlier this month", "May 17, 2023", "2023-05"),
        ("last month", "January 9, 2023", "2022-12"),
    ],
)
def test_a_week_or_month_gives_only_the_month(when: str, published: str, value: str) -> None:
    doc = run(article(TITLE, f"Published {published}", _meeting(when)))
    assert doc.summits[0].date == value


def test_last_weeks_other_event_dates_no_meeting() -> None:
    doc = run(
        article(
            TITLE,
            "Published May 9, 2023",
            _meeting("in the wake of last week's floods"),
        )
    )
    assert doc.dates == []


def test_a_dateline_without_its_year_takes_the_urls() -> None:
    doc = run(
        article(TITLE, "SEOUL, May 9 (Wire) - " + _meeting("on Sunday")),
        url="https://wire.example/asia/2023/kishida-yoon",
    )
    assert [d.value for d in doc.dates] == ["2023-05-07"]
    assert doc.summits[0].date == "2023-05-07"


@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("Agency.ge, 9 May 2023 - 14:34, Seoul", True),
        ("News | Asia | 9 May 2023", True),
        ("SEOUL, 9 May 2023 (Wire) -- The two leaders met.", True),
        ("The two leaders met in Seoul on 9 May 2023.", False),
        ("On 9 May 2023 - a day before the vote - the two leaders met in Seoul.", False),
        ("The leaders, who met on 9 May 2023 in Seoul, agreed to meet again", False),
    ],
)
def test_a_stamp_is_a_dateline_or_a_line_of_metadata(line: str, stamp: bool) -> None:
    [(start, end, _)] = _explicit_dates(line, None)
    assert _is_stamp(line, start, end) is stamp


@pytest.mark.parametrize(
    "line",
    [
        "Published 7 Mar 2019 10:14 | Updated 15 Mar 2019 09:00",
        "Updated 15 Mar 2019 09:00 | Published 7 Mar 2019 10:14",
    ],
)
def test_a_stamp_marked_as_an_update_does_not_date_the_page(line: str) -> None:
    stamps = [(a, b, day) for a, b, day in _explicit_dates(line, None) if _is_stamp(line, a, b)]
    assert _first_published(line, stamps) == dt.date(2019, 3, 7)


@pytest.mark.parametrize(
    ("when", "value"),
    [
        ("on June 15-17", "2023-06"),
        ("on Sept. 12 and 13", "2022-09"),  # after publication plus two months: last year's
        ("from 20 to 22 June 2021", "2021-06"),
    ],
)
def test_a_stretch_of_days_gives_its_month(when: str, value: str) -> None:
    doc = run(article(TITLE, "Published June 20, 2023", _meeting(when)))
    assert [d.value for d in doc.dates] == [value]


def test_a_day_and_a_figure_are_no_stretch() -> None:
    doc = run(article(TITLE, "Published June 20, 2023", _meeting("on June 5 and 6 percent")))
    assert [d.value for d in doc.dates] == ["2023-06-05"]


@pytest.mark.parametrize(
    "later",
    [
        "Earlier in the day, Schroeder met Chinese President Jiang Zemin at the Great Hall.",
        "Later that day, Schroeder met Chinese President Jiang Zemin at the Great Hall.",
        "On the same day, Schroeder met Chinese President Jiang Zemin at the Great Hall.",
    ],
)
def test_the_same_day_keeps_the_day_just_given(later: str) -> None:
    doc = run(
        article(
            "Schroeder in Beijing",
            "Published March 3, 1999",
            "German Chancellor Gerhard Schroeder held talks with Chinese Premier Zhu Rongji in "
            "Beijing on Monday.",
            later,
        )
    )
    chained = [d for d in doc.dates if d.start >= doc.text.index(later)]
    assert [d.value for d in chained] == ["1999-03-01"]
    jiang = [s for s in doc.summits if any(p.name == "Jiang Zemin" for p in s.participants)]
    assert [s.date for s in jiang] == ["1999-03-01"]


@pytest.mark.parametrize(
    "since",
    [
        "for the first time since Rabin's election in 1992",
        "for the first time since 1992",
        "for the first time since their talks in May 1992",
    ],
)
def test_a_date_after_since_starts_a_stretch_not_a_meeting(since: str) -> None:
    doc = run(
        article(
            "Mubarak and Rabin meet",
            f"Egyptian President Hosni Mubarak met Israeli Prime Minister Yitzhak Rabin {since}.",
        )
    )
    assert doc.dates == []


def test_a_bare_weekday_a_day_after_publication_is_the_next_day() -> None:
    # a page dated in a time zone behind the meeting's ("held talks in Seoul Wednesday",
    # filed on Tuesday evening in New York)
    doc = run(
        article(
            "Abe and Moon hold talks",
            "Published May 8, 2018",
            "Japanese Prime Minister Shinzo Abe and South Korean President Moon Jae-in held talks "
            "in Tokyo Wednesday on trade and security.",
        )
    )
    assert _only_date(doc).value == "2018-05-09"
    assert [s.date for s in doc.summits] == ["2018-05-09"]


def test_last_weekday_still_counts_back() -> None:
    doc = run(article(TITLE, "Published May 8, 2018", _meeting("last Wednesday")))
    assert _only_date(doc).value == "2018-05-02"


def test_a_report_day_yields_to_the_meeting_day() -> None:
    # the report came out on Thursday; the leaders met on Wednesday
    doc = run(
        article(
            "Lula and Kirchner discuss trade",
            "Published August 9, 2007",
            "Argentine state media reported Thursday on the visit of Brazilian President Luiz "
            "Inacio Lula da Silva.",
            "Lula met Argentine President Nestor Kirchner in Buenos Aires on Wednesday evening, "
            "the first leg of a regional tour.",
            "The visitor also held talks with Kirchner on energy.",
        )
    )
    assert [s.date for s in doc.summits] == ["2007-08-08"]


def test_a_headline_day_beats_a_relative_day_a_day_off() -> None:
    # a press release dated the day after the meeting it calls "today"
    doc = run(
        article(
            "Prime Minister's call with Chancellor Merkel: 3 March 2016",
            "Published 4 March 2016",
            "British Prime Minister David Cameron spoke to German Chancellor Angela Merkel by "
            "phone today about migration and the coming European Council.",
        )
    )
    assert [s.date for s in doc.summits] == ["2016-03-03"]


def test_terms_shared_over_two_years_give_the_year_holding_most_of_them() -> None:
    # Brown (June 2007 to May 2010) and Obama (from January 2009): mostly 2009
    doc = run(
        article(
            "Brown and Obama talk banks",
            "British Prime Minister Gordon Brown met U.S. President Barack Obama at the White "
            "House and the two discussed the banking crisis.",
        )
    )
    assert doc.meta.published is None
    assert [s.date for s in doc.summits] == ["2009"]


def test_terms_shared_for_many_years_give_no_year() -> None:
    doc = run(
        article(
            "Mubarak and Assad meet",
            "Egyptian President Hosni Mubarak met Syrian President Bashar al-Assad in Cairo and "
            "the two discussed the peace process.",
        )
    )
    assert doc.meta.published is None
    assert [s.date for s in doc.summits] == [None]


def test_the_article_leaders_shared_time_dates_a_pair_whose_own_does_not() -> None:
    # Mubarak and Abdullah II shared a decade; with Sharon and President Abbas named too,
    # most of the time all four were in office falls in 2005
    doc = run(
        article(
            "Sharm el-Sheikh summit ends violence",
            "Israeli Prime Minister Ariel Sharon and Palestinian President Mahmoud Abbas held "
            "talks at a summit hosted by Egyptian President Hosni Mubarak.",
            "Mubarak also met Jordan's King Abdullah II, who attended the summit.",
        )
    )
    assert doc.meta.published is None
    dated = {frozenset(p.name for p in s.participants): s.date for s in doc.summits}
    assert dated[frozenset({"Hosni Mubarak", "Abdullah II"})] == "2005"


@pytest.mark.parametrize(
    ("label", "published"),
    [("DATE:11/24/89", "1989-11-24"), ("Date: 03/17/04", "2004-03-17")],
)
def test_a_labelled_stamp_with_a_two_digit_year(label: str, published: str) -> None:
    doc = run(article("Kohl and Mitterrand meet", label, _meeting("on Friday")))
    assert doc.meta.published == dt.date.fromisoformat(published)


@pytest.mark.parametrize(
    "phrase",
    [
        "the next day",
        "The Following Day",
        "a day later",
        "the day after",
        "12 days later",
        "three days later",
        "the previous day",
        "the preceding day",
        "a day earlier",
        "the day before",
        "earlier in the day",
        "later that day",
        "on the same day",
        "the same day",
        "later that evening",
        "THE FOLLOWING DAY",
    ],
)
def test_every_counted_day_phrase_passes_the_word_filter(phrase: str) -> None:
    """The filter that spares a text the day-counting scan never drops a text it matches."""
    assert DAYS_AFTER.search(phrase)
    assert any(word in fold(phrase) for word in DAYS_AFTER_WORDS)


# Dates enough that a sentence's are found by bisection, not read from a short list whole.
HARBOUR = [
    f"The harbour board counted {i} ships on the day of the storm, on May {1 + i % 28}, 2001."
    for i in range(60)
]


def test_a_weekday_before_a_full_date_is_one_date_after_many_dates() -> None:
    doc = run(
        article(
            "Abe and Moon agree",
            "Published March 9, 2019",
            *HARBOUR,
            "Japanese Prime Minister Shinzo Abe met South Korean President Moon Jae-in in Seoul "
            "on Thursday, March 7, 2019, to discuss trade.",
        )
    )
    last = doc.dates[-1]
    assert (last.text, last.value) == ("March 7, 2019", "2019-03-07")
    assert len(doc.dates) == len(HARBOUR) + 1  # "Thursday" is no date of its own


def test_an_overlap_with_a_taken_stretch_is_found_from_the_offsets_it_covers(
    rules: Rules,
) -> None:
    """Every stretch against every stretch taken, empty ones included, as the plain rule
    reads it: a mention overlaps when it starts before a stretch ends and ends after it
    starts."""
    doc = ArticleDoc(raw="", text="x" * 40)
    taken = [(3, 7), (10, 10), (12, 20), (20, 21), (30, 30), (-1, -1), (38, 40)]
    found = _Found(doc, rules, None, None, list(taken[:3]), [])
    for start, end in taken[3:]:
        found.take(start, end)
    for start in range(-3, 42):
        for end in range(start - 2, 43):
            plain = any(start < b and a < end for a, b in taken)
            assert found.overlaps(start, end) == plain, (start, end)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Belgian premier will fly on to Vienna on Monday.", "2023-11-20"),
        ("Kishida is due to visit Canberra on Monday.", "2023-11-20"),
        ("Kishida, who will visit Canberra later, arrived on Monday.", "2023-11-13"),
    ],
)
def test_a_weekday_its_clause_plans_is_the_coming_one(sentence: str, expected: str) -> None:
    doc = run(article(TITLE, "Published November 17, 2023", sentence))
    assert _only_date(doc).value == expected
