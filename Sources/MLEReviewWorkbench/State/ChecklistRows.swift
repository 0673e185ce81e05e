import MLEReviewCore

/// The checklist pane's rows: each section, and its items when it is expanded.
public enum ChecklistRow: Equatable, Sendable {
    case section(Int)
    case item(section: Int, item: Int)
}

extension Workbench {
    public var checklistRows: [ChecklistRow] {
        var rows: [ChecklistRow] = []
        for s in sectionOrder {
            let section = checklist.sections[s]
            rows.append(.section(s))
            if expandedSections.contains(section.id) {
                rows += section.items.indices.map { .item(section: s, item: $0) }
            }
        }
        return rows
    }

    /// `3/6` style progress: decided items over all, and how many failed.
    public func progress(of section: ChecklistSection) -> (decided: Int, total: Int, failed: Int) {
        let states = section.items.map { review.state(of: $0.id) }
        return (states.filter(\.isDecided).count, states.count, states.filter { $0 == .fail }.count)
    }

    public var focusedItem: ChecklistItem? {
        let rows = checklistRows
        guard checklistCursor < rows.count, case .item(let s, let i) = rows[checklistCursor] else { return nil }
        return checklist.sections[s].items[i]
    }
}
