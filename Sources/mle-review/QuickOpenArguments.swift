import ArgumentParser
import MLEReviewCore

/// The open command's everyday lines (`mle-review main...feature`, `mle-review --patch pr.diff
/// --theme monochrome`), read without swift-argument-parser. The parser finds a command's options
/// by reflection: on the way to the first screen that is 171 first-time protocol-conformance
/// lookups, each a scan of the binary's 7,000 conformance records: 3 to 5 ms of what was a 13 ms
/// first frame.
/// Anything this reader is not sure of (help, a command's name, an option it does not know, a
/// value that looks like an option, an option twice, `--`, a bad role) it leaves to the parser, so
/// what it accepts the parser reads the same way (a test compares the two on generated lines)
/// and every message, help and error still comes from the parser.
enum QuickOpenArguments {
    // Arrays, not sets: a handful of words, and no hashing set up on the way to the first frame.
    private static let options = ["patch", "checklist", "theme", "reviewer", "role", "store"]

    static func read(_ arguments: some Collection<String>) -> OpenRequest? {
        var words = arguments[...]
        if words.first == "open" { words = words.dropFirst() }
        var request = OpenRequest()
        var given: [String] = []
        var positional: String?
        while let word = words.popFirst() {
            guard word.hasPrefix("-") else {
                guard positional == nil, plainValue(word) else { return nil }
                positional = word
                continue
            }
            guard word.hasPrefix("--") else { return nil }
            let option = word.dropFirst(2)
            let name: Substring
            let value: String
            if let equals = option.firstIndex(of: "=") {
                name = option[..<equals]
                value = String(option[option.index(after: equals)...])
            } else {
                guard let next = words.popFirst() else { return nil }
                name = option
                value = next
            }
            let key = String(name)
            guard options.contains(key), !given.contains(key), plainValue(value) || (key == "patch" && value == "-") else { return nil }
            given.append(key)
            switch key {
            case "patch": request.patch = value
            case "checklist": request.settings.checklist = value
            case "theme": request.settings.theme = value
            case "reviewer": request.settings.reviewer = value
            case "store": request.settings.store = value
            default:
                guard let role = ReviewerRole(argument: value) else { return nil }
                request.settings.role = role
            }
        }
        guard positional == nil || request.patch == nil else { return nil }
        request.range = positional
        return request
    }

    /// A word the parser can only take as a value: not empty, not option-shaped, not a command's
    /// name or `help` (which the parser may take as the command wherever it stands).
    private static func plainValue(_ word: String) -> Bool {
        !word.isEmpty && !word.hasPrefix("-") && word != "help" && !MLEReview.commandNames.contains(word)
    }
}
