"""HTML pages go through trafilatura, keeping its metadata, then the same stages."""

from tests.nlp.conftest import run

PAGE = """<!doctype html>
<html><head>
<title>Kishida and Yoon hold talks in Seoul | Example Times</title>
<meta property="og:title" content="Kishida and Yoon hold talks in Seoul">
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2023-05-08T09:00:00+09:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/share">Share</a></nav>
<article>
<h1>Kishida and Yoon hold talks in Seoul</h1>
<p>Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Seoul on
Sunday, the first visit by a Japanese leader in 12 years, and the two agreed to deepen
security cooperation against North Korea's missile launches.</p>
<p>"We will work together to build a future-oriented relationship," Kishida told reporters
after the meeting, which lasted about 90 minutes.</p>
</article>
<footer>Copyright 2023 Example Times. All rights reserved.</footer>
</body></html>"""


def test_html_metadata_comes_from_the_page() -> None:
    doc = run(PAGE, url="https://example.org/world/kishida-yoon-talks")
    assert doc.meta.title == "Kishida and Yoon hold talks in Seoul"
    assert doc.meta.published is not None
    assert doc.meta.published.isoformat() == "2023-05-08"
    assert doc.meta.publisher == "Example Times"
    assert "Home" not in doc.text.split("\n")


def test_html_article_yields_its_summit() -> None:
    doc = run(PAGE, url="https://example.org/world/kishida-yoon-talks")
    (summit,) = doc.summits
    assert sorted(p.name for p in summit.participants) == ["Fumio Kishida", "Yoon Suk Yeol"]
    assert (summit.date, summit.city, summit.country) == ("2023-05-07", "Seoul", "KR")
    assert summit.duration_minutes == 90
    assert "missiles" in summit.issues
    (quote,) = [q for q in summit.statements if q.kind == "direct"]
    assert quote.speaker == "Fumio Kishida"
    assert doc.text[quote.start : quote.end] == quote.text


def test_outlet_from_the_page_title_when_the_page_names_no_site() -> None:
    page = PAGE.replace('<meta property="og:site_name" content="Example Times">\n', "")
    page = page.replace("Example Times", "Harbour Evening Post")
    assert run(page).meta.publisher == "Harbour Evening Post"
