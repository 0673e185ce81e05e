import Foundation
import MLEReviewCore

/// What an action asks the outside world to do. The workbench's state changes at once; the
/// driver makes each effect durable (one store transaction) before the next key is read.
public enum Effect: Equatable, Sendable {
    /// The item's state; its note stays as the store has it.
    case setItem(id: String, mark: ItemMark)
    /// The note form's state and note, saved only if the note is still `base` in the store.
    case saveItemNote(id: String, mark: ItemMark, base: String?)
    /// With `base`, an edit: saved only if nobody changed the finding since that time.
    case saveFinding(Finding, base: Date? = nil)
    /// `dismissal`: why it was dismissed, when the reviewer said.
    case setFindingStatus(id: String, status: FindingStatus, dismissal: DismissalReason? = nil)
    /// Deletes a finding typed by mistake; its history keeps it.
    case deleteFinding(id: String)
    case deleteTestRun(id: String)
    case addTestRun(TestRun)
    case setViewed(path: String, hash: String?)
    case setOverride(DecisionOverride?)
    case saveDraft(key: String, body: String?)
    case export(format: ExportFormat, path: String, allowIncomplete: Bool)
    case dismissHint(key: String, reason: DismissalReason? = nil)
    /// A dismissed hint is live again.
    case restoreHint(key: String)
    /// Record the decision and freeze the review.
    case finish
    /// Start a new revision of the finished review and continue in it.
    case reopen
    /// Take the previous review's ticks and findings onto this diff.
    case carryForward(from: String)
    /// Driver and navigator change places.
    case swapRoles
    /// Keep what could not be saved as a draft (the reviewer quits with changes pending).
    case keepUnsaved
    /// Work out the checks for this change and where they run (T).
    case planChecks
    /// Run a check (queued behind one already running) and record it.
    case runCheck(CheckCommand)
    /// Stop the running check (its whole process group).
    case cancelRun
    /// Remember a command from the reviewed head's config as trusted.
    case trustCheck(CheckCommand)
    /// The folder a patch review's checks run in, as the reviewer confirmed it.
    case useCheckFolder(String)
    /// Read a recorded run's output from the store and show it.
    case showRunOutput(TestRun)
    /// Why a recorded failed run is acceptable.
    case explainRun(id: String, explanation: String)
    /// Put the verdict or a finding on the clipboard (OSC 52, and wl-copy/xclip when present).
    case copy(Clip)
    /// Write a form's multi-line field in the user's editor; the text comes back into the field.
    case editExternally(field: String, text: String)
    /// Open a work-tree file at a line in the reviewer's editor.
    case openInEditor(path: String, line: Int?)
    /// `git diff` of the earlier review's head and this one's, for one file.
    case showSinceReview(path: String, oldPath: String?)
    /// The range's commits listed (`C`), and one of them shown whole.
    case listCommits
    case showCommit(String)
    /// Show more lines around this file's hunks (read from git).
    case expandContext(path: String)
    /// Show the diff with whitespace ignored, or as reviewed.
    case setIgnoreWhitespace(Bool)
    /// Leave the workbench.
    case quit
    /// Leave at once (Ctrl-C).
    case interrupt
    /// Stop the process for the shell's job control (Ctrl-Z), the screen given back meanwhile.
    case suspend
    /// Leave for the review log (the loop hands over to the audit browser).
    case openAuditLog

    public enum Clip: Equatable, Sendable {
        case verdict
        case finding(Finding)
    }
}

extension Effect {
    /// Whether it changes the review (and so its version); drafts and exports do not.
    var changesReview: Bool {
        switch self {
        case .saveDraft, .export, .keepUnsaved, .planChecks, .runCheck, .cancelRun, .trustCheck, .useCheckFolder, .showRunOutput, .copy, .quit, .interrupt, .suspend, .openAuditLog, .editExternally, .expandContext, .setIgnoreWhitespace, .openInEditor, .showSinceReview, .listCommits, .showCommit:
            return false
        default: return true
        }
    }
}
