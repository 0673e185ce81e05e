import Foundation
import MLEReviewCore
import Testing

/// Issue 14, files it writes and reads: only regular files are replaced, exports are safe to
/// `cat`, directories and endless inputs get one clear line.
struct FileFaultTests {
    let cli = CommandLineTests()

    func reviewWithHostileFinding() throws -> (dir: String, store: String) {
        let dir = try cli.tempDirectory()
        let demo = try cli.run(["demo", "--print-diff"])
        try Data(demo.stdout).write(to: URL(fileURLWithPath: dir + "/pr.diff"))
        // An imported finding whose title sets the terminal's title and whose issue holds C1 and bidi characters.
        try "[HIGH] Leak \u{1B}]0;pwned\u{07} here\nFile: pipelines/train.py:26\nIssue: a\u{9B}31m b \u{202E}cba\nFix: f\n"
            .write(toFile: dir + "/ai.txt", atomically: true, encoding: .utf8)
        let r = try cli.run(["import", dir + "/ai.txt", "--patch", dir + "/pr.diff", "--accept", "--store", dir + "/s.sqlite"])
        try #require(r.status == 0, "\(r.stderrText)")
        return (dir, dir + "/s.sqlite")
    }

    @Test func exportRefusesTargetsThatAreNotRegularFiles() throws {
        let (dir, store) = try reviewWithHostileFinding()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/fifo", 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: dir + "/to-null", withDestinationPath: "/dev/null")
        try FileManager.default.createDirectory(atPath: dir + "/folder", withIntermediateDirectories: true)
        var targets = [("fifo", "not a regular file (a device, FIFO or socket); refused"),
                       ("to-null", "a symlink to something that is not a regular file; refused"),
                       ("folder", "is a directory")]
        // A copy of /dev/full, as the fault pass made (needs root for mknod).
        if mknod(dir + "/full", S_IFCHR | 0o600, dev_t((1 << 8) | 7)) == 0 { targets.append(("full", "not a regular file (a device, FIFO or socket); refused")) }
        for (name, why) in targets {
            let r = try cli.run(["export", "latest", "--no-finish", "--output", dir + "/" + name, "--store", store])
            #expect(r.status == 2 && r.stderrText == "mle-review: \(dir)/\(name): \(why)\n", "\(name): \(r.stderrText)")
        }
        var info = stat()
        #expect(lstat(dir + "/fifo", &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(lstat(dir + "/to-null", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        // `-` is standard output; a symlink to a regular file is written through, the link kept.
        let out = try cli.run(["export", "latest", "--no-finish", "--output", "-", "--store", store])
        #expect(out.status == 0 && String(decoding: out.stdout, as: UTF8.self).contains("Decision: BLOCK"))
        FileManager.default.createFile(atPath: dir + "/real.txt", contents: Data("old".utf8))
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.txt", withDestinationPath: dir + "/real.txt")
        #expect(try cli.run(["export", "latest", "--no-finish", "--output", dir + "/link.txt", "--store", store]).status == 0)
        #expect(lstat(dir + "/link.txt", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(try String(contentsOfFile: dir + "/real.txt", encoding: .utf8).contains("Decision: BLOCK"))
    }

    @Test func aTextExportWrittenToAFileIsSafeToCat() throws {
        let (dir, store) = try reviewWithHostileFinding()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for format in ["text", "markdown"] {
            let file = dir + "/out-\(format)"
            let r = try cli.run(["export", "latest", "--no-finish", "--format", format, "--output", file, "--store", store])
            #expect(r.status == 0, "\(r.stderrText)")
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let raw = text.unicodeScalars.filter { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E }
            #expect(raw.isEmpty, "\(format): \(raw.map { String($0.value, radix: 16) })")
            #expect(text.contains("\\x1b") && text.contains("pwned"), "\(format)")
        }
    }

    @Test func directoriesAndEndlessInputsGetOneLine() throws {
        let dir = try cli.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folder = try cli.run(["checklist", "--checklist", dir])
        #expect(folder.status == 2 && folder.stderrText == "mle-review: \(dir): is a directory, not a checklist\n")
        let zero = try cli.run(["checklist", "--checklist", "/dev/zero"])
        #expect(zero.status == 2 && zero.stderrText == "mle-review: /dev/zero: larger than 4 MB; refused\n", "\(zero.stderrText)")
        let big = dir + "/big.md"
        FileManager.default.createFile(atPath: big, contents: Data(repeating: UInt8(ascii: "-"), count: 5_000_000))
        let r = try cli.run(["checklist", "--checklist", big])
        #expect(r.status == 2 && r.stderrText == "mle-review: \(big): larger than 4 MB; refused\n")
    }
}

/// The first-screen peek at a patch file on a named pipe: no plain file, so nothing to peek at,
/// and it must not wait for a writer. It did (a blocking open), then closed its end at once: a
/// writer that had written everything and closed meanwhile took the data with the pipe, and the
/// real read waited for good for a writer that would never come.
struct NamedPipePeekTests {
    @Test func thePeekAtANamedPipeReturnsAtOnceWithoutAWriter() throws {
        let dir = try CommandLineTests().tempDirectory()
        let fifo = dir + "/pipe.diff"
        try #require(mkfifo(fifo, 0o600) == 0)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var peeked: (bytes: [UInt8], size: Int)?, failure: String?
        Thread {
            do throws(InputError) { peeked = try ByteInput.prefix(path: fifo, limit: 4096) } catch { failure = error.message }
            done.signal()
        }.start()
        let returned = done.wait(timeout: .now() + 3) == .success
        if !returned {
            // Let the stuck open go (a writer appears), so no thread of the test is left waiting.
            let fd = open(fifo, O_WRONLY)
            if fd >= 0 { close(fd) }
            _ = done.wait(timeout: .now() + 3)
        }
        #expect(returned, "the peek waited for a writer")
        #expect(failure == nil)
        #expect(peeked == nil, "a named pipe has no first bytes to peek at")
    }
}
