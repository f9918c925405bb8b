// Curation widgets shared by the review queue, the fact pages, the entity page and the form for
// a fact added by hand: an entity picker, accept / reject / edit controls, an event's
// participants, and the audit log.
import {
  EVENT_TYPES, PARTS, RELATION_TYPES, STATUSES, actionLabel, api, badge, el, entityLink, eventTypeLabel, partLabel,
  relationLabel, stateLabel, statusLabel, t, typeLabel, write,
} from "./common.js";

/** <option>s for a vocabulary, labelled in the interface language; blank adds a "—" choice. */
export function options(values, label, current = "", { blank = false } = {}) {
  return [...(blank ? [""] : []), ...values].map((value) =>
    el("option", { value, selected: value === (current ?? "") }, value ? label(value) : "—"));
}

export const relationTypeOptions = (current) => options(RELATION_TYPES, relationLabel, current);
export const statusOptions = (current) => options(STATUSES, statusLabel, current, { blank: true });
export const eventTypeOptions = (current) => options(EVENT_TYPES, eventTypeLabel, current);

let pickerCount = 0;

/**
 * An entity chosen by searching its name: a search box, a Find button (Enter in the box does
 * the same, without submitting the form) and the matches as radio buttons named `name`, so the
 * arrow keys move between them. `current` starts chosen; `exclude` is never offered.
 */
export function entityPicker({ name, legend, current = null, exclude = null }) {
  const id = `picker-${++pickerCount}`;
  const query = el("input", { type: "search", id, autocomplete: "off", class: "picker-query", dataset: { picker: name } });
  const find = el("button", { type: "button", class: "secondary" }, t("find"));
  const results = el("div", { class: "picker-results", "aria-live": "polite" });
  let chosen = current;
  const option = (entity) => {
    const input = el("input", { type: "radio", name, value: entity.id, checked: chosen?.id === entity.id });
    input.addEventListener("change", () => { chosen = entity; });
    return el("label", { class: "picker-option" }, input, " ", badge(typeLabel(entity.type), `t-${entity.type}`), " ",
      entity.name, el("span", { class: "meta" }, `${entity.country ? ` · ${entity.country}` : ""} · #${entity.id}`));
  };
  const show = (found) => {
    const list = chosen && !found.some((entity) => entity.id === chosen.id) ? [chosen, ...found] : found;
    results.replaceChildren(...(list.length ? list.map(option) : [el("p", { class: "meta" }, t("no_results"))]));
  };
  const search = async () => {
    const q = query.value.trim();
    if (!q) return;
    results.replaceChildren(el("p", { class: "meta" }, t("loading")));
    try {
      const answer = await api("/entities", { params: { q, limit: 8 } });
      show(answer.data.filter((entity) => String(entity.id) !== String(exclude)));
    } catch (error) {
      results.replaceChildren(el("p", { class: "error" }, error.message));
    }
  };
  query.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      search();
    }
  });
  find.addEventListener("click", search);
  if (current) show([]);
  return el("fieldset", { class: "picker" }, el("legend", {}, legend),
    el("label", { for: id }, t("search_by_name")), el("div", { class: "picker-row" }, query, find), results);
}

/** The entity id chosen in a picker of `form`, or null. */
export function pickedId(form, name) {
  const input = form.querySelector(`input[type=radio][name="${name}"]:checked`);
  return input ? Number(input.value) : null;
}

const dateInput = (name, value, label) =>
  el("label", {}, `${label} `, el("input", { name, value: value ?? "", size: 10, inputmode: "numeric", placeholder: "2024-05" }));

/**
 * The fields an editor may change, with the fact's values: for a relation its type, status, date
 * and endpoints; for an event its name, type and dates, and its place where the fact carries one
 * (the event's page does, the review queue's brief does not).
 */
function editFields(kind, fact) {
  if (kind === "relation") {
    return [
      el("label", {}, `${t("type")} `, el("select", { name: "type" }, relationTypeOptions(fact.type))),
      el("label", {}, `${t("status")} `, el("select", { name: "status" }, statusOptions(fact.status))),
      dateInput("date", fact.date, t("date")),
      entityPicker({ name: "subject_id", legend: t("subject"), current: fact.subject }),
      entityPicker({ name: "object_id", legend: t("object"), current: fact.object }),
    ];
  }
  return [
    el("label", {}, `${t("name")} `, el("input", { name: "name", value: fact.name ?? "" })),
    el("label", {}, `${t("type")} `, el("select", { name: "type" }, eventTypeOptions(fact.type))),
    dateInput("start", fact.start, t("start")),
    dateInput("end", fact.end, t("end")),
    ...("location" in fact ? [entityPicker({ name: "location_id", legend: t("location"), current: fact.location })] : []),
  ];
}

/** The fields of the edit form whose value differs from the fact's. */
function changedFields(kind, fact, form) {
  const original = kind === "relation"
    ? { type: fact.type, status: fact.status, date: fact.date, subject_id: fact.subject?.id, object_id: fact.object?.id }
    : { name: fact.name, type: fact.type, start: fact.start, end: fact.end, ...("location" in fact ? { location_id: fact.location?.id } : {}) };
  const changes = {};
  for (const [key, before] of Object.entries(original)) {
    const after = key.endsWith("_id") ? pickedId(form, key) : form.elements[key].value.trim() || null;
    if (String(after ?? "") !== String(before ?? "")) changes[key] = after;
  }
  return changes;
}

/**
 * Accept, reject and edit controls for one relation or event, with one reason for all three.
 * `onDone(action, outcome)` runs after a change was saved (outcome is the message line).
 */
export function factActions(kind, fact, { onDone = () => {} } = {}) {
  const path = `/${kind}s/${fact.id}`;
  const reason = el("input", { name: "reason", "aria-label": t("reason"), placeholder: t("reason") });
  const outcome = el("p", { class: "outcome", role: "status" });
  const saved = (message, action) => {
    outcome.replaceChildren(message);
    onDone(action, outcome);
  };
  const act = async (action) => {
    try {
      await write(`${path}/${action}`, "POST", { reason: reason.value || null });
      saved(t(action === "accept" ? "accepted" : "rejected"), action);
    } catch (error) {
      outcome.textContent = error.message;
    }
  };
  const form = el("form", { class: "edit-form", hidden: true }, ...editFields(kind, fact), el("button", { type: "submit" }, t("save")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const changes = changedFields(kind, fact, form);
    if (!Object.keys(changes).length) {
      outcome.textContent = t("nothing_changed");
      return;
    }
    try {
      await write(path, "PATCH", { ...changes, reason: reason.value || null });
      form.hidden = true;
      saved(t("saved"), "edit");
    } catch (error) {
      outcome.textContent = error.message;
    }
  });
  const button = (label, action, cls = "") => el("button", { type: "button", class: cls, onclick: action }, label);
  const edit = button(t("edit"), () => {
    form.hidden = !form.hidden;
    edit.setAttribute("aria-expanded", String(!form.hidden));
    if (!form.hidden) form.querySelector("input, select")?.focus();
  }, "secondary");
  edit.setAttribute("aria-expanded", "false");
  return el("div", { class: "fact-actions" },
    el("div", { class: "review-actions" }, reason,
      button(t("accept"), () => act("accept")),
      button(t("reject"), () => act("reject"), "secondary"),
      edit),
    form, outcome);
}

/**
 * An event's participants for an editor: each with a Remove button, and a form that adds one
 * (the entity picked by name, its part, a role if any). One reason serves both; every change is
 * one audit entry. `onDone(outcome)` runs after a change was saved (outcome is the message line).
 */
export function participantEditor(fact, { onDone = () => {} } = {}) {
  const path = `/events/${fact.id}/participants`;
  const reasonId = `participant-reason-${fact.id}`;
  // Not name="reason": the accept / reject / edit controls above have that one.
  const reason = el("input", { id: reasonId, class: "wide-input participant-reason" });
  const outcome = el("p", { class: "outcome", role: "status" });
  const change = async (message, send) => {
    try {
      await send();
      outcome.replaceChildren(message);
      onDone(outcome);
    } catch (error) {
      outcome.textContent = error.message;
    }
  };
  const remove = (participant) => {
    const query = new URLSearchParams({ part: participant.part, ...(reason.value ? { reason: reason.value } : {}) });
    return change(t("participant_removed"), () => write(`${path}/${participant.entity.id}?${query}`, "DELETE"));
  };
  const item = (participant) => el("li", { dataset: { entity: participant.entity.id, part: participant.part } },
    el("span", {}, entityLink(participant.entity), ` · ${partLabel(participant.part)}`, participant.role ? ` (${participant.role})` : ""),
    el("button", {
      type: "button", class: "secondary", onclick: () => remove(participant),
      "aria-label": t("remove_participant", { name: participant.entity.name, part: partLabel(participant.part) }),
    }, t("remove")));
  const participants = fact.participants ?? [];
  const list = participants.length
    ? el("ul", { class: "plain-list participant-list" }, participants.map(item))
    : el("p", { class: "meta" }, t("no_participants"));
  const form = el("form", { class: "participant-form" },
    entityPicker({ name: "participant_id", legend: t("add_participant") }),
    el("label", {}, `${t("part")} `, el("select", { name: "part" }, options(PARTS, partLabel, "participant"))),
    el("label", {}, `${t("role")} `, el("input", { name: "role", maxlength: 64, placeholder: t("role_example") })),
    el("button", { type: "submit" }, t("add")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const entityId = pickedId(form, "participant_id");
    if (!entityId) {
      outcome.textContent = t("choose_entity");
      return;
    }
    const body = { entity_id: entityId, part: form.elements.part.value, role: form.elements.role.value.trim() || null };
    change(t("participant_added"), () => write(path, "POST", { ...body, reason: reason.value || null }));
  });
  const headingId = `participants-title-${fact.id}`;
  return el("section", { class: "participants-editor", "aria-labelledby": headingId },
    el("h3", { id: headingId }, t("participants")),
    el("label", { for: reasonId }, t("reason")), reason,
    list, form, outcome);
}

const show = (value) => (value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value));

/** A logged field value in words where it comes from a vocabulary (type, status, review state). */
function shown(kind, key, value) {
  if (value === null || value === undefined || value === "") return "—";
  if (key === "type") return kind === "event" ? eventTypeLabel(value) : relationLabel(value);
  if (key === "status") return statusLabel(value);
  if (key === "review_state") return stateLabel(value);
  return show(value);
}
const entityRef = (id, name) => el("a", { href: `/entities/${id}` }, name ? `${name} #${id}` : `#${id}`);

/** A logged value as nodes: entity ids (subject, object, place) as links with the logged names, the rest in words. */
const shownNodes = (kind, key, value, names = {}) =>
  key.endsWith("_id") && Number.isInteger(value) ? entityRef(value, names[value]) : shown(kind, key, value);

/** Who joined or left an event's participants, from the lists logged before and after. */
function participantChanges(before = [], after = []) {
  const key = (participant) => `${participant.entity_id}:${participant.part}`;
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  const line = (sign, participant) => el("li", {}, `${sign} `, entityRef(participant.entity_id, participant.name),
    ` · ${partLabel(participant.part)}${participant.role ? ` (${participant.role})` : ""}`);
  return [
    ...after.filter((participant) => !had.has(key(participant))).map((participant) => line("+", participant)),
    ...before.filter((participant) => !has.has(key(participant))).map((participant) => line("−", participant)),
  ];
}

/** What an entry changed: who was merged or split off, else field by field from before and after. */
function change(entry) {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  if (entry.action === "merge") {
    return el("p", {}, (before.merged ?? []).flatMap((merged, index) => [index ? ", " : "", entityRef(merged.id, merged.name)]),
      " → ", entityRef(after.kept ?? entry.target_id));
  }
  if (entry.action === "split") {
    return el("p", {}, `${t("mentions")}: ${(before.mentions ?? []).length} → `, entityRef(after.entity, after.name));
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => key !== "entity_names" && show(before[key]) !== show(after[key]));
  const kind = entry.target_kind;
  const names = { ...before.entity_names, ...after.entity_names };
  const value = (key, logged) => shownNodes(kind, key, logged, names);
  return el("ul", { class: "plain-list" }, keys.flatMap((key) => (key === "participants"
    ? participantChanges(before.participants, after.participants)
    : [el("li", {}, el("code", {}, key), ": ", value(key, before[key]), " → ", value(key, after[key]))])));
}

/** Fill the audit table (the _audit.html include) with entries, newest first. */
export function renderAudit(entries) {
  const body = document.querySelector("#audit tbody");
  if (!entries.length) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: 5 }, t("audit_empty"))));
    return;
  }
  body.replaceChildren(...entries.map((entry) => el("tr", { dataset: { action: entry.action } },
    el("td", {}, el("time", { datetime: entry.at }, new Date(entry.at).toLocaleString(document.documentElement.lang))),
    el("td", {}, entry.actor ?? ""), el("td", {}, actionLabel(entry.action)), el("td", {}, change(entry)), el("td", {}, entry.reason ?? ""))));
}

/** The audit entries about one target (a relation, an event or an entity). */
export async function loadAudit(kind, id) {
  return (await api("/audit", { params: { target_kind: kind, target_id: id } })).data;
}
