"""The project's exceptions: failures that stop a command (bad data is a Finding, not an error).

Each carries a message key and its parameters; `commsplan.messages` holds the words, so the
CLI can print them in Vietnamese or English.
"""

from __future__ import annotations

from typing import Any


class CommsplanError(Exception):
    """Base of every failure: `key`, its message's key in the catalogue, with `params`;
    `exit_code`, what the command line exits with; `message(lang)`, the words."""

    exit_code = 2

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message())

    def message(self, lang: str = "vi") -> str:
        """What went wrong and what to do, in Vietnamese ('vi') or English ('en')."""
        from commsplan.messages import say

        return say(self.key, lang, **self.params)


class SourceError(CommsplanError):
    """A source could not be opened or read: missing, corrupt, protected, not a workbook."""


class ContractError(CommsplanError):
    """The sheet contract in sheets_schema/ is itself invalid."""


class OutputError(CommsplanError):
    """An output could not be written, or would overwrite a file without --force."""


class ConfigError(CommsplanError):
    """The config file of `commsplan generate` is missing or wrong."""


class DataError(CommsplanError):
    """The data has errors and the command was asked not to go on (see --allow-errors);
    `report` holds the findings that stopped it (a commsplan.findings.Report)."""

    exit_code = 1
    report: Any = None

    def with_report(self, report: Any) -> DataError:
        self.report = report
        return self
