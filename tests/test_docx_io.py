"""The python-docx adapter: a supported version, and the body written into the zip as given."""

import configparser
import io
import re
import zipfile
from pathlib import Path

import docx

from commsplan.documents.docx_io import SUPPORTED_PYTHON_DOCX, FramePackage, docx_bytes
from commsplan.documents.nd30 import Column, Table, build_document
from tests.test_nd30 import DONG_TAM, DONG_TAM_FOOTER, TITLE

ROOT = Path(__file__).resolve().parents[1]


def test_the_installed_python_docx_is_in_the_range_the_adapter_supports_and_setup_cfg_pins():
    installed = tuple(int(part) for part in docx.__version__.split(".")[:2])
    low, high = SUPPORTED_PYTHON_DOCX
    assert low <= installed < high
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    requirements = config["options"]["install_requires"]
    pin = re.search(r"^python-docx(.*)$", requirements, re.MULTILINE).group(1).strip()
    assert pin == f">={low[0]}.{low[1]},<{high[0]}.{high[1]}"


class _Document:
    def __init__(self, package: FramePackage, body: list[bytes]) -> None:
        self.package, self.body = package, body


def test_the_body_goes_into_document_xml_byte_for_byte_and_reads_back():
    pieces = [b'<w:p><w:r><w:t xml:space="preserve">m\xe1\xbb\x99t </w:t></w:r></w:p>',
              b"<w:p><w:r><w:t>hai</w:t></w:r></w:p>"]
    data = docx_bytes(_Document(FramePackage(), pieces))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    assert b"<w:body>" + b"".join(pieces) + b"<w:sectPr" in xml
    reread = docx.Document(io.BytesIO(data))
    assert [p.text for p in reread.paragraphs] == ["một ", "hai"]


def test_a_picture_gets_its_part_and_the_drawing_id_asked_for():
    from tests.test_nd30 import _tiny_png

    package = FramePackage()
    inline = package.picture_xml(_tiny_png(), 40, 7)
    assert 'id="7"' in inline and 'cx="1440000"' in inline  # 40 mm in EMU
    body = [f"<w:p><w:r><w:drawing>{inline}</w:drawing></w:r></w:p>".encode()]
    reread = docx.Document(io.BytesIO(docx_bytes(_Document(package, body))))
    (shape,) = reread.inline_shapes
    assert shape.width.mm == 40


def test_data_cells_carry_no_run_properties_and_a_row_stays_under_a_kilobyte():
    columns = [Column(f"C{i}", w) for i, w in enumerate((12, 30, 63, 30, 30))]
    row = ["9999", "05/03/2024", "Tin bài: hoạt động số 9999 của nhà trường", "Tin bài",
           "Trang thông tin điện tử"]

    def body_size(rows: int) -> int:
        document = build_document(DONG_TAM, TITLE, [], [Table(columns, [row] * rows)],
                                  DONG_TAM_FOOTER)
        return sum(len(piece) for piece in document.body)

    per_row = (body_size(101) - body_size(1)) / 100
    assert per_row < 1000, per_row
    reread = docx.Document(io.BytesIO(docx_bytes(
        build_document(DONG_TAM, TITLE, [], [Table(columns, [row])], DONG_TAM_FOOTER))))
    table = reread.tables[1]
    header_runs = [r for c in table.rows[0].cells for p in c.paragraphs for r in p.runs]
    data_runs = [r for c in table.rows[1].cells for p in c.paragraphs for r in p.runs]
    assert all(r._r.rPr is not None for r in header_runs)  # bold, stated on the run
    assert data_runs and all(r._r.rPr is None for r in data_runs)
    assert {p.style.name for c in table.rows[1].cells for p in c.paragraphs} == {"ND30 Table Text"}


def test_a_cell_keeps_spaces_at_its_ends_and_between_words():
    from docx.oxml.ns import qn

    values = [" đầu", "cuối ", "hai  cách", "thường"]
    table = Table([Column("A", 1)], [[v] for v in values])
    document = build_document(DONG_TAM, TITLE, [], [table], DONG_TAM_FOOTER)
    table = docx.Document(io.BytesIO(docx_bytes(document))).tables[1]
    texts = [next(row.cells[0]._tc.iter(qn("w:t"))) for row in table.rows[1:]]
    assert [t.text for t in texts] == values
    space = "{http://www.w3.org/XML/1998/namespace}space"
    assert [t.get(space) for t in texts] == ["preserve", "preserve", "preserve", None]


def test_a_document_read_back_by_python_docx_saves_with_its_body_and_the_same_bytes_twice():
    reread = docx.Document(io.BytesIO(docx_bytes(
        build_document(DONG_TAM, TITLE, [], [Table([Column("A", 1)], [["ô"]])], DONG_TAM_FOOTER))))
    again = docx_bytes(reread)
    assert again == docx_bytes(reread)
    assert docx.Document(io.BytesIO(again)).tables[1].rows[1].cells[0].text == "ô"
