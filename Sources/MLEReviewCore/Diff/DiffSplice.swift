/// Puts other versions of some files into a parsed diff (the same files with more context,
/// say), for showing only: their bytes are appended and their ranges moved to match, so the
/// files that stay keep their bytes where they were.
extension ParsedDiff {
    public func replacing(_ replacements: [Int: (from: ParsedDiff, file: DiffFile)]) -> ParsedDiff {
        guard !replacements.isEmpty else { return self }
        var bytes = self.bytes
        var files = self.files
        for index in replacements.keys.sorted() {
            let (from, file) = replacements[index]!
            let shift = bytes.count - file.byteRange.lowerBound
            bytes += from.bytes[file.byteRange]
            var moved = file
            moved.byteRange = (file.byteRange.lowerBound + shift)..<(file.byteRange.upperBound + shift)
            for h in moved.hunks.indices {
                let s = moved.hunks[h].sectionRange, b = moved.hunks[h].bodyRange
                moved.hunks[h].sectionRange = (s.lowerBound + shift)..<(s.upperBound + shift)
                moved.hunks[h].bodyRange = (b.lowerBound + shift)..<(b.upperBound + shift)
            }
            files[index] = moved
        }
        return ParsedDiff(bytes: bytes, files: files, warnings: warnings)
    }
}
