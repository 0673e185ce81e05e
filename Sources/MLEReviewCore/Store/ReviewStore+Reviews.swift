import Foundation
import GRDB

/// Whole reviews: create, load, find, list.
extension ReviewStore {
    /// Inserts a complete review (new, or read from a review document) in one transaction. It is
    /// inserted open: only `finish` finishes a review, so every finished one has its record.
    public func insert(_ review: Review) throws(InputError) {
        let path = self.path
        try write { db in try Self.insert(db, review, path: path) }
    }

    /// An override's covered reasons, a line each (keys hold no newline: ids and decisions).
    static func coversText(_ covers: [String]?) -> String? { covers?.joined(separator: "\n") }

    static func insert(_ db: Database, _ review: Review, path: String) throws {
            if try Row.fetchOne(db, sql: "SELECT 1 FROM reviews WHERE id = ?", arguments: [review.id]) != nil {
                throw InputError("store \(path): a review with id \(review.id) already exists")
            }
            let s = review.source
            try db.execute(sql: """
                INSERT INTO reviews (id, source_kind, range, base_commit, head_commit, patch_path, diff_sha256,
                    checklist_source, checklist_sha256, override_decision, override_justification, created_at, updated_at,
                    revision_of, override_computed, base_ref, head_ref, override_covers, patch_file)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [review.id, s.kind.rawValue, s.range, s.baseCommit, s.headCommit, s.patchPath, s.diffSHA256,
                                 review.checklist.source, review.checklist.sha256, review.override?.decision.rawValue,
                                 review.override?.justification, review.createdAt.timeIntervalSince1970,
                                 review.updatedAt.timeIntervalSince1970, review.revisionOf, review.override?.overridden?.rawValue,
                                 s.baseRef, s.headRef, coversText(review.override?.covers), s.patchFile])
            for r in review.reviewers { try Self.insertReviewer(db, review.id, r) }
            for (item, mark) in review.items { try Self.upsertMark(db, review.id, item, mark) }
            for f in review.findings { try Self.upsertFinding(db, review.id, f) }
            for t in review.testsRun { try Self.insertTestRun(db, review.id, t) }
            for (p, h) in review.viewedFiles {
                try db.execute(sql: "INSERT INTO viewed_files (review_id, path, diff_hash) VALUES (?, ?, ?)", arguments: [review.id, p, h])
            }
    }

    public func load(_ id: String) throws(InputError) -> Review {
        try read { db in
            guard let review = try Self.reviews(db, only: id).first else { throw InputError("store \(path): no review \(id)") }
            return review
        }
    }

    /// `latest` (the most recently changed review), a full id, or an unambiguous id prefix.
    public func resolve(_ reference: String) throws(InputError) -> String {
        try read { db in
            if reference == "latest" {
                guard let id = try String.fetchOne(db, sql: "SELECT id FROM reviews ORDER BY updated_at DESC, rowid DESC LIMIT 1") else {
                    throw InputError("store \(path): no reviews yet")
                }
                return id
            }
            let ids = try String.fetchAll(db, sql: "SELECT id FROM reviews WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 3",
                                          arguments: [reference, Self.likePrefix(reference)])
            if ids.contains(reference) { return reference }
            guard ids.count == 1 else {
                throw InputError(ids.isEmpty ? "store \(path): no review \(reference)" : "store \(path): \(reference) names more than one review")
            }
            return ids[0]
        }
    }

    /// The review made on this source before, so reopening the same range (or patch) resumes it.
    public func find(source: ReviewSource) throws(InputError) -> String? {
        try read { db in try Self.find(db, source: source) }
    }

    /// The newest review of this source (only an open one when `openOnly`).
    static func find(_ db: Database, source: ReviewSource, openOnly: Bool = false) throws -> String? {
        let open = openOnly ? " AND finished_at IS NULL" : ""
        switch source.kind {
        case .range where source.baseCommit != nil && source.headCommit != nil:
            return try String.fetchOne(db, sql: """
                SELECT id FROM reviews WHERE source_kind = 'range' AND base_commit = ? AND head_commit = ?\(open)
                ORDER BY updated_at DESC LIMIT 1
                """, arguments: [source.baseCommit, source.headCommit])
        default:
            return try String.fetchOne(db, sql: """
                SELECT id FROM reviews WHERE source_kind = ? AND diff_sha256 = ?\(open) ORDER BY updated_at DESC LIMIT 1
                """, arguments: [source.kind.rawValue, source.diffSHA256])
        }
    }

    static func likePrefix(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    static func date(_ v: Double) -> Date { Date(timeIntervalSince1970: v) }

    /// The finish columns of a review row, nil while it is open.
    static func finishRecord(at: Double?, decision: String?, risks: String?, by: String?, undone: Int?) -> Finish? {
        at.map { Finish(decision: Decision(rawValue: decision ?? "") ?? .block, primaryRisks: riskList(risks), finishedAt: date($0), finishedBy: by,
                        undoneSteps: undone) }
    }

    /// Writes the finish columns (and stamps the update time with the finish time).
    /// Bumps the version as every edit does: a pair's other workbench learns of it on its next poll.
    static func writeFinish(_ db: Database, _ reviewID: String, _ f: Finish, onlyIfOpen: Bool) throws {
        try db.execute(sql: """
            UPDATE reviews SET finished_at = ?, finished_by = ?, decision = ?, primary_risks = ?, undone_steps = ?, updated_at = ?,
                version = version + 1
            WHERE id = ?\(onlyIfOpen ? " AND finished_at IS NULL" : "")
            """, arguments: [f.finishedAt.timeIntervalSince1970, f.finishedBy, f.decision.rawValue,
                             f.primaryRisks.map(\.rawValue).joined(separator: ","), f.undoneSteps, f.finishedAt.timeIntervalSince1970, reviewID])
    }

    /// Primary risks are kept as one comma-separated column: the log reads them without a join.
    static func riskList(_ text: String?) -> [RiskCategory] {
        (text ?? "").split(separator: ",").compactMap { RiskCategory(rawValue: String($0)) }
    }

    /// Reviews with everything they hold: one review (`only`), or all of them with one query per
    /// table (what `log --verify` reads), in the order of the reviews table.
    static func reviews(_ db: Database, only id: String? = nil) throws -> [Review] {
        let filter = id == nil ? "" : " WHERE review_id = ?"
        let args: StatementArguments = id.map { [$0] } ?? []
        var out: [Review] = []
        var index: [String: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM reviews" + (id == nil ? "" : " WHERE id = ?"), arguments: args)
        while let row = try rows.next() {
            let source = ReviewSource(kind: ReviewSource.Kind(rawValue: row["source_kind"]) ?? .patch, range: row["range"],
                                      baseCommit: row["base_commit"], headCommit: row["head_commit"],
                                      patchPath: row["patch_path"], diffSHA256: row["diff_sha256"],
                                      baseRef: row["base_ref"], headRef: row["head_ref"], patchFile: row["patch_file"])
            let override = (row["override_decision"] as String?).flatMap(Decision.init(rawValue:)).map {
                DecisionOverride(decision: $0, justification: row["override_justification"],
                                 overridden: (row["override_computed"] as String?).flatMap(Decision.init(rawValue:)),
                                 covers: (row["override_covers"] as String?).map { $0.split(separator: "\n").map(String.init) })
            }
            let finish = finishRecord(at: row["finished_at"], decision: row["decision"], risks: row["primary_risks"], by: row["finished_by"],
                                      undone: row["undone_steps"])
            index[row["id"]] = out.count
            out.append(Review(id: row["id"], source: source,
                              checklist: ChecklistRef(source: row["checklist_source"], sha256: row["checklist_sha256"]),
                              override: override, createdAt: date(row["created_at"]), updatedAt: date(row["updated_at"]),
                              finish: finish, revisionOf: row["revision_of"]))
        }
        let reviewers = try Row.fetchCursor(db, sql: "SELECT * FROM reviewers\(filter) ORDER BY review_id, position", arguments: args)
        while let r = try reviewers.next() {
            guard let i = index[r["review_id"]] else { continue }
            out[i].reviewers.append(Reviewer(name: r["name"], email: r["email"], role: ReviewerRole(rawValue: r["role"]) ?? .reviewer))
        }
        let marks = try Row.fetchCursor(db, sql: "SELECT * FROM item_marks\(filter)", arguments: args)
        while let r = try marks.next() {
            guard let i = index[r["review_id"]] else { continue }
            out[i].items[r["item_id"]] = ItemMark(state: ItemState(rawValue: r["state"]) ?? .unchecked, note: r["note"],
                                                  setBy: r["set_by"], setAt: date(r["set_at"]))
        }
        let findings = try Row.fetchCursor(db, sql: "SELECT * FROM findings\(filter) ORDER BY review_id, position", arguments: args)
        while let r = try findings.next() {
            guard let i = index[r["review_id"]] else { continue }
            out[i].findings.append(Finding(
                id: r["id"], severity: Severity(rawValue: r["severity"]) ?? .high, title: r["title"],
                location: Location(path: r["path"], side: Location.Side(rawValue: r["side"]) ?? .new, line: r["line"], endLine: r["end_line"]),
                issue: r["issue"], fix: r["fix"], sectionID: r["section_id"], itemID: r["item_id"],
                risk: RiskCategory(rawValue: r["risk"]) ?? .other, status: FindingStatus(rawValue: r["status"]) ?? .open,
                author: r["author"], origin: Origin(code: r["origin"]),
                createdAt: date(r["created_at"]), updatedAt: date(r["updated_at"]),
                outdated: (r["outdated"] as Bool) ? true : nil, riskGuessed: r["risk_guessed"] as Bool,
                dismissal: DismissalReason(stored: r["dismissal"]), pullRequestComment: r["pr_comment"]))
        }
        let runs = try Row.fetchCursor(db, sql: "SELECT * FROM test_runs\(filter) ORDER BY review_id, position", arguments: args)
        while let r = try runs.next() {
            guard let i = index[r["review_id"]] else { continue }
            let ran = (r["ran_folder"] as String?).map {
                RunDetails(folder: $0, commit: r["ran_commit"], exitStatus: r["ran_exit"], milliseconds: r["ran_ms"] ?? 0, check: r["ran_check"])
            }
            out[i].testsRun.append(TestRun(id: r["id"], command: r["command"], outcome: TestOutcome(rawValue: r["outcome"]) ?? .errored,
                                           summary: r["summary"], explanation: r["explanation"], recordedBy: r["recorded_by"],
                                           recordedAt: date(r["recorded_at"]), ran: ran))
        }
        let viewed = try Row.fetchCursor(db, sql: "SELECT review_id, path, diff_hash FROM viewed_files\(filter)", arguments: args)
        while let r = try viewed.next() {
            guard let i = index[r["review_id"]] else { continue }
            out[i].viewedFiles[r["path"]] = r["diff_hash"]
        }
        return out
    }
}

/// Checklists as reviews used them, kept by content hash.
extension ReviewStore {
    public func saveChecklist(_ checklist: Checklist) throws(InputError) {
        try write { db in try Self.insertChecklist(db, checklist) }
    }

    static func insertChecklist(_ db: Database, _ checklist: Checklist) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO checklists (sha256, source, markdown) VALUES (?, ?, ?)",
                       arguments: [checklist.sha256, checklist.source, checklist.markdown])
    }

    /// The checklist a review was made with; the built-in one if the store lacks its text.
    public func checklist(for ref: ChecklistRef) throws(InputError) -> Checklist {
        let markdown = try read { db in
            try String.fetchOne(db, sql: "SELECT markdown FROM checklists WHERE sha256 = ?", arguments: [ref.sha256])
        }
        guard let markdown else { return ChecklistLoader.builtIn }
        return try ChecklistParser.parse(markdown, source: ref.source)
    }
}
