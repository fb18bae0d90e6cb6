"""Reference: read every GTFS table of a zip as strings with pandas (how partridge/gtfs-kit users load
feeds). Prints wall seconds (reading only, after imports) and the process's peak RSS in MB."""
import resource
import sys
import time
import zipfile

import pandas as pd

path = sys.argv[1]
t0 = time.perf_counter()
rows = 0
with zipfile.ZipFile(path) as z:
    for name in z.namelist():
        if name.endswith(".txt") and not name.startswith("__MACOSX"):
            with z.open(name) as f:
                rows += len(pd.read_csv(f, dtype=str, keep_default_na=False))
elapsed = time.perf_counter() - t0
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{elapsed:.3f} {peak_mb:.1f} {rows}")
