// Peer: raptor-journey-planner 2.2.3 (npm) on the seeded RNV queries that benchmarks/routing/raptor_bench
// checked against kwartier's connection-scan oracle (CSV: from_stop_id,to_stop_id,date,time,oracle_arrival).
//
// Loading: the package's loadGTFS() reads the zip through gtfs-stream, whose stream never ends on Node 20
// (its promise never resolves, so the process just exits). This script reads the same tables from the
// unzipped folder with the same csv-parser and builds exactly what GTFSLoader.js builds (trips with their
// stop times and a Service per calendar.txt row, transfers.txt as transfers and interchange times), using
// the package's own Service and TimeParser classes. Optionally (the same data as kwartier) adds kwartier's
// walked footpaths as its transfers (CSV: from_stop_id,to_stop_id,seconds) and the services that only
// calendar_dates.txt defines (GTFSLoader.js makes services from calendar.txt rows only). Then times DepartAfterQuery.plan() per query (loading is
// not timed) and compares its earliest arrival with the oracle's. Prints one JSON object.
//
//   TZ=UTC node bench.js GTFS_FOLDER queries.csv [footpaths.csv]
"use strict";
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");
const csv = require("csv-parser");
const {
  Service, TimeParser, JourneyFactory, RaptorAlgorithmFactory, DepartAfterQuery,
} = require("raptor-journey-planner");

function rows(dir, file, fn) {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    fs.createReadStream(p).pipe(csv()).on("data", fn).on("end", resolve).on("error", reject);
  });
}

// GTFSLoader.js, table by table.
async function loadFolder(dir, allServices) {
  const timeParser = new TimeParser();
  const trips = [], transfers = {}, interchange = {}, calendars = {}, dates = {}, stopTimes = {};
  const push = (obj, key, v) => { (obj[key] = obj[key] || []).push(v); };
  await rows(dir, "calendar.txt", row => {
    calendars[row.service_id] = {
      serviceId: row.service_id, startDate: +row.start_date, endDate: +row.end_date,
      days: { 0: row.sunday === "1", 1: row.monday === "1", 2: row.tuesday === "1", 3: row.wednesday === "1",
              4: row.thursday === "1", 5: row.friday === "1", 6: row.saturday === "1" },
    };
  });
  await rows(dir, "calendar_dates.txt", row => {
    (dates[row.service_id] = dates[row.service_id] || {})[row.date] = row.exception_type === "1";
  });
  await rows(dir, "trips.txt", row => {
    trips.push({ serviceId: row.service_id, tripId: row.trip_id, stopTimes: [], service: {} });
  });
  await rows(dir, "stop_times.txt", row => {
    push(stopTimes, row.trip_id, {
      stop: row.stop_id,
      departureTime: timeParser.getTime(row.departure_time),
      arrivalTime: timeParser.getTime(row.arrival_time),
      pickUp: row.pickup_type === "0" || row.pickup_type === undefined || row.pickup_type === "",
      dropOff: row.drop_off_type === "0" || row.drop_off_type === undefined || row.drop_off_type === "",
    });
  });
  await rows(dir, "transfers.txt", row => {
    if (row.from_stop_id === row.to_stop_id) interchange[row.from_stop_id] = +row.min_transfer_time;
    else push(transfers, row.from_stop_id, { origin: row.from_stop_id, destination: row.to_stop_id,
      duration: +row.min_transfer_time, startTime: 0, endTime: Number.MAX_SAFE_INTEGER });
  });
  const services = {};
  for (const c of Object.values(calendars)) services[c.serviceId] = new Service(c.startDate, c.endDate, c.days, dates[c.serviceId] || {});
  if (allServices) {
    // Not what GTFSLoader.js does: also services given only in calendar_dates.txt (no weekday runs).
    const none = { 0: false, 1: false, 2: false, 3: false, 4: false, 5: false, 6: false };
    for (const [id, d] of Object.entries(dates)) if (!services[id]) services[id] = new Service(0, 0, none, d);
  }
  for (const t of trips) {
    // stop_sequence order: RNV's stop_times.txt lists each trip's rows in order, as the package assumes.
    t.stopTimes = stopTimes[t.tripId] || [];
    t.service = services[t.serviceId];
  }
  return [trips.filter(t => t.stopTimes.length > 1 && t.service), transfers, interchange];
}

function readCsv(p) {
  const lines = fs.readFileSync(p, "utf8").split("\n").filter(l => l.length > 0);
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
  const [gtfsDir, queriesCsv, footpathsCsv] = process.argv.slice(2);
  // With kwartier's footpaths, also every service: the same data as kwartier, to compare the algorithms.
  const [trips, transfers, interchange] = await loadFolder(gtfsDir, !!footpathsCsv);
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
    if (best !== null && best > +q.time + 86400) best = null;  // beyond kwartier's 24 h limit
    if (best === null && oracle === null) ++bothNone;
    else if (best === null) ++missing;
    else if (oracle === null) ++extra;
    else if (best > oracle) ++later;
    else if (best < oracle) ++earlier;
    else ++equal;
  }
  ms.sort((a, b) => a - b);
  console.log(JSON.stringify({
    peer: "raptor-journey-planner@2.2.3", node: process.version, queries: queries.length, trips: trips.length,
    footpaths, p50_ms: pct(ms, 0.5), p90_ms: pct(ms, 0.9), p99_ms: pct(ms, 0.99), max_ms: ms[ms.length - 1],
    equal, later, earlier, missing, extra, both_none: bothNone, failed,
  }));
}

main().catch(e => { console.error(e); process.exit(1); });
