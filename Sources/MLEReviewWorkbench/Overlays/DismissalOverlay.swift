import MLEReviewCore

/// Asked when a proposed finding or a hint is dismissed: was it wrong, a duplicate, or true but
/// minor? `stats` reads a source's precision from the answers (a duplicate was not a mistake);
/// Enter dismisses without a reason, Esc keeps it.
enum DismissalOverlay: Component {
    static let scope = Scope.dismissal

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard case .dismissal(let d) = wb.overlay else { return [] }
        let reason: DismissalReason?
        switch action {
        case .dismissWrong: reason = .wrong
        case .dismissDuplicate: reason = .duplicate
        case .dismissMinor: reason = .minor
        case .dismissWithoutReason: reason = nil
        case .no:
            wb.close()
            wb.say("kept: nothing changed")
            return []
        default: return []
        }
        wb.close()
        // The pair's partner may have finished the review while the question was open.
        if wb.isReadOnly { wb.say(wb.readOnlyReason, error: true); return [] }
        switch d {
        case .hint(let h): return wb.dismissHint(h, reason: reason)
        case .finding(let id, _): return wb.setFindingStatus(.dismissed, dismissal: reason, findingID: id)
        case .many(let ids, let hints): return wb.dismissMany(ids, hints: hints, reason: reason)
        }
    }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        guard case .dismissal(let d) = wb.overlay else { return }
        let what: String
        switch d {
        case .hint(let h): what = "hint \(h.rule) at \(h.path):\(h.line)"
        case .finding(_, let title): what = title
        case .many(let ids, let hints):
            what = [ids.isEmpty ? nil : "\(ids.count) proposed finding\(ids.count == 1 ? "" : "s")",
                    hints.isEmpty ? nil : "\(hints.count) hint\(hints.count == 1 ? "" : "s")"].compactMap { $0 }.joined(separator: " and ")
        }
        let width = min(84, g.width - 4)
        let rect = Rect(row: max(1, g.height / 2 - 3), col: (g.width - width) / 2, height: 6, width: width)
        PaneFrame.box(rect, title: "Dismiss", into: &g)
        let inner = rect.inner
        let end = inner.col + inner.width - 1
        g.put("Dismiss \(what)?", row: inner.row + 1, col: inner.col + 1, role: .paneTitleFocused, limit: end)
        g.put("Why? It counts in the source's precision (stats): a duplicate was not wrong.",
              row: inner.row + 2, col: inner.col + 1, role: .overlay, limit: end)
        g.put(wb.keymap.footerText([.dismissal]), row: inner.row + 3, col: inner.col + 1, role: .hint, limit: end)
    }
}

extension Workbench {
    /// Dismisses a selection's proposals and hints with one reason; one the pair's partner
    /// deleted or decided meanwhile is left as it is now.
    mutating func dismissMany(_ ids: [String], hints: [Hint], reason: DismissalReason?) -> [Effect] {
        endFindingsSelection()
        var effects: [Effect] = []
        var count = 0
        for id in ids {
            guard let i = review.findings.firstIndex(where: { $0.id == id }), review.findings[i].status == .proposed else { continue }
            review.findings[i].status = .dismissed
            review.findings[i].dismissal = reason
            effects.append(.setFindingStatus(id: id, status: .dismissed, dismissal: reason))
            count += 1
        }
        for h in hints where !dismissedHints.contains(h.key) {
            dismissedHints.insert(h.key)
            hintDismissalReasons[h.key] = reason
            effects.append(.dismissHint(key: h.key, reason: reason))
            count += 1
        }
        let skipped = ids.count + hints.count - count
        say("dismissed \(count)" + (reason.map { " (\($0.label))" } ?? "") + (skipped > 0 ? "; \(skipped) changed meanwhile, left as they are" : ""))
        clampFindingCursor()
        keepCursorsVisible()
        return effects
    }

    /// The cursor goes to where the selection began (its rows left the list, or moved up),
    /// not to a row past it.
    mutating func endFindingsSelection() {
        if let range = selectedFindingRows { findingsPane.cursor = range.lowerBound }
        findingsPane.anchor = nil
    }
}
