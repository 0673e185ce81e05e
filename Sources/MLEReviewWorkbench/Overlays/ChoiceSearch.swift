/// `/` on a form's choice: type part of an option to select it, as a picker does. Cycling the
/// checklist-item choice (55 items, a letter jumping by section only) took dozens of keys to
/// reach an item; letters that move a choice (h j k l, space) are typed here.
enum ChoiceSearch {
    static func perform(_ action: Action, on wb: inout Workbench) -> [Effect] {
        guard case .form(var form) = wb.overlay, let search = form.choiceSearch,
              case .choice(let options, let selected) = form.fields[form.focus].input else { return [] }
        if [.save, .accept, .nextField].contains(action), isUnmatched(form) {
            // Text that names no option (an issue typed one Tab too early, say) is not dropped
            // for the option selected before: the reviewer says which they meant.
            let label = form.fields[form.focus].label
            form.error = "\(label): no option has “\(Fit.keepStart(search.editor.text, 40))”: "
                + "⌫ edits it, Esc goes back to \(Fit.keepStart(options.indices.contains(search.before) ? options[search.before] : "", 30))"
            wb.replace(with: .form(form))
            return []
        }
        switch action {
        case .save:
            form.choiceSearch = nil
            wb.replace(with: .form(form))
            return wb.save(form)
        case .accept, .nextField:
            form.choiceSearch = nil
            if action == .nextField { form.focus = (form.focus + 1) % form.fields.count }
            wb.replace(with: .form(form))
            return []
        case .cancel:
            form.choiceSearch = nil
            form.fields[form.focus].input = .choice(options: options, selected: search.before)
            let before = form.draftText
            wb.replace(with: .form(form))
            return wb.formChanged(form, before: before)
        case .nextChoice, .previousChoice:
            let forward = action == .nextChoice
            let query = search.editor.text
            guard let i = match(query, in: options, from: (selected + (forward ? 1 : options.count - 1)) % options.count, forward: forward) else { return [] }
            return select(i, in: &form, on: &wb)
        default:
            return []
        }
    }

    /// Starts a search on the focused choice.
    static func start(on wb: inout Workbench) -> [Effect] {
        guard case .form(var form) = wb.overlay, case .choice(_, let selected) = form.fields[form.focus].input else { return [] }
        form.choiceSearch = Form.ChoiceSearch(before: selected)
        wb.replace(with: .form(form))
        return []
    }

    /// The typed text changed: the first option from the one selected before that has it.
    static func find(_ search: Form.ChoiceSearch, on wb: inout Workbench) -> [Effect] {
        guard case .form(var form) = wb.overlay, case .choice(let options, _) = form.fields[form.focus].input else { return [] }
        form.choiceSearch = search
        form.error = nil
        // Text that matches nothing leaves the choice as it was before the search: the field
        // shows what a save would keep, not the last option an earlier letter matched.
        return select(match(search.editor.text, in: options, from: search.before, forward: true) ?? search.before, in: &form, on: &wb)
    }

    static func select(_ i: Int, in form: inout Form, on wb: inout Workbench) -> [Effect] {
        guard case .choice(let options, let selected) = form.fields[form.focus].input else { return [] }
        let before = form.draftText
        if i != selected { form.dirty = true }
        form.fields[form.focus].input = .choice(options: options, selected: i)
        wb.replace(with: .form(form))
        return wb.formChanged(form, before: before)
    }

    /// The first option, going round from `from`, that has every word of the query (in any
    /// case, anywhere in it); nil when none has.
    static func match(_ query: String, in options: [String], from: Int, forward: Bool) -> Int? {
        let words = query.lowercased().split(separator: " ")
        guard !options.isEmpty else { return nil }
        if words.isEmpty { return from }
        for k in 0..<options.count {
            let i = forward ? (from + k) % options.count : (from - k + options.count) % options.count
            let option = options[i].lowercased()
            if words.allSatisfy({ option.contains($0) }) { return i }
        }
        return nil
    }

    /// Whether the typed text names no option (the field then says so).
    static func isUnmatched(_ form: Form) -> Bool {
        guard let search = form.choiceSearch, case .choice(let options, _) = form.fields[form.focus].input else { return false }
        return match(search.editor.text, in: options, from: 0, forward: true) == nil
    }
}
