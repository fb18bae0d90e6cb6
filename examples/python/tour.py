"""A tour of the Python package on the sample data: validate a GTFS feed, build and query a street network,
build and query a procedure index. Usage: /usr/bin/python3 examples/python/tour.py [DATA_DIR] [OUT_DIR]"""
import sys
import tempfile
from pathlib import Path

import numpy as np

import kwartier
import kwartier.gtfs as gtfs

data = Path(sys.argv[1] if len(sys.argv) > 1 else "data")
out = Path(sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="kwartier-tour-py-"))
out.mkdir(parents=True, exist_ok=True)

# 1. GTFS: the validation report as a pandas DataFrame.
report = gtfs.validate(str(data / "gtfs/mini-brussels"))
print(f"gtfs: {report.errors} errors, {report.warnings} warnings")
print(report.to_dataframe()[["severity", "code", "file", "line"]].head())

# 2. Network: build once, open (mmap), walk times as a numpy array.
kwartier.Network.build(str(data / "osm/mini-brussels.osm"), gtfs=[str(data / "gtfs/mini-brussels")],
                       output=str(out / "mini.kwn"))
net = kwartier.Network.open(str(out / "mini.kwn"))
t = net.walk_times(50.8483, 4.3500, max_seconds=900)
print(f"network: {int(np.isfinite(t).sum())} of {t.size} street nodes within 15 min on foot")

# 3. Search: a Dutch compound, answered in Dutch then French.
idx = kwartier.SearchIndex.build([str(data / "catalogue")], str(out / "index"))
hits = idx.query("identiteitskaart", langs=["nl", "fr"], limit=3)
print(f"search: 'identiteitskaart' -> {hits[0].id} [{hits[0].lang}] {hits[0].title}")
df = idx.query_dataframe("carte d'identite", langs=["en"])  # accents missing; answered in English
print(df[["rank", "id", "lang", "title"]].head(3).to_string(index=False))
