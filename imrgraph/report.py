"""Write the static HTML report: one offline page of charts and tables, each with the SPARQL
query that produced it (plotly, its JavaScript inlined once; no network needed to open it)."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path

UPHELD_COLOR, OVERTURNED_COLOR = "#c8553d", "#2a9d5c"  # the explorer's colours for the two outcomes
TOP = 15

SUMMARY_QUERY = """\
SELECT (COUNT(DISTINCT ?determination) AS ?letters) (COUNT(?item) AS ?items)
       (SUM(IF(?outcome = imr:Overturned, 1, 0)) AS ?overturned)
WHERE {
  ?determination a imr:Determination .
  OPTIONAL { ?determination imr:hasDisputedTreatment ?item . ?item imr:outcome ?outcome }
}"""

CITED_UNITS_QUERY = """\
# Guideline units the expert reviewer cites, by outcome: a unit is a document (and chapter) cited
# under one topic; its pages are collected, so pp. 76-80 of a citation count once per item.
SELECT ?source ?document ?chapter ?topic ?outcome (COUNT(DISTINCT ?item) AS ?items)
       (GROUP_CONCAT(DISTINCT STR(?page); separator=" ") AS ?pages)
WHERE {
  ?item imr:hasCitation ?citation ; imr:outcome ?outcome .
  ?citation imr:citedBy imr:ExpertReviewer ; imr:citesSection ?section .
  OPTIONAL { ?section imr:guidelineSource ?source }
  OPTIONAL { ?section imr:document ?document }
  OPTIONAL { ?section imr:chapter ?chapter }
  OPTIONAL { ?section imr:page ?page }
  OPTIONAL { ?citation imr:topic ?topic }
}
GROUP BY ?source ?document ?chapter ?topic ?outcome
ORDER BY DESC(?items)"""

DRUGS_QUERY = """\
SELECT ?medication ?generic (COUNT(?item) AS ?items)
       (SUM(IF(?outcome = imr:Overturned, 1, 0)) AS ?overturned)
WHERE {
  ?item imr:requestsMedication ?medication ; imr:outcome ?outcome .
  OPTIONAL { ?medication skos:prefLabel ?generic }
}
GROUP BY ?medication ?generic
ORDER BY DESC(?items) ?generic
LIMIT 15"""

LIMITS_QUERY = """\
# Items by whether the quantity asked for exceeds a limit their rationale states
# (imr:exceedsGuidelineLimit is absent when quantity and limit cannot be compared).
SELECT ?comparison (COUNT(?item) AS ?items) (SUM(IF(?outcome = imr:Overturned, 1, 0)) AS ?overturned)
WHERE {
  ?item a imr:DisputedTreatment ; imr:outcome ?outcome .
  OPTIONAL { ?item imr:exceedsGuidelineLimit ?exceeds }
  BIND(IF(!BOUND(?exceeds), "no comparable limit", IF(?exceeds, "over the limit", "within the limit"))
       AS ?comparison)
}
GROUP BY ?comparison
ORDER BY ?comparison"""


@dataclass
class Panel:
    """One section of the report: a question, the chart answering it, the query behind it."""
    anchor: str
    title: str
    reading: str  # one sentence saying what the data shows
    queries: list[str]
    figure: object | None = None  # a plotly Figure
    table: tuple[list[str], list[list]] | None = None
    note: str = ""


@dataclass
class Report:
    letters: int
    items: int
    overturned: int
    sections: int
    panels: list[Panel] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Data


def _bundled(name: str) -> str:
    from imrgraph import queries

    return queries.text(name)


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def _rate(overturned: int, items: int) -> str:
    return f"{100 * overturned / items:.1f}%" if items else "-"


def collect(graph) -> Report:
    """Runs every report query against an api.GraphStore and shapes the panels."""
    summary = graph.select(SUMMARY_QUERY)[0]
    sections = graph.select("SELECT (COUNT(?s) AS ?n) WHERE { ?s a imr:GuidelineSection }")[0]["n"]
    report = Report(summary["letters"] or 0, summary["items"] or 0, summary["overturned"] or 0, sections)
    if not report.items:
        return report
    report.panels = [
        _outcome_panel(graph, "categories", "Items and overturn rate by DWC treatment category",
                       _bundled("overturn-rate-by-category"), "category", ("DWC category", "DWC categories")),
        _outcome_panel(graph, "services", "Items and overturn rate by service",
                       _bundled("overturn-rate-by-service"), "service", ("service", "services")),
        _citations_panel(graph),
        _drugs_panel(graph),
        _specialty_panel(graph),
        _limits_panel(graph),
        _influence_panel(graph),
        _communities_panel(graph),
    ]
    return report


def _label(row: dict, key: str) -> str:
    return row.get("label") or str(row[key]).rsplit("/", 1)[-1]


def _outcome_panel(graph, anchor: str, title: str, query: str, key: str, noun: tuple[str, str]) -> Panel:
    rows = graph.select(query)
    bars = [(_label(r, key), r["items"], r["overturned"]) for r in rows]
    top = max(bars, key=lambda b: (b[2] / b[1], b[1])) if bars else None
    reading = (f"{_count(len(bars), *noun)}; the highest overturn rate is {top[0]} "
               f"({_rate(top[2], top[1])} of {_count(top[1], 'item')}).") if top else "No items."
    return Panel(anchor, title, reading, [query], _outcome_bars(bars[:20]),
                 ([noun[0], "items", "upheld", "overturned", "overturn rate"],
                  [[name, n, n - o, o, _rate(o, n)] for name, n, o in bars]))


def _citations_panel(graph) -> Panel:
    from imrgraph.analytics import unit_label

    by_outcome: dict[str, list[tuple[str, int]]] = {"Upheld": [], "Overturned": []}
    for row in graph.select(CITED_UNITS_QUERY):
        outcome = str(row["outcome"]).rsplit("#", 1)[-1]
        if outcome in by_outcome:
            pages = [int(p) for p in (row["pages"] or "").split()]
            label = unit_label(row["source"], row["document"], row["chapter"], pages, row["topic"])
            by_outcome[outcome].append((label, row["items"]))
    totals = dict(graph.select(
        "SELECT (SUM(IF(?o = imr:Upheld, 1, 0)) AS ?upheld) (SUM(IF(?o = imr:Overturned, 1, 0)) AS ?overturned) "
        "WHERE { ?i imr:outcome ?o }")[0])
    upheld, overturned = by_outcome["Upheld"][:TOP], by_outcome["Overturned"][:TOP]
    reading = "Reviewers cite guidelines when upholding and when overturning alike"
    if upheld:
        reading = (f"Most cited when upholding: {upheld[0][0]} ({upheld[0][1]} of {totals['upheld']} upheld items)"
                   + (f"; when overturning: {overturned[0][0]} ({overturned[0][1]} of {totals['overturned']})."
                      if overturned else "."))
    return Panel("citations", "Guideline sections most cited when upholding and when overturning", reading,
                 [CITED_UNITS_QUERY], _paired_bars(upheld, overturned, totals["upheld"] or 1,
                                                   totals["overturned"] or 1))


def _drugs_panel(graph) -> Panel:
    rows = graph.select(DRUGS_QUERY)
    bars = [(_label({"label": r["generic"]}, "medication") if r["generic"] else _label(r, "medication"),
             r["items"], r["overturned"]) for r in rows]
    reading = (f"{bars[0][0]} is disputed most ({_count(bars[0][1], 'item')}, {_rate(bars[0][2], bars[0][1])} "
               "overturned)."
               if bars else "No item in these letters requests a drug.")
    return Panel("drugs", "Drugs most disputed", reading, [DRUGS_QUERY], _outcome_bars(bars) if bars else None)


def _specialty_panel(graph) -> Panel:
    query = _bundled("outcome-by-specialty")
    rows = graph.select(query)
    bars = [(r["specialty"], r["items"], r["overturned"]) for r in rows]
    reading = (f"{_count(len(bars), 'reviewer specialty', 'reviewer specialties')}; {bars[0][0]} "
               f"reviewers decided the most items ({bars[0][1]:,}, "
               f"{_rate(bars[0][2], bars[0][1])} overturned). An item counts once for each specialty of its "
               "reviewer." if bars else "No reviewer specialty was extracted.")
    return Panel("specialties", "Outcome by reviewer specialty", reading, [query],
                 _outcome_bars(bars[:20]) if bars else None)


def _limits_panel(graph) -> Panel:
    rows = {r["comparison"]: r for r in graph.select(LIMITS_QUERY)}
    order = ["over the limit", "within the limit", "no comparable limit"]
    bars = [(name, rows[name]["items"], rows[name]["overturned"]) for name in order if name in rows]
    over = rows.get("over the limit")
    within = rows.get("within the limit")
    reading = "No item's quantity could be compared with a limit its rationale states."
    if over:
        reading = (f"{_count(over['items'], 'request')} ask for more than a stated guideline limit; "
                   f"{_rate(over['overturned'], over['items'])} of them were overturned")
        reading += (f", against {_rate(within['overturned'], within['items'])} of the {within['items']:,} within "
                    "the limit." if within else ".")
    elif within:
        reading = (f"No request exceeds a stated limit; {_rate(within['overturned'], within['items'])} of the "
                   f"{_count(within['items'], 'request')} within the limit were overturned.")
    examples_query = _bundled("exceeding-guideline-limit")
    examples = graph.select(examples_query)[:TOP]
    table = (["request", "asked", "guideline limit", "outcome"],
             [[r["text"], f"{r['quantity']:g} {r['unit'] or ''}".strip(),
               r["limitText"] or f"at most {r['maximum']:g}", str(r["outcome"]).rsplit("#", 1)[-1]]
              for r in examples])
    return Panel("limits", "Requests over guideline limits", reading, [LIMITS_QUERY, examples_query],
                 _rate_bars(bars), table if examples else None,
                 note=f"The table shows the first {TOP} requests over a limit." if examples else "")


def _influence_panel(graph) -> Panel:
    from imrgraph.analytics import CITATIONS_QUERY, CITES, SECTIONS_QUERY, influential_sections

    rows = influential_sections(graph, top=TOP)
    reading = (f"{rows[0]['label']} carries the most weight ({100 * rows[0]['pagerank']:.1f}% of the PageRank), "
               f"cited for {_count(rows[0]['items'], 'item')}." if rows else "No reviewer citations.")
    figure = None
    if rows:
        import plotly.graph_objects as go

        shown = rows[::-1]
        figure = go.Figure(go.Bar(
            y=[r["label"] for r in shown], x=[100 * r["pagerank"] for r in shown], orientation="h",
            marker_color="#3d6fb6", customdata=[[r["items"], _rate(r["overturned"], r["items"])] for r in shown],
            hovertemplate="%{y}<br>PageRank share %{x:.2f}%<br>cited for %{customdata[0]} items, "
                          "%{customdata[1]} overturned<extra></extra>"))
        _layout(figure, len(shown), xaxis_title="share of PageRank (%)")
    return Panel("influence", "Most influential guideline sections", reading,
                 [CITATIONS_QUERY.replace("CITES", CITES["reviewer"]), SECTIONS_QUERY], figure,
                 note="PageRank over the graph linking each disputed item to the sections its reviewer cites "
                      "(networkx). A citation weighs more when the item cites few sections, so a section that "
                      "decides items on its own ranks above one only ever listed among many. Pages always cited "
                      "together count as one section.")


def _communities_panel(graph) -> Panel:
    from imrgraph.analytics import ITEM_SERVICES_QUERY, TOP_SERVICES_QUERY, communities_by_service

    services = communities_by_service(graph, top_services=6)
    table_rows = []
    for service in services:
        for number, community in enumerate(service["communities"][:4], start=1):
            labels = community["labels"]
            shown = "; ".join(labels[:6]) + (f"; and {len(labels) - 6} more" if len(labels) > 6 else "")
            name = f"{service['label']} ({_count(service['items'], 'item')})" if number == 1 else ""
            table_rows.append([name, number, community["cocitations"], shown])
    reading = ("Sections reviewers cite together, per service: each group is a community (Louvain) of the "
               "graph joining two sections whenever one item's reviewer cites both.")
    return Panel("communities", "Guideline sections cited together, by service", reading,
                 [TOP_SERVICES_QUERY, ITEM_SERVICES_QUERY], None,
                 (["service", "group", "co-citations", "sections (most connected first)"], table_rows)
                 if table_rows else None,
                 note="The six services with the most disputed items, up to four groups each.")


# ---------------------------------------------------------------------------------------------
# Charts


def _layout(figure, bars: int, **axes) -> None:
    figure.update_layout(height=max(200, 28 * bars + 110), bargap=0.3, margin={"l": 10, "r": 30, "t": 30, "b": 50},
                         plot_bgcolor="#ffffff", paper_bgcolor="#ffffff", font={"family": "system-ui, sans-serif",
                                                                                "size": 12},
                         legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}, **axes)
    figure.update_xaxes(gridcolor="#e4e7eb", zeroline=False)
    figure.update_yaxes(automargin=True)


def _outcome_bars(bars: list[tuple[str, int, int]]):
    """Horizontal stacked bars (upheld, overturned) per label, largest on top, rate at the bar's end."""
    import plotly.graph_objects as go

    shown = bars[::-1]
    labels = [b[0] for b in shown]
    upheld = [b[1] - b[2] for b in shown]
    overturned = [b[2] for b in shown]
    rates = [_rate(b[2], b[1]) for b in shown]
    figure = go.Figure([
        go.Bar(name="upheld", y=labels, x=upheld, orientation="h", marker_color=UPHELD_COLOR,
               hovertemplate="%{y}: %{x} upheld<extra></extra>"),
        go.Bar(name="overturned", y=labels, x=overturned, orientation="h", marker_color=OVERTURNED_COLOR,
               text=rates, textposition="outside", cliponaxis=False,
               hovertemplate="%{y}: %{x} overturned (%{text})<extra></extra>"),
    ])
    _layout(figure, len(shown), xaxis_title="disputed items (the figure after each bar: share overturned)")
    # room after the longest bar for its rate
    figure.update_layout(barmode="stack", legend_traceorder="normal")
    figure.update_xaxes(range=[0, 1.12 * max((b[1] for b in bars), default=1)])
    return figure


def _rate_bars(bars: list[tuple[str, int, int]]):
    """Overturn rate per group, for groups of very different sizes (the size is in the label)."""
    import plotly.graph_objects as go

    shown = bars[::-1]
    rates = [100 * b[2] / b[1] for b in shown]
    figure = go.Figure(go.Bar(
        y=[f"{b[0]} ({_count(b[1], 'item')})" for b in shown], x=rates, orientation="h", marker_color=OVERTURNED_COLOR,
        text=[f"{r:.1f}%" for r in rates], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x:.1f}% overturned<extra></extra>"))
    _layout(figure, len(shown), xaxis_title="share of items overturned")
    figure.update_xaxes(ticksuffix="%", range=[0, 1.15 * max(rates, default=1)])
    return figure


def _paired_bars(upheld: list[tuple[str, int]], overturned: list[tuple[str, int]], upheld_total: int,
                 overturned_total: int):
    """Two panels side by side: the share of upheld / overturned items citing each unit."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    figure = make_subplots(rows=2, cols=1, vertical_spacing=0.08,
                           subplot_titles=("when upholding (% of upheld items citing it)",
                                           "when overturning (% of overturned items citing it)"))
    for row, (pairs, total, color, name) in enumerate(
            [(upheld, upheld_total, UPHELD_COLOR, "upheld"), (overturned, overturned_total, OVERTURNED_COLOR,
                                                              "overturned")], start=1):
        shown = pairs[::-1]
        figure.add_trace(go.Bar(y=[p[0] for p in shown], x=[100 * p[1] / total for p in shown], orientation="h",
                                marker_color=color, name=name, customdata=[p[1] for p in shown],
                                hovertemplate="%{y}<br>%{customdata} " + name + " items (%{x:.1f}%)<extra></extra>"),
                         row=row, col=1)
    _layout(figure, len(upheld) + len(overturned) + 4)
    figure.update_layout(showlegend=False)
    figure.update_xaxes(ticksuffix="%")
    return figure


# ---------------------------------------------------------------------------------------------
# Page


def render(report: Report, store_dir: Path) -> str:
    import plotly.io as pio
    from plotly.offline import get_plotlyjs

    esc = html.escape
    cards = [("letters", f"{report.letters:,}"), ("disputed items", f"{report.items:,}"),
             ("overturned", _rate(report.overturned, report.items)), ("guideline sections", f"{report.sections:,}")]
    parts = [f'<div class="card"><div class="value">{esc(v)}</div><div class="name">{esc(k)}</div></div>'
             for k, v in cards]
    body = [f'<section class="cards">{"".join(parts)}</section>']
    if report.panels:
        body.append("<nav><ol>" + "".join(f'<li><a href="#{p.anchor}">{esc(p.title)}</a></li>'
                                          for p in report.panels) + "</ol></nav>")
    else:
        body.append('<p class="empty">The store holds no disputed items yet: build it from letters first.</p>')
    for panel in report.panels:
        chunk = [f'<section class="panel" id="{panel.anchor}"><h2>{esc(panel.title)}</h2>',
                 f'<p class="reading">{esc(panel.reading)}</p>']
        if panel.figure is not None:
            chunk.append(pio.to_html(panel.figure, full_html=False, include_plotlyjs=False,
                                     config={"displaylogo": False, "responsive": True},
                                     div_id=f"chart-{panel.anchor}"))
        if panel.note:
            chunk.append(f'<p class="note">{esc(panel.note)}</p>')
        if panel.table:
            chunk.append(_table(*panel.table))
        for number, query in enumerate(panel.queries, start=1):
            which = "" if len(panel.queries) == 1 else f" {number}"
            chunk.append(f"<details><summary>SPARQL{which}</summary><pre>{esc(query)}</pre></details>")
        chunk.append("</section>")
        body.append("".join(chunk))
    generated = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    from imrgraph.templates import fill

    return fill("report.html", plotly=get_plotlyjs(), subtitle=esc(f"{store_dir} - generated {generated}"),
                body="\n".join(body))


def _table(columns: list[str], rows: list[list]) -> str:
    esc = html.escape
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    cells = []
    for row in rows:
        tds = "".join(f'<td class="num">{value:,}</td>' if isinstance(value, int) else f"<td>{esc(str(value))}</td>"
                      for value in row)
        cells.append(f"<tr>{tds}</tr>")
    return f'<div class="table"><table><thead><tr>{head}</tr></thead><tbody>{"".join(cells)}</tbody></table></div>'


def write_report(store_dir: Path, out_file: Path) -> None:
    """Writes the report of the store at store_dir into out_file (raises UserError without a store)."""
    from imrgraph import api

    graph = api.open_store(Path(store_dir))
    page = render(collect(graph), Path(store_dir))
    out_file = Path(out_file)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(page, encoding="utf-8")
