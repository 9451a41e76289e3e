#!/usr/bin/env bash
# Builds lowrank-bench and runs the GD-iteration JMH benchmark (n = 100, m = 2500, r' in {5, 100}).
# Extra arguments are passed to JMH, e.g.:  scripts/bench-gd.sh -p width=5 -f 1 -wi 3 -i 5
# Results: target/jmh-gd.json (relative to the repo root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -pl lowrank-bench -am package -DskipTests
mkdir -p target
java -jar lowrank-bench/target/benchmarks.jar GdIterationBenchmark -rf json -rff target/jmh-gd.json "$@"
