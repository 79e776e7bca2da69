"""Linking the persons of one paper to one identity each."""

from graf.link.people import link_persons, person_key
from graf.records import Attendance, Meeting, Mention, Paper, PersonRef, Source, Span


def source(text="x"):
    return Source("t.txt", text, "0", "0", "text/plain")


def mention(name, start, party=None, role=None):
    return Mention("PERSON", Span(start, start + len(name)), name, party=party, role=role)


def empty_paper():
    return Paper(source(), "other", Meeting())


def test_person_key_folds_case_diacritics_hyphens_and_signature_comma():
    assert person_key("Anne-Lie  Elfvén") == person_key("anne lie elfven") == "anne lie elfven"
    assert person_key("Andréa Hedin") == person_key("Andrea Hedin")
    assert person_key("Jan Oskar,Jönsson") == "jan oskar jonsson"
    assert person_key("Jan Jönsson") != person_key("Anna Jönsson")


def test_spelling_variants_unify_with_empty_paper():
    ms = [mention("Eva Ström", 0, "C"), mention("Eva Strom", 50, "C"), mention("Nils Ek", 90)]
    got = link_persons(empty_paper(), ms)
    assert [(p.name, p.party) for p in got] == [("Eva Ström", "C"), ("Nils Ek", None)]
    assert got[0].spans == (Span(0, 9), Span(50, 59))
    assert got[0].variants == ("Eva Strom",)


def test_same_surname_is_not_enough():
    got = link_persons(empty_paper(), [mention("Jan Berg", 0, "L"), mention("Anna Berg", 20, "M")])
    assert [(p.name, p.party) for p in got] == [("Jan Berg", "L"), ("Anna Berg", "M")]


def test_signature_merges_into_unique_attendee_and_attendance_name_wins():
    att = (
        Attendance(PersonRef("Karl Nyström", Span(0, 12), party="S"), "ordförande"),
        Attendance(PersonRef("Lisa Nyström", Span(20, 32), party="M"), "ledamot"),
        Attendance(PersonRef("Tove Ahlén", Span(40, 50)), "Nämndsekreterare"),
    )
    sigs = (PersonRef("Nils Karl Anders,Nyström", Span(100, 124)),)
    paper = Paper(source(), "protokoll", Meeting(), attendance=att, signatures=sigs)
    ms = [mention("Tove Ahlen", 60, role="Nämndsekreterare"), mention("Karl Nyström", 80, "S")]
    got = {p.name: p for p in link_persons(paper, ms)}
    assert set(got) == {"Karl Nyström", "Lisa Nyström", "Tove Ahlén"}
    assert Span(100, 124) in got["Karl Nyström"].spans
    assert "Nils Karl Anders,Nyström" in got["Karl Nyström"].variants
    assert got["Karl Nyström"].roles == ("ordförande",)
    assert got["Tove Ahlén"].roles == ("Nämndsekreterare",)
    assert got["Lisa Nyström"].party == "M"


def test_signature_with_two_possible_attendees_stays_apart():
    ms = [mention("Anna Berg", 0), mention("Karin Berg", 20), mention("Anna Karin,Berg", 40)]
    assert len(link_persons(empty_paper(), ms)) == 3


def test_middle_names_merge_but_a_double_surname_does_not():
    ms = [mention("Karl Berg", 0), mention("Karl Johan Berg", 20), mention("Karl Ek Berg", 40)]
    got = link_persons(empty_paper(), ms)
    assert [p.name for p in got] == ["Karl Johan Berg", "Karl Ek Berg"]


def test_fullest_form_with_diacritics_is_the_name_without_attendance():
    ms = [mention("Sara Ek Lindh", 0), mention("Sara Ek Lindh", 20, "V")]
    ms += [mention("Åsa Öberg", 40), mention("Asa Oberg", 60)]
    got = link_persons(empty_paper(), ms)
    assert [(p.name, p.party) for p in got] == [("Sara Ek Lindh", "V"), ("Åsa Öberg", None)]
