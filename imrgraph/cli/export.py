"""`imrgraph export`: the graph in other formats (RDF files, GraphML, GEXF, Neo4j, LadybugDB)."""

from __future__ import annotations

import argparse
import sys
import time

from imrgraph.cli import options
from imrgraph.errors import UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from imrgraph.export import FORMATS

    parser.add_argument("--format", "-f", required=True, choices=list(FORMATS),
                        help="; ".join(f"{name}: {what}" for name, (_, _, what) in FORMATS.items()))
    options.add_store(parser)
    options.add_out(parser, "output file, or folder for neo4j and ladybug "
                            "(default beside the store: export.<ext>, neo4j/, ladybug/)")


def run(args: argparse.Namespace) -> int:
    from imrgraph.export import FORMATS, export

    output = args.out or options.beside_store(args.store, FORMATS[args.format][0])
    started = time.perf_counter()
    try:
        counts = export(args.store, args.format, output)
    except OSError as error:
        raise UserError(f"cannot write {output}: {error.strerror or error}") from None
    summary = ", ".join(f"{value} {key}" for key, value in counts.items())
    print(f"wrote {output} ({summary}) in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0
