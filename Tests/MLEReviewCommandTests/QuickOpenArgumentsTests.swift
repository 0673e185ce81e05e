import ArgumentParser
import MLEReviewCore
@testable import mle_review
import Testing

/// The quick reader of the open command's lines takes a line only as swift-argument-parser
/// would, and takes the lines a reviewer types every day.
struct QuickOpenArgumentsTests {
    /// What the parser makes of `line`: the open command's request, or nil for another command
    /// or an error.
    func parsed(_ line: [String]) -> OpenRequest? {
        guard let command = try? MLEReview.parseAsRoot(line) else { return nil }
        return (command as? OpenCommand)?.request
    }

    @Test func everydayLinesAreReadAsTheParserReadsThem() throws {
        let lines: [[String]] = [
            [], ["main...feature"], ["open", "main...feature"], ["HEAD~3"], ["--patch", "pr.diff"], ["--patch", "-"],
            ["--patch=pr.diff"], ["main..feature", "--theme", "monochrome"], ["--theme=high-contrast", "main...feature"],
            ["main...feature", "--role", "driver"], ["--role=navigator", "--reviewer", "Ada Lovelace", "HEAD~1"],
            ["--store", "/tmp/r.sqlite", "--checklist", "team.md", "--patch", "x.diff"],
        ]
        for line in lines {
            let quick = try #require(QuickOpenArguments.read(line), "\(line) left to the parser")
            #expect(quick == parsed(line), "\(line)")
        }
        #expect(QuickOpenArguments.read(["--patch", "pr.diff"])?.patch == "pr.diff")
        #expect(QuickOpenArguments.read(["--role", "driver"])?.settings.role == .driver)
    }

    @Test func linesOnlyTheParserCanAnswerAreLeftToIt() {
        for line: [String] in [
            ["--help"], ["-h"], ["help"], ["--version"], ["log"], ["open", "log"], ["--theme", "log"], ["join", "latest"],
            ["a", "b"], ["main", "--patch", "x"], ["--patch"], ["--patch", "--theme"], ["--theme", "a", "--theme", "b"],
            ["--role", "bogus"], ["--", "main"], ["-"], [""], ["--patch="], ["--print-diff"], ["--generate-completion-script", "bash"],
        ] {
            #expect(QuickOpenArguments.read(line) == nil, "\(line)")
        }
    }

    /// Lines made of the words that trip parsers: whatever the quick reader takes, the parser
    /// reads as the same open command.
    @Test func generatedLinesAgreeWithTheParser() {
        let words = ["main...feature", "HEAD~1", "feature", "lgo", "log", "help", "open", "join", "demo", "-", "--", "", "a=b", "-x",
                     "-h", "--help", "--version", "--patch", "--patch=pr.diff", "--patch=-", "--patch=", "--theme", "--theme=x",
                     "--role", "--role=driver", "--role=bogus", "driver", "navigator", "--store", "s.sqlite", "--checklist",
                     "--reviewer", "Ada Lovelace", "--print-diff", "--json", "--Theme", "--patch=--x", "--reviewer=", "x y",
                     "--theme=a=b", "--store=s=t.sqlite", "Zoë", "-pr.diff", "--patch=pr.diff=x"]
        var rng = SplitMix(state: 20261202)
        var taken = 0
        for _ in 0..<600 {
            let line = (0..<Int.random(in: 0...6, using: &rng)).map { _ in words.randomElement(using: &rng)! }
            guard let quick = QuickOpenArguments.read(line) else { continue }
            taken += 1
            #expect(quick == parsed(line), "\(line)")
        }
        // Enough agreeing lines that the comparison says something.
        #expect(taken > 80, "\(taken) lines taken")
    }
}
