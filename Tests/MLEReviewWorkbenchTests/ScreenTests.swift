import Foundation
import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

/// Views drawn on the in-memory grid, read as text.
struct ScreenTests {
    @Test func theWholeScreenAt100x30() {
        var wb = WorkbenchFixture.make(width: 100, height: 30, findings: [
            Finding(severity: .high, title: "Scaler fitted before the split", location: Location(path: "pipelines/train.py", line: 21)),
        ])
        wb.review.viewedFiles["serving/predict.py"] = wb.document.hash(ofFile: 1)
        let g = Screen.render(wb)
        let lines = g.lines
        #expect(lines[0].hasPrefix(" mle-review │ pr.diff │ 2 files +6 -2 │ viewed 1/2"))
        #expect(lines[0].hasSuffix("IN REVIEW · 50 required left · BLOCK so far  "))
        #expect(lines[1].hasPrefix("┌─ Files 1/2 viewed ─"))
        #expect(lines[2].hasPrefix("│ ●M pipelines/train.py +3 -2│"))
        #expect(lines[3].hasPrefix("│✓ A serving/predict.py +3 -0│"))
        #expect(lines[1].contains("┌─ Diff · 1/2 pipelines/train.py ─"))
        // The diff pane's inside starts at column 31: markers, old and new numbers, sign, content.
        let diff = lines.map { String($0.dropFirst(31).prefix(68)).trimmingCharacters(in: .whitespaces) }
        #expect(diff[2] == "━ M pipelines/train.py  +3 -2")
        #expect(diff[3] == "@@ -20,5 +20,6 @@ def train(path, out_path):")
        #expect(diff[4] == "20  20      df = load(path)")
        #expect(diff[5] == "21     -    X_train, X_test = split(df)")
        #expect(diff[6] == "●      21 +    X = scaler.fit_transform(df)")
        #expect(lines[29].hasPrefix(" ] hunk  s split  v select  c finding  m viewed  Tab pane  z zoom  / search"), "\(lines[29])")
        #expect(lines[29].hasSuffix("✓ saved "))
        #expect(g.snapshot.contains("│HIGH     pipelines/train.py:21  Scaler fitted before the split"))
        #expect(g.snapshot.contains("│▾ Start Here             0/6│"))
        #expect(g.snapshot.contains("│  [ ] Change is reviewable"))
    }

    /// `i` on an item low in the checklist put its explanation, note and history under the list
    /// and hid the item itself: the pane kept four lines for them whatever they took.
    @Test func theExplainedItemStaysOnScreen() throws {
        var wb = WorkbenchFixture.make()
        wb.press("Tab")
        wb.checklistPane.expanded = Set(wb.checklist.sections.map(\.id))
        // The pane's last row before `i`: an item.
        let row = wb.layout.checklist.inner.height - 1
        guard case .item(let s, let i) = wb.checklistRows[row] else { Issue.record("row \(row) is a section"); return }
        let item = wb.checklist.sections[s].items[i]
        wb.review.items[item.id] = ItemMark(state: .notApplicable, note: "The split is by file listing; there are no entities or times in it to respect.", setBy: "Ada")
        for _ in 0..<row { wb.press("j") }
        #expect(Screen.render(wb).snapshot.contains("[–] " + item.title.prefix(20)))
        wb.press("i")
        let g = Screen.render(wb).snapshot
        #expect(g.contains("[–] " + item.title.prefix(20)), "\(g)")
        #expect(g.contains("note (Ada): The split is by"), "\(g)")
    }

    /// The loop sizes the workbench to the screen when it starts, over a patch's first screen
    /// drawn at that size: only a new size asks for the screen to be cleared and drawn whole.
    /// A patch named by a long path (the fixtures' own, say) pushed the file count, the line
    /// counts and "viewed" off the title: the path gives up its start instead.
    @Test func aLongPatchPathLeavesTheTitlesCountsInPlace() {
        var wb = WorkbenchFixture.make()
        wb.sourceLabel = "/work/shared/fixtures/ml-prs/karpathy-nanoGPT-d17350a.diff"
        let title = Screen.render(wb).text(row: 0)
        #expect(title.contains("nanoGPT-d17350a.diff │ 2 files +"), "\(title)")
        #expect(title.contains("│ viewed 0/2"), "\(title)")
        #expect(title.hasPrefix(" mle-review │ …"), "\(title)")
        var small = WorkbenchFixture.make(width: 80, height: 24) // no room for both: the name's end stays
        small.sourceLabel = wb.sourceLabel
        let narrow = Screen.render(small).text(row: 0)
        #expect(narrow.hasPrefix(" mle-review │ …noGPT-d17350a.diff │ 2 files +6 -2 "), "\(narrow)")
        wb.sourceLabel = "demo: churn model → gradient boosting + online scoring with a long description" // no path: its start stays
        let described = Screen.render(wb).text(row: 0)
        #expect(described.hasPrefix(" mle-review │ demo: churn model") && described.contains("… │ 2 files +"), "\(described)")
        wb.sourceLabel = "pr.diff" // a short one is shown whole
        #expect(Screen.render(wb).text(row: 0).hasPrefix(" mle-review │ pr.diff │ 2 files"))
    }

    /// Beside a pair's names the counts were cut mid-word ("2 files +35 -7 │ vie…"): they now go
    /// a whole segment at a time, "viewed" first.
    @Test func besideAPairTheTitleDropsWholeSegments() {
        var wb = WorkbenchFixture.make()
        wb.sourceLabel = "/work/shared/fixtures/ml-prs/keras-team-keras-8793409.diff"
        wb.others = [Presence(session: "s", name: "Bo", role: .navigator, path: "keras/src/utils/dataset_utils.py", line: 907, seenAt: Date())]
        let title = Screen.render(wb).text(row: 0)
        #expect(title.contains("with Bo (navigator) dataset_utils.py:907"), "\(title)")
        #expect(title.contains("8793409.diff │ 2 files +") && !title.contains("│ vie"), "\(title)")
        #expect(!title.contains("…") || title.hasPrefix(" mle-review │ …"), "only the path's start is cut: \(title)")
        wb.others = []
        #expect(Screen.render(wb).text(row: 0).contains("│ viewed 0/2"))
    }

    @Test func onlyANewSizeClearsTheScreen() {
        var wb = WorkbenchFixture.make(width: 120, height: 40)
        wb.fullRedraw = false
        wb.resize(width: 120, height: 40)
        let same = wb.fullRedraw
        #expect(!same, "the same size: the frame is drawn over the last one cell by cell")
        wb.resize(width: 100, height: 30)
        let changed = wb.fullRedraw
        #expect(changed)
        #expect(Screen.render(wb).width == 100)
    }

    @Test func theCursorRowIsHighlighted() {
        let wb = WorkbenchFixture.make()
        let g = Screen.render(wb)
        let inner = wb.layout.diff.inner
        let row = inner.row + wb.diffPane.cursor - wb.diffPane.scroll
        #expect(g[row, inner.col + 3].highlight == .cursor)
        // The next line is a removed one: under syntax colour, its background says so.
        #expect(g[row + 1, inner.col + 3].highlight == .removed)
    }

    @Test func aTooSmallTerminalSaysSoAndRecovers() {
        var wb = WorkbenchFixture.make(width: 70, height: 20)
        #expect(Screen.render(wb).snapshot.contains("Terminal too small: 70x20; mle-review needs at least 80x24."))
        wb.resize(width: 80, height: 24)
        let g = Screen.render(wb)
        #expect(!g.snapshot.contains("too small") && g.snapshot.contains("┌─ Files"))
    }

    /// A long issue (a hint's sentence and its evidence) reads whole in the form: it wraps at
    /// words instead of running past the field's edge.
    @Test func aLongIssueWrapsInTheForm() {
        var wb = WorkbenchFixture.make()
        let issue = "A transformer is fitted on rows that include the ones it is later tested on, so held-out metrics are optimistic. Evidence: fit_transform() on line 26 reads X, which train_test_split splits on line 27."
        wb.press("c", "text:Leak", "Tab", "Tab", "Tab", "Tab", "text:" + issue)
        let focused = Screen.render(wb).snapshot
        #expect(focused.contains("optimistic. Evidence:") && focused.contains("line 27."), "\(focused)")
        wb.press("Tab")
        let form = Screen.render(wb).snapshot
        #expect(form.contains("Issue  A transformer is fitted") && form.contains("optimistic. Evidence:") && form.contains("fit_transform() on line 26 reads X") && form.contains("line 27."), "\(form)")
    }

    /// A form's longest label keeps a column from the frame, as the shorter ones do.
    @Test func aFormsLongestLabelDoesNotTouchTheFrame() {
        var wb = WorkbenchFixture.make()
        wb.press("t")
        let row = Screen.render(wb).snapshot.split(separator: "\n").first { $0.contains("Why a failure is acceptable") }
        #expect(row?.contains("│ Why a failure is acceptable  ") == true, "\(row ?? "no such row")")
    }

    /// The footer lists the keys that answer: under a question, its own, not the pane's beneath.
    @Test func theFooterUnderAnOverlayListsTheOverlaysKeys() {
        var wb = WorkbenchFixture.make()
        for _ in 0..<4 where wb.focus != .checklist { wb.press("Tab") }
        #expect(wb.focus == .checklist)
        #expect(Screen.render(wb).snapshot.split(separator: "\n").last?.contains("p pass") == true)
        wb.press("p")
        guard case .confirm = wb.overlay else { Issue.record("p on a section did not ask"); return }
        wb.message = nil
        let footer = String(Screen.render(wb).snapshot.split(separator: "\n").last ?? "")
        #expect(!footer.contains("p pass") && footer.contains("y yes"), "\(footer)")
    }

    @Test func overlaysDraw() {
        var wb = WorkbenchFixture.make()
        wb.press("?")
        #expect(Screen.render(wb).snapshot.contains("next pane"))
        // The checklist's keys are further down: page until they show (at most a few pages).
        var pages = 0
        while !Screen.render(wb).snapshot.contains("cycle the item: unchecked, pass, fail, n/a") && pages < 12 { wb.press("PgDn"); pages += 1 }
        #expect(Screen.render(wb).snapshot.contains("cycle the item: unchecked, pass, fail, n/a") && pages > 0)
        wb.press("Esc", "c", "text:Leak")
        let form = Screen.render(wb).snapshot
        #expect(form.contains("┌─ New finding ─") && form.contains("Title  Leak") && form.contains("Severity  ◀ MEDIUM ▶"))
        wb.press("Esc")
        #expect(Screen.render(wb).snapshot.contains("Discard what you typed in New finding?"))
        wb.press("y", "V")
        let verdict = Screen.render(wb).snapshot
        #expect(verdict.contains("Decision: IN REVIEW · 50 required left  (not final") && verdict.contains("Before APPROVE (50 to do):"))
    }

    @Test func wrapModeShowsAllOfALongLine() {
        let long = Array(repeating: "feature_", count: 40).joined()
        let text = "--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a\n+\(long)END\n"
        var wb = WorkbenchFixture.make(text, width: 100, height: 30)
        #expect(Screen.render(wb).snapshot.contains("›"))
        wb.press("w")
        let snap = Screen.render(wb).snapshot
        #expect(snap.contains("END") && !snap.contains("›"))
    }

    @Test func searchMatchesAreMarked() {
        var wb = WorkbenchFixture.make()
        wb.press("/", "text:SCALER", "Enter")
        #expect(wb.message?.text == "not found: SCALER")
        wb.press("/", "Ctrl-U", "text:scaler", "Enter")
        let g = Screen.render(wb)
        let marked = g.cells.filter { $0.role == .searchMatch }.map(\.text).joined()
        #expect(marked == "scaler")
    }

    @Test func explanationsShowOnDemand() {
        var wb = WorkbenchFixture.make()
        wb.press("Tab", "j", "i")
        #expect(Screen.render(wb).snapshot.contains("Merge conflicts are resolved, CI"))
    }

    /// Every hostile diff, every row drawn: no cell holds a control, escape, bidi or zero-width
    /// character, and the Trojan Source lines carry the warning marker.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: HostileFiles.folder), "needs ../shared/fixtures/hostile beside the repository"),
          arguments: HostileFiles.names)
    func hostileDiffsNeverReachTheTerminalRaw(name: String) throws {
        let bytes = try ByteInput.read(path: HostileFiles.folder + "/" + name)
        var wb = Workbench(document: DiffDocument(DiffParser.parse(bytes)), review: Review(source: ReviewSource(kind: .patch, diffSHA256: "x"),
                           checklist: ChecklistRef(ChecklistLoader.builtIn)), checklist: ChecklistLoader.builtIn, reviewer: nil,
                           sourceLabel: name, width: 120, height: 40)
        var warnings = 0
        for wrap in [false, true] {
            wb.diffPane.wrap = wrap
            wb.diffPane.scroll = 0
            repeat {
                let g = Screen.render(wb)
                for cell in g.cells {
                    for s in cell.text.unicodeScalars {
                        #expect(!(s.value < 0x20 || (0x7F...0x9F).contains(s.value)), "\(name): control U+\(String(s.value, radix: 16)) in a cell")
                        #expect(!SafeText.isInvisibleOrBidi(s) && s.value != 0x2028 && s.value != 0x2029, "\(name): hidden U+\(String(s.value, radix: 16))")
                    }
                }
                let inner = wb.layout.diff.inner
                warnings += (inner.row..<(inner.row + inner.height)).filter { g[$0, inner.col + 1].text == "!" }.count
                wb.diffPane.scroll += wb.diffPageHeight
            } while wb.diffPane.scroll < wb.document.rowCount
        }
        if ["bidi_trojan_source.diff", "zero_width_chars.diff", "ansi_escape_sequences.diff", "control_chars_and_line_separators.diff",
            "homoglyph_identifier.diff"].contains(name) {
            #expect(warnings > 0, "\(name) should flag its lines")
        }
    }
}

enum HostileFiles {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/fixtures/hostile").path
    /// Without the fixtures, none (the test is disabled and says so); a folder that is there but
    /// unreadable or empty is one failing case, never zero passing ones.
    static var names: [String] {
        guard FileManager.default.fileExists(atPath: folder + "/../README.md") else { return [] }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".diff") }.sorted()
        return names.isEmpty ? ["!unreadable " + folder] : names
    }
}

struct ChecklistTitleTests {
    @Test func longItemTitlesEndInAnEllipsis() {
        var wb = WorkbenchFixture.make(width: 80, height: 30)
        wb.checklistPane.expanded = ["problem-framing-and-decision-quality"]
        let line = Screen.render(wb).lines.first { $0.contains("[ ] Metrics follow the") }
        #expect(line?.contains("Metrics follow the mi…│") == true, "\(line ?? "no such line")")
    }
}

struct WrapScrollTests {
    /// Jumping to the end with wrapping on looks at a page of rows, not the whole diff.
    @Test func endOfALongDiffInWrapMode() {
        var text = "--- a/big.txt\n+++ b/big.txt\n@@ -0,0 +1,30000 @@\n"
        for i in 0..<30000 { text += "+line \(i)\n" }
        var wb = WorkbenchFixture.make(text)
        wb.document.setFolded(0, false)
        wb.press("w", "G")
        #expect(wb.diffPane.cursor == wb.document.rowCount - 1)
        #expect(wb.diffPane.scroll > wb.diffPane.cursor - wb.diffPageHeight)
        #expect(Screen.render(wb).snapshot.contains("+line 29999"))
    }
}

/// Issue 18: text a person reads, not a raw stamp or "1 files".
struct ReadableTextTests {
    @Test func timesAreLocalAndNear() {
        let zone = TimeZone(identifier: "Europe/Berlin")!
        let now = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18 11:06 UTC, 12:06 in Berlin
        #expect(HumanTime.short(now.addingTimeInterval(-3600), now: now, zone: zone) == "today 11:06")
        #expect(HumanTime.short(now.addingTimeInterval(-86_400), now: now, zone: zone) == "yesterday 12:06")
        #expect(HumanTime.short(now.addingTimeInterval(-10 * 86_400), now: now, zone: zone) == "8 Nov 12:06")
        #expect(HumanTime.short(now.addingTimeInterval(-400 * 86_400), now: now, zone: zone) == "14 Oct 2025")
        #expect(HumanTime.compact(now.addingTimeInterval(-3600), now: now, zone: zone) == "11:06")
    }

    @Test func oneFileIsOneFile() {
        let one = "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1 +1 @@\n-x = 1\n+x = 2\n"
        let wb = WorkbenchFixture.make(one)
        let title = Screen.render(wb).lines[0]
        #expect(title.contains("│ 1 file +1 -1 │"), "\(title)")
    }
}

/// Issue 17: the first screen of a large patch, from its first bytes only.
struct PreviewScreenTests {
    @Test func thePreviewShowsTheFirstLinesAndSaysItIsLoading() {
        let text = LargePatchJourneyTests.bigPatch()
        let bytes = Array(text.utf8)
        let wb = Workbench.preview(prefix: Array(bytes.prefix(Workbench.previewBytes)), totalBytes: bytes.count, label: "big.diff", width: 120, height: 40)
        let screen = Screen.render(wb).snapshot
        let lines = screen.split(separator: "\n")
        #expect(lines[0].contains("big.diff") && lines[0].contains("loading 1.1 MB…") && !lines[0].contains("files"), "\(lines[0])")
        #expect(screen.contains("━ M pkg/m0.py") && screen.contains("same_0_1 = 1"))
        #expect(lines.last?.contains("keys wait until the review is open") == true && lines.last?.contains("loading…") == true, "\(lines.last ?? "")")
        #expect(!screen.contains("✓ saved"), "nothing is saved yet")
        // Its first bytes hold some of its files: no count of them, and no checklist that the
        // team's could replace a moment later.
        #expect(screen.contains("┌─ Files · loading… ") && screen.contains("┌─ Diff · pkg/m0.py ─"), "\(screen)")
        #expect(screen.contains("┌─ Checklist ─") && !screen.contains("Start Here") && !screen.contains("/55"), "\(screen)")
    }

    /// Drawn on the second core while the terminal starts: the same frame as drawn in place,
    /// and drawn again when the terminal settles on another size than the kernel said.
    @Test func theFrameDrawnBesideIsTheFrameDrawnInPlace() {
        let bytes = Array(LargePatchJourneyTests.bigPatch().utf8)
        let prefix = Array(bytes.prefix(Workbench.previewBytes))
        var config = WorkbenchConfig()
        config.view.sideBySide = true
        func inPlace(_ width: Int, _ height: Int) -> String {
            var wb = Workbench.preview(prefix: prefix, totalBytes: bytes.count, label: "big.diff", width: width, height: height)
            wb.configure(config)
            return Screen.render(wb).snapshot
        }
        // As the opening does: the drawing starts, then the config read meanwhile is given.
        func frame(_ width: Int, _ height: Int, beside: Bool) -> PreviewFrame {
            let f = PreviewFrame(prefix: prefix, totalBytes: bytes.count, label: "big.diff", width: width, height: height, beside: beside)
            f.configure(config)
            return f
        }
        let beside = frame(120, 40, beside: true)
        beside.besideDone.wait()
        #expect(beside.grid(width: 120, height: 40).snapshot == inPlace(120, 40))
        let resized = frame(120, 40, beside: true)
        resized.besideDone.wait()
        #expect(resized.grid(width: 90, height: 30).snapshot == inPlace(90, 30))
        // Asked for before the thread beside has started (both cores busy): drawn by the asker.
        let early = frame(120, 40, beside: true)
        #expect(early.grid(width: 120, height: 40).snapshot == inPlace(120, 40))
        let later = frame(80, 24, beside: false)
        #expect(later.grid(width: 100, height: 33).snapshot == inPlace(100, 33))
        #expect(inPlace(120, 40) != inPlace(90, 30))
    }
}

/// Which files start folded, and the size the loading title shows.
struct FoldAndSizeTests {
    @Test(arguments: [("poetry.lock", true), ("web/app.min.js", true), ("proto/model_pb2.py", true), ("src/api.generated.ts", true),
                      ("vendor/lib/x.py", true), ("pkg/third_party/y.c", true), ("a/node_modules/b.js", true),
                      ("src/train.py", false), ("docs/vendors.md", false), ("generated.py", false)])
    func generatedVendoredAndLockFilesStartFolded(_ path: String, _ folded: Bool) {
        let diff = DiffParser.parse(Array("diff --git a/\(path) b/\(path)\n--- a/\(path)\n+++ b/\(path)\n@@ -1 +1 @@\n-a\n+b\n".utf8))
        #expect(DiffDocument.shouldFold(diff.files[0]) == folded, "\(path)")
    }

    @Test func sizesReadAsTheTitleShowsThem() {
        #expect(ByteCount.text(28_267_162) == "28.3 MB")
        #expect(ByteCount.text(1_000_000) == "1.0 MB")
        #expect(ByteCount.text(1_149_999) == "1.1 MB")
        #expect(ByteCount.text(999_999) == "999 KB")
        #expect(ByteCount.text(512) == "512 bytes")
    }
}

/// Made-With-ML 030573f turns a CSV's CRLF lines into LF: 154 removed and 154 added lines that
/// read the same, the only difference a ␍ past the pane's right edge. The file says so.
struct LineEndingHeaderTests {
    @Test func aFileWhoseLineEndingsChangedSaysSo() {
        let crlfToLF = "diff --git a/data/labels.csv b/data/labels.csv\n--- a/data/labels.csv\n+++ b/data/labels.csv\n@@ -1,3 +1,3 @@\n"
            + " id,label\r\n-1,churn\r\n-2,stay\r\n+1,churn\n+2,stay\n"
        let edited = "diff --git a/data/more.csv b/data/more.csv\n--- a/data/more.csv\n+++ b/data/more.csv\n@@ -1,2 +1,2 @@\n"
            + " id,label\r\n-1,churn\r\n+1,stay\r\n"
        let mixed = "diff --git a/data/mixed.csv b/data/mixed.csv\n--- a/data/mixed.csv\n+++ b/data/mixed.csv\n@@ -1,3 +1,3 @@\n"
            + " id,label\n-1,churn\r\n-2,stay\n+1,churn\n+2,stays\n"
        let lines = Screen.render(WorkbenchFixture.make(crlfToLF + edited + mixed, height: 50)).lines
        #expect(lines.contains { $0.contains("━ M data/labels.csv  +2 -2  line endings CRLF → LF (W dims lines changed only so)") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("━ M data/mixed.csv  +2 -2  line endings CRLF → LF on 1 of 2 removed lines") }, "\(lines.joined(separator: "\n"))")
        // An edit that keeps its endings is no such change.
        #expect(lines.contains { $0.contains("━ M data/more.csv  +1 -1") && !$0.contains("line endings") }, "\(lines.joined(separator: "\n"))")
    }
}
