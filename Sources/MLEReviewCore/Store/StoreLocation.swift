import Foundation

/// Where the review database lives: `--store PATH`, else `MLE_REVIEW_STORE`, else inside the
/// repository's git directory (so it stays with the repository and out of its work tree), else
/// the user's data folder when there is no repository.
public enum StoreLocation {
    public static let fileName = "reviews.sqlite"

    public static func resolve(explicit: String?, environment: [String: String] = ProcessEnvironment.current,
                               gitCommonDir: String?) -> String {
        // A store kept in the work tree is not part of the change a review of it reads.
        if let explicit, !explicit.isEmpty { UntrackedFiles.leaveOut(store: explicit); return explicit }
        if let env = environment["MLE_REVIEW_STORE"], !env.isEmpty { UntrackedFiles.leaveOut(store: env); return env }
        if let gitCommonDir { return gitCommonDir + "/mle-review/" + fileName }
        return UserFolders.data(environment) + "/mle-review/" + fileName
    }
}
