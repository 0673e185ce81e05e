import MLEReviewCore

/// Files with status, +/- counts, a viewed mark and a marker where findings sit; as a tree, the
/// folders too, with how many of their files are viewed.
enum FileListView {
    static func draw(_ wb: Workbench, into g: inout Grid) {
        let rect = wb.layout.files
        let files = wb.document.files
        // Each file is checked once a frame, for the title and the folders' counts alike.
        let viewedFiles = wb.viewedFileSet
        let viewed = viewedFiles.count
        // The first bytes of a large diff hold its first files only: no count that would be wrong.
        let title = wb.diffIsPartial ? "Files · loading…"
            : wb.filesPane.filter.isEmpty ? "Files \(viewed)/\(files.count) viewed"
            : "Files \(wb.filesPane.visible.count)/\(files.count) · \"\(wb.filesPane.filter)\""
        PaneFrame.draw(rect, title: title, focused: wb.focus == .files, into: &g)
        let inner = rect.inner
        let marks = wb.findingMarks.files
        // The names on screen, shortened together so that no two read the same.
        var names: [Int: String] = [:]
        if !wb.filesPane.tree {
            var shown: [(row: Int, path: String, width: Int)] = []
            for r in 0..<inner.height {
                let position = wb.filesPane.scroll + r
                guard position < wb.filesPane.rows.count, case .file(let i, _) = wb.filesPane.rows[position] else { continue }
                let f = files[i]
                shown.append((r, f.path, inner.width - "+\(f.additions) -\(f.deletions)".count - 5))
            }
            for (item, fitted) in zip(shown, PathFit.fit(shown.map { ($0.path, $0.width) })) { names[item.row] = fitted }
        }
        for r in 0..<inner.height {
            let position = wb.filesPane.scroll + r
            guard position < wb.filesPane.rows.count else { break }
            let row = inner.row + r
            switch wb.filesPane.rows[position] {
            case .file(let i, let depth):
                let f = files[i]
                let counts = "+\(f.additions) -\(f.deletions)"
                let status = statusLetter(f)
                var col = inner.col
                col = g.put(viewedFiles.contains(i) ? "✓" : " ", row: row, col: col, role: .itemPass)
                if let s = marks[f.path] { g.put("●", row: row, col: col, role: s.role) } else { g.put(" ", row: row, col: col) }
                col += 1
                col = g.put(status + " ", row: row, col: col, role: status == "D" ? .diffRemoved : status == "A" ? .diffAdded : .text)
                // In a tree the folders above say where the file is: its name is enough.
                let name = wb.filesPane.tree ? String(f.path.split(separator: "/").last ?? Substring(f.path)) : f.path
                col += min(2 * depth, max(0, inner.width / 3))
                let countsCol = inner.col + inner.width - counts.count
                g.put(names[r] ?? Fit.keepEnd(name, countsCol - col - 1), row: row, col: col, limit: countsCol - 1)
                g.put("+\(f.additions)", row: row, col: countsCol, role: .diffAdded)
                g.put(" -\(f.deletions)", row: row, col: countsCol + "+\(f.additions)".count, role: .diffRemoved)
            case .folder(let path, let label, let depth, let under):
                let seen = viewedFiles.isEmpty ? 0 : under.lazy.filter { viewedFiles.contains($0) }.count
                let count = "\(seen)/\(under.count)"
                let col = inner.col + 3 + min(2 * depth, max(0, inner.width / 3))
                let countCol = inner.col + inner.width - count.count
                let marker = wb.filesPane.foldedFolders.contains(path) ? "▸ " : "▾ "
                g.put(marker + Fit.keepEnd(label + "/", countCol - col - 3), row: row, col: col, role: .paneTitle, limit: countCol - 1)
                g.put(count, row: row, col: countCol, role: seen == under.count ? .itemPass : .hint)
            }
            if position == wb.filesPane.cursor { g.highlight(row: row, cols: inner.col..<(inner.col + inner.width), wb.focus == .files ? .cursor : .selection) }
        }
    }

    static func statusLetter(_ f: DiffFile) -> String {
        switch f.status {
        case .added: return "A"
        case .deleted: return "D"
        case .modified: return "M"
        case .renamed: return "R"
        case .copied: return "C"
        case .modeChange: return "T"
        }
    }
}
