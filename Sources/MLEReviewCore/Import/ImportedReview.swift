/// What an import file brings: findings (arriving as proposals unless accepted), tests run, and
/// the file's own decision and risks, which are shown but never replace the computed verdict.
public struct ImportedReview: Sendable {
    public var findings: [Finding] = []
    public var testsRun: [TestRun] = []
    public var decision: Decision?
    public var primaryRisks: [String] = []
    /// A whole review document, for the JSON format.
    public var review: Review?
}

public enum ImportFormat: String, Sendable, CaseIterable {
    case text, json, sarif

    /// By content: a JSON object with `runs` is SARIF, one with `schema` a review document.
    public static func detect(_ bytes: [UInt8]) -> ImportFormat {
        guard let first = bytes.first(where: { ![9, 10, 13, 32].contains($0) }), first == UInt8(ascii: "{") else { return .text }
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
            var result = ImportedReview()
            let review = try ReviewDocument.parse(bytes, name: name)
            result.review = review
            result.findings = review.findings
            result.testsRun = review.testsRun
            return result
        }
    }
}
