#!/usr/bin/env python3
"""The walk + transit part of the 15-minute benchmark on Dask: kwartier.access.score in one process (threads=N)
against kwartier.dask.access on a distributed.LocalCluster of N single-threaded worker processes, each opening
the .kwn by path. The answers must be equal (the same DataFrame) before the times count. Prints one JSON object:
single_s, cluster_start_s, dask_s, overhead_s (dask_s - single_s), tasks, origins.

    benchmarks/access/bench_dask.py rnv.kwn pois.csv --date 2016-11-08 --time 08:00 --workers 2
"""
from __future__ import annotations

import argparse
import json
import sys
import time

import pandas as pd


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("network")
    ap.add_argument("pois")
    ap.add_argument("--date", default="2016-11-08")
    ap.add_argument("--time", default="08:00")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--tasks", type=int, default=8)
    a = ap.parse_args(argv)

    import distributed

    import kwartier
    import kwartier.access as acc
    import kwartier.dask as kd

    net = kwartier.Network.open(a.network)
    opts = dict(pois=a.pois, modes=["walk", "transit"], date=a.date, time=a.time)
    t0 = time.perf_counter()
    single = acc.score(net, threads=a.workers, **opts)  # type: ignore[arg-type]
    single_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    with distributed.LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as lc, distributed.Client(lc) as client:
        start_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        spread = kd.access(a.network, client=client, n_tasks=a.tasks, threads=1, **opts)  # type: ignore[arg-type]
        dask_s = time.perf_counter() - t0
    pd.testing.assert_frame_equal(spread, single, check_dtype=False)
    print(json.dumps({"origins": len(single), "tasks": a.tasks, "workers": a.workers, "single_s": single_s,
                      "cluster_start_s": start_s, "dask_s": dask_s, "overhead_s": dask_s - single_s}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
