import MLEReviewCore

/// A form over the screen: fields of text, multi-line text or a choice. Tab / Shift-Tab move
/// between fields, Ctrl-S saves from any field, Esc cancels (asking first when something was
/// typed). What a form saves is decided by its kind.
public struct Form: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A new finding, or the finding with this id.
        case finding(editing: String?)
        case testRun
        case override
        case export
        /// Why the recorded run with this id failed acceptably.
        case explainRun(String)
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
    }

    public var kind: Kind
    public var title: String
    public var fields: [Field]
    public var focus = 0
    public var dirty = false
    /// Esc was pressed on a dirty form: the next Esc discards, any other key goes back to editing.
    public var confirmingCancel = false
    /// A validation message shown in the form.
    public var error: String?

    public func value(_ name: String) -> String { fields.first { $0.name == name }?.value ?? "" }

    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

    public static func text(_ name: String, _ label: String, _ value: String = "", multiline: Bool = false) -> Field {
        Field(name: name, label: label, input: .text(TextEditor(value, multiline: multiline)))
    }

    public static func choice(_ name: String, _ label: String, _ options: [String], selected: Int = 0) -> Field {
        Field(name: name, label: label, input: .choice(options: options, selected: max(0, min(selected, options.count - 1))))
    }

    public enum Outcome: Equatable { case editing, save, cancel }

    /// Handles a key; says whether to keep editing, save or cancel.
    public mutating func handle(_ key: Key) -> Outcome {
        if confirmingCancel {
            confirmingCancel = false
            if key == .escape || key == .char("y") || key == .ctrl("c") { return .cancel }
            return .editing
        }
        switch key {
        case .escape, .ctrl("c"):
            if dirty { confirmingCancel = true; return .editing }
            return .cancel
        case .ctrl("s"): return .save
        case .tab: focus = (focus + 1) % fields.count; return .editing
        case .backTab: focus = (focus + fields.count - 1) % fields.count; return .editing
        case .enter where !fields[focus].isMultiline:
            if focus == fields.count - 1 { return .save }
            focus += 1
            return .editing
        default: break
        }
        switch fields[focus].input {
        case .text(var editor):
            if editor.handle(key) {
                fields[focus].input = .text(editor)
                dirty = true
                error = nil
            }
        case .choice(let options, let selected):
            var s = selected
            switch key {
            case .right, .down, .char(" "), .char("l"), .char("j"): s = (selected + 1) % options.count
            case .left, .up, .char("h"), .char("k"): s = (selected + options.count - 1) % options.count
            case .pageDown: s = min(options.count - 1, selected + 10)
            case .pageUp: s = max(0, selected - 10)
            case .char(let c):
                // Typing jumps to the next option starting with that letter.
                let lower = Character(c.lowercased())
                if let i = (1...options.count).map({ (selected + $0) % options.count }).first(where: { options[$0].lowercased().first == lower }) { s = i }
            default: break
            }
            if s != selected { fields[focus].input = .choice(options: options, selected: s); dirty = true }
        }
        return .editing
    }

    /// The fields as `name=value` lines: what a draft keeps.
    public var draftText: String {
        fields.map { "\($0.name)\u{1F}\($0.value)" }.joined(separator: "\u{1E}")
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
