import MLEReviewCore

/// A form over the screen: fields of text, multi-line text or a choice. Its keys are the form,
/// choice and text scopes' bindings (see `FormOverlay`); what it saves is decided by its kind.
public struct Form: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A new finding, or the finding with this id.
        case finding(editing: String?)
        case testRun
        case override
        case export
        /// Why the recorded run with this id failed acceptably.
        case explainRun(String)
        /// A note (and a state) for these checklist items: one item, or a section's undecided
        /// ones; with each item's note as the form found it (saved only over that).
        case itemNote(items: [String], bases: [String?])
    }

    public struct Field: Equatable, Sendable {
        public enum Input: Equatable, Sendable {
            case text(TextEditor)
            case choice(options: [String], selected: Int)
        }
        public var name: String
        public var label: String
        public var input: Input

        public var value: String {
            switch input {
            case .text(let e): return e.text
            case .choice(let options, let selected): return options.isEmpty ? "" : options[selected]
            }
        }

        public var isMultiline: Bool { if case .text(let e) = input { return e.multiline }; return false }
        public var isChoice: Bool { if case .choice = input { return true }; return false }
    }

    public var kind: Kind
    public var title: String
    public var fields: [Field]
    public var focus = 0
    /// Typing to find an option of the focused choice: the text so far, and the option selected
    /// before (Esc goes back to it).
    public var choiceSearch: ChoiceSearch?

    public struct ChoiceSearch: Equatable, Sendable {
        public var editor = TextEditor("", multiline: false)
        public var before: Int
    }
    public var dirty = false
    /// A validation message shown in the form.
    public var error: String?

    public func value(_ name: String) -> String { fields.first { $0.name == name }?.value ?? "" }

    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

    /// A save refused: the message, and focus on the field at fault, so that what is typed next
    /// mends it instead of landing in whatever field had focus.
    public mutating func fail(_ message: String, at field: String) {
        error = message
        if let i = index(of: field) { focus = i; choiceSearch = nil }
    }

    public static func text(_ name: String, _ label: String, _ value: String = "", multiline: Bool = false) -> Field {
        Field(name: name, label: label, input: .text(TextEditor(value, multiline: multiline)))
    }

    public static func choice(_ name: String, _ label: String, _ options: [String], selected: Int = 0) -> Field {
        Field(name: name, label: label, input: .choice(options: options, selected: max(0, min(selected, options.count - 1))))
    }

    /// The fields as `name=value` lines: what a draft keeps.
    public var draftText: String {
        fields.map { "\($0.name)\u{1F}\($0.value)" }.joined(separator: "\u{1E}")
    }

    /// A draft with a record no field holds (the version an edit started from, the notes a note
    /// form found): `restore` passes over it, `record(_:in:)` reads it back.
    public static func draft(_ text: String, adding name: String, _ value: String) -> String {
        text + "\u{1E}" + name + "\u{1F}" + value
    }

    public static func record(_ name: String, in draft: String) -> Substring? {
        draft.split(separator: "\u{1E}").last { $0.hasPrefix(name + "\u{1F}") }.map { $0.dropFirst(name.count + 1) }
    }

    /// Puts a draft's values back into matching fields.
    public mutating func restore(draft: String) {
        for record in draft.split(separator: "\u{1E}", omittingEmptySubsequences: false) {
            let parts = record.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let i = index(of: String(parts[0])) else { continue }
            switch fields[i].input {
            case .text(let e): fields[i].input = .text(TextEditor(String(parts[1]), multiline: e.multiline))
            case .choice(let options, _):
                if let s = options.firstIndex(of: String(parts[1])) { fields[i].input = .choice(options: options, selected: s) }
            }
        }
        dirty = true
    }
}
