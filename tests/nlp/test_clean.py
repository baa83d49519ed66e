"""Stage 1: page chrome, headline, publication date, publisher, dateline and sentences."""

import datetime as dt

import pytest

from app.nlp.clean import split_sentences
from app.nlp.doc import ArticleDoc
from app.nlp.rules import Rules
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


@pytest.mark.parametrize("marker", ["POPULAR ARTICLES", "Related Articles"])
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
