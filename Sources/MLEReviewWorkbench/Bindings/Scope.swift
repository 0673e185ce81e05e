/// Where a key is read: a pane, an overlay, or a kind of input. Every key the workbench and the
/// review log act on is bound in one of these; help, status-line hints and footers are made
/// from the same bindings.
public enum Scope: String, Sendable, CaseIterable {
    /// Under every pane (not under overlays).
    case global
    case files, diff, checklist, findings
    case help, verdict, confirm, dismissal, carryForward, conflict, checks, runOutput, form
    /// A finding, hint or test run read whole (`i` in Findings).
    case findingDetail
    /// A file's changes since the last review (`b`).
    case sinceReview
    /// The range's commits and one commit read whole (`C`).
    case commits
    /// A choice field of a form is focused.
    case choice
    /// Typing to find one of a choice's options (`/` on a choice).
    case choiceSearch
    /// Typing the words help is narrowed to (`/` in help).
    case helpFilter
    /// One line of input at the bottom: the search, the file filter, the log's filter.
    case prompt
    /// Editing keys of any text being typed (a form field, a prompt, a command).
    case text
    /// The review log (`mle-review log --tui`, or L).
    case auditLog

    public var title: String {
        switch self {
        case .global: return "Everywhere"
        case .files: return "Files"
        case .diff: return "Diff"
        case .checklist: return "Checklist"
        case .findings: return "Findings"
        case .help: return "Help"
        case .verdict: return "Verdict"
        case .confirm: return "Questions (confirm)"
        case .dismissal: return "Why a finding is dismissed"
        case .carryForward: return "Carry forward offer"
        case .conflict: return "Crossed saves (conflict)"
        case .checks: return "Run checks"
        case .runOutput: return "A run's output"
        case .findingDetail: return "A finding, read whole"
        case .sinceReview: return "Changes since the last review"
        case .commits: return "The range's commits"
        case .form: return "Forms"
        case .choice: return "A choice in a form"
        case .choiceSearch: return "Finding a choice's option by typing"
        case .helpFilter: return "Filtering the help"
        case .prompt: return "Search and filter line"
        case .text: return "Typing text"
        case .auditLog: return "Review log"
        }
    }

    /// The name a config file uses: `[keys.diff]`.
    public var configName: String { rawValue.kebabCased }

    public static func named(_ name: String) -> Scope? { allCases.first { $0.configName == name || $0.rawValue == name } }

    /// The pane a scope is, if it is one.
    public var pane: Pane? { Pane(rawValue: rawValue) }

    /// Printable characters not bound here are typed (text), or pick an option (choice).
    public var takesText: Bool { self == .text }
}

public enum Pane: String, Sendable, CaseIterable {
    case files, diff, checklist, findings

    public var title: String {
        switch self {
        case .files: return "Files"
        case .diff: return "Diff"
        case .checklist: return "Checklist"
        case .findings: return "Findings"
        }
    }

    public var scope: Scope { Scope(rawValue: rawValue)! }
}

extension String {
    /// `nextPane` → `next-pane`: how config files name actions and scopes.
    var kebabCased: String {
        var out = ""
        for c in self {
            if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}
