import Foundation
import MLEReviewCore
import Testing

/// The parser against git itself, on diffs this test makes in throwaway repositories: needs
/// nothing beside the clone. Every kind of change a review meets (edits, adds, deletes, renames
/// with edits, mode changes, binaries, CRLF, paths git must quote, notebooks) is checked against
/// `git diff --numstat` / `--name-status` and `git apply --numstat` on the same bytes.
struct GitOracleTests {
    let cli = CommandLineTests()

    struct Repo {
        let path: String
        @discardableResult
        func git(_ args: String...) throws -> [UInt8] {
            let r = try Subprocess.run(["git", "-C", path, "-c", "user.name=T", "-c", "user.email=t@example.com",
                                        "-c", "core.autocrlf=false", "-c", "core.quotepath=true"] + args)
            try #require(r.status == 0, "git \(args): \(r.stderrText)")
            return r.stdout
        }
        func write(_ file: String, _ bytes: [UInt8]) throws {
            let url = URL(fileURLWithPath: path + "/" + file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        func write(_ file: String, _ text: String) throws { try write(file, Array(text.utf8)) }
    }

    func notebook(_ cells: [String]) -> String {
        let body = cells.map { "  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n   \"metadata\": {},\n   \"outputs\": [],\n   \"source\": [\n    \($0)\n   ]\n  }" }
        return "{\n \"cells\": [\n" + body.joined(separator: ",\n") + "\n ],\n \"metadata\": {},\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n"
    }

    /// A repository with two commits that between them make every kind of change.
    func repository() throws -> Repo {
        let repo = Repo(path: try cli.tempDirectory())
        try repo.git("init", "-q", "-b", "main")
        let long = (1...40).map { "line \($0) of the training loop" }.joined(separator: "\n") + "\n"
        try repo.write("train.py", "import numpy as np\nseed = 1\nmodel.fit(X)\n")
        try repo.write("gone.py", "print('bye')\n")
        try repo.write("pipelines/old_name.py", long)
        try repo.write("run.sh", "#!/bin/sh\necho run\n")
        try repo.write("model.bin", [0, 1, 2, 3, 0, 255, 254])
        try repo.write("windows.txt", "a\r\nb\r\nc\r\n")
        try repo.write("with space/é file.py", "x = 1\n")
        try repo.write("eda.ipynb", notebook(["\"x = 1\\n\"", "\"y = 2\\n\""]))
        try repo.git("add", "-A")
        try repo.git("commit", "-qm", "base")
        try repo.write("train.py", "import numpy as np\nseed = 2\nmodel.fit(X_train)\nprint('done')\n")
        try FileManager.default.removeItem(atPath: repo.path + "/gone.py")
        try FileManager.default.removeItem(atPath: repo.path + "/pipelines/old_name.py")
        try repo.write("pipelines/new_name.py", long.replacingOccurrences(of: "line 7 of", with: "line seven of"))
        try repo.write("added.py", "import pickle\nm = pickle.load(open('m.pkl', 'rb'))\n")
        try repo.write("model.bin", [9, 0, 8, 0, 7])
        try repo.write("windows.txt", "a\r\nB\r\nc\r\nd\r\n")
        try repo.write("with space/é file.py", "x = 2\n")
        try repo.write("tab\tname.py", "t = 1\n")
        try repo.write("eda.ipynb", notebook(["\"x = 1\\n\"", "\"y = 3\\n\"", "\"z = torch.load(\\\"m.pt\\\")\\n\""]))
        try repo.git("add", "-A")
        try repo.git("update-index", "--chmod=+x", "run.sh")
        try repo.git("commit", "-qm", "change")
        return repo
    }

    /// `git diff --numstat -z` records: (additions, deletions, path) with nil counts for binaries.
    static func numstat(_ bytes: [UInt8]) -> [(Int?, Int?, String)] {
        var out: [(Int?, Int?, String)] = []
        var fields = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        while !fields.isEmpty {
            let head = fields.removeFirst()
            guard !head.isEmpty else { continue }
            let parts = head.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { continue }
            var path = parts[2]
            if path.isEmpty, fields.count >= 2 { fields.removeFirst(); path = fields.removeFirst() } // a rename: old, then new
            out.append((Int(parts[0]), Int(parts[1]), path))
        }
        return out
    }

    @Test func everyKindOfChangeAgreesWithGit() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let diff = try repo.git("diff", "-M", "HEAD~1", "HEAD")
        let parsed = DiffParser.parse(diff)
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")

        let git = Self.numstat(try repo.git("diff", "-M", "--numstat", "-z", "HEAD~1", "HEAD"))
        #expect(parsed.files.count == git.count)
        for (adds, dels, path) in git {
            let file = try #require(parsed.files.first { $0.path == path }, "\(path) missing from the parse")
            if let adds, let dels {
                #expect(file.additions == adds && file.deletions == dels, "\(path): +\(file.additions) -\(file.deletions), git +\(adds) -\(dels)")
            } else {
                #expect(file.isBinary, "\(path): git calls it binary")
            }
        }
        // git apply reads the same bytes the parser did.
        let applied = try Subprocess.run(["git", "-C", repo.path, "apply", "--numstat", "-z", "-"], input: diff)
        try #require(applied.status == 0, "\(applied.stderrText)")
        let apply = Self.numstat(applied.stdout)
        #expect(apply.map { "\($0.0.map(String.init) ?? "-") \($0.1.map(String.init) ?? "-") \($0.2)" }
                == git.map { "\($0.0.map(String.init) ?? "-") \($0.1.map(String.init) ?? "-") \($0.2)" })

        // Statuses and modes, as git names them.
        let status = String(decoding: try repo.git("diff", "-M", "--name-status", "-z", "HEAD~1", "HEAD"), as: UTF8.self)
            .split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        while i < status.count, !status[i].isEmpty {
            let code = status[i].prefix(1)
            let path = code == "R" ? status[i + 2] : status[i + 1]
            let file = try #require(parsed.files.first { $0.path == path }, "\(path)")
            let expected: FileStatus = code == "A" ? .added : code == "D" ? .deleted : code == "R" ? .renamed : .modified
            #expect(file.status == expected || (expected == .modified && file.status == .modeChange), "\(path): \(file.status) vs git \(code)")
            if code == "R" { #expect(file.oldPath == status[i + 1] && file.similarity.map { $0 >= 50 } == true) }
            i += code == "R" ? 3 : 2
        }
        let run = try #require(parsed.files.first { $0.path == "run.sh" })
        #expect(run.oldMode == "100644" && run.newMode == "100755")
        #expect(parsed.files.contains { $0.path == "tab\tname.py" && $0.status == .added })
        #expect(parsed.files.contains { $0.path == "with space/é file.py" })

        // The CRLF file keeps its carriage returns in the content; the notebook is one of the files.
        let windows = try #require(parsed.files.first { $0.path == "windows.txt" })
        let added = windows.hunks.flatMap { parsed.lines(of: $0) }.filter { $0.kind == .added }.map { parsed.text($0.content) }
        #expect(added == ["B\r", "d\r"])

        // The same through the command line, from git directly and from the patch.
        let viaGit = try cli.run(["parse", "HEAD~1..HEAD", "--json"], in: repo.path)
        #expect(viaGit.status == 0, "\(viaGit.stderrText)")
        let viaPatch = try cli.run(["parse", "--patch", "-", "--json"], input: diff)
        #expect(viaPatch.stdout == viaGit.stdout)
    }

    /// Seeded mutations of a real diff (this repository's) through the parser, the scanner and
    /// the importers: no crash, valid JSON out, warnings bounded; and a sample through the binary
    /// with its peak memory measured. Prints its seed.
    @Test func seededMutationFuzz() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let base = try repo.git("diff", "-M", "HEAD~1", "HEAD")
        let seed: UInt64 = 20261201
        print("mutation fuzz: seed \(seed)")
        var rng = SplitMix(state: seed)
        var mutated: [[UInt8]] = []
        for _ in 0..<3000 {
            var b = base
            for _ in 0..<(1 + Int(rng.next() % 8)) where !b.isEmpty {
                let at = Int(rng.next() % UInt64(b.count))
                switch rng.next() % 6 {
                case 0: b[at] = UInt8(truncatingIfNeeded: rng.next())
                case 1: b.remove(at: at)
                case 2: b.insert(contentsOf: b[at..<min(b.count, at + Int(rng.next() % 200))], at: at)
                case 3: b.removeSubrange(at..<min(b.count, at + Int(rng.next() % 64)))
                case 4: b.insert(contentsOf: Array(["\n@@ -1,3 +1,99 @@\n", "\ndiff --git a/x b/x\n", "\n+", "\u{1B}[2J", "\r\n"][Int(rng.next() % 5)].utf8), at: at)
                default: b.removeSubrange(at..<b.count)
                }
            }
            mutated.append(b)
        }
        for (n, b) in mutated.enumerated() {
            let parsed = DiffParser.parse(b)
            #expect(parsed.warnings.count <= DiffParser.strayWarningLimit + 100, "case \(n): \(parsed.warnings.count) warnings")
            let json = parsed.jsonValue().serialized(pretty: false)
            #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "case \(n): invalid parse JSON")
            var streamed = ""
            parsed.writeJSON { streamed += $0 }
            #expect(streamed == parsed.jsonValue().serialized(pretty: true), "case \(n): streamed JSON differs")
            let hints = HintScanner.scan(parsed)
            let report = HintReport.json(hints)
            #expect((try? JSONSerialization.jsonObject(with: Data(report.utf8))) != nil, "case \(n): invalid scan JSON")
            for kind in [ImportFormat.text, .sarif, .json] {
                do throws(InputError) {
                    _ = try kind.parse(b, name: "in")
                } catch {
                    #expect(error.message.hasPrefix("in") && !error.message.contains("\n"), "case \(n): \(error.message)")
                }
            }
        }
        // A sample through the binary: exit 0, JSON out, peak memory bounded.
        for (n, b) in mutated.enumerated() where n % 150 == 0 {
            let file = repo.path + "/m\(n).diff"
            try Data(b).write(to: URL(fileURLWithPath: file))
            let r = try Subprocess.run(["python3", "-c", """
                import resource, subprocess, sys, json
                p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                json.loads(p.stdout)
                print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
                """, CommandLineTests.binary, "parse", "--patch", file, "--json"])
            let parts = String(decoding: r.stdout, as: UTF8.self).split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            #expect(r.status == 0 && parts.count == 2 && parts[0] == 0, "case \(n): \(r.stderrText)")
            #expect((parts.last ?? .max) < 2 * b.count + 50_000_000, "case \(n): peak \((parts.last ?? 0) / 1_000_000) MB")
        }
    }

    @Test func aRangeReviewOfTheRepositoryReadsTheNotebookAsCells() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let r = try cli.run(["scan", "HEAD~1..HEAD", "--format", "json"], in: repo.path)
        #expect(r.status == 0, "\(r.stderrText)")
        let hints = try #require((try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])?["hints"] as? [[String: Any]])
        #expect(hints.contains { $0["path"] as? String == "added.py" && $0["rule"] as? String == "DESER-001" })
        #expect(hints.contains { $0["path"] as? String == "eda.ipynb" && $0["cell"] as? Int == 2 }, "\(hints)")
    }
}
