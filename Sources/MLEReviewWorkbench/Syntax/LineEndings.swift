import MLEReviewCore

/// A file whose changed lines went from CRLF to LF (or back): its removed and added lines look
/// the same, the only difference a ␍ past the pane's right edge. The file's header says so.
enum LineEndings {
    /// `CRLF → LF` when removed lines ended in CR and no added line does (`… on 48 of 154 removed
    /// lines` when not all did), `LF → CRLF` the other way, else nil.
    static func change(in hunks: [Hunk], bytes: [UInt8]) -> String? {
        var removed = 0, removedCR = 0, added = 0, addedCR = 0
        // Line by line with memchr: a file header scrolled into view must not cost a key its frame.
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for h in hunks {
                var start = h.bodyRange.lowerBound
                let end = min(h.bodyRange.upperBound, buffer.count)
                while start < end {
                    let stop = Bytes.index(of: 10, in: base, from: start, count: end) ?? end
                    let cr = stop > start && base[stop - 1] == 13
                    switch base[start] {
                    case UInt8(ascii: "-"): removed += 1; if cr { removedCR += 1 }
                    case UInt8(ascii: "+"): added += 1; if cr { addedCR += 1 }
                    default: break
                    }
                    start = stop + 1
                }
            }
        }
        guard removed > 0, added > 0 else { return nil }
        // Made-With-ML's CSV: 48 of its 154 removed lines ended in CR, none of the added ones.
        if removedCR > 0 && addedCR == 0 { return "CRLF → LF" + (removedCR == removed ? "" : " on \(removedCR) of \(removed) removed lines") }
        if addedCR > 0 && removedCR == 0 { return "LF → CRLF" + (addedCR == added ? "" : " on \(addedCR) of \(added) added lines") }
        return nil
    }
}
