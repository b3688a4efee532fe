"""GraphML and GEXF: the property graph (`property_graph.py`) as XML for networkx, Gephi, Cytoscape,
yEd. Written as a stream: all nodes, then all edges. Lists are JSON arrays in a string attribute;
characters XML 1.0 cannot carry (control characters in letter text) become U+FFFD."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from imrgraph.export.property_graph import EdgeSpool, Property, PropertyGraph

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
GRAPHML_TYPES = {"string": "string", "integer": "long", "float": "double", "boolean": "boolean",
                 "date": "string"}
GEXF_TYPES = {"string": "string", "integer": "long", "float": "double", "boolean": "boolean",
              "date": "string"}
# fixed columns every node carries, ahead of the data properties
KIND = Property("kind", "string", False)
NAME = Property("name", "string", False)


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = json.dumps(value, ensure_ascii=False)
    return _NOT_XML.sub("\ufffd", str(value))


def _attr_type(prop: Property, table: dict[str, str]) -> str:
    return "string" if prop.is_list else table[prop.type]


def write_graphml(graph: PropertyGraph, path: Path) -> dict:
    properties = graph.property_types()
    node_keys = {"kind": "d_kind", "name": "d_name"} | {key: f"d_{i}" for i, key in enumerate(properties)}
    with open(path, "w", encoding="utf-8") as out, EdgeSpool() as spool:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                  'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                  'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for key, prop in [("kind", KIND), ("name", NAME), *properties.items()]:
            out.write(f'  <key id="{node_keys[key]}" for="node" attr.name={quoteattr(key)} '
                      f'attr.type="{_attr_type(prop, GRAPHML_TYPES)}"/>\n')
        out.write('  <key id="e_label" for="edge" attr.name="label" attr.type="string"/>\n'
                  '  <graph id="imrgraph" edgedefault="directed">\n')
        for node in graph.nodes(spool):
            out.write(f"    <node id={quoteattr(_text(node.id))}>"
                      f'<data key="d_kind">{escape(node.kind)}</data>'
                      f'<data key="d_name">{escape(_text(node.name))}</data>')
            for key, value in node.properties.items():
                out.write(f'<data key="{node_keys[key]}">{escape(_text(value))}</data>')
            out.write("</node>\n")
        edges = 0
        for edge in spool:
            out.write(f"    <edge id=\"e{edges}\" source={quoteattr(_text(edge.source))} "
                      f"target={quoteattr(_text(edge.target))}>"
                      f'<data key="e_label">{edge.type}</data></edge>\n')
            edges += 1
        out.write("  </graph>\n</graphml>\n")
    return {"nodes": graph.node_count, "edges": edges}


def write_gexf(graph: PropertyGraph, path: Path) -> dict:
    """GEXF 1.2: node `label` is the readable name; `kind` and the properties are attributes."""
    properties = graph.property_types()
    columns = [("kind", KIND), *properties.items()]
    ids = {key: str(i) for i, (key, _) in enumerate(columns)}
    with open(path, "w", encoding="utf-8") as out, EdgeSpool() as spool:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n'
                  '  <meta><creator>imrgraph</creator><description>IMR determination letters as a '
                  'knowledge graph</description></meta>\n'
                  '  <graph mode="static" defaultedgetype="directed">\n'
                  '    <attributes class="node" mode="static">\n')
        for key, prop in columns:
            out.write(f'      <attribute id="{ids[key]}" title={quoteattr(key)} '
                      f'type="{_attr_type(prop, GEXF_TYPES)}"/>\n')
        out.write("    </attributes>\n    <nodes>\n")
        for node in graph.nodes(spool):
            out.write(f"      <node id={quoteattr(_text(node.id))} label={quoteattr(_text(node.name))}>"
                      f'<attvalues><attvalue for="{ids["kind"]}" value={quoteattr(node.kind)}/>')
            for key, value in node.properties.items():
                out.write(f'<attvalue for="{ids[key]}" value={quoteattr(_text(value))}/>')
            out.write("</attvalues></node>\n")
        out.write("    </nodes>\n    <edges>\n")
        edges = 0
        for edge in spool:
            out.write(f'      <edge id="{edges}" source={quoteattr(_text(edge.source))} '
                      f'target={quoteattr(_text(edge.target))} label="{edge.type}"/>\n')
            edges += 1
        out.write("    </edges>\n  </graph>\n</gexf>\n")
    return {"nodes": graph.node_count, "edges": edges}
