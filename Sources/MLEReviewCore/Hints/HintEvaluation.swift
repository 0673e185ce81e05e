/// How well the scanner finds what the corpus's labels say, per family, on the development part and
/// on the held-out part (a quarter of the cases, fixed by a seeded hash of their names, that no rule
/// change may be tuned on: the misses it lists are the development part's only).
public struct HintEvaluation: Sendable {
    public struct Tally: Sendable, Equatable {
        public var labels = 0, found = 0, hints = 0, falseAlarms = 0
        public init(labels: Int = 0, found: Int = 0, hints: Int = 0, falseAlarms: Int = 0) {
            self.labels = labels
            self.found = found
            self.hints = hints
            self.falseAlarms = falseAlarms
        }
        public var recall: Double { labels == 0 ? 1 : Double(found) / Double(labels) }
        public var precision: Double { hints == 0 ? 1 : Double(hints - falseAlarms) / Double(hints) }

        static func + (a: Tally, b: Tally) -> Tally {
            Tally(labels: a.labels + b.labels, found: a.found + b.found, hints: a.hints + b.hints, falseAlarms: a.falseAlarms + b.falseAlarms)
        }
    }

    public struct Part: Sendable {
        public var cases = 0, negatives = 0
        public var families: [Hint.Family: Tally] = [:]
        public var total: Tally { families.values.reduce(Tally(), +) }
    }

    public var development = Part(), heldOut = Part()
    /// Development cases only: a label no hint found, and a hint no label asked for.
    public var misses: [String] = [], falseAlarms: [String] = []

    /// The held-out quarter: FNV-1a (64 bits) of a fixed seed and the case name.
    public static func isHeldOut(_ name: String) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "mle-review hint corpus, held out v1:\(name)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash % 4 == 0
    }

    public init(cases: [HintCorpusCase], rules: [HintRule] = HintRules.all) {
        for c in cases {
            let heldOut = Self.isHeldOut(c.name)
            var part = heldOut ? self.heldOut : development
            part.cases += 1
            if c.labels.isEmpty { part.negatives += 1 }
            // One hint per family and line: two rules agreeing on a line are one answer.
            var seen: Set<String> = []
            let hints = HintScanner.scan(DiffParser.parse(c.diff), rules: rules)
                .filter { $0.waiver == nil && seen.insert("\($0.family) \($0.path) \($0.line)").inserted }
            func matches(_ h: Hint, _ l: HintCorpusCase.Label) -> Bool { h.family == l.family && h.path == l.path && l.lines.contains(h.line) }
            for label in c.labels {
                part.families[label.family, default: Tally()].labels += 1
                if hints.contains(where: { matches($0, label) }) {
                    part.families[label.family, default: Tally()].found += 1
                } else if !heldOut {
                    misses.append("\(c.name): \(label.family.rawValue) \(label.path):\(label.lines.lowerBound) \(label.why)")
                }
            }
            for hint in hints {
                part.families[hint.family, default: Tally()].hints += 1
                guard !c.labels.contains(where: { matches(hint, $0) }) else { continue }
                part.families[hint.family, default: Tally()].falseAlarms += 1
                if !heldOut { falseAlarms.append("\(c.name): \(hint.rule) \(hint.path):\(hint.line) \(hint.title)") }
            }
            if heldOut { self.heldOut = part } else { development = part }
        }
    }

    /// The table `scan --evaluate` prints and the README shows.
    public func table() -> String {
        var out = ""
        for (title, part) in [("development", development), ("held-out", heldOut)] {
            out += "\(title): \(part.cases) cases (\(part.negatives) hard negatives)\n"
            out += "family                   labels  found  recall   hints  false  precision\n"
            for family in Hint.Family.allCases {
                out += Self.row(family.rawValue, part.families[family] ?? Tally())
            }
            out += Self.row("all", part.total) + "\n"
        }
        return out
    }

    static func row(_ name: String, _ t: Tally) -> String {
        func pad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        func ratio(_ x: Double) -> String { let hundredths = Int((x * 100).rounded()); return "\(hundredths / 100).\(pad(String(hundredths % 100), 2).replacingOccurrences(of: " ", with: "0"))" }
        return name + String(repeating: " ", count: max(1, 24 - name.count)) + pad("\(t.labels)", 7) + pad("\(t.found)", 7)
            + pad(ratio(t.recall), 8) + pad("\(t.hints)", 8) + pad("\(t.falseAlarms)", 7) + pad(ratio(t.precision), 11) + "\n"
    }
}
