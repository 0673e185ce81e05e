import Dispatch

/// Work the second core does before it is needed: the built-in theme and checklist parse in
/// about a millisecond each. The process waits for it before exiting (the theme's parser is
/// C++ and must not be running while the process exits).
enum WarmUp {
    private static let group = DispatchGroup()

    static func start(_ work: @escaping @Sendable () -> Void) {
        DispatchQueue.global(qos: .userInteractive).async(group: group, execute: work)
    }

    static func wait() { group.wait() }
}
