"""Clauses saying that someone did not comment: they are no statement, but the rest of their sentence may be.

'Peskov declined to comment further, but said Moscow "will respond".' keeps 'Peskov … said Moscow
"will respond"'; 'The ministry did not respond to a request for comment, but an official said …' keeps
'an official said …'. The clause is blanked, never cut, so offsets into the sentence stay true.
"""

import re

from desktop.domain.extraction.verbs import NOT_A_STATEMENT, find_verbs

# 'and', 'but' or a relative pronoun joining the clause to what came before, perhaps with an
# auxiliary: ', who has declined'
_JOINED = re.compile(r"(?:[,;]\s*|\s+)(?:and|but|while|who|which|although|though)\s+(?:[a-z]+\s+){0,2}$", re.I)
_CLAUSE_END = re.compile(r"[,;.!?:—–]|\s(?=(?:but|while|although|though)\s)", re.I)
_JOINER_AFTER = re.compile(r"[\s,;—–]*(?:(?:but|and|while|although|though)\b\s*)?", re.I)
_CLAUSE_START = re.compile(r"[,;:—–][^,;:—–]*$")


def without_no_comment(m: str) -> str:
    """The sentence (quotations masked) with each clause of not commenting replaced by spaces."""
    while found := NOT_A_STATEMENT.search(m):
        head = m[:found.start()]
        stop = _CLAUSE_END.search(m, found.end())
        end = stop.start() if stop else len(m)
        after = _JOINER_AFTER.match(m, end).end()
        rest = m[after:]
        joined = _JOINED.search(head)
        if joined:
            start = joined.start()
            after = after if re.match(r"\s*[,;—–]", m[end:]) else end  # ', who declined to comment,' goes whole
        elif rest.strip(" .!?") and _opens_with_verb(rest):
            start = found.start()  # 'Peskov declined to comment, but said …': the subject is the next verb's
        else:
            clause = _CLAUSE_START.search(head)
            start = clause.start() + 1 if clause else 0
            after = after if rest.strip(" .!?") else len(m)
        m = m[:start] + " " * (after - start) + m[after:]
    return m


def _opens_with_verb(rest: str) -> bool:
    verbs = find_verbs(rest)
    return bool(verbs) and not rest[:verbs[0].start].strip()
