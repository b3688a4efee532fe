"""Renders the HTML pages the project writes (explorer, report): Jinja2 with autoescape over this
folder, and a Content-Security-Policy that lets a page run exactly its own inline scripts.

A page's scripts are passed by name and placed by its template as `{{ scripts.NAME }}` inside a
`<script>` element; the policy lists each one's sha256, so no other script runs, inline or not,
even if some letter text ever escaped its escaping. Data goes into `<script type="application/json">`
blocks (`{{ value|tojson }}`), which the browser never executes.

`frame-ancestors` cannot be set from a <meta> element: a server sending these pages adds it as a
header (`content_security_policy(..., frame_ancestors=True)`).
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).parent


@cache
def environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(FOLDER), autoescape=True, undefined=StrictUndefined,
                      keep_trailing_newline=True)
    # |tojson escapes <, >, & and ' for HTML either way; compact, in the order given
    env.policies["json.dumps_kwargs"] = {"separators": (",", ":"), "ensure_ascii": False}
    return env


def script_hash(source: str) -> str:
    """The CSP source expression allowing one inline script: 'sha256-<base64 digest>'."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(scripts: list[str], *, connect: bool = False, frame_ancestors: bool = False) -> str:
    """No network, no plugins, no other scripts; `connect` lets the page fetch from its own origin
    (the explorer under `imrgraph serve`)."""
    directives = [
        "default-src 'none'",
        "script-src " + " ".join(script_hash(s) for s in scripts),
        "style-src 'unsafe-inline'",  # vis-network and plotly style their elements inline
        "img-src data: blob:",
        "font-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    if connect:
        directives.append("connect-src 'self'")
    if frame_ancestors:
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)


def render(template: str, *, scripts: dict[str, str], connect: bool = False, **context) -> str:
    """The page `template` with `scripts` (name -> JavaScript source) inlined and hashed into its
    Content-Security-Policy (`{{ csp }}`)."""
    from markupsafe import Markup

    for name, source in scripts.items():
        if "</script" in source.lower():  # would end the element early and change what is hashed
            raise ValueError(f"script {name!r} contains '</script'")
    return environment().get_template(template).render(
        csp=content_security_policy(list(scripts.values()), connect=connect),
        scripts={name: Markup(source) for name, source in scripts.items()},
        **context,
    )


def write(path: Path, page: str) -> None:
    """Writes a rendered page byte for byte (no newline translation, which would break the script hashes)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8", newline="\n")
