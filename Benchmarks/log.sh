#!/usr/bin/env bash
# Audit benchmark: a store of N finished reviews (default 10,000), timed in-process (log, its
# filters, stats, the chain check), then whole `mle-review log` runs as a lead types them,
# median of several. Prints figures; asserts nothing.
#   Benchmarks/log.sh [REVIEWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
reviews=${1:-10000}
runs=${2:-5}
swift build -c release --static-swift-stdlib --product mle-review >/dev/null
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)/mle-review
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" bench log --reviews "$reviews" --keep "$work/store.sqlite"

python3 - "$runs" "$bin" "$work/store.sqlite" <<'PY'
import subprocess, sys, time, statistics
runs, binary, store = int(sys.argv[1]), sys.argv[2], sys.argv[3]
for args in (["log"], ["log", "--json"], ["log", "--decision", "block", "--since", "90d"], ["log", "--path", "serving/*"], ["stats"]):
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([binary] + args + ["--store", store], stdout=subprocess.DEVNULL, check=True, cwd="/")
        walls.append(time.perf_counter() - start)
    print(f"  mle-review {' '.join(args):40} {statistics.median(walls):6.3f} s  (median of {runs}, whole process)")
PY
