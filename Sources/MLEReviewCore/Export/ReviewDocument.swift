import Foundation

/// The whole review as one versioned JSON document (`"schema": "mle-review/1"`), which
/// `import` reads back without loss. The verdict is included for readers and ignored on import.
public enum ReviewDocument {
    public static let schema = "mle-review/1"

    struct Document: Codable {
        var schema: String
        var review: Review
        var verdict: VerdictSummary?
        /// For a finished review: its record's hashes, which `import` checks the review against.
        var record: RecordSummary?
    }

    public struct RecordSummary: Codable, Sendable, Equatable {
        public var sha256: String
        public var previousSha256: String
        public var chainSha256: String
    }

    /// A review document as read: the review, and for a finished one the record it claims.
    public struct Parsed: Sendable {
        public var review: Review
        public var record: RecordSummary?
    }

    struct VerdictSummary: Codable {
        var decision: Decision
        var computed: Decision
        var reasons: [String]
        var missing: [String]
        var primaryRisks: [RiskCategory]
        /// Present when some primary risk is only guessed from findings' words.
        var guessedRisks: [RiskCategory]?
        var overrideRefused: String?
        var overrideLapsed: String?
    }

    public static func render(_ c: ExportContext) -> String {
        let v = c.verdict
        let doc = Document(schema: schema, review: c.review,
                           verdict: VerdictSummary(decision: v.decision, computed: v.computed, reasons: v.reasons.map(\.message),
                                                   missing: v.missing.map(\.message), primaryRisks: v.primaryRisks,
                                                   guessedRisks: v.guessedRisks.isEmpty ? nil : v.guessedRisks,
                                                   overrideRefused: v.overrideRefusal, overrideLapsed: v.overrideLapsed),
                           record: c.record.map { RecordSummary(sha256: $0.recordSHA256, previousSha256: $0.previousSHA256, chainSha256: $0.chainSHA256) })
        // Encoding plain value types cannot fail.
        let data = try! encoder(pretty: true).encode(doc)
        return escapeInvisibles(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// Sorted keys and millisecond UTC times: the same review always gives the same bytes.
    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, enc in
            var c = enc.singleValueContainer()
            try c.encode(Timestamp.format(date))
        }
        return encoder
    }

    /// The reading side of `encoder`.
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { dec in
            let c = try dec.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected an ISO 8601 time, found '\(text)'")
            }
            return date
        }
        return decoder
    }

    /// Reads a review document; `name` is used in error messages.
    public static func parse(_ bytes: [UInt8], name: String) throws(InputError) -> Review {
        try parseDocument(bytes, name: name).review
    }

    public static func parseDocument(_ bytes: [UInt8], name: String) throws(InputError) -> Parsed {
        let decoder = decoder()
        let probe = try JSONLocation.object(bytes, name: name)
        guard probe["schema"] as? String == schema else {
            throw InputError("\(name): expected \"schema\": \"\(schema)\", found \(probe["schema"].map { "\($0)" } ?? "none")")
        }
        do {
            let doc = try decoder.decode(Document.self, from: Data(bytes))
            return Parsed(review: doc.review, record: doc.record)
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw InputError("\(name): missing \"\(path(ctx.codingPath + [key]))\"")
        } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx), let DecodingError.dataCorrupted(ctx) {
            throw InputError("\(name): at \"\(path(ctx.codingPath))\": \(ctx.debugDescription)")
        } catch {
            throw InputError("\(name): \(error)")
        }
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// JSONEncoder leaves C1 controls, bidi and zero-width characters raw; they can only occur
    /// inside strings, where `\uXXXX` means the same thing and cannot drive a terminal.
    static func escapeInvisibles(_ json: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(json.unicodeScalars.count)
        for s in json.unicodeScalars {
            if s.value >= 0x7F && SafeText.needsEscape(s) {
                let h = String(s.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }
}

/// ISO 8601 UTC times with milliseconds, as every document this tool writes uses them.
public enum Timestamp {
    /// Rounds to the nearest millisecond, so formatting a parsed time gives back the same text:
    /// review records are hashed over these strings.
    public static func format(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(ms >= 0 ? ms / 1000 : (ms - 999) / 1000)
        let millis = Int(ms - Int64(seconds) * 1000)
        var t = tm()
        gmtime_r(&seconds, &t)
        func pad(_ v: Int32, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(t.tm_year + 1900, 4))-\(pad(t.tm_mon + 1, 2))-\(pad(t.tm_mday, 2))T\(pad(t.tm_hour, 2)):\(pad(t.tm_min, 2)):\(pad(t.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }

    public static func parse(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
            ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}
