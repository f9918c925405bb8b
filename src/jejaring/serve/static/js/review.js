// Review queue: the least certain pending facts first; an editor accepts, rejects or corrects
// each, with a reason. Every change lands in the audit log shown on the fact's page.
import {
  RELATION_TYPES, api, badge, confidenceMeter, el, entityLink, fail, me, quote, relationLabel, status,
  statusLabel, t, write,
} from "./common.js";

const PAGE_SIZE = 20;
const STATUSES = ["", "proposed", "negotiating", "signed", "renewed", "active", "ended"];
const EVENT_TYPES = ["congress", "conference", "forum", "summit", "dialogue", "meeting", "audience", "visit",
  "webinar", "signing", "workshop", "exhibition", "festival", "other"];
let kind = new URLSearchParams(window.location.search).get("kind") === "event" ? "event" : "relation";
let offset = 0;

async function main() {
  const { user } = await me();
  if (!user) {
    status("");
    document.getElementById("queue").replaceChildren(el("li", {}, t("login_needed"), " ",
      el("a", { href: `/login?next=${encodeURIComponent("/review")}` }, document.getElementById("login-link")?.textContent ?? "Log in")));
    return;
  }
  for (const tab of document.querySelectorAll(".tab")) {
    tab.setAttribute("aria-pressed", String(tab.dataset.kind === kind));
    tab.addEventListener("click", () => {
      kind = tab.dataset.kind;
      offset = 0;
      for (const other of document.querySelectorAll(".tab")) other.setAttribute("aria-pressed", String(other === tab));
      load().catch(fail);
    });
  }
  await load().catch(fail);
}

async function load() {
  status(t("loading"));
  const answer = await api("/review", { params: { kind, limit: PAGE_SIZE, offset } });
  const queue = document.getElementById("queue");
  queue.start = offset + 1;
  queue.replaceChildren(...answer.data.map(item));
  status(answer.count ? t("showing", { from: offset + 1, to: offset + answer.data.length, count: answer.count }) : t("review_empty"));
  const pager = document.getElementById("pager");
  const buttons = [];
  if (offset > 0) buttons.push(pageButton(t("previous"), offset - PAGE_SIZE));
  if (offset + PAGE_SIZE < answer.count) buttons.push(pageButton(t("next"), offset + PAGE_SIZE));
  pager.replaceChildren(...buttons);
}

function pageButton(label, target) {
  const button = el("button", { type: "button", class: "secondary" }, label);
  button.addEventListener("click", () => {
    offset = Math.max(0, target);
    load().catch(fail);
  });
  return button;
}

function describe(fact) {
  if (kind === "relation") {
    return el("p", {}, badge(relationLabel(fact.type), `rel r-${fact.type}`), " ", entityLink(fact.subject), " → ", entityLink(fact.object),
      el("span", { class: "meta" }, ` · ${statusLabel(fact.status)} · ${fact.date ?? t("unknown")}`));
  }
  return el("p", {}, badge(fact.type, "t-event"), " ", el("strong", {}, fact.name),
    el("span", { class: "meta" }, ` · ${[fact.start, fact.end].filter(Boolean).join(" – ") || t("unknown")}`));
}

function item(fact) {
  const path = `/${kind}s/${fact.id}`;
  const reason = el("input", { name: "reason", "aria-label": t("reason"), placeholder: t("reason") });
  const outcome = el("p", { class: "outcome", role: "status" });
  const node = el("li", { class: "review-item", dataset: { id: fact.id } });
  const act = async (action) => {
    try {
      await write(`${path}/${action}`, "POST", { reason: reason.value });
      outcome.replaceChildren(t(action === "accept" ? "accepted" : "rejected"), " · ", el("a", { href: path }, t("open_fact")));
      node.querySelectorAll("button").forEach((button) => { button.disabled = true; });
    } catch (error) {
      outcome.textContent = error.message;
    }
  };
  const button = (label, action, cls = "") => {
    const b = el("button", { type: "button", class: cls }, label);
    b.addEventListener("click", action);
    return b;
  };
  const editForm = editor(fact, path, reason, outcome);
  node.append(
    describe(fact),
    el("p", {}, `${t("confidence")}: `, confidenceMeter(fact.confidence),
      fact.document_id ? [" · ", el("a", { href: `/documents/${encodeURIComponent(fact.document_id)}` }, t("document"))] : "",
      " · ", el("a", { href: path }, t("open_fact"))),
    ...(fact.evidence ?? []).map((span) => quote(span.text)),
    el("div", { class: "review-actions" }, reason,
      button(t("accept"), () => act("accept")),
      button(t("reject"), () => act("reject"), "secondary"),
      button(t("edit"), () => { editForm.hidden = !editForm.hidden; }, "secondary")),
    editForm, outcome);
  return node;
}

function select(name, values, current, label) {
  return el("label", {}, label, " ", el("select", { name }, values.map((value) =>
    el("option", { value, selected: value === (current ?? "") }, value ? (name === "status" ? statusLabel(value) : name === "type" && kind === "relation" ? relationLabel(value) : value) : "—"))));
}

/** The correction form: for a relation its type, status and date; for an event its name, type and dates. */
function editor(fact, path, reason, outcome) {
  const fields = kind === "relation"
    ? [select("type", RELATION_TYPES, fact.type, t("type")), select("status", STATUSES, fact.status, t("status")),
      el("label", {}, t("date"), " ", el("input", { name: "date", value: fact.date ?? "", size: 10 }))]
    : [el("label", {}, `${t("name")} `, el("input", { name: "name", value: fact.name ?? "" })), select("type", EVENT_TYPES, fact.type, t("type")),
      el("label", {}, t("date"), " ", el("input", { name: "start", value: fact.start ?? "", size: 10 })),
      el("label", {}, "–", el("input", { name: "end", value: fact.end ?? "", size: 10, "aria-label": t("date") }))];
  const form = el("form", { class: "edit-form", hidden: true }, ...fields, el("button", { type: "submit" }, t("save")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const changes = { reason: reason.value };
    for (const [key, value] of new FormData(form)) changes[key] = value === "" ? null : value;
    try {
      await write(path, "PATCH", changes);
      outcome.replaceChildren(t("saved"), " · ", el("a", { href: path }, t("open_fact")));
      form.hidden = true;
    } catch (error) {
      outcome.textContent = error.message;
    }
  });
  return form;
}

main();
