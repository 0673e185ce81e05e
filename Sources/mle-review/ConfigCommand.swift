import ArgumentParser
import Foundation
import MLEReviewCore
import MLEReviewWorkbench

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the workbench's configuration: keys and view defaults.",
        discussion: """
        Your file is $XDG_CONFIG_HOME/mle-review/config.toml; the team's is .mle-review/config.toml in the \
        repository, read from the committed HEAD (yours wins). --dump prints the full default \
        configuration with every action name; without it, the keys and view in force here, after \
        both files, so a mistake in either is reported the way the workbench would report it.
        """
    )

    @Flag(help: "Print the full default configuration (every action and its keys), ready to copy and edit.")
    var dump = false

    @Flag(help: "Print the default keys of the main scopes as the README's Markdown table.")
    var markdown = false

    func run() throws {
        if dump { print(WorkbenchConfig.dump(), terminator: ""); return }
        if markdown { print(Keymap.standard.markdownTable(), terminator: ""); return }
        let config = try WorkbenchConfig.load(for: nil)
        print(WorkbenchConfig.dump(config.keymap, view: config.view), terminator: "")
    }
}
