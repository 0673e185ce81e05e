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
        // Where a file row's name starts (after the viewed mark, the finding mark and the
        // status letter, indented in a tree) and the room it has before the counts.
        func nameColumn(_ depth: Int) -> Int { inner.col + 4 + min(2 * depth, max(0, inner.width / 3)) }
        // A binary file has no lines to count: `+0 -0` read as a file the change left empty.
        func counts(_ f: DiffFile) -> String { f.isBinary ? "bin" : "+\(f.additions) -\(f.deletions)" }
        // The names on screen: a list's shortened together so that no two read the same; in a
        // tree the folders above say where a file is, so its name is enough.
        // A tree's folder rows are fitted together the same way: two starters' folders both read
        // `… }}/pipelines/reporting/`.
        var shown: [(row: Int, name: String, width: Int)] = []
        var folders: [(row: Int, name: String, width: Int)] = []
        func folderColumn(_ depth: Int) -> Int { inner.col + 3 + min(2 * depth, max(0, inner.width / 3)) }
        // A folder's files viewed (`2/7`), counted once a row: the fitting and the drawing read it.
        var folderSeen: [Int: Int] = [:]
        for r in 0..<inner.height {
            let position = wb.filesPane.scroll + r
            guard position < wb.filesPane.rows.count else { break }
            switch wb.filesPane.rows[position] {
            case .file(let i, let depth):
                let f = files[i]
                let name = wb.filesPane.tree ? String(f.path.split(separator: "/").last ?? Substring(f.path)) : f.path
                shown.append((r, name, inner.col + inner.width - counts(f).count - nameColumn(depth) - 1))
            case .folder(_, let label, let depth, let under):
                let seen = viewedFiles.isEmpty ? 0 : under.lazy.filter { viewedFiles.contains($0) }.count
                folderSeen[r] = seen
                // Room for the label and its "/" between the fold marker and the count.
                folders.append((r, label, inner.col + inner.width - "\(seen)/\(under.count)".count - folderColumn(depth) - 3 - 1))
            }
        }
        let fitted = wb.filesPane.tree ? shown.map { Fit.keepEnd($0.name, $0.width) } : PathFit.fit(shown.map { ($0.name, $0.width) })
        var names: [Int: String] = [:]
        for (item, name) in zip(shown, fitted) { names[item.row] = name }
        for (item, label) in zip(folders, PathFit.fit(folders.map { ($0.name, max(1, $0.width)) })) { names[item.row] = label + "/" }
        for r in 0..<inner.height {
            let position = wb.filesPane.scroll + r
            guard position < wb.filesPane.rows.count else { break }
            let row = inner.row + r
            switch wb.filesPane.rows[position] {
            case .file(let i, let depth):
                let f = files[i]
                let status = statusLetter(f)
                var col = inner.col
                if viewedFiles.contains(i) {
                    col = g.put("✓", row: row, col: col, role: .itemPass)
                } else {
                    col = g.put(wb.changedSinceViewed(file: i) ? "Δ" : " ", row: row, col: col, role: .warning)
                }
                if let s = marks[f.path] { g.put("●", row: row, col: col, role: s.role) } else { g.put(" ", row: row, col: col) }
                col += 1
                g.put(status + " ", row: row, col: col, role: status == "D" ? .diffRemoved : status == "A" ? .diffAdded : .text)
                let countsCol = inner.col + inner.width - counts(f).count
                g.put(names[r] ?? "", row: row, col: nameColumn(depth), limit: countsCol - 1)
                if f.isBinary {
                    g.put("bin", row: row, col: countsCol, role: .hint)
                } else {
                    g.put("+\(f.additions)", row: row, col: countsCol, role: .diffAdded)
                    g.put(" -\(f.deletions)", row: row, col: countsCol + "+\(f.additions)".count, role: .diffRemoved)
                }
            case .folder(let path, _, let depth, let under):
                let seen = folderSeen[r] ?? 0
                let count = "\(seen)/\(under.count)"
                let countCol = inner.col + inner.width - count.count
                let marker = wb.filesPane.foldedFolders.contains(path) ? "▸ " : "▾ "
                g.put(marker + (names[r] ?? ""), row: row, col: folderColumn(depth), role: .paneTitle, limit: countCol - 1)
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
