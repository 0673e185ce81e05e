/// The bindings in force: the shipped ones with the user's and the team's changes applied.
/// Key handling, the help, the status-line hints and every footer read this one value.
public struct Keymap: Sendable, Equatable {
    public private(set) var bindings: [Binding]

    public init(bindings: [Binding] = Keymap.defaultBindings) {
        self.bindings = bindings
    }

    public static let standard = Keymap()

    /// The actions a key may mean, in the order the scopes are asked (the first available wins).
    public func candidates(for key: Key, in scopes: [Scope]) -> [Binding] {
        scopes.flatMap { s in bindings.filter { $0.scope == s && $0.keys.contains(key) } }
    }

    /// Whether a scope binds an action at all (a config may only remap what a scope has).
    public func has(_ action: Action, in scope: Scope) -> Bool { bindings.contains { $0.action == action && $0.scope == scope } }

    public func binding(_ action: Action, in scope: Scope) -> Binding? { bindings.first { $0.action == action && $0.scope == scope } }

    /// The first key of an action in a scope, as help writes it (for messages: "press V").
    public func key(_ action: Action, in scope: Scope = .global) -> String {
        binding(action, in: scope)?.keys.first?.description ?? "(unbound)"
    }

    /// `key label` pairs of a scope that has labels, in table order; those `available` refuses are left out.
    public func footer(_ scopes: [Scope], available: (Action) -> Bool = { _ in true }) -> [(key: String, label: String)] {
        var seen: Set<Action> = []
        var out: [(key: String, label: String)] = []
        for s in scopes {
            for b in bindings where b.scope == s && b.label != nil && !b.keys.isEmpty && !seen.contains(b.action) && available(b.action) {
                seen.insert(b.action)
                out.append((b.keys[0].description, b.label!))
            }
        }
        return out
    }

    /// `Esc close · o override`: a footer as one line.
    public func footerText(_ scopes: [Scope], available: (Action) -> Bool = { _ in true }) -> String {
        footer(scopes, available: available).map { "\($0.key) \($0.label)" }.joined(separator: " · ")
    }

    /// Binds an action of a scope to these keys instead (no keys: unbound). A key taken from
    /// another action of the same scope leaves it, so one key never means two things.
    /// (Keys it already had keep sharing, as Esc does between stopping a run and going back.)
    public mutating func rebind(_ action: Action, in scope: Scope, to keys: [Key]) {
        let had = binding(action, in: scope)?.keys ?? []
        let added = keys.filter { !had.contains($0) }
        for i in bindings.indices where bindings[i].scope == scope && bindings[i].action != action {
            bindings[i].keys.removeAll { added.contains($0) }
        }
        if let i = bindings.firstIndex(where: { $0.action == action && $0.scope == scope }) { bindings[i].keys = keys }
    }
}

extension Keymap {
    /// The scopes the README's key table shows (help and `config --dump` show every scope).
    public static let readmeScopes: [Scope] = [.global, .files, .diff, .checklist, .findings, .verdict]

    /// A Markdown table of the bindings of some scopes: the README's key table is this, so it
    /// cannot drift from the keys the workbench reads.
    public func markdownTable(_ scopes: [Scope] = Keymap.readmeScopes) -> String {
        var out = "| where | keys | what |\n| --- | --- | --- |\n"
        for scope in scopes {
            for b in bindings where b.scope == scope && !b.keys.isEmpty {
                // A backtick key needs a longer fence: `` ` ``.
                let keys = b.keys.map { $0.description == "`" ? "`` ` ``" : "`\($0.description)`" }.joined(separator: " ")
                out += "| \(scope.title) | \(keys) | \(b.help.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
        return out
    }
}
