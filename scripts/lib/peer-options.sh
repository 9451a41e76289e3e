# Sourced by scripts/bench-vs-peers.sh and scripts/bench-completion-vs-peers.sh: their common
# options and the discovery of the PyTorch / JAX peers.
#
# Sets reps (default 3), out (default $root/target/NAME), quick (0/1), wait_quiet (seconds),
# peers_python (--peers-python, else $LOWRANK_PEERS_PYTHON, else ../shared/.peers-venv/bin/python --
# setup-peers.sh's default -- else target/peers-venv/bin/python) and peers (the installed ones of
# "torch jax"; each missing one is reported on stderr and skipped), and peers_dir (the folder of the
# peers' scripts: --peers-dir, else $LOWRANK_BENCH_PEERS, else ../shared/bench beside the
# repository), checked to hold NEEDED_FILE. Needs $root.
#
#   peer_options NAME HELP_LAST_LINE SCRIPT NEEDED_FILE "$@"
peer_options() {
  local name="$1" help_last="$2" script="$3" needed="$4"
  shift 4
  reps=3
  out="$root/target/$name"
  quick=0
  wait_quiet=0
  peers_python="${LOWRANK_PEERS_PYTHON:-}"
  peers_dir="${LOWRANK_BENCH_PEERS:-$root/../shared/bench}"
  while [ $# -gt 0 ]; do
    case "$1" in
      --reps) reps="$2"; shift 2 ;;
      --out) out="$2"; shift 2 ;;
      --quick) quick=1; shift ;;
      --wait-quiet) wait_quiet="$2"; shift 2 ;;
      --peers-python) peers_python="$2"; shift 2 ;;
      --peers-dir) peers_dir="$2"; shift 2 ;;
      -h|--help) sed -n "2,${help_last}p" "$script"; exit 0 ;;
      *) echo "$name: unknown option $1 (accepted: --reps R, --out DIR, --quick, --wait-quiet S, --peers-python PY, --peers-dir DIR)" >&2
         exit 2 ;;
    esac
  done
  if [ ! -f "$peers_dir/$needed" ]; then
    echo "$name: the peers' scripts are missing: expected $peers_dir/$needed;" \
      "pass --peers-dir DIR (or set LOWRANK_BENCH_PEERS) to the folder that holds them" >&2
    exit 2
  fi
  peers_dir="$(cd "$peers_dir" && pwd)"
  case "$reps" in ''|*[!0-9]*|0) echo "$name: --reps $reps is invalid; accepted: a positive integer" >&2; exit 2 ;; esac
  if [ -z "$peers_python" ]; then
    local cand
    for cand in "$root/../shared/.peers-venv/bin/python" "$root/target/peers-venv/bin/python"; do
      if [ -x "$cand" ]; then peers_python="$cand"; break; fi
    done
  fi
  peers=""
  local lib
  for lib in torch jax; do
    if [ -n "$peers_python" ] && "$peers_python" -c "import $lib" >/dev/null 2>&1; then
      peers="$peers $lib"
    else
      echo "$name: $lib is not installed${peers_python:+ for $peers_python}; skipping the $lib peer" \
        "(install it with $peers_dir/setup-peers.sh VENV, then pass --peers-python VENV/bin/python)" >&2
    fi
  done
}
