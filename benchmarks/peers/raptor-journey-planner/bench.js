// Peer: raptor-journey-planner 2.2.3 (npm) on the seeded RNV queries that benchmarks/routing/raptor_bench
// checked against kwartier's connection-scan oracle (CSV: from_stop_id,to_stop_id,date,time,oracle_arrival).
// Loads the GTFS zip with the package's own loader (its transfers come from transfers.txt, which RNV lacks),
// optionally adds kwartier's walked footpaths as its transfers (CSV: from_stop_id,to_stop_id,seconds), then
// times DepartAfterQuery.plan() per query (the load is not timed) and compares its earliest arrival with the
// oracle's. Prints one JSON object.
//
//   TZ=UTC node bench.js rnv.zip queries.csv [footpaths.csv]
"use strict";
const fs = require("fs");
const { performance } = require("perf_hooks");
const { loadGTFS, JourneyFactory, RaptorAlgorithmFactory, DepartAfterQuery } = require("raptor-journey-planner");

function readCsv(path) {
  const lines = fs.readFileSync(path, "utf8").split("\n").filter(l => l.length > 0);
  const head = lines[0].split(",");
  return lines.slice(1).map(l => {
    const cells = l.split(",");
    return Object.fromEntries(head.map((h, i) => [h, cells[i]]));
  });
}

function pct(sorted, f) {
  return sorted.length === 0 ? 0 : sorted[Math.floor(f * (sorted.length - 1))];
}

async function main() {
  const [gtfsZip, queriesCsv, footpathsCsv] = process.argv.slice(2);
  const [trips, transfers, interchange] = await loadGTFS(fs.createReadStream(gtfsZip));
  let footpaths = 0;
  if (footpathsCsv) {
    for (const r of readCsv(footpathsCsv)) {
      if (r.from_stop_id === r.to_stop_id) continue;
      (transfers[r.from_stop_id] = transfers[r.from_stop_id] || []).push({
        origin: r.from_stop_id, destination: r.to_stop_id, duration: +r.seconds,
        startTime: 0, endTime: Number.MAX_SAFE_INTEGER,
      });
      ++footpaths;
    }
  }
  const raptor = RaptorAlgorithmFactory.create(trips, transfers, interchange);
  const query = new DepartAfterQuery(raptor, new JourneyFactory());
  const queries = readCsv(queriesCsv);
  const ms = [];
  let later = 0, earlier = 0, equal = 0, missing = 0, extra = 0, bothNone = 0, failed = 0;
  for (const q of queries) {
    const d = +q.date;
    const date = new Date(Math.floor(d / 10000), Math.floor(d / 100) % 100 - 1, d % 100, 12, 0, 0);
    const oracle = q.oracle_arrival === "" || q.oracle_arrival === undefined ? null : +q.oracle_arrival;
    let journeys;
    const t0 = performance.now();
    try {
      journeys = query.plan(q.from_stop_id, q.to_stop_id, date, +q.time);
    } catch (e) {
      journeys = null;
    }
    ms.push(performance.now() - t0);
    if (journeys === null) { ++failed; if (oracle !== null) ++missing; continue; }
    let best = null;
    for (const j of journeys) if (best === null || j.arrivalTime < best) best = j.arrivalTime;
    if (best !== null && oracle !== null && best > q.time + 86400) best = null;  // beyond kwartier's 24 h limit
    if (best === null && oracle === null) ++bothNone;
    else if (best === null) ++missing;
    else if (oracle === null) ++extra;
    else if (best > oracle) ++later;
    else if (best < oracle) ++earlier;
    else ++equal;
  }
  ms.sort((a, b) => a - b);
  console.log(JSON.stringify({
    peer: "raptor-journey-planner@2.2.3", node: process.version, queries: queries.length, footpaths,
    p50_ms: pct(ms, 0.5), p90_ms: pct(ms, 0.9), p99_ms: pct(ms, 0.99), max_ms: ms[ms.length - 1],
    equal, later, earlier, missing, extra, both_none: bothNone, failed,
  }));
}

main().catch(e => { console.error(e); process.exit(1); });
