import MLEReviewCore

/// The forms over the screen: finding editor, test run, decision override, export.
extension Workbench {
    /// Drafts belong to their reviewer: in a pair, each one's half-typed finding comes back to
    /// them, not to whoever opens the review next.
    static func draftKey(for reviewer: Reviewer?) -> String { "finding-editor" + draftOwner(reviewer) }
    var draftKey: String { Workbench.draftKey(for: reviewer) }
    static let noItem = "(none)"

    static let riskFromItem = "(the item's, or guessed from the words)"
    static let riskChoices = [riskFromItem] + RiskCategory.allCases.map(\.rawValue)

    var itemChoices: [String] { [Self.noItem] + checklist.items.map { itemLabel($0.id) } }

    func itemLabel(_ id: String) -> String {
        guard let item = checklist.item(id), let s = checklist.section(ofItem: id) else { return id }
        return "\(s.title) › \(item.title)"
    }

    /// A finding as the form's draft text, so a refused save comes back in the form.
    func draftText(of f: Finding) -> String {
        var copy = self
        copy.pendingDraft = nil
        copy.editDrafts = [:]
        copy.openFindingForm(editing: f)
        if case .form(let form) = copy.overlay { return form.draftText }
        return ""
    }

    // MARK: opening

    mutating func openFindingForm(editing: Finding? = nil) {
        // The version being edited: if someone else saves the finding meanwhile, saving says so.
        editBase = editing?.updatedAt
        var location: Location?
        var itemID: String?
        if let editing {
            location = editing.location
            itemID = editing.itemID
        } else {
            switch focus {
            case .files:
                if let f = selectedFile { location = Location(path: document.files[f].path) }
            case .checklist:
                itemID = focusedItem?.id
                location = document.findingLocation(at: diffPane.cursor)
            default:
                location = document.findingLocation(at: diffPane.cursor)
                if let sel = selectedRows, let a = document.findingLocation(at: sel.lowerBound), let b = document.findingLocation(at: sel.upperBound),
                   a.path == b.path, a.side == b.side, let start = a.line, let end = b.endLine ?? b.line, end > start {
                    location = Location(path: a.path, side: a.side, line: start, endLine: end)
                }
            }
        }
        let severities = Severity.allCases.map(\.rawValue)
        let f = editing
        var form = Form(kind: .finding(editing: f?.id), title: f == nil ? "New finding" : "Edit finding", fields: [
            Form.choice("severity", "Severity", severities, selected: severities.firstIndex(of: (f?.severity ?? .medium).rawValue) ?? 2),
            Form.text("title", "Title", f?.title ?? ""),
            Form.text("location", "Location", location.map { Self.locationText($0) } ?? ""),
            Form.choice("side", "Side", ["new", "old"], selected: location?.side == .old ? 1 : 0),
            Form.choice("item", "Checklist item", itemChoices, selected: itemID.flatMap { id in checklist.items.firstIndex { $0.id == id }.map { $0 + 1 } } ?? 0),
            Form.text("issue", "Issue", f?.issue ?? "", multiline: true),
            Form.text("fix", "Fix", f?.fix ?? "", multiline: true),
            // A risk that is its item's shows as the item's: choosing another item then gives
            // that item's risk (it stayed with the first item's, e.g. `other` from Start Here).
            Form.choice("risk", "Risk", Self.riskChoices,
                        selected: f.flatMap { $0.isRiskGuessed || $0.risk == itemRisk($0.itemID) ? nil : Self.riskChoices.firstIndex(of: $0.risk.rawValue) } ?? 0),
        ])
        form.focus = 1
        if editing == nil, let draft = pendingDraft {
            form.restore(draft: draft)
            say("restored the finding you were typing when the workbench last stopped")
        }
        if let editing { restoreEditDraft(&form, of: editing) }
        diffPane.selectionAnchor = nil
        open(.form(form))
    }

    static func locationText(_ l: Location) -> String { l.description }

    /// The risk a finding filed under an item takes from it (an item has its section's unless
    /// it names its own).
    func itemRisk(_ itemID: String?) -> RiskCategory? {
        itemID.flatMap { checklist.item($0)?.risk }
    }

    mutating func openTestRunForm() {
        open(.form(Form(kind: .testRun, title: "Record a test run", fields: [
            Form.text("command", "Command"),
            Form.choice("outcome", "Outcome", TestOutcome.allCases.map(\.rawValue)),
            Form.text("summary", "Summary"),
            Form.text("explanation", "Why a failure is acceptable", multiline: true),
        ])))
    }

    mutating func openOverrideForm() {
        let options = ["(none: use the computed decision)"] + Decision.allCases.map(\.rawValue)
        let current = review.override.map { options.firstIndex(of: $0.decision.rawValue) ?? 0 } ?? 0
        open(.form(Form(kind: .override, title: "Override the decision", fields: [
            Form.choice("decision", "Decision", options, selected: current),
            Form.text("justification", "Justification", review.override?.justification ?? "", multiline: true),
        ])))
    }

    mutating func openExportForm() {
        var fields = [Form.choice("format", "Format", ExportFormat.allCases.map(\.rawValue)), Form.text("path", "File", defaultExportPath(.text))]
        // Only an APPROVE short of its checklist waits for the reviewer to say "export anyway":
        // shown for every export, the question read as if BLOCK or WARNINGS needed it too.
        if !isReadOnly && verdict.approvalWaits { fields.append(Self.incompleteField) }
        open(.form(Form(kind: .export, title: "Export the verdict", fields: fields)))
    }

    static let incompleteField = Form.choice("incomplete", "Export while incomplete", ["no", "yes"])

    /// Exports go beside the store (inside `.git`), never into the work tree where the next
    /// `git add -A` would commit them.
    func defaultExportPath(_ format: ExportFormat) -> String {
        (exportFolder.map { $0 + "/" } ?? "") + Self.exportName(review.id, format)
    }

    static func exportName(_ id: String, _ format: ExportFormat) -> String {
        let ext: String
        switch format {
        case .text: ext = "txt"
        case .markdown: ext = "md"
        case .json, .github: ext = format == .github ? "github.json" : "json"
        case .sarif: ext = "sarif"
        }
        return "mle-review-\(id).\(ext)"
    }

    /// Keeps the export file's extension in step with the chosen format, unless the user typed a path.
    mutating func refreshExportPath() {
        guard case .form(var form) = overlay, let p = form.index(of: "path"),
              let format = ExportFormat(rawValue: form.value("format")) else { return }
        let current = form.value("path")
        if ExportFormat.allCases.contains(where: { defaultExportPath($0) == current }) {
            form.fields[p].input = .text(TextEditor(defaultExportPath(format)))
            replace(with: .form(form))
        }
    }

    // MARK: saving

    mutating func save(_ form: Form) -> [Effect] {
        var effects = saveForm(form)
        // Saved (the form closed, not refused and still open): what was kept of it goes.
        if formDraftKey(form.kind) != nil, !overlays.contains(where: { if case .form(let f) = $0 { return f.kind == form.kind }; return false }) {
            effects += dropFormDraft(form.kind)
        }
        return effects
    }

    private mutating func saveForm(_ form: Form) -> [Effect] {
        var form = form
        switch form.kind {
        case .finding(let editing):
            switch buildFinding(form, editing: editing) {
            case .failure(let message, let field):
                form.fail(message, at: field)
                replace(with: .form(form))
                return []
            case .success(let finding):
                if let i = review.findings.firstIndex(where: { $0.id == finding.id }) { review.findings[i] = finding } else { review.findings.append(finding) }
                close()
                findingsPane.cursor = findingsRows.firstIndex { if case .finding(let x) = $0 { return x.id == finding.id }; return false } ?? findingsPane.cursor
                keepCursorsVisible()
                // A guessed risk becomes a primary risk of the verdict: say which, while it is easy to
                // change. The status line keeps a message's start, and after a long title and path
                // it cut the guess off, or the place it was saved at. The title keeps 20 columns
                // before the path's leading folders give way, whole, one at a time (its file and
                // line stay), then the title, then the rest of the path: a cookiecutter path of 85
                // columns left "saved [MEDIUM] Pairwis… at …". Both are whole in the Findings pane.
                let guess = finding.isRiskGuessed ? " · risk guessed: \(finding.risk.rawValue) (e in Findings)" : ""
                let head = "saved [\(finding.severity.rawValue)] "
                var title = finding.title, location = finding.location.shown
                do {
                    let room = StatusLine.messageRoom(self) - DisplayText.columns(head + " at " + guess)
                    if DisplayText.columns(title) + DisplayText.columns(location) > room {
                        let keep = room - min(DisplayText.columns(title), 20)
                        let parts = location.split(separator: "/", omittingEmptySubsequences: false)
                        let shorter = [location] + (1..<max(1, parts.count)).map { "…/" + parts[$0...].joined(separator: "/") }
                        location = shorter.first { DisplayText.columns($0) <= keep } ?? shorter[shorter.count - 1]
                    }
                    if DisplayText.columns(title) + DisplayText.columns(location) > room {
                        title = Fit.keepStart(title, max(room - DisplayText.columns(location), 8))
                    }
                    let left = room - DisplayText.columns(title)
                    if DisplayText.columns(location) > left { location = Fit.keepEnd(location, max(left, 12)) }
                }
                say(head + title + " at " + location + guess)
                var effects: [Effect] = [.saveFinding(finding, base: editing == nil ? nil : editBase)]
                editBase = nil
                if let editing { effects += dropEditDraft(editing) } else { pendingDraft = nil; effects.append(.saveDraft(key: draftKey, body: nil)) }
                return effects
            }
        case .testRun:
            let command = form.value("command").trimmingSpaces()
            guard !command.isEmpty else { form.fail("a command is required", at: "command"); replace(with: .form(form)); return [] }
            let outcome = TestOutcome(rawValue: form.value("outcome")) ?? .passed
            let explanation = form.value("explanation").trimmingSpaces()
            let summary = form.value("summary").trimmingSpaces()
            // "1 failed" left under the default outcome, passed: the verdict would count a pass.
            // Words can mention a failure that did not happen ("failed once, then passed"):
            // a second save, nothing changed, records it as it is.
            let said = TextImport.guessOutcome(summary)
            let disagree = "the summary says \(said.rawValue) but the outcome is \(outcome.rawValue): change one, or \(keymap.key(.save, in: .form)) again records it as typed"
            if said != .skipped, said.isFailure != outcome.isFailure, form.error != disagree {
                form.fail(disagree, at: "outcome")
                replace(with: .form(form))
                return []
            }
            let run = TestRun(command: command, outcome: outcome, summary: summary,
                              explanation: explanation.isEmpty ? nil : explanation, recordedBy: reviewer?.name)
            review.testsRun.append(run)
            close()
            say("recorded: \(command) — \(outcome.rawValue)" + (run.summary.isEmpty ? "" : ": " + run.summary))
            return [.addTestRun(run)]
        case .override:
            let choice = Decision(rawValue: form.value("decision"))
            let justification = form.value("justification").trimmingSpaces()
            let rules = VerdictRules.evaluate(Review(id: review.id, source: review.source, checklist: review.checklist,
                                                     items: review.items, findings: review.findings, testsRun: review.testsRun),
                                              checklist: checklist, touchedSections: touchedSections)
            let computed = rules.computed
            if let choice, choice.strictness < computed.strictness, justification.isEmpty {
                form.fail("\(choice.rawValue) is less strict than the computed \(computed.rawValue): write a justification", at: "justification")
                replace(with: .form(form))
                return []
            }
            let override = choice.map { DecisionOverride(decision: $0, justification: justification.isEmpty ? nil : justification,
                                                         overridden: computed, covers: rules.reasons.map(\.key)) }
            review.override = override
            close()
            say(override.map { "decision overridden: \($0.decision.rawValue)" } ?? "override removed")
            return [.setOverride(override)]
        case .itemNote(let items, let bases):
            return saveItemNote(form, items: items, bases: bases)
        case .explainRun(let runID):
            let text = form.value("explanation").trimmingSpaces()
            guard !text.isEmpty else { form.fail("say why the failure is acceptable", at: "explanation"); replace(with: .form(form)); return [] }
            if let i = review.testsRun.firstIndex(where: { $0.id == runID }) { review.testsRun[i].explanation = text }
            for i in runs.indices where runs[i].recorded?.id == runID { runs[i].recorded?.explanation = text }
            close()
            say("explained: the failed run now warns instead of blocking")
            return [.explainRun(id: runID, explanation: text)]
        case .export:
            let path = form.value("path").trimmingSpaces()
            guard !path.isEmpty, let format = ExportFormat(rawValue: form.value("format")) else {
                form.fail("a file name is required", at: "path")
                replace(with: .form(form))
                return []
            }
            let allowIncomplete = form.value("incomplete") == "yes"
            let effect = Effect.export(format: format, path: path, allowIncomplete: allowIncomplete)
            // A file already there (the reviewer's notes.md, last week's export) is replaced only
            // when the reviewer says so: nothing saved is overwritten unasked.
            let replaces = pathExists(path) ? " \(path) exists: it is replaced." : ""
            // Exporting an open review finishes it: asked first, as F is.
            guard !isReadOnly else {
                guard !replaces.isEmpty else { close(); return [effect] }
                open(.confirm(Confirmation(question: "Replace \(path)?", detail: "A file is there already; the export takes its place.", effects: [effect])))
                return []
            }
            // Refused before the question, not after a yes to it.
            let v = verdict
            if v.approvalWaits && !allowIncomplete {
                // The verdict became an incomplete APPROVE while the form was open (a pair's edit).
                if form.index(of: "incomplete") == nil { form.fields.append(Self.incompleteField) }
                form.fail("APPROVE waits for \(v.missing.count) required step(s) (\(keymap.key(.verdict)) lists them); or set Export while incomplete", at: "incomplete")
                replace(with: .form(form))
                return []
            }
            open(.confirm(Confirmation(question: "Export and finish with \(v.decision.rawValue)?",
                                       detail: "Writes \(path) and freezes the review (\(keymap.key(.reopen)) starts a new revision)." + replaces + finishingNotes(v),
                                       effects: [effect])))
            return []
        }
    }

    /// A finding, or what is wrong and the name of the field it is in.
    enum Built { case success(Finding), failure(String, field: String) }

    func buildFinding(_ form: Form, editing: String?) -> Built {
        var title = form.value("title").trimmingSpaces()
        guard !title.isEmpty else { return .failure("a title is required", field: "title") }
        let severity = Severity(rawValue: form.value("severity")) ?? .medium
        // The brief's `[HIGH] title` typed into the title: the word is the severity field's job.
        // Left under another severity it said HIGH while the verdict counted a MEDIUM.
        // `High: memory use` may be words, not a severity: a second save, nothing changed, keeps
        // the title as typed. `[HIGH]`, the brief's own mark, is always the severity.
        if let (said, rest) = TextImport.severityTyped(title) {
            let bracketed = title.hasPrefix("[")
            let disagree = "the title says \(said.rawValue) but the severity is \(severity.rawValue): set the severity"
                + (bracketed ? " (the title drops the word)" : ", or \(keymap.key(.save, in: .form)) again keeps the title as typed")
            if said == severity { title = rest }
            else if bracketed || form.error != disagree { return .failure(disagree, field: "severity") }
        }
        let side: Location.Side = form.value("side") == "old" ? .old : .new
        guard let location = Location.parse(form.value("location"), side: side) else {
            return .failure("location: expected path, path:line or path:start-end", field: "location")
        }
        guard document.files.contains(where: { $0.path == location.path || $0.oldPath == location.path }) else {
            // `prepare.py:34decode()`, a title typed on after the place: the file is there, the line is not a number.
            if let colon = location.path.lastIndex(of: ":"), location.path[location.path.index(after: colon)...].first?.isNumber == true,
               let file = document.files.first(where: { $0.path == String(location.path[..<colon]) }) {
                return .failure("location: \(file.path) is in this diff, but \"\(location.path[location.path.index(after: colon)...])\" is no line number", field: "location")
            }
            return .failure("\(location.path) is not a file of this diff", field: "location")
        }
        if let line = location.line {
            for l in [line, location.endLine].compactMap({ $0 }) where !document.contains(Location(path: location.path, side: side, line: l)) {
                return .failure("\(location.path):\(l) is not a line of this diff (\(side.rawValue) side)", field: "location")
            }
        }
        let itemLabel = form.value("item")
        let item = checklist.items.first { self.itemLabel($0.id) == itemLabel }
        let issue = form.value("issue").trimmingSpaces(), fix = form.value("fix").trimmingSpaces()
        let existing = editing.flatMap { id in review.findings.first { $0.id == id } }
        let author = reviewer?.name
        // A risk chosen in the form is given; else the item's; else a guess, marked as one.
        let chosen = RiskCategory(rawValue: form.value("risk"))
        let fromItem = itemRisk(item?.id)
        let risk = chosen ?? fromItem ?? RiskGuess.from(title + " " + issue)
        var f = existing ?? Finding(severity: severity, title: title, location: location, author: author)
        f.severity = severity
        f.title = title
        // An outdated finding given a line of this diff is about that line now.
        if f.isOutdated, location != existing?.location { f.outdated = nil }
        f.location = location
        f.issue = issue
        f.fix = fix
        f.itemID = item?.id
        f.sectionID = item.flatMap { checklist.section(ofItem: $0.id)?.id }
        f.risk = risk
        f.riskGuessed = chosen == nil && fromItem == nil ? true : nil
        f.updatedAt = .now
        return .success(f)
    }
}

extension Workbench {
    /// After a form changed: a new finding's draft is kept in the store as it is typed, and the
    /// export path follows the chosen format.
    mutating func formChanged(_ form: Form, before: String) -> [Effect] {
        if case .export = form.kind { refreshExportPath() }
        if case .finding(nil) = form.kind, form.draftText != before {
            pendingDraft = form.draftText
            return [.saveDraft(key: draftKey, body: form.draftText)]
        }
        if case .finding(let id?) = form.kind, form.draftText != before { return keepEditDraft(form, of: id) }
        if form.draftText != before { return keepFormDraft(form) }
        return []
    }

    /// Closes the form (and a question over it) without saving; its draft goes too.
    mutating func discardForm() -> [Effect] {
        while let o = overlay {
            close()
            guard case .form(let form) = o else { continue }
            if case .finding(nil) = form.kind, pendingDraft != nil {
                pendingDraft = nil
                say("finding discarded")
                return [.saveDraft(key: draftKey, body: nil)]
            }
            if case .finding(let id?) = form.kind { return dropEditDraft(id) }
            return dropFormDraft(form.kind)
        }
        return []
    }

    /// A letter typed on a choice starts finding an option by it, as a picker does: a letter
    /// that only jumped to the next option starting with it made `splits`, typed on the
    /// checklist-item choice, land on whatever section began with the last letter, unnoticed.
    mutating func findOption(startingWith c: Character) -> [Effect] {
        guard case .form(let form) = overlay, form.fields[form.focus].isChoice else { return [] }
        _ = ChoiceSearch.start(on: &self)
        return editText { $0.insert(c); return true }
    }

    /// Puts text written in the external editor into the form's field.
    public mutating func setFormField(_ name: String, to text: String) -> [Effect] {
        guard case .form(var form) = overlay, let i = form.index(of: name), case .text(let e) = form.fields[i].input else { return [] }
        let before = form.draftText
        form.fields[i].input = .text(TextEditor(text, multiline: e.multiline))
        form.dirty = true
        replace(with: .form(form))
        return formChanged(form, before: before)
    }
}
