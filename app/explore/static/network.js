// The network page's layout and a leader's neighbourhood (#15). The server places the
// leaders on a circle; this script runs a small force simulation from there (nodes repel,
// met pairs pull together, everything drifts to the centre), with a fixed seed so the same
// data always gives the same drawing, then moves the nodes once. Choosing a leader (click,
// or Enter on the focused name) highlights them, the leaders they met and those lines,
// dims the rest and lists the neighbours with a link to the leader's page. Escape, a second
// click or a click on the background clears it. The choice is kept in the URL's fragment
// (#person=ID), so a shared link opens it again.
"use strict";

const SEED = 15; // any fixed number: the layout must not change between loads
const ITERATIONS = 300; // enough for 40 nodes to settle; about 10 ms
const REPULSION = 9000; // how hard every two leaders push apart
const SPRING_LENGTH = 110; // the length a met pair's line settles at
const SPRING = 0.06; // how hard a met pair pulls together
const GRAVITY = 0.012; // the pull to the centre that keeps lone leaders on the page
const DECAY = 0.6; // share of its speed a node keeps each step
const MARGIN = 24; // user units kept clear at the drawing's edges
const LABEL_GAP = 9; // between a node and its name
const MIN_RADIUS = 4;
const MAX_RADIUS = 10;

// A small seeded random generator (mulberry32): the same sequence on every load.
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Positions after the simulation, fitted to a size x size square.
function layout(nodes, edges, size) {
  const random = seeded(SEED);
  const centre = size / 2;
  const points = nodes.map((n) => ({ x: n.x + random() - 0.5, y: n.y + random() - 0.5, vx: 0, vy: 0 }));
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const degree = nodes.map(() => 0);
  const springs = edges.map((e) => {
    const a = index.get(e.a);
    const b = index.get(e.b);
    degree[a] += 1;
    degree[b] += 1;
    return { a, b };
  });
  for (let step = 0; step < ITERATIONS; step += 1) {
    const alpha = 1 - step / ITERATIONS;
    for (let i = 0; i < points.length; i += 1) {
      for (let j = i + 1; j < points.length; j += 1) {
        const p = points[i];
        const q = points[j];
        const dx = q.x - p.x || random() - 0.5;
        const dy = q.y - p.y || random() - 0.5;
        const d2 = Math.max(dx * dx + dy * dy, 1);
        const force = (REPULSION * alpha) / d2 / Math.sqrt(d2);
        p.vx -= dx * force;
        p.vy -= dy * force;
        q.vx += dx * force;
        q.vy += dy * force;
      }
    }
    for (const { a, b } of springs) {
      const p = points[a];
      const q = points[b];
      const dx = q.x - p.x;
      const dy = q.y - p.y;
      const d = Math.max(Math.hypot(dx, dy), 1);
      // a hub's many lines each pull it less, as in d3-force's link strength
      const force = (SPRING * alpha * (d - SPRING_LENGTH)) / d / Math.min(degree[a], degree[b]);
      p.vx += dx * force;
      p.vy += dy * force;
      q.vx -= dx * force;
      q.vy -= dy * force;
    }
    for (const p of points) {
      p.vx += (centre - p.x) * GRAVITY * alpha;
      p.vy += (centre - p.y) * GRAVITY * alpha;
      p.vx *= DECAY;
      p.vy *= DECAY;
      p.x += p.vx;
      p.y += p.vy;
    }
  }
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [left, top] = [Math.min(...xs), Math.min(...ys)];
  const span = Math.max(Math.max(...xs) - left, Math.max(...ys) - top, 1);
  const scale = Math.min((size - 2 * MARGIN) / span, 2); // two nodes need not fill the page
  const offset = { x: (size - (Math.max(...xs) - left) * scale) / 2, y: (size - (Math.max(...ys) - top) * scale) / 2 };
  return points.map((p) => ({
    x: Math.round((offset.x + (p.x - left) * scale) * 10) / 10,
    y: Math.round((offset.y + (p.y - top) * scale) * 10) / 10,
  }));
}

function attachNetwork(figure) {
  const svg = figure.querySelector("svg");
  const panel = figure.querySelector(".network-panel");
  const size = Number(figure.dataset.size);
  const links = [...svg.querySelectorAll("a.person")];
  const nodes = links.map((link) => ({
    link,
    id: link.dataset.id,
    name: link.dataset.name,
    count: Number(link.dataset.count),
    x: Number(link.querySelector("circle").getAttribute("cx")),
    y: Number(link.querySelector("circle").getAttribute("cy")),
  }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = [...svg.querySelectorAll("a.pair")].map((link) => ({
    link,
    a: link.dataset.a,
    b: link.dataset.b,
    weight: Number(link.dataset.weight),
  }));
  const peak = Math.max(1, ...nodes.map((n) => n.count));

  layout(nodes, edges, size).forEach((point, i) => {
    const node = nodes[i];
    node.x = point.x;
    node.y = point.y;
    const r = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(node.count / peak);
    const circle = node.link.querySelector("circle");
    circle.setAttribute("cx", point.x);
    circle.setAttribute("cy", point.y);
    circle.setAttribute("r", Math.round(r * 10) / 10);
    const text = node.link.querySelector("text");
    const right = point.x >= size / 2;
    text.setAttribute("x", point.x + (right ? LABEL_GAP + r - MIN_RADIUS : -LABEL_GAP - r + MIN_RADIUS));
    text.setAttribute("y", point.y + 4);
    text.setAttribute("text-anchor", right ? "start" : "end");
    node.link.setAttribute("role", "button");
    node.link.setAttribute("aria-pressed", "false");
  });
  for (const edge of edges) {
    const line = edge.link.querySelector("line");
    const [a, b] = [byId.get(edge.a), byId.get(edge.b)];
    line.setAttribute("x1", a.x);
    line.setAttribute("y1", a.y);
    line.setAttribute("x2", b.x);
    line.setAttribute("y2", b.y);
  }
  figure.dataset.layout = "force"; // tests wait for this

  function choose(id) {
    const node = byId.get(id);
    if (!node) return clear();
    const near = new Map(); // neighbour id -> the pair's edge
    for (const edge of edges) {
      const other = edge.a === id ? edge.b : edge.b === id ? edge.a : null;
      edge.link.classList.toggle("near", other !== null);
      if (other !== null) near.set(other, edge);
    }
    for (const n of nodes) {
      n.link.classList.toggle("chosen", n.id === id);
      n.link.classList.toggle("near", near.has(n.id));
      n.link.setAttribute("aria-pressed", String(n.id === id));
    }
    figure.classList.add("focused");
    const heading = document.createElement("h2");
    heading.textContent = node.name;
    const summary = document.createElement("p");
    summary.textContent = `${node.count} ${node.count === 1 ? "summit" : "summits"}; met ${near.size} of the leaders drawn`;
    const list = document.createElement("ul");
    const ranked = [...near].sort(([, x], [, y]) => y.weight - x.weight);
    for (const [other, edge] of ranked) {
      const item = document.createElement("li");
      const pair = document.createElement("a");
      pair.href = edge.link.getAttribute("href");
      pair.textContent = byId.get(other).name;
      item.append(pair, ` ${edge.weight}`);
      list.append(item);
    }
    const page = document.createElement("a");
    page.href = node.link.getAttribute("href");
    page.className = "person-page";
    page.textContent = `${node.name}'s page`;
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Clear";
    close.addEventListener("click", () => {
      clear();
      node.link.focus();
    });
    panel.replaceChildren(heading, summary, list, page, " ", close);
    panel.hidden = false;
    if (location.hash !== `#person=${id}`) history.replaceState(null, "", `#person=${id}`);
  }

  function clear() {
    figure.classList.remove("focused");
    for (const item of [...nodes, ...edges]) item.link.classList.remove("chosen", "near");
    for (const n of nodes) n.link.setAttribute("aria-pressed", "false");
    panel.replaceChildren();
    panel.hidden = true;
    if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  }

  for (const node of nodes) {
    node.link.addEventListener("click", (event) => {
      event.preventDefault(); // the page link moves to the panel
      if (node.link.classList.contains("chosen")) clear();
      else choose(node.id);
    });
    node.link.addEventListener("keydown", (event) => {
      if (event.key === " ") {
        event.preventDefault();
        node.link.click();
      }
    });
  }
  svg.addEventListener("click", (event) => {
    if (!event.target.closest("a")) clear();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && figure.classList.contains("focused")) clear();
  });
  const saved = /^#person=(\d+)$/.exec(location.hash);
  if (saved) choose(saved[1]);
}

document.querySelectorAll("figure.network[data-size]").forEach(attachNetwork);
