"""graf_persons: natural persons, with the party and official title the paper prints beside
them. Evidence a reader uses: a given name (the lexicon's list or a proper noun of the Swedish
dictionary); for a name neither knows, a party printed after it, a title before it or on the
next line of a signature; and the layout of an attendance list ("Ledamöter" and the lines
under it), whose every name is a person and is then recognised wherever the paper prints it
again. Where a name ends (initials, ordinary words after it, two names run together, a
genitive) and which roles and titles stand beside it are read with the grammar the structure
parser uses (``graf.grammar.names``, ``graf.grammar.roles``)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from graf.grammar import hunspell_sv
from graf.grammar import lexicon as gz
from graf.grammar.names import (
    INITIAL,
    LOWER,
    NAME_TOKEN,
    UPPER,
    fold_name,
    genitive_at,
    is_given_name,
    is_initial,
    is_ordinary_word,
    name_extent,
    split_joined_names,
)
from graf.grammar.roles import (
    PLURAL_ROLE,
    TITLE_ADJECTIVE,
    TITLE_COMPOUND_HEAD,
    indefinite,
    is_title_word,
    meeting_role,
    signing_role,
    title_form,
)
from graf.grammar.scan import caseless
from graf.nlp.components.candidate import CANDIDATES, TEXT, Candidate, doc_text
from graf.nlp.components.names import (
    PARTY_CODE_ALT,
    PARTY_NAME_ALT,
    party_code,
    party_from_name,
)

# a name word: the name grammar's (graf.grammar.names.NAME_TOKEN: "EvaMargareta", "O'Neill");
# a run's first word is matched capital first, so the look-behind can check what precedes it
_NAME_TOK = NAME_TOKEN
_NAME_TOK_REST = NAME_TOKEN[len(f"[{UPPER}]") :]
_PARTICLE = r"(?:von|af|de|van|der|den|del|da|di|du|la|le|el|al|bin|ibn|ben)"
_SP = r"[ \u00a0]"
# a middle initial between name words ("Lars B Strand", "Ingemar K. R. Andersson"): the
# name grammar's (graf.grammar.names.INITIAL), followed by a further name word
_INITIAL = rf"{INITIAL}(?={_SP})"
# a run of capitalised name-like tokens on one line ("Veronica Wolgast Carstorp Förvaltningschef")
_NAME_RUN = re.compile(
    rf"([{UPPER}](?<![\w\-.@/'’][{UPPER}]){_NAME_TOK_REST}(?:{_SP}(?:{_PARTICLE}{_SP})?{_NAME_TOK}|{_SP}{_INITIAL})*)(?![\w\-@'’])"
)
_NAME_TOK_RE = re.compile(rf"(?:{_PARTICLE}{_SP})?{_NAME_TOK}|{_INITIAL}")
# e-signature layout "Johan Alexander Emanuel,Ojanne<TAB>2024-03-22"
_SIGNATURE = re.compile(
    rf"([{UPPER}](?<![\w\-][{UPPER}])[{LOWER}]+(?:-[{UPPER}][{LOWER}]+)*(?:{_SP}{_NAME_TOK}){{0,3}}),({_NAME_TOK}(?:[ \-]{_NAME_TOK})?)"
    rf"(?=[ \t]*(?:\t|\d{{4}}-\d{{2}}-\d{{2}}|$))",
    re.M,
)


_DISTRIB = r"(?:(båda|bägge|samtliga|alla)\s+)?"
# what may follow a person's name to give the party
_AFTER_PAREN = re.compile(
    rf"(\s*m\.?\s?fl\.?)?[ \t\u00a0]*\(\s*{_DISTRIB}({PARTY_CODE_ALT}|{PARTY_CODE_ALT.lower()})\s*\)"
)
_AFTER_COMMA_NAME = re.compile(rf",\s+{_DISTRIB}(?:från\s+)?({PARTY_NAME_ALT})(?![\w])")
_AFTER_FROM_NAME = re.compile(rf"(\s+m\.\s?fl\.?)?\s+från\s+({PARTY_NAME_ALT})(?![\w])")
_AFTER_COMMA_CODE = re.compile(rf",[ \u00a0]({PARTY_CODE_ALT}),?(?=[\s,.;:)])")
# older lists: "Sten-Ove Dahl, s, ordförande" (lower case only between commas or at the line end)
_AFTER_COMMA_LOWER = re.compile(rf",[ \u00a0]({PARTY_CODE_ALT.lower()})(?=[ \t]*(?:,|\n|$))")
_ROLE_AFTER = re.compile(
    r"[ \u00a0]+(?:från[ \u00a0]+(?:sitt[ \u00a0]+)?uppdrag(?:et)?[ \u00a0]+)?(?:som|till)[ \u00a0]+(?:ny[ \u00a0]+|nytt[ \u00a0]+)?([a-zåäö]+)(?![\wåäö])"
)
_OFFICE_HELD = re.compile(
    r"[^.;\n]{0,60}?[ \u00a0](?:sitt[ \u00a0]+)?uppdrag(?:et)?[ \u00a0]+som[ \u00a0]+(?:ny[ \u00a0]+)?([a-zåäö]+)(?![\wåäö])"
)
_COORD_GAP = re.compile(r"\s*(?:,|,?\s+och|,?\s+samt|,?\s+&)\s*")
_STREETISH = (
    "gatan", "gata", "vägen", "väg", "gränd", "plan", "torget", "torg", "skolan", "parken",
    "backen", "huset", "gården", "hemmet", "kyrkan", "sjukhuset", "stiftelsen", "allén",
    "platsen", "hamnen", "institutet",
)
_STREET_NEXT = frozenset(
    "gata gatan väg vägen plats platsen torg torget park parken skola skolan gymnasium "
    "gymnasiet stiftelse stiftelsen hus huset sjukhus sjukhuset kyrka kyrkan allé gränd "
    "backe backen institut institutet förskola förskolan centrum".split()
)


_GIVEN_FOLDED = frozenset(fold_name(n) for n in gz.GIVEN_NAMES)
_NOT_NAME = frozenset(gz.NOT_NAME_WORDS)


def _is_given(tok: str) -> bool:
    return is_given_name(tok)


def _is_title(tok: str) -> bool:
    return is_title_word(tok)


def _role_form(title: str) -> str:
    """A meeting role in its base form ("ordföranden" -> "ordförande"); an official's title
    as printed, in the indefinite form ("stadsdelsdirektören" -> "stadsdelsdirektör")."""
    return meeting_role(title) or title_form(title)


def _title_before(text: str, pos: int) -> str | None:
    """An official's title or a meeting role printed right before a name ("Socialdirektör X",
    "vice ordförande X", "ledamoten X", "tjänstgörande ersättaren X"). A title printed after a
    comma that follows another name belongs to that name ("Anna Ek (S), ordförande Bo Lind")."""
    window = text[max(0, pos - 60) : pos]
    # the pattern ends in a space or a colon (and tabs after it) and holds no line break: it is
    # looked for only there and only on the window's last line (the same match, found sooner)
    if not window or window[-1] not in " \u00a0:\t":
        return None
    m = _TITLE_BEFORE.search(window, window.rfind("\n") + 1)
    if not m:
        return None
    word = m.group("word")
    low = word.lower()
    definite = indefinite(low) != low or low in ("ledamoten", "ledamöterna", "ersättaren", "ersättarna", "ordföranden")
    if not definite and window[: m.start()].rstrip(" \t\u00a0").endswith(","):
        # "Anna Ek (S), ordförande Bo Lind": an indefinite title after a comma describes the
        # name before it; a definite one ("..., ledamöterna Bo Lind") the name after it
        return None
    printed = f"{m.group('pre')} {word}" if m.group("pre") else word
    role = meeting_role(printed)
    if role == "tjänstgörande ersättare" and re.search(r"(?i)(?:ej|icke|inte|ej\.)[ \u00a0]+\Z", window[: m.start()]):
        # "Ej tjänstgörande ersättare X": a substitute who does not serve
        role = "ersättare"
    if role:
        # "Kommunstyrelsens ordförande X": another body's chair, no role at this meeting
        before = window[: m.start()].split()
        if before and not m.group("pre") and (
            before[-1].endswith("s") and before[-1][:1].isupper() or _OTHER_BODY_GENITIVE.fullmatch(before[-1])
        ):
            return None
        return role
    if not _is_title(word):
        return None
    if m.group("mod"):
        # "Teknisk chef X", "Hälso- och sjukvårdsdirektör X": the title with its first part
        return title_form((m.group("mod") + word).lower())
    return _role_form(printed)


# what a title may carry before its head word: adjectives ("teknisk chef", "medicinskt
# ansvarig sjuksköterska") or the first part of a coordinated compound ("Hälso- och
# sjukvårdsdirektör")
_TITLE_MODIFIER = rf"(?:{TITLE_ADJECTIVE}[ \u00a0]+){{1,2}}|{TITLE_COMPOUND_HEAD}[ \u00a0]+"
# the title word (and what may stand before it) that ends right before a name (_title_before)
_TITLE_BEFORE = re.compile(
    r"(?:(?P<pre>vice|Vice|[1-3]:[ae](?:[ \u00a0]+vice)?|[Tt]jänstgörande|[Tt]jg\.?)[ \u00a0]|(?P<mod>" + _TITLE_MODIFIER + r"))?"
    r"(?P<word>(?:[A-ZÅÄÖ]+-)?[A-ZÅÄÖa-zåäö]+)(?:[ \u00a0]+|:[ \t\u00a0]*)\Z"
)


# a named body's genitive in running text ("kommunstyrelsens ordförande X"); the bare
# "nämndens" / "styrelsens" is the meeting's own body
_OTHER_BODY_GENITIVE = re.compile(r"[a-zåäö]+-?(?:nämndens|styrelsens|fullmäktiges|utskottets|regionens|kommunens)")


def _title_after(text: str, pos: int) -> str | None:
    """A title printed after the name and party at the end of an attendance line."""
    m = re.match(r"[ \t\u00a0]+((?:[Vv]ice[ \u00a0])?[A-ZÅÄÖa-zåäö]+)[ \t\u00a0]*(?:\n|$)", text[pos : pos + 60])
    if m and _is_title(m.group(1).split()[-1]):
        return _role_form(m.group(1))
    # "Anna Berg, nämndsekreterare, telefon ..." / "Lisa Ek, kommunchef", and a signature row
    # of cells "Anna Berg, ordförande      Bo Lind, justerare"
    m = re.match(
        r",[ \t\u00a0]*((?:[Vv]ice[ \u00a0]|" + _TITLE_MODIFIER + r")?[a-zåäö]+)"
        r"(?=[ \t\u00a0]*(?:[,.;)\n]|$|för[ \u00a0]|på[ \u00a0]|vid[ \u00a0]|inom[ \u00a0])|\t|[ \u00a0]{2,})",
        text[pos : pos + 60],
    )
    if m:
        word = m.group(1).split()[-1]
        if signing_role(word):
            return signing_role(word)
        if _is_title(word) or meeting_role(m.group(1)):
            return _role_form(m.group(1))
    return None


_UNSET = object()


def _party_after(text: str, pos: int) -> re.Match | None:
    """The party printed right after a name ending at ``pos`` (offsets relative to ``pos``)."""
    after = text[pos : pos + 120]
    return (
        _AFTER_PAREN.match(after)
        or _AFTER_COMMA_NAME.match(after)
        or _AFTER_FROM_NAME.match(after)
        or _AFTER_COMMA_CODE.match(after)
        or _AFTER_COMMA_LOWER.match(after)
    )


@dataclass(frozen=True, order=True)
class PersonCandidate:
    """A person's name as the name-run rules find it, with what is printed beside it. The
    field order is the sort order (by position first)."""

    start: int
    end: int
    party: str | None = None
    # where the party is printed (it becomes a PARTY candidate of its own)
    party_start: int | None = None
    party_end: int | None = None
    # "X och Y (båda L)": the party is printed once for the list of names before it
    party_covers_list: bool = False
    role: str | None = None
    # "utse X och Y till dataskyddsombud": the role is printed once for the list
    role_covers_list: bool = False
    # "ledamöterna X (FP) och Y (C)": a plural role printed once for the names that follow
    role_covers_following: bool = False


def _after_party(c: PersonCandidate) -> int:
    """Where a candidate's name and party end ("X (FP)" up to the closing parenthesis)."""
    return c.party_end + 1 if c.party_end is not None else c.end


def _person_candidates(text: str) -> list[Candidate]:
    found: list[PersonCandidate] = []
    taken: list[tuple[int, int]] = []
    for m in _SIGNATURE.finditer(text):
        given = m.group(1).split()
        if not any(_is_given(g) for g in given):
            continue
        found.append(PersonCandidate(m.start(), m.end()))
        taken.append((m.start(), m.end()))

    for m in _NAME_RUN.finditer(text):
        run = m.group(1)
        if " " not in run and "\u00a0" not in run:
            continue  # a single token: a name needs two (the checks below drop it too)
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        toks = [(t.group(0), m.start() + t.start(), m.start() + t.end()) for t in _NAME_TOK_RE.finditer(m.group(1))]
        # two names run together where a line break or a column was lost ("Stina Vass Gunnar
        # Ekdahl (S)" under signature labels): given-surname-given-surname is two persons
        g0 = next((i for i, t in enumerate(toks) if _is_given(t[0]) and t[0] not in _NOT_NAME), None)
        if g0 is not None and len(toks) - g0 >= 4 and not any(_is_title(t[0]) or t[0] in _NOT_NAME for t in toks[g0:]):
            parts = split_joined_names([t[0] for t in toks[g0:]])
            for i, j in parts[:-1]:
                found.append(PersonCandidate(toks[g0 + i][1], toks[g0 + j - 1][2]))
            toks = toks[g0 + parts[-1][0] :]
        n = len(toks)
        party_m = _UNSET  # the party printed after the run: looked for only when needed
        start = next((i for i, t in enumerate(toks) if _is_given(t[0]) and t[0] not in _NOT_NAME), None)
        if start is None or start > 0:
            # no given name, or one only later in the run ("Git Skog Tel."): the context may
            # show where the name starts (a title before it, a party after it)
            party_m = _party_after(text, m.end())
            unlisted = _unlisted_start(text, toks, m, party_m)
            # a listed given name marks the start; one only the dictionary knows ("Tel") may
            # stand later in a run whose context shows an earlier start ("Git Skog Tel.")
            if unlisted is not None and (
                start is None or (unlisted < start and not is_given_name(toks[start][0], listed_only=True))
            ):
                start = unlisted
            if start is None:
                continue
        # the name runs from the given name up to a title, a non-name word or the end
        end = start
        role = None
        while end < n:
            word = toks[end][0]
            if _is_title(word) and end > start:
                labels_lead = start > 0 and _is_title(toks[start - 1][0])
                if labels_lead and end + 1 < n and _is_given(toks[end + 1][0]):
                    # "Sekreterare Emma Ek Ordförande Bo Lind": labels stand before their names
                    # in this row, so the title after the name is the next name's label
                    break
                role = _role_form(" ".join(t[0] for t in toks[end:]))
                break
            if word in _NOT_NAME or word.split()[-1] in _NOT_NAME:
                break
            end += 1
        if end == n and end - start > 2 and not _party_after(text, m.end()):
            # "Margareta Venizelos Tel. 508 ...", "Marie Lindblom Närvarorätt": ordinary words
            # after the name (graf.grammar.names decides, as for the structure parser)
            words = [t[0] for t in toks[start:end]]
            a, b = name_extent(words, abbreviation_after=bool(re.match(r"\.\s*\S", text[toks[end - 1][2] : toks[end - 1][2] + 3])))
            if a == 0 and b < len(words):
                end = start + b
        if end - start < 2 or end - start > 5 or is_initial(toks[end - 1][0]):
            continue
        if sum(1 for i in range(start, end) if not is_initial(toks[i][0])) > 4:
            continue
        if any(toks[i][0] in _NOT_NAME or _is_title(toks[i][0]) for i in range(start, end)):
            continue
        if start > 0 and role is None and _is_title(toks[start - 1][0]):
            role = _role_form(toks[start - 1][0])
        last = toks[end - 1][0]
        if any(last.lower().endswith(suf) and len(last) - len(suf) >= 4 for suf in _STREETISH):
            continue  # "Storforsplan", "Erik Dahlbergsgatan" (but the surname "Kaplan" stays)
        s_char, e_char = toks[start][1], toks[end - 1][2]
        rest = text[e_char : e_char + 40]
        nxt = re.match(r"[ \u00a0]+([\wåäöÅÄÖ]+)", rest)
        if nxt and (nxt.group(1).isdigit() or nxt.group(1).lower() in _STREET_NEXT):
            continue
        party = p_start = p_end = None
        distributive = False
        if end == n and party_m is _UNSET:
            party_m = _party_after(text, m.end())
        if end == n and party_m:
            party_printed = party_m.group(party_m.lastindex)
            code = party_from_name(party_printed) or party_code(party_printed)
            party, distributive = code, bool(party_m.re.groups >= 2 and any(
                g in ("båda", "bägge", "samtliga", "alla") for g in party_m.groups() if g))
            p_start = m.end() + party_m.start(party_m.lastindex)
            p_end = m.end() + party_m.end(party_m.lastindex)
            if role is None:
                role = _title_after(text, m.end() + party_m.end())
        elif end == n and genitive_at(text, e_char):
            e_char -= 1  # genitive: "Jan Jönssons motion", "Anna Eks med fleras förslag"
        if party is not None and genitive_at(text, e_char):
            e_char -= 1  # "Nagwa Mourads (kd) begäran"
        role_list = False
        if role is None:
            role = _title_before(text, s_char)
        if role is None and party is None:
            # "utse X och Y till dataskyddsombud", "entlediga X från uppdraget som dataskyddsombud"
            rm = _ROLE_AFTER.match(text, e_char)
            if rm and _is_title(rm.group(1)):
                role, role_list = _role_form(rm.group(1)), True
        if role is None and p_end is not None:
            # "X (kd) begäran om avsägelse från uppdraget som ersättare": the office the
            # person holds (or leaves), named in the same clause
            um = _OFFICE_HELD.match(text, p_end + 1)
            if um:
                role = meeting_role(um.group(1)) or (_role_form(um.group(1)) if _is_title(um.group(1)) else None)
        if role is None and party is None and end == n:
            role = _title_after(text, e_char) or _title_next_line(text, s_char, e_char)
        if (
            party is None and role is None and not is_given_name(toks[start][0], listed_only=True)
            and hunspell_sv.is_ordinary_word(toks[end - 1][0], inflecting=True)
        ):
            continue  # a proper noun before an ordinary word is a place ("Alingsås Rådhus") as often as a person
        plural = bool(role) and bool(PLURAL_ROLE.search(text, max(0, s_char - 20), s_char))
        found.append(PersonCandidate(s_char, e_char, party, p_start, p_end, distributive, role, role_list, plural))

    found.sort()
    # "X och Y (båda L)", "X, Y och Z, samtliga Moderaterna": the party covers the whole list
    for i in range(len(found) - 1, -1, -1):
        if not found[i].party_covers_list:
            continue
        j = i
        while j > 0 and found[j - 1].party is None and _COORD_GAP.fullmatch(text[found[j - 1].end : found[j].start]):
            found[j - 1] = replace(found[j - 1], party=found[i].party)
            j -= 1
    for i in range(len(found) - 1, -1, -1):
        if not found[i].role_covers_list:
            continue
        j = i
        while (
            j > 0 and found[j - 1].role is None and found[j - 1].party is None
            and _COORD_GAP.fullmatch(text[found[j - 1].end : found[j].start])
        ):
            found[j - 1] = replace(found[j - 1], role=found[i].role)
            j -= 1
    for i in range(len(found)):
        if not found[i].role_covers_following:
            continue
        j = i
        while (
            j + 1 < len(found) and found[j + 1].role is None
            and _COORD_GAP.fullmatch(text[_after_party(found[j]) : found[j + 1].start])
        ):
            found[j + 1] = replace(found[j + 1], role=found[i].role)
            j += 1
    out: list[Candidate] = []
    for c in found:
        out.append(Candidate("PERSON", c.start, c.end, None, c.party, c.role))
        if c.party_start is not None:
            out.append(Candidate("PARTY", c.party_start, c.party_end, c.party, None, None))
    return out


def _title_next_line(text: str, start: int, end: int) -> str | None:
    """A signature: the name alone on its line and a title alone on the next one
    ("Harriet Borgström" / "Ordförande")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0 or text[line_start:start].strip(" \t-•*") or text[end:line_end].strip():
        return None
    # "Sekreterare" / "Anna Ek" / "Ordförande" / "Bo Lind": the label above a name is its own
    prev_words = text[text.rfind("\n", 0, max(0, line_start - 1)) + 1 : line_start].split()
    if 1 <= len(prev_words) <= 2 and _is_title(prev_words[-1]):
        return None
    nxt_end = text.find("\n", line_end + 1)
    words = text[line_end + 1 : len(text) if nxt_end < 0 else nxt_end].split()
    if 1 <= len(words) <= 2 and _is_title(words[-1]) and all(w[:1].isalpha() for w in words):
        return _role_form(" ".join(words))
    return None


def _unlisted_start(text: str, toks: list, m: re.Match, party_m: re.Match | None) -> int | None:
    """Where a name whose given name is not in the gazetteer starts, when the context shows
    a person: a party printed after it, an official's title printed before it ("stadsdelsdirektör
    Sigvard Lönnqvist", "Enhetschef Torbjörn Wallerius"), or a title on the next line of a
    signature ("Harriet Borgström" / "Ordförande"). None when nothing shows it."""
    n = len(toks)
    if party_m and n >= 2:
        # the name reaches back over words that may be names ("Nagwa Mourani Selims (kd)"),
        # not over ordinary words, titles or labels ("Ledamoten Birgit Ek (S)")
        i = n - 2
        while (
            i > 0 and n - i < 4 and toks[i - 1][0] not in _NOT_NAME and not _is_title(toks[i - 1][0])
            and not is_ordinary_word(toks[i - 1][0]) and not is_initial(toks[i - 1][0])
        ):
            i -= 1
        return i
    # a capitalised title inside the run: "Förvaltningschef Sigvard Lönnqvist"
    for i in range(n - 1, -1, -1):
        if _is_title(toks[i][0]):
            rest = n - i - 1
            return i + 1 if 2 <= rest <= 3 else None
    if not 2 <= n <= 3:
        return None
    if _title_before(text, toks[0][1]) and text[max(0, toks[0][1] - 60) : toks[0][1]].strip()[-1:] in (*"abcdefghijklmnopqrstuvwxyzåäö", ":"):
        return 0
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start : m.start()].strip(" \t-•*") == "" and text[m.end() : line_end].strip() == "":
        nxt_end = text.find("\n", line_end + 1)
        nxt_line = text[line_end + 1 : len(text) if nxt_end < 0 else nxt_end].strip()
        words = nxt_line.split()
        if 1 <= len(words) <= 3 and _is_title(words[-1]):
            return 0
    return None


# Labels of an attendance list: every line under one names a person, whatever the given name.
_ROSTER_LABEL = re.compile(
    r"(?i)(?:närvarande |tjänstgörande |ordinarie |beslutande )?(?:ledamöter|ledamot)|beslutande|"
    r"(?:närvarande |tjänstgörande |icke tjänstgörande |ej tjänstgörande |övriga )?ersättare|"
    r"närvarande|övriga närvarande|övriga deltagare"
)
_ROSTER_LABEL_WORDS = ("ledamot", "ledamöter", "beslutande", "ersättare", "närvarande", "deltagare")
_CELL_GAP = re.compile(r"\t+|[ \u00a0]{2,}")


def _roster_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The column cells of one line (split at tabs and runs of spaces), stripped."""
    cells = []
    pos = start
    for m in _CELL_GAP.finditer(text, start, end):
        cells.append((pos, m.start()))
        pos = m.end()
    cells.append((pos, end))
    out = []
    for a, b in cells:
        while a < b and text[a] in " \t\u00a0-•*–":
            a += 1
        while b > a and text[b - 1] in " \t\u00a0,;.":
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def _roster_name(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The name that opens a roster cell ("Tiina Mäkelä", "Tiina Mäkelä, ordförande",
    "Tiina Mäkelä (S)"): 2-4 capitalised tokens, none a title or a heading word."""
    m = _NAME_RUN.match(text, a, b)
    if not m:
        return None
    toks = [t.group(0) for t in _NAME_TOK_RE.finditer(m.group(1))]
    if not 2 <= len(toks) <= 4 or any(t in _NOT_NAME or _is_title(t) for t in toks):
        return None
    tail = text[m.end() : b].strip()
    # what may follow the name in a list cell: a party, a role, "ersätter X"; not prose
    if tail and not (tail[0] in ",(" or tail.split()[0].lower() in ("ersätter", "för", "tjänstgör")):
        return None
    return m.start(), m.end()


def roster_persons(text: str) -> list[tuple[int, int]]:
    """Names printed in an attendance list ("Ledamöter" / "Beslutande" / "Närvarande
    ersättare" and the lines under it), found by their place in the layout alone. The list
    ends at the first line that is neither a label nor a list of names."""
    out: list[tuple[int, int]] = []
    active = False
    # Outside a list only a label line matters, and every label holds one of
    # _ROSTER_LABEL_WORDS: the lines between are skipped to the next line holding one
    # (found with str.find on the caseless text, which matches where the (?i) pattern does).
    low = caseless(text)
    next_word = dict.fromkeys(_ROSTER_LABEL_WORDS, -1)
    n = len(text)
    pos = 0
    while pos <= n:
        if not active and low is not None:
            at = n + 1
            for word, p in next_word.items():
                if p < pos:
                    p = next_word[word] = low.find(word, pos)
                    if p < 0:
                        p = next_word[word] = n + 1  # none left
                if p < at:
                    at = p
            if at > n:
                break
            pos = low.rfind("\n", pos, at) + 1 or pos
        a = pos
        b = text.find("\n", a)
        if b < 0:
            b = n
        pos = b + 1
        cells = _roster_cells(text, a, b)
        if not cells:
            continue  # blank lines do not end the list
        label = _ROSTER_LABEL.fullmatch(text[cells[0][0] : cells[0][1]].rstrip(":"))
        if label:
            active = True
            cells = cells[1:]  # "Ledamöter<TAB>Anna Berg (S)": the first name beside the label
            if not cells or all(_ROSTER_LABEL.fullmatch(text[x:y].rstrip(":")) for x, y in cells):
                continue
        if not active:
            continue
        names = [n for n in (_roster_name(text, x, y) for x, y in cells) if n]
        if not names:
            active = False
            continue
        out.extend(names)
    return out


def _roster_candidates(text: str, found: list[Candidate]) -> list[Candidate]:
    """PERSON candidates for roster names the other rules missed (unlisted given name, no
    party), and for the other places the paper prints the same full name."""
    roster = roster_persons(text)
    if not roster:
        return []
    taken = sorted((c.start, c.end) for c in found if c.label == "PERSON")
    starts = [s for s, _ in taken]

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_left(starts, e)
        return not (i and taken[i - 1][1] > s)

    names: set[str] = set()
    for s, e in roster:
        names.add(" ".join(text[s:e].split()))
    out: list[Candidate] = []
    seen: set[int] = set()
    # every printed occurrence of a roster name: scan the capitalised runs once, trying the
    # 2-4 token windows of each (linear in the text)
    for m in _NAME_RUN.finditer(text):
        if " " not in m.group(1) and "\u00a0" not in m.group(1):
            continue
        toks = [(t.start(), t.end()) for t in _NAME_TOK_RE.finditer(m.group(1))]
        i = 0
        while i < len(toks):
            hit = None
            for k in (4, 3, 2):
                if i + k <= len(toks):
                    s, e = m.start() + toks[i][0], m.start() + toks[i + k - 1][1]
                    if " ".join(text[s:e].split()) in names:
                        hit = (s, e, k)
                        break
            if hit and hit[0] not in seen and free(hit[0], hit[1]):
                seen.add(hit[0])
                party_m = _party_after(text, hit[1]) if hit[1] == m.end() else None
                party = None
                if party_m:
                    printed = party_m.group(party_m.lastindex)
                    party = party_from_name(printed) or party_code(printed)
                out.append(Candidate("PERSON", hit[0], hit[1], None, party, None))
            i += hit[2] if hit else 1
    return out


@Language.component("graf_persons", assigns=[CANDIDATES], requires=[CANDIDATES, TEXT])
def recognise_persons(doc: Doc) -> Doc:
    text = doc_text(doc)
    found = _person_candidates(text)
    found.extend(_roster_candidates(text, found))
    doc._.graf_candidates.extend(found)
    return doc

