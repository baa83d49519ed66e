"""Write the explorer's offline base map, app/explore/static/world.svg, from Natural Earth
land at 1:110m as TopoJSON (the world-atlas package's land-110m.json).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_map.py package/land-110m.json

The map is equirectangular with the SVG's user units in degrees (x = longitude,
y = -latitude), so the explorer places a summit's city at (lon, -lat) with no projection
code of its own. Run once; the SVG is committed and ships in the package.
"""

import argparse
import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "app" / "explore" / "static" / "world.svg"
DECIMALS = 1  # a tenth of a degree, about 11 km: finer than the 1:110m outlines
POLE_EDGE = 89.9  # latitude of the edge Antarctica's ring runs along
HEADER = (
    "<!-- Land outlines: Natural Earth 1:110m (public domain), via world-atlas 2.0.2 "
    "(ISC, Copyright 2013-2019 Michael Bostock); built by scripts/build_world_map.py -->"
)


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantized, delta-encoded arcs as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """One polygon ring from arc indexes (~i is arc i reversed); shared ends kept once."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian made continuous (longitudes past +-180), so no
    edge runs across the whole map; the pole edge of Antarctica stays as it is."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for lon, lat in points:
        if out:
            prev_lon, prev_lat = out[-1][0] - shift, out[-1][1]
            if abs(lon - prev_lon) > 180 and min(abs(lat), abs(prev_lat)) < POLE_EDGE:
                shift += 360 if lon < prev_lon else -360
        out.append((lon + shift, lat))
    return out


def copies(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The ring, plus a copy one world over where it sticks out past the map's edge."""
    rings = [points]
    if max(lon for lon, _ in points) > 180:
        rings.append([(lon - 360, lat) for lon, lat in points])
    if min(lon for lon, _ in points) < -180:
        rings.append([(lon + 360, lat) for lon, lat in points])
    return rings


def path_data(points: list[tuple[float, float]]) -> str:
    """An SVG subpath in degrees, y pointing south; repeated rounded points dropped."""
    cells: list[str] = []
    for lon, lat in points:
        cell = f"{round(lon, DECIMALS):g},{round(-lat, DECIMALS):g}"
        if not cells or cells[-1] != cell:
            cells.append(cell)
    return "M" + "L".join(cells) + "Z"


def build(topology: dict[str, Any]) -> str:
    """The whole SVG document."""
    arcs = decode_arcs(topology)
    subpaths: list[str] = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for indexes in polygon:
                subpaths.extend(path_data(c) for c in copies(unwrap(ring(arcs, indexes))))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180">'
        f"{HEADER}"
        '<rect x="-180" y="-90" width="360" height="180" fill="#eaf2f8"/>'
        f'<path fill="#d9d4c7" stroke="#b7ae9c" stroke-width="0.2" d="{"".join(subpaths)}"/>'
        "</svg>\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("land", type=Path, help="land-110m.json from world-atlas")
    args = parser.parse_args()
    OUT.write_text(build(json.loads(args.land.read_text())), encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
