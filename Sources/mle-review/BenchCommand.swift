import ArgumentParser
import Foundation
import MLEReviewCore
import MLEReviewWorkbench

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed and memory: the workbench on a diff (default), or the review log on a large store.",
        discussion: "Build in release mode for meaningful figures. Benchmarks/workbench.sh and Benchmarks/log.sh run them.",
        subcommands: [WorkbenchBench.self, LogBench.self],
        defaultSubcommand: WorkbenchBench.self
    )
}

struct WorkbenchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench",
        abstract: "Time to first screen, per-key cost and memory of the workbench on a diff, without a terminal."
    )

    @Option(help: ArgumentHelp("The diff to measure.", valueName: "FILE"))
    var patch: String

    @Option(help: "Key presses per key measured.")
    var presses = 500

    func run() throws {
        let bytes = try ByteInput.read(path: patch)
        print(WorkbenchBenchmark.run(bytes: bytes, presses: presses).text(), terminator: "")
    }
}

struct LogBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Build a store of N finished reviews in a temporary folder and time log, its filters, stats and --verify."
    )

    @Option(help: "How many finished reviews.")
    var reviews = 10_000

    @Option(help: ArgumentHelp("Build the store here and keep it (it must not exist yet).", valueName: "PATH"))
    var keep: String?

    func validate() throws {
        if reviews < 1 { throw ValidationError("--reviews must be at least 1") }
    }

    func run() throws {
        print(try LogBenchmark.run(reviews: reviews, directory: FileManager.default.temporaryDirectory.path, keep: keep).text(), terminator: "")
    }
}
