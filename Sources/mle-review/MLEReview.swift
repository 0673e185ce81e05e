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

    /// Whether a command line starting with `first` opens the workbench: it names no other
    /// command (a guess made before the arguments are parsed, for warming up only).
    static func opensWorkbench(_ first: String?) -> Bool {
        guard let first, !first.hasPrefix("-") else { return true }
        let workbench: [ParsableCommand.Type] = [OpenCommand.self, JoinCommand.self, DemoCommand.self]
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        return !names.contains(first) || workbench.contains { $0.configuration.commandName == first }
    }
}
