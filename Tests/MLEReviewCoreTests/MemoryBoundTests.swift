import Foundation
import MLEReviewCore
import Testing

/// Issue 14, unbounded inputs: peak memory of a command stays under about twice its input plus
/// 50 MB, on the inputs that blew it up (a million one-line hunks for `parse --json`, two million
/// identical hazards for `scan --format json`), here at a fifth of the size to keep the suite fast.
struct MemoryBoundTests {
    let cli = CommandLineTests()

    /// Runs the binary under python's resource module and returns its peak RSS in bytes.
    func peak(_ args: [String]) throws -> (status: Int32, bytes: Int, stdout: Int) {
        let r = try Subprocess.run(["python3", "-c", """
            import resource, subprocess, sys
            p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, len(p.stdout))
            """, CommandLineTests.binary] + args)
        let parts = String(decoding: r.stdout, as: UTF8.self).split(separator: " ").map { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }
        try #require(parts.count == 3, "\(r.stderrText)")
        return (Int32(parts[0]), parts[1], parts[2])
    }

    @Test func parseJSONOfManyHunksIsStreamed() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var text = "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n"
        for i in 1...200_000 { text += "@@ -\(i * 3) +\(i * 3) @@\n-x\n+y\n" }
        try text.write(toFile: dir + "/h.diff", atomically: true, encoding: .utf8)
        let input = text.utf8.count
        let r = try peak(["parse", "--patch", dir + "/h.diff", "--json"])
        print("parse --json: \(input) bytes in, \(r.stdout) bytes out, peak \(r.bytes / 1_000_000) MB")
        #expect(r.status == 0 && r.stdout > 8 * input)
        #expect(r.bytes < 2 * input + 50_000_000, "peak \(r.bytes / 1_000_000) MB for \(input / 1_000_000) MB in")
    }

    @Test func scanOfManyIdenticalHazardsIsBoundedAndSummed() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let count = 400_000
        let text = "diff --git a/a.py b/a.py\nnew file mode 100644\n--- /dev/null\n+++ b/a.py\n@@ -0,0 +1,\(count) @@\n"
            + String(repeating: "+m = pickle.load(f)\n", count: count)
        try text.write(toFile: dir + "/p.diff", atomically: true, encoding: .utf8)
        let input = text.utf8.count
        let r = try peak(["scan", "--patch", dir + "/p.diff", "--format", "json"])
        print("scan --format json: \(input) bytes in, peak \(r.bytes / 1_000_000) MB")
        #expect(r.status == 0)
        #expect(r.bytes < 2 * input + 50_000_000, "peak \(r.bytes / 1_000_000) MB for \(input / 1_000_000) MB in")
        let json = try cli.run(["scan", "--patch", dir + "/p.diff", "--format", "json"])
        let hints = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])?["hints"] as? [[String: Any]])
        #expect(hints.count == HintScanner.perRuleLimit + 1)
        #expect((hints.last?["title"] as? String)?.hasSuffix("(and \(count - HintScanner.perRuleLimit) more like it in this file)") == true)
    }

    /// Issue 19: hazard-dense ML code in many files (every line something a rule reads), so that
    /// the data flow, the relational rules and the many hints all weigh in; Benchmarks/scan.sh
    /// runs the same at 2,000,000 lines.
    @Test func scanOfDenseMLCodeInManyFilesIsBounded() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = [
            "X_train, X_test, y_train, y_test = train_test_split(X{i}, y, test_size=0.2)", "scaler{i} = StandardScaler().fit(X_train)",
            "p{i} = model.predict_proba(scaler{i}.transform(X_test))[:, 1]", "if p{i}[0] > 0.73:",
            "    decisions.append(roc_auc_score(y_train, model.predict(X_train)))", "df{i}['x'] = df{i}['x'].fillna(df{i}['x'].mean())",
            "logger.info('scored %s %s', user.email, p{i})", "state = torch.load(path{i})",
        ]
        var text = ""
        for k in 0..<100 {
            text += "diff --git a/pkg/m\(k).py b/pkg/m\(k).py\nnew file mode 100644\n--- /dev/null\n+++ b/pkg/m\(k).py\n@@ -0,0 +1,1000 @@\n"
            for j in 0..<1000 { text += "+" + lines[j % lines.count].replacingOccurrences(of: "{i}", with: String(j)) + "\n" }
        }
        try text.write(toFile: dir + "/d.diff", atomically: true, encoding: .utf8)
        let input = text.utf8.count
        let r = try peak(["scan", "--patch", dir + "/d.diff"])
        print("scan of dense ML code: \(input) bytes in, \(r.stdout) bytes out, peak \(r.bytes / 1_000_000) MB")
        #expect(r.status == 0 && r.stdout > input / 2)
        #expect(r.bytes < 2 * input + 50_000_000, "peak \(r.bytes / 1_000_000) MB for \(input / 1_000_000) MB in")
    }
}
