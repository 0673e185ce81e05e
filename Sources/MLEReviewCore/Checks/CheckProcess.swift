import CLibc
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One check run as its own process group, so cancelling or timing out ends everything it
/// started (pytest's workers, a shell's children): SIGTERM to the group, then SIGKILL after a
/// grace period. Output (stdout and stderr together, as a terminal shows them) is handed over
/// as it arrives and kept whole.
public final class CheckProcess: @unchecked Sendable {
    public enum Ending: Sendable, Equatable {
        case exited(Int32)
        case cancelled
        case timedOut
    }

    public struct Result: Sendable {
        public var ending: Ending
        public var output: [UInt8]
        public var seconds: Double
    }

    public let pid: pid_t
    private let outFD: Int32
    private let lock = NSLock()
    private var cancelRequested = false

    /// Starts `arguments` (looked up on PATH) in `folder` with `environment`, as a new process group.
    public init(_ arguments: [String], folder: String, environment: [String: String]) throws(InputError) {
        var pipeFDs: [Int32] = [0, 0]
        guard !arguments.isEmpty, mle_pipe_cloexec(&pipeFDs) == 0 else { throw InputError("check: nothing to run") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 2)
        posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
        posix_spawn_file_actions_addclose(&actions, pipeFDs[1])
        _ = withUnsafeMutablePointer(to: &actions) { mle_spawn_chdir(UnsafeMutableRawPointer($0), folder) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(); sigfillset(&all)
        var none = sigset_t(); sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var child: pid_t = 0
        // posix_spawnp looks the program up on this process's PATH; the child gets `environment`.
        let spawned = posix_spawnp(&child, arguments[0], &actions, &attributes, argv, envp)
        close(pipeFDs[1])
        guard spawned == 0 else {
            close(pipeFDs[0])
            throw InputError("\(arguments[0]): cannot run it (\(String(cString: strerror(spawned))))")
        }
        pid = child
        outFD = pipeFDs[0]
        mle_check_group_add(child)
    }


    /// Asks the run to stop (Esc in the workbench, Ctrl-C on the command line).
    public func cancel() {
        lock.lock(); cancelRequested = true; lock.unlock()
        kill(-pid, SIGTERM)
    }

    private var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return cancelRequested }

    /// Reads output until the process group's output ends and it has exited; `timeout` seconds
    /// after the start it is stopped. `grace` is how long SIGTERM has before SIGKILL.
    public func wait(timeout: Double?, grace: Double = 5, onOutput: ([UInt8]) -> Void = { _ in }) -> Result {
        let started = Date()
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var fds = [pollfd(fd: outFD, events: Int16(POLLIN), revents: 0)]
        var termAt: Date?, timedOut = false
        var exitStatus: Int32?
        while true {
            let now = Date()
            if let timeout, !timedOut, termAt == nil, now.timeIntervalSince(started) > timeout {
                timedOut = true
                termAt = now
                kill(-pid, SIGTERM)
            }
            if termAt == nil, isCancelled { termAt = now }
            if let t = termAt, now.timeIntervalSince(t) > grace { kill(-pid, SIGKILL) }
            if fds[0].fd >= 0 {
                let ready = poll(&fds, 1, 100)
                if ready > 0 {
                    let n = chunk.withUnsafeMutableBytes { read(fds[0].fd, $0.baseAddress!, $0.count) }
                    if n > 0 {
                        output.append(contentsOf: chunk[0..<n])
                        onOutput(Array(chunk[0..<n]))
                    } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                        close(fds[0].fd); fds[0].fd = -1
                    }
                }
            }
            if exitStatus == nil {
                var status: Int32 = 0
                let r = waitpid(pid, &status, fds[0].fd >= 0 ? WNOHANG : 0)
                if r == pid { exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }
            }
            // The leader has exited and nothing holds the output open: done. (A child left in the
            // group holding the pipe keeps it open; the deadline and the group kill deal with it.)
            if exitStatus != nil && fds[0].fd < 0 { break }
            // The leader is gone but something it left holds the output open: not for long.
            if exitStatus != nil && termAt == nil { termAt = Date(); kill(-pid, SIGTERM) }
            if exitStatus != nil && fds[0].fd >= 0 && termAt != nil && Date().timeIntervalSince(termAt!) > grace + 1 { close(fds[0].fd); fds[0].fd = -1 }
            if fds[0].fd < 0 && exitStatus == nil { usleep(20_000) }
        }
        // Whatever the leader left behind in its group goes with it.
        kill(-pid, SIGKILL)
        mle_check_group_remove(pid)
        let seconds = Date().timeIntervalSince(started)
        let ending: Ending = timedOut ? .timedOut : isCancelled ? .cancelled : .exited(exitStatus ?? -1)
        return Result(ending: ending, output: output, seconds: seconds)
    }
}
