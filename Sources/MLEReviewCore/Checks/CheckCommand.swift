import Foundation
import TOMLKit

/// A check that can be run for a review, and where it came from. Commands from the reviewed
/// head's own config are not trusted until the reviewer confirms them once (like `direnv allow`):
/// a pull request must not choose what runs on the reviewer's machine.
public struct CheckCommand: Sendable, Equatable {
    public enum Source: String, Sendable, Equatable {
        /// Worked out from the change (pytest on touched tests, ruff and mypy where configured).
        case suggested
        /// The team's `.mle-review/config.toml` on the base side of the range.
        case team
        /// The user's own `$XDG_CONFIG_HOME/mle-review/config.toml`.
        case user
        /// The reviewed head's config, where it differs from the base's: run only once trusted.
        case head
    }
    public var name: String
    public var arguments: [String]
    public var timeout: Double?
    public var source: Source

    public init(name: String, arguments: [String], timeout: Double? = nil, source: Source) {
        self.name = name
        self.arguments = arguments
        self.timeout = timeout
        self.source = source
    }

    /// The command as one line, quoted where a word needs it.
    public var line: String { arguments.map(Shell.quote).joined(separator: " ") }

    /// What trust is remembered by: the command itself, so a changed command asks again.
    public var trustKey: String { Hashing.sha256Hex(Array((name + "\u{0}" + arguments.joined(separator: "\u{0}")).utf8)) }
}

/// Commands as words: a config may give one as a string (`pytest -q tests`) or a list.
public enum Shell {
    public static func quote(_ word: String) -> String {
        guard word.isEmpty || word.contains(where: { " \t\n'\"\\$`;&|<>()*?[]{}!#~".contains($0) }) else { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Splits like a shell does for words and quotes, without expanding anything.
    public static func words(_ line: String) throws(InputError) -> [String] {
        var words: [String] = [], current = "", inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped { current.append(c); escaped = false; inWord = true; continue }
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaped = true } else { current.append(c) }
                continue
            }
            switch c {
            case "\\": escaped = true; inWord = true
            case "'", "\"": quote = c; inWord = true
            case " ", "\t", "\n": if inWord { words.append(current); current = ""; inWord = false }
            default: current.append(c); inWord = true
            }
        }
        if quote != nil || escaped { throw InputError("unbalanced quote in command: \(line)") }
        if inWord { words.append(current) }
        return words
    }
}

/// `[checks.NAME]` tables of a config file: `command` (a string or a list of words), `paths`
/// (globs; the check is offered when the change touches one), `timeout` (seconds).
public enum CheckConfig {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var arguments: [String]
        public var paths: [String]
        public var timeout: Double?
    }

    public static func parse(_ text: String, name file: String) throws(InputError) -> [Entry] {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch { throw InputError("\(file): not valid TOML (\(error))") }
        guard let checks = table["checks"] else { return [] }
        guard let checksTable = checks.table else { throw InputError("\(file): 'checks' must be a table of [checks.NAME] tables") }
        var out: [Entry] = []
        for name in checksTable.keys.sorted() {
            guard let spec = checksTable[name]?.table else { throw InputError("\(file): checks.\(name): expected a table with a command") }
            let arguments: [String]
            if let line = spec["command"]?.string {
                do throws(InputError) {
                    arguments = try Shell.words(line)
                } catch {
                    throw InputError("\(file): checks.\(name).command: \(error.message)")
                }
            } else if let list = spec["command"]?.array {
                arguments = list.compactMap { $0.string }
            } else {
                throw InputError("\(file): checks.\(name).command: expected a string or a list of words")
            }
            guard !arguments.isEmpty else { throw InputError("\(file): checks.\(name).command is empty") }
            let paths = spec["paths"]?.array?.compactMap { $0.string } ?? []
            var timeout: Double?
            if let t = spec["timeout"] {
                guard let seconds = t.int.map(Double.init) ?? t.double, seconds > 0 else {
                    throw InputError("\(file): checks.\(name).timeout: expected seconds, a number above 0")
                }
                timeout = seconds
            }
            for key in spec.keys where !["command", "paths", "timeout"].contains(key) {
                throw InputError("\(file): checks.\(name).\(key): unknown key (expected command, paths, timeout)")
            }
            out.append(Entry(name: name, arguments: arguments, paths: paths, timeout: timeout))
        }
        return out
    }
}
