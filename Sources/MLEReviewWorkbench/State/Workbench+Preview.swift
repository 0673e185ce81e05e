import Dispatch
import Foundation
import MLEReviewCore

/// The first screen of a large patch, drawn from its first bytes while the rest is read,
/// hashed, parsed and its review opened: as less and tig do, the reviewer sees the diff at once,
/// and the title and status line say it is still loading (keys wait until it is).
extension Workbench {
    /// Bytes enough for a first screen of any width: a few hundred lines.
    public static let previewBytes = 256 * 1024

    /// A workbench on the diff's first bytes (cut at the last whole line), with no review yet.
    public static func preview(prefix: [UInt8], totalBytes: Int, label: String, width: Int, height: Int) -> Workbench {
        var end = prefix.count
        if totalBytes > prefix.count { while end > 0 && prefix[end - 1] != 10 { end -= 1 } }
        let parsed = DiffParser.parse(end == prefix.count ? prefix : Array(prefix[..<end]))
        // The checklist pane says "loading…" until the review (and the team's checklist) is
        // known: parsing the built-in one here was a millisecond of the first frame.
        let checklist = Checklist.none
        // No id: the review is not open yet (a new one took Foundation's UUID, a fifth of a millisecond).
        let review = Review(id: "", source: ReviewSource(kind: .patch, patchPath: label, diffSHA256: ""), checklist: ChecklistRef(checklist))
        var wb = Workbench(document: DiffDocument(parsed), review: review, checklist: checklist, reviewer: nil, sourceLabel: label,
                           width: width, height: height)
        wb.message = nil
        wb.loading = "loading \(ByteCount.text(totalBytes))…"
        wb.diffIsPartial = totalBytes > prefix.count
        return wb
    }
}

/// `28.3 MB`, `512 KB`.
enum ByteCount {
    static func text(_ n: Int) -> String {
        // Tenths rounded half up, in integers: String(format:) was half a millisecond of the
        // first frame (Foundation's formatter set up for one number).
        if n >= 1_000_000 { let tenths = (n + 50_000) / 100_000; return "\(tenths / 10).\(tenths % 10) MB" }
        if n >= 1000 { return "\(n / 1000) KB" }
        return "\(n) bytes"
    }
}

/// The preview's first frame, drawn on the second core while the terminal starts (ncurses
/// reading its terminfo and the preview's parse and render each take a couple of milliseconds).
/// Drawn at the size the kernel gives for the terminal; `grid(width:height:)` draws again in the
/// rare case ncurses settles on another (LINES and COLUMNS in the environment). Whichever thread
/// comes to it first draws it: when both cores are busy (a build, tmux answering a poller) the
/// second one's thread can wait a scheduler slice, 3-7 ms, to start, and the terminal would
/// wait with it while the first thread stood idle.
public final class PreviewFrame: Sendable {
    private let drawn = ResultBox<(preview: Workbench, frame: Grid)>()
    /// The user's config, given once it is read (nil: it could not be, and nothing is drawn).
    private let config = ResultBox<WorkbenchConfig?>()
    private let draw: @Sendable (Int, Int) -> Void
    private let claim = Claim()
    /// Signalled when the thread beside has drawn the frame or found it taken (for tests).
    let besideDone = DispatchSemaphore(value: 0)

    /// Starts drawing at `width`×`height` beside the caller when `beside`, else (or when that
    /// thread has not started by then) when the grid is asked for, at the screen's size; the diff is parsed while the caller reads the config
    /// (`configure`), which the frame waits for. Beside needs the C locale set and UTF-8
    /// already (the grid measures characters with wcwidth, and would otherwise switch the
    /// locale: setlocale must not run beside anything).
    public init(prefix: [UInt8], totalBytes: Int, label: String, width: Int, height: Int, beside: Bool) {
        let drawn = drawn, config = config
        draw = { width, height in
            var preview = Workbench.preview(prefix: prefix, totalBytes: totalBytes, label: label, width: width, height: height)
            guard let given = config.take(wait: true), let config = given else { return }
            preview.configure(config)
            drawn.set((preview, Screen.render(preview)))
        }
        if beside {
            DispatchQueue.global(qos: .userInteractive).async { [draw, claim, besideDone] in
                if claim.take() { draw(width, height) }
                besideDone.signal()
            }
        }
    }

    /// The config the frame is drawn with, or nil when reading it failed (the frame is dropped).
    public func configure(_ config: WorkbenchConfig?) { self.config.set(config) }

    /// The frame at the screen's size, waiting for the drawing if it is not done yet.
    public func grid(width: Int, height: Int) -> Grid {
        if claim.take() { draw(width, height) }
        let (drawnPreview, frame) = drawn.take(wait: true)!
        if frame.width == width && frame.height == height { return frame }
        var preview = drawnPreview
        preview.resize(width: width, height: height)
        return Screen.render(preview)
    }
}

/// A piece of work that one of several threads does: the first to take it.
final class Claim: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = false

    /// True for the first caller only.
    func take() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if taken { return false }
        taken = true
        return true
    }
}
