// Map page: places as markers, partnerships as lines, filtered by relation type, theme and
// date; zoom with the buttons, the mouse wheel or + and -, pan by dragging or the arrow keys.
import {
  api, el, fail, fillThemeSelects, formParams, rememberInUrl, restoreFromUrl, status, t, typeLabel,
} from "./common.js";
import { drawMap, zoom } from "./geo.js";

const form = document.getElementById("map-form");
const box = document.getElementById("map");

async function load() {
  const params = formParams(form);
  rememberInUrl(params);
  status(t("loading"));
  const answer = await api("/map", { params });
  const root = await drawMap({ places: answer.places, lines: answer.lines, label: t("places_lines", { places: answer.places.length, lines: answer.lines.length }) });
  box.replaceChildren(root, tools(root));
  enablePanning(root);
  status(answer.places.length ? t("places_lines", { places: answer.places.length, lines: answer.lines.length }) : t("no_coordinates"));
  const places = [...answer.places].sort((a, b) => a.name.localeCompare(b.name));
  document.getElementById("place-list").replaceChildren(...places.map((place) => el("li", {},
    el("span", { class: `swatch t-${place.type}` }), el("a", { href: `/entities/${place.id}` }, place.name),
    el("span", { class: "meta" }, ` · ${typeLabel(place.type)}${place.country ? ` · ${place.country}` : ""}`))));
}

function tools(root) {
  const initial = root.getAttribute("viewBox");
  const button = (label, text, action) => {
    const node = el("button", { type: "button", class: "secondary", "aria-label": label, title: label }, text);
    node.addEventListener("click", action);
    return node;
  };
  return el("div", { class: "map-tools" },
    button(t("zoom_in"), "+", () => zoom(root, 0.7)),
    button(t("zoom_out"), "−", () => zoom(root, 1 / 0.7)),
    button(t("zoom_reset"), "⟲", () => root.setAttribute("viewBox", initial)));
}

function pan(root, dx, dy) {
  const [x, y, w, h] = root.getAttribute("viewBox").split(" ").map(Number);
  root.setAttribute("viewBox", `${x + dx} ${y + dy} ${w} ${h}`);
}

function enablePanning(root) {
  let last = null;
  root.setAttribute("tabindex", "0");
  root.addEventListener("pointerdown", (event) => {
    if (event.target.closest("a")) return;
    last = [event.clientX, event.clientY];
    root.setPointerCapture(event.pointerId);
  });
  root.addEventListener("pointermove", (event) => {
    if (!last) return;
    const scale = root.viewBox.baseVal.width / root.getBoundingClientRect().width;
    pan(root, (last[0] - event.clientX) * scale, (last[1] - event.clientY) * scale);
    last = [event.clientX, event.clientY];
  });
  root.addEventListener("pointerup", () => { last = null; });
  root.addEventListener("wheel", (event) => {
    event.preventDefault();
    zoom(root, event.deltaY < 0 ? 0.85 : 1 / 0.85);
  }, { passive: false });
  root.addEventListener("keydown", (event) => {
    const step = root.viewBox.baseVal.width / 10;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[event.key]) pan(root, ...moves[event.key]);
    else if (event.key === "+" || event.key === "=") zoom(root, 0.7);
    else if (event.key === "-") zoom(root, 1 / 0.7);
    else return;
    event.preventDefault();
  });
}

async function main() {
  restoreFromUrl(form);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load().catch(fail);
  });
  await fillThemeSelects(new URLSearchParams(window.location.search).get("theme") ?? "").catch(() => []);
  await load().catch(fail);
}

main();
