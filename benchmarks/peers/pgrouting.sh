#!/usr/bin/env bash
# Peer: pgRouting's pgr_drivingDistance on the same RNV extract, for the same bounded walk as
# benchmarks/network (15 minutes at 1.3 m/s = 1,170 m; and one-to-all), measured in the same run as kwartier.
#
# Installs postgresql-15-pgrouting, postgresql-15-postgis-3, osm2pgrouting and osmium-tool from Debian,
# starts its own PostgreSQL server on loopback with a data directory in a temp dir (stopped with pg_ctl stop
# on exit), converts rnv.osm.pbf to XML (osm2pgrouting reads only .osm), imports it with a mapconfig written
# here (Debian's mapconfig_for_pedestrian.xml is not valid XML: "--" inside a comment), and times
#   usual:  pgr_drivingDistance('SELECT ... FROM ways', v, 1170)            (edges from the whole table)
#   box:    pgr_drivingDistance('SELECT ... FROM ways WHERE the_geom && <box of +-1,170 m>', v, 1170)
#   all:    pgr_drivingDistance('SELECT ... FROM ways', v, 1e9)             (one-to-all)
# inside the server (clock_timestamp around each call, no client round trip), from random vertices.
# kwartier: benchmarks/network/network_bench, same machine, same run. Prints a markdown table with ratios.
#
# Usage: benchmarks/peers/pgrouting.sh   (env: BUILD=build/network-rel, N_STARTS=100, KW_SHARED_DATA_DIR)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build/network-rel}
DATA=${KW_SHARED_DATA_DIR:-$(pwd)/../shared/data}
N_STARTS=${N_STARTS:-100}
PBF=$DATA/rnv-heidelberg/rnv.osm.pbf

pkgs=(postgresql-15 postgresql-15-pgrouting postgresql-15-postgis-3 osm2pgrouting osmium-tool)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
PGBIN=/usr/lib/postgresql/15/bin

tmp=$(mktemp -d /tmp/kw_pgrouting.XXXXXX)
chmod 755 "$tmp"
PGDATA=$tmp/pgdata
PORT=${PGPORT_PEER:-54329}
# PostgreSQL refuses to run as root: run the server as the `postgres` system user when we are root.
if [[ $(id -u) -eq 0 ]]; then AS_PG=(runuser -u postgres --); chown postgres "$tmp"; else AS_PG=(); fi
cleanup() {
  # Stop the server only when it was started (its pid file exists), so a failure to stop it is reported.
  if [[ -f $PGDATA/postmaster.pid ]]; then "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
"${AS_PG[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$tmp/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $tmp -c shared_buffers=256MB -c fsync=off" start >/dev/null
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
"${PSQL[@]}" -c "CREATE DATABASE rnv" >/dev/null
"${PSQL[@]}" -d rnv -c "CREATE EXTENSION postgis; CREATE EXTENSION pgrouting;" >/dev/null

# osm2pgrouting needs .osm XML.
osmium cat -o "$tmp/rnv.osm" "$PBF" --overwrite
cat >"$tmp/mapconfig_walk.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <tag_name name="highway" id="1">
    <tag_value name="road" id="100"/>
    <tag_value name="trunk" id="104"/>
    <tag_value name="trunk_link" id="105"/>
    <tag_value name="primary" id="106"/>
    <tag_value name="primary_link" id="107"/>
    <tag_value name="secondary" id="108"/>
    <tag_value name="secondary_link" id="124"/>
    <tag_value name="tertiary" id="109"/>
    <tag_value name="tertiary_link" id="125"/>
    <tag_value name="residential" id="110"/>
    <tag_value name="living_street" id="111"/>
    <tag_value name="service" id="112"/>
    <tag_value name="track" id="113"/>
    <tag_value name="pedestrian" id="114"/>
    <tag_value name="path" id="117"/>
    <tag_value name="cycleway" id="118"/>
    <tag_value name="footway" id="119"/>
    <tag_value name="steps" id="122"/>
    <tag_value name="unclassified" id="123"/>
  </tag_name>
</configuration>
XML
t0=$(date +%s.%N)
osm2pgrouting -f "$tmp/rnv.osm" -c "$tmp/mapconfig_walk.xml" -d rnv -U postgres -h 127.0.0.1 -p "$PORT" --clean \
  >"$tmp/import.log" 2>&1 || { tail -20 "$tmp/import.log"; exit 1; }
import_s=$(awk -v a="$(date +%s.%N)" -v b="$t0" "BEGIN{print a-b}")
n_ways=$("${PSQL[@]}" -d rnv -At -c "SELECT count(*) FROM ways")
n_vertices=$("${PSQL[@]}" -d rnv -At -c "SELECT count(*) FROM ways_vertices_pgr")

"${PSQL[@]}" -d rnv >"$tmp/pg.out" <<SQL
SELECT setseed(0.42);
CREATE TEMP TABLE starts AS SELECT id, lon, lat FROM ways_vertices_pgr ORDER BY random() LIMIT $N_STARTS;
CREATE TEMP TABLE timing(kind text, ms double precision, reached int);
DO \$\$
DECLARE r record; t0 timestamptz; c int; i int := 0;
  edges constant text := 'SELECT gid AS id, source, target, length_m AS cost, length_m AS reverse_cost FROM ways';
BEGIN
  PERFORM count(*) FROM pgr_drivingDistance(edges, (SELECT id FROM starts LIMIT 1), 1170);  -- warm-up
  FOR r IN SELECT * FROM starts LOOP
    t0 := clock_timestamp();
    SELECT count(*) INTO c FROM pgr_drivingDistance(edges, r.id, 1170);
    INSERT INTO timing VALUES ('usual', extract(epoch FROM clock_timestamp() - t0) * 1000, c);
    t0 := clock_timestamp();
    SELECT count(*) INTO c FROM pgr_drivingDistance(
      format('%s WHERE the_geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326)', edges,
             r.lon - 1170.0 / (111195.0 * cos(radians(r.lat))), r.lat - 1170.0 / 111195.0,
             r.lon + 1170.0 / (111195.0 * cos(radians(r.lat))), r.lat + 1170.0 / 111195.0), r.id, 1170);
    INSERT INTO timing VALUES ('box', extract(epoch FROM clock_timestamp() - t0) * 1000, c);
    IF i < 20 THEN
      t0 := clock_timestamp();
      SELECT count(*) INTO c FROM pgr_drivingDistance(edges, r.id, 1e9);
      INSERT INTO timing VALUES ('all', extract(epoch FROM clock_timestamp() - t0) * 1000, c);
    END IF;
    i := i + 1;
  END LOOP;
END \$\$;
\pset format unaligned
\pset tuples_only on
SELECT kind, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms),
       avg(reached), count(*) FROM timing GROUP BY kind ORDER BY kind;
SQL

# kwartier in the same run (release build).
if [[ ! -x $BUILD/benchmarks/network/network_bench ]]; then
  cmake --preset release -B "$BUILD" >/dev/null
  cmake --build "$BUILD" -j "$(nproc)" --target network_bench
fi
KW_SHARED_DATA_DIR=$DATA KW_BENCH_KWN=$tmp/rnv.kwn "$BUILD/benchmarks/network/network_bench" \
  --benchmark_filter='walk' --benchmark_format=json >"$tmp/kw.json" 2>/dev/null

/usr/bin/python3 - "$tmp/pg.out" "$tmp/kw.json" "$n_ways" "$n_vertices" "$import_s" "$N_STARTS" <<'PY'
import json, sys
pg = {}
for line in open(sys.argv[1]):
    parts = line.strip().split("|")
    if len(parts) == 5 and parts[0] in ("usual", "box", "all"):
        pg[parts[0]] = (float(parts[1]), float(parts[2]), float(parts[3]), int(parts[4]))
kw = {b["name"].split("/")[0]: b for b in json.load(open(sys.argv[2]))["benchmarks"]}
n_ways, n_vertices, import_s, n = sys.argv[3], sys.argv[4], float(sys.argv[5]), sys.argv[6]
kb = kw["BM_walk_15min_bounded"]["p50_us"] / 1000.0
ka = kw["BM_walk_one_to_all"]["p50_us"] / 1000.0
kb99 = kw["BM_walk_15min_bounded"]["p99_us"] / 1000.0
ka99 = kw["BM_walk_one_to_all"]["p99_us"] / 1000.0
print(f"pgRouting 3.4 (osm2pgrouting import of the RNV extract: {n_ways} ways, {n_vertices} vertices, {import_s:.0f} s)")
print()
print("| query | pgRouting p50 / p99 | kwartier p50 / p99 | pgRouting / kwartier (p50) |")
print("|---|---|---|---|")
rows = [("usual", "15-min walk (1,170 m), edges from the whole table", kb, kb99),
        ("box", "15-min walk, edge query limited to a box of +-1,170 m", kb, kb99),
        ("all", "one-to-all walk", ka, ka99)]
for key, label, k50, k99 in rows:
    if key not in pg:
        print(f"| {label} | (no result) | {k50:.3f} / {k99:.3f} ms | |")
        continue
    p50, p99, reached, cnt = pg[key]
    print(f"| {label} ({cnt} starts, {reached:.0f} vertices reached) | {p50:.2f} / {p99:.2f} ms | "
          f"{k50:.3f} / {k99:.3f} ms | {p50 / k50:.0f}x |")
print()
print("kwartier times include snapping a random point to the street (R-tree) and its bounded Dijkstra;")
print("pgRouting times are inside the server (no client round trip), from random ways_vertices_pgr vertices.")
PY
