import Foundation

/// The frozen form of a finished review: its canonical JSON and its place in the store's hash
/// chain. Each record's chain hash covers the previous one's, so changing, removing or
/// reordering any finished review shows up when the chain is recomputed.
public struct ReviewRecord: Sendable, Equatable {
    public var sequence: Int
    public var reviewID: String
    /// Canonical JSON (`mle-review-record/1`): compact, sorted keys, millisecond times.
    public var document: [UInt8]
    public var recordSHA256: String
    public var previousSHA256: String
    public var chainSHA256: String

    public static let schema = "mle-review-record/1"
    /// The chain's start: what the first record's `previousSHA256` is.
    public static let genesis = String(repeating: "0", count: 64)

    struct Document: Codable {
        var schema: String
        var review: Review
    }

    public static func canonical(_ review: Review) -> [UInt8] {
        // Encoding plain value types cannot fail.
        let data = try! ReviewDocument.encoder(pretty: false).encode(Document(schema: schema, review: review))
        return Array(ReviewDocument.escapeInvisibles(String(decoding: data, as: UTF8.self)).utf8)
    }

    /// Keys a record holds that its canonical form from this build lacks: fields a newer
    /// mle-review writes (a finding's `pull_request_comment`, say), which this one reads past
    /// and so cannot write back. Sorted; empty when the record has none.
    public static func unknownKeys(_ document: [UInt8], canonical: [UInt8]) -> [String] {
        func keys(_ bytes: [UInt8]) -> Set<String> {
            var out = Set<String>()
            func walk(_ v: Any) {
                if let d = v as? [String: Any] { for (k, x) in d { out.insert(k); walk(x) } }
                else if let a = v as? [Any] { a.forEach(walk) }
            }
            if let v = try? JSONSerialization.jsonObject(with: Data(bytes)) { walk(v) }
            return out
        }
        return keys(document).subtracting(keys(canonical)).sorted()
    }

    public static func chain(previous: String, record: String) -> String {
        Hashing.sha256Hex(Array("\(previous):\(record)".utf8))
    }

    /// The review a record holds; nil when the bytes are not a record.
    public static func review(from document: [UInt8]) -> Review? {
        guard let doc = try? ReviewDocument.decoder().decode(Document.self, from: Data(document)), doc.schema == schema else { return nil }
        return doc.review
    }

    /// Names the top-level parts of the review that differ between two records (`findings`, `items`…).
    static func differingParts(_ a: [UInt8], _ b: [UInt8]) -> [String] {
        func parts(_ bytes: [UInt8]) -> [String: Any] {
            let top = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
            return top?["review"] as? [String: Any] ?? [:]
        }
        let x = parts(a), y = parts(b)
        return Set(x.keys).union(y.keys).sorted().filter { key in
            !NSDictionary(dictionary: [key: x[key] ?? NSNull()]).isEqual(to: [key: y[key] ?? NSNull()])
        }
    }
}
