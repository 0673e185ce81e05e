import MLEReviewCore

/// What the other reviewer of a pair just changed, in one status line: the review reloads
/// under the reviewer without a key, and a finding appearing in a list they are not looking at
/// went unnoticed. Said like GitHub's timeline: who, what, where.
enum PairNews {
    /// `Bo Chen added [HIGH] Exception swallowed (serving/app.py:7)`, `… (and 2 more changes)`;
    /// nil when nothing a reader acts on changed (a viewed mark, a role swap).
    /// - Parameters:
    ///   - actor: who last changed a finding (by its id) or, for nil, the override: the review's
    ///     history knows, where a status or an edit carries no author (someone on the command
    ///     line may have made it, not the reviewer on screen).
    ///   - other: named when the history does not say, if one other reviewer is present.
    ///   - hints: the hint dismissals before (their keys) and after: a dismissed hint no longer
    ///     waits for APPROVE, so it changes the verdict under the pair as a finding does.
    static func describe(before: Review, after: Review, me: String?, other: String?, checklist: Checklist,
                         hints: (before: Set<String>, after: [HintDismissal]) = ([], []),
                         actor: (String?) -> String? = { _ in nil }) -> String? {
        var news: [String] = []
        let someone = other ?? "your pair"
        func name(_ n: String?) -> String { n.flatMap { $0.isEmpty ? nil : $0 } ?? someone }
        func by(_ subject: String?) -> String { name(actor(subject)) }
        func itemTitle(_ id: String) -> String { "\"" + (checklist.item(id)?.title ?? id) + "\"" }
        let old = Dictionary(before.findings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for f in after.findings {
            let what = "[\(f.severity.rawValue)] \(f.title) (\(f.location.shown))"
            guard let was = old[f.id] else {
                // An import (by anyone, from the command line too) brings its tool's or file's findings.
                if case .imported = f.origin, let source = f.source { news.append("imported from \(source): \(what)") }
                else if f.author != me || f.author == nil { news.append("\(name(f.author)) added \(what)") }
                continue
            }
            if was.status != f.status {
                news.append("\(by(f.id)) \(verb(f.status, from: was.status)) \(what)")
            } else if edited(was, f) {
                news.append("\(by(f.id)) edited \(what)")
            }
        }
        let kept = Set(after.findings.map(\.id))
        for f in before.findings where !kept.contains(f.id) {
            news.append("\(by(f.id)) deleted [\(f.severity.rawValue)] \(f.title)")
        }
        for (id, mark) in after.items.sorted(by: { $0.key < $1.key }) where mark.setBy != me {
            let noted = (mark.note ?? "") != (before.items[id]?.note ?? "") && !(mark.note ?? "").isEmpty
            if (before.items[id]?.state ?? .unchecked) != mark.state {
                news.append("\(name(mark.setBy)) set \(itemTitle(id)) to \(mark.state.rawValue)" + (noted ? " with a note" : ""))
            } else if noted {
                news.append("\(name(mark.setBy)) wrote a note on \(itemTitle(id))")
            }
        }
        for id in before.items.keys.sorted() where after.items[id] == nil {
            news.append("\(someone) set \(itemTitle(id)) back to undecided")
        }
        let runs = Set(before.testsRun.map(\.id))
        for t in after.testsRun where !runs.contains(t.id) && t.recordedBy != me {
            news.append("\(name(t.importedFrom == nil ? t.recordedBy : nil)) recorded a test run: \(t.command) \(t.outcome.rawValue)")
        }
        let remaining = Set(after.testsRun.map(\.id))
        for t in before.testsRun where !remaining.contains(t.id) {
            news.append("\(by(t.id)) deleted the test run \(t.command) (\(t.outcome.rawValue))")
        }
        for d in hints.after where !hints.before.contains(d.key) && d.by != me {
            news.append("\(name(d.by)) dismissed hint \(d.key)" + (d.reason.map { " (\($0.label))" } ?? ""))
        }
        let stillDismissed = Set(hints.after.map(\.key))
        for key in hints.before.sorted() where !stillDismissed.contains(key) {
            news.append("\(someone) brought back hint \(key)")
        }
        if before.override != after.override {
            news.append(after.override.map { "\(by(nil)) overrode the decision to \($0.decision.rawValue)" } ?? "\(by(nil)) removed the override")
        }
        guard let first = news.first else { return nil }
        return news.count == 1 ? first : first + " (and \(news.count - 1) more change\(news.count == 2 ? "" : "s"))"
    }

    /// What a reader sees of a finding changed (times are stored to the millisecond, so the
    /// reviewer's own copy differs from the stored one in them alone).
    static func edited(_ a: Finding, _ b: Finding) -> Bool {
        a.severity != b.severity || a.title != b.title || a.location != b.location || a.issue != b.issue || a.fix != b.fix || a.risk != b.risk
    }

    static func verb(_ status: FindingStatus, from: FindingStatus) -> String {
        switch status {
        case .open: return from == .proposed ? "accepted" : "reopened"
        case .resolved: return "resolved"
        case .dismissed: return "dismissed"
        case .proposed: return "restored as proposed"
        }
    }
}
