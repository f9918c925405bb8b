// Document page: the cleaned text with entity mentions coloured by type and the evidence of
// each relation, event and theme highlighted; hovering, focusing or choosing a fact shows its
// evidence and confidence.
import {
  api, badge, confidenceMeter, el, entityLink, eventTypeLabel, fail, loadThemes, quote, relationLabel,
  stateLabel, status, statusLabel, t, themeLabel, typeLabel,
} from "./common.js";

const article = document.getElementById("document");
const facts = new Map(); // key -> {kind, label, item, evidence}
let chosen = null;

async function main() {
  status(t("loading"));
  try {
    const [doc, themes] = await Promise.all([
      api(`/documents/${encodeURIComponent(article.dataset.documentId)}`),
      loadThemes().catch(() => []),
    ]);
    const themeNames = Object.fromEntries(themes.map((theme) => [theme.id, themeLabel(theme)]));
    render(doc, themeNames);
    status("");
  } catch (error) {
    fail(error);
  }
}

function render(doc, themeNames) {
  document.title = `${doc.title || doc.id} · Jejaring`;
  document.getElementById("doc-title").textContent = doc.title || doc.id;
  const source = doc.url ? el("a", { href: doc.url, rel: "noopener noreferrer" }, new URL(doc.url).hostname) : null;
  document.getElementById("doc-meta").replaceChildren(
    [doc.published, doc.language?.toUpperCase()].filter(Boolean).join(" · "), source ? " · " : "", source ?? "");
  for (const relation of doc.relations ?? []) {
    facts.set(`r${relation.id}`, { kind: "relation", item: relation, evidence: relation.evidence ?? [] });
  }
  for (const event of doc.events ?? []) {
    facts.set(`e${event.id}`, { kind: "event", item: event, evidence: event.evidence ?? [] });
  }
  for (const theme of doc.themes ?? []) {
    facts.set(`th${theme.id}`, { kind: "theme", item: { ...theme, label: themeNames[theme.id] ?? theme.id }, evidence: theme.evidence ?? [] });
  }
  document.getElementById("doc-text").replaceChildren(highlightedText(doc.text, doc.mentions ?? []));
  renderFactList("relations", "relation", relationButtonLabel);
  renderFactList("events", "event", (event) => [badge(eventTypeLabel(event.type), "t-event"), " ", event.name]);
  renderFactList("themes", "theme", (theme) => theme.label);
  document.getElementById("fact-detail").replaceChildren(el("p", {}, t("select_fact")));
}

const relationButtonLabel = (relation) => [
  badge(relationLabel(relation.type), `rel r-${relation.type}`), " ",
  relation.subject?.name ?? "?", " → ", relation.object?.name ?? "?",
];

/** Mentions that do not overlap an earlier, longer one: links cannot nest. */
function separateMentions(mentions) {
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  for (const mention of sorted) {
    if (!kept.length || mention.start >= kept[kept.length - 1].end) kept.push(mention);
  }
  return kept;
}

/**
 * Cut the text at every mention and evidence boundary; each piece knows its mention (if any)
 * and the facts whose evidence covers it. Consecutive pieces of one mention share one link.
 */
function highlightedText(text, rawMentions) {
  const mentions = separateMentions(rawMentions);
  const spans = [];
  for (const [key, fact] of facts) for (const span of fact.evidence) spans.push({ ...span, key });
  const cuts = new Set([0, text.length]);
  for (const item of [...mentions, ...spans]) {
    cuts.add(Math.max(0, Math.min(text.length, item.start)));
    cuts.add(Math.max(0, Math.min(text.length, item.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  let mentionIndex = 0;
  let link = null;
  let linkMention = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    while (mentionIndex < mentions.length && mentions[mentionIndex].end <= start) mentionIndex++;
    const mention = mentions[mentionIndex] && mentions[mentionIndex].start <= start ? mentions[mentionIndex] : null;
    const keys = spans.filter((span) => span.start <= start && span.end >= end).map((span) => span.key);
    const piece = keys.length
      ? el("span", { class: "ev", dataset: { facts: [...new Set(keys)].join(" ") } }, text.slice(start, end))
      : document.createTextNode(text.slice(start, end));
    if (mention) {
      if (linkMention !== mention) {
        linkMention = mention;
        link = el("a", {
          class: `mention t-${mention.entity_type}`, href: `/entities/${mention.entity_id}`,
          title: `${mention.entity_name} (${typeLabel(mention.entity_type)})`,
        });
        out.append(link);
      }
      link.append(piece);
    } else {
      linkMention = null;
      out.append(piece);
    }
  }
  return out;
}

function renderFactList(listId, kind, label) {
  const list = document.getElementById(listId);
  const items = [...facts].filter(([, fact]) => fact.kind === kind);
  list.replaceChildren(...items.map(([key, fact]) => {
    const button = el("button", {
      type: "button", class: kind === "relation" ? `r-${fact.item.type}` : "", "aria-pressed": "false", dataset: { key },
    }, label(fact.item));
    button.addEventListener("mouseenter", () => preview(key));
    button.addEventListener("focus", () => preview(key));
    button.addEventListener("mouseleave", () => preview(chosen));
    button.addEventListener("click", () => choose(key, { scroll: true }));
    return el("li", {}, button);
  }));
  if (!items.length) list.replaceChildren(el("li", { class: "meta" }, "—"));
}

function preview(key) {
  for (const node of document.querySelectorAll(".doc-text .ev.active")) node.classList.remove("active");
  if (!key) return;
  for (const node of document.querySelectorAll(".doc-text .ev")) {
    if (node.dataset.facts.split(" ").includes(key)) node.classList.add("active");
  }
  document.getElementById("fact-detail").replaceChildren(...detail(facts.get(key)));
}

function choose(key, { scroll = false } = {}) {
  chosen = key;
  for (const button of document.querySelectorAll(".fact-list button")) {
    button.setAttribute("aria-pressed", String(button.dataset.key === key));
  }
  preview(key);
  if (scroll) document.querySelector(".doc-text .ev.active")?.scrollIntoView({ block: "center", behavior: "smooth" });
}

// A click on highlighted text chooses the (next) fact whose evidence it is.
document.getElementById("doc-text").addEventListener("click", (event) => {
  const span = event.target.closest(".ev");
  if (!span || event.target.closest("a.mention")) return;
  const keys = span.dataset.facts.split(" ");
  choose(keys[(keys.indexOf(chosen) + 1) % keys.length]);
});

function detail(fact) {
  const { kind, item } = fact;
  const rows = [];
  if (kind === "relation") {
    rows.push(el("p", {}, badge(relationLabel(item.type), `rel r-${item.type}`), " ", entityLink(item.subject), " → ", entityLink(item.object)));
    rows.push(el("p", {}, `${t("status")}: ${statusLabel(item.status)} · ${t("date")}: ${item.date ?? t("unknown")} · `,
      badge(stateLabel(item.review_state ?? "pending"), "state")));
  } else if (kind === "event") {
    rows.push(el("p", {}, badge(eventTypeLabel(item.type), "t-event"), " ", el("strong", {}, item.name)));
    rows.push(el("p", {}, `${t("date")}: ${[item.start, item.end].filter(Boolean).join(" – ") || t("unknown")}`));
  } else {
    rows.push(el("p", {}, el("strong", {}, item.label), ` · ${t("score")} ${item.score?.toFixed(2) ?? ""}`));
  }
  if (kind !== "theme") rows.push(el("p", {}, `${t("confidence")}: `, confidenceMeter(item.confidence)));
  rows.push(el("p", { class: "meta" }, t("evidence")), ...fact.evidence.map((span) => quote(span.text)));
  if (kind !== "theme") rows.push(el("p", {}, el("a", { href: `/${kind}s/${item.id}` }, t("open_fact"))));
  return rows;
}

main();
