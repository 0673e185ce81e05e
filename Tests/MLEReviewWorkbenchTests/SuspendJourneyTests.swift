import Foundation
import Testing
import MLEReviewCore

/// Ctrl-Z, as in vim, less and lazygit: the workbench gives the terminal back to the shell, and
/// fg brings it back as it was. In raw mode Ctrl-Z was just a key, and nothing happened.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct SuspendJourneyTests {
    @Test func ctrlZSuspendsToTheShellAndFgComesBack() throws {
        // An interactive shell with job control; what Tmux.start appends is a comment to it.
        let t = try Tmux.start(shell: "exec bash --norc --noprofile -i #")
        defer { t.stop() }
        t.type("PS1='prompt> '\n")
        try t.waitFor("prompt> ")
        t.type("\(Tmux.binary) --patch pr.diff --reviewer Ada --store \(t.store)\n")
        try t.waitFor("✓ saved")
        t.keys("C-z")
        try t.waitFor("Stopped")
        #expect(!t.screen().contains("┌─ Files"), "the shell has the screen")
        t.type("fg\n")
        try t.waitFor("┌─ Files")
        try t.waitFor("✓ saved")
        t.keys("q")
        try t.waitFor("prompt> ", orLineContaining: "prompt>")
        // The terminal is back in the shell's modes (the sum keeps the typed line from matching).
        t.type("stty -a | grep -q ' -icanon' && echo RAW-$((1+1)) || echo COOKED-$((1+1))\n")
        try t.waitFor("COOKED-2", orLineContaining: "-2")
        // The review log, the same.
        t.type("clear; \(Tmux.binary) log --tui --store \(t.store)\n")
        try t.waitFor("review log │ 1 review")
        t.keys("C-z")
        try t.waitFor("Stopped")
        t.type("fg\n")
        try t.waitFor("review log │ 1 review")
        t.keys("q")
        try t.waitFor("prompt> ", orLineContaining: "prompt>")
    }

    /// Started without a shell to come back to (the terminal's own first process, or a shell
    /// without job control), nobody would continue it: it says so and stays.
    @Test func withoutJobControlCtrlZSaysWhy() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("C-z")
        try t.waitFor("no shell with job control to suspend to")
        t.keys("q")
        try t.waitForExit()
    }
}
