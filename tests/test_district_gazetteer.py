"""The dated district gazetteer (graf.grammar.lexicon): Stockholm's stadsdelsområden and
Göteborg's and Malmö's former district committees, with validity dates, and what the linker
attaches to a district named in a paper. Invented sentences."""

from __future__ import annotations

from graf.grammar import lexicon as gz
from graf.link.entities import link_entities
from graf.nlp.pipeline import recognise_entities


def districts(text: str) -> dict[str, dict[str, str]]:
    mentions = [m for m in recognise_entities(text) if m.label == "DISTRICT"]
    return {e.key: dict(e.attrs) for e in link_entities(mentions) if e.kind == "district"}


def test_every_entry_is_dated_consistently():
    for d in gz.DISTRICT_GAZETTEER:
        assert d.city in {"Stockholm", "Göteborg", "Malmö"}
        if d.valid_from and d.valid_until:
            assert d.valid_from <= d.valid_until, d
    # a city's areas of one period do not repeat a name
    seen = {(d.city, d.name, d.valid_from) for d in gz.DISTRICT_GAZETTEER}
    assert len(seen) == len(gz.DISTRICT_GAZETTEER)


def test_reforms_by_date():
    def names(city, on):
        return {d.name for d in gz.DISTRICT_GAZETTEER if d.city == city and gz.districts_named(d.name, city, on)}

    assert {"Järva", "Norra innerstaden", "Hägersten-Älvsjö"} <= names("Stockholm", "2024-01-01")
    assert not {"Rinkeby-Kista", "Spånga-Tensta", "Östermalm"} & names("Stockholm", "2024-01-01")
    assert {"Rinkeby-Kista", "Spånga-Tensta", "Östermalm"} <= names("Stockholm", "2015-01-01")
    assert len(names("Göteborg", "2015-01-01")) == 10
    assert names("Göteborg", "2021-06-01") == set()
    assert len(names("Malmö", "2010-01-01")) == 10
    assert names("Malmö", "2015-01-01") == {"Norr", "Söder", "Öster", "Väster", "Innerstaden"}
    assert names("Malmö", "2018-01-01") == set()


def test_a_name_two_cities_used_is_told_apart_by_city():
    assert [d.city for d in gz.districts_named("Centrum")] == ["Göteborg", "Malmö"]
    assert [d.city for d in gz.districts_named("Centrum", on="2016-01-01")] == ["Göteborg"]


def test_goteborg_districts_get_their_canonical_name_and_dates():
    got = districts("Remissen gick till Majorna-Linnés stadsdelsnämnd och till "
                    "stadsdelsförvaltningen i Askim-Frölunda-Högsbo.")
    assert got == {
        "Majorna-Linné": {"valid_from": "2011-01-01", "valid_until": "2020-12-31"},
        "Askim-Frölunda-Högsbo": {"valid_from": "2011-01-01", "valid_until": "2020-12-31"},
    }


def test_stockholm_district_dates_reach_the_link():
    got = districts("Yttrande från Järva stadsdelsnämnd och Skarpnäcks stadsdelsförvaltning.")
    assert got == {"Järva": {"valid_from": "2023-07-01"}, "Skarpnäck": {}}


def keys(text: str) -> list[str]:
    return [m.key for m in recognise_entities(text) if m.label == "DISTRICT"]


def test_a_word_before_the_committee_word_is_not_minted_as_a_district():
    # a verb at the start of a minutes sentence, an invented place, a neighbourhood
    assert keys("Förelåg stadsdelsförvaltningens tjänsteutlåtande den 3 maj.") == []
    assert keys("Yttrande från Ekbacka stadsdelsnämnd och Tallbo stadsdelsförvaltning.") == []
    assert keys("En lekplats i stadsdelen Farsta.") == []


def test_committee_words_as_papers_print_them():
    assert keys("Tillsyn av hemtjänsten i Skarpnäck stadsdelnämnd") == ["Skarpnäck"]  # s dropped
    assert keys("Yttrande från Hyllie stadsdelsfullmäktige") == ["Hyllie"]  # Malmö until 2013
    assert keys("Stadsområde Väster och Innerstadens stadsområdesnämnd") == ["Väster", "Innerstaden"]
    assert keys("Stadsdelsnämnden i Västra Hisingen, SDF Lundby") == ["Västra Hisingen", "Lundby"]
