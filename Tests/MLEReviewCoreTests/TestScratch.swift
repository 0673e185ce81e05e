import Foundation

/// Where tests write their stores, repositories and themes: one folder per test process, removed
/// when the process exits, so that runs do not pile files up in the system's temporary folder.
/// (Each test target has this file: targets cannot share test code.)
enum TestScratch {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mle-review-tests-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            fatalError("cannot create the tests' scratch folder \(url.path): \(error)")
        }
        atexit { _ = try? FileManager.default.removeItem(at: TestScratch.directory) }
        return url
    }()
}
