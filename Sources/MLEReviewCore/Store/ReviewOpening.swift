import Foundation

/// Starting or resuming a review on a diff: the one place that ties a diff source, a checklist,
/// the reviewer and the store together.
public struct ReviewInput: Sendable {
    public var source: ReviewSource
    public var bytes: [UInt8]
    /// What the reviewer should know about the range before reading it (`GitRepository.twoDotCaveat`).
    public var caveat: String?

    public init(source: ReviewSource, bytes: [UInt8]) {
        self.source = source
        self.bytes = bytes
    }

    /// The diff of a git range, with the commits it compares: the sides are resolved first and
    /// the diff read from those commits.
    public static func range(_ range: String, repository: GitRepository) throws(InputError) -> ReviewInput {
        let resolved = try repository.resolve(range: range)
        return try self.range(resolved, bytes: try GitDiff.diff(range: resolved.diffSpec, directory: repository.directory), repository: repository)
    }

    /// The same, for a diff already read from `resolved.diffSpec` (the workbench draws its first
    /// screen from it first).
    public static func range(_ resolved: GitRepository.ResolvedRange, bytes: [UInt8], repository: GitRepository) throws(InputError) -> ReviewInput {
        let (base, head) = try repository.commits(of: resolved)
        // The sides just resolved need not be asked again.
        let named = repository.namingBranches(resolved.range, sidesResolved: true)
        var input = ReviewInput(source: ReviewSource(kind: .range, range: named.range, baseCommit: base, headCommit: head,
                                                     diffSHA256: Hashing.sha256Hex(bytes), baseRef: named.base, headRef: named.head), bytes: bytes)
        input.caveat = repository.twoDotCaveat(resolved)
        return input
    }

    /// A patch file, or standard input for `-`.
    public static func patch(_ path: String) throws(InputError) -> ReviewInput {
        let bytes = try ByteInput.read(path: path)
        let file = path == "-" ? nil : URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        return ReviewInput(source: ReviewSource(kind: .patch, patchPath: path, diffSHA256: Hashing.sha256Hex(bytes), patchFile: file), bytes: bytes)
    }
}

extension ReviewStore {
    /// Resumes the review made on the same source, or creates one. Returns its id and whether it is new.
    /// With `deferDiff` the diff's bytes are not stored here: the caller stores them with
    /// `saveDiff` once the screen is up (a 28 MB diff is a noticeable write).
    public func openReview(_ input: ReviewInput, checklist: Checklist, reviewer: Reviewer?, resume: Bool = true,
                           deferDiff: Bool = false) throws(InputError) -> (id: String, created: Bool) {
        if resume, let id = try find(source: input.source) {
            // A finished review opens as it was (read-only); joining it would be an edit.
            if let reviewer, try !load(id).isFinished { try addReviewer(id, reviewer) }
            return (id, false)
        }
        if !deferDiff { try saveDiff(input.bytes) }
        try saveChecklist(checklist)
        let review = Review(source: input.source, checklist: ChecklistRef(checklist), reviewers: reviewer.map { [$0] } ?? [])
        try insert(review)
        return (review.id, true)
    }
}
