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
