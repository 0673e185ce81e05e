#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to file descriptor 2 directly: the C `stderr` global is not concurrency-safe in Swift 6.
public enum StandardError {
    public static func write(_ text: String) { writeAll(2, text) }
}

/// Writes to file descriptor 1 directly, unbuffered: for output that arrives while a check runs.
public enum StandardOutput {
    public static func write(_ text: String) { writeAll(1, text) }
}

private func writeAll(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { if errno == EINTR { continue } else { return } }
        offset += n
    }
}
