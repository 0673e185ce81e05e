import Foundation

/// What an import file brings: findings (arriving as proposals unless accepted), tests run, and
/// the file's own decision and risks, which are shown but never replace the computed verdict.
public struct ImportedReview: Sendable {
    public var findings: [Finding] = []
    public var testsRun: [TestRun] = []
    public var decision: Decision?
    public var primaryRisks: [String] = []
    /// A whole review document, for the JSON format.
    public var review: Review?
    /// What the importer had to assume, said once the import is done.
    public var notes: [String] = []
}

public enum ImportFormat: String, Sendable, CaseIterable {
    case text, json, sarif

    /// By content: a JSON object with `runs` is SARIF; any other JSON (a review document, a list
    /// of findings) is JSON.
    public static func detect(_ bytes: [UInt8]) -> ImportFormat {
        guard let first = bytes.first(where: { ![9, 10, 13, 32].contains($0) }) else { return .text }
        // `[HIGH] Title` opens a text review as `[` opens a JSON list: only valid JSON is JSON.
        if first == UInt8(ascii: "[") { return (try? JSONSerialization.jsonObject(with: Data(bytes))) is [Any] ? .json : .text }
        guard first == UInt8(ascii: "{") else { return .text }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        if head.contains("\"runs\"") || head.contains("sarif") { return .sarif }
        return .json
    }

    public func parse(_ bytes: [UInt8], name: String) throws(InputError) -> ImportedReview {
        switch self {
        case .text:
            guard let text = String(validating: bytes, as: UTF8.self) else { throw InputError("\(name): not valid UTF-8 text") }
            return try TextImport.parse(text, name: name)
        case .sarif:
            return try SARIFImport.parse(bytes, name: name)
        case .json:
            if let value = try? JSONSerialization.jsonObject(with: Data(bytes)), FindingListImport.isFindingList(value) {
                let parsed = try FindingListImport.parse(value, name: name)
                var result = parsed.review
                if parsed.withoutSeverity > 0 {
                    result.notes.append("\(parsed.withoutSeverity) of them gave no severity: proposed as MEDIUM (accepting one keeps that; e edits it)")
                }
                if parsed.replies > 0 { result.notes.append("\(parsed.replies) repl\(parsed.replies == 1 ? "y" : "ies") in comment threads left out") }
                return result
            }
            var result = ImportedReview()
            let review = try ReviewDocument.parse(bytes, name: name)
            result.review = review
            result.findings = review.findings
            result.testsRun = review.testsRun
            return result
        }
    }
}
