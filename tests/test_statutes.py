"""Date-aware resolution, provision fragments and external IRIs (invented texts). graf's own
IRIs for cited acts are the graph stage's (tests/test_iri_minting.py)."""

import datetime as dt

from graf.link.statutes import resolve, statute_info
from graf.nlp.citations import find_citations


def link(text, on=dt.date(2024, 3, 19)):
    return resolve(find_citations(text), on)


def test_sol_follows_the_reference_date():
    assert [l.sfs for l in link("insatser enligt SoL", dt.date(2025, 6, 30))] == ["2001:453"]
    assert [l.sfs for l in link("insatser enligt SoL", dt.date(2025, 7, 1))] == ["2025:400"]
    assert [l.sfs for l in link("enligt socialtjänstlagens regler", dt.date(2025, 7, 1))] == ["2025:400"]


def test_kommunallagen_switches_in_2018():
    assert link("enligt kommunallagen", dt.date(2017, 12, 31))[0].sfs == "1991:900"
    assert link("enligt kommunallagen", dt.date(2018, 1, 1))[0].sfs == "2017:725"


def test_printed_number_wins_and_is_remembered():
    found = link("Enligt socialtjänstlag (2001:453), SoL gäller. Senare: SoL och socialtjänstlagen.", dt.date(2026, 1, 1))
    assert [l.sfs for l in found] == ["2001:453", "2001:453", "2001:453"]


def test_bare_reference_takes_last_named_act_and_samma_lag():
    # dated after the act was issued (a 2024 paper cannot cite SFS 2025:400)
    found = link("Enligt socialtjänstlagen (2025:400) gäller 11 kap. 5 §. Se även 3 kap. 1 § samma lag.",
                 dt.date(2025, 9, 1))
    assert [(l.sfs, l.provision) for l in found] == [("2025:400", None), ("2025:400", "K11P5"), ("2025:400", "K3P1")]


def test_fragments_and_iris():
    (l,) = link("enligt 9 kap 2 § tredje stycket alkohollagen (2010:1622) ska")
    assert l.provision == "K9P2S3"
    assert l.lagen_nu == "https://lagen.nu/2010:1622#K9P2S3"
    assert l.rinfo == "http://rinfo.lagrummet.se/publ/sfs/2010:1622#k_9-p_2"
    assert l.riksdagen == "sfs-2010-1622"
    assert [x.provision for x in link("boende enligt LSS 9 § 8")] == ["P9S1N8"]
    assert [x.provision for x in link("gruppbostad (LSS 9:9)")] == ["P9S1N9"]
    assert [x.provision for x in link("enligt 28 f § LSS")] == ["P28f"]
    assert [x.provision for x in link("enligt 6 kap 15a § andra stycket föräldrabalken (FB)")] == ["K6P15aS2"]


def test_eu_report_kfs_iris():
    eu, sou, prop, kfs = link("förordning (EU) 2016/679, SOU 2025:90, prop. 2017/18:1 och KFS 2024:16")
    assert (eu.celex, eu.eli, eu.lagen_nu) == (
        "32016R0679", "http://data.europa.eu/eli/reg/2016/679/oj", "https://lagen.nu/ext/celex/32016R0679")
    assert (sou.report_id, sou.lagen_nu, sou.rinfo) == (
        "SOU 2025:90", "https://lagen.nu/sou/2025:90", "http://rinfo.lagrummet.se/publ/utr/sou/2025:90")
    assert prop.lagen_nu == "https://lagen.nu/prop/2017/18:1"
    assert (kfs.kfs, kfs.lagen_nu) == ("2024:16", None)


def test_unknown_name_is_dropped_unless_bound():
    assert link("enligt påhittadelagen gäller") == []
    found = link("påhittadelagen (1999:1) gäller. Senare nämns påhittadelagen igen.")
    assert [l.sfs for l in found] == ["1999:1", "1999:1"]


def test_statute_info():
    info = statute_info("2001:453")
    assert info["replaced_by"] == "2025:400" and info["replaced_from"] == "2025-07-01"
    assert "SoL" in info["abbreviations"]
    assert statute_info("1962:700")["title"] == "brottsbalk"
    assert statute_info("1111:1") is None


def test_the_act_number_after_a_provision_is_no_citation_of_its_own_in_a_paper():
    text = ("Rapporten är upprättad enligt 4 kap. 2 § lagen (2018:597) om kommunal bokföring och "
            "redovisning. Se även lagen (2018:597) om kommunal bokföring och redovisning i sin helhet.")
    # lagen.nu (and graf cite) link the provision and the act's number separately
    assert [(c.sfs, c.provision) for c in resolve(find_citations(text), dt.date(2024, 3, 19))] == [
        ("2018:597", "K4P2"), ("2018:597", None), ("2018:597", None)]
    # a paper cites the act once there, through the provision; the act cited on its own
    # later is still a citation
    assert [(c.sfs, c.provision) for c in resolve(find_citations(text), dt.date(2024, 3, 19), text)] == [
        ("2018:597", "K4P2"), ("2018:597", None)]
