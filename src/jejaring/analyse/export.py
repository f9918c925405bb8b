"""Exports of a graph for other tools: GraphML, GEXF, JSON-LD and CSV nodes/edges.

GraphML and GEXF open in Gephi and networkx (``read_graphml``/``read_gexf``);
the CSV pair opens in spreadsheets and Gephi's import wizard; JSON-LD uses
schema.org types with Wikidata and GeoNames URIs as ``sameAs``. Each takes
the ``Graph`` of ``analyse.neighbourhood`` and returns text.
"""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree as ET

from jejaring.analyse.neighbourhood import Graph

NODE_FIELDS = ("id", "label", "type", "subtype", "country", "lat", "lon", "degree")
EDGE_FIELDS = ("id", "source", "target", "type", "status", "date", "confidence")
MEDIA_TYPES = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "jsonld": "application/ld+json",
    "nodes.csv": "text/csv",
    "edges.csv": "text/csv",
}
SCHEMA_TYPES = {"place": "Place", "organization": "Organization", "person": "Person"}
_XML_TYPES = {"lat": "double", "lon": "double", "degree": "int", "confidence": "double"}


def export(graph: Graph, fmt: str) -> str:
    """The graph as ``fmt`` (one of ``MEDIA_TYPES``)."""
    return WRITERS[fmt](graph)


def _value(value) -> str:
    return "" if value is None else str(value)


def graphml(graph: Graph) -> str:
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    for domain, fields in (("node", NODE_FIELDS[1:]), ("edge", EDGE_FIELDS[3:])):
        for name in fields:
            ET.SubElement(
                root,
                "key",
                {
                    "id": f"{domain[0]}_{name}",
                    "for": domain,
                    "attr.name": name,
                    "attr.type": _XML_TYPES.get(name, "string"),
                },
            )
    body = ET.SubElement(root, "graph", id="jejaring", edgedefault="directed")
    for node in graph.nodes:
        element = ET.SubElement(body, "node", id=f"n{node['id']}")
        for name in NODE_FIELDS[1:]:
            if node.get(name) is not None:
                ET.SubElement(element, "data", key=f"n_{name}").text = _value(node[name])
    for edge in graph.edges:
        element = ET.SubElement(
            body,
            "edge",
            id=f"e{edge['id']}",
            source=f"n{edge['source']}",
            target=f"n{edge['target']}",
        )
        for name in EDGE_FIELDS[3:]:
            if edge.get(name) is not None:
                ET.SubElement(element, "data", key=f"e_{name}").text = _value(edge[name])
    return _xml(root)


def gexf(graph: Graph) -> str:
    root = ET.Element("gexf", xmlns="http://gexf.net/1.3", version="1.3")
    body = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    for domain, fields in (("node", NODE_FIELDS[2:]), ("edge", EDGE_FIELDS[3:])):
        attributes = ET.SubElement(body, "attributes", {"class": domain})
        for name in fields:
            ET.SubElement(
                attributes,
                "attribute",
                id=f"{domain[0]}_{name}",
                title=name,
                type=_XML_TYPES.get(name, "string"),
            )
    nodes = ET.SubElement(body, "nodes")
    for node in graph.nodes:
        element = ET.SubElement(nodes, "node", id=f"n{node['id']}", label=node["label"])
        _gexf_values(element, "n", node, NODE_FIELDS[2:])
    edges = ET.SubElement(body, "edges")
    for edge in graph.edges:
        element = ET.SubElement(
            edges,
            "edge",
            id=f"e{edge['id']}",
            source=f"n{edge['source']}",
            target=f"n{edge['target']}",
            label=edge["type"],
        )
        _gexf_values(element, "e", edge, EDGE_FIELDS[3:])
    return _xml(root)


def _gexf_values(element, prefix: str, item: dict, fields: tuple[str, ...]) -> None:
    values = ET.SubElement(element, "attvalues")
    for name in fields:
        if item.get(name) is not None:
            ET.SubElement(
                values, "attvalue", {"for": f"{prefix}_{name}", "value": _value(item[name])}
            )


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def same_as(ids: dict) -> list[str]:
    """Linked-data URIs for an entity's knowledge-base identifiers."""
    links = []
    if ids.get("wikidata"):
        links.append(f"http://www.wikidata.org/entity/{ids['wikidata']}")
    if ids.get("geonames"):
        links.append(f"https://sws.geonames.org/{ids['geonames']}/")
    return links


def jsonld(graph: Graph) -> str:
    items = []
    for node in graph.nodes:
        item = {
            "@id": f"jejaring:entity/{node['id']}",
            "@type": SCHEMA_TYPES.get(node["type"], "Thing"),
            "name": node["label"],
        }
        if node.get("country"):
            item["addressCountry"] = node["country"]
        if node.get("lat") is not None:
            item["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": node["lat"],
                "longitude": node["lon"],
            }
        links = same_as(node.get("ids") or {})
        if links:
            item["sameAs"] = links
        items.append(item)
    for edge in graph.edges:
        item = {
            "@id": f"jejaring:relation/{edge['id']}",
            "@type": "Role",
            "roleName": edge["type"],
            "agent": {"@id": f"jejaring:entity/{edge['source']}"},
            "object": {"@id": f"jejaring:entity/{edge['target']}"},
        }
        if edge.get("date"):
            item["startDate"] = edge["date"]
        if edge.get("status"):
            item["description"] = edge["status"]
        items.append(item)
    document = {
        "@context": {"@vocab": "https://schema.org/", "jejaring": "urn:jejaring:"},
        "@graph": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def _csv(rows: list[dict], fields: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _value(row.get(k)) for k in fields} for row in rows)
    return buffer.getvalue()


def nodes_csv(graph: Graph) -> str:
    # Gephi's import wizard recognises Id and Label columns.
    header = ("Id", "Label", *NODE_FIELDS[2:])
    rows = [{"Id": n["id"], "Label": n["label"], **n} for n in graph.nodes]
    return _csv(rows, header)


def edges_csv(graph: Graph) -> str:
    header = ("Id", "Source", "Target", *EDGE_FIELDS[3:])
    rows = [{"Id": e["id"], "Source": e["source"], "Target": e["target"], **e} for e in graph.edges]
    return _csv(rows, header)


WRITERS = {
    "graphml": graphml,
    "gexf": gexf,
    "jsonld": jsonld,
    "nodes.csv": nodes_csv,
    "edges.csv": edges_csv,
}
