import Foundation
import MLEReviewCore
import Testing

/// `mle-review export latest --format github`, run to post a comment while Ada and Bo were
/// pairing, finished their review under them: the next finding Ada saved was refused, the
/// review frozen mid-way. The command line does not finish a review someone has open.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct FinishUnderReviewersJourneyTests {
    @Test func theCommandLineDoesNotFinishAReviewOpenInTheWorkbench() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        // Her workbench says it is there about once a second.
        let store = try ReviewStore(path: t.store)
        let id = try store.resolve("latest")
        let deadline = Date().addingTimeInterval(5)
        while try store.present(on: id, excluding: "").isEmpty && Date() < deadline { usleep(50_000) }
        for command in [["export", "latest", "--format", "text", "--allow-incomplete"], ["finish", "latest", "--allow-incomplete"]] {
            let r = try Subprocess.run([Tmux.binary] + command + ["--store", t.store])
            #expect(r.status == 2 && r.stderrText.contains("is open in the workbench now (Ada)")
                    && r.stderrText.contains("preview with `mle-review export r-"), "\(command): \(r.stderrText)")
        }
        let preview = try Subprocess.run([Tmux.binary, "export", "latest", "--no-finish", "--allow-incomplete", "--store", t.store])
        #expect(preview.status == 0, "\(preview.stderrText)")
        try t.writeFinding("Scaler fitted before the split")
        t.keys("q")
        try t.waitForExit()
        // Once nobody has it open, the command line finishes it.
        let finished = try Subprocess.run([Tmux.binary, "finish", "latest", "--allow-incomplete", "--store", t.store])
        #expect(finished.status == 0, "\(finished.stderrText)")
    }
}
