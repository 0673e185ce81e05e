import MLEReviewCore

/// A finding (or hint, or test run) of the Findings pane read whole, the row it was opened on
/// held by its key: its issue and fix, where it came from and what became of it. The list shows one line of each, and judging
/// an AI reviewer's proposal meant opening the edit form to read it. Accepting, dismissing and
/// editing work from here as from the list.
enum FindingDetailOverlay: Component {
    static let scope = Scope.findingDetail

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard case .finding(let key, let scroll) = wb.overlay else { return [] }
        if let top = ScrolledText.moved(action, from: scroll, count: lines(wb, width: width(wb.layout.width)).count, screenHeight: wb.layout.height) {
            wb.replace(with: .finding(row: key, scroll: top))
            return []
        }
        switch action {
        case .acceptFinding, .dismissFinding, .editFinding:
            // As the list does it, on the row read here, wherever the list has it now (a pair's
            // change moves rows; the one under the cursor may be another).
            guard wb.findingsRows.contains(where: { $0.key == key }) else {
                wb.say("it is no longer in the list: your pair deleted it (or took the hint as a finding)", error: true)
                return []
            }
            wb.close()
            wb.followFindingsRow { $0.key == key }
            return FindingsPane.perform(action, on: &wb)
        case .close: wb.close()
        default: break
        }
        return []
    }

    static func width(_ screen: Int) -> Int { ScrolledText.width(screen) }

    typealias Line = ScrolledText.Line

    static func lines(_ wb: Workbench, width: Int) -> [Line] {
        var out: [Line] = []
        // A finding's words keep their own line breaks; each line wraps under itself.
        func add(_ text: String, _ role: Role = .overlay, indent: Int = 1) { ScrolledText.add(text, role, indent: indent, boxWidth: width, to: &out) }
        func section(_ label: String, _ text: String) {
            out.append(("", .overlay, 1))
            add(label, .paneTitleFocused)
            add(text.isEmpty ? "(none given)" : text, text.isEmpty ? .dim : .overlay, indent: 3)
        }
        guard case .finding(let key, _) = wb.overlay, let row = wb.findingsRows.first(where: { $0.key == key }) else {
            return [("No longer in the list: your pair deleted it (or took the hint as a finding). Esc closes.", .warning, 1)]
        }
        // An AI reviewer's proposal and a hint on one line are often one point: judging one, the
        // reviewer is told of the other (dismissed as a duplicate, it leaves the verdict's list).
        func alsoHere(_ place: Location) {
            guard let line = place.line else { return }
            let others = wb.findingsRows.filter { other in
                if case .dismissedHint = other { return false }
                return other.key != key && other.isOn(place.path, side: place.side, line: line)
            }
            for other in others {
                switch other {
                case .finding(let g): add("Also on this line: [\(g.severity.rawValue)] \(g.title) (\(g.statusLabel))", .hint)
                case .hint(let h): add("Also on this line: [\(h.severity.rawValue)] hint \(h.rule) \(h.title)", .hint)
                default: break
                }
            }
        }
        switch row {
        case .finding(let f):
            add("[\(f.severity.rawValue)] \(f.title)", f.severity.role)
            add("File: \(f.location.shown)" + (f.isOutdated ? "  (outdated: \(Finding.outdatedReason))" : ""))
            if let line = ExportContext.lineText(f.location, in: wb.document.diff) { add("Line: " + line.trimmingSpaces(), .dim, indent: 3) }
            var status = "Status: \(f.statusLabel)"
            if let from = f.source { status += f.status == .proposed ? " by \(from), not judged yet" : " · proposed by \(from)" }
            if let author = f.author, f.origin == .typed { status += " · by \(author)" }
            add(status, f.status == .proposed ? .warning : .overlay)
            add("Risk: \(f.riskLabel)")
            if let item = f.itemID.flatMap(wb.checklist.item) { add("Checklist item: \(item.title)") }
            if let link = f.pullRequestComment { add("On the pull request: \(link)", .dim) }
            alsoHere(f.location)
            section("Issue", f.issue)
            section("Fix", f.fix)
        case .hint(let h), .dismissedHint(let h):
            add("[\(h.severity.rawValue)] \(h.title)", h.severity.role)
            add("Hint \(h.rule) at \(h.location.description)" + (h.cell.map { " (cell \($0))" } ?? ""))
            if let line = ExportContext.lineText(h.location, in: wb.document.diff) { add("Line: " + line.trimmingSpaces(), .dim, indent: 3) }
            if let waiver = h.waiver {
                add("Waived in the code: \(waiver)", .dim)
            } else if wb.dismissedHints.contains(h.key) {
                add("Status: " + Finding.statusLabel(.dismissed, dismissal: wb.hintDismissalReasons[h.key]))
            } else {
                add("Status: not judged yet" + (h.severity == .low ? "" : " (APPROVE waits for it)"), .warning)
            }
            alsoHere(h.location)
            section("Issue", h.issue)
            section("Fix", h.fix)
        case .testRun(let t):
            add("\(t.outcome.rawValue): \(t.command)", t.outcome.isFailure && !t.isExplained ? .error : .overlay)
            add(t.provenance, .dim)
            section("Summary", t.summary)
            if let e = t.explanation { section("Why the failure is acceptable", e) }
        }
        return out
    }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        guard case .finding(_, let scroll) = wb.overlay else { return }
        let width = width(g.width)
        let all = lines(wb, width: width)
        ScrolledText.draw(count: all.count, line: { all[$0] }, name: "Finding", scope: .findingDetail, of: wb, scroll: scroll, width: width, into: &g)
    }
}
