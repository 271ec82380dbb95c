"""The world map of regional examples: an inline SVG drawn at build time from Natural Earth's
country outlines (data/map/countries-110m.json, see data/map/README.md), with the countries that
have an example highlighted and linked to the section that discusses them, and a table with the
same information for readers who do not use the map.

Which countries have examples comes from the timeline data: an event's optional `countries` field
(ISO 3166-1 alpha-2 codes). Country names in both languages come from CLDR, through babel.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.core import get_global

MAP_MARKER = "<!-- map -->"
TOPOLOGY = Path("data/map/countries-110m.json")
TOPOLOGY_SHA256 = "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8"
WIDTH = 960
LEFT_OUT = {"010"}  # Antarctica: no example there, and it would take a fifth of the height
CLDR_LOCALES = {"en": "en", "zh": "zh_Hans_CN"}
LABELS = {
    "en": {"title": "Countries with a documented example", "country": "Country",
           "events": "Events on the timeline", "section": "Discussed in",
           "desc": "World map. Highlighted, each linking to the section that discusses it: {names}.",
           "caption": "Highlighted: countries for which a regional page documents an example. Select "
                      "a country to read about it. Outlines: Natural Earth, 1:110m (public domain); "
                      "they imply no position on any boundary.",
           "sep": ", "},
    "zh": {"title": "有记录事例的国家", "country": "国家", "events": "大事记中的事件",
           "section": "相关章节", "desc": "世界地图。突出显示的国家均链接到讨论它的章节：{names}。",
           "caption": "突出显示的是地区页面记录了事例的国家，点击国家可阅读相关内容。国界轮廓取自Natural Earth"
                      "（1:110m，公有领域），不代表本站对任何边界的立场。",
           "sep": "、"},
}


# Country names (CLDR) --------------------------------------------------------------------------

def country_name(code: str, locale: str) -> str:
    return Locale.parse(CLDR_LOCALES[locale]).territories.get(code, code)


def alpha2(numeric: str) -> str | None:
    """ISO 3166-1 numeric -> alpha-2, from CLDR's territory aliases ("364" -> "IR")."""
    target = get_global("territory_aliases").get(numeric)
    return target[0] if target and len(target) == 1 else None


# Examples ---------------------------------------------------------------------------------------

@dataclass
class Country:
    code: str
    region: str
    events: list = field(default_factory=list)   # timeline entries, oldest first

    @property
    def page(self) -> str:
        """The section that discusses the country: the one most of its events point to (the oldest
        event's on a tie), e.g. "regions/middle-east.md#zte-2012"."""
        pages = [str(e.data["page"]) for e in self.events if e.data.get("page")]
        return max(pages, key=lambda p: (pages.count(p), -pages.index(p))) if pages else ""


def countries_with_examples(entries) -> dict[str, Country]:
    """{alpha-2: Country} from the timeline entries' `countries` fields, in code order."""
    found: dict[str, Country] = {}
    for entry in entries:
        for code in entry.data.get("countries") or []:
            country = found.setdefault(str(code), Country(str(code), str(entry.data.get("region"))))
            country.events.append(entry)
    return dict(sorted(found.items()))


# Geometry ---------------------------------------------------------------------------------------

def load_topology(root: Path) -> dict:
    data = (root / TOPOLOGY).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != TOPOLOGY_SHA256:
        raise ValueError(f"{TOPOLOGY} is not the recorded world-atlas file (sha256 {digest}); "
                         "see data/map/README.md")
    return json.loads(data)


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Decode the quantized, delta-encoded arcs into longitude/latitude points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _polygons(geometry: dict, arcs) -> list[list[list[tuple[float, float]]]]:
    """Each polygon as a list of rings; rings that cross the antimeridian (Fiji, Russia) come
    split into one ring per side, so that no edge runs across the whole map."""
    if geometry["type"] == "Polygon":
        polygons = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["arcs"]
    else:
        return []
    return [[piece for r in polygon for piece in _split_antimeridian(_ring(r, arcs))] for polygon in polygons]


def _split_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    unwrapped, offset = [ring[0]], 0.0
    for lon, lat in ring[1:]:
        lon += offset
        if lon - unwrapped[-1][0] > 180:
            offset, lon = offset - 360, lon - 360
        elif lon - unwrapped[-1][0] < -180:
            offset, lon = offset + 360, lon + 360
        unwrapped.append((lon, lat))
    lons = [lon for lon, _ in unwrapped]
    if offset or (min(lons) >= -180 and max(lons) <= 180):
        return [ring]  # within one side, or around a pole (not drawn here)
    pieces = []
    for shift in (-360, 0, 360):
        piece = _clip([(lon + shift, lat) for lon, lat in unwrapped], -180, 180)
        if len(piece) > 2:
            pieces.append(piece)
    return pieces


def _clip(ring: list[tuple[float, float]], low: float, high: float) -> list[tuple[float, float]]:
    """Sutherland-Hodgman clipping of a ring to the strip low <= longitude <= high."""
    for inside, edge in ((lambda p: p[0] >= low, low), (lambda p: p[0] <= high, high)):
        if not ring:
            break
        out = []
        for i, current in enumerate(ring):
            previous = ring[i - 1]
            if inside(current) != inside(previous):
                share = (edge - previous[0]) / (current[0] - previous[0])
                out.append((edge, previous[1] + share * (current[1] - previous[1])))
            if inside(current):
                out.append(current)
        ring = out
    return ring


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Equal Earth projection (Šavrič, Patterson and Jenny, 2018), unit scale, y up."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    m = math.sqrt(3) / 2
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(m * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (m * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


@dataclass(frozen=True)
class Shape:
    numeric: str
    name: str          # Natural Earth's English name
    path: str          # SVG path data in the map's coordinates


@lru_cache(maxsize=4)
def shapes(root: Path) -> tuple[tuple[Shape, ...], tuple[float, float]]:
    """Every country outline as SVG path data, and the map's (width, height)."""
    topology = load_topology(root)
    arcs = _arcs(topology)
    geometries = [g for g in topology["objects"]["countries"]["geometries"] if g.get("id") not in LEFT_OUT]
    projected = [(g, [[[equal_earth(lon, lat) for lon, lat in ring] for ring in polygon]
                      for polygon in _polygons(g, arcs)]) for g in geometries]
    xs = [x for _, polys in projected for poly in polys for ring in poly for x, _ in ring]
    ys = [y for _, polys in projected for poly in polys for ring in poly for _, y in ring]
    scale = WIDTH / (max(xs) - min(xs))
    left, top = min(xs), max(ys)
    out = []
    for geometry, polygons in projected:
        commands = []
        for polygon in polygons:
            for ring in polygon:
                points = []  # in tenths of a unit, so that relative steps add up exactly
                for x, y in ring:
                    point = (round((x - left) * scale * 10), round((top - y) * scale * 10))
                    if not points or point != points[-1]:
                        points.append(point)
                if len(points) > 2:
                    commands.append(_ring_path(points))
        out.append(Shape(str(geometry.get("id", "")), str(geometry.get("properties", {}).get("name", "")),
                         "".join(commands)))
    return tuple(out), (WIDTH, round((max(ys) - min(ys)) * scale, 1))


def _ring_path(points: list[tuple[int, int]]) -> str:
    """A closed ring as "M x,y l dx,dy ..." with relative steps (a third shorter than absolute)."""
    (x0, y0), steps = points[0], []
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        steps += [bx - ax, by - ay]
    return f"M{_numbers([x0, y0])}l{_numbers(steps)}z"


def _numbers(values: list[int]) -> str:
    """Integers counted in tenths as compact SVG numbers: [12, -3, 5] -> "1.2-.3,.5" (a comma
    before a number without a minus sign, which separates by itself)."""
    out = []
    for i, value in enumerate(values):
        whole, tenth = divmod(abs(value), 10)
        text = f"{whole}.{tenth}" if tenth else str(whole)
        text = text[1:] if text.startswith("0.") else text
        out.append(("-" if value < 0 else ("," if i else "")) + text)
    return "".join(out)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


# Output -----------------------------------------------------------------------------------------

def svg(root: Path, countries: dict[str, Country], locale: str, href) -> str:
    """The inline SVG. `href(page)` turns a page path with its anchor ("regions/africa.md#x") into
    a URL relative to the page that shows the map."""
    labels = LABELS[locale]
    all_shapes, (width, height) = shapes(root)
    background, linked = [], []
    for shape in all_shapes:
        code = alpha2(shape.numeric) if shape.numeric else None
        country = countries.get(code or "")
        if country and country.page:
            name = html.escape(country_name(country.code, locale))
            linked.append(
                f'<a href="{html.escape(href(country.page))}" class="region-map__link" '
                f'data-country="{country.code}"><title>{name}</title>'
                f'<path class="region-map__country region-map__country--example" d="{shape.path}"/></a>')
        else:
            background.append(shape.path)
    names = labels["sep"].join(country_name(code, locale) for code in countries)
    return (
        f'<svg class="region-map__svg" viewBox="0 0 {_num(width)} {_num(height)}" role="group" '
        f'aria-labelledby="region-map-title region-map-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="region-map-title">{html.escape(labels["title"])}</title>'
        f'<desc id="region-map-desc">{html.escape(labels["desc"].format(names=names))}</desc>'
        f'<path class="region-map__country" aria-hidden="true" d="{"".join(background)}"/>'
        f'{"".join(linked)}</svg>'
    )


def figure(root: Path, countries: dict[str, Country], locale: str, href) -> str:
    return (f'<figure class="region-map">{svg(root, countries, locale, href)}'
            f'{country_links(countries, locale, href)}'
            f'<figcaption>{html.escape(LABELS[locale]["caption"])}</figcaption></figure>')


def country_links(countries: dict[str, Country], locale: str, href) -> str:
    """The map's countries again as a row of links, each a target of at least 24 x 24 px: on a
    phone Uganda is 6 x 8 px on the map, and Thailand and Vietnam are 10 px wide side by side."""
    items = [f'<li><a class="region-map__country-link" href="{html.escape(href(c.page))}" '
             f'data-country="{c.code}">{html.escape(country_name(c.code, locale))}</a></li>'
             for c in sorted(countries.values(), key=lambda c: country_name(c.code, locale)) if c.page]
    return (f'<ul class="region-map__countries" aria-label="{html.escape(LABELS[locale]["title"])}">'
            f'{"".join(items)}</ul>')


def table_markdown(countries: dict[str, Country], locale: str, region_label, event_title) -> str:
    """The text alternative: one row per country, with its region, the section that discusses it
    and its events on the timeline (Markdown links, so the build checks that they resolve)."""
    labels = LABELS[locale]
    rows = [f"| {labels['country']} | {labels['section']} | {labels['events']} |", "|---|---|---|"]
    ordered = sorted(countries.values(), key=lambda c: country_name(c.code, locale))
    for country in ordered:  # the region is the section's name: no column of its own (phones)
        events = "<br>".join(f"[{event_title(e)}](timeline.md#{e.id})" for e in country.events)
        region = region_label(country.region)
        section = f"[{region}]({country.page})" if country.page else region
        rows.append(f'| <span data-country="{country.code}">{country_name(country.code, locale)}</span> '
                    f"| {section} | {events} |")
    return '<div class="region-map-table" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"
