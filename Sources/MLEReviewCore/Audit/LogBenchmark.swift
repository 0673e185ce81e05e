import Foundation

/// `mle-review bench log`: builds a store of N finished reviews (in one transaction, so building
/// it is not what is measured) and times what a lead runs on it.
public enum LogBenchmark {
    public struct Figures: Sendable {
        public var reviews: Int
        public var storeBytes: Int
        public var seconds: [(String, Double)]
        public var peakRSSMB: Double

        public func text() -> String {
            var out = "log benchmark: \(reviews) finished reviews, store \(storeBytes / 1_048_576) MB\n"
            for (label, s) in seconds { out += "  " + label.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: "%7.3f s\n", s) }
            out += String(format: "  peak RSS %.0f MB\n", peakRSSMB)
            return out
        }
    }

    /// - Parameter keep: build the store here and leave it (for timing whole `mle-review log` runs).
    public static func run(reviews: Int, directory: String, keep: String? = nil) throws(InputError) -> Figures {
        let path = keep ?? directory + "/bench-\(UUID().uuidString.prefix(8)).sqlite"
        defer { if keep == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } } }
        if FileManager.default.fileExists(atPath: path) { throw InputError("\(path): already exists; the benchmark builds a new store") }
        let store = try ReviewStore(path: path)
        try store.seed(reviews: reviews)
        var seconds: [(String, Double)] = []
        func time(_ label: String, _ body: () throws(InputError) -> Int) throws(InputError) {
            let start = DispatchTime.now().uptimeNanoseconds
            let n = try body()
            seconds.append(("\(label) (\(n) rows)", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        }
        try time("log, table") { () throws(InputError) in
            let e = try store.log()
            _ = LogReport.text(e)
            return e.count
        }
        try time("log --json") { () throws(InputError) in
            let e = try store.log()
            _ = LogReport.json(e)
            return e.count
        }
        try time("log --decision block --reviewer ada") { () throws(InputError) in
            try store.log(LogFilter(decision: .block, reviewer: "ada")).count
        }
        try time("log --path 'features/*'") { () throws(InputError) in try store.log(LogFilter(pathGlob: "features/*")).count }
        try time("stats") { () throws(InputError) in
            let e = try store.log()
            _ = try store.stats(e, checklist: ChecklistLoader.builtIn).text()
            return e.count
        }
        try time("log --verify (whole chain)") { () throws(InputError) in try store.verifyChain().records }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        return Figures(reviews: reviews, storeBytes: size + wal, seconds: seconds, peakRSSMB: Double(ResourceUsage.peakResidentBytes()) / 1_048_576)
    }
}

extension ReviewStore {
    /// N finished reviews that look like real ones: two reviewers, a few findings, a third of the
    /// checklist decided, a small diff of their own, all chained.
    func seed(reviews: Int) throws(InputError) {
        let items = ChecklistLoader.builtIn.items.map(\.id)
        let names = ["Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret"]
        let areas = ["features", "training", "serving", "monitoring", "eval"]
        try saveChecklist(ChecklistLoader.builtIn)
        let path = self.path
        try write { db in
            var clock = Date(timeIntervalSince1970: 1_780_000_000)
            for n in 0..<reviews {
                clock = clock.addingTimeInterval(1800)
                let files = (0..<4).map { "\(areas[(n + $0) % areas.count])/module_\(n % 97)_\($0).py" }
                var diff = ""
                for f in files { diff += "diff --git a/\(f) b/\(f)\n--- a/\(f)\n+++ b/\(f)\n@@ -1 +1,2 @@\n x = 1\n+y = \(n)\n" }
                let bytes = Array(diff.utf8)
                let sha = Hashing.sha256Hex(bytes)
                try Self.storeDiff(db, sha: sha, bytes: bytes, paths: files, replace: false)
                var r = Review(source: ReviewSource(kind: .range, range: "main...topic-\(n)", baseCommit: String(repeating: "a", count: 40),
                                                    headCommit: String(format: "%040x", n), diffSHA256: sha),
                               checklist: ChecklistRef(ChecklistLoader.builtIn),
                               reviewers: [Reviewer(name: names[n % names.count]), Reviewer(name: names[(n + 1) % names.count], role: .navigator)],
                               createdAt: clock)
                for (k, item) in items.enumerated() where (k + n) % 3 == 0 {
                    r.items[item] = ItemMark(state: (k + n) % 7 == 0 ? .fail : .pass, setBy: r.reviewers[0].name, setAt: clock)
                }
                for k in 0..<(n % 5) {
                    r.findings.append(Finding(severity: Severity.allCases[(n + k) % 4], title: "finding \(k) of \(n)",
                                              location: Location(path: files[k % files.count], line: 2),
                                              risk: RiskCategory.allCases[(n + k) % RiskCategory.allCases.count], createdAt: clock))
                }
                r.testsRun = [TestRun(command: "pytest -q", outcome: .passed, recordedAt: clock)]
                try Self.insert(db, r, path: path)
                let decision = Decision.allCases[n % 3]
                _ = try Self.finish(db, r.id, decision: decision, primaryRisks: decision == .approve ? [] : [r.findings.first?.risk ?? .other],
                                    by: r.reviewers[0].name, at: clock.addingTimeInterval(600), path: path)
            }
        }
    }
}
