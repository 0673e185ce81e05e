import Foundation
import GRDB

/// Single edits to a review. Each is one transaction that also stamps the review's update time;
/// when the method returns, the edit is on disk.
extension ReviewStore {
    /// Sets an item's state and note. With `keepingNote` only the state changes and the note
    /// stays as stored: a tick must not take back a note a pair partner wrote meanwhile.
    public func setItem(_ reviewID: String, item: String, mark: ItemMark, keepingNote: Bool = false) throws(InputError) {
        try edit(reviewID, by: mark.setBy, "item", subject: item, detail: mark.state.rawValue) { db in
            var mark = mark
            if keepingNote { mark.note = try Self.note(db, reviewID, item)?.note }
            try Self.writeMark(db, reviewID, item, mark)
        }
    }

    /// Someone else's note on an item, found where a note form was about to be saved.
    public struct NoteConflict: Sendable, Equatable {
        /// Empty when they removed it.
        public var note: String
        public var by: String?
        public init(note: String, by: String?) {
            self.note = note
            self.by = by
        }
    }

    /// The note form's save: state and note, unless the note was changed by someone else since
    /// the form opened with `base`. Then nothing is written and their note comes back, for the
    /// reviewer to merge: two people writing one item's reason must not lose either.
    public func setItemNote(_ reviewID: String, item: String, mark: ItemMark, ifNoteWas base: String?) throws(InputError) -> NoteConflict? {
        var conflict: NoteConflict?
        try edit(reviewID, by: mark.setBy, "item", subject: item, detail: mark.state.rawValue, unless: { db in
            let now = try Self.note(db, reviewID, item)
            guard (now?.note ?? "") != (base ?? "") else { return false }
            conflict = NoteConflict(note: now?.note ?? "", by: now?.by)
            return true
        }) { db in
            try Self.writeMark(db, reviewID, item, mark)
        }
        return conflict
    }

    static func note(_ db: Database, _ reviewID: String, _ item: String) throws -> (note: String?, by: String?)? {
        try Row.fetchOne(db, sql: "SELECT note, set_by FROM item_marks WHERE review_id = ? AND item_id = ?", arguments: [reviewID, item])
            .map { ($0["note"], $0["set_by"]) }
    }

    /// An undecided item without a note has no row.
    static func writeMark(_ db: Database, _ reviewID: String, _ item: String, _ mark: ItemMark) throws {
        if mark.state == .unchecked && (mark.note ?? "").isEmpty {
            try db.execute(sql: "DELETE FROM item_marks WHERE review_id = ? AND item_id = ?", arguments: [reviewID, item])
        } else {
            try upsertMark(db, reviewID, item, mark)
        }
    }

    /// Adds the finding, or replaces the one with its id.
    public func saveFinding(_ reviewID: String, _ finding: Finding, by: String? = nil) throws(InputError) {
        try edit(reviewID, by: by ?? finding.author, "finding", subject: finding.id, detail: finding.title) { db in
            try Self.upsertFinding(db, reviewID, finding)
        }
    }

    /// Saves an edit of a finding only if nobody else saved it since `base` (the version the
    /// editor started from). Returns nil when saved, or the finding as it now is: the conflict,
    /// for the reviewer to resolve; nothing is lost either way.
    public func saveFinding(_ reviewID: String, _ finding: Finding, by: String?, ifUnchangedSince base: Date) throws(InputError) -> Finding? {
        var current: Finding?
        try edit(reviewID, by: by, "finding", subject: finding.id, detail: finding.title, unless: { db in
            guard let stamp = try Double.fetchOne(db, sql: "SELECT updated_at FROM findings WHERE id = ?", arguments: [finding.id]),
                  stamp != base.timeIntervalSince1970 else { return false }
            current = try Self.reviews(db, only: reviewID).first?.findings.first { $0.id == finding.id }
            return true
        }) { db in
            try Self.upsertFinding(db, reviewID, finding)
        }
        return current
    }

    /// A new status; `dismissal` says why it was dismissed (kept only with `.dismissed`).
    public func setFindingStatus(_ reviewID: String, findingID: String, status: FindingStatus, dismissal: DismissalReason? = nil,
                                 by: String? = nil) throws(InputError) {
        let reason = status == .dismissed ? dismissal : nil
        try edit(reviewID, by: by, "finding-status", subject: findingID, detail: Finding.statusLabel(status, dismissal: reason)) { db in
            try Self.updateStatus(db, reviewID, findingID: findingID, status: status, dismissal: reason, at: Date().timeIntervalSince1970)
            guard db.changesCount == 1 else { throw InputError("review \(reviewID): no finding \(findingID)") }
        }
    }

    static func updateStatus(_ db: Database, _ reviewID: String, findingID: String, status: FindingStatus, dismissal: DismissalReason?, at: Double) throws {
        try db.execute(sql: "UPDATE findings SET status = ?, dismissal = ?, updated_at = ? WHERE review_id = ? AND id = ?",
                       arguments: [status.rawValue, dismissal?.rawValue, at, reviewID, findingID])
    }

    /// Who last saved a finding (its text or its status), from the review's history: not its
    /// author, when someone else edited it since.
    public func lastEditor(_ reviewID: String, findingID: String) throws(InputError) -> String? {
        try read { db in
            try String.fetchOne(db, sql: """
                SELECT who FROM activity WHERE review_id = ? AND subject = ? AND kind IN ('finding', 'finding-status')
                ORDER BY at DESC, id DESC LIMIT 1
                """, arguments: [reviewID, findingID])
        }
    }

    /// Who dismissed each dismissed finding, by finding id: the last status change of each in the
    /// review's history (a record pulled from another machine has none).
    public func dismissedBy(_ reviewID: String) throws(InputError) -> [String: String] {
        try read { db in
            var who: [String: String] = [:]
            for r in try Row.fetchAll(db, sql: """
                SELECT subject, who, detail FROM activity WHERE review_id = ? AND kind = 'finding-status' ORDER BY at, id
                """, arguments: [reviewID]) {
                guard let subject: String = r["subject"] else { continue }
                let detail: String = r["detail"] ?? ""
                // The detail is Finding.statusLabel: the status first.
                who[subject] = detail.hasPrefix(FindingStatus.dismissed.rawValue) ? r["who"] : nil
            }
            return who
        }
    }

    /// Deletes a finding (typed by mistake). The review's history keeps the whole finding as
    /// it was, so nothing is lost from the record of what happened.
    public func deleteFinding(_ reviewID: String, findingID: String, by: String? = nil) throws(InputError) {
        let finding = try load(reviewID).findings.first { $0.id == findingID }
        guard let finding else { throw InputError("review \(reviewID): no finding \(findingID)") }
        let kept = String(decoding: (try? ReviewDocument.encoder(pretty: false).encode(finding)) ?? Data(), as: UTF8.self)
        try edit(reviewID, by: by, "finding-deleted", subject: findingID, detail: kept) { db in
            try db.execute(sql: "DELETE FROM findings WHERE review_id = ? AND id = ?", arguments: [reviewID, findingID])
            guard db.changesCount == 1 else { throw InputError("review \(reviewID): no finding \(findingID)") }
            // Anyone's half-typed edit of it has nothing left to be saved over.
            let key = Self.findingEditDraftPrefix + findingID
            try db.execute(sql: "DELETE FROM drafts WHERE review_id = ? AND (key = ? OR substr(key, 1, ?) = ?)",
                           arguments: [reviewID, key, (key + ":").utf8.count, key + ":"])
        }
    }

    /// Deletes a test run someone reported (typed with `t` or imported), e.g. a mistyped command
    /// that counted as a passing run. A run mle-review ran itself is the record's own evidence
    /// and stays (a failed one is explained). The review's history keeps the whole run.
    public func deleteTestRun(_ reviewID: String, runID: String, by: String? = nil) throws(InputError) {
        guard let run = try load(reviewID).testsRun.first(where: { $0.id == runID }) else { throw InputError("review \(reviewID): no test run \(runID)") }
        guard run.ran == nil else {
            throw InputError("review \(reviewID): \(run.command) was run by mle-review: it stays in the record (a failed run is explained instead)")
        }
        let kept = String(decoding: (try? ReviewDocument.encoder(pretty: false).encode(run)) ?? Data(), as: UTF8.self)
        try edit(reviewID, by: by, "test-run-deleted", subject: runID, detail: kept) { db in
            try db.execute(sql: "DELETE FROM test_runs WHERE review_id = ? AND id = ?", arguments: [reviewID, runID])
            guard db.changesCount == 1 else { throw InputError("review \(reviewID): no test run \(runID)") }
        }
    }

    public func addTestRun(_ reviewID: String, _ run: TestRun) throws(InputError) {
        try edit(reviewID, by: run.recordedBy, "test-run", subject: run.id, detail: run.command) { db in try Self.insertTestRun(db, reviewID, run) }
    }

    /// Adds a reviewer, or gives one already on the review a new role.
    public func addReviewer(_ reviewID: String, _ reviewer: Reviewer) throws(InputError) {
        // Resuming a review one is already on changes nothing: no edit, no history line, and the
        // review's "last changed" (the log's date, --since) stays when it was last changed.
        if Self.keeps(try read { db in try Self.role(db, reviewID, of: reviewer.name) }, reviewer) { return }
        try edit(reviewID, by: reviewer.name, "reviewer", subject: reviewer.name, detail: reviewer.role.rawValue) { db in
            let role = try Self.role(db, reviewID, of: reviewer.name)
            if role == nil {
                try Self.insertReviewer(db, reviewID, reviewer)
            } else if !Self.keeps(role, reviewer) {
                try db.execute(sql: "UPDATE reviewers SET role = ? WHERE review_id = ? AND name = ?", arguments: [reviewer.role.rawValue, reviewID, reviewer.name])
            }
        }
    }

    /// The role of a reviewer on the review, or nil when they are not on it.
    static func role(_ db: Database, _ reviewID: String, of name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT role FROM reviewers WHERE review_id = ? AND name = ?", arguments: [reviewID, name])
    }

    /// Whether someone already on the review with `role` stays as they are: joining as a plain
    /// reviewer keeps whatever role they had.
    static func keeps(_ role: String?, _ reviewer: Reviewer) -> Bool {
        role.map { $0 == reviewer.role.rawValue || reviewer.role == .reviewer } ?? false
    }

    /// Driver becomes navigator and navigator driver, recorded in the review's history.
    public func swapRoles(_ reviewID: String, by: String?) throws(InputError) {
        try edit(reviewID, by: by, "swap-roles", subject: nil, detail: nil) { db in
            let rows = try Row.fetchAll(db, sql: "SELECT name, role FROM reviewers WHERE review_id = ? ORDER BY position", arguments: [reviewID])
            let roles = ReviewerRole.swapped(rows.map { ReviewerRole(rawValue: $0["role"]) ?? .reviewer })
            for (row, role) in zip(rows, roles) {
                try db.execute(sql: "UPDATE reviewers SET role = ? WHERE review_id = ? AND name = ?",
                               arguments: [role.rawValue, reviewID, row["name"] as String])
            }
        }
    }

    /// Marks a file viewed at this hash of its diff; nil clears the mark.
    public func setViewed(_ reviewID: String, path: String, diffHash: String?, by: String? = nil) throws(InputError) {
        try edit(reviewID, by: by, "viewed", subject: path, detail: diffHash == nil ? "not viewed" : "viewed") { db in
            if let diffHash {
                try db.execute(sql: "INSERT OR REPLACE INTO viewed_files (review_id, path, diff_hash) VALUES (?, ?, ?)",
                               arguments: [reviewID, path, diffHash])
            } else {
                try db.execute(sql: "DELETE FROM viewed_files WHERE review_id = ? AND path = ?", arguments: [reviewID, path])
            }
        }
    }

    /// Sets or clears (nil) the reviewer's decision override.
    public func setOverride(_ reviewID: String, _ override: DecisionOverride?, by: String? = nil) throws(InputError) {
        try edit(reviewID, by: by, "override", subject: nil, detail: override?.decision.rawValue ?? "removed") { db in
            try db.execute(sql: """
                UPDATE reviews SET override_decision = ?, override_justification = ?, override_computed = ?, override_covers = ? WHERE id = ?
                """, arguments: [override?.decision.rawValue, override?.justification, override?.overridden?.rawValue,
                                 Self.coversText(override?.covers), reviewID])
        }
    }

    /// Where a half-typed edit of a finding is kept: this, the finding's id, then `:` and the
    /// reviewer's name when there is one. (Deleting the finding deletes its edits.)
    public static let findingEditDraftPrefix = "finding-edit:"

    /// A half-typed form, kept so that nothing typed is lost to a crash. Nil body deletes it.
    public func saveDraft(_ reviewID: String, key: String, body: String?) throws(InputError) {
        try write { db in
            if let body {
                try db.execute(sql: "INSERT OR REPLACE INTO drafts (review_id, key, body, updated_at) VALUES (?, ?, ?, ?)",
                               arguments: [reviewID, key, body, Date().timeIntervalSince1970])
            } else {
                try db.execute(sql: "DELETE FROM drafts WHERE review_id = ? AND key = ?", arguments: [reviewID, key])
            }
        }
    }

    public func draft(_ reviewID: String, key: String) throws(InputError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT body FROM drafts WHERE review_id = ? AND key = ?", arguments: [reviewID, key]) }
    }

    /// Every draft of a review whose key starts with `prefix`, by key.
    public func drafts(_ reviewID: String, keyPrefix prefix: String) throws(InputError) -> [String: String] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT key, body FROM drafts WHERE review_id = ? AND substr(key, 1, ?) = ?",
                                        arguments: [reviewID, prefix.utf8.count, prefix])
            return Dictionary(rows.map { ($0["key"] as String, $0["body"] as String) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// The one gate every change to a review goes through: a finished review is frozen; the
    /// review's version is bumped (other processes poll it) and the change is written to its
    /// history with who made it. When `unless` (run first, in the same transaction) says so,
    /// nothing is written.
    func edit(_ reviewID: String, by who: String? = nil, _ kind: String = "edit", subject: String? = nil, detail: String? = nil,
              unless skip: (Database) throws -> Bool = { _ in false }, _ body: (Database) throws -> Void) throws(InputError) {
        try write { db in
            if try skip(db) { return }
            let now = Date().timeIntervalSince1970
            try Self.gate(db, reviewID, path: path, at: now)
            try body(db)
            try Self.recordActivity(db, reviewID, at: now, who: who, kind: kind, subject: subject, detail: detail)
        }
    }

    /// The edit gate inside an open transaction: refuses a finished review, bumps the version.
    static func gate(_ db: Database, _ reviewID: String, path: String, at now: Double) throws {
        try db.execute(sql: "UPDATE reviews SET updated_at = ?, version = version + 1 WHERE id = ? AND finished_at IS NULL",
                       arguments: [now, reviewID])
        if db.changesCount != 1 { try refuseEdit(db, reviewID, path: path) }
    }

    /// One line of the review's history: who changed what, when.
    static func recordActivity(_ db: Database, _ reviewID: String, at now: Double, who: String?, kind: String,
                               subject: String?, detail: String?) throws {
        try db.execute(sql: "INSERT INTO activity (review_id, at, who, kind, subject, detail) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [reviewID, now, who, kind, subject, detail])
    }

    static func refuseEdit(_ db: Database, _ reviewID: String, path: String) throws -> Never {
        guard let row = try Row.fetchOne(db, sql: "SELECT finished_at, decision FROM reviews WHERE id = ?", arguments: [reviewID]) else {
            throw InputError("store \(path): no review \(reviewID)")
        }
        let when = (row["finished_at"] as Double?).map { LogReport.day(date($0)) } ?? "?"
        throw InputError("review \(reviewID) was finished (\(row["decision"] ?? "?"), \(when)) and is read-only; reopen it to start a new revision")
    }

    static func upsertMark(_ db: Database, _ reviewID: String, _ item: String, _ m: ItemMark) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO item_marks (review_id, item_id, state, note, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [reviewID, item, m.state.rawValue, m.note, m.setBy, m.setAt.timeIntervalSince1970])
    }

    static func upsertFinding(_ db: Database, _ reviewID: String, _ f: Finding) throws {
        let existing = try Int.fetchOne(db, sql: "SELECT position FROM findings WHERE id = ?", arguments: [f.id])
        let position = try existing ?? (Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM findings WHERE review_id = ?", arguments: [reviewID]) ?? 1)
        try db.execute(sql: """
            INSERT OR REPLACE INTO findings (id, review_id, position, severity, title, path, side, line, end_line, issue, fix,
                section_id, item_id, risk, status, author, origin, created_at, updated_at, outdated, risk_guessed, dismissal, pr_comment)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [f.id, reviewID, position, f.severity.rawValue, f.title, f.location.path, f.location.side.rawValue,
                             f.location.line, f.location.endLine, f.issue, f.fix, f.sectionID, f.itemID, f.risk.rawValue,
                             f.status.rawValue, f.author, f.origin.code, f.createdAt.timeIntervalSince1970, f.updatedAt.timeIntervalSince1970,
                             f.isOutdated, f.isRiskGuessed, f.status == .dismissed ? f.dismissal?.rawValue : nil, f.pullRequestComment])
    }

    static func insertTestRun(_ db: Database, _ reviewID: String, _ t: TestRun) throws {
        let position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM test_runs WHERE review_id = ?", arguments: [reviewID]) ?? 1
        try db.execute(sql: """
            INSERT INTO test_runs (id, review_id, position, command, outcome, summary, explanation, recorded_by, recorded_at,
                ran_folder, ran_commit, ran_exit, ran_ms, ran_check)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [t.id, reviewID, position, t.command, t.outcome.rawValue, t.summary, t.explanation, t.recordedBy,
                             t.recordedAt.timeIntervalSince1970, t.ran?.folder, t.ran?.commit, t.ran?.exitStatus, t.ran?.milliseconds, t.ran?.check])
    }

    /// Says why a failed run is acceptable: it then warns instead of blocking.
    public func explainRun(_ reviewID: String, runID: String, explanation: String, by: String?) throws(InputError) {
        try edit(reviewID, by: by, "test-run-explained", subject: runID, detail: explanation) { db in
            try db.execute(sql: "UPDATE test_runs SET explanation = ? WHERE review_id = ? AND id = ?", arguments: [explanation, reviewID, runID])
            guard db.changesCount == 1 else { throw InputError("review \(reviewID): no test run \(runID)") }
        }
    }

    /// Records a check mle-review ran, with its whole output (compressed), in one transaction.
    public func addRun(_ reviewID: String, _ run: TestRun, output: [UInt8]) throws(InputError) {
        let packed = Self.pack(output)
        try edit(reviewID, by: run.recordedBy, "test-run", subject: run.id, detail: run.command) { db in
            try Self.insertTestRun(db, reviewID, run)
            try db.execute(sql: "INSERT OR REPLACE INTO run_outputs (test_run_id, encoding, size, bytes) VALUES (?, ?, ?, ?)",
                           arguments: [run.id, packed.encoding, output.count, Data(packed.bytes)])
        }
    }

    /// A run's whole output, as recorded; nil when it was reported rather than run.
    public func runOutput(_ runID: String) throws(InputError) -> [UInt8]? {
        let row = try read { db in try Row.fetchOne(db, sql: "SELECT encoding, size, bytes FROM run_outputs WHERE test_run_id = ?", arguments: [runID]) }
        guard let row else { return nil }
        return try unpack(row, "the output of run \(runID)")
    }

    static func insertReviewer(_ db: Database, _ reviewID: String, _ r: Reviewer) throws {
        let position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM reviewers WHERE review_id = ?", arguments: [reviewID]) ?? 1
        try db.execute(sql: "INSERT INTO reviewers (review_id, position, name, email, role) VALUES (?, ?, ?, ?, ?)",
                       arguments: [reviewID, position, r.name, r.email, r.role.rawValue])
    }
}

extension ReviewStore {
    /// Adds imported findings and test runs to a review, all in one transaction: an import
    /// lands whole or not at all.
    public func addImported(_ reviewID: String, findings: [Finding], testsRun: [TestRun]) throws(InputError) {
        try edit(reviewID, "import", detail: "\(findings.count) findings, \(testsRun.count) test runs") { db in
            for f in findings { try Self.upsertFinding(db, reviewID, f) }
            for t in testsRun { try Self.insertTestRun(db, reviewID, t) }
        }
    }
}

/// A hint a reviewer dismissed: its key (`RULE path:line`), who, and why when they said.
public typealias HintDismissal = (key: String, by: String?, reason: DismissalReason?)

/// Hints a reviewer dismissed, remembered for the review (keyed by rule, path and line).
extension ReviewStore {
    public func dismissHint(_ reviewID: String, key: String, reason: DismissalReason? = nil, by: String?) throws(InputError) {
        try edit(reviewID, by: by, "dismiss-hint", subject: key, detail: reason?.rawValue) { db in
            try Self.insertHintDismissal(db, reviewID, (key, by, reason), at: Date().timeIntervalSince1970)
        }
    }

    static func insertHintDismissal(_ db: Database, _ reviewID: String, _ d: HintDismissal, at: Double) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO hint_dismissals (review_id, hint_key, dismissed_by, dismissed_at, reason) VALUES (?, ?, ?, ?, ?)",
                       arguments: [reviewID, d.key, d.by, at, d.reason?.rawValue])
    }

    /// Takes a dismissal back (dismissed by mistake): the hint is live again, and the history
    /// keeps both the dismissal and this.
    public func restoreHint(_ reviewID: String, key: String, by: String?) throws(InputError) {
        try edit(reviewID, by: by, "restore-hint", subject: key) { db in
            try db.execute(sql: "DELETE FROM hint_dismissals WHERE review_id = ? AND hint_key = ?", arguments: [reviewID, key])
        }
    }

    /// The hints dismissed in a review, oldest first: `RULE path:line`, who, and why when said.
    public func hintDismissals(_ reviewID: String) throws(InputError) -> [HintDismissal] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT hint_key, dismissed_by, reason FROM hint_dismissals WHERE review_id = ? ORDER BY dismissed_at, hint_key",
                             arguments: [reviewID]).map { r in
                (r["hint_key"], r["dismissed_by"], DismissalReason(stored: r["reason"]))
            }
        }
    }
}
