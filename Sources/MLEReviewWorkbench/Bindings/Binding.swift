/// A key binding: in a scope, these keys do this action. `label` is the word the footer and
/// the status line show (nil: only the help lists it); `help` is the help's sentence.
public struct Binding: Sendable, Equatable {
    public var action: Action
    public var scope: Scope
    public var keys: [Key]
    public var label: String?
    public var help: String

    public init(_ action: Action, _ scope: Scope, _ keys: [Key], _ help: String, label: String? = nil) {
        self.action = action
        self.scope = scope
        self.keys = keys
        self.help = help
        self.label = label
    }

    /// How help and footers write the keys: `j ↓`.
    public var keyText: String { keys.map(\.description).joined(separator: " ") }
}
