"""The Starlette application: routes, request bodies, and replies from the worker pool."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from imrgraph.serve import description
from imrgraph.serve.cache import ReplyCache
from imrgraph.serve.pages import HTML, WAIT_PAGE, Explorer, Page
from imrgraph.serve.pool import WorkerPool
from imrgraph.serve.protocol import ExploreJob, Refusal, Reply, error_reply, sparql_job

MAX_BODY_BYTES = 1 << 20
BODY_TIMEOUT = 30.0  # seconds to receive a whole request body
EXPLORE_HANDLERS = "imrgraph.viz.live"
FORM = "application/x-www-form-urlencoded"


@dataclass
class Endpoint:
    """What the routes need: the pool, the pages and the settings they honour."""

    pool: WorkerPool
    explorer: Explorer
    query_page: Page
    cache: ReplyCache
    explore_handlers: str = EXPLORE_HANDLERS
    federated: bool = False


def respond(reply: Reply) -> Response:
    return Response(reply.body, reply.status, headers=reply.headers, media_type=reply.content_type)


def respond_page(page: Page, status: int = 200, headers: dict | None = None) -> Response:
    return Response(page.body, status, headers={"Content-Security-Policy": page.csp, **(headers or {})},
                    media_type=HTML)


async def read_body(request: Request) -> bytes:
    """The request body, refused before reading when its declared length is over the limit, and
    cut off when it arrives slower than BODY_TIMEOUT or grows past the limit."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise Refusal(400, "bad-request", "bad Content-Length")
        if int(declared) > MAX_BODY_BYTES:
            raise Refusal(413, "too-large", f"request body over {MAX_BODY_BYTES} bytes")
    chunks, size = [], 0
    try:
        async with asyncio.timeout(BODY_TIMEOUT):
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_BODY_BYTES:
                    raise Refusal(413, "too-large", f"request body over {MAX_BODY_BYTES} bytes")
                chunks.append(chunk)
    except TimeoutError:
        raise Refusal(408, "body-timeout", f"the request body did not arrive within {BODY_TIMEOUT:g} s") from None
    return b"".join(chunks)


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


def _endpoint_iri(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers['host']}/sparql"


def create_app(endpoint: Endpoint) -> Starlette:
    pool, cache = endpoint.pool, endpoint.cache

    async def answer(request: Request, job) -> Response:
        """From the cache, else from a worker (and kept when it succeeded)."""
        key, generation = cache.key(job), pool.generation()
        reply = cache.get(key, generation)
        if reply is None:
            reply = await pool.run(_client(request), job)
            cache.put(key, reply, generation)
        return respond(reply)

    async def sparql(request: Request) -> Response:
        params = parse_qs(request.url.query, keep_blank_values=True)
        body_query = None
        try:
            if request.method == "POST":
                body = await read_body(request)
                media = request.headers.get("content-type", "").split(";")[0].strip().lower()
                if media == FORM:
                    for key, values in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                        params.setdefault(key, []).extend(values)
                elif media == "application/sparql-query":
                    body_query = body.decode("utf-8", "replace")
                elif media == "application/sparql-update":
                    params.setdefault("update", []).append("")
                else:
                    raise Refusal(415, "unsupported-media-type",
                                  f"POST a form ({FORM}) with query=..., or the query itself as "
                                  "application/sparql-query")
            elif "query" not in params and "update" not in params:
                return respond(description.reply(_endpoint_iri(request), request.headers.get("accept"),
                                                 endpoint.federated))
            job = sparql_job(params, body_query, request.headers.get("accept"), _endpoint_iri(request))
            return await answer(request, job)
        except Refusal as e:
            return respond(e.reply())

    async def explore(request: Request) -> Response:
        job = ExploreJob(endpoint.explore_handlers, request.path_params["name"], dict(request.query_params))
        try:
            return await answer(request, job)
        except Refusal as e:
            return respond(e.reply())

    async def explorer(request: Request) -> Response:
        page = await endpoint.explorer.get()
        if page is not None:
            return respond_page(page)
        if endpoint.explorer.failure:
            return respond(error_reply(500, "explorer-failed",
                                       f"could not draw the explorer: {endpoint.explorer.failure}"))
        return respond_page(WAIT_PAGE, 202, {"Retry-After": "3"})

    async def query(request: Request) -> Response:
        return respond_page(endpoint.query_page)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "workers": pool.status()})

    async def favicon(request: Request) -> Response:
        return Response(status_code=204)  # no icon; answered so browsers log no error

    async def refuse_method(request: Request) -> Response:
        reply = error_reply(405, "method-not-allowed", "this endpoint is read-only: use GET or POST with a query")
        reply.headers["Allow"] = "GET, HEAD, POST, OPTIONS"
        return respond(reply)

    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 405:
            return await refuse_method(request)
        code = "not-found" if exc.status_code == 404 else "bad-request"
        message = (f"nothing at {request.url.path}; the endpoint is /sparql, the explorer /, the query page /query"
                   if exc.status_code == 404 else str(exc.detail))
        return respond(error_reply(exc.status_code, code, message))

    routes = [
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/sparql", refuse_method, methods=["PUT", "DELETE", "PATCH"]),
        Route("/", explorer), Route("/index.html", explorer),
        Route("/query", query),
        Route("/api/explore/{name}", explore),
        Route("/health", health),
        Route("/favicon.ico", favicon),
    ]
    return Starlette(routes=routes, exception_handlers={HTTPException: http_error})

