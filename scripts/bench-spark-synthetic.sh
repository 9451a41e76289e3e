#!/usr/bin/env bash
# lowrank on Spark against Spark MLlib ALS on the synthetic ratings set of issue 13, in local[2]:
# 150,000 users x 30,000 items, 2e7 entries, planted rank 20 + noise at scale 1 (scale S multiplies
# users, items and entries by S), generated and split 90/10 deterministically by
# io.lowrank.bench.ratings.SyntheticRatings (seed 20261204).
#   1. lowrank complete (defaults, one run) locally with --ids sorted, and with --engine spark
#      --master local[2] --reader spark (the input parsed on the executors); their factors must be
#      byte-identical; test RMSE (predictions clipped to the training range, as MLlib ALS's here);
#      per-iteration time (median step of the fit) and the overhead of Spark over local;
#   2. Spark MLlib ALS (maxIter 20, checkpoint dir) over rank {10, 50} x regParam {0.05, 0.1, 0.2}
#      on the same split: test RMSE and fit time; lowrank's wall time to the best ALS RMSE.
# Prints a markdown table and the host load. Run it on a quiet machine.
#
#   scripts/bench-spark-synthetic.sh [--scale S] [--out DIR] [--no-build] [--heap SIZE]
#
# --scale S   fraction of the issue's size (default 1: 2e7 entries; 0.1 runs in about 15 minutes on 2 cores)
# --heap SIZE the JVMs' -Xmx (default 6g)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
name=bench-spark-synthetic
out="$root/target/$name"
scale=1
build=1
heap=6g
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --heap) heap="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "$name: unknown option $1 (accepted: --scale S, --out DIR, --no-build, --heap SIZE)" >&2; exit 2 ;;
  esac
done
case "$scale" in ''|*[!0-9.]*) echo "$name: --scale $scale is invalid; accepted: a number such as 0.1 or 1" >&2; exit 2 ;; esac
say() { echo "$name: $*" >&2; }
now() { date +%s.%N; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [ "$build" = 1 ]; then
  say "building (lowrank-bench, the shaded Spark jar, the MLlib baseline) ..."
  (cd "$root" && mvn -B -q -DskipTests -pl lowrank-bench,lowrank-spark-dist -am install >&2)
  (cd "$root" && mvn -B -q -pl lowrank-spark-dist test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt" >&2)
fi
jar="$(ls "$root"/lowrank-spark-dist/target/lowrank-spark-*-all.jar | head -1)"
benchcp="$root/lowrank-bench/target/classes"
alscp="$root/lowrank-spark-dist/target/test-classes:$(cat "$out/classpath.txt")"
lowrank=(java "-Xmx$heap" --add-modules jdk.incubator.vector -jar "$jar")
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

dir="$out/data"
rm -rf "$dir"
say "generating the synthetic set at scale $scale ..."
t0="$(now)"
java "-Xmx$heap" -cp "$benchcp" io.lowrank.bench.ratings.SyntheticRatings "$dir" --scale "$scale" > "$out/set.json"
gen_s="$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')"

declare -A secs
for engine in local spark; do
  extra=(--ids sorted)
  [ "$engine" = spark ] && extra=(--engine spark --master 'local[2]' --reader spark)
  rm -rf "$out/$engine"
  say "lowrank complete ($engine) ..."
  t0="$(now)"
  "${lowrank[@]}" complete "$dir/train.csv" --predict "$dir/test_pairs.csv" --out "$out/$engine" "${extra[@]}" \
      > "$out/$engine.log" 2>&1 || { say "lowrank complete ($engine) failed; see $out/$engine.log"; exit 1; }
  secs[$engine]="$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')"
done
identical=yes
for f in L.npy R.npy row_bias.npy col_bias.npy predictions.csv; do
  cmp -s "$out/local/$f" "$out/spark/$f" || identical="NO ($f differs)"
done
rmse() { # test RMSE of predictions.csv, clipped to the training range
  python3 - "$dir/train.csv" "$dir/test.csv" "$1/predictions.csv" <<'PY'
import csv, math, sys
lo, hi = math.inf, -math.inf
for r in csv.DictReader(open(sys.argv[1])):
    v = float(r["rating"]); lo = min(lo, v); hi = max(hi, v)
truth = {(r["user"], r["item"]): float(r["rating"]) for r in csv.DictReader(open(sys.argv[2]))}
se, n = 0.0, 0
for r in csv.DictReader(open(sys.argv[3])):
    p = min(hi, max(lo, float(r["prediction"])))
    se += (p - truth[(r["row_id"], r["column_id"])]) ** 2; n += 1
assert n == len(truth), (n, len(truth))
print(f"{math.sqrt(se / n):.4f}")
PY
}
rmse_local="$(rmse "$out/local")"
rmse_spark="$(rmse "$out/spark")"
step_local="$(field "$out/local/summary.json" "round(d['timings']['median_step_ms'], 1)")"
step_spark="$(field "$out/spark/summary.json" "round(d['timings']['median_step_ms'], 1)")"
fit_local="$(field "$out/local/summary.json" "round(d['timings']['fit_s'], 1)")"
fit_spark="$(field "$out/spark/summary.json" "round(d['timings']['fit_s'], 1)")"
parse_local="$(field "$out/local/summary.json" "round(d['timings']['parse_s'], 1)")"
parse_spark="$(field "$out/spark/summary.json" "round(d['timings']['parse_s'], 1)")"
iters="$(field "$out/local/summary.json" "d['result']['iterations']")"

say "Spark MLlib ALS grid (rank {10, 50} x regParam {0.05, 0.1, 0.2}) ..."
rm -rf "$out/checkpoints"
t0="$(now)"
java "-Xmx$heap" -cp "$alscp" io.lowrank.spark.dist.bench.MllibAls "$dir/train.csv" "$dir/test.csv" "$out/checkpoints" \
    'local[2]' > "$out/als.jsonl" 2> "$out/als.log" || { say "MLlib ALS failed; see $out/als.log"; exit 1; }
als_all="$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

{
  echo "Synthetic ratings, started $started; local[2] on $(nproc) cores; load average before $load_before, after $load_after."
  echo
  echo "Set: $(cat "$out/set.json") (generated and split in $gen_s s)"
  echo
  echo "| method | test RMSE | wall s | parse s | fit s | per iteration |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  echo "| lowrank complete --ids sorted, local (defaults, one run, $iters iterations + refit) | $rmse_local | ${secs[local]} | $parse_local | $fit_local | $step_local ms |"
  echo "| lowrank complete --engine spark --reader spark, local[2] | $rmse_spark | ${secs[spark]} | $parse_spark | $fit_spark | $step_spark ms |"
  python3 - "$out/als.jsonl" "$rmse_local" "${secs[local]}" "${secs[spark]}" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for r in rows:
    print(f"| MLlib ALS rank {r['rank']}, regParam {r['regParam']} (20 iterations) | {r['test_rmse']:.4f} | | | {r['fit_s']:.1f} | {r['fit_s'] / 20 * 1000:.0f} ms |")
best = min(rows, key=lambda r: r["test_rmse"])
print(f"\nBest ALS of the grid: rank {best['rank']}, regParam {best['regParam']}: {best['test_rmse']:.4f} in {best['fit_s']:.1f} s "
      f"(the grid: {sum(r['fit_s'] for r in rows):.1f} s of fits).")
lr = float(sys.argv[2])
print(f"lowrank's one run: {lr:.4f} ({'better' if lr < best['test_rmse'] else 'NOT better'} than the best ALS by "
      f"{abs(best['test_rmse'] - lr):.4f}), {sys.argv[3]} s local and {sys.argv[4]} s on Spark, whole command.")
PY
  echo "ALS grid in all: $als_all s (one process, Spark start included)."
  echo "lowrank factors local (--ids sorted) vs spark (--reader spark) byte-identical: $identical."
  awk -v s="$step_spark" -v l="$step_local" 'BEGIN { printf "Per-iteration overhead of Spark over local: %.1f ms (%.2fx).\n", s - l, s / l }'
} | tee "$out/table.md"
