import Foundation
import Testing
import MLEReviewCore

/// A look-alike letter in a name, as a reviewer meets it in tmux: `X_tеst` (a Cyrillic е) was
/// drawn as `X_test` with nothing to tell them apart, the way a change swaps a variable unseen.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct HomoglyphJourneyTests {
    @Test func aNameWithALetterOfAnotherScriptIsFlagged() throws {
        let diff = """
            diff --git a/src/evaluate.py b/src/evaluate.py
            --- a/src/evaluate.py
            +++ b/src/evaluate.py
            @@ -1,2 +1,4 @@
             def evaluate(model, X_train, X_test, y_test):
            +    # \u{043F}\u{0440}\u{043E}\u{0432}\u{0435}\u{0440}\u{043A}\u{0430}: plain Russian stays unflagged
            +    X_t\u{0435}st = X_train
                 return model.score(X_test, y_test)

            """
        let t = try Tmux.start(arguments: ["--patch", "h.diff", "--reviewer", "Ada"], files: ["h.diff": diff])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        let rows = t.screen().split(separator: "\n").map(String.init)
        let swapped = try #require(rows.first { $0.contains("= X_train") }, "\(t.screen())")
        #expect(swapped.contains("│ !") && swapped.contains("X_t\u{0435}st"), "\(swapped)")
        let comment = try #require(rows.first { $0.contains("plain Russian") }, "\(t.screen())")
        #expect(!comment.contains("│ !"), "\(comment)")
        // The letter itself is in the warning colour (tmux reports it as a style change just before it).
        let styled = t.styledScreen()
        #expect(styled.contains("X_t\u{1B}[1m") || styled.range(of: "X_t\u{1B}\\[[0-9;]*m\u{0435}", options: .regularExpression) != nil, "\(styled)")
        t.keys("q")
        try t.waitForExit()
    }
}
