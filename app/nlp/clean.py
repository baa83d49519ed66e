"""Stage 1: turn a scraped page into article text and its metadata.

Scraped text keeps the page around the article (menus, share buttons, ranking lists,
copyright lines, captions). We read the metadata from that chrome first (headline,
date line, copyright holder) and then drop it, keeping the article's paragraphs.
"""

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from urllib.parse import urlparse

from app.nlp.doc import ArticleDoc, ArticleMeta, Span
from app.nlp.places import lookup_city
from app.nlp.rules import MIN_OUTLET_NAME, Rules, fold, outlet_name

HEADER_LINES = 14  # the headline and date sit within the first lines of a page
MIN_TITLE_WORDS = 3
MIN_SLUG_OVERLAP = 0.5  # share of a line's words in the URL that vouches for it as headline
MAX_TITLE_WORDS = 30
OUTLET_LINE_WORDS = 8  # "BERNAMA - Malaysian National News Agency": a masthead, not news
MIN_PARAGRAPH_WORDS = 18  # a line this long is article text
COMMON_WORD_COUNT = 1_000_000  # web frequency of a word a domain's name may be made of
MIN_SENTENCE_WORDS = 8  # a line this long that ends a sentence is article text too
DATE_LINE_MAX_WORDS = 8  # "Published Monday, 24 November, 2003, 19:37 GMT"
RESUME_WORDS = 25  # after a cut marker, a paragraph this long means the article goes on
HTML_TAGS_MIN = 5
CUT_MAX_WORDS = 6  # a section marker ("Most popular", '"World" POPULAR ARTICLE') is short
DATELINE_LINES = 5  # the dateline opens one of the first paragraphs
MIN_DATELINE_LETTERS = (
    3  # "EU" alone is not a place  # this many tags make an input HTML rather than text
)

MONTHS = "|".join(
    [m for m in calendar.month_name if m] + [m for m in calendar.month_abbr if m] + ["Sept"]
)
_MONTH_NUMBER = {fold(m): i for i, m in enumerate(calendar.month_name) if m} | {
    fold(m): i for i, m in enumerate(calendar.month_abbr) if m
}
_MONTH_NUMBER["sept"] = 9

SCRAPE_DATE_MARKER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s+")
DATE_MDY = re.compile(rf"\b({MONTHS})\.? (\d{{1,2}}),? ?(\d{{4}})\b", re.IGNORECASE)
DATE_DMY = re.compile(rf"\b(\d{{1,2}}) ({MONTHS})\.?,? (\d{{4}})\b", re.IGNORECASE)
DATE_ISO = re.compile(r"\b((?:19|20)\d{2})[-/](\d{2})[-/](\d{2})\b")
DATE_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b")
DATE_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b")
MONTHS_IN_YEAR = 12
URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?(\d{2})[-/_]?(\d{2})(?!\d)")
URL_TRAILING_DATE = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})(?=$|[/?#._-])")
UPDATED_LINE = re.compile(r"^\s*(?:last\s+)?updated\b", re.IGNORECASE)
URL_YEAR_MONTH_SLUG = re.compile(r"/((?:19|20)\d{2})/([a-z]{3})/(\d{1,2})")
DATE_LINE = re.compile(
    r"^(?:(?:published|posted|updated|last updated)(?: on)?:?"
    r"|[\w .]+ published|\d{1,2}:\d{2}\s*\w*,)",
    re.IGNORECASE,
)
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?(?:/[A-Z][A-Za-z .-]+)?(?:, [A-Z][A-Za-z. ]{1,30})?)"
    r"(?: \[[A-Z][A-Za-z .]{1,30}\])?"  # "Hiroshima [Japan], May 20 (ANI):"
    rf"(?:,? (?P<when>(?:{MONTHS})\.? \d{{1,2}}(?:,? (?:19|20)\d{{2}})?))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\)|\.? /(?P<slashed>[A-Z][A-Za-z-]{1,20})/\.?"
    r"|, (?P<bare>[A-Z]{2,6}) (?=--|—|–))?"  # "Jeddah, Apr 30, 2021, SPA --"
    r"(?:\s*(?:—|–|--)\s*|\s+[-_]\s+|\s*:\s+|\s*:$"
    # "New Delhi, Sep 14 (PTI) Prime Minister ...", "SOCHI, September 4. /TASS/. Russian ...":
    # the credit ends it
    r"|(?<=\))\s+(?=[A-Z])|(?<=/\.)\s+(?=[A-Z])|(?<=/)\s+(?=[A-Z]))"
)
HTML_TITLE = re.compile(r"<title[^>]*>([^<]{1,300})</title>", re.IGNORECASE)
TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
MAX_SITE_WORDS = 5
COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?:-\s*\d{4}\s*)?(?P<owner>[A-Z][^.(|\n]{2,60}?)"
    r"\s*(?:\(|\.|,|all rights|$)",
    re.IGNORECASE,
)
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
TAG = re.compile(r"<[a-zA-Z/][^>]{0,200}>")
WORD = re.compile(r"[\w’'-]+")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*$")
WHITESPACE = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def _words(line: str) -> int:
    return len(WORD.findall(line))


def make_date(year: str, month: str | int, day: str) -> dt.date | None:
    number = month if isinstance(month, int) else _MONTH_NUMBER.get(fold(month).rstrip("."))
    if number is None:
        return None
    try:
        return dt.date(int(year), int(number), int(day))
    except ValueError:
        return None


def find_date_in(text: str) -> dt.date | None:
    """The first full calendar date written in ``text``."""
    orders = (
        (DATE_MDY, "mdy"),
        (DATE_DMY, "dmy"),
        (DATE_ISO, "ymd"),
        (DATE_DOTTED, "dmy_num"),
        (DATE_SLASH, "slash"),
    )
    for pattern, order in orders:
        match = pattern.search(text)
        if not match:
            continue
        a, b, c = match.groups()
        if order == "mdy":
            return make_date(c, a, b)
        if order == "dmy":
            return make_date(c, b, a)
        if order == "dmy_num":  # 11.08.2019: day first, as dotted dates are written
            return make_date(c, int(b), a)
        if order == "slash":  # 20/06/2023 or 06/20/2023; 05/06/2023 stays unread
            first, second = int(a), int(b)
            if first == second:  # 08/08/2023 reads the same both ways
                return make_date(c, first, b)
            if first > MONTHS_IN_YEAR >= second:
                return make_date(c, second, a)
            if second > MONTHS_IN_YEAR >= first:
                return make_date(c, first, b)
            continue
        return make_date(a, int(b), c)
    return None


def date_from_url(url: str | None) -> dt.date | None:
    """A publication date spelled in the URL path (/2021/02/24/, 2001-02-17, /2006/sep/16)."""
    if not url:
        return None
    path = urlparse(url).path
    for match in URL_DATE.finditer(path):
        found = make_date(match.group(1), int(match.group(2)), match.group(3))
        if found:
            return found
    slug = URL_YEAR_MONTH_SLUG.search(path)
    if slug:
        return make_date(slug.group(1), slug.group(2), slug.group(3))
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
    return any(p.fullmatch(line) for p in rules.chrome_lines)


def _is_cut(line: str, rules: Rules) -> bool:
    if _words(line) > CUT_MAX_WORDS:
        return False
    bare = line.strip(" \"“”'‘’:-–—|")
    for pattern in rules.chrome_cuts:
        if pattern.fullmatch(bare):
            return True
        shouted = pattern.search(line)  # '"World" POPULAR ARTICLE': a marker in capitals
        if shouted and shouted.group().isupper():
            return True
    return False


def _drop_link_lists(kept: list[str]) -> list[str]:
    """Headline-like lines in a run ("Related" links: "Biden meets Xi in San Francisco",
    "Modi holds talks with Sunak") are links to other stories, not the article's text."""

    def bare(line: str) -> bool:
        return SENTENCE_END.search(line) is None and _words(line) < MIN_PARAGRAPH_WORDS

    drop = set()
    for i, line in enumerate(kept):
        neighbours = [kept[j] for j in (i - 1, i + 1) if 0 <= j < len(kept)]
        if bare(line) and any(bare(n) for n in neighbours):
            drop.add(i)
    return [line for i, line in enumerate(kept) if i not in drop]


def _is_paragraph(line: str) -> bool:
    words = _words(line)
    dateline = DATELINE.match(line)
    return (
        words >= MIN_PARAGRAPH_WORDS
        or (words >= MIN_SENTENCE_WORDS and SENTENCE_END.search(line) is not None)
        # "LAHORE, Feb 21: Prime Minister ...", not "DAWN - the Internet Edition" nor the
        # headline "Bush pledges to exiled emir: 'Iraq will fail'"
        or (dateline is not None and _words(line[dateline.end() :]) >= MIN_SENTENCE_WORDS)
    )


def _is_date_line(line: str) -> bool:
    """A line that only dates the page ("16:05 JST, November 17, 2023"), not a sentence
    nor the signature of an embedded post ("— Name (@handle) June 23, 2019")."""
    if line.lstrip().startswith(("—", "–", "-", "(")):
        return False
    if DATE_LINE.match(line):
        return find_date_in(line) is not None
    if _words(line) > DATE_LINE_MAX_WORDS or line.rstrip().endswith("."):
        return False
    return find_date_in(line) is not None


def _strip_title(line: str) -> str:
    line = WIRE_TAG.sub("", GLUED_MENU.sub("", line).strip())
    if len(line) > 2 and line[0] in "\"“'‘" and line[-1] in "\"”'’":
        line = line[1:-1].strip()
    return line


def _slug_words(url: str | None) -> set[str]:
    if not url:
        return set()
    path = urlparse(url).path
    return {w for w in re.split(r"[^a-z]+", fold(path)) if len(w) > 2}


def _pick_title(
    header: list[tuple[str, bool]], lines: list[str], url: str | None, outlets: frozenset[str]
) -> str | None:
    """The headline: a short line near the top, best matching the URL slug, preferring
    lines before the first paragraph; not a menu, a section path or the outlet's name."""
    slug = _slug_words(url)
    best: tuple[float, int, str] | None = None
    for index, (line, after_body) in enumerate(header):
        crumb = BREADCRUMB.match(line)
        candidate = _strip_title(crumb.group("title") if crumb else line)
        words = _words(candidate)
        if not MIN_TITLE_WORDS <= words <= MAX_TITLE_WORDS or find_date_in(candidate):
            continue
        if MENU_SEPARATOR.search(candidate) or _names_outlet(candidate, outlets):
            continue
        if candidate.isupper() and words <= KICKER_WORDS:
            continue
        if candidate.lower().startswith(("by ", "photo", "exclusive:", "watch ", "official ")):
            continue
        tokens = {w for w in re.split(r"[^a-z]+", fold(candidate)) if len(w) > 2}
        overlap = len(tokens & slug) / len(tokens) if tokens and slug else 0.0
        repeated = sum(1 for other in lines if other != line and other.startswith(candidate))
        repeated += sum(1 for other in lines if other == line) - 1
        if after_body and overlap < MIN_SLUG_OVERLAP and not repeated:
            continue  # past the first paragraph, only a line the URL or a repeat vouches for
        if candidate.rstrip()[-1:] in ".:,;":
            continue  # a sentence or a cut-off line, not a headline
        score = (
            overlap
            + (0.5 if repeated else 0.0)
            + (0.3 if crumb else 0.0)
            + (0.0 if after_body else 0.2)
        )
        if best is None or score > best[0]:
            best = (score, index, candidate)
    if best is None:
        return None
    # A repeated shorter form is the real headline ("X news" then "X").
    title = best[2]
    for other in lines:
        if title.startswith(other) and _words(other) >= MIN_TITLE_WORDS and other != title:
            title = _strip_title(other)
    return title


def _names_outlet(line: str, outlets: frozenset[str]) -> bool:
    """'The Korea Herald', 'DAWN - the Internet Edition', 'Yonhap News Agency'."""
    folded = outlet_name(line)
    return _words(line) <= OUTLET_LINE_WORDS and any(folded.startswith(o) for o in outlets)


@cache
def domain_words() -> tuple[Callable[[str], list[str]], dict[str, float]]:
    """wordsegment's unigram table, loaded on first use (0.3 s) as most outlets are known."""
    import wordsegment

    wordsegment.load()
    return wordsegment.segment, wordsegment.UNIGRAMS


def _name_from_domain(host: str) -> str | None:
    """An unknown outlet's name from its domain: "latinamericatimes.com" is Latin America
    Times; a label that does not split into common words stays the domain ("domain-b.com",
    "lbccvikingnews.com")."""
    parts = [p for p in host.split(".") if p and p != "www"]
    if len(parts) < 2:
        return None
    domain = ".".join(parts)
    if not parts[0].isalpha():
        return domain
    segment, counts = domain_words()
    words = segment(parts[0])
    if any(counts.get(w, 0) < COMMON_WORD_COUNT for w in words):
        return domain
    return " ".join(w.capitalize() for w in words)


def _pick_publisher(lines: list[str], url: str | None, rules: Rules) -> str | None:
    """Outlet from the URL's domain, then from wire credits and signatures, then copyright."""
    host = (urlparse(url).hostname or "").lower() if url else ""
    if host:
        for publisher in rules.publishers:
            if host == publisher.domain or host.endswith("." + publisher.domain):
                return publisher.name
    # an outlet's own site names it before the wire it reprints ("(PTI)" on theprint.in)
    named = _name_from_domain(host)
    if named:
        return named
    text = "\n".join(lines)
    for publisher in rules.publishers:
        if any(signature in text for signature in publisher.signatures):
            return publisher.name
    for line in lines:
        match = COPYRIGHT.search(line)
        if (match and "rights" in line.lower()) or (match and line.lstrip().startswith("©")):
            owner = match.group("owner").strip(" -")
            if _words(owner) <= 8:
                return owner
    return None


def _dateline(line: str) -> str | None:
    """'SAN FRANCISCO —', 'SEOUL, Feb. 3 (UPI) --', 'Hanoi (VNA) –', 'MANILA, Philippines –'."""
    match = DATELINE.match(line)
    if not match:
        return None
    place = match.group("place").strip()
    first = place.split(",")[0].split("/")[0].strip()
    letters = [c for c in first if c.isalpha()]
    if len(letters) >= MIN_DATELINE_LETTERS and all(c.isupper() for c in letters):
        return place
    credited = match.group("agency") or match.group("slashed") or match.group("bare")
    if (credited or "/" in place or "," in place) and first.istitle():
        return place if _words(place) <= 4 else None
    if first.istitle() and _words(first) <= 3 and lookup_city(first) is not None:
        return place
    return None


def _split_lines(raw: str) -> list[str]:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "``" in text:  # old wire copy quotes ``like this'': curly quotes from here on
        text = text.replace("``", "“").replace("''", "”")
    lines = []
    for line in text.split("\n"):
        if len(MENU_GAP.findall(line)) >= MIN_MENU_GAPS:  # "Top Stories   Topics   Video"
            line = MENU_GAP.sub(" | ", line)
        lines.append(WHITESPACE.sub(" ", line).strip())
    return lines


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

    kept: list[str] = []
    updated: dt.date | None = None
    dateline: str | None = None
    header: list[tuple[str, bool]] = []
    seen: set[str] = set()
    in_body = False
    cutting = False
    position = 0  # lines of several words so far: a menu of one-word lines does not count
    for line in lines:
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
        if near_top and _is_date_line(line):
            # a date line ("16:05 JST, November 17, 2023") is metadata, not text; an
            # update time only stands in when nothing better dates the page
            if UPDATED_LINE.match(line):
                updated = updated or find_date_in(line)
            else:
                published = published or find_date_in(line)
            continue
        if not in_body and not dateline and _dateline(line) and DATELINE.fullmatch(line):
            dateline = _dateline(line)  # "KAZAN, RUSSIA:" alone above the first paragraph
            continue
        if not in_body and _is_paragraph(line) and not _is_chrome(line, rules):
            in_body = True
        if near_top and not _is_chrome(line, rules) and not _is_paragraph(line):
            header.append((line, in_body))  # headline candidates, before or among the first lines
        if not in_body:
            continue
        if _is_chrome(line, rules) or line in seen:
            continue
        seen.add(line)
        kept.append(line)

    kept = _drop_link_lists(kept)
    meta.publisher = publisher or _pick_publisher(lines, doc.url, rules)
    if title is None:
        own = outlet_name(meta.publisher or "")
        outlets = rules.outlet_names | {own} if len(own) >= MIN_OUTLET_NAME else rules.outlet_names
        title = _pick_title(header, lines, doc.url, outlets)
    meta.title = title
    meta.published = published or date_from_url(doc.url) or updated
    meta.dateline = dateline or next((d for d in map(_dateline, kept[:DATELINE_LINES]) if d), None)
    if meta.published is None and meta.dateline:
        # "PRETORIA, South Africa, March 5, 2019 -": a dateline may carry the date
        opening = next((line for line in kept[:DATELINE_LINES] if DATELINE.match(line)), "")
        when = DATELINE.match(opening)
        meta.published = find_date_in(when.group("when") or "") if when else None
    # Captions repeat the headline and then describe a photo; they are not article text.
    if title:
        kept = [
            line for line in kept if not GLUED_MENU.sub("", line).lstrip("\"“'‘ ").startswith(title)
        ]
    body = "\n".join(kept)
    doc.text = f"{title}\n{body}" if title else body
    doc.body_start = len(title) + 1 if title else 0
    return doc


# scraped blocks glued together ("(The Canadian Press)The statement") break too
SENTENCE_BREAK = re.compile(
    r"[.!?][\"'”’)]*(?=\s+[\"“‘'(\[]?[A-Z0-9]|[A-Z][a-z]|[“\"][A-Z])|\)(?=[A-Z][a-z])|\n"
)
ABBREVIATION_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


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
    return doc
