// Search page: ranked documents with highlighted snippets and facets that narrow the search.
import { api, el, fail, loadThemes, safeSnippet, status, t, themeLabel } from "./common.js";

const FACETS = ["language", "year", "theme", "country"];
const PAGE_SIZE = 20;
const query = new URLSearchParams(window.location.search);

async function main() {
  const themes = await loadThemes().catch(() => []);
  const themeNames = Object.fromEntries(themes.map((theme) => [theme.id, themeLabel(theme)]));
  const params = Object.fromEntries(query);
  const offset = Number(params.offset ?? 0);
  status(t("loading"));
  try {
    const answer = params.q
      ? await api("/search", { params: { ...params, limit: PAGE_SIZE, offset } })
      : await api("/documents", { params: { ...params, limit: PAGE_SIZE, offset } });
    renderResults(answer, offset);
    renderFacets(answer.facets ?? {}, themeNames);
    renderActive(themeNames);
  } catch (error) {
    fail(error);
  }
}

function renderResults(answer, offset) {
  const list = document.getElementById("results");
  list.start = offset + 1;
  list.replaceChildren(...answer.data.map(resultItem));
  const count = answer.count ?? answer.data.length;
  status(count ? t("showing", { from: offset + 1, to: offset + answer.data.length, count }) : t("no_results"));
  renderPager(count, offset);
}

function resultItem(doc) {
  return el("li", {},
    el("a", { class: "title", href: `/documents/${encodeURIComponent(doc.id)}` }, doc.title || doc.id),
    el("p", { class: "meta" }, [doc.published, doc.language?.toUpperCase(), hostOf(doc.url)].filter(Boolean).join(" · ")),
    doc.snippet_html ? el("p", { class: "snippet" }, safeSnippet(doc.snippet_html)) : null);
}

function hostOf(url) {
  try {
    return url ? new URL(url).hostname : null;
  } catch {
    return null;
  }
}

function linkWith(changes) {
  const next = new URLSearchParams(query);
  next.delete("offset");
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  return `/search?${next}`;
}

function renderFacets(facets, themeNames) {
  for (const facet of FACETS) {
    const list = document.getElementById(`facet-${facet}`);
    const counts = Object.entries(facets[facet] ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    list.closest(".facet").hidden = counts.length === 0;
    list.replaceChildren(...counts.slice(0, 12).map(([value, n]) => {
      const chosen = query.get(facet) === value;
      const label = facet === "theme" ? themeNames[value] ?? value : facet === "language" ? value.toUpperCase() : value;
      return el("li", {}, el("a", { href: linkWith({ [facet]: chosen ? null : value }), "aria-current": chosen ? "true" : null },
        el("span", {}, label), el("span", { class: "n" }, String(n))));
    }));
  }
}

function renderActive(themeNames) {
  const chips = FACETS.filter((facet) => query.get(facet)).map((facet) => {
    const value = query.get(facet);
    const label = facet === "theme" ? themeNames[value] ?? value : value;
    return el("a", { class: "chip", href: linkWith({ [facet]: null }), "aria-label": `${t("remove_filter")}: ${label}` }, label, " ×");
  });
  document.getElementById("active-filters").replaceChildren(...chips);
}

function renderPager(count, offset) {
  const pager = document.getElementById("pager");
  const links = [];
  if (offset > 0) links.push(el("a", { href: linkWith({ offset: Math.max(0, offset - PAGE_SIZE) }), rel: "prev" }, t("previous")));
  if (offset + PAGE_SIZE < count) links.push(el("a", { href: linkWith({ offset: offset + PAGE_SIZE }), rel: "next" }, t("next")));
  pager.replaceChildren(...links);
}

main();
