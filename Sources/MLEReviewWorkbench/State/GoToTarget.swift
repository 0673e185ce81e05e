import MLEReviewCore

/// What the go-to prompt was given: a line of the file under the cursor (`42`), a file
/// (`train.py`), or both, in the shapes reviewers paste from elsewhere: `train.py:42`, a
/// linter's `train.py:42:7: F401`, a traceback's `File "train.py", line 42`, git's `b/train.py`,
/// GitHub's `train.py#L42`.
struct GoToTarget: Equatable {
    var path: String?
    var line: Int?

    init(path: String?, line: Int?) {
        self.path = path
        self.line = line
    }

    init?(_ text: String) {
        var t = text.trimmingSpaces()
        guard !t.isEmpty else { return nil }
        if t.hasPrefix("File \""), let close = t.dropFirst(6).firstIndex(of: "\"") {
            // A Python traceback's `File "train.py", line 42, in fit`.
            let rest = t[t.index(after: close)...]
            line = rest.range(of: ", line ").flatMap { Int(rest[$0.upperBound...].prefix { $0.isASCII && $0.isNumber }.prefix(9)) }
            t = String(t[t.index(t.startIndex, offsetBy: 6)..<close])
        } else if let anchor = t.range(of: "#L") {
            let digits = t[anchor.upperBound...].prefix { $0.isASCII && $0.isNumber }
            line = Int(digits)
            t = String(t[..<anchor.lowerBound])
        } else {
            // The path ends at the first `:NUMBER`; what follows it (a column, a message) is dropped.
            let parts = t.split(separator: ":", omittingEmptySubsequences: false)
            if let n = parts.indices.first(where: { i in !parts[i].isEmpty && parts[i].allSatisfy { $0.isASCII && $0.isNumber } }) {
                line = Int(parts[n].prefix(9))
                t = parts[..<n].joined(separator: ":")
            }
        }
        if t.hasPrefix("./") { t.removeFirst(2) }
        path = t.isEmpty ? nil : t
        if path == nil && line == nil { return nil }
    }

    /// The files a typed path names, best tier first: the exact path, then the longest path it
    /// ends with (an absolute one), then paths ending with it at a `/`, then files it names
    /// without their extension, then paths containing it (case-insensitive). Git's `a/` and `b/`
    /// prefixes count.
    static func files(named query: String, in files: [DiffFile]) -> [Int] {
        func paths(_ f: DiffFile) -> [String] { [f.newPath, f.oldPath].compactMap { $0 } }
        var queries = [query]
        if query.hasPrefix("a/") || query.hasPrefix("b/") { queries.append(String(query.dropFirst(2))) }
        let tiers: [(String, String) -> Bool] = [
            { $0 == $1 },
            { $0.hasSuffix("/" + $1) },
            { p, q in
                // A file's name without its extension: `score` is score.py, not scoreA.py.
                let name = p.split(separator: "/").last.map(String.init) ?? p
                return (name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name) == q
            },
            { $0.lowercased().contains($1.lowercased()) },
        ]
        for (n, matches) in tiers.enumerated() {
            let hits = files.indices.filter { i in paths(files[i]).contains { p in queries.contains { matches(p, $0) } } }
            if !hits.isEmpty { return hits }
            // An absolute path (a traceback's, a CI log's) names the diff's longest path it ends with.
            if n == 0, let longest = ImportPaths.longestEnding(query, among: files.flatMap(paths)),
               let i = files.indices.first(where: { paths(files[$0]).contains(longest) }) {
                return [i]
            }
        }
        return []
    }
}
