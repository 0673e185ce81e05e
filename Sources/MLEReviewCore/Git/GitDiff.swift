/// Asks git for the diff of a range in a way that does not depend on the user's git config:
/// no colour, no external diff or textconv, a/ b/ prefixes, renames detected.
public enum GitDiff {
    public static let diffOptions = [
        "--no-color", "--no-ext-diff", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", "-M",
    ]

    /// The bytes of `git diff RANGE`, run in `directory`.
    public static func diff(range: String, directory: String? = nil) throws(InputError) -> [UInt8] {
        try refuseOption(range)
        try GitRepository(directory: directory).requireRepository()
        let result = try UntrackedFiles.diff(
            range: range, arguments: ["-c", "core.quotePath=true", "-c", "diff.noprefix=false", "--no-pager", "diff"] + diffOptions + [range, "--"], directory: directory)
        guard result.status == 0 else {
            throw InputError("git diff \(range): \(firstLine(of: result.stderrText) ?? "failed with status \(result.status)")")
        }
        return result.stdout
    }

    /// The same diff read again with other options (`-U13`, `-w`), for only some paths: what
    /// the workbench shows when the reviewer asks for more context or to ignore whitespace.
    public static func diff(range: String, options: [String], paths: [String], directory: String? = nil) throws(InputError) -> [UInt8] {
        try refuseOption(range)
        let result = try UntrackedFiles.diff(
            range: range, arguments: ["-c", "core.quotePath=true", "-c", "diff.noprefix=false", "--no-pager", "diff"]
                + diffOptions + options + [range, "--"] + paths, directory: directory)
        guard result.status == 0 else {
            throw InputError("git diff \(range): \(firstLine(of: result.stderrText) ?? "failed with status \(result.status)")")
        }
        return result.stdout
    }

    /// Why the last diff of the work tree left its untracked files out (too many or too large),
    /// to be said wherever that diff is shown.
    public static var untrackedLeftOut: String? { UntrackedFiles.leftOut }

    /// A range git would read as an option is refused before git sees it.
    static func refuseOption(_ range: String) throws(InputError) {
        if range.hasPrefix("-") { throw InputError("\(range): a range cannot start with '-'") }
    }

    /// git's own reason: its `fatal:` line when there is one, else its first line.
    static func firstLine(of text: String) -> String? {
        let lines = text.split(whereSeparator: \.isNewline)
        return (lines.first { $0.hasPrefix("fatal: ") } ?? lines.first).map { line in
            var s = String(line)
            if s.hasPrefix("fatal: ") { s.removeFirst("fatal: ".count) }
            return s
        }
    }
}
