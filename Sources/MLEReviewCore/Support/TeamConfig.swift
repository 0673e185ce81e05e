import Foundation

/// The team's `.mle-review/config.toml`, read where the change under review cannot have edited
/// it: the base of a range, or the committed HEAD for a patch reviewed inside a repository.
public enum TeamConfig {
    public static let path = ".mle-review/config.toml"

    /// The revision the team config is read at for a review of this source (nil: none).
    public static func revision(for source: ReviewSource?, repository: GitRepository) -> String? {
        if let source, source.kind == .range { return source.baseCommit }
        return repository.commonDirectory() != nil ? "HEAD" : nil
    }

    /// Its text and a name for messages (`.mle-review/config.toml@abc123def456`), when there is one.
    public static func read(for source: ReviewSource?, repository: GitRepository) -> (text: String, name: String)? {
        guard let rev = revision(for: source, repository: repository), let bytes = repository.newFile(path, at: rev) else { return nil }
        return (String(decoding: bytes, as: UTF8.self), "\(path)@\(rev.prefix(12))")
    }

    /// The user's own config file.
    public static func userFile(_ environment: [String: String] = ProcessEnvironment.current) -> String {
        UserFolders.config(environment) + "/mle-review/config.toml"
    }
}
