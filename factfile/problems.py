"""Problems found in content: where, which field, what is wrong and how to fix it."""

from __future__ import annotations

import difflib
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

log = logging.getLogger("factfile")

# What a terminal or a CI log would obey rather than show: C0 and C1 controls (newline, ESC...), line
# and paragraph separators, and the bidirectional controls that make text read as something else.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: object) -> str:
    """Return text safe to print on one line: each control character written as an escape (\\n, \\x1b)."""
    return _CONTROLS.sub(lambda m: _NAMED.get(m.group()) or
                         (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"),
                         str(text))


def _command_data(text: str) -> str:
    """Escape a GitHub workflow command's message (https://github.com/actions/toolkit, command.ts)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _command_property(text: str) -> str:
    """Escape a workflow command's property value (file=, line=): also ':' and ','."""
    return _command_data(text).replace(":", "%3A").replace(",", "%2C")


def quote(value: object, private: bool = False) -> str:
    """Return a value as messages quote it; only 'the value' for a record whose identity is withheld,
    whose values must never reach a log."""
    return "the value" if private else repr(value)


class PrintableFormatter(logging.Formatter):
    """A logging formatter that escapes control characters, as every printed message does."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One mistake in one file, at a line and column (1-based; 0 when the whole file is meant)."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    warning: bool = False

    def __str__(self) -> str:
        """Return the problem as one printable line: keys, values and paths cannot start a new line,
        move the cursor or recolour the terminal."""
        where = f"{printable(self.file)}:{self.line}:{self.column}:"
        kind = " warning:" if self.warning else ""
        name = f" {printable(self.field)}:" if self.field else ""
        hint = f" ({printable(self.hint)})" if self.hint else ""
        return f"{where}{kind}{name} {printable(self.message)}{hint}"

    def github_annotation(self) -> str:
        """Return the problem as a GitHub Actions workflow command, so it lands on the PR diff.

        The message and each property are escaped as GitHub's toolkit does, so no value can end the
        command early or start another one."""
        level = "warning" if self.warning else "error"
        text = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            text += f" ({self.hint})"
        file = _command_property(printable(self.file))
        return (f"::{level} file={file},line={self.line},col={self.column}::"
                f"{_command_data(printable(text))}")


class StepFailed(Exception):
    """A finishing step (search index, offline copy) failed; the build reports it, the old site stays."""


@dataclass
class Problems:
    """Collects every problem of a run, so all are reported at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, pos: tuple[int, int], field_path: str, message: str,
            hint: str = "", warning: bool = False) -> None:
        """Record a problem at a (line, column) position of a file."""
        self.items.append(Problem(file, pos[0], pos[1], field_path, message, hint, warning))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    def failed(self, strict: bool = False) -> bool:
        """Return whether the run must fail: any error, or any warning under --strict."""
        return bool(self.errors or (strict and self.warnings))

    def sorted(self) -> list[Problem]:
        """Return problems in file and line order, each once."""
        return sorted(set(self.items))


def display_path(path: os.PathLike | str) -> str:
    """Return a path as messages show it: relative to the working folder when inside it."""
    text = os.fspath(path)
    try:
        relative = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    return text if relative.startswith("..") else relative


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return a 'did you mean' hint for a misspelt word, or a list of the choices."""
    options = sorted(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    if len(options) <= 12:
        return "expected one of: " + ", ".join(options)
    return ""


def summary_line(problems: Problems, strict: bool) -> str:
    """Return the one line that closes a report: counts of errors and warnings."""
    errors, warnings = len(problems.errors), len(problems.warnings)
    files = len({p.file for p in problems.items})
    parts = [f"{errors} error{'s' * (errors != 1)}", f"{warnings} warning{'s' * (warnings != 1)}"]
    tail = " (warnings fail under --strict)" if strict and warnings else ""
    return f"{', '.join(parts)} in {files} file{'s' * (files != 1)}{tail}"


def report(problems: Problems, strict: bool, stream) -> None:
    """Print every problem, in order, with GitHub annotations when running in Actions."""
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems.sorted():
        print(problem, file=stream)
        if annotate:
            print(problem.github_annotation(), file=stream)
