import MLEReviewCore

extension Workbench {
    /// The question a new review asks when an earlier one of the same change holds work.
    public struct CarryOffer: Equatable, Sendable {
        public var reviewID: String
        /// "finished BLOCK on 2026-11-20, 3 findings, 12 ticks"
        public var summary: String
        /// What changed since it: "the branch moved", "the work tree changed", "the diff changed".
        public var change: String
        /// "its 2 test runs stay with it: they ran on 2a22e75" (nil when it has none): a run tested
        /// what that review reviewed, not this diff.
        public var runsStaying: String?
        public init(reviewID: String, summary: String, change: String = "the branch moved", runsStaying: String? = nil) {
            self.reviewID = reviewID
            self.summary = summary
            self.change = change
            self.runsStaying = runsStaying
        }

        /// "The branch moved since the last review"; for a piped diff, which has no name to go
        /// by, what made it a likely earlier review.
        public var title: String {
            let said = change.capitalizingFirst()
            return change.hasPrefix("an earlier piped diff") ? said : said + " since the last review"
        }

        /// What is said of an earlier review's test runs, which are never carried: in the offer
        /// ("its 2 test runs stay with it: they ran on 2a22e75") or, short, once carried
        /// ("2 test runs not carried: they ran on 2a22e75").
        public static func runsStaying(_ previous: Review, short: Bool = false) -> String? {
            let n = previous.testsRun.count
            guard n > 0 else { return nil }
            let on = previous.source.headCommit.map { String($0.prefix(7)) } ?? "the earlier diff"
            let they = n == 1 ? "it" : "they"
            if short { return "\(n == 1 ? "1 test run" : "\(n) test runs") not carried: \(they) ran on \(on)" }
            return "its \(n == 1 ? "test run stays" : "\(n) test runs stay") with it: \(they) ran on \(on)"
        }

        /// Why a range gives another diff than the earlier review's: new commits on its branch,
        /// edits in the work tree (a range ending there), or the base side having moved.
        public static func change(from previous: ReviewSource, to current: ReviewSource) -> String {
            if current.kind == .patch { return "the patch changed" }
            if current.headCommit == nil { return "the work tree changed" }
            return previous.headCommit != current.headCommit ? "the branch moved" : "the diff changed"
        }
    }
}
