import Foundation
import MLEReviewCore
import Testing

/// Runs the built `mle-review` binary as a user would and checks its output and exit status.
struct CommandLineTests {
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("mle-review").path

    func run(_ args: [String], input: [UInt8]? = nil, in directory: String? = nil) throws -> Subprocess.Result {
        guard let directory else { return try Subprocess.run([Self.binary] + args, input: input) }
        // The working directory is process-wide and tests run in parallel: change it in a shell.
        return try Subprocess.run(["sh", "-c", "cd \"$0\" && exec \"$@\"", directory, Self.binary] + args, input: input)
    }

    func tempDirectory() throws -> String {
        let path = TestScratch.directory.appendingPathComponent("mle-review-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    let sample = Array("""
    diff --git a/a.py b/a.py
    --- a/a.py
    +++ b/a.py
    @@ -1 +1,2 @@
     x = 1
    +y = 2

    """.utf8)

    @Test func missingPatchFileIsOneLineAndStatus2() throws {
        let r = try run(["parse", "--patch", "/no/such/file.diff"])
        #expect(r.status == 2)
        #expect(r.stderrText == "mle-review: /no/such/file.diff: no such file\n")
        #expect(r.stdout.isEmpty)
    }

    @Test func directoryAsPatchIsRefused() throws {
        let r = try run(["parse", "--patch", "/tmp"])
        #expect(r.status == 2 && r.stderrText == "mle-review: /tmp: is a directory, not a diff\n")
    }

    @Test func unknownOptionIsOneLineAndStatus2() throws {
        let r = try run(["parse", "--bogus"])
        #expect(r.status == 2)
        #expect(r.stderrText.split(separator: "\n").count == 1)
        #expect(r.stderrText.contains("--bogus"))
    }

    @Test func rangeAndPatchTogetherIsUsageError() throws {
        let r = try run(["parse", "HEAD", "--patch", "x.diff"])
        #expect(r.status == 2 && r.stderrText.contains("not both"))
    }

    @Test func readsThePatchFromStandardInput() throws {
        let r = try run(["parse", "--patch", "-"], input: sample)
        #expect(r.status == 0)
        #expect(String(decoding: r.stdout, as: UTF8.self) == "modified     +1 -0          a.py\n1 file, 1 hunk, +1 -0\n")
    }

    @Test func jsonOutputIsValidJSONWithTheDocumentedKeys() throws {
        let r = try run(["parse", "--patch", "-", "--json"], input: sample)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        let file = try #require((object["files"] as? [[String: Any]])?.first)
        #expect(file["old_path"] as? String == "a.py" && file["status"] as? String == "modified")
        #expect(file["additions"] as? Int == 1 && file["deletions"] as? Int == 0)
        let hunk = try #require((file["hunks"] as? [[String: Any]])?.first)
        #expect(hunk["old_start"] as? Int == 1 && hunk["old_lines"] as? Int == 1 && hunk["new_lines"] as? Int == 2)
        #expect((object["warnings"] as? [Any])?.isEmpty == true)
    }

    @Test func hostilePathsNeverReachTheTerminalRaw() throws {
        let evil = Array("diff --git \"a/x\\033[2Jy\" \"b/x\\033[2Jy\"\n--- \"a/x\\033[2Jy\"\n+++ \"b/x\\033[2Jy\"\n@@ -1 +1 @@\n-a\n+b\n".utf8)
        for args in [["parse", "--patch", "-"], ["parse", "--patch", "-", "--json"]] {
            let r = try run(args, input: evil)
            #expect(r.status == 0)
            #expect(!r.stdout.contains(0x1b), "\(args)")
            let text = String(decoding: r.stdout, as: UTF8.self)
            #expect(text.contains(args.count == 3 ? "x\\x1b[2Jy" : "x\\u001b[2Jy"))
        }
    }

    @Test func parsesAGitRangeAndNamesGitErrors() throws {
        let repo = try tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: repo) }
        func git(_ args: String...) throws {
            let r = try Subprocess.run(["git", "-C", repo, "-c", "user.name=T", "-c", "user.email=t@example.com"] + args)
            try #require(r.status == 0, "git \(args): \(r.stderrText)")
        }
        try git("init", "-q", "-b", "main")
        try "a = 1\n".write(toFile: repo + "/train.py", atomically: true, encoding: .utf8)
        try git("add", "train.py")
        try git("commit", "-qm", "one")
        try "a = 2\nb = 3\n".write(toFile: repo + "/train.py", atomically: true, encoding: .utf8)
        try git("commit", "-qam", "two")
        try git("config", "color.diff", "always")
        try git("config", "diff.noprefix", "true")

        let ok = try run(["parse", "HEAD~1..HEAD"], in: repo)
        #expect(ok.status == 0)
        #expect(String(decoding: ok.stdout, as: UTF8.self) == "modified     +2 -1          train.py\n1 file, 1 hunk, +2 -1\n")
        let bad = try run(["parse", "nope..HEAD"], in: repo)
        #expect(bad.status == 2)
        #expect(bad.stderrText.hasPrefix("mle-review: git diff nope..HEAD: "))
        #expect(bad.stderrText.split(separator: "\n").count == 1)

        let notRepo = try run(["parse", "HEAD"], in: "/")
        #expect(notRepo.status == 2 && notRepo.stderrText.contains("not a git repository"))
    }

    /// A mistyped command became a range: outside a repository it said "not a git repository",
    /// inside one "bad revision". Both now name the command meant, in and out of a repository.
    @Test func aMistypedCommandIsNamedNotTakenForARange() throws {
        let outside = try tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let repo = try tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: repo) }
        let initialized = try Subprocess.run(["git", "-C", repo, "init", "-q"])
        try #require(initialized.status == 0)
        for directory in [outside, repo] {
            for (typed, meant) in [("lgo", "log"), ("stast", "stats"), ("exprot", "export"), ("shwo", "show")] {
                let r = try run([typed], in: directory)
                #expect(r.status == 2)
                #expect(r.stderrText == "mle-review: '\(typed)' is neither a command nor a git range; did you mean 'mle-review \(meant)'?\n")
                #expect(r.stdout.isEmpty)
            }
            // Far from every command, or a range's punctuation: git's own answer, as before.
            let far = try run(["nosuchthing"], in: directory)
            #expect(far.status == 2 && !far.stderrText.contains("did you mean"))
            let range = try run(["lgo..HEAD"], in: directory)
            #expect(range.status == 2 && !range.stderrText.contains("did you mean"))
        }
    }
}

struct DefaultRangeTests {
    @Test func noRangeMeansThisBranchAgainstItsBase() throws {
        let repo = try CommandLineTests().tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: repo) }
        func git(_ args: String...) throws {
            let r = try Subprocess.run(["git", "-C", repo, "-c", "user.name=T", "-c", "user.email=t@example.com"] + args)
            try #require(r.status == 0, "git \(args): \(r.stderrText)")
        }
        let g = GitRepository(directory: repo)
        try git("init", "-q", "-b", "main")
        try "a\n".write(toFile: repo + "/a.py", atomically: true, encoding: .utf8)
        try git("add", "a.py")
        try git("commit", "-qm", "base")
        #expect(try g.defaultReviewRange() == "HEAD") // on main itself: the uncommitted changes
        try git("checkout", "-q", "-b", "feature")
        try "b\n".write(toFile: repo + "/a.py", atomically: true, encoding: .utf8)
        try git("commit", "-qam", "change")
        #expect(try g.defaultReviewRange() == "main...HEAD")
        try git("branch", "-q", "--set-upstream-to=main")
        #expect(try g.defaultReviewRange() == "@{upstream}...HEAD")
        // Pushed to a branch of its own name, with a commit not pushed yet: the review is of the
        // branch against the default branch, as its pull request shows it, not of that one commit.
        try git("init", "-q", "--bare", repo + "/.git/origin.git")
        try git("remote", "add", "origin", repo + "/.git/origin.git")
        try git("push", "-q", "origin", "main", "feature")
        try git("branch", "-q", "--set-upstream-to=origin/feature")
        try "c\n".write(toFile: repo + "/a.py", atomically: true, encoding: .utf8)
        try git("commit", "-qam", "not pushed yet")
        #expect(try g.defaultReviewRange() == "origin/main...HEAD")
        let parsed = try CommandLineTests().run(["parse"], in: repo)
        #expect(parsed.stderrText.hasPrefix("mle-review: no range given: reading origin/main...HEAD"), "\(parsed.stderrText)")
        #expect(throws: InputError.self) { try GitRepository(directory: "/").defaultReviewRange() }
    }
}

/// Issue 18: a bad config is one line naming the file, the key and the problem, exit 2, before
/// any terminal; `config --dump` prints every action and reads back as the defaults.
struct ConfigCommandTests {
    let cli = CommandLineTests()

    func run(_ args: [String], config: String?) throws -> Subprocess.Result {
        let dir = try cli.tempDirectory()
        if let config {
            try FileManager.default.createDirectory(atPath: dir + "/mle-review", withIntermediateDirectories: true)
            try config.write(toFile: dir + "/mle-review/config.toml", atomically: true, encoding: .utf8)
        }
        return try Subprocess.run(["env", "XDG_CONFIG_HOME=\(dir)", "XDG_DATA_HOME=\(dir)", CommandLineTests.binary] + args)
    }

    @Test func badConfigsAreOneLineAndStatus2() throws {
        let cases: [(String, String)] = [
            ("[keys.diff]\nnext-hunkk = \"J\"\n", "keys.diff.next-hunkk: no such action"),
            ("[keys.diff]\nquit-now = \"J\"\n", "keys.diff.quit-now: no such action"),
            ("[keys.diff]\ncycle-item = \"J\"\n", "keys.diff.cycle-item: cycle-item is not an action of diff (it is one of checklist)"),
            ("[keys.nowhere]\nquit = \"Q\"\n", "keys.nowhere: no such scope"),
            ("[keys.diff]\nnext-hunk = \"Ctrl-\"\n", "keys.diff.next-hunk: 'Ctrl-' is not a key"),
            ("[view]\nwrap = \"yes\"\n", "view.wrap: expected true or false"),
            ("[view]\nzoom = true\n", "view.zoom: unknown setting"),
            ("[keys\n", "not valid TOML"),
        ]
        for (config, problem) in cases {
            for args in [["config"], ["--patch", "/dev/null"]] {
                let r = try run(args, config: config)
                #expect(r.status == 2, "\(config) \(args)")
                #expect(r.stderrText.hasPrefix("mle-review: ") && r.stderrText.contains("/mle-review/config.toml") && r.stderrText.contains(problem),
                        "\(r.stderrText)")
                #expect(r.stderrText.split(separator: "\n").count == 1, "\(r.stderrText)")
            }
        }
    }

    @Test func theDumpListsEveryActionAndReadsBackAsTheDefaults() throws {
        let dump = try run(["config", "--dump"], config: nil)
        #expect(dump.status == 0)
        let text = dump.stdoutText
        for needle in ["[keys.diff]", "next-hunk = [\"]\"]", "[keys.form]", "edit-externally = [\"Ctrl-E\"]", "[keys.audit-log]", "[view]"] {
            #expect(text.contains(needle), "\(needle)")
        }
        // The dump is itself a valid config that changes nothing.
        let again = try run(["config"], config: text)
        #expect(again.status == 0 && again.stdoutText == text, "\(again.stderrText)")
        // A change shows in what `config` prints.
        let changed = try run(["config"], config: "[keys.diff]\nnext-hunk = [\"J\", \"ж\"]\n[view]\nside-by-side = true\n")
        #expect(changed.stdoutText.contains("next-hunk = [\"J\", \"ж\"]") && changed.stdoutText.contains("side-by-side = true"))
    }
}

/// Issue 18: choices are types the parser knows, so help lists them; help reads as prose.
struct CommandLineHelpTests {
    let cli = CommandLineTests()

    @Test func helpListsTheChoicesAndWrapsAsProse() throws {
        let export = try cli.run(["export", "--help"]).stdoutText
        #expect(export.contains("(values: text, markdown, json, sarif,") && export.contains("github; default: text)"), "\(export)")
        #expect(export.contains("review (import reads it back)"), "a sentence broken mid-way: \(export)")
        let log = try cli.run(["log", "--help"]).stdoutText
        #expect(log.contains("approve, warnings, block") && log.contains("data-leakage"))
        let open = try cli.run(["open", "--help"]).stdoutText
        #expect(open.contains("--role <ROLE>") && open.contains("(values: reviewer, driver,"))
        // Every example line fits 80 columns, so none is folded.
        for command in ["open", "join", "export", "import", "scan", "run", "log", "verify", "config"] {
            let help = try cli.run([command, "--help"]).stdoutText
            let examples = help.components(separatedBy: "Examples:").dropFirst().first?.components(separatedBy: "\n\n").first ?? ""
            // Example lines are indented; a folded one leaves a stub of its comment on a line of its own.
            let lines = examples.split(separator: "\n")
            for (i, line) in lines.enumerated() where !line.hasPrefix("  ") && i > 0 && lines[i - 1].contains("#") {
                Issue.record("\(command): a folded example line: \(lines[i - 1]) / \(line)")
            }
        }
    }

    @Test func unknownChoicesAreRefusedWithTheList() throws {
        let r = try cli.run(["--patch", "/dev/null", "--role", "pilot"])
        #expect(r.status == 2 && r.stderrText.contains("Please provide one of 'reviewer', 'driver' or 'navigator'") && r.stderrText.split(separator: "\n").count == 1)
    }
}
