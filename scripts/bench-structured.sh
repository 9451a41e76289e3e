#!/usr/bin/env bash
# Cost of one GD iteration of GOE-type sensing against n: the dense GOE operator (float32 storage,
# m n(n+1)/2 stored entries) next to the structured operator (signed, subsampled Walsh-Hadamard
# transform, n(n+1)/2 signs stored), at r = 5, m = 5 n r, for n = 50, 100, 200, 1000 and the widths
# r' = 2r and r' = n, on 1 and 2 threads. Each configuration runs `lowrank sense --json` in a fresh
# JVM for up to 3000 iterations or 5 s; repetitions alternate the configurations; the table gives medians of the median step time,
# the peak resident memory (GNU time) and the load other processes put on the machine meanwhile.
#
#   scripts/bench-structured.sh [--reps R] [--out DIR] [--sizes 50,100,200,1000] [--quick]
#
# --reps R   repetitions (default 3); --out DIR (default target/bench-structured); --quick: 1 rep, n <= 200
# Dense GOE at n = 1000 (50 GB of float32) is refused by lowrank before allocating; the row says so.
# Needs: Java 17 + Maven, python3, /usr/bin/time. Uses ../shared/bench/hostload.py when present.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
reps=3
out="$root/target/bench-structured"
sizes="50,100,200,1000"
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --quick) reps=1; sizes="50,100,200"; shift ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench-structured: unknown option $1 (accepted: --reps R, --out DIR, --sizes LIST, --quick)" >&2; exit 2 ;;
  esac
done
for tool in java mvn python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-structured: $tool is required" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench-structured: /usr/bin/time (GNU time) is required for the memory column" >&2; exit 2; }
"$root/lowrank" --version >/dev/null   # builds the tool on first use
mkdir -p "$out"
export BENCH_ROOT="$root" BENCH_OUT="$out" BENCH_REPS="$reps" BENCH_SIZES="$sizes"
python3 - <<'PY'
import json, os, re, statistics, subprocess, sys, time
root, out = os.environ["BENCH_ROOT"], os.environ["BENCH_OUT"]
reps = int(os.environ["BENCH_REPS"])
sizes = [int(s) for s in os.environ["BENCH_SIZES"].split(",")]
shared = os.path.join(root, "..", "shared", "bench")
monitor = None
if os.path.isfile(os.path.join(shared, "hostload.py")):
    sys.path.insert(0, shared)
    import hostload
    monitor = hostload.Monitor
R = 5

# every run takes up to 3000 iterations or TIME_LIMIT seconds, whichever comes first: the median step
# is then over warm (compiled) steps for small sizes and over a few long steps at n = 1000, r' = n
TIME_LIMIT = 5

configs = []
for n in sizes:
    for width in sorted({2 * R, n}):
        for model in ("goe", "structured"):
            for threads in (1, 2):
                configs.append((n, width, model, threads))

def run(n, width, model, threads):
    cmd = ["/usr/bin/time", "-f", "MAXRSS_KB %M", os.path.join(root, "lowrank"), "sense", "--model", model,
           "--n", str(n), "--r", str(R), "--oversampling", "5", "--width", str(width), "--alpha", "1e-6",
           "--iters", "3000", "--time-limit", str(TIME_LIMIT), "--tol", "0", "--record-every", "1000000", "--probes", "basic",
           "--threads", str(threads), "--json"]
    if model == "goe":
        cmd[cmd.index("--threads"):cmd.index("--threads")] = ["--precision", "float32"]
    t0 = time.monotonic()
    if monitor:
        with monitor() as m:
            p = subprocess.run(cmd, capture_output=True, text=True)
        host = m.record()
    else:
        p = subprocess.run(cmd, capture_output=True, text=True)
        host = {"loadavg1": float(open("/proc/loadavg").read().split()[0])}
    rss = re.search(r"MAXRSS_KB (\d+)", p.stderr)
    rec = {"n": n, "width": width, "model": model, "threads": threads, "status": p.returncode,
           "wall_s": round(time.monotonic() - t0, 2), "max_rss_mb": int(rss.group(1)) / 1024 if rss else None,
           "host": host}
    if p.returncode == 0:
        s = json.loads(p.stdout)
        rec["median_step_ms"] = s["timings"]["median_step_ms"]
        rec["setup_s"] = s["timings"].get("setup_s")
    else:
        err = [l for l in p.stderr.splitlines() if "error:" in l]
        rec["error"] = err[0] if err else p.stderr.strip().splitlines()[-1:]
    return rec

records = []
with open(os.path.join(out, "results.jsonl"), "w") as f:
    for rep in range(reps):
        for c in configs:
            r = run(*c)
            r["rep"] = rep
            records.append(r)
            f.write(json.dumps(r) + "\n")
            f.flush()
            print("bench-structured: rep %d n=%d r'=%d %s %d thr: %s" % (rep + 1, c[0], c[1], c[2], c[3],
                  "%.3f ms" % r["median_step_ms"] if "median_step_ms" in r else "refused"), file=sys.stderr)

def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None

lines = ["| n | r′ | operator | 1 thread (ms) | 2 threads (ms) | peak RSS (MB) | stored operator |",
         "| ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
for n in sizes:
    for width in sorted({2 * R, n}):
        for model in ("goe", "structured"):
            rs = [r for r in records if (r["n"], r["width"], r["model"]) == (n, width, model)]
            ok = [r for r in rs if r["status"] == 0]
            m = 5 * n * R
            stored = 4 * m * n * (n + 1) / 2 if model == "goe" else 8 * n * (n + 1) / 2 + 4 * m
            label = "GOE float32" if model == "goe" else "structured"
            if not ok:
                why = next((r.get("error") for r in rs if r.get("error")), "failed")
                lines.append("| %d | %d | %s | refused | refused | — | %.1f GB (%s) |" % (n, width, label, stored / 1e9,
                             str(why)[:60]))
                continue
            t1 = med([r["median_step_ms"] for r in ok if r["threads"] == 1])
            t2 = med([r["median_step_ms"] for r in ok if r["threads"] == 2])
            rss = med([r["max_rss_mb"] for r in ok])
            lines.append("| %d | %d | %s | %.3f | %.3f | %.0f | %s |" % (n, width, label, t1, t2, rss,
                         "%.1f MB" % (stored / 1e6)))
foreign = med([r["host"].get("foreign_cpu") for r in records])
load = med([r["host"].get("loadavg1") for r in records])
lines.append("")
lines.append("r = 5, m = 5nr, %d repetitions, medians; host: median foreign CPU %s vCPU, median 1-min load %s; %s"
             % (reps, "n/a" if foreign is None else "%.2f" % foreign, load, time.strftime("%Y-%m-%d %H:%M")))
table = "\n".join(lines)
open(os.path.join(out, "table.md"), "w").write(table + "\n")
print(table)
PY
