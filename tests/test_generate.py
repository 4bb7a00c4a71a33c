"""`commsplan generate`: the principal's one command, from a config file to the documents."""

import shutil
from pathlib import Path

import docx
import pytest

from commsplan.cli import main
from commsplan.outputs import find_soffice

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def school(tmp_path):
    """A school folder: the demo workbook and a config beside it."""
    shutil.copy(EXAMPLES / "ke-hoach-truyen-thong-2024.xlsx", tmp_path / "so-lieu.xlsx")
    (tmp_path / "commsplan.toml").write_text(
        'source = "so-lieu.xlsx"\n'
        'output = "van-ban"\n'
        'reports = ["2024-03", "quý", "HK2-2023-2024"]\n'
        'pdf = false\n'
        'as_of = "15/7/2024"\n', "utf-8")
    return tmp_path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_generate_writes_the_plan_and_the_due_reports(school, capsys):
    assert main(["generate", "--config", str(school / "commsplan.toml")]) == 0
    out = capsys.readouterr()
    # quarters ended by 15/7/2024: Q1 and Q2; the month and the semester as asked
    assert names(school / "van-ban") == [
        "BC-truyen-thong-2024-03.docx", "BC-truyen-thong-2024-Q1.docx",
        "BC-truyen-thong-2024-Q2.docx", "BC-truyen-thong-HK2-2023-2024.docx",
        "KH-truyen-thong-2024.docx",
    ]
    assert "Đã tạo" in out.out and "KH-truyen-thong-2024.docx" in out.out
    assert "Kiểm tra:" in out.out  # the summary ends with what the check found
    assert "Đang kiểm tra" in out.err  # progress goes to stderr
    plan = docx.Document(school / "van-ban" / "KH-truyen-thong-2024.docx")
    assert any(p.text == "KẾ HOẠCH" for p in plan.paragraphs)


def test_a_second_run_leaves_the_issued_plan_alone(school, capsys):
    config = str(school / "commsplan.toml")
    assert main(["generate", "--config", config]) == 0
    plan = school / "van-ban" / "KH-truyen-thong-2024.docx"
    first = plan.read_bytes()
    assert main(["generate", "--config", config]) == 0
    assert "Không đổi" in capsys.readouterr().out
    assert plan.read_bytes() == first

    # The sheet changes after the plan was issued: the issued file stays, a new name is chosen.
    import openpyxl

    workbook = openpyxl.load_workbook(school / "so-lieu.xlsx")
    for row in workbook["Thông tin chung"].iter_rows(min_row=2):
        if row[0].value == "Trích yếu":
            row[1].value = "Truyền thông về giáo dục năm 2024 (bổ sung)"
    workbook.save(school / "so-lieu.xlsx")
    assert main(["generate", "--config", config]) == 1  # its row holds the issued file's hash
    assert "khác tệp đã ban hành" in capsys.readouterr().out
    assert plan.read_bytes() == first
    assert not (school / "van-ban" / "KH-truyen-thong-2024-2.docx").exists()
    # Issued again on purpose (the hash cleared): the issued file stays, a new name is chosen.
    workbook = openpyxl.load_workbook(school / "so-lieu.xlsx")
    for cell in ("O2", "O3"):  # the plan's row, and the quarter I report's (which cites it)
        workbook["Văn bản đã ban hành"][cell] = None
    workbook.save(school / "so-lieu.xlsx")
    assert main(["generate", "--config", config]) == 0
    assert plan.read_bytes() == first
    assert (school / "van-ban" / "KH-truyen-thong-2024-2.docx").exists()


def test_a_bad_config_is_named_without_a_traceback(tmp_path, capsys):
    config = tmp_path / "commsplan.toml"
    assert main(["generate", "--config", str(config)]) == 2
    assert "Không tìm thấy tệp cấu hình" in capsys.readouterr().err
    config.write_text('source = "x.xlsx"\nreprots = ["2024"]\n', "utf-8")
    assert main(["generate", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "reprots" in err and "Traceback" not in err
    config.write_text('source = "x.xlsx"\npdf = "có"\n', "utf-8")
    assert main(["generate", "--config", str(config)]) == 2
    config.write_text('source = \n', "utf-8")
    assert main(["generate", "--config", str(config)]) == 2


def test_a_bad_report_period_is_named(school, capsys):
    (school / "commsplan.toml").write_text(
        'source = "so-lieu.xlsx"\nreports = ["2024-13"]\npdf = false\n', "utf-8")
    assert main(["generate", "--config", str(school / "commsplan.toml")]) == 2
    assert "2024-13" in capsys.readouterr().err


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_generate_makes_the_pdfs_in_one_go(school):
    text = (school / "commsplan.toml").read_text("utf-8").replace("pdf = false", "pdf = true")
    text = text.replace('reports = ["2024-03", "quý", "HK2-2023-2024"]', 'reports = ["2024-03"]')
    (school / "commsplan.toml").write_text(text, "utf-8")
    assert main(["generate", "--config", str(school / "commsplan.toml")]) == 0
    assert names(school / "van-ban") == [
        "BC-truyen-thong-2024-03.docx", "BC-truyen-thong-2024-03.pdf",
        "KH-truyen-thong-2024.docx", "KH-truyen-thong-2024.pdf",
    ]


def test_without_libreoffice_the_documents_are_still_written_but_the_run_fails(school, monkeypatch, capsys):
    import commsplan.outputs

    monkeypatch.setattr(commsplan.outputs, "find_soffice", lambda: None)
    text = (school / "commsplan.toml").read_text("utf-8").replace("pdf = false", "pdf = true")
    (school / "commsplan.toml").write_text(text, "utf-8")
    assert main(["generate", "--config", str(school / "commsplan.toml")]) == 2  # not done
    assert "Chưa cài LibreOffice" in capsys.readouterr().out
    assert "KH-truyen-thong-2024.docx" in names(school / "van-ban")
