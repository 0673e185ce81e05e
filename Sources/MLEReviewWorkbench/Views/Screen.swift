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
        // Panes a zoom hides are not drawn at all.
        let panes: [(Pane, any Component.Type)] = [(.files, FilesPane.self), (.diff, DiffPane.self), (.checklist, ChecklistPane.self), (.findings, FindingsPane.self)]
        for (pane, component) in panes where !wb.layout.rect(pane).isEmpty { component.draw(wb, into: &g) }
        GlobalActions.draw(wb, into: &g)
        if wb.prompt != nil { PromptLine.draw(wb, into: &g) }
        // The overlay under a question stays in view; the question is drawn over it.
        var shown = wb
        if case .confirm = wb.overlay, wb.overlays.count > 1 {
            shown.close()
            if let under = shown.overlay { overlayComponent(under).draw(shown, into: &g) }
        }
        if let top = wb.overlay { overlayComponent(top).draw(wb, into: &g) }
        return g
    }

    static func overlayComponent(_ o: Workbench.Overlay) -> any Component.Type {
        switch o {
        case .help: return HelpOverlay.self
        case .form: return FormOverlay.self
        case .verdict: return VerdictOverlay.self
        case .carryForward: return CarryForwardOverlay.self
        case .conflict: return ConflictOverlay.self
        case .confirm: return ConfirmOverlay.self
        case .dismissal: return DismissalOverlay.self
        case .checks: return ChecksOverlay.self
        case .runOutput: return RunOutputOverlay.self
        case .finding: return FindingDetailOverlay.self
        case .sinceReview: return SinceReviewOverlay.self
        case .commits: return CommitsOverlay.self
        }
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
        // Reversed in place: joining a reversed view is a generic type the runtime looks up on
        // first use (a scan of every conformance record, on the way to the first frame).
        out.reverse()
        return "…" + out.joined()
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
