#!/usr/bin/env bash
# Parser benchmark: whole-process `mle-review parse` on the 28 MB Keras diff against git's own
# parser (`git apply --numstat`), median of several runs, with peak memory. Prints figures;
# asserts nothing (machines are noisy: compare the ratios of one run).
#   Benchmarks/parse.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
big=../shared/fixtures/big/keras-v2.15.0-v3.15.1.diff.gz
[[ -f $big ]] || { echo "parse.sh: $big not found (the shared fixtures sit beside the clone in CI)" >&2; exit 2; }

swift build -c release --static-swift-stdlib --product mle-review >/dev/null
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)/mle-review
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gzip -dc "$big" > "$work/big.diff"

"$bin" parse --patch "$work/big.diff" --stats 2>&1 >/dev/null | sed 's/^mle-review: /in-process /'

python3 - "$runs" "$work/big.diff" "$bin" <<'PY'
import os, sys
sys.path.insert(0, "Benchmarks")
from measure import measure as measure_runs
runs, diff, binary = int(sys.argv[1]), sys.argv[2], sys.argv[3]
size = os.path.getsize(diff)

def measure(argv):
    return measure_runs(argv, runs)

git = measure(["git", "apply", "--numstat", diff])
ours = measure([binary, "parse", "--patch", diff])
print(f"{'command (28 MB, 769,375 lines)':34} {'median wall':>12} {'peak memory':>12}")
print(f"{'git apply --numstat':34} {git[0]:>10.3f} s {git[1]/1e6:>9.1f} MB")
print(f"{'mle-review parse --patch':34} {ours[0]:>10.3f} s {ours[1]/1e6:>9.1f} MB")
print(f"time ratio mle-review / git:   {ours[0]/git[0]:.2f}x (target <= 1.0x)")
print(f"memory ratio mle-review / git: {ours[1]/git[1]:.2f}x (target <= 1.3x)")
print(f"peak memory / diff size:       {ours[1]/size:.2f}x (target < 2x)")
scan = measure([binary, "scan", "--patch", diff])
print(f"{'mle-review scan --patch (ML hints)':34} {scan[0]:>10.3f} s {scan[1]/1e6:>9.1f} MB   (target <= 0.3 s)")
PY
