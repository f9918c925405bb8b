// Dashboard: cooperation per year and per quarter, partner countries and actors, themes,
// relation types and recent documents, drawn as plain SVG bar charts, each with its table.
import {
  api, el, fail, fillThemeSelects, formParams, relationLabel, rememberInUrl, restoreFromUrl, status, svg, t, themeLabel,
} from "./common.js";

const form = document.getElementById("dashboard-form");

/**
 * Horizontal bars, one row per item, one bar per series; the same numbers in a table beneath
 * (collapsed) for screen readers and for copying.
 */
function barChart(rows, series, { label }) {
  const width = 460;
  const rowHeight = 16 * series.length + 8;
  const left = 150;
  const max = Math.max(1, ...rows.flatMap((row) => series.map((serie) => row[serie.key] ?? 0)));
  const chart = svg("svg", { viewBox: `0 0 ${width} ${rows.length * rowHeight + 24}`, role: "img", "aria-label": label });
  rows.forEach((row, index) => {
    const y = index * rowHeight + 4;
    chart.append(svg("text", { x: left - 6, y: y + rowHeight / 2, "text-anchor": "end", "dominant-baseline": "middle" }, clip(row.label, 24)));
    series.forEach((serie, position) => {
      const value = row[serie.key] ?? 0;
      const barWidth = ((width - left - 40) * value) / max;
      const top = y + position * 16;
      chart.append(
        svg("rect", { class: `bar s${position}`, x: left, y: top, width: Math.max(barWidth, value ? 1 : 0), height: 13 },
          svg("title", {}, `${row.label}: ${value} ${serie.label}`)),
        svg("text", { x: left + barWidth + 4, y: top + 10 }, String(value)));
    });
  });
  chart.append(svg("line", { class: "axis", x1: left, x2: left, y1: 0, y2: rows.length * rowHeight + 4 }));
  const legend = series.length > 1
    ? el("p", { class: "legend" }, series.map((serie, position) => el("span", {}, legendSwatch(position), serie.label, " ")))
    : null;
  const table = el("details", {}, el("summary", {}, t("count")), el("div", { class: "table-wrap" }, el("table", {},
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, label), series.map((serie) => el("th", { scope: "col" }, serie.label)))),
    el("tbody", {}, rows.map((row) => el("tr", {}, el("th", { scope: "row" }, row.label), series.map((serie) => el("td", {}, String(row[serie.key] ?? 0)))))))));
  return [legend, rows.length ? chart : el("p", { class: "meta" }, t("no_results")), table];
}

const legendSwatch = (position) => el("span", { class: `swatch bar-s${position}`, "aria-hidden": "true" });

const clip = (text, length) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

function draw(id, ...content) {
  document.getElementById(`chart-${id}`).replaceChildren(...content.flat().filter(Boolean));
}

async function load(themeNames) {
  const params = formParams(form);
  rememberInUrl(params);
  status(t("loading"));
  const stats = await api("/stats", { params });
  const activity = [
    { key: "relations", label: t("relations") }, { key: "events", label: t("events") }, { key: "documents", label: t("documents") },
  ];
  const periods = (items) => items.map((item) => ({ ...item, label: item.period }));
  draw("per_year", barChart(periods(stats.per_year), activity, { label: t("period") }));
  draw("per_quarter", barChart(periods(stats.per_quarter), activity, { label: t("period") }));
  draw("by_country", barChart(stats.by_country.slice(0, 12).map((item) => ({ ...item, label: item.name || item.country })),
    [{ key: "relations", label: t("relations") }], { label: t("country") }));
  draw("top_partners", barChart(stats.top_partners.slice(0, 12).map((item) => ({ ...item, label: item.entity.name })),
    [{ key: "relations", label: t("relations") }], { label: t("partner") }));
  draw("by_theme", barChart(stats.by_theme.slice(0, 15).map((item) => ({ ...item, label: themeNames[item.theme] ?? item.theme })),
    [{ key: "documents", label: t("documents") }, { key: "relations", label: t("relations") }], { label: t("theme") }));
  draw("by_relation_type", barChart(stats.by_relation_type.map((item) => ({ ...item, label: relationLabel(item.type) })),
    [{ key: "count", label: t("count") }], { label: t("type") }));
  document.getElementById("recent").replaceChildren(...stats.recent_documents.map((doc) => el("li", {},
    el("a", { href: `/documents/${encodeURIComponent(doc.id)}` }, doc.title || doc.id), " ", el("span", { class: "meta" }, doc.published ?? ""))));
  status("");
}

async function main() {
  restoreFromUrl(form);
  const themes = await fillThemeSelects(new URLSearchParams(window.location.search).get("theme") ?? "").catch(() => []);
  const themeNames = Object.fromEntries(themes.map((theme) => [theme.id, themeLabel(theme)]));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load(themeNames).catch(fail);
  });
  await load(themeNames).catch(fail);
}

main();
