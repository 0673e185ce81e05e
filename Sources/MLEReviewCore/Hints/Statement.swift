import Foundation

/// The code of a file's statements laid end to end, as written (comments cut, a statement's lines
/// joined by a space, import aliases written out) and lower-cased: each statement is a range of
/// both. One buffer a file, not a string and two arrays a statement (three allocations for each
/// of a big diff's 195,000 statements, and half of a scan).
final class StatementCode: Sendable {
    let written: [UInt8]
    let lower: [UInt8]

    init(_ written: [UInt8]) {
        self.written = written
        lower = Bytes.lowered(written)
    }
}

/// One logical statement of the new side: lines joined while brackets are open. A class: every
/// rule is handed every statement, and a reference is one retain where a struct of arrays is several.
/// What rules read of it is made when first asked, on the file's thread (the only one that reads it).
public final class Statement: @unchecked Sendable {
    private let storage: StatementCode
    private let range: Range<Int>
    /// The first added line of the statement (the one a hint points at), nil when none is added.
    public let addedLine: Int?
    /// Index among the file's statements, for rules about order ("before the split").
    public let index: Int
    /// Lines it spans (new-side numbers).
    public let lines: ClosedRange<Int>
    /// Indentation of its first line, for rules about function bodies.
    public let indent: Int

    /// The code, with import aliases written out (`jl.load(` reads `joblib.load(`).
    public private(set) lazy var text: String = storage.written.withUnsafeBufferPointer {
        String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
    }
    /// The text's bytes, ASCII letters lower-cased.
    private(set) lazy var lowerBytes: [UInt8] = Array(storage.lower[range])
    private lazy var sets: (set: ByteSet, pairs: ByteSet) = withLowerBytes(ByteSet.sets(of:))
    /// Which byte values occur in `lowerBytes`: a trigger with a byte not here cannot match.
    var present: ByteSet { sets.set }
    /// Which (hashed) byte pairs occur in `lowerBytes`.
    var pairs: ByteSet { sets.pairs }

    init(_ code: StatementCode, _ range: Range<Int>, addedLine: Int?, index: Int, lines: ClosedRange<Int>, indent: Int) {
        self.storage = code
        self.range = range
        self.addedLine = addedLine
        self.index = index
        self.lines = lines
        self.indent = indent
    }

    /// A statement of its own (a removed line, a test's).
    convenience init(text: String, addedLine: Int?, index: Int, lines: ClosedRange<Int>, indent: Int) {
        let written = Array(text.utf8)
        self.init(StatementCode(written), 0..<written.count, addedLine: addedLine, index: index, lines: lines, indent: indent)
        self.text = text
    }

    /// The lower-cased bytes in place (the trigger search reads every statement's).
    func withLowerBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.lower.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The bytes as written, in place (for case-sensitive searches: `has`, calls and receivers).
    func withWrittenBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.written.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Whether a byte occurs in the code (an ASCII letter in either case when given in lower case).
    func contains(byte: UInt8) -> Bool {
        withLowerBytes { b in b.baseAddress.map { Bytes.index(of: byte, in: $0, from: 0, count: b.count) != nil } ?? false }
    }

    /// `a, b = f(x)` read once (rules and the data flow all ask): nil when nothing is assigned.
    var assignment: (targets: [String], value: String)? {
        if case .some(let known) = assigned { return known }
        let found = contains(byte: 61) ? PythonCode.assignment(text) : nil
        assigned = .some(found)
        return found
    }
    private var assigned: (targets: [String], value: String)?? = .none

    /// `def f(` or `async def f(` (asked of the statements above one, on the bytes).
    var isDef: Bool {
        storage.written.withUnsafeBufferPointer { all in
            var i = range.lowerBound
            while i < range.upperBound, all[i] == 32 || all[i] == 9 { i += 1 }
            func starts(_ word: StaticString) -> Bool {
                let n = word.utf8CodeUnitCount
                return range.upperBound - i >= n && memcmp(all.baseAddress! + i, word.utf8Start, n) == 0
            }
            return starts("def ") || starts("async def ")
        }
    }

    /// The code without its indentation.
    var code: Substring { text.drop { $0 == " " || $0 == "\t" } }

    /// Whether the statement contains a lower-case ASCII word, ignoring case.
    @Sendable func mentions(_ word: String) -> Bool {
        pairs.mayContain(pairsOf: word, lowering: false) && withLowerBytes { Bytes.contains($0, word) }
    }
}
