// Fact page: one relation or event with its evidence, confidence and the audit log of every
// change curators made to it; for editors the controls to decide on it and correct it.
import {
  api, badge, canCurate, confidenceMeter, el, entityLink, eventTypeLabel, fail, me, partLabel, quote, relationLabel,
  stateLabel, status, statusLabel, t,
} from "./common.js";
import { factActions, loadAudit, participantEditor, renderAudit } from "./curate.js";

const box = document.getElementById("fact");
const { factKind: kind, factId: id } = box.dataset;

async function main() {
  status(t("loading"));
  try {
    const [fact, { user }] = await Promise.all([api(`/${kind}s/${id}`), me()]);
    renderDetails(fact);
    document.getElementById("evidence").replaceChildren(...(fact.evidence ?? []).map((span) => el("li", {},
      quote(span.text),
      span.document_id ?? fact.document_id
        ? el("a", { href: `/documents/${encodeURIComponent(span.document_id ?? fact.document_id)}`, class: "meta" }, t("document")) : "")));
    renderAudit(fact.audit ?? (await loadAudit(kind, id)));
    if (canCurate(user)) renderCuration(fact);
    status("");
  } catch (error) {
    fail(error);
  }
}

/**
 * An editor's accept, reject and edit controls, and for an event its participants; after a
 * change the page shows the new state, with the saved message where the change was made,
 * focused so a keyboard user is not sent back to the top of the page.
 */
function renderCuration(fact, message = null) {
  const box = document.getElementById("curation");
  box.hidden = false;
  box.querySelectorAll(".fact-actions, .participants-editor").forEach((node) => node.remove());
  const refresh = (where) => async (outcome) => {
    const fresh = await api(`/${kind}s/${id}`);
    renderDetails(fresh);
    renderAudit(fresh.audit ?? (await loadAudit(kind, id)));
    renderCuration(fresh, { where, text: outcome.textContent });
  };
  const parts = [factActions(kind, fact, { onDone: (action, outcome) => refresh(".fact-actions")(outcome) })];
  if (kind === "event") parts.push(participantEditor(fact, { onDone: refresh(".participants-editor") }));
  box.append(...parts);
  if (message) {
    const outcome = box.querySelector(`${message.where} > .outcome`);
    outcome.textContent = message.text;
    outcome.setAttribute("tabindex", "-1");
    outcome.focus();
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
    if (fact.origin === "manual") add(t("source_note"), el("span", { class: "source-note" }, fact.attributes?.source_note ?? ""));
  } else {
    document.getElementById("fact-title").replaceChildren(badge(eventTypeLabel(fact.type), "t-event"), ` ${fact.name}`);
    add(t("date"), [fact.start, fact.end].filter(Boolean).join(" – ") || t("unknown"));
    if (fact.location) add(t("location"), entityLink(fact.location));
    for (const participant of fact.participants ?? []) {
      add(partLabel(participant.part), entityLink(participant.entity ?? participant), participant.role ? ` (${participant.role})` : "");
    }
  }
  add(t("confidence"), confidenceMeter(fact.confidence));
  add(t("review_state"), badge(stateLabel(fact.review_state ?? "pending"), "state"));
  add(t("origin"), t(fact.origin === "manual" ? "origin_manual" : "origin_extracted"));
  if (fact.document_id) add(t("document"), el("a", { href: `/documents/${encodeURIComponent(fact.document_id)}` }, fact.document_id));
  document.title = `${document.getElementById("fact-title").textContent} · Jejaring`;
  document.getElementById("details").replaceChildren(...rows);
}

main();
