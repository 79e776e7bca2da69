"""Readers: encodings, formats, hostile files. Each bad file gives one clear reason."""

from __future__ import annotations

import io

import pytest

from graf.errors import InputError
from graf.sources import ReadFailure, list_inputs, read_file, read_inputs, source_from_text
from graf.sources.normalise import fold_mixed_script, join_hyphenated

PAPER = "Protokoll 3/2025\nfört vid Kulturnämndens sammanträde den 4 mars 2025\n§ 1 Val av justerare\n"


def test_utf8_bom_is_stripped(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbf" + PAPER.encode("utf-8"))
    s = read_file(p)
    assert s.text.startswith("Protokoll")
    assert "\ufeff" not in s.text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(tmp_path, codec):
    p = tmp_path / "a.txt"
    p.write_bytes(PAPER.encode(codec))
    assert read_file(p).text.startswith("Protokoll 3/2025")
    assert "Kulturnämndens" in read_file(p).text


def test_cp1252_text_is_decoded_and_flagged(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("Nämndens frågor – ärende".encode("cp1252"))
    s = read_file(p)
    assert s.text == "Nämndens frågor – ärende"
    assert any("cp1252" in w for w in s.warnings)


def test_crlf_and_nfd_are_normalised(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("Na\u0308mnd\r\nrad två\r".encode("utf-8"))
    assert read_file(p).text == "Nämnd\nrad två\n"


def test_empty_and_whitespace_files_are_refused(tmp_path):
    for content in (b"", b"   \n\n\t"):
        p = tmp_path / "empty.txt"
        p.write_bytes(content)
        with pytest.raises(InputError, match="empty"):
            read_file(p)


def test_binary_junk_with_txt_name_is_refused(tmp_path):
    p = tmp_path / "junk.txt"
    p.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputError, match="binary"):
        read_file(p)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="no such file"):
        list_inputs([tmp_path / "nope"])


def test_folder_is_read_recursively_and_bad_files_do_not_stop_good_ones(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.txt").write_text(PAPER, encoding="utf-8")
    (tmp_path / "good.md").write_text(PAPER, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02\x03" * 500)
    (tmp_path / "ignored.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.txt").write_text(PAPER, encoding="utf-8")
    results = list(read_inputs([tmp_path]))
    good = [r for r in results if not isinstance(r, ReadFailure)]
    bad = [r for r in results if isinstance(r, ReadFailure)]
    assert sorted(s.path.rsplit("/", 1)[-1] for s in good) == ["good.md", "good.txt"]
    assert len(bad) == 1 and bad[0].path.endswith("bad.txt") and "binary" in bad[0].reason


def test_html_drops_scripts_and_navigation(tmp_path):
    html = (
        "<html><head><script>var secret = 'x';</script><style>p{}</style></head><body>"
        "<nav><a>Hoppa över navigering</a><a>Start</a></nav>"
        "<h1>Miljönämnden</h1><ol><li><p>1</p><h3>Val av justerare</h3></li>"
        "<li><h3>Budget</h3><p>Dnr MN 2024/12</p></li></ol>"
        "<script>track()</script><footer>Cookies</footer></body></html>"
    )
    p = tmp_path / "a.html"
    p.write_text(html, encoding="utf-8")
    text = read_file(p).text
    assert "secret" not in text and "track" not in text and "Hoppa" not in text and "Cookies" not in text
    assert "## Miljönämnden" in text
    assert "  1.   1" in text and "Val av justerare" in text
    assert "  2.   ## Budget" in text and "Dnr MN 2024/12" in text


def test_html_named_txt_is_sniffed_when_named_explicitly(tmp_path):
    p = tmp_path / "page"
    p.write_text("<!DOCTYPE html><html><body><p>Hej</p><script>x()</script></body></html>", encoding="utf-8")
    s = read_file(p)
    assert s.media_type == "text/html" and s.text.strip() == "Hej"


def _pdf_bytes(text: str | None) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    if text is not None:
        font = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        })
        page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})
        })
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 72 770 Td ({text}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_pdf_text_layer_is_read(tmp_path):
    p = tmp_path / "a.pdf"
    p.write_bytes(_pdf_bytes("Protokoll 2/2025 Kulturnamnden"))
    s = read_file(p)
    assert s.media_type == "application/pdf"
    assert "Protokoll 2/2025" in s.text


def test_pdf_without_text_layer_is_reported(tmp_path):
    p = tmp_path / "scan.pdf"
    p.write_bytes(_pdf_bytes(None))
    with pytest.raises(InputError, match="no text layer"):
        read_file(p)


def test_truncated_pdf_is_reported(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(_pdf_bytes("Protokoll")[:200])
    with pytest.raises(InputError, match="PDF"):
        read_file(p)


def test_mixed_script_words_are_folded_by_the_papers_own_vocabulary():
    text = "## Ersättaryttrande\n...\n## Ersätтарыttrande\nSоcialnämnden"
    folded = fold_mixed_script(text)
    # The phonetic reading is attested elsewhere in the paper, so it wins over the visual one.
    assert folded.count("Ersättaryttrande") == 2
    # A lone confusable letter takes its look-alike.
    assert folded.endswith("Socialnämnden")
    # Whole words in another script are real text and stay.
    assert fold_mixed_script("Москва och Kiruna") == "Москва och Kiruna"


def test_pdf_hyphenation_is_joined_but_suspended_compounds_stay():
    assert join_hyphenated("social-\ntjänsten") == "socialtjänsten"
    assert join_hyphenated("hälso-\noch sjukvård") == "hälso-\noch sjukvård"
    assert join_hyphenated("Enskede-\nÅrsta") == "Enskede-\nÅrsta"
    # a line of one letter between two breaks (a word split letter by letter) joins both
    assert join_hyphenated("bo-\ni-\nhop") == "boihop"


def test_hyphenation_view_maps_back_to_the_text():
    from graf.grammar.hyphenation import HyphenRule, is_lower_letter, join_hyphenated_mapped

    rule = HyphenRule(before=is_lower_letter, keep_before={"och"}, space_before_break=True, soft_hyphens=True)
    text = "lagen om patientsäker- \n  hetslagen, hälso-\noch sjuk\u00advård, EU-\nbidrag, Grü-\nnewald"
    view, index = join_hyphenated_mapped(text, rule)
    assert view == "lagen om patientsäkerhetslagen, hälso-\noch sjukvård, EU-\nbidrag, Grünewald"
    assert len(index) == len(view) + 1 and index[-1] == len(text)
    assert all(text[index[i]] == ch for i, ch in enumerate(view))
    # the reader's rule: no spaces before the line end, soft hyphens left to normalise_text
    assert join_hyphenated(text) == text.replace("Grü-\nnewald", "Grünewald").replace("EU-\nbidrag", "EUbidrag")


def test_source_from_text_normalises_like_the_readers():
    s = source_from_text("A\r\nB\u00a0C")
    assert s.text == "A\nB C"
    assert len(s.sha256) == 64


def test_mixed_script_folding_agrees_for_few_and_many_mixed_words():
    # few mixed words are looked up one by one, many through one count of the whole paper: the
    # reading printed elsewhere in the paper (any case) wins either way, and a word's own
    # mixed spellings do not count as evidence for a reading
    words = [f"rapport{chr(ord('a') + i)}" for i in range(30)]
    latin = " ".join(w.upper() for w in words)
    # Cyrillic "р" reads "p" visually and "r" phonetically: the phonetic reading is printed
    mixed = " ".join("р" + w[1:] for w in words)
    assert fold_mixed_script(f"{latin}\n{mixed}") == f"{latin}\n" + " ".join(words)
    assert fold_mixed_script("RAPPORT och рapport") == "RAPPORT och rapport"
    assert fold_mixed_script("PAPPORT och рapport") == "PAPPORT och papport"
    # Greek capital zeta has a look-alike but no phonetic reading here: the look-alike wins
    assert fold_mixed_script("Ζdb och Ζdb") == "Zdb och Zdb"
