#!/usr/bin/env bash
# Findings benchmark: every analysis of blocking points (`boucle analyse`) over the real UCI
# incident log, against a bare SQL read of what the analyses read (every ticket row and the
# history of groups and assignees) in the same run, with the sqlite3 shell.
# Usage: bash bench/findings.sh [BUILD_DIR]   (after `make build`)
set -euo pipefail
BUILD=${1:-build/release}
HERE=$(cd "$(dirname "$0")" && pwd)
BOUCLE=$BUILD/boucle
[ -x "$BOUCLE" ] || { echo "findings.sh: $BOUCLE not found (make build)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "findings.sh: the sqlite3 shell is needed (scripts/install-deps.sh)" >&2; exit 1; }
DATA=$HERE/../../shared/data/uci_incident_event_log/incident_event_log.csv.gz
[ -f "$DATA" ] || { echo "findings.sh: $DATA not found" >&2; exit 1; }
TMP=$(mktemp -d "${BENCH_TMPDIR:-$BUILD}/findings-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
echo "== real data: UCI incident event log"
"$BOUCLE" import --db "$TMP/uci.db" --format uci-incident-log "$DATA" >"$TMP/import.out" 2>&1
grep -E "incidents imported" "$TMP/import.out" || true
# The yardstick: the same rows read by SQLite alone, output discarded (median of 5, in ms).
SCAN="SELECT id, kind, status, category, service, assignment_group, assignee, priority, title, description,
  created_at, resolved_at, sla_breached, reassignment_count FROM tickets;
  SELECT record_id, version, at, old_value, new_value FROM history
  WHERE record_type = 'tickets' AND field IN ('assignment_group', 'assignee') ORDER BY record_id, id;"
scan_ms() {
  local start end
  start=$(date +%s%N)
  sqlite3 "$TMP/uci.db" "$SCAN" >/dev/null
  end=$(date +%s%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) / 1e6 }'
}
SCANS=$(for _ in 1 2 3 4 5; do scan_ms; echo; done | sort -n)
SCAN_MS=$(echo "$SCANS" | sed -n 3p)
# The first run writes the findings, the second finds them unchanged: both are reported.
"$BOUCLE" analyse --db "$TMP/uci.db" --json >"$TMP/first.json"
"$BOUCLE" analyse --db "$TMP/uci.db" --json >"$TMP/second.json"
python3 - "$TMP/first.json" "$TMP/second.json" "$SCAN_MS" "$BUILD/findings-bench-results.json" <<'PY'
import json, sys
first, second = (json.load(open(p)) for p in sys.argv[1:3])
scan = float(sys.argv[3])
print(f"tickets: {first['tickets']:,}; bare SQL read of tickets and their group/assignee history: {scan:.1f} ms")
print(f"{'step':<24}{'first run ms':>14}{'re-run ms':>12}{'ratio to SQL':>14}  found")
rows = [("load (tickets + history)", first["load_ms"], second["load_ms"], "")]
for name, a in first["analyses"].items():
    rows.append((name, a["ms"], second["analyses"][name]["ms"], a["found"]))
rows.append(("write findings", first["write_ms"], second["write_ms"], ""))
total1 = first["load_ms"] + sum(a["ms"] for a in first["analyses"].values()) + first["write_ms"]
total2 = second["load_ms"] + sum(a["ms"] for a in second["analyses"].values()) + second["write_ms"]
rows.append(("total", total1, total2, ""))
for name, a, b, found in rows:
    print(f"{name:<24}{a:>14.1f}{b:>12.1f}{a / scan if scan else 0:>14.2f}  {found}")
print(f"first run: {first['created']} findings created; re-run: {second['created']} created, "
      f"{second['updated']} updated, {second['unchanged']} unchanged")
json.dump({"scan_ms": scan, "first": first, "second": second}, open(sys.argv[4], "w"))
print("results:", sys.argv[4])
PY
