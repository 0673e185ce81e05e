import MLEReviewCore

/// The checks runner: where checks run, the checks for this change, a line for any command, and
/// the runs so far.
enum ChecksOverlay: Component {
    static let scope = Scope.checks

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard var panel = wb.checksPanel else { wb.close(); return [] }
        panel.error = nil
        switch action {
        case .close: wb.close()
        case .up: panel.cursor = max(0, panel.cursor - 1)
        case .down: panel.cursor = min(panel.rowCount - 1, panel.cursor + 1)
        case .showOutput:
            // The output of the newest run, live or recorded.
            wb.checksPanel = panel
            wb.open(.runOutput(run: wb.runs.count - 1, scroll: Int.max))
            return []
        case .run:
            if panel.cursor >= panel.firstRecordedRow {
                let run = panel.recorded[panel.cursor - panel.firstRecordedRow]
                wb.checksPanel = panel
                return [.showRunOutput(run)]
            }
            if panel.readOnly { break }
            if panel.cursor == panel.commandRow {
                let line = panel.editor.text.trimmingSpaces()
                guard !line.isEmpty else { panel.error = "type a command, e.g. pytest -q tests/"; break }
                do {
                    let words = try Shell.words(line)
                    panel.editor = TextEditor("")
                    wb.checksPanel = panel
                    return wb.startRun(CheckCommand(name: words[0], arguments: words, timeout: nil, source: .user))
                } catch {
                    panel.error = error.message
                }
                break
            }
            let check = panel.checks[panel.cursor]
            wb.checksPanel = panel
            if panel.untrusted.contains(panel.cursor) {
                wb.open(.confirm(.init(question: "Run a command from the reviewed head's own config?",
                                       detail: "The change adds or edits .mle-review/config.toml; it would run: \(check.line)  (y trusts this exact command from now on)",
                                       effects: [.trustCheck(check), .runCheck(check)])))
                return []
            }
            return wb.startRun(check)
        default: break
        }
        wb.checksPanel = panel
        return []
    }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        guard let panel = wb.checksPanel else { return }
        let width = min(110, g.width - 4), height = min(g.height - 4, 11 + panel.checks.count + min(6, wb.runs.count) + panel.recorded.count)
        let rect = Rect(row: 2, col: (g.width - width) / 2, height: height, width: width)
        PaneFrame.box(rect, title: "Run checks · " + wb.keymap.footerText([.checks]) { wb.isAvailable($0, in: .checks) }, into: &g)
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
                if let t = run.recorded { state = "\(t.outcome.rawValue): \(t.summary)" } else if let why = run.notRecorded { state = why }
                else if run.isRunning { state = "running" } else { state = "queued" }
                line("#\(run.number) \(run.line) — \(state)", run.recorded?.outcome.isFailure == true || run.notRecorded != nil ? .error : .overlay, indent: 3)
            }
        }
    }
}

/// A run's output, live while it runs: the newest lines follow the end unless scrolled back.
enum RunOutputOverlay: Component {
    static let scope = Scope.runOutput

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard case .runOutput(let index, let scroll) = wb.overlay, index < wb.runs.count else { wb.close(); return [] }
        let height = max(1, wb.layout.height - 8)
        let lines = wb.runs[index].output.count
        let top = min(scroll, max(0, lines - height))
        func to(_ s: Int) { wb.replace(with: .runOutput(run: index, scroll: s)) }
        if let moved = OverlayScroll.top(after: action, from: top, page: height, most: max(0, lines - height)) {
            // G goes back to following a running check's newest lines.
            to(action == .bottom ? Int.max : moved)
            return []
        }
        switch action {
        case .stopRun:
            wb.say("stopping \(wb.runs[index].line)…")
            return [.cancelRun]
        case .close: wb.close()
        case .background:
            wb.closeAll()
            if wb.runs[index].isRunning { wb.say("running in the background: the title bar shows it; \(wb.keymap.key(.runChecks)) then \(wb.keymap.key(.showOutput, in: .checks)) shows its output") }
        case .goTo:
            // The lines on screen first: the place the reviewer is reading about.
            let output = wb.runs[index].output
            let shown = output[min(top, output.count)..<min(top + height, output.count)]
            let place = OutputLocation.last(in: shown) ?? OutputLocation.last(in: output[...])
            wb.closeAll()
            wb.prompt = Workbench.Prompt(.goTo, place ?? "")
            if place == nil { wb.say("the output names no file:line: type one", error: true) }
        case .explainRun:
            guard let t = wb.runs[index].recorded else { return [] }
            wb.open(.form(Form(kind: .explainRun(t.id), title: "Why this failed run is acceptable (it then warns instead of blocking)", fields: [
                Form.text("explanation", "Explanation", t.explanation ?? "", multiline: true),
            ])))
        case .previousRun: if index > 0 { wb.replace(with: .runOutput(run: index - 1, scroll: Int.max)) }
        case .nextRun: if index + 1 < wb.runs.count { wb.replace(with: .runOutput(run: index + 1, scroll: Int.max)) }
        default: break
        }
        return []
    }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        guard case .runOutput(let index, let scroll) = wb.overlay, index < wb.runs.count else { return }
        let run = wb.runs[index]
        let width = g.width - 4, height = g.height - 4
        let rect = Rect(row: 2, col: 2, height: height, width: width)
        let keys = wb.keymap.footerText([.runOutput]) { a in wb.isAvailable(a, in: .runOutput) && !(a == .close && run.isRunning) && !(a == .background && !run.isRunning) }
        PaneFrame.box(rect, title: "#\(run.number) \(run.line) · \(keys)", into: &g)
        let inner = rect.inner
        let end = inner.col + inner.width - 1
        let status: String
        if let t = run.recorded {
            // A check that printed nothing to summarise is summed up by its exit status already.
            let exit = t.ran?.exitStatus.flatMap { t.summary == "exit status \($0)" ? nil : " · exit \($0)" } ?? ""
            status = "\(t.outcome.rawValue): \(t.summary)" + (t.ran.map { " · \(Double($0.milliseconds) / 1000) s" + exit } ?? "")
        } else if let why = run.notRecorded {
            status = why
        } else if let label = wb.runningLabel, run.isRunning {
            status = "running " + label
        } else {
            status = "queued"
        }
        let failed = run.recorded?.outcome.isFailure == true || run.notRecorded != nil
        g.put(status, row: inner.row, col: inner.col + 1, role: failed ? .error : .paneTitleFocused, limit: end)
        let visible = inner.height - 2
        let top = min(scroll, max(0, run.output.count - visible))
        for (i, text) in run.output.dropFirst(top).prefix(visible).enumerated() {
            g.put(text, row: inner.row + 2 + i, col: inner.col + 1, role: .overlay, limit: end)
        }
    }
}
