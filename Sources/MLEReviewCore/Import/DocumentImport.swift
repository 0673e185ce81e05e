import Foundation

/// Importing a whole review document (`export --format json`): an open review arrives as the
/// open review it was, each finding keeping its state, author and times; a finished one arrives
/// as a finished record, after its content is checked against the record hash it carries.
public enum DocumentImport {
    public static func importDocument(_ parsed: ReviewDocument.Parsed, name: String, into store: ReviewStore) throws(InputError) -> String {
        let review = parsed.review
        if let finish = review.finish {
            guard let record = parsed.record else {
                throw InputError("\(name): review \(review.id) is finished but the document carries no record hashes; nothing imported")
            }
            let document = ReviewRecord.canonical(review)
            guard Hashing.sha256Hex(document) == record.sha256 else {
                throw InputError("\(name): review \(review.id) does not match its record hash (changed after it was finished); nothing imported")
            }
            let published = ReviewRefs.Published(
                ref: "file:" + name, commit: "", author: finish.finishedBy ?? "", signed: false, document: document,
                chain: ReviewRefs.Chain(recordSha256: record.sha256, previousSha256: record.previousSha256,
                                        chainSha256: record.chainSha256, sequence: 0),
                diff: [], checklist: nil, review: review)
            switch try store.importPublished(published, remote: "file:" + name) {
            case .imported(let id):
                return "imported finished review \(id) from \(name) as a finished record (\(finish.decision.rawValue), record hash checked)"
            case .alreadyHave(let id):
                return "finished review \(id) from \(name) is already in the store: nothing changed"
            case .conflict(let id, let keptAs):
                return "another review \(id) is in the store: \(name)'s finished review kept beside it as \(keptAs), both flagged"
            }
        }
        if (try? store.load(review.id)) != nil {
            let summary = try store.importFindings(review.findings, testsRun: review.testsRun, into: .existing(review.id), inDiff: { _ in true })
            return "review \(review.id) from \(name) is already in the store: \(summary.line)"
        }
        try store.insert(review)
        let byStatus = Dictionary(grouping: review.findings, by: \.status).mapValues(\.count)
        let findings = "\(review.findings.count) finding\(review.findings.count == 1 ? "" : "s")" + (byStatus.isEmpty ? "" : " (" + ImportSummary.counts(byStatus) + ")")
        return "imported open review \(review.id) from \(name): \(findings), states kept; \(review.testsRun.count) test run(s)"
    }
}
