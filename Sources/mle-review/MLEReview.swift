import ArgumentParser

struct MLEReview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mle-review",
        abstract: "A terminal workbench for reviewing changes to production machine-learning code.",
        version: "0.1.0",
        subcommands: [Parse.self]
    )
}
