#!/usr/bin/env bash
# Accuracy benchmark of matrix completion on real ratings (not a timing test; docs/ratings-benchmark.md).
# For each data set: a fixed seeded 90/10 train/test split (RatingsSplit, seed 20261202; test
# entries whose user or item is absent from train are moved to train), then test RMSE (predictions
# clipped to the training rating range, the same for every method) of
#   lowrank complete   its defaults, one run, no grid: ./lowrank complete train.csv --predict test_pairs.csv --out DIR
#   bias-only          mu + b_u + c_i, (lambda_user, lambda_item) from a grid
#   Funk-SVD (SGD)     mu + b_u + c_i + p_u.q_i by SGD, best of a grid over k, reg, lr, epochs
#   ALS with biases    same model by alternating ridge regressions, best of a grid over k, lambda, sweeps
# The baselines choose their hyper-parameters on an inner validation split of train (never on test).
# Prints a markdown table: data set, method, RMSE, chosen hyper-parameters, wall seconds.
#
#   scripts/bench-ratings.sh [--out DIR] [--datasets movielens,insteval] [--quick] [--no-build] [--no-fetch]
#
# --out DIR      splits, lowrank outputs, logs, table.md, *-results.jsonl, *-grid.csv (default: target/bench-ratings)
# --datasets L   comma-separated subset of: movielens (data/movielens_small.csv), insteval (data/insteval.csv)
# --quick        tiny baseline grids (a smoke run, not for quoting)
# --no-build     run no Maven: use lowrank-bench/target/classes as compiled (e.g. by
#                'cd lowrank-bench && mvn -B -o -q compile') and the CLI jar as it is
#                (LOWRANK_JAR, default lowrank-cli/target/lowrank.jar) instead of ./lowrank
# --no-fetch     do not fetch missing data sets (skip them with a message)
#
# Data: data/movielens_small.csv comes from scripts/fetch-data.sh. data/insteval.csv (lme4's
# InstEval: 73,421 ratings 1..5 of 1,128 lecturers by 2,972 students) is fetched here when missing,
# from the Debian package r-cran-lme4 (converted once with R; r-base-core is installed if missing).
# Neither is ever committed (data/ is git-ignored).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$root/target/bench-ratings"
datasets="movielens,insteval"
quick=0
build=1
fetch=1
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --datasets) datasets="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --no-build) build=0; shift ;;
    --no-fetch) fetch=0; shift ;;
    -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench-ratings: unknown option $1 (accepted: --out DIR, --datasets L, --quick, --no-build, --no-fetch)" >&2; exit 2 ;;
  esac
done
for tool in java; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-ratings: $tool is required" >&2; exit 2; }
done
say() { echo "bench-ratings: $*" >&2; }
now() { date +%s.%N; }

# --- data -------------------------------------------------------------------------------------
fetch_insteval() {
  local dest="$root/data/insteval.csv" dir rdata
  [ -s "$dest" ] && return 0
  [ "$fetch" = 1 ] || { say "data/insteval.csv is missing (--no-fetch): skipping InstEval"; return 1; }
  say "fetching InstEval from the Debian package r-cran-lme4 ..."
  if ! command -v Rscript >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends r-base-core >/dev/null 2>&1; then
      say "error: could not install r-base-core (needed once to convert InstEval); skipping InstEval"
      return 1
    fi
  fi
  dir="$(mktemp -d)"
  if ! (cd "$dir" && { apt-get download -qq r-cran-lme4 >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1; apt-get download -qq r-cran-lme4 >/dev/null 2>&1; }; }) \
      || ! dpkg -x "$dir"/r-cran-lme4_*.deb "$dir/x" >/dev/null 2>&1; then
    say "error: could not download or unpack the Debian package r-cran-lme4; skipping InstEval"
    rm -rf "$dir"
    return 1
  fi
  rdata="$(find "$dir/x" -path '*/lme4/data/Rdata.rdb' | head -n 1)"
  mkdir -p "$root/data"
  if [ -z "$rdata" ] || ! Rscript -e "e <- new.env(); lazyLoad('${rdata%.rdb}', envir = e); d <- e\$InstEval;
      write.csv(data.frame(student = as.character(d\$s), lecturer = as.character(d\$d), rating = d\$y),
        '$dest.part', row.names = FALSE, quote = FALSE)" >/dev/null 2>&1; then
    say "error: R could not convert lme4's InstEval; skipping InstEval"
    rm -rf "$dir" "$dest.part"
    return 1
  fi
  mv "$dest.part" "$dest"
  rm -rf "$dir"
}

names=()
files=()
IFS=',' read -r -a wanted <<< "$datasets"
for d in "${wanted[@]}"; do
  case "$d" in
    movielens)
      f="$root/data/movielens_small.csv"
      if [ ! -s "$f" ] && [ "$fetch" = 1 ]; then
        say "data/movielens_small.csv is missing: running scripts/fetch-data.sh ..."
        "$root/scripts/fetch-data.sh" || true
      fi
      if [ -s "$f" ]; then names+=("MovieLens-small"); files+=("$f"); else say "data/movielens_small.csv is missing (scripts/fetch-data.sh fetches it): skipping MovieLens-small"; fi ;;
    insteval)
      if fetch_insteval; then names+=("InstEval"); files+=("$root/data/insteval.csv"); fi ;;
    *) say "unknown data set $d (accepted: movielens, insteval)"; exit 2 ;;
  esac
done
[ "${#names[@]}" -gt 0 ] || { say "no data set to run"; exit 2; }

# --- build ------------------------------------------------------------------------------------
if [ "$build" = 1 ]; then
  command -v mvn >/dev/null 2>&1 || { say "mvn is required (or pass --no-build)"; exit 2; }
  "$root/lowrank" --version >/dev/null   # builds the command-line tool on first use, outside the timing
  say "building lowrank-bench ..."
  (cd "$root" && mvn -B -q -DskipTests -pl lowrank-bench -am package) >&2
  cp="$root/lowrank-bench/target/benchmarks.jar"
  lowrank=("$root/lowrank")
else
  cp="$root/lowrank-bench/target/classes"
  jar="${LOWRANK_JAR:-$root/lowrank-cli/target/lowrank.jar}"
  [ -f "$jar" ] || { say "no CLI jar at $jar (build it, or drop --no-build)"; exit 2; }
  lowrank=(java ${JAVA_OPTS:-} --add-modules jdk.incubator.vector -jar "$jar")
fi
[ -e "$cp/io/lowrank/bench/ratings/RatingsBenchmark.class" ] || [ -f "$cp" ] \
  || { say "lowrank-bench classes missing at $cp (compile lowrank-bench, or drop --no-build)"; exit 2; }

# --- run --------------------------------------------------------------------------------------
mkdir -p "$out"
rows="$out/rows.md"
: > "$rows"
facts=()
start="$(date -u '+%Y-%m-%d %H:%M UTC')"
t_all="$(now)"
for k in "${!names[@]}"; do
  name="${names[$k]}"
  input="${files[$k]}"
  dir="$out/$(echo "$name" | tr 'A-Z' 'a-z')"
  rm -rf "$dir"
  mkdir -p "$dir"
  say "$name: splitting $input ..."
  split_json="$(java -cp "$cp" io.lowrank.bench.ratings.RatingsSplit "$input" "$dir")"
  echo "$split_json" > "$dir/split.json"
  facts+=("$name: $split_json")
  say "$name: lowrank complete (defaults) ..."
  t0="$(now)"
  if ! "${lowrank[@]}" complete "$dir/train.csv" --predict "$dir/test_pairs.csv" --out "$dir/lowrank" \
      > "$dir/lowrank.log" 2>&1; then
    say "$name: lowrank complete failed; see $dir/lowrank.log"
    tail -n 5 "$dir/lowrank.log" >&2
    exit 1
  fi
  t1="$(now)"
  lr_seconds="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
  say "$name: baselines (grids on the inner validation split) ..."
  extra=()
  [ "$quick" = 1 ] && extra+=(--quick)
  java -Xmx4g -cp "$cp" io.lowrank.bench.ratings.RatingsBenchmark --dataset "$name" --train "$dir/train.csv" \
    --test "$dir/test.csv" --lowrank-dir "$dir/lowrank" --lowrank-seconds "$lr_seconds" --out "$out" \
    "${extra[@]}" | tee -a "$rows" >&2
done
total="$(awk -v a="$t_all" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }')"

table="$out/table.md"
{
  echo "Ratings accuracy benchmark, started $start$([ "$quick" = 1 ] && echo ' (--quick: tiny grids, not for quoting)');"
  echo "split seed 20261202 (90/10, cold-start test entries moved to train), inner validation seed 20261203,"
  echo "RMSE over all test pairs with predictions clipped to the training rating range; $total s in all."
  echo
  echo "| data set | method | test RMSE | chosen hyper-parameters | wall s |"
  echo "| --- | --- | ---: | --- | ---: |"
  cat "$rows"
  echo
  for f in "${facts[@]}"; do echo "- $f"; done
} > "$table"
cat "$table"
