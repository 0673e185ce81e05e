import MLEReviewCore

/// `:` as in less, vim and tig: go to a line or a file typed (or pasted from a CI log).
extension Workbench {
    mutating func goTo(_ text: String) {
        guard let target = GoToTarget(text) else {
            say("go to what? a line (42), a file (train.py) or both (train.py:42)", error: true)
            return
        }
        guard !document.files.isEmpty else { say("the diff is empty", error: true); return }
        let file: Int
        var deletedAlso = 0
        if let path = target.path {
            let hits = GoToTarget.files(named: path, in: document.files)
            guard let first = hits.first else { say("no file of this diff matches \(path)", error: true); return }
            // A traceback or a linter names a file that exists: when the others of that name are
            // files the change deletes, the one it keeps is meant.
            let kept = hits.filter { document.files[$0].newPath != nil }
            guard hits.count == 1 || kept.count == 1 else {
                let names = hits.prefix(3).map { document.files[$0].path }.joined(separator: ", ")
                say("\(path) matches \(hits.count) files: \(names)\(hits.count > 3 ? ", …" : ""); type more of the path", error: true)
                return
            }
            file = hits.count == 1 ? first : kept[0]
            deletedAlso = hits.count - 1
        } else {
            file = document.row(diffPane.cursor).file
        }
        let f = document.files[file]
        let also = deletedAlso == 0 ? "" : " (\(deletedAlso == 1 ? "a deleted file is" : "\(deletedAlso) deleted files are") also named so)"
        guard let line = target.line else {
            jumpDiff(to: document.fileRows[file], focusDiff: true)
            say(f.path + also, path: f.path)
            return
        }
        // A deleted file has only old lines; every other file is read by its new ones.
        let side: Location.Side = f.newPath == nil ? .old : .new
        let path = side == .old ? (f.oldPath ?? f.path) : (f.newPath ?? f.path)
        if let row = document.reveal(Location(path: path, side: side, line: line)) {
            jumpDiff(to: row, focusDiff: true)
            say("\(f.path):\(line)" + also, path: f.path)
        } else if let near = nearestLine(to: line, in: f, side: side),
                  let row = document.reveal(Location(path: path, side: side, line: near)) {
            jumpDiff(to: row, focusDiff: true)
            say("\(f.path):\(line) is not in the diff: the nearest line shown is \(near)" + also, error: true, path: f.path)
        } else {
            jumpDiff(to: document.fileRows[file], focusDiff: true)
            say("\(f.path): none of its lines are in this diff" + also, error: true, path: f.path)
        }
    }

    /// The line number nearest `line` that the file's hunks show on that side.
    func nearestLine(to line: Int, in f: DiffFile, side: Location.Side) -> Int? {
        var best: Int?
        for h in f.hunks {
            let start = side == .old ? h.oldStart : h.newStart, count = side == .old ? h.oldCount : h.newCount
            guard count > 0 else { continue }
            let candidate = min(max(line, start), start + count - 1)
            if best.map({ abs($0 - line) > abs(candidate - line) }) ?? true { best = candidate }
        }
        return best
    }
}
