import ArgumentParser
import MLEReviewCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs the command line and maps every failure to the product's exit statuses:
/// 0 success, 2 bad usage or unreadable input with one line on stderr.
func runCommandLine() -> Int32 {
    do {
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

// Everything this tool writes (store, exports) is readable by its owner only.
umask(0o077)
exit(runCommandLine())
