#!/usr/bin/env bash
# Hint scanner benchmark: whole-process `mle-review scan` on the 28 MB Keras diff (time), and on
# generated diffs of 2,000,000 added lines of hazard-dense ML code, one file and 2,000 files
# (time and peak memory against the input's size). Prints figures; asserts nothing.
#   Benchmarks/scan.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
big=../shared/fixtures/big/keras-v2.15.0-v3.15.1.diff.gz

swift build -c release --static-swift-stdlib --product mle-review >/dev/null
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)/mle-review
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -f $big ]]; then gzip -dc "$big" > "$work/keras.diff"; else echo "scan.sh: $big not found; the Keras figure is skipped" >&2; fi

python3 - "$runs" "$work" "$bin" <<'PY'
import os, sys
sys.path.insert(0, "Benchmarks")
from measure import measure
runs, work, binary = int(sys.argv[1]), sys.argv[2], sys.argv[3]

# Every line something a rule reads: splits, fits, predictions, thresholds, logs, loads.
lines = [
    "X_train, X_test, y_train, y_test = train_test_split(X{i}, y, test_size=0.2)",
    "scaler{i} = StandardScaler().fit(X_train)",
    "p{i} = model.predict_proba(scaler{i}.transform(X_test))[:, 1]",
    "if p{i}[0] > 0.73:",
    "    decisions.append(roc_auc_score(y_train, model.predict(X_train)))",
    "df{i}['x'] = df{i}['x'].fillna(df{i}['x'].mean())",
    "logger.info('scored %s %s', user.email, p{i})",
    "state = torch.load(path{i})",
]
total = 2_000_000
def write(path, files):
    per = total // files
    with open(path, "w") as f:
        for k in range(files):
            f.write(f"diff --git a/pkg/m{k}.py b/pkg/m{k}.py\nnew file mode 100644\n--- /dev/null\n+++ b/pkg/m{k}.py\n@@ -0,0 +1,{per} @@\n")
            for j in range(per):
                f.write("+" + lines[j % len(lines)].format(i=j) + "\n")

print(f"{'mle-review scan --patch':44} {'median wall':>12} {'peak memory':>12} {'peak / input':>13}")
keras = os.path.join(work, "keras.diff")
if os.path.exists(keras):
    t, m = measure([binary, "scan", "--patch", keras], runs)
    print(f"{'Keras diff (28 MB, 769,375 lines)':44} {t:>10.3f} s {m/1e6:>9.1f} MB {m/os.path.getsize(keras):>12.2f}x   (target < 1 s)")
for files, name in [(1, "2,000,000 added lines, one file"), (2000, "2,000,000 added lines, 2,000 files")]:
    path = os.path.join(work, f"gen{files}.diff")
    write(path, files)
    size = os.path.getsize(path)
    t, m = measure([binary, "scan", "--patch", path], 1)
    print(f"{name + f' ({size/1e6:.0f} MB)':44} {t:>10.1f} s {m/1e6:>9.1f} MB {m/size:>12.2f}x   (bound: 2x input + 50 MB)")
    os.remove(path)
PY
