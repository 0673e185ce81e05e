// A test helper, not a product: makes a stream of review edits through the store and prints
// "done N" after each edit call returns, so a test can SIGKILL it mid-stream and check that
// every edit it saw acknowledged survived.
import MLEReviewCore
#if canImport(Glibc)
import Glibc
#endif

let args = CommandLine.arguments
guard args.count == 4, let count = Int(args[3]) else {
    StandardError.write("usage: mle-review-stress STORE REVIEW COUNT\n")
    exit(2)
}
do {
    let store = try ReviewStore(path: args[1])
    for i in 0..<count {
        let finding = Finding(id: "f-stress-\(i)", severity: .medium, title: "edit \(i)",
                              location: Location(path: "train.py", line: i + 1), issue: String(repeating: "x", count: 2000))
        try store.saveFinding(args[2], finding)
        try store.setItem(args[2], item: "item-\(i)", mark: ItemMark(state: .pass))
        let line = Array("done \(i)\n".utf8)
        _ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
    }
} catch {
    StandardError.write("mle-review-stress: \(error)\n")
    exit(2)
}
