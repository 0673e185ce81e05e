#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file whole or not at all: a new temporary file beside it (mode 0600, created with
/// O_EXCL | O_NOFOLLOW so nothing already there is opened), fsync, rename. Only a regular file
/// is ever replaced: a device, a FIFO or a folder at the target is refused, and a symlink to a
/// regular file is written through (the link stays).
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(InputError) {
        let target = try regularTarget(path)
        var fd: Int32 = -1
        var temp = ""
        for attempt in 0..<16 {
            temp = target + ".tmp-\(getpid())-\(attempt)-\(UInt32.random(in: 0...UInt32.max))"
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw InputError("\(path): cannot write (\(ByteInput.errnoText()))") }
        var offset = 0
        var failed = false
        var reason = ""
        bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; failed = true; reason = ByteInput.errnoText(); return }
                offset += n
            }
        }
        let synced = failed ? false : fsync(fd) == 0
        if !failed && !synced { reason = ByteInput.errnoText() }
        close(fd)
        guard !failed, synced, rename(temp, target) == 0 else {
            if reason.isEmpty { reason = ByteInput.errnoText() }
            unlink(temp)
            throw InputError("\(path): cannot write (\(reason))")
        }
    }

    /// The file to replace: the path itself, or the regular file a symlink names.
    static func regularTarget(_ path: String) throws(InputError) -> String {
        var info = stat()
        if lstat(path, &info) != 0 {
            if errno == ENOENT { return path }
            throw InputError("\(path): cannot write (\(ByteInput.errnoText()))")
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFREG { return path }
        if type == S_IFDIR { throw InputError("\(path): is a directory") }
        if type == S_IFLNK {
            var followed = stat()
            guard stat(path, &followed) == 0 else { throw InputError("\(path): a symlink to nothing; give a file path") }
            guard followed.st_mode & S_IFMT == S_IFREG, let real = realpath(path, nil) else {
                throw InputError("\(path): a symlink to something that is not a regular file; refused")
            }
            defer { free(real) }
            return String(cString: real)
        }
        throw InputError("\(path): not a regular file (a device, FIFO or socket); refused")
    }

    /// Creates a folder (and its parents) readable only by its owner, when missing.
    public static func makeFolder(_ path: String) throws(InputError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw InputError("\(path): not a folder") }
            return
        }
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty { try makeFolder(parent) }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw InputError("\(path): cannot create the folder (\(ByteInput.errnoText()))") }
    }
}
