import Foundation
import MLEReviewCore
import Testing

/// Every hand-made edge case in ../shared/fixtures/hostile parses with the outcome its README
/// gives; counts, paths, statuses and modes come from git itself (cases.json).
@Suite(.enabled(if: SharedFixtures.available, SharedFixtures.reason))
struct HostileDiffTests {
    static var gitCases: [String] {
        guard SharedFixtures.available else { return [] }
        guard let cases = (try? SharedFixtures.json("hostile/cases.json"))?["cases"] as? [String: Any], !cases.isEmpty else {
            return [SharedFixtures.unreadable + "hostile/cases.json"]
        }
        return cases.filter { (($0.value as? [String: Any])?["git_numstat"] as? [Any])?.isEmpty == false }.keys.sorted()
    }

    func parse(_ name: String) throws -> ParsedDiff { DiffParser.parse(try SharedFixtures.bytes("hostile/" + name)) }

    @Test(arguments: gitCases)
    func agreesWithGit(name: String) throws {
        let cases = try #require(SharedFixtures.json("hostile/cases.json")["cases"] as? [String: Any])
        let entry = try #require(cases[name] as? [String: Any])
        let numstat = try #require(entry["git_numstat"] as? [[String: Any]])
        let raw = try #require(entry["git_raw"] as? [[String: Any]])
        let hunksPerFile = try #require(entry["hunk_headers_per_file"] as? [Int])
        let parsed = try parse(name)
        #expect(parsed.warnings.isEmpty, "\(name): \(parsed.warnings)")
        try #require(parsed.files.count == numstat.count)
        // git sorts by path; the diff is in the same order.
        for (i, file) in parsed.files.enumerated() {
            let stat = numstat[i], r = raw[i]
            let paths = stat["paths"] as? [String] ?? []
            let status = r["status"] as? String ?? ""
            if status.hasPrefix("R") {
                #expect(file.status == .renamed, "\(name)")
                #expect(file.oldPath == paths.first && file.newPath == paths.last, "\(name)")
                #expect(file.similarity == Int(status.dropFirst()), "\(name)")
            } else {
                // numstat is TAB-separated, so a path with a TAB in it was cut there in cases.json.
                #expect(file.path.split(separator: "\t").first.map(String.init) == paths.first, "\(name)")
                let expected: FileStatus = status == "A" ? .added : status == "D" ? .deleted
                    : (r["old_mode"] as? String != r["new_mode"] as? String && file.hunks.isEmpty) ? .modeChange : .modified
                #expect(file.status == expected, "\(name): \(file.path)")
            }
            // An exact rename (R100) has no index line, so the diff states no mode at all.
            if status != "A" && status != "R100" { #expect(file.oldMode == r["old_mode"] as? String, "\(name): old mode") }
            if status != "D" && status != "R100" { #expect(file.newMode == r["new_mode"] as? String, "\(name): new mode") }
            if let added = stat["added"] as? Int {
                #expect(!file.isBinary)
                #expect(file.additions == added && file.deletions == stat["removed"] as? Int, "\(name): \(file.path)")
            } else {
                #expect(file.isBinary, "\(name): git counts no lines, so binary")
                #expect(file.hunks.isEmpty)
            }
            #expect(file.hunks.count == hunksPerFile[i], "\(name): hunks of \(file.path)")
        }
    }

    @Test func crlfWholePatchKeepsPathsClean() throws {
        let parsed = try parse("crlf_whole_patch.diff")
        #expect(parsed.files.map(\.oldPath) == ["src/config.py"])
        #expect(parsed.files[0].status == .modified)
        // Content keeps its CR, consistently on every line.
        let lines = parsed.lines(of: parsed.files[0].hunks[0])
        #expect(lines.allSatisfy { parsed.bytes[$0.content.upperBound - 1] == 13 })
    }

    @Test func emptyInputIsNoFilesAndNoError() throws {
        let parsed = try parse("empty.diff")
        #expect(parsed.files.isEmpty && parsed.warnings.isEmpty)
    }

    @Test func combinedDiffIsReportedUnsupportedNotMisread() throws {
        let parsed = try parse("combined_diff_cc.diff")
        #expect(parsed.files.count == 1)
        #expect(parsed.files[0].isCombined && parsed.files[0].hunks.isEmpty)
        #expect(parsed.files[0].path == "params.py")
        #expect(parsed.warnings.count == 1 && parsed.warnings[0].message.contains("combined"))
    }

    @Test func truncatedHunkAtEndOfInputIsWarned() throws {
        let parsed = try parse("truncated_hunk_eof.diff")
        #expect(parsed.files.count == 1)
        let hunk = try #require(parsed.files[0].hunks.first)
        #expect(hunk.isTruncated && hunk.lineCount == 3)
        #expect(parsed.warnings.map(\.line) == [hunk.headerLine])
        #expect(parsed.warnings[0].message.hasPrefix("hunk ends early"))
    }

    @Test func truncatedHunkDoesNotSwallowTheNextFile() throws {
        let parsed = try parse("truncated_hunk_then_next_file.diff")
        #expect(parsed.files.count == 2)
        #expect(parsed.files[0].hunks[0].isTruncated)
        #expect(parsed.files[1].path == "src/other.py")
        #expect(parsed.files[1].additions == 1 && parsed.files[1].deletions == 1)
        #expect(parsed.warnings.count == 1)
    }

    @Test func patchWithoutFinalNewlineKeepsItsLastLine() throws {
        let parsed = try parse("patch_without_final_newline.diff")
        #expect(parsed.files.count == 1)
        #expect(parsed.files[0].additions == 1 && parsed.files[0].deletions == 1)
        let last = try #require(parsed.lines(of: parsed.files[0].hunks[0]).last)
        #expect(parsed.text(last.content) == "b = 3")
        #expect(parsed.warnings.isEmpty)
    }

    @Test func commitMessageQuotingADiffIsNotAFile() throws {
        let parsed = try parse("commit_message_looks_like_diff.diff")
        #expect(parsed.files.map(\.path) == ["src/split.py"])
        #expect(parsed.files[0].additions == 1 && parsed.files[0].deletions == 1)
        #expect(parsed.warnings.isEmpty, "the -- signature is not a removed line: \(parsed.warnings)")
    }

    @Test func noNewlineMarkersFlagTheLineBeforeAndAreNotLines() throws {
        let parsed = try parse("no_newline_at_eof.diff")
        for file in parsed.files {
            let lines = parsed.lines(of: file.hunks[0])
            #expect(lines.count == file.hunks[0].lineCount)
            #expect(lines.contains { $0.missingNewline })
            #expect(!lines.contains { parsed.text($0.content).contains("No newline") })
        }
    }

    @Test func controlCharactersNeverSplitALine() throws {
        let parsed = try parse("control_chars_and_line_separators.diff")
        let hunk = parsed.files[0].hunks[0]
        #expect(parsed.lines(of: hunk).count == hunk.oldCount + hunk.additions)
    }

    @Test func quotedPathsAreUnquoted() throws {
        let paths = try parse("quoted_octal_paths.diff").files.map(\.path)
        #expect(paths == ["café.py", "color\u{1b}[31mred.txt", "naïve байес.py", "weird\"quote\\back\ttab.py"])
    }

    @Test func invalidUTF8IsKeptByteForByte() throws {
        let parsed = try parse("invalid_utf8.diff")
        let lines = parsed.lines(of: parsed.files[0].hunks[0])
        let raw = lines.flatMap { Array(parsed.bytes[$0.content]) }
        #expect(raw.contains(0xE9) && raw.contains(0xFF) && raw.contains(0xC0))
        #expect(lines.filter { $0.kind == .added }.count == 7)
    }
}
