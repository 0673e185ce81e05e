import Foundation
import Testing
import MLEReviewCore

/// `git format-patch main..feature --stdout` of a branch whose commits change one file twice is
/// two diffs of that file, the second numbering lines after the first. Read as one change, a
/// finding on the first diff's line pointed at another line of the file the pull request shows,
/// and nothing said so.
struct PatchSeriesTests {
    let audit = AuditTests()
    var cli: CommandLineTests { audit.cli }

    @Test func aSeriesThatChangesAFileTwiceSaysSo() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        try repo.commit("train.py", "x = 1\nz = 0\ny = 2\n", "more feature work")
        let series = try Subprocess.run(["git", "-C", repo.path, "format-patch", "main..feature", "--stdout"])
        try Data(series.stdout).write(to: URL(fileURLWithPath: repo.path + "/series.patch"))
        let note = "mle-review: series.patch changes train.py twice (a patch series): earlier diffs number lines as it was then "
            + "(git diff BASE...HEAD gives the combined change)\n"
        for command in ["parse", "scan"] {
            let r = try cli.run([command, "--patch", "series.patch"], in: repo.path)
            #expect(r.status == 0 && r.stderrText == note, "\(command): \(r.stderrText)")
        }
        // One commit's patch, or the combined diff, says nothing.
        let one = try Subprocess.run(["git", "-C", repo.path, "format-patch", "-1", "--stdout"])
        try Data(one.stdout).write(to: URL(fileURLWithPath: repo.path + "/one.patch"))
        let quiet = try cli.run(["parse", "--patch", "one.patch"], in: repo.path)
        #expect(quiet.status == 0 && quiet.stderrText.isEmpty, "\(quiet.stderrText)")
    }
}
