import MLEReviewCore

/// The review log in the terminal: the same columns and filters as `mle-review log`; Enter
/// opens a review read-only. State and keys only: the loop that owns the store reloads
/// `entries` when `reloadRequested` is set, and opens `openRequested`.
public struct AuditBrowser: Sendable {
    public private(set) var entries: [LogEntry] = []
    public private(set) var query = AuditQuery()
    public var queryText = ""
    public var editor: TextEditor?
    public var cursor = 0
    public var scroll = 0
    public var width: Int
    public var height: Int
    public var message: String?
    public var messageIsError = false
    public var quitRequested = false
    /// Ctrl-C: leave everything, not only the log.
    public var interruptRequested = false
    /// Ctrl-Z: the loop gives the terminal to the shell until fg.
    public var suspendRequested = false
    /// The review to open read-only.
    public var openRequested: String?
    /// The store must be asked again (the filter changed in a way only SQL can answer).
    public var reloadRequested = true

    public init(width: Int, height: Int, queryText: String = "") {
        self.width = width
        self.height = height
        self.queryText = queryText
        if case .success(let q) = AuditQuery.parse(queryText) { query = q }
    }

    public var filter: LogFilter { query.filter }

    /// Entries shown: what the store returned, narrowed by words and `stale`.
    public var visible: [LogEntry] { entries.filter(query.admits) }

    /// Rows the list has on screen (title, header, status and filter lines excluded).
    var pageHeight: Int { max(1, height - 4) }

    /// The widest cell of each column over all loaded rows: the columns fit them, and do not
    /// change width as the filter or the scroll changes which rows show.
    public private(set) var contentWidths: [Int]?

    /// Reviews a later revision decides again: drawn dim, as GitHub draws an outdated comment.
    public private(set) var revised: Set<String> = []

    public mutating func setEntries(_ e: [LogEntry]) {
        entries = e
        revised = Set(e.compactMap(\.revisionOf))
        contentWidths = AuditView.contentWidths(e)
        reloadRequested = false
        cursor = min(cursor, max(0, visible.count - 1))
        keepCursorVisible()
    }

    public mutating func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
        keepCursorVisible()
    }

    /// The bindings in force (the review log's scope, the prompt and text ones for its filter).
    public var keymap: Keymap = .standard

    public var activeScopes: [Scope] { editor != nil ? [.prompt, .text] : [.auditLog] }

    /// Too small to draw the log: the screen says only "press q".
    public var tooSmall: Bool { width < 40 || height < 6 }

    /// A key, through the keymap like every scope of the workbench.
    public mutating func handle(_ key: Key) {
        message = nil
        // Nothing may act unseen (a key typed into a filter line no one can see).
        if tooSmall {
            if let b = keymap.candidates(for: key, in: [.auditLog]).first(where: { $0.action == .quit || $0.action == .interrupt }) {
                perform(b.action, in: b.scope)
            }
            return
        }
        for b in keymap.candidates(for: key, in: activeScopes) {
            // Esc clears a filter, else leaves: the first available of the two.
            if b.action == .clearFilter && queryText.isEmpty { continue }
            perform(b.action, in: b.scope)
            return
        }
        if case .char(let c) = key, editor != nil { editor?.insert(c) }
    }

    mutating func perform(_ action: Action, in scope: Scope) {
        if scope == .text { editor?.apply(action); return }
        if scope == .prompt {
            // The log's filter line has no history: only accepting and cancelling apply.
            guard action == .accept || action == .cancel else { return }
            let text = editor?.text ?? ""
            editor = nil
            if action == .accept { apply(text) }
            return
        }
        let count = visible.count
        switch action {
        case .down: cursor = min(max(0, count - 1), cursor + 1)
        case .up: cursor = max(0, cursor - 1)
        case .pageDown, .halfPageDown: cursor = min(max(0, count - 1), cursor + (action == .pageDown ? pageHeight : pageHeight / 2))
        case .pageUp, .halfPageUp: cursor = max(0, cursor - (action == .pageUp ? pageHeight : pageHeight / 2))
        case .top: cursor = 0
        case .bottom: cursor = max(0, count - 1)
        case .filterLog: editor = TextEditor(queryText)
        case .openOnly: toggle("open", removing: "finished")
        case .staleOnly: toggle("stale", removing: nil)
        case .open:
            if cursor < count { openRequested = visible[cursor].id } else { say("no review here", error: true) }
        case .clearFilter: apply("")
        case .quit: quitRequested = true
        case .interrupt: interruptRequested = true; quitRequested = true
        case .suspend: suspendRequested = true
        default: break
        }
        keepCursorVisible()
    }

    mutating func toggle(_ word: String, removing other: String?) {
        var words = queryText.split(separator: " ").map(String.init).filter { $0 != other }
        if words.contains(word) { words.removeAll { $0 == word } } else { words.append(word) }
        apply(words.joined(separator: " "))
    }

    mutating func apply(_ text: String) {
        switch AuditQuery.parse(text) {
        case .failure(let e):
            say(e.message, error: true)
        case .success(let q):
            queryText = text
            query = q
            cursor = 0
            scroll = 0
            // The store applies the log filters (a path glob needs its index); words and `stale`
            // narrow what it returns.
            reloadRequested = true
        }
    }

    mutating func keepCursorVisible() {
        if cursor < scroll { scroll = cursor }
        if cursor >= scroll + pageHeight { scroll = cursor - pageHeight + 1 }
        scroll = max(0, scroll)
    }

    public mutating func say(_ text: String, error: Bool = false) {
        message = text
        messageIsError = error
    }
}
