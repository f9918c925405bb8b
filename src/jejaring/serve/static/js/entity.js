// Entity page: profile, partners grouped by relation type and status, events, a timeline,
// a mini-map of the entity and its partners, and the documents that mention it.
import {
  api, badge, canCurate, el, entityLink, eventTypeLabel, fail, me, partLabel, relationLabel, status, statusLabel, t,
  typeLabel, write,
} from "./common.js";
import { entityPicker, loadAudit, pickedId, renderAudit } from "./curate.js";
import { drawMap } from "./geo.js";

const entityId = document.getElementById("entity").dataset.entityId;
const EXTERNAL = {
  wikidata: (id) => `https://www.wikidata.org/wiki/${id}`,
  geonames: (id) => `https://www.geonames.org/${id}`,
};

async function main() {
  status(t("loading"));
  try {
    const entity = await load();
    if (!entity) return;
    const mergedFrom = new URLSearchParams(window.location.search).get("merged_from");
    status(mergedFrom ? t("merged_here", { id: mergedFrom }) : "");
    const { user } = await me();
    if (canCurate(user)) setUpCuration(entity);
    await miniMap(entity);
  } catch (error) {
    fail(error);
  }
}

/**
 * Fetch and show the profile and its audit log. The API answers a merged entity's address
 * with the survivor (a redirect the browser follows): then the page moves there too.
 */
async function load() {
  const entity = await api(`/entities/${entityId}`);
  const survivor = entity.merged_into?.id ?? entity.merged_into ?? (String(entity.id) !== String(entityId) ? entity.id : null);
  if (survivor) {
    window.location.replace(`/entities/${survivor}?merged_from=${entityId}`);
    return null;
  }
  render(entity);
  renderAudit(await loadAudit("entity", entity.id));
  return entity;
}

function render(entity) {
  document.title = `${entity.name} · Jejaring`;
  document.getElementById("entity-name").textContent = entity.name;
  document.getElementById("entity-meta").replaceChildren(
    badge(typeLabel(entity.type), `t-${entity.type}`), " ", entity.subtype ?? "", entity.country ? ` · ${entity.country}` : "");
  renderProfile(entity);
  const relations = new Map((entity.relations ?? []).map((relation) => [relation.id, relation]));
  renderPartners(entity.partners ?? {}, relations);
  renderTimeline(entity.timeline ?? [], relations);
  list("events", entity.events ?? [], (event) => [
    el("a", { href: `/events/${event.id}` }, event.name), " ",
    el("span", { class: "meta" }, [eventTypeLabel(event.type), [event.start, event.end].filter(Boolean).join(" – "), event.part && partLabel(event.part)].filter(Boolean).join(" · ")),
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
  if (entity.jurisdiction) add(t("part_of"), el("a", { href: `/entities/${entity.jurisdiction.id}` }, entity.jurisdiction.name));
  if (entity.aliases?.length) add(t("aliases"), entity.aliases.join(" · "));
  for (const [source, id] of Object.entries(entity.ids ?? {})) {
    if (id === null || id === undefined || id === "") continue;
    add(source, EXTERNAL[source] ? el("a", { href: EXTERNAL[source](id), rel: "noopener noreferrer" }, String(id)) : String(id));
  }
  if (entity.coordinates) add(t("coordinates"), `${entity.coordinates.lat.toFixed(3)}, ${entity.coordinates.lon.toFixed(3)}`);
  for (const role of entity.roles ?? []) add("•", role.title, role.organization ? [" — ", entityLink(role.organization)] : "");
  document.getElementById("profile").replaceChildren(...rows);
}

/** A relation's link; one added by hand also shows the note on its source. */
function relationRef(id, relations) {
  const relation = relations.get(id);
  const link = el("a", { href: `/relations/${id}`, class: "meta", "aria-label": `${t("open_fact")} #${id}` }, `#${id}`);
  if (relation?.origin !== "manual") return [" ", link];
  return [" ", link, " ", el("span", { class: "source-note" }, `${t("added_by_hand")}: ${relation.attributes?.source_note ?? ""}`)];
}

/** Partners by relation type, then by status within the type. */
function renderPartners(partners, relations) {
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
          ...(member.relations ?? []).map((id) => relationRef(id, relations))))))));
  }));
}

/** Timeline items; a relation's label names its type in the interface language. */
function renderTimeline(items, relations) {
  const sorted = [...items].sort((a, b) => String(a.date ?? "").localeCompare(String(b.date ?? "")));
  const label = (item) => {
    const relation = item.kind === "relation" && relations.get(item.id);
    return relation ? `${relationLabel(relation.type)}: ${relation.subject.name} – ${relation.object.name}` : item.label;
  };
  list("timeline", sorted, (item) => [
    el("time", { datetime: item.date ?? "" }, item.date ?? "?"),
    el("a", { href: `/${item.kind}s/${item.id}` }, label(item)),
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

/** The editor's tools: merge this entity into another, split some mentions off into a new one. */
function setUpCuration(entity) {
  document.getElementById("curation").hidden = false;
  const mergeForm = document.getElementById("merge-form");
  document.getElementById("merge-picker").replaceChildren(
    entityPicker({ name: "keep_id", legend: t("merge_target"), exclude: entity.id }));
  mergeForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const outcome = document.getElementById("merge-outcome");
    const keep = pickedId(mergeForm, "keep_id");
    if (!keep) {
      outcome.textContent = t("choose_entity");
      return;
    }
    try {
      await write("/entities/merge", "POST", { keep_id: keep, merge_ids: [entity.id], reason: mergeForm.elements.reason.value || null });
      window.location.assign(`/entities/${keep}?merged_from=${entity.id}`);
    } catch (error) {
      outcome.textContent = error.message;
    }
  });
  const splitBox = document.getElementById("split-box");
  const splitForm = document.getElementById("split-form");
  splitBox.addEventListener("toggle", () => {
    if (splitBox.open && !splitForm.dataset.loaded) loadMentions(entity).catch(fail);
  });
  splitForm.addEventListener("submit", (event) => {
    event.preventDefault();
    splitOff(entity.id, splitForm).catch(fail);
  });
}

const MAX_SPLIT_DOCUMENTS = 20;
const CONTEXT = 60;

/** The entity's mentions in its documents, each with the words around it, as checkboxes. */
async function loadMentions(entity) {
  const box = document.getElementById("split-mentions");
  const form = document.getElementById("split-form");
  box.replaceChildren(el("p", { class: "meta" }, t("loading")));
  const documents = await Promise.all((entity.documents ?? []).slice(0, MAX_SPLIT_DOCUMENTS)
    .map((doc) => api(`/documents/${encodeURIComponent(doc.id)}`)));
  const groups = documents.map((doc) => {
    const mentions = doc.mentions.filter((mention) => String(mention.entity_id) === String(entity.id));
    if (!mentions.length) return null;
    return el("div", { class: "mention-doc" },
      el("p", { class: "meta" }, el("a", { href: `/documents/${encodeURIComponent(doc.id)}` }, doc.title || doc.id)),
      mentions.map((mention) => el("label", { class: "mention-option" },
        el("input", { type: "checkbox", name: "mention", value: mention.id }), " ",
        ...inContext(doc.text, mention))));
  }).filter(Boolean);
  box.replaceChildren(...(groups.length ? groups : [el("p", { class: "meta" }, t("no_results"))]));
  form.dataset.loaded = "true";
}

/** A mention marked within the whole words around it. */
function inContext(text, { start, end }) {
  const before = text.slice(Math.max(0, start - CONTEXT), start);
  const after = text.slice(end, end + CONTEXT);
  return [
    start > CONTEXT ? before.replace(/^\S*\s/, "…") : before,
    el("mark", {}, text.slice(start, end)),
    end + CONTEXT < text.length ? after.replace(/\s\S*$/, "…") : after,
  ];
}

async function splitOff(id, form) {
  const outcome = document.getElementById("split-outcome");
  const mentionIds = [...form.querySelectorAll("input[name=mention]:checked")].map((input) => Number(input.value));
  if (!mentionIds.length) {
    outcome.textContent = t("choose_mentions");
    return;
  }
  try {
    const created = await write(`/entities/${id}/split`, "POST", {
      mention_ids: mentionIds, name: form.elements.name.value.trim(), reason: form.elements.reason.value || null,
    });
    outcome.replaceChildren(t("split_done"), " ", entityLink(created));
    delete form.dataset.loaded;
    form.elements.name.value = "";
    const entity = await load();
    if (entity) await loadMentions(entity);
  } catch (error) {
    outcome.textContent = error.message;
  }
}

main();
