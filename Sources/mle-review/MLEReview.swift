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
}
