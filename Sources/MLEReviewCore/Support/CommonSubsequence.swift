/// The longest common subsequence of two short sequences, by dynamic programming: the index
/// pairs of the elements kept, in order. Used for the words of two lines and the cells and
/// lines of two notebooks; callers bound the sizes (the table is `a.count x b.count`).
public enum CommonSubsequence {
    // Inlinable so callers in other modules get it specialised: generic, every comparison of
    // the word diff's byte slices went through two witness tables (a third of the first frame's
    // diff drawing).
    @inlinable
    public static func pairs<T: Equatable>(_ a: [T], _ b: [T], maxCells: Int = 4_000_000) -> [(Int, Int)] {
        let n = a.count, m = b.count
        guard n > 0, m > 0, n * m <= maxCells else { return [] }
        var t = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                t[i][j] = a[i] == b[j] ? t[i + 1][j + 1] + 1 : max(t[i + 1][j], t[i][j + 1])
            }
        }
        var out: [(Int, Int)] = []
        var i = 0, j = 0
        while i < n && j < m {
            if a[i] == b[j] { out.append((i, j)); i += 1; j += 1 } else if t[i + 1][j] >= t[i][j + 1] { i += 1 } else { j += 1 }
        }
        return out
    }
}
