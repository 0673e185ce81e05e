import ArgumentParser
import MLEReviewCore

struct MLEReview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mle-review",
        abstract: "A terminal workbench for reviewing changes to production machine-learning code.",
        version: MLEReviewVersion.current,
        subcommands: [OpenCommand.self, JoinCommand.self, RunCommand.self, DemoCommand.self, Parse.self, ScanCommand.self, BenchCommand.self, ChecklistCommand.self, ConfigCommand.self, ImportCommand.self, ExportCommand.self,
                      FinishCommand.self, ReopenCommand.self, LogCommand.self, ShowCommand.self, StatsCommand.self,
                      PublishCommand.self, PushCommand.self, PullCommand.self, VerifyCommand.self],
        defaultSubcommand: OpenCommand.self
    )

    /// The command `word` is at most two edits from (one for a short word), if it is a bare
    /// word: nil for anything with a range's punctuation, or near no command or several.
    static func command(near word: String) -> String? {
        guard !word.isEmpty, word.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || $0 == 45 }) else { return nil }
        let limit = word.count <= 4 ? 1 : 2
        let near = commandNames.filter { $0 != word && editDistance(Array(word.utf8), Array($0.utf8)) <= limit }
        return near.count == 1 ? near[0] : nil
    }

    /// Levenshtein distance, with a swap of two neighbours counting as one edit (`lgo`, `log`).
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    /// Whether a command line starting with `first` opens the workbench: it names no other
    /// command (a guess made before the arguments are parsed, for warming up only).
    static func opensWorkbench(_ first: String?) -> Bool {
        guard let first, !first.hasPrefix("-") else { return true }
        let workbench: [ParsableCommand.Type] = [OpenCommand.self, JoinCommand.self, DemoCommand.self]
        return !commandNames.contains(first) || workbench.contains { $0.configuration.commandName == first }
    }

    /// The subcommands' names, as typed.
    static let commandNames: [String] = configuration.subcommands.compactMap { $0.configuration.commandName }
}
