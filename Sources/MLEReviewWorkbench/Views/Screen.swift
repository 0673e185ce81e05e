import MLEReviewCore

/// The whole screen as a function of the workbench's state.
public enum Screen {
    public static func render(_ wb: Workbench) -> Grid {
        var g = Grid(width: wb.layout.width, height: wb.layout.height)
        if wb.layout.tooSmall {
            let msg = "Terminal too small: \(wb.layout.width)x\(wb.layout.height); mle-review needs at least \(Layout.minimumWidth)x\(Layout.minimumHeight)."
            let row = max(0, wb.layout.height / 2)
            g.put(msg, row: row, col: max(0, (wb.layout.width - msg.count) / 2), role: .warning)
            g.put("Make the window larger, or press q to quit.", row: row + 1, col: 0, role: .hint)
            return g
        }
        TitleBar.draw(wb, into: &g)
        FileListView.draw(wb, into: &g)
        DiffView.draw(wb, into: &g)
        ChecklistView.draw(wb, into: &g)
        FindingsView.draw(wb, into: &g)
        StatusLine.draw(wb, into: &g)
        switch wb.overlay {
        case .help(let scroll): HelpOverlay.draw(scroll: scroll, into: &g)
        case .form(let form): FormOverlay.draw(form, into: &g)
        case .verdict: VerdictOverlay.draw(wb, into: &g)
        case .carryForward: if let offer = wb.carryOffer { CarryForwardOverlay.draw(offer, into: &g) }
        case .conflict: if let c = wb.conflict { ConflictOverlay.draw(c, into: &g) }
        case .confirm(let c): ConfirmOverlay.draw(c, into: &g)
        case .checks: ChecksOverlay.draw(wb, into: &g)
        case .runOutput(let run, let scroll): RunOutputOverlay.draw(wb, run: run, scroll: scroll, into: &g)
        case nil: break
        }
        return g
    }
}

/// A pane's border with its title in the top edge.
enum PaneFrame {
    static func draw(_ rect: Rect, title: String, focused: Bool, into g: inout Grid, role: Role = .paneBorder) {
        guard rect.height >= 2, rect.width >= 2 else { return }
        let right = rect.col + rect.width - 1, bottom = rect.row + rect.height - 1
        for c in rect.col...right {
            g[rect.row, c] = Cell("─", role: role)
            g[bottom, c] = Cell("─", role: role)
        }
        for r in rect.row...bottom {
            g[r, rect.col] = Cell("│", role: role)
            g[r, right] = Cell("│", role: role)
        }
        g[rect.row, rect.col] = Cell("┌", role: role)
        g[rect.row, right] = Cell("┐", role: role)
        g[bottom, rect.col] = Cell("└", role: role)
        g[bottom, right] = Cell("┘", role: role)
        g.put(" \(title) ", row: rect.row, col: rect.col + 2, role: focused ? .paneTitleFocused : .paneTitle, limit: right - 1)
    }

    /// Clears a rect and draws a box: for overlays.
    static func box(_ rect: Rect, title: String, into g: inout Grid) {
        g.fill(rows: rect.row..<(rect.row + rect.height), cols: rect.col..<(rect.col + rect.width), role: .overlay)
        draw(rect, title: title, focused: true, into: &g, role: .overlayBorder)
    }
}

/// Shortens text to a number of columns with an ellipsis, keeping its end (for paths) or start.
enum Fit {
    static func keepEnd(_ s: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        let cells = DisplayText.cells(s)
        guard cells.reduce(0, { $0 + $1.width }) > width else { return s }
        var out: [String] = [], used = 1
        for c in cells.reversed() {
            if used + c.width > width { break }
            out.append(c.text); used += c.width
        }
        return "…" + out.reversed().joined()
    }

    static func keepStart(_ s: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        let cells = DisplayText.cells(s)
        guard cells.reduce(0, { $0 + $1.width }) > width else { return s }
        var out = "", used = 0
        for c in cells {
            if used + c.width > width - 1 { break }
            out += c.text; used += c.width
        }
        return out + "…"
    }
}

extension Severity {
    var role: Role {
        switch self {
        case .critical: return .severityCritical
        case .high: return .severityHigh
        case .medium: return .severityMedium
        case .low: return .severityLow
        }
    }
}

extension Decision {
    var role: Role {
        switch self {
        case .approve: return .decisionApprove
        case .approveWithWarnings: return .decisionWarnings
        case .block: return .decisionBlock
        }
    }
}
