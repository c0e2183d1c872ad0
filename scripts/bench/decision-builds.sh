#!/usr/bin/env bash
# decision-builds.sh <tree A> <tree B> [DecisionBuildsSideBySide's options: promotedShare=1.0 batch=20000 turns=40 ...]
# Two builds' DecisionBenchmark in one JVM, taking turns on one thread: µs of thread CPU per decision of each and
# B/A per turn (docs/benchmarks.md, "Fourth pass: two builds side by side in one JVM"), then the same with the builds
# swapped and the two runs combined (ORDERS=one: the first run only). A tree is a checkout (a
# worktree of another commit) or a copy of its promo-domain/target, relative to the current directory or absolute;
# build each first with
#   mvn -B -q -o -pl promo-domain test-compile dependency:build-classpath \
#       -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
# The harness and the libraries come from this script's checkout.
set -euo pipefail
# shellcheck source=trees.sh
. "$(dirname "$0")/trees.sh"
classes() {
  local target; target=$(tree_target "$1")
  echo "$target/test-classes:$target/classes"
}
a=$(classes "$1"); b=$(classes "$2"); shift 2
cd "$(dirname "$0")/../.."
here=promo-domain/target
run() {
  java -Xms1g -Xmx1g -XX:+AlwaysPreTouch ${JAVA_OPTS:-} -cp "$here/test-classes:$(cat "$here/jmh.classpath")" \
      io.promo.domain.serving.bench.DecisionBuildsSideBySide "$@"
}
median() { sed -n 's/^B \/ A, per turn: .*median \([0-9.]*\).*/\1/p' "$1"; }
if [ "${ORDERS:-both}" = one ]; then
  run "$a" "$b" "$@"
  exit
fi
# The build in position B has had an edge of 2-4 % (docs/benchmarks.md, "Fifth pass"): run both orders and take the
# geometric mean of B/A and of the inverse of the swapped run's B/A, which cancels it.
out=$(mktemp); swapped=$(mktemp); trap 'rm -f "$out" "$swapped"' EXIT
echo "== A then B"; run "$a" "$b" "$@" | tee "$out"
echo "== B then A (swapped)"; run "$b" "$a" "$@" | tee "$swapped"
awk -v ab="$(median "$out")" -v ba="$(median "$swapped")" 'BEGIN {
  if (ab == "" || ba == "") { print "no median of B / A to combine"; exit 1 }
  printf "B against A, both orders: sqrt(%s / %s) = %.3f\n", ab, ba, sqrt(ab / ba) }'
