/// Every rule's trigger words found in one pass over a statement's lowered bytes (an
/// Aho–Corasick automaton). Asking each applicable rule in turn (byte-set checks, then memmem per
/// word) was a fifth of a scan; the answer is the same: a word is found when its bytes occur.
struct TriggerMatcher: Sendable {
    /// Which of the (at most 256) distinct words occur.
    struct Found: Sendable, Equatable {
        fileprivate var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        fileprivate mutating func formUnion(_ o: Found) {
            bits.0 |= o.bits.0; bits.1 |= o.bits.1; bits.2 |= o.bits.2; bits.3 |= o.bits.3
        }

        func union(_ o: Found) -> Found {
            var u = self
            u.formUnion(o)
            return u
        }

        fileprivate mutating func insert(_ i: Int) {
            let bit = UInt64(1) << UInt64(i & 63)
            switch i >> 6 { case 0: bits.0 |= bit; case 1: bits.1 |= bit; case 2: bits.2 |= bit; default: bits.3 |= bit }
        }

        func intersects(_ o: Found) -> Bool {
            (bits.0 & o.bits.0) | (bits.1 & o.bits.1) | (bits.2 & o.bits.2) | (bits.3 & o.bits.3) != 0
        }

        static func == (a: Found, b: Found) -> Bool { a.bits == b.bits }
    }

    static let capacity = 256

    /// Bytes that occur in no word share one class, so the table is narrow.
    private let classOf: [UInt8]
    private let classes: Int
    /// `next[state * classes + class]`: the automaton with its failure moves folded in.
    private let next: [Int32]
    /// Words ending at a state (its failure chain's included), and whether there are any.
    private let output: [Found]
    private let hasOutput: [Bool]
    /// Each word's set, by the index it was given.
    let wordSets: [Found]
    /// No word starts with a space or a tab: a statement's indentation (a fifth of its bytes)
    /// can find nothing and is skipped.
    private let skipsIndentation: Bool

    /// `words` must be distinct, non-empty and at most `capacity`.
    init(_ words: [[UInt8]]) {
        precondition(words.count <= Self.capacity && words.allSatisfy { !$0.isEmpty })
        var classOf = [UInt8](repeating: 0, count: 256)
        var classes = 1
        for w in words { for b in w where classOf[Int(b)] == 0 { classOf[Int(b)] = UInt8(classes); classes += 1 } }
        // The trie.
        var children: [[Int32]] = [[Int32](repeating: -1, count: classes)]
        var output: [Found] = [Found()]
        var wordSets: [Found] = []
        for (i, w) in words.enumerated() {
            var s = 0
            for b in w {
                let c = Int(classOf[Int(b)])
                if children[s][c] < 0 {
                    children[s][c] = Int32(children.count)
                    children.append([Int32](repeating: -1, count: classes))
                    output.append(Found())
                }
                s = Int(children[s][c])
            }
            var set = Found()
            set.insert(i)
            output[s].formUnion(set)
            wordSets.append(set)
        }
        // Failure links, breadth first; missing moves become the failure state's moves.
        var next = [Int32](repeating: 0, count: children.count * classes)
        var fail = [Int](repeating: 0, count: children.count)
        var queue: [Int] = []
        for c in 0..<classes {
            let t = children[0][c]
            if t >= 0 { next[c] = t; queue.append(Int(t)) } else { next[c] = 0 }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]
            head += 1
            output[s].formUnion(output[fail[s]])
            for c in 0..<classes {
                let t = children[s][c]
                if t >= 0 {
                    fail[Int(t)] = Int(next[fail[s] * classes + c])
                    next[s * classes + c] = t
                    queue.append(Int(t))
                } else {
                    next[s * classes + c] = next[fail[s] * classes + c]
                }
            }
        }
        self.classOf = classOf
        self.classes = classes
        self.next = next
        self.output = output
        self.hasOutput = output.map { $0 != Found() }
        self.wordSets = wordSets
        skipsIndentation = !words.contains { $0.first == 32 || $0.first == 9 }
    }

    func found(in bytes: [UInt8]) -> Found { bytes.withUnsafeBufferPointer(found(in:)) }

    func found(in b: UnsafeBufferPointer<UInt8>) -> Found {
        var found = Found()
        var s = 0
        var start = 0
        if skipsIndentation { while start < b.count, b[start] == 32 || b[start] == 9 { start += 1 } }
        classOf.withUnsafeBufferPointer { cls in
            next.withUnsafeBufferPointer { nxt in
                hasOutput.withUnsafeBufferPointer { has in
                    for byte in UnsafeBufferPointer(rebasing: b[start...]) {
                        s = Int(nxt[s * classes + Int(cls[Int(byte)])])
                        if has[s] { found.formUnion(output[s]) }
                    }
                }
            }
        }
        return found
    }
}
