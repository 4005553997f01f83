"""The words of the dispute in English and Russian, one meaning a line, that let a Russian statement and
an English one be compared (desktop/domain/repeats.py).

Each line reads `english forms | russian words`: the first English form names the meaning; every
English form (inflections included, they are stemmed the same way as the statements' words) and
every Russian word (any form: each is taken to its dictionary form) stands for it. Names spelt
alike in both scripts (Peskov, Песков) need no line: they are transliterated. A line is added here
when a translation is missed; synonyms within one language stay apart (invade is not attack), so
that a paraphrase does not pass for a repeat.
"""

GLOSSARY = """
russia russian russians | россия российский россиянин рф
ukraine ukrainian ukrainians | украина украинский украинец
united-states usa america american americans | сша америка американский
nato alliance | нато альянс
kremlin | кремль
moscow | москва московский
kyiv kiev | киев киевский
washington | вашингтон
donbas donbass donetsk luhansk | донбасс донецк луганск донецкий луганский
crimea | крым
black-sea | черноморский
belarus belarusian | белоруссия беларусь белорусский
europe european | европа европейский
poland polish | польша польский
baltic | прибалтика балтийский
west western | запад западный
east eastern eastward | восток восточный
biden | байден
putin | путин
zelensky zelenskyy zelenskiy | зеленский
blinken | блинкен
lavrov | лавров
zakharova | захарова
stoltenberg | столтенберг
shoigu | шойгу
austin | остин
kuleba | кулеба
border borders | граница пограничный
troops troop soldiers soldier forces force | войско войска военнослужащий солдат силы
army armies | армия
military militarily | военный
invade invades invaded invading invasion invasions | вторгнуться вторгаться вторжение
attack attacks attacked attacking | напасть нападать нападение атака атаковать
war wars | война
threat threats threaten threatens threatened threatening | угроза угрожать грозить
aggression aggressive aggressor | агрессия агрессивный агрессор
provocation provocations provoke provocative | провокация провоцировать провокационный
escalation escalate escalating | эскалация обострение
de-escalation de-escalate deescalation | деэскалация
tension tensions | напряжённость напряженность
build-up buildup concentration massing | наращивание скопление сосредоточение стягивание
deploy deployed deployment deploying | развернуть развёртывание развертывание разместить размещение
withdraw withdrawal withdrawn withdrew pullback | отвести отвод вывести вывод
exercise exercises drills drill manoeuvres maneuvers | учения учение манёвры маневры
missile missiles | ракета ракетный
weapon weapons arms | оружие вооружение
nuclear | ядерный
warship warships ship ships | корабль
fleet | флот
tank tanks | танк
sanction sanctions sanctioned | санкция санкционный
talks negotiation negotiations negotiate | переговоры переговорный
diplomacy diplomatic diplomat diplomats | дипломатия дипломатический дипломат
dialogue | диалог
security | безопасность
guarantee guarantees guaranteed | гарантия гарантировать
ceasefire truce | перемирие прекращение
peace peaceful | мир мирный
agreement agreements accord accords | соглашение договорённость договоренность
minsk | минский минск
expansion expand | расширение расширяться
sovereignty sovereign | суверенитет суверенный
territory territorial | территория территориальный
region regions | регион регион
country countries | страна
neighbour neighbor neighbouring neighboring | сосед соседний
plan plans planned planning | план планировать
intend intends intention intentions | намерение намереваться намерить намеренный
prepare prepares preparing preparation preparations | готовить подготовка готовиться
claim claims claimed | утверждение заявление
report reports reported | сообщение доклад
media press | сми пресса
false falsehood | ложный ложь
lie lies lying | лгать врать
groundless baseless unfounded | беспочвенный необоснованный безосновательный
fake fakes | фейк фальшивка
propaganda | пропаганда
hysteria | истерия
deny denies denied denial | отрицать опровергать опровергнуть опровержение
reject rejects rejected | отвергать отвергнуть
accuse accuses accused accusation accusations | обвинять обвинить обвинение
intelligence | разведка разведывательный
satellite | спутниковый спутник
image images photos pictures | снимок изображение фотография
president presidential | президент президентский
minister ministry | министр министерство
foreign | иностранный внешний
defence defense | оборона оборонный
spokesperson spokesman spokeswoman | пресс-секретарь представитель
official officials | официальный чиновник
ambassador | посол
embassy | посольство
government | правительство
people | народ люди
civilians civilian | мирный житель гражданский
refugees refugee | беженец
humanitarian | гуманитарный
aid | помощь
gas | газ
pipeline | газопровод трубопровод
energy | энергетический энергия
grain | зерно зерновой
interference interfere meddling | вмешательство вмешиваться
internal | внутренний
affairs | дело
danger dangerous | опасность опасный
risk risks | риск
support supports supported | поддержка поддерживать
year years | год
month months | месяц
week weeks | неделя
day days | день
one | один
two | два
three | три
ten | десять
hundred | сто
thousand thousands | тысяча
million | миллион
"""
