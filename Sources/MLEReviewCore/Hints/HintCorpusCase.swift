import Foundation

/// One labelled change of the hint corpus (the format is in Tests/HintCorpus/README.md): files
/// written as hunks without line numbers, so a case is easy to write and read, and labels written
/// on the line they are about. The loader numbers the hunks and builds a real git diff.
public struct HintCorpusCase: Sendable {
    /// A place a hint of `family` must be: a path and the new-side lines it may point at.
    public struct Label: Sendable, Equatable {
        public var family: Hint.Family
        public var path: String
        public var lines: ClosedRange<Int>
        public var why: String
    }

    /// The path under the corpus folder without `.case`: also what the held-out hash reads.
    public var name: String
    public var about: Hint.Family
    public var note: String
    public var diff: [UInt8]
    public var labels: [Label]

    static let marker = "◀"

    public init(name: String, text: String) throws(InputError) {
        self.name = name
        var about: Hint.Family?
        var note = ""
        var files: [(path: String, isNew: Bool, body: [(number: Int, text: String)])] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if files.isEmpty {
                if line.hasPrefix("about: ") {
                    let value = String(line.dropFirst(7))
                    guard let family = Hint.Family(rawValue: value) else { throw InputError("\(name).case:\(i + 1): no family '\(value)'") }
                    about = family
                } else if line.hasPrefix("note: ") {
                    note = String(line.dropFirst(6))
                } else if line.hasPrefix("=== ") {
                    files.append(Self.fileHeader(line))
                } else if !line.isEmpty {
                    throw InputError("\(name).case:\(i + 1): expected about:, note: or === before the first file")
                }
                continue
            }
            if line.hasPrefix("=== ") { files.append(Self.fileHeader(line)) } else { files[files.count - 1].body.append((i + 1, line)) }
        }
        guard let about else { throw InputError("\(name).case: no 'about:' line") }
        guard !files.isEmpty else { throw InputError("\(name).case: no file (=== path)") }
        self.about = about
        self.note = note
        var diff = "", labels: [Label] = []
        for file in files {
            var body = file.body
            while body.last?.text.isEmpty == true { body.removeLast() }
            let (text, found) = try Self.file(file.path, isNew: file.isNew, body: body, name: name)
            diff += text
            labels += found
        }
        self.diff = Array(diff.utf8)
        self.labels = labels
    }

    private static func fileHeader(_ line: String) -> (path: String, isNew: Bool, body: [(number: Int, text: String)]) {
        let rest = line.dropFirst(4)
        if rest.hasPrefix("new ") { return (String(rest.dropFirst(4)), true, []) }
        return (String(rest), false, [])
    }

    /// One file as git would print it, and the labels written on its lines.
    private static func file(_ path: String, isNew: Bool, body: [(number: Int, text: String)], name: String) throws(InputError) -> (String, [Label]) {
        struct Row { var kind: Character; var text: String; var labels: [(Hint.Family, String)] }
        var hunks: [(oldStart: Int, rows: [Row])] = []
        for (number, line) in body {
            if !isNew, line.hasPrefix("@@") {
                guard let start = Int(line.dropFirst(2).trimmingCharacters(in: .whitespaces)), start > 0 else {
                    throw InputError("\(name).case:\(number): a hunk line is '@@ N', N the old file's first line")
                }
                hunks.append((start, []))
                continue
            }
            var code = line, labels: [(Hint.Family, String)] = []
            if let r = line.range(of: marker) {
                // Several labels on one line: `◀ privacy: … ◀ monitoring: …`.
                for part in line[r.upperBound...].split(separator: Character(marker)) {
                    let spec = part.trimmingCharacters(in: .whitespaces)
                    guard let colon = spec.firstIndex(of: ":"), let family = Hint.Family(rawValue: String(spec[..<colon])) else {
                        throw InputError("\(name).case:\(number): a label is '◀ family: why' with a known family")
                    }
                    labels.append((family, spec[spec.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
                }
                code = String(line[..<r.lowerBound])
                while code.last == " " { code.removeLast() }
            }
            let kind: Character
            if isNew {
                kind = "+"
            } else {
                guard let first = code.first ?? (line.isEmpty ? " " : nil), first == " " || first == "-" || first == "+" else {
                    throw InputError("\(name).case:\(number): a changed file's line starts with ' ', '-' or '+'")
                }
                kind = first
                code = String(code.dropFirst())
            }
            if hunks.isEmpty { hunks.append((isNew ? 0 : 1, [])) }
            hunks[hunks.count - 1].rows.append(Row(kind: kind, text: code, labels: labels))
        }
        var out = "diff --git a/\(path) b/\(path)\n"
        out += isNew ? "new file mode 100644\n--- /dev/null\n+++ b/\(path)\n" : "--- a/\(path)\n+++ b/\(path)\n"
        var labels: [Label] = []
        var delta = 0
        for hunk in hunks {
            let oldCount = hunk.rows.filter { $0.kind != "+" }.count, newCount = hunk.rows.filter { $0.kind != "-" }.count
            let newStart = isNew ? 1 : hunk.oldStart + delta
            out += "@@ -\(isNew ? 0 : hunk.oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            // New-side number of each row (for a removed row: of the new line before it).
            var numbers: [Int] = [], next = newStart
            for row in hunk.rows {
                out += String(row.kind) + row.text + "\n"
                if row.kind == "-" { numbers.append(next - 1) } else { numbers.append(next); next += 1 }
            }
            for (k, row) in hunk.rows.enumerated() {
                for (family, why) in row.labels {
                if row.kind != "-" {
                    labels.append(Label(family: family, path: path, lines: numbers[k]...numbers[k], why: why))
                } else {
                    // A safeguard taken away: the nearest new line before the removal to the
                    // nearest after it, or to the end of the added lines that replaced it (a
                    // hint about a removed line points at its replacement).
                    let before = hunk.rows[..<k].lastIndex { $0.kind != "-" }.map { numbers[$0] }
                    var next = hunk.rows[(k + 1)...].firstIndex { $0.kind != "-" }
                    if var j = next, hunk.rows[j].kind == "+" {
                        while j + 1 < hunk.rows.count, hunk.rows[j + 1].kind == "+" { j += 1 }
                        next = j
                    }
                    let after = next.map { numbers[$0] }
                    guard let low = before ?? after, let high = after ?? before else {
                        throw InputError("\(name).case:\(path): a label on a removed line needs a new line in its hunk")
                    }
                    labels.append(Label(family: family, path: path, lines: low...high, why: why))
                }
                }
            }
            delta += newCount - oldCount
        }
        return (out, labels)
    }

    /// Every `*.case` under a folder, by name.
    public static func load(folder: String) throws(InputError) -> [HintCorpusCase] {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError("\(folder): not a folder of hint cases")
        }
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { throw InputError("\(folder): cannot be read") }
        var cases: [HintCorpusCase] = []
        for case let relative as String in walker where relative.hasSuffix(".case") {
            let name = String(relative.dropLast(5))
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path),
                  let text = String(data: data, encoding: .utf8) else {
                throw InputError("\(folder)/\(relative): cannot be read as UTF-8")
            }
            cases.append(try HintCorpusCase(name: name, text: text))
        }
        guard !cases.isEmpty else { throw InputError("\(folder): holds no *.case file") }
        return cases.sorted { $0.name < $1.name }
    }
}
