import Foundation
import MLEReviewCore

/// Counts a search's matches in a large diff beside the key loop, so that Enter on a one-letter
/// query goes to its first match within a frame and the count follows. One count at a time, in
/// order; a count asked for after another makes the other's result stale (dropped).
final class SearchCounter: @unchecked Sendable {
    struct Counted: Sendable {
        var generation: Int
        var query: String
        var matches: [Int]
    }

    private let queue = DispatchQueue(label: "mle-review.search-count", qos: .userInitiated)
    private let box = ResultBox<Counted>()
    private let lock = NSLock()
    private var latest = 0
    /// A count was asked for and not yet taken (read and written on the key loop only).
    private(set) var pending = false

    func start(_ query: String, in bytes: [UInt8]) {
        lock.lock()
        latest += 1
        let generation = latest
        lock.unlock()
        pending = true
        queue.async { [self] in
            // Typed keys can ask faster than counts finish: only the newest is worth a pass.
            guard !isStale(generation) else { return }
            box.set(Counted(generation: generation, query: query, matches: DiffSearch.all(query, in: bytes)))
        }
    }

    /// The newest count once it is done; with `wait`, waits for it.
    func take(wait: Bool) -> Counted? {
        guard pending else { return nil }
        while let counted = box.take(wait: wait) {
            if !isStale(counted.generation) {
                pending = false
                return counted
            }
            if !wait { return nil }
        }
        return nil
    }

    private func isStale(_ generation: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return generation != latest
    }
}
