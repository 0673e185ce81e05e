import Foundation
import GRDB

/// Reviews finished elsewhere, arriving through git (`mle-review pull`).
extension ReviewStore {
    public enum ImportOutcome: Sendable, Equatable {
        case imported(id: String)
        /// This store already holds exactly this record.
        case alreadyHave(id: String)
        /// Another record with the same id and different content is here: both are kept, this
        /// one under a new id, and both are flagged.
        case conflict(id: String, keptAs: String)
    }

    /// Stores a verified published record as a finished review, in one transaction. Never
    /// overwrites: same id with other content is kept beside it and flagged.
    public func importPublished(_ p: ReviewRefs.Published, remote: String) throws(InputError) -> ImportOutcome {
        let checklist = p.checklist.flatMap { try? ChecklistParser.parse($0, source: p.review.checklist.source) }
        if let checklist, checklist.sha256 == p.review.checklist.sha256 { try saveChecklist(checklist) }
        if !p.diff.isEmpty { try saveDiff(p.diff) }
        let path = self.path
        return try write { db in
            let original = p.review.id
            let local = try String.fetchOne(db, sql: "SELECT record_sha256 FROM records WHERE review_id = ?", arguments: [original])
            let imported = try String.fetchAll(db, sql: "SELECT record_sha256 FROM imported_records WHERE original_id = ?", arguments: [original])
            if local == p.chain.recordSha256 || imported.contains(p.chain.recordSha256) {
                let id = try String.fetchOne(db, sql: "SELECT review_id FROM imported_records WHERE record_sha256 = ?",
                                             arguments: [p.chain.recordSha256]) ?? original
                return .alreadyHave(id: id)
            }
            let taken = try Bool.fetchOne(db, sql: "SELECT 1 FROM reviews WHERE id = ?", arguments: [original]) ?? false
            var review = p.review
            if taken { review.id = original + "~" + p.chain.recordSha256.prefix(8) }
            // Finding and test-run ids are unique store-wide; a conflicting copy needs its own.
            if taken {
                review.findings = review.findings.map { var f = $0; f.id += "~" + p.chain.recordSha256.prefix(8); return f }
                review.testsRun = review.testsRun.map { var t = $0; t.id += "~" + p.chain.recordSha256.prefix(8); return t }
            }
            try Self.insert(db, review, path: path)
            try Self.writeFinish(db, review.id, review.finish!, onlyIfOpen: false)
            try db.execute(sql: """
                INSERT INTO imported_records (review_id, original_id, remote, commit_id, author, signed, document, record_sha256,
                    previous_sha256, chain_sha256, conflict_of, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [review.id, original, remote, p.commit, p.author, p.signed, Data(p.document), p.chain.recordSha256,
                                 p.chain.previousSha256, p.chain.chainSha256, taken ? original : nil, Date().timeIntervalSince1970])
            return taken ? .conflict(id: original, keptAs: review.id) : .imported(id: review.id)
        }
    }

    /// Where imported reviews came from, and which of them conflict: review id → note.
    public func importNotes() throws(InputError) -> [String: String] {
        try read { db in
            var notes: [String: String] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT review_id, remote, conflict_of FROM imported_records") {
                let conflict: String? = r["conflict_of"]
                notes[r["review_id"]] = conflict.map { "conflicts with \($0)" } ?? "from \(r["remote"] as String)"
                if let conflict { notes[conflict] = "conflicts with \(r["review_id"] as String)" }
            }
            return notes
        }
    }
}
