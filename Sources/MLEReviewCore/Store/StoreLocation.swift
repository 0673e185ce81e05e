import Foundation

/// Where the review database lives: `--store PATH`, else `MLE_REVIEW_STORE`, else inside the
/// repository's git directory (so it stays with the repository and out of its work tree), else
/// the user's data folder when there is no repository.
public enum StoreLocation {
    public static let fileName = "reviews.sqlite"

    public static func resolve(explicit: String?, environment: [String: String] = ProcessEnvironment.current,
                               gitCommonDir: String?) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["MLE_REVIEW_STORE"], !env.isEmpty { return env }
        if let gitCommonDir { return gitCommonDir + "/mle-review/" + fileName }
        return UserFolders.data(environment) + "/mle-review/" + fileName
    }
}
