"""Errors people can act on, and the one map from error to exit code (SPEC §10, §12).

Anything that is not a YktError is a bug: logged with its traceback, shown as
a short apology with the log's path.
"""

from __future__ import annotations

from dataclasses import dataclass

from yikatong_desktop.domain.messages import language, message
from yikatong_desktop.domain.values_errors import in_language


@dataclass(frozen=True)
class Location:
    """Where in an input file something went wrong (row as Excel shows it)."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def describe(self, lang: str | None = None) -> str:
        """Location text such as “a.xlsx 工作表 Sheet1 第 5 行 C 列” (in English: “a.xlsx sheet “Sheet1” row 5
        column “C””); Chinese unless the language (given, else the process's) is English."""
        en = (lang or language()) == "en"
        parts = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"sheet “{self.sheet}”" if en else f"工作表“{self.sheet}”")
        if self.row is not None:
            parts.append(f"row {self.row}" if en else f"第 {self.row} 行")
        if self.column:
            parts.append(f"column “{self.column}”" if en else f"“{self.column}”列")
        return " ".join(parts)


class YktError(Exception):
    """An error with a message for people; exit_code is what the CLI returns."""

    exit_code = 1

    def __init__(self, key: str, location: Location | None = None, **params: object) -> None:
        self.key = key
        self.params = params
        self.location = location
        super().__init__(self.text())

    def text(self, lang: str | None = None) -> str:
        """The message in the chosen language, with its location."""
        params = {k: in_language(v, lang) if isinstance(v, str) else v for k, v in self.params.items()}
        body = message(self.key, lang, **params)
        if self.location is not None:
            where = self.location.describe(lang)
            if where:
                return f"{where}: {body}" if (lang or language()) == "en" else f"{where}：{body}"
        return body


class UsageError(YktError):
    """Bad command line: unknown option, command or page; ambiguous name."""

    exit_code = 2


class MissingSecret(UsageError):
    """A secret is needed and neither the environment nor a terminal gave it."""


class InputRejected(YktError):
    """Input refused: bad or missing file or database, failed verification."""

    exit_code = 3


class VerificationFailed(InputRejected):
    """An integrity check failed (audit chain, signature, package)."""


class PermissionDenied(YktError):
    """The acting user's role may not do this."""

    exit_code = 3


def exit_code_for(exc: BaseException) -> int:
    """The CLI exit code for an exception: 2 usage, 3 refused, 1 a bug."""
    if isinstance(exc, YktError):
        return exc.exit_code
    return 1
