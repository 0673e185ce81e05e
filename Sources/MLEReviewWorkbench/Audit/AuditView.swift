import MLEReviewCore

/// The review log on screen: a title bar, the column headers, one row per review, the filter
/// line and the keys. Only the rows on screen are drawn.
public enum AuditView {
    static let wide: [(title: String, width: Int)] = [
        ("ID", 13), ("DATE", 17), ("REVIEWERS", 20), ("RANGE", 30), ("DECISION", 9), ("C H M L", 11), ("RISKS", 24), ("ITEMS", 6), ("STALE", 14),
    ]
    /// Columns that give way on a narrow screen, in the order they shrink, and how far: every
    /// column keeps its place (ITEMS and STALE most of all: they are what a lead scans for).
    /// Names give a little first: a cut name is still known, a cut range less so.
    static let shrinkable: [(index: Int, minimum: Int)] = [(2, 14), (3, 18), (6, 12), (2, 10), (1, 10)]
    /// Columns cut short that take spare room, in this order: a whole range before whole names.
    static let growable = [3, 6, 2]

    /// The columns for a screen this wide, sized to what the rows hold (`content`, the widest
    /// cell of each column; nil sizes by `wide`): a column narrower than its width (STALE for
    /// patches, no stale review) gives the rest to those cut short (RANGE, RISKS, REVIEWERS),
    /// which may grow past `wide` while the screen has room.
    static func columns(width: Int, content: [Int]? = nil) -> [(title: String, width: Int)] {
        var cols = wide
        if let content {
            for i in cols.indices {
                cols[i].width = min(cols[i].width, max(DisplayText.columns(cols[i].title), content[i]))
            }
            var spare = width - cols.reduce(1) { $0 + $1.width + 1 }
            for i in growable where spare > 0 && content[i] > cols[i].width {
                let take = min(spare, content[i] - cols[i].width)
                cols[i].width += take
                spare -= take
            }
        }
        var excess = cols.reduce(1) { $0 + $1.width + 1 } - width
        for (i, minimum) in shrinkable where excess > 0 {
            let give = min(excess, max(0, cols[i].width - minimum))
            cols[i].width -= give
            excess -= give
        }
        return cols
    }

    /// The widest cell of each column over these rows.
    public static func contentWidths(_ entries: [LogEntry]) -> [Int] {
        var widths = Array(repeating: 0, count: wide.count)
        for e in entries {
            for (i, (text, _)) in cells(e, selected: false).enumerated() { widths[i] = max(widths[i], DisplayText.columns(text)) }
        }
        return widths
    }

    public static func render(_ b: AuditBrowser) -> Grid {
        var g = Grid(width: b.width, height: b.height)
        guard !b.tooSmall else {
            g.put("Terminal too small for the review log; make it larger or press q.", row: 0, col: 0, role: .warning)
            return g
        }
        let rows = b.visible
        g.fill(row: 0, role: .titleBar)
        let stale = rows.filter { $0.staleness?.isStale == true }.count
        var title = " mle-review │ review log │ \(rows.count) review\(rows.count == 1 ? "" : "s")"
        if stale > 0 { title += ", \(stale) stale" }
        if !b.queryText.isEmpty { title += " │ filter: \(b.queryText)" }
        g.put(title, row: 0, col: 0, role: .titleBar, limit: b.width)

        let columns = columns(width: b.width, content: b.contentWidths)
        var col = 1
        for c in columns where col < b.width {
            g.put(c.title, row: 1, col: col, role: .paneTitle, limit: b.width)
            col += c.width + 1
        }
        if rows.isEmpty {
            g.put(b.entries.isEmpty && b.queryText.isEmpty ? "No reviews in this store yet." : "No review matches the filter (Esc clears it).",
                  row: 3, col: 2, role: .hint, limit: b.width)
        }
        for r in 0..<(b.height - 4) {
            let i = b.scroll + r
            guard i < rows.count else { break }
            draw(rows[i], row: 2 + r, selected: i == b.cursor, revised: b.revised.contains(rows[i].id), columns: columns, into: &g)
        }
        let status = b.height - 1
        // One line for all of them: each in its short form, so three fit on 120 columns.
        let legends = [rows.contains { $0.overriddenFrom != nil } ? Self.overriddenLegend : nil,
                       rows.contains { $0.finish?.undoneSteps != nil } ? Self.undoneLegend : nil,
                       rows.contains { !$0.resolvedFindings.isEmpty } ? Self.resolvedLegend : nil,
                       rows.contains { !$0.guessedRisks.isEmpty } ? Self.guessedLegend : nil,
                       rows.contains { b.revised.contains($0.id) } ? Self.revisedLegend : nil].compactMap { $0 }
        // What the table has no column for, of the review under the cursor: its revisions and
        // its notes (two rows of one range, both BLOCK, are one change decided twice).
        let focused = b.cursor < rows.count ? rows[b.cursor] : nil
        // Only the focused row's revision is looked up: the whole log's map was built every frame.
        let note = focused.flatMap { e in
            [e.note, LogReport.revisionNote(e, revisedAs: b.entries.first { $0.revisionOf == e.id }?.id)].compactMap { $0 }.joined(separator: "; ")
        }.flatMap { $0.isEmpty ? nil : "\(focused!.id): \($0)" }
        if b.editor == nil, note != nil || !legends.isEmpty {
            // On one line when they fit; else the legends take lines of their own upward, as far
            // as the rows leave free (four legends and a note ran past 120 columns, cut).
            var lines: [String] = []
            for legend in legends {
                if let last = lines.last, DisplayText.columns(last) + 3 + DisplayText.columns(legend) <= b.width - 2 {
                    lines[lines.count - 1] = last + " · " + legend
                } else {
                    lines.append(legend)
                }
            }
            let free = max(0, b.pageHeight - (rows.count - b.scroll))
            let together = note.map { n in lines.count == 1 && DisplayText.columns(n) + 3 + DisplayText.columns(lines[0]) <= b.width - 2 } ?? true
            let needed = lines.count + (note != nil && !together ? 1 : 0)
            if needed - 1 > free || (lines.count <= 1 && together) {
                var c = 1
                if let note { c = g.put(note, row: status - 1, col: c, role: .text, limit: b.width) }
                if !legends.isEmpty, c < b.width {
                    g.put((note == nil ? "" : " · ") + legends.joined(separator: " · "), row: status - 1, col: c, role: .hint, limit: b.width)
                }
            } else {
                var row = status - needed
                if let note, !together { g.put(note, row: row, col: 1, role: .text, limit: b.width); row += 1 }
                for (k, line) in lines.enumerated() {
                    var c = 1
                    if k == 0, let note, together { c = g.put(note + " · ", row: row, col: c, role: .text, limit: b.width) }
                    g.put(line, row: row, col: c, role: .hint, limit: b.width)
                    row += 1
                }
            }
        }
        if let e = b.editor {
            let prompt = "filter: "
            let end = g.put(prompt, row: status - 1, col: 0, role: .statusKey)
            g.put(e.text, row: status - 1, col: end, role: .inputFocused, limit: b.width)
            g.put("decision:block reviewer:NAME risk:data-leakage since:30d until:DATE path:GLOB open finished stale short WORDS",
                  row: status, col: 0, role: .hint, limit: b.width)
        } else if let m = b.message {
            g.put(m, row: status, col: 0, role: b.messageIsError ? .error : .status, limit: b.width)
        } else {
            g.fill(row: status, role: .status)
            var c = 0
            for (k, h) in b.keymap.footer([.auditLog], available: { a in a != .clearFilter || !b.queryText.isEmpty }) {
                c = g.put(k, row: status, col: c, role: .statusKey)
                c = g.put(" \(h)  ", row: status, col: c, role: .status, limit: b.width)
            }
        }
        return g
    }

    static func draw(_ e: LogEntry, row: Int, selected: Bool, revised: Bool = false, columns: [(title: String, width: Int)], into g: inout Grid) {
        if selected { g.fill(row: row, role: .cursor) }
        let texts = Self.cells(e, selected: selected, revised: revised)
        var col = 1
        for (i, (text, role)) in texts.enumerated() where col < g.width {
            let width = i == texts.count - 1 ? g.width - col : columns[i].width
            // Risks cut short lose their last `?`: the short names fit first.
            let shown = i == riskColumn && DisplayText.columns(text) > width ? LogReport.shortRisksLabel(e) : text
            g.put(Fit.keepStart(shown, width), row: row, col: col, role: role, limit: min(g.width, col + width))
            col += columns[i].width + 1
        }
    }

    static let riskColumn = 6

    static let overriddenLegend = "DECISION *: made less strict than the rules"
    static let undoneLegend = "DECISION !: finished with required steps undone"
    static let resolvedLegend = "C H M L +N: N more resolved"
    static let guessedLegend = "RISKS ?: guessed from a finding's words"
    static let revisedLegend = "dim: revised since"

    /// A row's cells, column by column, in their looks.
    static func cells(_ e: LogEntry, selected: Bool, revised: Bool = false) -> [(String, Role)] {
        let base: Role = selected ? .cursor : revised ? .dim : .text
        let decisionRole: Role = selected ? .cursor : (e.finish?.decision.role ?? .dim)
        return [
            (e.id, base), (LogReport.day(e.date), base), (e.reviewers.map(\.name).joined(separator: ", "), base),
            (LogReport.range(e.source), base), (LogReport.decisionLabel(e), decisionRole),
            (LogReport.countsLabel(e), base),
            (LogReport.risksLabel(e), base),
            ("\(e.decidedItems)/\(e.totalItems)", base),
            (e.tampered ? "TAMPERED" : e.staleness?.mark ?? "", selected ? .cursor : e.tampered ? .error : .warning),
        ]
    }
}
