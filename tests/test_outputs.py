"""Outputs: atomic writes, never over a file without force, free names, PDFs per folder."""

import pytest

from commsplan.errors import OutputError
from commsplan.outputs import convert_to_pdf, find_soffice, free_name, write_bytes


def test_write_is_atomic_and_refuses_an_existing_file(tmp_path):
    path = tmp_path / "a" / "b.docx"
    write_bytes(path, b"one")
    with pytest.raises(OutputError) as refused:
        write_bytes(path, b"two")
    assert "--force" in refused.value.message()
    assert path.read_bytes() == b"one"
    write_bytes(path, b"two", force=True)
    assert path.read_bytes() == b"two"
    assert sorted(p.name for p in path.parent.iterdir()) == ["b.docx"]


def test_free_name_counts_up(tmp_path):
    path = tmp_path / "KH-truyen-thong-2024.docx"
    assert free_name(path) == path
    path.write_bytes(b"x")
    (tmp_path / "KH-truyen-thong-2024-2.docx").write_bytes(b"x")
    assert free_name(path).name == "KH-truyen-thong-2024-3.docx"


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
