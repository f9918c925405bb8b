// Review queue: the least certain pending facts first; an editor accepts, rejects or corrects
// each, with a reason. Every change lands in the audit log shown on the fact's page.
import {
  api, badge, canCurate, confidenceMeter, el, entityLink, eventTypeLabel, fail, me, quote, relationLabel, status,
  statusLabel, t,
} from "./common.js";
import { factActions } from "./curate.js";

const PAGE_SIZE = 20;
let kind = new URLSearchParams(window.location.search).get("kind") === "event" ? "event" : "relation";
let offset = 0;

async function main() {
  const { user } = await me();
  if (!canCurate(user)) {
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
  return el("p", {}, badge(eventTypeLabel(fact.type), "t-event"), " ", el("strong", {}, fact.name),
    el("span", { class: "meta" }, ` · ${[fact.start, fact.end].filter(Boolean).join(" – ") || t("unknown")}`));
}

function item(fact) {
  const path = `/${kind}s/${fact.id}`;
  const node = el("li", { class: "review-item", dataset: { id: fact.id } });
  const actions = factActions(kind, fact, {
    onDone: (action, outcome) => {
      outcome.append(" · ", el("a", { href: path }, t("open_fact")));
      if (action !== "edit") node.querySelectorAll(".review-actions button").forEach((button) => { button.disabled = true; });
    },
  });
  node.append(
    describe(fact),
    el("p", {}, `${t("confidence")}: `, confidenceMeter(fact.confidence),
      fact.document_id ? [" · ", el("a", { href: `/documents/${encodeURIComponent(fact.document_id)}` }, t("document"))] : "",
      " · ", el("a", { href: path }, t("open_fact"))),
    ...(fact.evidence ?? []).map((span) => quote(span.text)),
    actions);
  return node;
}

main();
