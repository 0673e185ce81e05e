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

/// Output written in pieces of 64 KB: for long reports printed a part at a time.
public final class BufferedOutput {
    private var buffer: [UInt8] = []
    public init() { buffer.reserveCapacity(1 << 16) }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        writeAll(1, &buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

private func writeAll(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    writeAll(fd, &bytes)
}

private func writeAll(_ fd: Int32, _ bytes: inout [UInt8]) {
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { if errno == EINTR { continue } else { return } }
        offset += n
    }
}
