"""`commsplan --help` starts fast: nothing heavy is imported on its path."""

import subprocess
import sys

HEAVY = ("pandas", "numpy", "gspread", "google", "docx", "openpyxl", "python_calamine",
         "matplotlib", "jinja2", "yaml", "requests", "rapidfuzz", "lxml")


def test_help_imports_nothing_heavy():
    code = (
        "import sys, runpy\n"
        "sys.argv = ['commsplan', '--help']\n"
        "try:\n    runpy.run_module('commsplan', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = {name.split(".")[0] for name in done.stderr.split()}
    assert "commsplan" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    assert "Kế hoạch" in done.stdout


def test_every_command_has_help_text():
    from commsplan.cli import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0]
    for choice in commands._choices_actions:
        assert choice.help, choice.dest
