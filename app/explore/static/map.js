// The map page's zoom, pan and clustering (#15). The server draws one dot per city, each a
// link to its summits; this script replaces them with markers drawn for the current view:
// cities closer than a few pixels merge into one counted marker, which splits as the map
// is zoomed, and whose click lists (and links) the cities inside it. Zoom and pan by the
// buttons, the wheel, dragging, or the keyboard (arrows, + and -, 0) when the map has focus.
// The view is kept in the URL's fragment (#map=zoom/x/y), so a shared link opens it again.
"use strict";

const WORLD = { x: -180, y: -90, width: 360, height: 180 }; // the base map's viewBox
const MIN_ZOOM = 1;
const MAX_ZOOM = 64; // a city block at phone width: past that the base map has no detail
const STEP = 2; // one button press or key doubles or halves the scale
const WHEEL_STEP = 1.5; // one notch of the wheel
const PAN_FRACTION = 0.2; // an arrow key moves a fifth of the view
const CLUSTER_PX = 24; // markers nearer than this on screen merge
const DRAG_PX = 4; // a press that moves less than this is a click, not a drag
const MIN_DOT_PX = 4; // radius of a city with the fewest summits
const MAX_DOT_PX = 14; // radius of the busiest city
const MIN_CLUSTER_PX = 10; // a cluster's radius leaves room for its count
const LABEL_PX = 10; // the count's font size
const DIGIT_PX = 3.2; // half a digit's width at that size: the radius grows with the label

function attachMap(figure) {
  const svg = figure.querySelector("svg");
  const layer = svg.querySelector("g.markers");
  const panel = figure.querySelector(".map-panel");
  const ns = svg.namespaceURI;
  const cities = [...layer.querySelectorAll("a[data-count]")].map((link) => ({
    x: Number(link.dataset.x),
    y: Number(link.dataset.y),
    count: Number(link.dataset.count),
    label: link.dataset.label,
    href: link.getAttribute("href"),
  }));
  const peak = Math.max(1, ...cities.map((c) => c.count));
  const view = { zoom: 1, x: 0, y: 0 }; // zoom and the centre of the view in map units
  let chosen = null; // the label of a city in the cluster whose list is open

  function clamp(value, low, high) {
    return Math.min(high, Math.max(low, value));
  }

  function box() {
    const width = WORLD.width / view.zoom;
    const height = WORLD.height / view.zoom;
    return { x: view.x - width / 2, y: view.y - height / 2, width, height };
  }

  function setView(zoom, x, y) {
    // rounded as the URL keeps them, so a shared link draws exactly the same view
    view.zoom = round(clamp(zoom, MIN_ZOOM, MAX_ZOOM), 3);
    const half = { x: WORLD.width / view.zoom / 2, y: WORLD.height / view.zoom / 2 };
    view.x = round(clamp(x, WORLD.x + half.x, WORLD.x + WORLD.width - half.x), 3);
    view.y = round(clamp(y, WORLD.y + half.y, WORLD.y + WORLD.height - half.y), 3);
    const b = box();
    svg.setAttribute("viewBox", [b.x, b.y, b.width, b.height].map((v) => round(v, 4)).join(" "));
    figure.dataset.zoom = String(view.zoom);
    const where = `#map=${view.zoom}/${view.x}/${view.y}`;
    if (view.zoom === 1 && location.hash === "") {
      // the whole world needs no fragment
    } else if (location.hash !== where) {
      history.replaceState(null, "", where);
    }
    draw();
  }

  function round(value, digits) {
    const unit = 10 ** digits;
    return Math.round(value * unit) / unit;
  }

  // Map units per screen pixel at the current zoom.
  function unitsPerPixel() {
    const width = svg.getBoundingClientRect().width || 1;
    return box().width / width;
  }

  // Cities grouped greedily, busiest first: a city joins the first group whose first city
  // lies within CLUSTER_PX on screen. Deterministic for a given view and data.
  function cluster() {
    const reach = CLUSTER_PX * unitsPerPixel();
    const order = [...cities].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    const groups = [];
    for (const city of order) {
      const near = groups.find((g) => Math.hypot(g.seed.x - city.x, g.seed.y - city.y) < reach);
      if (near) near.members.push(city);
      else groups.push({ seed: city, members: [city] });
    }
    return groups.map((g) => {
      const count = g.members.reduce((sum, c) => sum + c.count, 0);
      return {
        members: g.members,
        count,
        x: g.members.reduce((sum, c) => sum + c.x * c.count, 0) / count,
        y: g.members.reduce((sum, c) => sum + c.y * c.count, 0) / count,
      };
    });
  }

  function element(name, attributes, text) {
    const node = document.createElementNS(ns, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A count that fits a marker: 950, 7.7k, 12k.
  function short(count) {
    if (count < 1000) return String(count);
    return count < 10000 ? `${(count / 1000).toFixed(1)}k` : `${Math.round(count / 1000)}k`;
  }

  function radius(count, grouped) {
    const r = MIN_DOT_PX + (MAX_DOT_PX - MIN_DOT_PX) * Math.sqrt(Math.min(count, peak) / peak);
    return grouped ? Math.max(r, MIN_CLUSTER_PX, 3 + DIGIT_PX * short(count).length) : r;
  }

  function draw() {
    const scale = unitsPerPixel();
    const focused = document.activeElement?.closest?.("a.marker")?.dataset.first;
    const markers = cluster().map((group) => {
      const grouped = group.members.length > 1;
      const r = radius(group.count, grouped) * scale;
      const first = group.members[0];
      const link = element("a", {
        class: grouped ? "marker cluster" : "marker",
        href: grouped ? "#" : first.href,
        "data-count": group.count,
        "data-first": first.label,
      });
      const summits = `${group.count.toLocaleString("en")} ${group.count === 1 ? "summit" : "summits"}`;
      const title = grouped ? `${group.members.length} cities, ${summits}` : `${first.label}: ${group.count}`;
      if (grouped) {
        link.setAttribute("role", "button");
        link.setAttribute("aria-label", `${title}: list them`);
      }
      const dot = element("circle", { cx: group.x, cy: group.y, r, class: "dot" });
      dot.append(element("title", {}, title));
      link.append(dot);
      if (grouped) {
        const size = LABEL_PX * scale;
        const label = element(
          "text",
          { x: group.x, y: group.y + size * 0.35, "font-size": size, "text-anchor": "middle" },
          short(group.count),
        );
        link.append(label);
        link.addEventListener("click", (event) => {
          event.preventDefault();
          if (!dragged) showGroup(group);
        });
        link.addEventListener("keydown", (event) => {
          if (event.key === " ") {
            event.preventDefault(); // a button answers Space as well as Enter
            showGroup(group);
          }
        });
      } else {
        link.addEventListener("click", (event) => {
          if (dragged) event.preventDefault();
        });
      }
      return link;
    });
    layer.replaceChildren(...markers);
    if (focused) markers.find((m) => m.dataset.first === focused)?.focus();
    if (chosen !== null) {
      const group = cluster().find((g) => g.members.some((c) => c.label === chosen));
      if (group && group.members.length > 1) showGroup(group);
      else hideGroup();
    }
  }

  function showGroup(group) {
    chosen = group.members[0].label;
    const heading = document.createElement("h2");
    heading.textContent = `${group.members.length} cities, ${group.count.toLocaleString("en")} summits`;
    const list = document.createElement("ul");
    for (const city of group.members) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = city.href;
      link.textContent = city.label;
      item.append(link, ` ${city.count.toLocaleString("en")}`);
      list.append(item);
    }
    const zoom = document.createElement("button");
    zoom.type = "button";
    zoom.textContent = "Zoom to these";
    zoom.addEventListener("click", () => fit(group.members));
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", hideGroup);
    panel.replaceChildren(heading, list, zoom, close);
    panel.hidden = false;
  }

  function hideGroup() {
    chosen = null;
    panel.replaceChildren();
    panel.hidden = true;
  }

  // The view that holds these cities with a margin, as close as the limits allow.
  function fit(members) {
    const xs = members.map((c) => c.x);
    const ys = members.map((c) => c.y);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    const zoom = Math.min(WORLD.width / (width * 2 || 1), WORLD.height / (height * 2 || 1));
    hideGroup();
    setView(Math.min(zoom, MAX_ZOOM), (Math.max(...xs) + Math.min(...xs)) / 2, (Math.max(...ys) + Math.min(...ys)) / 2);
  }

  // Zoom by ``factor`` keeping the map point under (px, py) (client pixels) in place.
  function zoomAt(factor, px, py) {
    const rect = svg.getBoundingClientRect();
    const b = box();
    const fx = rect.width ? (px - rect.left) / rect.width : 0.5;
    const fy = rect.height ? (py - rect.top) / rect.height : 0.5;
    const mx = b.x + fx * b.width;
    const my = b.y + fy * b.height;
    const zoom = clamp(view.zoom * factor, MIN_ZOOM, MAX_ZOOM);
    const width = WORLD.width / zoom;
    const height = WORLD.height / zoom;
    setView(zoom, mx - fx * width + width / 2, my - fy * height + height / 2);
  }

  function zoomCentre(factor) {
    setView(view.zoom * factor, view.x, view.y);
  }

  function pan(dx, dy) {
    const b = box();
    setView(view.zoom, view.x + dx * b.width, view.y + dy * b.height);
  }

  figure.querySelector("[data-zoom='in']").addEventListener("click", () => zoomCentre(STEP));
  figure.querySelector("[data-zoom='out']").addEventListener("click", () => zoomCentre(1 / STEP));
  figure.querySelector("[data-zoom='reset']").addEventListener("click", () => setView(1, 0, 0));

  svg.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      zoomAt(event.deltaY < 0 ? WHEEL_STEP : 1 / WHEEL_STEP, event.clientX, event.clientY);
    },
    { passive: false },
  );

  let press = null; // where a drag started: pointer and view
  let dragged = false;
  svg.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    press = { px: event.clientX, py: event.clientY, x: view.x, y: view.y, id: event.pointerId };
    dragged = false;
  });
  svg.addEventListener("pointermove", (event) => {
    if (!press || event.pointerId !== press.id) return;
    const dx = event.clientX - press.px;
    const dy = event.clientY - press.py;
    if (!dragged && Math.hypot(dx, dy) < DRAG_PX) return;
    if (!dragged) svg.setPointerCapture(event.pointerId);
    dragged = true;
    const scale = unitsPerPixel();
    setView(view.zoom, press.x - dx * scale, press.y - dy * scale);
  });
  const release = () => {
    press = null;
    window.setTimeout(() => {
      dragged = false; // the click that ends a drag has been swallowed by now
    }, 0);
  };
  svg.addEventListener("dragstart", (event) => event.preventDefault()); // links are not dragged out
  svg.addEventListener("pointerup", release);
  svg.addEventListener("pointercancel", release);

  svg.addEventListener("keydown", (event) => {
    const moves = {
      ArrowLeft: [-PAN_FRACTION, 0],
      ArrowRight: [PAN_FRACTION, 0],
      ArrowUp: [0, -PAN_FRACTION],
      ArrowDown: [0, PAN_FRACTION],
    };
    if (event.key in moves) pan(...moves[event.key]);
    else if (event.key === "+" || event.key === "=") zoomCentre(STEP);
    else if (event.key === "-" || event.key === "_") zoomCentre(1 / STEP);
    else if (event.key === "0") setView(1, 0, 0);
    else if (event.key === "Escape") hideGroup();
    else return;
    event.preventDefault();
  });

  let width = svg.getBoundingClientRect().width;
  new ResizeObserver(() => {
    const now = svg.getBoundingClientRect().width;
    if (now !== width) {
      width = now;
      draw();
    }
  }).observe(svg);

  figure.querySelector(".map-tools").hidden = false;
  const saved = /^#map=([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(location.hash);
  if (saved) setView(Number(saved[1]), Number(saved[2]), Number(saved[3]));
  else setView(1, 0, 0);
}

document.querySelectorAll("figure.map[data-map]").forEach(attachMap);
