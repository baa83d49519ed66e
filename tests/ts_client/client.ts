// A typed client of the summits API, built from the server's own /openapi.json
// (openapi-typescript writes schema.d.ts beside this file, openapi-fetch calls the API).
// It compiles under --strict only if the schema is precise: one JSON media type per
// operation and every always-sent field required, so no `undefined` creeps in (#12).
// Usage: node client.js http://127.0.0.1:8000 ; prints one JSON object per line.
import createClient from "openapi-fetch";

import type { components, paths } from "./schema.js";

type Summit = components["schemas"]["SummitPublic"];
type FacetValue = components["schemas"]["FacetValue"];

const baseUrl = process.argv[2];
if (!baseUrl) {
  throw new Error("usage: node client.js BASE_URL");
}
const client = createClient<paths>({ baseUrl });

// summits by participant, with the issue facet
const listed = await client.GET("/summits", {
  params: { query: { participant: ["Kishida"], sort: "date", facet: ["issue"] } },
});
if (listed.error) {
  throw new Error(listed.error.detail.map((e) => e.msg).join("; "));
}
const page = listed.data;
const count: number | null = page.count; // required and nullable: never undefined
const next: string | null = page.next;
const issues: FacetValue[] = page.facets?.["issue"] ?? [];
console.log(
  JSON.stringify({
    count,
    next,
    dates: page.data.map((summit: Summit) => summit.date_text),
    cities: page.data.map((summit: Summit) => summit.city),
    participants: page.data.map((summit: Summit) => summit.participants.map((p) => p.name)),
  }),
);
console.log(
  JSON.stringify({
    facet: "issue",
    top: issues.slice(0, 3).map((f) => [f.value, f.count]),
    missiles: issues.find((f) => f.value === "missiles")?.count ?? 0,
  }),
);

// one summit, then an id that does not exist: the error is typed as ErrorOut
const first = page.data[0];
if (!first) {
  throw new Error("no summit listed");
}
const detail = await client.GET("/summits/{summit_id}", {
  params: { path: { summit_id: first.id } },
});
const missing = await client.GET("/summits/{summit_id}", {
  params: { path: { summit_id: 9999 } },
});
console.log(
  JSON.stringify({
    detail: detail.data?.sources.map((s) => s.publisher) ?? null,
    missing: [missing.response.status, missing.error?.detail[0]?.type ?? null],
  }),
);

// the map export: a typed GeoJSON FeatureCollection of points
const map = await client.GET("/summits.geojson", {
  params: { query: { participant: ["Kishida"] } },
});
if (!map.data) {
  throw new Error("no map");
}
console.log(
  JSON.stringify({
    type: map.data.type,
    points: map.data.features.map((f) => [f.properties.city, f.geometry.coordinates]),
  }),
);
