"""Running one request against the open store and writing its answer (inside a worker process)."""

from __future__ import annotations

import importlib
import json
from itertools import islice

from imrgraph.errors import UserError
from imrgraph.graph.limits import QueryRefused, QueryTooDeep
from imrgraph.graph.query_text import is_update
from imrgraph.serve.protocol import (
    GRAPH_FORMATS,
    READ_ONLY,
    ExploreJob,
    Job,
    Refusal,
    Reply,
    choose_format,
    error_reply,
    media_type,
)


def execute(graph, job: Job, max_results: int) -> Reply:
    """Runs one query against an open GraphStore and serialises its answer."""
    from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions

    try:
        default_graphs = [NamedNode(iri) for iri in job.default_graphs]
        named_graphs = [NamedNode(iri) for iri in job.named_graphs]
    except ValueError as e:
        return error_reply(400, "bad-graph", f"bad default-graph-uri or named-graph-uri: {e}")
    try:
        result = graph.query(job.query, default_graphs=default_graphs, named_graphs=named_graphs,
                             base_iri=job.base_iri)
    except QueryRefused as e:
        return error_reply(400 if isinstance(e, QueryTooDeep) else 403, e.code, str(e))
    except UserError as e:
        if is_update(job.query):
            return error_reply(403, "update-refused", READ_ONLY)
        return error_reply(400, "malformed-query", str(e))
    try:
        if isinstance(result, QueryBoolean):
            name = choose_format("results", job.accept, job.formats)
            return Reply(200, media_type("results", name), result.serialize(format=_results_format(name)))
        if isinstance(result, QuerySolutions):
            return _solutions_reply(result, job, max_results)
        return _graph_reply(result, job, max_results)
    except Refusal as e:
        return e.reply()


def _results_format(name: str):
    from pyoxigraph import QueryResultsFormat

    return getattr(QueryResultsFormat, name.upper())


def _solutions_reply(result, job: Job, max_results: int) -> Reply:
    """SELECT rows, cut at max_results. The kept rows are written as TSV (RDF term syntax, lossless)
    and re-read by pyoxigraph, whose serialisers then produce every format the same way."""
    from pyoxigraph import QueryResultsFormat, parse_query_results

    name = choose_format("results", job.accept, job.formats)
    variables = result.variables
    lines = ["\t".join(str(v) for v in variables)]
    rows = 0
    for solution in islice(result, max_results + 1):
        rows += 1
        if rows > max_results:
            break
        # a solution iterates its values in the order of the variables (twice as fast as looking each up)
        lines.append("\t".join(["" if term is None else str(term) for term in solution]))
    kept = parse_query_results("\n".join(lines) + "\n", QueryResultsFormat.TSV)
    body = kept.serialize(format=_results_format(name))
    headers = {"X-SPARQL-MaxRows": str(max_results)} if rows > max_results else {}
    return Reply(200, media_type("results", name), body, headers)


def _graph_reply(result, job: Job, max_results: int) -> Reply:
    name = choose_format("graph", job.accept, job.formats)
    triples = list(islice(result, max_results + 1))
    headers = {}
    if len(triples) > max_results:
        triples.pop()
        headers["X-SPARQL-MaxRows"] = str(max_results)
    return Reply(200, media_type("graph", name), write_graph(triples, name), headers)


def write_graph(triples, name: str, prefixes: dict | None = None) -> bytes:
    """Triples in one of GRAPH_FORMATS, with the project prefixes (and `prefixes`) where the syntax
    has them."""
    from pyoxigraph import RdfFormat, serialize

    from imrgraph.graph.iris import PREFIXES

    assert name in GRAPH_FORMATS
    rdf_format = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES,
                  "rdfxml": RdfFormat.RDF_XML, "jsonld": RdfFormat.JSON_LD}[name]
    named = {**PREFIXES, **(prefixes or {})} if name in ("turtle", "rdfxml") else None
    return serialize(triples, format=rdf_format, prefixes=named)


def explore(store, job: ExploreJob) -> Reply:
    """`HANDLERS[name](store, **params)` of the explorer's handler module, answered as JSON."""
    try:
        handlers = importlib.import_module(job.handlers).HANDLERS
    except ImportError:
        return error_reply(404, "not-found", "this installation has no explorer calls")
    handler = handlers.get(job.name)
    if handler is None:
        return error_reply(404, "not-found", f"no explorer call named {job.name!r}; there are: "
                                             f"{', '.join(sorted(handlers))}")
    try:
        answer = handler(store, **job.params)
    except TypeError as e:
        if e.__traceback__ is not None and e.__traceback__.tb_next is None:  # the call itself: bad parameters
            return error_reply(400, "bad-parameters", f"{job.name}: {e}")
        raise
    except ValueError as e:
        return error_reply(400, "bad-request", " ".join(str(e).split()))
    return Reply(200, "application/json; charset=utf-8", json.dumps(answer).encode("utf-8"))
