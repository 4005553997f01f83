"""The syntax layer's reading of speakers and statements, and the rules it leaves standing without it."""

import pytest

from desktop.domain.extraction import Context, extract, syntax

needs_parse = pytest.mark.skipif(not syntax.available(), reason="the syntax extra and its English model are not installed")


def _all(text):
    return extract(text, Context())


def _said(text):
    return [(p.speaker, p.text) for p in _all(text)]


@needs_parse
@pytest.mark.parametrize(
    "sentence, speaker, role",
    [
        (
            "Martha Greeley, a surveyor with the county planning office who has mapped the river for years, "
            "said the levee would not hold another flood.",
            "Martha Greeley",
            "surveyor with the county planning office",
        ),
        (
            "The levee would not hold another flood, said Tomas Brink, chief engineer at Delta Works in Leiden.",
            "Tomas Brink",
            "chief engineer at Delta Works in Leiden",
        ),
    ],
)
def test_a_speaker_keeps_the_apposition_that_says_who_they_are(sentence, speaker, role):
    (proposal,) = _all(sentence)
    assert (proposal.speaker, proposal.role) == (speaker, role)
    assert proposal.text == "The levee would not hold another flood"


@needs_parse
def test_a_place_before_a_body_is_part_of_its_name():
    assert _said("Dunmore police said the driver had fled on foot.") == [("Dunmore police", "The driver had fled on foot")]


@needs_parse
def test_the_time_after_an_inverted_verb_is_not_the_speaker_or_the_statement():
    assert _said("The harbour will reopen next month, Okafor said on Wednesday.") == [
        ("Okafor", "The harbour will reopen next month")
    ]


@needs_parse
def test_two_statements_in_one_sentence_are_cut_at_the_second_cue():
    said = _said("The minister said the budget was balanced, but she denied that taxes would rise in the spring.")
    assert said == [
        ("The minister", "The budget was balanced"),
        ("The minister", "Denied that taxes would rise in the spring"),
    ]


@needs_parse
@pytest.mark.parametrize(
    "sentence, speaker, text",
    [
        ("The Ledger cited an official as saying the bridge would close in June.", "an official", "The bridge would close in June"),
        ("Mayor Ruth Okafor suggested that the ferry fares would stay the same.", "Ruth Okafor", "The ferry fares would stay the same"),
        ("Mayor Ruth Okafor tweeted that the ferry fares would stay the same.", "Ruth Okafor", "The ferry fares would stay the same"),
        (
            "Ruth Okafor closed the hearing early, saying that the ferry fares would stay the same.",
            "Ruth Okafor",
            "The ferry fares would stay the same",
        ),
    ],
)
def test_cues_the_rules_did_not_know(sentence, speaker, text):
    assert _said(sentence) == [(speaker, text)]


@needs_parse
def test_a_verb_inside_what_was_said_does_not_take_the_statement():
    (proposal,) = _all("Judge Alma Reyes said the leaflet suggests that the council approved the plan.")
    assert proposal.speaker == "Alma Reyes"
    assert proposal.text == "The leaflet suggests that the council approved the plan"


@needs_parse
def test_an_outlet_that_reports_is_never_the_speaker():
    (proposal,) = _all("Okafor said the harbour would reopen, news agency Interfax reported.")
    assert proposal.speaker == "Okafor"


@pytest.mark.parametrize("opener", ["In Leiden", "After", "Rather", "Many"])
def test_a_sentence_opener_is_not_a_name(opener, monkeypatch):
    monkeypatch.setenv(syntax.SWITCH, "off")
    proposals = _all(f'{opener}, "the harbour will not reopen this year," a notice at the gate read.')
    assert all(opener.split()[-1] not in p.speaker for p in proposals)


def test_a_quotation_signed_after_a_dash_is_its_signers(monkeypatch):
    monkeypatch.setenv(syntax.SWITCH, "off")
    words = "The ferry is the only way my children get to school. Without it they would walk for four hours every day, in the rain and in the dark."
    (proposal,) = _all(f"The harbour closed in May.\n\n“{words}” ― Ines Varga")
    assert proposal.speaker == "Ines Varga"
    assert proposal.text == words


def test_one_line_in_capitals_and_a_colon_is_not_a_transcript(monkeypatch):
    monkeypatch.setenv(syntax.SWITCH, "off")
    assert all(p.speaker != "Leiden" for p in _all("LEIDEN: The harbour will reopen in the spring, the council said."))


def test_a_short_statement_is_less_certain_than_a_whole_one():
    short, whole = _all(
        "Okafor said the plan was dead. "
        "Ruth Okafor said the harbour plan was dead because the council had spent its money on the bridge."
    )
    assert short.confidence < 0.8 <= whole.confidence


@needs_parse
def test_talk_about_something_is_a_statement_that_keeps_its_verb():
    assert _said("The harbour master asked the mayor about the missing ferry timetables.") == [
        ("The harbour master", "Asked the mayor about the missing ferry timetables")
    ]


@needs_parse
@pytest.mark.parametrize(
    "sentence, said",
    [
        ("Okafor continues to insist that the ferry fares will stay the same.", True),
        ("Okafor pointed out that the ferry fares had not changed since 2019.", True),
        ("Okafor declined to say whether the ferry fares would change next year.", False),
    ],
)
def test_a_cue_after_to_is_said_unless_the_verb_before_it_says_otherwise(sentence, said):
    assert bool(_all(sentence)) is said


@needs_parse
def test_a_quotation_before_a_name_with_an_aside_is_that_speakers():
    (proposal,) = _all('"The harbour is our lifeline. Not useful, vital," Sen. Ruth Okafor (D-Md.) said in a phone interview.')
    assert proposal.speaker == "Ruth Okafor"
    assert proposal.is_quote


@pytest.mark.parametrize("opener", ["She’ll", "Twenty-two"])
def test_contractions_and_numbers_are_not_names(opener, monkeypatch):
    monkeypatch.setenv(syntax.SWITCH, "off")
    proposals = _all(f'{opener} "keep the harbour open through the winter," the notice at the gate read.')
    assert all(opener not in p.speaker for p in proposals)


@needs_parse
def test_words_quoted_inside_an_indirect_statement_give_the_whole_statement():
    (proposal,) = _all('Okafor said that the council\'s "only plan for the harbour" was a new car park by the water.')
    assert proposal.text == 'The council\'s "only plan for the harbour" was a new car park by the water'
    assert not proposal.is_quote


@needs_parse
def test_an_indirect_statement_ending_in_a_quotation_keeps_its_closing_marks():
    (proposal,) = _all('Okafor said that the plan for the harbour was “a disgrace.”')
    assert proposal.text == "The plan for the harbour was “a disgrace.”"


@needs_parse
def test_a_cue_set_in_the_middle_leaves_the_statement_around_it():
    (proposal,) = _all("To keep the ferry running, Okafor said, the council must find two million euros by June.")
    assert proposal.speaker == "Okafor"
    assert proposal.text.startswith("To keep the ferry running")
    assert proposal.text.endswith("by June")


@pytest.mark.parametrize("layer", ["on", "off"])
def test_a_place_after_a_body_says_whose_body_it_is_and_is_not_the_speaker(monkeypatch, layer):
    monkeypatch.setenv(syntax.SWITCH, layer)
    (ministry,) = _all('The foreign ministry in Beijing said the sale "seriously violates" the agreement.')
    (officials,) = _all("Officials in Kyiv said the talks on the grain corridor would resume on Monday.")
    assert (ministry.speaker.lower(), ministry.side) == ("the foreign ministry in beijing", "China")
    assert (officials.speaker, officials.side) == ("Officials in Kyiv", "Ukraine")


def test_a_dateline_with_a_state_abbreviation_stays_out_of_the_speaker():
    if not syntax.available():
        pytest.skip("the syntax layer is not installed")
    (said,) = _all(
        "PORTLAND, Ore. (AP) — Mara Lindqvist, a surveyor with a firm in Salem who maps water rights, "
        "said the ruling would reach farms across the valley."
    )
    assert (said.speaker, said.outlet) == ("Mara Lindqvist", "The Associated Press")
    assert said.text.startswith("The ruling would reach")
