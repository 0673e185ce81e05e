import Testing
@testable import MLEReviewCore

/// Statements are ranges of one buffer per file, built from the diff's bytes: what a rule reads of
/// each must be what reading the lines as text gives (comments cut, lines joined by a space,
/// aliases written out, invalid UTF-8 repaired, a final carriage return left off).
struct StatementCodeTests {
    static let fragments: [[UInt8]] = [
        "x = f(", ")", "y = [1,", "2]", "# note (", "s = \"a # b\"", "t = '''", "'''", "import numpy as np", "np.zeros(3)",
        "from torch import load", "m = load(p)", "    return tts(X, y)", "from sklearn.model_selection import train_test_split as tts",
        "café = 1", "z = g(a) \\", "+ 1", "", "\t", "def f(a):", "    pass  # np.load(",
    ].map { Array($0.utf8) } + [[0xFF, 0x28], [0x78, 0xC3], [0x80, 0x61, 0x28], [0xE2, 0x80]]

    /// One statement per reading of the lines as strings, the way the scanner read them before.
    static func expected(_ lines: [String], python: Bool, aliases: AliasTable) -> [String] {
        var out: [String] = [], i = 0
        var reader = PythonLines()
        while i < lines.count {
            reader.reset()
            var parts: [String] = []
            repeat {
                parts.append(python ? reader.read(lines[i]) : lines[i])
                i += 1
            } while python && reader.continues && i < lines.count && parts.count < 40
            out.append(SourceFile.resolve(parts.joined(separator: " "), aliases))
        }
        return out
    }

    @Test(arguments: [true, false])
    func statementsReadAsTheirLinesText(python: Bool) throws {
        var random = SplitMix(state: python ? 7 : 11)
        for _ in 0..<300 {
            let count = Int(random.next() % 12) + 1
            var lines: [[UInt8]] = []
            for _ in 0..<count {
                var line = Self.fragments[Int(random.next() % UInt64(Self.fragments.count))]
                if random.next() % 4 == 0 { line.append(13) }
                lines.append(line)
            }
            let path = python ? "m.py" : "m.yaml"
            var diff = Array("diff --git a/\(path) b/\(path)\nnew file mode 100644\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1,\(count) @@\n".utf8)
            for line in lines { diff += [43] + line + [10] }
            let parsed = DiffParser.parse(diff)
            let file = SourceFile(file: try #require(parsed.files.first), diff: parsed)
            let texts = lines.map { line -> String in
                String(decoding: line.last == 13 ? Array(line.dropLast()) : line, as: UTF8.self)
            }
            let statements = Self.expected(texts, python: python, aliases: AliasTable(SourceFile.aliases(in: texts)))
            #expect(file.statements.map(\.text) == statements, "lines: \(texts)")
            for s in file.statements {
                #expect(s.lowerBytes == Bytes.lowered(s.text))
                #expect(s.withWrittenBytes { Array($0) } == Array(s.text.utf8))
            }
            for (k, text) in texts.enumerated() { #expect(file.rawLine(k + 1) == text) }
        }
    }
}
