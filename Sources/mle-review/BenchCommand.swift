import ArgumentParser
import MLEReviewCore
import MLEReviewWorkbench

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the workbench on a diff without a terminal: time to first screen, per-key cost, memory.",
        discussion: "Build in release mode for meaningful figures. Benchmarks/workbench.sh runs it beside tig."
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
