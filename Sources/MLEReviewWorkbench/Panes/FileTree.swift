import MLEReviewCore

/// A row of the file list: a file, or (as a tree) a folder with what is under it.
public enum FileRow: Equatable, Sendable {
    case file(Int, depth: Int)
    /// `path` names the folder (its key when folded); `label` is what is shown: a chain of
    /// folders holding nothing but one folder each is one row (`keras/src`), as GitHub and VS Code
    /// show them. `files` are every file under it, in the list's order.
    case folder(path: String, label: String, depth: Int, files: [Int])

    var file: Int? { if case .file(let f, _) = self { return f }; return nil }
}

/// The file list as a tree of folders: files grouped under the folders of their paths, in the
/// order the diff first names each, folded folders shown without what is under them.
enum FileTree {
    private final class Node {
        var entries: [Entry] = []
        var folders: [String: Node] = [:]
        enum Entry { case file(Int), folder(String) }
    }

    static func rows(files: [Int], paths: (Int) -> String, folded: Set<String>) -> [FileRow] {
        let root = Node()
        for f in files {
            var node = root
            for part in paths(f).split(separator: "/").dropLast().map(String.init) {
                if let next = node.folders[part] { node = next; continue }
                let next = Node()
                node.folders[part] = next
                node.entries.append(.folder(part))
                node = next
            }
            node.entries.append(.file(f))
        }
        var out: [FileRow] = []
        func allFiles(_ n: Node) -> [Int] {
            n.entries.flatMap { e -> [Int] in
                switch e {
                case .file(let f): return [f]
                case .folder(let name): return allFiles(n.folders[name]!)
                }
            }
        }
        func emit(_ n: Node, prefix: String, depth: Int) {
            for e in n.entries {
                switch e {
                case .file(let f):
                    out.append(.file(f, depth: depth))
                case .folder(let name):
                    var label = name, node = n.folders[name]!
                    while node.entries.count == 1, case .folder(let only) = node.entries[0] {
                        label += "/" + only
                        node = node.folders[only]!
                    }
                    let path = prefix + label
                    out.append(.folder(path: path, label: label, depth: depth, files: allFiles(node)))
                    if !folded.contains(path) { emit(node, prefix: path + "/", depth: depth + 1) }
                }
            }
        }
        emit(root, prefix: "", depth: 0)
        return out
    }
}
