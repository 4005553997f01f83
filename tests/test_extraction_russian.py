"""Russian articles: the language told per article, cues in every form, quotes in every mark, names in any case."""

import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.russian_attribution import covered, load, match, same_source, score_article
from desktop.domain.extraction import Context, KnownOutlet, KnownSpeaker, extract
from desktop.domain.extraction.russian import is_russian

PESKOV = KnownSpeaker("Dmitry Peskov", ("Peskov",), "Kremlin spokesperson", "Russia")


def _all(text, **context):
    return extract(text, Context(**context))


def _one(text, **context):
    proposals = _all(text, **context)
    assert len(proposals) == 1, [(p.speaker, p.text) for p in proposals]
    return proposals[0]


def test_the_language_is_told_per_article_by_its_letters():
    assert is_russian("Песков заявил, что Москва готова к диалогу с Вашингтоном (NATO, EU).")
    assert not is_russian('"We are ready," Peskov said. «Готовы»')
    assert not is_russian("12:30 — 14:00")


@pytest.mark.parametrize(
    "text",
    [
        "«Мы готовы к разговору, но разговор должен быть равноправным», — заявил Песков.",
        "„Мы готовы к разговору, но разговор должен быть равноправным“, — заявил Песков.",
        '"Мы готовы к разговору, но разговор должен быть равноправным", - заявил Песков.',
        "Песков подчеркнул: «Мы готовы к разговору, но разговор должен быть равноправным».",
        "— Мы готовы к разговору, но разговор должен быть равноправным, — заявил Песков.",
    ],
)
def test_direct_speech_in_every_mark_and_after_a_dash(text):
    proposal = _one(text)
    assert proposal.text == "Мы готовы к разговору, но разговор должен быть равноправным"
    assert proposal.speaker == "Песков" and proposal.is_quote


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Песков заявил, что Москва не получала ответа из Вашингтона.", "Песков"),
        ("Захарова заявила журналистам, что Москва не получала ответа из Вашингтона.", "Захарова"),
        ("В МИД заявили, что Москва не получала ответа из Вашингтона.", "МИД"),
        ("Москва не получала ответа из Вашингтона, подчеркнула Захарова.", "Захарова"),
        ("По словам Пескова, Москва не получала ответа из Вашингтона.", "Песков"),
        ("Москва не получала ответа из Вашингтона, считает Песков.", "Песков"),
        ("Москва не получала ответа из Вашингтона. Об этом заявил Песков.", "Песков"),
    ],
)
def test_indirect_speech_with_cues_in_every_form(text, speaker):
    proposal = _one(text)
    assert proposal.text == "Москва не получала ответа из Вашингтона"
    assert proposal.speaker == speaker and not proposal.is_quote


def test_a_quotation_broken_by_its_speaker_is_one_statement_with_both_halves():
    proposal = _one("— Мы не согласимся с этим. Никогда, — сказал Вучич. — Сербия будет защищать свой народ.")
    assert proposal.text == "Мы не согласимся с этим. Никогда … Сербия будет защищать свой народ"
    assert proposal.speaker == "Вучич"


def test_names_in_any_case_are_one_speaker_and_meet_the_databases():
    text = (
        "Пресс-секретарь президента России Дмитрий Песков заявил, что Кремль не видит встречных шагов.\n\n"
        "По словам Пескова, консультаций пока не запланировано вовсе.\n\n"
        "Пескову задали вопрос о сроках, но он ответил, что говорить о них пока рано.\n\n"
        "Песковым было также отмечено, что диалог остается возможным в будущем."
    )
    alone = _all(text)
    assert [p.speaker for p in alone] == ["Дмитрий Песков"] * 4
    assert alone[0].role == "Пресс-секретарь президента России"
    known = _all(text, speakers=(PESKOV,))
    assert {p.speaker for p in known} == {"Dmitry Peskov"} and known[0].side == "Russia"


def test_roles_alone_and_pronouns_point_back_to_the_speaker_named():
    text = (
        "Министр иностранных дел Сергей Лавров заявил, что переговоры зашли в тупик.\n\n"
        "«Мы сделали все, что могли, ответа нет», — добавил министр.\n\n"
        "Официальный представитель МИД Мария Захарова сообщила, что брифинг перенесен на пятницу.\n\n"
        "«Новую дату мы объявим отдельно и заранее», — сказала она."
    )
    assert [p.speaker for p in _all(text)] == ["Сергей Лавров", "Сергей Лавров", "Мария Захарова", "Мария Захарова"]


def test_unnamed_sources_are_speakers_of_their_own_and_carry_their_outlet():
    text = (
        "Источник, знакомый с ходом переговоров, рассказал ТАСС, что встреча пройдет в Женеве.\n\n"
        "Собеседник агентства уточнил, что дата встречи пока не определена."
    )
    first, second = _all(text)
    assert first.speaker.startswith("источник") and first.outlet == "TASS"
    assert second.speaker == first.speaker and second.outlet == "TASS"


@pytest.mark.parametrize(
    "text, speaker, outlet",
    [
        ("Как сообщает агентство Синьхуа, Пекин готовит ответные санкции против компаний.", "Xinhua", "Xinhua"),
        (
            "Как пишет «Спорт-Экспресс» со ссылкой на источник в ОКР, решение отложено до весны.",
            "источник в ОКР",
            "Спорт-Экспресс",
        ),
        ("Глава ведомства Иван Петров сообщил «Интерфаксу», что проверка продлится месяц.", "Иван Петров", "Interfax"),
        (
            "Сербия не введет санкции против России. Об этом в интервью «Ъ» заявил министр Марко Джурич.",
            "Марко Джурич",
            "Kommersant",
        ),
    ],
)
def test_outlets_named_in_russian_in_any_case(text, speaker, outlet):
    proposals = _all(text)
    assert (proposals[0].speaker, proposals[0].outlet) == (speaker, outlet)


def test_an_outlet_the_database_knows_is_named_as_the_database_names_it():
    known = KnownOutlet("Интерфакс", ("Interfax",), "Russia", "wire")
    proposal = _one("Глава ведомства Иван Петров сообщил «Интерфаксу», что проверка продлится месяц.", outlets=(known,))
    assert proposal.outlet == "Интерфакс"


def test_headlines_scare_quotes_and_the_papers_own_findings_are_not_statements():
    text = (
        "Лавров: Запад пытается сорвать переговоры по Ближнему Востоку\n\n"
        "Как стало известно «Ъ», переговоры в Москве завершились без подписания протокола.\n\n"
        "Правозащитники насчитали с начала года более 40 дел о «фейках» и «дискредитации».\n\n"
        "Местные жители вышли на улицы с плакатами «Косово — это Сербия»."
    )
    assert _all(text) == []


def test_the_dateline_gives_the_day_and_weekdays_count_back_from_it():
    text = (
        "МОСКВА, 7 декабря. /ТАСС/. Кремль открыт к диалогу. Об этом журналистам заявил Дмитрий Песков.\n\n"
        "«Ответа пока нет», — сказал он в четверг."
    )
    first, second = _all(text, document_date=date(2026, 12, 8))
    assert first.said_on == date(2026, 12, 7)
    assert second.said_on == date(2026, 12, 3)


def test_english_articles_are_read_by_the_english_rules():
    proposal = _one('"We will respond to any provocation," Peskov said.')
    assert proposal.speaker == "Peskov"


def test_a_long_russian_text_takes_time_in_proportion():
    paragraph = (
        "«Мы готовы к разговору, но не на этих условиях», — заявил Песков. По его словам, ответа пока нет вообще.\n\n"
    )
    started = time.perf_counter()
    proposals = _all(paragraph * 2000)
    assert len(proposals) == 4000
    assert time.perf_counter() - started < 20


# The scorer of benchmarks/russian_attribution.py, on articles of the Russian set


def test_the_scorer_matches_one_to_one_above_thirty_percent():
    golds = [[(0, 100)], [(200, 240), (250, 260)]]
    assert covered(golds[1], (200, 230)) == pytest.approx(0.6)
    assert match(golds, [(0, 29), (0, 31), (205, 262)], 0.3) == {0: 1, 1: 2}
    assert match(golds, [(0, 29)], 0.3) == {}
    assert same_source("Пескова", "Дмитрий Песков") and same_source("Dmitry Peskov", "Дмитрий Песков")
    assert not same_source("Захарова", "Дмитрий Песков")


@pytest.mark.parametrize("number", ["01", "18"])
def test_articles_of_the_russian_set_score_as_the_benchmark_reports(number):
    text, gold = load(number)
    result = score_article(text, gold, extract(text))
    assert result["matched"] >= 0.9 * result["gold"] and result["matched"] >= 0.9 * result["proposals"]
    assert result["speaker_ok"] >= 0.85 * result["matched"]
    nothing = score_article(text, gold, [])
    assert (nothing["matched"], len(nothing["misses"])) == (0, len(gold))


_PIECES = st.sampled_from(
    [
        "«",
        "»",
        "„",
        "“",
        "”",
        '"',
        " — ",
        " - ",
        ", ",
        ". ",
        ": ",
        "\n\n",
        "\n",
        "заявил",
        "сказала",
        "что ",
        "По словам",
        "Как сообщает",
        "со ссылкой на",
        "Об этом",
        "Пескова",
        "Песков",
        "он",
        "В Кремле",
        "источник",
        "«Ъ»",
        "ТАСС",
        "назвал",
        "МОСКВА, 7 декабря. /ТАСС/.",
        "Мы готовы",
        "x",
        " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_any_russian_text_gives_statements_inside_it(text):
    for proposal in extract("Кремль " + text, Context(document_date=date(2026, 12, 7))):
        assert 0 <= proposal.start < proposal.end <= len(text) + 7
        assert proposal.text.split(" … ")[0] in "Кремль " + text


def test_a_side_named_in_the_database_is_found_in_a_speakers_role():
    proposal = _one("Представитель ХАМАС Басем Наим заявил, что движение готово к обмену пленными.", sides=("ХАМАС",))
    assert proposal.side == "ХАМАС"
