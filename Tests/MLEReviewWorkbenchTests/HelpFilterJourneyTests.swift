import Foundation
import Testing

/// Help lists 236 lines; `/` in it typed nothing and found nothing, so the key for "whitespace"
/// or "viewed" was a page-by-page read. `/` narrows it to the lines with the words typed.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct HelpFilterJourneyTests {
    @Test func slashInHelpShowsOnlyTheLinesWithTheWords() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("?")
        try t.waitFor("┌─ Keys 1-")
        t.keys("/")
        t.type("whitespace")
        try t.waitFor("┌─ Keys /whitespace▏ · Enter keep · Esc clear")
        let narrowed = t.screen()
        #expect(narrowed.contains("│ Diff ") && narrowed.contains("│   W ") && narrowed.contains("ignore whitespace"), "\(narrowed)")
        #expect(!narrowed.contains("next pane") && !narrowed.contains("Everywhere"), "\(narrowed)")
        // Typed letters are the filter's, not help's keys (q would have closed it).
        t.type(" q")
        try t.waitFor("┌─ Keys /whitespace q▏ (nothing matches)")
        t.keys("BSpace", "BSpace", "Enter")
        try t.waitFor("┌─ Keys /whitespace · ")
        // Esc clears the filter first, then closes.
        t.keys("Escape")
        try t.waitFor("next pane")
        t.keys("Escape")
        try t.waitFor("] hunk")
        t.keys("q")
        try t.waitForExit()
    }
}
