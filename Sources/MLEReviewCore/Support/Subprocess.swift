import CLibc
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to completion and collects its output as bytes. Both pipes are drained
/// together with poll(2), so a chatty stderr cannot dead-lock a large stdout.
public struct Subprocess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: [UInt8]
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// - Parameters:
    ///   - arguments: argv, the program looked up on PATH.
    ///   - input: bytes written to its standard input, which is closed after them.
    ///   - detached: send its output to /dev/null instead of collecting it, for programs that leave a
    ///     daemon holding their output open (tmux new-session): waiting for EOF would never end.
    public static func run(_ arguments: [String], input: [UInt8]? = nil, detached: Bool = false) throws(InputError) -> Result {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0], inPipe: [Int32] = [0, 0]
        // Close-on-exec: a child spawned meanwhile by another thread must not inherit these ends
        // (holding a write end open, it would keep this child waiting for end of input forever).
        guard mle_pipe_cloexec(&outPipe) == 0, mle_pipe_cloexec(&errPipe) == 0, mle_pipe_cloexec(&inPipe) == 0 else {
            throw InputError("\(arguments[0]): cannot create a pipe")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        if detached {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        }
        for fd in inPipe + outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }

        // The child starts with default signal handling, whatever this process ignores or catches.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
        guard spawned == 0 else {
            close(inPipe[1]); close(outPipe[0]); close(errPipe[0])
            throw InputError("\(arguments[0]): cannot run it (\(String(cString: strerror(spawned))))")
        }
        // Input is written as the child can take it, while its output is read: a child that
        // answers as it reads (git cat-file --batch) would otherwise dead-lock on full pipes.
        let data = input ?? []
        // A child that exits without reading all its input must not kill this process with SIGPIPE.
        if !data.isEmpty { signal(SIGPIPE, SIG_IGN) }
        var written = 0
        if data.isEmpty { close(inPipe[1]) } else { _ = fcntl(inPipe[1], F_SETFL, fcntl(inPipe[1], F_GETFL) | O_NONBLOCK) }
        var out: [UInt8] = [], err: [UInt8] = []
        var fds = [pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0),
                   pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0),
                   pollfd(fd: data.isEmpty ? -1 : inPipe[1], events: Int16(POLLOUT), revents: 0)]
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var open = 2
        while open > 0 || fds[2].fd >= 0 {
            if poll(&fds, 3, -1) < 0 { if errno == EINTR { continue } else { break } }
            if fds[2].fd >= 0 && fds[2].revents != 0 {
                let n = data.withUnsafeBytes { raw in write(fds[2].fd, raw.baseAddress! + written, raw.count - written) }
                if n > 0 { written += n }
                if written >= data.count || (n < 0 && errno != EAGAIN && errno != EINTR) || fds[2].revents & Int16(POLLERR | POLLHUP) != 0 {
                    close(fds[2].fd); fds[2].fd = -1
                }
            }
            for i in 0..<2 where fds[i].fd >= 0 && fds[i].revents != 0 {
                let n = chunk.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress!, $0.count) }
                if n > 0 {
                    if i == 0 { out.append(contentsOf: chunk[0..<n]) } else { err.append(contentsOf: chunk[0..<n]) }
                } else if n == 0 || errno != EINTR {
                    close(fds[i].fd); fds[i].fd = -1; open -= 1
                }
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exit: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exit, stdout: out, stderr: err)
    }
}
