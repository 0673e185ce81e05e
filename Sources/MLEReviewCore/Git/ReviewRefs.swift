import Foundation

/// Finished reviews as git objects, one ref per review (`refs/mle-review/reviews/<id>`), so
/// publishing never conflicts and plain `git push`/`git fetch` move them. Each ref is a commit
/// (author: the reviewer) whose tree holds:
///   record.json    the canonical record (its sha256 is the record hash)
///   chain.json     the hash-chain fields of the store that finished it
///   diff.patch     the diff the review was made on (git compresses it)
///   checklist.md   the checklist it was made with
public enum ReviewRefs {
    public static let namespace = "refs/mle-review/reviews/"

    /// Where `pull` fetches a remote's reviews to, before importing them.
    public static func remoteNamespace(_ remote: String) -> String { "refs/mle-review/remotes/\(remote)/" }

    public struct Chain: Codable, Sendable, Equatable {
        public var recordSha256: String
        public var previousSha256: String
        public var chainSha256: String
        public var sequence: Int
    }

    /// What one ref holds, read back and not yet trusted.
    public struct Published: Sendable {
        public var ref: String
        public var commit: String
        public var author: String
        public var signed: Bool
        public var document: [UInt8]
        public var chain: Chain
        public var diff: [UInt8]
        public var checklist: String?
        public var review: Review
    }

    /// Writes a finished review as a commit under its ref. Publishing the same record again
    /// changes nothing; a different record under the same id is refused, never overwritten.
    public static func publish(_ review: Review, record: ReviewRecord, diff: [UInt8], checklist: Checklist?,
                               repository git: GitRepository) throws(InputError) -> (ref: String, commit: String, created: Bool) {
        guard let finish = review.finish else {
            throw InputError("review \(review.id) is not finished: finish it (mle-review finish) before publishing")
        }
        let ref = namespace + review.id
        if let existing = git.resolveRef(ref) {
            let theirs = try git.blob("\(existing):record.json")
            if theirs == record.document { return (ref, existing, false) }
            throw InputError("\(ref) already holds a different record for \(review.id); nothing was overwritten")
        }
        let chain = Chain(recordSha256: record.recordSHA256, previousSha256: record.previousSHA256,
                          chainSha256: record.chainSHA256, sequence: record.sequence)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Encoding plain value types cannot fail.
        var entries = [("record.json", record.document), ("chain.json", Array(try! encoder.encode(chain)) + [10]),
                       ("diff.patch", diff)]
        if let checklist { entries.append(("checklist.md", Array(checklist.markdown.utf8))) }
        var tree = ""
        for (name, bytes) in entries.sorted(by: { $0.0 < $1.0 }) {
            tree += "100644 blob \(try git.writeBlob(bytes))\t\(name)\n"
        }
        let treeID = try git.checked(["mktree"], input: Array(tree.utf8))
        let author = review.reviewers.first { $0.name == finish.finishedBy } ?? review.reviewers.first
        let name = finish.finishedBy ?? author?.name ?? "mle-review"
        let email = author?.email ?? "\(name.lowercased().split(separator: " ").joined(separator: "."))@mle-review.invalid"
        var env = ["GIT_AUTHOR_NAME=\(name)", "GIT_AUTHOR_EMAIL=\(email)",
                   "GIT_AUTHOR_DATE=@\(Int(finish.finishedAt.timeIntervalSince1970)) +0000"]
        // A repository without a configured committer still gets a commit: the reviewer commits it.
        if git.user().name == nil { env += ["GIT_COMMITTER_NAME=\(name)", "GIT_COMMITTER_EMAIL=\(email)"] }
        let sign = (try? git.output(["config", "--bool", "commit.gpgsign"])) == "true"
        let message = "mle-review: \(finish.decision.rawValue) \(review.id) on \(review.source.label)\n\n"
            + "Reviewed-Head: \(review.source.headCommit ?? "work tree")\nRecord-Sha256: \(record.recordSHA256)\n"
        let commit = try git.checked(["commit-tree", treeID] + (sign ? ["-S"] : []), input: Array(message.utf8), environment: env)
        // Creating, not moving: if another process created the ref meanwhile, this fails.
        _ = try git.checked(["update-ref", "-m", "mle-review publish", ref, commit, String(repeating: "0", count: 40)])
        return (ref, commit, true)
    }

    /// Refs under a namespace, with their commits.
    public static func list(_ prefix: String, repository git: GitRepository) throws(InputError) -> [(ref: String, commit: String)] {
        let out = try git.checked(["for-each-ref", "--format=%(refname) %(objectname)", prefix])
        return out.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
    }

    /// Reads and checks what a ref holds: the record's hash, the chain link, the diff's hash,
    /// the id, and git's signature check when the commit is signed. The reason when it fails.
    public static func read(ref: String, commit: String, repository git: GitRepository) -> Result<Published, RecordProblem> {
        func fail(_ why: String) -> Result<Published, RecordProblem> { .failure(RecordProblem(ref: ref, reason: why)) }
        guard let header = try? git.blob(commit, type: "commit") else { return fail("not a commit") }
        let text = String(decoding: header, as: UTF8.self)
        let author = text.split(separator: "\n").first { $0.hasPrefix("author ") }
            .map { String($0.dropFirst(7).prefix { $0 != "<" }).trimmingSpaces() } ?? "?"
        let signed = text.contains("\ngpgsig ")
        if signed && (try? git.git(["verify-commit", commit]))?.status != 0 {
            return fail("its commit is signed but git verify-commit rejects the signature")
        }
        guard let document = try? git.blob("\(commit):record.json") else { return fail("it has no record.json") }
        guard let chainBytes = try? git.blob("\(commit):chain.json") else { return fail("it has no chain.json") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let chain = try? decoder.decode(Chain.self, from: Data(chainBytes)) else { return fail("chain.json is not readable") }
        if Hashing.sha256Hex(document) != chain.recordSha256 {
            return fail("record.json does not match its recorded sha256 (changed after publishing)")
        }
        if ReviewRecord.chain(previous: chain.previousSha256, record: chain.recordSha256) != chain.chainSha256 {
            return fail("its chain hash does not match")
        }
        guard let review = ReviewRecord.review(from: document), review.isFinished else { return fail("record.json is not a finished review") }
        let canonical = ReviewRecord.canonical(review)
        if canonical != document {
            // A newer mle-review's fields are not tampering: say which, and what to do.
            let unknown = ReviewRecord.unknownKeys(document, canonical: canonical)
            return fail(unknown.isEmpty ? "record.json is not in canonical form"
                : "record.json has fields this mle-review does not know (\(unknown.prefix(3).joined(separator: ", "))): it was written by a newer one; upgrade to read it")
        }
        guard ref.hasSuffix("/" + review.id) else { return fail("it holds review \(review.id), not the one its name says") }
        guard let diff = try? git.blob("\(commit):diff.patch"), Hashing.sha256Hex(diff) == review.source.diffSHA256 else {
            return fail("diff.patch is missing or is not the diff the review was made on")
        }
        let checklist = (try? git.blob("\(commit):checklist.md")).map { String(decoding: $0, as: UTF8.self) }
        return .success(Published(ref: ref, commit: commit, author: author, signed: signed, document: document, chain: chain,
                                  diff: diff, checklist: checklist, review: review))
    }
}

public struct RecordProblem: Error, Sendable, Equatable {
    public var ref: String
    public var reason: String
}

extension GitRepository {
    /// Runs git and returns its trimmed output, or an error with git's own message.
    @discardableResult
    func checked(_ args: [String], input: [UInt8]? = nil, environment: [String] = []) throws(InputError) -> String {
        let argv = (environment.isEmpty ? [] : ["env"] + environment) + ["git"] + (directory.map { ["-C", $0] } ?? []) + args
        let r = try Subprocess.run(argv, input: input)
        guard r.status == 0 else {
            let why = r.stderrText.split(separator: "\n").first.map(String.init) ?? "exit status \(r.status)"
            throw InputError("git \(args.first ?? ""): \(why)")
        }
        return String(decoding: r.stdout, as: UTF8.self).trimmingSpaces()
    }

    func writeBlob(_ bytes: [UInt8]) throws(InputError) -> String {
        try checked(["hash-object", "-w", "--stdin"], input: bytes)
    }

    func blob(_ object: String, type: String = "blob") throws(InputError) -> [UInt8] {
        let r = try git(["cat-file", type, object])
        guard r.status == 0 else { throw InputError("git cat-file: no \(object)") }
        return r.stdout
    }

    func resolveRef(_ ref: String) -> String? {
        (try? output(["rev-parse", "--verify", "--quiet", ref])) ?? nil
    }
}
