import MLEReviewCore

/// Two reviewers saved the same finding: what differs between the two versions, word by word,
/// and the choice. Nothing else can be done until it is made (the finding is theirs meanwhile).
enum ConflictOverlay: Component {
    static let scope = Scope.conflict

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard let c = wb.conflict else { wb.close(); return [] }
        switch action {
        case .keepMine:
            wb.conflict = nil
            wb.close()
            var mine = c.mine
            mine.updatedAt = .now
            wb.replaceFinding(mine)
            wb.say("kept your version of \(mine.title)")
            return [.saveFinding(mine)]
        case .takeTheirs:
            wb.conflict = nil
            wb.close()
            wb.replaceFinding(c.theirs)
            wb.say("took \(c.saver.map { $0 + "'s" } ?? "their") version")
        case .keepBoth:
            wb.conflict = nil
            wb.close()
            var copy = c.mine
            copy.id = Review.newID(prefix: "f")
            copy.createdAt = .now
            copy.updatedAt = .now
            wb.review.findings.append(copy)
            wb.say("kept both: yours is a new finding beside theirs")
            return [.saveFinding(copy)]
        default: break
        }
        return []
    }

    /// The fields of a finding as the dialog compares them.
    static func fields(_ f: Finding) -> [(String, String)] {
        [("Severity", f.severity.rawValue), ("Title", f.title), ("File", f.location.shown), ("Issue", f.issue), ("Fix", f.fix)]
    }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        guard let c = wb.conflict else { return }
        let width = min(110, g.width - 4), height = min(g.height - 4, 24)
        let rect = Rect(row: max(1, (g.height - height) / 2), col: (g.width - width) / 2, height: height, width: width)
        PaneFrame.box(rect, title: "\(c.who) saved this finding while you were editing it", into: &g)
        let inner = rect.inner
        let end = inner.col + inner.width - 1
        var row = inner.row + 1
        let legend = g.put("−yours ", row: row, col: inner.col + 1, role: .diffRemoved)
        g.put("+theirs (now saved); the rest is the same", row: row, col: legend, role: .diffAdded, limit: end)
        row += 2
        let labelWidth = 10
        let textWidth = max(10, inner.width - labelWidth - 3)
        for ((label, mine), (_, theirs)) in zip(fields(c.mine), fields(c.theirs)) where row < inner.row + inner.height - 2 {
            g.put(label, row: row, col: inner.col + 1, role: mine == theirs ? .hint : .paneTitleFocused)
            // Each word once, marked as yours, theirs or both, and wrapped.
            var col = inner.col + labelWidth + 2
            for piece in WordDiff.pieces(mine, theirs) {
                let role: Role = piece.kind == .removed ? .diffRemoved : piece.kind == .added ? .diffAdded : .overlay
                for word in piece.text.split(separator: " ", omittingEmptySubsequences: false) {
                    let w = String(word).replacingOccurrences(of: "\n", with: " ⏎ ")
                    let cols = DisplayText.columns(w)
                    if col + cols > inner.col + labelWidth + 2 + textWidth {
                        row += 1
                        col = inner.col + labelWidth + 2
                        guard row < inner.row + inner.height - 2 else { break }
                    }
                    col = g.put((piece.kind == .removed ? "−" : piece.kind == .added ? "+" : "") + w + " ", row: row, col: col, role: role, limit: end)
                }
            }
            row += 1
        }
        g.put(wb.keymap.footerText([.conflict]), row: inner.row + inner.height - 1, col: inner.col + 1, role: .hint, limit: end)
    }
}
