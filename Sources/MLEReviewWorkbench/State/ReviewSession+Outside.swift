import Foundation
import MLEReviewCore

/// What the workbench asks of the world outside the review: the reviewer's editor for a long
/// text, and the clipboard.
extension ReviewSession {
    /// Opens `$VISUAL`, else `$EDITOR`, else `vi` (arguments allowed: `code --wait`) on a private
    /// temporary file holding the field's text, with the screen suspended; what it saves comes
    /// back into the field. An editor that fails leaves the field as it was, and says so.
    func editExternally(field: String, text: String, environment: [String: String] = ProcessEnvironment.current) {
        guard let terminal else { workbench.say("no terminal to run an editor on", error: true); return }
        let folder = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let path = folder + "/mle-review-\(workbench.review.id)-\(field)-\(getpid()).md"
        do { try AtomicFile.write(Array((text.isEmpty ? "" : text + "\n").utf8), to: path) } catch {
            workbench.say("could not write \(path): \(error.message)", error: true)
            return
        }
        defer { unlink(path) }
        guard let (name, status) = runEditor([path], terminal: terminal, environment: environment) else { return }
        guard status == 0 else { workbench.say("\(name) exited with \(status): the field is unchanged", error: true); return }
        guard let bytes = FileManager.default.contents(atPath: path), let edited = String(data: bytes, encoding: .utf8) else {
            workbench.say("the editor left no readable text: the field is unchanged", error: true)
            return
        }
        var result = edited
        while result.hasSuffix("\n") { result.removeLast() }
        apply(workbench.setFormField(field, to: result))
        workbench.say(result == text ? "\(field): unchanged" : "\(field): \(result.split(separator: "\n", omittingEmptySubsequences: false).count) line(s) from \(name)")
    }

    /// Opens a file of the work tree at a line in the reviewer's editor (`+N FILE`, which vi,
    /// vim, nano, emacs and micro all take).
    func openInEditor(path: String, line: Int?, environment: [String: String] = ProcessEnvironment.current) {
        guard let terminal else { workbench.say("no terminal to run an editor on", error: true); return }
        let full = directory + "/" + path
        guard FileManager.default.fileExists(atPath: full) else { workbench.say("\(path) is not in the work tree", error: true); return }
        guard let (name, status) = runEditor((line.map { ["+\($0)"] } ?? []) + [full], terminal: terminal, environment: environment) else { return }
        workbench.say(status == 0 ? "back from \(name)" : "\(name) exited with \(status)", error: status != 0)
    }

    /// A file's changes between the earlier review's head and this one's (`b`), asked of git by
    /// the repository's own paths, never through its diff drivers.
    func showSinceReview(path: String, oldPath: String?) throws(InputError) {
        guard let earlier = workbench.earlierHead, let head = workbench.review.source.headCommit else { return }
        let paths = Array(Set([path] + (oldPath.map { [$0] } ?? []))).sorted().map { ":(top,literal)" + $0 }
        let r = try GitRepository(directory: directory).git(["diff", "--no-color", "--no-ext-diff", "--no-textconv", "-M", earlier.head, head, "--"] + paths)
        guard r.status == 0 else {
            workbench.say("git could not compare \(earlier.head.prefix(7)) with \(head.prefix(7)): \(Self.gitError(r))", error: true)
            return
        }
        // From the first hunk: the file's header lines say what the title says already.
        let all = String(decoding: r.stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lines = Array(all.drop { !$0.hasPrefix("@@") && !$0.hasPrefix("Binary files") }).reversed().drop { $0.isEmpty }.reversed()
        guard !lines.isEmpty else {
            workbench.say("\(path): unchanged since review \(earlier.reviewID) (\(earlier.head.prefix(7))..\(head.prefix(7)))", path: path)
            return
        }
        // Where Enter goes, read by the project's own parser: the first line added since, else
        // where the first hunk starts.
        let parsed = DiffParser.parse(r.stdout)
        let firstChanged = parsed.files.first.flatMap { f in
            f.hunks.lazy.compactMap { parsed.lines(of: $0).first { $0.kind == .added }?.newNumber }.first ?? f.hunks.first?.newStart
        }
        let baseMoved = earlier.base != nil && earlier.base != workbench.review.source.baseCommit
        workbench.open(.sinceReview(.init(path: path, reviewID: earlier.reviewID, from: String(earlier.head.prefix(7)),
                                          to: String(head.prefix(7)), lines: Array(lines), firstChanged: firstChanged, baseMoved: baseMoved)))
    }

    /// What git said when it refused: the first line of its error.
    static func gitError(_ r: Subprocess.Result) -> String {
        String(decoding: r.stderr, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "exit \(r.status)"
    }

    /// The range's commits, oldest first, by the sides the review was made on (`C`).
    func listCommits() throws(InputError) {
        let s = workbench.review.source
        guard let base = s.baseCommit else { return }
        // A review of the work tree: the commits up to the checked-out one, its edits after them.
        let head = s.headCommit ?? "HEAD"
        // Fields apart by a unit separator; the subject, last, keeps any it holds.
        let r = try GitRepository(directory: directory).git(["log", "--reverse", "--no-color", "--date=short",
                                                             "--format=%H%x1f%h%x1f%ad%x1f%an%x1f%s", "\(base)..\(head)"])
        guard r.status == 0 else {
            workbench.say("git could not list the commits of \(base.prefix(7))..\(head.prefix(7)): \(Self.gitError(r))", error: true)
            return
        }
        let commits = String(decoding: r.stdout, as: UTF8.self).split(separator: "\n").compactMap { line -> Workbench.CommitList.Commit? in
            let f = line.split(separator: "\u{1f}", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            return f.count == 5 ? .init(sha: f[0], short: f[1], date: f[2], author: f[3], subject: f[4]) : nil
        }
        guard !commits.isEmpty else { workbench.say("no commits in \(base.prefix(7))..\(head.prefix(7)): the change is the work tree's uncommitted edits"); return }
        var list = Workbench.CommitList(range: s.label, commits: commits)
        list.workTree = s.headCommit == nil
        workbench.open(.commits(list))
    }

    /// One commit read whole: its message and its change, never through the repository's diff drivers.
    func showCommit(_ sha: String) throws(InputError) {
        guard case .commits(var list) = workbench.overlay else { return }
        let r = try GitRepository(directory: directory).git(["show", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "--format=medium", sha])
        guard r.status == 0 else {
            workbench.say("git could not show \(sha.prefix(7)): \(Self.gitError(r))", error: true)
            return
        }
        let lines = String(decoding: r.stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        list.shown = .init(sha: sha, lines: Array(lines.reversed().drop { $0.isEmpty }.reversed()))
        list.shownScroll = 0
        workbench.replace(with: .commits(list))
    }

    /// `$VISUAL`, else `$EDITOR`, else `vi`, on the terminal with the screen suspended: its name
    /// and exit status, or nil (and the reason said) when it could not start.
    func runEditor(_ arguments: [String], terminal: TerminalAccess, environment: [String: String]) -> (String, Int32)? {
        let line = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.trimmingSpaces().isEmpty } ?? "vi"
        let words: [String]
        do { words = try Shell.words(line) } catch { workbench.say("$VISUAL/$EDITOR: \(error.message)", error: true); return nil }
        guard !words.isEmpty else { workbench.say("$VISUAL/$EDITOR is empty", error: true); return nil }
        let status: Int32? = terminal.suspended {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = words + arguments
            // The editor talks to the terminal even when the diff came in on a pipe.
            if let tty = FileHandle(forUpdatingAtPath: "/dev/tty") {
                p.standardInput = tty
                p.standardOutput = tty
                p.standardError = tty
            }
            do { try p.run() } catch { return nil }
            p.waitUntilExit()
            return p.terminationStatus
        }
        guard let status else { workbench.say("could not start \(words[0])", error: true); return nil }
        // env's 127: the program was not found.
        if status == 127 { workbench.say("\(words[0]): not found ($VISUAL/$EDITOR)", error: true); return nil }
        return (words[0], status)
    }

    /// Puts the verdict (the text export) or a finding (the brief's block) on the clipboard:
    /// OSC 52 to the terminal (works over ssh and in tmux with set-clipboard on), tmux's own
    /// paste buffer inside tmux (whose default, set-clipboard external, drops an application's
    /// OSC 52: "copied" was said of nothing there), and wl-copy or xclip as well when a display
    /// is there to take it. Only what took the text is said to have it.
    func copy(_ clip: Effect.Clip, environment: [String: String] = ProcessEnvironment.current) {
        let text: String
        let what: String
        // Escaped as every export is: pasted into a terminal, a finding's text must not drive it.
        switch clip {
        case .verdict:
            text = SafeText.escapedKeepingLines(TextExport.render(exportContext(allowIncomplete: true)))
            what = "the verdict"
        case .finding(let f):
            text = SafeText.escapedKeepingLines(TextExport.block(f))
            what = "the finding"
        }
        var via: [String] = []
        terminal?.writeRaw(Array("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}".utf8))
        // tmux 3.2's -w passes it on to the outer terminal's clipboard too; older ones take the buffer alone.
        if environment["TMUX"].map({ !$0.isEmpty }) == true, let tmux = Self.which("tmux", environment),
           Self.pipe(text, to: tmux, ["load-buffer", "-w", "-"], wait: true) || Self.pipe(text, to: tmux, ["load-buffer", "-"], wait: true) {
            via.append("tmux buffer")
        }
        let tools: [(String, [String], String)] = [("wl-copy", [], "WAYLAND_DISPLAY"), ("xclip", ["-selection", "clipboard"], "DISPLAY")]
        for (tool, args, display) in tools where environment[display].map({ !$0.isEmpty }) == true {
            guard let exe = Self.which(tool, environment), Self.pipe(text, to: exe, args, wait: false) else { continue }
            via.append(tool)
            break
        }
        let count = text.split(separator: "\n").count
        let lines = "\(what), \(count) line\(count == 1 ? "" : "s")"
        if via.isEmpty {
            // OSC 52 is a request: whether the terminal took it cannot be known from here.
            workbench.say(terminal == nil ? "no clipboard here (no terminal, no tmux, wl-copy or xclip)"
                          : "sent \(lines) to the terminal's clipboard by OSC 52 (if the terminal allows it)")
        } else {
            workbench.say("copied \(lines) (\(via.joined(separator: ", "))\(terminal != nil ? "; OSC 52 sent too" : ""))")
        }
    }

    /// Runs a clipboard program with `text` on its standard input; with `wait`, whether it
    /// took it (its exit status). xclip stays running to serve the selection: not waited for.
    static func pipe(_ text: String, to exe: String, _ args: [String], wait: Bool) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let pipe = Pipe()
        p.standardInput = pipe
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        pipe.fileHandleForWriting.write(Data(text.utf8))
        try? pipe.fileHandleForWriting.close()
        guard wait else { return true }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    static func which(_ tool: String, _ environment: [String: String]) -> String? {
        for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
