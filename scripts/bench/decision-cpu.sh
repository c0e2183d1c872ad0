#!/usr/bin/env bash
# decision-cpu.sh <tree> <promotedShare> [DecisionCpuTime's other arguments]
# Runs DecisionCpuTime (thread CPU time per decision) from <tree>'s promo-domain classes, built beforehand with
#   mvn -B -q -o -pl promo-domain test-compile dependency:build-classpath \
#       -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
# <tree> is a checkout (a worktree of another commit, to compare builds) or a copy of its promo-domain/target.
# Compare two builds by alternating them: a, b, a, b (docs/benchmarks.md).
set -euo pipefail
# shellcheck source=trees.sh
. "$(dirname "$0")/trees.sh"
target=$(tree_target "$1"); shift
CP="$target/test-classes:$target/classes:$(cat "$target/jmh.classpath")"
exec java -Xms1g -Xmx1g ${JAVA_OPTS:-} -cp "$CP" io.promo.domain.serving.bench.DecisionCpuTime "$@"
