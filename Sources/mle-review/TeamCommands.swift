import ArgumentParser
import Foundation
import MLEReviewCore

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write a finished review into the repository as git objects under refs/mle-review/reviews/<id>.",
        discussion: "Publishing the same review again changes nothing. `mle-review push` sends the refs to a remote."
    )

    @OptionGroup var target: ReviewArgument

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        let r = try store.load(try store.resolve(target.review))
        guard r.isFinished, let record = try store.record(of: r.id) else {
            throw InputError("review \(r.id) is not finished (or was pulled from someone else): finish it before publishing")
        }
        let diff = try store.diff(sha256: r.source.diffSHA256) ?? []
        let checklist = try? store.checklist(for: r.checklist)
        let (ref, commit, created) = try ReviewRefs.publish(r, record: record, diff: diff, checklist: checklist, repository: GitRepository())
        print(created ? "published \(r.id) as \(ref) (\(commit.prefix(12)))" : "\(r.id) was already published as \(ref)")
    }
}

struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push published reviews to a remote (plain git push of refs/mle-review/reviews/*)."
    )

    @Argument(help: "The remote.")
    var remote: String = "origin"

    func run() throws {
        let args = ["git", "push", remote, "refs/mle-review/reviews/*:refs/mle-review/reviews/*"]
        printError("running: " + args.joined(separator: " "))
        let r = try Subprocess.run(args)
        if r.status != 0 { throw InputError("git push \(remote) failed: \(gitReason(r))") }
        StandardError.write(SafeText.escapedKeepingLines(r.stderrText))
    }
}

struct PullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Fetch a remote's published reviews and import them into the store, verifying each.",
        discussion: """
        Fetches refs/mle-review/reviews/* into refs/mle-review/remotes/REMOTE/*, then checks every \
        record (its sha256, its chain hash, the diff's hash, git's signature check on signed commits) \
        and imports those that pass. A record that fails is listed with the reason and not imported \
        (exit status 1). Two records with the same id and different content are both kept and flagged.
        """
    )

    @Argument(help: "The remote.")
    var remote: String = "origin"

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        let git = GitRepository()
        let args = ["git", "fetch", remote, "+refs/mle-review/reviews/*:" + ReviewRefs.remoteNamespace(remote) + "*"]
        printError("running: " + args.joined(separator: " "))
        let fetched = try Subprocess.run(args)
        if fetched.status != 0 { throw InputError("git fetch \(remote) failed: \(gitReason(fetched))") }
        var counts = (imported: 0, had: 0, conflicts: 0)
        var refused = 0
        for (ref, commit) in try ReviewRefs.list(ReviewRefs.remoteNamespace(remote), repository: git) {
            switch ReviewRefs.read(ref: ref, commit: commit, repository: git) {
            case .failure(let problem):
                refused += 1
                printError("refused \(problem.ref): \(problem.reason)")
            case .success(let published):
                switch try store.importPublished(published, remote: remote) {
                case .imported(let id):
                    counts.imported += 1
                    print("imported \(id): \(published.review.finish?.decision.rawValue ?? "?") by \(published.author)")
                case .alreadyHave: counts.had += 1
                case .conflict(let id, let keptAs):
                    counts.conflicts += 1
                    print("conflict: \(id) from \(remote) differs from the one here; kept both (the new one as \(keptAs))")
                }
            }
        }
        printError("\(counts.imported) imported, \(counts.had) already here, \(counts.conflicts) conflicting, \(refused) refused")
        if refused > 0 { throw ExitCode(1) }
    }
}

/// git's own reason for a failure: its first `fatal:` or `error:` line.
func gitReason(_ r: Subprocess.Result) -> String {
    let lines = r.stderrText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    return lines.first { $0.hasPrefix("fatal:") || $0.hasPrefix("error:") }.map { String($0.drop { $0 != ":" }.dropFirst()).trimmingCharacters(in: .whitespaces) }
        ?? lines.first ?? "exit status \(r.status)"
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Merge gate: exit 0 when a finished, published, current review covers exactly this head commit.",
        discussion: """
        Reads the review refs in this repository (refs/mle-review/...; fetch them first), not the \
        store. Exit 0 and one line when the newest review of the head commit has a good enough \
        decision; exit 1 and one line saying why not (no review, stale since commit X, decision BLOCK \
        by NAME on DATE, too old).
        Examples:
          mle-review verify                       # HEAD: WARNINGS or better
          mle-review verify origin/main...HEAD --require approve --max-age 14
        """
    )

    @Argument(help: "A revision or a range (its head is checked).")
    var target: String = "HEAD"

    @Option(help: "The weakest decision that passes: approve (APPROVE with every required step done) or warnings (APPROVE WITH WARNINGS, or an APPROVE finished short of its checklist, too).")
    var require: MergeGate.Requirement = .warnings

    @Option(name: .customLong("max-age"), help: ArgumentHelp("Fail when the review was finished more than DAYS ago.", valueName: "DAYS"))
    var maxAge: Int?

    @Option(help: "How to print the outcome.")
    var format: TextJSONFormat = .text

    @Option(name: .long, help: ArgumentHelp("The review database read (never written) when no published review covers the head, to say whether one here is unpublished or open (default: the repository's).", valueName: "PATH"))
    var store: String?

    func validate() throws {
        if let maxAge, maxAge < 0 { throw ValidationError("--max-age must be 0 or more") }
    }

    func run() throws {
        guard GitRepository().commonDirectory() != nil else {
            throw InputError("verify: \(FileManager.default.currentDirectoryPath): not a git repository (run it in the repository whose head it checks)")
        }
        var outcome = try MergeGate.check(target, require: require, maxAgeDays: maxAge,
                                          repository: GitRepository())
        if !outcome.covered, let note = MergeGate.localNote(head: outcome.head, local: localReviews(), repository: GitRepository(),
                                                                        named: outcome.reviewID) {
            outcome.reason += "; " + note
        }
        if format == .json {
            print(outcome.json, terminator: "")
        } else {
            for r in outcome.rejected { printError("ignored \(r.ref): \(r.reason)") }
            if outcome.passed { print(SafeText.escaped("ok: " + outcome.reason)) } else { printError(outcome.reason) }
        }
        if !outcome.passed { throw ExitCode(1) }
    }

    /// The reviews in the repository's store, when it has one: read-only, and never created (the
    /// gate does not need it; a store that cannot be read adds nothing to the answer).
    func localReviews() -> [LogEntry] {
        let path = StoreLocation.resolve(explicit: store, gitCommonDir: GitRepository().commonDirectory())
        guard FileManager.default.fileExists(atPath: path), let store = try? ReviewStore(path: path, access: .readOnly) else { return [] }
        return (try? store.log()) ?? []
    }
}
