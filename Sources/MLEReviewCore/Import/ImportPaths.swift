/// Linters name files as they found them, not as the diff does: ruff's SARIF by absolute
/// `file://` URI (`/home/ci/checkout/pipelines/train.py`), wherever the checkout was. Such a
/// finding was kept "not in the diff" and never showed on its line.
public enum ImportPaths {
    /// Gives an absolute path the diff does not name the diff's path it ends with (the longest,
    /// when `b.py` and `a/b.py` both would do). A relative one the diff does not name (a tool run
    /// in a subfolder writes `scoring/score.py` for `code/scoring/score.py`) is placed only when
    /// exactly one of the diff's paths ends with it: `train.py` could be any of several files,
    /// and guessing would put a finding on the wrong one.
    public static func place(_ findings: inout [Finding], in diff: ParsedDiff) {
        let paths = Set(diff.files.flatMap { [$0.newPath, $0.oldPath] }.compactMap { $0 })
        for i in findings.indices {
            // `./a/b.py` (bandit's, a shell glob's) is `a/b.py`.
            while findings[i].location.path.hasPrefix("./") { findings[i].location.path.removeFirst(2) }
            let path = findings[i].location.path
            guard !paths.contains(path) else { continue }
            if path.hasPrefix("/") {
                if let best = longestEnding(path, among: paths) { findings[i].location.path = best }
            } else {
                let ending = paths.filter { $0.hasSuffix("/" + path) }
                if ending.count == 1, let only = ending.first { findings[i].location.path = only }
            }
        }
    }

    /// The longest of `paths` that `path` ends with, at a `/`: where an absolute path (a tool's,
    /// a traceback's) sits in the diff.
    public static func longestEnding(_ path: String, among paths: some Sequence<String>) -> String? {
        paths.filter { path.hasSuffix("/" + $0) }.max(by: { $0.count < $1.count })
    }
}
