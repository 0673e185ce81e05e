import Foundation
import MLEReviewCore
import Testing

/// Issue 14, the store: concurrent commands wait their turn, reading never writes, a damaged
/// or newer store is refused whole, as a user meets it on the command line.
struct StoreFaultTests {
    let cli = CommandLineTests()

    /// A store with one finished and one open review of the demo diff.
    func seeded() throws -> (dir: String, store: String) {
        let dir = try cli.tempDirectory()
        let demo = try cli.run(["demo", "--print-diff"])
        try Data(demo.stdout).write(to: URL(fileURLWithPath: dir + "/pr.diff"))
        try "[HIGH] Leak\nFile: pipelines/train.py:26\nIssue: i\nFix: f\n".write(toFile: dir + "/ai.txt", atomically: true, encoding: .utf8)
        let store = dir + "/s.sqlite"
        for _ in 0..<2 { _ = try cli.run(["import", dir + "/ai.txt", "--patch", dir + "/pr.diff", "--accept", "--store", store]) }
        _ = try cli.run(["finish", "--store", store])
        return (dir, store)
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func readingCommandsNeverChangeTheFile() throws {
        let (dir, store) = try seeded()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try bytes(store)
        for args in [["log"], ["log", "--json"], ["log", "--verify"], ["show", "latest"], ["stats"]] {
            let r = try cli.run(args + ["--store", store])
            #expect(r.status == 0, "\(args): \(r.stderrText)")
            #expect(try bytes(store) == before, "\(args) changed the store")
        }
    }

    /// Run as an unprivileged user (root ignores permissions): a store in a folder they cannot
    /// write, itself read-only, is read by log/show/stats and refused by a writer in one line.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root and setpriv to drop to nobody"))
    func aReadOnlyStoreIsReadButNotWritten() throws {
        let (dir, store) = try seeded()
        defer { _ = try? Subprocess.run(["chmod", "-R", "u+w", dir]); try? FileManager.default.removeItem(atPath: dir) }
        let ro = dir + "/ro"
        try FileManager.default.createDirectory(atPath: ro, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: store, toPath: ro + "/s.sqlite")
        for cmd in [["chown", "-R", "65534", dir], ["chmod", "0400", ro + "/s.sqlite"], ["chmod", "0500", ro], ["chmod", "0755", dir]] {
            try #require(try Subprocess.run(cmd).status == 0)
        }
        func asNobody(_ args: [String]) throws -> Subprocess.Result {
            try Subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", CommandLineTests.binary] + args + ["--store", ro + "/s.sqlite"])
        }
        // The binary must be reachable by nobody; where it is not, say so rather than pass.
        try #require(try asNobody(["--version"]).status == 0, "nobody cannot run \(CommandLineTests.binary)")
        let before = try bytes(ro + "/s.sqlite")
        for args in [["log"], ["show", "latest"], ["stats"], ["log", "--verify"]] {
            let r = try asNobody(args)
            #expect(r.status == 0, "\(args): \(r.stderrText)")
        }
        let write = try asNobody(["import", dir + "/ai.txt", "--into", "latest"])
        #expect(write.status == 2 && write.stderrText.contains("cannot be written here (a read-only file or folder)") && write.stderrText.split(separator: "\n").count == 1,
                "\(write.stderrText)")
        #expect(try bytes(ro + "/s.sqlite") == before)
    }

    @Test func concurrentCommandsWaitTheirTurn() throws {
        let (dir, store) = try seeded()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Four processes importing, exporting and verifying on one store at once; every command
        // must succeed (exit 0) and none may say the store was locked.
        let script = """
        bin="$1"; dir="$2"; store="$3"; n="$4"
        for i in $(seq 1 12); do
          "$bin" import "$dir/ai.txt" --patch "$dir/pr.diff" --store "$store" >/dev/null 2>>"$dir/err-$n" || echo "import $?" >>"$dir/fail-$n"
          "$bin" export latest --allow-incomplete --store "$store" >/dev/null 2>>"$dir/err-$n" || echo "export $?" >>"$dir/fail-$n"
          "$bin" log --verify --store "$store" >/dev/null 2>>"$dir/err-$n" || echo "verify $?" >>"$dir/fail-$n"
          echo "loop $i" >>"$dir/done-$n"
        done
        """
        try script.write(toFile: dir + "/loop.sh", atomically: true, encoding: .utf8)
        let group = DispatchGroup()
        for n in 1...4 {
            DispatchQueue.global().async(group: group) {
                _ = try? Subprocess.run(["sh", dir + "/loop.sh", CommandLineTests.binary, dir, store, String(n)])
            }
        }
        #expect(group.wait(timeout: .now() + 300) == .success, "the four loops did not end within 300 s")
        for n in 1...4 {
            let loops = ((try? String(contentsOfFile: dir + "/done-\(n)", encoding: .utf8)) ?? "").split(separator: "\n").count
            #expect(loops == 12, "loop \(n) ran \(loops) of 12 rounds")
            let failures = (try? String(contentsOfFile: dir + "/fail-\(n)", encoding: .utf8)) ?? ""
            #expect(failures.isEmpty, "\(failures)")
            let errors = ((try? String(contentsOfFile: dir + "/err-\(n)", encoding: .utf8)) ?? "").components(separatedBy: "\n")
            #expect(!errors.contains { $0.contains("locked") || $0.contains("busy") }, "\(errors.filter { $0.contains("locked") || $0.contains("busy") })")
        }
        #expect(try cli.run(["log", "--verify", "--store", store]).status == 0)
    }

    @Test func aDamagedStoreIsRefusedWholeAndNothingIsWritten() throws {
        let (dir, store) = try seeded()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var rng = SplitMix(state: 14)
        print("store damage: seed 14")
        let pristine = try bytes(store)
        let pages = pristine.count / 4096
        var refusedVerify = 0, refusedWrite = 0
        for page in 1..<pages {
            var damaged = pristine
            for i in (page * 4096)..<((page + 1) * 4096) { damaged[i] = UInt8(truncatingIfNeeded: rng.next()) }
            let path = dir + "/d-\(page).sqlite"
            try damaged.write(to: URL(fileURLWithPath: path))
            let verify = try cli.run(["log", "--verify", "--store", path])
            if verify.status == 2 && verify.stderrText.split(separator: "\n").count == 1 { refusedVerify += 1 }
            let writes = [["import", dir + "/ai.txt", "--into", "latest"], ["export", "latest", "--allow-incomplete"], ["finish", "latest"]].map {
                (try? cli.run($0 + ["--store", path]))?.status
            }
            if writes.allSatisfy({ $0 == 2 }) { refusedWrite += 1 }
            #expect(try bytes(path) == damaged, "page \(page): a damaged store was written")
        }
        #expect(refusedVerify == pages - 1, "log --verify passed a damaged store")
        #expect(refusedWrite == pages - 1, "a writer used a damaged store")
    }

    @Test func aNewerStoreIsRefusedAndAnEmptyFileIsSetUpSayingSo() throws {
        let (dir, store) = try seeded()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sql = try Subprocess.run(["python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version = 99'); c.commit()", store])
        try #require(sql.status == 0, "\(sql.stderrText)")
        let before = try bytes(store)
        for args in [["log"], ["import", dir + "/ai.txt", "--into", "latest"]] {
            let r = try cli.run(args + ["--store", store])
            #expect(r.status == 2 && r.stderrText == "mle-review: store \(store): written by a newer mle-review (store schema 99, this build knows 12); upgrade to use it (nothing was changed)\n",
                    "\(r.stderrText)")
        }
        #expect(try bytes(store) == before)

        let empty = dir + "/empty.sqlite"
        FileManager.default.createFile(atPath: empty, contents: Data())
        let r = try cli.run(["import", dir + "/ai.txt", "--patch", dir + "/pr.diff", "--store", empty])
        #expect(r.status == 0 && r.stderrText.hasPrefix("mle-review: store \(empty) was an empty file: set up as a new store\n"), "\(r.stderrText)")
    }
}

