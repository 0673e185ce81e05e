import ArgumentParser
import MLEReviewCore

struct MLEReview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mle-review",
        abstract: "A terminal workbench for reviewing changes to production machine-learning code.",
        version: MLEReviewVersion.current,
        subcommands: [Parse.self, ChecklistCommand.self, ImportCommand.self, ExportCommand.self]
    )
}
