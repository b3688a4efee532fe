"""`imrgraph report`: the static HTML report (charts and tables, each with its SPARQL)."""

from __future__ import annotations

import argparse
import sys

from imrgraph.cli import options
from imrgraph.errors import UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    options.add_store(parser)
    options.add_out(parser, "HTML file to write (default: report.html beside the store)", metavar="FILE.html")


def run(args: argparse.Namespace) -> int:
    from imrgraph.report import write_report

    output = args.out or options.beside_store(args.store, "report.html")
    try:
        write_report(args.store, output, progress=lambda step: print(f"imrgraph: {step}", file=sys.stderr))
    except OSError as e:
        raise UserError(f"cannot write {output}: {e.strerror or e}") from None
    print(f"imrgraph: wrote {output}", file=sys.stderr)
    return 0
