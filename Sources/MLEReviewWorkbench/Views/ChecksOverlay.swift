import MLEReviewCore

/// The checks runner: where checks run, the checks for this change, a line for any command, and
/// the runs so far.
enum ChecksOverlay {
    static func draw(_ wb: Workbench, into g: inout Grid) {
        guard let panel = wb.checksPanel else { return }
        let width = min(110, g.width - 4), height = min(g.height - 4, 11 + panel.checks.count + min(6, wb.runs.count) + panel.recorded.count)
        let rect = Rect(row: 2, col: (g.width - width) / 2, height: height, width: width)
        PaneFrame.box(rect, title: "Run checks · Enter run · o output · Esc close", into: &g)
        let inner = rect.inner
        let end = inner.col + inner.width - 1
        var row = inner.row + 1
        func line(_ text: String, _ role: Role, indent: Int = 1) {
            guard row < inner.row + inner.height else { return }
            g.put(text, row: row, col: inner.col + indent, role: role, limit: end)
            row += 1
        }
        line("Runs in " + panel.place, .hint)
        row += 1
        if panel.checks.isEmpty { line("No check suggested for this change: type one below.", .hint, indent: 3) }
        for (i, c) in panel.checks.enumerated() {
            let from: String
            switch c.source {
            case .suggested: from = "suggested"
            case .team: from = "team config"
            case .user: from = "your config"
            case .head: from = panel.untrusted.contains(i) ? "the reviewed head's config: asks first" : "the reviewed head's config: trusted"
            }
            let r = row
            line("\(c.name.padding(10)) \(c.line)   (\(from))", c.source == .head && panel.untrusted.contains(i) ? .warning : .overlay, indent: 3)
            if panel.cursor == i { g.highlight(row: r, cols: inner.col..<end, .cursor) }
        }
        if let commandRow = panel.commandRow {
            let r = row
            var col = g.put("Command: ", row: row, col: inner.col + 3, role: .overlay)
            col = g.put(panel.editor.text, row: row, col: col, role: panel.cursor == commandRow ? .inputFocused : .input, limit: end)
            if panel.cursor == commandRow { g.highlight(row: r, cols: (inner.col + 1)..<(inner.col + 3), .cursor) }
            row += 1
        }
        if let e = panel.error { line(e, .error, indent: 3) }
        if !panel.recorded.isEmpty {
            row += 1
            line("Recorded runs (Enter shows the output):", .paneTitleFocused)
            for (i, t) in panel.recorded.enumerated() {
                let r = row
                let how = t.ran == nil ? "reported" : "ran"
                line("\(t.command) — \(t.outcome.rawValue): \(t.summary)  (\(how))", t.outcome.isFailure && !t.isExplained ? .error : .overlay, indent: 3)
                if panel.cursor == panel.firstRecordedRow + i { g.highlight(row: r, cols: inner.col..<end, .cursor) }
            }
        }
        if !wb.runs.isEmpty {
            row += 1
            line("This session:", .paneTitleFocused)
            for run in wb.runs.suffix(6) {
                let state: String
                if let t = run.recorded { state = "\(t.outcome.rawValue): \(t.summary)" } else if run.isRunning { state = "running" } else { state = "queued" }
                line("#\(run.number) \(run.line) — \(state)", run.recorded?.outcome.isFailure == true ? .error : .overlay, indent: 3)
            }
        }
    }
}

/// A run's output, live while it runs: the newest lines follow the end unless scrolled back.
enum RunOutputOverlay {
    static func draw(_ wb: Workbench, run index: Int, scroll: Int, into g: inout Grid) {
        guard index < wb.runs.count else { return }
        let run = wb.runs[index]
        let width = g.width - 4, height = g.height - 4
        let rect = Rect(row: 2, col: 2, height: height, width: width)
        let keys = run.isRunning ? "Esc stop · b background · j/k scroll"
            : run.recorded?.outcome.isFailure == true ? "x explain · Esc back · [ ] other runs" : "Esc back · [ ] other runs · j/k scroll"
        PaneFrame.box(rect, title: "#\(run.number) \(run.line) · \(keys)", into: &g)
        let inner = rect.inner
        let end = inner.col + inner.width - 1
        let status: String
        if let t = run.recorded {
            status = "\(t.outcome.rawValue): \(t.summary)" + (t.ran.map { " · \(Double($0.milliseconds) / 1000) s" + ($0.exitStatus.map { " · exit \($0)" } ?? "") } ?? "")
        } else if let label = wb.runningLabel, run.isRunning {
            status = "running " + label
        } else {
            status = "queued"
        }
        g.put(status, row: inner.row, col: inner.col + 1, role: run.recorded?.outcome.isFailure == true ? .error : .paneTitleFocused, limit: end)
        let visible = inner.height - 2
        let top = min(scroll, max(0, run.output.count - visible))
        for (i, text) in run.output.dropFirst(top).prefix(visible).enumerated() {
            g.put(text, row: inner.row + 2 + i, col: inner.col + 1, role: .overlay, limit: end)
        }
    }
}
