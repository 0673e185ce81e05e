import Foundation
import MLEReviewCore
@testable import MLEReviewWorkbench
import Testing

/// Two workbenches on one store, as two terminals of a pair: what one does shows in the other
/// without a key, and neither loses its own cursor or half-typed text.
struct PairingWorkbenchTests {
    let helper = DriverTests()

    func pair() throws -> (ReviewSession, ReviewSession) {
        let store = try ReviewStore(path: TestScratch.directory.appendingPathComponent("pw-\(UUID().uuidString).sqlite").path)
        let bytes = Array(WorkbenchFixture.diff.utf8)
        let input = ReviewInput(source: ReviewSource(kind: .patch, patchPath: "pr.diff", diffSHA256: Hashing.sha256Hex(bytes)), bytes: bytes)
        let a = try ReviewSession.open(input: input, store: store, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada", role: .driver),
                                         width: 120, height: 40, directory: "/tmp")
        a.afterFirstScreen()
        a.storePendingDiff(wait: true)
        let b = try ReviewSession.join(a.workbench.review.id, store: store, reviewer: Reviewer(name: "Grace", role: .navigator),
                                         width: 100, height: 30, directory: "/tmp")
        a.poll()
        b.poll()
        a.poll(now: Date().addingTimeInterval(0.001))
        return (a, b)
    }

    @Test func aTickAndAFindingShowInTheOtherWithoutAKeyOrLosingItsState() throws {
        let (a, b) = try pair()
        helper.keys(b, "j", "j", "j")
        let cursor = b.workbench.diffPane.cursor
        helper.keys(b, "c", "text:half typed")
        helper.keys(a, "Tab", "j", "p", "Tab", "Tab", "Tab", "c", "text:Leak", "Ctrl-S")
        #expect(b.poll())
        #expect(b.workbench.review.state(of: "start-here/change-is-reviewable") == .pass)
        #expect(b.workbench.review.findings.map(\.title) == ["Leak"] && b.workbench.review.findings[0].author == "Ada")
        #expect(b.workbench.diffPane.cursor == cursor)
        guard case .form(let form) = b.workbench.overlay else { Issue.record("Grace's form is gone"); return }
        #expect(form.value("title") == "half typed")
        #expect(!b.poll(), "nothing new: no redraw")
    }

    /// Ada exported (and so finished) the review while Grace had it open: Grace's screen went on
    /// saying IN REVIEW until her next change was refused. It turns read-only at the next poll
    /// and says who finished it and how; her half-typed finding stays in its form.
    @Test func aFinishByTheOtherShowsAtOnce() throws {
        let (a, b) = try pair()
        helper.keys(b, "c", "text:half typed")
        helper.keys(a, "Tab", "Tab", "Tab", "c", "text:Leak", "BTab", "Left", "Ctrl-S")
        #expect(a.workbench.verdict.decision == .block)
        #expect(b.poll() && b.workbench.review.findings.count == 1)
        helper.keys(a, "F", "y")
        #expect(a.workbench.review.isFinished)
        #expect(b.poll())
        let readOnly = b.workbench.isReadOnly
        #expect(readOnly)
        #expect(b.workbench.message?.text == "Ada finished the review: BLOCK. It is read-only now; R starts a new revision", "\(String(describing: b.workbench.message))")
        #expect(Screen.render(b.workbench).snapshot.split(separator: "\n")[0].contains("READ-ONLY FINISHED BLOCK"))
        guard case .form(let form) = b.workbench.overlay else { Issue.record("Grace's form is gone"); return }
        #expect(form.value("title") == "half typed")
    }

    /// The other's change reloaded silently: a finding appeared in a pane the reviewer was not
    /// reading and nothing said so. The status line says who did what, where.
    @Test func whatTheOtherChangedIsSaid() throws {
        let (a, b) = try pair()
        helper.keys(a, "Tab", "Tab", "Tab", "c", "text:Leak", "BTab", "Left", "Ctrl-S")
        let spot = try #require(a.workbench.review.findings.first).location.shown
        #expect(b.poll())
        #expect(b.workbench.message?.text == "Ada added [HIGH] Leak (\(spot))", "\(String(describing: b.workbench.message))")
        #expect(a.workbench.focus == .files)
        helper.keys(a, "Tab", "Tab", "g", "j", "p")
        #expect(b.poll())
        #expect(b.workbench.message?.text == "Ada set \"Change is reviewable\" to pass", "\(String(describing: b.workbench.message))")
        helper.keys(a, "Tab", "g", "r")
        if case .confirm = a.workbench.overlay { helper.keys(a, "y") }
        #expect(b.poll())
        #expect(b.workbench.message?.text == "Ada resolved [HIGH] Leak (\(spot))", "\(String(describing: b.workbench.message))")
        // Grace's own change is not news to her.
        helper.keys(b, "Tab", "g", "j", "j", "p")
        #expect(!b.poll())
        #expect(a.poll())
        #expect(a.workbench.message?.text == "Grace set \"Read the changed files\" to pass", "\(String(describing: a.workbench.message))")
    }

    /// A change made from the command line by someone not in the pair is named by the review's
    /// history, not given to the reviewer who happens to be present.
    @Test func aChangeFromOutsideThePairIsNamedByTheHistory() throws {
        let (a, b) = try pair()
        helper.keys(a, "Tab", "Tab", "Tab", "c", "text:Leak", "Ctrl-S")
        #expect(b.poll())
        let finding = try #require(a.workbench.review.findings.first)
        try a.store.setFindingStatus(a.workbench.review.id, findingID: finding.id, status: .resolved, by: "Carl")
        #expect(b.poll())
        #expect(b.workbench.message?.text == "Carl resolved [MEDIUM] Leak (\(finding.location.shown))", "\(String(describing: b.workbench.message))")
    }

    @Test func presenceFollowAndSwap() throws {
        let (a, b) = try pair()
        #expect(b.workbench.others.map(\.name) == ["Ada"] && a.workbench.others.map(\.name) == ["Grace"])
        helper.keys(a, "]", "j")
        a.poll(now: Date().addingTimeInterval(0.3))
        b.poll()
        let title = Screen.render(b.workbench).snapshot.split(separator: "\n")[0]
        let spot = try #require(a.workbench.document.location(at: a.workbench.diffPane.cursor))
        #expect(title.contains("with Ada (driver) \(spot.path.split(separator: "/").last!):\(spot.line!)"), "\(title)")

        helper.keys(b, "P")
        #expect(b.workbench.diffPane.cursor == a.workbench.diffPane.cursor && b.workbench.following != nil)
        #expect(Screen.render(b.workbench).snapshot.split(separator: "\n")[0].contains("following Ada"))
        helper.keys(a, "j", "j")
        a.poll(now: Date().addingTimeInterval(0.6))
        #expect(b.poll() && b.workbench.diffPane.cursor == a.workbench.diffPane.cursor)
        helper.keys(b, "k")
        #expect(b.workbench.following == nil && b.workbench.message?.text == "stopped following")

        helper.keys(a, "S")
        b.poll()
        #expect(b.workbench.review.reviewers.map(\.role) == [.navigator, .driver] && b.workbench.reviewer?.role == .driver)

        // Ada's process ends: she leaves the title bar.
        a.leave()
        b.poll()
        #expect(b.workbench.others.isEmpty && !Screen.render(b.workbench).snapshot.contains("with Ada"))
    }

    @Test func theLastTickWinsAndTheItemsHistoryShowsWhoChangedIt() throws {
        let (a, b) = try pair()
        helper.keys(a, "Tab", "j", "p")
        b.poll()
        helper.keys(b, "Tab", "j", "x")
        a.poll()
        #expect(a.workbench.review.state(of: "start-here/change-is-reviewable") == .fail)
        helper.keys(a, "i")
        let screen = Screen.render(a.workbench).snapshot
        #expect(screen.contains("set: fail by Grace"), "\(screen)")
        #expect(screen.contains("← pass"))
        #expect(a.workbench.itemHistory.map { "\($0.detail ?? "") \($0.who ?? "")" } == ["pass Ada", "fail Grace"])
    }

    @Test func crossedEditsOfOneFindingAskWhichToKeep() throws {
        let (a, b) = try pair()
        helper.keys(a, "c", "text:Leak", "Ctrl-S")
        b.poll()
        for d in [a, b] { helper.keys(d, "Tab", "Tab", "e") }
        helper.keys(a, "Tab", "Tab", "Tab", "Tab", "text:Ada's reason", "Ctrl-S")
        helper.keys(b, "Tab", "Tab", "Tab", "Tab", "text:Grace's reason", "Ctrl-S")
        #expect(b.workbench.overlay == .conflict)
        let screen = Screen.render(b.workbench).snapshot
        // The two versions as one word diff: what is only hers, what is only theirs, what both have.
        #expect(screen.contains("Ada saved this finding while you were editing it") && screen.contains("−Grace's +Ada's reason"), "\(screen)")
        helper.keys(b, "b")
        a.poll()
        let issues = a.workbench.review.findings.map(\.issue).sorted()
        #expect(issues == ["Ada's reason", "Grace's reason"], "\(issues)")
    }
}
