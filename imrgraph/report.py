"""Write the static HTML report: one offline page of charts and tables, each with the SPARQL
query that produced it (plotly, its JavaScript inlined once; no network needed to open it).

Letter text (labels, topics, specialties...) reaches the page only as escaped text: Jinja2
autoescapes the HTML, and every string handed to plotly is escaped for plotly's own markup
(`<b>`, `<a href>`, `<br>`... in labels, titles and hover text), so it is drawn, never interpreted.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

UPHELD_COLOR, OVERTURNED_COLOR = "#c8553d", "#2a9d5c"  # the explorer's colours for the two outcomes
LATE_COLOR, ON_TIME_COLOR, RATE_COLOR = "#b5651d", "#3d6fb6", "#102a43"
TOP = 15
LABEL_CHARS = 60  # longest bar label; the full text is in the hover
# IMR's statutory deadlines (Labor Code 4610.6(d)): days from receipt of the request and its documents
DEADLINE_DAYS = {"standard": 30, "expedited": 3}
OVERTURNED = "https://w3id.org/imrgraph#Overturned"

SUMMARY_QUERY = """\
SELECT ?letters ?items ?overturned
WHERE {
  { SELECT (COUNT(?determination) AS ?letters) WHERE { ?determination a imr:Determination } }
  { SELECT (COUNT(?item) AS ?items) (SUM(IF(?outcome = imr:Overturned, 1, 0)) AS ?overturned)
    WHERE { ?item imr:outcome ?outcome } }
}"""

SECTIONS_COUNT_QUERY = "SELECT (COUNT(?section) AS ?n) WHERE { ?section a imr:GuidelineSection }"

TIME_QUERY = """\
# Items and outcomes by the date of the final determination (imr:decisionDate); a letter without
# one counts in the year its case number gives (CM13-... -> 2013), with no month.
SELECT ?year ?month ?outcome (COUNT(*) AS ?items)
WHERE {
  { SELECT ?determination ?item WHERE { ?determination imr:hasDisputedTreatment ?item } }
  { SELECT ?item ?outcome WHERE { ?item imr:outcome ?outcome } }
  { SELECT ?determination ?year ?month
    WHERE {
      ?determination a imr:Determination .
      OPTIONAL { ?determination imr:decisionDate ?date }
      OPTIONAL { ?determination imr:caseNumber ?case FILTER(REGEX(?case, "^CM[0-9]{2}-")) }
      BIND(COALESCE(YEAR(?date), 2000 + xsd:integer(SUBSTR(?case, 3, 2))) AS ?year)
      BIND(MONTH(?date) AS ?month)
    } }
}
GROUP BY ?year ?month ?outcome
ORDER BY ?year ?month"""

DEADLINE_QUERY = """\
# Letters by priority and by the days from the IMR application's receipt, and from the UR denial,
# to the final determination (date differences are xsd:dayTimeDuration, e.g. "P34D").
SELECT ?priority ?from ?days (COUNT(?determination) AS ?letters)
WHERE {
  ?determination imr:decisionDate ?decided .
  OPTIONAL { ?determination imr:priority ?priority }
  { ?determination imr:applicationReceived ?start . BIND("application" AS ?from) }
  UNION { ?determination imr:urDenialDate ?start . BIND("denial" AS ?from) }
  BIND(STR(?decided - ?start) AS ?days)
}
GROUP BY ?priority ?from ?days"""

TREATING_QUERY = """\
# Outcome by the treating physician's specialty (from the letter's header, not the reviewer's).
SELECT ?specialty (SUM(?n) AS ?items) (SUM(IF(?outcome = imr:Overturned, ?n, 0)) AS ?overturned)
WHERE {
  { SELECT ?specialty ?outcome (COUNT(*) AS ?n)
    WHERE {
      { SELECT ?determination ?specialty WHERE { ?determination imr:treatingPhysicianSpecialty ?specialty } }
      { SELECT ?determination ?item WHERE { ?determination imr:hasDisputedTreatment ?item } }
      { SELECT ?item ?outcome WHERE { ?item imr:outcome ?outcome } }
    }
    GROUP BY ?specialty ?outcome }
}
GROUP BY ?specialty
ORDER BY DESC(?items) ?specialty"""

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
SELECT ?medication ?generic ?items ?overturned
WHERE {
  { SELECT ?medication (COUNT(?item) AS ?items) (SUM(IF(?outcome = imr:Overturned, 1, 0)) AS ?overturned)
    WHERE {
      { SELECT ?item ?medication WHERE { ?item imr:requestsMedication ?medication } }
      { SELECT ?item ?outcome WHERE { ?item imr:outcome ?outcome } }
    }
    GROUP BY ?medication
    ORDER BY DESC(?items) ?medication
    LIMIT 15 }
  OPTIONAL { ?medication skos:prefLabel ?generic }
}
ORDER BY DESC(?items) ?generic"""

LIMITS_QUERY = """\
# Items by whether the quantity asked for exceeds a limit their rationale states
# (imr:exceedsGuidelineLimit is absent when quantity and limit cannot be compared).
SELECT ?comparison (SUM(?n) AS ?items) (SUM(IF(?outcome = imr:Overturned, ?n, 0)) AS ?overturned)
WHERE {
  { SELECT ?exceeds ?outcome (COUNT(*) AS ?n)
    WHERE {
      { SELECT ?item ?outcome WHERE { ?item imr:outcome ?outcome } }
      OPTIONAL { SELECT ?item ?exceeds WHERE { ?item imr:exceedsGuidelineLimit ?exceeds } }
    }
    GROUP BY ?exceeds ?outcome }
  BIND(IF(!BOUND(?exceeds), "no comparable limit", IF(?exceeds, "over the limit", "within the limit"))
       AS ?comparison)
}
GROUP BY ?comparison
ORDER BY ?comparison"""


@dataclass
class Chart:
    figure: object  # a plotly Figure
    heading: str = ""  # shown above the chart as page text (it wraps; a plotly title would be cut)


@dataclass
class Panel:
    """One section of the report: a question, the charts answering it, the queries behind them."""
    anchor: str
    title: str
    reading: str  # one sentence saying what the data shows
    queries: list[str]
    charts: list[Chart] = field(default_factory=list)
    table: tuple[list[str], list[list]] | None = None
    note: str = ""


@dataclass
class Report:
    letters: int
    items: int
    overturned: int
    sections: int
    panels: list[Panel] = field(default_factory=list)


Progress = Callable[[str], None]


# ---------------------------------------------------------------------------------------------
# Data


def _bundled(name: str) -> str:
    from imrgraph import queries

    return queries.text(name)


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def _rate(overturned: int, items: int) -> str:
    return f"{100 * overturned / items:.1f}%" if items else "-"


def collect(graph, progress: Progress | None = None) -> Report:
    """Runs every report query against a read-only store (`select(sparql)` -> rows) and shapes the
    panels; `progress` hears the name of each panel as it starts."""
    summary = graph.select(SUMMARY_QUERY)[0]
    sections = graph.select(SECTIONS_COUNT_QUERY)[0]["n"]
    report = Report(summary["letters"] or 0, summary["items"] or 0, summary["overturned"] or 0, sections)
    if not report.items:
        return report
    steps: list[tuple[str, Callable[[], list[Panel]]]] = [
        ("categories", lambda: [_outcome_panel(
            graph, "categories", "Items and overturn rate by DWC treatment category",
            _bundled("overturn-rate-by-category"), "category", ("DWC category", "DWC categories"))]),
        ("services", lambda: [_outcome_panel(
            graph, "services", "Items and overturn rate by service", _bundled("overturn-rate-by-service"),
            "service", ("service", "services"))]),
        ("time", lambda: _time_panels(graph)),
        ("deadline", lambda: [_deadline_panel(graph)]),
        ("citations", lambda: [_citations_panel(graph)]),
        ("drugs", lambda: [_drugs_panel(graph)]),
        ("specialties", lambda: [_specialty_panel(graph)]),
        ("treating", lambda: [_treating_panel(graph)]),
        ("limits", lambda: [_limits_panel(graph)]),
        ("influence", lambda: [_influence_panel(graph)]),
        ("communities", lambda: [_communities_panel(graph)]),
    ]
    for name, make in steps:
        if progress:
            progress(f"report: {name}")
        report.panels.extend(make())
    return report


def _label(row: dict, key: str) -> str:
    return row.get("label") or str(row[key]).rsplit("/", 1)[-1]


def _outcome_panel(graph, anchor: str, title: str, query: str, key: str, noun: tuple[str, str]) -> Panel:
    rows = graph.select(query)
    bars = [(_label(r, key), r["items"], r["overturned"]) for r in rows]
    top = max(bars, key=lambda b: (b[2] / b[1], b[1])) if bars else None
    reading = (f"{_count(len(bars), *noun)}; the highest overturn rate is {top[0]} "
               f"({_rate(top[2], top[1])} of {_count(top[1], 'item')}).") if top else "No items."
    return Panel(anchor, title, reading, [query], [Chart(_outcome_bars(bars[:20]))],
                 ([noun[0], "items", "upheld", "overturned", "overturn rate"],
                  [[name, n, n - o, o, _rate(o, n)] for name, n, o in bars]),
                 note=f"The chart shows the 20 with the most items; the table lists all {len(bars)}."
                 if len(bars) > 20 else "")


def _time_panels(graph) -> list[Panel]:
    by_year: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    by_month: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    undated = unknown = 0
    for row in graph.select(TIME_QUERY):
        n, over = row["items"], row["items"] if row["outcome"] == OVERTURNED else 0
        if row["year"] is None:
            unknown += n
            continue
        for totals in [by_year[row["year"]]] + ([by_month[f"{row['year']}-{row['month']:02d}"]]
                                                if row["month"] is not None else []):
            totals[0] += n
            totals[1] += over
        if row["month"] is None:
            undated += n
    if not by_year:
        return [Panel("time", "Items and overturn rate by year of decision",
                      "No letter has a decision date or a case number that gives its year.", [TIME_QUERY])]
    years = [(str(y), *by_year[y]) for y in sorted(by_year)]
    busiest = max(years, key=lambda y: y[1])
    notes = []
    if undated:
        notes.append(f"{_count(undated, 'item')} of letters without a decision date count in the year of their "
                     "case number (CM13-... is 2013).")
    if unknown:
        notes.append(f"{_count(unknown, 'item')} of letters with neither are left out.")
    panels = [Panel("time", "Items and overturn rate by year of decision",
                    f"{busiest[0]} has the most disputed items ({busiest[1]:,}, {_rate(busiest[2], busiest[1])} "
                    "overturned).", [TIME_QUERY], [Chart(_timeline(years, "year of decision"))],
                    (["year", "items", "upheld", "overturned", "overturn rate"],
                     [[y, n, n - o, o, _rate(o, n)] for y, n, o in years]), " ".join(notes))]
    if by_month:
        months = [(m, *by_month[m]) for m in sorted(by_month)]
        peak = max(months, key=lambda m: m[1])
        panels.append(Panel("months", "Items and overturn rate by month of decision",
                            f"{len(months)} months with a decision date; the busiest is {peak[0]} "
                            f"({_count(peak[1], 'item')}, {_rate(peak[2], peak[1])} overturned).", [TIME_QUERY],
                            [Chart(_timeline(months, "month of decision"))],
                            note="Only letters whose header gives the decision date."))
    return panels


_DURATION = re.compile(r"^(-?)P(\d+)D$")


def _days(duration: str | None) -> int | None:
    """ "P34D" -> 34, "-P2D" -> -2; None for anything that is not a whole number of days."""
    match = _DURATION.match(duration or "")
    return None if match is None else int(match[2]) * (-1 if match[1] else 1)


def _priority(value) -> str:
    """imr:priority as written ("standard", "Expedited") or as an IRI (imr:Expedited) -> lower case."""
    return re.split(r"[#/]", str(value))[-1].lower() if value else "not stated"


def _deadline_panel(graph) -> Panel:
    # priority -> "application" | "denial" -> days -> letters
    spans: dict[str, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for row in graph.select(DEADLINE_QUERY):
        days = _days(row["days"])
        if days is not None:
            spans[_priority(row["priority"])][row["from"]][days] += row["letters"]
    title = "Time to decision against the statutory deadline"
    if not spans:
        return Panel("deadline", title, "No letter gives both its decision date and the date the application "
                                        "was received or the UR denial was issued.", [DEADLINE_QUERY])
    rows, charts, late_parts = [], [], []
    order = [p for p in DEADLINE_DAYS if p in spans] + sorted(p for p in spans if p not in DEADLINE_DAYS)
    for priority in order:
        limit = DEADLINE_DAYS.get(priority, DEADLINE_DAYS["standard"])
        received, denied = spans[priority]["application"], spans[priority]["denial"]
        letters = sum(received.values())
        late = sum(n for d, n in received.items() if d > limit)
        rows.append([priority, letters, limit, _median(received), _rate(late, letters) if letters else "-",
                     _median(denied)])
        if letters:
            late_parts.append(f"{_rate(late, letters)} of {_reviews(priority, letters)} took more than "
                              f"{limit} days from the application's receipt")
            charts.append(Chart(_deadline_bars(received, limit),
                                f"{_reviews(priority).capitalize()}: days from the application's receipt to the "
                                f"decision (deadline {limit} days)"))
    denied_all: dict[int, int] = defaultdict(int)
    for priority in order:
        for d, n in spans[priority]["denial"].items():
            denied_all[d] += n
    if denied_all:
        charts.append(Chart(_deadline_bars(denied_all, None), "All reviews: days from the UR denial to the decision"))
    reading = ("; ".join(late_parts) + "." if late_parts
               else "No letter gives the date its application was received.")
    return Panel("deadline", title, reading, [DEADLINE_QUERY], charts,
                 (["priority", "letters", "deadline (days)", "median days from application",
                   "past the deadline", "median days from UR denial"], rows),
                 note="The deadline runs from the receipt of the application and its medical records: the "
                      "records can arrive after the application, so days counted from the application can "
                      "overstate the review's time, and the share past the deadline is an upper bound. Letters "
                      "that state no priority are held to the standard 30 days.")


def _reviews(priority: str, n: int | None = None) -> str:
    """ "12 standard reviews", "reviews of no stated priority"."""
    noun = "review" if n == 1 else "reviews"
    text = f"{noun} of no stated priority" if priority == "not stated" else f"{priority} {noun}"
    return text if n is None else f"{n:,} {text}"


def _median(days: dict[int, int]) -> str:
    if not days:
        return "-"
    values = [d for d, n in sorted(days.items()) for _ in range(n)]
    return f"{statistics.median(values):g}"


def _citations_panel(graph) -> Panel:
    from imrgraph.analytics import unit_label

    by_outcome: dict[str, dict[str, int]] = {"Upheld": defaultdict(int), "Overturned": defaultdict(int)}
    for row in graph.select(CITED_UNITS_QUERY):
        outcome = str(row["outcome"]).rsplit("#", 1)[-1]
        if outcome in by_outcome:
            pages = [int(p) for p in (row["pages"] or "").split()]
            label = unit_label(row["source"], row["document"], row["chapter"], pages, row["topic"])
            # topics that clean to the same title are one unit
            by_outcome[outcome][label] += row["items"]
    ranked = {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP] for k, v in by_outcome.items()}
    totals = dict(graph.select(
        "SELECT (SUM(IF(?o = imr:Upheld, 1, 0)) AS ?upheld) (SUM(IF(?o = imr:Overturned, 1, 0)) AS ?overturned) "
        "WHERE { ?i imr:outcome ?o }")[0])
    upheld, overturned = ranked["Upheld"], ranked["Overturned"]
    reading = "Reviewers cite guidelines when upholding and when overturning alike"
    if upheld:
        reading = (f"Most cited when upholding: {upheld[0][0]} ({upheld[0][1]} of {totals['upheld']} upheld items)"
                   + (f"; when overturning: {overturned[0][0]} ({overturned[0][1]} of {totals['overturned']})."
                      if overturned else "."))
    charts = [Chart(_share_bars(pairs, total or 1, color, name), heading)
              for pairs, total, color, name, heading in (
                  (upheld, totals["upheld"], UPHELD_COLOR, "upheld", "When upholding: share of upheld items citing it"),
                  (overturned, totals["overturned"], OVERTURNED_COLOR, "overturned",
                   "When overturning: share of overturned items citing it")) if pairs]
    return Panel("citations", "Guideline sections most cited when upholding and when overturning", reading,
                 [CITED_UNITS_QUERY], charts)


def _drugs_panel(graph) -> Panel:
    rows = graph.select(DRUGS_QUERY)
    bars = [(r["generic"] or _label(r, "medication"), r["items"], r["overturned"]) for r in rows]
    reading = (f"{bars[0][0]} is disputed most ({_count(bars[0][1], 'item')}, {_rate(bars[0][2], bars[0][1])} "
               "overturned)."
               if bars else "No item in these letters requests a drug.")
    return Panel("drugs", "Drugs most disputed", reading, [DRUGS_QUERY], [Chart(_outcome_bars(bars))] if bars else [])


def _specialty_panel(graph) -> Panel:
    query = _bundled("outcome-by-specialty")
    bars = [(r["specialty"], r["items"], r["overturned"]) for r in graph.select(query)]
    reading = (f"{_count(len(bars), 'reviewer specialty', 'reviewer specialties')}; {bars[0][0]} "
               f"reviewers decided the most items ({bars[0][1]:,}, "
               f"{_rate(bars[0][2], bars[0][1])} overturned). An item counts once for each specialty of its "
               "reviewer." if bars else "No reviewer specialty was extracted.")
    return Panel("specialties", "Outcome by reviewer specialty", reading, [query],
                 [Chart(_outcome_bars(bars[:20]))] if bars else [])


def _treating_panel(graph) -> Panel:
    bars = [(r["specialty"], r["items"], r["overturned"]) for r in graph.select(TREATING_QUERY)]
    if not bars:
        reading = "No letter names the treating physician's specialty."
    else:
        top = max((b for b in bars if b[1] >= 10), key=lambda b: b[2] / b[1], default=None)
        reading = (f"{_count(len(bars), 'treating specialty', 'treating specialties')}; requests from "
                   f"{bars[0][0]} are disputed most ({_count(bars[0][1], 'item')}, {_rate(bars[0][2], bars[0][1])} "
                   "overturned)")
        reading += (f"; the highest overturn rate among specialties with 10 or more items is {top[0]}'s "
                    f"({_rate(top[2], top[1])})." if top else ".")
    return Panel("treating", "Outcome by treating physician's specialty", reading, [TREATING_QUERY],
                 [Chart(_outcome_bars(bars[:20]))] if bars else [],
                 note="The specialty of the physician who requested the treatment, from the letter's header.")


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
    requests = _requests_over_limit(graph.select(examples_query))
    table = (["request", "asked", "guideline limit", "times the limit", "outcome"],
             [[r["text"], r["asked"], r["limit"], r["times"], r["outcome"]] for r in requests[:TOP]])
    return Panel("limits", "Requests over guideline limits", reading, [LIMITS_QUERY, examples_query],
                 [Chart(_rate_bars(bars))], table if requests else None,
                 note=f"The table shows the {min(TOP, len(requests))} requests furthest over a limit their "
                      "rationale states, one row per request (its most exceeded limit)." if requests else "")


def _requests_over_limit(rows: list[dict]) -> list[dict]:
    """One entry per item from the (item, limit) rows, most exceeded first: the limit it exceeds most,
    and how many other stated limits it also exceeds."""
    requests: dict[str, dict] = {}
    for r in rows:  # the query ranks rows by quantity / maximum, largest first
        entry = requests.get(r["item"])
        if entry is not None:
            entry["others"] += 1
            continue
        limit = r["limitText"] or f"at most {r['maximum']:g}"
        requests[r["item"]] = {
            "text": r["text"], "asked": f"{r['quantity']:g} {r['unit'] or ''}".strip(), "limit": limit,
            "times": f"{r['quantity'] / r['maximum']:.1f}x" if r["maximum"] else "-",
            "outcome": str(r["outcome"]).rsplit("#", 1)[-1], "others": 0}
    for entry in requests.values():
        if entry["others"]:
            entry["limit"] += f" (and {_count(entry['others'], 'other limit')})"
    return list(requests.values())


def _influence_panel(graph) -> Panel:
    from imrgraph.analytics import CITATIONS_QUERY, CITES, SECTIONS_QUERY, influential_sections

    rows = influential_sections(graph, top=TOP)
    reading = (f"{rows[0]['label']} carries the most weight ({100 * rows[0]['pagerank']:.1f}% of the PageRank), "
               f"cited for {_count(rows[0]['items'], 'item')}." if rows else "No reviewer citations.")
    charts = []
    if rows:
        import plotly.graph_objects as go

        shown = rows[::-1]
        figure = go.Figure(go.Bar(
            y=[_short(r["label"]) for r in shown], x=[100 * r["pagerank"] for r in shown], orientation="h",
            marker_color="#3d6fb6",
            customdata=[[_plotly_text(r["label"]), r["items"], _rate(r["overturned"], r["items"])] for r in shown],
            hovertemplate="%{customdata[0]}<br>PageRank share %{x:.2f}%<br>cited for %{customdata[1]} items, "
                          "%{customdata[2]} overturned<extra></extra>"))
        _layout(figure, len(shown), xaxis_title="share of PageRank (%)")
        charts.append(Chart(figure))
    return Panel("influence", "Most influential guideline sections", reading,
                 [CITATIONS_QUERY.replace("CITES", CITES["reviewer"]), SECTIONS_QUERY], charts,
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
                 [TOP_SERVICES_QUERY, ITEM_SERVICES_QUERY], [],
                 (["service", "group", "co-citations", "sections (most connected first)"], table_rows)
                 if table_rows else None,
                 note="The six services with the most disputed items, up to four groups each.")


# ---------------------------------------------------------------------------------------------
# Charts (every string from the letters goes through _plotly_text or _short)


def _plotly_text(text) -> str:
    """Text drawn by plotly as written: its labels, titles and hover text understand a few HTML tags
    (<b>, <a href>, <span style>, <br>) and entities, so '&' and '<' are escaped for it."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _short(text, chars: int = LABEL_CHARS) -> str:
    """A bar label: escaped for plotly, cut at a word boundary (the hover shows the whole text)."""
    text = " ".join(str(text).split())
    if len(text) > chars:
        text = text[: chars - 1].rsplit(" ", 1)[0] + "…"
    return _plotly_text(text)


def _unique(labels: list[str]) -> list[str]:
    """Bar labels are plotly categories: two rows cut to the same label would share one bar."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def _layout(figure, bars: int, **axes) -> None:
    figure.update_layout(height=max(200, 26 * bars + 110), bargap=0.3,
                         margin={"l": 10, "r": 40, "t": 30, "b": 50},
                         plot_bgcolor="#ffffff", paper_bgcolor="#ffffff",
                         font={"family": "system-ui, sans-serif", "size": 12},
                         legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}, **axes)
    figure.update_xaxes(gridcolor="#e4e7eb", zeroline=False)
    figure.update_yaxes(automargin=True)


def _outcome_bars(bars: list[tuple[str, int, int]]):
    """Horizontal stacked bars (upheld, overturned) per label, largest on top, rate at the bar's end."""
    import plotly.graph_objects as go

    shown = bars[::-1]
    labels = _unique([_short(b[0]) for b in shown])
    full = [_plotly_text(b[0]) for b in shown]
    rates = [_rate(b[2], b[1]) for b in shown]
    figure = go.Figure([
        go.Bar(name="upheld", y=labels, x=[b[1] - b[2] for b in shown], orientation="h", marker_color=UPHELD_COLOR,
               customdata=full, hovertemplate="%{customdata}: %{x} upheld<extra></extra>"),
        go.Bar(name="overturned", y=labels, x=[b[2] for b in shown], orientation="h",
               marker_color=OVERTURNED_COLOR, text=rates, textposition="outside", cliponaxis=False,
               customdata=full, hovertemplate="%{customdata}: %{x} overturned (%{text})<extra></extra>"),
    ])
    _layout(figure, len(shown), xaxis_title="disputed items (the figure after each bar: share overturned)")
    figure.update_layout(barmode="stack", legend_traceorder="normal")
    # room after the longest bar for its rate
    figure.update_xaxes(range=[0, 1.15 * max((b[1] for b in bars), default=1)])
    return figure


def _timeline(periods: list[tuple[str, int, int]], axis: str):
    """Stacked bars of items per period with the overturn rate as a line on a second axis."""
    import plotly.graph_objects as go

    x = [p[0] for p in periods]
    figure = go.Figure([
        go.Bar(name="upheld", x=x, y=[p[1] - p[2] for p in periods], marker_color=UPHELD_COLOR,
               hovertemplate="%{x}: %{y} upheld<extra></extra>"),
        go.Bar(name="overturned", x=x, y=[p[2] for p in periods], marker_color=OVERTURNED_COLOR,
               hovertemplate="%{x}: %{y} overturned<extra></extra>"),
        go.Scatter(name="overturn rate", x=x, y=[100 * p[2] / p[1] for p in periods], yaxis="y2",
                   mode="lines+markers", line={"color": RATE_COLOR, "width": 2},
                   hovertemplate="%{x}: %{y:.1f}% overturned<extra></extra>"),
    ])
    figure.update_layout(barmode="stack", height=380, margin={"l": 10, "r": 10, "t": 30, "b": 50},
                         plot_bgcolor="#ffffff", paper_bgcolor="#ffffff",
                         font={"family": "system-ui, sans-serif", "size": 12},
                         legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,
                                 "traceorder": "normal"},
                         xaxis={"title": axis, "type": "category"},
                         yaxis={"title": "disputed items", "gridcolor": "#e4e7eb", "automargin": True},
                         yaxis2={"title": "overturned", "overlaying": "y", "side": "right", "ticksuffix": "%",
                                 "tickformat": ".0f", "rangemode": "tozero", "showgrid": False, "automargin": True})
    return figure


def _deadline_bars(days: dict[int, int], limit: int | None):
    """Letters per number of days; with a deadline, bars past it in another colour and a line at it."""
    import plotly.graph_objects as go

    xs = sorted(days)
    traces = []
    groups = [("within the deadline", [d for d in xs if d <= limit], ON_TIME_COLOR),
              ("past the deadline", [d for d in xs if d > limit], LATE_COLOR)] if limit is not None else [
        ("letters", xs, ON_TIME_COLOR)]
    for name, part, color in groups:
        if part:
            traces.append(go.Bar(name=name, x=part, y=[days[d] for d in part], marker_color=color,
                                 hovertemplate="%{x} days: %{y} letters<extra></extra>"))
    figure = go.Figure(traces)
    figure.update_layout(height=300, bargap=0.1, margin={"l": 10, "r": 10, "t": 30, "b": 50},
                         plot_bgcolor="#ffffff", paper_bgcolor="#ffffff",
                         font={"family": "system-ui, sans-serif", "size": 12},
                         legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
                         xaxis={"title": "days", "rangemode": "tozero"},
                         yaxis={"title": "letters", "gridcolor": "#e4e7eb", "automargin": True})
    if limit is not None:
        figure.add_vline(x=limit + 0.5, line={"color": "#52606d", "dash": "dash", "width": 1.5},
                         annotation_text=f"{limit} days", annotation_position="top right")
    return figure


def _rate_bars(bars: list[tuple[str, int, int]]):
    """Overturn rate per group, for groups of very different sizes (the size is in the label)."""
    import plotly.graph_objects as go

    shown = bars[::-1]
    rates = [100 * b[2] / b[1] for b in shown]
    figure = go.Figure(go.Bar(
        y=[_short(f"{b[0]} ({_count(b[1], 'item')})") for b in shown], x=rates, orientation="h",
        marker_color=OVERTURNED_COLOR, text=[f"{r:.1f}%" for r in rates], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x:.1f}% overturned<extra></extra>"))
    _layout(figure, len(shown), xaxis_title="share of items overturned")
    figure.update_xaxes(ticksuffix="%", range=[0, 1.15 * max(rates, default=1)])
    return figure


def _share_bars(pairs: list[tuple[str, int]], total: int, color: str, name: str):
    """The share of the upheld (or overturned) items citing each guideline unit."""
    import plotly.graph_objects as go

    shown = pairs[::-1]
    figure = go.Figure(go.Bar(
        y=_unique([_short(p[0]) for p in shown]), x=[100 * p[1] / total for p in shown], orientation="h",
        marker_color=color, customdata=[[_plotly_text(p[0]), p[1]] for p in shown],
        hovertemplate="%{customdata[0]}<br>%{customdata[1]} " + name + " items (%{x:.1f}%)<extra></extra>"))
    _layout(figure, len(shown), xaxis_title=f"share of {name} items citing it")
    figure.update_layout(showlegend=False)
    figure.update_xaxes(ticksuffix="%")
    return figure


# ---------------------------------------------------------------------------------------------
# Page


def render(report: Report, store_dir: Path) -> str:
    from plotly.offline import get_plotlyjs

    from imrgraph.templates import pages

    cards = [("letters", f"{report.letters:,}"), ("disputed items", f"{report.items:,}"),
             ("overturned", _rate(report.overturned, report.items)), ("guideline sections", f"{report.sections:,}")]
    panels = [{
        "anchor": p.anchor, "title": p.title, "reading": p.reading, "note": p.note, "queries": p.queries,
        "charts": [{"id": f"chart-{p.anchor}" + (f"-{i}" if i else ""), "heading": c.heading,
                    "figure": json.loads(c.figure.to_json())} for i, c in enumerate(p.charts)],
        "table": None if p.table is None else {"columns": p.table[0], "rows": p.table[1]},
    } for p in report.panels]
    generated = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    charts_js = (pages.FOLDER / "report.js").read_text(encoding="utf-8")
    return pages.render("report.html", scripts={"plotly": get_plotlyjs(), "charts": charts_js},
                        subtitle=f"{store_dir} - generated {generated}", cards=cards, panels=panels)


def write_report(store_dir: Path, out_file: Path, progress: Progress | None = None) -> None:
    """Writes the report of the store at store_dir into out_file (raises UserError without a store);
    `progress` hears each step."""
    from imrgraph import api
    from imrgraph.templates import pages

    graph = api.open_store(Path(store_dir))
    page = render(collect(graph, progress), Path(store_dir))
    if progress:
        progress(f"report: writing {out_file}")
    pages.write(Path(out_file), page)

