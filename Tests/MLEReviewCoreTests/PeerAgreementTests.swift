import Foundation
import MLEReviewCore
import Testing

/// Compares the parser with the peer parser unidiff on its own and whatthepatch's test data and
/// on the real ML diffs. Where the fixtures' READMEs document a peer mistake, git is the truth
/// (see the exceptions below).
@Suite(.enabled(if: SharedFixtures.available, SharedFixtures.reason))
struct PeerAgreementTests {
    /// Samples the peer parsed: it is the oracle for those.
    static func peerParsed(_ entry: [String: Any]) -> Bool { (entry["unidiff"] as? [String: Any])?["ok"] as? Bool == true }

    @Test(arguments: SharedFixtures.sampleNames("peer/expected.json", where: peerParsed))
    func peerSample(name: String) throws {
        try compare(sample: name, results: "peer/expected.json", file: "peer/" + name)
    }

    @Test(arguments: SharedFixtures.sampleNames("ml-prs/peer_results.json", where: peerParsed))
    func mlPullRequest(name: String) throws {
        try compare(sample: name, results: "ml-prs/peer_results.json", file: name)
    }

    /// Where unidiff failed there is no oracle (peer/README.md): ours must still parse them
    /// without a crash, and those samples are few.
    @Test func samplesThePeerCouldNotParseStillParse() throws {
        for results in ["peer/expected.json", "ml-prs/peer_results.json"] {
            let samples = try #require(SharedFixtures.json(results)["samples"] as? [String: Any])
            let failed = samples.filter { !Self.peerParsed($0.value as? [String: Any] ?? [:]) }.keys.sorted()
            #expect(failed.count * 5 < samples.count, "\(results): the peer failed on \(failed.count) of \(samples.count)")
            for name in failed {
                let file = results.hasPrefix("peer/") ? "peer/" + name : name
                guard FileManager.default.fileExists(atPath: SharedFixtures.url(file).path) else { continue }
                _ = DiffParser.parse(try SharedFixtures.bytes(file))
            }
        }
    }

    private func compare(sample: String, results: String, file: String) throws {
        let samples = try #require(SharedFixtures.json(results)["samples"] as? [String: Any])
        let entry = try #require(samples[sample] as? [String: Any], "\(sample)")
        let peer = try #require(entry["unidiff"] as? [String: Any])
        try #require(peer["ok"] as? Bool == true, "\(sample): chosen as a sample the peer parsed")
        let parsed = DiffParser.parse(try SharedFixtures.bytes(file))
        let expected = peer["files"] as? [[String: Any]] ?? []
        try #require(parsed.files.count == expected.count, "\(sample): file count")
        for (mine, theirs) in zip(parsed.files, expected) {
            let label = "\(sample): \(theirs["path"] as? String ?? "?")"
            #expect(mine.path == unquotedPeerPath(theirs["path"] as? String ?? ""), "\(label): path")
            #expect((mine.status == .added) == (theirs["is_added"] as? Bool), "\(label): is_added")
            #expect((mine.status == .deleted) == (theirs["is_removed"] as? Bool), "\(label): is_removed")
            // unidiff calls any non-git file whose two paths differ "renamed" (original/x vs new/x);
            // only git's rename headers make a rename.
            if mine.isGit { #expect((mine.status == .renamed) == (theirs["is_renamed"] as? Bool), "\(label): is_renamed") }
            #expect(mine.isBinary == (theirs["is_binary"] as? Bool), "\(label): is_binary")
            #expect(mine.additions == theirs["added"] as? Int, "\(label): additions")
            #expect(mine.deletions == theirs["removed"] as? Int, "\(label): deletions")
            let hunks = theirs["hunks"] as? [[String: Any]] ?? []
            try #require(mine.hunks.count == hunks.count, "\(label): hunk count")
            for (h, e) in zip(mine.hunks, hunks) {
                let header = "\(label) @@ -\(h.oldStart),\(h.oldCount) +\(h.newStart),\(h.newCount)"
                #expect(h.oldStart == e["source_start"] as? Int, "\(header): source_start")
                #expect(h.oldCount == e["source_length"] as? Int, "\(header): source_length")
                #expect(h.newStart == e["target_start"] as? Int, "\(header): target_start")
                #expect(h.newCount == e["target_length"] as? Int, "\(header): target_length")
                #expect(h.additions == e["added"] as? Int, "\(header): added")
                #expect(h.deletions == e["removed"] as? Int, "\(header): removed")
                // unidiff keeps the CR of a CRLF hunk header in its section text; a CR ends no header here.
                var section = e["section_header"] as? String ?? ""
                if section.hasSuffix("\r") { section.removeLast() }
                #expect(parsed.section(of: h) == section, "\(header): section")
            }
        }
    }

    /// unidiff leaves git's C-quoted paths quoted (a peer mistake, hostile/README.md); compare
    /// with what the quoting stands for.
    private func unquotedPeerPath(_ path: String) -> String {
        guard path.hasPrefix("\"") else { return path }
        let line = "diff --git a/x b/x\n--- /dev/null\n+++ \"b/" + path.dropFirst() + "\n"
        return DiffParser.parse(Array(line.utf8)).files.first?.newPath ?? path
    }
}
