"""The documents a § lists ("Beslutsunderlag", "Handlingar"), one per entry.

Modern templates print the list with bullets, wrap long titles onto the next line, let the list
run across a page break (the next page's header between two entries) and print a voting list as
an appendix right after the last entry. A reader takes a wrapped line as part of its entry and
neither the page header nor the voting list's rows as documents. The paper is invented."""

from __future__ import annotations

from graf.sources import source_from_text
from graf.structure import parse

PAPER = """Ekviks kommun
Kommunstyrelsen
Protokoll
Sammanträdesdatum 2031-05-12

Närvarande
Kim Lindqvist (S), ordförande
Alva Berggren (M)

§ 7  2031.044 KS
Ombyggnad av Ekbackens förskola
Ärendebeskrivning
Tekniska förvaltningen föreslår att förskolan byggs om.
Beslut
Kommunstyrelsen godkänner ombyggnaden.

Beslutsunderlag
• § 31 KSAU - Ombyggnad av Ekbackens förskola med utökning av antalet
avdelningar
• Tjänsteskrivelse - Ombyggnad av Ekbackens förskola

4

Kommunstyrelsen
Protokoll
• Kalkyl för ombyggnaden, reviderad

5

Kommunstyrelsen
Voteringslista
Voteringslista: §7
Ledamot Ja Nej Avstår
Kim Lindqvist (S), ordförande X
Alva Berggren (M), ledamot  X
Resultat 1 1 0

§ 8  2031.051 KS
Redovisning av delegationsbeslut
Beslut
Redovisningen läggs till handlingarna.
"""


def test_bulleted_documents_wrapped_across_a_page_without_the_voting_list():
    paper = parse(source_from_text(PAPER, "ekvik-ks.txt"))
    item = next(i for i in paper.items if i.number == "7")
    assert [h.title for h in item.handlingar] == [
        "§ 31 KSAU - Ombyggnad av Ekbackens förskola med utökning av antalet avdelningar",
        "Tjänsteskrivelse - Ombyggnad av Ekbackens förskola",
        "Kalkyl för ombyggnaden, reviderad",
    ]
    # each entry's span covers what it names, from its bullet to its last line
    for h in item.handlingar:
        assert PAPER[h.span.start:h.span.end].split()[-1] == h.title.split()[-1]


def test_unmarked_lists_keep_one_document_per_line():
    text = PAPER.replace("• ", "").replace("avdelningar\n", "")
    paper = parse(source_from_text(text, "ekvik-ks.txt"))
    item = next(i for i in paper.items if i.number == "7")
    titles = [h.title for h in item.handlingar]
    assert titles[:2] == ["§ 31 KSAU - Ombyggnad av Ekbackens förskola med utökning av antalet",
                          "Tjänsteskrivelse - Ombyggnad av Ekbackens förskola"]
