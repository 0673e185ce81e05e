import Foundation
import MLEReviewCore

/// What a form holds while it is typed is kept in the store's drafts, so that a closed terminal,
/// a crash or a store that refused it at quit loses none of it: a new finding (its own key), an
/// edit of a finding (by its id), and the other forms (a test run, an override's justification,
/// a note on checklist items, a failed run's explanation). Each comes back when the same form is
/// opened again. Before, only new findings were kept: minutes spent on a finding's issue or on
/// why an item passes went with the terminal.
extension Workbench {
    static let formDraftPrefix = "form-"

    /// `:Ada`: what makes a draft key its reviewer's own (nothing when there is no reviewer).
    static func draftOwner(_ reviewer: Reviewer?) -> String { reviewer.map { ":" + $0.name } ?? "" }

    /// The key the other forms' text is kept under; nil for a finding's form (kept apart, below)
    /// and the export form (a file name, made again each time).
    func formDraftKey(_ kind: Form.Kind) -> String? {
        let mine = Self.draftOwner(reviewer)
        switch kind {
        case .finding, .export: return nil
        case .testRun: return "form-test-run" + mine
        case .override: return "form-override" + mine
        case .explainRun(let run): return "form-explain-\(run)" + mine
        case .itemNote(let items, _):
            // A section's note is for its undecided items, which change as they are decided:
            // it is kept by the section, so it comes back to the section's note whatever is left.
            guard items.count > 1 else { return "form-note-\(items.first ?? "")" + mine }
            return "form-note-section-\(items.first.flatMap { checklist.section(ofItem: $0)?.id } ?? "")" + mine
        }
    }

    /// A form being opened, with what was typed in it when the workbench last stopped.
    mutating func withKeptDraft(_ form: Form) -> Form {
        guard let key = formDraftKey(form.kind), let draft = formDrafts[key] else { return form }
        var form = form
        form.restore(draft: draft)
        // A note saves only over the note its form found, as it found it before the crash: a
        // pair's note written since is asked about, not overwritten.
        if case .itemNote(let items, _) = form.kind, let kept = Self.keptBases(draft), kept.count == items.count {
            form.kind = .itemNote(items: items, bases: kept)
        }
        say("restored what you were typing here when the workbench last stopped (Esc discards it)")
        return form
    }

    /// The form's text changed: kept as it is now.
    mutating func keepFormDraft(_ form: Form) -> [Effect] {
        guard let key = formDraftKey(form.kind) else { return [] }
        var text = form.draftText
        if case .itemNote(_, let bases) = form.kind,
           let json = try? JSONSerialization.data(withJSONObject: bases.map { $0 ?? NSNull() as Any }) {
            text = Form.draft(text, adding: "bases", String(decoding: json, as: UTF8.self))
        }
        formDrafts[key] = text
        return [.saveDraft(key: key, body: text)]
    }

    /// The notes an item-note form found, as its draft kept them.
    static func keptBases(_ draft: String) -> [String?]? {
        guard let record = Form.record("bases", in: draft),
              let list = try? JSONSerialization.jsonObject(with: Data(record.utf8)) as? [Any] else { return nil }
        return list.map { $0 as? String }
    }

    /// The form was saved or discarded: its draft goes.
    mutating func dropFormDraft(_ kind: Form.Kind) -> [Effect] {
        guard let key = formDraftKey(kind), formDrafts.removeValue(forKey: key) != nil else { return [] }
        return [.saveDraft(key: key, body: nil)]
    }

    static let editDraftPrefix = ReviewStore.findingEditDraftPrefix

    /// One draft per finding and reviewer: in a pair, each one's edit comes back to them.
    static func editDraftKey(_ findingID: String, reviewer: Reviewer?) -> String {
        editDraftPrefix + findingID + draftOwner(reviewer)
    }
    func editDraftKey(_ findingID: String) -> String { Self.editDraftKey(findingID, reviewer: reviewer) }

    /// The finding a stored draft's key is an edit of, when the draft is this reviewer's.
    static func editedFinding(inKey key: String, reviewer: Reviewer?) -> String? {
        guard key.hasPrefix(editDraftPrefix) else { return nil }
        let rest = key.dropFirst(editDraftPrefix.count)
        let id = rest.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return key == editDraftKey(id, reviewer: reviewer) ? id : nil
    }

    /// The form's text and the version of the finding it started from: restored later, a save
    /// still notices that someone else saved the finding in between.
    static func editDraft(_ draftText: String, base: Date?) -> String {
        Form.draft(draftText, adding: "base", String(base?.timeIntervalSince1970 ?? 0))
    }

    static func editDraftBase(_ draft: String) -> Date? {
        guard let record = Form.record("base", in: draft), let seconds = Double(record), seconds > 0 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// Puts a kept edit back into the form just opened on its finding.
    mutating func restoreEditDraft(_ form: inout Form, of finding: Finding) {
        guard let draft = editDrafts[finding.id] else { return }
        form.restore(draft: draft)
        editBase = Self.editDraftBase(draft) ?? editBase
        say("restored your unsaved edit of this finding (Esc discards it)")
    }

    /// The edit being typed changed: kept as it is now.
    mutating func keepEditDraft(_ form: Form, of findingID: String) -> [Effect] {
        let text = Self.editDraft(form.draftText, base: editBase)
        editDrafts[findingID] = text
        return [.saveDraft(key: editDraftKey(findingID), body: text)]
    }

    /// The edit was saved or discarded: its draft goes.
    mutating func dropEditDraft(_ findingID: String) -> [Effect] {
        guard editDrafts.removeValue(forKey: findingID) != nil else { return [] }
        return [.saveDraft(key: editDraftKey(findingID), body: nil)]
    }

    /// What opening the review says of drafts kept from last time, or nil.
    var keptDraftsNote: String? {
        var kept: [String] = []
        if pendingDraft != nil { kept.append("your new finding (c brings it back)") }
        let edited = review.findings.filter { editDrafts[$0.id] != nil }
        if edited.count == 1, let f = edited.first { kept.append("your edit of “\(Fit.keepStart(f.title, 30))” (e on it in Findings)") }
        if edited.count > 1 { kept.append("your edits of \(edited.count) findings (e on each in Findings)") }
        let mine = Self.draftOwner(reviewer)
        for key in formDrafts.keys.sorted() where key.hasSuffix(mine) && (!mine.isEmpty || !key.contains(":")) {
            if key.hasPrefix("form-test-run") { kept.append("your test run (\(keymap.key(.addTestRun)))") }
            else if key.hasPrefix("form-override") { kept.append("your override (\(keymap.key(.verdict)), then \(keymap.key(.override, in: .verdict)))") }
            else if key.hasPrefix("form-explain-") { kept.append("your explanation of a failed run") }
            else if key.hasPrefix("form-note-") { kept.append("your note on a checklist item") }
        }
        return kept.isEmpty ? nil : "unsaved from last time: " + kept.joined(separator: " and ")
    }
}
