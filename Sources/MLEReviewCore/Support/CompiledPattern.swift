import Foundation

/// A regular expression compiled once. `range(of:options: .regularExpression)` looks the
/// pattern up in Foundation's cache and bridges the text on every call; the secrets rule asks
/// for one per statement that passes its prefilter. Matching is the same: no options, and a
/// search from `start` sees the text from there on (anchoring bounds, as `range:` gives).
struct CompiledPattern: @unchecked Sendable {
    private let regex: NSRegularExpression

    init(_ pattern: String) {
        // The patterns are the program's own, tested: one that does not compile is a bug.
        regex = try! NSRegularExpression(pattern: pattern)
    }

    func firstRange(in text: String, from start: String.Index? = nil) -> Range<String.Index>? {
        let searched = NSRange((start ?? text.startIndex)..<text.endIndex, in: text)
        let found = regex.rangeOfFirstMatch(in: text, range: searched)
        guard found.location != NSNotFound else { return nil }
        return Range(found, in: text)
    }
}
