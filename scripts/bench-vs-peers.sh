#!/usr/bin/env bash
# Side-by-side benchmark of one GD iteration of dense symmetric sensing (n = 100, m = 2500, r = 5,
# r' in {5, 100}): lowrank (this repo; float64, float32, bf16 and int8 storage; 1 and 2 threads;
# K = 8 batched) against the peers of the shared bench folder -- numpy (packed float32, 1 and the
# default BLAS threads), PyTorch and JAX (packed and full float32, 1 and 2 threads) -- in one run,
# alternating the programs (order reversed every other repetition), a fresh process per
# measurement, with a memory-bandwidth probe of the operator's size and the foreign CPU load of
# every measurement. Prints a table of medians with the ratio (best peer / row) per row, and the
# issue-15 targets against the best peer (the fastest configuration of all peers).
#
#   scripts/bench-vs-peers.sh [--reps R] [--out DIR] [--quick] [--wait-quiet S] [--peers-python PY]
#   [--peers-dir DIR]
#
# --reps R   repetitions of the whole matrix (default 3); medians are over repetitions
# --out DIR  where results.jsonl, table.md, medians.json and chart.svg go (default: target/bench-vs-peers)
# --quick    fewer iterations per measurement (a smoke run, not for quoting)
# --wait-quiet S  before each measurement wait up to S seconds for other processes to go quiet
# --peers-dir DIR  the folder of the peers' scripts (numpy_*.py, torch_jax_*.py, hostload.py,
#            bandwidth.py, setup-peers.sh); default $LOWRANK_BENCH_PEERS, else ../shared/bench
# --peers-python PY  the python of the venv made by the peers' setup-peers.sh (torch, jax);
#            default: $LOWRANK_PEERS_PYTHON, else ../shared/.peers-venv/bin/python (setup-peers.sh's
#            default), else target/peers-venv/bin/python. A peer that is not installed there is
#            skipped with a message; numpy always runs (python3 with numpy).
#
# Needs: Java 17 + Maven (builds lowrank-bench), python3 with numpy, gcc (bandwidth probe), and
# the peers' folder (--peers-dir). numpy runs with OPENBLAS_CORETYPE /
# OPENBLAS_L2_SIZE unset.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
name=bench-vs-peers
for tool in java mvn python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$name: $tool is required" >&2; exit 2; }
done
python3 -c 'import numpy' 2>/dev/null || { echo "$name: python3 needs numpy" >&2; exit 2; }

. "$here/lib/peer-options.sh"
peer_options "$name" 27 "${BASH_SOURCE[0]}" numpy_sensing.py "$@"
shared_bench="$peers_dir"

# bandwidth.py compiles its probe next to its source, and the shared folder may be read-only:
# work on a private copy.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -R "$shared_bench"/. "$scratch"/
shared_bench="$scratch"

echo "$name: building lowrank-bench ..." >&2
(cd "$root" && mvn -B -q -DskipTests -pl lowrank-bench -am package) >&2
jar="$root/lowrank-bench/target/benchmarks.jar"
[ -f "$jar" ] || { echo "$name: build did not produce $jar" >&2; exit 2; }
mkdir -p "$out"

export BENCH_JAR="$jar" BENCH_SHARED="$shared_bench" BENCH_OUT="$out" BENCH_REPS="$reps" BENCH_QUICK="$quick" \
  BENCH_WAIT_QUIET="$wait_quiet" BENCH_PEERS="$peers" BENCH_PEERS_PYTHON="$peers_python"
python3 - <<'PY'
import json, os, statistics, subprocess, sys, time

jar, shared, out = os.environ["BENCH_JAR"], os.environ["BENCH_SHARED"], os.environ["BENCH_OUT"]
reps, quick = int(os.environ["BENCH_REPS"]), os.environ["BENCH_QUICK"] == "1"
peers, peers_python = os.environ["BENCH_PEERS"].split(), os.environ["BENCH_PEERS_PYTHON"]
N, M, R = 100, 2500, 5
PACKED = N * (N + 1) // 2
RPRIMES = (5, 100)
BYTES = {"float64": 8, "float32": 4, "bf16": 2, "int8": 1}
env_np = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
java = ["java", "-Xms3g", "-Xmx3g", "-XX:+UseTransparentHugePages", "--add-modules", "jdk.incubator.vector",
        "-cp", jar, "io.lowrank.bench.IterationTiming"]
hostload = [sys.executable, os.path.join(shared, "hostload.py"), "--wait-quiet", os.environ["BENCH_WAIT_QUIET"], "--"]

def operator_mb(dtype):
    return (BYTES[dtype] * M * PACKED + (8 * M if dtype == "int8" else 0)) / 1e6

def lowrank(dtype, rprime, batch, threads, arith="double"):
    iters, warm = (40, 60) if quick else (150, 250)
    if batch > 1:
        iters, warm = max(10, iters // 4), max(20, warm // 4)
    suffix = "" if arith == "double" else f" {arith}-arith"
    return dict(kind="lowrank", peer=False, names=[f"lowrank {dtype}{suffix} r'={rprime} K={batch} t={threads}"],
                dtype=dtype, rprime=rprime, batch=batch, threads=threads, arith=arith,
                cmd=java + ["--n", str(N), "--m", str(M), "--rprime", str(rprime), "--precision", dtype,
                            "--arithmetic", arith, "--batch", str(batch), "--threads", str(threads),
                            "--iters", str(iters), "--warmup", str(warm)])

def numpy(rprime, threads):
    iters = 40 if quick else 120
    return dict(kind="numpy", peer=True, names=[f"numpy packed float32 r'={rprime} blas={threads or 'default'}"],
                dtype="float32", rprime=rprime, batch=1, threads=threads, env=env_np,
                cmd=[sys.executable, os.path.join(shared, "numpy_sensing.py"), "--n", str(N), "--m", str(M),
                     "--r", str(R), "--rprime", str(rprime), "--storage", "packed", "--dtype", "float32",
                     "--iters", str(iters), "--warmup", "5", "--eval-every", "0", "--seed", "0",
                     "--threads", str(threads)])

TJ_VARIANTS = ["packed:float32", "full:float32"]
def torch_jax(lib, rprime, threads):
    iters, rounds = (15, 1) if quick else (60, 3)
    return dict(kind=lib, peer=True, variants=TJ_VARIANTS, dtype="float32", rprime=rprime, batch=1, threads=threads,
                names=[f"{lib} {v.replace(':', ' ')} r'={rprime} t={threads}" for v in TJ_VARIANTS], env=env_np,
                cmd=[peers_python, os.path.join(shared, "torch_jax_sensing.py"), "--lib", lib, "--n", str(N),
                     "--m", str(M), "--r", str(R), "--rprime", str(rprime), "--threads", str(threads),
                     "--variants", ",".join(TJ_VARIANTS), "--iters", str(iters), "--rounds", str(rounds),
                     "--seed", "0"])

configs = []
for rp in RPRIMES:
    for th in (1, 0):
        configs.append(numpy(rp, th))
    for lib in peers:
        for th in (1, 2):
            configs.append(torch_jax(lib, rp, th))
    for dt in ("float64", "float32", "bf16", "int8"):
        for th in (1, 2):
            configs.append(lowrank(dt, rp, 1, th))
    for dt in ("float32", "int8"):  # the opt-in float arithmetic (docs/math.md: Arithmetic)
        for th in (1, 2):
            configs.append(lowrank(dt, rp, 1, th, "float"))
    for dt in ("float64", "float32", "int8"):
        configs.append(lowrank(dt, rp, 8, 1))

def run(cmd, env=None):
    p = subprocess.run(hostload + cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-2000:])
        raise SystemExit(f"bench-vs-peers: failed: {' '.join(cmd)}")
    for line in reversed(p.stdout.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    raise SystemExit(f"bench-vs-peers: no JSON from {' '.join(cmd)}")

def probe(nbytes, threads):
    d = run([sys.executable, os.path.join(shared, "bandwidth.py"), "--sizes", str(nbytes), "--kernels", "read",
             "--threads", str(threads), "--repeat", "1"])
    return d["median_GBps"]

results = open(os.path.join(out, "results.jsonl"), "w")
samples = {n: [] for c in configs for n in c["names"]}
loads = {n: [] for c in configs for n in c["names"]}
cfg_of = {n: c for c in configs for n in c["names"]}
bw = {}
kernels, blas, versions = set(), set(), set()
t_start = time.time()
for rep in range(reps):
    for dtype in ("float64", "float32"):
        for th in (1, 2):
            g = probe(BYTES[dtype] * M * PACKED, th)
            bw.setdefault((dtype, th), []).append(g)
            results.write(json.dumps(dict(kind="bandwidth", dtype=dtype, threads=th, rep=rep, GBps=g)) + "\n")
    order = configs if rep % 2 == 0 else list(reversed(configs))  # alternate programs and orders
    for c in order:
        d = run(c["cmd"], c.get("env"))
        foreign = d.get("host", {}).get("foreign_cpu", float("nan"))
        if c["kind"] in ("torch", "jax"):
            times = [d["variants"][v]["median_ms"] / 1e3 for v in c["variants"]]
            versions.add(f"{c['kind']} {d.get('version', d.get('lib_version', ''))}".strip())
        else:
            times = [d["median_iter_s"]]
            if c["kind"] == "lowrank":
                kernels.add(d.get("kernels", "?"))
            else:
                blas.add(" ".join(str(d.get("blas", {}).get("version", "?")).split()[0:2]))
        for n, t in zip(c["names"], times):
            samples[n].append(t)
            loads[n].append(foreign)
            print(f"rep {rep + 1}/{reps}  {n:<44} {t * 1e3:9.3f} ms  (foreign load {foreign:.2f})", file=sys.stderr,
                  flush=True)
        d.update(rep=rep, config=c["names"])
        results.write(json.dumps(d) + "\n")
        results.flush()
results.close()

med = {k: statistics.median(v) for k, v in samples.items()}
load = {k: statistics.median(v) for k, v in loads.items()}
gbps = {k: statistics.median(v) for k, v in bw.items()}
def ms(x): return f"{x * 1e3:.3f}"
def best(rp, pred):
    names = [n for n, c in cfg_of.items() if c["rprime"] == rp and pred(n, c)]
    return min(names, key=lambda n: med[n]) if names else None
best_peer = {rp: best(rp, lambda n, c: c["peer"]) for rp in RPRIMES}
best_peer_1t = {rp: best(rp, lambda n, c: c["peer"] and c["threads"] == 1) for rp in RPRIMES}

lines = []
p = lines.append
p(f"# lowrank vs numpy, PyTorch and JAX: one GD iteration, dense sensing n = {N}, m = {M}, r = {R}")
p("")
p(f"{reps} repetitions, medians; {time.strftime('%Y-%m-%d %H:%M', time.gmtime(t_start))} UTC; "
  f"load average at the end {os.getloadavg()[0]:.2f}; lowrank kernels: {', '.join(sorted(kernels))}; "
  f"numpy BLAS: {', '.join(sorted(blas))}; peers: numpy{''.join(', ' + x for x in peers)}"
  + ("" if peers else " (PyTorch and JAX not installed: see the messages above)"))
p("")
p("| configuration | ms / iteration (median) | best peer / this | foreign load (vCPU) |")
p("| --- | ---: | ---: | ---: |")
for c in configs:
    for n in c["names"]:
        per = med[n]
        extra = f" ({ms(per / c['batch'])} per trajectory)" if c["batch"] > 1 else ""
        ratio = med[best_peer[c["rprime"]]] / (per / c["batch"])
        p(f"| {n} | {ms(per)}{extra} | {ratio:.2f}x | {load[n]:.2f} |")
p("")
for rp in RPRIMES:
    p(f"best peer at r' = {rp}: {best_peer[rp]} ({ms(med[best_peer[rp]])} ms); on 1 thread: {best_peer_1t[rp]} "
      f"({ms(med[best_peer_1t[rp]])} ms)")
p("")
p("| read bandwidth (operator-sized array, STREAM-like read kernel) | GB/s | one pass at this rate (ms) |")
p("| --- | ---: | ---: |")
for (dtype, th), g in sorted(gbps.items()):
    nbytes = BYTES[dtype] * M * PACKED
    p(f"| {dtype} ({nbytes / 1e6:.1f} MB), {th} thread(s) | {g:.1f} | {ms(nbytes / (g * 1e9))} |")
p("")

rows = []
def target(label, value, goal, ok):
    rows.append(f"| {label} | {value} | {goal} | {'met' if ok else 'NOT met'} |")
for rp in RPRIMES:
    quant = best(rp, lambda n, c: c["kind"] == "lowrank" and c["batch"] == 1 and c["dtype"] in ("bf16", "int8"))
    r = med[best_peer[rp]] / med[quant]
    target(f"r'={rp}: best peer ({best_peer[rp]}) / lowrank bf16 or int8 ({quant})", f"{r:.2f}x", ">= 2x", r >= 2)
    one = best(rp, lambda n, c: c["kind"] == "lowrank" and c["batch"] == 1 and c["threads"] == 1
               and c["dtype"] == "float32")
    r = med[best_peer_1t[rp]] / med[one]
    target(f"r'={rp}: best 1-thread peer ({best_peer_1t[rp]}) / {one}", f"{r:.2f}x", ">= 1.0x", r >= 1.0)
    for dt in ("float64", "float32"):
        nbytes = BYTES[dt] * M * PACKED
        bound = nbytes / (max(gbps[(dt, 1)], gbps[(dt, 2)]) * 1e9)  # the best bandwidth seen, 1 or 2 threads
        name = best(rp, lambda n, c, dt=dt: c["kind"] == "lowrank" and c["batch"] == 1 and c["dtype"] == dt)
        ratio = med[name] / bound
        target(f"{name} / single-pass bound ({ms(bound)} ms)", f"{ratio:.2f}x", "<= 1.3x", ratio <= 1.3)
    for dt in ("float64", "float32", "int8"):
        one, eight = med[f"lowrank {dt} r'={rp} K=1 t=1"], med[f"lowrank {dt} r'={rp} K=8 t=1"]
        thr = 8 * one / eight
        target(f"r'={rp} {dt}: throughput K=8 batched / 8 sequential (1 thread)", f"{thr:.2f}x", ">= 4x", thr >= 4)
p("| target (issue 15) | measured | goal | verdict |")
p("| --- | ---: | --- | --- |")
lines.extend(rows)
text = "\n".join(lines) + "\n"
open(os.path.join(out, "table.md"), "w").write(text)
cfg_out = []
for n, c in cfg_of.items():
    if c["kind"] == "lowrank":
        streamed = operator_mb(c["dtype"])
    else:
        full = "full" in n
        streamed = 2 * (4 * M * (N * N if full else PACKED)) / 1e6  # forward and adjoint read the operator
    cfg_out.append(dict(name=n, kind=c["kind"], dtype=c["dtype"], rprime=c["rprime"], batch=c["batch"],
                        threads=c["threads"], ms=med[n] * 1e3, streamed_MB=streamed, foreign_cpu=load[n]))
# peers: keep each library's fastest configuration per r' for the chart
keep = set()
for rp in RPRIMES:
    for kind in ["numpy"] + peers:
        b = best(rp, lambda n, c, kind=kind: c["kind"] == kind)
        if b:
            keep.add(b)
cfg_out = [c for c in cfg_out if c["kind"] == "lowrank" or c["name"] in keep]
json.dump(dict(configs=cfg_out, bandwidth_GBps=max(gbps[("float64", 1)], gbps[("float64", 2)]),
               best_peer={str(rp): dict(name=best_peer[rp], ms=med[best_peer[rp]] * 1e3) for rp in RPRIMES},
               bandwidth=[dict(dtype=d, threads=t, GBps=g) for (d, t), g in sorted(gbps.items())]),
          open(os.path.join(out, "medians.json"), "w"), indent=1, sort_keys=True)
print(text)
print(f"raw: {os.path.join(out, 'results.jsonl')}   table: {os.path.join(out, 'table.md')}", file=sys.stderr)
PY
java -cp "$jar" io.lowrank.bench.PerformanceChart "$out/medians.json" "$out/chart.svg"
echo "$name: chart: $out/chart.svg" >&2
