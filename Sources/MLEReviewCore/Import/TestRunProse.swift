/// A `Tests run:` line an AI reviewer wrote as prose: "`pytest -q` (12 passed), ruff check . —
/// clean, I didn't run mypy since it isn't configured". Read as one run it was one command
/// that "passed", the skipped check included. It is three claims: split where a clause starts
/// with a check's command or says a check was not run, each read on its own.
enum TestRunProse {
    /// Words a check's command starts with. Only these start a new clause, so a command's own
    /// commas and "and"s stay in it.
    static let tools: Set<String> = [
        "pytest", "python", "python3", "ruff", "mypy", "pyright", "flake8", "pylint", "black", "isort", "bandit",
        "tox", "nox", "make", "npm", "yarn", "pnpm", "cargo", "go", "dvc", "pre-commit", "nbval", "jupyter",
        "uv", "poetry", "pip", "great_expectations", "coverage", "unittest", "hatch",
    ]

    /// How a clause saying a check was not run begins.
    static let notRunOpenings = ["i didn't run ", "i did not run ", "didn't run ", "did not run ", "not run: ", "could not run ",
                                 "couldn't run ", "i couldn't run ", "i could not run ", "skipped "]

    /// The clauses of an entry, or the entry alone when it has no second claim in it.
    static func clauses(_ entry: String) -> [String] {
        let chars = Array(entry)
        var out: [String] = [], start = 0, q = TestRunLine.Quotes(), depth = 0, i = 0
        while i < chars.count {
            if q.toggles(chars, i) || q.quote != nil { i += 1; continue }
            if chars[i] == "(" { depth += 1 } else if chars[i] == ")" { depth = max(0, depth - 1) }
            guard depth == 0 else { i += 1; continue }
            let separator = chars[i] == "," ? 2 : hasWord(" and ", in: chars, at: i) ? 5 : 0
            if separator > 0, i + separator <= chars.count, startsClaim(String(chars[(i + separator)...])) {
                out.append(String(chars[start..<i]))
                start = i + separator
                i = start
                continue
            }
            i += 1
        }
        out.append(String(chars[start...]))
        let kept = out.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        return kept.count > 1 ? kept : [entry]
    }

    static func hasWord(_ word: String, in chars: [Character], at i: Int) -> Bool {
        let w = Array(word)
        return i + w.count <= chars.count && Array(chars[i..<(i + w.count)]) == w
    }

    /// Whether text (after a `, ` or ` and `) begins another claim: a check's command, or words
    /// saying one was not run.
    static func startsClaim(_ text: String) -> Bool {
        let t = text.drop { $0 == " " }
        let lower = t.lowercased()
        if notRunOpenings.contains(where: lower.hasPrefix) { return true }
        let first = t.drop { $0 == "`" || $0 == "\"" || $0 == "'" }.prefix { !$0.isWhitespace && $0 != "`" && $0 != ":" && $0 != "(" }
        return tools.contains(first.lowercased())
    }

    /// "I didn't run mypy since it isn't configured": mypy, skipped, with the words as its summary.
    static func notRun(_ clause: String, recordedBy: String?) -> TestRun? {
        let lower = clause.lowercased()
        guard let opening = notRunOpenings.first(where: lower.hasPrefix) else { return nil }
        let rest = clause.dropFirst(opening.count).drop { $0 == " " }
        let command: String
        if let q = rest.first, q == "`" || q == "\"" || q == "'", let end = rest.dropFirst().firstIndex(of: q) {
            command = String(rest[rest.index(after: rest.startIndex)..<end])
        } else {
            command = String(rest.prefix { !$0.isWhitespace && $0 != "," && $0 != ";" })
        }
        guard !command.isEmpty else { return nil }
        return TestRun(command: command, outcome: .skipped, summary: clause, recordedBy: recordedBy)
    }
}
