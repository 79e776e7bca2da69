"""Entity-dense text costs linear work (issue 13): the overlap checks of the citation grammar
and of ``find_dnr`` asked every entity found so far for every candidate. The growth is
measured as a count of Python-level calls (deterministic, not a time): four times the text
must cost about four times the calls, where the pairwise checks cost about sixteen."""

from __future__ import annotations

import random

from work_count import python_calls

from graf.grammar.dnr import find_dnr
from graf.grammar.spans import SpanIndex
from graf.nlp.citations import find_citations


def citation_paragraph(n: int) -> str:
    """An invented paragraph without breaks, dense with references of every kind."""
    return "".join(
        f"jämlikt {k % 40 + 1} § och {k % 9 + 1} kap. {k % 30 + 2} § SoL, LSS {k % 20 + 1} § 3, "
        f"{k % 12 + 1} § andra stycket alkohollagen (2010:1622), lagen (1982:{k % 90 + 1}) om anställningsskydd, "
        f"prop. 2017/18:{k % 80 + 1} s. {k % 70 + 1}, SOU 2018:{k % 60 + 1}, förordning (EU) 2016/{k % 99 + 1}, "
        f"KFS 2019:{k % 50 + 1}, {k % 7 + 1} §, {k % 8 + 3} § samt "
        for k in range(n)
    )


def dnr_line(n: int) -> str:
    """An invented run-together line of registry numbers in several shapes."""
    return "".join(
        f"Dnr MN 2019/{k} KFN-2019-{k} Dnr 2-{k}/2019 och 4-{k}/2019, 2019/{k} 2019.{k % 900 + 100:03d} TEN "
        for k in range(n)
    )


def test_citation_overlap_checks_grow_linearly() -> None:
    find_citations(citation_paragraph(2))  # tables and compiled patterns, once
    small = python_calls(lambda: find_citations(citation_paragraph(60)))
    large = python_calls(lambda: find_citations(citation_paragraph(240)))
    assert large < 5 * small, (small, large)


def test_dnr_overlap_checks_grow_linearly() -> None:
    small_text, large_text = dnr_line(100), dnr_line(400)
    small = python_calls(lambda: find_dnr(small_text, 0, len(small_text)))
    large = python_calls(lambda: find_dnr(large_text, 0, len(large_text)))
    assert large < 5 * small, (small, large)


def test_dense_paragraph_reads_as_its_parts() -> None:
    """Each unit of the dense paragraph gives the citations it gives alone, shifted."""
    unit_texts = [citation_paragraph(k + 1)[len(citation_paragraph(k)):] for k in range(5)]
    whole = "".join(unit_texts)
    expected = []
    offset = 0
    for unit in unit_texts:
        expected += [(c.span.start + offset, c.span.end + offset, c.kind, c.text) for c in find_citations(unit)]
        offset += len(unit)
    got = [(c.span.start, c.span.end, c.kind, c.text) for c in find_citations(whole)]
    assert got == expected
    assert len(got) >= 5 * 10


def test_dense_dnr_line_finds_every_number() -> None:
    text = dnr_line(30)
    values = {d.value for d in find_dnr(text, 0, len(text))}
    for k in range(30):
        assert f"MN 2019/{k}" in values and f"KFN-2019-{k}" in values and f"2-{k}/2019" in values


def test_span_index_answers_as_the_pairwise_test() -> None:
    rng = random.Random(13)
    for _ in range(200):
        spans: list[tuple[int, int]] = []
        index = SpanIndex()
        for _ in range(rng.randint(0, 12)):
            s = rng.randint(0, 30)
            span = (s, s + rng.randint(0, 6))  # empty spans too
            spans.append(span)
            index.add(*span)  # in any order
            for a in range(-1, 38):
                assert index.holds(a) == any(t0 <= a < t1 for t0, t1 in spans)
                for b in range(a, a + 4):
                    assert index.overlaps(a, b) == any(not (b <= t0 or a >= t1) for t0, t1 in spans)
        assert len(SpanIndex(spans)) == len(spans)
