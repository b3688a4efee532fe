"""`imrgraph query`: SPARQL 1.1 over the built store, from text, a .rq file or a bundled query
(`--name`, `--list`); results as a table or W3C CSV/TSV/JSON on stdout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from imrgraph.cli import options
from imrgraph.errors import USAGE, UserError

FORMATS = ("table", "csv", "tsv", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sparql", nargs="?", help="the SPARQL query text")
    parser.add_argument("-f", "--file", type=Path, help="read the query from a .rq file")
    parser.add_argument("--name", help="run a bundled query (see --list)")
    parser.add_argument("--list", action="store_true", help="list the bundled queries and what each answers")
    parser.add_argument("--param", action="append", default=[], metavar="VAR=VALUE",
                        help="bind ?VAR to VALUE (an IRI if it looks like one, an integer if digits, else a string);"
                             " repeatable")
    options.add_store(parser)
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")


def run(args: argparse.Namespace) -> int:
    from imrgraph import queries

    if args.list:
        for query in queries.bundled().values():
            print(f"{query.name}\t{query.description}")
        return 0
    from imrgraph.graph.store import GraphStore

    text = _query_text(args)
    params = _params(args.param)
    with GraphStore(args.store) as graph:
        write(graph.query(text, params), args.format, sys.stdout)
    return 0


def _query_text(args: argparse.Namespace) -> str:
    from imrgraph import queries

    given = [x for x in (args.sparql, args.file, args.name) if x]
    if len(given) != 1:
        raise UserError("give exactly one of: SPARQL text, -f FILE.rq, --name NAME", exit_code=USAGE)
    if args.file:
        try:
            return args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise UserError(f"cannot read {args.file}: {e.strerror if isinstance(e, OSError) else e}") from None
    if args.name:
        return queries.text(args.name)
    return args.sparql


def _params(pairs: list[str]) -> dict:
    """--param VAR=VALUE pairs; integers become xsd:integer, the rest as GraphStore binds any value."""
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip("?$ "):
            raise UserError(f"--param wants VAR=VALUE, got {pair!r}", exit_code=USAGE)
        params[name.strip("?$ ")] = int(value) if value.lstrip("-").isdigit() else value
    return params


def write(result, fmt: str, out) -> None:
    """SELECT results as a table or W3C CSV/TSV/JSON; ASK as true/false; CONSTRUCT as N-Triples (or a table)."""
    from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat

    from imrgraph.graph.store import compact

    try:
        if isinstance(result, QueryBoolean):
            if fmt in ("json", "csv", "tsv"):
                kind = {"json": QueryResultsFormat.JSON, "csv": QueryResultsFormat.CSV,
                        "tsv": QueryResultsFormat.TSV}[fmt]
                out.write(result.serialize(format=kind).decode("utf-8") + "\n")
            else:
                out.write(("true" if bool(result) else "false") + "\n")
            return
        if isinstance(result, QuerySolutions):
            if fmt == "table":
                names = [v.value for v in result.variables]
                rows = [[compact(solution[name]) for name in names] for solution in result]
                _table(names, rows, out)
            else:
                kind = {"json": QueryResultsFormat.JSON, "csv": QueryResultsFormat.CSV,
                        "tsv": QueryResultsFormat.TSV}[fmt]
                out.write(result.serialize(format=kind).decode("utf-8"))
            return
        # CONSTRUCT / DESCRIBE
        if fmt == "table":
            _table(["subject", "predicate", "object"],
                   [[compact(t.subject), compact(t.predicate), compact(t.object)] for t in result], out)
        else:
            out.write(result.serialize(format=RdfFormat.N_TRIPLES).decode("utf-8"))
    except (OSError, ValueError, RuntimeError) as e:
        if isinstance(e, BrokenPipeError):
            raise
        raise UserError("query failed: " + " ".join(str(e).split())) from None


def _table(names: list[str], rows: list[list[str]], out) -> None:
    cells = [[" ".join(c.split()) for c in row] for row in rows]
    widths = [max([len(n)] + [min(len(r[i]), 80) for r in cells]) for i, n in enumerate(names)]

    def line(values):
        return "  ".join((v if len(v) <= 80 else v[:77] + "...").ljust(w) for v, w in zip(values, widths, strict=True))

    out.write(line(names).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write(line(row).rstrip() + "\n")
    out.write(f"({len(cells)} row{'s' if len(cells) != 1 else ''})\n")
