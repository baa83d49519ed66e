"""Stage 6: quotations and reported speech, each with its speaker."""

import pytest

from app.nlp.doc import ArticleDoc, Quote
from app.nlp.quotes import find_quote_spans
from tests.nlp.conftest import article, run

TITLE = "Kishida and Yoon pledge to stand together"
PUBLISHED = "Published September 7, 2023"
LEAD = (
    "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Seoul on "
    "Thursday for talks on security and trade between the two neighbours."
)
WORDS = "Our two countries must stand together against threats from the North"


def _direct(doc: ArticleDoc) -> list[Quote]:
    """The direct quotes of an article, each checked to point into ``doc.text``."""
    found = [q for q in doc.quotes if q.kind == "direct"]
    for quote in found:
        assert doc.text[quote.start : quote.end] == quote.text
    return found


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        (f'"{WORDS}," Kishida said.', "Fumio Kishida"),
        (f'"{WORDS}," said Yoon.', "Yoon Suk Yeol"),
        (f'Yoon said, "{WORDS}."', "Yoon Suk Yeol"),
        (f'Kishida told reporters: "{WORDS}."', "Fumio Kishida"),
        (f'"{WORDS}," the Japanese leader said.', "Fumio Kishida"),
        (f'"{WORDS}," the White House said in a statement.', "White House"),
        # a role before the name, a greeting, an office's statement
        (f'"{WORDS}," government spokeswoman Hana Berger said.', "Hana Berger"),
        (f'"{WORDS}," the Japanese leader greeted Mr. Yoon.', "Fumio Kishida"),
        (f'The statement from Kishida’s office calls the alliance "{WORDS}."', "Kishida’s office"),
        # agencies quoting a leader, institutions and their spokesmen
        (f'"{WORDS}," the official news agency quoted Kishida as saying.', "Fumio Kishida"),
        (f'"{WORDS}," Japan\'s foreign ministry said.', "Japan's foreign ministry"),
        (f'Yoon was quoted by a news agency as saying: "{WORDS}."', "Yoon Suk Yeol"),
        (f'In a statement, the Blue House said: "{WORDS}."', "Blue House"),
        (f'Blue House spokesman Park Soo-hyun told reporters that "{WORDS}."', "Park Soo-hyun"),
        # any past-tense verb after a comma-closed quote, past an aside between commas
        (f'"{WORDS}," Mr Yoon, who spoke through an interpreter, vowed.', "Yoon Suk Yeol"),
        (f'"{WORDS}," Kishida pledged on Thursday.', "Fumio Kishida"),
        (f'"{WORDS}," Yoon, speaking through an interpreter, told reporters.', "Yoon Suk Yeol"),
        # a quotation left unclosed: the attribution closing its paragraph is no part of it
        (f"“{WORDS}, the agency quoted Yoon as saying.", "Yoon Suk Yeol"),
    ],
)
def test_speaker_of_a_quote(line: str, speaker: str) -> None:
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, line)))
    assert (quote.text.rstrip("."), quote.speaker, quote.kind) == (WORDS, speaker, "direct")


def test_said_lee_is_the_lee_in_office() -> None:
    doc = run(
        article(
            "Lee and Ishiba pledge to look to the future",
            "Published August 25, 2025",
            "South Korean President Lee Jae-myung met Japanese Prime Minister Shigeru Ishiba in "
            "Tokyo on Saturday, his first visit to Japan since taking office in June.",
            '"We should not let the past hold back our cooperation," said Lee.',
        )
    )
    [quote] = _direct(doc)
    assert (quote.text, quote.speaker, quote.speaker_country) == (
        "We should not let the past hold back our cooperation",
        "Lee Jae-myung",
        "KR",
    )


def test_quote_continued_after_a_named_attribution_keeps_the_speaker() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            LEAD,
            '"This is a historic moment for our peoples," Kishida said. "We will not go back to '
            'the days of mistrust."',
        )
    )
    assert [(q.text, q.speaker) for q in _direct(doc)] == [
        ("This is a historic moment for our peoples", "Fumio Kishida"),
        ("We will not go back to the days of mistrust.", "Fumio Kishida"),
    ]


@pytest.mark.parametrize("index", [0, 1])
def test_quote_around_he_said_takes_the_speaker_named_before(index: int) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            LEAD,
            "Yoon said the talks had opened a new era of cooperation between the two countries.",
            '"This is a historic moment for our peoples," he said. "We will not go back to the '
            'days of mistrust."',
        )
    )
    assert _direct(doc)[index].speaker == "Yoon Suk Yeol"


def test_he_said_after_an_officials_reported_speech_is_the_official() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            LEAD,
            f'"{WORDS}," Kishida told reporters.',
            "Briefing the press later, foreign ministry spokesman Tomas Reyes said the talks had "
            'been "frank and useful". "Both sides agreed to meet again before the end of the '
            'year," he said.',
        )
    )
    assert [q.speaker for q in _direct(doc)] == ["Fumio Kishida", "Tomas Reyes"]


@pytest.mark.parametrize(
    "line",
    [
        "The declaration also holds a clause confirming “{}.”",
        "Trade is also mentioned in the document: “{}.”",
    ],
)
def test_a_quote_from_a_document_is_the_issuers(line: str) -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "NATO leaders meeting in Vilnius adopted a final communiqué on Tuesday.",
            line.format("Allies will keep their commitment to defend every inch of territory"),
        )
    )
    assert [q.speaker for q in _direct(doc)] == ["NATO"]


def test_a_surname_opening_with_a_lowercase_particle_speaks() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            "European Commission President Ursula von der Leyen met Japanese Prime Minister "
            "Fumio Kishida in Brussels on Thursday.",
            f'"{WORDS}," von der Leyen said after the meeting.',
        )
    )
    assert [q.speaker for q in _direct(doc)] == ["Ursula von der Leyen"]


def test_a_short_form_and_a_role_stand_for_the_full_name_the_article_gave() -> None:
    doc = run(
        article(
            "Amir receives phone call from Japanese Prime Minister",
            PUBLISHED,
            "His Highness the Amir received a phone call from Japanese Prime Minister Fumio "
            "Kishida on Thursday, Minister of Royal Court Affairs Sheikh Nasser Khalid "
            "Al-Harbi said.",
            f'"{WORDS}," Sheikh Nasser said.',
            '"The two leaders agreed to keep in close touch in the coming weeks," the minister '
            "said.",
        )
    )
    assert [q.speaker for q in _direct(doc)] == ["Nasser Khalid Al-Harbi"] * 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('Kishida called the talks "a new chapter" for the region.', []),
        ('Yoon hailed a "new era of cooperation" between them.', []),
        ('"We face the same threats," Kishida said.', ["We face the same threats"]),
    ],
)
def test_quotes_under_five_words_are_skipped(line: str, expected: list[str]) -> None:
    doc = run(article(TITLE, PUBLISHED, LEAD, line))
    assert [q.text for q in _direct(doc)] == expected


@pytest.mark.parametrize(
    "line",
    [
        f'"{WORDS}," Kishida said.',
        f"“{WORDS},” Kishida said.",
        f"‘{WORDS},’ Kishida said.",
    ],
)
def test_straight_and_curly_quotes(line: str) -> None:
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, line)))
    assert (quote.text, quote.speaker) == (WORDS, "Fumio Kishida")


def test_reported_speech_by_a_leader() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            LEAD,
            "Yoon said the talks had opened a new era of cooperation between the two countries.",
        )
    )
    [quote] = doc.quotes
    assert doc.text[quote.start : quote.end] == quote.text
    assert (quote.text, quote.speaker, quote.kind) == (
        "the talks had opened a new era of cooperation between the two countries.",
        "Yoon Suk Yeol",
        "reported",
    )


def test_speaker_after_honorific() -> None:
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, f'"{WORDS}," Mr. Kishida said.')))
    assert quote.speaker == "Fumio Kishida"


def test_named_official_beats_the_institution() -> None:
    line = f'"{WORDS}," White House press secretary Karine Jean-Pierre told reporters.'
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, line)))
    assert quote.speaker == "Karine Jean-Pierre"


def test_official_named_after_a_long_title() -> None:
    line = f'"{WORDS}," said National Security Adviser Jake Sullivan.'
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, line)))
    assert quote.speaker == "Jake Sullivan"


def test_official_called_mr_later_keeps_the_full_name_given_before() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            LEAD,
            "Kishida's spokesman, Hiro Tanabe, briefed reporters after the talks.",
            f'"{WORDS}," Mr. Tanabe said.',
        )
    )
    [quote] = _direct(doc)
    assert quote.speaker == "Hiro Tanabe"


def test_readout_words_belong_to_the_institution_that_issued_them() -> None:
    """Quoted fragments of a readout ("Kishida 'welcomed ...'") are the readout's words:
    the institution named as reporting nearby speaks, and "the statement" it issued."""
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            'Kishida "welcomed the chance to speak frankly and at length" with Yoon on Thursday.',
            "The Prime Minister's Office said the two men talked for an hour.",
            f'"{WORDS}," the statement said.',
            'The two leaders also discussed "new ways of working together on supply chains."',
            'Kishida thanked Yoon for his "warm and generous hospitality in the capital."',
        )
    )
    assert [(q.speaker, q.text.split()[0]) for q in _direct(doc)] == [
        ("Prime Minister's Office", "welcomed"),
        ("Prime Minister's Office", "Our"),
        ("Prime Minister's Office", "new"),
        ("Fumio Kishida", "warm"),
    ]


def test_unnamed_officials_speak_for_their_institution() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            LEAD,
            'A senior administration official told reporters the talks were "respectful and '
            'straightforward and it was open."',
            'The official added that both sides wanted "guardrails to keep competition from '
            'veering into conflict."',
        )
    )
    assert [q.speaker for q in _direct(doc)] == ["White House", "White House"]


def test_a_quote_running_over_paragraphs_is_the_closing_speakers() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            LEAD,
            "“We have agreed to open a new chapter in our relations after years of friction.",
            "“And we will meet again soon to take this forward together,” Kishida told reporters.",
        )
    )
    assert [(q.speaker, q.text.split()[0]) for q in _direct(doc)] == [
        ("Fumio Kishida", "We"),
        ("Fumio Kishida", "And"),
    ]


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        # mixed shapes: a curly opening closed by a straight mark, angle marks
        (
            'The mayor said, “We will rebuild the old bridge by spring." Then',
            ["We will rebuild the old bridge by spring."],
        ),
        (
            "«Our ties are stronger than ever before», the envoy said.",
            ["Our ties are stronger than ever before"],
        ),
        # a block quote over paragraphs, closed once at its end
        (
            "read:\n\n“The talks were frank.\n\nBoth sides agreed to meet again.”\n\nLater",
            ["The talks were frank.\n\nBoth sides agreed to meet again."],
        ),
        # each paragraph reopens the quotation, only the last closes it
        (
            "“The talks were frank.\n“Both sides agreed,” she said.",
            ["The talks were frank.", "Both sides agreed"],
        ),
        # hard-wrapped lines inside a quotation
        (
            'He said, "We want a\nlasting peace for all."\nThen',
            ["We want a\nlasting peace for all."],
        ),
        # a paragraph left open before the next quotation, and an article cut off in one
        ('He said "we will go home.\nShe said "no way" to it', ["we will go home.", "no way"]),
        (
            'The minister added: "The reason we came here is that',
            ["The reason we came here is that"],
        ),
        # single marks as a house style; apostrophes inside are not marks
        ("He said ‘we don’t want a war with anyone’ today.", ["we don’t want a war with anyone"]),
    ],
)
def test_quotation_marks_pair_across_styles(text: str, bodies: list[str]) -> None:
    spans = find_quote_spans(text)
    assert [text[s.body_start : s.body_end] for s in spans] == bodies


def test_quote_span_offsets_cover_the_marks() -> None:
    text = 'Lee said: "We are ready to talk at any time." And'
    [span] = find_quote_spans(text)
    assert (text[span.start], text[span.end - 1]) == ('"', '"')


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        (f"“{WORDS}”, said the Prime Minister.", "Fumio Kishida"),
        (f'"{WORDS}," the South Korean leader stressed.', "Yoon Suk Yeol"),
        (f'The president said: "{WORDS}."', "Yoon Suk Yeol"),
    ],
)
def test_a_role_stands_for_the_leader_named_before(line: str, speaker: str) -> None:
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, line)))
    assert quote.speaker == speaker


def test_an_officials_surname_and_role_stand_for_the_full_name() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            LEAD,
            "Foreign ministry spokesperson Aiko Watanabe briefed reporters after the talks.",
            f'"{WORDS}," Watanabe said.',
            '"Both sides will meet again before the end of the year," said the spokesperson.',
        )
    )
    assert [q.speaker for q in _direct(doc)] == ["Aiko Watanabe", "Aiko Watanabe"]


@pytest.mark.parametrize(
    ("pronoun", "speaker"), [("she", "Angela Merkel"), ("he", "Emmanuel Macron")]
)
def test_she_said_is_the_woman_named_before(pronoun: str, speaker: str) -> None:
    doc = run(
        article(
            "Merkel and Macron meet in Berlin",
            "Published May 15, 2017",
            "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on "
            "Monday, his first trip abroad since taking office.",
            f'"{WORDS}," {pronoun} said.',
        )
    )
    [quote] = _direct(doc)
    assert quote.speaker == speaker


def test_the_subject_pronoun_speaks_not_the_leader_it_met() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            LEAD,
            '"We will meet again in Tokyo before the end of the year," Kishida said.',
            "The two sides also signed three agreements on energy.",
            'He also met Chinese Premier Li Qiang, and thanked him for "a frank exchange of views '
            'on the economy."',
        )
    )
    assert [q.speaker for q in _direct(doc)] == ["Fumio Kishida", "Fumio Kishida"]


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        # the outermost reporting verb speaks, not the one it reports on
        (
            'A senior administration official said Kishida had explained Japan’s "concerns '
            'about coercion in the East China Sea and beyond."',
            "White House",
        ),
        # a participle after the quote carries more content, not a speaker
        (f'Yoon said, "{WORDS}," adding that Kishida agreed.', "Yoon Suk Yeol"),
    ],
)
def test_the_reporting_clause_that_frames_the_quote_speaks(line: str, speaker: str) -> None:
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, line)))
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        (f'The Kremlin issued a readout after the call. "{WORDS}," it said.', "Kremlin"),
        (
            f'The Ukrainian presidency said the two men had discussed "{WORDS}."',
            "Ukrainian presidency",
        ),
        (f'"{WORDS}," Cuban state media reported.', "Cuban state media"),
    ],
)
def test_institutions_speak_by_name_or_as_it(line: str, speaker: str) -> None:
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, line)))
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    "line",
    [
        f"‘‘{WORDS},’’ Kishida said.",
        f"''{WORDS},'' Kishida said.",
        # a caption: the quote's sentence ends with the speaker's name alone
        f"“{WORDS}.” Fumio Kishida.",
        # reporting verbs in the present tense
        f'"{WORDS}," Kishida insists.',
    ],
)
def test_doubled_single_marks_captions_and_present_tense(line: str) -> None:
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, line)))
    assert (quote.text.rstrip("."), quote.speaker) == (WORDS, "Fumio Kishida")


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        # a source with its own framing verb: the framed speaker speaks
        (f'According to the Blue House, Yoon told Kishida: "{WORDS}."', "Yoon Suk Yeol"),
        # a surname with an appositive role
        (f'Tanaka, the government spokesman, said: "{WORDS}."', "Tanaka"),
        # an agency relaying words a leader said
        (f'Yoon said the talks went well, "{WORDS}," Yonhap reported.', "Yoon Suk Yeol"),
    ],
)
def test_sources_relays_and_appositives(line: str, speaker: str) -> None:
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, line)))
    assert quote.speaker == speaker


def test_the_ministry_is_the_ministry_named_before() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            LEAD,
            "The South Korean Foreign Ministry issued a statement after the talks.",
            f'"{WORDS}," the ministry said.',
        )
    )
    [quote] = _direct(doc)
    assert quote.speaker == "South Korean Foreign Ministry"


def test_a_quote_standing_alone_after_another_keeps_its_speaker() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            LEAD,
            f'Standing beside Yoon, Kishida said: "{WORDS}."',
            '"We will not go back to the days of mistrust between our peoples."',
        )
    )
    assert [q.speaker for q in _direct(doc)] == ["Fumio Kishida", "Fumio Kishida"]


def test_she_said_finds_a_woman_the_article_titles_as_one() -> None:
    doc = run(
        article(
            "Irish president visits Pretoria",
            "Published March 20, 1997",
            "South African President Nelson Mandela received President Okafor of Ireland at his "
            "residence in Pretoria on Wednesday.",
            '"Would any of you like to visit my country one day soon?" she asked the crowd.',
            "Mrs Okafor later toured the city.",
        )
    )
    [quote] = _direct(doc)
    assert quote.speaker == "Okafor"


def test_a_possessor_is_not_the_speaker() -> None:
    line = f'"{WORDS}," said Kishida\'s national security adviser, Takeo Mori.'
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, line)))
    assert quote.speaker == "Takeo Mori"


def test_he_said_finds_an_official_who_opens_the_sentence_before() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            LEAD,
            "Haruto Sato, Kishida's chief cabinet secretary, said Tokyo would send an envoy.",
            f'"{WORDS}," he said.',
        )
    )
    [quote] = _direct(doc)
    assert quote.speaker == "Haruto Sato"


def test_a_surname_finds_its_full_name_inside_a_longer_capitalised_run() -> None:
    doc = run(
        article(
            TITLE,
            PUBLISHED,
            LEAD,
            "The talks were arranged by the ministry spokesman, Kenji Morimoto.\nAs Kishida "
            "arrived, crowds gathered outside.",
            f'"{WORDS}," Morimoto said.',
        )
    )
    [quote] = _direct(doc)
    assert quote.speaker == "Kenji Morimoto"


@pytest.mark.parametrize("body", ["NATO", "European Commission"])
def test_international_bodies_speak_as_institutions(body: str) -> None:
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, f'"{WORDS}," the {body} said.')))
    assert quote.speaker == body


def test_single_marks_quote_a_whole_clause_beside_double_quoted_ones() -> None:
    lines = (
        f'"{WORDS}," Kishida said.',
        "'Both sides agreed to meet again before the winter,' the Blue House said.",
    )
    quotes = _direct(run(article(TITLE, PUBLISHED, LEAD, *lines)))
    assert [q.speaker for q in quotes] == ["Fumio Kishida", "Blue House"]


def test_she_said_fits_a_woman_named_after_an_honorific() -> None:
    lead = (
        "Indian Prime Minister Narendra Modi met Bangladeshi Prime Minister Sheikh Hasina in Delhi."
    )
    lines = (
        "Hasina, whose rival Khaleda Zia stayed away, praised her hosts.",
        f'"{WORDS}," she said.',
    )
    [quote] = _direct(run(article(TITLE, PUBLISHED, lead, *lines)))
    assert quote.speaker == "Sheikh Hasina"


def test_an_institution_introducing_a_quote_with_a_colon_speaks_it() -> None:
    lines = ("The South Korean presidential office said in a statement:", f'"{WORDS}."')
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, *lines)))
    assert quote.speaker == "South Korean presidential office"


@pytest.mark.parametrize(
    ("lines", "speaker"),
    [
        # a surname the article gives no more of speaks, but not a common word ("News")
        ((f'"{WORDS}," Haldorsen said.',), "Haldorsen"),
        (
            (
                "Haldorsen, the presidential spokesman, said the talks went well.",
                f'"{WORDS}," he said.',
            ),
            "Haldorsen",
        ),
        # a document an institution issued
        (
            (
                "The Blue House issued a statement after the talks.",
                f'"{WORDS}," the statement read.',
            ),
            "Blue House",
        ),
    ],
)
def test_speakers_the_article_names_only_in_part(lines: tuple[str, ...], speaker: str) -> None:
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, *lines)))
    assert quote.speaker == speaker


def test_a_spokesperson_named_after_a_ministry_speaks_not_the_ministry() -> None:
    line = f'Foreign Affairs Ministry spokeswoman Mira Halvorsen said "{WORDS}".'
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, line)))
    assert quote.speaker == "Mira Halvorsen"


def test_words_unnamed_people_use_are_not_lent_to_the_last_sentence_subject() -> None:
    line = f'Diplomats in Seoul described the mood as "{WORDS}".'
    assert not [q for q in _direct(run(article(TITLE, PUBLISHED, LEAD, line))) if q.speaker]


def test_a_rank_before_a_surname_gives_the_full_name_said_before() -> None:
    lines = (
        "The talks were attended by the junta's spokesman, Captain Idris Malouma.",
        f'Captain Malouma said: "{WORDS}."',
    )
    [quote] = _direct(run(article(TITLE, PUBLISHED, LEAD, *lines)))
    assert quote.speaker == "Idris Malouma"


def test_a_role_stands_for_the_leader_the_article_introduced_with_it() -> None:
    lines = (
        "Published September 12, 2023",
        "Saudi Crown Prince Mohammed bin Salman held talks with Indian Prime Minister "
        "Narendra Modi in New Delhi on Monday.",
        f'"{WORDS}," Modi said.',
        "The crown prince said the kingdom wanted deeper ties in energy.",
        '"We will build a prosperous future for both our nations together," he said.',
    )
    quotes = _direct(run(article("Modi hosts Saudi crown prince", *lines)))
    assert [q.speaker for q in quotes] == ["Narendra Modi", "Mohammed bin Salman"]
