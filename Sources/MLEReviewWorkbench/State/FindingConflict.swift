import MLEReviewCore

extension Workbench {
    /// Two reviewers saved the same finding: theirs is in the store, mine waits on the choice.
    public struct FindingConflict: Equatable, Sendable {
        public var mine: Finding
        public var theirs: Finding
        /// Who saved their version (the history's last editor), when known.
        public var savedBy: String?
        public init(mine: Finding, theirs: Finding, savedBy: String? = nil) {
            self.mine = mine
            self.theirs = theirs
            self.savedBy = savedBy
        }
        /// Who saved theirs when known: the history's last editor, else the finding's author.
        public var saver: String? { savedBy ?? theirs.author }
        /// "Ada", or "Someone".
        public var who: String { saver ?? "Someone" }
    }
}
