#!/usr/bin/env bash
# Side-by-side benchmark of one asymmetric GD iteration of matrix completion (r = r' = 10,
# float64): lowrank (the fused multi-threaded pass of EntrySampling, 1 and 2 threads) against the
# peers of the shared bench folder -- numpy (numpy_completion.py --method dense with 1 and the
# default BLAS threads, --method sparse), PyTorch (gather + index_add_, CSR, dense) and JAX (jit,
# segment_sum gather, dense) with 1 and 2 threads -- in one run, alternating the programs (order
# reversed every other repetition), a fresh process per measurement, the foreign CPU load recorded.
# Sizes: n = 2000 and n = 20000 with |Omega| = 1e6, n = 20000 with |Omega| = 1e5 and n = 200000
# with |Omega| = 1e7 (the scaling in |Omega|). Prints a table of medians with the ratio
# (best peer / row) per row and the issue-15 targets.
#
#   scripts/bench-completion-vs-peers.sh [--reps R] [--out DIR] [--quick] [--wait-quiet S] [--peers-python PY]
#   [--peers-dir DIR]
#
# --reps R   repetitions of the whole matrix (default 3); medians are over repetitions
# --out DIR  where results.jsonl, table.md and medians.json go (default: target/bench-completion-vs-peers)
# --quick    fewer iterations per measurement (a smoke run, not for quoting)
# --wait-quiet S  before each measurement wait up to S seconds for other processes to go quiet
# --peers-dir DIR  the folder of the peers' scripts (numpy_*.py, torch_jax_*.py, hostload.py,
#            bandwidth.py, setup-peers.sh); default $LOWRANK_BENCH_PEERS, else ../shared/bench
# --peers-python PY  the python of the venv made by the peers' setup-peers.sh (see
#            scripts/bench-vs-peers.sh for the default search); a peer not installed there is skipped
#
# Dense variants (numpy, torch, jax) need the n1 x n2 product: they run at n = 2000 only (the peers'
# scripts skip them above 2.5e7 entries). torch and jax run at |Omega| = 1e6 (the targets' rows),
# with 2 rounds of 5 timed iterations at n = 20000, where their scatter variants take about a second
# per iteration; the |Omega| = 1e5 and 1e7 rows (lowrank's scaling, and the 1e7 target against numpy
# sparse) run numpy and lowrank only.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
name=bench-completion-vs-peers
for tool in java mvn python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$name: $tool is required" >&2; exit 2; }
done
python3 -c 'import numpy, scipy' 2>/dev/null || { echo "$name: python3 needs numpy and scipy" >&2; exit 2; }

. "$here/lib/peer-options.sh"
peer_options "$name" 28 "${BASH_SOURCE[0]}" numpy_completion.py "$@"
shared_bench="$peers_dir"

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
R = 10
SIZES = ((2000, 1_000_000), (20000, 100_000), (20000, 1_000_000), (200000, 10_000_000))
env_np = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
hostload = [sys.executable, os.path.join(shared, "hostload.py"), "--wait-quiet", os.environ["BENCH_WAIT_QUIET"], "--"]

def iters_for(nobs, base):
    return max(5, int(base * min(1.0, 1_000_000 / nobs)))

# numpy_completion.py reports the final test error from the dense n1 x n2 product after its timed
# iterations; at n = 200000 that product would take 298 GiB, so there the script is run through this
# wrapper, which replaces that one untimed evaluation by NaN (timings are untouched).
NO_DENSE_ERROR = ("import sys; sys.path.insert(0, sys.argv[1]); import numpy_completion as nc; "
                  "nc.Completion.test_error = lambda self, L, R: float('nan'); sys.exit(nc.main(sys.argv[2:]))")

def numpy(n, nobs, method, threads):
    iters = iters_for(nobs, 12 if quick else 40)
    script = ([sys.executable, "-c", NO_DENSE_ERROR, shared] if n * n > 1e9
              else [sys.executable, os.path.join(shared, "numpy_completion.py")])
    cmd = script + ["--n1", str(n), "--n2", str(n),
           "--r", str(R), "--nobs", str(nobs), "--method", method, "--iters", str(iters), "--warmup", "3",
           "--eval-every", "0", "--seed", "0"]
    if threads:
        cmd += ["--threads", str(threads)]
    label = f"numpy {method}" + ((", 1 BLAS thread" if threads == 1 else ", default BLAS threads") if method == "dense" else "")
    return dict(kind="numpy", peer=True, n=n, nobs=nobs, threads=threads or 2, names=[label], cmd=cmd, env=env_np)

def torch_jax(lib, n, nobs, threads):
    variants = ["gather", "csr", "dense"] if lib == "torch" else ["gather", "dense"]
    variants = [v for v in variants if not (v == "dense" and n * n > 2.5e7)]
    big = n * n > 2.5e7  # no dense variant: the scatter variants take about a second per iteration here
    iters, rounds = (5, 1) if quick else (5, 2) if big else (15, 3)
    cmd = [peers_python, os.path.join(shared, "torch_jax_completion.py"), "--lib", lib, "--n1", str(n), "--n2", str(n),
           "--r", str(R), "--nobs", str(nobs), "--threads", str(threads), "--variants", ",".join(variants),
           "--iters", str(iters), "--rounds", str(rounds), "--warmup", "1" if big else "3", "--seed", "0"]
    return dict(kind=lib, peer=True, n=n, nobs=nobs, threads=threads, variants=variants,
                names=[f"{lib} {v}, {threads} thread" + ("s" if threads > 1 else "") for v in variants], cmd=cmd,
                env=env_np)

def lowrank(n, nobs, threads):
    iters, warm = (iters_for(nobs, 20), 10) if quick else (iters_for(nobs, 60), iters_for(nobs, 40))
    cmd = ["java", "-Xms6g", "-Xmx6g", "-cp", jar, "io.lowrank.bench.CompletionTiming", "--n1", str(n),
           "--n2", str(n), "--nobs", str(nobs), "--rprime", str(R), "--threads", str(threads),
           "--iters", str(iters), "--warmup", str(warm)]
    return dict(kind="lowrank", peer=False, n=n, nobs=nobs, threads=threads,
                names=[f"lowrank fused, {threads} thread" + ("s" if threads > 1 else "")], cmd=cmd, env=None)

configs = []
for n, nobs in SIZES:
    if n * n <= 2.5e7:
        configs.append(numpy(n, nobs, "dense", 1))
        configs.append(numpy(n, nobs, "dense", 0))
    configs.append(numpy(n, nobs, "sparse", 0))
    for lib in peers if nobs == 1_000_000 else []:  # the targets' rows; the others are lowrank's scaling rows
        for th in (1, 2):
            configs.append(torch_jax(lib, n, nobs, th))
    configs.append(lowrank(n, nobs, 1))
    configs.append(lowrank(n, nobs, 2))

def run(cmd, env=None):
    p = subprocess.run(hostload + cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-2000:])
        raise SystemExit(f"bench-completion-vs-peers: failed: {' '.join(cmd)}")
    for line in reversed(p.stdout.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    raise SystemExit(f"bench-completion-vs-peers: no JSON from {' '.join(cmd)}")

key = lambda c, name: (c["n"], c["nobs"], name)
results = open(os.path.join(out, "results.jsonl"), "w")
samples = {key(c, n): [] for c in configs for n in c["names"]}
loads = {k: [] for k in samples}
cfg_of = {key(c, n): c for c in configs for n in c["names"]}
start = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
for rep in range(reps):
    order = configs if rep % 2 == 0 else list(reversed(configs))
    for c in order:
        d = run(c["cmd"], c["env"])
        foreign = d.get("host", {}).get("foreign_cpu", float("nan"))
        times = [d["variants"][v]["median_ms"] / 1e3 for v in c["variants"]] if "variants" in c else [d["median_iter_s"]]
        for nm, t in zip(c["names"], times):
            samples[key(c, nm)].append(t)
            loads[key(c, nm)].append(foreign)
            sys.stderr.write(f"rep {rep + 1}/{reps} n={c['n']} |Omega|={c['nobs']:.0e} {nm}: {t * 1e3:.3f} ms "
                             f"(foreign load {foreign:.2f})\n")
        d.update(config=c["names"], rep=rep)
        results.write(json.dumps(d) + "\n")
        results.flush()
results.close()

med = {k: statistics.median(v) * 1e3 for k, v in samples.items()}
load = {k: statistics.median(v) for k, v in loads.items()}
def best(n, nobs, pred):
    ks = [k for k, c in cfg_of.items() if k[0] == n and k[1] == nobs and pred(k, c)]
    return min(ks, key=lambda k: med[k]) if ks else None
lines = []
p = lines.append
p(f"Completion, one asymmetric GD iteration, r = r' = 10, float64; started {start}, {reps} repetitions, medians of "
  f"per-process medians (ms per iteration); peers: numpy{''.join(', ' + x for x in peers)}"
  + ("" if peers else " (PyTorch and JAX not installed: see the messages above)") + ".")
p(f"Load average at the end: {os.getloadavg()[0]:.2f}.")
p("")
p("| n1 = n2 | \\|Ω\\| | configuration | ms / iteration (median) | best peer / this | foreign load (vCPU) |")
p("| ---: | ---: | --- | ---: | ---: | ---: |")
for k, c in cfg_of.items():
    bp = best(k[0], k[1], lambda kk, cc: cc["peer"])
    p(f"| {k[0]} | {k[1]:.0e} | {k[2]} | {med[k]:.3f} | {med[bp] / med[k]:.2f}x | {load[k]:.2f} |")
p("")
p("| n1 = n2 | \\|Ω\\| | reference | reference ms | lowrank best (ms) | ratio | target | verdict |")
p("| ---: | ---: | --- | ---: | ---: | ---: | --- | --- |")
summary = {}
for n, nobs in SIZES:
    lr = best(n, nobs, lambda k, c: c["kind"] == "lowrank")
    refs = [("best peer", best(n, nobs, lambda k, c: c["peer"]), 2.0 if nobs == 1_000_000 else None)]
    if nobs >= 10_000_000:
        refs.append(("numpy sparse", (n, nobs, "numpy sparse"), 2.0))
    for label, ref, goal in refs:
        ratio = med[ref] / med[lr]
        verdict = "n/a (scaling row)" if goal is None else ("met" if ratio >= goal else "NOT met")
        p(f"| {n} | {nobs:.0e} | {label}: {ref[2]} | {med[ref]:.3f} | {med[lr]:.3f} ({lr[2]}) | {ratio:.2f}x | "
          f"{'>= %.0fx' % goal if goal else '-'} | {verdict} |")
        summary[f"{n} / {nobs} / {label}"] = dict(reference=ref[2], reference_ms=med[ref], lowrank_ms=med[lr],
                                                  ratio=ratio, target=goal)
p("")
p("Cost per iteration against |Ω| (lowrank, best of 1 and 2 threads): " + ", ".join(
    f"n = {n}, |Ω| = {nobs:.0e}: {med[best(n, nobs, lambda k, c: c['kind'] == 'lowrank')]:.3f} ms" for n, nobs in SIZES) + ".")
table = "\n".join(lines) + "\n"
open(os.path.join(out, "table.md"), "w").write(table)
json.dump({"medians_ms": {" / ".join(map(str, k)): v for k, v in med.items()}, "targets": summary},
          open(os.path.join(out, "medians.json"), "w"), indent=1)
print(table)
PY
