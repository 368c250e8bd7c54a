#!/usr/bin/env bash
# Load benchmarks of the REST API with wrk. See docs/benchmarks.md.
#
#   bench/run.sh [BASE_URL]            (default http://127.0.0.1:8080)
#
# Expects a server holding seeded data (`seed --users ... --videos ...`: user ids 1..N, all with the
# same password) and started with a raised log-in rate limit, e.g. Tiktok__AuthRequestsPerMinute=100000.
# Environment knobs:
#   DURATION=15s CONNECTIONS=64 THREADS=2   wrk settings of each measured run
#   WARMUP=5s                              an unreported run of the same script first (JIT, caches); 0 to skip
#   USERS=100                              seeded users to log in (ids 1..USERS); their tokens drive the runs
#   PASSWORD=password1                     the seeded users' password
#   SCENARIOS="ceiling feed feed_token feed_paged user comments favorite"   (the default; also graphql_feed,
#                                          graphql_feed_token, graphql_following,
#                                          graphql_feed_comments: see docs/benchmarks.md)
#                                          ceiling: a minimal Kestrel app (bench/Ceiling) answering the
#                                          feed bytes captured from the server at the start, on
#                                          CEILING_PORT (default 18299); every other row gets its ratio
#   SERVER_PID=<pid>                       process whose RSS is sampled after each run
#                                          (default: whatever listens on the URL's port, when local)
#   OUT=<dir>                              where wrk's raw output and results.md go (default a new /tmp dir)
set -euo pipefail

BASE=${1:-${BASE_URL:-http://127.0.0.1:8080}}
BASE=${BASE%/}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5s}
USERS=${USERS:-100}
PASSWORD=${PASSWORD:-password1}
SCENARIOS=${SCENARIOS:-"ceiling feed feed_token feed_paged user comments favorite"}
CEILING_PORT=${CEILING_PORT:-18299}
OUT=${OUT:-$(mktemp -d /tmp/tiktok-bench.XXXXXX)}
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
export BENCH_DIR

for tool in wrk curl jq; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required (apt-get install $tool)" >&2; exit 2; }
done
mkdir -p "$OUT"

curl -fsS "$BASE/healthz" >/dev/null || { echo "bench: no server answering at $BASE/healthz" >&2; exit 2; }

# The server process, for RSS: the listener on the URL's port when the host is this machine.
if [[ -z "${SERVER_PID:-}" ]]; then
  hostport=${BASE#*://}; hostport=${hostport%%/*}
  port=${hostport##*:}; [[ "$port" == "$hostport" ]] && port=80
  SERVER_PID=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
fi
# Server CPU time (user + system, in clock ticks) from /proc, to give CPU per request: less
# sensitive than requests/s to what else runs on a shared machine.
cpu_ticks() {
  if [[ -n "${SERVER_PID:-}" && -r "/proc/$SERVER_PID/stat" ]]; then
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$SERVER_PID/stat"
  else
    echo ""
  fi
}
TICKS_PER_S=$(getconf CLK_TCK 2>/dev/null || echo 100)
rss_mb() {
  if [[ -n "${SERVER_PID:-}" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "$(( $(ps -o rss= -p "$SERVER_PID") / 1024 ))"
  else
    echo "?"
  fi
}

# What was seeded: the newest video id (ids are 1..max), the highest user id (found by search).
MAX_VIDEO=$(curl -fsS "$BASE/douyin/feed/" | jq -r '.video_list[0].id // 0')
[[ "$MAX_VIDEO" -gt 0 ]] || { echo "bench: the feed is empty; seed the data directory first" >&2; exit 2; }
user_exists() { [[ "$(curl -fsS "$BASE/douyin/user/?user_id=$1" | jq -r .status_code)" == "0" ]]; }
hi=1; while user_exists $((hi * 2)); do hi=$((hi * 2)); done
lo=$hi; hi=$((hi * 2))
while (( hi - lo > 1 )); do mid=$(( (lo + hi) / 2 )); if user_exists $mid; then lo=$mid; else hi=$mid; fi; done
MAX_USER=$lo
(( USERS > MAX_USER )) && USERS=$MAX_USER

# Tokens: look each seeded user's name up, log in with the shared password (bcrypt: done in parallel).
login() {
  local id=$1 name token
  name=$(curl -fsS "$BASE/douyin/user/?user_id=$id" | jq -r .user.name)
  token=$(curl -fsS -X POST "$BASE/douyin/user/login/" --data-urlencode "username=$name" \
    --data-urlencode "password=$PASSWORD" | jq -r '.token // empty')
  [[ -n "$token" ]] && echo "$id $token"
}
export -f login; export BASE PASSWORD
started=$(date +%s)
seq 1 "$USERS" | xargs -P 8 -I{} bash -c 'login {}' > "$OUT/tokens.txt" || true
TOKENS=$(wc -l < "$OUT/tokens.txt")
[[ "$TOKENS" -gt 0 ]] || { echo "bench: no log-in succeeded (password '$PASSWORD'? rate limit: start the server with Tiktok__AuthRequestsPerMinute=100000)" >&2; exit 2; }
echo "bench: $BASE, $MAX_VIDEO videos, $MAX_USER users, $TOKENS tokens ($(( $(date +%s) - started ))s to log in), server pid ${SERVER_PID:-unknown} RSS $(rss_mb) MB"
echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up of each); raw output in $OUT"

export BENCH_TOKENS="$OUT/tokens.txt" BENCH_MAX_VIDEO=$MAX_VIDEO BENCH_MAX_USER=$MAX_USER

# The ceiling: the anonymous feed's bytes as the server answers them now, served by a Kestrel app
# that does nothing else (Release build of bench/Ceiling), started here and stopped on exit.
CEILING_PID=""
CEILING_RPS=""
stop_ceiling() {
  if [[ -n "$CEILING_PID" ]]; then kill "$CEILING_PID" 2>/dev/null || true; wait "$CEILING_PID" 2>/dev/null || true; fi
  CEILING_PID=""
}
trap stop_ceiling EXIT
if [[ " $SCENARIOS " == *" ceiling "* ]]; then
  curl -fsS "$BASE/douyin/feed/" -o "$OUT/ceiling-body.json"
  ceiling_dll="$BENCH_DIR/Ceiling/bin/Release/net10.0/Tiktok.Bench.Ceiling.dll"
  if [[ ! -f "$ceiling_dll" ]]; then
    dotnet build -c Release "$BENCH_DIR/Ceiling" > "$OUT/ceiling-build.txt" 2>&1 ||
      { echo "bench: building bench/Ceiling failed (see $OUT/ceiling-build.txt)" >&2; exit 2; }
  fi
  DOTNET_gcServer=1 dotnet "$ceiling_dll" "$OUT/ceiling-body.json" "http://127.0.0.1:$CEILING_PORT" > "$OUT/ceiling-server.txt" 2>&1 &
  CEILING_PID=$!
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$CEILING_PORT/douyin/feed/" 2>/dev/null && break; sleep 0.1; done
  curl -fsS -o /dev/null "http://127.0.0.1:$CEILING_PORT/douyin/feed/" ||
    { echo "bench: the ceiling app did not start on port $CEILING_PORT (see $OUT/ceiling-server.txt)" >&2; exit 2; }
fi

RESULTS="$OUT/results.md"
{
  echo "| scenario | requests/s | of the ceiling | p50 ms | p99 ms | requests | bad answers | socket errors | server CPU ms/request | RSS after (MB) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} > "$RESULTS"

for scenario in $SCENARIOS; do
  target=$BASE script="$BENCH_DIR/$scenario.lua"
  if [[ "$scenario" == ceiling ]]; then target="http://127.0.0.1:$CEILING_PORT" script="$BENCH_DIR/feed.lua"; fi
  [[ -f "$script" ]] || { echo "bench: no script $script" >&2; exit 2; }
  if [[ "$WARMUP" != "0" ]]; then
    BENCH_NAME="$scenario-warmup" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$script" "$target" > "$OUT/$scenario.warmup.txt" 2>&1 || true
  fi
  measured=$SERVER_PID
  if [[ "$scenario" == ceiling ]]; then measured=$CEILING_PID; fi
  ticks_before=$(SERVER_PID=$measured cpu_ticks)
  BENCH_NAME=$scenario wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$script" "$target" > "$OUT/$scenario.txt" 2>&1
  ticks_after=$(SERVER_PID=$measured cpu_ticks)
  if [[ "$scenario" == ceiling ]]; then
    rss=$(ps -o rss= -p "$CEILING_PID" | awk '{print int($1/1024)}'); stop_ceiling
  else
    rss=$(rss_mb)
  fi
  line=$(grep '^RESULT ' "$OUT/$scenario.txt" || true)
  get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  rps=$(get rps)
  if [[ "$scenario" == ceiling ]]; then CEILING_RPS=$rps; fi
  ratio="—"
  if [[ -n "$CEILING_RPS" && -n "$rps" ]]; then ratio=$(awk -v a="$rps" -v b="$CEILING_RPS" 'BEGIN { printf "%.2f", a / b }'); fi
  cpu="?"
  if [[ -n "$ticks_before" && -n "$ticks_after" && "$(get requests)" -gt 0 ]]; then
    cpu=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$TICKS_PER_S" -v n="$(get requests)" 'BEGIN { printf "%.3f", t * 1000 / hz / n }')
  fi
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$scenario" "$rps" "$ratio" "$(get p50_ms)" "$(get p99_ms)" \
    "$(get requests)" "$(get bad)" "$(( $(get socket_errors) + $(get http_errors) ))" "$cpu" "$rss" >> "$RESULTS"
  echo "bench: $scenario: $line cpu_ms_per_request=$cpu RSS=${rss}MB"
  grep '^FIRST_BAD ' "$OUT/$scenario.txt" || true
done

echo
cat "$RESULTS"
