#!/usr/bin/env bash
# decision-builds.sh <tree A> <tree B> [DecisionBuildsSideBySide's options: promotedShare=1.0 batch=20000 turns=40 ...]
# Two builds' DecisionBenchmark in one JVM, taking turns on one thread: µs of thread CPU per decision of each and
# B/A per turn (docs/benchmarks.md, "Fourth pass: two builds side by side in one JVM"). A tree is a checkout (a
# worktree of another commit) or a copy of its promo-domain/target, relative to the current directory or absolute;
# build each first with
#   mvn -B -q -o -pl promo-domain test-compile dependency:build-classpath \
#       -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
# The harness and the libraries come from this script's checkout.
set -euo pipefail
classes() {
  local target; target=$(cd "$1" && pwd)/promo-domain/target
  [ -d "$target" ] || target=$(cd "$1" && pwd)
  echo "$target/test-classes:$target/classes"
}
a=$(classes "$1"); b=$(classes "$2"); shift 2
cd "$(dirname "$0")/../.."
here=promo-domain/target
exec java -Xms1g -Xmx1g -XX:+AlwaysPreTouch ${JAVA_OPTS:-} -cp "$here/test-classes:$(cat "$here/jmh.classpath")" \
    io.promo.domain.serving.bench.DecisionBuildsSideBySide "$a" "$b" "$@"
