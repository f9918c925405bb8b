// Offline maps: Natural Earth countries (world-atlas, vendored) drawn with d3-geo as SVG,
// places as markers coloured by entity type, partnerships as great-circle lines coloured by
// relation type and dashed by status. Used by the map page and the entity page's mini-map.
/* global d3, topojson */
import { SVG_DASH, entityColour, relationColour, relationLabel, statusDash, statusLabel, svg, typeLabel } from "./common.js";

let worldPromise = null;

/** The countries of the world as GeoJSON, fetched once from the vendored world-atlas file. */
export function loadWorld() {
  worldPromise ??= fetch("/static/vendor/world-atlas/countries-50m.json")
    .then((response) => response.json())
    .then((world) => topojson.feature(world, world.objects.countries));
  return worldPromise;
}

/** The region to show: all places with some margin, or a box around a single place. */
function extentOf(places) {
  if (!places.length) return { type: "Sphere" };
  const points = places.map((place) => [place.lon, place.lat]);
  if (points.length === 1) {
    const [lon, lat] = points[0];
    points.push([lon - 12, lat - 8], [lon + 12, lat + 8]);
  }
  return { type: "MultiPoint", coordinates: points };
}

/**
 * Draw countries, lines and places into an SVG of width×height and return it. Each marker is
 * a link to the place's entity page, with a title, so keyboard and screen-reader users reach it.
 */
export async function drawMap({ places, lines, width = 960, height = 520, label }) {
  const world = await loadWorld();
  const projection = d3.geoNaturalEarth1();
  projection.fitExtent([[24, 24], [width - 24, height - 24]], extentOf(places));
  const path = d3.geoPath(projection);
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "group", "aria-label": label });
  root.append(svg("path", { d: path({ type: "Sphere" }), fill: "var(--sea)" }));
  const land = svg("g", { class: "countries" });
  for (const country of world.features) {
    const d = path(country);
    if (d) land.append(svg("path", { class: "country", d, fill: "var(--land)", stroke: "#c3c9cf", "stroke-width": 0.5 }));
  }
  root.append(land);
  const lineLayer = svg("g", { class: "lines" });
  for (const line of lines) {
    const d = path({ type: "LineString", coordinates: [[line.from.lon, line.from.lat], [line.to.lon, line.to.lat]] });
    if (!d) continue;
    lineLayer.append(svg("path", {
      class: `partnership r-${line.type}`, d, stroke: relationColour(line.type),
      "stroke-dasharray": SVG_DASH[statusDash(line.status)],
    }, svg("title", {}, `${relationLabel(line.type)} · ${statusLabel(line.status)}${line.date ? ` · ${line.date}` : ""}`)));
  }
  root.append(lineLayer);
  const placeLayer = svg("g", { class: "places" });
  const radius = (place) => Math.min(10, 4 + Math.sqrt(place.documents ?? 1) * 1.5);
  for (const place of places) {
    const point = projection([place.lon, place.lat]);
    if (!point) continue;
    placeLayer.append(svg("a", { href: `/entities/${place.id}`, class: "place-link" },
      svg("title", {}, `${place.name} (${typeLabel(place.type)}${place.country ? `, ${place.country}` : ""})`),
      svg("circle", { class: "place", cx: point[0].toFixed(1), cy: point[1].toFixed(1), r: radius(place), fill: entityColour(place.type) })));
  }
  root.append(placeLayer);
  return root;
}

/** Zoom an SVG's viewBox by factor around its centre (factor < 1 zooms in). */
export function zoom(root, factor) {
  const [x, y, w, h] = root.getAttribute("viewBox").split(" ").map(Number);
  const [nw, nh] = [w * factor, h * factor];
  root.setAttribute("viewBox", `${x + (w - nw) / 2} ${y + (h - nh) / 2} ${nw} ${nh}`);
}
