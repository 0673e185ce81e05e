import Foundation
import MLEReviewCore
import Testing

/// A signal can arrive while the program is inside malloc (a closed terminal's SIGHUP did, while
/// the loaded diff was being trimmed from memory, and the process hung forever holding the
/// store open). The handler must use only async-signal-safe calls. Checked with the real binary
/// and a preloaded shim that wraps the handlers the program installs with signal() and ends
/// the process with status 99 when one of them allocates or frees memory: a rule the old
/// handler broke on every signal, not only in the rare moment it deadlocked.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct SignalSafetyTests {
    static let shimSource = #"""
    #define _GNU_SOURCE
    #include <dlfcn.h>
    #include <fcntl.h>
    #include <signal.h>
    #include <stdlib.h>
    #include <string.h>
    #include <unistd.h>
    extern void *__libc_malloc(size_t), *__libc_calloc(size_t, size_t), *__libc_realloc(void *, size_t);
    extern void *__libc_memalign(size_t, size_t);
    extern void __libc_free(void *);
    static __thread int inHandler;
    static void (*handlers[65])(int);
    static char logPath[4096];
    __attribute__((constructor)) static void loaded(void) {
        const char *p = getenv("MLE_SIGNAL_LOG");
        if (!p) return;
        strncpy(logPath, p, sizeof logPath - 16);
        char marker[4096 + 16];
        strcpy(marker, logPath); strcat(marker, ".loaded");
        close(open(marker, O_WRONLY | O_CREAT, 0600));
    }
    static void check(const char *what) {
        if (!inHandler) return;
        int fd = open(logPath, O_WRONLY | O_CREAT | O_APPEND, 0600);
        write(fd, what, strlen(what)); write(fd, " in a signal handler\n", 21); close(fd);
        _exit(99);
    }
    static void wrapper(int sig) { inHandler = 1; handlers[sig](sig); inHandler = 0; }
    sighandler_t signal(int sig, sighandler_t handler) {
        static sighandler_t (*real)(int, sighandler_t);
        if (!real) real = (sighandler_t (*)(int, sighandler_t))dlsym(RTLD_NEXT, "signal");
        if (handler == SIG_DFL || handler == SIG_IGN || handler == SIG_ERR || sig <= 0 || sig >= 65) return real(sig, handler);
        handlers[sig] = handler;
        return real(sig, wrapper);
    }
    void *malloc(size_t n) { check("malloc"); return __libc_malloc(n); }
    void *calloc(size_t a, size_t b) { check("calloc"); return __libc_calloc(a, b); }
    void *realloc(void *p, size_t n) { check("realloc"); return __libc_realloc(p, n); }
    void free(void *p) { check("free"); __libc_free(p); }
    void *aligned_alloc(size_t a, size_t n) { check("aligned_alloc"); return __libc_memalign(a, n); }
    int posix_memalign(void **out, size_t a, size_t n) { check("posix_memalign"); *out = __libc_memalign(a, n); return *out ? 0 : 12; }
    """#

    /// Builds the shim with the toolchain's C compiler (SwiftPM needs one for the C targets).
    static func buildShim(in dir: String) throws -> String {
        try shimSource.write(toFile: dir + "/shim.c", atomically: true, encoding: .utf8)
        let compiler = ["clang", "cc", "gcc"].first { (try? Subprocess.run(["sh", "-c", "command -v \($0)"]))?.status == 0 }
        let cc = try #require(compiler, "no C compiler on PATH to build the signal shim")
        let r = try Subprocess.run([cc, "-shared", "-fPIC", "-O1", "-o", dir + "/shim.so", dir + "/shim.c", "-ldl"])
        #expect(r.status == 0, "the shim did not build: \(r.stderrText)")
        return dir + "/shim.so"
    }

    @Test(arguments: ["HUP", "TERM"])
    func aSignalRestoresTheTerminalWithoutAllocating(signal name: String) throws {
        let shimDir = TestScratch.directory.appendingPathComponent("shim-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: shimDir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: shimDir) }
        let shim = try Self.buildShim(in: shimDir)
        let log = shimDir + "/signal.log"
        let t = try Tmux.start(shell: "LD_PRELOAD=\(shim) MLE_SIGNAL_LOG=\(log) BIN --patch pr.diff --reviewer Ada")
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("Tab", "j", "p")
        try t.waitFor("[✓] Change is reviewable")
        #expect(FileManager.default.fileExists(atPath: log + ".loaded"), "the shim was not loaded: the test would prove nothing")
        t.signal(name)
        try t.waitForExit()
        let complaint = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(complaint.isEmpty, "the signal handler broke async-signal safety: \(complaint)")
        #expect(t.exitStatus() == (name == "HUP" ? "129" : "143")) // re-raised after the terminal was put back
        #expect(t.alternateScreen() == "0")
        let store = try ReviewStore(path: t.store)
        let review = try store.load(try store.resolve("latest"))
        #expect(review.state(of: "start-here/change-is-reviewable") == .pass)
    }
}
