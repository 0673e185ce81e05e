import ArgumentParser
import MLEReviewCore

/// The review a command acts on: one declaration for every command that takes one.
struct ReviewArgument: ParsableArguments {
    @Argument(help: "The review: an id, an id prefix, or `latest`.")
    var review: String = "latest"
}

// The command line's choices are the domain's own types: parsing, help and shell completion
// list the same values, and an unknown one is refused by the parser with the list.
extension ReviewerRole: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
extension ImportFormat: ExpressibleByArgument {}
extension MergeGate.Requirement: ExpressibleByArgument {}

extension Decision: ExpressibleByArgument {
    public init?(argument: String) { self.init(loose: argument) }
    /// The short names the filters use (`APPROVE WITH WARNINGS` is `warnings`).
    public var argumentName: String { self == .approve ? "approve" : self == .block ? "block" : "warnings" }
    public static var allValueStrings: [String] { allCases.map(\.argumentName) }
}

extension Severity: ExpressibleByArgument {
    public init?(argument: String) { self.init(loose: argument) }
}

extension RiskCategory: ExpressibleByArgument {
    public init?(argument: String) { self.init(loose: argument) }
    /// `data leakage` as a word: `data-leakage`.
    public var argumentName: String { rawValue.replacingOccurrences(of: " ", with: "-") }
    public static var allValueStrings: [String] { allCases.map(\.argumentName) }
}

enum TextJSONFormat: String, CaseIterable, ExpressibleByArgument { case text, json }
enum HintFormat: String, CaseIterable, ExpressibleByArgument { case text, json, sarif }

/// A file argument as messages name it: `-` is standard input, which has no name of its own
/// (`-:1:` in an error, and every piped AI review one source in stats).
func inputName(_ path: String) -> String { path == "-" ? "stdin" : path }
