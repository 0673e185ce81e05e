import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// Puts the terminal back however the program ends: quit, a signal, a crash (a Swift trap is
/// SIGILL or SIGTRAP), or exit. Idempotent; the signal is then re-raised with its default action
/// so the exit status still tells what happened.
enum TerminalRestore {
    nonisolated(unsafe) static var active: Int32 = 0
    nonisolated(unsafe) static var installed = false

    static func install() {
        active = 1
        guard !installed else { return }
        installed = true
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGTRAP, SIGFPE] {
            signal(sig) { received in
                TerminalRestore.restore()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
        atexit { TerminalRestore.restore() }
    }

    static func restore() {
        guard active == 1 else { return }
        active = 0
        endwin()
        StderrCapture.release()
    }
}

/// While curses owns the screen, anything written to stderr would be painted over or lost:
/// collect it in a file and print it after the terminal is restored, as htop does.
public enum StderrCapture {
    nonisolated(unsafe) static var savedFD: Int32 = -1
    nonisolated(unsafe) static var captureFD: Int32 = -1

    public static func begin() {
        var template = Array("/tmp/mle-review-stderr-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        savedFD = dup(2)
        captureFD = fd
        dup2(fd, 2)
    }

    /// Restores stderr and prints what was captured. Async-signal-safe calls only.
    static func release() {
        guard savedFD >= 0 else { return }
        dup2(savedFD, 2)
        close(savedFD)
        savedFD = -1
        lseek(captureFD, 0, SEEK_SET)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(captureFD, $0.baseAddress!, 4096) }
            if n <= 0 { break }
            _ = buffer.withUnsafeBytes { write(2, $0.baseAddress!, n) }
        }
        close(captureFD)
        captureFD = -1
    }
}
