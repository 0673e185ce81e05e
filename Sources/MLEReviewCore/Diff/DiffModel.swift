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

public struct Hunk: Sendable, Equatable {
    public var oldStart: Int
    public var oldCount: Int
    public var newStart: Int
    public var newCount: Int
    public var additions: Int
    public var deletions: Int
    /// Body lines (context, added, removed); `\ No newline` markers are not lines.
    public var lineCount: Int
    /// The text after the closing `@@`, without the separating space and line end.
    public var sectionRange: Range<Int>
    /// Body bytes: from the first line after the header to the end of its last line (with LF).
    public var bodyRange: Range<Int>
    /// 1-based input line of the `@@` header.
    public var headerLine: Int
    /// The input ended or changed before the header's counts were met.
    public var isTruncated: Bool
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
