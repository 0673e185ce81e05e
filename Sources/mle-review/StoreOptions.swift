import Foundation
import ArgumentParser
import MLEReviewCore

/// `--store PATH`, shared by every command that reads or writes reviews.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The review database (default: inside the repository's .git, or $MLE_REVIEW_STORE).", valueName: "PATH"))
    var store: String?

    /// Commands that only read open the store read-only: they never change the file, and work
    /// on a store they cannot write.
    func open(_ access: ReviewStore.Access = .readWrite) throws(InputError) -> ReviewStore {
        try openStore(at: store, access)
    }

    /// Where the store is (or would be made): `--store`, $MLE_REVIEW_STORE, else the repository's.
    var path: String { StoreLocation.resolve(explicit: store, gitCommonDir: GitRepository().commonDirectory()) }

    /// For listing commands: nil where no review was made yet, so `log` and `stats` in a new
    /// repository list nothing rather than fail a lead's script. A store named by `--store` or
    /// $MLE_REVIEW_STORE must exist: a mistyped path is an error, not an empty log.
    func openIfMade() throws(InputError) -> (store: ReviewStore?, path: String) {
        let path = self.path
        if (store ?? "").isEmpty, (ProcessEnvironment.current["MLE_REVIEW_STORE"] ?? "").isEmpty,
           !FileManager.default.fileExists(atPath: path) {
            return (nil, path)
        }
        // The path is resolved already: git is not asked again.
        return (try openStore(at: path, .readOnly), path)
    }
}

/// The review database at `explicit` (`--store`), else where StoreLocation says; a notice the
/// store has (a migration, say) goes to standard error.
func openStore(at explicit: String?, _ access: ReviewStore.Access = .readWrite) throws(InputError) -> ReviewStore {
    let s = try ReviewStore(path: StoreLocation.resolve(explicit: explicit, gitCommonDir: GitRepository().commonDirectory()), access: access)
    if let notice = s.notice { printError(notice) }
    return s
}

/// The reviewer's name: `--reviewer`, else git's user.name.
func currentReviewer(_ name: String?, role: ReviewerRole = .reviewer) -> Reviewer? {
    let git = GitRepository().user()
    guard let name = name ?? git.name else { return nil }
    return Reviewer(name: name, email: name == git.name ? git.email : nil, role: role)
}

/// Writes output to a file (owner-only, replaced atomically so a failed write keeps the old
/// file) or to standard output.
/// On standard output, text and markdown are escaped line by line: a finding typed or imported
/// with control characters must not drive the reader's terminal. (JSON formats escape their own strings.)
func emit(_ text: String, to output: String?, format: ExportFormat? = nil) throws(InputError) {
    guard let output, output != "-" else {
        let plain = format == .text || format == .markdown
        print(plain ? SafeText.escapedKeepingLines(text) : text, terminator: "")
        return
    }
    try AtomicFile.write(Array(text.utf8), to: output)
    printError("wrote \(output)")
}
