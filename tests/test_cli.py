"""The command-line contract (../shared/contract.md), end to end on the sample papers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

CONTRACT_VARS = {
    "meetings": {"meeting", "body", "date"},
    "items": {"item", "number", "title", "dnr"},
    "persons": {"person", "name", "party", "role"},
    "citations": {"law", "sfs", "provision", "surface"},
    "reports": {"report", "id"},
    "districts": {"district", "name"},
    "proposals": {"proposal", "itemNumber", "name", "party", "stance"},
    "reservations": {"reservation", "itemNumber", "name", "party"},
    "statements": {"statement", "itemNumber", "name", "kind"},
    "votes": {"vote", "itemNumber", "yes", "no", "abstain"},
}


def graf_process(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    """The real entry point in a new process: kept for the tests of exit codes and stderr
    (everything else runs in process through the graf_cli fixture, which is much cheaper)."""
    return subprocess.run([sys.executable, "-m", "graf.cli", *args], cwd=cwd or ROOT, input=stdin,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def sample_graph(tmp_path_factory, graf_cli) -> Path:
    out = tmp_path_factory.mktemp("build") / "sample.ttl"
    r = graf_cli("build", str(EXAMPLES), "--out", str(out), "-q")
    assert r.returncode == 0, r.stderr
    return out


def test_build_then_validate_exits_zero(sample_graph, graf_cli):
    r = graf_cli("validate", str(sample_graph))
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("name", sorted(CONTRACT_VARS))
def test_contract_queries_bind_their_variables(sample_graph, name, graf_cli):
    r = graf_cli("query", name, "--data", str(sample_graph), "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert CONTRACT_VARS[name] <= set(data["head"]["vars"])
    assert data["results"]["bindings"], f"{name} returned no rows on the sample papers"


def test_query_by_path_and_csv(sample_graph, graf_cli):
    r = graf_cli("query", str(ROOT / "queries" / "meetings.rq"), "--data", str(sample_graph), "--format", "csv")
    assert r.returncode == 0, r.stderr
    header = r.stdout.splitlines()[0].split(",")
    assert {"meeting", "body", "date"} <= set(header)
    assert "Fritidsnämnden" in r.stdout and "2025-05-13" in r.stdout


def test_sample_facts_reach_the_graph(sample_graph, graf_cli):
    def rows(name):
        r = graf_cli("query", name, "--data", str(sample_graph), "--format", "json")
        return [{k: v["value"] for k, v in b.items()} for b in json.loads(r.stdout)["results"]["bindings"]]

    reservations = rows("reservations")
    assert {(x["itemNumber"], x["name"]) for x in reservations} >= {("2", "Maria Berglund"), ("3", "Per Holmberg")}
    citations = rows("citations")
    assert any(c.get("sfs") == "2017:725" and c.get("provision") == "K2P1" for c in citations)
    assert any(c.get("sfs") == "1993:387" for c in citations)
    items = rows("items")
    assert any(i.get("dnr") == "KS 2025/411" and i["number"] == "2" for i in items)
    # the HTML agenda's headings arrive without their layout marks
    assert any(i.get("title") == "Tertialrapport 1 2025" for i in items)
    assert not any(i.get("title", "").startswith(("#", "*")) for i in items)


def test_same_input_twice_gives_identical_graph(tmp_path, graf_cli):
    """One build here and one in a new process (another string-hash seed): same bytes."""
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    assert graf_cli("build", str(EXAMPLES), "--out", str(a), "-q").returncode == 0
    assert graf_process("build", str(EXAMPLES), "--out", str(b), "-q").returncode == 0
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("suffix", [".ttl", ".jsonld", ".nt", ".nq", ".trig"])
def test_out_formats_by_extension(tmp_path, suffix, graf_cli):
    out = tmp_path / f"g{suffix}"
    r = graf_cli("build", str(EXAMPLES / "protokoll-fritidsnamnden-2025-05-13.md"), "--out", str(out), "-q")
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size > 1000
    r = graf_cli("query", "meetings", "--data", str(out), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["results"]["bindings"]


def test_single_plain_text_file_of_unknown_layout(tmp_path, graf_cli):
    p = tmp_path / "note.txt"
    p.write_text("Anteckningar från mötet. Nämnden diskuterade insatser enligt LSS och 4 kap. 1 § SoL.\n",
                 encoding="utf-8")
    out = tmp_path / "g.ttl"
    r = graf_cli("build", str(p), "--out", str(out), "-q")
    assert r.returncode == 0, r.stderr
    assert graf_cli("validate", str(out)).returncode == 0


def _one_clean_line(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert stderr.strip(), "expected a reason on stderr"


def test_bad_usage_exits_2_without_traceback(tmp_path):
    for args in (["build"], ["query"], ["frobnicate"], ["query", "no-such-query", "--data", "x.ttl"],
                 ["build", str(tmp_path / "missing"), "--out", str(tmp_path / "o.ttl")],
                 ["cite", "--jsonl", str(tmp_path / "missing.jsonl")],
                 ["build", str(EXAMPLES), "--out", str(tmp_path / "o.ttl"), "--base", "not an iri"]):
        r = graf_process(*args)
        assert r.returncode == 2, (args, r.returncode, r.stderr)
        _one_clean_line(r.stderr)


def test_unreadable_inputs_exit_2_and_name_the_file(tmp_path):
    bad = tmp_path / "junk.txt"
    bad.write_bytes(bytes(range(256)) * 50)
    r = graf_process("build", str(bad), "--out", str(tmp_path / "o.ttl"))
    assert r.returncode == 2
    _one_clean_line(r.stderr)
    assert "junk.txt" in r.stderr
    assert not (tmp_path / "o.ttl").exists()


def test_folder_with_one_bad_file_builds_the_good_ones(tmp_path, graf_cli):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in EXAMPLES.glob("*.md"):
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    out = tmp_path / "o.ttl"
    r = graf_cli("build", str(folder), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "broken.pdf" in r.stderr and "Traceback" not in r.stderr
    assert out.exists() and out.stat().st_size > 1000


def test_validate_reports_nonconforming_graph_with_exit_1(tmp_path, sample_graph, graf_cli):
    from rdflib import Graph, URIRef

    behandelt = URIRef("http://data.vlaanderen.be/ns/besluit#behandelt")
    g = Graph().parse(sample_graph)
    # An agenda item that belongs to no meeting.
    meeting, _, item = next(iter(g.triples((None, behandelt, None))))
    g.remove((meeting, behandelt, item))
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")
    r = graf_cli("validate", str(broken))
    assert r.returncode == 1, r.stdout
    assert str(item) in r.stdout


def test_validate_unreadable_graph_exits_2(tmp_path):
    p = tmp_path / "x.ttl"
    p.write_text("this is not turtle <<<", encoding="utf-8")
    r = graf_process("validate", str(p))
    assert r.returncode == 2
    _one_clean_line(r.stderr)


def test_query_parameter_stays_a_literal(sample_graph, tmp_path, graf_cli):
    q = tmp_path / "by_name.rq"
    q.write_text(
        "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
        "SELECT ?person ?name WHERE { ?person foaf:name ?name . FILTER(?name = ?wanted) }\n",
        encoding="utf-8")
    r = graf_cli("query", str(q), "--data", str(sample_graph), "--format", "json", "--param", "wanted=Maria Berglund")
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["results"]["bindings"]) == 1
    hostile = 'x" } ; DROP ALL ; #'
    r = graf_cli("query", str(q), "--data", str(sample_graph), "--format", "json", "--param", f"wanted={hostile}")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["results"]["bindings"] == []
    # the graph is untouched
    r = graf_cli("query", "persons", "--data", str(sample_graph), "--format", "json")
    assert json.loads(r.stdout)["results"]["bindings"]


def test_store_is_the_default_and_query_reads_it(tmp_path, graf_cli):
    r = graf_cli("build", str(EXAMPLES), "-q", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "graf-store").is_dir()
    r = graf_cli("query", "meetings", "--format", "csv", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Fritidsnämnden" in r.stdout


def test_cite_contract(tmp_path, graf_cli):
    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps({"id": "a", "text": "enligt 9 kap. 2 § alkohollagen (2010:1622)"}) + "\n"
                 + json.dumps({"id": "b", "text": "inget här"}) + "\n", encoding="utf-8")
    r = graf_cli("cite", "--jsonl", str(p), "--date", "2024-01-01")
    assert r.returncode == 0, r.stderr
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    link = out[0]["links"][0]
    assert link["sfs"] == "2010:1622" and link["provision"] == "K9P2"
    assert link["lagen_nu"] == "https://lagen.nu/2010:1622#K9P2"
    assert out[1]["links"] == []


def test_cite_bad_json_line_exits_2(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "text": "x"}\nnot json\n', encoding="utf-8")
    r = graf_process("cite", "--jsonl", str(p))
    assert r.returncode == 2
    _one_clean_line(r.stderr)


def test_show_writes_highlighted_html(tmp_path, graf_cli):
    out = tmp_path / "show.html"
    r = graf_cli("show", str(EXAMPLES / "protokoll-fritidsnamnden-2025-05-13.md"), "--html", str(out))
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert 'href="https://lagen.nu/2017:725#K2P1"' in html
    assert 'data-label="PERSON"' in html and "Maria Berglund" in html
    # each span answers the fragment of the IRI its annotation targets (…/dokument/{sha}#char=s,e)
    r = graf_cli("build", str(EXAMPLES / "protokoll-fritidsnamnden-2025-05-13.md"), "--out",
                 str(tmp_path / "g.ttl"), "-q")
    assert r.returncode == 0, r.stderr
    from rdflib import Graph, URIRef

    g = Graph().parse(str(tmp_path / "g.ttl"))
    targets = {str(o) for o in g.objects(None, URIRef("http://www.w3.org/ns/oa#hasTarget"))}
    person = html.index("Maria Berglund")
    anchor = html.rindex("<", 0, person)
    element = html[anchor:html.index(">", anchor)]
    target = element.split('data-target="', 1)[1].split('"', 1)[0]
    assert target in targets and f'id="{target.split("#", 1)[1]}"' in element


def test_seeds_build_and_validate(tmp_path, graf_cli, shared):
    out = tmp_path / "seeds.ttl"
    r = graf_cli("build", str(shared("seeds")), "--out", str(out), "-q")
    assert r.returncode == 0, r.stderr
    r = graf_cli("validate", str(out))
    assert r.returncode == 0, r.stdout[-3000:]


@pytest.mark.parametrize("base", ["http://ex.org/a b/", "https://ex.org/<x>/", 'urn:x"y'])
def test_base_that_is_not_an_iri_is_refused_in_one_line(tmp_path, base, graf_cli):
    r = graf_cli("build", str(EXAMPLES), "--out", str(tmp_path / "g.ttl"), "--base", base)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "--base" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "g.ttl").exists()
