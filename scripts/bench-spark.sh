#!/usr/bin/env bash
# lowrank on Spark against one machine and against Spark MLlib ALS (docs/spark.md), in local[2]:
#   1. MovieLens-small on the ratings benchmark's fixed split (RatingsSplit, seed 20261202):
#      lowrank complete (defaults, one run) locally and with --engine spark --master local[2];
#      their factors must be byte-identical; test RMSE (clipped, as docs/ratings-benchmark.md);
#      per-iteration time (median step of the fit) and the overhead of Spark over local;
#   2. Spark MLlib ALS (maxIter 20, checkpoint dir, checkpointInterval 10) over
#      rank {10, 50} x regParam {0.05, 0.1, 0.2} on the same split: test RMSE and fit time;
#   3. a 48-run sweep (GOE n = 40, 4 alphas x 4 widths x 3 seeds), local vs --engine spark
#      --master local[2], REPS alternating repetitions, fresh process and directory each time:
#      wall time of the whole command and of the sweep itself (summary.json wall_seconds).
# Prints a markdown table with medians, ratios and the host load. Run it on a quiet machine.
#
#   scripts/bench-spark.sh [--out DIR] [--reps N] [--no-build]
#
# The synthetic 2e7-entry set (150k x 30k, planted rank 20): scripts/bench-spark-synthetic.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$root/target/bench-spark"
reps=3
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench-spark: unknown option $1 (accepted: --out DIR, --reps N, --no-build)" >&2; exit 2 ;;
  esac
done
say() { echo "bench-spark: $*" >&2; }
now() { date +%s.%N; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
data="$root/data/movielens_small.csv"
[ -s "$data" ] || { say "data/movielens_small.csv is missing: run scripts/fetch-data.sh"; exit 2; }

if [ "$build" = 1 ]; then
  say "building (lowrank-bench, the shaded Spark jar, the MLlib baseline) ..."
  (cd "$root" && mvn -B -q -DskipTests -pl lowrank-bench,lowrank-spark-dist -am install >&2)
  (cd "$root" && mvn -B -q -pl lowrank-spark-dist test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt" >&2)
fi
jar="$(ls "$root"/lowrank-spark-dist/target/lowrank-spark-*-all.jar | head -1)"
benchcp="$root/lowrank-bench/target/classes"
alscp="$root/lowrank-spark-dist/target/test-classes:$(cat "$out/classpath.txt")"
lowrank=(java -Xmx4g --add-modules jdk.incubator.vector -jar "$jar")
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"

# --- 1. completion ------------------------------------------------------------------------------
dir="$out/movielens"
rm -rf "$dir"; mkdir -p "$dir"
java -cp "$benchcp" io.lowrank.bench.ratings.RatingsSplit "$data" "$dir" > "$dir/split.json"
declare -A secs
for engine in local spark; do
  extra=()
  [ "$engine" = spark ] && extra=(--engine spark --master 'local[2]')
  say "lowrank complete ($engine) ..."
  t0="$(now)"
  "${lowrank[@]}" complete "$dir/train.csv" --predict "$dir/test_pairs.csv" --out "$dir/$engine" "${extra[@]}" \
      > "$dir/$engine.log" 2>&1 || { say "lowrank complete ($engine) failed; see $dir/$engine.log"; exit 1; }
  secs[$engine]="$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')"
done
identical=yes
for f in L.npy R.npy row_bias.npy col_bias.npy predictions.csv; do
  cmp -s "$dir/local/$f" "$dir/spark/$f" || identical="NO ($f differs)"
done
score() { # the ratings benchmark's scorer on lowrank's predictions: prints the test RMSE
  java -cp "$benchcp" io.lowrank.bench.ratings.RatingsBenchmark --dataset MovieLens-small --train "$dir/train.csv" \
    --test "$dir/test.csv" --lowrank-dir "$1" --lowrank-seconds 0 --out "$dir/score-$2" --methods "" \
    | grep -o '| [0-9]\.[0-9]* |' | head -1 | tr -d '| '
}
rmse_local="$(score "$dir/local" local)"
rmse_spark="$(score "$dir/spark" spark)"
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }
step_local="$(field "$dir/local/summary.json" "round(d['timings']['median_step_ms'], 2)")"
step_spark="$(field "$dir/spark/summary.json" "round(d['timings']['median_step_ms'], 2)")"
fit_local="$(field "$dir/local/summary.json" "round(d['timings']['fit_s'], 2)")"
fit_spark="$(field "$dir/spark/summary.json" "round(d['timings']['fit_s'], 2)")"
iters="$(field "$dir/local/summary.json" "d['result']['iterations']")"

# --- 2. MLlib ALS ------------------------------------------------------------------------------
say "Spark MLlib ALS grid (rank {10, 50} x regParam {0.05, 0.1, 0.2}) ..."
rm -rf "$dir/checkpoints"
t0="$(now)"
java -Xmx4g -cp "$alscp" io.lowrank.spark.dist.bench.MllibAls "$dir/train.csv" "$dir/test.csv" "$dir/checkpoints" \
    'local[2]' > "$dir/als.jsonl" 2> "$dir/als.log" || { say "MLlib ALS failed; see $dir/als.log"; exit 1; }
als_all="$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')"

# --- 3. sweep ----------------------------------------------------------------------------------
cat > "$out/sweep48.yaml" <<'YAML'
title: 48 runs (GOE n = 40, r = 2, m = 5nr)
base:
  problem: {model: goe, n: 40, r: 2, kappa: 2, oversampling: 5}
  method: {name: gd, step_fraction: 0.25}
  stop: {iterations: 1500, tolerance: 0, target_error: 1.0e-4}
  record: {every: 10, probes: basic}
axes:
  alpha: [1.0e-7, 1.0e-5, 1.0e-3, 1.0e-1]
  width: [r, 2r, 4r, n]
seeds: 3
success: test_error < 1e-3
metrics: [test_error, iterations]
YAML
: > "$out/sweep-times.txt"
for rep in $(seq 1 "$reps"); do
  for engine in local spark; do
    extra=()
    [ "$engine" = spark ] && extra=(--engine spark --master 'local[2]')
    rm -rf "$out/sweep-$engine"
    t0="$(now)"
    "${lowrank[@]}" sweep "$out/sweep48.yaml" --threads 2 --out "$out/sweep-$engine" "${extra[@]}" > /dev/null 2> "$out/sweep-$engine.log" \
        || { say "sweep ($engine) failed; see $out/sweep-$engine.log"; exit 1; }
    t="$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')"
    w="$(field "$out/sweep-$engine/summary.json" "round(d['wall_seconds'], 3)")"
    echo "$engine $t $w" >> "$out/sweep-times.txt"
  done
done
same_tables="$(python3 - "$out/sweep-local" "$out/sweep-spark" <<'PY'
import csv, sys
drop = {"setup_s", "solve_s", "wall_s", "median_solve_s"}
def load(p):
    rows = list(csv.reader(open(p)))
    keep = [i for i, c in enumerate(rows[0]) if c not in drop]
    return [[r[i] for i in keep] for r in rows]
print("yes" if all(load(sys.argv[1] + "/" + f) == load(sys.argv[2] + "/" + f) for f in ("results.csv", "aggregate.csv")) else "NO")
PY
)"
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
sl="$(awk '$1 == "local" { print $2 }' "$out/sweep-times.txt" | median)"
ss="$(awk '$1 == "spark" { print $2 }' "$out/sweep-times.txt" | median)"
wl="$(awk '$1 == "local" { print $3 }' "$out/sweep-times.txt" | median)"
ws="$(awk '$1 == "spark" { print $3 }' "$out/sweep-times.txt" | median)"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

{
  echo "lowrank on Spark, started $started; local[2] on $(nproc) cores; load average before $load_before, after $load_after."
  echo
  echo "MovieLens-small, fixed split $(cat "$dir/split.json")"
  echo
  echo "| method | test RMSE | wall s | fit s | per iteration |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  echo "| lowrank complete, local (defaults, one run, $iters iterations + refit) | $rmse_local | ${secs[local]} | $fit_local | $step_local ms |"
  echo "| lowrank complete, --engine spark local[2] | $rmse_spark | ${secs[spark]} | $fit_spark | $step_spark ms |"
  python3 - "$dir/als.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for r in rows:
    print(f"| MLlib ALS rank {r['rank']}, regParam {r['regParam']} (20 iterations) | {r['test_rmse']:.4f} | | {r['fit_s']:.2f} | {r['fit_s'] / 20 * 1000:.0f} ms |")
best = min(rows, key=lambda r: r["test_rmse"])
print(f"\nBest ALS of the grid: rank {best['rank']}, regParam {best['regParam']}: {best['test_rmse']:.4f}.")
PY
  echo "ALS grid in all: $als_all s (one process, Spark start included)."
  echo "lowrank factors local vs spark byte-identical: $identical."
  awk -v s="$step_spark" -v l="$step_local" 'BEGIN { printf "Per-iteration overhead of Spark over local: %.1f ms (%.1fx).\n", s - l, s / l }'
  echo
  echo "48-run sweep, $reps alternating repetitions, medians: tables identical apart from timings: $same_tables"
  echo
  echo "| engine | command wall s | sweep wall s (summary.json) |"
  echo "| --- | ---: | ---: |"
  echo "| local (--threads 2) | $sl | $wl |"
  echo "| spark local[2] | $ss | $ws |"
  awk -v a="$ss" -v b="$sl" -v c="$ws" -v d="$wl" 'BEGIN { printf "| ratio spark / local | %.2fx | %.2fx |\n", a / b, c / d }'
} | tee "$out/table.md"
