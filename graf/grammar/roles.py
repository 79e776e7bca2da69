"""The grammar of roles printed beside a person's name: meeting roles ("ordförande",
"2:e vice ordf.", "tjg ersättare", "ledamoten") and officials' titles ("förvaltningschef",
"nämndsekr.", "tf avdelningschef").

Roles are kept as printed where the papers' conventions say so (an official's title as
written, the ordinal of a vice chair), and normalised where they name the same office
("ordf." -> ordförande, "tjg ersättare" -> tjänstgörande ersättare, "ledamoten" -> ledamot).
Below the stages: the structure parser (attendance lists) and the recogniser (roles in running
text) read the same grammar.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graf.grammar import lexicon

# --------------------------------------------------------------------------- meeting roles

ORDINAL = r"(?:[1-3]:[ae]|förste|andre|tredje)"
# "ordförande", "vice ordförande", "2:e vice ordf.", "förste vice ordföranden"
# "vice" may be cut to "v" or "v." before "ordf" ("1:e v ordf")
CHAIR = rf"(?:{ORDINAL}[ \u00a0]+)?(?:(?:vice|v\.?)[ \u00a0]+)?(?:ordföranden?|ordf\.?)(?![\wåäö])"
# a word that says a substitute serves: "tjänstgörande", "tjänstgör", "tjg"
SERVING_MARK = r"(?:tjänstgörande|tjänstgör|tjg\.?)(?![\wåäö])"
# a serving substitute: "tjänstgörande ersättare", "tjg ersättare", "tjg. ersättaren", and the
# mark after the word: "Ersättare, tjänstgör", "ersättare (tjänstgörande)"
SERVING = (
    r"(?:(?:tjänstgörande|tjg\.?)[ \u00a0]+(?:ersättar(?:en|e)|ers\.?)"
    r"|ersättar(?:en|e)[ \u00a0]*[,(]?[ \u00a0]*(?:tjänstgörande|tjänstgör|tjg\.?)\)?)(?![\wåäö])"
)
MEMBER = r"(?:ledamot(?:en)?|ledamöterna)(?![\wåäö])"
# "ers." is the abbreviation lists print ("B (M) ers för C (M)", "tjg ers")
SUBSTITUTE = r"(?:ersättar(?:en|e|na)|ers\.?)(?![\wåäö])"
# plural forms print one role for the names that follow: "ledamöterna A (FP) och B (C)"
PLURAL_ROLE = re.compile(r"(?:ledamöterna|ersättarna)[ \u00a0]+\Z", re.I)
# any meeting role word printed beside a name, longest alternatives first
MEETING_ROLE = rf"(?:{CHAIR}|{SERVING}|{MEMBER}|{SUBSTITUTE})"
MEETING_ROLE_RE = re.compile(MEETING_ROLE, re.I)

_CHAIR_RE = re.compile(rf"(?P<ordinal>{ORDINAL})?[ \u00a0]*(?P<vice>vice|v\.?)?[ \u00a0]*ordf", re.I)


def meeting_role(printed: str) -> str | None:
    """The meeting role a printed role word names, in its base form: "2:e vice ordf." ->
    "2:e vice ordförande", "Tjg ersättare" -> "tjänstgörande ersättare", "ledamoten" ->
    "ledamot"; None when ``printed`` is no meeting role."""
    s = " ".join(printed.split()).strip(" ,.()").lower()
    if not s:
        return None
    m = MEETING_ROLE_RE.fullmatch(s) or MEETING_ROLE_RE.fullmatch(s + ".")
    if not m:
        return None
    if "ordf" in s:
        c = _CHAIR_RE.search(s)
        parts = [c.group("ordinal") if c and c.group("ordinal") else "", "vice" if c and c.group("vice") else "", "ordförande"]
        return " ".join(p for p in parts if p)
    if re.search(r"tjänstgör|tjg", s):
        return "tjänstgörande ersättare"
    if s.startswith(("ledamot", "ledamöter")):
        return "ledamot"
    return "ersättare"


_SIGNING = re.compile(r"(?i)justerare|justerande|justeringsperson|protokollsjusterare")


def signing_role(printed: str) -> str | None:
    """"justerare" for the words that name whoever checks and signs the protokoll
    ("justerande", "Justerare"), else None."""
    return "justerare" if _SIGNING.fullmatch(printed.strip(" ,.:")) else None


# --------------------------------------------------------------------------- officials' titles

# endings of a title word: "förvaltningschef", "nämndsekreterare", "verksamhetsutvecklare"
TITLE_ENDINGS: tuple[str, ...] = tuple(
    sorted(set(lexicon.TITLE_ENDINGS) | set(lexicon.OFFICIAL_TITLE_ENDINGS), key=len, reverse=True)
)


@lru_cache(maxsize=16384)
def is_title_word(word: str) -> bool:
    """Is ``word`` an official's title ("Förvaltningschef", "controller", "HR-chef"), in the
    indefinite or the definite form ("stadsdelsdirektören", "sekreteraren")?"""
    low = word.lower().rstrip(".:,")
    if not low.isalpha() and not low.replace("-", "").isalpha():
        return False
    if low in lexicon.TITLE_WORDS:
        return True
    for form in (low, indefinite(low)):
        if len(form) > 5 and form.endswith(TITLE_ENDINGS):
            return True
        if "-" in form and form.rsplit("-", 1)[-1] in lexicon.TITLE_WORDS:
            return True
    return False


def indefinite(low: str) -> str:
    """"stadsdelsdirektören" -> "stadsdelsdirektör", "sekreteraren" -> "sekreterare"."""
    if low.endswith("aren") and low[:-1].endswith(TITLE_ENDINGS):
        return low[:-1]
    if low.endswith("en") and low[:-2].endswith(TITLE_ENDINGS + ("chef", "direktör")):
        return low[:-2]
    return low


# an adjective (or a compound's first part) a title may open with: "teknisk chef",
# "medicinskt ansvarig sjuksköterska", "Hälso- och sjukvårdsdirektör"
TITLE_ADJECTIVE = r"[A-ZÅÄÖa-zåäö]+(?:isk|iskt|sk|skt|ig|al|ell)"
TITLE_COMPOUND_PART = r"[A-ZÅÄÖa-zåäö]+-"
TITLE_COMPOUND_HEAD = TITLE_COMPOUND_PART + r"[ \u00a0]+och"


def title_form(printed: str) -> str:
    """An official's title as written, in the indefinite form ("nämndsekreteraren" ->
    "nämndsekreterare"), abbreviations written out ("nämndsekr." -> "nämndsekreterare")."""
    title = " ".join(printed.split()).strip(" ,;:")
    words = title.split(" ")
    last = words[-1]
    expanded = expand_abbreviated_title(last)
    if expanded:
        words[-1] = expanded
    else:
        words[-1] = last.rstrip(".")
        base = indefinite(words[-1].lower())
        if base != words[-1].lower():
            words[-1] = words[-1][: len(base)]
    return " ".join(words)


def expand_abbreviated_title(word: str) -> str | None:
    """"nämndsekr." -> "nämndsekreterare", "ordf." -> "ordförande": a word cut short with a
    full stop whose end begins a title ending (three letters at least)."""
    if not word.endswith("."):
        return None
    stem = word[:-1]
    low = stem.lower()
    if len(low) < 3 or not low.isalpha():
        return None
    if "ordförande".startswith(low):
        return "ordförande"
    for ending in TITLE_ENDINGS:
        for cut in range(len(ending) - 1, 2, -1):
            part = ending[:cut]
            if low.endswith(part) and len(low) - cut >= 0:
                return stem[: len(stem) - cut] + ending
    return None
