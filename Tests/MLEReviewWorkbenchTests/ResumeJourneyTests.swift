import Foundation
import Testing
import MLEReviewCore

/// Opening a review again and quitting changed nothing, yet it counted as a change: the log's
/// date (and `--since`) moved to that moment, the resume message said "last changed" just now,
/// and the review's history gained a line each time. A lead read "last opened" as "last worked on".
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct ResumeJourneyTests {
    @Test func reopeningAReviewWithoutChangingItLeavesItsDateAndHistoryAlone() throws {
        let t = try Tmux.start(shell: "BIN --patch pr.diff --reviewer Ada --store STORE; sleep 1.2; BIN --patch pr.diff --reviewer Ada")
        defer { t.stop() }
        try t.waitFor("✓ saved")
        try t.writeFinding("Unpinned", severity: .medium)
        // The first session's last change, read before the second session opens the review.
        let store = try ReviewStore(path: t.store)
        let id = try store.resolve("latest")
        let changed = try store.load(id).updatedAt
        let history = try store.history(of: id).count
        t.keys("q")
        try t.waitFor("resumed review ")
        t.keys("q")
        try t.waitForExit()
        #expect(try store.load(id).updatedAt == changed)
        #expect(try store.history(of: id).count == history)
        let log = try Subprocess.run([Tmux.binary, "log", "--json", "--store", t.store])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout)) as? [[String: Any]])
        #expect(rows.first?["date"] as? String == Timestamp.format(changed), "\(rows)")
    }
}
