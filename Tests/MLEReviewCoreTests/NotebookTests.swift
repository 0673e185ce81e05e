import Foundation
@testable import MLEReviewCore
import Testing

/// Notebooks as cells: matching, the cell diff with raw line numbers, and what a patch allows.
struct NotebookTests {
    /// nbformat-style JSON: one source string per line, as Jupyter writes it.
    static func notebook(_ cells: [(kind: String, source: [String], count: Int?, outputs: String)]) -> [UInt8] {
        var parts: [String] = []
        for c in cells {
            let source = c.source.enumerated().map { i, l in
                "    \"" + l.replacingOccurrences(of: "\"", with: "\\\"") + (i == c.source.count - 1 ? "\"" : "\\n\",")
            }.joined(separator: "\n")
            parts.append("""
              {
               "cell_type": "\(c.kind)",
               "execution_count": \(c.count.map(String.init) ?? "null"),
               "metadata": {},
               "outputs": [\(c.outputs)],
               "source": [
            \(source)
               ]
              }
            """)
        }
        return Array(("{\n \"cells\": [\n" + parts.joined(separator: ",\n") + "\n ],\n \"nbformat\": 4\n}\n").utf8)
    }

    static let image = "{\"output_type\": \"display_data\", \"data\": {\"image/png\": \"" + String(repeating: "iVBORw0KGgo", count: 400) + "\"}}"
    static let text = "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [\"auc=0.81\\n\"]}"

    static let old = notebook([
        ("markdown", ["# Churn model"], nil, ""),
        ("code", ["import pandas as pd", "df = pd.read_csv(\"a.csv\")"], 1, ""),
        ("code", ["scaler.fit(df)", "X = scaler.transform(df)"], 2, text),
        ("code", ["print(df.shape)"], 3, ""),
    ])
    static let new = notebook([
        ("markdown", ["# Churn model"], nil, ""),
        ("code", ["print(df.shape)"], 9, ""),
        ("code", ["import pandas as pd", "df = pd.read_csv(\"a.csv\")"], 7, ""),
        ("code", ["X_train, X_test = split(df)", "scaler.fit(X_train)", "X = scaler.transform(df)"], 8, image),
        ("code", ["model.fit(X_train)"], 10, ""),
    ])

    @Test func cellsAreParsedWithTheirRawLines() throws {
        let nb = try #require(Notebook.parse(Self.new))
        #expect(nb.cells.map(\.kind) == ["markdown", "code", "code", "code", "code"])
        #expect(nb.cells[3].source == ["X_train, X_test = split(df)", "scaler.fit(X_train)", "X = scaler.transform(df)"])
        let raw = String(decoding: Self.new, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(raw[nb.cells[3].lines[1] - 1].contains("scaler.fit(X_train)"))
        #expect(nb.cells[3].outputs == ["[image/png 3 KB]"])
        #expect(try #require(Notebook.parse(Self.old)).cells[2].outputs == ["stdout: auc=0.81"])
    }

    @Test func aChangedNotebookIsShownAsCellsWithRawLineNumbers() throws {
        let diffText = "diff --git a/eda.ipynb b/eda.ipynb\nindex 1..2 100644\n--- a/eda.ipynb\n+++ b/eda.ipynb\n@@ -1,1 +1,1 @@\n-x\n+y\n"
        let parsed = DiffParser.parse(Array(diffText.utf8))
        let shown = NotebookRewrite.rewrite(parsed, old: { _ in Self.old }, new: { _ in Self.new })
        #expect(shown.warnings.isEmpty)
        let file = try #require(shown.files.first)
        let headers = file.hunks.map { shown.section(of: $0) }
        #expect(headers == [
            "cell 2→3 · code · moved",
            "cell 3→4 · code · modified · outputs: [image/png 3 KB] (were: stdout: auc=0.81)",
            "cell –→5 · code · added",
        ], "\(headers)")
        let modified = shown.lines(of: file.hunks[1]).map { ($0.kind, shown.text($0.content), $0.newNumber) }
        #expect(modified.map(\.1) == ["scaler.fit(df)", "X_train, X_test = split(df)", "scaler.fit(X_train)", "X = scaler.transform(df)"])
        #expect(modified.map(\.0) == [.removed, .added, .added, .context])
        // New-side numbers are lines of the raw .ipynb: a finding there is a line exports can use.
        let raw = String(decoding: Self.new, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(raw[modified[2].2! - 1].contains("scaler.fit(X_train)"))
        // Execution counts changed on every cell, and none of that is shown.
        let all = file.hunks.flatMap { shown.lines(of: $0) }.map { shown.text($0.content) }
        #expect(!all.contains { $0.contains("execution_count") || $0.contains("iVBOR") })
    }

    @Test func onlySourceStringsAreDecoded() {
        #expect(NotebookRewrite.readable("    \"import os\\n\",") == "import os")
        #expect(NotebookRewrite.readable("    \"print(\\\"hi\\\")\"") == "print(\"hi\")")
        // A key and a value is JSON, not a source line: it stays as it is.
        #expect(NotebookRewrite.readable("   \"cell_type\": \"code\",") == "   \"cell_type\": \"code\",")
        #expect(NotebookRewrite.readable("   \"execution_count\": 2,") == "   \"execution_count\": 2,")
    }

    /// Appending a line to a cell's source adds a comma to the line before it in the JSON: decoded,
    /// that line read as removed and added again, identical. It reads as unchanged now.
    @Test func aLineThatOnlyGainedItsCommaReadsUnchanged() throws {
        let patch = """
        diff --git a/nb.ipynb b/nb.ipynb
        index 1111111..2222222 100644
        --- a/nb.ipynb
        +++ b/nb.ipynb
        @@ -5,6 +5,7 @@
            "source": [
             "import os\\n",
        -    "import ray\\n"
        +    "import ray\\n",
        +    "import sys\\n"
            ]
           },
           {

        """
        let shown = NotebookRewrite.rewrite(DiffParser.parse(Array(patch.utf8)))
        let f = try #require(shown.files.first)
        let lines = f.hunks.flatMap { shown.lines(of: $0) }
        let rows = lines.map { ($0.kind == .added ? "+" : $0.kind == .removed ? "-" : " ") + shown.text($0.content) }
        #expect(rows.contains(" import ray") && rows.contains("+import sys") && !rows.contains("-import ray"), "\(rows)")
        #expect(f.additions == 1 && f.deletions == 0)
        let sys = try #require(lines.first { shown.text($0.content) == "import sys" })
        #expect(sys.newNumber == 8, "the raw file's line numbers stay")
        // A hunk whose only change was such a comma says so instead of showing no change.
        let commaPatch = patch.replacingOccurrences(of: "@@ -5,6 +5,7 @@", with: "@@ -5,6 +5,6 @@")
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("+    \"import sys") }.joined(separator: "\n")
        let commaOnly = NotebookRewrite.rewrite(DiffParser.parse(Array(commaPatch.utf8)))
        let hunk = try #require(commaOnly.files.first?.hunks.first)
        #expect(commaOnly.section(of: hunk) == "only JSON punctuation changed here" && commaOnly.files[0].additions == 0, "\(commaOnly.section(of: hunk))")
    }

    /// Rerunning a notebook changes only its execution counts: as cells nothing changed, so the
    /// file kept no hunks and the diff said "(no content change)" about a file the change edits.
    /// Its raw hunks stay, from a range (both versions) as from a patch.
    @Test func aNotebookWhoseCellsDidNotChangeKeepsItsRawHunks() throws {
        let before = Self.notebook([("code", ["import pandas as pd"], 1, ""), ("code", ["print(1)"], 2, "")])
        let after = Self.notebook([("code", ["import pandas as pd"], nil, ""), ("code", ["print(1)"], nil, "")])
        let a = String(decoding: before, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: after, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let changed = a.indices.filter { a[$0] != b[$0] }
        #expect(changed.count == 2)
        var patch = "diff --git a/nb.ipynb b/nb.ipynb\nindex 1111111..2222222 100644\n--- a/nb.ipynb\n+++ b/nb.ipynb\n"
        for i in changed {
            patch += "@@ -\(i + 1),1 +\(i + 1),1 @@\n-\(a[i])\n+\(b[i])\n"
        }
        let parsed = DiffParser.parse(Array(patch.utf8))
        for shown in [NotebookRewrite.rewrite(parsed, old: { _ in before }, new: { _ in after }), NotebookRewrite.rewrite(parsed)] {
            let f = try #require(shown.files.first)
            #expect(f.hunks.count == 2 && f.additions == 2 && f.deletions == 2)
            let text = f.hunks.flatMap { shown.lines(of: $0) }.map { shown.text($0.content) }
            #expect(text.contains { $0.contains("\"execution_count\": null") }, "\(text)")
            #expect(shown.warnings.isEmpty, "\(shown.warnings)")
        }
    }

    @Test(.enabled(if: SharedFixtures.available, SharedFixtures.reason))
    func realNotebooksFromThePatchesAlone() throws {
        // New notebooks: all in the patch, so rebuilt as cells.
        let mlops = DiffParser.parse(try SharedFixtures.bytes("ml-prs/microsoft-MLOpsPython-39609ae.diff"))
        let shownOps = NotebookRewrite.rewrite(mlops)
        let books = shownOps.files.filter { $0.path.hasSuffix(".ipynb") }
        #expect(books.count == 2 && shownOps.warnings.isEmpty)
        for f in books {
            #expect(!f.hunks.isEmpty && f.hunks.allSatisfy { shownOps.section(of: $0).hasPrefix("cell –→") })
            let text = f.hunks.flatMap { shownOps.lines(of: $0) }.map { shownOps.text($0.content) }
            #expect(!text.contains { $0.contains("\"cell_type\"") }, "\(f.path) still shows JSON")
        }
        // A modified notebook with 317 hunks of execution-count churn, from a patch: churn hidden, said so.
        let mwm = DiffParser.parse(try SharedFixtures.bytes("ml-prs/GokuMohandas-Made-With-ML-11ab35b.diff"))
        let shownMWM = NotebookRewrite.rewrite(mwm)
        let nb = try #require(shownMWM.files.first { $0.path == "notebooks/madewithml.ipynb" })
        let before = try #require(mwm.files.first { $0.path == "notebooks/madewithml.ipynb" })
        let warning = try #require(shownMWM.warnings.first { $0.message.hasPrefix("notebooks/madewithml.ipynb: a patch alone cannot rebuild") })
        #expect(nb.hunks.count < before.hunks.count / 2, "\(nb.hunks.count) of \(before.hunks.count) hunks left")
        // Hunks holding a whole added cell are split around its JSON, so the count hidden is at least the difference.
        let hidden = Int(warning.message.components(separatedBy: "; ").last?.split(separator: " ").first ?? "") ?? -1
        #expect(hidden >= before.hunks.count - nb.hunks.count && hidden < before.hunks.count && warning.message.contains("\(hidden) hunks of execution-count and id churn hidden"),
                "\(warning.message)")
        let longest = nb.hunks.flatMap { shownMWM.lines(of: $0) }.map { $0.content.count }.max() ?? 0
        #expect(longest <= 1000, "output data must not be dumped (longest line \(longest) bytes)")
        // Every other file is byte for byte what it was.
        for f in mwm.files where !f.path.hasSuffix(".ipynb") {
            let g = try #require(shownMWM.files.first { $0.path == f.path })
            #expect(Array(mwm.bytes[f.byteRange]) == Array(shownMWM.bytes[g.byteRange]))
        }
        // nanoGPT's notebook: base64 plots become sizes.
        let nano = NotebookRewrite.rewrite(DiffParser.parse(try SharedFixtures.bytes("ml-prs/karpathy-nanoGPT-d56bdf0.diff")))
        let lines = nano.files.flatMap { f in f.hunks.flatMap { nano.lines(of: $0) } }.map { nano.text($0.content) }
        #expect(lines.contains { $0.contains("KB of output data]") } && !lines.contains { $0.utf8.count > 1000 })
    }
}

/// Issue 18: a cell a patch adds in the middle of a hunk reads as a cell, not as its JSON.
struct NotebookAddedCellTests {
    @Test func anAddedCellStartsAHunkNamedForItAndKeepsRawLineNumbers() throws {
        let patch = #"""
        diff --git a/nb.ipynb b/nb.ipynb
        --- a/nb.ipynb
        +++ b/nb.ipynb
        @@ -10,6 +10,15 @@
             "x = 1\n"
            ]
           },
        +  {
        +   "cell_type": "code",
        +   "execution_count": null,
        +   "metadata": {},
        +   "outputs": [],
        +   "source": [
        +    "model.fit(X_test, y_test)\n"
        +   ]
        +  },
           {
            "cell_type": "markdown",
            "metadata": {},

        """#
        let shown = NotebookRewrite.rewrite(DiffParser.parse(Array(patch.utf8)))
        // Only the notebook's own note: the pieces' headers count their lines right.
        #expect(shown.warnings.count == 1, "\(shown.warnings)")
        let hunks = try #require(shown.files.first?.hunks)
        let sections = hunks.map { shown.section(of: $0) }
        #expect(sections.contains("+ cell · code"), "\(sections)")
        let lines = hunks.flatMap { shown.lines(of: $0) }
        let texts = lines.map { shown.text($0.content).trimmingSpaces() }
        #expect(!texts.contains { $0.hasPrefix("\"cell_type\": \"code\"") || $0.hasPrefix("\"execution_count\"") }, "\(texts)")
        let fit = try #require(lines.first { shown.text($0.content).contains("model.fit") })
        // Its raw line in the new file: a finding there is where the JSON has it.
        #expect(fit.kind == .added && fit.newNumber == 19)
        let markdown = try #require(lines.first { shown.text($0.content).contains("\"cell_type\": \"markdown\"") })
        #expect(markdown.oldNumber == 14 && markdown.newNumber == 23)
    }
}
