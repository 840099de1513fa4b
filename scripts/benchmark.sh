#!/usr/bin/env bash
# Measures Kanssa on generated data, on SQLite and on PostgreSQL, and writes benchmarks/RESULTS.md.
#
#   scripts/benchmark.sh [citizens]        (default 100000; try 5000 for a quick run)
#
# For each database: builds the release binary, fills a new database with `kanssa seed-scale`,
# starts `kanssa serve`, signs in 16 citizens and 16 professionals, and runs wrk (from Debian)
# against /healthz (the ceiling: no database, no page), a citizen's whole-person view
# (/plan/actions), a professional's caseload (/caseload) and adding a check-in (POST
# /plan/check-ins), and a coordinator's figures page of a self-assessment round answered by
# ROUND_ANSWERS people (default 10000), compared with an earlier round of as many — scoring
# 20,000 sets of answers per request. A consultation answered by RESPONDENTS people (default 2500:
# 10,000 answers, half of them written text, and about 20,000 codings) is measured from three sides:
# a respondent sending an answer on its public page (POST /c/CODE/q/2, each request from an
# address of its own through a trusted proxy, as respondents on many phones), the team's analysis
# pages (figures, answers, agreement between coders) and its public "you said, we did" page.
# A coordinator's dashboard (and its CSV) of the same organisation as the round, whose fortnightly staff
# pulse was answered PULSE_ANSWERS times (default 1,000,000) over two years, is asked by all connections.
# The whole-person view is measured again on a server that
# keeps nothing in memory (KANSSA_PLANS_KEPT=0), as every first view of a plan is built. Each
# figure is printed with its ratio to the ceiling measured in the same run: the machine is
# shared and noisy, so compare ratios, not raw numbers across runs.
# Settings: RESULTS (default benchmarks/RESULTS.md), DURATION (default 20s), CONNECTIONS (default 64), THREADS (default 2), DATABASES
# ("sqlite postgres"), SQLITE_DIR (a folder whose kanssa.sqlite was seeded before: measured as it is),
# SCRATCH (a build folder other than .build), KANSSA_BIN (a binary already built;
# a debug one only to try the script out — its figures mean nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
CITIZENS=${1:-100000}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DATABASES=${DATABASES:-"sqlite postgres"}
PEOPLE=16
ROUND_ANSWERS=${ROUND_ANSWERS:-10000}
RESPONDENTS=${RESPONDENTS:-2500}
PULSE_ANSWERS=${PULSE_ANSWERS:-1000000}
CONSULTATION=/c/SCA234
# Respondents' answers arrive through a proxy on this machine that says whose they are.
export KANSSA_TRUSTED_PROXIES=127.0.0.1
RESULTS=${RESULTS:-benchmarks/RESULTS.md}
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"

need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need curl curl

if [ -n "${KANSSA_BIN:-}" ]; then
  BIN=$KANSSA_BIN
else
  echo "Building the release binary…"
  SCRATCH_ARGS=()
  if [ -n "${SCRATCH:-}" ]; then SCRATCH_ARGS=(--scratch-path "$SCRATCH"); fi
  swift build -c release --product kanssa "${SCRATCH_ARGS[@]}" >/dev/null
  BIN="$(swift build -c release --show-bin-path "${SCRATCH_ARGS[@]}")/kanssa"
fi

SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"; while kill -0 "$SERVER_PID" 2>/dev/null; do sleep 0.2; done
  fi
  SERVER_PID=""
}
cleanup() { stop_server; if [ "${PG_STARTED:-}" = 1 ]; then stop_postgres; fi; rm -rf "$WORK"; }
trap cleanup EXIT

# start_server LABEL: serves the database in the environment on $PORT (with the environment's
# settings, e.g. KANSSA_PLANS_KEPT) and waits until it answers.
start_server() {
  LOG_LEVEL=info setsid sh -c "echo \$\$ > '$WORK/server.pid'; exec '$BIN' serve --port $PORT" >"$WORK/server-$1.log" 2>&1 &
  sleep 0.5; SERVER_PID=$(cat "$WORK/server.pid")
  for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
}

# sign_in LOGIN: prints "cookie<TAB>token" for a new session of LOGIN.
sign_in() {
  local jar="$WORK/jar-$1"
  rm -f "$jar"
  local token
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/sign-in" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" --data-urlencode "login=$1" \
    --data-urlencode "password=scale-benchmark-2026" "$BASE/sign-in"
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/me" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  local cookie
  cookie=$(awk -F'\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
  printf '%s\t%s\n' "$cookie" "$token"
}

# respondent: prints "cookie<TAB>token" for a new respondent of the benchmark's consultation, who
# has its private code's cookie (and the anti-forgery binding) from the first question's page.
respondent() {
  local jar="$WORK/respondent-jar"
  rm -f "$jar"
  local token
  token=$(curl -s -c "$jar" -b "$jar" "$BASE$CONSULTATION/q/2" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  local cookie
  cookie=$(awk -F'\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
  printf '%s\t%s\n' "$cookie" "$token"
}

# measure NAME METHOD PATH SESSIONS [CONNECTIONS] [FORM]: one wrk run; prints "NAME rps p50 p99 errors".
measure() {
  local out connections=${5:-$CONNECTIONS}
  if [ "$4" = none ]; then
    # The ceiling is asked as a health probe asks: no session, no cookie.
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE$3" 2>&1)
    out="$out"$'\n'"Unexpected: $(echo "$out" | awk '/Non-2xx/ { print $5 }')"
  else
    out=$(SESSIONS="$4" METHOD="$2" TARGET="$3" FORM="${6:-check-in}" wrk -t"$THREADS" -c"$connections" -d"$DURATION" --timeout 30s --latency \
      -s benchmarks/sessions.lua "$BASE$3" 2>&1)
  fi
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
  p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
  errors=$(echo "$out" | awk '/^Unexpected:/ { print $2 }')
  echo "$1|$rps|$p50|$p99|${errors:-0}"
}

ms() { # "12.34ms" / "1.2s" / "800us" → milliseconds
  echo "$1" | awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; printf "%.1f", v }'
}

run_database() {
  local label=$1
  local seed_start=$SECONDS seeded=""
  if [ "$label" = SQLite ] && [ -n "${SQLITE_DIR:-}" ]; then
    echo "== $label: measuring the database already in $SQLITE_DIR"
    seeded="the database in SQLITE_DIR, seeded before"
  else
    echo "== $label: seeding $CITIZENS citizens…"
    "$BIN" seed-scale --citizens "$CITIZENS" --round-answers "$ROUND_ANSWERS" --pulse-answers "$PULSE_ANSWERS" --respondents "$RESPONDENTS" 2>&1 | grep -v '^\[ INFO' | tail -3
  fi
  [ -n "$seeded" ] || seeded="seeded in $((SECONDS - seed_start)) s"
  start_server "$label"
  : >"$WORK/citizens"; : >"$WORK/professionals"
  for i in $(seq 0 $((PEOPLE - 1))); do
    sign_in "citizen-$((i * (CITIZENS / PEOPLE)))@scale.test" >>"$WORK/citizens"
    sign_in "pro-$i@scale.test" >>"$WORK/professionals"
  done
  sign_in coordinator@scale.test >"$WORK/coordinator"
  sign_in listener@scale.test >"$WORK/listener"
  : >"$WORK/respondents"
  for _ in $(seq 1 $((PEOPLE * 4))); do respondent >>"$WORK/respondents"; done
  local cookie rounds figures compare
  cookie=$(cut -f1 "$WORK/coordinator")
  rounds=$(curl -s -H "Cookie: $cookie" "$BASE/" | grep -o 'href="/organisations/[^"]*/rounds"' | head -1 | sed 's/^href="//; s/"$//')
  figures=$(curl -s -H "Cookie: $cookie" "$BASE$rounds" | grep -o 'href="/organisations/[^"]*/figures"' | head -1 | sed 's/^href="//; s/"$//')
  # The earlier round to compare with is the figures page's first choice.
  compare="$figures?compare=$(curl -s -H "Cookie: $cookie" "$BASE$figures" | grep -o '<option value="[0-9A-F-]\{36\}"' | head -1 \
    | sed 's/^<option value="//; s/"$//')"
  local dashboard
  dashboard=$(curl -s -H "Cookie: $cookie" "$BASE/" | grep -o 'href="/organisations/[^"]*/dashboard"' | head -1 | sed 's/^href="//; s/"$//')
  # The consultation's page, from the team's list of them.
  local listening consultation
  cookie=$(cut -f1 "$WORK/listener")
  listening=$(curl -s -H "Cookie: $cookie" "$BASE/" | grep -o 'href="/organisations/[^"]*/consultations"' | head -1 | sed 's/^href="//; s/"$//')
  consultation=$(curl -s -H "Cookie: $cookie" "$BASE$listening" | grep -o 'href="/listening/consultations/[0-9A-Fa-f-]\{36\}"' | head -1 \
    | sed 's/^href="//; s/"$//')
  local home_citizen home_pro caseload_search caseload_deep
  local ceiling whole caseload checkin round cold answer figures_page answers_page agreement public dashboard_page dashboard_csv
  ceiling=$(measure healthz GET /healthz none)
  whole=$(measure "whole-person view" GET /plan/actions "$WORK/citizens")
  caseload=$(measure caseload GET /caseload "$WORK/professionals")
  caseload_search=$(measure "caseload, searched" GET "/caseload?q=7" "$WORK/professionals")
  caseload_deep=$(measure "caseload, page 20" GET "/caseload?page=20" "$WORK/professionals")
  home_citizen=$(measure "citizen's home" GET / "$WORK/citizens")
  home_pro=$(measure "professional's home" GET / "$WORK/professionals")
  checkin=$(measure check-in POST /plan/check-ins "$WORK/citizens")
  # A coordinator's page, not a citizen's: asked by two at a time rather than by a crowd.
  round=$(measure "round figures" GET "$compare" "$WORK/coordinator" 2)
  answer=$(measure "public answer" POST "$CONSULTATION/q/2" "$WORK/respondents" "$CONNECTIONS" answer)
  public=$(measure "public page" GET "$CONSULTATION/we-did" "$WORK/respondents")
  figures_page=$(measure "consultation figures" GET "$consultation/figures" "$WORK/listener")
  answers_page=$(measure "consultation answers" GET "$consultation/answers" "$WORK/listener")
  agreement=$(measure "coders' agreement" GET "$consultation/agreement" "$WORK/listener")
  dashboard_page=$(measure "dashboard" GET "$dashboard" "$WORK/coordinator")
  dashboard_csv=$(measure "dashboard as CSV" GET "$dashboard.csv" "$WORK/coordinator")
  stop_server
  # The same view with nothing kept in memory: every view built from the database, as a first
  # view of each plan is (the sessions live in the database and outlast the restart).
  KANSSA_PLANS_KEPT=0 start_server "$label-nothing-kept"
  cold=$(measure "whole-person view, nothing kept" GET /plan/actions "$WORK/citizens")
  stop_server
  local ceiling_rps
  ceiling_rps=$(echo "$ceiling" | cut -d'|' -f2)
  {
    echo
    echo "### $label — $CITIZENS citizens ($seeded)"
    echo
    echo "| What | Requests/s | Share of the ceiling | p50 ms | p99 ms | Unexpected answers |"
    echo "|---|---:|---:|---:|---:|---:|"
    for row in "$ceiling" "$whole" "$cold" "$caseload" "$caseload_search" "$caseload_deep" "$home_citizen" "$home_pro" "$checkin" "$round" "$answer" "$public" "$figures_page" "$answers_page" "$agreement" "$dashboard_page" "$dashboard_csv"; do
      IFS='|' read -r name rps p50 p99 errors <<<"$row"
      share=$(awk -v a="$rps" -v b="$ceiling_rps" 'BEGIN { printf "%.2f", a / b }')
      echo "| $name | $rps | $share | $(ms "$p50") | $(ms "$p99") | $errors |"
    done
  } | tee -a "$WORK/results.md"
}

for database in $DATABASES; do
  case $database in
    sqlite)
      export KANSSA_DATA_DIR="${SQLITE_DIR:-$WORK/sqlite}"; unset DATABASE_URL
      export KANSSA_SECRET="benchmark-secret-benchmark-secret-0123456789"
      run_database SQLite
      ;;
    postgres)
      # shellcheck source=../.ci/postgres.sh
      source .ci/postgres.sh; PG_STARTED=1
      export DATABASE_URL="$KANSSA_TEST_DATABASE_URL"
      export KANSSA_SECRET="benchmark-secret-benchmark-secret-0123456789"
      run_database PostgreSQL
      stop_postgres; PG_STARTED=0; unset DATABASE_URL
      ;;
  esac
done

{
  echo "# Benchmark results"
  echo
  echo "Written by \`scripts/benchmark.sh $CITIZENS\` on $(date -u +%Y-%m-%d) — $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);"
  echo "wrk with $THREADS threads and $CONNECTIONS connections for $DURATION per route, on the same machine as the server."
  echo "The ceiling is \`/healthz\` of the same server in the same run, asked without a cookie as a health probe asks;"
  echo "\"share\" is requests/s divided by the ceiling's."
  echo "Whole-person view: \`GET /plan/actions\` as one of $PEOPLE citizens in turn (each plan's view is kept in"
  echo "memory after its first request until something on it changes; \"nothing kept\": the same on a server started"
  echo "with \`KANSSA_PLANS_KEPT=0\`, every view built from the database; on PostgreSQL sessions are kept in memory"
  echo "either way, \`KANSSA_SESSIONS_KEPT\`); caseload: \`GET /caseload\` as one of"
  echo "$PEOPLE professionals (searched: \`?q=7\`; page 20: \`?page=20\`); homes: \`GET /\` as the same citizens and professionals; check-in: \`POST /plan/check-ins\` (one area rated) as one of $PEOPLE citizens;"
  echo "round figures: a coordinator's figures of a round of $ROUND_ANSWERS answers compared with an earlier round of as many"
  echo "(every answer read and scored on each request), asked by 2 connections at a time."
  echo "Consultation: $RESPONDENTS respondents, four answers each, half written text in four languages, each text coded"
  echo "by two people; public answer: \`POST /c/SCA234/q/2\` (a written answer changed) as one of $((PEOPLE * 4)) respondents,"
  echo "each request from an address of its own; public page: \`GET /c/SCA234/we-did\`; figures, answers (its first page)"
  echo "and coders' agreement: the team's pages, as one team member."
  echo "Dashboard: \`GET /organisations/…/dashboard\` (this quarter beside the last, the pilot report when printed) and its CSV, as the"
  echo "coordinator of an organisation whose fortnightly staff pulse was answered $PULSE_ANSWERS times over two years."
  cat "$WORK/results.md"
} >"$RESULTS"
echo "Written to $RESULTS"
