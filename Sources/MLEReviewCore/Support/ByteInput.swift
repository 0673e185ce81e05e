#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole inputs as bytes with plain POSIX calls: one allocation of the file's size, no
/// Foundation `Data` round trip, so a 28 MB diff costs 28 MB.
public enum ByteInput {
    /// Reads a file, or standard input for `-`.
    public static func read(path: String) throws(InputError) -> [UInt8] {
        if path == "-" { return try readAll(fd: 0, name: "standard input", sizeHint: 1 << 16) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError("\(path): \(errnoText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError("\(path): \(errnoText())") }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError("\(path): is a directory, not a diff") }
        return try readAll(fd: fd, name: path, sizeHint: Int(info.st_size))
    }

    static func readAll(fd: Int32, name: String, sizeHint: Int) throws(InputError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(sizeHint, 4096) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let n = bytes.withUnsafeMutableBytes { raw in
                posixRead(fd, raw.baseAddress! + count, raw.count - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError("\(name): \(errnoText())")
            }
            if n == 0 { break }
            count += n
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    static func errnoText() -> String {
        switch errno {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "is a directory, not a diff"
        default: return String(cString: strerror(errno))
        }
    }
}

/// File-scope so that `read` means the libc call, not `ByteInput.read(path:)`.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
