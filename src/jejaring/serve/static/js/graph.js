// Graph explorer: start from an entity or a search, expand neighbours, filter by relation
// type, theme and date range. Node colour by entity type, edge colour by relation type and
// line style by status — the same palette as the document view and the map.
/* global cytoscape */
import {
  api, badge, el, entityColour, fail, fillThemeSelects, formParams, relationColour, relationLabel,
  rememberInUrl, restoreFromUrl, status, statusDash, statusLabel, t, typeLabel,
} from "./common.js";

const form = document.getElementById("graph-form");
const entityInput = document.getElementById("entity-input");
const entityIdField = document.getElementById("entity-id");
const MAX_NODES = 300;
let cy = null;

function style() {
  return [
    { selector: "node", style: {
      "background-color": (node) => entityColour(node.data("type")),
      label: "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
      "text-wrap": "ellipsis", "text-max-width": 110, width: "data(size)", height: "data(size)",
      "border-width": 1, "border-color": "#fff", color: "#1d1f21",
    } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#ff9f1c" } },
    { selector: "node.start", style: { "border-width": 3, "border-color": "#1d1f21" } },
    { selector: "edge", style: {
      "line-color": (edge) => relationColour(edge.data("type")),
      "line-style": (edge) => statusDash(edge.data("status")),
      width: (edge) => 1.5 + 2 * (edge.data("confidence") ?? 0.5), "curve-style": "bezier", opacity: 0.85,
    } },
    { selector: "edge:selected", style: { width: 5, opacity: 1 } },
  ];
}

function toElements(graph) {
  const nodes = graph.nodes.map((node) => ({
    group: "nodes",
    data: { ...node, id: String(node.id), size: 14 + Math.min(26, 4 * Math.sqrt(node.degree ?? 1)) },
  }));
  const edges = graph.edges.map((edge) => ({
    group: "edges",
    data: { ...edge, id: `e${edge.id}`, relationId: edge.id, source: String(edge.source), target: String(edge.target) },
  }));
  return [...nodes, ...edges];
}

function requestParams(extra = {}) {
  const params = formParams(form);
  delete params.entity_name;
  return { max_nodes: MAX_NODES, ...params, ...extra };
}

/** Replace the graph with the answer for the form's current start and filters. */
async function load() {
  const params = requestParams();
  rememberInUrl({ ...params, entity_name: entityInput.value || undefined, max_nodes: undefined });
  status(t("loading"));
  const graph = await api("/graph", { params });
  cy.elements().remove();
  cy.add(toElements(graph));
  if (params.entity) cy.getElementById(String(params.entity)).addClass("start");
  await layout();
  report(graph);
  renderNodeList();
  return graph;
}

/** Add the neighbours of one node, with the same filters, and lay the graph out again. */
async function expand(id) {
  status(t("loading"));
  const params = requestParams({ entity: id, depth: 1, q: undefined });
  delete params.q;
  const graph = await api("/graph", { params });
  const fresh = toElements(graph).filter((item) => cy.getElementById(item.data.id).empty());
  cy.add(fresh);
  await layout();
  report({ ...graph, nodes: cy.nodes(), edges: cy.edges() });
  renderNodeList();
}

function layout() {
  return new Promise((resolve) => {
    const run = cy.layout({ name: "cose", animate: false, randomize: true, nodeRepulsion: 9000, idealEdgeLength: 80, padding: 20 });
    run.one("layoutstop", () => {
      // A few nodes would otherwise fill the canvas at a huge zoom.
      if (cy.zoom() > 1.6) {
        cy.zoom(1.6);
        cy.center();
      }
      resolve();
    });
    run.run();
  });
}

function report(graph) {
  const message = t("nodes_edges", { nodes: cy.nodes().length, edges: cy.edges().length });
  status(graph.truncated ? `${message}. ${t("truncated", { max: graph.max_nodes ?? MAX_NODES })}` : cy.nodes().length ? message : t("no_results"));
}

function select(node) {
  cy.elements().unselect();
  node.select();
  const data = node.data();
  const edges = node.connectedEdges();
  const expandButton = el("button", { type: "button" }, t("expand"));
  expandButton.addEventListener("click", () => expand(data.id).catch(fail));
  document.getElementById("selection").replaceChildren(
    el("h3", {}, data.label),
    el("p", {}, badge(typeLabel(data.type), `t-${data.type}`), " ", data.subtype ?? "", data.country ? ` · ${data.country}` : ""),
    el("ul", { class: "plain-list" }, edges.map((edge) => {
      const other = edge.source().id() === data.id ? edge.target() : edge.source();
      return el("li", {}, el("span", { class: `swatch line r-${edge.data("type")}` }), `${relationLabel(edge.data("type"))} (${statusLabel(edge.data("status"))}) `,
        other.data("label"), " ", el("a", { href: `/relations/${edge.data("relationId")}` }, `#${edge.data("relationId")}`));
    })),
    el("p", {}, expandButton, " ", el("a", { href: `/entities/${data.id}` }, t("open_entity"))),
  );
}

function renderNodeList() {
  const nodes = cy.nodes().sort((a, b) => (b.data("degree") ?? 0) - (a.data("degree") ?? 0));
  document.getElementById("node-list").replaceChildren(...nodes.map((node) => {
    const button = el("button", { type: "button", class: "secondary" }, node.data("label"));
    button.addEventListener("click", () => {
      select(node);
      cy.animate({ center: { eles: node } }, { duration: 200 });
    });
    return el("li", {}, el("span", { class: `swatch t-${node.data("type")}` }), button);
  }));
}

/** Suggest entities while typing; the chosen name's id becomes the start. */
let suggestions = new Map();
async function suggest() {
  const text = entityInput.value.trim();
  entityIdField.value = suggestions.get(text) ?? "";
  if (text.length < 2 || suggestions.has(text)) return;
  const answer = await api("/entities", { params: { q: text, limit: 10 } }).catch(() => ({ data: [] }));
  suggestions = new Map(answer.data.map((entity) => [entity.name, entity.id]));
  document.getElementById("entity-options").replaceChildren(...answer.data.map((entity) => el("option", { value: entity.name }, typeLabel(entity.type))));
  entityIdField.value = suggestions.get(text) ?? "";
}

async function resolveStart() {
  const text = entityInput.value.trim();
  if (!text) {
    entityIdField.value = "";
    return;
  }
  if (!entityIdField.value) {
    const answer = await api("/entities", { params: { q: text, limit: 1 } });
    entityIdField.value = answer.data[0]?.id ?? "";
  }
}

async function main() {
  cy = cytoscape({ container: document.getElementById("graph"), style: style(), wheelSensitivity: 0.3, minZoom: 0.2, maxZoom: 4 });
  cy.on("tap", "node", (event) => select(event.target));
  restoreFromUrl(form);
  entityInput.addEventListener("input", suggest);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    resolveStart().then(load).catch(fail);
  });
  const themes = fillThemeSelects(new URLSearchParams(window.location.search).get("theme") ?? "").catch(() => []);
  try {
    if (entityIdField.value && !entityInput.value) {
      const entity = await api(`/entities/${entityIdField.value}`);
      entityInput.value = entity.name;
    }
    await load();
    const first = cy.getElementById(entityIdField.value || "");
    if (first.nonempty()) select(first);
    // First load, from navigation start to a laid-out graph: read by the browser test.
    document.body.dataset.graphReadyMs = String(Math.round(performance.now()));
  } catch (error) {
    fail(error);
    document.body.dataset.graphReadyMs = "-1";
  }
  await themes;
}

main();
