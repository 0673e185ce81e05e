import ArgumentParser
import MLEReviewCore

struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist",
        abstract: "Print the checklist as loaded.",
        discussion: """
        Without --checklist: the repository's .mle-review/checklist.md if it exists, else the built-in one.
        Examples:
          mle-review checklist
          mle-review checklist --checklist team-checklist.md --json
        """
    )

    @Option(help: ArgumentHelp("A Markdown checklist: headings are sections, list items are items.", valueName: "FILE"))
    var checklist: String?

    @Flag(help: "Print it as JSON.")
    var json = false

    func run() throws {
        let loaded = try ChecklistLoader.load(file: checklist, repositoryRoot: GitRepository().topLevel())
        print(json ? loaded.jsonValue().serialized(pretty: true) : loaded.summary(), terminator: json ? "\n" : "")
    }
}
