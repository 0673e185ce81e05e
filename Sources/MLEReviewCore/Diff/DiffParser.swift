#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses unified diffs as `git diff`, `git show`, `git format-patch`, `diff -u`, svn, hg and
/// GitHub give them, straight from bytes.
///
/// Only LF ends a line. Hunk bodies are read by their header's counts, so a body line that looks
/// like a header (`--- x`) is still content, and a hunk that ends early is reported, not guessed.
/// No input makes it fail: damage becomes a `ParseWarning` and the rest is still parsed.
public enum DiffParser {
    public static func parse(_ bytes: [UInt8]) -> ParsedDiff {
        var scanner = DiffScanner()
        // Hunks keep 32-bit byte offsets: beyond 4 GiB the input is not read (and it says so).
        let limit = Int(UInt32.max) - 1
        bytes.withUnsafeBufferPointer { scanner.run(UnsafeBufferPointer(rebasing: $0.prefix(limit))) }
        var warnings = scanner.warnings
        if bytes.count > limit { warnings.append(ParseWarning(line: 0, message: "input over 4 GiB: only the first 4 GiB were read")) }
        return ParsedDiff(bytes: bytes, files: scanner.files, warnings: warnings)
    }

    /// Stray-text warnings beyond this many are summed up in one, so hostile input cannot
    /// make the warning list as large as the diff.
    public static let strayWarningLimit = 50
}

/// One input line: `[start, end)` excludes the LF, `next` is where the following line starts.
struct RawLine {
    var start: Int
    var end: Int
    var next: Int
    var number: Int
}

private enum Mode {
    case preamble      // before the first file; mail headers and commit messages live here
    case between       // after a file's hunks, or text no file owns
    case gitHeader     // extended header lines after `diff --git`
    case binaryPatch   // base85 lines of a `GIT binary patch`
    case skipCombined  // body of an unsupported `diff --cc`
    case signature     // after the mail's `-- ` signature line
}

struct DiffScanner {
    var files: [DiffFile] = []
    var warnings: [ParseWarning] = []
    private var current: FileBuilder?
    private var mode: Mode = .preamble
    private var strayCount = 0
    private var buf: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)
    private var lineNumber = 0

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
        buf = buffer
        var pos = skipMailPreamble()
        while let line = readLine(at: pos) {
            pos = handle(line)
        }
        finishFile()
        if strayCount > DiffParser.strayWarningLimit {
            warnings.append(ParseWarning(line: lineNumber, message: "\(strayCount - DiffParser.strayWarningLimit) more lines outside any hunk ignored"))
        }
    }

    // MARK: lines

    private mutating func readLine(at pos: Int) -> RawLine? {
        guard pos < buf.count, let base = buf.baseAddress else { return nil }
        lineNumber += 1
        if let hit = memchr(base + pos, 10, buf.count - pos) {
            let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            return RawLine(start: pos, end: end, next: end + 1, number: lineNumber)
        }
        return RawLine(start: pos, end: buf.count, next: buf.count, number: lineNumber)
    }

    /// Header text without a trailing CR, so CRLF patches do not leak CRs into paths.
    private func headerEnd(_ line: RawLine) -> Int {
        line.end > line.start && buf[line.end - 1] == 13 ? line.end - 1 : line.end
    }

    private func starts(_ line: RawLine, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard line.end - line.start >= n else { return false }
        let p = prefix.utf8Start
        for i in 0..<n where buf[line.start + i] != p[i] { return false }
        return true
    }

    private func isExactly(_ line: RawLine, _ text: StaticString) -> Bool {
        headerEnd(line) - line.start == text.utf8CodeUnitCount && starts(line, text)
    }

    private func slice(_ line: RawLine, from offset: Int) -> ArraySlice<UInt8> {
        let lo = min(line.start + offset, headerEnd(line))
        return ArraySlice(buf[lo..<headerEnd(line)])
    }

    /// A `git format-patch` mail: its subject and message may quote diffs, so everything up to
    /// the `---` line that ends the message is skipped.
    private mutating func skipMailPreamble(from start: Int = 0) -> Int {
        var pos = start
        let saved = lineNumber
        guard let first = readLine(at: pos), starts(first, "From ") else { lineNumber = saved; return start }
        pos = first.next
        while let line = readLine(at: pos) {
            pos = line.next
            if isExactly(line, "---") { return pos }
        }
        lineNumber = saved
        return start
    }

    // MARK: dispatch

    private mutating func handle(_ line: RawLine) -> Int {
        switch mode {
        case .signature:
            if starts(line, "From ") {
                lineNumber -= 1
                mode = .preamble
                return skipMailPreamble(from: line.start)
            }
            return line.next
        case .binaryPatch, .skipCombined:
            if !starts(line, "diff ") { extend(to: line.next); return line.next }
        default: break
        }

        if starts(line, "diff --git ") { return startGitFile(line) }
        if starts(line, "diff --cc ") || starts(line, "diff --combined ") { return startCombined(line) }
        if mode == .gitHeader, let next = gitHeaderLine(line) { return next }
        if mode == .gitHeader { mode = .between }

        if starts(line, "@@ ") {
            if current != nil { return readHunk(line) }
            stray(line, "hunk header before any file header ignored")
            return line.next
        }
        if starts(line, "--- "), let plus = peekLine(after: line), starts(plus, "+++ ") {
            return startPlainFile(minus: line, plus: plus)
        }
        if starts(line, "Binary files ") && (current == nil || mode == .between || mode == .preamble) {
            finishFile()
            var file = FileBuilder(start: line.start, headerLine: line.number, isGit: false)
            file.readBinaryLine(slice(line, from: 0))
            file.end = line.next
            current = file
            mode = .between
            return line.next
        }
        if isExactly(line, "-- ") && current != nil {
            finishFile()
            mode = .signature
            return line.next
        }
        if current != nil, line.end > line.start, buf[line.start] == UInt8(ascii: "+") || buf[line.start] == UInt8(ascii: "-") {
            stray(line, "line outside any hunk ignored")
        }
        return line.next
    }

    private mutating func peekLine(after line: RawLine) -> RawLine? {
        let saved = lineNumber
        defer { lineNumber = saved }
        return readLine(at: line.next)
    }

    private mutating func stray(_ line: RawLine, _ message: String) {
        strayCount += 1
        if strayCount <= DiffParser.strayWarningLimit {
            warnings.append(ParseWarning(line: line.number, message: message))
        }
    }

    private mutating func extend(to end: Int) {
        current?.end = end
    }

    // MARK: files

    private mutating func startGitFile(_ line: RawLine) -> Int {
        finishFile()
        var file = FileBuilder(start: line.start, headerLine: line.number, isGit: true)
        if let (old, new) = DiffPaths.splitGitHeader(slice(line, from: 11)) {
            file.gitOld = old
            file.gitNew = new
        }
        file.end = line.next
        current = file
        mode = .gitHeader
        return line.next
    }

    private mutating func startCombined(_ line: RawLine) -> Int {
        finishFile()
        let offset = starts(line, "diff --cc ") ? 10 : 16
        var file = FileBuilder(start: line.start, headerLine: line.number, isGit: true)
        let path = DiffPaths.readPath(slice(line, from: offset)).path
        file.gitOld = path
        file.gitNew = path
        file.isCombined = true
        file.end = line.next
        current = file
        mode = .skipCombined
        warnings.append(ParseWarning(line: line.number, message: "combined (merge) diff not supported: \(DiffPaths.string(path)) is listed without hunks"))
        return line.next
    }

    private mutating func startPlainFile(minus: RawLine, plus: RawLine) -> Int {
        if !(current?.isGit == true && current?.sawDashes == false && current?.hunks.isEmpty == true) {
            finishFile()
            current = FileBuilder(start: minus.start, headerLine: minus.number, isGit: false)
        }
        let old = DiffPaths.readPath(slice(minus, from: 4)).path
        let new = DiffPaths.readPath(slice(plus, from: 4)).path
        current?.oldRaw = old
        current?.newRaw = new
        current?.sawDashes = true
        lineNumber += 1
        extend(to: plus.next)
        mode = .between
        return plus.next
    }

    /// One extended header line of a git file; nil when the line is not one.
    private mutating func gitHeaderLine(_ line: RawLine) -> Int? {
        guard var file = current else { return nil }
        func value(_ n: Int) -> [UInt8] { Array(slice(line, from: n)) }
        func path(_ n: Int) -> [UInt8] { DiffPaths.readPath(slice(line, from: n)).path }
        if starts(line, "index ") {
            // `index a..b 100644`: the mode of a file whose mode did not change.
            let fields = value(6).split(separator: UInt8(ascii: " "))
            if fields.count == 2 {
                file.oldMode = file.oldMode ?? Array(fields[1])
                file.newMode = file.newMode ?? Array(fields[1])
            }
        } else if starts(line, "dissimilarity index ") {
        } else if starts(line, "old mode ") { file.oldMode = value(9)
        } else if starts(line, "new mode ") { file.newMode = value(9)
        } else if starts(line, "new file mode ") { file.newFile = true; file.newMode = value(14)
        } else if starts(line, "deleted file mode ") { file.deletedFile = true; file.oldMode = value(18)
        } else if starts(line, "rename from ") { file.renamed = true; file.renameFrom = path(12)
        } else if starts(line, "rename to ") { file.renamed = true; file.renameTo = path(10)
        } else if starts(line, "copy from ") { file.copied = true; file.renameFrom = path(10)
        } else if starts(line, "copy to ") { file.copied = true; file.renameTo = path(8)
        } else if starts(line, "similarity index ") {
            file.similarity = Int(String(decoding: value(17).filter { $0 != UInt8(ascii: "%") }, as: UTF8.self))
        } else if starts(line, "Binary files "), !file.isBinary {
            file.isBinary = true
        } else if starts(line, "GIT binary patch") {
            file.isBinary = true
            mode = .binaryPatch
        } else if starts(line, "--- ") {
            file.oldRaw = path(4)
            file.sawDashes = true
        } else if starts(line, "+++ ") {
            file.newRaw = path(4)
            file.sawDashes = true
        } else {
            return nil
        }
        file.end = line.next
        current = file
        return line.next
    }

    private mutating func finishFile() {
        guard let file = current else { return }
        files.append(file.build())
        current = nil
    }

    // MARK: hunks

    private mutating func readHunk(_ header: RawLine) -> Int {
        mode = .between
        guard let counts = HunkHeader.parse(buf, header.start, headerEnd(header)) else {
            stray(header, "unreadable hunk header ignored")
            return header.next
        }
        var hunk = Hunk(oldStart: counts.oldStart, oldCount: counts.oldCount,
                        newStart: counts.newStart, newCount: counts.newCount,
                        additions: 0, deletions: 0, lineCount: 0,
                        sectionRange: counts.section, bodyRange: header.next..<header.next,
                        headerLine: header.number, isTruncated: false)
        var oldLeft = counts.oldCount, newLeft = counts.newCount
        var pos = header.next
        let savedNumber = lineNumber
        var consumedNumber = lineNumber
        body: while oldLeft > 0 || newLeft > 0 {
            guard let line = readLine(at: pos) else { break }
            let first: UInt8 = line.end > line.start ? buf[line.start] : 0
            let isBlank = first == 0 || (first == 13 && line.end - line.start == 1)
            switch first {
            case UInt8(ascii: " ") where oldLeft > 0 && newLeft > 0:
                oldLeft -= 1; newLeft -= 1
            case _ where isBlank && oldLeft > 0 && newLeft > 0:
                // Some tools strip the space of an empty context line.
                oldLeft -= 1; newLeft -= 1
            case UInt8(ascii: "-") where oldLeft > 0:
                oldLeft -= 1; hunk.deletions += 1
            case UInt8(ascii: "+") where newLeft > 0:
                newLeft -= 1; hunk.additions += 1
            case UInt8(ascii: "\\"):
                hunk.lineCount -= 1
            default:
                break body
            }
            hunk.lineCount += 1
            pos = line.next
            consumedNumber = line.number
        }
        // A `\ No newline` marker after the last counted line still belongs to the hunk.
        if let line = readLine(at: pos), line.end > line.start, buf[line.start] == UInt8(ascii: "\\") {
            pos = line.next
            consumedNumber = line.number
        }
        lineNumber = max(savedNumber, consumedNumber)
        hunk.bodyRange = header.next..<pos
        if oldLeft > 0 || newLeft > 0 {
            hunk.isTruncated = true
            let old = counts.oldCount - oldLeft, new = counts.newCount - newLeft
            warnings.append(ParseWarning(line: header.number,
                message: "hunk ends early: old side \(old) of \(counts.oldCount) lines, new side \(new) of \(counts.newCount) lines"))
        }
        current!.hunks.append(hunk)
        extend(to: pos)
        return pos
    }
}
