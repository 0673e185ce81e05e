import MLEReviewCore

/// Keys become actions through the keymap, and only through it: the scopes a key is looked up
/// in follow what has the keys (the top overlay, the prompt, or the focused pane over the
/// global scope), the first binding whose action is available wins, and an unavailable one
/// says why. Unbound printable characters are typed where text is typed.
extension Workbench {
    /// The scopes asked for a key, most specific first.
    public var activeScopes: [Scope] {
        if let o = overlay {
            switch o {
            case .help: return helpFilter?.typing == true ? [.helpFilter, .text] : [.help]
            case .verdict: return [.verdict]
            case .confirm: return [.confirm]
            case .dismissal: return [.dismissal]
            case .carryForward: return [.carryForward]
            case .conflict: return [.conflict]
            // On the command line, text comes first: letters are typed, not checks' keys.
            case .checks: return checksPanel.map { $0.cursor == $0.commandRow } == true ? [.text, .checks] : [.checks]
            case .runOutput: return [.runOutput]
            case .finding: return [.findingDetail]
            case .sinceReview: return [.sinceReview]
            case .commits: return [.commits]
            case .form(let f): return f.choiceSearch != nil ? [.choiceSearch, .text] : f.fields[f.focus].isChoice ? [.form, .choice] : [.form, .text]
            }
        }
        if prompt != nil { return [.prompt, .text] }
        return [focus.scope, .global]
    }

    /// Applies one key. Returns what must be made durable, in order.
    public mutating func handle(_ key: Key) -> [Effect] {
        if key == .resize { return [] }
        // Too small to draw, the screen says only "press q to quit": no other key may act unseen
        // (q went into an open form's title).
        if layout.tooSmall {
            guard let b = keymap.candidates(for: key, in: [.global]).first(where: { $0.action == .quit || $0.action == .interrupt }) else { return [] }
            // A question could not be seen: changes the store refused are kept as a draft, as
            // `y` to the question would.
            return b.action == .interrupt ? [.interrupt] : unsaved.isEmpty ? [.quit] : [.keepUnsaved, .quit]
        }
        // Escape typed quickly before a key arrives as Alt+key: unless Alt+key is bound, it is both.
        if case .alt(let c) = key, keymap.candidates(for: key, in: activeScopes).isEmpty { return handle(.escape) + handle(.char(c)) }
        message = nil
        lastAction = nil
        switch key {
        case .mouseClick, .wheel:
            if overlay == nil && prompt == nil { stopFollowing(); pointer(key) }
            return []
        default: break
        }
        var refusal: String?
        let scopes = activeScopes
        if scopes.first == .text, case .char(let c) = key, keymap.candidates(for: key, in: [.text]).isEmpty { return typeText(String(c)) }
        for b in keymap.candidates(for: key, in: scopes) {
            if let reason = whyUnavailable(b.action, in: b.scope) {
                refusal = refusal ?? reason
                continue
            }
            lastAction = b.action
            if b.scope == .global || b.scope.pane != nil, !b.action.keepsFollowing { stopFollowing() }
            return perform(b.action, in: b.scope)
        }
        if case .char(let c) = key, activeScopes.contains(.text) { return typeText(String(c)) }
        if case .char(let c) = key, activeScopes.contains(.choice) { return findOption(startingWith: c) }
        // Typing on a check's row goes to the command line: the letters were dropped, and Enter
        // then ran the suggested check instead of the command just typed.
        if refusal == nil, case .char(let c) = key, case .checks = overlay, var panel = checksPanel, !panel.readOnly, let row = panel.commandRow {
            panel.cursor = row
            checksPanel = panel
            return typeText(String(c))
        }
        if let refusal { say(refusal, error: true) }
        return []
    }

    /// The component of the scope carries the action out.
    mutating func perform(_ action: Action, in scope: Scope) -> [Effect] {
        switch scope {
        case .global: return GlobalActions.perform(action, on: &self)
        case .files: return FilesPane.perform(action, on: &self)
        case .diff: return DiffPane.perform(action, on: &self)
        case .checklist: return ChecklistPane.perform(action, on: &self)
        case .findings: return FindingsPane.perform(action, on: &self)
        case _ where action == .interrupt: return [.interrupt]
        case .help, .helpFilter: return HelpOverlay.perform(action, on: &self)
        case .verdict: return VerdictOverlay.perform(action, on: &self)
        case .findingDetail: return FindingDetailOverlay.perform(action, on: &self)
        case .sinceReview: return SinceReviewOverlay.perform(action, on: &self)
        case .commits: return CommitsOverlay.perform(action, on: &self)
        case .confirm: return ConfirmOverlay.perform(action, on: &self)
        case .dismissal: return DismissalOverlay.perform(action, on: &self)
        case .carryForward: return CarryForwardOverlay.perform(action, on: &self)
        case .conflict: return ConflictOverlay.perform(action, on: &self)
        case .checks: return ChecksOverlay.perform(action, on: &self)
        case .runOutput: return RunOutputOverlay.perform(action, on: &self)
        case .form, .choice: return FormOverlay.perform(action, on: &self)
        case .choiceSearch: return ChoiceSearch.perform(action, on: &self)
        case .prompt: return PromptLine.perform(action, on: &self)
        case .text: return editText { $0.apply(action) }
        case .auditLog: return []
        }
    }

    mutating func stopFollowing() {
        guard following != nil else { return }
        following = nil
        say("stopped following")
    }

    /// The text being typed (a form field, the prompt, the checks' command line), edited.
    mutating func editText(_ edit: (inout TextEditor) -> Bool) -> [Effect] {
        if case .form(let form) = overlay, var search = form.choiceSearch {
            guard edit(&search.editor) else { return [] }
            return ChoiceSearch.find(search, on: &self)
        }
        if case .form(var form) = overlay, case .text(var editor) = form.fields[form.focus].input {
            let before = form.draftText
            guard edit(&editor) else { return [] }
            form.fields[form.focus].input = .text(editor)
            form.dirty = true
            form.error = nil
            replace(with: .form(form))
            return formChanged(form, before: before)
        }
        if case .help = overlay, var filter = helpFilter, filter.typing {
            guard edit(&filter.editor) else { return [] }
            helpFilter = filter
            replace(with: .help(scroll: 0))
            return []
        }
        if case .checks = overlay, var panel = checksPanel {
            _ = edit(&panel.editor)
            panel.error = nil
            checksPanel = panel
            return []
        }
        if var p = prompt {
            guard edit(&p.editor) else { return [] }
            p.historyIndex = nil
            prompt = p
            switch p.kind {
            case .fileFilter: applyFileFilter(p.editor.text)
            case .search: searchAsTyped()
            case .goTo: break
            }
        }
        return []
    }

    mutating func typeText(_ text: String) -> [Effect] {
        editText { e in
            for c in text { e.insert(c) }
            return true
        }
    }
}
