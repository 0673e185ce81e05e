import Foundation

/// Work spread over the cores, results back in order.
enum Parallel {
    /// `body(0..<count)` on every core (2 here), each result in its slot.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, body(i)) }
        return slots.values
    }

    /// Results written by parallel workers, one slot each.
    private final class Slots<T>: @unchecked Sendable {
        private var slots: [T?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ v: T) { lock.lock(); slots[i] = v; lock.unlock() }
        var values: [T] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
    }
}
