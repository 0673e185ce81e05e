/// The seed's APPROVE WITH WARNINGS is "medium issues only, with explicit follow-up": a MEDIUM
/// finding with no Fix warns and says nothing of what is to follow. Said beside the verdict (it
/// changes no decision), so the reviewer writes the follow-up before the warning ships.
public enum FollowUp {
    /// The open MEDIUM findings with no Fix, when the decision is APPROVE WITH WARNINGS.
    public static func missing(in review: Review, decision: Decision) -> [Finding] {
        guard decision == .approveWithWarnings else { return [] }
        return review.findings.filter { $0.status == .open && $0.severity == .medium && $0.fix.trimmingSpaces().isEmpty }
            .sorted(by: Finding.reportOrder)
    }

    /// `2 MEDIUM findings have no Fix: the warnings name no follow-up (…)`, or nil.
    public static func note(in review: Review, decision: Decision) -> String? {
        let bare = missing(in: review, decision: decision)
        guard !bare.isEmpty else { return nil }
        let named = bare.prefix(3).map { "\(TextExport.oneLine($0.title)) (\($0.location.shown))" }.joined(separator: "; ")
        return (bare.count == 1 ? "1 MEDIUM finding has no Fix" : "\(bare.count) MEDIUM findings have no Fix")
            + ": the warnings name no follow-up (" + named + (bare.count > 3 ? "; …" : "") + ")"
    }
}
