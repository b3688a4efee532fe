"""The SPARQL 1.1 Protocol as this endpoint speaks it: what a request asks for (a Job), which
format answers it, and the JSON error body every refusal carries. No I/O here."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from imrgraph.graph.query_text import is_update

# name -> (media type sent, every name and media type that asks for it)
RESULT_FORMATS = {
    "json": ("application/sparql-results+json",
             ("json", "srj", "application/sparql-results+json", "application/json", "text/javascript",
              "application/javascript")),
    "xml": ("application/sparql-results+xml", ("xml", "srx", "application/sparql-results+xml", "application/xml",
                                               "text/xml")),
    "csv": ("text/csv", ("csv", "text/csv")),
    "tsv": ("text/tab-separated-values", ("tsv", "text/tab-separated-values")),
}
GRAPH_FORMATS = {
    # N3 clients (SPARQLWrapper's `n3`) read Turtle, which is N3
    "turtle": ("text/turtle", ("turtle", "ttl", "n3", "text/turtle", "application/turtle", "application/x-turtle",
                               "text/n3", "text/rdf+n3", "application/n3")),
    "ntriples": ("application/n-triples", ("ntriples", "nt", "n-triples", "application/n-triples", "text/plain")),
    "rdfxml": ("application/rdf+xml", ("rdfxml", "rdf+xml", "rdf", "xml", "application/rdf+xml", "application/xml",
                                       "text/xml")),
    "jsonld": ("application/ld+json", ("jsonld", "json-ld", "json", "application/ld+json", "application/x-json+ld",
                                       "application/json")),
}
FORMAT_PARAMETERS = ("format", "output", "results")  # the names clients use (Virtuoso, Joseki, SPARQLWrapper)
READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class Refusal(Exception):
    """A request refused with an HTTP status and a one-line reason (the JSON error body)."""

    def __init__(self, status: int, code: str, message: str, **extra):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra

    def reply(self) -> Reply:
        return error_reply(self.status, self.code, self.message, **self.extra)


def error_reply(status: int, code: str, message: str, **extra) -> Reply:
    body = json.dumps({"error": code, "message": message, **extra}).encode("utf-8")
    retry = extra.get("retry_after_seconds")
    return Reply(status, "application/json; charset=utf-8", body, {"Retry-After": str(retry)} if retry else {})


@dataclass
class Job:
    """One query to run in a worker: the text and how its answer is to be written."""

    query: str
    accept: str | None = None
    formats: list[str] = field(default_factory=list)  # format=/output=/results= values, in order
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    base_iri: str | None = None


@dataclass
class ExploreJob:
    """One explorer call: `HANDLERS[name](store, **params)` from the module `handlers`."""

    handlers: str
    name: str
    params: dict[str, str]


def sparql_job(params: dict[str, list[str]], body_query: str | None, accept: str | None, base_iri: str) -> Job:
    """The Job a /sparql request asks for (params: query string and form fields together)."""
    if "update" in params or (body_query is not None and is_update(body_query)):
        raise Refusal(403, "update-refused", READ_ONLY)
    queries = params.get("query", []) + ([body_query] if body_query is not None else [])
    if len(queries) != 1 or not queries[0].strip():
        raise Refusal(400, "missing-query" if not queries or not queries[0].strip() else "several-queries",
                      "give exactly one SPARQL query: GET /sparql?query=..., a POSTed form with query=, "
                      "or a POST of application/sparql-query")
    if is_update(queries[0]):
        raise Refusal(403, "update-refused", READ_ONLY)
    formats = [value for name in FORMAT_PARAMETERS for value in params.get(name, []) if value.strip()]
    return Job(queries[0], accept, formats, params.get("default-graph-uri", []), params.get("named-graph-uri", []),
               base_iri)


def _accepted(accept: str) -> list[str]:
    """Accept header -> media ranges with q > 0, most preferred first (ties keep their order)."""
    ranges = []
    for position, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((-q, position, media.lower()))
    return [media for _, _, media in sorted(ranges)]


def _named(formats: dict, wanted: str) -> str | None:
    wanted = wanted.split(";")[0].strip().lower()
    return next((name for name, (_, names) in formats.items() if wanted in names), None)


def choose_format(kind: str, accept: str | None, requested: list[str] | str | None = None) -> str:
    """The format name for a result kind ("results": SELECT/ASK, "graph": CONSTRUCT/DESCRIBE): the
    first format parameter value that names one of this kind, else the Accept header."""
    formats = RESULT_FORMATS if kind == "results" else GRAPH_FORMATS
    default = "json" if kind == "results" else "turtle"
    requested = [requested] if isinstance(requested, str) else (requested or [])
    for value in requested:
        name = _named(formats, value)
        if name:
            return name
    unknown = [v for v in requested if not _named(RESULT_FORMATS, v) and not _named(GRAPH_FORMATS, v)]
    if unknown:
        raise Refusal(400, "bad-format", f"unknown format {unknown[0]!r}; this query offers: {', '.join(formats)}")
    if not accept or not accept.strip():
        return default
    for media in _accepted(accept):
        if media in ("*/*", "*"):
            return default
        name = _named(formats, media)
        if name:
            return name
        if media.endswith("/*"):
            family = media[:-1]
            for name, (canonical, _) in formats.items():
                if canonical.startswith(family):
                    return name
    offered = ", ".join(media for media, _ in formats.values())
    raise Refusal(406, "not-acceptable", f"cannot answer with any type in Accept: {accept}; this query offers "
                                         f"{offered}")


def media_type(kind: str, name: str) -> str:
    media = (RESULT_FORMATS if kind == "results" else GRAPH_FORMATS)[name][0]
    return media + "; charset=utf-8" if media.startswith("text/") or "json" in media else media
