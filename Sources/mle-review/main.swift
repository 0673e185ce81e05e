import ArgumentParser
import Dispatch
import MLEReviewCore
import MLEReviewWorkbench
#if canImport(Glibc)
import Glibc
#endif

/// Runs the command line and maps every failure to the product's exit statuses:
/// 0 success, 2 bad usage or unreadable input with one line on stderr.
func runCommandLine(_ quick: OpenRequest?) -> Int32 {
    do {
        if let quick {
            try quick.run()
            return 0
        }
        var command = try MLEReview.parseAsRoot()
        try command.run()
        return 0
    } catch let error as InputError {
        printError(error.message)
        return 2
    } catch {
        let code = MLEReview.exitCode(for: error)
        if code == .success {
            print(MLEReview.fullMessage(for: error))
            return 0
        }
        if error is ExitCode { return code.rawValue }
        let message = MLEReview.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid usage"
        printError("\(message) (see 'mle-review --help')")
        return 2
    }
}

func printError(_ message: String) {
    let line = "mle-review: " + SafeText.escaped(message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message) + "\n"
    StandardError.write(line)
}

let quick = QuickOpenArguments.read(CommandLine.arguments.dropFirst())
// The workbench needs the built-in checklist soon after its first frame: the second core parses
// it meanwhile. (The default theme is compiled in as a value.) A patch's first frame is drawn
// from its first bytes on that core, so its checklist waits until the frame is out
// (WorkbenchSettings.runPreviewed). Only when the workbench is likely to open (a second thread
// costs the other commands memory).
if MLEReview.opensWorkbench(CommandLine.arguments.dropFirst().first), quick?.patch == nil {
    WarmUp.start { _ = ChecklistLoader.builtIn }
}

// Everything this tool writes (store, exports) is readable by its owner only.
umask(0o077)
let status = runCommandLine(quick)
WarmUp.wait()
exit(status)
