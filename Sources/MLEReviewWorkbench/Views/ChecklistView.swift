import MLEReviewCore

/// Sections with progress (`3/6`, failures counted), and their items with a state box when the
/// section is expanded; the focused item's explanation at the bottom on demand.
enum ChecklistView {
    static func draw(_ wb: Workbench, into g: inout Grid) {
        let rect = wb.layout.checklist
        // Until the review opens, which checklist it uses (the team's, one given, or the
        // built-in) is not known: nothing is shown that could be another list.
        guard wb.loading == nil else {
            PaneFrame.draw(rect, title: "Checklist", focused: wb.focus == .checklist, into: &g)
            g.put("loading…", row: rect.inner.row, col: rect.inner.col + 1, role: .hint, limit: rect.inner.col + rect.inner.width)
            return
        }
        let all = wb.checklist.items
        let decided = all.filter { wb.review.state(of: $0.id).isDecided }.count
        PaneFrame.draw(rect, title: "Checklist \(decided)/\(all.count)", focused: wb.focus == .checklist, into: &g)
        var inner = rect.inner
        let explanation = explanationLines(wb)
        if !explanation.isEmpty { inner.height -= explanation.count + 1 }
        let rows = wb.checklistRows
        let end = inner.col + inner.width
        for r in 0..<max(0, inner.height) {
            let i = wb.checklistPane.scroll + r
            guard i < rows.count else { break }
            let row = inner.row + r
            switch rows[i] {
            case .section(let s):
                let section = wb.checklist.sections[s]
                let p = wb.progress(of: section)
                let open = wb.checklistPane.expanded.contains(section.id)
                var tail = "\(p.decided)/\(p.total)"
                if let touched = wb.touchedSections, section.kind == .area, !touched.contains(section.id) { tail = "not touched " + tail }
                if p.failed > 0 { tail += " ✗\(p.failed)" }
                let tailCol = end - DisplayText.columns(tail)
                let col = g.put(open ? "▾ " : "▸ ", row: row, col: inner.col, role: .paneTitle)
                g.put(Fit.keepStart(section.title, tailCol - col - 1), row: row, col: col, role: .paneTitle, limit: tailCol - 1)
                let done = p.decided == p.total
                g.put(tail, row: row, col: tailCol, role: p.failed > 0 ? .itemFail : done ? .itemPass : .dim)
            case .item(let s, let it):
                let item = wb.checklist.sections[s].items[it]
                let state = wb.review.state(of: item.id)
                let (box, role): (String, Role) = {
                    switch state {
                    case .unchecked: return ("[ ]", .itemUnchecked)
                    case .pass: return ("[✓]", .itemPass)
                    case .fail: return ("[✗]", .itemFail)
                    case .notApplicable: return ("[–]", .itemNotApplicable)
                    }
                }()
                var col = g.put("  " + box + " ", row: row, col: inner.col, role: role)
                if wb.review.findings.contains(where: { $0.itemID == item.id && ($0.status == .open || $0.status == .proposed) }) {
                    col = g.put("● ", row: row, col: col, role: .severityMedium)
                }
                // A note says why (i shows it): marked at the row's end, where the title gives way.
                let noted = !(wb.review.items[item.id]?.note ?? "").isEmpty
                let titleEnd = noted ? end - 2 : end
                g.put(Fit.keepStart(item.title, titleEnd - col), row: row, col: col, role: state == .notApplicable ? .dim : .text, limit: titleEnd)
                if noted { g.put(" ✎", row: row, col: end - 2, role: .hint, limit: end) }
            }
            if i == wb.checklistPane.cursor { g.highlight(row: row, cols: inner.col..<end, wb.focus == .checklist ? .cursor : .selection) }
        }
        if !explanation.isEmpty {
            let top = inner.row + inner.height
            g.fill(row: top, from: inner.col, to: end, role: .paneBorder, text: "┄")
            for (k, line) in explanation.enumerated() { g.put(line, row: top + 1 + k, col: inner.col, role: .hint, limit: end) }
        }
    }

    /// The focused item's explanation, note and history, as shown under the list (the pane's
    /// cursor is kept above them).
    static func explanationLines(_ wb: Workbench) -> [String] {
        guard wb.checklistPane.showExplanation, let item = wb.focusedItem else { return [] }
        let width = wb.layout.checklist.inner.width - 1
        var lines = wrap(item.text, width: width, maxLines: 4)
        if let mark = wb.review.items[item.id], let note = mark.note, !note.isEmpty {
            let words = note.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            lines += wrap("note (\(mark.setBy ?? "?")): " + words, width: width, maxLines: 3)
        }
        // Last writer wins on an item; its history shows who changed it before.
        if !wb.itemHistory.isEmpty {
            let recent = wb.itemHistory.suffix(3).reversed().map { a in
                return "\(a.detail ?? "?") by \(a.who ?? "?") \(HumanTime.compact(a.at))"
            }
            lines += wrap("set: " + recent.joined(separator: " ← "), width: width, maxLines: 2)
        }
        return lines
    }

    /// Word-wraps text to a width, cutting the last line with an ellipsis if needed.
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        guard width > 4 else { return [] }
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayText.columns(candidate) <= width { current = candidate; continue }
            if !current.isEmpty { lines.append(current) }
            current = String(word)
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = Fit.keepStart(lines[maxLines - 1] + " …", width)
        }
        return lines.map { Fit.keepStart($0, width) }
    }
}
