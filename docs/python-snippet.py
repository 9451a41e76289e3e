import json
import sys

import numpy as np

run = sys.argv[1] if len(sys.argv) > 1 else "run"
with open(f"{run}/summary.json", encoding="utf-8") as f:
    summary = json.load(f)
history = np.genfromtxt(f"{run}/history.csv", delimiter=",", names=True)
U = np.load(f"{run}/U.npy")

print("termination", summary["termination"], "after", summary["iterations"], "iterations")
print("final test error", summary["final"]["test_error"])
# the last history row is the final iterate of the summary
assert int(history["iteration"][-1]) == summary["iterations"]
assert np.isclose(history["loss"][-1], summary["final"]["loss"], rtol=1e-12, atol=0)
# U U^T has (numerically) rank r although U is n x r' with r' = n: the implicit bias of the small start
n, width = U.shape
eigenvalues = np.linalg.eigvalsh(U @ U.T)[::-1]
rank = int(np.sum(eigenvalues > 1e-3 * eigenvalues[0]))
print(f"U is {n} x {width}; numerical rank of UU^T: {rank} (planted r = {summary['spec']['problem']['r']})")
