import MLEReviewCore
import Testing

/// The parser's rules, each on a small diff written for the test.
struct DiffParserTests {
    func parse(_ text: String) -> ParsedDiff { DiffParser.parse(Array(text.utf8)) }

    @Test func modifiedFileWithLineNumbersAndSection() throws {
        let d = parse("""
        diff --git a/train.py b/train.py
        index 1111111..2222222 100644
        --- a/train.py
        +++ b/train.py
        @@ -10,4 +10,5 @@ def train(X, y):
             X = load()
        -    scaler.fit(X)
        +    X_train, X_test = split(X)
        +    scaler.fit(X_train)
             model.fit(X, y)
             return model

        """)
        let f = try #require(d.files.first)
        #expect(d.files.count == 1 && d.warnings.isEmpty)
        #expect(f.oldPath == "train.py" && f.newPath == "train.py" && f.status == .modified)
        #expect(f.oldMode == "100644" && f.newMode == "100644")
        #expect(f.additions == 2 && f.deletions == 1)
        let h = f.hunks[0]
        #expect((h.oldStart, h.oldCount, h.newStart, h.newCount) == (10, 4, 10, 5))
        #expect(d.section(of: h) == "def train(X, y):")
        let lines = d.lines(of: h)
        #expect(lines.map(\.kind) == [.context, .removed, .added, .added, .context, .context])
        #expect(lines.map(\.oldNumber) == [10, 11, nil, nil, 12, 13])
        #expect(lines.map(\.newNumber) == [10, nil, 11, 12, 13, 14])
        #expect(d.text(lines[1].content) == "    scaler.fit(X)")
    }

    @Test func missingCountMeansOne() throws {
        let d = parse("--- a/V\n+++ b/V\n@@ -1 +1 @@\n-1.0\n+1.1\n--- /dev/null\n+++ b/N\n@@ -0,0 +1 @@\n+x\n")
        #expect(d.files.map(\.path) == ["V", "N"])
        #expect(d.files[0].hunks[0].oldCount == 1 && d.files[0].hunks[0].newCount == 1)
        #expect(d.files[1].status == .added && d.files[1].oldPath == nil)
        #expect(d.warnings.isEmpty)
    }

    @Test func statusesFromGitHeaders() throws {
        let d = parse("""
        diff --git a/new.py b/new.py
        new file mode 100644
        index 0000000..e69de29
        diff --git a/old.py b/old.py
        deleted file mode 100644
        index 1234567..0000000
        --- a/old.py
        +++ /dev/null
        @@ -1,2 +0,0 @@
        -a
        -b
        diff --git a/run.sh b/run.sh
        old mode 100644
        new mode 100755
        diff --git a/src/a.py b/src/b.py
        similarity index 90%
        rename from src/a.py
        rename to src/b.py
        diff --git a/cfg.yaml b/cfg2.yaml
        similarity index 100%
        copy from cfg.yaml
        copy to cfg2.yaml

        """)
        #expect(d.files.map(\.status) == [.added, .deleted, .modeChange, .renamed, .copied])
        #expect(d.files[0].newPath == "new.py" && d.files[0].oldPath == nil && d.files[0].hunks.isEmpty)
        #expect(d.files[1].oldPath == "old.py" && d.files[1].newPath == nil && d.files[1].deletions == 2)
        #expect(d.files[2].oldMode == "100644" && d.files[2].newMode == "100755")
        #expect(d.files[3].oldPath == "src/a.py" && d.files[3].newPath == "src/b.py" && d.files[3].similarity == 90)
        #expect(d.files[4].oldPath == "cfg.yaml" && d.files[4].newPath == "cfg2.yaml")
        #expect(d.warnings.isEmpty)
    }

    @Test func binaryFilesAreFlaggedAndTheirDataSkipped() throws {
        let d = parse("""
        diff --git a/model.bin b/model.bin
        index 1111111111111111111111111111111111111111..2222222222222222222222222222222222222222 100644
        GIT binary patch
        delta 14
        VcmZ?wbhEHbRA6LdU|?VZ0{{R30RR91

        delta 14
        VcmZ?wbhEHbRA6LdU|?VZ0{{R30RR91

        diff --git a/logo.png b/logo.png
        Binary files a/logo.png and b/logo.png differ
        Binary files /dev/null and b/raw.dat differ

        """)
        #expect(d.files.map(\.path) == ["model.bin", "logo.png", "raw.dat"])
        #expect(d.files.allSatisfy { $0.isBinary && $0.hunks.isEmpty })
        #expect(d.files[2].status == .added)
        #expect(d.warnings.isEmpty)
    }

    @Test func noNewlineMarkerIsNotALine() throws {
        let d = parse("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n\\ No newline at end of file\n")
        let h = d.files[0].hunks[0]
        #expect(h.lineCount == 2 && h.additions == 1 && h.deletions == 1)
        #expect(d.lines(of: h).map(\.missingNewline) == [true, true])
    }

    @Test func onlyLineFeedEndsALine() throws {
        let bytes: [UInt8] = Array("--- a/x\r\n+++ b/x\r\n@@ -1,2 +1,2 @@\r\n a\r\n-b\u{0C}c\r\n+b\u{2028}c\rd\r\n".utf8)
        let d = DiffParser.parse(bytes)
        let f = try #require(d.files.first)
        #expect(f.oldPath == "x" && f.newPath == "x")
        let lines = d.lines(of: f.hunks[0])
        #expect(lines.count == 3)
        #expect(d.text(lines[0].content) == "a\r")
        #expect(d.text(lines[1].content) == "b\u{0C}c\r")
        #expect(d.text(lines[2].content) == "b\u{2028}c\rd\r")
    }

    @Test func quotedAndSpacedPaths() throws {
        let d = parse("""
        diff --git "a/caf\\303\\251.py" "b/caf\\303\\251.py"
        --- "a/caf\\303\\251.py"
        +++ "b/caf\\303\\251.py"
        @@ -1 +1 @@
        -a
        +b
        diff --git a/my notes/x y.md b/my notes/x y.md
        --- a/my notes/x y.md\t
        +++ b/my notes/x y.md\t
        @@ -1 +1 @@
        -a
        +b
        diff --git "a/tab\\there\\"q\\\\" "b/tab\\there\\"q\\\\"
        old mode 100644
        new mode 100755

        """)
        #expect(d.files.map(\.path) == ["café.py", "my notes/x y.md", "tab\there\"q\\"])
    }

    @Test func noPrefixGitDiffKeepsPaths() throws {
        let d = parse("diff --git b/x.py b/x.py\n--- b/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a\n+b\n")
        #expect(d.files[0].path == "b/x.py")
    }

    @Test func plainDiffWithTimestampsAndSvnIndex() throws {
        let d = parse("""
        Index: model/serve.py
        ===================================================================
        --- model/serve.py\t(revision 12)
        +++ model/serve.py\t(working copy)
        @@ -1,2 +1,2 @@
         import torch
        -m = torch.load("m.pt")
        +m = torch.load("m.pt", weights_only=True)
        diff -u -N old/a.txt new/a.txt
        --- old/a.txt\t1970-01-01 01:00:00.000000000 +0100
        +++ new/a.txt\t2025-03-26 12:42:27.672906377 +0000
        @@ -0,0 +1 @@
        +hello

        """)
        #expect(d.files.map(\.path) == ["model/serve.py", "new/a.txt"])
        #expect(d.files.map(\.status) == [.modified, .added])
        #expect(d.warnings.isEmpty)
    }

    @Test func formatPatchMailIsNotAFile() throws {
        let d = parse("""
        From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
        From: A <a@example.com>
        Subject: [PATCH] Fix split

        The old code did this:
        diff --git a/fake.py b/fake.py
        @@ -1 +1 @@
        -x
        +y
        ---
         src/split.py | 2 +-
         1 file changed, 1 insertion(+), 1 deletion(-)

        diff --git a/src/split.py b/src/split.py
        --- a/src/split.py
        +++ b/src/split.py
        @@ -1 +1 @@
        -shuffle=True
        +shuffle=False
        --\u{20}
        2.39.5

        """)
        #expect(d.files.map(\.path) == ["src/split.py"])
        #expect(d.files[0].additions == 1 && d.files[0].deletions == 1)
        #expect(d.warnings.isEmpty)
    }

    @Test func hunkBodyThatLooksLikeHeadersIsContent() throws {
        let d = parse("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n--- a/y\n-+++ b/y\n++++ c\n+@@ -1 +1 @@\n")
        #expect(d.files.count == 1)
        #expect(d.files[0].deletions == 2 && d.files[0].additions == 2)
    }

    @Test func combinedDiffIsUnsupportedNotMisread() throws {
        let d = parse("diff --cc params.py\nindex a,b..c\n--- a/params.py\n+++ b/params.py\n@@@ -1,2 -1,2 +1,2 @@@\n- a\n -b\n++c\n")
        #expect(d.files.count == 1 && d.files[0].isCombined && d.files[0].hunks.isEmpty)
        #expect(d.warnings.count == 1 && d.warnings[0].line == 1)
    }

    @Test func shortHunkIsWarnedAndTheRestStillParsed() throws {
        let d = parse("--- a/x\n+++ b/x\n@@ -1,5 +1,5 @@\n a\n-b\n+c\ngarbage here\n--- a/z\n+++ b/z\n@@ -1 +1 @@\n-1\n+2\n")
        #expect(d.files.map(\.path) == ["x", "z"])
        #expect(d.files[0].hunks[0].isTruncated)
        #expect(d.warnings == [ParseWarning(line: 3, message: "hunk ends early: old side 2 of 5 lines, new side 2 of 5 lines")])
    }

    @Test func strayDiffLinesBetweenFilesAreWarned() throws {
        let d = parse("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n+stray\n")
        #expect(d.files[0].additions == 1)
        #expect(d.warnings == [ParseWarning(line: 6, message: "line outside any hunk ignored")])
    }

    @Test func unreadableHunkHeaderIsWarned() throws {
        let d = parse("--- a/x\n+++ b/x\n@@ -a +b @@\n")
        #expect(d.files.count == 1 && d.files[0].hunks.isEmpty)
        #expect(d.warnings.map(\.line) == [3])
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let d = parse("diff --git a/n.py b/n.py\nnew file mode 100644\n--- /dev/null\n+++ b/n.py\n@@ -0,0 +1 @@ s\n+x\n")
        let json = d.jsonValue().serialized()
        #expect(json.hasPrefix(#"{"files":[{"old_path":null,"new_path":"n.py","status":"added","binary":false,"#))
        #expect(json.contains(#""additions":1,"deletions":0,"hunks":[{"old_start":0,"old_lines":0,"new_start":1,"new_lines":1,"additions":1,"deletions":0,"section":"s","#))
        #expect(json.hasSuffix(#""warnings":[]}"#))
    }

    /// Thousands of mangled inputs: no crash, no hang, and every range stays inside the input.
    @Test func damagedInputNeverBreaksTheParser() {
        let seed = Array("""
        From 1 Mon Sep 17 00:00:00 2001
        ---
        diff --git "a/q\\303" b/x y
        rename from a
        GIT binary patch
        literal 3
        Kc${NkU;qFB

        --- a/x\ty
        +++ b/x
        @@ -1,3 +1,3 @@ s
         a
        -b\r
        +c
        \\ No newline at end of file
        diff --cc m
        @@@ -1 -1 +1 @@@
        Binary files a and b differ
        -- \n
        """.utf8)
        var rng = SplitMix(state: 42)
        for _ in 0..<3000 {
            var bytes = seed
            for _ in 0..<Int(rng.next() % 8) {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 4 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(contentsOf: Array(bytes[at..<min(bytes.count, at + 20)]), at: at)
                default: bytes.removeSubrange(at..<bytes.count)
                }
                if bytes.isEmpty { bytes = [10] }
            }
            let d = DiffParser.parse(bytes)
            for f in d.files {
                #expect(f.byteRange.upperBound <= bytes.count)
                for h in f.hunks {
                    #expect(h.bodyRange.upperBound <= bytes.count && h.sectionRange.upperBound <= bytes.count)
                    let lines = d.lines(of: h)
                    #expect(lines.count == h.lineCount)
                    #expect(lines.filter { $0.kind == .added }.count == h.additions)
                }
            }
        }
    }
}

