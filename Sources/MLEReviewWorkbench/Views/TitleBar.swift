import MLEReviewCore

/// The first row: what is under review, its size, how much is viewed, and the live decision.
enum TitleBar {
    static func draw(_ wb: Workbench, into g: inout Grid) {
        g.fill(row: 0, role: .titleBar)
        let d = wb.document.diff
        let viewed = wb.viewedCount
        var source = wb.sourceLabel
        if let base = wb.review.source.baseCommit, let head = wb.review.source.headCommit {
            source += " (\(base.prefix(7))..\(head.prefix(7)))"
        } else if let base = wb.review.source.baseCommit, wb.review.source.kind == .range {
            // Uncommitted changes: "HEAD" alone read as the commit, which `verify` will not cover.
            source += " (\(base.prefix(7))..uncommitted changes)"
        }
        // While loading only the first files are known: no counts that would be wrong.
        let size = " │ \(plural(d.files.count, "file")) +\(d.additions) -\(d.deletions)"
        let countChoices = wb.loading == nil ? [size + " │ viewed \(viewed)/\(d.files.count)", size, ""] : [""]
        let v = wb.verdict
        let decision = wb.review.finish?.decision ?? v.decision
        let right = wb.loading ?? wb.decisionLabel(v)
        // The decision's colour only once it is final: an untouched review must not look approved.
        let role: Role = wb.verdictIsFinal(v) ? decision.role : .titleBar
        let lock = (wb.runningLabel.map { $0 + " │ " } ?? "") + (wb.tampered != nil ? "TAMPERED " : "") + (wb.isReadOnly ? "READ-ONLY " : "")
        // Who else is here and where: "with Grace (navigator) train.py:26".
        var prefix = " mle-review │ "
        var pair = ""
        if !wb.others.isEmpty {
            // Long names and a long decision left no room for what is under review: the tool's
            // name gives way first, then where the partner is, then the end of the names; the
            // source keeps sixteen columns.
            let room = wb.layout.width - DisplayText.columns(right) - DisplayText.columns(lock) - 3
                - DisplayText.columns(prefix) - min(16, DisplayText.columns(source))
            let lead = wb.following != nil ? "following " : "with "
            func who(at: Bool) -> String {
                wb.others.map { p in
                    // The same reviewer in a second terminal read "with Ada (reviewer)" to Ada.
                    let name = p.name == wb.reviewer?.name ? "you in another terminal" : "\(p.name) (\(p.role.rawValue))"
                    let place = p.path.map { " " + ($0.split(separator: "/").last.map(String.init) ?? $0) + (p.line.map { ":\($0)" } ?? "") }
                    return name + (at ? place ?? "" : "")
                }.joined(separator: ", ")
            }
            let whole = lead + who(at: true), names = lead + who(at: false)
            let bare = room + DisplayText.columns(prefix) - 1
            if DisplayText.columns(whole) + 3 > room { prefix = " " }
            let fitted = DisplayText.columns(whole) + 3 <= bare ? whole
                : DisplayText.columns(names) + 3 <= bare ? names : Fit.keepStart(names, max(6, bare - 3))
            pair = fitted + " │ "
        }
        let rightStart = max(0, wb.layout.width - DisplayText.columns(right) - DisplayText.columns(lock) - DisplayText.columns(pair) - 2)
        // A long patch path gives up its start before the counts go: the file's name and how
        // much is viewed are what the reviewer reads here. Where both cannot fit (a pair's
        // names on the right), the name's end keeps sixteen columns and the counts give way. A
        // label that is no path (the demo's description) keeps its start instead.
        // The counts go whole segments at a time ("viewed", then the sizes), never cut mid-word.
        let space = rightStart - 1 - DisplayText.columns(prefix)
        let minimum = min(16, DisplayText.columns(source))
        let counts = countChoices.first { space - DisplayText.columns($0) >= minimum } ?? ""
        let room = max(space - DisplayText.columns(counts), minimum)
        let fitted = DisplayText.columns(source) <= room ? source : source.contains("/") ? Fit.keepEnd(source, room) : Fit.keepStart(source, room)
        let left = prefix + fitted + counts
        g.put(Fit.keepStart(left, rightStart - 1), row: 0, col: 0, role: .titleBar, limit: rightStart)
        var after = g.put(pair, row: 0, col: rightStart, role: .titleBar)
        after = g.put(lock, row: 0, col: after, role: .warning)
        g.put(right, row: 0, col: after, role: role)
    }
}
