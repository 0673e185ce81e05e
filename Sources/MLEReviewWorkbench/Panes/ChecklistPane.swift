import MLEReviewCore

/// The checklist pane: one collapsible section per review area, its cursor and scroll.
public struct ChecklistPane: Equatable, Sendable, Component {
    public var cursor = 0
    public var scroll = 0
    /// Ids of the sections shown open.
    public var expanded: Set<String> = []
    /// The focused item's explanation and history are shown under the list.
    public var showExplanation = false

    static let scope = Scope.checklist

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        switch action {
        case .cycleItem: return wb.setFocusedItem(nil)
        case .passItem: return wb.setFocusedItem(.pass)
        case .failItem: return wb.setFocusedItem(.fail)
        case .notApplicableItem: return wb.setFocusedItem(.notApplicable)
        case .noteItem: wb.openItemNoteForm()
        case .nextUndecided: wb.nextUndecided()
        case .collapse: wb.collapseSection()
        case .expand: wb.toggleSection()
        case .toggleExplanation:
            wb.checklistPane.showExplanation.toggle()
            wb.keepChecklistCursorVisible()
        case .newFinding: wb.openFindingForm()
        default: break
        }
        return []
    }

    static func draw(_ wb: Workbench, into g: inout Grid) { ChecklistView.draw(wb, into: &g) }
}

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
            if checklistPane.expanded.contains(section.id) {
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
        guard checklistPane.cursor < rows.count, case .item(let s, let i) = rows[checklistPane.cursor] else { return nil }
        return checklist.sections[s].items[i]
    }

    /// The section under the cursor when it is on a section's header.
    var focusedSection: Int? {
        let rows = checklistRows
        guard checklistPane.cursor < rows.count, case .section(let s) = rows[checklistPane.cursor] else { return nil }
        return s
    }

    /// Sets the focused item's state, or cycles it when `state` is nil. On a section header, a
    /// state is asked to be set on every undecided item of the section (cycling has no meaning there).
    mutating func setFocusedItem(_ state: ItemState?) -> [Effect] {
        if let s = focusedSection {
            let section = checklist.sections[s]
            let undecided = section.items.filter { !review.state(of: $0.id).isDecided }
            guard let state else {
                say("Space cycles an item; on a section, \(keymap.key(.passItem, in: .checklist))/\(keymap.key(.failItem, in: .checklist))/\(keymap.key(.notApplicableItem, in: .checklist)) set all its undecided items", error: true)
                return []
            }
            guard !undecided.isEmpty else { say("every item of \(section.title) is decided already"); return [] }
            // A section passed at once passes its backed items too: the caveat a single pass
            // gives is asked about first, not lost in a count.
            let caveats = state == .pass ? undecided.compactMap { i -> String? in
                let caveat = passCaveat(i)
                return caveat.isEmpty ? nil : "\(i.title)\(caveat)."
            } : []
            open(.confirm(Confirmation(question: "Set \(undecided.count) undecided item\(undecided.count == 1 ? "" : "s") of \(section.title) to \(state.rawValue)?",
                                       detail: (["Items already decided keep their state."] + caveats).joined(separator: " "), effects: [],
                                       done: nil, then: .setSection(s, state))))
            return []
        }
        let rows = checklistRows
        guard checklistPane.cursor < rows.count, case .item(let s, let i) = rows[checklistPane.cursor] else { return [] }
        let item = checklist.sections[s].items[i]
        let order: [ItemState] = [.unchecked, .pass, .fail, .notApplicable]
        let current = review.state(of: item.id)
        let next = state ?? order[(order.firstIndex(of: current)! + 1) % order.count]
        return [setItem(item, next)]
    }

    mutating func setItem(_ item: ChecklistItem, _ state: ItemState) -> Effect {
        let mark = ItemMark(state: state, note: review.items[item.id]?.note, setBy: reviewer?.name)
        review.items[item.id] = state == .unchecked && (mark.note ?? "").isEmpty ? nil : mark
        say("\(item.title): \(state.rawValue)" + (state == .pass ? passCaveat(item) : ""))
        return .setItem(id: item.id, mark: mark)
    }

    /// A pass the workbench can see is not yet backed by what it records: said beside the pass
    /// (the reviewer may have read the files elsewhere, so it is not refused).
    func passCaveat(_ item: ChecklistItem) -> String {
        switch item.id {
        case "start-here/read-the-changed-files":
            let left = document.files.count - viewedCount
            guard left > 0 else { return "" }
            return " · \(left) of \(document.files.count) files not marked viewed (\(keymap.key(.nextUnviewed, in: .diff)) in the diff goes to the next)"
        case "start-here/run-the-light-checks":
            guard !review.testsRun.contains(where: { $0.importedFrom == nil }) else { return "" }
            let claimed = review.testsRun.first?.importedFrom.map { ", only \($0) reports one" } ?? ""
            return " · no test run recorded yet\(claimed) (\(keymap.key(.runChecks)) runs checks, \(keymap.key(.addTestRun)) records one)"
        default:
            return ""
        }
    }

    /// Every undecided item of a section set to one state (asked first).
    mutating func setSection(_ s: Int, _ state: ItemState) -> [Effect] {
        let section = checklist.sections[s]
        let undecided = section.items.filter { !review.state(of: $0.id).isDecided }
        let caveats = state == .pass ? undecided.map(passCaveat).joined() : ""
        let effects = undecided.map { setItem($0, state) }
        say("\(section.title): \(effects.count) item\(effects.count == 1 ? "" : "s") set to \(state.rawValue)" + caveats)
        return effects
    }

    /// The next undecided item after the cursor (wrapping), its section opened.
    mutating func nextUndecided() {
        let rows = checklistRows
        let order = sectionOrder.flatMap { s in checklist.sections[s].items.indices.map { (s, $0) } }
        guard !order.isEmpty else { return }
        var start = 0
        if checklistPane.cursor < rows.count {
            switch rows[checklistPane.cursor] {
            case .item(let s, let i): start = (order.firstIndex { $0 == (s, i) } ?? -1) + 1
            case .section(let s): start = order.firstIndex { $0.0 == s } ?? 0
            }
        }
        guard let (s, i) = (0..<order.count).map({ order[(start + $0) % order.count] })
            .first(where: { !review.state(of: checklist.sections[$0.0].items[$0.1].id).isDecided }) else {
            say("every item is decided")
            return
        }
        checklistPane.expanded.insert(checklist.sections[s].id)
        checklistPane.cursor = checklistRows.firstIndex(of: .item(section: s, item: i)) ?? 0
        keepCursorsVisible()
        let left = order.filter { !review.state(of: checklist.sections[$0.0].items[$0.1].id).isDecided }.count
        // The title bar counts what the verdict still needs, which is not every item: say both.
        say("\(left) of \(order.count) items undecided; the verdict lists \(verdict.missing.count) step\(verdict.missing.count == 1 ? "" : "s") to do (\(keymap.key(.verdict)))")
    }

    mutating func toggleSection() {
        let rows = checklistRows
        guard checklistPane.cursor < rows.count else { return }
        switch rows[checklistPane.cursor] {
        case .section(let s):
            let id = checklist.sections[s].id
            if checklistPane.expanded.contains(id) { checklistPane.expanded.remove(id) } else { checklistPane.expanded.insert(id) }
        case .item:
            checklistPane.showExplanation.toggle()
        }
        keepCursorsVisible()
    }

    mutating func collapseSection() {
        let rows = checklistRows
        guard checklistPane.cursor < rows.count else { return }
        let s: Int
        switch rows[checklistPane.cursor] {
        case .section(let x): s = x
        case .item(let x, _): s = x
        }
        checklistPane.expanded.remove(checklist.sections[s].id)
        checklistPane.cursor = checklistRows.firstIndex(of: .section(s)) ?? 0
        keepCursorsVisible()
    }
}
