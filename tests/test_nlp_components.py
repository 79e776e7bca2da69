"""graf's spaCy components: each declares what it reads and writes, and the pipeline's order
satisfies every declaration (checked by spaCy's own analysis)."""

from __future__ import annotations

import dataclasses

import pytest
import spacy

from graf.nlp.components import COMPONENTS, Candidate
from graf.nlp.pipeline import build_nlp, recognise_entities


def test_analyze_pipes_reports_no_problems():
    analysis = build_nlp().analyze_pipes()
    assert set(analysis["problems"]) == set(COMPONENTS)
    assert all(not missing for missing in analysis["problems"].values()), analysis["problems"]


def test_every_graf_component_declares_what_it_assigns():
    nlp = build_nlp()
    assert tuple(nlp.pipe_names) == COMPONENTS
    for name in nlp.pipe_names:
        meta = nlp.get_pipe_meta(name)
        assert meta.assigns, f"{name} declares no assigns"
        if name != "graf_init":
            # every component after graf_init reads the candidate list it started
            assert "doc._.graf_candidates" in meta.requires, name


def test_analysis_catches_a_component_out_of_order():
    # the declarations are not decoration: the resolver without the recognisers before it
    # is reported as missing what it reads
    nlp = spacy.blank("sv")
    nlp.add_pipe("graf_resolve")
    nlp.add_pipe("graf_init")
    problems = nlp.analyze_pipes()["problems"]
    assert "doc._.graf_candidates" in problems["graf_resolve"]


def test_mentions_are_candidate_records():
    doc = build_nlp()("Stina Olofsson (MP) yrkade bifall den 4 mars 2031.")
    mentions = doc._.graf_mentions
    assert mentions and all(isinstance(m, Candidate) for m in mentions)
    assert any(m.label == "PERSON" and m.party == "MP" for m in mentions)
    assert any(m.label == "DATE" and m.key == "2031-03-04" for m in mentions)
    with pytest.raises(dataclasses.FrozenInstanceError):
        mentions[0].start = 0


def test_party_and_role_printed_once_cover_the_list_of_names():
    # the person drafts carry "covers the list" flags; the party of "(båda KD)" and the role
    # of "till dataskyddsombud" reach every name of the coordinated list
    text = (
        "Kalle Rönnqvist och Berit Sundin (båda KD) yrkade avslag.\n"
        "Nämnden beslutar att utse Mats Lindqvist och Eva Holmgren till dataskyddsombud.\n"
    )
    persons = {m.text: m for m in recognise_entities(text) if m.label == "PERSON"}
    assert persons["Kalle Rönnqvist"].party == "KD"
    assert persons["Berit Sundin"].party == "KD"
    assert persons["Mats Lindqvist"].role == "dataskyddsombud"
    assert persons["Eva Holmgren"].role == "dataskyddsombud"
