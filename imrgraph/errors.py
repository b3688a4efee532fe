"""The one error type for a user's mistake or a job that cannot run: a bad path, a bad option, a bad
file, no store, a refused query, a server that says no.

Library code raises it; `imrgraph.cli.main` catches it once and prints `imrgraph: <message>` on
stderr, then exits with `exit_code`: 2 for bad usage or options (as argparse does), 1 otherwise.
"""

from __future__ import annotations

USAGE = 2  # exit code of a bad usage or option, the same as argparse's
FAILED = 1  # exit code of a job that failed or found problems


class UserError(Exception):
    """A one-line message for the user (newlines and runs of spaces are folded into one space)."""

    def __init__(self, message: str, exit_code: int = FAILED):
        message = " ".join(str(message).split())
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message
