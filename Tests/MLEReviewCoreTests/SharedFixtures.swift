import Foundation
import MLEReviewCore
import Testing

/// The corpus in ../shared/fixtures beside the clone (CI has it; a newcomer's clone does not).
/// Tests that need it are disabled with this reason when it is absent.
enum SharedFixtures {
    static let reason: Comment = "needs ../shared/fixtures beside the repository (present in CI, absent in a fresh clone)"

    static let root: URL = {
        if let env = ProcessInfo.processInfo.environment["MLE_REVIEW_FIXTURES"] { return URL(fileURLWithPath: env) }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    }()

    static var available: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path) }

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func bytes(_ relative: String) throws -> [UInt8] { try ByteInput.read(path: url(relative).path) }

    static func json(_ relative: String) throws -> [String: Any] {
        let data = try Data(contentsOf: url(relative))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// Sample names of a results file (`peer/expected.json`, `ml-prs/peer_results.json`, ...).
    /// Without the fixtures: none (the suite is disabled and says why). With them, a results file
    /// that cannot be read is one case that fails, never zero cases that pass.
    static func sampleNames(_ results: String, where keep: ([String: Any]) -> Bool = { _ in true }) -> [String] {
        guard available else { return [] }
        do {
            guard let samples = try json(results)["samples"] as? [String: Any], !samples.isEmpty else { return [unreadable + results + ": no samples"] }
            return samples.filter { keep($0.value as? [String: Any] ?? [:]) }.keys.sorted()
        } catch {
            return [unreadable + results + ": \(error)"]
        }
    }

    /// The name given to the one case standing for a fixture file that could not be read.
    static let unreadable = "!unreadable "
}
