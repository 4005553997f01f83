"""Reporting verbs, and phrases that are not statements."""

import re
from dataclasses import dataclass

# Verbs whose complement is what was said ("said that …"): the statement is the complement.
SAYING = {
    "say": "say, says, said, went on to say, go on to say, goes on to say",
    "tell": "tell, tells, told",
    "state": "states, stated",
    "add": "add, adds, added",
    "note": "notes, noted, observed, point out, points out, pointed out",
    "remark": "remarked, commented",
    "write": "write, writes, wrote",
    "explain": "explain, explains, explained",
    "warn": "warn, warns, warned, cautioned",
    "insist": "insist, insists, insisted, maintained",
    "argue": "argue, argues, argued, contend, contends, contended",
    "claim": "claim, claimed, alleged, asserted",
    "announce": "announce, announces, announced, declared",
    "stress": (
        "stressed, emphasised, emphasized, underscore, underscores, underscored, underlined"
    ),
    "confirm": "confirm, confirms, confirmed, acknowledged, admitted",
    "reply": "replied, responded",
    "report": "reports, reported",
    "quoted": (
        "was quoted as saying, is quoted as saying, were quoted as saying, was cited as saying,"
        " was quoted saying"
    ),
}
# Verbs that carry their meaning with them ("denied the reports"): the statement keeps the verb.
ACTING = {
    "deny": "deny, denies, denied, disputed, contradicted",
    "dismiss": "dismiss, dismisses, dismissed",
    "reject": "reject, rejects, rejected",
    "refute": "refute, refutes, refuted",
    "criticise": (
        "blasted, slammed, criticised, criticized, condemned, condemns, lambasted, decried"
    ),
    "accuse": "accuse, accuses, accused, blamed",
    "call": "called, calls on, urged, urges, demanded",
    "concern": (
        "expressed concern, expresses concern, voiced concern, raised concerns, expressed alarm,"
        " expressed hope, expressed regret"
    ),
    "cite": "cited",
    "promise": "promised, vowed, pledged",
}
FAMILIES = {**SAYING, **ACTING}
# Participles that continue a statement ("…, adding that …") rather than start one.
CONTINUING = re.compile(r"\b(?:adding|saying|noting|stressing|warning|insisting|arguing|claiming|terming)\b", re.I)


@dataclass(frozen=True)
class VerbMatch:
    """A reporting verb found in a sentence, by its family."""

    start: int
    end: int
    family: str

    @property
    def keeps_verb(self) -> bool:
        """True when the statement reads best with the verb kept: 'Denied the reports'."""
        return self.family in ACTING


def _forms() -> dict[str, str]:
    return {
        form.strip(): family
        for family, forms in FAMILIES.items()
        for form in forms.split(",")
    }


_FAMILY_OF = _forms()
_VERB = re.compile(
    r"\b(?:"
    + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(_FAMILY_OF, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def find_verbs(masked_sentence: str) -> list[VerbMatch]:
    """The reporting verbs of a sentence whose quotations are masked, in order."""
    return [
        VerbMatch(m.start(), m.end(), _FAMILY_OF[re.sub(r"\s+", " ", m.group().lower())])
        for m in _VERB.finditer(masked_sentence)
    ]


NOT_A_STATEMENT = re.compile(
    r"\b(?:declined|refused|did\s+not|didn't|would\s+not|wouldn't|could\s+not)\s+(?:immediately\s+)?"
    r"(?:to\s+)?(?:comment|respond|reply|be\s+reached)|\bno\s+immediate\s+comment\b"
    r"|\bnot\s+immediately\s+available\s+for\s+comment",
    re.IGNORECASE,
)
