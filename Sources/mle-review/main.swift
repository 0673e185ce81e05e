import ArgumentParser
import Dispatch
import MLEReviewCore
import MLEReviewWorkbench
#if canImport(Glibc)
import Glibc
#endif

/// Runs the command line and maps every failure to the product's exit statuses:
/// 0 success, 2 bad usage or unreadable input with one line on stderr.
func runCommandLine() -> Int32 {
    do {
        if let request = QuickOpenArguments.read(CommandLine.arguments.dropFirst()) {
            try request.run()
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

// The workbench's first frame needs the built-in checklist and theme, whose first parse takes
// about a millisecond each: the second core does it while this one parses the arguments. Only
// when the workbench is likely to open (a second thread costs the other commands memory).
let warmUp = DispatchGroup()
if MLEReview.opensWorkbench(CommandLine.arguments.dropFirst().first) {
    DispatchQueue.global(qos: .userInteractive).async(group: warmUp) {
        _ = ChecklistLoader.builtIn
        ThemeLoader.warmUp()
    }
}

// Everything this tool writes (store, exports) is readable by its owner only.
umask(0o077)
let status = runCommandLine()
// The theme's parser is C++: it must not be running while the process exits.
warmUp.wait()
exit(status)
