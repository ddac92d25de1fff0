#!/usr/bin/env bash
# KPI benchmark: the whole dashboard (GET /api/v1/kpis, server side), each built-in KPI and two
# charts over the real UCI data set and over a generated set of 1,000,000 tickets (times
# BENCH_SCALE), each against a bare SQL aggregate over the same table in the same run; then the
# CSV import's speed. Usage: bash bench/kpi.sh [BUILD_DIR]   (after `make build`)
set -euo pipefail
BUILD=${1:-build/release}
SCALE=${BENCH_SCALE:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
BOUCLE=$BUILD/boucle
KPI=$BUILD/bench/bench_kpi
[ -x "$KPI" ] || { echo "kpi.sh: $KPI not found (make build)" >&2; exit 1; }
TMP=$(mktemp -d "${BENCH_TMPDIR:-$BUILD}/kpi-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
DATA=$HERE/../../shared/data/uci_incident_event_log/incident_event_log.csv.gz
UCI=null
if [ -f "$DATA" ]; then
  echo "== real data: UCI incident event log"
  "$BOUCLE" import --db "$TMP/uci.db" --format uci-incident-log "$DATA" >"$TMP/import-uci.out" 2>&1
  grep -E "incidents imported|time" "$TMP/import-uci.out"
  "$KPI" measure --db "$TMP/uci.db" --repeat 7 | tee "$TMP/uci.out"
  UCI=$(tail -1 "$TMP/uci.out")
fi
N=$(awk -v s="$SCALE" 'BEGIN { printf "%d", 1000000 * s }')
echo "== generated: $N tickets"
"$KPI" generate --db "$TMP/gen.db" --tickets "$N" >"$TMP/generate.out"
head -1 "$TMP/generate.out"
"$KPI" measure --db "$TMP/gen.db" --repeat 3 --max-seconds 60 | tee "$TMP/gen.out"
R=$(awk -v s="$SCALE" 'BEGIN { printf "%d", 20000 * s }')
echo "== CSV import: $R rows"
"$KPI" import --db "$TMP/import.db" --rows "$R" | tee "$TMP/import.out"
echo "{\"uci\": $UCI, \"generated\": $(tail -1 "$TMP/gen.out"), \"csv_import\": $(tail -1 "$TMP/import.out")}" \
  >"$BUILD/kpi-bench-results.json"
echo "results: $BUILD/kpi-bench-results.json"
