import Foundation
import MLEReviewCore

/// When the store refuses a write (a full disk, a damaged file): what the screen shows, what
/// waits to be retried, and what is kept when the reviewer leaves anyway.
extension ReviewSession {
    /// The store refused a change: nothing on screen may claim otherwise. The review goes back
    /// to what the store holds, the refused changes wait (Ctrl-R retries them; quitting asks and
    /// keeps them as a draft), and a new finding that was refused comes back in the form with c.
    func refused(_ pending: [Effect], _ error: InputError) {
        var waiting = workbench.unsaved
        for e in pending where e != .keepUnsaved {
            if case .export = e { continue }
            // A later draft replaces an earlier one; deleting a draft that could not be written is moot.
            if case .saveDraft(let key, let body) = e {
                waiting.removeAll { if case .saveDraft(key, _) = $0 { return true }; return false }
                if body == nil { continue }
            }
            waiting.append(e)
        }
        workbench.unsaved = waiting
        workbench.saveState = .failed(error.message)
        let isDraftOnly = pending.allSatisfy { if case .saveDraft = $0 { return true }; return false }
        if !isDraftOnly {
            if let fresh = try? store.load(workbench.review.id) {
                workbench.review = fresh
                workbench.clampFindingCursor()
            }
            for case .saveFinding(let f, nil) in pending { workbench.pendingDraft = workbench.draftText(of: f) }
        }
        // What the key said as it handed the write over ("saved …") is not true.
        if let mark = messagesBeforeKey { workbench.retractMessages(since: mark) }
        workbench.say("NOT SAVED: \(error.message) (Ctrl-R retries; q asks before leaving)", error: true)
    }

    /// The reviewer quits with changes the store refused: the finding being written goes into
    /// the store's drafts if it takes them now, else everything pending is written, in the
    /// brief's text format, to a file beside the store (importable), and the exit says where.
    public func keepUnsaved() {
        let id = workbench.review.id
        var lines: [String] = []
        var kept = 0
        for e in workbench.unsaved {
            switch e {
            case .saveFinding(let f, let base):
                // An edit is kept as that finding's edit: as a new finding's draft it came back
                // with c and saved a second copy of the finding.
                let key = base == nil ? workbench.draftKey : workbench.editDraftKey(f.id)
                let draft = base == nil ? workbench.draftText(of: f) : Workbench.editDraft(workbench.draftText(of: f), base: base)
                if (try? store.saveDraft(id, key: key, body: draft)) != nil { kept += 1; continue }
                lines.append(TextExport.block(f))
            case .saveDraft(let key, let body?):
                if (try? store.saveDraft(id, key: key, body: body)) != nil { kept += 1; continue }
                lines.append("# a finding being typed: " + body.replacingOccurrences(of: "\u{1E}", with: " | ").replacingOccurrences(of: "\u{1F}", with: "=") + "\n")
            case .setItem(let item, let mark): lines.append("# checklist item \(item): \(mark.state.rawValue)\n")
            case .saveItemNote(let item, let mark, _):
                let note = (mark.note ?? "").split(separator: "\n", omittingEmptySubsequences: false).map { "# note: \($0)\n" }.joined()
                lines.append("# checklist item \(item): \(mark.state.rawValue)\n" + ((mark.note ?? "").isEmpty ? "" : note))
            case .setFindingStatus(let fid, let status, let reason): lines.append("# finding \(fid): \(Finding.statusLabel(status, dismissal: reason))\n")
            case .addTestRun(let run): lines.append("Tests run: " + TestRunLine.render([run]) + "\n")
            case .setViewed(let path, let hash): lines.append("# \(path): \(hash == nil ? "not viewed" : "viewed")\n")
            case .setOverride(let o): lines.append("# override: \(o?.decision.rawValue ?? "removed")\n")
            default: lines.append("# \(e)\n")
            }
        }
        workbench.unsaved = []
        guard !lines.isEmpty else {
            exitNote = "\(kept) unsaved change\(kept == 1 ? "" : "s") kept as a draft in the store: the workbench offers \(kept == 1 ? "it" : "them") next time"
            return
        }
        let folder = (store.path as NSString).deletingLastPathComponent
        let file = (folder.isEmpty ? directory : folder) + "/unsaved-\(id)-\(Int(Date().timeIntervalSince1970)).txt"
        let text = "# mle-review: changes to review \(id) the store refused; import with\n# mle-review import \(file) --into \(id)\n\n" + lines.joined()
        do {
            try AtomicFile.write(Array(text.utf8), to: file)
            exitNote = "\(lines.count) change\(lines.count == 1 ? "" : "s") could not be saved; written to \(file) (mle-review import \(file) --into \(id))"
        } catch {
            exitNote = "\(lines.count) change\(lines.count == 1 ? "" : "s") could not be saved, nor written to \(file) (\(error.message)); here they are:\n" + text
        }
    }
}
