#!/usr/bin/env bash
# decision-tail.sh <tree A> <tree B> [promotedShare=0.5] [rounds=5] [decisions=1500000]
# The decision's tail, two builds alternating (A, B, A, B, …), each run a fresh JVM timing every decision of its own
# DecisionBenchmark (DecisionLatency): each run's p50 … p99.9, then p99 of B / p99 of A per round and their median
# (docs/benchmarks.md, "Tenth pass"). A tree is a checkout or a copy of its promo-domain/target, built beforehand with
#   mvn -B -q -o -pl promo-domain test-compile dependency:build-classpath \
#       -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
# DecisionLatency and the libraries come from this script's checkout, the benchmark from each tree (its classes come
# first on the class path). A_OPTS and B_OPTS add JVM options to one side (for example
# B_OPTS=-Dpromo.bench.shareSampleMicros=-1), JAVA_OPTS to both.
# Transparent huge pages are asked for: with 4 KB pages this host's page walks set every build's p99 (a fixed loop of
# random reads over 64 MB had p99 16 times its p50 with them, 3 times without), which hides the code's own tail.
set -euo pipefail
# shellcheck source=trees.sh
. "$(dirname "$0")/trees.sh"
a=$(tree_target "$1"); b=$(tree_target "$2"); shift 2
share=${1:-0.5}; rounds=${2:-5}; decisions=${3:-1500000}
cd "$(dirname "$0")/../.."
here=$(pwd)/promo-domain/target
run() { # <target> <side's options>
  # shellcheck disable=SC2086 # options are words
  java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages ${JAVA_OPTS:-} $2 \
      -cp "$1/test-classes:$1/classes:$here/test-classes:$(cat "$here/jmh.classpath")" \
      io.promo.domain.serving.bench.DecisionLatency "$share" "$decisions"
}
p99() { sed -n 's/.* p99 \([0-9.]*\),.*/\1/p' <<<"$1"; }
ratios=()
for round in $(seq "$rounds"); do
  outA=$(run "$a" "${A_OPTS:-}"); echo "round $round A: $outA"
  outB=$(run "$b" "${B_OPTS:-}"); echo "round $round B: $outB"
  ratios+=("$(awk -v x="$(p99 "$outB")" -v y="$(p99 "$outA")" 'BEGIN { printf "%.3f", x / y }')")
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ r[NR] = $1; all = all " " $1 }
  END { m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2; printf "p99 B / A per round (sorted):%s; median %.3f\n", all, m }'
