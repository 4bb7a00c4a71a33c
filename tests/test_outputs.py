"""Outputs: one policy for every file written (drafts replaced atomically, issued documents never
replaced), safe names, PDFs per folder."""

import errno
import os

import pytest

from commsplan.errors import OutputError
from commsplan.outputs import convert_to_pdf, find_soffice, named, save


def test_a_draft_is_replaced_atomically_and_only_when_asked(tmp_path):
    path = tmp_path / "a" / "b.docx"
    assert save(path, b"one").changed
    assert not save(path, b"one").changed  # the same bytes: left alone, no error
    with pytest.raises(OutputError) as refused:
        save(path, b"two")
    assert "--force" in refused.value.message()
    assert path.read_bytes() == b"one"
    assert save(path, b"two", replace=True).changed
    assert path.read_bytes() == b"two"
    assert sorted(p.name for p in path.parent.iterdir()) == ["b.docx"]  # no temporary left


def test_an_issued_document_is_never_replaced(tmp_path):
    path = tmp_path / "KH-truyen-thong-2024.docx"
    first = save(path, b"issued", issued=True)
    assert (first.path, first.changed, first.kept) == (path, True, None)
    again = save(path, b"issued", issued=True, replace=True)
    assert (again.path, again.changed) == (path, False)
    copy = save(path, b"changed", issued=True, replace=True)
    assert copy.path.name == "KH-truyen-thong-2024-2.docx" and copy.kept == path
    assert path.read_bytes() == b"issued" and copy.path.read_bytes() == b"changed"


def test_an_issued_document_is_compared_with_its_newest_copy(tmp_path):
    path = tmp_path / "KH-truyen-thong-2024.docx"
    path.write_bytes(b"first")
    (tmp_path / "KH-truyen-thong-2024-5.docx").write_bytes(b"fifth")
    (tmp_path / "KH-truyen-thong-2024-2025.docx").write_bytes(b"another plan")  # a year, no copy
    assert save(path, b"fifth", issued=True).path.name == "KH-truyen-thong-2024-5.docx"
    assert save(path, b"first", issued=True).path.name == "KH-truyen-thong-2024-6.docx"


def test_without_hard_links_an_issued_copy_is_made_with_o_excl(tmp_path, monkeypatch):
    def no_links(source, target):  # what a FAT USB stick answers
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "KH-truyen-thong-2024.docx"
    assert save(path, b"one", issued=True).path == path
    assert save(path, b"two", issued=True).path.name == "KH-truyen-thong-2024-2.docx"
    assert not save(path, b"two", issued=True).changed
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "KH-truyen-thong-2024-2.docx", "KH-truyen-thong-2024.docx"]
    assert path.read_bytes() == b"one"


def test_names_from_the_data_hold_only_letters_digits_and_dashes(tmp_path):
    assert named(tmp_path, "BC-truyen-thong-HK2-2023-2024.docx").parent == tmp_path
    for name in ("KH-2024/../../x.docx", "..docx", "KH 2024.docx", "-x.docx", "KH-2024"):
        with pytest.raises(OutputError):
            named(tmp_path, name)


def test_missing_libreoffice_is_a_clear_message(tmp_path, monkeypatch):
    import commsplan.outputs

    monkeypatch.setattr(commsplan.outputs, "find_soffice", lambda: None)
    with pytest.raises(OutputError) as refused:
        convert_to_pdf([tmp_path / "x.docx"])
    assert "LibreOffice" in refused.value.message()


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_pdfs_land_beside_their_documents_in_several_folders(tmp_path):
    import docx

    paths = []
    for folder in ("mot", "hai"):
        (tmp_path / folder).mkdir()
        document = docx.Document()
        document.add_paragraph(f"Thư mục {folder}")
        document.save(tmp_path / folder / "van-ban.docx")
        paths.append(tmp_path / folder / "van-ban.docx")
    pdfs = convert_to_pdf(paths, timeout=120)
    assert pdfs == [p.with_suffix(".pdf") for p in paths]
    assert all(p.exists() for p in pdfs)
