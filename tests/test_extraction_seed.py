"""The extractor on the seed article, against the hand-made gold standard in seeds/seed-story.json."""

import json
from datetime import date

import pytest

from desktop.domain.extraction import Context, extract
from desktop.domain.extraction.names import same_name, same_person
from desktop.paths import seeds_dir

ARTICLE_DATE = date(2021, 11, 13)  # the article carries no date; it appeared the day after Friday 12 November


@pytest.fixture(scope="module")
def seed():
    data = json.loads((seeds_dir() / "seed-story.json").read_text(encoding="utf-8"))
    text = (seeds_dir() / data["document"]["text_file"]).read_text(encoding="utf-8")
    gold = []
    for row in data["statements"]:
        start = text.index(row["excerpt"])
        gold.append({**row, "start": start, "end": start + len(row["excerpt"])})
    speakers = {row["name"]: row for row in data["speakers"]}
    proposals = extract(text, Context(document_date=ARTICLE_DATE))
    return text, gold, speakers, proposals


def _overlaps(proposal, row) -> bool:
    return proposal.start < row["end"] and row["start"] < proposal.end


def _names_speaker(proposal, speaker: dict) -> bool:
    names = [speaker["name"], *speaker["aliases"]]
    match = same_person if speaker["kind"] == "person" else same_name
    return any(match(proposal.speaker, name) for name in names)


def test_recall_and_precision_on_spans(seed):
    _, gold, speakers, proposals = seed
    found = [row for row in gold if any(_overlaps(p, row) for p in proposals)]
    matched = [p for p in proposals if any(_overlaps(p, row) for row in gold)]
    same_speaker = [
        row for row in found
        if any(_overlaps(p, row) and _names_speaker(p, speakers[row["speaker"]]) for p in proposals)
    ]
    recall, precision = len(found) / len(gold), len(matched) / len(proposals)
    print(
        f"\nseed extraction: {len(proposals)} proposals for {len(gold)} gold statements; "
        f"span recall {recall:.2f}, span precision {precision:.2f}, "
        f"right speaker on {len(same_speaker)}/{len(found)} found"
    )
    assert recall >= 0.8
    assert precision >= 0.7
    assert len(same_speaker) >= 0.8 * len(found)


def _proposals_for(seed, key):
    _, gold, _, proposals = seed
    row = next(r for r in gold if r["key"] == key)
    return [p for p in proposals if _overlaps(p, row)]


@pytest.mark.parametrize("key", ["peskov-false", "peskov-tensions", "peskov-no-threat", "peskov-own-pace"])
def test_peskov_resolves_with_his_role_outlet_and_friday(seed, key):
    (proposal,) = _proposals_for(seed, key)
    assert proposal.speaker == "Dmitry Peskov"
    assert proposal.role == "Kremlin spokesperson"
    assert proposal.side == "Russia"
    assert proposal.outlet == "Sputnik"
    assert proposal.said_on == date(2021, 11, 12)


def test_he_said_after_polyansky_is_polyansky_as_reported_by_the_ap(seed):
    (proposal,) = _proposals_for(seed, "polyansky-black-sea")
    assert proposal.speaker == "Dmitry Polyansky"
    assert proposal.is_quote
    assert proposal.text.startswith("So, every day is a very difficult day")
    assert proposal.outlet == "The Associated Press"
    assert proposal.said_on is None


@pytest.mark.parametrize("key", ["blinken-unusual", "blinken-monitoring", "blinken-escalation", "blinken-unaware"])
def test_blinken_statements_are_dated_wednesday_november_10(seed, key):
    (proposal,) = _proposals_for(seed, key)
    assert proposal.speaker == "Antony Blinken"
    assert proposal.role == "US Secretary of State"
    assert proposal.side == "United States"
    assert proposal.outlet == "The Associated Press"
    assert proposal.said_on == date(2021, 11, 10)


def test_unsourced_claims_name_no_outlet_and_no_date(seed):
    for key in ("us-media-buildup", "moscow-smear", "biden-concern"):
        (proposal,) = _proposals_for(seed, key)
        assert proposal.outlet is None and proposal.said_on is None, key
    (media,) = _proposals_for(seed, "us-media-buildup")
    assert media.speaker == "Several US media outlets" and media.side == "United States"


def test_credits_and_the_subheading_are_not_statements(seed):
    text, _, _, proposals = seed
    for words in ("Image: AP", "Last Updated:", "'Moscow will never attack Ukraine unless it is provoked'"):
        start = text.index(words)
        assert not any(p.start < start + len(words) and start < p.end for p in proposals), words


def test_spans_are_offsets_into_the_text_and_confidences_are_fractions(seed):
    text, _, _, proposals = seed
    assert proposals == sorted(proposals, key=lambda p: p.start)
    for proposal in proposals:
        assert 0 <= proposal.start < proposal.end <= len(text)
        assert 0 < proposal.confidence <= 1
