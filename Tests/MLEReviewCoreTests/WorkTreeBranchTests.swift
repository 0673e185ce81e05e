import Foundation
import Testing
@testable import MLEReviewCore

/// A review of uncommitted changes (`mle-review HEAD`) belongs to the branch they were on. It
/// was judged by whatever was checked out when the log ran: a lead on main saw "work tree
/// changed" for a review whose changes were committed on the feature branch as reviewed.
struct WorkTreeBranchTests {
    let audit = AuditTests()
    var cli: CommandLineTests { audit.cli }

    func logRow(_ repo: AuditTests.Repo, store: String, id: String) throws -> (row: String, how: String?, footer: String) {
        let table = try cli.run(["log", "--store", store], in: repo.path).stdoutText
        let json = try cli.run(["log", "--json", "--store", store], in: repo.path)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [[String: Any]], "\(json.stderrText)")
        let how = (rows.first { $0["id"] as? String == id }?["stale"] as? [String: Any])?["how"] as? String
        let lines = table.split(separator: "\n").map(String.init)
        return (lines.first { $0.hasPrefix(id) } ?? "", how, lines.last ?? "")
    }

    @Test func aWorkTreeReviewIsJudgedByItsBranchNotTheOneCheckedOut() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let store = repo.path + "/.git/s.sqlite"
        try repo.write("train.py", "x = 1\ny = 2\nz = 3\n")
        let id = try audit.reviewAndFinish(repo, "HEAD", store: store)
        let reviewed = try logRow(repo, store: store, id: id)
        #expect(reviewed.how == "current" && reviewed.row.contains("..uncommitted on feature"), "\(reviewed.row)")

        // Put away and look from main: where the changes are cannot be seen, which is not stale.
        try repo.git("stash", "-q")
        try repo.git("checkout", "-q", "main")
        let away = try logRow(repo, store: store, id: id)
        #expect(away.how == "unknown: uncommitted changes on feature, which is not checked out here, and not committed on it", "\(away.how ?? "")")
        #expect(away.row.hasSuffix("on feature") && away.footer == "1 review", "\(away.row)\n\(away.footer)")

        // Committed on feature as reviewed: current, from main as from feature.
        try repo.git("checkout", "-q", "feature")
        try repo.git("stash", "pop", "-q")
        try repo.git("commit", "-qam", "z")
        let committed = try repo.git("rev-parse", "HEAD")
        try repo.git("checkout", "-q", "main")
        #expect(try logRow(repo, store: store, id: id).how == "current")
        let show = try cli.run(["show", id, "--store", store], in: repo.path).stdoutText
        #expect(show.contains("..work tree of feature)") && show.contains("(its changes committed as \(committed.prefix(12)))"), "\(show)")

        // Built on afterwards: the new commit is what is new.
        try repo.git("checkout", "-q", "feature")
        try repo.commit("train.py", "x = 1\ny = 2\nz = 4\n", "more")
        try repo.git("checkout", "-q", "main")
        let moved = try repo.git("rev-parse", "feature")
        #expect(try logRow(repo, store: store, id: id).how == "stale: 1 new commit (head \(moved.prefix(7)))")
    }

    /// Another branch's work in progress is another change: its ticks were offered as the
    /// "previous review" of any review of `HEAD`, on whatever branch.
    @Test func anotherBranchsWorkInProgressIsNotOfferedToCarryForward() throws {
        let repo = try audit.repository()
        defer { try? FileManager.default.removeItem(atPath: repo.path) }
        let store = try ReviewStore(path: repo.path + "/.git/s.sqlite")
        try repo.write("train.py", "x = 1\ny = 2\nz = 3\n")
        let git = GitRepository(directory: repo.path)
        let first = try store.openReview(try ReviewInput.range("HEAD", repository: git), checklist: ChecklistLoader.builtIn, reviewer: nil).id
        try repo.git("stash", "-q")
        try repo.git("checkout", "-qb", "other", "main")
        try repo.write("train.py", "x = 5\n")
        let second = try ReviewInput.range("HEAD", repository: git)
        let id = try store.openReview(second, checklist: ChecklistLoader.builtIn, reviewer: nil).id
        #expect(try store.previousReview(of: second.source, excluding: id) == nil)
        // Back on feature with other changes: its own earlier review is the one offered.
        try repo.git("checkout", "-q", ".")
        try repo.git("checkout", "-q", "feature")
        try repo.write("train.py", "x = 1\ny = 2\nz = 9\n")
        let third = try ReviewInput.range("HEAD", repository: git)
        let thirdID = try store.openReview(third, checklist: ChecklistLoader.builtIn, reviewer: nil).id
        #expect(try store.previousReview(of: third.source, excluding: thirdID) == first)
    }
}
