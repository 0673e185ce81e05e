import Foundation

/// Where the review database lives: `--store PATH`, else `MLE_REVIEW_STORE`, else inside the
/// repository's git directory (so it stays with the repository and out of its work tree), else
/// the user's data folder when there is no repository.
public enum StoreLocation {
    public static let fileName = "reviews.sqlite"

    /// Keeps a store named on the command line or in the environment out of a review of the work
    /// tree, before the store is opened: a range's first screen reads its diff first (a store
    /// kept in the work tree was then reviewed as three added files, and the review resumed as
    /// changed). The default store lives inside .git, never in the work tree.
    public static func keepOutOfDiffs(explicit: String?, environment: [String: String] = ProcessEnvironment.current) {
        if let named = named(explicit: explicit, environment: environment) { UntrackedFiles.leaveOut(store: named) }
    }

    /// The store the command line names, else the environment.
    static func named(explicit: String?, environment: [String: String]) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["MLE_REVIEW_STORE"], !env.isEmpty { return env }
        return nil
    }

    public static func resolve(explicit: String?, environment: [String: String] = ProcessEnvironment.current,
                               gitCommonDir: String?) -> String {
        if let named = named(explicit: explicit, environment: environment) {
            // A store kept in the work tree is not part of the change a review of it reads.
            UntrackedFiles.leaveOut(store: named)
            return named
        }
        if let gitCommonDir { return gitCommonDir + "/mle-review/" + fileName }
        return UserFolders.data(environment) + "/mle-review/" + fileName
    }
}
