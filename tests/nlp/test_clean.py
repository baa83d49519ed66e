"""Stage 1: page chrome, headline, publication date, publisher, dateline and sentences."""

import datetime as dt

import pytest

from app.nlp.clean import _unwrap, domain_words, split_sentences
from app.nlp.doc import ArticleDoc
from app.nlp.pipeline import extract
from app.nlp.rules import Rules, fold
from tests.nlp.conftest import article, run

TITLE = "Kishida and Yoon pledge closer security ties"
LEAD = (
    "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Seoul "
    "on Thursday and the two leaders agreed to deepen cooperation on security and the economy."
)
SECOND = (
    "The talks lasted about an hour, according to officials who briefed reporters afterwards "
    "in the South Korean capital."
)
LATER = (
    "The leaders also agreed to resume regular visits between their capitals, which had been "
    "suspended for more than a decade amid disputes over wartime history and trade curbs "
    "imposed by both sides."
)


@pytest.mark.parametrize(
    "chrome",
    [
        "Text Size",
        "Advertisement",
        "Share",
        "© 2023 The Seoul Herald. All rights reserved.",
        # photo captions with their credits, and bylines
        "Kishida and Yoon at a summit in Tokyo in March. (Getty Images)",
        "Kishida shakes hands with Yoon at the presidential office. (Jane Kim/Seoul Press)",
        "By Ana Marin and Tobias Keller",
        "By Our Staff Correspondent",
        "Voiced by artificial intelligence.",
    ],
)
def test_chrome_line_between_paragraphs_is_dropped(chrome: str) -> None:
    doc = run(article(TITLE, LEAD, chrome, SECOND))
    assert doc.text == f"{TITLE}\n{LEAD}\n{SECOND}"


@pytest.mark.parametrize(
    "marker",
    ["POPULAR ARTICLES", "Related Articles", "Weekly access ranking", '"Opinion" ACCESS RANKING'],
)
def test_ranking_block_after_article_is_cut(marker: str) -> None:
    raw = article(
        TITLE,
        LEAD,
        SECOND,
        marker,
        "Stocks fall as investors weigh rate outlook",
        "Heavy rain floods roads in Busan",
    )
    assert run(raw).text == f"{TITLE}\n{LEAD}\n{SECOND}"


def test_long_paragraph_after_related_links_resumes_the_article() -> None:
    raw = article(
        TITLE, LEAD, "Related Articles", "Stocks fall as investors weigh rate outlook", LATER
    )
    assert run(raw).text == f"{TITLE}\n{LEAD}\n{LATER}"


def test_headline_is_picked_from_under_the_menu() -> None:
    raw = article(
        "Skip to main content",
        "Menu",
        "Search",
        "World",
        TITLE,
        "By Jane Doe, Staff Writer",
        "3 min read",
        LEAD,
        SECOND,
    )
    doc = run(raw)
    assert doc.meta.title == TITLE
    assert doc.text == f"{TITLE}\n{LEAD}\n{SECOND}"
    assert doc.body_start == len(TITLE) + 1


@pytest.mark.parametrize(
    ("above", "headline", "url"),
    [
        # the outlet's masthead, known or named by the URL, is not the headline
        (["The Korea Herald"], TITLE, None),
        (["THE SEOUL TIMES - the Internet Edition"], TITLE, "https://seoultimes.example/a/1"),
        # menus: pipes, wide gaps, section paths
        (["Home | National | Politics | Business"], TITLE, None),
        (["Top Stories   Topics   Video   Listen"], TITLE, None),
        (["Wire Updates > National", "English › News › Politics"], TITLE, None),
        # an all-capitals section kicker over the headline
        (["DIPLOMACY"], TITLE, None),
        (["EAST ASIAN SECURITY"], TITLE, None),
        # a wire's tag before the headline is not part of it
        ([], f"(LEAD) {TITLE}", None),
        # a headline with a colon is no dateline
        ([], "Kishida pledges to Yoon: 'We will not waver'", None),
        # the issuing office's name heading a release
        (["Office of the Cabinet Spokesperson", "Government of Japan"], TITLE, None),
        (["Harbour Information Bureau", "Prime Minister's Office"], TITLE, None),
        # a long menu of one-word lines does not push the headline out of reach
        (
            [
                *("Menu", "Search", "News", "Sports", "Radio", "Music", "Listen", "TV"),
                *("Watch", "Politics", "Sign In", "Quick Links", "Skip to Main Content"),
            ],
            TITLE,
            None,
        ),
    ],
)
def test_headline_is_not_a_masthead_menu_or_kicker(
    above: list[str], headline: str, url: str | None
) -> None:
    doc = run(article(*above, headline, "Published May 7, 2023", LEAD, SECOND), url=url)
    assert doc.meta.title == headline.removeprefix("(LEAD) ")
    assert doc.meta.published == dt.date(2023, 5, 7)


def test_headline_loses_its_surrounding_quote_marks() -> None:
    doc = run(article(f'"{TITLE}"', LEAD, SECOND))
    assert doc.meta.title == TITLE


@pytest.mark.parametrize(
    ("date_line", "expected"),
    [
        ("16:05 JST, November 17, 2023", dt.date(2023, 11, 17)),
        ("Published October 13, 2021", dt.date(2021, 10, 13)),
    ],
)
def test_publication_date_comes_from_the_date_line(date_line: str, expected: dt.date) -> None:
    doc = run(article(TITLE, date_line, LEAD, SECOND))
    assert doc.meta.published == expected
    assert doc.text == f"{TITLE}\n{LEAD}\n{SECOND}"


def test_scraper_date_marker_gives_the_date_and_leaves_the_headline() -> None:
    doc = run(article(f" date 2021-02-12 {TITLE}", LEAD, SECOND))
    assert doc.meta.published == dt.date(2021, 2, 12)
    assert doc.meta.title == TITLE


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/news/2021/02/24/kishida-yoon-ties/", dt.date(2021, 2, 24)),
        ("https://www.example.com/world/2006/sep/16/japan-korea", dt.date(2006, 9, 16)),
        ("https://www.example.com/asia/kishida-yoon-ties/", None),
    ],
)
def test_publication_date_comes_from_the_url(url: str, expected: dt.date | None) -> None:
    assert run(article(TITLE, LEAD, SECOND), url=url).meta.published == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.upi.com/Top_News/World-News/2021/02/24/kishida-yoon/1234/", "UPI"),
        ("https://japannews.yomiuri.co.jp/politics/20231117-150000/", "The Japan News"),
        # unknown outlets: the domain's words, else the domain itself
        ("https://www.pacificharbourherald.com/asia/kishida-yoon/", "Pacific Harbour Herald"),
        ("https://anews.example/world/2021/10/13/kishida-yoon", "A News"),
        ("https://www.news-24x7.net/asia/kishida-yoon-ties/", "news-24x7.net"),
        ("https://www.zxqnewsline.com/news/202621/kishida-yoon/", "zxqnewsline.com"),
        ("file:///tmp/article.html", None),
    ],
)
def test_publisher_comes_from_the_url_domain(url: str, expected: str | None) -> None:
    assert run(article(TITLE, LEAD, SECOND), url=url).meta.publisher == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("© Asia Wire Service. All rights reserved.", "Asia Wire Service"),
        ("Copyright 2023 The Korea Daily Mail. All rights reserved.", "The Korea Daily Mail"),
    ],
)
def test_publisher_comes_from_the_copyright_line(line: str, expected: str) -> None:
    doc = run(article(TITLE, LEAD, SECOND, line))
    assert doc.meta.publisher == expected
    assert doc.text == f"{TITLE}\n{LEAD}\n{SECOND}"


@pytest.mark.parametrize(
    ("opening", "dateline", "publisher"),
    [
        ("SEOUL, Feb. 3 (UPI) -- ", "SEOUL", "UPI"),
        ("SAN FRANCISCO — ", "SAN FRANCISCO", None),
        ("TOKYO (Reuters) - ", "TOKYO", "Reuters"),
        ("", None, None),
    ],
)
def test_dateline_and_wire_credit(
    opening: str, dateline: str | None, publisher: str | None
) -> None:
    doc = run(article(TITLE, opening + LEAD, SECOND))
    assert doc.meta.dateline == dateline
    assert doc.meta.publisher == publisher


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Kishida met U.S. officials on Friday. They discussed trade.",
            ["Mr. Kishida met U.S. officials on Friday.", "They discussed trade."],
        ),
        (
            "George W. Bush visited Tokyo in 2006. He met Prime Minister Shinzo Abe.",
            ["George W. Bush visited Tokyo in 2006.", "He met Prime Minister Shinzo Abe."],
        ),
        (
            "He praised America.The visit was short.",
            ["He praised America.", "The visit was short."],
        ),
        (
            "He wants open lines.(Wire Agency)The statement came later (on Friday).",
            ["He wants open lines.(Wire Agency)", "The statement came later (on Friday)."],
        ),
        (
            '"We agreed to work together," he said. "The region needs it."',
            ['"We agreed to work together," he said.', '"The region needs it."'],
        ),
    ],
)
def test_sentences_keep_abbreviations_and_initials_whole(
    text: str, expected: list[str], rules: Rules
) -> None:
    doc = split_sentences(ArticleDoc(raw=text, text=text), rules=rules)
    assert [s.text for s in doc.sentences] == expected
    assert [text[s.start : s.end] for s in doc.sentences] == expected


def test_short_lead_paragraph_is_kept() -> None:
    short_lead = "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol."
    doc = run(article(TITLE, "Published September 7, 2023", short_lead, LEAD))
    assert doc.text == f"{TITLE}\n{short_lead}\n{LEAD}"


def test_short_dated_paragraph_is_text_not_the_publication_date() -> None:
    recalled = "They last met on March 16, 2023."
    doc = run(
        article(TITLE, LEAD, recalled),
        url="https://www.example.com/news/2023/11/17/kishida-yoon-ties/",
    )
    assert doc.meta.published == dt.date(2023, 11, 17)
    assert doc.text == f"{TITLE}\n{LEAD}\n{recalled}"


@pytest.mark.parametrize("marker", ["Related", "More from the region"])
def test_cookie_banner_and_headline_lists_are_not_article_text(marker: str) -> None:
    doc = run(
        article(
            "We use cookies to improve your experience. By continuing you accept our policy.",
            "Sign up for our daily newsletter",
            "Ramaphosa hosts Kenyan president for state visit",
            "Published 14 November 2023",
            "President Cyril Ramaphosa hosted Kenyan President William Ruto at the Union "
            "Buildings in Pretoria on Tuesday, where the two leaders signed agreements on trade.",
            marker,
            "Biden meets Xi in San Francisco, agree to resume military talks",
            "Modi holds talks with Sunak in New Delhi",
        )
    )
    assert doc.meta.title == "Ramaphosa hosts Kenyan president for state visit"
    assert "San Francisco" not in doc.text
    assert [[p.name for p in s.participants] for s in doc.summits] == [
        ["Cyril Ramaphosa", "William Ruto"]
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (None, "Press Trust of India"),  # the wire credit is all there is
        ("https://www.harbourdailypost.com/world/modi-hasina/", "Harbour Daily Post"),
    ],
)
def test_a_sites_own_name_comes_before_the_wire_it_reprints(url: str | None, expected: str) -> None:
    line = (
        "New Delhi, Nov 1 (PTI) Prime Minister Narendra Modi and his Bangladeshi counterpart "
        "Sheikh Hasina on Wednesday jointly opened three projects via video conference."
    )
    assert run(article(TITLE, line), url=url).meta.publisher == expected


def test_broadcaster_and_syndication_chrome_is_dropped() -> None:
    doc = run(
        article(
            "Track Latest News Live on NDTV.com and get news updates from around the world",
            "Listen to this article",
            "PM Modi Holds Talks With Australian PM Albanese, Discusses Trade",
            "Image caption, The two leaders at Hyderabad House",
            "New Delhi: Prime Minister Narendra Modi on Friday held talks with his Australian "
            "counterpart Anthony Albanese at Hyderabad House and discussed ways to boost trade.",
            "(Except for the headline, this story has not been edited by NDTV staff and is "
            "published from a syndicated feed.)",
            "Download The Times of India News App for Latest India News.",
            "Follow Asia Desk on Telegram for more updates",
        )
    )
    assert doc.meta.title == "PM Modi Holds Talks With Australian PM Albanese, Discusses Trade"
    assert doc.text.count("\n") == 1  # the headline and the one paragraph
    assert doc.meta.publisher == "NDTV"


@pytest.mark.parametrize(
    ("date_line", "expected"),
    [
        ("Published On 3 Jun 2021", dt.date(2021, 6, 3)),
        ("Posted: Thu 7 Mar 2019", dt.date(2019, 3, 7)),
        ("Wed 21 - September 2016 - 07:09", dt.date(2016, 9, 21)),
        ("Monday 17th of March, 2014", dt.date(2014, 3, 17)),
        ("1994-06-12", dt.date(1994, 6, 12)),
        ("2019-03-12T10:14:00Z", dt.date(2019, 3, 12)),
        # a page glues the date twice; the year runs into the second one
        ("Published On 3 Jun 20213 Jun 2021", dt.date(2021, 6, 3)),
        ("12 March, 2019 (Last Updated: 13 March, 2019)", dt.date(2019, 3, 12)),
        # a headline's initials are no time zone
        ("UK PM meets President Ruto: 16 November 2023", None),
        # a source line: the outlet, the date and time, the place
        ("Lusaka Courier, 11 Sep 2014 - 14:34, Lusaka, Zambia", dt.date(2014, 9, 11)),
        # the date in one of the '|' segments of a page-title line
        (f"{TITLE} | Asia | Harbour Wire | 21.12.2004", dt.date(2004, 12, 21)),
        ("Press office 19.8.2019 20.58 | Published in English on 20.8.2019", dt.date(2019, 8, 20)),
        # an update time stands in when nothing else dates the page
        ("By Jane Doe, Harbour Wire | Updated: 12 Mar 2019 10:14 IST", dt.date(2019, 3, 12)),
    ],
)
def test_date_lines_in_many_house_styles(date_line: str, expected: dt.date | None) -> None:
    assert run(article(TITLE, date_line, LEAD, SECOND)).meta.published == expected


def test_labelled_date_at_the_foot_beats_a_date_in_the_headline() -> None:
    headline = "Prime Minister meets President Ruto: 16 November 2023"
    doc = run(article(headline, LEAD, SECOND, "Published 17 November 2023"))
    assert doc.meta.title == headline
    assert doc.meta.published == dt.date(2023, 11, 17)
    assert doc.text == f"{headline}\n{LEAD}\n{SECOND}"


def test_source_line_naming_the_outlet_beats_the_sites_today() -> None:
    doc = run(
        article(
            "Wednesday, 13 November 2024",
            TITLE,
            "Harbour Post , Thursday 16 Nov 2023",
            LEAD,
            SECOND,
        ),
        url="https://www.harbourpost.com/world/kishida-yoon-ties",
    )
    assert doc.meta.publisher == "Harbour Post"
    assert doc.meta.published == dt.date(2023, 11, 16)


@pytest.mark.parametrize(
    ("url", "line", "expected"),
    [
        # the URL files the page under January: 03/01 is the 3rd of January
        ("https://www.example.com/politics/2023-01/kishida-yoon", "Published on 03/01/2023", 3),
        ("https://www.example.com/politics/2023-03/kishida-yoon", "Published on 03/01/2023", 1),
    ],
)
def test_url_month_reads_a_slashed_date(url: str, line: str, expected: int) -> None:
    published = run(article(TITLE, line, LEAD, SECOND), url=url).meta.published
    assert published is not None
    assert published.day == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://twinrivers.example/2008may06/kishida_yoon_ties.html", dt.date(2008, 5, 6)),
        ("http://www.example.com/2003/WORLD/asia/06/02/japan.korea/", dt.date(2003, 6, 2)),
    ],
)
def test_publication_date_from_urls_with_words(url: str, expected: dt.date) -> None:
    assert run(article(TITLE, LEAD, SECOND), url=url).meta.published == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # a section or language subdomain is not the outlet
        ("https://politics.harbourpost.com/2010/11/11/kishida-yoon/", "Harbour Post"),
        ("https://en.harbourpost.co.uk/kishida-yoon/", "Harbour Post"),
        ("https://news.iraq-tradeweekly.com/kishida-yoon/", "Iraq Trade Weekly"),
        # a short domain name that is no word is initials
        ("https://xqb.news/kishida-yoon/", "XQB"),
        # a known outlet served from another host
        ("https://bangkokpost-prod.cdn.examplecms.com/world/kishida-yoon", "Bangkok Post"),
        # a public suffix that is a site of its own
        ("https://www.gov.uk/government/news/kishida-yoon", "GOV.UK"),
    ],
)
def test_publisher_from_the_registered_domain(url: str, expected: str) -> None:
    assert run(article(TITLE, LEAD, SECOND), url=url).meta.publisher == expected


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("MEXICO CITY (Reuters) – ", "Reuters"),
        ("WASHINGTON (AP) _ ", "The Associated Press"),
        ("Xinhua, February 16, 2017\n", "Xinhua"),
        ("By Jane Doe, Reuters | Updated: 12 Mar 2019 10:14 IST\n", "Reuters"),
        ("By JOHN SMITH, Associated Press\n", "The Associated Press"),
    ],
)
def test_a_host_that_is_no_name_gives_way_to_the_credit(opening: str, expected: str) -> None:
    url = "https://qzvnewsblog.blogspot.com/2017/02/kishida-yoon.html"
    assert run(article(TITLE, opening + LEAD, SECOND), url=url).meta.publisher == expected


@pytest.mark.parametrize("url", ["https://www.ardrossantimes.com/1996/4/17/kishida-yoon/"])
def test_a_site_named_by_a_place_and_a_common_word_beats_the_wire_it_prints(url: str) -> None:
    doc = run(article(TITLE, "WASHINGTON (AP) _ " + LEAD, SECOND), url=url)
    assert doc.meta.publisher == "Ardrossan Times"


def test_the_outlets_own_spelling_from_its_copyright_line() -> None:
    doc = run(
        article(TITLE, LEAD, SECOND, "© Copyright HarbourPost"),
        url="https://www.harbourpost.com/world/kishida-yoon",
    )
    assert doc.meta.publisher == "HarbourPost"


@pytest.mark.parametrize(
    ("lines", "dateline"),
    [
        (["BEIJING, March 5 (Xinhua) -- " + LEAD], "BEIJING"),
        (["ANKARA (AA) - " + LEAD], "ANKARA"),
        (["WASHINGTON (AP) _ " + LEAD], "WASHINGTON"),
        (["UNITED NATIONS (AP -- " + LEAD], "UNITED NATIONS"),
        (["YEREVAN. – " + LEAD], "YEREVAN"),
        (["ASTANA. KAZINFORM – " + LEAD], "ASTANA"),
        (["Nairobi, Kenya — " + LEAD], "Nairobi, Kenya"),
        # a city alone on its line above the text, or after the date line
        (["ANKARA", LEAD], "ANKARA"),
        (["Published on 5 March 2019", "Brasília", LEAD], "Brasília"),
        # a communiqué's place and date of issue, an outlet's source line
        (["Paris, October 21, 2011", LEAD], "Paris"),
        (["Lusaka Courier, 11 Sep 2014 - 14:34, Lusaka, Zambia", LEAD], "Lusaka, Zambia"),
        # an ordinal day in the dateline, a place heading a date line, a byline's place
        (["DOHA, 3rd June, 2021 (QNA) -- " + LEAD], "DOHA"),
        (["Manila, Philippines | 9 August 2017", LEAD], "Manila, Philippines"),
        (["By Tomas Reyes in Lima", LEAD], "Lima"),
        (["Lima, 8 Jul 2023 (EFE).- " + LEAD], "Lima"),
        (["Dar es Salaam, Tanzania - " + LEAD], "Dar es Salaam, Tanzania"),
        (["LUSAKA, Tuesday – " + LEAD], "LUSAKA"),
        (["From our correspondent in Accra", LEAD], "Accra"),
        (["By Tomas Reyes, Lima", LEAD], "Lima"),
        # an agency credit closed by a full stop, a double slash after the place
        (["Tashkent, 19 October (UzA). " + LEAD], "Tashkent"),
        (["AMMAN // " + LEAD], "AMMAN"),
        # a wire credit opening the line before the place; the month in capitals
        (["(Harbour Wire) - VALLETTA, MAR 9 - " + LEAD], "VALLETTA"),
        # an agency's name in capitals after the date, closed by a stop or on its own line
        (["MINSK, NOVEMBER 12, BELWIRE. " + LEAD], "MINSK"),
        (["Tbilisi, June 2, GEOPRESS", LEAD], "Tbilisi"),
        # a dated place with its credit on a line of its own; a wire in translation
        (["Kampala, July 8 (Lakeside Wire)", LEAD], "Kampala"),
        (["Lyon, le 3 avril 1997", LEAD], "Lyon"),
        (["Dakar, le 21 novembre 2016 (Lakeside Wire) - " + LEAD], "Dakar"),
        (["Quito, 14 de junio de 2005 (Lakeside Wire).- " + LEAD], "Quito"),
    ],
)
def test_datelines_in_many_house_styles(lines: list[str], dateline: str) -> None:
    assert run(article(TITLE, *lines, SECOND)).meta.dateline == dateline


def test_dateline_with_day_month_year_dates_the_article() -> None:
    doc = run(article(TITLE, "Washington, 31 December 1998 (Harbour Wire) -- " + LEAD, SECOND))
    assert (doc.meta.dateline, doc.meta.published) == ("Washington", dt.date(1998, 12, 31))


def test_a_year_first_date_with_stops_dates_the_page() -> None:
    doc = run(article(TITLE, "Harbour Wire", "2023.10.03 13:45", LEAD, SECOND))
    assert doc.meta.published == dt.date(2023, 10, 3)


def test_an_article_number_in_the_url_gives_the_datelines_year() -> None:
    url = "https://en.harbourwire.example/view/HWN20221205004251315"
    doc = run(article(TITLE, "SEOUL, Dec. 5 (Harbour Wire) -- " + LEAD, SECOND), url=url)
    assert doc.meta.published == dt.date(2022, 12, 5)


@pytest.mark.parametrize("stamp", ["05/04/2017 09:12", "04/05/2017", "05.04.2017"])
def test_a_date_in_numbers_is_read_the_way_the_dateline_spells_it(stamp: str) -> None:
    doc = run(article(TITLE, stamp, "MUSCAT, April 5 (Harbour Wire) -- " + LEAD, SECOND))
    assert doc.meta.published == dt.date(2017, 4, 5)


@pytest.mark.parametrize(
    "headline",
    [
        # long, and no full stop: a headline, not the first paragraph
        "Kishida, Yoon Hold Phone Talks; Agree to Hold Summit on Sidelines of G7 Summit in "
        "Italy Next Month",
        # a headline opening with a topic and a colon is no dateline
        "Security: Kishida, Yoon and Albanese spoke by videoconference on Friday",
    ],
)
def test_headlines_that_look_like_text(headline: str) -> None:
    doc = run(article(headline, LEAD, SECOND))
    assert doc.meta.title == headline
    assert doc.meta.dateline is None


def test_typographic_variants_become_one_spelling() -> None:
    lead = "Japan\u2032s Prime Minister met South\u2010Korean officials.\u200b They agreed."
    doc = run(article(TITLE, lead + " " + SECOND))
    assert "Japan’s Prime Minister met South-Korean officials. They agreed." in doc.text


@pytest.mark.parametrize(
    ("quoted", "expected"),
    [
        ("«We are ready to work together», Tokayev said.", "“We are ready to work together”"),
        ("Scholz sagte: „Wir sind bereit zu reden“.", "“Wir sind bereit zu reden”"),
    ],
)
def test_guillemets_and_low_quotes_become_curly_quotes(quoted: str, expected: str) -> None:
    doc = run(article("Home » World » Asia", TITLE, LEAD, quoted, SECOND))
    assert expected in doc.text
    assert "Home » World" not in doc.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "They met on Jan. 5. Óscar Arias spoke later.",
            ["They met on Jan. 5.", "Óscar Arias spoke later."],
        ),
        (
            "Gen. Ito met the U.S. envoy. Élysée officials said so.",
            ["Gen. Ito met the U.S. envoy.", "Élysée officials said so."],
        ),
        (
            "Talks ended. «Nous sommes d'accord», a-t-il dit.",
            ["Talks ended.", "«Nous sommes d'accord», a-t-il dit."],
        ),
        (
            "He visited No. 10 and St. Paul's. Talks followed.",
            ["He visited No. 10 and St. Paul's.", "Talks followed."],
        ),
        (
            "They met in Little Rock, Ark. Monday under Art. 5 rules. Aides left.",
            ["They met in Little Rock, Ark. Monday under Art. 5 rules.", "Aides left."],
        ),
    ],
)
def test_sentences_start_at_accented_capitals_and_guillemets(
    text: str, expected: list[str], rules: Rules
) -> None:
    doc = split_sentences(ArticleDoc(raw=text, text=text), rules=rules)
    assert [s.text for s in doc.sentences] == expected


def test_hard_wrapped_wire_copy_is_joined_into_paragraphs() -> None:
    raw = article(
        "Leaders agree on trade pact",
        "NAIROBI, Kenya (AP) _ Kenyan President Daniel arap Moi and Tanzanian President",
        "Benjamin Mkapa agreed Tuesday to cut tariffs on goods crossing their border,",
        "officials said after the two leaders met at the State House.",
        '"This is a good day for our peoples," Moi told reporters after the',
        "talks, which lasted two hours.",
        "The two presidents also discussed refugees from the fighting in",
        "neighbouring countries and the cost of fuel.",
    )
    doc = run(raw)
    assert doc.text.split("\n") == [
        "Leaders agree on trade pact",
        "NAIROBI, Kenya (AP) _ Kenyan President Daniel arap Moi and Tanzanian President "
        "Benjamin Mkapa agreed Tuesday to cut tariffs on goods crossing their border, "
        "officials said after the two leaders met at the State House.",
        '"This is a good day for our peoples," Moi told reporters after the talks, which '
        "lasted two hours.",
        "The two presidents also discussed refugees from the fighting in neighbouring "
        "countries and the cost of fuel.",
    ]
    assert doc.meta.dateline == "NAIROBI, Kenya"


def test_a_masthead_spelling_the_sites_domain_is_no_headline() -> None:
    doc = run(article("HarbourWire.com International", "Home | World | Business", TITLE, LEAD))
    assert doc.meta.title == TITLE


def test_a_wrapped_pages_headline_is_not_joined_to_the_caption_below() -> None:
    raw = article(
        "Kenya and Tanzania agree to cut border tariffs for traders",
        "President Daniel arap Moi (L) greets Tanzanian President Benjamin",
        "Mkapa at the State House in Nairobi, March 11, 1997. [Harbour Wire]",
        "Kenyan President Daniel arap Moi and Tanzanian President Benjamin Mkapa",
        "agreed Tuesday to cut tariffs on goods crossing their border, officials",
        "said after the two leaders met at the State House in Nairobi.",
        "The two presidents also discussed refugees from the fighting in",
        "neighbouring countries and the cost of fuel for the region.",
    )
    assert run(raw).meta.title == "Kenya and Tanzania agree to cut border tariffs for traders"


def test_wrapped_copy_with_no_headline_joins_a_first_line_that_breaks_off() -> None:
    raw = article(
        "At the close of two days of talks at the State House hosted by",
        "Kenyan President Daniel arap Moi, Tanzanian President Benjamin Mkapa",
        "agreed to cut tariffs on goods crossing the border, officials said",
        "after the two leaders signed the accord in Nairobi on Tuesday.",
        '"This is a good day for our peoples," Moi told reporters after the',
        "talks, which lasted two hours.",
        "The two presidents also discussed refugees from the fighting in",
        "neighbouring countries and the cost of fuel for the region.",
    )
    assert run(raw).text.startswith(
        "At the close of two days of talks at the State House hosted by Kenyan"
    )


def test_lines_of_a_scraped_page_are_not_joined() -> None:
    raw = article(TITLE, "Menu", "news", LEAD, "Advertisement", SECOND)
    assert run(raw).text == f"{TITLE}\n{LEAD}\n{SECOND}"


def test_labelled_headline_of_archived_wire_copy() -> None:
    raw = article(
        "Support independent journalism: donate to our archive today and keep it free!",
        "FILE ID:XK204",
        "TITLE:MOI AND MKAPA AGREE ON BORDER TARIFFS (03/11/97)",
        "MOI AND MKAPA AGREE ON BORDER TARIFFS",
        LEAD,
        SECOND,
    )
    assert run(raw).meta.title == "MOI AND MKAPA AGREE ON BORDER TARIFFS"


def test_a_line_of_bulleted_links_does_not_open_the_article() -> None:
    links = (
        "Stocks rise as investors weigh rate outlook  • Heavy rain floods roads in Busan  • "
        "Exports climb for a third month  • Festival draws record crowds in Gyeongju"
    )
    doc = run(article(links, TITLE, LEAD, SECOND))
    assert doc.meta.title == TITLE
    assert doc.text == f"{TITLE}\n{LEAD}\n{SECOND}"


@pytest.mark.parametrize(
    ("signature", "expected"),
    [
        (SECOND + " - Xinhua", "Xinhua"),
        (SECOND + " —Reuters", "Reuters"),
        ("Source: AFP", "AFP"),
        (SECOND + " - Prime Minister", "qzvnewsblog.blogspot.com"),
    ],
)
def test_a_wire_signing_the_end_of_a_reprint(signature: str, expected: str) -> None:
    url = "https://qzvnewsblog.blogspot.com/2017/02/kishida-yoon.html"
    assert run(article(TITLE, LEAD, signature), url=url).meta.publisher == expected


@pytest.mark.parametrize(
    ("line", "url"),
    [
        (f"{TITLE} | The Harbour Post", "https://www.harbourpost.com/world/kishida-yoon"),
        (f"{TITLE} - The Harbour Post", "https://www.harbourpost.com/world/kishida-yoon"),
        (f"{TITLE} | World News | Harbour Post", None),
        (f"Analysis | {TITLE}", None),
        (f"EXCLUSIVE: {TITLE}", None),
    ],
)
def test_headline_inside_a_page_title_line(line: str, url: str | None) -> None:
    assert run(article(line, LEAD, SECOND), url=url).meta.title == TITLE


def test_a_dash_inside_a_headline_stays() -> None:
    headline = "Kishida - Yoon talks end without a deal"
    assert run(article(headline, LEAD, SECOND)).meta.title == headline


@pytest.mark.parametrize(
    "label", ["", "dailyharbourgazette", "thenewsroom", "ubn", "xq7zzkv", "riverbend-courier"]
)
def test_host_segmentation_is_wordsegments_own(label: str) -> None:
    """The segmenter that names an unknown outlet gives wordsegment's own words."""
    import wordsegment

    segment, _ = domain_words()
    assert segment(label) == wordsegment.segment(label)


def test_folding_keeps_offsets_and_strips_accents() -> None:
    assert fold("Erdoğan İnönü’s ‘Kraków’ Ⅻ") == "erdogan inonu's 'krakow' ⅻ"
    assert len(fold("Žižek‐Ørsted ß")) == len("Žižek‐Ørsted ß")


@pytest.mark.parametrize(
    "listed",
    [
        # under a line announcing the list
        [
            "The heads of government present were:",
            "- Helmut Kohl, Chancellor of Germany",
            "- Francois Mitterrand",
            "- John Major, British Prime Minister",
        ],
        # entries that say little besides a leader's name, title and country
        ["Who came to the summit?", "Germany: Helmut Kohl", "France: Francois Mitterrand"],
        ["* Helmut Kohl -- chancellor of Germany", "* John Major -- prime minister of Britain"],
    ],
)
def test_a_list_of_leaders_is_article_text(listed: list[str]) -> None:
    lead = (
        "European leaders gathered in Maastricht on Monday for two days of talks on a treaty "
        "that would bind their economies more closely together than ever before."
    )
    doc = run(article("EC leaders meet in Maastricht", lead, *listed, SECOND))
    assert all(line.removesuffix(":") in doc.text for line in listed[1:])


def test_a_list_of_story_links_naming_leaders_is_still_dropped() -> None:
    doc = run(
        article(
            TITLE,
            LEAD,
            SECOND,
            "Biden meets Xi in San Francisco, agree to resume military talks",
            "Modi holds talks with Sunak in New Delhi",
        )
    )
    assert doc.text == f"{TITLE}\n{LEAD}\n{SECOND}"


def test_a_list_of_leaders_above_the_lead_leaves_the_dateline_to_the_lead() -> None:
    doc = run(
        article(
            "G7 leaders gather in the Alps",
            "Will the summit heal the rifts over trade, climate and aid?",
            "Who is coming?",
            "Canada: Stephen Harper",
            "France: Nicolas Sarkozy",
            "Germany: Angela Merkel",
            "Italy: Romano Prodi",
            "Japan: Shinzo Abe",
            "HEILIGENDAMM, Germany (Reuters) -- Leaders of the richest nations opened their "
            "annual summit on Wednesday with talks on climate change and aid to Africa.",
        )
    )
    assert "Angela Merkel" in doc.text
    assert doc.meta.dateline == "HEILIGENDAMM, Germany"


def test_the_outlets_name_in_the_url_path_vouches_for_no_headline() -> None:
    doc = run(
        article(TITLE, LEAD, SECOND, "HWN ab/cd"),
        url="https://www.hwn.example/hwn/english/kishida-yoon-talks/123",
    )
    assert doc.meta.title == TITLE


def test_an_unknown_wire_credit_names_the_outlet_when_nothing_else_does() -> None:
    doc = run(article(TITLE, "ACCRA, May 6 (Coastline Wire) - " + LEAD, SECOND))
    assert doc.meta.publisher == "Coastline Wire"


def test_a_site_named_with_a_number_reads_as_words_after_any_credit() -> None:
    page = article(TITLE, LEAD, SECOND)
    assert run(page, url="https://harbournews24.com/asia/kishida-yoon").meta.publisher == (
        "Harbour News 24"
    )
    credited = article(TITLE, "SEOUL (AFP) - " + LEAD, SECOND)
    assert run(credited, url="https://harbournews24.com/asia/kishida-yoon").meta.publisher == "AFP"


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("Posted: 04/05/2019 10:22 GMT", dt.date(2019, 5, 4)),
        ("Posted: 04/05/2019 10:22 a.m. EST", dt.date(2019, 4, 5)),
        ("Published 03/07/2021 (IST)", dt.date(2021, 7, 3)),
        ("Tue 21-09-2021 19:45 PM", dt.date(2021, 9, 21)),
    ],
)
def test_numeric_publication_dates_a_zone_or_a_day_over_12_orders(
    stamp: str, published: dt.date
) -> None:
    assert run(article(TITLE, stamp, LEAD, SECOND)).meta.published == published


def test_a_headline_naming_two_countries_before_a_colon_is_no_dateline() -> None:
    headline = "Ghana - Togo: the two presidents open a new border post at Aflao"
    doc = run(article(headline, "Accra, 9 May (Lakeside Wire) - " + LEAD, SECOND))
    assert (doc.meta.title, doc.meta.dateline) == (headline, "Accra")


def test_a_headline_set_on_two_lines_is_read_whole() -> None:
    doc = run(
        article("Prime Minister Kishida's Talks", "with President Yoon of Korea", LEAD, SECOND)
    )
    assert doc.meta.title == "Prime Minister Kishida's Talks with President Yoon of Korea"


def test_an_archive_title_in_title_case_keeps_its_stop() -> None:
    headline = "Joint Communique Following Talks With Prime Minister Kishida of Japan."
    doc = run(article("Joe Biden", headline, "May 7, 2023", LEAD, SECOND))
    assert doc.meta.title == headline
    assert not doc.text.count(headline) > 1


@pytest.mark.parametrize(
    "line", ["Updated March 3 (Harbour Wire)", "Monday, June 5 (Harbour Wire)"]
)
def test_a_dated_line_alone_names_a_town_to_be_a_dateline(line: str) -> None:
    assert run(article(TITLE, line, LEAD, SECOND)).meta.dateline is None


def test_short_lines_going_on_in_lower_case_are_left_as_they_are() -> None:
    """Lines too short to tell a wrap width (none of title length), each going on in lower
    case: nothing is joined and nothing fails (a property test found the empty width)."""
    lines = ["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op"]
    assert _unwrap(lines) == lines
    assert extract("\n".join(lines), url=None).summits == []
