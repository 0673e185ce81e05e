import Foundation
import Testing
import MLEReviewCore

/// A checklist item said only pass, fail or n/a: the lead reading "n/a" on seven items of an
/// area could not tell a considered call from a skipped one. `e` writes why, on an item or, on a
/// section's header, once for every undecided item of it.
@Suite(.serialized, .enabled(if: Tmux.available, "needs tmux (Debian package tmux; .ci/run installs it)"))
struct ItemNoteJourneyTests {
    @Test func aNoteSaysWhyAnItemOrAWholeAreaIsDecided() throws {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        defer { t.stop() }
        try t.waitFor("✓ saved")
        t.keys("Tab", "j", "e")
        try t.waitFor("┌─ Note: Start Here › Change is reviewable")
        t.type("Two files, one concern; read whole.")
        t.keys("BTab", "Right")
        try t.waitFor("State  ◀ pass ▶")
        t.keys("C-s")
        try t.waitFor("Change is reviewable: pass with a note")
        t.keys("i")
        try t.waitFor("note (Ada): Two files, one")
        let row = t.screen().split(separator: "\n").first { $0.contains("[✓] Change is reviewable") }
        #expect(row?.contains("✎") == true, "\(t.screen())")

        // On a section's header: one note for its undecided items; the decided one keeps its own.
        t.keys("i", "h", "j", "e")
        try t.waitFor("┌─ 7 undecided items of Problem Framing and Decision Quality")
        t.type("A library bug fix: no product decision changes.")
        t.keys("C-s")
        try t.waitFor("7 items: n/a with a note")
        t.keys("q")
        try t.waitForExit()

        let shown = try Subprocess.run([Tmux.binary, "show", "latest", "--store", t.store])
        #expect(shown.status == 0, "\(shown.stderrText)")
        let show = String(decoding: shown.stdout, as: UTF8.self)
        #expect(show.components(separatedBy: "note: A library bug fix: no product decision changes.").count == 8, "\(show)")
        #expect(show.contains("[x] Change is reviewable  (Ada)\n      note: Two files, one concern; read whole."), "\(show)")
        let md = String(decoding: try Subprocess.run([Tmux.binary, "export", "latest", "--format", "markdown", "--no-finish", "--allow-incomplete", "--store", t.store]).stdout, as: UTF8.self)
        #expect(md.contains("#### Checklist notes\n\n- **Start Here › Change is reviewable** (pass, Ada): Two files, one concern; read whole.\n"),
                "\(md)")
        #expect(md.contains("- **Problem Framing and Decision Quality › Starts from a decision** (n/a, Ada): A library bug fix"), "\(md)")
    }

    /// Ada on the demo with the note form open on its first item; Bo has joined.
    func adaWritingANoteWithBoJoined() throws -> Tmux {
        let t = try Tmux.start(arguments: ["--patch", "pr.diff", "--reviewer", "Ada"])
        do {
            try t.waitFor("✓ saved")
            try t.startSecond("bo", shell: "BIN join latest --reviewer Bo --store STORE")
            try t.waitFor("joined review", in: "bo")
            t.keys("Tab", "j", "e")
            try t.waitFor("┌─ Note: Start Here › Change is reviewable")
        } catch {
            t.stop()
            throw error
        }
        return t
    }

    /// A pair: Bo hears Ada's note, and his tick on the item keeps it.
    @Test func aPartnersTickKeepsTheNote() throws {
        let t = try adaWritingANoteWithBoJoined()
        defer { t.stop() }
        t.type("Small enough to read whole.")
        t.keys("C-s")
        try t.waitFor("Change is reviewable: note saved; still undecided")
        try t.waitFor("Ada wrote a note on \"Change is reviewable\"", seconds: 3, in: "bo")
        t.keys(to: "bo", "Tab", "j", "p")
        try t.waitFor("Change is reviewable: pass", in: "bo")
        try t.waitFor("Bo set \"Change is reviewable\" to pass", seconds: 3)
        t.keys(to: "bo", "q")
        t.keys("q")
        try t.waitForExit()
        let show = String(decoding: try Subprocess.run([Tmux.binary, "show", "latest", "--store", t.store]).stdout, as: UTF8.self)
        #expect(show.contains("[x] Change is reviewable  (Bo)\n      note: Small enough to read whole."), "\(show)")
    }

    /// Both write the reason for one item at once: the second save found the first's note and
    /// wrote over it. It comes back to its writer with both texts, and nothing is lost.
    @Test func twoNotesWrittenAtOnceAreBothKept() throws {
        let t = try adaWritingANoteWithBoJoined()
        defer { t.stop() }
        t.keys(to: "bo", "Tab", "j", "e")
        try t.waitFor("┌─ Note: Start Here › Change is reviewable", in: "bo")
        t.tmux("send-keys", "-t", "bo", "-l", "Bo: two files, small.")
        t.keys(to: "bo", "C-s")
        try t.waitFor("Change is reviewable: note saved; still undecided", in: "bo")
        t.type("Ada: read whole, one concern.")
        t.keys("C-s")
        try t.waitFor("Bo changed this note while you wrote yours")
        let form = t.screen()
        #expect(form.contains("Bo: two files, small.") && form.contains("Ada: read whole, one concern."), "\(form)")
        t.keys("C-s")
        try t.waitFor("Change is reviewable: note saved; still undecided")
        t.keys(to: "bo", "q")
        t.keys("q")
        try t.waitForExit()
        let show = String(decoding: try Subprocess.run([Tmux.binary, "show", "latest", "--store", t.store]).stdout, as: UTF8.self)
        #expect(show.contains("note: Bo: two files, small. Ada: read whole, one concern."), "\(show)")
    }
}
