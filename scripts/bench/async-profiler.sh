#!/usr/bin/env bash
# async-profiler.sh: prints the path of async-profiler's JVM agent for this machine, fetched from Maven Central
# (tools.profiler:async-profiler, native libraries inside the jar) into target/async-profiler/ on first use.
# Use it as -agentpath:$(scripts/bench/async-profiler.sh)=start,event=cpu,interval=200us,threads,file=/tmp/p.collapsed,collapsed
# (or file=/tmp/p.html for a flame graph); add -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints so that
# inlined frames are attributed. docs/benchmarks.md ("A sampling profiler") says why not JFR for these benchmarks.
set -euo pipefail
version=${ASYNC_PROFILER_VERSION:-3.0}
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x64 ;;
  Linux-aarch64) platform=linux-arm64 ;;
  Darwin-*) platform=macos ;;
  *) echo "async-profiler.sh: no agent for $(uname -s) $(uname -m) in this jar" >&2; exit 1 ;;
esac
cd "$(dirname "$0")/../.."
dir=$(pwd)/target/async-profiler/$version
if [ ! -f "$dir/$platform/libasyncProfiler.so" ]; then
  mkdir -p "$dir"
  mvn -B -q -N dependency:copy -Dartifact="tools.profiler:async-profiler:$version" -DoutputDirectory="$dir" >&2
  (cd "$dir" && unzip -q -o "async-profiler-$version.jar" "$platform/*")
fi
echo "$dir/$platform/libasyncProfiler.so"
