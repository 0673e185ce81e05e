import Foundation
import MLEReviewCore
import Testing

/// Reviews travelling through git: two clones and a bare origin in a temporary folder.
struct TeamTests {
    let cli = CommandLineTests()

    struct World {
        let root: String
        var origin: String { root + "/origin.git" }
        func clone(_ name: String) -> AuditTests.Repo { AuditTests.Repo(path: root + "/" + name) }
        func store(_ name: String) -> String { root + "/\(name).sqlite" }
    }

    func world() throws -> World {
        let w = World(root: try cli.tempDirectory())
        _ = try Subprocess.run(["git", "init", "-q", "--bare", "-b", "main", w.origin])
        let a = w.clone("a")
        _ = try Subprocess.run(["git", "clone", "-q", w.origin, a.path])
        try a.git("config", "user.name", "Ada")
        try a.git("config", "user.email", "ada@example.com")
        try a.commit("train.py", "x = 1\n", "base")
        try a.git("checkout", "-qb", "feature")
        try a.commit("train.py", "x = 1\nscaler.fit(X)\n", "feature work")
        try a.git("push", "-q", "origin", "main", "feature")
        for name in ["b", "c"] {
            let c = w.clone(name)
            _ = try Subprocess.run(["git", "clone", "-q", w.origin, c.path])
            try c.git("config", "user.name", name == "b" ? "Lead" : "Grace")
            try c.git("config", "user.email", "\(name)@example.com")
        }
        return w
    }

    /// A review of `range` in a clone, with one finding, finished through the command line.
    func finishedReview(_ w: World, in clone: String, range: String, severity: Severity, reviewer: String) throws -> String {
        let repo = w.clone(clone)
        let store = try ReviewStore(path: w.store(clone))
        let input = try ReviewInput.range(range, repository: GitRepository(directory: repo.path))
        let id = try store.openReview(input, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: reviewer), resume: false).id
        try store.saveFinding(id, Finding(severity: severity, title: "Scaler fitted on all rows", location: Location(path: "train.py", line: 2),
                                          issue: "leak", fix: "fit on train", risk: .dataLeakage, author: reviewer))
        let r = try cli.run(["finish", id, "--reviewer", reviewer, "--store", w.store(clone)], in: repo.path)
        try #require(r.status == 0, "\(r.stderrText)")
        return id
    }

    func mle(_ w: World, _ clone: String, _ args: String...) throws -> Subprocess.Result {
        try cli.run(args + (["publish", "pull", "log", "show"].contains(args[0]) ? ["--store", w.store(clone)] : []), in: w.clone(clone).path)
    }

    @Test func aReviewPublishedInOneCloneIsPulledAuditedAndGatesTheMerge() throws {
        let w = try world()
        defer { try? FileManager.default.removeItem(atPath: w.root) }
        let id = try finishedReview(w, in: "a", range: "main...feature", severity: .medium, reviewer: "Ada")

        let published = try mle(w, "a", "publish", id)
        #expect(published.status == 0 && published.stdoutText.hasPrefix("published \(id) as refs/mle-review/reviews/\(id)"), "\(published.stderrText)")
        #expect(try mle(w, "a", "publish", id).stdoutText == "\(id) was already published as refs/mle-review/reviews/\(id)\n")
        let commit = try w.clone("a").git("cat-file", "-p", "refs/mle-review/reviews/\(id)")
        #expect(commit.contains("author Ada <") && commit.contains("mle-review: APPROVE WITH WARNINGS \(id)"))
        let pushed = try mle(w, "a", "push")
        #expect(pushed.status == 0 && pushed.stderrText.contains("running: git push origin refs/mle-review/reviews/*:refs/mle-review/reviews/*"))

        let pulled = try mle(w, "b", "pull")
        #expect(pulled.status == 0, "\(pulled.stderrText)")
        #expect(pulled.stdoutText == "imported \(id): APPROVE WITH WARNINGS by Ada\n")
        #expect(pulled.stderrText.contains("1 imported, 0 already here, 0 conflicting, 0 refused"))
        #expect(try mle(w, "b", "pull").stderrText.contains("0 imported, 1 already here"))
        let log = try mle(w, "b", "log")
        let line = try #require(log.stdoutText.split(separator: "\n").first { $0.hasPrefix(id) })
        #expect(line.contains("Ada") && line.contains("WARNINGS") && line.contains("from origin"), "\(log.stdoutText)")
        #expect(try mle(w, "b", "show", id).stdoutText.contains("[MEDIUM] Scaler fitted on all rows"))
        // The imported review is checked like a local one.
        #expect(try cli.run(["log", "--verify", "--store", w.store("b")]).status == 0)

        // The gate, in clone b (a CI checkout): the head of origin/feature is covered.
        let ok = try mle(w, "b", "verify", "origin/feature")
        // Finished with the checklist untouched, and the gate says so.
        #expect(ok.status == 0 && ok.stdoutText.hasPrefix("ok: APPROVE WITH WARNINGS (finished with ") && ok.stdoutText.contains(" undone) by Ada on "),
                "\(ok.stdoutText)\(ok.stderrText)")
        let strict = try mle(w, "b", "verify", "origin/feature", "--require", "approve")
        #expect(strict.status == 1 && strict.stderrText.contains("decision APPROVE WITH WARNINGS (finished with "), "\(strict.stderrText)")
        let json = try mle(w, "b", "verify", "origin/feature", "--format", "json")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
        #expect(doc["passed"] as? Bool == true && doc["review"] as? String == id)

        // A new commit: the review no longer covers the head.
        let a = w.clone("a")
        try a.commit("train.py", "x = 1\nscaler.fit(X_train)\n", "fix")
        try a.git("push", "-q", "origin", "feature")
        try w.clone("b").git("fetch", "-q", "origin")
        let newHead = try a.git("rev-parse", "HEAD")
        let stale = try mle(w, "b", "verify", "origin/feature")
        #expect(stale.status == 1)
        #expect(stale.stderrText.contains("no review covers \(newHead.prefix(7)): review \(id) is of") && stale.stderrText.contains("stale since commit \(newHead.prefix(7))"))

        // A BLOCK on the new head fails the gate, naming who and when.
        let block = try finishedReview(w, in: "a", range: "main...feature", severity: .high, reviewer: "Ada")
        #expect(try mle(w, "a", "publish", block).status == 0)
        #expect(try mle(w, "a", "push").status == 0)
        #expect(try mle(w, "b", "pull").status == 0)
        let blocked = try mle(w, "b", "verify", "origin/feature")
        #expect(blocked.status == 1 && blocked.stderrText.contains("decision BLOCK by Ada on"), "\(blocked.stderrText)")
    }

    /// The reviewer who finished a review and pushes (a pre-push hook runs verify) was told only
    /// "no published review covers X (fetch refs/mle-review/*)": the gate now says the review here
    /// is finished but not published, or still open, and what to run.
    @Test func theGateSaysWhenTheReviewOfTheHeadIsHereButNotPublished() throws {
        let w = try world()
        defer { try? FileManager.default.removeItem(atPath: w.root) }
        let head = String(try w.clone("a").git("rev-parse", "feature").prefix(7))
        let store = try ReviewStore(path: w.store("a"))
        let input = try ReviewInput.range("main...feature", repository: GitRepository(directory: w.clone("a").path))
        let open = try store.openReview(input, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada"), resume: false).id
        let waiting = try mle(w, "a", "verify", "feature", "--store", w.store("a"))
        #expect(waiting.status == 1)
        #expect(waiting.stderrText == "mle-review: no published review covers \(head) (no review refs here: fetch refs/mle-review/*); "
                + "review \(open) of it is still open in this repository's store: finish it, then mle-review publish \(open)\n")

        let id = try finishedReview(w, in: "a", range: "main...feature", severity: .medium, reviewer: "Ada")
        let unpublished = try mle(w, "a", "verify", "feature", "--store", w.store("a"))
        #expect(unpublished.status == 1)
        #expect(unpublished.stderrText.hasSuffix("; review \(id) of it (APPROVE WITH WARNINGS) is finished in this repository's store but not published: "
                + "mle-review publish \(id)\n"), "\(unpublished.stderrText)")
        // The store is only read: a gate run where there is none creates none.
        #expect(try mle(w, "b", "verify", "origin/feature").status == 1)
        #expect(!FileManager.default.fileExists(atPath: w.clone("b").path + "/.git/mle-review"))
        #expect(try mle(w, "a", "publish", id).status == 0)
        let ok = try mle(w, "a", "verify", "feature", "--store", w.store("a"))
        #expect(ok.status == 0 && !ok.stdoutText.contains("store"), "\(ok.stderrText)")
    }

    /// The branch moved on after a review finished here: the gate said only "no published review
    /// covers X (no review refs here)", as if nobody had looked. It now names the review, how far
    /// behind it is, and the command that carries it forward; a published one is not said twice.
    @Test func theGateNamesAReviewHereOfAnEarlierHead() throws {
        let w = try world()
        defer { try? FileManager.default.removeItem(atPath: w.root) }
        let id = try finishedReview(w, in: "a", range: "main...feature", severity: .medium, reviewer: "Ada")
        let a = w.clone("a")
        let old = String(try a.git("rev-parse", "feature").prefix(7))
        try a.git("checkout", "-q", "feature")
        try a.commit("train.py", "x = 2\nscaler.fit(X_train)\n", "tweak")
        let head = String(try a.git("rev-parse", "HEAD").prefix(7))
        let moved = try mle(w, "a", "verify", "feature", "--store", w.store("a"))
        #expect(moved.status == 1)
        #expect(moved.stderrText == "mle-review: no published review covers \(head) (no review refs here: fetch refs/mle-review/*); "
                + "review \(id) (finished APPROVE WITH WARNINGS) in this repository's store is of \(old), 1 commit behind: "
                + "mle-review main...feature carries it forward onto \(head)\n", "\(moved.stderrText)")
        #expect(try mle(w, "a", "publish", id).status == 0)
        let published = try mle(w, "a", "verify", "feature", "--store", w.store("a"))
        #expect(published.status == 1 && published.stderrText.contains("review \(id) is of \(old)"), "\(published.stderrText)")
        #expect(!published.stderrText.contains("in this repository's store"), "\(published.stderrText)")
    }

    /// `mle-review` with no range reviews the uncommitted changes. Once they were committed as
    /// reviewed, the log called the review "stale: diff changed (base moved)" and the gate said no
    /// published review covered the commit: a reviewer who reviews before committing could never
    /// pass it. The commit they became is covered now, and only that commit; later commits and
    /// other edits make it stale, and the log and the gate say how.
    @Test func aReviewOfUncommittedChangesCoversTheCommitTheyBecome() throws {
        let w = try world()
        defer { try? FileManager.default.removeItem(atPath: w.root) }
        let repo = w.clone("a")
        let base = try repo.git("rev-parse", "HEAD")
        try repo.write("train.py", "x = 1\nscaler.fit(X_train)\n")
        try repo.write("serve.py", "import pickle\n")
        let store = try ReviewStore(path: w.store("a"))
        let id = try store.openReview(try ReviewInput.range("HEAD", repository: GitRepository(directory: repo.path)),
                                      checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada"), resume: false).id
        #expect(try cli.run(["finish", id, "--reviewer", "Ada", "--allow-incomplete", "--store", w.store("a")], in: repo.path).status == 0)
        #expect(try mle(w, "a", "publish", id).status == 0)
        func stale() throws -> String? {
            let r = try mle(w, "a", "log", "--json")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [[String: Any]], "\(r.stderrText)")
            return (rows.first { $0["id"] as? String == id }?["stale"] as? [String: Any])?["how"] as? String
        }
        #expect(try stale() == "current")
        let uncommitted = try mle(w, "a", "verify")
        #expect(uncommitted.status == 1 && uncommitted.stderrText.contains(
            "no review covers \(base.prefix(7)): review \(id) is of uncommitted changes on \(base.prefix(7)), and \(base.prefix(7)) is that commit without them"),
                "\(uncommitted.stderrText)")

        try repo.git("add", "-A")
        try repo.git("commit", "-qm", "fit on train, serve")
        let head = try repo.git("rev-parse", "HEAD")
        #expect(try stale() == "current")
        let shown = try mle(w, "a", "show", id).stdoutText
        #expect(shown.contains("Branch: current (its changes committed as \(head.prefix(12)))\n"), "\(shown)")
        let ok = try mle(w, "a", "verify")
        // (Finished short of the checklist, which the gate says too.)
        #expect(ok.status == 0 && ok.stdoutText.hasPrefix("ok: APPROVE (finished with ") && ok.stdoutText.hasSuffix(
            " by Ada on \(String(Timestamp.format(Date()).prefix(10))) covers \(head.prefix(7)) (review \(id), of the uncommitted changes on \(base.prefix(7)), committed as reviewed)\n"),
                "\(ok.stdoutText)\(ok.stderrText)")
        // Edits not yet committed do not undo the commit that was reviewed.
        try repo.write("train.py", "x = 2\n")
        #expect(try stale() == "current")
        #expect(try mle(w, "a", "verify").status == 0)

        try repo.git("commit", "-qam", "more")
        let next = try repo.git("rev-parse", "HEAD")
        #expect(try stale() == "stale: 1 new commit (head \(next.prefix(7)))")
        let behind = try mle(w, "a", "verify")
        #expect(behind.status == 1 && behind.stderrText.contains(
            "no review covers \(next.prefix(7)): review \(id) is of \(head.prefix(7)), 1 commit behind (stale since commit \(next.prefix(7)))"), "\(behind.stderrText)")

        // Reviewed, then changed before committing: the review is of other changes than the commit's.
        try repo.git("reset", "-q", "--hard", base)
        try repo.write("train.py", "x = 1\nscaler.fit(X_train)\n")
        try repo.write("serve.py", "import pickle\n")
        #expect(try stale() == "current")
        try repo.write("serve.py", "import pickle\nmodel = pickle.load(open('m.pkl', 'rb'))\n")
        #expect(try stale() == "stale: the work tree changed since (the uncommitted changes are not the ones reviewed)")
        try repo.git("add", "-A")
        try repo.git("commit", "-qm", "fit on train, load a pickle")
        let other = try repo.git("rev-parse", "HEAD")
        let refused = try mle(w, "a", "verify")
        #expect(refused.status == 1 && refused.stderrText.contains(
            "review \(id) is of uncommitted changes on \(base.prefix(7)), and \(base.prefix(7))..\(other.prefix(7)) is not the diff it reviewed"),
                "\(refused.stderrText)")
    }

    /// Every taken hint and every finding written from the checklist pane is filed under a
    /// checklist section and item. Such a review must publish, pull and gate like any other, and
    /// its JSON must bring the filing back: the record's reader once dropped `section_id` and
    /// `item_id`, so the gate refused the record as "not in canonical form".
    @Test func aReviewWithFindingsFiledUnderChecklistItemsPublishesPullsAndGates() throws {
        let w = try world()
        defer { try? FileManager.default.removeItem(atPath: w.root) }
        let repo = w.clone("a")
        let store = try ReviewStore(path: w.store("a"))
        let input = try ReviewInput.range("main...feature", repository: GitRepository(directory: repo.path))
        let id = try store.openReview(input, checklist: ChecklistLoader.builtIn, reviewer: Reviewer(name: "Ada"), resume: false).id
        let section = try #require(ChecklistLoader.builtIn.sections.first { !$0.items.isEmpty })
        try store.saveFinding(id, Finding(severity: .medium, title: "Scaler fitted on all rows", location: Location(path: "train.py", line: 2),
                                          issue: "leak", fix: "fit on train", sectionID: section.id, itemID: section.items[0].id,
                                          risk: .dataLeakage, author: "Ada"))
        let json = w.root + "/r.json"
        #expect(try cli.run(["export", id, "--format", "json", "--no-finish", "--output", json, "--store", w.store("a")]).status == 0)
        #expect(try cli.run(["import", json, "--store", w.store("c")]).status == 0)
        let imported = try #require(try ReviewStore(path: w.store("c")).load(id).findings.first)
        #expect(imported.sectionID == section.id && imported.itemID == section.items[0].id)

        #expect(try cli.run(["finish", id, "--reviewer", "Ada", "--store", w.store("a")], in: repo.path).status == 0)
        #expect(try mle(w, "a", "publish", id).status == 0)
        let here = try mle(w, "a", "verify", "feature")
        #expect(here.status == 0 && here.stdoutText.hasPrefix("ok: APPROVE WITH WARNINGS (finished with ") && here.stdoutText.contains(" undone) by Ada on "),
                "\(here.stdoutText)\(here.stderrText)")
        #expect(!here.stderrText.contains("canonical"), "\(here.stderrText)")
        #expect(try mle(w, "a", "push").status == 0)
        let pulled = try mle(w, "b", "pull")
        #expect(pulled.stdoutText == "imported \(id): APPROVE WITH WARNINGS by Ada\n", "\(pulled.stderrText)")
        let there = try mle(w, "b", "verify", "origin/feature")
        #expect(there.status == 0, "\(there.stderrText)")
        #expect(try ReviewStore(path: w.store("b")).load(id).findings.first?.itemID == section.items[0].id)
    }

    @Test func unfinishedReviewsCannotBePublishedAndTamperedRecordsAreRefused() throws {
        let w = try world()
        defer { try? FileManager.default.removeItem(atPath: w.root) }
        let store = try ReviewStore(path: w.store("a"))
        let open = try store.openReview(try ReviewInput.range("main...feature", repository: GitRepository(directory: w.clone("a").path)),
                                        checklist: ChecklistLoader.builtIn, reviewer: nil, resume: false).id
        let refused = try mle(w, "a", "publish", open)
        #expect(refused.status == 2 && refused.stderrText.contains("is not finished"))

        let id = try finishedReview(w, in: "a", range: "main...feature", severity: .high, reviewer: "Ada")
        #expect(try mle(w, "a", "publish", id).status == 0 && (try mle(w, "a", "push")).status == 0)
        // Someone with push access turns the BLOCK into an APPROVE in the bare repository.
        let bare = AuditTests.Repo(path: w.origin)
        let ref = "refs/mle-review/reviews/\(id)"
        let record = try bare.git("cat-file", "blob", "\(ref):record.json")
        let forged = record.replacingOccurrences(of: "\"BLOCK\"", with: "\"APPROVE\"")
        try rewrite(ref, in: w, files: ["record.json": Data(forged.utf8)])

        let pulled = try mle(w, "b", "pull")
        #expect(pulled.status == 1)
        #expect(pulled.stderrText.contains("refused refs/mle-review/remotes/origin/\(id): record.json does not match its recorded sha256"))
        #expect(try cli.run(["log", "--json", "--store", w.store("b")]).stdoutText == "[]\n")
        // The gate ignores it too, and says so.
        let gate = try mle(w, "b", "verify", "origin/feature")
        #expect(gate.status == 1 && gate.stderrText.contains("ignored refs/mle-review/remotes/origin/\(id)"))
    }

    /// A record a newer mle-review published holds fields this one does not know (as this
    /// session's `pull_request_comment` is to the one before): it was refused as "not in
    /// canonical form", which reads as tampering. It names the fields and says to upgrade.
    @Test func aRecordFromANewerVersionSaysSoNotTampered() throws {
        let w = try world()
        defer { try? FileManager.default.removeItem(atPath: w.root) }
        let id = try finishedReview(w, in: "a", range: "main...feature", severity: .high, reviewer: "Ada")
        #expect(try mle(w, "a", "publish", id).status == 0 && (try mle(w, "a", "push")).status == 0)
        // The record as a later version would write it: one more field, its hashes made anew.
        let bare = AuditTests.Repo(path: w.origin)
        let ref = "refs/mle-review/reviews/\(id)"
        let record = try bare.git("cat-file", "blob", "\(ref):record.json")
        let newer = record.replacingOccurrences(of: "\"schema\":", with: "\"written_by_a_future_field\":1,\"schema\":")
        #expect(newer != record)
        let chainText = try bare.git("cat-file", "blob", "\(ref):chain.json")
        let old = try #require(try JSONSerialization.jsonObject(with: Data(chainText.utf8)) as? [String: Any])
        let previous = try #require(old["previous_sha256"] as? String)
        let recordHash = Hashing.sha256Hex(Array(newer.utf8))
        var chain = old
        chain["record_sha256"] = recordHash
        chain["chain_sha256"] = ReviewRecord.chain(previous: previous, record: recordHash)
        try rewrite(ref, in: w, files: ["record.json": Data(newer.utf8),
                                         "chain.json": try JSONSerialization.data(withJSONObject: chain, options: [.sortedKeys])])

        let pulled = try mle(w, "b", "pull")
        #expect(pulled.status == 1)
        #expect(pulled.stderrText.contains("refused refs/mle-review/remotes/origin/\(id): record.json has fields this mle-review does not know "
                                           + "(written_by_a_future_field): it was written by a newer one; upgrade to read it"), "\(pulled.stderrText)")
    }

    /// Replaces files of a published review's tree in the bare remote, as someone with push
    /// access could, and points the ref at a commit of the new tree.
    func rewrite(_ ref: String, in w: World, files: [String: Data]) throws {
        let bare = AuditTests.Repo(path: w.origin)
        var tree = try bare.git("ls-tree", ref)
        for (name, bytes) in files {
            try bytes.write(to: URL(fileURLWithPath: w.root + "/" + name))
            let blob = try bare.git("hash-object", "-w", w.root + "/" + name)
            tree = tree.replacingOccurrences(of: try bare.git("rev-parse", "\(ref):\(name)"), with: blob)
        }
        try (tree + "\n").write(toFile: w.root + "/tree.txt", atomically: true, encoding: .utf8)
        let newTree = try Subprocess.run(["sh", "-c", "git -C \"$0\" mktree < \"$1\"", w.origin, w.root + "/tree.txt"]).stdoutText
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try bare.git("update-ref", ref, try bare.git("commit-tree", newTree, "-m", "rewritten"))
    }

    @Test func twoReviewersPublishingAtOnceBothLand() throws {
        let w = try world()
        defer { try? FileManager.default.removeItem(atPath: w.root) }
        try w.clone("c").git("fetch", "-q", "origin")
        try w.clone("c").git("checkout", "-q", "feature")
        let ada = try finishedReview(w, in: "a", range: "main...feature", severity: .medium, reviewer: "Ada")
        let grace = try finishedReview(w, in: "c", range: "origin/main...feature", severity: .high, reviewer: "Grace")
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let clone = i == 0 ? "a" : "c", id = i == 0 ? ada : grace
            let ok = ((try? mle(w, clone, "publish", id))?.status == 0) && ((try? mle(w, clone, "push"))?.status == 0)
            results.set(i, ok)
        }
        #expect(results.all == [true, true])
        let refs = try AuditTests.Repo(path: w.origin).git("for-each-ref", "--format=%(refname)", "refs/mle-review/")
        #expect(Set(refs.split(separator: "\n").map(String.init)) == ["refs/mle-review/reviews/\(ada)", "refs/mle-review/reviews/\(grace)"])
        let pulled = try mle(w, "b", "pull")
        #expect(pulled.stderrText.contains("2 imported"))
    }

    @Test func badRemotesAndPlacesAreOneLine() throws {
        let w = try world()
        defer { try? FileManager.default.removeItem(atPath: w.root) }
        for args in [["pull", "nowhere"], ["push", "nowhere"]] {
            let r = try cli.run(args + (args[0] == "pull" ? ["--store", w.store("b")] : []), in: w.clone("b").path)
            let lines = r.stderrText.split(separator: "\n")
            #expect(r.status == 2 && lines.count == 2 && lines[0].hasPrefix("mle-review: running: git "), "\(r.stderrText)")
            #expect(lines[1].hasPrefix("mle-review: git \(args[0] == "pull" ? "fetch" : "push") nowhere failed: 'nowhere' does not appear to be a git repository"))
        }
        let outside = try cli.run(["verify"], in: w.root)
        #expect(outside.status == 2 && outside.stderrText.contains("not a git repository"))
        let unknown = try cli.run(["verify", "no-such-branch"], in: w.clone("b").path)
        #expect(unknown.status == 2 && unknown.stderrText == "mle-review: verify: unknown revision 'no-such-branch'\n")
    }

    static var sshSigning: Bool { (try? Subprocess.run(["sh", "-c", "command -v ssh-keygen"]))?.status == 0 }

    @Test(.enabled(if: sshSigning, "needs ssh-keygen for git's ssh commit signing"))
    func signedRecordsAreCheckedWithGitsOwnSignatureCheck() throws {
        let w = try world()
        defer { try? FileManager.default.removeItem(atPath: w.root) }
        let a = w.clone("a")
        _ = try Subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ada", "-f", w.root + "/ada"])
        try a.git("config", "gpg.format", "ssh")
        try a.git("config", "user.signingkey", w.root + "/ada.pub")
        try a.git("config", "commit.gpgsign", "true")
        let id = try finishedReview(w, in: "a", range: "main...feature", severity: .medium, reviewer: "Ada")
        #expect(try mle(w, "a", "publish", id).status == 0 && (try mle(w, "a", "push")).status == 0)
        #expect(try a.git("cat-file", "-p", "refs/mle-review/reviews/\(id)").contains("gpgsig"))

        // b trusts Ada's key: the signature verifies and the record is imported.
        let key = try String(contentsOfFile: w.root + "/ada.pub", encoding: .utf8)
        try "ada@example.com \(key)".write(toFile: w.root + "/allowed", atomically: true, encoding: .utf8)
        try w.clone("b").git("config", "gpg.ssh.allowedSignersFile", w.root + "/allowed")
        let trusted = try mle(w, "b", "pull")
        #expect(trusted.status == 0 && trusted.stdoutText.contains("imported \(id)"), "\(trusted.stderrText)")
        // c has no way to check the signature: git verify-commit fails, so the record is refused.
        let untrusted = try mle(w, "c", "pull")
        #expect(untrusted.status == 1 && untrusted.stderrText.contains("signed but git verify-commit rejects the signature"))
    }

    @Test func theSameIdWithOtherContentIsKeptBesideAndFlagged() throws {
        let w = try world()
        defer { try? FileManager.default.removeItem(atPath: w.root) }
        let id = try finishedReview(w, in: "a", range: "main...feature", severity: .medium, reviewer: "Ada")
        #expect(try mle(w, "a", "publish", id).status == 0 && (try mle(w, "a", "push")).status == 0)
        // Clone c's store already holds another finished review under the same id (ids are random,
        // so this takes a copied or forged record; either way nothing may be overwritten).
        let c = try ReviewStore(path: w.store("c"))
        var copy = try ReviewStore(path: w.store("a")).load(id)
        copy.finish = nil
        copy.findings = copy.findings.map { var f = $0; f.id += "-c"; f.severity = .high; return f }
        copy.testsRun = []
        try c.insert(copy)
        try c.finish(id, decision: .block, primaryRisks: [], by: "Grace")
        let pulled = try mle(w, "c", "pull")
        #expect(pulled.status == 0, "\(pulled.stderrText)")
        #expect(pulled.stdoutText.contains("conflict: \(id) from origin differs from the one here; kept both"))
        let log = try mle(w, "c", "log").stdoutText
        #expect(log.contains("conflicts with \(id)~") && log.contains("\(id)~"), "\(log)")
        #expect(try cli.run(["log", "--verify", "--store", w.store("c")]).status == 0)
    }
}

final class Results: @unchecked Sendable {
    private var values: [Bool] = [false, false]
    private let lock = NSLock()
    func set(_ i: Int, _ v: Bool) { lock.lock(); values[i] = v; lock.unlock() }
    var all: [Bool] { lock.lock(); defer { lock.unlock() }; return values }
}
