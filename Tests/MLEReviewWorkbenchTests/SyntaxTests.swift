import Foundation
import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

/// The lexers, the word diff, and how both look on the cell grid.
struct SyntaxTests {
    /// Each span as `text:role`, for readable expectations.
    func lex(_ text: String, _ lang: SyntaxLanguage, _ state: Lexer.State = .normal) -> (spans: [String], end: Lexer.State) {
        let b = Array(text.utf8)
        let r = Lexer.line(b, lang, state)
        return (r.spans.map { "\(String(decoding: b[$0.range], as: UTF8.self)):\($0.role.rawValue.replacingOccurrences(of: "syntax-", with: ""))" }, r.end)
    }

    /// The tables are indexed by `ordinal`: it must be each case's place in `allCases`.
    @Test func eachLanguageFindsItsOwnTables() {
        for (k, lang) in SyntaxLanguage.allCases.enumerated() { #expect(lang.ordinal == k, "\(lang)") }
        #expect(SyntaxLanguage.python.keywords.contains("lambda") && SyntaxLanguage.sql.keywords.contains("select"))
        #expect(SyntaxLanguage.shell.lineComments == [Array("#".utf8)])
    }

    @Test func python() {
        #expect(lex("def fit(self, X):  # train", .python).spans == ["def:keyword", "fit:function", "self:keyword", "# train:comment"])
        #expect(lex("class Model(Base):", .python).spans == ["class:keyword", "Model:type"])
        #expect(lex("x = load(\"a#b\", 3.5e-3)", .python).spans == ["load:function", "\"a#b\":string", "3.5e:number", "3:number"])
        let open = lex("doc = \"\"\"Trains the", .python)
        #expect(open.spans == ["\"\"\"Trains the:string"] && open.end == .string("\"\"\""))
        let close = lex("model. \"\"\" + str(x)", .python, open.end)
        #expect(close.spans == ["model. \"\"\":string", "str:type"] && close.end == .normal)
    }

    @Test func sqlYamlJsonTomlShellMarkdown() {
        #expect(lex("SELECT user_id, COUNT(*) FROM events -- daily", .sql).spans
                == ["SELECT:keyword", "COUNT:function", "FROM:keyword", "-- daily:comment"])
        let block = lex("WHERE ts < '2026-01-01' /* leak", .sql)
        #expect(block.spans == ["WHERE:keyword", "'2026-01-01':string", "/*:comment", " leak:comment"] && block.end == .blockComment)
        #expect(lex("- name: churn  # model", .yaml).spans == ["name:type", "# model:comment"])
        #expect(lex("  threshold: 0.35", .yaml).spans == ["threshold:type", "0.35:number"])
        #expect(lex("{\"seed\": 7, \"shuffle\": true}", .json).spans == ["\"seed\":type", "7:number", "\"shuffle\":type", "true:keyword"])
        #expect(lex("[tool.pytest]", .toml).spans == ["[tool.pytest]:type"])
        #expect(lex("max-epochs = 10", .toml).spans == ["max-epochs:type", "10:number"])
        #expect(lex("export MODEL=${MODEL_DIR}/m.pt # pinned", .shell).spans == ["export:keyword", "${MODEL_DIR}:type", "# pinned:comment"])
        #expect(lex("## Evaluation", .markdown).spans == ["## Evaluation:keyword"])
        let fence = lex("```python", .markdown)
        #expect(fence.end == .fence && lex("x = 1", .markdown, .fence).spans == ["x = 1:string"])
        #expect(SyntaxLanguage.detect(path: "a/b/train.PY") == .python && SyntaxLanguage.detect(path: "Dockerfile") == .shell
                && SyntaxLanguage.detect(path: "model.bin") == nil)
    }

    @Test func wordDiffMarksOnlyTheChangedWords() throws {
        let old = Array("    return auc > 0.8".utf8), new = Array("    return auc > 0.7".utf8)
        let c = try #require(WordDiff.changes(old: old, new: new))
        #expect(c.old.map { String(decoding: old[$0], as: UTF8.self) } == ["8"])
        #expect(c.new.map { String(decoding: new[$0], as: UTF8.self) } == ["7"])
        let a = Array("model.fit(X_train, y_train)".utf8), b = Array("model.fit(X_train, y_train, sample_weight=w)".utf8)
        let d = try #require(WordDiff.changes(old: a, new: b))
        #expect(d.old.isEmpty && d.new.map { String(decoding: b[$0], as: UTF8.self) } == [", sample_weight=w"])
        // A rewritten line is a changed line, not confetti; an enormous one is not compared at all.
        #expect(WordDiff.changes(old: Array("x = 1".utf8), new: Array("print(load_everything())".utf8)) == nil)
        #expect(WordDiff.changes(old: Array(repeating: 97, count: 5000), new: Array(repeating: 98, count: 5000)) == nil)
    }

    func roles(_ g: Grid, row: Int, text: String) -> [Role] {
        let line = g.text(row: row)
        guard let r = line.range(of: text) else { return [] }
        let start = line.distance(from: line.startIndex, to: r.lowerBound)
        return (start..<(start + text.count)).map { g[row, $0].role }
    }

    func row(_ g: Grid, containing text: String) -> Int? {
        (0..<g.height).first { g.text(row: $0).contains(text) }
    }

    @Test func theDiffViewShowsChangedWordsAndSyntaxAndYTurnsSyntaxOff() throws {
        var wb = WorkbenchFixture.make()
        var g = Screen.render(wb)
        let removed = try #require(row(g, containing: "return auc > 0.8"))
        let added = try #require(row(g, containing: "return auc > 0.7"))
        #expect(roles(g, row: removed, text: "8") == [.diffRemovedWord])
        #expect(roles(g, row: added, text: "7") == [.diffAddedWord])
        #expect(roles(g, row: added, text: "return") == Array(repeating: .syntaxKeyword, count: 6))
        #expect(roles(g, row: added, text: "auc") == Array(repeating: .diffAdded, count: 3))
        #expect(g[added, 40].highlight == .added || g[added, 40].highlight == .cursor)
        let context = try #require(row(g, containing: "print(\"done\")"))
        #expect(roles(g, row: context, text: "\"done\"") == Array(repeating: .syntaxString, count: 6))

        _ = wb.press("y")
        #expect(wb.message?.text == "syntax colour off")
        g = Screen.render(wb)
        #expect(roles(g, row: added, text: "return") == Array(repeating: .diffAdded, count: 6))
        #expect(roles(g, row: added, text: "7") == [.diffAddedWord], "changed words stay marked without syntax colour")
    }

    @Test func aStringOpenedAboveTheScreenIsStillAString() throws {
        var lines = ["+def train():", "+    \"\"\"Fit the model."]
        for i in 0..<60 { lines.append("+    Line \(i) of the docstring, with if and for in it.") }
        lines += ["+    \"\"\"", "+    return fit()"]
        let text = "diff --git a/t.py b/t.py\n--- a/t.py\n+++ b/t.py\n@@ -0,0 +1,\(lines.count) @@\n" + lines.joined(separator: "\n") + "\n"
        var wb = WorkbenchFixture.make(text)
        _ = wb.press("G")
        let g = Screen.render(wb)
        let inside = try #require(row(g, containing: "Line 59 of the docstring"))
        #expect(roles(g, row: inside, text: "if") == [.syntaxString, .syntaxString])
        let after = try #require(row(g, containing: "return fit()"))
        #expect(roles(g, row: after, text: "return") == Array(repeating: .syntaxKeyword, count: 6))
        #expect(roles(g, row: after, text: "fit") == Array(repeating: .syntaxFunction, count: 3))
    }

    /// A CSV row whose label changed at its end showed the same cut text on both sides, with the
    /// same grey `›`: the `›` now takes the changed-word colour when a changed word is beyond it,
    /// in the unified and the side-by-side view, and stays grey when the change is on screen.
    @Test func aChangeCutOffAtTheRightEdgeColoursTheEdgeMarker() throws {
        let long = String(repeating: "A curated list of papers with implementations, ", count: 4)
        let text = """
        diff --git a/data/holdout.csv b/data/holdout.csv
        --- a/data/holdout.csv
        +++ b/data/holdout.csv
        @@ -1,2 +1,2 @@
        -7,"\(long)",graph-learning
        -8,changed here,"\(long)"
        +7,"\(long)",other
        +8,changed now,"\(long)"

        """
        var wb = WorkbenchFixture.make(text)
        func edges(_ g: Grid, _ row: Int) -> [Role] {
            Array(g.text(row: row)).enumerated().filter { $0.element == "›" }.map { g[row, $0.offset].role }
        }
        var g = Screen.render(wb)
        let removed = try #require(row(g, containing: "-7,\"A curated"))
        let added = try #require(row(g, containing: "+7,\"A curated"))
        #expect(edges(g, removed) == [.diffRemovedWord] && edges(g, added) == [.diffAddedWord])
        let shown = try #require(row(g, containing: "+8,changed now"))
        #expect(edges(g, shown) == [.hint], "the change is on screen")

        _ = wb.press("z", "s")
        g = Screen.render(wb)
        let both = try #require(row(g, containing: "-7,\"A curated"))
        #expect(g.text(row: both).contains("+7,\"A curated"), "side by side: \(g.snapshot)")
        #expect(edges(g, both) == [.diffRemovedWord, .diffAddedWord])
        let pair = try #require(row(g, containing: "+8,changed now"))
        #expect(edges(g, pair) == [.hint, .hint])
    }
}

/// Side by side: old left, new right, pairs on one row, and a narrow pane falls back to unified.
struct SideBySideTests {
    @Test func pairsShareARowAndContextShowsOnBothSides() throws {
        var wb = WorkbenchFixture.make(width: 200, height: 40)
        _ = wb.press("s")
        #expect(wb.message?.text == "side by side: old left, new right")
        let lines = Screen.render(wb).snapshot.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("· side by side") })
        let paired = try #require(lines.first { $0.contains("-    return auc > 0.8") })
        #expect(paired.contains("│") && paired.contains("+    return auc > 0.7"))
        #expect(paired.range(of: "0.8")!.lowerBound < paired.range(of: "0.7")!.lowerBound)
        let first = try #require(lines.first { $0.contains("-    X_train, X_test = split(df)") })
        #expect(first.contains("+    X = scaler.fit_transform(df)"))
        let alone = try #require(lines.first { $0.contains("+    X_train, X_test = split(X)") })
        #expect(!alone.contains("-    "))
        let context = try #require(lines.first { $0.contains("model.fit(X_train)") })
        #expect(context.components(separatedBy: "model.fit(X_train)").count == 3, "a context line shows on both sides")
        // Old numbers on the left, new on the right: removed line 41 of the old file pairs with new line 42.
        #expect(paired.contains(" 41 -") && paired.contains(" 42 +"))
    }

    @Test func theCursorsHalfIsHighlightedAndAFindingOnARemovedLineIsOnTheOldSide() throws {
        var wb = WorkbenchFixture.make(width: 200, height: 40)
        _ = wb.press("s")
        while let l = wb.document.location(at: wb.diffPane.cursor), !(l.side == .old && l.line == 21) { _ = wb.press("j") }
        let g = Screen.render(wb)
        let inner = wb.layout.diff.inner
        let row = try #require((0..<g.height).first { g.text(row: $0).contains("-    X_train, X_test = split(df)") })
        #expect(g[row, inner.col + 5].highlight == .cursor)
        #expect(g[row, inner.col + inner.width - 5].highlight != .cursor)
        _ = wb.press("c")
        guard case .form(let form) = wb.overlay else { Issue.record("no finding form"); return }
        #expect(form.value("location") == "pipelines/train.py:21" && form.value("side") == "old")
    }

    @Test func aNarrowPaneFallsBackToUnifiedAndSaysSo() {
        var wb = WorkbenchFixture.make(width: 120, height: 40)
        _ = wb.press("s")
        #expect(wb.message?.text.hasPrefix("too narrow for side by side") == true)
        let screen = Screen.render(wb).snapshot
        #expect(screen.contains("· unified: too narrow for side by side"))
        #expect(screen.contains("-    return auc > 0.8") && !screen.contains("0.8 │"))
        wb.resize(width: 200, height: 40)
        #expect(Screen.render(wb).snapshot.contains("· side by side"))
    }

    @Test func aLongPathGivesWayToTheModeInTheTitle() {
        let path = "diabetes_regression/training/very/deep/folder/structure/for/the/training/script/train.py"
        var wb = WorkbenchFixture.make("diff --git a/\(path) b/\(path)\n--- a/\(path)\n+++ b/\(path)\n@@ -1 +1 @@\n-x = 1\n+x = 2\n", width: 160)
        _ = wb.press("s")
        #expect(Screen.render(wb).snapshot.contains("· unified: too narrow for side by side ─"))
    }
}

/// A new notebook in the workbench: cells, not JSON.
struct NotebookViewTests {
    static let diff: String = {
        let nb = [
            "{", " \"cells\": [", "  {", "   \"cell_type\": \"code\",", "   \"execution_count\": 3,", "   \"metadata\": {},",
            "   \"outputs\": [],", "   \"source\": [", "    \"import joblib\\n\",", "    \"model = joblib.load(\\\"m.pkl\\\")\"", "   ]", "  }",
            " ],", " \"nbformat\": 4", "}",
        ]
        return "diff --git a/eda.ipynb b/eda.ipynb\nnew file mode 100644\n--- /dev/null\n+++ b/eda.ipynb\n@@ -0,0 +1,\(nb.count) @@\n"
            + nb.map { "+" + $0 }.joined(separator: "\n") + "\n"
    }()

    @Test func aNewNotebookShowsItsCellsWithRawLineNumbers() throws {
        let parsed = DiffParser.parse(Array(Self.diff.utf8))
        let shown = NotebookRewrite.rewrite(parsed)
        let wb = Workbench(document: DiffDocument(shown), review: WorkbenchFixture.make().review, checklist: ChecklistLoader.builtIn,
                           reviewer: nil, sourceLabel: "nb.diff", width: 120, height: 30)
        let screen = Screen.render(wb).snapshot
        #expect(screen.contains("@@ -0,0 +9,2 @@ cell –→1 · code · added"), "\(screen)")
        #expect(screen.contains("9 +import joblib") && screen.contains("10 +model = joblib.load(\"m.pkl\")"))
        #expect(!screen.contains("cell_type") && !screen.contains("execution_count"))
        // A code cell is coloured as Python.
        let g = Screen.render(wb)
        let row = try #require((0..<g.height).first { g.text(row: $0).contains("9 +import joblib") })
        let col = g.text(row: row).distance(from: g.text(row: row).startIndex, to: g.text(row: row).range(of: "import joblib")!.lowerBound)
        #expect(g[row, col].role == .syntaxKeyword)
    }
}

/// With a git range, both versions of a notebook come from git: a modified notebook becomes cells.
struct NotebookRangeTests {
    @Test func aModifiedNotebookInARangeIsReadFromGit() throws {
        let repo = TestScratch.directory.appendingPathComponent("nbrepo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: repo) }
        func git(_ args: String...) throws {
            let r = try Subprocess.run(["git", "-C", repo, "-c", "user.name=T", "-c", "user.email=t@example.com"] + args)
            try #require(r.status == 0, "git \(args): \(r.stderrText)")
        }
        func notebook(_ cells: [(String, Int)]) -> String {
            let body = cells.map { source, count in
                "  {\n   \"cell_type\": \"code\",\n   \"execution_count\": \(count),\n   \"metadata\": {},\n   \"outputs\": [],\n   \"source\": [\n    \"\(source)\"\n   ]\n  }"
            }.joined(separator: ",\n")
            return "{\n \"cells\": [\n" + body + "\n ],\n \"nbformat\": 4\n}\n"
        }
        try git("init", "-q", "-b", "main")
        try notebook([("import pandas as pd", 1), ("df = load()", 2), ("model.fit(df)", 3)]).write(toFile: repo + "/eda.ipynb", atomically: true, encoding: .utf8)
        try git("add", "eda.ipynb")
        try git("commit", "-qm", "one")
        // Re-run: every execution count changes; one cell's source changes.
        try notebook([("import pandas as pd", 7), ("df = load(cutoff=\\\"2026-01-01\\\")", 8), ("model.fit(df)", 9)]).write(toFile: repo + "/eda.ipynb", atomically: true, encoding: .utf8)
        try git("commit", "-qam", "two")
        let store = try ReviewStore(path: repo + "/.git/s.sqlite")
        let input = try ReviewInput.range("HEAD~1..HEAD", repository: GitRepository(directory: repo))
        let d = try ReviewSession.open(input: input, store: store, checklist: ChecklistLoader.builtIn, reviewer: nil,
                                         width: 120, height: 30, directory: repo)
        let doc = d.workbench.document
        let file = try #require(doc.files.first)
        #expect(file.hunks.map { doc.diff.section(of: $0) } == ["cell 2→2 · code · modified"])
        let lines = doc.lines(file: 0, hunk: 0).map { "\($0.kind) \(doc.diff.text($0.content))" }
        #expect(lines == ["removed df = load()", "added df = load(cutoff=\"2026-01-01\")"])
        #expect(doc.diff.warnings.isEmpty)
    }
}
