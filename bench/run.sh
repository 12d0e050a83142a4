#!/usr/bin/env bash
# Reservation throughput benchmark: wrk against bare Fastify, a naive one-transaction-per-request
# server, the same server coalescing its transactions, and the real Onhand, on SQLite and PostgreSQL. Prints figures; never fails on timing.
# See bench/README.md. Settings (environment):
#   BENCH_SECONDS (10)  length of each measured run     BENCH_WARMUP_SECONDS (3)  warm-up run
#   BENCH_RUNS (3)      measured runs per scenario       BENCH_PORT (38100)        first port used
#   BENCH_PG_URL (postgres://postgres@127.0.0.1:5432)    BENCH_SCENARIOS (all)     e.g. "bare onhand-sqlite"
#   BENCH_PROFILE=1     write V8 CPU profiles of the servers to the results directory
set -euo pipefail
cd "$(dirname "$0")/.."

SECS=${BENCH_SECONDS:-10}
WARMUP=${BENCH_WARMUP_SECONDS:-3}
RUNS=${BENCH_RUNS:-3}
CONNECTIONS=50
THREADS=2
BASE_PORT=${BENCH_PORT:-38100}
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}
SCENARIOS=${BENCH_SCENARIOS:-bare naive-sqlite naive-postgres coalesced-sqlite coalesced-postgres onhand-sqlite onhand-postgres}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/results/$STAMP
RESULTS=$OUT/results.jsonl
TMP=$(mktemp -d /tmp/onhand-bench.XXXXXX)
export BENCH_SKU=BENCH-HOT BENCH_WAREHOUSE=BENCH-WH BENCH_STOCK=10000000
export ONHAND_ADMIN_EMAIL=bench@onhand.local ONHAND_ADMIN_PASSWORD=bench-password-1234
mkdir -p "$OUT"
: >"$RESULTS"

declare -A PID=() PORT_OF=() URL_OF=() TOKEN=()
PG_DBS=()

stop_server() { # stop_server <scenario>: TERM its process group, KILL it after 10 s
  local pid=${PID[$1]:-}
  [[ -n $pid ]] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 50); do
    kill -0 -- "-$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  PID[$1]=""
}

cleanup() {
  for scenario in "${!PID[@]}"; do stop_server "$scenario"; done
  for db in "${PG_DBS[@]}"; do dropdb --if-exists --force -h 127.0.0.1 -U postgres "$db" || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! command -v wrk >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y wrk >/dev/null
  else
    echo "wrk is missing: install it with 'sudo apt-get install -y wrk' (Debian/Ubuntu)" >&2
    exit 1
  fi
fi

# start_server <scenario> [VAR=value…] -- <script.ts> [args…]: runs the script with tsx in its own
# process group (so that stop_server ends it and its children) on the next port, logging to $OUT.
start_server() {
  local scenario=$1 env=()
  shift
  while [[ $1 != -- ]]; do env+=("$1") && shift; done
  shift
  local run=(npx tsx) port=$((BASE_PORT + ${#PORT_OF[@]} + 1))
  # Node 20 refuses --cpu-prof in NODE_OPTIONS: give it to node, with tsx as a loader.
  [[ ${BENCH_PROFILE:-0} == 1 ]] && run=(node --cpu-prof --cpu-prof-dir="$PWD/$OUT/profile-$scenario" --import tsx)
  setsid env HOST=127.0.0.1 PORT="$port" "${env[@]}" "${run[@]}" "$@" >"$OUT/$scenario.log" 2>&1 &
  PID[$scenario]=$!
  PORT_OF[$scenario]=$port
  for _ in $(seq 300); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0
    kill -0 "${PID[$scenario]}" 2>/dev/null || break
    sleep 0.2
  done
  echo "$scenario did not start; its log ($OUT/$scenario.log):" >&2
  tail -20 "$OUT/$scenario.log" >&2
  exit 1
}

# new_database <scenario>: a temp SQLite file, or a fresh PostgreSQL database, in URL_OF.
new_database() {
  case $1 in
    *-sqlite) URL_OF[$1]=$TMP/$1.db ;;
    *-postgres)
      local db="onhand_bench_${STAMP,,}_${1%%-*}"
      db=${db//[^a-z0-9_]/_}
      createdb -h 127.0.0.1 -U postgres "$db"
      PG_DBS+=("$db")
      URL_OF[$1]=$PG_URL/$db
      ;;
  esac
}

# cpu_ticks <session>: user + system clock ticks spent so far by the processes of a server's session.
cpu_ticks() {
  # A process may end while it is read: cat then fails, and the rest still counts.
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v sid="$1" '{ sub(/^.*\) /, ""); if ($4 == sid) t += $12 + $13 } END { print t + 0 }'
}

# drive <scenario> <run>: one wrk run (warm-up or measured), appended to $RESULTS with the CPU time
# the server's processes spent during it (not PostgreSQL's).
drive() {
  local scenario=$1 run=$2 seconds=$SECS txt=$OUT/$1-$2.txt result cpu
  [[ $run == warmup ]] && seconds=$WARMUP
  cpu=$(cpu_ticks "${PID[$scenario]}")
  BENCH_RUN_ID="$STAMP-$scenario-$run" BENCH_TOKEN=${TOKEN[$scenario]:-} timeout $((seconds + 60)) \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s --latency \
    -s bench/reserve.lua "http://127.0.0.1:${PORT_OF[$scenario]}" >"$txt" || true
  result=$(sed -n 's/^BENCH_RESULT //p' "$txt")
  [[ -n $result ]] || { echo "wrk gave no result for $scenario run $run: see $txt" >&2 && exit 1; }
  cpu=$((($(cpu_ticks "${PID[$scenario]}") - cpu) * 1000 / $(getconf CLK_TCK)))
  printf '{"kind":"run","scenario":"%s","run":"%s","result":%s,"serverCpuMs":%s}\n' "$scenario" "$run" "$result" "$cpu" >>"$RESULTS"
  printf '  %-16s %-7s %s  (load %s)\n' "$scenario" "$run" "$(grep -E '^Requests/sec' "$txt")" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}

# check <scenario> <API reserved or null>: counts its rows once its server has stopped.
check() {
  local counted
  counted=$(npx tsx bench/count-rows.ts "${URL_OF[$1]}" "$BENCH_SKU" "$BENCH_WAREHOUSE")
  printf '{"kind":"check","scenario":"%s","db":%s,"apiReserved":%s}\n' "$1" "$counted" "$2" >>"$RESULTS"
}

echo "Onhand reservation benchmark $STAMP"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "node $(node -v), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), PostgreSQL $(psql -h 127.0.0.1 -U postgres -Atc 'show server_version' 2>/dev/null || echo 'unreachable')"
echo "wrk: $THREADS threads, $CONNECTIONS connections; POST /api/v1/reservations qty 1 on one SKU"
echo "rounds: ${WARMUP}s warm-up, then $RUNS × ${SECS}s; each round runs every scenario once, in turn"
echo "server: commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- packages || echo ', with uncommitted changes in packages/')"
echo "raw output: $OUT"
awk -v n="$(nproc)" '$1 > n / 2 { printf "warning: load %s before starting: other work shares these cores; figures will be low and noisy\n", $1 }' /proc/loadavg

# Every server runs for the whole benchmark; the rounds interleave the scenarios so that a drift in
# the machine's load hits them all alike.
for scenario in $SCENARIOS; do
  case $scenario in
    bare) start_server bare -- bench/bare-server.ts ;;
    naive-sqlite | naive-postgres)
      new_database "$scenario"
      start_server "$scenario" DATABASE_URL="${URL_OF[$scenario]}" -- bench/naive-server.ts
      ;;
    coalesced-sqlite | coalesced-postgres)
      new_database "$scenario"
      start_server "$scenario" DATABASE_URL="${URL_OF[$scenario]}" BENCH_COALESCE=1 -- bench/naive-server.ts
      ;;
    onhand-sqlite | onhand-postgres)
      new_database "$scenario"
      start_server "$scenario" DATABASE_URL="${URL_OF[$scenario]}" ONHAND_DEMO=0 LOG_LEVEL=warn \
        -- packages/server/src/cli.ts start
      TOKEN[$scenario]=$(npx tsx bench/onhand-api.ts setup "http://127.0.0.1:${PORT_OF[$scenario]}")
      ;;
    *) echo "unknown scenario $scenario" >&2 && exit 2 ;;
  esac
  echo "started $scenario on port ${PORT_OF[$scenario]}"
done

for run in warmup $(seq "$RUNS"); do
  for scenario in $SCENARIOS; do drive "$scenario" "$run"; done
done

for scenario in $SCENARIOS; do
  reserved=null
  if [[ $scenario == onhand-* ]]; then
    reserved=$(npx tsx bench/onhand-api.ts reserved "http://127.0.0.1:${PORT_OF[$scenario]}" "${TOKEN[$scenario]}")
  fi
  stop_server "$scenario"
  [[ $scenario == bare ]] || check "$scenario" "$reserved"
done

echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
npx tsx bench/report.ts "$RESULTS" "$CONNECTIONS" | tee "$OUT/report.txt"
