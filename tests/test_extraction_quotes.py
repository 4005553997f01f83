"""Quotation structure and what is not a statement: quotes running on across paragraphs, stray
quote marks, titles, scare quotes, headlines and "declined to comment"."""

import pytest

from desktop.domain.extraction import Context, extract
from desktop.domain.extraction.sentences import find_quotes, sentences


def _all(text):
    return extract(text, Context())


def _quoted(text, runs_on=False):
    return [text[q.inner_start:q.inner_end] for q in find_quotes(text, 0, len(text), runs_on)]


# Pairing quotation marks


def test_a_stray_mark_does_not_swallow_the_rest_of_the_paragraph():
    text = 'Halvorsen called the tariff plan "reckless and said the port would lose business. "We are ready," she added.'
    assert _quoted(text) == ["We are ready,"]


def test_a_mark_left_open_at_the_end_of_a_paragraph_quotes_nothing_unless_the_next_opens_with_one():
    text = 'Halvorsen said the "levy would be paid by the port\'s customers.'
    assert _quoted(text) == []
    assert _quoted(text, runs_on=True) == ["levy would be paid by the port's customers."]


def test_a_closing_mark_typed_in_place_of_the_opening_one_opens_a_quotation():
    assert _quoted("”We will not pay twice for the same crane.” ― Ingrid Halvorsen") == [
        "We will not pay twice for the same crane."
    ]


def test_two_apostrophes_are_a_double_quotation_mark():
    text = "''We will not pay twice,'' Halvorsen said. ''The 'levy' is a tax by another name.''"
    assert _quoted(text) == ["We will not pay twice,", "The 'levy' is a tax by another name."]
    (proposal,) = _all(text)
    assert proposal.is_quote and proposal.speaker == "Halvorsen"
    assert proposal.text == "We will not pay twice The 'levy' is a tax by another name."


def test_straight_and_curly_marks_close_each_other():
    assert _quoted('"We will not pay twice,” Halvorsen said.') == ["We will not pay twice,"]


def test_a_stray_mark_in_one_paragraph_leaves_the_next_paragraphs_statements_alone():
    text = (
        'Port director Ingrid Halvorsen said the "levy would be paid by shippers.\n\n'
        "Harbour master Tomas Brekke said the cranes would stay idle until spring."
    )
    first, second = _all(text)
    assert not first.is_quote and first.speaker == "Ingrid Halvorsen"
    assert second.speaker == "Tomas Brekke" and second.text == "The cranes would stay idle until spring"


def test_a_quotation_signed_with_a_dash_and_a_name_is_that_person_s():
    text = (
        "Harbour master Tomas Brekke said the cranes were safe.\n\n"
        "“We will not pay twice for the same crane.” ― Ingrid Halvorsen\n"
        "”The levy is a tax by another name.” — Ola Nilsen, the port spokesman."
    )
    first, second, third = _all(text)
    assert (second.speaker, second.text, second.is_quote) == (
        "Ingrid Halvorsen", "We will not pay twice for the same crane.", True
    )
    assert (third.speaker, third.role, third.text) == ("Ola Nilsen", "port spokesman", "The levy is a tax by another name.")


# Quotations that run on across paragraphs


def test_a_quotation_running_on_across_paragraphs_keeps_its_speaker():
    text = (
        'Port director Ingrid Halvorsen said the plan would cost jobs. "We have told the ministry this twice.\n\n'
        '"Nobody has answered us, and the ships are already going to Gothenburg instead.\n\n'
        '"We will keep asking until somebody does."\n\n'
        "The ministry did not reply to the letters."
    )
    found = _all(text)
    runs = [p for p in found if p.is_quote]
    assert [p.text for p in runs][-2:] == [
        "Nobody has answered us, and the ships are already going to Gothenburg instead.",
        "We will keep asking until somebody does.",
    ]
    assert {p.speaker for p in runs} == {"Ingrid Halvorsen"}
    assert sentences(text)[1].quotes, "the open quotation runs to the end of its paragraph"


# Quotations that are not speech


def test_titles_in_quotation_marks_are_not_statements():
    text = (
        'Halvorsen\'s memoir, titled "Ships That Never Came," was published in March.\n\n'
        'Brekke, the host of "Morning Harbour," lives in Bergen.'
    )
    assert _all(text) == []


def test_a_title_does_not_become_the_quotation_of_a_statement():
    (proposal,) = _all('Brekke told the "Harbour Weekly" podcast that the cranes would stay idle until spring.')
    assert proposal.text == "The cranes would stay idle until spring" and not proposal.is_quote


def test_terms_in_scare_quotes_are_not_statements():
    text = (
        'Brekke\'s plan relies on the ministry\'s "fast track" for new terminals.\n\n'
        'The levy would be held in a separate "harbour fund" until the vote.'
    )
    assert _all(text) == []


def test_what_someone_is_said_to_have_called_something_stays_a_statement():
    (proposal,) = _all('Halvorsen called the levy a "slow disaster" for the port.')
    assert proposal.speaker == "Halvorsen" and "slow disaster" in proposal.text


# Declining to comment


@pytest.mark.parametrize(
    "sentence, speaker, text",
    [
        (
            'Halvorsen declined to comment further, but said the port "will not pay twice for the same crane."',
            "Halvorsen",
            "will not pay twice for the same crane.",
        ),
        (
            "The ministry did not respond to a request for comment, but an official said the levy would stay.",
            "an official",
            "The levy would stay",
        ),
        ("Halvorsen said the levy was unfair and declined to comment further.", "Halvorsen", "The levy was unfair"),
        (
            "Brekke, who would not comment on the lawsuit, said the cranes would stay idle until spring.",
            "Brekke",
            "The cranes would stay idle until spring",
        ),
    ],
)
def test_declining_to_comment_drops_only_its_own_clause(sentence, speaker, text):
    (proposal,) = _all(sentence)
    assert (proposal.speaker, proposal.text) == (speaker, text)


def test_a_sentence_that_only_declines_to_comment_is_no_statement():
    assert _all("A spokesman for the ministry did not immediately respond to a request for comment on Tuesday.") == []


def test_a_quoted_paragraph_after_one_about_a_named_person_is_theirs():
    text = (
        "Ingrid Halvorsen, 52, has run the port of Tromso for a decade.\n\n"
        '"We have never seen a winter like this one, and the cranes are older than I am."'
    )
    (proposal,) = _all(text)
    assert proposal.is_quote and proposal.speaker == "Ingrid Halvorsen"


def test_a_quoted_paragraph_two_paragraphs_after_its_speaker_is_nobody_s():
    text = (
        "Ingrid Halvorsen, 52, has run the port of Tromso for a decade.\n\n"
        "The port handled two million tonnes of cargo last year, most of it fish.\n\n"
        '"We have never seen a winter like this one, and the cranes are older than I am."'
    )
    (proposal,) = _all(text)
    assert proposal.is_quote and proposal.speaker == ""


# Headlines


def test_a_headline_with_a_full_stop_repeated_in_the_copy_is_not_a_statement():
    text = (
        "Port director says the harbour levy will empty Tromso's quays.\n\n"
        "Port director Ingrid Halvorsen said the harbour levy would empty the quays of Tromso within a year.\n\n"
        "The ministry will vote on the levy in March."
    )
    (proposal,) = _all(text)
    assert proposal.speaker == "Ingrid Halvorsen" and proposal.start > text.index("\n")


def test_a_headline_followed_by_its_byline_is_not_a_statement():
    text = (
        "Halvorsen says the cranes will stay idle until spring.\n\nBy Jane Roe\n\n"
        "The port's cranes will not move before April, its director said, blaming the ministry."
    )
    assert all(p.start > text.index("By Jane Roe") for p in _all(text))


def test_a_short_first_paragraph_that_is_copy_stays_a_statement():
    text = (
        "Harbour master Tomas Brekke said the cranes were safe.\n\n"
        '"Nobody has been hurt on these quays in twenty years," he added.'
    )
    first, second = _all(text)
    assert first.speaker == second.speaker == "Tomas Brekke"


# Transcripts


def test_each_turn_of_a_transcript_is_its_speaker_s():
    text = (
        "Port director Ingrid Halvorsen spoke to the radio host Ola Nilsen on Sunday.\n\n"
        "NILSEN: Will the cranes move before spring? The ships are waiting.\n\n"
        "HALVORSEN: Not before April. The ministry has not paid for the repairs.\n\n"
        "NILSEN: Thank you for coming in."
    )
    turns = [(p.speaker, p.text) for p in _all(text) if p.is_quote]
    assert turns == [
        ("Nilsen", "Will the cranes move before spring? The ships are waiting."),
        ("Ingrid Halvorsen", "Not before April. The ministry has not paid for the repairs."),
        ("Nilsen", "Thank you for coming in."),
    ]


def test_repeated_labels_that_name_nobody_are_not_speakers():
    text = (
        "UPDATE: The ministry will vote on the harbour levy in March.\n\n"
        "The port's cranes have been idle since October.\n\n"
        "UPDATE: Halvorsen said the vote had been moved to April."
    )
    assert [p.speaker for p in _all(text)] == ["Halvorsen"]
