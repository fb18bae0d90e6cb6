"""Drawing of access scores (internal): one PNG (matplotlib) and one HTML (folium) routine shared by
kwartier.access.plot and ``python3 -m kwartier.access_map`` (what ``kwartier access --map/--html`` runs).

The HTML is self-contained and works offline: folium's CDN scripts and styles are replaced by Leaflet inlined
from Debian's libjs-leaflet (/usr/share/javascript/leaflet), its images as data URIs; no background tiles
(the map shows the scored cells or points, the POIs and the areas on a plain background)."""
from __future__ import annotations

import base64
import html as _html
import math
import os
import re
from typing import Any, Optional

import numpy as np

LEAFLET_DIR = os.environ.get("KW_LEAFLET_DIR", "/usr/share/javascript/leaflet")
_POI_COLOURS = ["#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#999999",
                "#66c2a5", "#000000", "#8da0cb", "#e78ac3"]
_MODE_WORDS = {"walk": "on foot", "bike": "by bike", "transit": "on foot + public transport"}


def _title(md: dict[str, Any], title: Optional[str]) -> tuple[str, str]:
    t = title or f"15-minute city: categories reached within {md['minutes']:g} min {_MODE_WORDS.get(md['mode'], md['mode'])}"
    sub = f"mode: {md['mode']}"
    if md["mode"] == "transit" and md.get("date"):
        sub += f", departing {md['date']} {md['time']}"
        if md.get("window_minutes"):
            sub += f" (+{md['window_minutes']:g} min window, percentile {md['percentile']:g})"
    return t, sub


def _cmap(n: int) -> Any:
    import matplotlib

    base = matplotlib.colormaps["RdYlGn"]
    return matplotlib.colors.ListedColormap([base(i / max(n, 1)) for i in range(n + 1)])


def png(md: dict[str, Any], path: Optional[str], title: Optional[str] = None) -> Any:
    import matplotlib

    if path is not None:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    n_cat = len(md["categories"])
    cmap = _cmap(n_cat)
    norm = matplotlib.colors.BoundaryNorm(np.arange(-0.5, n_cat + 1.5), cmap.N)
    lat0 = float(np.mean(md["lat"])) if len(md["lat"]) else 0.0
    kx = math.cos(math.radians(lat0))
    fig, ax = plt.subplots(figsize=(10, 9))
    ax.set_aspect(1.0 / kx)
    reached = np.asarray(md["reached"])
    if md.get("areas"):
        for _name, shape in md["areas"]:
            for poly in shape:
                ring = np.asarray(poly[0])
                ax.plot(ring[:, 1], ring[:, 0], color="#555555", linewidth=0.8, zorder=1)
    if md.get("cells") is not None and len(reached):
        cells = np.asarray(md["cells"])[:, :, ::-1]  # (lat, lon) -> (x = lon, y = lat)
        pc = PolyCollection(cells, array=reached, cmap=cmap, norm=norm, edgecolors="none", zorder=2)
        ax.add_collection(pc)
        mappable = pc
    else:
        mappable = ax.scatter(md["lon"], md["lat"], c=reached, cmap=cmap, norm=norm, s=6, zorder=2)
    plat, plon, pcat, _pname = md["pois"]
    handles = []
    for c, name in enumerate(md["categories"]):
        sel = np.asarray(pcat) == c
        colour = _POI_COLOURS[c % len(_POI_COLOURS)]
        if sel.any():
            ax.scatter(np.asarray(plon)[sel], np.asarray(plat)[sel], marker="^", s=28, color=colour,
                       edgecolors="white", linewidths=0.6, zorder=4)
        handles.append(Line2D([], [], marker="^", linestyle="", color=colour, label=f"{name} ({int(sel.sum())})"))
    cb = fig.colorbar(mappable, ax=ax, ticks=range(n_cat + 1), fraction=0.035, pad=0.02)
    cb.set_label(f"categories reached within {md['minutes']:g} min (of {n_cat})")
    ax.legend(handles=handles, title="POIs", loc="upper left", bbox_to_anchor=(1.12, 1.0), fontsize=8,
              title_fontsize=9, frameon=False)
    ax.autoscale_view()
    # Scale bar: a round length about a fifth of the map's width, bottom left.
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    width_m = (x1 - x0) * 111195.0 * kx
    nice = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000]
    length = max([v for v in nice if v <= width_m / 5] or [nice[0]])
    dx = length / (111195.0 * kx)
    bx, by = x0 + 0.05 * (x1 - x0), y0 + 0.05 * (y1 - y0)
    ax.plot([bx, bx + dx], [by, by], color="black", linewidth=3, zorder=5)
    ax.text(bx + dx / 2, by + 0.015 * (y1 - y0), f"{length / 1000:g} km" if length >= 1000 else f"{length} m",
            ha="center", va="bottom", fontsize=9, zorder=5)
    t, sub = _title(md, title)
    ax.set_title(f"{t}\n{sub}", fontsize=11)
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    handles_areas = [Patch(facecolor="none", edgecolor="#555555", label="areas")] if md.get("areas") else []
    if handles_areas:
        ax.legend(handles=handles + handles_areas, title="POIs", loc="upper left", bbox_to_anchor=(1.12, 1.0),
                  fontsize=8, title_fontsize=9, frameon=False)
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=110)
        plt.close(fig)
    return fig


def _inline_leaflet() -> tuple[str, str]:
    with open(os.path.join(LEAFLET_DIR, "leaflet.js"), encoding="utf-8") as f:
        js = f.read()
    with open(os.path.join(LEAFLET_DIR, "leaflet.css"), encoding="utf-8") as f:
        css = f.read()

    def data_uri(m: "re.Match[str]") -> str:
        p = os.path.join(LEAFLET_DIR, m.group(1))
        if not os.path.exists(p):
            return "url()"
        with open(p, "rb") as img:
            kind = "svg+xml" if p.endswith(".svg") else "png"
            return f"url(data:image/{kind};base64,{base64.b64encode(img.read()).decode()})"

    css = re.sub(r"url\((images/[^)]+)\)", data_uri, css)
    return js, css


def html(md: dict[str, Any], path: str, title: Optional[str] = None) -> None:
    import folium

    n_cat = len(md["categories"])
    cmap = _cmap(n_cat)
    import matplotlib

    def colour(v: int) -> str:
        return matplotlib.colors.to_hex(cmap(int(v)))

    lat = np.asarray(md["lat"])
    lon = np.asarray(md["lon"])
    centre = [float(lat.mean()), float(lon.mean())] if len(lat) else [0.0, 0.0]
    m = folium.Map(location=centre, zoom_start=14, tiles=None, control_scale=True)
    reached = np.asarray(md["reached"])
    layer = folium.FeatureGroup(name=f"origins: categories reached ({md['mode']})", show=True)
    features = []
    for i in range(len(lat)):
        props = {"id": str(md["ids"][i]), "reached": int(reached[i]), "colour": colour(reached[i])}
        if md.get("cells") is not None:
            ring = [[float(p[1]), float(p[0])] for p in md["cells"][i]]
            geom = {"type": "Polygon", "coordinates": [ring + [ring[0]]]}
        else:
            geom = {"type": "Point", "coordinates": [float(lon[i]), float(lat[i])]}
        features.append({"type": "Feature", "properties": props, "geometry": geom})
    gj = {"type": "FeatureCollection", "features": features}
    if md.get("cells") is not None:
        folium.GeoJson(gj, style_function=lambda f: {"fillColor": f["properties"]["colour"], "color": "none",
                                                     "fillOpacity": 0.6},
                       tooltip=folium.GeoJsonTooltip(fields=["id", "reached"])).add_to(layer)
    else:
        for f in features:
            x, y = f["geometry"]["coordinates"]
            folium.CircleMarker([y, x], radius=4, color=f["properties"]["colour"], fill=True, fill_opacity=0.8,
                                weight=0, tooltip=f"{f['properties']['id']}: {f['properties']['reached']}").add_to(layer)
    layer.add_to(m)
    if md.get("areas"):
        areas = folium.FeatureGroup(name="areas", show=True)
        for name, shape in md["areas"]:
            coords = [[[[float(p[1]), float(p[0])] for p in ring] for ring in poly] for poly in shape]
            folium.GeoJson({"type": "Feature", "properties": {"name": name},
                            "geometry": {"type": "MultiPolygon", "coordinates": coords}},
                           style_function=lambda f: {"color": "#555555", "weight": 1, "fillOpacity": 0},
                           tooltip=name).add_to(areas)
        areas.add_to(m)
    plat, plon, pcat, pname = md["pois"]
    pl = folium.FeatureGroup(name="POIs", show=True)
    for i in range(len(plat)):
        c = md["categories"][pcat[i]]
        label = _html.escape(f"{c}: {pname[i]}" if pname[i] else c)
        folium.CircleMarker([float(plat[i]), float(plon[i])], radius=5,
                            color=_POI_COLOURS[pcat[i] % len(_POI_COLOURS)], fill=True, fill_opacity=1.0,
                            weight=1, tooltip=label).add_to(pl)
    pl.add_to(m)
    if len(lat):
        m.fit_bounds([[float(lat.min()), float(lon.min())], [float(lat.max()), float(lon.max())]])
    folium.LayerControl(collapsed=False).add_to(m)
    t, sub = _title(md, title)
    legend = "".join(
        f'<div><span style="display:inline-block;width:14px;height:10px;background:{colour(v)}"></span> {v}</div>'
        for v in range(n_cat + 1))
    box = (f'<div id="kw-title" style="position:fixed;top:8px;left:50px;z-index:1000;background:white;'
           f'padding:6px 10px;font:13px sans-serif;border:1px solid #999"><b>{_html.escape(t)}</b><br>'
           f'{_html.escape(sub)}</div><div id="kw-legend" style="position:fixed;bottom:20px;right:10px;'
           f'z-index:1000;background:white;padding:6px 10px;font:12px sans-serif;border:1px solid #999">'
           f'<b>categories reached</b>{legend}</div>')
    m.get_root().html.add_child(folium.Element(box))
    page = m.get_root().render()
    js, css = _inline_leaflet()
    page = re.sub(r'<script src="https?://[^"]+"></script>\s*', "", page)
    page = re.sub(r'<link rel="stylesheet" href="https?://[^"]+"\s*/?>\s*', "", page)
    inline = f"<style>{css}</style>\n<script>{js}</script>\n"
    page = page.replace("<head>", "<head>\n" + inline, 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)
