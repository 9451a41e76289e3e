#!/usr/bin/env bash
# Side-by-side benchmark of one GD iteration of dense symmetric sensing (n = 100, m = 2500, r = 5):
# lowrank (this repo) against the numpy peer of the shared bench folder, in the same run,
# alternating the programs, repeated, with a memory-bandwidth probe of the operator's size.
# Prints a table of medians and ratios (issue 6 targets) and keeps the raw JSON lines.
#
#   scripts/bench-vs-numpy.sh [--reps R] [--out DIR] [--quick] [--wait-quiet S]
#
# --reps R   repetitions of the whole matrix (default 3); medians are over repetitions
# --out DIR  where results.jsonl and table.md go (default: target/bench-vs-numpy in the repo)
# --quick    fewer iterations per measurement (a smoke run, not for quoting)
# --wait-quiet S  before each measurement wait up to S seconds for other processes to go quiet
#
# Needs: Java 17 + Maven (builds lowrank-bench), python3 with numpy, gcc (bandwidth probe), and
# the shared folder at ../shared relative to the repo root (bench/numpy_sensing.py etc.).
# numpy runs with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset, with --threads 1 and with its default
# thread count; the faster is reported (its best configuration). Machine load is recorded per run
# (foreign_cpu: vCPUs busy with other processes, from the shared hostload.py).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared_bench="$root/../shared/bench"
if [ ! -f "$shared_bench/numpy_sensing.py" ]; then
  echo "bench-vs-numpy: the shared bench folder is missing: expected $shared_bench/numpy_sensing.py" >&2
  echo "bench-vs-numpy: place the shared folder next to the repository (../shared relative to its root)" >&2
  exit 2
fi
shared_bench="$(cd "$shared_bench" && pwd)"
for tool in java mvn python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-vs-numpy: $tool is required" >&2; exit 2; }
done
python3 -c 'import numpy' 2>/dev/null || { echo "bench-vs-numpy: python3 needs numpy" >&2; exit 2; }

reps=3
out="$root/target/bench-vs-numpy"
quick=0
wait_quiet=0
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --wait-quiet) wait_quiet="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench-vs-numpy: unknown option $1 (accepted: --reps R, --out DIR, --quick, --wait-quiet S)" >&2; exit 2 ;;
  esac
done

# bandwidth.py compiles its probe next to its source, and the shared folder may be read-only:
# work on a private copy.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -R "$shared_bench"/. "$scratch"/
shared_bench="$scratch"

echo "bench-vs-numpy: building lowrank-bench ..." >&2
(cd "$root" && mvn -B -q -DskipTests -pl lowrank-bench -am package) >&2
jar="$root/lowrank-bench/target/benchmarks.jar"
[ -f "$jar" ] || { echo "bench-vs-numpy: build did not produce $jar" >&2; exit 2; }
mkdir -p "$out"

export BENCH_JAR="$jar" BENCH_SHARED="$shared_bench" BENCH_OUT="$out" BENCH_REPS="$reps" BENCH_QUICK="$quick" \
  BENCH_WAIT_QUIET="$wait_quiet"
python3 - <<'PY'
import json, os, statistics, subprocess, sys, time

jar, shared, out = os.environ["BENCH_JAR"], os.environ["BENCH_SHARED"], os.environ["BENCH_OUT"]
reps, quick = int(os.environ["BENCH_REPS"]), os.environ["BENCH_QUICK"] == "1"
N, M, R = 100, 2500, 5
PACKED = N * (N + 1) // 2
env_np = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
java = ["java", "-Xms3g", "-Xmx3g", "-XX:+UseTransparentHugePages", "--add-modules", "jdk.incubator.vector",
        "-cp", jar, "io.lowrank.bench.IterationTiming"]
hostload = [sys.executable, os.path.join(shared, "hostload.py"), "--wait-quiet", os.environ["BENCH_WAIT_QUIET"], "--"]

def lowrank(dtype, rprime, batch, threads):
    iters, warm = (40, 60) if quick else (150, 250)
    if batch > 1:
        iters, warm = max(10, iters // 4), max(20, warm // 4)
    return dict(kind="lowrank", name=f"lowrank {dtype} r'={rprime} K={batch} t={threads}", dtype=dtype,
                rprime=rprime, batch=batch, threads=threads,
                cmd=java + ["--n", str(N), "--m", str(M), "--rprime", str(rprime), "--precision", dtype,
                            "--batch", str(batch), "--threads", str(threads), "--iters", str(iters),
                            "--warmup", str(warm)])

def numpy(storage, dtype, rprime, threads):
    iters = {"full": 12, "packed": 40} if quick else {"full": 40, "packed": 120}
    return dict(kind="numpy", name=f"numpy {storage} {dtype} r'={rprime} blas={threads or 'default'}",
                storage=storage, dtype=dtype, rprime=rprime, threads=threads,
                cmd=[sys.executable, os.path.join(shared, "numpy_sensing.py"), "--n", str(N), "--m", str(M),
                     "--r", str(R), "--rprime", str(rprime), "--storage", storage, "--dtype", dtype,
                     "--iters", str(iters[storage]), "--warmup", "5", "--eval-every", "0", "--seed", "0",
                     "--threads", str(threads)])

configs = []
for rp in (5, 100):
    for th in (1, 0):
        configs.append(numpy("packed", "float32", rp, th))
        configs.append(numpy("full", "float64", rp, th))
    for dt in ("float64", "float32"):
        for th in (1, 2):
            configs.append(lowrank(dt, rp, 1, th))
        configs.append(lowrank(dt, rp, 8, 1))

def run(cmd, env=None):
    p = subprocess.run(hostload + cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-2000:])
        raise SystemExit(f"bench-vs-numpy: failed: {' '.join(cmd)}")
    for line in reversed(p.stdout.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    raise SystemExit(f"bench-vs-numpy: no JSON from {' '.join(cmd)}")

def probe(nbytes, threads):
    d = run([sys.executable, os.path.join(shared, "bandwidth.py"), "--sizes", str(nbytes), "--kernels", "read",
             "--threads", str(threads), "--repeat", "1"])
    return d["median_GBps"]

results = open(os.path.join(out, "results.jsonl"), "w")
samples = {c["name"]: [] for c in configs}
loads = {c["name"]: [] for c in configs}
bw = {}
kernels, blas = set(), set()
t_start = time.time()
for rep in range(reps):
    for dtype, b in (("float64", 8), ("float32", 4)):
        for th in (1, 2):
            g = probe(b * M * PACKED, th)
            bw.setdefault((dtype, th), []).append(g)
            results.write(json.dumps(dict(kind="bandwidth", dtype=dtype, threads=th, rep=rep, GBps=g)) + "\n")
    order = configs if rep % 2 == 0 else list(reversed(configs))  # alternate programs and orders
    for c in order:
        d = run(c["cmd"], env_np if c["kind"] == "numpy" else None)
        samples[c["name"]].append(d["median_iter_s"])
        loads[c["name"]].append(d.get("host", {}).get("foreign_cpu", float("nan")))
        if c["kind"] == "lowrank":
            kernels.add(d.get("kernels", "?"))
        else:
            blas.add(" ".join(str(d.get("blas", {}).get("version", "?")).split()[0:2]))
        d.update(rep=rep, config=c["name"])
        results.write(json.dumps(d) + "\n")
        results.flush()
        print(f"rep {rep + 1}/{reps}  {c['name']:<42} {d['median_iter_s'] * 1e3:9.3f} ms", file=sys.stderr, flush=True)
results.close()

med = {k: statistics.median(v) for k, v in samples.items()}
load = {k: statistics.median(v) for k, v in loads.items()}
gbps = {k: statistics.median(v) for k, v in bw.items()}
by = {c["name"]: c for c in configs}
def ms(x): return f"{x * 1e3:.3f}"

lines = []
p = lines.append
p(f"# lowrank vs numpy: one GD iteration, dense sensing n = {N}, m = {M}, r = {R}")
p("")
p(f"{reps} repetitions, medians; {time.strftime('%Y-%m-%d %H:%M', time.gmtime(t_start))} UTC; "
  f"load average at the end {os.getloadavg()[0]:.2f}; lowrank kernels: {', '.join(sorted(kernels))}; "
  f"numpy BLAS: {', '.join(sorted(blas))}")
p("")
p("| configuration | ms / iteration (median) | foreign load (vCPU) |")
p("| --- | ---: | ---: |")
for c in configs:
    per = med[c["name"]]
    extra = f" ({ms(per / c['batch'])} per trajectory)" if c.get("batch", 1) > 1 else ""
    p(f"| {c['name']} | {ms(per)}{extra} | {load[c['name']]:.2f} |")
p("")
p("| read bandwidth (operator-sized array, STREAM-like read kernel) | GB/s | one pass at this rate (ms) |")
p("| --- | ---: | ---: |")
for (dtype, th), g in sorted(gbps.items()):
    nbytes = (8 if dtype == "float64" else 4) * M * PACKED
    p(f"| {dtype} ({nbytes / 1e6:.1f} MB), {th} thread(s) | {g:.1f} | {ms(nbytes / (g * 1e9))} |")
p("")

def best_numpy(storage, dtype, rp):
    names = [n for n, c in by.items() if c["kind"] == "numpy" and c["storage"] == storage and c["dtype"] == dtype
             and c["rprime"] == rp]
    return min(names, key=lambda n: med[n])

rows = []
def target(label, value, goal, ok):
    rows.append(f"| {label} | {value} | {goal} | {'met' if ok else 'NOT met'} |")
for rp in (5, 100):
    np_best = best_numpy("packed", "float32", rp)
    np_full = best_numpy("full", "float64", rp)
    lr = {n: med[n] for n, c in by.items() if c["kind"] == "lowrank" and c["rprime"] == rp and c["batch"] == 1}
    lr_best = min(lr, key=lr.get)
    r1 = med[np_best] / lr[lr_best]
    r2 = med[np_full] / lr[lr_best]
    target(f"r'={rp}: numpy best ({np_best}) / lowrank best ({lr_best})", f"{r1:.2f}x", ">= 2x", r1 >= 2)
    target(f"r'={rp}: numpy float64 full ({np_full}) / lowrank best", f"{r2:.2f}x", ">= 5x", r2 >= 5)
    for dt in ("float64", "float32"):
        nbytes = (8 if dt == "float64" else 4) * M * PACKED
        bound = nbytes / (max(gbps[(dt, 1)], gbps[(dt, 2)]) * 1e9)  # the best bandwidth seen, 1 or 2 threads
        name = min((f"lowrank {dt} r'={rp} K=1 t={th}" for th in (1, 2)), key=lambda k: med[k])
        ratio = med[name] / bound
        target(f"{name} / single-pass bound ({ms(bound)} ms)", f"{ratio:.2f}x", "<= 1.3x", ratio <= 1.3)
        one, eight = med[f"lowrank {dt} r'={rp} K=1 t=1"], med[f"lowrank {dt} r'={rp} K=8 t=1"]
        thr = 8 * one / eight
        target(f"r'={rp} {dt}: throughput K=8 batched / 8 sequential", f"{thr:.2f}x", ">= 4x", thr >= 4)
        t1, t2 = med[f"lowrank {dt} r'={rp} K=1 t=1"], med[f"lowrank {dt} r'={rp} K=1 t=2"]
        target(f"r'={rp} {dt}: time 2 threads / 1 thread", f"{t2 / t1:.2f}", "<= 1", t2 <= t1)
p("| target | measured | goal | verdict |")
p("| --- | ---: | --- | --- |")
lines.extend(rows)
text = "\n".join(lines) + "\n"
open(os.path.join(out, "table.md"), "w").write(text)
mb = lambda dt: (8 if dt == "float64" else 4) * M * PACKED / 1e6
cfg_out = []
for c in configs:
    streamed = mb(c["dtype"]) if c["kind"] == "lowrank" else 2 * (mb(c["dtype"]) if c["storage"] == "packed"
                                                                 else (8 if c["dtype"] == "float64" else 4) * M * N * N / 1e6)
    cfg_out.append(dict(name=c["name"], kind=c["kind"], dtype=c["dtype"], rprime=c["rprime"], batch=c.get("batch", 1),
                        threads=c["threads"], ms=med[c["name"]] * 1e3, streamed_MB=streamed,
                        foreign_cpu=load[c["name"]]))
# numpy: keep only the faster BLAS-thread setting per storage for the chart
best_np = {best_numpy(s, d, rp) for rp in (5, 100) for s, d in (("packed", "float32"), ("full", "float64"))}
cfg_out = [c for c in cfg_out if c["kind"] == "lowrank" or c["name"] in best_np]
json.dump(dict(configs=cfg_out, bandwidth_GBps=max(gbps[("float64", 1)], gbps[("float64", 2)]),
               bandwidth=[dict(dtype=d, threads=t, GBps=g) for (d, t), g in sorted(gbps.items())]),
          open(os.path.join(out, "medians.json"), "w"), indent=1, sort_keys=True)
print(text)
print(f"raw: {os.path.join(out, 'results.jsonl')}   table: {os.path.join(out, 'table.md')}", file=sys.stderr)
PY
java -cp "$jar" io.lowrank.bench.PerformanceChart "$out/medians.json" "$out/chart.svg"
echo "bench-vs-numpy: chart: $out/chart.svg" >&2
