import Dispatch

/// Work the second core does before it is needed: the built-in checklist parses in about a
/// millisecond. The process waits for it before exiting (no parse may be running while the
/// process exits).
enum WarmUp {
    private static let group = DispatchGroup()

    static func start(_ work: @escaping @Sendable () -> Void) {
        DispatchQueue.global(qos: .userInteractive).async(group: group, execute: work)
    }

    static func wait() { group.wait() }
}
