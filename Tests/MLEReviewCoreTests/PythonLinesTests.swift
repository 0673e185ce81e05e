import Foundation
@testable import MLEReviewCore
import Testing

/// Issue 19, point 4: statements are read as Python reads them. The logical lines the scanner
/// finds are compared with `python3 -m tokenize` on the same source.
struct PythonLinesTests {
    static let source = #"""
    import re
    from transformers import BertTokenizer

    def clean_text(text, stopwords=STOPWORDS):
        text = text.lower()
        text = re.sub(r"([!\"'#$%&()*\+,-./:;<=>?@\\\[\]^_`{|}~])", r" \1 ", text)  # separate filters
        text = re.sub("[^A-Za-z0-9]+", " ", text)
        return text

    tokenizer = BertTokenizer.from_pretrained("allenai/scibert_scivocab_uncased", return_dict=False)
    doc = """A docstring with a ( bracket and a # hash
    and a ' quote over two lines"""
    path = 'it\'s (not) closed' + b"\x00(" + rb'\'(' + f"{x!r}("
    total = 1 + \
        2
    items = [
        "a",  # a comment with a ) bracket
        'b',
    ]
    s = "#not a comment"; t = 1
    help = ("a long help text,\
           continued after a backslash")
    odd = "ends in an escaped backslash \\"
    after = 2
    """#

    /// Start lines of logical lines as Python's tokenizer gives them.
    static func pythonLogicalLines(_ source: String) throws -> [Int] {
        let script = """
        import io, sys, tokenize
        starts, start = [], None
        for tok in tokenize.generate_tokens(io.StringIO(sys.stdin.read()).readline):
            if tok.type in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING, tokenize.ENDMARKER):
                continue
            if start is None:
                start = tok.start[0]
            if tok.type == tokenize.NEWLINE:
                starts.append(start)
                start = None
        print(" ".join(map(str, starts)))
        """
        let r = try Subprocess.run(["python3", "-c", script], input: Array(source.utf8))
        try #require(r.status == 0, "\(r.stderrText)")
        return String(decoding: r.stdout, as: UTF8.self).split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Start lines of the statements the scanner reads from the same source added in a diff
    /// (blank and comment-only statements left out, as the tokenizer leaves them out).
    static func scannerLogicalLines(_ source: String) -> [Int] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).dropLast(source.hasSuffix("\n") ? 1 : 0)
        let diff = "diff --git a/m.py b/m.py\nnew file mode 100644\n--- /dev/null\n+++ b/m.py\n@@ -0,0 +1,\(lines.count) @@\n"
            + lines.map { "+" + $0 + "\n" }.joined()
        let parsed = DiffParser.parse(Array(diff.utf8))
        let file = SourceFile(file: parsed.files[0], diff: parsed)
        return file.statements.filter { !$0.text.trimmingSpaces().isEmpty }.map { $0.lines.lowerBound }
    }

    @Test(.enabled(if: (try? Subprocess.run(["python3", "-c", "import tokenize"]))?.status == 0, "needs python3"))
    func statementsAreTheTokenizersLogicalLines() throws {
        let python = try Self.pythonLogicalLines(Self.source)
        #expect(python.count > 10)
        #expect(Self.scannerLogicalLines(Self.source) == python)
    }

    @Test func theMadeWithMLLineDoesNotSwallowTheNextStatements() throws {
        let lines = Self.scannerLogicalLines(Self.source)
        // The re.sub line with a raw string holding \", ', #, brackets and a backtick is one
        // statement; the tokenizer line that follows starts its own (it was joined into it).
        #expect(lines.contains(6) && lines.contains(7) && lines.contains(10))
        let diff = "diff --git a/m.py b/m.py\nnew file mode 100644\n--- /dev/null\n+++ b/m.py\n@@ -0,0 +1,12 @@\n"
            + Self.source.split(separator: "\n", omittingEmptySubsequences: false).prefix(12).map { "+" + $0 + "\n" }.joined()
        let hints = HintScanner.scan(DiffParser.parse(Array(diff.utf8)))
        if let h = hints.first(where: { $0.rule == "REPRO-004" }) { #expect(h.line == 10, "\(h)") }
    }

    @Test(.enabled(if: (try? Subprocess.run(["python3", "-c", "import tokenize"]))?.status == 0, "needs python3"))
    func agreesWithTheTokenizerOnThisRepositorysOwnPython() throws {
        // Real files: the Python the tests write (and, when present, the ml-prs diffs' Python).
        var sources = [Self.source]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for name in ["Benchmarks/workbench.sh"] where FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path) {
            // Shell scripts embed Python between PY markers.
            let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            if let a = text.range(of: "<<'PY'\n"), let b = text.range(of: "\nPY\n", range: a.upperBound..<text.endIndex) {
                sources.append(String(text[a.upperBound..<b.lowerBound]) + "\n")
            }
        }
        // New Python files in the real ML pull requests (CI has them; a fresh clone skips these).
        if SharedFixtures.available {
            let folder = SharedFixtures.url("ml-prs").path
            for name in try FileManager.default.contentsOfDirectory(atPath: folder).filter({ $0.hasSuffix(".diff") }).sorted() {
                let parsed = DiffParser.parse(try SharedFixtures.bytes("ml-prs/" + name))
                for f in parsed.files where f.status == .added && f.path.hasSuffix(".py") {
                    let added = f.hunks.flatMap { parsed.lines(of: $0) }.filter { $0.kind == .added }.map { parsed.text($0.content) }
                    sources.append(added.joined(separator: "\n") + "\n")
                }
            }
            #expect(sources.count > 5, "the ml-prs fixtures add Python files")
        }
        for source in sources {
            // Long statements are read at most 40 lines at a time; compare files without them.
            let python = try Self.pythonLogicalLines(source)
            guard zip(python, python.dropFirst()).allSatisfy({ $1 - $0 <= 40 }) else { continue }
            #expect(Self.scannerLogicalLines(source) == python, "\(source.prefix(80))")
        }
    }
}
