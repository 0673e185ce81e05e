import MLEReviewCore

/// The question asked before an irreversible step: yes does it, no goes back to what was
/// under the question.
enum ConfirmOverlay: Component {
    static let scope = Scope.confirm

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard case .confirm(let c) = wb.overlay else { return [] }
        switch action {
        case .yes:
            wb.close()
            if let done = c.done { wb.say(done) }
            switch c.then {
            case .nothing: break
            case .discardForm: return wb.discardForm()
            case .setSection(let s, let state): return c.effects + wb.setSection(s, state)
            case .resolveFinding(let id): return c.effects + wb.setFindingStatus(.resolved, findingID: id)
            }
            return c.effects
        case .no:
            wb.close()
            wb.say("nothing changed")
        default: break
        }
        return []
    }

    static func draw(_ wb: Workbench, into g: inout Grid) {
        guard case .confirm(let c) = wb.overlay else { return }
        let width = min(84, g.width - 4)
        // The detail (a long export path, what finishing leaves undone) wraps rather than being
        // cut, as far as the screen has room.
        let lines = Wrap.words(c.detail, width: max(10, width - 4), maxLines: max(3, min(10, g.height - 8)))
        // So does the question (a form's long title in "Discard what you typed in …?").
        let question = Wrap.words(c.question, width: max(10, width - 4), maxLines: 3)
        let rect = Rect(row: max(1, g.height / 2 - 3), col: (g.width - width) / 2, height: 4 + question.count + lines.count, width: width)
        PaneFrame.box(rect, title: "Confirm", into: &g)
        let inner = rect.inner
        let end = inner.col + inner.width - 1
        for (i, line) in question.enumerated() { g.put(line, row: inner.row + 1 + i, col: inner.col + 1, role: .paneTitleFocused, limit: end) }
        let below = inner.row + 1 + question.count
        for (i, line) in lines.enumerated() { g.put(line, row: below + i, col: inner.col + 1, role: .overlay, limit: end) }
        g.put(wb.keymap.footerText([.confirm]), row: below + lines.count, col: inner.col + 1, role: .hint, limit: end)
    }
}

/// Word wrapping for overlay text, by display columns; a word longer than a line is cut into pieces.
enum Wrap {
    static func words(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            var w = word
            while DisplayText.columns(w) > width {
                if !current.isEmpty { lines.append(current); current = "" }
                let piece = String(w.prefix(width))
                lines.append(piece)
                w = String(w.dropFirst(piece.count))
            }
            let candidate = current.isEmpty ? w : current + " " + w
            if DisplayText.columns(candidate) <= width { current = candidate } else { lines.append(current); current = w }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        if lines.count > maxLines { lines = Array(lines.prefix(maxLines)); lines[maxLines - 1] = String(lines[maxLines - 1].prefix(max(0, width - 1))) + "…" }
        return lines
    }
}
