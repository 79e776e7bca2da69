"""An invented pair of minutes (names, numbers and wording made up for the tests) served the
way `graf serve` serves a built graph, and a crawler of the served pages.

The shape is what Swedish minutes print: a heading with committee, date, time and place, the
attendance by role with parties, §§ with registry numbers, decision, proposals, voting order,
reservations and statements, an omröstning with a voting list, cited statutes and districts.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

from graf.serve.app import make_server, start_in_thread

KULTUR = """\
## Protokoll 2/2025

fört vid Kulturnämndens sammanträde tisdagen den 11 februari 2025 kl. 17:30-19:10, Sal Tranan, Bryggvägen 9, Falkvik, Lunds kommun

**Ledamöter**

Greta Almqvist (S) Ordförande
Hugo Renberg (M) Vice ordförande
Selma Öhrn (S)
Viktor Dahlin (V)
Ines Korhonen (M)
Rasmus Tell (L)
Vera Lundgren (SD)
Milo Franzén (S) ersätter Tove Hedlund (MP)

**Ersättare**

Elin Brandt (C)

**Övriga närvarande**

Kajsa Borg Kulturdirektör
Anton Frisk Nämndsekreterare

**Justerare**

Greta Almqvist, Hugo Renberg

**Datum för justering**

2025-02-14

**Paragraf**

§§1-10

**Sekreterare**

Anton Frisk

**§ 1**
**Val av justerare och tid för justering**

**Beslut**

Ordföranden Greta Almqvist (S) och vice ordförande Hugo Renberg (M) utsågs att justera dagens protokoll.

**§ 2****Remiss av Motion om öppna ateljéer i Norra Falkvik**

Svar på remiss från kommunstyrelsen, Dnr KS 2024/918
KUN 2025/12

**Beslut**

1. Kulturnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.

**Sammanfattning av ärendet**

I motionen från Rasmus Tell (L) föreslås att kommunen öppnar fler ateljéer. Enligt 2 kap. 1 § kommunallagen (2017:725) får kommunen ha hand om angelägenheter av allmänt intresse.

**Yrkanden**

Greta Almqvist (S) och Viktor Dahlin (V) yrkade bifall till förvaltningens förslag till beslut.

Rasmus Tell (L) yrkade avslag på förvaltningens förslag till beslut.

**Propositionsordning**

Ordföranden ställde de framställda förslagen till beslut mot varandra och fann att nämnden beslutat enligt förvaltningens förslag.

**Reservationer**

Rasmus Tell (L) reserverade sig mot beslutet till förmån för det egna yrkandet.

**§ 10**
**Anmälan av delegationsbeslut**

KUN 2025/3

**Beslut**

Kulturnämnden lägger anmälan till handlingarna.

**Särskilt uttalande**

Vera Lundgren (SD) anförde följande särskilda uttalande.

*Delegationsbesluten bör redovisas per månad.*
"""

SOCIAL = """\
## Protokoll 3/2025

fört vid Socialnämndens sammanträde tisdagen den 4 mars 2025 kl. 17:00-18:20, Rum Ugglan, Stockholms stad

**Ledamöter**

Leo Sandberg (S) Ordförande
Alva Nordin (M) Vice ordförande
Greta Almqvist (S)

**Justerare**

Leo Sandberg, Alva Nordin

**Paragraf**

§§1-2

**§ 1**
**Val av justerare**

**Beslut**

Ordföranden Leo Sandberg (S) och Alva Nordin (M) utsågs att justera dagens protokoll.

**§ 2**
**Fältarbete i Farsta och Skarpnäck**

SN 2025/41

**Beslut**

Socialnämnden ger Farsta stadsdelsnämnd och Skarpnäcks stadsdelsnämnd i uppdrag att samordna fältarbetet enligt 5 kap. 1 § socialtjänstlagen (2001:453).

**Yrkanden**

Alva Nordin (M) yrkade återremiss.

**Omröstning**

Omröstning begärdes.

Ja-röst för bifall till ordförandens förslag.

Nej-röst för återremiss.

Med 2 ja-röster mot 1 nej-röst beslutade nämnden enligt ordförandens förslag.

| Ledamot | Ja | Nej | Avstår |
|---|---|---|---|
| Leo Sandberg (S) | X | | |
| Greta Almqvist (S) | X | | |
| Alva Nordin (M) | | X | |
| Resultat | 2 | 1 | 0 |
"""

GRAF = "https://w3id.org/graf/ns#"
BESLUIT = "http://data.vlaanderen.be/ns/besluit#"


def build_site(folder: Path, base: str, graf_cli) -> Path:
    """The two papers built with ``base`` into one N-Quads file.

    Where the parser does not (yet) read the omröstning, the vote is added as the graph
    builder writes one (besluit:Stemming on the § 's treatment), so the page shows a vote
    either way; the base the graph was built with is stated (graf:bas) where the build does
    not state it itself."""
    import pyoxigraph as ox

    papers = folder / "papers"
    papers.mkdir(parents=True, exist_ok=True)
    (papers / "protokoll-kulturnamnden-2025-02-11.md").write_text(KULTUR, encoding="utf-8")
    (papers / "protokoll-socialnamnden-2025-03-04.md").write_text(SOCIAL, encoding="utf-8")
    out = folder / "graph.nq"
    result = graf_cli("build", str(papers), "--out", str(out), "--base", base)
    assert result.returncode == 0, result.stderr
    store = ox.Store()
    store.bulk_load(path=str(out), format=ox.RdfFormat.N_QUADS)
    extra = []
    has_vote = store.query(f"ASK {{ GRAPH ?g {{ ?v a <{BESLUIT}Stemming> }} }}")
    item = f"{base}sammantrade/stockholm/socialnamnden/2025-03-04/paragraf/2"
    if not bool(has_vote):
        vote = f"<{item}/omrostning/1>"
        people = {"leo-sandberg": "heeftVoorstander", "greta-almqvist": "heeftVoorstander",
                  "alva-nordin": "heeftTegenstander"}
        extra += [f"<{item}/behandling> <{BESLUIT}heeftStemming> {vote} .",
                  f"{vote} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{BESLUIT}Stemming> .",
                  f'{vote} <{BESLUIT}aantalVoorstanders> "2"^^<http://www.w3.org/2001/XMLSchema#integer> .',
                  f'{vote} <{BESLUIT}aantalTegenstanders> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .',
                  f'{vote} <{BESLUIT}gevolg> "Med 2 ja-röster mot 1 nej-röst beslutade nämnden enligt ordförandens förslag."@sv .',
                  f'{vote} <{GRAF}jaRostFor> "bifall till ordförandens förslag"@sv .',
                  f'{vote} <{GRAF}nejRostFor> "återremiss"@sv .']
        for key, side in people.items():
            person = f"<{base}person/stockholm/{key}>"
            extra += [f"{vote} <{BESLUIT}heeftStemmer> {person} .", f"{vote} <{BESLUIT}{side}> {person} ."]
    if not bool(store.query(f"ASK {{ GRAPH ?g {{ ?d <{GRAF}bas> ?b }} }}")):
        for (doc,) in store.query(f"SELECT DISTINCT ?d WHERE {{ GRAPH ?g {{ ?d <{GRAF}text> ?t }} }}"):
            extra.append(f'{doc} <{GRAF}bas> "{base}" .')
    with out.open("a", encoding="utf-8") as f:
        f.write("\n".join(extra) + "\n")
    return out


def shared_site(tmp_path_factory, base: str, graf_cli) -> Path:
    """build_site's graph for ``base``, built once per test run and shared by every module and
    xdist worker that serves it (they only read the file; a build costs a second or more of CPU).
    It lives beside the workers' own temporary folders, built under a lock by the first to ask."""
    own = tmp_path_factory.getbasetemp()
    # under xdist each worker's folder is inside the run's folder; alone, the run's folder is its own
    run = own.parent if os.environ.get("PYTEST_XDIST_WORKER") else own
    folder = run / f"served-site-{hashlib.sha256(base.encode('utf-8')).hexdigest()[:16]}"
    with open(f"{folder}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "complete").exists():  # a build that failed half-way is built again
            build_site(folder, base, graf_cli)
            (folder / "complete").touch()
    return folder / "graph.nq"


class Links(HTMLParser):
    """Every href of a page."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if href:
            self.hrefs.append(href)


@contextmanager
def serving(**source: str) -> Iterator:
    """`graf serve` of a built graph (``data=``) or store (``store_dir=``) on a free port, with
    no base of its own (the server reads the base the graph records), closed afterwards."""
    srv = make_server(**source, port=0, timeout=20, max_rows=1000, workers=1)
    start_in_thread(srv)
    try:
        yield srv
    finally:
        srv.close()


def fetch(url: str, accept: str = "text/html") -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def crawl(root: str, start: str = "/", limit: int = 400) -> tuple[dict[str, int], dict[str, str]]:
    """Follow the local links of the readable pages from ``start``: every link any of them
    writes is fetched once (status by path); property tables, query results and dumps are
    fetched but not followed (an annotation links to the next and the crawl would never end).
    Returns (status by path, the page each path was first linked from)."""
    status: dict[str, int] = {}
    linked_from: dict[str, str] = {start: "(start)"}
    queue = [start]
    while queue and len(status) < limit:
        path = queue.pop(0)
        if path in status:
            continue
        code, body = fetch(root + path)
        status[path] = code
        followed = code == 200 and not path.startswith(("/sparql", "/query/", "/dump/")) and "view=rdf" not in path \
            and "format=" not in path
        if not followed:
            continue
        parser = Links()
        parser.feed(body)
        for href in parser.hrefs:
            if not href.startswith("/") or href.startswith("//"):
                continue
            local = href.split("#", 1)[0]
            if local and local not in linked_from:
                linked_from[local] = path
                queue.append(local)
    return status, linked_from
