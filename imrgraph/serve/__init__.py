"""`imrgraph serve`: a read-only SPARQL 1.1 Protocol endpoint over the built store, plus the
explorer and a query page, on Starlette and uvicorn.

    /sparql              GET ?query=, POST form (query=) or application/sparql-query; results as
                         SPARQL JSON, XML, CSV or TSV (SELECT/ASK) or Turtle, N-Triples, RDF/XML,
                         JSON-LD (CONSTRUCT/DESCRIBE) by Accept or format=/output=; without a query,
                         the service description. Updates are refused (403).
    /                    the interactive explorer (imrgraph.viz)
    /query               a query page with the bundled queries
    /api/explore/NAME    the explorer's calls, run like queries (JSON)

Modules: server (socket, uvicorn and its limits; its options are imrgraph.cli.serve's), app (routes), guard (Host,
origin, CORS, response headers), pool (worker processes shared fairly between clients), worker
and results (what runs in a worker), protocol (requests, formats, errors), description (service
description), pages (query page, explorer, Content-Security-Policy).
"""
