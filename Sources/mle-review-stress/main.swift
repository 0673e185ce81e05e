// A test helper, not a product.
//   mle-review-stress STORE REVIEW COUNT
//     makes a stream of review edits and prints "done N" after each edit call returns, so a test
//     can SIGKILL it mid-stream and check that every edit it saw acknowledged survived.
//   mle-review-stress pair STORE REVIEW NAME COUNT [START [SEED]]
//     one half of a pair: COUNT interleaved changes to its own items and findings, to a shared
//     item, and edits of a shared finding that can cross the other half's; a crossed edit is
//     kept as a second finding, as the workbench's "keep both" does. Prints "conflicts N".
import Foundation
import MLEReviewCore
#if canImport(Glibc)
import Glibc
#endif

let args = CommandLine.arguments
do {
    if args.count >= 6, args[1] == "pair", let count = Int(args[5]) {
        let (store, review, name) = (try ReviewStore(path: args[2]), args[3], args[4])
        // Both halves begin at the same moment (START, seconds since 1970), so their changes interleave.
        if args.count >= 7, let start = Double(args[6]) {
            let wait = start - Date().timeIntervalSince1970
            if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
        }
        // The pauses that let the halves' edits cross come from a seeded generator: a failing
        // run repeats with the seed it printed.
        var seed = args.count >= 8 ? UInt64(args[7]) ?? 1 : 1
        func pause() -> UInt32 {
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return 1000 + UInt32((z ^ (z >> 31)) % 3001)
        }
        // The first shared edit crosses for certain: each half waits (up to 10 s) until the other
        // has read the finding too, then the one whose name sorts later saves second, on a stale base.
        func meetTheOtherHalf() {
            let folder = URL(fileURLWithPath: args[2]).deletingLastPathComponent().path
            let mine = "\(args[2]).\(name).read"
            FileManager.default.createFile(atPath: mine, contents: Data())
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                let others = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                    .map { folder + "/" + $0 }.filter { $0.hasPrefix(args[2] + ".") && $0.hasSuffix(".read") && $0 != mine }
                if let other = others.first {
                    if other < mine { usleep(200_000) }
                    return
                }
                usleep(1_000)
            }
        }
        var conflicts = 0
        for i in 0..<count {
            switch i % 4 {
            case 0: try store.setItem(review, item: "pair/\(name)-\(i)", mark: ItemMark(state: .pass, setBy: name))
            case 1:
                try store.saveFinding(review, Finding(id: "f-\(name)-\(i)", severity: .low, title: "\(name) \(i)",
                                                      location: Location(path: "train.py", line: i + 1), author: name), by: name)
            case 2:
                let base = try store.load(review).findings.first { $0.id == "f-shared" }!.updatedAt
                usleep(pause()) // the time it takes to type: the other half may save meanwhile
                if i == 2 { meetTheOtherHalf() }
                let mine = Finding(id: "f-shared", severity: .high, title: "\(name) \(i)", location: Location(path: "train.py", line: 1),
                                   author: name, updatedAt: Date())
                if try store.saveFinding(review, mine, by: name, ifUnchangedSince: base) != nil {
                    conflicts += 1
                    var kept = mine
                    kept.id = "f-\(name)-\(i)-kept"
                    try store.saveFinding(review, kept, by: name)
                }
            default:
                try store.setItem(review, item: "pair/shared", mark: ItemMark(state: i % 8 == 3 ? .pass : .fail, note: "\(name) \(i)", setBy: name))
            }
        }
        print("conflicts \(conflicts)")
    } else if args.count == 4, let count = Int(args[3]) {
        let store = try ReviewStore(path: args[1])
        for i in 0..<count {
            let finding = Finding(id: "f-stress-\(i)", severity: .medium, title: "edit \(i)",
                                  location: Location(path: "train.py", line: i + 1), issue: String(repeating: "x", count: 2000))
            try store.saveFinding(args[2], finding)
            try store.setItem(args[2], item: "item-\(i)", mark: ItemMark(state: .pass))
            let line = Array("done \(i)\n".utf8)
            _ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
        }
    } else {
        StandardError.write("usage: mle-review-stress STORE REVIEW COUNT | mle-review-stress pair STORE REVIEW NAME COUNT\n")
        exit(2)
    }
} catch {
    StandardError.write("mle-review-stress: \(error)\n")
    exit(2)
}
