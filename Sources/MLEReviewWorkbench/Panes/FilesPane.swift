import MLEReviewCore

/// The file list: the diff's files (narrowed by the filter), a cursor and a scroll.
public struct FilesPane: Equatable, Sendable, Component {
    public var cursor = 0
    public var scroll = 0
    /// The filter (a path substring, or words that must all appear).
    public var filter = ""
    /// Files shown, in diff order (indexes into the diff's files).
    public var visible: [Int] = []

    static let scope = Scope.files

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        switch action {
        case .open:
            guard let f = wb.selectedFile else { return [] }
            wb.document.setFolded(f, false)
            wb.jumpDiff(to: wb.document.hunkRows[f].first ?? wb.document.fileRows[f], top: true, focusDiff: true)
        case .filterFiles: wb.prompt = .init(.fileFilter, wb.filesPane.filter)
        case .markViewed: return wb.toggleViewed(file: wb.selectedFile)
        case .nextFile, .previousFile:
            wb.filesPane.cursor = clamp(wb.filesPane.cursor + (action == .nextFile ? 1 : -1), wb.filesPane.visible.count)
            if let f = wb.selectedFile { wb.jumpDiff(to: wb.document.fileRows[f], top: true) }
        case .nextUnviewed: wb.nextUnviewed()
        case .newFinding: wb.openFindingForm()
        default: break
        }
        return []
    }

    static func draw(_ wb: Workbench, into g: inout Grid) { FileListView.draw(wb, into: &g) }
}

extension Workbench {
    /// The diff's file under the file list's cursor.
    public var selectedFile: Int? { filesPane.cursor < filesPane.visible.count ? filesPane.visible[filesPane.cursor] : nil }

    /// Moves the file list's cursor to a file of the diff, if the filter shows it.
    mutating func showInFileList(_ file: Int) {
        if let i = filesPane.visible.firstIndex(of: file) { filesPane.cursor = i }
    }

    mutating func applyFileFilter(_ text: String) {
        filesPane.filter = text
        let words = text.lowercased().split(separator: " ").map { Array($0.utf8) }
        let current = selectedFile
        let paths = document.lowercasedPaths
        filesPane.visible = words.isEmpty ? Array(document.files.indices) : document.files.indices.filter { i in
            words.allSatisfy { Bytes.contains(paths[i], $0) }
        }
        filesPane.cursor = current.flatMap { filesPane.visible.firstIndex(of: $0) } ?? 0
        filesPane.scroll = 0
        keepCursorsVisible()
    }

    /// Folds or opens a file with the diff's cursor and scroll kept where they were.
    mutating func fold(file f: Int, _ fold: Bool) {
        setFolded(fold ? document.folded.union([f]) : document.folded.subtracting([f]))
    }

    /// Viewed files start folded when a review opens, as GitHub keeps them.
    public mutating func foldViewedFiles() {
        guard !review.viewedFiles.isEmpty else { return }
        setFolded(document.folded.union(document.files.indices.filter { isViewed(file: $0) }))
    }

    /// Folds exactly `files`, the diff's cursor and scroll kept on the same row of their file, or
    /// on its header when their file is folded.
    mutating func setFolded(_ files: Set<Int>) {
        guard document.rowCount > 0, files != document.folded else { return }
        func anchor(_ r: Int) -> (file: Int, offset: Int) {
            let file = document.row(r).file
            return (file, r - document.fileRows[file])
        }
        let cursor = anchor(diffPane.cursor), top = anchor(diffPane.scroll)
        document.setFolded(only: files)
        func row(_ a: (file: Int, offset: Int)) -> Int {
            document.folded.contains(a.file) ? document.fileRows[a.file] : min(document.fileRows[a.file] + a.offset, document.fileRows[a.file + 1] - 1)
        }
        diffPane.cursor = clamp(row(cursor), document.rowCount)
        diffPane.scroll = clamp(row(top), document.rowCount)
        diffPane.selectionAnchor = nil
        keepCursorsVisible()
    }

    /// The next file (after the current one, wrapping) whose viewed mark is missing or stale.
    mutating func nextUnviewed() {
        let count = document.files.count
        guard count > 0 else { return }
        let here = focus == .files ? (selectedFile ?? 0) : (document.rowCount > 0 ? document.row(diffPane.cursor).file : 0)
        guard let f = (1...count).map({ (here + $0) % count }).first(where: { !isViewed(file: $0) }) else {
            say("every file is viewed")
            return
        }
        if !filesPane.visible.contains(f) { applyFileFilter("") }
        showInFileList(f)
        jumpDiff(to: document.hunkRows[f].first ?? document.fileRows[f], top: true)
        let left = (0..<count).filter { !isViewed(file: $0) }.count
        say("\(document.files[f].path): \(left) file\(left == 1 ? "" : "s") not viewed yet")
    }

    mutating func toggleViewed(file: Int?) -> [Effect] {
        guard !document.files.isEmpty, let f = file else { return [] }
        let path = document.files[f].path
        if isViewed(file: f) {
            review.viewedFiles[path] = nil
            fold(file: f, false)
            say("\(path): not viewed")
            return [.setViewed(path: path, hash: nil)]
        }
        let hash = document.hash(ofFile: f)
        review.viewedFiles[path] = hash
        // As GitHub's Viewed box does: the file folds to its header, at the top (the line above
        // is another file's), and the next one follows it.
        let folds = !document.folded.contains(f) && !document.files[f].hunks.isEmpty
        fold(file: f, true)
        if folds && focus == .diff { diffPane.scroll = diffPane.cursor; keepCursorsVisible() }
        say("\(path): viewed" + (folds ? " (folded: \(keymap.key(.toggleFold, in: .diff)) shows it)" : ""))
        return [.setViewed(path: path, hash: hash)]
    }
}
