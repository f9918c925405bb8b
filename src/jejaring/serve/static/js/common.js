// Shared helpers for every page: API calls, translated messages, DOM building, the palette,
// the logged-in user. Each page is one small module that imports from here.

const API = document.body.dataset.api;
const MESSAGES = JSON.parse(document.getElementById("i18n").textContent);
export const LANG = document.body.dataset.lang;

/** A translated message; {name} placeholders are filled from vars. */
export function t(key, vars = {}) {
  const text = MESSAGES[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
}

/** Labels for the vocabularies the API returns as ids. */
export const typeLabel = (type) => MESSAGES[`t.${type}`] ?? type ?? t("unknown");
export const relationLabel = (type) => MESSAGES[`r.${type}`] ?? type;
export const statusLabel = (status) => (status ? MESSAGES[`s.${status}`] ?? status : t("unknown"));
export const stateLabel = (state) => MESSAGES[`rs.${state}`] ?? state;
export const eventTypeLabel = (type) => MESSAGES[`e.${type}`] ?? type ?? t("unknown");
export const partLabel = (part) => MESSAGES[`p.${part}`] ?? part;
export const actionLabel = (action) => MESSAGES[`a.${action}`] ?? action;

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** GET or send JSON to the API; rejects with ApiError carrying the API's own message. */
export async function api(path, { params = {}, method = "GET", body, headers = {} } = {}) {
  const url = new URL(API + path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    for (const item of [].concat(value)) {
      if (item !== undefined && item !== null && item !== "") url.searchParams.append(key, item);
    }
  }
  const init = { method, headers: { Accept: "application/json", ...headers }, credentials: "same-origin" };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  const response = await fetch(url, init);
  const payload = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) {
    const detail = payload?.detail;
    throw new ApiError(response.status, typeof detail === "string" ? detail : `${t("error")} (${response.status})`);
  }
  return payload;
}

/** Build an element: el("a", {href: "/x", class: "y"}, "text", child). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

/** An SVG element with attributes. */
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  node.append(...children.flat().filter(Boolean));
  return node;
}

/** Show a line in the page's status area; error=true styles it as a failure. */
export function status(message, { error = false } = {}) {
  const node = document.getElementById("status");
  if (!node) return;
  node.textContent = message;
  node.classList.toggle("error", error);
}

/** Report a failed request in the status area, with the API's explanation. */
export function fail(error) {
  status(error instanceof ApiError ? error.message : `${t("error")}: ${error.message}`, { error: true });
  console.error(error);
}

/**
 * Snippet HTML from the API may hold only <mark>; rebuild it from text nodes and marks so
 * nothing else can ever reach the page.
 */
export function safeSnippet(html) {
  const template = document.createElement("template");
  template.innerHTML = html ?? "";
  const out = document.createDocumentFragment();
  const walk = (node, into) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) into.append(child.textContent);
      else if (child.nodeName === "MARK") walk(child, into.appendChild(document.createElement("mark")));
      else walk(child, into);
    }
  };
  walk(template.content, out);
  return out;
}

/** Colours come from the CSS variables, so graph, map and text agree. */
const css = getComputedStyle(document.documentElement);
export const entityColour = (type) => css.getPropertyValue(`--c-${type}`).trim() || css.getPropertyValue("--c-other").trim();
export const relationColour = (type) => css.getPropertyValue(`--r-${type}`).trim() || css.getPropertyValue("--c-other").trim();
export const RELATION_TYPES = ["sister_city", "agreement", "member_of", "partner_of", "visit", "holds_position"];
export const STATUSES = ["proposed", "negotiating", "signed", "renewed", "active", "ended"];
export const PARTS = ["organizer", "host", "participant"];
export const EVENT_TYPES = ["congress", "conference", "forum", "summit", "dialogue", "meeting", "audience", "visit",
  "webinar", "signing", "workshop", "exhibition", "festival", "other"];

/** Line pattern by status: settled facts solid, not-yet facts dashed, ended ones dotted. */
export function statusDash(status) {
  if (status === "proposed" || status === "negotiating") return "dashed";
  if (status === "ended") return "dotted";
  return "solid";
}
export const SVG_DASH = { solid: null, dashed: "6 4", dotted: "1.5 3" };

export function confidenceMeter(value) {
  if (value === null || value === undefined) return el("span", {}, t("unknown"));
  const percent = Math.round(value * 100);
  return el("span", { class: "confidence-wrap" },
    el("span", { class: "confidence", role: "img", "aria-label": `${t("confidence")} ${percent}%` },
      el("span", { style: `width:${percent}%` })),
    ` ${value.toFixed(2)}`);
}

export const entityLink = (entity) =>
  entity ? el("a", { href: `/entities/${entity.id}`, class: `t-${entity.type ?? "other"}` }, entity.name) : t("unknown");

export const badge = (text, cls = "") => el("span", { class: `badge ${cls}` }, text);

/** The document's text between two offsets, as evidence shown in a quote. */
export const quote = (text) => el("blockquote", {}, text);

/** Fill every theme <select class="theme-select"> from /themes, labels in the interface language. */
export async function fillThemeSelects(selected = "") {
  const selects = document.querySelectorAll("select.theme-select");
  const list = await loadThemes();
  for (const select of selects) {
    for (const theme of list) {
      select.append(el("option", { value: theme.id, selected: theme.id === selected }, themeLabel(theme)));
    }
  }
  return list;
}
/** The theme vocabulary, fetched once per page. */
let themesPromise = null;
export function loadThemes() {
  themesPromise ??= api("/themes").then((answer) => (Array.isArray(answer) ? answer : answer.data ?? []));
  return themesPromise;
}
export const themeLabel = (theme) => theme.labels?.[LANG] ?? theme.labels?.en ?? theme.id;

/** Form fields to API parameters (checkbox groups become comma lists), skipping empty ones. */
export function formParams(form) {
  const params = {};
  const data = new FormData(form);
  for (const key of new Set(data.keys())) {
    const values = data.getAll(key).filter((value) => value !== "");
    if (!values.length) continue;
    params[key] = values.length > 1 || form.querySelector(`input[type=checkbox][name="${key}"]`) ? values.join(",") : values[0];
  }
  return params;
}

/** Put the current form values into the address bar, so a view can be bookmarked and shared. */
export function rememberInUrl(params) {
  const url = new URL(window.location.href);
  url.search = new URLSearchParams(params).toString();
  history.replaceState(null, "", url);
}

/** Set form fields from the address bar (the reverse of rememberInUrl). */
export function restoreFromUrl(form) {
  const query = new URLSearchParams(window.location.search);
  for (const [key, value] of query) {
    const fields = form.querySelectorAll(`[name="${key}"]`);
    if (!fields.length) continue;
    if (fields[0].type === "checkbox") {
      const chosen = value.split(",");
      for (const box of fields) box.checked = chosen.includes(box.value);
    } else fields[0].value = value;
  }
}

/** The logged-in user and the CSRF token every cookie-authenticated write must send. */
let session = null;
export async function me() {
  if (!session) session = await api("/auth/me").catch(() => ({ user: null, csrf_token: null }));
  return session;
}

/** Whether the user may curate (editors and administrators). */
export const canCurate = (user) => user?.role === "editor" || user?.role === "admin";

/** Send a write with the session's CSRF token. */
export async function write(path, method, body) {
  const { csrf_token: token } = await me();
  return api(path, { method, body, headers: token ? { "X-CSRF-Token": token } : {} });
}

async function showUser() {
  const box = document.getElementById("user-box");
  const { user } = await me();
  if (!box || !user) return;
  const logout = el("button", { type: "button", class: "secondary" }, t("log_out"));
  logout.addEventListener("click", async () => {
    await write("/auth/logout", "POST", {});
    window.location.reload();
  });
  box.replaceChildren(el("span", {}, t("logged_in_as", { name: user.name, role: user.role }), " "), logout);
}
showUser();

/** A period label for a date like 2024-03-05 at the precision given. */
export const formatDate = (date) => date ?? t("unknown");
