import MLEReviewCore
import Testing

/// The 28 MB Keras 2 → 3 diff: not valid UTF-8, a bare CR mid-line, 12,575-line hunks.
/// Its expected figures come from big/README.md (git apply --numstat agrees with them).
@Suite(.enabled(if: SharedFixtures.available, SharedFixtures.reason))
struct BigDiffTests {
    @Test func parsesWithGitsCounts() throws {
        let gz = SharedFixtures.url("big/keras-v2.15.0-v3.15.1.diff.gz").path
        let result = try Subprocess.run(["gzip", "-dc", gz])
        try #require(result.status == 0, "gzip: \(result.stderrText)")
        #expect(result.stdout.count == 28_267_162)
        let parsed = DiffParser.parse(result.stdout)
        #expect(parsed.files.count == 2652)
        #expect(parsed.additions == 307_193)
        #expect(parsed.deletions == 438_561)
        #expect(parsed.hunkCount == 3250)
        #expect(parsed.files.filter { $0.status == .added }.count == 952)
        #expect(parsed.files.filter { $0.status == .deleted }.count == 1633)
        #expect(parsed.files.filter { $0.status == .renamed }.count == 57)
        #expect(parsed.files.filter(\.isBinary).count == 8)
        #expect(parsed.warnings.isEmpty)
        let longest = parsed.files.flatMap(\.hunks).map(\.lineCount).max()
        #expect(longest == 12_575)
    }
}
