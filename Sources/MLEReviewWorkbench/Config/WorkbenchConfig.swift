import Foundation
import MLEReviewCore
import TOMLKit

/// The reviewer's keys and view defaults: `[keys]` and `[view]` of the team's
/// `.mle-review/config.toml` (read from the base side) and then the user's
/// `$XDG_CONFIG_HOME/mle-review/config.toml`, which wins. Other tables (`[checks]`) belong to
/// others and are left alone.
public struct WorkbenchConfig: Sendable, Equatable {
    public var keymap = Keymap.standard
    public var view = ViewDefaults()

    public struct ViewDefaults: Sendable, Equatable {
        public var sideBySide = false
        public var wrap = false
        public var syntaxColour = true
        /// Lines each `+` adds above and below a hunk.
        public var contextLines = 10
        public var theme: String?
        public var mouse = true
        /// The file list as a tree of folders from the start (`` ` `` toggles it).
        public var fileTree = false
        public init() {}
    }

    public init() {}

    /// The user's file over the team's; a missing file is no change.
    public static func load(team: (text: String, name: String)?, userFile: String?) throws(InputError) -> WorkbenchConfig {
        var config = WorkbenchConfig()
        if let team { try config.apply(team.text, name: team.name) }
        if let userFile, FileManager.default.fileExists(atPath: userFile) {
            let bytes = try ByteInput.read(path: userFile, what: "a config", limit: 1_000_000)
            guard let text = String(validating: bytes, as: UTF8.self) else { throw InputError("\(userFile): not valid UTF-8") }
            try config.apply(text, name: userFile)
        }
        return config
    }

    /// What is in force for a review of `source` here: the team's file from the side of it the
    /// change cannot have edited (see `TeamConfig`), then the user's.
    public static func load(for source: ReviewSource?, repository: GitRepository = GitRepository()) throws(InputError) -> WorkbenchConfig {
        try load(team: TeamConfig.read(for: source, repository: repository), userFile: TeamConfig.userFile())
    }

    /// Applies one file's `[keys]` and `[view]`; any mistake is one line naming the file and key.
    public mutating func apply(_ text: String, name file: String) throws(InputError) {
        let table = try TOMLText.table(text, name: file)
        if let keys = table["keys"] {
            guard let keys = keys.table else { throw InputError("\(file): keys: expected a table ([keys] or [keys.SCOPE])") }
            try applyKeys(keys, file: file)
        }
        if let view = table["view"] {
            guard let view = view.table else { throw InputError("\(file): view: expected a table") }
            try applyView(view, file: file)
        }
    }

    mutating func applyKeys(_ keys: TOMLTable, file: String) throws(InputError) {
        // `[keys] action = …` first (every scope that has the action), then `[keys.SCOPE]`.
        for name in keys.keys.sorted() where keys[name]?.table == nil {
            guard let action = Action.named(name) else { throw InputError("\(file): keys.\(name): no such action (mle-review config --dump lists them)") }
            let list = try Self.keyList(keys[name]!, file: file, at: "keys.\(name)")
            let scopes = Scope.allCases.filter { keymap.has(action, in: $0) }
            guard !scopes.isEmpty else { throw InputError("\(file): keys.\(name): the action has no key in any scope") }
            for s in scopes { keymap.rebind(action, in: s, to: list) }
        }
        for name in keys.keys.sorted() {
            guard let scopeTable = keys[name]?.table else { continue }
            guard let scope = Scope.named(name) else {
                throw InputError("\(file): keys.\(name): no such scope (expected \(Scope.allCases.map(\.configName).joined(separator: ", ")))")
            }
            for actionName in scopeTable.keys.sorted() {
                let at = "keys.\(name).\(actionName)"
                guard let action = Action.named(actionName) else { throw InputError("\(file): \(at): no such action (mle-review config --dump lists them)") }
                guard keymap.has(action, in: scope) else {
                    let home = Scope.allCases.filter { keymap.has(action, in: $0) }.map(\.configName)
                    throw InputError("\(file): \(at): \(actionName) is not an action of \(name)" + (home.isEmpty ? "" : " (it is one of \(home.joined(separator: ", ")))"))
                }
                keymap.rebind(action, in: scope, to: try Self.keyList(scopeTable[actionName]!, file: file, at: at))
            }
        }
    }

    /// A key name or a list of them (`[]` unbinds). Any key the terminal sends: `ж`, `Ctrl-E`, `Alt-x`, `PgDn`.
    static func keyList(_ value: TOMLValueConvertible, file: String, at: String) throws(InputError) -> [Key] {
        let names: [String]
        if let s = value.string { names = [s] }
        else if let a = value.array {
            var out: [String] = []
            for v in a {
                guard let s = v.string else { throw InputError("\(file): \(at): expected key names as strings") }
                out.append(s)
            }
            names = out
        } else {
            throw InputError("\(file): \(at): expected a key name or a list of key names")
        }
        var keys: [Key] = []
        for n in names {
            guard let k = Key.parse(n) else {
                throw InputError("\(file): \(at): '\(n)' is not a key (a character, Ctrl-X, Alt-x, Enter, Tab, Esc, Space, Up, PgDn, Home, End…)")
            }
            keys.append(k)
        }
        return keys
    }

    mutating func applyView(_ view: TOMLTable, file: String) throws(InputError) {
        func bool(_ key: String) throws(InputError) -> Bool? {
            guard let v = view[key] else { return nil }
            guard let b = v.bool else { throw InputError("\(file): view.\(key): expected true or false") }
            return b
        }
        let known = ["side-by-side", "wrap", "syntax-colour", "context-lines", "theme", "mouse", "file-tree"]
        for key in view.keys where !known.contains(key) {
            throw InputError("\(file): view.\(key): unknown setting (expected \(known.joined(separator: ", ")))")
        }
        if let b = try bool("side-by-side") { self.view.sideBySide = b }
        if let b = try bool("wrap") { self.view.wrap = b }
        if let b = try bool("syntax-colour") { self.view.syntaxColour = b }
        if let b = try bool("mouse") { self.view.mouse = b }
        if let b = try bool("file-tree") { self.view.fileTree = b }
        if let v = view["context-lines"] {
            guard let n = v.int, (1...1000).contains(n) else { throw InputError("\(file): view.context-lines: expected a number from 1 to 1000") }
            self.view.contextLines = n
        }
        if let v = view["theme"] {
            guard let name = v.string, !name.isEmpty else { throw InputError("\(file): view.theme: expected a theme name") }
            self.view.theme = name
        }
    }

    /// The whole default configuration, every action of every scope with its keys: what
    /// `mle-review config --dump` prints, and valid as a config file itself.
    public static func dump(_ keymap: Keymap = .standard, view: ViewDefaults = ViewDefaults()) -> String {
        var out = """
        # mle-review configuration: $XDG_CONFIG_HOME/mle-review/config.toml (yours) and
        # .mle-review/config.toml in the repository (the team's, read from the base side; yours wins).
        # Every action with its default keys; a key is any character the terminal sends, or
        # Ctrl-X, Alt-x, Enter, Tab, Shift-Tab, Esc, Space, Backspace, Delete, Up, Down, Left, Right,
        # PgUp, PgDn, Home, End. [] unbinds. `[keys] action = …` sets it in every scope it is in.

        [view]
        side-by-side = \(view.sideBySide)
        wrap = \(view.wrap)
        syntax-colour = \(view.syntaxColour)
        context-lines = \(view.contextLines)   # lines + shows above and below a hunk
        \(view.theme.map { "theme = \"\($0)\"" } ?? "# theme = \"default-dark\"")
        mouse = \(view.mouse)
        file-tree = \(view.fileTree)   # the file list as a tree of folders (` toggles it)

        """
        for scope in Scope.allCases {
            let bindings = keymap.bindings.filter { $0.scope == scope }
            guard !bindings.isEmpty else { continue }
            out += "\n[keys.\(scope.configName)]   # \(scope.title)\n"
            for b in bindings {
                let keys = b.keys.map { "\"\(configName($0).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"" }
                out += "\(b.action.configName) = [\(keys.joined(separator: ", "))]   # \(b.help)\n"
            }
        }
        return out
    }

    /// How a config file writes a key (the parser reads it back to the same key).
    static func configName(_ k: Key) -> String {
        switch k {
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        default: return k.description
        }
    }
}

extension Workbench {
    /// Takes the reviewer's keys and view defaults.
    public mutating func configure(_ config: WorkbenchConfig) {
        // The warnings said at opening name the help key: the reviewer's, once their keys are read.
        let saidWarnings = !messageLog.isEmpty && message != nil && message?.text == parseWarningsText
        keymap = config.keymap
        if saidWarnings, let text = parseWarningsText {
            message = Message(text: text, isError: true)
            messageLog[messageLog.count - 1] = message!
        }
        diffPane.sideBySide = config.view.sideBySide
        diffPane.wrap = config.view.wrap && !config.view.sideBySide
        diffPane.syntaxColour = config.view.syntaxColour
        contextStep = config.view.contextLines
        if filesPane.tree != config.view.fileTree {
            filesPane.tree = config.view.fileTree
            rebuildFileRows()
        }
        keepCursorsVisible()
    }
}
