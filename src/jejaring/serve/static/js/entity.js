// Entity page: profile, partners grouped by relation type and status, events, a timeline,
// a mini-map of the entity and its partners, and the documents that mention it.
import {
  api, badge, el, entityLink, fail, relationLabel, status, statusLabel, t, typeLabel,
} from "./common.js";
import { drawMap } from "./geo.js";

const entityId = document.getElementById("entity").dataset.entityId;
const EXTERNAL = {
  wikidata: (id) => `https://www.wikidata.org/wiki/${id}`,
  geonames: (id) => `https://www.geonames.org/${id}`,
};

async function main() {
  status(t("loading"));
  try {
    const entity = await api(`/entities/${entityId}`);
    if (entity.merged_into) {
      window.location.replace(`/entities/${entity.merged_into.id ?? entity.merged_into}`);
      return;
    }
    render(entity);
    status("");
    await miniMap(entity);
  } catch (error) {
    fail(error);
  }
}

function render(entity) {
  document.title = `${entity.name} · Jejaring`;
  document.getElementById("entity-name").textContent = entity.name;
  document.getElementById("entity-meta").replaceChildren(
    badge(typeLabel(entity.type), `t-${entity.type}`), " ", entity.subtype ?? "", entity.country ? ` · ${entity.country}` : "");
  renderProfile(entity);
  renderPartners(entity.partners ?? {});
  renderTimeline(entity.timeline ?? []);
  list("events", entity.events ?? [], (event) => [
    el("a", { href: `/events/${event.id}` }, event.name), " ",
    el("span", { class: "meta" }, [event.type, [event.start, event.end].filter(Boolean).join(" – "), event.part].filter(Boolean).join(" · ")),
  ]);
  list("documents", entity.documents ?? [], (doc) => [
    el("a", { href: `/documents/${encodeURIComponent(doc.id)}` }, doc.title || doc.id), " ",
    el("span", { class: "meta" }, [doc.published, `${doc.mentions} ${t("mentions")}`].filter(Boolean).join(" · ")),
  ]);
}

function list(id, items, row) {
  const node = document.getElementById(id);
  node.replaceChildren(...(items.length ? items.map((item) => el("li", {}, row(item))) : [el("li", { class: "meta" }, "—")]));
}

function renderProfile(entity) {
  const rows = [];
  const add = (label, ...value) => rows.push(el("dt", {}, label), el("dd", {}, ...value));
  add(t("type"), typeLabel(entity.type), entity.subtype ? ` (${entity.subtype})` : "");
  if (entity.country) add(t("country"), entity.country);
  if (entity.jurisdiction) add("⊂", el("a", { href: `/entities/${entity.jurisdiction.id}` }, entity.jurisdiction.name));
  if (entity.aliases?.length) add("aka", entity.aliases.join(" · "));
  for (const [source, id] of Object.entries(entity.ids ?? {})) {
    if (id === null || id === undefined || id === "") continue;
    add(source, EXTERNAL[source] ? el("a", { href: EXTERNAL[source](id), rel: "noopener noreferrer" }, String(id)) : String(id));
  }
  if (entity.coordinates) add("⌖", `${entity.coordinates.lat.toFixed(3)}, ${entity.coordinates.lon.toFixed(3)}`);
  for (const role of entity.roles ?? []) add("•", role.title, role.organization ? [" — ", entityLink(role.organization)] : "");
  document.getElementById("profile").replaceChildren(...rows);
}

/** Partners by relation type, then by status within the type. */
function renderPartners(partners) {
  const groups = Object.entries(partners).filter(([, items]) => items.length);
  const box = document.getElementById("partners");
  if (!groups.length) {
    box.replaceChildren(el("p", { class: "meta" }, "—"));
    return;
  }
  box.replaceChildren(...groups.map(([type, items]) => {
    const byStatus = new Map();
    for (const item of items) {
      const key = item.status ?? "";
      if (!byStatus.has(key)) byStatus.set(key, []);
      byStatus.get(key).push(item);
    }
    return el("section", { class: `partner-group r-${type}` },
      el("h3", {}, el("span", { class: `swatch line r-${type}` }), relationLabel(type), el("span", { class: "meta" }, ` (${items.length})`)),
      ...[...byStatus].map(([state, members]) => el("div", {},
        el("p", { class: "meta" }, `${t("status")}: ${statusLabel(state || null)}`),
        el("ul", {}, members.map((member) => el("li", {}, entityLink(member.entity),
          member.entity.country ? el("span", { class: "meta" }, ` · ${member.entity.country}`) : "",
          ...(member.relations ?? []).map((id) => [" ", el("a", { href: `/relations/${id}`, class: "meta", "aria-label": `${t("open_fact")} #${id}` }, `#${id}`)])))))));
  }));
}

function renderTimeline(items) {
  const sorted = [...items].sort((a, b) => String(a.date ?? "").localeCompare(String(b.date ?? "")));
  list("timeline", sorted, (item) => [
    el("time", { datetime: item.date ?? "" }, item.date ?? "?"),
    el("a", { href: `/${item.kind}s/${item.id}` }, item.label),
  ]);
  document.querySelectorAll("#timeline li").forEach((node, index) => {
    if (sorted[index]) node.classList.add(`is-${sorted[index].kind}`);
  });
}

/** The entity and its direct partners, with the partnerships between them, on a small map. */
async function miniMap(entity) {
  const box = document.getElementById("mini-map");
  const graph = await api("/graph", { params: { entity: entity.id, depth: 1 } });
  const places = graph.nodes.filter((node) => node.lat !== null && node.lat !== undefined && node.lon !== null && node.lon !== undefined);
  const at = new Map(places.map((node) => [String(node.id), node]));
  const lines = graph.edges.filter((edge) => at.has(String(edge.source)) && at.has(String(edge.target))).map((edge) => ({
    ...edge, from: at.get(String(edge.source)), to: at.get(String(edge.target)),
  }));
  if (!places.length) {
    box.replaceChildren(el("p", { class: "meta" }, t("no_coordinates")));
    return;
  }
  box.replaceChildren(await drawMap({ places, lines, width: 480, height: 300, label: entity.name }));
}

main();
