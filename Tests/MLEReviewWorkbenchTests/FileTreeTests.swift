import Foundation
import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

/// The file list as a tree of folders (`` ` ``): grouping, one row for a chain of lone folders,
/// folding, and the keys that work on a folder.
struct FileTreeTests {
    static let paths = ["keras/src/layers/core/dense.py", "keras/src/layers/core/einsum.py", "keras/src/layers/conv.py",
                        "keras/src/ops/nn.py", "README.md"]

    @Test func foldersGroupFilesAndLoneFolderChainsAreOneRow() {
        let rows = FileTree.rows(files: Array(Self.paths.indices), paths: { Self.paths[$0] }, folded: [])
        #expect(rows == [
            .folder(path: "keras/src", label: "keras/src", depth: 0, files: [0, 1, 2, 3]),
            .folder(path: "keras/src/layers", label: "layers", depth: 1, files: [0, 1, 2]),
            .folder(path: "keras/src/layers/core", label: "core", depth: 2, files: [0, 1]),
            .file(0, depth: 3), .file(1, depth: 3),
            .file(2, depth: 2),
            .folder(path: "keras/src/ops", label: "ops", depth: 1, files: [3]),
            .file(3, depth: 2),
            .file(4, depth: 0),
        ])
        let folded = FileTree.rows(files: Array(Self.paths.indices), paths: { Self.paths[$0] }, folded: ["keras/src/layers"])
        #expect(folded.count == 5 && folded[1] == .folder(path: "keras/src/layers", label: "layers", depth: 1, files: [0, 1, 2])
                && folded[2] == .folder(path: "keras/src/ops", label: "ops", depth: 1, files: [3]))
    }

    static func patch() -> String {
        paths.map { p in "diff --git a/\(p) b/\(p)\n--- a/\(p)\n+++ b/\(p)\n@@ -1 +1 @@\n-old\n+new\n" }.joined()
    }

    @Test func aFolderFoldsFollowsAndMarksItsFilesViewed() {
        var wb = WorkbenchFixture.make(Self.patch())
        wb.press("BTab", "`")
        #expect(wb.filesPane.tree && wb.filesPane.rows.count == 9 && wb.filesPane.cursor == 3)
        let screen = Screen.render(wb).snapshot
        // The file list's column: folders, then names under them.
        let list = screen.split(separator: "\n").map { String($0.prefix(36)) }
        #expect(list.contains("│   ▾ keras/src/                0/4│") && list.contains("│  M       dense.py           +1 -1│"), "\(list)")
        // On a folder the diff shows its first file, and the list's cursor stays on the folder.
        wb.press("G", "k", "k")
        #expect(wb.selectedFolder?.path == "keras/src/ops" && wb.document.row(wb.diffPane.cursor).file == 3)
        // Enter folds it.
        wb.press("g", "j")
        #expect(wb.selectedFolder?.path == "keras/src/layers" && wb.document.row(wb.diffPane.cursor).file == 0)
        wb.press("Enter")
        #expect(wb.filesPane.foldedFolders == ["keras/src/layers"] && wb.filesPane.rows.count == 5)
        #expect(Screen.render(wb).snapshot.contains("▸ layers/"))
        // m on a folder: all its files viewed; again: none.
        let effects = wb.press("m")
        #expect(effects.count == 3 && wb.viewedCount == 3 && wb.message?.text == "keras/src/layers: 3 files viewed")
        #expect(Screen.render(wb).snapshot.contains("3/3"))
        wb.press("m")
        #expect(wb.viewedCount == 0)
        // A finding is about a file: on a folder c says why not.
        #expect(wb.press("c").isEmpty && wb.overlay == nil)
        #expect(wb.message?.text == "a folder: a finding is about a file (Enter opens the folder)")
        // } goes to the next file, past folders; u opens the folded folder its file is in.
        wb.press("}")
        #expect(wb.selectedFile == 3)
        wb.press("g", "u")
        #expect(wb.filesPane.foldedFolders.isEmpty && wb.selectedFile == 0)
        // Back to the list, the cursor on the same file.
        wb.press("`")
        #expect(!wb.filesPane.tree && wb.filesPane.rows.count == 5 && wb.selectedFile == 0)
    }

    /// The filter narrows the tree: a folder chain left with one path inside is one row.
    @Test func theFilterNarrowsTheTree() {
        var wb = WorkbenchFixture.make(Self.patch())
        wb.press("BTab", "`", "f", "text:core", "Enter")
        #expect(wb.filesPane.rows == [.folder(path: "keras/src/layers/core", label: "keras/src/layers/core", depth: 0, files: [0, 1]),
                                      .file(0, depth: 1), .file(1, depth: 1)])
        wb.press("f", "Escape")
        #expect(wb.filesPane.rows.count == 9)
    }

    /// `view.file-tree = true` in the config opens the file list as a tree; a wrong value is one line.
    @Test func theConfigCanStartTheListAsATree() throws {
        var config = WorkbenchConfig()
        try config.apply("[view]\nfile-tree = true\n", name: "config.toml")
        var wb = WorkbenchFixture.make(Self.patch())
        wb.configure(config)
        #expect(wb.filesPane.tree && wb.filesPane.rows.count == 9 && wb.selectedFile == 0)
        #expect(WorkbenchConfig.dump().contains("\nfile-tree = false"))
        var bad = WorkbenchConfig()
        #expect(throws: InputError("config.toml: view.file-tree: expected true or false")) {
            try bad.apply("[view]\nfile-tree = 1\n", name: "config.toml")
        }
    }
}
