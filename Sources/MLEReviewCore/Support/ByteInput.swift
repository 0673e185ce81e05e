#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole inputs as bytes with plain POSIX calls: one allocation of the file's size, no
/// Foundation `Data` round trip, so a 28 MB diff costs 28 MB.
public enum ByteInput {
    /// Reads a file, or standard input for `-`.
    /// - Parameters:
    ///   - what: what the file should be, for the "is a directory" message (`a diff`, `a checklist`).
    ///   - limit: refuse inputs larger than this many bytes (devices and pipes included).
    public static func read(path: String, what: String = "a diff", limit: Int? = nil) throws(InputError) -> [UInt8] {
        if path == "-" { return try readAll(fd: 0, name: "standard input", sizeHint: 1 << 16, limit: limit) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError("\(path): \(errno == EISDIR ? "is a directory, not \(what)" : errnoText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError("\(path): \(errnoText())") }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError("\(path): is a directory, not \(what)") }
        return try readAll(fd: fd, name: path, sizeHint: Int(info.st_size), limit: limit)
    }

    /// The first `limit` bytes of a regular file and its size, for a first screen before the
    /// whole file is read; nil for standard input, a pipe or anything else not a plain file.
    public static func prefix(path: String, limit: Int) throws(InputError) -> (bytes: [UInt8], size: Int)? {
        guard path != "-" else { return nil }
        // A named pipe is no plain file: the peek must neither wait for a writer nor hold the
        // pipe while one writes (closing it then would lose what was written). So it is not
        // opened at all, and the open of what is there is non-blocking in any case.
        var seen = stat()
        if stat(path, &seen) == 0, (seen.st_mode & S_IFMT) != S_IFREG, (seen.st_mode & S_IFMT) != S_IFDIR { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw InputError("\(path): \(errno == EISDIR ? "is a directory, not a diff" : errnoText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError("\(path): \(errnoText())") }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError("\(path): is a directory, not a diff") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: min(limit, Int(info.st_size)))
        let n = bytes.withUnsafeMutableBytes { raw in raw.count == 0 ? 0 : pread(fd, raw.baseAddress!, raw.count, 0) }
        guard n >= 0 else { throw InputError("\(path): \(errnoText())") }
        bytes.removeSubrange(n...)
        return (bytes, Int(info.st_size))
    }

    static func readAll(fd: Int32, name: String, sizeHint: Int, limit: Int? = nil) throws(InputError) -> [UInt8] {
        // The array is read into uninitialized: zeroing 28 MB first costs as much as the read.
        var failure: InputError?, full = false
        var bytes = [UInt8](unsafeUninitializedCapacity: max(min(sizeHint, limit ?? Int.max), 4096) + 1) { buffer, count in
            do throws(InputError) {
                ByteInput.populate(buffer)
                count = try readInto(buffer, fd: fd, name: name)
                full = count == buffer.count
            } catch { failure = error; count = 0 }
        }
        if let failure { throw failure }
        // Larger than the hint (a pipe, a growing file): the rest is read in doubling steps.
        while true {
            if let limit, bytes.count > limit {
                throw InputError("\(name): larger than \(limit >= 1_000_000 ? "\(limit / 1_000_000) MB" : "\(limit) bytes"); refused")
            }
            guard full else { return bytes }
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: start))
            let n = try bytes.withUnsafeMutableBufferPointer { (raw) throws(InputError) in
                try readInto(UnsafeMutableBufferPointer(rebasing: raw[start...]), fd: fd, name: name)
            }
            full = n == bytes.count - start
            bytes.removeSubrange((start + n)...)
        }
    }

    /// Maps in the pages of a large buffer about to be filled in one call (MADV_POPULATE_WRITE,
    /// Linux 5.14): a 28 MB diff read into 4 KB pages took 7,000 page faults. Asking for 2 MB
    /// pages instead (MADV_HUGEPAGE) was faster as a rule (11 against 17 ms here) but now and then
    /// stalled 40-120 ms while the kernel compacted memory for them; populating takes 14-17 ms,
    /// every time. An older kernel refuses the advice, and the read faults the pages in as before.
    static func populate(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        #if os(Linux)
        let page = 4096, populateWrite: Int32 = 23
        guard buffer.count >= 256 * page, let base = buffer.baseAddress else { return }
        let start = (Int(bitPattern: base) + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(page - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, populateWrite)
        #endif
    }

    /// Reads until `buffer` is full or the input ends; the count read.
    private static func readInto(_ buffer: UnsafeMutableBufferPointer<UInt8>, fd: Int32, name: String) throws(InputError) -> Int {
        var count = 0
        while count < buffer.count {
            let n = posixRead(fd, buffer.baseAddress! + count, buffer.count - count)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError("\(name): \(errnoText())")
            }
            if n == 0 { break }
            count += n
        }
        return count
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
