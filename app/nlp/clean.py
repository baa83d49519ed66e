"""Stage 1: turn a scraped page into article text and its metadata.

Scraped text keeps the page around the article (menus, share buttons, ranking lists,
copyright lines, captions). We read the metadata from that chrome first (headline,
date line, copyright holder) and then drop it, keeping the article's paragraphs.
"""

import calendar
import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from urllib.parse import urlparse

from app.nlp.doc import ArticleDoc, ArticleMeta, Span
from app.nlp.guard import guarded
from app.nlp.places import lookup_city
from app.nlp.rules import (
    MIN_OUTLET_NAME,
    Publisher,
    RuleDataError,
    Rules,
    fold,
    note_slices,
    outlet_name,
)

HEADER_LINES = 14  # the headline and date sit within the first lines of a page
MIN_TITLE_WORDS = 3
# the words a headline in title case leaves in lower case
TITLE_PARTICLES = frozenset(
    ("a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to")
)
MIN_SLUG_OVERLAP = 0.5  # share of a line's words in the URL that vouches for it as headline
MAX_TITLE_WORDS = 30
LONG_HEADLINE_WORDS = 25  # a line of paragraph length but no full stop; a lead runs longer
OUTLET_LINE_WORDS = 8  # "BERNAMA - Malaysian National News Agency": a masthead, not news
MIN_PARAGRAPH_WORDS = 18  # a line this long is article text
COMMON_WORD_COUNT = 1_000_000  # web frequency of a word a domain's name may be made of
MIN_NAME_PIECE = 4  # a domain's one uncommon piece this long may be a name ("gaea", "deseret")
ACRONYM_LETTERS = 4  # a domain name this short that is no word is initials ("ubn", "jta")
SEGMENT_CHUNK = 250  # wordsegment segments a long text in chunks of this many letters
SEGMENT_CARRY = 5  # ... carrying its last words into the next chunk
MIN_HOST_LABEL = 3  # a known outlet's domain name in a host serving it ("bbc.mirror.example")
GENERIC_LABEL_COUNT = 50_000_000  # "news", "world", "en": section subdomains, not outlets
MAX_OWNER_WORDS = 8
HOST_LABEL = re.compile(r"[.-]")
NON_LETTER = re.compile(r"[^a-z]")
# "EFE News Service: ...", "Xinhua, February 16, 2017", "Ahram Online , Wednesday ..."
SOURCE_LINE = re.compile(r"([A-Z][\w.&'’ -]{1,40}?)(?: News Service| News Agency)?\s*[:,]")
# "By Jane Doe, Reuters | Updated ...", "By Jane Doe | AFP"
BYLINE_CREDIT = re.compile(r"By [^,|]{3,60}[,|] ?([A-Z][\w.&' ]{1,30}?) ?(?:[|,(]|$)")
CREDIT_TAIL_LINES = 3
TRAILING_CREDIT_REACH = 40
TRAILING_CREDIT = re.compile(
    r"(?:^|[\s.])(?:[-–—]+ ?|source: ?|\()(?P<credit>[A-Z][\w.&' ]{1,30}?)\)?\s*$", re.IGNORECASE
)
CREDIT_NAME = re.compile(r"[A-Z][A-Za-z.&' -]{1,30}")  # "KNA", "Daily News", not "06/23/93"
SIGNED_CREDIT = re.compile(r"^[(/]([^)/]{2,20})[)/]")  # "(AP) —", "/TASS/"
MIN_SENTENCE_WORDS = 8  # a line this long that ends a sentence is article text too
DATE_LINE_MAX_WORDS = 8  # "Published Monday, 24 November, 2003, 19:37 GMT"
RESUME_WORDS = 25  # after a cut marker, a paragraph this long means the article goes on
HTML_TAGS_MIN = 5  # this many tags make an input HTML rather than text
MIN_WRAPPED_LINES = 3  # hard-wrapped copy: this many lines (and a share) run on in lower case
WRAPPED_SHARE = 0.15
WIDTH_PERCENTILE = 0.9  # the wrap width, past a few overlong lines
# words a line breaking off mid-sentence ends on; a headline does not end on them
LEADING_WORDS = frozenset(
    ("a", "an", "the", "of", "by", "to", "in", "on", "at", "for", "with", "and", "or", "from")
)
WRAPPED_FILL = 0.6  # a line this close to the width that stops mid-sentence runs on
CUT_MAX_WORDS = 6  # a section marker ("Most popular", '"World" POPULAR ARTICLE') is short
DATELINE_LINES = 5  # the dateline opens one of the first paragraphs
LONE_CITY_WORDS = 3  # "NUR-SULTAN", "Rio de Janeiro" on a line of their own
MIN_DATELINE_LETTERS = 3  # "EU" alone is not a place

MONTHS = "|".join(
    [m for m in calendar.month_name if m] + [m for m in calendar.month_abbr if m] + ["Sept"]
)
_MONTH_NUMBER = {fold(m): i for i, m in enumerate(calendar.month_name) if m} | {
    fold(m): i for i, m in enumerate(calendar.month_abbr) if m
}
_MONTH_NUMBER["sept"] = 9

SCRAPE_DATE_MARKER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s+")
# a year ends at a word's end, or runs into the next date as pages glue them ("3 Jun 20213
# Jun 2021")
YEAR = rf"((?:19|20)\d{{2}})(?:\b|(?=\d{{1,2}} (?:{MONTHS})\b))"
DATE_MDY = guarded(rf"\b({MONTHS})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? ?{YEAR}", re.IGNORECASE)
# "12 Mar 2019", "21st of March, 2019", "21 - September 2016"
DATE_DMY = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?: of| ?[-–])? ({MONTHS})\.?,? {YEAR}", re.IGNORECASE
)
DATE_ISO = re.compile(r"\b((?:19|20)\d{2})[-/](\d{2})[-/](\d{2})(?!\d)")  # "2019-03-12T10:14"
DATE_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b")
DATE_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b")
DATE_DASHED = re.compile(r"\b(\d{1,2})-(\d{1,2})-((?:19|20)\d{2})\b")  # "Tue 12-03-2024 19:45"
DIGIT = re.compile(r"\d")
# a zone after a time tells how a slashed date is ordered: American zones put the month first
SLASH_ZONE = re.compile(
    r"[\s,]+(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?\s*)?)?\(?"
    r"(?P<zone>GMT|UTC|BST|CET|CEST|EET|EEST|WAT|CAT|EAT|SAST|IST|PKT|GST|MSK|WIB|SGT|HKT|JST"
    r"|KST|AEST|AEDT|NZST|ET|EST|EDT|CT|CST|CDT|PT|PST|PDT)\b"
)
MONTH_FIRST_ZONES = frozenset(("ET", "EST", "EDT", "CT", "CST", "CDT", "PT", "PST", "PDT"))
# in order of trust
# "2023.10.03 13:45": the year first with stops, as Baltic and East Asian sites print it
DATE_ISO_DOTTED = re.compile(r"\b((?:19|20)\d{2})\.(\d{2})\.(\d{2})(?![\d.]\d)")
DATE_PATTERNS = (
    DATE_MDY,
    DATE_DMY,
    DATE_ISO,
    DATE_ISO_DOTTED,
    DATE_DOTTED,
    DATE_SLASH,
    DATE_DASHED,
)
MONTHS_IN_YEAR = 12
URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?(\d{2})[-/_]?(\d{2})(?!\d)")
URL_TRAILING_DATE = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})(?=$|[/?#._-])")
UPDATED_LINE = re.compile(r"^\s*(?:last\s+)?(?:updated|modified)\b", re.IGNORECASE)
URL_YEAR_MONTH = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_](\d{2})(?!\d)")
# "/2006/sep/16/", "/2008may06/"
URL_YEAR_MONTH_SLUG = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-/_]?(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*"
    r"[-/_]?(\d{1,2})(?!\d)",
    re.IGNORECASE,
)
# "/2003/WORLD/europe/06/02/story": the year, sections, then month and day
URL_SECTIONED_DATE = re.compile(r"/((?:19|20)\d{2})/(?:[A-Za-z][\w.-]*/){1,2}(\d{2})/(\d{2})/")
DATE_LINE = re.compile(
    r"^(?:(?:published|posted|updated|last updated)(?: on)?:?"
    r"|[\w .]+ published|\d{1,2}:\d{2}\s*\w*,)",
    re.IGNORECASE,
)
DATELINE = re.compile(
    # "(ANSA) - NAPLES, FEB 27 - ...": a wire credit may open the line, before the place
    r"^(?:\((?P<lead>[A-Z][A-Za-z .]{1,20})\)\s*[-–—]+\s*(?=[A-Z]))?"
    r"(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?(?:/[A-Z][A-Za-z .-]+)?(?:, [A-Z][A-Za-z. ]{1,30})?)"
    r"(?: \[[A-Z][A-Za-z .]{1,30}\])?"  # "Hiroshima [Japan], May 20 (ANI):"
    # "NAPLES, FEB 27", "YEREVAN, OCTOBER 5": wire copy sets the month in capitals too
    rf"(?:,? (?P<when>(?i:{MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?(?:,? (?:19|20)\d{{2}})?"
    # "Washington, 31 December 1998", "ABU DHABI, 12th March, 2024 (WAM) --"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?i:{MONTHS})\.?(?:,? (?:19|20)\d{{2}})?"
    # a wire in translation keeps its own month: "Paris, le 12 mars 2008", "Nouakchott, le
    # 19 février 2021 (APS) -", "Madrid, 3 de mayo de 1999"; a lowercase word as month
    # needs a year or the credit after it
    r"|(?:le )?\d{1,2}(?:er|º)? (?:de )?[a-zéèûô]{3,10}\.?(?: de|,)?(?: (?:19|20)\d{2}|(?= ?\())"
    r"))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\)|\.? /(?P<slashed>[A-Z][A-Za-z-]{1,20})/\.?"
    r"|\((?P<unclosed>[A-Z]{2,6})(?= --| —| –| _)"  # "UNITED NATIONS (AP -- ": a lost bracket
    r"|, (?P<bare>[A-Z]{2,6}) (?=--|—|–)"  # "Jeddah, Apr 30, 2021, SPA --"
    # "YEREVAN, OCTOBER 5, ARMENPRESS. Prime Minister ...", "Baku, March 14, AZERTAC": an
    # agency's name in capitals after the date, closed by a stop or the line's end
    r"|(?<=\d), (?P<signed>[A-Z]{3,12})(?:\.\s+(?=[A-Z])|\.?$))?"
    r"(?(signed)|(?:\s*(?:—|–|--)\s*|\s+[-_]\s+|\s*:\s+|\s*:$"
    # "New Delhi, Sep 14 (PTI) Prime Minister ...", "SOCHI, September 4. /TASS/. Russian ...":
    # the credit ends it
    r"|(?<=\))\s+(?=[A-Z])|(?<=/\.)\s+(?=[A-Z])|(?<=/)\s+(?=[A-Z])"
    r"|(?<=\))\.-?\s*(?=[A-Z])"  # "Brasilia, 8 Jul 2023 (EFE).- Brazilian ...", "(UzA). "
    r"|\s+//\s+(?=[A-Z])"  # "BAGHDAD // Iraqi Prime Minister ..."
    # "Bishkek, June 13 (PTI)" or "Paris, le 12 mars 2008" on a line of its own: a dated
    # place closes the line
    r"|(?(when)\s*$|(?!))))"
)
DATELINE_ENDS = "—–-_:)/"
PAIR_HEADING = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}\s?:\s")  # "Burkina Faso: "
DATELINE_DAY = re.compile(r"(?P<month>[A-Za-z]+)\.? (?P<day>\d{1,2})(?:st|nd|rd|th)?")  # "Oct 3"
PLACE_PARTICLES = frozenset(("es", "de", "da", "do", "del", "la", "le", "al", "el", "of", "upon"))
DATE_LINE_RESIDUE_WORDS = 4  # "Agenda.ge, 11 Sep 2014 - 14:34, Tbilisi, Georgia"
RESIDUE_SPLIT = re.compile(r"[\s,;:|/()–—-]+")
TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?", re.IGNORECASE)
ZONE = re.compile(r"[A-Z]{1,4}T|MSK|WIB|UTC(?:[+-]\d+)?|GMT[+-]\d+|[ap]\.?m\.?|hrs?")
WEEKDAYS = frozenset(
    fold(d) for d in [*calendar.day_name, *calendar.day_abbr, "Tues", "Thur", "Thurs"]
)
PUBLISHED_LABEL = re.compile(
    r"^(?:(?:first |originally |date )?(?:published|posted|publication date|released)\b"
    r"|date\s*:)",  # "DATE:06/23/93" in archived wire copy
    re.I,
)
# "06/23/93": a two-digit year, read only after a label
SHORT_SLASH = re.compile(r"\b(\d{1,2}/\d{1,2}/)(\d{2})\b")
CENTURY_PIVOT = 50  # "93" is 1993, "07" is 2007
LABEL_EXTRA_WORDS = 4  # "Published in English on 20.8.2019 at 11.24"
LABEL_REACH = 60  # the labelled date follows the label closely
PLACE_TAIL = re.compile(  # ", Lusaka, Zambia" or "- Tbilisi,Georgia" closing a date line
    r"[,–—-] ?(?P<place>[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2}(?:, ?[A-Z][\w’' .-]{1,30})?)\s*$"
)
PLACE_WORDS = r"[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2}"  # "Tokyo", "Rio de Janeiro" (capitals)
PLACE_HEAD = re.compile(  # "Tokyo, Japan | 12 May 2016" opening a date line
    rf"(?P<place>{PLACE_WORDS}(?:, ?{PLACE_WORDS})?)\s*(?:\||[–—-]\s|,\s*(?=\d))"
)
PAGE_SEGMENT = re.compile(r"\s*\|\s*")  # "Headline | Section | DW | 21.12.2004"
BYLINE_PLACE = re.compile(  # "By Jane Doe in Nairobi": where the reporter files from
    r"(?:By [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}(?: in|,)"
    r"|(?:From )?[Oo]ur (?:own )?correspondent in) "
    rf"(?P<place>{PLACE_WORDS}(?:, {PLACE_WORDS})?)\s*$"
)
# archived wire copy and databases label the headline: "TITLE: ...", "HEADLINE: ..."
TITLE_LABEL = re.compile(r"(?:title|headline)\s*:\s*(?P<title>\S.{8,})", re.IGNORECASE)
TRAILING_STAMP = re.compile(r"\s*\([^()]*\d[^()]*\)$")  # "... JUNE 29 (06/23/93)"
INNER_SENTENCE = re.compile(r"[a-z]{2}[.!?] [A-Z]")
HTML_TITLE = re.compile(r"<title[^>]*>([^<]{1,300})</title>", re.IGNORECASE)
TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
MAX_SITE_WORDS = 5
OFFICE = r"(?:Office|Bureau|Ministry|Department|Secretariat|Government|Presidency)"
OFFICE_NAME = re.compile(  # the issuing office's name heading a release, every word capitalised
    rf"(?:The )?(?:{OFFICE} of(?: (?:[A-Z][\w'’-]*|of|and|the|for))+"
    rf"|(?:[A-Z][\w'’-]* ){{0,4}}(?:[A-Z][\w-]*['’]s )?{OFFICE})"
)
SITE_NAME = re.compile(r"[A-Za-z][\w-]*\.(?:com|net|org|info|[a-z]{2})\b(?![.-])")
COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?:-\s*\d{4}\s*)?(?P<owner>[A-Z][^.(|\n]{2,60}?)"
    r"\s*(?:\(|\.|,|all rights|$)",
    re.IGNORECASE,
)
COPYRIGHT_WORD = re.compile(r"^(?:copyright|©)\s*", re.IGNORECASE)  # "© Copyright Name"
BREADCRUMB = re.compile(r"^(?:home|news)\s*[»>/|].*[»>/|]\s*(?P<title>.+)$", re.IGNORECASE)
GLUED_MENU = re.compile(r"^(?:Top|Home|Menu)(?=[A-Z][a-z’'])")
MENU_SEPARATOR = re.compile(r"\s(?:\||>|»|›|•)\s")  # "Home | World", "China > Politics"
MENU_GAP = re.compile(r"(?<=\S)(?: {3,}|\t+)(?=\S)")  # menu items set apart by wide gaps
MIN_MENU_GAPS = 2
KICKER_WORDS = 4  # "EUROPEAN POLITICAL COMMUNITY" over a headline: a section, not the news
WIRE_TAG = re.compile(  # "(LEAD) Trump, Xi agree ...", "UPDATE 2-Leaders meet ..."
    r"^(?:\((?:LEAD|\d+(?:ST|ND|RD|TH) LD|URGENT|News Focus|Yonhap Interview)\)\s*"
    r"|UPDATE \d+[-–]\s*)",
    re.IGNORECASE,
)
# a section's label before a headline: "EXCLUSIVE: ...", "Analysis: ..."
KICKER_LABEL = re.compile(
    r"^(?:exclusive|breaking(?: news)?|analysis|opinion|editorial|explainer|factbox|live)"
    r"\s*[:|]\s*",
    re.IGNORECASE,
)
TAG = re.compile(r"<[a-zA-Z/][^>]{0,200}>")
WORD = re.compile(r"[\w’'-]+")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*$")
# Typographic variants that scraped pages mix, each made one character of the same length,
# and invisible characters dropped: "Putin′s" (a prime) is "Putin’s", a soft hyphen breaks
# no name, «guillemets» and „low quotes“ become “curly quotes” (quotes pairs those).
CHARACTER_FORMS = str.maketrans(
    {
        "\u2032": "’",  # prime
        "\u02bc": "’",  # modifier letter apostrophe
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2212": "-",  # minus sign
        "\u2012": "–",  # figure dash
        "\u2015": "—",  # horizontal bar
        "\u200b": None,  # zero-width space
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,  # word joiner
        "\ufeff": None,  # byte-order mark
        "\u00ad": None,  # soft hyphen
    }
)
# Quotations opened and closed: «guillemets» (a lone » is a menu's separator) and „low“
GUILLEMETS = re.compile(r"«([^«»\n]{1,1000})»|„([^„“”\n]{1,1000})[“”]")
CHARACTER_VARIANT = re.compile("[" + "".join(chr(c) for c in CHARACTER_FORMS) + "]")
# a run of spaces, found only where it is not already one plain space (most are)
WHITESPACE = re.compile(
    r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
)


@lru_cache(maxsize=4096)
def _words(line: str) -> int:
    """How many words a line has; cached, as the cleaning passes count each line again."""
    return len(WORD.findall(line))


def clear_line_memo() -> None:
    """Forget the lines counted (a benchmark pass sees each article as new)."""
    _words.cache_clear()
    _dateline.cache_clear()


def make_date(year: str, month: str | int, day: str) -> dt.date | None:
    number = month if isinstance(month, int) else _MONTH_NUMBER.get(fold(month).rstrip("."))
    if number is None:
        return None
    try:
        return dt.date(int(year), int(number), int(day))
    except ValueError:
        return None


def _find_date(text: str, month_hint: tuple[int, int] | None = None) -> re.Match[str] | None:
    """The first full calendar date written in ``text``, as its match (``_read_date`` reads it)."""
    for pattern in DATE_PATTERNS:
        match = pattern.search(text)
        if match and _read_date(match, month_hint):
            return match
    return None


def _read_date(match: re.Match[str], month_hint: tuple[int, int] | None = None) -> dt.date | None:
    a, b, c = match.groups()
    if match.re is DATE_MDY:
        return make_date(c, a, b)
    if match.re is DATE_DMY:
        return make_date(c, b, a)
    if match.re is DATE_DOTTED:  # 11.08.2019: day first, as dotted dates are written
        return make_date(c, int(b), a)
    if match.re in (DATE_SLASH, DATE_DASHED):  # 20/06/2023 or 06/20/2023; 05/06/2023 needs a hint
        first, second = int(a), int(b)
        if first == second:  # 08/08/2023 reads the same both ways
            return make_date(c, first, b)
        if first > MONTHS_IN_YEAR >= second:
            return make_date(c, second, a)
        if second > MONTHS_IN_YEAR >= first:
            return make_date(c, first, b)
        # the URL's year and month ("/2023-01/") tell which number is the month
        for month, day in ((second, a), (first, b)):
            if month_hint == (int(c), month):
                return make_date(c, month, day)
        # else the time zone printed after it: "04/05/2019 10:22 GMT" is British, day first
        zone = SLASH_ZONE.match(match.string, match.end())
        if zone:
            day_first = zone.group("zone") not in MONTH_FIRST_ZONES
            return make_date(c, second, a) if day_first else make_date(c, first, b)
        return None
    return make_date(a, int(b), c)


def find_date_in(text: str, month_hint: tuple[int, int] | None = None) -> dt.date | None:
    """The first full calendar date written in ``text``."""
    match = _find_date(text, month_hint)
    return _read_date(match, month_hint) if match else None


def month_from_url(url: str | None) -> tuple[int, int] | None:
    """The year and month a URL files its page under ("/2023-01/", "/2019/03/")."""
    if not url:
        return None
    match = URL_YEAR_MONTH.search(urlparse(url).path)
    if not match or not 1 <= int(match.group(2)) <= MONTHS_IN_YEAR:
        return None
    return int(match.group(1)), int(match.group(2))


def date_from_url(url: str | None) -> dt.date | None:
    """A publication date spelled in the URL path (/2021/02/24/, 2001-02-17, /2006/sep/16)."""
    if not url:
        return None
    path = urlparse(url).path
    for match in URL_DATE.finditer(path):
        found = make_date(match.group(1), int(match.group(2)), match.group(3))
        if found:
            return found
    for slug in URL_YEAR_MONTH_SLUG.finditer(path):
        found = make_date(slug.group(1), slug.group(2), slug.group(3))
        if found:
            return found
    sectioned = URL_SECTIONED_DATE.search(path)
    if sectioned:
        found = make_date(sectioned.group(1), int(sectioned.group(2)), sectioned.group(3))
        if found:
            return found
    for trailing in URL_TRAILING_DATE.finditer(path):  # Reuters ids end in YYYYMMDD
        found = make_date(trailing.group(1), int(trailing.group(2)), trailing.group(3))
        if found:
            return found
    return None


def _is_html(raw: str) -> bool:
    return len(TAG.findall(raw[:5000])) >= HTML_TAGS_MIN


def _from_html(doc: ArticleDoc) -> None:
    """Run trafilatura and keep its metadata."""
    import trafilatura  # imported on first HTML input: it is slow to import and text needs none

    extracted = trafilatura.bare_extraction(
        doc.raw, url=doc.url, with_metadata=True, include_comments=False
    )
    if extracted is None or isinstance(extracted, dict):  # dicts only with as_dict=True
        doc.text = ""
        return
    doc.text = extracted.text or ""
    doc.meta.title = extracted.title
    doc.meta.publisher = extracted.sitename or _site_in_title(doc.raw, extracted.title)
    if extracted.date:
        try:
            doc.meta.published = dt.date.fromisoformat(extracted.date[:10])
        except ValueError:
            doc.meta.published = None
    if not doc.url and extracted.url:
        doc.url = extracted.url


def _site_in_title(html: str, headline: str | None) -> str | None:
    """The outlet a page's <title> appends to the headline ("Headline | Asia Pacific Daily")."""
    match = HTML_TITLE.search(html)
    if not match or not headline:
        return None
    parts = TITLE_SEPARATOR.split(match.group(1).strip())
    if len(parts) < 2 or fold(parts[0]).strip() != fold(headline).strip():
        return None
    site = parts[-1].strip()
    return site if 0 < _words(site) <= MAX_SITE_WORDS else None


def _is_chrome(line: str, rules: Rules) -> bool:
    return _one_of(rules.chrome_lines).fullmatch(line) is not None


_ONE_OF: dict[int, tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]] = {}


def _one_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """The table's patterns as one alternation (of the same flags): a line fully matches it
    when it fully matches one of them, tested in one call instead of one call each."""
    cached = _ONE_OF.get(id(patterns))
    if cached is None or cached[0] is not patterns:
        flags = {p.flags for p in patterns}
        if len(flags) > 1:
            raise RuleDataError("page chrome patterns must share their flags")
        joined = "|".join(f"(?:{p.pattern})" for p in patterns) or "(?!)"
        cached = _ONE_OF[id(patterns)] = (patterns, re.compile(joined, flags.pop() if flags else 0))
    return cached[1]


def _is_cut(line: str, rules: Rules) -> bool:
    if _words(line) > CUT_MAX_WORDS:
        return False
    bare = line.strip(" \"“”'‘’:-–—|")
    if _one_of(rules.chrome_cuts).fullmatch(bare):
        return True
    for pattern in rules.chrome_cuts:
        # '"World" POPULAR ARTICLE': a marker in capitals. A pattern opening with ".*" can
        # only be found from the line's start (a line has no newline), so it is matched
        # there once instead of searched from every offset (quadratic on a long line).
        leading = pattern.pattern.startswith("(?:.*") and "|" not in pattern.pattern
        find = pattern.match if leading else pattern.search
        shouted = find(line)
        if shouted and shouted.group().isupper():
            return True
    return False


def _drop_link_lists(kept: list[str], rules: Rules) -> tuple[list[str], set[str]]:
    """Headline-like lines in a run ("Related" links: "Biden meets Xi in San Francisco",
    "Modi holds talks with Sunak") are links to other stories, not the article's text.
    A list of people is content though ("Participants:", "Canada: Jean Chretien",
    "Olaf Scholz - chancellor of Germany"): see ``_names_people``. Such lines are returned
    too, as they are no lead paragraph to find a dateline in."""

    def bare(line: str) -> bool:
        return SENTENCE_END.search(line) is None and _words(line) < MIN_PARAGRAPH_WORDS

    drop = set()
    listed = set()
    listing = False  # under a line announcing a list ("The leaders present were:")
    for i, line in enumerate(kept):
        neighbours = [kept[j] for j in (i - 1, i + 1) if 0 <= j < len(kept)]
        linked = bare(line) and any(bare(n) for n in neighbours)
        # "Conference participants:" over a list of people announces it
        opens = line.rstrip().endswith(":") and i + 1 < len(kept)
        announces = opens and _names_people(kept[i + 1], rules, listing=True)
        if linked and (announces or _names_people(line, rules, listing)):
            listed.add(line)
        elif linked:
            drop.add(i)
        listing = line.rstrip().endswith(":") or (listing and bare(line))
    return [line for i, line in enumerate(kept) if i not in drop], listed


FILLER_WORDS = frozenset(("of", "the", "and", "his", "her", "excellency", "republic", "mr", "ms"))
MAX_ENTRY_LEFTOVER = 1  # "Canada: Jean Chretien" leaves nothing; "Biden meets Xi in ..." more


_TITLES: dict[int, tuple[object, re.Pattern[str]]] = {}


def _titles_of(titles: Mapping[str, object]) -> re.Pattern[str]:
    """The folded titles as one pattern, longest first ("prime minister" before "minister")."""
    cached = _TITLES.get(id(titles))
    if cached is None or cached[0] is not titles:
        ordered = sorted(titles, key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b")
        cached = _TITLES[id(titles)] = (titles, pattern)
    return cached[1]


def _names_people(line: str, rules: Rules, listing: bool) -> bool:
    """A line of a list of people: it names a known leader and either stands under a line
    announcing a list, or says little else than the leader's title and country (a link to a
    story has a verb: "Biden meets Xi in San Francisco")."""
    leaders = rules.find(line, "leader")
    if not leaders:
        return False
    if listing or line.rstrip().endswith(":"):
        return True
    rest = line
    for start, end, _ in sorted(leaders + rules.find(line, "country"), reverse=True):
        rest = rest[:start] + " " + rest[end:]
    folded = _titles_of(rules.titles).sub(" ", fold(rest))
    leftover = [w for w in WORD.findall(folded) if w not in FILLER_WORDS and not w.isdigit()]
    return len(leftover) <= MAX_ENTRY_LEFTOVER


def _is_paragraph(line: str) -> bool:
    words = _words(line)
    if len(MENU_SEPARATOR.findall(line)) >= MIN_MENU_GAPS:
        return False  # "Story one • Story two • Story three": a list of links
    dateline = DATELINE.match(line) if _dateline(line) else None
    return (
        words >= MIN_PARAGRAPH_WORDS
        or (words >= MIN_SENTENCE_WORDS and SENTENCE_END.search(line) is not None)
        # "LAHORE, Feb 21: Prime Minister ...", not "DAWN - the Internet Edition" nor the
        # headline "Bush pledges to exiled emir: 'Iraq will fail'"
        or (dateline is not None and _words(line[dateline.end() :]) >= MIN_SENTENCE_WORDS)
    )


def _is_date_line(line: str, month_hint: tuple[int, int] | None = None) -> bool:
    """A line that only dates the page ("16:05 JST, November 17, 2023", "Ahram Online,
    Wednesday 17 Oct 2018"), not a sentence, a headline holding a date ("Leaders meet in
    Tokyo: 20 May 2023") nor the signature of an embedded post ("— Name (@handle) June 23")."""
    return _date_of_line(line, month_hint) is not None


def _date_of_line(
    line: str, month_hint: tuple[int, int] | None = None
) -> tuple[dt.date, str] | None:
    """The date of a date line and what else the line says (an outlet, a place)."""
    if DIGIT.search(line) is None:  # every date pattern reads a day or a year in digits
        return None
    if line.lstrip().startswith(("—", "–", "-", "(")):
        return None
    labelled = DATE_LINE.match(line) is not None
    if not labelled and (
        _words(TIME.sub(" ", line)) > DATE_LINE_MAX_WORDS or line.rstrip().endswith(".")
    ):
        return None
    match = _find_date(line, month_hint)
    if match is None:
        return None
    residue = line[: match.start()] + " " + line[match.end() :]
    for pattern in DATE_PATTERNS:  # "12 March, 2019 (Last Updated: 13 March, 2019)"
        residue = pattern.sub(" ", residue)
    residue = " ".join(_residue_words(residue))
    if not labelled and len(residue.split()) > DATE_LINE_RESIDUE_WORDS:
        return None
    when = _read_date(match, month_hint)
    return (when, residue) if when else None


def _residue_words(text: str) -> list[str]:
    """What a date line says besides its date: times, weekdays and zones do not count."""
    return [
        word
        for word in RESIDUE_SPLIT.split(TIME.sub(" ", text))
        if word and fold(word).rstrip(".") not in WEEKDAYS and not ZONE.fullmatch(word)
    ]


def _published_label(line: str, month_hint: tuple[int, int] | None) -> dt.date | None:
    """'Published 21 September 2017', 'Posted: Thu 7 Mar 2019', 'Published in English on
    20.8.2019': a labelled publication date, wherever the page prints it."""
    if not PUBLISHED_LABEL.match(line) or _words(line) > DATE_LINE_MAX_WORDS + LABEL_EXTRA_WORDS:
        return None
    head = line[:LABEL_REACH]
    return find_date_in(head, month_hint) or find_date_in(
        SHORT_SLASH.sub(_full_year, head), month_hint
    )


def _full_year(match: re.Match[str]) -> str:
    """Two-digit years in full: "06/23/93" as "06/23/1993", "05/17/07" as "05/17/2007"."""
    century = "19" if int(match.group(2)) >= CENTURY_PIVOT else "20"
    return match.group(1) + century + match.group(2)


def _strip_title(line: str) -> str:
    line = WIRE_TAG.sub("", GLUED_MENU.sub("", line).strip())
    line = KICKER_LABEL.sub("", line)
    if len(line) > 2 and line[0] in "\"“'‘" and line[-1] in "\"”'’":
        line = line[1:-1].strip()
    return line


def _headline_part(line: str, outlets: frozenset[str]) -> str:
    """The headline in a page-title line: "Headline | World | Daily Planet" or "Analysis |
    Headline" keep the one long segment; "Headline - The Daily Planet" drops the outlet."""
    if " | " in line:
        segments = sorted((s.strip() for s in line.split(" | ")), key=_words, reverse=True)
        longest, *others = segments
        if others and _words(longest) >= MIN_TITLE_WORDS and _words(others[0]) <= MAX_SITE_WORDS:
            return longest if _words(longest) > _words(others[0]) else line
        return line
    parts = TITLE_SEPARATOR.split(line)
    if len(parts) > 1 and _names_outlet(parts[-1], outlets):
        return line[: line.rfind(parts[-1])].rstrip(" -–—|")
    return line


def _slug_words(url: str | None) -> set[str]:
    if not url:
        return set()
    parts = urlparse(url)
    # the outlet's own name in its path ("efe.com/efe/english/...") vouches for no headline
    host = set(re.split(r"[^a-z]+", fold(parts.netloc)))
    return {w for w in re.split(r"[^a-z]+", fold(parts.path)) if len(w) > 2 and w not in host}


def _pick_title(
    header: list[tuple[str, bool]], lines: list[str], url: str | None, outlets: frozenset[str]
) -> str | None:
    """The headline: a short line near the top, best matching the URL slug, preferring
    lines before the first paragraph; not a menu, a section path or the outlet's name."""
    slug = _slug_words(url)
    best: tuple[float, int, str] | None = None
    for index, (line, after_body) in enumerate(header):
        crumb = BREADCRUMB.match(line)
        candidate = _headline_part(_strip_title(crumb.group("title") if crumb else line), outlets)
        joined = (
            candidate[:1].islower()
            and _words(candidate) >= MIN_TITLE_WORDS
            and index > 0
            and not _ends(header[index - 1][0])
        )
        if joined:
            # "President X's Meeting" over "with the Deputy President": one headline set
            # on two lines, read whole rather than its first half
            candidate = f"{_strip_title(header[index - 1][0])} {candidate}"
        words = _words(candidate)
        if not MIN_TITLE_WORDS <= words <= MAX_TITLE_WORDS or _is_date_line(candidate):
            continue
        if MENU_SEPARATOR.search(candidate) or _names_outlet(candidate, outlets):
            continue
        if SITE_NAME.match(candidate):
            continue  # "CNN.com International": the site's masthead
        if OFFICE_NAME.fullmatch(candidate):
            continue  # "Office of the Press Secretary", "Press Information Bureau": who issues it
        if candidate.isupper() and words <= KICKER_WORDS:
            continue
        if candidate.lower().startswith(("by ", "photo", "watch ", "official ")):
            continue
        tokens = {w for w in re.split(r"[^a-z]+", fold(candidate)) if len(w) > 2}
        overlap = len(tokens & slug) / len(tokens) if tokens and slug else 0.0
        repeated = sum(1 for other in lines if other != line and other.startswith(candidate))
        repeated += sum(1 for other in lines if other == line) - 1
        if after_body and overlap < MIN_SLUG_OVERLAP and not repeated:
            continue  # past the first paragraph, only a line the URL or a repeat vouches for
        if candidate.rstrip()[-1:] in ".:,;" and not _title_cased(candidate):
            continue  # a sentence or a cut-off line, not a headline
        score = (
            overlap
            + (0.5 if repeated else 0.0)
            + (0.3 if crumb else 0.0)
            + (0.0 if after_body else 0.2)
            + (0.1 if joined else 0.0)
        )
        if best is None or score > best[0]:
            best = (score, index, candidate)
    if best is None:
        return None
    # A repeated shorter form is the real headline ("X news" then "X").
    title = best[2]
    whole = header[best[1]][0] != title and title.endswith(header[best[1]][0])
    for other in [] if whole else lines:
        if title.startswith(other) and _words(other) >= MIN_TITLE_WORDS and other != title:
            title = _strip_title(other)
    return title


def _title_cased(line: str) -> bool:
    """'Joint Statement Following Discussions With Prime Minister Sato of Japan.': an
    archive's document title closed by a stop; every word capitalised but the particles,
    as no sentence is ("Zelensky met Aliyev in New York." has "met")."""
    words = line.rstrip(".").split()
    return (
        line.endswith(".")
        and len(words) >= MIN_TITLE_WORDS
        and all(w[:1].isupper() or w in TITLE_PARTICLES for w in words)
    )


def _names_outlet(line: str, outlets: frozenset[str]) -> bool:
    """'The Korea Herald', 'DAWN - the Internet Edition', 'Yonhap News Agency'."""
    return _words(line) <= OUTLET_LINE_WORDS and outlet_name(line).startswith(_as_tuple(outlets))


_TUPLES: dict[int, tuple[frozenset[str], tuple[str, ...]]] = {}


def _as_tuple(names: frozenset[str]) -> tuple[str, ...]:
    """The set as a tuple, made once: str.startswith tries a tuple's strings in one call."""
    cached = _TUPLES.get(id(names))
    if cached is None or cached[0] is not names:
        cached = _TUPLES[id(names)] = (names, tuple(names))
    return cached[1]


@cache
def domain_words() -> tuple[Callable[[str], list[str]], dict[str, float]]:
    """wordsegment's unigram table, loaded on first use (0.3 s) as most outlets are known;
    tld's list of public suffixes is read with it, for the registered part of a host."""
    import wordsegment
    from tld import get_tld

    wordsegment.load()
    get_tld("https://example.co.uk", fail_silently=True)
    table = wordsegment.Segmenter
    segment = _segmenter(
        wordsegment.UNIGRAMS, wordsegment.BIGRAMS, table.TOTAL, table.LIMIT, table.ALPHABET
    )
    return segment, wordsegment.UNIGRAMS


def _segmenter(
    unigrams: dict[str, float],
    bigrams: dict[str, float],
    total: float,
    limit: int,
    alphabet: set[str],
) -> Callable[[str], list[str]]:
    """wordsegment's own segmentation (the same scores, searches and ties, so the same
    words), written without its generator of candidates and with a word's score read once
    per step: twice as fast, and an unknown host is segmented in every such article."""

    # only a known word that opens some bigram can change the scores of the words after it
    leading = frozenset(pair.split(" ", 1)[0] for pair in bigrams) & unigrams.keys()

    def unigram(word: str) -> float:
        count = unigrams.get(word)
        return count / total if count is not None else 10.0 / (total * 10 ** len(word))

    def segment(text: str) -> list[str]:
        memo: dict[tuple[str, str], tuple[float, list[str]]] = {}
        logs: dict[str, float] = {}  # a word's own log score, as each word recurs in states

        def search(text: str, previous: str = "<s>") -> tuple[float, list[str]]:
            """The best-scoring words of text after ``previous``; the first of equal scores
            whose words sort highest, as max() over (score, words) picks."""
            if not text:
                return 0.0, []
            # a word that opens no bigram finds no pair: skip the look-ups that would miss
            known = previous in leading
            given = unigram(previous) if known else 0.0
            best_score, best_prefix, best_rest = 0.0, "", list[str]()
            for pos in range(1, min(len(text), limit) + 1):
                prefix, suffix = text[:pos], text[pos:]
                # after a word that opens no bigram the rest scores as after any such word,
                # so those searches share one memo entry
                key = prefix if prefix in leading else ""
                found = memo.get((suffix, key))
                if found is None:
                    found = memo[suffix, key] = search(suffix, prefix)
                pair = bigrams.get(f"{previous} {prefix}") if known else None
                if pair is not None:
                    score = math.log10(pair / total / given) + found[0]
                else:
                    own = logs.get(prefix)
                    if own is None:
                        own = logs[prefix] = math.log10(unigram(prefix))
                    score = own + found[0]
                if (
                    not best_prefix
                    or score > best_score
                    or (score == best_score and [prefix, *found[1]] > [best_prefix, *best_rest])
                ):
                    best_score, best_prefix, best_rest = score, prefix, found[1]
            return best_score, [best_prefix, *best_rest]

        clean = "".join(c for c in text.lower() if c in alphabet)
        words: list[str] = []
        prefix = ""
        for offset in range(0, len(clean), SEGMENT_CHUNK):
            _, chunk = search(prefix + clean[offset : offset + SEGMENT_CHUNK])
            prefix = "".join(chunk[-SEGMENT_CARRY:])
            words += chunk[:-SEGMENT_CARRY]
        return words + search(prefix)[1]

    return segment


def _registrable(host: str) -> tuple[str, str] | None:
    """The name a host is registered under and its registrable domain, past subdomains and
    public suffixes ("en.example.co.uk" -> example, example.co.uk); via tld's bundled list."""
    from tld import get_tld  # loaded with the word table: most outlets are known

    host = host.removeprefix("www.")
    found = get_tld(host, fix_protocol=True, as_object=True, fail_silently=True)
    if found is None or isinstance(found, str) or not found.domain:
        # a public suffix serving as a site ("gov.uk"), or no registered name at all
        return (host.split(".")[0], host) if "." in host and host[0].isalpha() else None
    return found.domain, found.fld


def _is_platform(suffix: str) -> bool:
    """A public suffix under which anyone may register a site ("blogspot.com"), not a
    country's second level ("co.uk", "com.au"): its first label is a word, not initials."""
    first = suffix.split(".", 1)[0]
    return "." in suffix and len(first) > ACRONYM_LETTERS - 1


def _name_from_domain(host: str) -> tuple[str, bool] | None:
    """An unknown outlet's name from its registrable domain, and whether it reads as a
    name: "politics.latinamericatimes.com" is Latin America Times, "ubn.news" UBN; a label
    that does not split into common words stays the domain ("lbccvikingnews.com")."""
    registered = _registrable(host)
    if registered is None:
        return None
    label, domain = registered
    # "newsheadlines24": a number after the words; such a site often reprints the wires,
    # so its name comes after a credit the page prints
    letters = label.rstrip("0123456789")
    number = label[len(letters) :]
    parts = letters.split("-")
    if not all(p.isalpha() for p in parts):
        return domain, False
    segment, counts = domain_words()
    if len(label) <= ACRONYM_LETTERS and counts.get(label, 0) < COMMON_WORD_COUNT:
        return label.upper(), True  # "ubn", "jta": initials
    words = [w for p in parts for w in segment(p)]
    rare = [w for w in words if counts.get(w, 0) < COMMON_WORD_COUNT]
    # "deseret", "gaea times": one proper name, alone or with whole common words, names an
    # outlet as well; not more rare pieces ("baochinhphu"), a name cut into a syllable
    # and a rest ("es cambray"), nor a blog on a hosting platform ("x.blogspot.com")
    hosted = _is_platform(domain.removeprefix(label + "."))
    if rare and (
        len(rare) > 1
        or len(rare[0]) < MIN_NAME_PIECE
        or any(len(w) < MIN_NAME_PIECE - 1 for w in words)
        or hosted
    ):
        return domain, False
    if number:
        return " ".join([*(w.capitalize() for w in words), number]), False
    return " ".join(w.capitalize() for w in words), True


# The publishers table looked up by domain, by the name a domain is registered under, and
# by the credits its outlets sign with ("(AP) —" gives AP); built once per table.
@dataclass(frozen=True, slots=True)
class _PublisherIndex:
    by_domain: dict[str, str]
    by_label: dict[str, str]
    by_credit: dict[str, str]


_INDEXES: dict[int, tuple[tuple[Publisher, ...], _PublisherIndex]] = {}


def _publisher_index(publishers: tuple[Publisher, ...]) -> _PublisherIndex:
    cached = _INDEXES.get(id(publishers))
    if cached is not None and cached[0] is publishers:
        return cached[1]
    index = _PublisherIndex({}, {}, {})
    for publisher in publishers:
        index.by_domain.setdefault(publisher.domain, publisher.name)
        index.by_label.setdefault(publisher.domain.split(".")[0], publisher.name)
        index.by_credit.setdefault(outlet_name(publisher.name), publisher.name)
        index.by_credit.setdefault(publisher.name, publisher.name)
        for signature in publisher.signatures:
            credit = SIGNED_CREDIT.match(signature)
            if credit:
                index.by_credit.setdefault(credit.group(1), publisher.name)
    _INDEXES[id(publishers)] = (publishers, index)
    return index


def _known_by_host(host: str, index: _PublisherIndex) -> str | None:
    """A table outlet by its domain (the longest that the host ends with), or by its name
    inside a host it is served from ("irishtimes-prod.cdn.example.com" is irishtimes.com)."""
    labels = host.split(".")
    for start in range(len(labels) - 1):
        known = index.by_domain.get(".".join(labels[start:]))
        if known:
            return known
    registered = _registrable(host)
    if registered is None:
        return None
    _, counts = domain_words()
    for label in HOST_LABEL.split(host.removesuffix(registered[1])):
        if len(label) >= MIN_HOST_LABEL and counts.get(label, 0) < GENERIC_LABEL_COUNT:
            known = index.by_label.get(label)
            if known:
                return known
    return None


def _credited(kept: list[str], lines: list[str], rules: Rules) -> str | None:
    """The outlet the page credits: a wire credit in the dateline ("MEXICO CITY (Reuters) -",
    "Washington (AP) _"), a byline's agency ("By Jane Doe, Reuters"), a known outlet opening
    a line near the top ("EFE News Service: ...", "Xinhua, February 16, 2017", a masthead),
    or signing the text at its end."""
    credits = _publisher_index(rules.publishers).by_credit
    for line in kept[:DATELINE_LINES]:
        match = DATELINE.match(line)
        credit = _credit(match) if match else None
        if credit and _lookup_credit(credits, credit):
            return _lookup_credit(credits, credit)
    for line in lines[:HEADER_LINES] + kept[:DATELINE_LINES]:
        credited = BYLINE_CREDIT.match(line) or SOURCE_LINE.match(line)
        if credited and _lookup_credit(credits, credited.group(1)):
            return _lookup_credit(credits, credited.group(1))
        if _words(line) <= OUTLET_LINE_WORDS:  # a masthead: "The Daily Planet Business"
            folded = outlet_name(line)
            for name in rules.outlet_names:
                if folded.startswith(name) and not folded[len(name) : len(name) + 1].isalnum():
                    return credits.get(name)
    for line in kept[-CREDIT_TAIL_LINES:]:  # "... the ministry said. - Xinhua", "Source: AFP"
        tail = TRAILING_CREDIT.search(line[-TRAILING_CREDIT_REACH:])
        if tail and _lookup_credit(credits, tail.group("credit")):
            return _lookup_credit(credits, tail.group("credit"))
    return None


def _lookup_credit(credits: dict[str, str], credit: str) -> str | None:
    """A table outlet by a credit as printed ("AP") or by its name ("Associated Press")."""
    return credits.get(credit.strip()) or credits.get(outlet_name(credit.strip()))


def _copyright_owner(lines: list[str]) -> str | None:
    for line in lines:
        match = COPYRIGHT.search(line)
        if (match and "rights" in line.lower()) or (match and line.lstrip().startswith("©")):
            owner = COPYRIGHT_WORD.sub("", match.group("owner")).strip(" -")
            if _words(owner) <= MAX_OWNER_WORDS:
                return owner
    return None


def _pick_publisher(lines: list[str], kept: list[str], url: str | None, rules: Rules) -> str | None:
    """Outlet from the URL's domain, then the outlet the page credits, then signatures and
    the copyright line. An unknown outlet's own site names it before the wire it reprints
    ("(PTI)" on a local daily); a host that is no name (a blog or CMS address) gives way."""
    host = (urlparse(url).hostname or "").lower() if url else ""
    known = _known_by_host(host, _publisher_index(rules.publishers)) if host else None
    if known:
        return known
    owner = _copyright_owner(lines)
    named = _name_from_domain(host) if host else None
    if named and named[1]:
        if owner and NON_LETTER.sub("", fold(owner)) == NON_LETTER.sub("", fold(named[0])):
            return owner  # the outlet's own spelling: "© Copyright LaPresse"
        return named[0]
    credited = _credited(kept, lines, rules)
    if credited:
        return credited
    text = "\n".join(lines)
    for publisher in rules.publishers:
        if any(signature in text for signature in publisher.signatures):
            return publisher.name
    return owner or _printed_credit(kept) or (named[0] if named else None)


def _printed_credit(kept: list[str]) -> str | None:
    """A wire credit the outlets table does not know, as the dateline prints it
    ("NAIROBI, May 6 (KNA) -"): the only name the page gives its source."""
    for line in kept[:DATELINE_LINES]:
        match = DATELINE.match(line)
        credit = (_credit(match) or "").strip() if match else ""
        if CREDIT_NAME.fullmatch(credit):
            return credit
    return None


def _credit(match: re.Match[str]) -> str | None:
    """The wire credit a dateline carries: "(Reuters)", "/TASS/", ", SPA --", "(AP --"."""
    return next(
        (
            match.group(g)
            for g in ("agency", "slashed", "bare", "unclosed", "signed", "lead")
            if match.group(g)
        ),
        None,
    )


@lru_cache(maxsize=4096)
def _dateline(line: str) -> str | None:
    """'SAN FRANCISCO —', 'SEOUL, Feb. 3 (UPI) --', 'Hanoi (VNA) –', 'MANILA, Philippines –'."""
    # a dateline opens with a capital and ends at a dash, a colon, a credit's ")" or "/"
    # or with a wire credit before the place, or an agency's name after the date
    if not ("A" <= line[:1] <= "Z" or line[:1] == "("):
        return None
    if not any(c in line for c in DATELINE_ENDS) and not DIGIT.search(line):
        return None
    match = DATELINE.match(line)
    if not match:
        return None
    # "YEREVAN. –", "NUR-SULTAN. KAZINFORM –": the agency follows the place after a stop
    place = match.group("place").strip()
    head = place.split(". ")[0]
    if (len(head) >= MIN_DATELINE_LETTERS and head != place) or place.endswith("."):
        place = head.rstrip(".")
    if "," in place and fold(place.rsplit(",", 1)[1].strip()) in WEEKDAYS:
        place = place.rsplit(",", 1)[0]  # "NAIROBI, Monday –": the day is no place
    first = place.split(",")[0].split("/")[0].strip()
    letters = [c for c in first if c.isalpha()]
    if len(letters) >= MIN_DATELINE_LETTERS and all(c.isupper() for c in letters):
        return place
    credited = _credit(match)
    if not (credited or match.group("when")) and PAIR_HEADING.match(line, match.end()):
        return None  # "Mali - Burkina Faso: leaders meet": two names before a colon head a story
    titled = _is_titled(first)
    lone = match.end() == len(line.rstrip()) and line.rstrip()[-1:] not in ":—–-_"
    if lone and not match.group("signed") and lookup_city(first) is None:
        return None  # a dated line alone names a known town ("Bishkek, June 13 (PTI)"),
        # not "Updated March 3 (AP)"
    if (credited or "/" in place or "," in place) and titled:
        return place if _words(place) <= 4 else None
    if titled and _words(first) <= 3 and lookup_city(first) is not None:
        return place
    return None


def _is_titled(place: str) -> bool:
    """A place name in title case, its particles aside ("Dar es Salaam", "Rio de Janeiro")."""
    words = place.split()
    return (
        bool(words)
        and words[0].istitle()
        and all(word.istitle() or word in PLACE_PARTICLES for word in words[1:])
    )


def _split_lines(raw: str) -> list[str]:
    """The page's lines with one spelling of spaces, hyphens and apostrophes; the cleaned
    text is built from these lines, so every later offset points into that one spelling."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if CHARACTER_VARIANT.search(text):
        text = text.translate(CHARACTER_FORMS)
    if "«" in text or "„" in text:
        text = GUILLEMETS.sub(lambda m: f"“{m.group(1) or m.group(2)}”", text)
    if "``" in text:  # old wire copy quotes ``like this'': curly quotes from here on
        text = text.replace("``", "“").replace("''", "”")
    if "   " in text or "\t" in text:  # a menu's wide gaps; most pages have none
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if len(MENU_GAP.findall(line)) >= MIN_MENU_GAPS:  # "Top Stories   Topics   Video"
                lines[i] = MENU_GAP.sub(" | ", line)
        text = "\n".join(lines)
    # spaces are made one over the whole text at once: WHITESPACE spans no line break
    return _unwrap([line.strip() for line in WHITESPACE.sub(" ", text).split("\n")])


def _unwrap(lines: list[str]) -> list[str]:
    """Join the lines of hard-wrapped copy (old wire stories, archived e-mail bulletins)
    back into paragraphs, so a sentence or a quotation is not cut at each line's end. The
    copy is wrapped when many lines stop mid-sentence and go on in lower case; then a line
    joins the next when the next goes on in lower case, or when it stops mid-sentence near
    the wrap width (a shorter line ends its paragraph)."""
    goes_on = [
        bool(line) and i + 1 < len(lines) and lines[i + 1][:1].islower() and not _ends(line)
        for i, line in enumerate(lines)
    ]
    long_lines = [len(line) for line in lines if _words(line) >= MIN_TITLE_WORDS]
    if not long_lines or sum(goes_on) < max(MIN_WRAPPED_LINES, WRAPPED_SHARE * len(long_lines)):
        return lines  # no line long enough to tell the wrap width: nothing to join
    width = sorted(long_lines)[int(len(long_lines) * WIDTH_PERCENTILE)]
    out: list[str] = []
    joining = False
    headline = next((i for i, line in enumerate(lines) if line), 0)
    for i, line in enumerate(lines):
        if joining and line:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        joining = bool(line) and (
            goes_on[i]
            or (
                # the page's first line is its headline, over a caption or the dateline,
                # unless it breaks off on a word that leads into more ("organized by")
                (i != headline or fold(line.rsplit(" ", 1)[-1]) in LEADING_WORDS)
                and not _ends(line)
                and len(line) >= WRAPPED_FILL * width
                and not line.isupper()
                and following[:1].isalnum()
                and DATELINE.match(following) is None
            )
        )
    return out


def _ends(line: str) -> bool:
    """The line ends a sentence, a heading or a list item: no wrap runs past it."""
    return line.rstrip()[-1:] in ".!?:;\"”’'|)]"


def clean_text(doc: ArticleDoc, *, rules: Rules) -> ArticleDoc:
    """Fill ``doc.text`` with the article's paragraphs and ``doc.meta`` with its metadata."""
    meta = doc.meta = ArticleMeta(url=doc.url)
    if _is_html(doc.raw):
        _from_html(doc)
        lines = _split_lines(doc.text)
        # trafilatura found the metadata; the text still needs the plain-text passes below
        title, published, publisher = meta.title, meta.published, meta.publisher
    else:
        lines = _split_lines(doc.raw)
        title, published, publisher = None, None, None
    marker = SCRAPE_DATE_MARKER.match(lines[0]) if lines else None
    if marker:
        published = published or dt.date.fromisoformat(marker.group(1))
        lines[0] = lines[0][marker.end() :]
    lines = [line for line in lines if line]
    hint = month_from_url(doc.url)

    page = _read_page(lines, rules, hint)
    kept, listed = _drop_link_lists(page.kept, rules)
    opening = [line for line in kept if line not in listed]
    meta.publisher = publisher or _pick_publisher(lines, kept, doc.url, rules)
    own = outlet_name(meta.publisher or "")
    outlets = rules.outlet_names | {own} if len(own) >= MIN_OUTLET_NAME else rules.outlet_names
    if title is None:
        title = page.title or _pick_title(page.header, lines, doc.url, outlets)
    meta.title = title
    meta.dateline = page.dateline or next(
        (d for d in map(_dateline, opening[:DATELINE_LINES]) if d), None
    )
    meta.published = (
        published
        or _labelled_date(lines, hint)
        or _best_date_line(page.dated, outlets)
        or date_from_url(doc.url)
        or _dateline_date(opening, meta.dateline)
        or _numeric_by_dateline(lines[:HEADER_LINES], opening, meta.dateline, doc.url)
        or page.updated
    )
    # Captions repeat the headline and then describe a photo; they are not article text.
    if title:
        kept = [
            line for line in kept if not GLUED_MENU.sub("", line).lstrip("\"“'‘ ").startswith(title)
        ]
    body = "\n".join(kept)
    doc.text = f"{title}\n{body}" if title else body
    doc.body_start = len(title) + 1 if title else 0
    if doc.supplied:
        _take_supplied(meta, doc.supplied)
    return doc


def _take_supplied(meta: ArticleMeta, supplied: ArticleMeta) -> None:
    """Each value the caller supplied replaces the guess from the text, before the later
    stages read it: relative days ("on Sunday") count from a supplied publication date.
    The cleaned text stays as found, so offsets into it still hold."""
    meta.title = supplied.title or meta.title
    meta.published = supplied.published or meta.published
    meta.publisher = supplied.publisher or meta.publisher
    meta.dateline = supplied.dateline or meta.dateline


# What one pass over a page's lines finds: text, headline candidates, dates, dateline.
@dataclass(slots=True)
class _Page:
    kept: list[str] = field(default_factory=list)
    header: list[tuple[str, bool]] = field(default_factory=list)
    dated: list[tuple[str, dt.date]] = field(default_factory=list)  # (what else it says, date)
    updated: dt.date | None = None
    dateline: str | None = None
    title: str | None = None  # "TITLE: ..." in archived wire copy


def _read_page(lines: list[str], rules: Rules, hint: tuple[int, int] | None) -> _Page:
    """Keep the article's paragraphs; note date lines, headline candidates and a dateline
    standing alone above the first paragraph."""
    page = _Page()
    seen: set[str] = set()
    in_body = False
    cutting = False
    position = 0  # lines of several words so far: a menu of one-word lines does not count
    for index, line in enumerate(lines):
        near_top = position < HEADER_LINES
        position += _words(line) >= MIN_TITLE_WORDS
        if cutting:
            if _words(line) >= RESUME_WORDS and SENTENCE_END.search(line):
                cutting = False
            else:
                continue
        if _is_cut(line, rules):
            cutting = in_body
            continue
        for prefix in rules.chrome_prefixes:
            line = prefix.sub("", line, count=1)
        if near_top and _note_date_line(line, page, hint):
            continue
        labelled = TITLE_LABEL.match(line) if near_top and not page.title else None
        if labelled:
            page.title = _strip_title(TRAILING_STAMP.sub("", labelled.group("title")))
            continue
        if not in_body and not page.dateline and _is_lone_dateline(lines, index, line, hint):
            page.dateline = _dateline(line) or line  # "KAZAN, RUSSIA:" or "ANKARA" alone
            continue
        if not in_body and not page.dateline and line.startswith(("By ", "From ", "Our ")):
            page.dateline = _byline_place(line)
        was_in_body = in_body
        chrome = _is_chrome(line, rules)
        paragraph = _is_paragraph(line)
        if not in_body and paragraph and not chrome:
            in_body = True
        if near_top and not chrome and (not paragraph or (not was_in_body and _headline(line))):
            page.header.append((line, was_in_body))  # headline candidates near the top
        if not in_body or chrome or line in seen:
            continue
        seen.add(line)
        page.kept.append(line)
    return page


def _note_date_line(line: str, page: _Page, hint: tuple[int, int] | None) -> bool:
    """Record a line that dates the page ("16:05 JST, November 17, 2023"); an update time
    only stands in when nothing better dates it. A date among a line's '|' segments
    ("Headline | World | 21.12.2004") is noted too, but the line is kept."""
    dated = _date_of_line(line, hint)
    if dated is not None:
        when, residue = dated
        if UPDATED_LINE.match(line):
            page.updated = page.updated or when
        else:
            page.dated.append((residue, when))
        if not page.dateline and not page.kept:
            page.dateline = _place_of_issue(line, residue)
        return True
    if "|" in line:
        for segment in PAGE_SEGMENT.split(line):
            dated = _date_of_line(segment, hint)
            if dated and UPDATED_LINE.match(segment):
                page.updated = page.updated or dated[0]
            elif dated:
                page.dated.append((dated[1], dated[0]))
                break
    return False


def _byline_place(line: str) -> str | None:
    """The place a byline files from ("By Jane Doe in Nairobi"), if it is a known city."""
    found = BYLINE_PLACE.match(line)
    if found and lookup_city(found.group("place").split(",")[0]) is not None:
        return found.group("place")
    return None


def _place_of_issue(line: str, residue: str) -> str | None:
    """The place a date line gives: "Paris, October 21, 2011" above a communiqué, "Harbour
    Post, 11 Sep 2014 - 14:34, Lusaka, Zambia" on an outlet's source line."""
    if line.startswith(residue) and lookup_city(residue) is not None:
        return residue
    head = PLACE_HEAD.match(line)
    # the place is all the line says besides its date: "Tokyo, Japan | 12 May 2016"
    if (
        head
        and fold(head.group("place").replace(",", "")) == fold(residue)
        and lookup_city(head.group("place").split(",")[0]) is not None
    ):
        return head.group("place")
    tail = PLACE_TAIL.search(line)
    if tail and lookup_city(tail.group("place").split(",")[0]) is not None:
        return tail.group("place")
    return None


def _labelled_date(lines: list[str], hint: tuple[int, int] | None) -> dt.date | None:
    """The first labelled publication date anywhere on the page ("Published 3 June 2021")."""
    for line in lines:
        for segment in PAGE_SEGMENT.split(line) if "|" in line else (line,):
            when = _published_label(segment, hint)
            if when:
                return when
    return None


def _best_date_line(dated: list[tuple[str, dt.date]], outlets: frozenset[str]) -> dt.date | None:
    """A source line naming the outlet ("Xinhua, February 16, 2017") dates the article; a
    bare date at the top of the page may be the site's today."""
    for residue, when in dated:
        if residue and any(outlet_name(residue).startswith(o) for o in outlets):
            return when
    return dated[0][1] if dated else None


def _dateline_date(kept: list[str], dateline: str | None) -> dt.date | None:
    """'PRETORIA, South Africa, March 5, 2019 -': a dateline may carry the date."""
    if not dateline:
        return None
    opening = next((line for line in kept[:DATELINE_LINES] if DATELINE.match(line)), "")
    when = DATELINE.match(opening)
    return find_date_in(when.group("when") or "") if when else None


def _numeric_by_dateline(
    header: list[str], kept: list[str], dateline: str | None, url: str | None
) -> dt.date | None:
    """'03/10/2016 18:47' over 'KUWAIT, Oct 3 (KUNA) --': a date in numbers that reads
    both ways is the one whose month and day the dateline spells out; so are the year,
    month and day run into an article number in the URL ("/AEN20221205004251315")."""
    if not dateline:
        return None
    opening = next((line for line in kept[:DATELINE_LINES] if DATELINE.match(line)), "")
    when = DATELINE.match(opening)
    spelt = DATELINE_DAY.fullmatch(when.group("when") or "") if when else None
    month = _MONTH_NUMBER.get(fold(spelt.group("month"))) if spelt else None
    if spelt is None or month is None:
        return None
    day = int(spelt.group("day"))
    for line in header:
        for pattern in (DATE_SLASH, DATE_DASHED, DATE_DOTTED):
            found = pattern.search(line)
            if found and {int(found.group(1)), int(found.group(2))} == {month, day}:
                return make_date(found.group(3), month, str(day))
    path = urlparse(url).path if url else ""
    run = re.search(rf"(?<!\d)((?:19|20)\d{{2}}){month:02d}{day:02d}", path)
    return make_date(run.group(1), month, str(day)) if run else None


def _headline(line: str) -> bool:
    """A long line before the article that does not end a sentence: a headline
    ("Leaders hold phone talks; agree to meet on the sidelines of the summit next month")."""
    return (
        _words(line) <= LONG_HEADLINE_WORDS
        and (SENTENCE_END.search(line) is None or _title_cased(line))
        and INNER_SENTENCE.search(line) is None  # "... in Washington. AFP": a caption
        and not line.rstrip().endswith((",", ";", ":"))
        and _dateline(line) is None
    )


def _is_lone_dateline(
    lines: list[str], index: int, line: str, hint: tuple[int, int] | None
) -> bool:
    """'KAZAN, RUSSIA:' alone above the first paragraph, or a known city on a line of its
    own between the date line and the text ("ANKARA", "Brasília")."""
    if _dateline(line) and DATELINE.fullmatch(line):
        return True
    if _words(line) > LONE_CITY_WORDS or not line[:1].isupper() or lookup_city(line) is None:
        return False
    before = lines[index - 1] if index else ""
    after = lines[index + 1] if index + 1 < len(lines) else ""
    return _is_date_line(before, hint) or (line.isupper() and _is_paragraph(after))


# scraped blocks glued together ("(The Canadian Press)The statement") break too
# capitals with accents open sentences too ("Élysée officials said", "Óscar Arias")
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
SENTENCE_BREAK = re.compile(
    rf"[.!?][\"'”’»)]*(?=\s+[\"“‘'«„¿¡(\[]?[{UPPER}0-9]|[{UPPER}][a-z]|[“\"][{UPPER}])"
    rf"|\)(?=[{UPPER}][a-z])|\n"
)
ABBREVIATION_BEFORE = re.compile(r"(?<![\w’'])([A-Za-z][A-Za-z.]*)\.$")  # not "Paul's."


def split_sentences(doc: ArticleDoc, *, rules: Rules) -> ArticleDoc:
    """Cut the cleaned text into sentences, keeping abbreviations and initials whole."""
    text = doc.text
    sentences: list[Span] = []
    start = 0
    for match in SENTENCE_BREAK.finditer(text):
        end = match.end()
        if match.group() != "\n":
            head = text[max(start, match.start() - 12) : match.start() + 1]
            word = ABBREVIATION_BEFORE.search(head)
            if word and (word.group(1) in rules.abbreviations or len(word.group(1)) == 1):
                continue
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            stripped = chunk.strip()
            sentences.append(Span(start + lead, start + lead + len(stripped), "sentence", stripped))
        start = end
    tail = text[start:]
    if tail.strip():
        lead = len(tail) - len(tail.lstrip())
        sentences.append(
            Span(start + lead, start + lead + len(tail.strip()), "sentence", tail.strip())
        )
    doc.sentences = sentences
    note_slices(text, ((s.start, s.text) for s in sentences))
    return doc
