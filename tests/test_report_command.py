"""`parallax report`: how the seed story's dispute moved, as JSON and as tables, run as a child process."""

import json
import re
import subprocess
import sys
from datetime import date
from types import SimpleNamespace

import pytest
from sqlmodel import select

from desktop.domain.entities import Speaker, Statement
from desktop.services.dispute_json import repeats_section

SECTIONS = {"response_times", "unanswered", "repeats", "balance", "network"}


def _report(*args):
    return subprocess.run([sys.executable, "-m", "desktop", "report", *args], capture_output=True, text=True, timeout=120)


def _no_nan(name):
    raise AssertionError(f"{name} is not JSON a program can read")


def _speakers_of(db) -> dict[int, str]:
    with db.reading() as session:
        return dict(session.exec(select(Statement.id, Speaker.name).join(Speaker, Statement.speaker_id == Speaker.id)).all())


@pytest.fixture
def seed_file(seeded_db):
    seeded_db.close()
    return str(seeded_db.file)


def test_the_json_report_holds_the_seed_figures(seeded_db, seed_file):
    result = _report("--db", seed_file, "--format", "json")
    assert result.returncode == 0 and result.stderr == ""
    report = json.loads(result.stdout, parse_constant=_no_nan)
    assert set(report) == SECTIONS
    speaker = _speakers_of(seeded_db)
    times = report["response_times"]
    dated = [(speaker[item["claim"]], speaker[item["answer"]], item["days"]) for item in times["items"] if item["days"] is not None]
    assert dated == [("Antony Blinken", "Dmitry Peskov", 2)] * 2  # the warnings of 10 Nov answered on 12 Nov
    assert {item["claim_side"] for item in times["items"]} == {"United States"} and len(times["items"]) == 6
    assert times["items"][0]["claim_date"] == "2021-11-10" and times["items"][0]["answer_date"] == "2021-11-12"
    assert not any(item["answered_before_reported"] for item in times["items"])
    russia = times["by_side"]["Russia"]
    assert (russia["median_days"], russia["answered"], russia["timed"], russia["unanswered"]) == (2.0, 6, 2, 0)
    assert times["by_side"]["United States"]["median_days"] is None  # no answer from it: null, not NaN
    [waiting] = report["unanswered"]
    assert speaker[waiting["id"]] == "Antony Blinken"
    assert waiting == {"id": waiting["id"], "side": "United States", "speaker": "Antony Blinken", "outlet": "The Associated Press",
                       "date": "2021-11-10", "age_days": (date.today() - date(2021, 11, 10)).days}
    outlets = {outlet["name"]: outlet for outlet in report["balance"]}
    assert outlets["Republic World"]["right_of_reply"]["answered"] == 3
    assert outlets["Republic World"]["right_of_reply"]["replied"] == 2
    assert outlets["Republic World"]["right_of_reply"]["share"] == pytest.approx(2 / 3)
    assert outlets["Republic World"]["without_reply"] == 1
    assert outlets["Sputnik"]["statements"] == {"United States": 0, "Russia": 4}
    assert outlets["Sputnik"]["right_of_reply"]["share"] is None
    edges = {(edge["from"], edge["to"]): edge["count"] for edge in report["network"]["edges"]}
    assert edges[("Dmitry Peskov", "Several US media outlets")] == 4 and sum(edges.values()) == 14
    assert {"id": 7, "name": "Antony Blinken", "side": "United States"} in report["network"]["speakers"]
    # The Kremlin's "false" repeats Peskov's of the same day (the seed's one repeats link): one group.
    [group] = report["repeats"]
    assert sorted(speaker[i] for i in group["statements"]) == ["Dmitry Peskov", "the Kremlin"]
    assert group["first"] in group["statements"]


def test_the_table_report_reads_as_aligned_sections_cut_to_the_limit(seed_file):
    result = _report("--db", seed_file, "--limit", "2")
    assert result.returncode == 0 and result.stderr == ""
    text = result.stdout
    for heading in ("Response times per answering side", "Unanswered claims (oldest first)", "Repeated lines",
                    "Balance and right of reply per outlet", "Who answers whom (7 speakers"):
        assert re.search(rf"^{re.escape(heading)}.*\n=+$", text, re.M), heading
    assert re.search(r"^Russia +6 +2 +2\.0 +2\.0 to 2\.0 +0 +0$", text, re.M)
    assert re.search(r"^ +14 +2021-11-10 +[\d,]+ +United States +Antony Blinken +The Associated Press +"
                     r"The United States is closely monitoring Russia's operations…$", text, re.M)
    assert re.search(r"^Republic World +3 +2 +3 +2 +67% +– +1$", text, re.M)
    assert "… and 4 more" in text  # six first answers, two shown
    assert "… and 6 more" in text  # eight edges
    header = next(line for line in text.splitlines() if line.startswith("Answering speaker"))
    row = next(line for line in text.splitlines() if line.startswith("Dmitry Peskov"))
    assert header.index("Speaker answered") == row.index("Several US media outlets")  # the columns line up
    assert "{" not in text


def test_the_report_follows_the_story_and_names_the_stories_for_an_unknown_one(seed_file):
    story = _report("--db", seed_file, "--format", "json", "--story", "russian troop build-up near ukraine, nov 2021")
    assert len(json.loads(story.stdout)["unanswered"]) == 1
    unknown = _report("--db", seed_file, "--story", "Crimea")
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert unknown.stderr.strip() == "parallax: no story is named 'Crimea' (stories: Russian troop build-up near Ukraine, Nov 2021)"


def test_a_missing_or_unreadable_database_is_one_line_and_a_non_zero_exit(tmp_path):
    missing = _report("--db", str(tmp_path / "typo.parallax"))
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.strip().startswith("parallax: there is no database at") and len(missing.stderr.splitlines()) == 1
    noise = tmp_path / "noise.parallax"
    noise.write_bytes(b"not a database at all" * 100)
    broken = _report("--db", str(noise), "--format", "json")
    assert broken.returncode == 1 and broken.stdout == ""
    assert broken.stderr.strip() == "parallax: noise.parallax cannot be opened as a Parallax database: file is not a database"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["noise.parallax"]


def test_repeat_groups_become_their_first_statement_and_every_statement():
    groups = [SimpleNamespace(first=4, statements=(4, 9, 12)), SimpleNamespace(first=20, statements=[20, 21])]
    assert repeats_section(groups) == [{"first": 4, "statements": [4, 9, 12]}, {"first": 20, "statements": [20, 21]}]


def test_the_table_writes_control_characters_out_and_cuts_long_text():
    from desktop.commands.report import table

    data = {
        "response_times": {"items": [], "by_side": {}},
        "unanswered": [{"id": 3, "side": "\x1b[31mRed", "speaker": "Ann", "outlet": None, "date": None, "age_days": None}],
        "repeats": [], "balance": [], "network": {"speakers": [], "edges": []},
    }
    text = table(data, {3: "Troops\nare massing " + "near the border " * 10}, limit=5)
    assert "\x1b" not in text
    row = next(line for line in text.splitlines() if line.lstrip().startswith("3 "))
    assert re.fullmatch(r" *3 +– +– +\\x1b\[31mRed +Ann +– +Troops are massing near the border .{20,}…", row), row
    assert "No claim is answered across sides." in text and "No speaker answers another across sides." in text
