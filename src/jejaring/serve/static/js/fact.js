// Fact page: one relation or event with its evidence, confidence and the audit log of every
// change curators made to it.
import {
  api, badge, confidenceMeter, el, entityLink, fail, quote, relationLabel, stateLabel, status, statusLabel, t,
} from "./common.js";

const box = document.getElementById("fact");
const { factKind: kind, factId: id } = box.dataset;

async function main() {
  status(t("loading"));
  try {
    const fact = await api(`/${kind}s/${id}`);
    renderDetails(fact);
    document.getElementById("evidence").replaceChildren(...(fact.evidence ?? []).map((span) => el("li", {},
      quote(span.text),
      span.document_id ?? fact.document_id
        ? el("a", { href: `/documents/${encodeURIComponent(span.document_id ?? fact.document_id)}`, class: "meta" }, t("document")) : "")));
    const audit = fact.audit ?? (await api("/audit", { params: { target_kind: kind, target_id: id } })).data;
    renderAudit(audit);
    status("");
  } catch (error) {
    fail(error);
  }
}

function renderDetails(fact) {
  const rows = [];
  const add = (label, ...value) => rows.push(el("dt", {}, label), el("dd", {}, ...value));
  if (kind === "relation") {
    document.getElementById("fact-title").replaceChildren(badge(relationLabel(fact.type), `rel r-${fact.type}`), ` #${fact.id}`);
    add(t("subject"), entityLink(fact.subject));
    add(t("object"), entityLink(fact.object));
    add(t("status"), statusLabel(fact.status));
    add(t("date"), fact.date ?? t("unknown"));
  } else {
    document.getElementById("fact-title").replaceChildren(badge(fact.type, "t-event"), ` ${fact.name}`);
    add(t("date"), [fact.start, fact.end].filter(Boolean).join(" – ") || t("unknown"));
    if (fact.location) add("⌖", entityLink(fact.location));
    for (const participant of fact.participants ?? []) {
      add(participant.part, entityLink(participant.entity ?? participant), participant.role ? ` (${participant.role})` : "");
    }
  }
  add(t("confidence"), confidenceMeter(fact.confidence));
  add(t("review_state"), badge(stateLabel(fact.review_state ?? "pending"), "state"));
  if (fact.document_id) add(t("document"), el("a", { href: `/documents/${encodeURIComponent(fact.document_id)}` }, fact.document_id));
  document.title = `${document.getElementById("fact-title").textContent} · Jejaring`;
  document.getElementById("details").replaceChildren(...rows);
}

const show = (value) => (value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value));

/** What changed, field by field, from the entry's before and after snapshots. */
function change(entry) {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => show(before[key]) !== show(after[key]));
  return el("ul", { class: "plain-list" }, keys.map((key) => el("li", {}, el("code", {}, key), `: ${show(before[key]) || "—"} → ${show(after[key]) || "—"}`)));
}

function renderAudit(entries) {
  const body = document.querySelector("#audit tbody");
  if (!entries.length) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: 5 }, t("audit_empty"))));
    return;
  }
  body.replaceChildren(...entries.map((entry) => el("tr", { dataset: { action: entry.action } },
    el("td", {}, el("time", { datetime: entry.at }, new Date(entry.at).toLocaleString(document.documentElement.lang))),
    el("td", {}, entry.actor ?? ""), el("td", {}, entry.action), el("td", {}, change(entry)), el("td", {}, entry.reason ?? ""))));
}

main();
