import Foundation
import MLEReviewCore

/// Hands a background result (the hint scan's, the packed diff) to the key loop.
final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: T?

    func set(_ v: T) {
        condition.lock()
        value = v
        condition.broadcast()
        condition.unlock()
    }

    /// The result, handed over once: the box lets go of it (a packed 28 MB diff is not kept twice).
    func take(wait: Bool) -> T? {
        condition.lock()
        defer { condition.unlock() }
        while wait && value == nil { condition.wait() }
        defer { value = nil }
        return value
    }
}

/// What the background scan hands over: the hints and the review areas the change touches.
struct ScanResult: Sendable {
    var hints: [Hint]
    var touched: Set<String>?
}

typealias HintBox = ResultBox<ScanResult>
