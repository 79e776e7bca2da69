"""Parties, districts and bodies get one identity each."""

from graf.link.entities import link_entities, party_name
from graf.records import Mention, Span


def m(label, text, key, start):
    return Mention(label, Span(start, start + len(text)), text, key=key)


def test_party_name():
    assert party_name("L") == "Liberalerna"
    assert party_name("KD") == "Kristdemokraterna"
    assert party_name("XYZ") == "XYZ"


def test_parties_districts_bodies():
    ms = [m("PARTY", "L", "L", 0), m("PARTY", "Liberalernas", "L", 10), m("PARTY", "fp", "FP", 30),
          m("DISTRICT", "Järva", "Järva", 40), m("DISTRICT", "Älvsjös", "Älvsjö", 50),
          m("ORG", "kommunstyrelsen", "Kommunstyrelsen", 60), m("ORG", "Kommunstyrelsens", "Kommunstyrelsen", 80),
          m("PERSON", "Lena Berg", None, 100)]
    got = {(e.kind, e.key): e for e in link_entities(ms)}
    assert set(got) == {("party", "L"), ("party", "FP"), ("district", "Järva"), ("district", "Älvsjö"),
                        ("body", "kommunstyrelsen")}
    lib = got[("party", "L")]
    assert lib.label == "Liberalerna" and ("alt_code", "FP") in lib.attrs and len(lib.spans) == 2
    assert ("alt_code", "L") in got[("party", "FP")].attrs
    assert ("valid_from", "2023-07-01") in got[("district", "Järva")].attrs
    assert ("valid_until", "2020-06-30") in got[("district", "Älvsjö")].attrs
    assert got[("body", "kommunstyrelsen")].label == "Kommunstyrelsen"
    assert len(got[("body", "kommunstyrelsen")].spans) == 2


def test_a_regions_own_name_and_regionen_are_its_municipality_level_body_not_organisations():
    from graf.records import Meeting
    from graf.sources import source_from_text
    from graf.structure import parse
    # the header of a region's paper names the region as the municipality does a kommun's
    meeting = parse(source_from_text("REGION NORDANÅ            Protokoll\nRegionstyrelsen\n"
                                     "Sammanträdesdatum 2033-04-04\n\n§ 1 Val av justerare\n")).meeting
    assert meeting.municipality == "Region Nordanå"
    ms = [m("ORG", "Region Nordanå", "Region Nordanå", 0), m("ORG", "regionen", "regionen", 30),
          m("ORG", "Vindelns kommun", "Vindelns kommun", 60)]
    kinds = {(e.kind, e.label) for e in link_entities(ms, meeting)}
    assert ("municipality", "Region Nordanå") in kinds and ("body", "Vindelns kommun") in kinds
    assert not any(k == "body" and "egion" in label for k, label in kinds)
    # in a kommun's paper the region is another body: Region Stockholm is not Stockholms stad
    kommun = Meeting(municipality="Stockholm")
    kinds = {(e.kind, e.label) for e in link_entities([m("ORG", "Region Stockholm", "Region Stockholm", 0)], kommun)}
    assert kinds == {("body", "Region Stockholm")}
