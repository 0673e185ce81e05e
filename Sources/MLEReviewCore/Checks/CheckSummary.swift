/// What a check's own closing line says, and what its exit status means: pytest's
/// `12 passed, 1 failed in 3.2s`, ruff's `Found 3 errors.`, mypy's `Found 2 errors in 1 file`.
public enum CheckSummary {
    /// Colours and cursor moves stripped: output is recorded and shown as plain text.
    public static func plain(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B {
                // CSI: ESC [ params final; OSC: ESC ] … BEL or ESC \; others: ESC and one byte.
                if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "[") {
                    var j = i + 2
                    while j < bytes.count && !(0x40...0x7E).contains(bytes[j]) { j += 1 }
                    i = j + 1
                    continue
                }
                if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "]") {
                    var j = i + 2
                    while j < bytes.count && bytes[j] != 0x07 && !(bytes[j] == 0x1B && j + 1 < bytes.count && bytes[j + 1] == UInt8(ascii: "\\")) { j += 1 }
                    i = j < bytes.count && bytes[j] == 0x07 ? j + 1 : j + 2
                    continue
                }
                i += 2
                continue
            }
            if b == 13 {
                // A carriage return redraws the line (progress bars): keep what follows.
                if i + 1 < bytes.count && bytes[i + 1] == 10 { i += 1; continue }
                if let start = out.lastIndex(of: 10) { out.removeSubrange((start + 1)...) } else { out.removeAll() }
                i += 1
                continue
            }
            out.append(b)
            i += 1
        }
        return SafeText.escapedKeepingLines(String(decoding: out, as: UTF8.self))
    }

    /// The tool's closing line, or the last line it printed. A run that did not pass says the
    /// error it printed where its last line says nothing of why (pytest's usage error ends
    /// with `rootdir: /repo`; a missing path with `no tests ran in 0.4s`).
    public static func summary(_ text: String, command: [String], failed: Bool = false) -> String {
        let lines = text.split(separator: "\n").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        let isPytest = isPytest(command)
        let error = failed ? lines.last(where: isErrorLine) : nil
        // `-q` prints the closing line without its `=` rule.
        if isPytest, let line = lines.last(where: { ($0.hasPrefix("=") && $0.hasSuffix("=") || $0.contains(" in ") && $0.hasSuffix("s"))
            && ($0.contains(" passed") || $0.contains(" failed") || $0.contains(" error") || $0.contains("no tests ran")) }) {
            let closing = String(line.drop { $0 == "=" || $0 == " " }.reversed().drop { $0 == "=" || $0 == " " }.reversed())
            return closing.hasPrefix("no tests ran") ? error ?? closing : closing
        }
        if let line = lines.last(where: { $0.hasPrefix("Found ") && ($0.contains(" error") || $0.contains(" issue")) }) {
            return line.hasSuffix(".") ? String(line.dropLast()) : line
        }
        if let line = lines.last(where: { $0.hasPrefix("Success: no issues found") || $0 == "All checks passed!" }) { return line }
        return String((error ?? lines.last ?? "").prefix(200))
    }

    /// `ERROR: file or directory not found: x`, `pytest: error: unrecognized arguments: -x`,
    /// `ModuleNotFoundError: No module named 'x'`: a line that says what went wrong.
    static func isErrorLine(_ line: String) -> Bool {
        if line.hasPrefix("ERROR:") || line.hasPrefix("error:") || line.contains(": error:") { return true }
        guard let colon = line.firstIndex(of: ":") else { return false }
        let name = line[..<colon]
        return (name.hasSuffix("Error") || name.hasSuffix("Exception")) && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
    }

    /// `pytest …`, `py.test …`, `python3 -m pytest …`.
    public static func isPytest(_ command: [String]) -> Bool {
        let tool = command.first.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? ""
        return tool == "pytest" || tool == "py.test" || command.contains("pytest")
    }

    /// The outcome an exit status means. pytest: 1 tests failed, 5 none collected, others errors.
    public static func outcome(_ ending: CheckProcess.Ending, command: [String]) -> TestOutcome {
        switch ending {
        case .cancelled: return .cancelled
        case .timedOut: return .timedOut
        case .exited(0): return .passed
        case .exited(let status):
            if isPytest(command) {
                return status == 1 ? .failed : status == 5 ? .skipped : .errored
            }
            return status >= 126 ? .errored : .failed
        }
    }
}

