import ArgumentParser
import MLEReviewCore

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named, not derived from the type's name: deriving it reflects on the type at every start.
        commandName: "parse",
        abstract: "Print the parsed diff: files, statuses, hunks and counts.",
        discussion: """
        Examples:
          mle-review parse main...feature
          mle-review parse --patch pr.diff --json
          gh pr diff 12 | mle-review parse --patch -
        """
    )

    @Argument(help: "A git range, as `git diff` takes it (main...feature, HEAD~3, a commit; default: what mle-review opens, this branch's changes).")
    var range: String?

    @Option(name: .long, help: ArgumentHelp("Read the diff from FILE instead of git ('-' for standard input).", valueName: "FILE"))
    var patch: String?

    @Flag(help: "Print the parse as JSON.")
    var json = false

    @Flag(help: "Print bytes, time, throughput and peak memory on standard error (a benchmark).")
    var stats = false

    func validate() throws {
        if range != nil && patch != nil { throw ValidationError("give a RANGE or --patch FILE, not both") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let (bytes, _) = try diffToRead(patch: patch, range: range)
        let parsed = DiffParser.parse(bytes)
        let elapsed = clock.now - started
        if let patch, let note = parsed.seriesNote(name: inputName(patch)) { printError(note) }
        // Streamed, 64 KB at a time: a diff of a million hunks never becomes one string.
        let out = BufferedOutput()
        if json {
            parsed.writeJSON(out.write)
            out.write("\n")
        } else {
            parsed.summary(out.write)
        }
        out.flush()
        if stats { printStats(parsed, elapsed: elapsed) }
    }

    private func printStats(_ parsed: ParsedDiff, elapsed: Duration) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let megabytes = Double(parsed.bytes.count) / 1_000_000
        let peak = Double(ResourceUsage.peakResidentBytes()) / 1_000_000
        let ratio = parsed.bytes.isEmpty ? 0 : peak / megabytes
        printError("stats: \(parsed.bytes.count) bytes, \(parsed.files.count) files, \(parsed.hunkCount) hunks; "
            + "read+parse \(format(seconds, 3)) s (\(format(megabytes / max(seconds, 1e-9), 0)) MB/s); "
            + "peak memory \(format(peak, 1)) MB (\(format(ratio, 2))x input)")
    }

    private func format(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return digits == 0 ? String(Int(rounded)) : String(rounded)
    }
}

/// The range `parse` and `scan` read when none is given: what `mle-review` opens (this branch
/// against its base, the upstream or the default branch, else the uncommitted changes), said on stderr.
/// They read the uncommitted changes before, so `scan` in CI on a branch said "no hints" about
/// commits full of them.
func rangeOrDefault(_ range: String?) throws(InputError) -> String {
    if let range { return range }
    let chosen = try GitRepository().defaultReviewRange()
    printError("no range given: reading \(chosen) (" + (chosen == "HEAD" ? "the uncommitted changes" : "this branch's changes, as mle-review opens them") + ")")
    return chosen
}

/// The diff `parse` and `scan` read: the patch file, or the range's (`rangeOrDefault`), with the
/// untracked files a work tree left out said on stderr. The range read is returned (nil for a patch).
func diffToRead(patch: String?, range: String?) throws(InputError) -> (bytes: [UInt8], range: String?) {
    if let patch { return (try ByteInput.read(path: patch), nil) }
    let range = try rangeOrDefault(range)
    let bytes = try GitDiff.diff(range: range)
    if let note = GitDiff.untrackedLeftOut { printError(note) }
    if let caveat = GitRepository().twoDotCaveat(range: range) { printError(caveat) }
    return (bytes, range)
}
