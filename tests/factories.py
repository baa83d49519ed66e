"""Short articles written for the tests, and helpers to put them on disk."""

import hashlib
from functools import cache
from pathlib import Path

from app.sources import SourceArticle
from app.synth import article_texts

# Two reports of one meeting, worded differently: they must become one summit.
SOCHI_A = """Putin and Erdogan hold talks in Sochi
Published September 5, 2023
SOCHI, Russia — Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Sochi on Monday for talks on reviving the Black Sea grain deal and on the war in Ukraine.
The two leaders talked for about three hours, officials said.
"We are open to negotiations on the grain deal," Putin told reporters after the meeting.
"""

SOCHI_B = """Erdogan presses Putin on grain corridor
Posted on September 4, 2023
Turkish President Recep Tayyip Erdogan held talks with Russian President Vladimir Putin in Sochi on Monday, urging him to return to the grain agreement that lets Ukraine export food through the Black Sea.
Erdogan said Turkey would keep working with the United Nations on a new proposal.
"""

# A phone call with no location, months away from the seeds.
PHONE_CALL = """Biden and Xi speak by phone
Published July 29, 2022
U.S. President Joe Biden and Chinese President Xi Jinping spoke by phone on Thursday for more than two hours, discussing Taiwan, trade and climate change.
"Those who play with fire will perish by it," Xi told Biden, according to Chinese state media.
"""

# Ministers only, and a leader's speech: nothing to store as a summit.
NO_SUMMIT = """Foreign ministers discuss trade
Published March 2, 2023
Japanese Foreign Minister Yoshimasa Hayashi met his Indian counterpart in New Delhi on Thursday to discuss supply chains.
The two ministers agreed to meet again later this year.
"""


def source_article(name: str, text: str, url: str | None) -> SourceArticle:
    """An article as the loader reads it (named ``name``, hashed), for tests that store one
    without a file."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    return SourceArticle(id=name, source=name, text=text, url=url, sha256=digest, name=name)


def write(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``folder/name`` and return the path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# No date anywhere, and no length: a summit whose date and duration are unknown.
UNDATED = """Macron and Scholz discuss energy
French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris for talks on energy prices and defence.
"We agreed to work together on gas supplies," Macron told reporters after the meeting.
"""

# Three leaders at once: a trilateral summit.
TRILATERAL = """Leaders meet at Camp David
Published August 19, 2023
U.S. President Joe Biden, Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol held a summit at Camp David on Friday to discuss North Korea's missiles.
"""


# Two more summits near the seeds' Tokyo: Osaka, close enough to merge with it on the
# world map, and Seoul, far enough apart not to.
OSAKA = """Kishida and Albanese meet in Osaka
Published May 3, 2023
OSAKA, Japan — Japanese Prime Minister Fumio Kishida met Australian Prime Minister Anthony Albanese in Osaka on Wednesday for talks on trade and regional security.
"Our partnership has never been stronger," Albanese told reporters after the meeting.
"""
SEOUL = """Yoon hosts Modi in Seoul
Published March 14, 2023
SEOUL, South Korea — South Korean President Yoon Suk Yeol met Indian Prime Minister Narendra Modi in Seoul on Tuesday to discuss semiconductors and defence cooperation.
"We will build supply chains together," Modi said after the talks.
"""


# The Sochi meeting (SOCHI_A, SOCHI_B) reported at year and month precision, and the
# same leaders' other meetings: each report must join the summit the store picks (#16).
YEAR_REPORT = """Turkey and Russia review ties
Published December 30, 2023
Turkish President Recep Tayyip Erdogan met Russian President Vladimir Putin in 2023 to review trade and energy ties, the Kremlin said in a year-end statement.
"""
MONTH_REPORT = """Erdogan and Putin discuss grain deal
Published October 2, 2023
Turkish President Recep Tayyip Erdogan met Russian President Vladimir Putin in Sochi in September to discuss the grain agreement, officials recalled.
"""
ISTANBUL = """Putin visits Istanbul
Published March 8, 2023
ISTANBUL — Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Istanbul on Tuesday to discuss trade.
"""
# Agrees with both 2023 meetings above: it joins the older one.
SECOND_YEAR_REPORT = """Erdogan looks back on a year of diplomacy
Published December 31, 2023
Turkish President Recep Tayyip Erdogan held talks with Russian President Vladimir Putin in 2023 on migration and trade, his office said.
"""
ASTANA = """Putin and Erdogan meet in Astana
Published October 14, 2022
ASTANA, Kazakhstan — Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Astana on Thursday for talks on grain exports and energy.
"We discussed the gas hub," Erdogan told reporters after the meeting.
"""


SLOW_ARTICLE_CHARS = 1_000_000  # dense meeting reports: tens of seconds to extract


@cache
def slow_article() -> str:
    """Distinct synthetic meeting reports run together into one article of about 1 MB:
    every sentence gives every stage work, so its extraction takes far longer than the
    one-second budgets tests set (#13)."""
    parts: list[str] = []
    size = 0
    for _name, body in article_texts(SLOW_ARTICLE_CHARS, seed=13):
        parts.append(body)
        size += len(body)
        if size >= SLOW_ARTICLE_CHARS:
            break
    return "\n\n".join(parts)
