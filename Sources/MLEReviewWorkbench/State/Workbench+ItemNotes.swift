import MLEReviewCore

/// Why an item passes, fails or does not apply, in the reviewer's words (`e` in the checklist):
/// the form, its save, and two reviewers writing one note at once.
extension Workbench {
    /// The note form: on an item, its state and note; on a section, one state and note for
    /// every undecided item (the lead reading "n/a" wants to know why).
    mutating func openItemNoteForm() {
        let items: [ChecklistItem], title: String, states: [ItemState], current: ItemState
        if let s = focusedSection {
            let section = checklist.sections[s]
            items = section.items.filter { !review.state(of: $0.id).isDecided }
            guard !items.isEmpty else {
                say("every item of \(section.title) is decided already: \(keymap.key(.noteItem, in: .checklist)) on an item writes its note", error: true)
                return
            }
            title = "\(items.count) undecided item\(items.count == 1 ? "" : "s") of \(section.title)"
            (states, current) = ([.notApplicable, .pass, .fail], .notApplicable)
        } else if let item = focusedItem {
            items = [item]
            title = "Note: \(itemLabel(item.id))"
            (states, current) = (Self.itemStates, review.state(of: item.id))
        } else { return }
        let note = items.count == 1 ? review.items[items[0].id]?.note ?? "" : ""
        open(.form(Self.noteForm(items: items.map(\.id), bases: items.map { review.items[$0.id]?.note }, title: title,
                                 states: states, state: current, note: note)))
    }

    /// An item's states, in the order the form offers them.
    static let itemStates: [ItemState] = [.unchecked, .pass, .fail, .notApplicable]

    static func noteForm(items: [String], bases: [String?], title: String, states: [ItemState], state: ItemState, note: String) -> Form {
        var form = Form(kind: .itemNote(items: items, bases: bases), title: title, fields: [
            Form.choice("state", "State", states.map(\.rawValue), selected: states.firstIndex(of: state) ?? 0),
            Form.text("note", "Note", note, multiline: true),
        ])
        form.focus = 1
        return form
    }

    /// Saves the note form: each item gets the state and the note (an empty note removes it).
    mutating func saveItemNote(_ form: Form, items ids: [String], bases: [String?]) -> [Effect] {
        let state = ItemState(rawValue: form.value("state")) ?? .unchecked
        let note = form.value("note").trimmingSpaces()
        let items = ids.compactMap { checklist.item($0) }
        close()
        let mark = ItemMark(state: state, note: note.isEmpty ? nil : note, setBy: reviewer?.name)
        let effects = zip(ids, bases).map { id, base -> Effect in
            review.items[id] = state == .unchecked && note.isEmpty ? nil : mark
            return .saveItemNote(id: id, mark: mark, base: base)
        }
        let caveats = state == .pass ? items.map(passCaveat).joined() : ""
        let what = items.count == 1 ? items[0].title : "\(items.count) items"
        if state == .unchecked {
            say("\(what): " + (note.isEmpty ? "undecided, no note" : "note saved; still undecided"))
        } else {
            say("\(what): \(state.rawValue)" + (note.isEmpty ? ", no note" : " with a note") + caveats)
        }
        return effects
    }

    /// Someone else changed the note while this reviewer wrote theirs: nothing of theirs was
    /// written (the item is shown as the store has it, `stored`), and the form comes back with
    /// both texts to merge (Esc keeps the other's).
    mutating func noteConflict(item id: String, mine: ItemMark, theirs: ReviewStore.NoteConflict, stored: ItemMark?) {
        guard let item = checklist.item(id) else { return }
        review.items[id] = stored
        let merged = [theirs.note, mine.note ?? ""].filter { !$0.isEmpty }.joined(separator: "\n\n")
        var form = Self.noteForm(items: [id], bases: [theirs.note.isEmpty ? nil : theirs.note], title: "Note: \(itemLabel(item.id))",
                                 states: Self.itemStates, state: mine.state, note: merged)
        form.dirty = true
        let who = theirs.by ?? "someone"
        form.error = theirs.note.isEmpty ? "\(who) removed this note while you wrote yours: yours is below, not saved yet"
            : "\(who) changed this note while you wrote yours: theirs, then yours, below; not saved yet (Esc keeps theirs)"
        open(.form(form))
        say("not saved: \(who) changed the note on \(item.title) meanwhile", error: true)
    }
}
