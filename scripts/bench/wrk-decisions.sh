#!/usr/bin/env bash
# POST /v1/decisions under wrk, an external load generator: starts promo seeded as DecisionLoadBenchmark seeds it
# (its hold mode), runs wrk `runs` times, stops promo. docs/benchmarks.md, "HTTP load".
#   scripts/bench/wrk-decisions.sh [connections=16] [seconds=20] [runs=3] [threads=2]
# Build first (from the repository root):
#   mvn -B -q -pl promo-app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
# CLASSES=dir overrides promo-app/target (its test-classes and classes, for comparing a build copied elsewhere).
# WARMUP=seconds [5]: the first, unreported run that warms the JIT up (on two shared cores it takes 30 s or more).
# PROMO_JAVA_OPTS replaces the JVM options ./promo would use (PROMO_JAVA_OPTS= for the JVM's defaults, G1).
set -euo pipefail
cd "$(dirname "$0")/../.."
connections=${1:-16}; seconds=${2:-20}; runs=${3:-3}; threads=${4:-2}; warmup=${WARMUP:-5}
classes=${CLASSES:-promo-app/target}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
bodies=$(mktemp -d); log=$(mktemp)
# PROMO_JAVA_OPTS as ./promo reads it (default ZGC, ADR 0040), so this measures what ./promo serve runs; JAVA_OPTS adds
# to it (a profile, a GC log).
# shellcheck disable=SC2086 # the options are words (set -f: no globbing of them)
set -f
java ${PROMO_JAVA_OPTS--XX:+UseZGC} ${JAVA_OPTS:-} -cp "$classes/test-classes:$classes/classes:$(cat promo-app/target/bench.classpath)" \
    io.promo.app.bench.DecisionLoadBenchmark hold=$(( (seconds + 2) * runs + warmup + 60 )) bodies="$bodies" >"$log" 2>&1 &
set +f
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$bodies" "$log"' EXIT
until grep -q '^serving port=' "$log"; do
  kill -0 $server 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 1
done
port=$(sed -n 's/^serving port=\([0-9]*\) .*/\1/p' "$log"); key=$(sed -n 's/^serving .* key=\([^ ]*\) .*/\1/p' "$log")
echo "promo on port $port; wrk -t$threads -c$connections -d${seconds}s, $runs runs; $(nproc) processors"
# A first run of WARMUP seconds warms the JIT up and lets the heap grow; not reported.
wrk -t"$threads" -c"$connections" -d"${warmup}s" -s scripts/bench/decisions.lua "http://127.0.0.1:$port" -- "$bodies" "$key" >/dev/null
# promo's CPU time (user + system, all its threads; PostgreSQL is another process) in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
for run in $(seq 1 "$runs"); do
  echo "run $run, load $(cut -d' ' -f1-3 /proc/loadavg)"
  before=$(cpu_ticks)
  out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s scripts/bench/decisions.lua \
      "http://127.0.0.1:$port" -- "$bodies" "$key")
  ticks=$(( $(cpu_ticks) - before ))
  grep -E 'Latency  |50%|90%|99%|Requests/sec|Non-2xx|Socket errors' <<<"$out"
  requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<<"$out")
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
      'BEGIN { printf "promo CPU: %.1f s, %.0f us per request\n", t / hz, n ? t / hz * 1e6 / n : 0 }'
done
