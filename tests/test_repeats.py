"""Repeated lines: the engine's scores on pairs written for it, candidates at scale, the service's
proposals and groups, and accepting and rejecting them as undoable steps."""

import random
from datetime import date

import numpy as np
import pytest
from alembic import command
from sqlalchemy import func, inspect, select

from desktop.domain import repeats as engine
from desktop.domain.entities import Link, Outlet, RepeatRejection, Side, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.domain.repeat_glossary import GLOSSARY
from desktop.services.demo_archive import ArchiveSize, write_csv
from desktop.services.errors import OperationRefused
from desktop.services.importing import import_files
from desktop.services.operations import DeleteRecord
from desktop.services.repeat_decisions import AcceptRepeats, RejectRepeats
from desktop.services.repeats import find_repeats, repeat_groups
from desktop.services.seed import load_seed
from desktop.storage.database import Database
from desktop.storage.migrations_runner import _config
from repeats_helpers import KREMLIN_FALSE, PESKOV_FALSE, PESKOV_NO_THREAT, add_repeats, named, statement_id

REPEATS = [
    ("Russia has no plans to invade Ukraine, Peskov said.", "Russia has no plans whatsoever to invade Ukraine, Peskov said."),
    ("The reports of a Russian military build-up near the Ukrainian border are groundless and false.",
     "Reports of a Russian military build-up near Ukraine's border are groundless and false."),
    ("Сообщения о наращивании российских войск у границы Украины беспочвенны и ложны.",
     "Сообщения о наращивании российских войск у границ Украины беспочвенны и абсолютно ложны."),
]
TRANSLATIONS = [
    ("Russia has no plans to invade Ukraine, Peskov said.", "Песков заявил, что Россия не планирует вторгаться в Украину."),
    ("NATO expansion eastward threatens Russia's security.", "Расширение НАТО на восток угрожает безопасности России."),
    ("Media reports that Russia intends to invade Ukrainian territory are false and groundless.",
     "Сообщения СМИ о том, что Россия намерена вторгнуться на территорию Украины, ложны и беспочвенны."),
]
NOT_REPEATS = [
    # paraphrases: the same thought in other words
    ("Russia has no plans to invade Ukraine.", "Moscow does not intend to attack its neighbour."),
    ("The reports of a military build-up are part of a smear effort against the Kremlin.",
     "Western media are spreading lies about our troops to discredit Moscow."),
    ("Россия не планирует вторгаться в Украину.", "Москва не собирается нападать на соседнюю страну."),
    ("Russia has no plans to invade Ukraine.", "Москва не собирается нападать на соседнюю страну."),
    # the same words, one of them denied
    ("Russia has no plans to invade Ukraine.", "Russia plans to invade Ukraine."),
    ("Russia has no plans to invade Ukraine.", "Россия планирует вторгнуться в Украину."),
    # a line too short to tell apart from any other
    ("No comment.", "No comment."),
    # across languages, words the glossary does not hold: too little is shared to tell
    ("The minister toured a bakery in the morning.", "Министр утром посетил пекарню."),
]


@pytest.mark.parametrize("earlier, later", REPEATS + TRANSLATIONS)
def test_repeats_score_as_repeats(earlier, later):
    score = engine.repeat_score(engine.wording(earlier), engine.wording(later))
    assert score is not None and score >= engine.WORDS_SCORE


@pytest.mark.parametrize("earlier, later", NOT_REPEATS)
def test_paraphrases_denials_and_short_lines_are_not_repeats(earlier, later):
    assert engine.repeat_score(engine.wording(earlier), engine.wording(later)) is None


def test_translations_need_the_stricter_bar():
    english, russian = (engine.wording(text) for text in TRANSLATIONS[0])
    assert russian.russian and not english.russian
    # One meaning changed (invade -> attack): alike enough in one language, not across two.
    changed = engine.wording("Песков заявил, что Россия не планирует нападать на Украину.")
    assert engine.repeat_score(english, changed) is None


def test_names_are_transliterated_and_forms_of_a_name_are_one():
    assert engine.read_word("Пескова")[1] == engine.read_word("Peskov")[1] == "@peskov"
    assert engine.read_word("Зеленскому")[1] == engine.read_word("Zelenskyy")[1] == "zelensky"
    assert engine.read_word("Байден")[1] == engine.read_word("Biden")[1] == "biden"
    assert engine.words_of("U.S. troops, 100,000 of them") == ["united-states", "troops", "100000", "of", "them"]


def test_every_line_of_the_glossary_has_both_languages():
    for line in GLOSSARY.strip().splitlines():
        english, russian = line.split("|")
        assert english.split() and russian.split(), line


def test_the_stemmer_brings_forms_together():
    assert len({engine.stem(w) for w in ("plan", "plans", "planned", "planning")}) == 1
    assert len({engine.stem(w) for w in ("invade", "invades", "invaded", "invading")}) == 1


def _python_components(first, second, count):
    parent = list(range(count))

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in zip(first, second):
        ra, rb = root(a), root(b)
        parent[max(ra, rb)] = min(ra, rb)
    return [min(i for i in range(count) if root(i) == root(x)) for x in range(count)]


def test_components_match_a_plain_union_find():
    rng = np.random.default_rng(4)
    for _ in range(20):
        count = 60
        first, second = rng.integers(0, count, 40), rng.integers(0, count, 40)
        assert engine.components(first, second, count).tolist() == _python_components(first.tolist(), second.tolist(), count)
    chain = np.arange(999)
    assert set(engine.components(chain + 1, chain, 1000).tolist()) == {0}


def test_candidates_at_scale_find_the_edited_copies_of_one_side_only():
    rng = random.Random(7)
    words = [f"word{number}" for number in range(300)]
    texts = [" ".join(rng.choice(words) for _ in range(25)) for _ in range(3000)]
    sides = np.array([1 + i % 2 for i in range(3000)], dtype=np.int32)
    copied = list(range(0, 200, 5))  # each copied by a statement of its side, and by one of the other side
    for original in copied:
        edited = texts[original].split()
        edited[3] = "ceasefire"
        texts.append(" ".join(edited))
        texts.append(" ".join(edited))
        sides = np.r_[sides, sides[original], 3 - sides[original]]
    batch = engine.Reader().read(texts)
    by_words, comparable, _by_keys, _translatable = engine.signatures(batch, sides)
    pairs = engine.bucket_pairs(by_words, comparable, np.arange(len(texts)))
    found = {tuple(pair) for pair in pairs.tolist()}
    for number, original in enumerate(copied):
        assert (original, 3000 + 2 * number) in found
        assert (original, 3001 + 2 * number) not in found, "another side's words never meet this side's"
    assert len(found) < 3 * len(copied), "random lines rarely meet"


# ---- The service ---------------------------------------------------------------------------------


@pytest.fixture
def repeated(seeded_db):
    return seeded_db, add_repeats(seeded_db)


def _pairs(found):
    return {(p.later, p.earlier) for group in found.groups for p in group.proposals}


def test_the_seed_and_its_added_lines_give_the_repeats_and_nothing_else(repeated):
    db, added = repeated
    found = find_repeats(db, StatementFilter())
    kremlin, peskov, no_threat = (statement_id(db, t) for t in (KREMLIN_FALSE, PESKOV_FALSE, PESKOV_NO_THREAT))
    # The seed links the Kremlin's line as repeating Peskov's of the same day: that pair is not proposed, and
    # Peskov's Russian line is proposed as repeating the first of them (Peskov's, as the seed's link says).
    assert _pairs(found) == {(added["russian"], peskov), (added["again"], no_threat)}
    groups = {group.first: group for group in found.groups}
    assert groups[peskov].statements == [peskov, added["russian"]]
    assert [p.across for p in groups[peskov].proposals] == [True]
    assert [p.across for p in groups[no_threat].proposals] == [False]
    assert all(p.score >= engine.WORDS_SCORE for group in found.groups for p in group.proposals)
    assert found.compared == 16 + len(added)
    # The seed links the Kremlin's line as repeating Peskov's of the same day: Peskov said it first.
    assert [g.as_json() for g in repeat_groups(db, StatementFilter())] == [{"first": peskov, "statements": [peskov, kremlin]}]


def test_only_the_statements_the_filter_keeps_are_compared(repeated):
    db, added = repeated
    tass = named(db, Outlet, "TASS")
    assert _pairs(find_repeats(db, StatementFilter(outlet_id=tass))) == set()
    found = find_repeats(db, StatementFilter(date_from=date(2021, 11, 13)))
    assert _pairs(found) == set(), "their first lines were said before"
    assert _pairs(find_repeats(db, StatementFilter(speaker_id=named(db, Speaker, "Dmitry Peskov")))) == {
        (added["again"], statement_id(db, PESKOV_NO_THREAT)),
        (added["russian"], statement_id(db, PESKOV_FALSE)),
    }


def test_progress_is_reported_and_cancelling_stops(repeated):
    db, _added = repeated
    reported = []
    assert find_repeats(db, StatementFilter(), lambda done, total: reported.append((done, total))) is not None
    assert reported[-1][0] == reported[-1][1] and len(reported) >= 2
    assert find_repeats(db, StatementFilter(), cancelled=lambda: True) is None


def test_accepting_links_them_as_one_step_and_they_are_not_proposed_again(repeated):
    db, added = repeated
    kremlin, peskov, no_threat = (statement_id(db, t) for t in (KREMLIN_FALSE, PESKOV_FALSE, PESKOV_NO_THREAT))
    found = find_repeats(db, StatementFilter())
    accept = AcceptRepeats(sorted(_pairs(found)))
    assert accept.title == "Accept 2 Repeated Lines"
    change = accept.apply(db)
    assert len(change.of("link").added) == 2
    assert [g.as_json() for g in repeat_groups(db, StatementFilter())] == [
        {"first": peskov, "statements": [peskov, kremlin, added["russian"]]},
        {"first": no_threat, "statements": [no_threat, added["again"]]},
    ]
    assert find_repeats(db, StatementFilter()).count == 0
    with db.reading() as session:
        assert session.execute(select(func.count()).select_from(Link).where(Link.type == "repeats")).scalar() == 3
    created = list(accept.created)
    accept.revert(db)
    assert len(repeat_groups(db, StatementFilter())) == 1 and find_repeats(db, StatementFilter()).count == 2
    accept.apply(db)
    assert accept.created == created, "redo makes the links again with their ids"
    again = AcceptRepeats(sorted(_pairs(found)))
    assert again.apply(db).notice == "2 pairs had been stored already." and again.created == []


def test_a_pair_in_one_accepted_group_already_is_not_proposed(repeated):
    db, added = repeated
    kremlin, peskov = statement_id(db, KREMLIN_FALSE), statement_id(db, PESKOV_FALSE)
    AcceptRepeats([(added["russian"], peskov)]).apply(db)
    assert (added["russian"], kremlin) not in _pairs(find_repeats(db, StatementFilter()))


def test_rejecting_is_remembered_and_undoable_and_kept_through_deleting_a_statement_and_undoing_it(repeated):
    db, added = repeated
    no_threat = statement_id(db, PESKOV_NO_THREAT)
    reject = RejectRepeats([(added["again"], no_threat)])
    reject.apply(db)
    assert (added["again"], no_threat) not in _pairs(find_repeats(db, StatementFilter()))
    reject.revert(db)
    assert (added["again"], no_threat) in _pairs(find_repeats(db, StatementFilter()))
    reject.apply(db)
    deleting = DeleteRecord(Statement, added["again"])
    deleting.apply(db)
    rejections = select(RepeatRejection.later_id, RepeatRejection.earlier_id)
    with db.reading() as session:
        assert session.execute(rejections).all() == [], "gone with its statement"
    deleting.revert(db)
    with db.reading() as session:
        assert session.execute(rejections).all() == [(added["again"], no_threat)], "back with it"


def test_a_pair_whose_statement_is_gone_is_refused_whole(repeated):
    db, added = repeated
    no_threat = statement_id(db, PESKOV_NO_THREAT)
    DeleteRecord(Statement, added["again"]).apply(db)
    with pytest.raises(OperationRefused, match="no longer exist"):
        AcceptRepeats([(added["russian"], no_threat), (added["again"], no_threat)]).apply(db)
    assert [len(g.statements) for g in repeat_groups(db, StatementFilter())] == [2], "the seed's group alone"


def test_accepted_groups_follow_the_filter_and_name_the_first(repeated):
    db, added = repeated
    kremlin, peskov = statement_id(db, KREMLIN_FALSE), statement_id(db, PESKOV_FALSE)
    AcceptRepeats([(added["russian"], peskov)]).apply(db)
    groups = repeat_groups(db, StatementFilter())
    assert [g.as_json() for g in groups] == [{"first": peskov, "statements": [peskov, kremlin, added["russian"]]}]
    tass = named(db, Outlet, "TASS")
    assert repeat_groups(db, StatementFilter(outlet_id=tass)) == groups, "shown when any of its statements is kept"
    assert repeat_groups(db, StatementFilter(side_id=named(db, Side, "United States"))) == []


def test_the_demo_archive_holds_repeats_the_finder_finds(tmp_path):
    write_csv(tmp_path / "demo.csv", ArchiveSize(4000, speakers=40, outlets=15), seed=11)
    db = Database(tmp_path / "demo.parallax")
    try:
        assert import_files(db, [tmp_path / "demo.csv"]).committed
        found = find_repeats(db, StatementFilter())
    finally:
        db.close()
    assert 50 <= found.count <= 110  # about a fiftieth of 4,000
    assert all(not p.across for g in found.groups for p in g.proposals)


def test_the_demo_archive_is_the_same_file_every_time(tmp_path):
    write_csv(tmp_path / "a.csv", ArchiveSize(500))
    write_csv(tmp_path / "b.csv", ArchiveSize(500))
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_the_rejections_table_comes_and_goes_with_its_migration(db):
    with db.engine.begin() as connection:
        command.downgrade(_config(connection), "0010")
    with db.engine.connect() as connection:
        assert not inspect(connection).has_table("repeat_rejection")
    with db.engine.begin() as connection:
        command.upgrade(_config(connection), "head")
    with db.engine.connect() as connection:
        assert inspect(connection).has_table("repeat_rejection")


def test_rejections_and_links_on_postgresql(postgres_url):
    db = Database(postgres_url)
    try:
        load_seed(db)
        added = add_repeats(db)
        no_threat = statement_id(db, PESKOV_NO_THREAT)
        RejectRepeats([(added["again"], no_threat)]).apply(db)
        found = find_repeats(db, StatementFilter())
        assert (added["again"], no_threat) not in _pairs(found) and found.count == 1
        AcceptRepeats(sorted(_pairs(found))).apply(db)
        assert len(repeat_groups(db, StatementFilter())[0].statements) == 3
    finally:
        db.close()


def test_translations_meet_their_english_lines_among_many_others():
    rng = random.Random(3)
    english_words = "sanctions troops border talks security threat missiles gas aid summit drills warships".split()
    texts = [" ".join(rng.choice(english_words) for _ in range(12)).capitalize() + "." for _ in range(800)]
    texts += [english for english, _russian in TRANSLATIONS] + [russian for _english, russian in TRANSLATIONS]
    sides = np.ones(len(texts), dtype=np.int32)
    batch = engine.Reader().read(texts)
    assert batch.russian.tolist() == [False] * (800 + len(TRANSLATIONS)) + [True] * len(TRANSLATIONS)
    _by_words, _comparable, by_keys, translatable = engine.signatures(batch, sides)
    pairs = {tuple(p) for p in engine.across_pairs(by_keys, translatable, batch.russian, np.arange(len(texts))).tolist()}
    for number in range(len(TRANSLATIONS)):
        assert (800 + number, 800 + len(TRANSLATIONS) + number) in pairs
    other_side = sides.copy()
    other_side[800 + len(TRANSLATIONS):] = 2
    _by_words, _comparable, by_keys, translatable = engine.signatures(batch, other_side)
    assert engine.across_pairs(by_keys, translatable, batch.russian, np.arange(len(texts))).size == 0


def test_a_filter_that_keeps_nothing_or_one_statement_finds_nothing(repeated):
    db, _added = repeated
    assert find_repeats(db, StatementFilter(text="nowhere-to-be-found")).count == 0
    assert find_repeats(db, StatementFilter(speaker_id=named(db, Speaker, "Antony Blinken"), date_from=date(2021, 11, 17))).count == 0
