import CLibc
import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// Puts the terminal back however the program ends: quit, a signal, a crash (a Swift trap is
/// SIGILL or SIGTRAP), or exit. Idempotent; the signal is then re-raised with its default action
/// so the exit status still tells what happened.
///
/// A signal can land anywhere, inside malloc too (a closed terminal's SIGHUP while the diff is
/// trimmed from memory did): the handler only calls what is async-signal-safe. It does not call
/// endwin; it puts back the terminal modes saved before curses started and writes the reset
/// sequences prepared once the screen was set up, from memory allocated then.
enum TerminalRestore {
    nonisolated(unsafe) static var active: Int32 = 0
    nonisolated(unsafe) static var installed = false

    static func install() {
        active = 1
        guard !installed else { return }
        installed = true
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGTRAP, SIGFPE] {
            signal(sig) { received in
                TerminalRestore.restoreFromSignal()
                // A check runs in its own process group: nothing else would end it with us.
                mle_check_groups_stop()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
        atexit { TerminalRestore.restore() }
    }

    /// The terminal's modes before curses changes them (newterm already does), for the handler.
    static func saveShellMode(fd: Int32) { _ = mle_terminal_save(fd) }

    /// What endwin would write to leave the screen: attributes off, the cursor shown, keypad and
    /// mouse reporting off, the normal screen back. Called once curses is set up.
    static func prepareReset(mouse: Bool) {
        var bytes: [UInt8] = []
        for name in ["sgr0", "cnorm", "rmkx"] {
            guard let s = tigetstr(name), Int(bitPattern: s) != -1 else { continue }
            bytes += Array(String(cString: s).utf8)
        }
        if mouse { bytes += Array("\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l".utf8) }
        if let s = tigetstr("rmcup"), Int(bitPattern: s) != -1 { bytes += Array(String(cString: s).utf8) }
        bytes.withUnsafeBufferPointer { b in b.baseAddress.map { mle_terminal_set_reset($0, b.count) } }
    }

    static func restore() {
        guard active == 1 else { return }
        active = 0
        endwin()
        StderrCapture.release()
    }

    /// The handler's restore: the C side writes and sets the modes it keeps in static memory;
    /// nothing here allocates, takes a lock or needs Swift metadata made on first use.
    static func restoreFromSignal() {
        guard active == 1 else { return }
        active = 0
        mle_terminal_restore_from_signal()
        StderrCapture.release()
    }
}

/// While curses owns the screen, anything written to stderr would be painted over or lost:
/// collect it in a file and print it after the terminal is restored, as htop does.
public enum StderrCapture {
    nonisolated(unsafe) static var savedFD: Int32 = -1
    nonisolated(unsafe) static var captureFD: Int32 = -1
    /// Allocated when the capture begins: `release` runs in signal handlers too.
    nonisolated(unsafe) static var copyBuffer: UnsafeMutableRawPointer?
    static let copyBufferSize = 4096

    public static func begin() {
        // In memory where the system has it: creating and unlinking a file in /tmp was a third
        // of a millisecond before the first frame, on a disk's file system.
        var fd = mle_memory_file("mle-review-stderr")
        if fd < 0 {
            var template = Array("/tmp/mle-review-stderr-XXXXXX".utf8CString)
            fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { return }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        }
        if copyBuffer == nil { copyBuffer = UnsafeMutableRawPointer.allocate(byteCount: copyBufferSize, alignment: 16) }
        savedFD = dup(2)
        captureFD = fd
        dup2(fd, 2)
    }

    /// Restores stderr and prints what was captured. Async-signal-safe calls only.
    static func release() {
        guard savedFD >= 0, let buffer = copyBuffer else { return }
        dup2(savedFD, 2)
        close(savedFD)
        savedFD = -1
        lseek(captureFD, 0, SEEK_SET)
        while true {
            let n = read(captureFD, buffer, copyBufferSize)
            if n <= 0 { break }
            _ = write(2, buffer, n)
        }
        close(captureFD)
        captureFD = -1
    }
}
