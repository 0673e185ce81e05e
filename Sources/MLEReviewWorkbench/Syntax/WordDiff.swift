import MLEReviewCore

/// Which words changed between a removed line and the added line paired with it, as GitHub and
/// delta show them. Bounded so a huge line or hunk costs nothing: past the limits, whole-line
/// colour only.
public enum WordDiff {
    /// Lines longer than this (bytes) are not compared word by word.
    public static let maxLineBytes = 400
    /// Runs of removed or added lines longer than this are not paired.
    public static let maxBlockLines = 300

    /// Byte ranges of the words only in `old` and only in `new`; nil when the lines are too long
    /// or share too little for word emphasis to help (then the whole line is the change).
    public static func changes(old: [UInt8], new: [UInt8]) -> (old: [Range<Int>], new: [Range<Int>])? {
        guard old.count <= maxLineBytes, new.count <= maxLineBytes else { return nil }
        let a = tokens(old), b = tokens(new)
        let kept = CommonSubsequence.pairs(a.map { old[$0] }, b.map { new[$0] })
        let keptOld = Set(kept.map(\.0)), keptNew = Set(kept.map(\.1))
        // Mostly rewritten lines read better as whole changed lines than as confetti.
        let shared = keptOld.reduce(0) { $0 + a[$1].count }
        if shared * 3 < max(old.count, new.count) { return nil }
        func merged(_ toks: [Range<Int>], _ kept: Set<Int>, _ bytes: [UInt8]) -> [Range<Int>] {
            var out: [Range<Int>] = []
            for (k, r) in toks.enumerated() where !kept.contains(k) {
                // Changed words next to each other, or with only spaces between, are one change.
                if let last = out.last {
                    let between = k > 0 ? toks[k - 1] : r
                    if last.upperBound == r.lowerBound
                        || (between.lowerBound == last.upperBound && between.upperBound == r.lowerBound
                            && bytes[between].allSatisfy { $0 == 32 || $0 == 9 }) {
                        out[out.count - 1] = last.lowerBound..<r.upperBound
                        continue
                    }
                }
                out.append(r)
            }
            return out
        }
        return (merged(a, keptOld, old), merged(b, keptNew, new))
    }

    /// Words (letters, digits, `_`), runs of spaces, and single other characters.
    static func tokens(_ b: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < b.count {
            let start = i
            if Lexer.isWord(b[i]) {
                while i < b.count && Lexer.isWord(b[i]) { i += 1 }
            } else if b[i] == 32 || b[i] == 9 {
                while i < b.count && (b[i] == 32 || b[i] == 9) { i += 1 }
            } else {
                i += 1
            }
            out.append(start..<i)
        }
        return out
    }
}

extension WordDiff {
    public enum PieceKind: Sendable { case same, removed, added }

    /// Two texts as runs of words in both, only in the first, only in the second (for showing
    /// two versions of a finding as one text). Past 400 words a side, all of one then the other.
    public static func pieces(_ old: String, _ new: String) -> [(kind: PieceKind, text: String)] {
        if old == new { return [(.same, old)] }
        let a = old.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard a.count <= 400, b.count <= 400 else { return [(.removed, old), (.added, new)] }
        // Longest common subsequence of words, by the usual table.
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var out: [(kind: PieceKind, text: String)] = []
        func add(_ kind: PieceKind, _ word: String) {
            if let last = out.last, last.kind == kind { out[out.count - 1].text += " " + word } else { out.append((kind, word)) }
        }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count && j < b.count && a[i] == b[j] { add(.same, a[i]); i += 1; j += 1 }
            else if i < a.count && (j == b.count || table[i + 1][j] >= table[i][j + 1]) { add(.removed, a[i]); i += 1 }
            else { add(.added, b[j]); j += 1 }
        }
        return out
    }
}
