"""The search index's batched commits (a build commits it every few papers, as the store):
what close() has not committed is not in the file, and an index cut short that way reads as
not holding those papers, so the next build indexes them again."""

from __future__ import annotations

from graf.search import Entry, SearchIndex, indexed_columns, stem, tokens


def _entries(n: int) -> list[Entry]:
    return [Entry(iri=f"https://example.org/dokument/{n}", kind="paper", title=f"Protokoll {n}",
                  text=f"Nämnden beslutar att bevilja bidraget nummer {n}.",
                  paper_iri=f"https://example.org/dokument/{n}")]


def test_puts_are_committed_in_batches_and_by_close(tmp_path):
    path = tmp_path / "index.sqlite"
    index = SearchIndex(path, commit_every=3)
    for i in range(4):
        index.put(f"/p/{i}.txt", f"sha{i}", "https://example.org/", _entries(i))
    # another connection sees the first three (one commit), not the fourth
    with SearchIndex(path, read_only=True) as reader:
        assert [reader.indexed(f"/p/{i}.txt", f"sha{i}", "https://example.org/") for i in range(4)] == \
            [True, True, True, False]
    index.close()
    with SearchIndex(path, read_only=True) as reader:
        assert reader.indexed("/p/3.txt", "sha3", "https://example.org/")
        assert [h.iri for h in reader.search("bidragen")] and len(reader.search("bevilja")) == 4


def test_a_crash_before_the_commit_leaves_the_batch_unindexed(tmp_path):
    path = tmp_path / "index.sqlite"
    index = SearchIndex(path, commit_every=8)
    index.put("/p/a.txt", "sha", "https://example.org/", _entries(1))
    index.db.close()  # the process dies: no close(), no commit
    with SearchIndex(path, read_only=True) as reader:
        assert not reader.indexed("/p/a.txt", "sha", "https://example.org/")
        assert reader.paths() == []


def test_the_indexed_columns_are_the_stems_and_words_of_the_tokens():
    text = "Ärendet: Socialnämndens beslut om BIDRAG_2024 och bidragen"
    words = [w for _, _, w in tokens(text)]
    assert indexed_columns(text) == (" ".join(stem(w) for w in words), " ".join(words))
