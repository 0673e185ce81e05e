import MLEReviewCore
import MLEReviewWorkbench

/// What `mle-review [RANGE] [--patch FILE]` asks for: the open command's values, run without
/// the parser's types, so the quick reader below can start it too.
struct OpenRequest: Equatable {
    var range: String?
    var patch: String?
    var settings = WorkbenchSettings()

    func run() throws {
        let repo = GitRepository()
        let input: ReviewInput
        if let patch {
            // A file shows its first screen from its first bytes, before it is read whole and
            // before git, the store and the team's config are asked anything.
            if let prefix = try ByteInput.prefix(path: patch, limit: Workbench.previewBytes) {
                return try settings.runPreviewed(label: patch, prefix: prefix) { () throws(InputError) in try ReviewInput.patch(patch) }
            }
            // Not a plain file (standard input, a pipe): no preview, and the checklist the
            // warm-up left for after it is parsed while the patch arrives.
            WarmUp.start { _ = ChecklistLoader.builtIn }
            input = try ReviewInput.patch(patch)
            try settings.run(input: input, store: try openStore(at: settings.store))
            return
        }
        // A range shows its first screen from its diff (read from the commits its sides resolve
        // to), before its merge base, the team's files, the user and the store are asked for.
        let resolved: GitRepository.ResolvedRange, bytes: [UInt8]
        StoreLocation.keepOutOfDiffs(explicit: settings.store)
        do {
            resolved = try repo.resolve(range: range ?? repo.defaultReviewRange())
            bytes = try GitDiff.diff(range: resolved.diffSpec)
        } catch {
            // A bare word git does not know, one typo from a command, was meant as the command
            // (`mle-review lgo`): say that rather than what git thinks of it as a range.
            if let range, let command = MLEReview.command(near: range) {
                throw InputError("'\(range)' is neither a command nor a git range; did you mean 'mle-review \(command)'?")
            }
            throw error
        }
        // Nothing to review is said, not opened: a review of an empty diff was stored and listed
        // in the log ("HEAD …uncommitted, 0/55") for a reviewer who ran mle-review on a clean main.
        if bytes.isEmpty {
            let what = resolved.second == nil ? "the work tree has no changes against it" : "its two sides do not differ"
            throw InputError("\(resolved.range): nothing to review: \(what)" + (GitDiff.untrackedLeftOut.map { " (\($0))" } ?? "")
                             + (range == nil ? "; name a range, e.g. mle-review main...feature" : ""))
        }
        try settings.runPreviewed(label: resolved.range, prefix: (Array(bytes.prefix(Workbench.previewBytes)), bytes.count)) { () throws(InputError) in
            try ReviewInput.range(resolved, bytes: bytes, repository: repo)
        }
    }
}
