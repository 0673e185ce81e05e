/// The parsed form of a unified diff. Content is never copied out of the input: lines and
/// header texts are byte ranges into `ParsedDiff.bytes`, decoded only when shown, so invalid
/// UTF-8, CRs and control characters survive exactly as they were.

public enum FileStatus: String, Sendable, Codable, CaseIterable {
    case added, deleted, modified, renamed, copied
    /// Only the file mode changed: no content hunks.
    case modeChange = "mode_change"
}

public struct DiffFile: Sendable, Equatable {
    /// Path before the change; nil for an added file.
    public var oldPath: String?
    /// Path after the change; nil for a deleted file.
    public var newPath: String?
    public var status: FileStatus
    /// `similarity index` of a rename or copy, in percent.
    public var similarity: Int?
    public var oldMode: String?
    public var newMode: String?
    public var isBinary: Bool
    /// A `diff --cc` merge entry; its hunks are not parsed (see the parser's warning).
    public var isCombined: Bool
    /// True when the file had a `diff --git` header (so its headers, not heuristics, decide its status).
    public var isGit: Bool
    public var hunks: [Hunk]
    /// Bytes of this file's whole diff, headers included.
    public var byteRange: Range<Int>
    /// 1-based input line of the file's first header line.
    public var headerLine: Int

    public var additions: Int { hunks.reduce(0) { $0 + $1.additions } }
    public var deletions: Int { hunks.reduce(0) { $0 + $1.deletions } }
    /// The path a reviewer refers to: the new one, or the old one for a deleted file.
    public var path: String { newPath ?? oldPath ?? "" }
}

/// One `@@` hunk. Stored in 32-bit fields (52 bytes, not 104): a diff of a million one-line
/// hunks is a million of these. Line numbers beyond 2^31 are clamped; byte offsets address
/// inputs up to 4 GiB (the parser stops there and says so).
public struct Hunk: Sendable, Equatable {
    private var _oldStart: Int32, _oldCount: Int32, _newStart: Int32, _newCount: Int32
    private var _additions: Int32, _deletions: Int32, _lineCount: Int32, _headerLine: Int32
    private var _sectionStart: UInt32, _sectionEnd: UInt32, _bodyStart: UInt32, _bodyEnd: UInt32
    /// The input ended or changed before the header's counts were met.
    public var isTruncated: Bool

    public init(oldStart: Int, oldCount: Int, newStart: Int, newCount: Int, additions: Int, deletions: Int, lineCount: Int,
                sectionRange: Range<Int>, bodyRange: Range<Int>, headerLine: Int, isTruncated: Bool) {
        _oldStart = Int32(clamping: oldStart); _oldCount = Int32(clamping: oldCount)
        _newStart = Int32(clamping: newStart); _newCount = Int32(clamping: newCount)
        _additions = Int32(clamping: additions); _deletions = Int32(clamping: deletions)
        _lineCount = Int32(clamping: lineCount); _headerLine = Int32(clamping: headerLine)
        _sectionStart = UInt32(clamping: sectionRange.lowerBound); _sectionEnd = UInt32(clamping: sectionRange.upperBound)
        _bodyStart = UInt32(clamping: bodyRange.lowerBound); _bodyEnd = UInt32(clamping: bodyRange.upperBound)
        self.isTruncated = isTruncated
    }

    public var oldStart: Int { get { Int(_oldStart) } set { _oldStart = Int32(clamping: newValue) } }
    public var oldCount: Int { get { Int(_oldCount) } set { _oldCount = Int32(clamping: newValue) } }
    public var newStart: Int { get { Int(_newStart) } set { _newStart = Int32(clamping: newValue) } }
    public var newCount: Int { get { Int(_newCount) } set { _newCount = Int32(clamping: newValue) } }
    public var additions: Int { get { Int(_additions) } set { _additions = Int32(clamping: newValue) } }
    public var deletions: Int { get { Int(_deletions) } set { _deletions = Int32(clamping: newValue) } }
    /// Body lines (context, added, removed); `\ No newline` markers are not lines.
    public var lineCount: Int { get { Int(_lineCount) } set { _lineCount = Int32(clamping: newValue) } }
    /// 1-based input line of the `@@` header.
    public var headerLine: Int { get { Int(_headerLine) } set { _headerLine = Int32(clamping: newValue) } }
    /// The text after the closing `@@`, without the separating space and line end.
    public var sectionRange: Range<Int> {
        get { Int(_sectionStart)..<Int(_sectionEnd) }
        set { _sectionStart = UInt32(clamping: newValue.lowerBound); _sectionEnd = UInt32(clamping: newValue.upperBound) }
    }
    /// Body bytes: from the first line after the header to the end of its last line (with LF).
    public var bodyRange: Range<Int> {
        get { Int(_bodyStart)..<Int(_bodyEnd) }
        set { _bodyStart = UInt32(clamping: newValue.lowerBound); _bodyEnd = UInt32(clamping: newValue.upperBound) }
    }
}

public struct DiffLine: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case context, added, removed }
    public var kind: Kind
    public var oldNumber: Int?
    public var newNumber: Int?
    /// Bytes after the one-character prefix, up to but excluding the LF (a CR stays).
    public var content: Range<Int>
    /// Followed by `\ No newline at end of file`.
    public var missingNewline: Bool
}

public struct ParseWarning: Sendable, Equatable, CustomStringConvertible {
    /// 1-based input line the warning is about.
    public var line: Int
    public var message: String
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
    public var description: String { "line \(line): \(message)" }
}

public struct ParsedDiff: Sendable {
    public let bytes: [UInt8]
    public var files: [DiffFile]
    public var warnings: [ParseWarning]

    public var additions: Int { files.reduce(0) { $0 + $1.additions } }
    public var deletions: Int { files.reduce(0) { $0 + $1.deletions } }
    public var hunkCount: Int { files.reduce(0) { $0 + $1.hunks.count } }

    /// Decodes a byte range for display or JSON; invalid UTF-8 becomes U+FFFD here only.
    public func text(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    public func section(of hunk: Hunk) -> String { text(hunk.sectionRange) }
}
