#!/usr/bin/env bash
# Survey benchmark (see bench/README.md): one run against a real SMTP server (Debian's aiosmtpd) on
# loopback.
#   bash bench/survey_bench.sh BUILD_DIR      e.g. build/release
# Measures, in one run: ticket creation at concurrency 8 (the reference), the launch of a campaign to
# N recipients (invitations + outbox mails written in one transaction), the outbox draining those N
# mails to the SMTP server, then M answers through the public endpoint at concurrency 8, each with
# its own one-time link read from the mailbox. Prints throughput, p99 and ratios to ticket creation.
# Environment: SURVEY_RECIPIENTS=10000, SURVEY_ANSWERS=5000, SURVEY_SECONDS=900 (time limit of each
# step), BENCH_BIN=DIR (where bench_load is), BENCH_KEEP=1 (keep the temporary directory).
set -euo pipefail

BUILD=$(cd "${1:?usage: bash bench/survey_bench.sh BUILD_DIR}" && pwd)
RECIPIENTS=${SURVEY_RECIPIENTS:-10000}
ANSWERS=${SURVEY_ANSWERS:-5000}
LIMIT=${SURVEY_SECONDS:-900}
BOUCLE=$BUILD/boucle
LOAD=${BENCH_BIN:-$BUILD/bench}/bench_load
[ -x "$LOAD" ] || LOAD=$BUILD/bench_load
[ -x "$BOUCLE" ] && [ -x "$LOAD" ] || { echo "survey_bench: need $BOUCLE and bench_load (-DBOUCLE_BENCH=ON)" >&2; exit 1; }
[ "$ANSWERS" -le "$RECIPIENTS" ] || { echo "survey_bench: SURVEY_ANSWERS must not exceed SURVEY_RECIPIENTS" >&2; exit 1; }
PY=/usr/bin/python3  # Debian's, where python3-aiosmtpd lives

TMP=$(mktemp -d "$BUILD/survey-bench.XXXXXX")
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
say() { printf '[survey-bench %s] %s\n' "$(date +%T)" "$*" >&2; }
now() { date +%s.%N; }
jget() { $PY -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval('d'+sys.argv[2]))" "$@"; }

SMTP_PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$PY -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$TMP/maildir" >"$TMP/smtp.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do $PY -c "import socket; socket.create_connection(('127.0.0.1',$SMTP_PORT),1)" 2>/dev/null && break; sleep 0.1; done

DB=$TMP/b.db
"$BOUCLE" migrate --db "$DB" >/dev/null
od -An -tx1 -N16 /dev/urandom | tr -d ' \n' | "$BOUCLE" user add --db "$DB" --login bench --role admin --password-stdin >/dev/null
TOKEN=$("$BOUCLE" user token --db "$DB" --login bench | awk 'NF { w = $NF } END { print w }')
AUTH="Authorization: Bearer $TOKEN"
mkdir -p "$TMP/web" && echo '<!doctype html><title>bench</title>' >"$TMP/web/index.html"
"$BOUCLE" serve --db "$DB" --listen 127.0.0.1:0 --web "$TMP/web" --smtp "smtp://127.0.0.1:$SMTP_PORT" \
  --public-rate 1000000 --job-retry-seconds 1 >"$TMP/serve.log" 2>&1 &
PIDS+=($!)
PORT=""
for _ in $(seq 200); do
  PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$TMP/serve.log" | head -n1)
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { cat "$TMP/serve.log" >&2; exit 1; }
API=http://127.0.0.1:$PORT
api() { curl -sS -f -X "$1" -H "$AUTH" -H 'Content-Type: application/json' "$API/api/v1$2" ${3:+--data "$3"}; }

say "reference: ticket creation at c=8"
"$LOAD" --json --url "$API" --path /api/v1/tickets --method POST --ticket-body --header "$AUTH" \
  --concurrency 8 --requests 2000 --duration-max "$LIMIT" >"$TMP/tickets.json"

say "$RECIPIENTS recipients"
echo '{"name":"Destinataire","stakeholder_group":"supplier","email":"bench@example.org"}' >"$TMP/person.json"
"$LOAD" --json --url "$API" --path /api/v1/stakeholders --method POST --body-file "$TMP/person.json" --header "$AUTH" \
  --concurrency 8 --requests "$RECIPIENTS" --duration-max "$LIMIT" >"$TMP/people.json"
SURVEY=$(api POST /surveys '{"title":"Enquête de charge"}' | $PY -c 'import json,sys; print(json.load(sys.stdin)["id"])')
Q1=$(api POST /survey_questions "{\"survey\":$SURVEY,\"position\":1,\"kind\":\"rating\",\"text_fr\":\"Votre note\"}" |
  $PY -c 'import json,sys; print(json.load(sys.stdin)["id"])')
Q2=$(api POST /survey_questions "{\"survey\":$SURVEY,\"position\":2,\"kind\":\"free_text\",\"text_fr\":\"Un mot ?\",\"required\":false}" |
  $PY -c 'import json,sys; print(json.load(sys.stdin)["id"])')
CAMPAIGN=$(api POST /survey_campaigns "{\"title\":\"Charge\",\"survey\":$SURVEY,\"target_groups\":\"supplier\"}" |
  $PY -c 'import json,sys; print(json.load(sys.stdin)["id"])')

say "launch: $RECIPIENTS invitations and outbox mails in one transaction"
T0=$(now)
api POST "/survey_campaigns/$CAMPAIGN/actions/launch" '{}' >"$TMP/launch.json"
T1=$(now)
INVITED=$(jget "$TMP/launch.json" '["invited"]')

say "outbox: waiting for $INVITED mails to reach the SMTP server (limit ${LIMIT}s)"
SENT=0
while :; do
  SENT=$(find "$TMP/maildir/new" -type f 2>/dev/null | wc -l)
  [ "$SENT" -ge "$INVITED" ] && break
  awk -v a="$(now)" -v b="$T1" -v l="$LIMIT" 'BEGIN { exit !(a - b > l) }' && break
  sleep 0.2
done
T2=$(now)

say "reading $ANSWERS links from the mailbox"
$PY - "$TMP/maildir" "$ANSWERS" >"$TMP/tokens.txt" <<'PY'
import email, mailbox, re, sys
box, want = mailbox.Maildir(sys.argv[1], create=False), int(sys.argv[2])
for n, msg in enumerate(box):
    if n >= want: break
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            m = re.search(r"/s/([A-Za-z0-9_-]{43})", part.get_payload(decode=True).decode())
            if m: print(m.group(1))
            break
PY
echo "{\"answers\":[{\"question\":$Q1,\"value\":4},{\"question\":$Q2,\"value\":\"Très bien, merci.\"}]}" >"$TMP/answer.json"
say "$(wc -l <"$TMP/tokens.txt") answers through the public endpoint at c=8"
"$LOAD" --json --url "$API" --path '/api/v1/public/surveys/{key}' --keys-file "$TMP/tokens.txt" --method POST \
  --body-file "$TMP/answer.json" --concurrency 8 --requests "$(wc -l <"$TMP/tokens.txt")" --duration-max "$LIMIT" \
  >"$TMP/answers.json"
api GET "/reports/survey_results?campaign=$CAMPAIGN" >"$TMP/results.json"

$PY - "$TMP" "$RECIPIENTS" "$T0" "$T1" "$T2" "$INVITED" "$SENT" <<'PY'
import json, sys
tmp, recipients, t0, t1, t2, invited, sent = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:6]), int(sys.argv[6]), int(sys.argv[7])
load = lambda n: json.load(open(f"{tmp}/{n}.json"))
tickets, answers, results = load("tickets"), load("answers"), load("results")
summary = {f["name"]: f["value"] for f in results["summary"]}
launch_rate = invited / (t1 - t0) if t1 > t0 else 0
mail_rate = sent / (t2 - t1) if t2 > t1 else 0
print(f"ticket create c=8        {tickets['rps']:8.1f} req/s  p99 {tickets['p99_ms']:7.1f} ms  (reference)")
print(f"campaign launch          {launch_rate:8.1f} invitations+mails queued/s ({invited} in {t1 - t0:.1f} s)")
print(f"outbox to SMTP           {mail_rate:8.1f} mails/s ({sent} of {invited} delivered in {t2 - t1:.1f} s)")
print(f"public answers c=8       {answers['rps']:8.1f} req/s  p99 {answers['p99_ms']:7.1f} ms  errors {answers['errors']}  statuses {answers['statuses']}")
print(f"ratios to ticket create: answers {answers['rps'] / tickets['rps']:.2f}, mails {mail_rate / tickets['rps']:.2f}, launch {launch_rate / tickets['rps']:.2f}")
print(f"report: invited {summary.get('invited')}, answered {summary.get('answered')}, response rate {summary.get('response_rate')} %")
PY
