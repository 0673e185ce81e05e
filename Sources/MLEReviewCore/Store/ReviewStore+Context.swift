import Foundation

extension ReviewStore {
    /// What `export`, `show` and `finish` need for a stored review: its checklist, the diff it
    /// was made on and the areas that diff touches.
    public func exportContext(_ review: Review, allowIncomplete: Bool = false) throws(InputError) -> ExportContext {
        let diff = try diff(sha256: review.source.diffSHA256).map(DiffParser.parse)
        let checklist = try checklist(for: review.checklist)
        // The hints the workbench shows, judged as it judges them.
        let hints = diff.map { HintScanner.scan($0) } ?? []
        let unjudged = Hint.unjudged(hints, findings: review.findings, dismissed: Set(try hintDismissals(review.id).map(\.key)))
            .sorted(by: HintReport.order)
        var context = ExportContext(review: review, checklist: checklist, diff: diff, allowIncomplete: allowIncomplete,
                                    touchedSections: diff.flatMap { TouchedAreas.classify($0, hints: hints, checklist: checklist) },
                                    unjudgedHints: unjudged)
        if review.isFinished { context.record = try record(of: review.id) }
        return context
    }

    /// Finishes a review with the decision its verdict gives now, and how many required steps it
    /// leaves undone: an APPROVE the rules would not give yet (`--allow-incomplete`), or a
    /// WARNINGS, which stands without them. Every export of it says "finished with 36 required
    /// steps not done"; the log and stats must say it too, or a lead counts it as walked. A
    /// BLOCK's reasons stand alone.
    @discardableResult
    public func finish(_ context: ExportContext, by: String?) throws(InputError) -> ReviewRecord {
        let v = context.verdict
        return try finish(context.review.id, decision: v.decision, primaryRisks: v.primaryRisks, by: by,
                          undoneSteps: v.undoneSteps)
    }
}
