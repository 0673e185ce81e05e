import Foundation
import MLEReviewCore

/// Measures the workbench without a terminal: how long until the first screen is drawn, what
/// one keystroke costs (state change plus drawing the grid), jumping to the end and searching
/// there, and peak memory. `mle-review bench` prints it; Benchmarks/workbench.sh compares it
/// with tig.
public enum WorkbenchBenchmark {
    public struct Report: Sendable {
        public var bytes: Int
        public var rows: Int
        public var phases: [(String, Double)]
        public var keys: [(String, [Double])]
        public var jumps: [(String, Double)]
        public var peakBytes: Int

        public func text() -> String {
            var out = "diff: \(bytes) bytes, \(rows) rows\n"
            for (name, s) in phases { out += "  \(name.padding(34)) \(ms(s))\n" }
            out += "  keystroke (handle + draw), \(keys.first?.1.count ?? 0) presses each:\n"
            for (name, samples) in keys {
                let sorted = samples.sorted()
                func pct(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
                out += "    \(name.padding(8)) p50 \(ms(pct(0.5)))  p90 \(ms(pct(0.9)))  p99 \(ms(pct(0.99)))  max \(ms(sorted.last ?? 0))\n"
                out += "             " + histogram(sorted) + "\n"
            }
            for (name, s) in jumps { out += "  \(name.padding(34)) \(ms(s))\n" }
            out += "  peak memory                        \(String(format: "%.1f", Double(peakBytes) / 1e6)) MB (\(String(format: "%.2f", Double(peakBytes) / Double(max(bytes, 1))))x the diff)\n"
            return out
        }

        func ms(_ s: Double) -> String { String(format: "%8.3f ms", s * 1000) }

        /// Counts per latency bucket: <0.1, <0.25, <0.5, <1, <2, <5, >=5 ms.
        func histogram(_ sorted: [Double]) -> String {
            let edges = [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, Double.infinity]
            let labels = ["<0.1ms", "<0.25", "<0.5", "<1", "<2", "<5", ">=5"]
            var counts = Array(repeating: 0, count: edges.count)
            for s in sorted { counts[edges.firstIndex { s < $0 }!] += 1 }
            return zip(labels, counts).map { "\($0):\($1)" }.joined(separator: " ")
        }
    }

    public static func run(bytes: [UInt8], width: Int = 120, height: Int = 40, presses: Int = 500) -> Report {
        let clock = ContinuousClock()
        func time<T>(_ body: () -> T) -> (T, Double) {
            let start = clock.now
            let value = body()
            let d = clock.now - start
            return (value, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
        var phases: [(String, Double)] = []
        let (parsed, tParse) = time { DiffParser.parse(bytes) }
        phases.append(("parse", tParse))
        let (doc, tDoc) = time { DiffDocument(parsed) }
        phases.append(("row index", tDoc))
        let checklist = ChecklistLoader.builtIn
        let review = Review(source: ReviewSource(kind: .patch, diffSHA256: ""), checklist: ChecklistRef(checklist))
        var wb = Workbench(document: doc, review: review, checklist: checklist, reviewer: nil, sourceLabel: "bench", width: width, height: height)
        let (_, tFirst) = time { Screen.render(wb) }
        phases.append(("first screen drawn", tFirst))
        phases.append(("total to first screen", tParse + tDoc + tFirst))

        var keys: [(String, [Double])] = []
        // A key pressed `presses` times, each press timed with the frame it draws.
        func pressed(_ key: Key) -> [Double] {
            (0..<presses).map { _ in time { () -> Grid in _ = wb.handle(key); return Screen.render(wb) }.1 }
        }
        for (name, key, reset) in [("j", Key.char("j"), false), ("PgDn", Key.pageDown, false), ("]", Key.char("]"), false), ("k", Key.char("k"), true)] {
            if reset { wb.diffPane.cursor = doc.rowCount / 2; wb.diffPane.scroll = wb.diffPane.cursor }
            keys.append((name, pressed(key)))
        }
        // Whitespace-only lines dimmed (W on a patch): each hunk reached is matched once.
        _ = wb.handle(.char("W"))
        wb.diffPane.cursor = 0
        wb.diffPane.scroll = 0
        keys.append(("W ]", pressed(.char("]"))))
        _ = wb.handle(.char("W"))
        // The file list: moving, and typing a filter (each key re-filters every path).
        wb.focus = .files
        keys.append(("files j", pressed(.char("j"))))
        var filterKeys: [Double] = []
        let letters = Array("testpy")
        for i in 0..<presses {
            if i % letters.count == 0 { _ = wb.handle(.escape); _ = wb.handle(.char("f")) }
            filterKeys.append(time { () -> Grid in _ = wb.handle(.char(letters[i % letters.count])); return Screen.render(wb) }.1)
        }
        _ = wb.handle(.escape)
        keys.append(("filter", filterKeys))
        // The file list as a tree, every other file viewed (each folder row counts its viewed files).
        for i in stride(from: 0, to: doc.files.count, by: 2) { wb.review.viewedFiles[doc.files[i].path] = doc.hash(ofFile: i) }
        _ = wb.handle(.char("`"))
        wb.filesPane.cursor = 0
        wb.filesPane.scroll = 0
        keys.append(("tree j", pressed(.char("j"))))
        _ = wb.handle(.char("`"))
        wb.review.viewedFiles = [:]
        wb.focus = .diff

        var jumps: [(String, Double)] = []
        wb.diffPane.cursor = 0
        let (_, tG) = time { () -> Grid in _ = wb.handle(.char("G")); return Screen.render(wb) }
        jumps.append(("G (end of the diff) + draw", tG))
        // A line near the end: search for its text from the top.
        let needle = nearEndText(doc)
        wb.diffPane.cursor = 0
        // As a reviewer types it: / and the text; every key searches the whole diff and moves
        // the cursor (the first key, one character, finds the most matches).
        // As in the terminal loop, a large diff's matches are counted beside the keys: timed
        // apart, and handed over before the next key (as they are when keys come slower).
        wb.countsInBackground = true
        var counts: [Double] = []
        func countBeside() {
            guard let q = wb.countRequest else { return }
            wb.countRequest = nil
            let (m, t) = time { DiffSearch.all(q, in: wb.document) }
            counts.append(t)
            wb.searchCounted(q, m)
        }
        _ = wb.handle(.char("/"))
        var typed: [Double] = []
        for c in needle {
            typed.append(time { () -> Grid in _ = wb.handle(.char(c)); return Screen.render(wb) }.1)
            countBeside()
        }
        jumps.append(("search as typed, slowest key + draw", typed.max() ?? 0))
        jumps.append(("search as typed, median key + draw", typed.sorted()[typed.count / 2]))
        // A small diff is counted at once: then there is no count beside the keys to show.
        if let slowest = counts.max() { jumps.append(("  its counts beside the keys, slowest", slowest)) }
        let (_, tSearch) = time { () -> Grid in _ = wb.handle(.enter); return Screen.render(wb) }
        jumps.append(("search near the end (Enter) + draw", tSearch))
        let (_, tNext) = time { () -> Grid in _ = wb.handle(.char("n")); return Screen.render(wb) }
        jumps.append(("next match (n) + draw", tNext))
        // The worst searches to count: one and two common characters, entered.
        for query in ["e", "se"] {
            _ = wb.handle(.char("/"))
            for c in query { _ = wb.handle(.char(c)) }
            let (_, t) = time { () -> Grid in _ = wb.handle(.enter); return Screen.render(wb) }
            jumps.append(("search \"\(query)\" (Enter) + draw", t))
            counts = []
            countBeside()
            if let t = counts.first { jumps.append(("  its count beside the keys", t)) }
        }
        return Report(bytes: bytes.count, rows: doc.rowCount, phases: phases, keys: keys, jumps: jumps,
                      peakBytes: ResourceUsage.peakResidentBytes())
    }

    /// Text of an added or removed line close to the end of the diff.
    static func nearEndText(_ doc: DiffDocument) -> String {
        var r = doc.rowCount - 1
        while r > 0 {
            if let range = doc.byteRange(ofRow: r), range.count > 12 {
                let text = String(decoding: doc.diff.bytes[range], as: UTF8.self).trimmingSpaces()
                if text.count > 12 && !text.contains("\u{FFFD}") { return String(text.prefix(40)) }
            }
            r -= 1
        }
        return "zzzz"
    }
}
