import MLEReviewCore

/// The review log in the terminal: the same columns and filters as `mle-review log`; Enter
/// opens a review read-only. State and keys only: the loop that owns the store reloads
/// `entries` when `reloadRequested` is set, and opens `openRequested`.
public struct AuditBrowser: Sendable {
    public var entries: [LogEntry] = []
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

    public mutating func setEntries(_ e: [LogEntry]) {
        entries = e
        reloadRequested = false
        cursor = min(cursor, max(0, visible.count - 1))
        keepCursorVisible()
    }

    public mutating func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
        keepCursorVisible()
    }

    public mutating func handle(_ key: Key) {
        message = nil
        if var e = editor {
            switch key {
            case .escape: editor = nil
            case .enter:
                editor = nil
                apply(e.text)
            default:
                _ = e.handle(key)
                editor = e
            }
            return
        }
        let count = visible.count
        switch key {
        case .char("j"), .down: cursor = min(max(0, count - 1), cursor + 1)
        case .char("k"), .up: cursor = max(0, cursor - 1)
        case .pageDown, .ctrl("f"): cursor = min(max(0, count - 1), cursor + pageHeight)
        case .pageUp, .ctrl("b"): cursor = max(0, cursor - pageHeight)
        case .char("g"), .home: cursor = 0
        case .char("G"), .end: cursor = max(0, count - 1)
        case .char("/"), .char("f"): editor = TextEditor(queryText)
        case .char("o"): toggle("open", removing: "finished")
        case .char("s"): toggle("stale", removing: nil)
        case .enter:
            if cursor < count { openRequested = visible[cursor].id } else { say("no review here", error: true) }
        case .escape where !queryText.isEmpty: apply("")
        case .char("q"), .escape: quitRequested = true
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
