import MLEReviewCore

/// The file list: the diff's files (narrowed by the filter), a cursor and a scroll.
public struct FilesPane: Equatable, Sendable, Component {
    public var cursor = 0
    public var scroll = 0
    /// The filter (a path substring, or words that must all appear).
    public var filter = ""
    /// Files shown, in diff order (indexes into the diff's files).
    public var visible: [Int] = []
    /// Shown as a tree of folders (`` ` `` toggles), and the folders folded in it.
    public var tree = false
    public var foldedFolders: Set<String> = []
    /// What the list shows, a row each: `visible` as files, or as a tree. The cursor is a row.
    public var rows: [FileRow] = []

    static let scope = Scope.files

    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        switch action {
        case .sinceReview:
            if wb.selectedFolder != nil {
                wb.say("a folder: \(wb.keymap.key(.sinceReview, in: .files)) shows one file's changes since the last review", error: true)
                return []
            }
            return wb.showSinceReview()
        case .open:
            if let folder = wb.selectedFolder { wb.toggleFolder(folder.path); return [] }
            guard let f = wb.selectedFile else { return [] }
            wb.document.setFolded(f, false)
            wb.jumpDiff(to: wb.document.hunkRows[f].first ?? wb.document.fileRows[f], top: true, focusDiff: true)
        case .filterFiles: wb.prompt = .init(.fileFilter, wb.filesPane.filter)
        case .markViewed:
            if let folder = wb.selectedFolder { return wb.toggleViewed(folder: folder.path, files: folder.files) }
            return wb.toggleViewed(file: wb.selectedFile)
        case .toggleFileTree: wb.toggleFileTree()
        case .nextFile, .previousFile:
            // The next row that is a file (a tree's folders are passed over).
            let rows = wb.filesPane.rows, step = action == .nextFile ? 1 : -1
            var c = wb.filesPane.cursor + step
            while c >= 0 && c < rows.count && rows[c].file == nil { c += step }
            guard c >= 0 && c < rows.count else { return [] }
            wb.filesPane.cursor = c
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
    /// The diff's file under the file list's cursor (nil on a folder).
    public var selectedFile: Int? { filesPane.cursor < filesPane.rows.count ? filesPane.rows[filesPane.cursor].file : nil }

    /// The folder under the file list's cursor, in a tree.
    var selectedFolder: (path: String, files: [Int])? {
        guard filesPane.cursor < filesPane.rows.count, case .folder(let path, _, _, let files) = filesPane.rows[filesPane.cursor] else { return nil }
        return (path, files)
    }

    /// The file the diff shows for the list's cursor: its file, or a folder's first.
    var fileUnderListCursor: Int? { selectedFile ?? selectedFolder?.files.first }

    /// Moves the file list's cursor to a file of the diff, if the filter shows it (to its folder
    /// when that is folded).
    mutating func showInFileList(_ file: Int) {
        if let i = filesPane.rows.firstIndex(where: { $0.file == file }) { filesPane.cursor = i; return }
        if let i = filesPane.rows.lastIndex(where: { if case .folder(_, _, _, let files) = $0 { return files.contains(file) }; return false }) {
            filesPane.cursor = i
        }
    }

    /// Shows a file in the list, opening the folders it is in.
    mutating func revealInFileList(_ file: Int) {
        let path = document.files[file].path
        let before = filesPane.foldedFolders
        filesPane.foldedFolders = filesPane.foldedFolders.filter { !path.hasPrefix($0 + "/") }
        if filesPane.foldedFolders != before { rebuildFileRows() }
        showInFileList(file)
    }

    /// Makes the rows again from the filtered files, the cursor kept on its file or folder.
    mutating func rebuildFileRows() {
        let file = selectedFile, folder = selectedFolder?.path
        filesPane.rows = filesPane.tree
            ? FileTree.rows(files: filesPane.visible, paths: { document.files[$0].path }, folded: filesPane.foldedFolders)
            : filesPane.visible.map { .file($0, depth: 0) }
        filesPane.cursor = 0
        if let folder, let i = filesPane.rows.firstIndex(where: { if case .folder(let p, _, _, _) = $0 { return p == folder }; return false }) {
            filesPane.cursor = i
        } else if let f = file ?? (document.rowCount > 0 ? document.row(diffPane.cursor).file : nil) {
            showInFileList(f)
        }
        keepCursorsVisible()
    }

    mutating func toggleFileTree() {
        filesPane.tree.toggle()
        rebuildFileRows()
        say(filesPane.tree ? "files as a tree of folders (Enter on a folder folds it)" : "files as a list")
    }

    mutating func toggleFolder(_ path: String) {
        if filesPane.foldedFolders.remove(path) == nil { filesPane.foldedFolders.insert(path) }
        rebuildFileRows()
    }

    /// `m` on a folder: every file under it viewed (and folded), or, when they all are, none;
    /// the diff is laid out once for all of them, not once a file.
    mutating func toggleViewed(folder: String, files: [Int]) -> [Effect] {
        let viewed = viewedFileSet
        let all = files.allSatisfy(viewed.contains)
        let changing = files.filter { viewed.contains($0) == all }
        let effects: [Effect] = changing.map { f in
            let path = document.files[f].path, hash = all ? nil : document.hash(ofFile: f)
            review.viewedFiles[path] = hash
            return .setViewed(path: path, hash: hash)
        }
        setFolded(all ? document.folded.subtracting(changing) : document.folded.union(changing))
        say("\(folder): \(files.count) file\(files.count == 1 ? "" : "s") " + (all ? "not viewed" : "viewed"))
        return effects
    }

    mutating func applyFileFilter(_ text: String) {
        filesPane.filter = text
        let words = text.lowercased().split(separator: " ").map { Array($0.utf8) }
        let paths = document.lowercasedPaths
        filesPane.visible = words.isEmpty ? Array(document.files.indices) : document.files.indices.filter { i in
            words.allSatisfy { Bytes.contains(paths[i], $0) }
        }
        filesPane.scroll = 0
        // The cursor stays on its file when the filter keeps it.
        rebuildFileRows()
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
        // After the file under the cursor; on a folder, from its first file.
        let start = focus == .files ? (selectedFile.map { $0 + 1 } ?? fileUnderListCursor ?? 0)
            : (document.rowCount > 0 ? document.row(diffPane.cursor).file + 1 : 0)
        guard let f = (0..<count).map({ (start + $0) % count }).first(where: { !isViewed(file: $0) }) else {
            say("every file is viewed")
            return
        }
        if !filesPane.visible.contains(f) { applyFileFilter("") }
        revealInFileList(f)
        jumpDiff(to: document.hunkRows[f].first ?? document.fileRows[f], top: true)
        let left = (0..<count).filter { !isViewed(file: $0) }.count
        // Read before: what changed since is what is new to the reviewer.
        let since = !changedSinceViewed(file: f) ? ""
            : " (Δ changed since viewed" + (sinceReviewUnavailable == nil ? ": \(keymap.key(.sinceReview, in: .diff)) shows how)" : ")")
        say("\(document.files[f].path)\(since): \(left) file\(left == 1 ? "" : "s") not viewed yet", path: document.files[f].path)
    }

    mutating func toggleViewed(file: Int?) -> [Effect] {
        guard !document.files.isEmpty, let f = file else { return [] }
        let path = document.files[f].path
        if isViewed(file: f) {
            review.viewedFiles[path] = nil
            fold(file: f, false)
            say("\(path): not viewed", path: path)
            return [.setViewed(path: path, hash: nil)]
        }
        let hash = document.hash(ofFile: f)
        review.viewedFiles[path] = hash
        // As GitHub's Viewed box does: the file folds to its header, at the top (the line above
        // is another file's), and the next one follows it.
        let folds = !document.folded.contains(f) && !document.files[f].hunks.isEmpty
        fold(file: f, true)
        if folds && focus == .diff { diffPane.scroll = diffPane.cursor; keepCursorsVisible() }
        say("\(path): viewed" + (folds ? " (folded: \(keymap.key(.toggleFold, in: .diff)) shows it)" : ""), path: path)
        return [.setViewed(path: path, hash: hash)]
    }
}
